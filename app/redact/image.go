package redact

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"iter"
)

// maxImagePixels bounds a PNG or JPEG (a 48-megapixel phone photo passes),
// and with it the memory that decoding takes.
const maxImagePixels = 50_000_000

// defaultImageDPI is used when an image declares no plausible resolution:
// the CSS pixel, so that the page is as large as a browser shows the image.
const defaultImageDPI = 96

// imageInfo is what the header of a PNG or JPEG says.
type imageInfo struct {
	w, h   int // pixels, as displayed (after the EXIF orientation)
	dpi    float64
	orient int // EXIF orientation 1..8 (JPEG only)
}

func (im imageInfo) page() PageInfo {
	return PageInfo{Width: float64(im.w) * 72 / im.dpi, Height: float64(im.h) * 72 / im.dpi}
}

// inspectImage reads an image's header: size, resolution and orientation.
func inspectImage(src []byte, kind Kind) (imageInfo, error) {
	var cfg image.Config
	var err error
	im := imageInfo{orient: 1}
	if kind == KindPNG {
		cfg, err = png.DecodeConfig(bytes.NewReader(src))
		im.dpi = pngDPI(src)
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(src))
		im.dpi, im.orient = jpegMeta(src)
	}
	if err != nil {
		return imageInfo{}, docErr(CodeBroken, 0, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return imageInfo{}, docErr(CodeBroken, 0, fmt.Errorf("empty image"))
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return imageInfo{}, docErr(CodeTooLarge, 0, fmt.Errorf("%dx%d pixels, at most %d", cfg.Width, cfg.Height, maxImagePixels))
	}
	if im.dpi < 72 || im.dpi > 2400 {
		im.dpi = defaultImageDPI
	}
	im.w, im.h = cfg.Width, cfg.Height
	if im.orient >= 5 {
		im.w, im.h = im.h, im.w
	}
	return im, nil
}

// decodeImage decodes an image to an upright raster.
func decodeImage(src []byte, kind Kind, im imageInfo) (*raster, error) {
	var img image.Image
	var err error
	if kind == KindPNG {
		img, err = png.Decode(bytes.NewReader(src))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(src))
	}
	if err != nil {
		return nil, docErr(CodeBroken, 0, err)
	}
	return rasterFromImage(img).orient(im.orient), nil
}

// orient turns a raster upright per an EXIF orientation (1..8), as browsers
// show JPEGs.
func (r *raster) orient(o int) *raster {
	if o <= 1 || o > 8 {
		return r
	}
	n := 3
	if r.gray {
		n = 1
	}
	w, h := r.w, r.h
	out := &raster{w: w, h: h, gray: r.gray, pix: make([]byte, len(r.pix))}
	if o >= 5 {
		out.w, out.h = h, w
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			copy(out.pix[(dy*out.w+dx)*n:(dy*out.w+dx+1)*n], r.pix[(y*w+x)*n:(y*w+x+1)*n])
		}
	}
	return out
}

// pngDPI reads the pHYs chunk (pixels per metre), 0 if absent.
func pngDPI(src []byte) float64 {
	for p := 8; p+12 <= len(src); {
		n := int(binary.BigEndian.Uint32(src[p:]))
		typ := string(src[p+4 : p+8])
		if n < 0 || p+12+n > len(src) || typ == "IDAT" {
			return 0
		}
		if typ == "pHYs" && n == 9 && src[p+16] == 1 {
			return float64(binary.BigEndian.Uint32(src[p+8:])) * 0.0254
		}
		p += 12 + n
	}
	return 0
}

// jpegMeta reads the JFIF density (0 if absent) and the EXIF orientation
// (1 if absent) from the segments before the image data.
func jpegMeta(src []byte) (dpi float64, orient int) {
	orient = 1
	for marker, seg := range jpegSegments(src) {
		switch {
		case marker == 0xE0 && len(seg) >= 12 && string(seg[:5]) == "JFIF\x00":
			dpi = jfifDPI(seg)
		case marker == 0xE1 && len(seg) >= 14 && string(seg[:6]) == "Exif\x00\x00":
			if o := exifOrientation(seg[6:]); o >= 1 && o <= 8 {
				orient = o
			}
		}
	}
	return dpi, orient
}

// jpegSegments yields each marker segment and its payload up to the start
// of the scan, stopping at anything malformed.
func jpegSegments(src []byte) iter.Seq2[byte, []byte] {
	return func(yield func(byte, []byte) bool) {
		for p := 2; p+4 <= len(src) && src[p] == 0xFF; {
			marker := src[p+1]
			if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xFF {
				p++ // markers without a length
				continue
			}
			n := int(binary.BigEndian.Uint16(src[p+2:]))
			if n < 2 || p+2+n > len(src) || marker == 0xDA {
				return
			}
			if !yield(marker, src[p+4:p+2+n]) {
				return
			}
			p += 2 + n
		}
	}
}

// jfifDPI reads the density of a JFIF APP0 segment (0 when it gives only
// an aspect ratio).
func jfifDPI(seg []byte) float64 {
	d := float64(binary.BigEndian.Uint16(seg[8:]))
	switch seg[7] {
	case 1:
		return d
	case 2:
		return d * 2.54
	}
	return 0
}

// exifOrientation finds tag 0x0112 in IFD0 of a TIFF structure.
func exifOrientation(t []byte) int {
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 0
	}
	count := int(bo.Uint16(t[ifd:]))
	for i := 0; i < count; i++ {
		e := ifd + 2 + 12*i
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			return int(bo.Uint16(t[e+8:]))
		}
	}
	return 0
}
