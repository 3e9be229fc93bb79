package redact

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"testing"
)

const imageSecret = "IMAGE-META-SECRET-13912340000"

// testImage is 400×300 white with a green square at (250,50)-(350,150) and a
// red one at (0,0)-(100,100).
func testImage() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(250, 50, 350, 150), image.NewUniform(color.RGBA{0, 160, 0, 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 100, 100), image.NewUniform(color.RGBA{220, 0, 0, 255}), image.Point{}, draw.Src)
	return img
}

// pngWith encodes img and inserts chunks after IHDR.
func pngWith(tb testing.TB, img image.Image, chunks ...[]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	b := buf.Bytes()
	ihdrEnd := 8 + 12 + 13
	out := append([]byte{}, b[:ihdrEnd]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, b[ihdrEnd:]...)
}

func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// jpegWith encodes img and inserts segments after SOI.
func jpegWith(tb testing.TB, img image.Image, segments ...[]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		tb.Fatal(err)
	}
	b := buf.Bytes()
	out := append([]byte{}, b[:2]...)
	for _, s := range segments {
		out = append(out, s...)
	}
	return append(out, b[2:]...)
}

func jpegSegment(marker byte, data []byte) []byte {
	s := []byte{0xFF, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(len(data)+2))
	return append(s, data...)
}

// exifOrientationSegment is an APP1 Exif block whose IFD0 holds only the
// orientation (little-endian TIFF).
func exifOrientationSegment(o uint16) []byte {
	t := []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00")
	t = binary.LittleEndian.AppendUint16(t, 1)      // one entry
	t = binary.LittleEndian.AppendUint16(t, 0x0112) // Orientation
	t = binary.LittleEndian.AppendUint16(t, 3)      // SHORT
	t = binary.LittleEndian.AppendUint32(t, 1)
	t = binary.LittleEndian.AppendUint16(t, o)
	t = append(t, 0, 0, 0, 0, 0, 0) // value padding, no next IFD
	return jpegSegment(0xE1, t)
}

// TestImages redacts a PNG and a JPEG into one-page PDFs and checks sizes,
// pixels and that no metadata survives.
func TestImages(t *testing.T) {
	e := MustEngine(t)
	phys := binary.BigEndian.AppendUint32(nil, 11811) // 300 DPI in pixels per metre
	phys = binary.BigEndian.AppendUint32(phys, 11811)
	phys = append(phys, 1)
	tests := []struct {
		name   string
		src    []byte
		kind   Kind
		w, h   float64 // page size in points
		stored bool    // red square still at the top-left (no EXIF turn)
	}{
		{"png", pngWith(t, testImage(), pngChunk("tEXt", []byte("Comment\x00"+imageSecret))), KindPNG, 300, 225, true},
		{"png at 300 dpi", pngWith(t, testImage(), pngChunk("pHYs", phys)), KindPNG, 96, 72, true},
		{"jpeg", jpegWith(t, testImage(), jpegSegment(0xFE, []byte(imageSecret))), KindJPEG, 300, 225, true},
		{"jpeg turned by exif", jpegWith(t, testImage(), exifOrientationSegment(6), jpegSegment(0xFE, []byte(imageSecret))), KindJPEG, 225, 300, false},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := e.Inspect(ctx, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if info.Kind != tt.kind || len(info.Pages) != 1 || math.Abs(info.Pages[0].Width-tt.w) > 0.01 || math.Abs(info.Pages[0].Height-tt.h) > 0.01 {
				t.Fatalf("Inspect: %+v, want %s %gx%g", info, tt.kind, tt.w, tt.h)
			}
			if chars, err := e.Chars(ctx, tt.src); err != nil || len(chars) != 0 {
				t.Errorf("Chars: %d, %v", len(chars), err)
			}
			// Redact the middle tenth of the page.
			box := Box{Page: 1, X: tt.w * 0.45, Y: tt.h * 0.45, W: tt.w * 0.1, H: tt.h * 0.1}
			out, err := e.Apply(ctx, tt.src, []Box{box}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if found := findSecrets(out, []string{imageSecret}); len(found) > 0 {
				t.Errorf("output holds %v", found)
			}
			path := writeTemp(t, "out.pdf", out)
			pages := popplerPages(t, path)
			if len(pages) != 1 || math.Abs(pages[0].w-tt.w) > 0.5 || math.Abs(pages[0].h-tt.h) > 0.5 {
				t.Fatalf("pdfinfo: %+v", pages)
			}
			// Render so that one pixel is one point, then look at the box
			// centre, the red square's corner and white paper.
			img := popplerRender(t, path, 1, 72)
			wantBlack(t, img, box)
			red := color.RGBA{220, 0, 0, 255}
			redAt := image.Pt(int(tt.w*0.1), int(tt.h*0.1))
			if !tt.stored { // turned 90° clockwise: now top-right
				redAt = image.Pt(int(tt.w*0.9), int(tt.h*0.1))
			}
			if c := img.At(redAt.X, redAt.Y); !similar(c, red) {
				t.Errorf("red square at %v is %v", redAt, c)
			}
			if c := img.At(int(tt.w*0.5), int(tt.h*0.9)); !similar(c, color.White) {
				t.Errorf("paper is %v", c)
			}
		})
	}
}

// TestRefuseHugeImage refuses an image beyond maxImagePixels from its header
// alone.
func TestRefuseHugeImage(t *testing.T) {
	ihdr := binary.BigEndian.AppendUint32(nil, 10000)
	ihdr = binary.BigEndian.AppendUint32(ihdr, 10000)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	src := append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
	src = append(src, pngChunk("IDAT", nil)...)
	_, err := MustEngine(t).Inspect(context.Background(), src)
	wantCode(t, "Inspect", err, CodeTooLarge)
}

// TestOrient checks all eight EXIF orientations on a 3×2 raster.
func TestOrient(t *testing.T) {
	// Stored:  a b c
	//          d e f
	r := &raster{w: 3, h: 2, gray: true, pix: []byte("abcdef")}
	tests := []struct {
		o    int
		want string // rows, top to bottom
		w    int
	}{
		{1, "abcdef", 3},
		{2, "cbafed", 3},
		{3, "fedcba", 3},
		{4, "defabc", 3},
		{5, "adbecf", 2},
		{6, "daebfc", 2},
		{7, "fcebda", 2},
		{8, "cfbead", 2},
	}
	for _, tt := range tests {
		got := r.orient(tt.o)
		if string(got.pix) != tt.want || got.w != tt.w {
			t.Errorf("orientation %d: %q (w %d), want %q (w %d)", tt.o, got.pix, got.w, tt.want, tt.w)
		}
	}
}

// TestEncode: clean pages stay lossless (gray when they are gray), noisy
// ones (scans, photos) become JPEG.
func TestEncode(t *testing.T) {
	page := func(gray bool, noise bool) *raster {
		n := 3
		if gray {
			n = 1
		}
		r := &raster{w: 600, h: 800, gray: gray, pix: bytes.Repeat([]byte{255}, 600*800*n)}
		seed := uint32(1)
		for i := range r.pix {
			if noise {
				seed = seed*1664525 + 1013904223
				r.pix[i] = byte(150 + seed>>27)
			} else if i%977 < 40 {
				r.pix[i] = 0 // text-like strokes
			}
		}
		return r
	}
	tests := []struct {
		name   string
		r      *raster
		filter string
	}{
		{"gray text", page(true, false), "FlateDecode"},
		{"colour text", page(false, false), "FlateDecode"},
		{"gray scan", page(true, true), "DCTDecode"},
		{"colour photo", page(false, true), "DCTDecode"},
	}
	for _, tt := range tests {
		e := tt.r.encode()
		if e.filter != tt.filter || e.gray != tt.r.gray {
			t.Errorf("%s: %s gray=%v", tt.name, e.filter, e.gray)
		}
		if tt.filter == "DCTDecode" {
			if _, err := jpeg.Decode(bytes.NewReader(e.data)); err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
	}
}

// TestTransparentPage: a page with a transparency group and a
// half-transparent fill comes out on white paper.
func TestTransparentPage(t *testing.T) {
	src := buildPDF(newBuilder(), []fixturePage{{
		content:   "/GS1 gs 0 0 1 rg 100 100 200 200 re f\n",
		resources: "/ExtGState << /GS1 << /Type /ExtGState /ca 0.5 >> >>",
		extra:     "/Group << /S /Transparency /CS /DeviceRGB >>",
	}}, "", "")
	out, err := MustEngine(t).Apply(context.Background(), src, nil, Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	img := popplerRender(t, writeTemp(t, "out.pdf", out), 1, 72)
	if c := img.At(50, 50); !similar(c, color.White) {
		t.Errorf("paper is %v", c)
	}
	if c := img.At(200, 842-200); !similar(c, color.RGBA{127, 127, 255, 255}) {
		t.Errorf("half-transparent blue is %v", c)
	}
}

// TestRasterComposite: premultiplied pixels land on white (PDFium gives a
// transparent bitmap for pages it finds need a backdrop alpha), and a page
// is gray only if every pixel is.
func TestRasterComposite(t *testing.T) {
	pix := []byte{
		0, 0, 0, 0, // transparent
		0, 0, 128, 128, // half-transparent blue
		10, 10, 10, 255, // opaque dark gray
	}
	r := rasterFromRGBA(pix, 12, 3, 1)
	if r.gray || string(r.pix) != string([]byte{255, 255, 255, 127, 127, 255, 10, 10, 10}) {
		t.Errorf("colour: gray=%v %v", r.gray, r.pix)
	}
	r = rasterFromRGBA([]byte{0, 0, 0, 0, 10, 10, 10, 255}, 8, 2, 1)
	if !r.gray || string(r.pix) != string([]byte{255, 10}) {
		t.Errorf("gray: gray=%v %v", r.gray, r.pix)
	}
}
