package redact

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
)

// raster is an opaque page image: 3 bytes a pixel (RGB) or 1 (gray).
type raster struct {
	w, h int
	gray bool
	pix  []byte
}

// rasterFromRGBA copies premultiplied RGBA pixels, composited on white, into
// a raster of its own, gray when every pixel is gray.
func rasterFromRGBA(pix []byte, stride, w, h int) *raster {
	gray := true
	for y := 0; y < h && gray; y++ {
		row := pix[y*stride : y*stride+4*w]
		for x := 0; x < len(row); x += 4 {
			if row[x] != row[x+1] || row[x] != row[x+2] {
				gray = false
				break
			}
		}
	}
	n := 3
	if gray {
		n = 1
	}
	r := &raster{w: w, h: h, gray: gray, pix: make([]byte, w*h*n)}
	o := 0
	for y := 0; y < h; y++ {
		row := pix[y*stride : y*stride+4*w]
		for x := 0; x < len(row); x += 4 {
			white := 255 - row[x+3] // premultiplied: c + (1-a)·white
			r.pix[o] = row[x] + white
			if !gray {
				r.pix[o+1] = row[x+1] + white
				r.pix[o+2] = row[x+2] + white
			}
			o += n
		}
	}
	return r
}

// rasterFromImage copies any decoded image, composited on white.
func rasterFromImage(img image.Image) *raster {
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Src)
	return rasterFromRGBA(rgba.Pix, rgba.Stride, b.Dx(), b.Dy())
}

// margin widens every painted box so that anti-aliased glyph edges just
// outside it are covered too.
const margin = 1.0

// paint fills each box (in points, with margin) with black, scale being
// pixels per point. Box edges are rounded outwards.
func (r *raster) paint(boxes []Box, sx, sy float64) {
	n := 3
	if r.gray {
		n = 1
	}
	for _, b := range boxes {
		x0 := clampInt(int(math.Floor((b.X-margin)*sx)), 0, r.w)
		y0 := clampInt(int(math.Floor((b.Y-margin)*sy)), 0, r.h)
		x1 := clampInt(int(math.Ceil((b.X+b.W+margin)*sx)), 0, r.w)
		y1 := clampInt(int(math.Ceil((b.Y+b.H+margin)*sy)), 0, r.h)
		for y := y0; y < y1; y++ {
			clear(r.pix[(y*r.w+x0)*n : (y*r.w+x1)*n])
		}
	}
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// encoded is a page image ready for the PDF: its samples and filter.
type encoded struct {
	w, h   int
	gray   bool
	filter string // FlateDecode or DCTDecode
	data   []byte
}

// jpegThreshold: a page whose lossless form is larger than this share of its
// raw size is a scan or a photo, for which JPEG is several times smaller.
const jpegThreshold = 0.25

// encode compresses a raster losslessly, or as a JPEG (quality 85) when the
// page is photographic and the JPEG is smaller. Both are deterministic.
func (r *raster) encode() encoded {
	e := encoded{w: r.w, h: r.h, gray: r.gray, filter: "FlateDecode"}
	var buf bytes.Buffer
	// Fastest level: twice as fast as the default for 5% more bytes, and
	// compression is what bounds the whole pipeline.
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
	_, _ = zw.Write(r.pix)
	_ = zw.Close()
	e.data = buf.Bytes()
	if float64(len(e.data)) <= jpegThreshold*float64(len(r.pix)) {
		return e
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, r.image(), &jpeg.Options{Quality: 85}); err == nil && jb.Len() < len(e.data) {
		e.filter, e.data = "DCTDecode", jb.Bytes()
	}
	return e
}

// image wraps a gray raster's pixels, or copies an RGB one into the RGBA
// form for which image/jpeg has its fast path, for the JPEG encoder.
func (r *raster) image() image.Image {
	rect := image.Rect(0, 0, r.w, r.h)
	if r.gray {
		return &image.Gray{Pix: r.pix, Stride: r.w, Rect: rect}
	}
	m := image.NewRGBA(rect)
	for i, o := 0, 0; i < len(r.pix); i, o = i+3, o+4 {
		m.Pix[o], m.Pix[o+1], m.Pix[o+2], m.Pix[o+3] = r.pix[i], r.pix[i+1], r.pix[i+2], 255
	}
	return m
}
