package redact

import (
	"context"
	"image"
	"image/color"
	"math"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestLeakFixtureHoldsSecrets makes sure the leak test can fail: every
// secret is really in the input, in a place poppler can show.
func TestLeakFixtureHoldsSecrets(t *testing.T) {
	src := leakPDF(t)
	raw := append(append([]byte{}, src...), inflateStreams(src)...)
	for _, s := range allSecrets {
		if len(findSecrets(raw, []string{s})) == 0 {
			t.Errorf("fixture lacks %q", s)
		}
	}
	path := writeTemp(t, "in.pdf", src)
	text := run(t, "pdftotext", path, "-")
	for _, s := range []string{secretPhone, secretID, secretOCR, secretCovered} {
		if !strings.Contains(text, s) {
			t.Errorf("pdftotext of the input lacks %q", s)
		}
	}
	if strings.Contains(text, secretOld) {
		t.Errorf("the later revision should hide %q", secretOld)
	}
	if meta := run(t, "pdfinfo", "-meta", path); !strings.Contains(meta, secretXMP) {
		t.Errorf("pdfinfo -meta of the input lacks the XMP secret:\n%s", meta)
	}
	if list := run(t, "pdfdetach", "-list", path); !strings.Contains(list, "1 embedded files") {
		t.Errorf("pdfdetach -list of the input: %s", list)
	}
}

// TestApplyLeavesNothing redacts the visible secrets of the leak fixture and
// looks for every secret in the output with poppler, qpdf and a byte search.
func TestApplyLeavesNothing(t *testing.T) {
	e := MustFontEngine(t)
	ctx := context.Background()
	src := leakPDF(t)
	info, err := e.Inspect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	chars, err := e.Chars(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	var boxes []Box
	for _, s := range visibleSecrets {
		found := Find(chars, s)
		if len(found) == 0 {
			t.Fatalf("Find(%q) found nothing", s)
		}
		boxes = append(boxes, found...)
	}
	out, err := e.Apply(ctx, src, boxes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	outPath := writeTemp(t, "out.pdf", out)

	t.Run("no text", func(t *testing.T) {
		if text := strings.TrimSpace(run(t, "pdftotext", outPath, "-")); text != "" {
			t.Errorf("pdftotext found text: %q", text)
		}
		again, err := e.Chars(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != 0 {
			t.Errorf("Chars of the output: %d characters", len(again))
		}
	})
	t.Run("no metadata", func(t *testing.T) {
		if meta := strings.TrimSpace(run(t, "pdfinfo", "-meta", outPath)); meta != "" {
			t.Errorf("pdfinfo -meta: %q", meta)
		}
		infoText := run(t, "pdfinfo", outPath)
		for _, key := range []string{"Title:", "Author:", "Subject:", "Keywords:", "Creator:"} {
			if strings.Contains(infoText, key) {
				t.Errorf("pdfinfo shows %s\n%s", key, infoText)
			}
		}
		for _, want := range []string{`Producer:\s+` + producer, `Encrypted:\s+no`, `Form:\s+none`, `JavaScript:\s+no`} {
			if !regexp.MustCompile(want).MatchString(infoText) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, infoText)
			}
		}
	})
	t.Run("no attachments", func(t *testing.T) {
		if list := run(t, "pdfdetach", "-list", outPath); !strings.Contains(list, "0 embedded files") {
			t.Errorf("pdfdetach -list: %s", list)
		}
	})
	t.Run("no bytes", func(t *testing.T) {
		if found := findSecrets(out, allSecrets); len(found) > 0 {
			t.Errorf("raw output holds %v", found)
		}
		if found := findSecrets(inflateStreams(out), allSecrets); len(found) > 0 {
			t.Errorf("inflated streams hold %v", found)
		}
		for _, word := range []string{"/Annots", "/AcroForm", "/EmbeddedFile", "/Metadata", "/Outlines", "/JavaScript", "/Font", "/Prev", "/Encrypt", "/Names"} {
			if strings.Contains(string(out), word) {
				t.Errorf("output contains %s", word)
			}
		}
	})
	t.Run("qpdf", func(t *testing.T) {
		qdf := writeTemp(t, "qdf.pdf", nil)
		run(t, "qpdf", "--check", outPath)
		cmd := exec.Command(MustTool(t, "qpdf"), "--qdf", "--object-streams=disable", "--decode-level=all", outPath, qdf)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("qpdf --qdf: %v\n%s", err, b)
		}
		data := readFile(t, qdf)
		if found := findSecrets(data, allSecrets); len(found) > 0 {
			t.Errorf("qpdf --qdf output holds %v", found)
		}
	})
	t.Run("pages", func(t *testing.T) {
		inPath := writeTemp(t, "in.pdf", src)
		in, got := popplerPages(t, inPath), popplerPages(t, outPath)
		if len(got) != len(in) || len(got) != len(info.Pages) {
			t.Fatalf("pages: poppler in %d, out %d; Inspect %d", len(in), len(got), len(info.Pages))
		}
		for i := range in {
			w, h := in[i].w, in[i].h
			if in[i].rot%180 == 90 {
				w, h = h, w
			}
			if math.Abs(got[i].w-w) > 0.5 || math.Abs(got[i].h-h) > 0.5 || got[i].rot != 0 {
				t.Errorf("page %d: out %+v, in %+v displayed %gx%g", i+1, got[i], in[i], w, h)
			}
			if math.Abs(info.Pages[i].Width-w) > 0.5 || math.Abs(info.Pages[i].Height-h) > 0.5 {
				t.Errorf("page %d: Inspect %+v, poppler %gx%g", i+1, info.Pages[i], w, h)
			}
		}
	})
	t.Run("pixels", func(t *testing.T) {
		inPath := writeTemp(t, "in.pdf", src)
		for page := 1; page <= len(info.Pages); page++ {
			img := popplerRender(t, outPath, page, 72)
			for _, b := range boxes {
				if b.Page == page {
					wantBlack(t, img, b)
				}
			}
		}
		// Outside the boxes, page 1 looks as before: the blue rectangle
		// (PDF 400,100 100x50 → displayed 450,717), white paper, and the
		// line that was not redacted.
		before, after := popplerRender(t, inPath, 1, 72), popplerRender(t, outPath, 1, 72)
		for _, p := range []image.Point{{450, 717}, {300, 300}, {500, 20}} {
			if !similar(before.At(p.X, p.Y), after.At(p.X, p.Y)) {
				t.Errorf("pixel %v was %v, now %v", p, before.At(p.X, p.Y), after.At(p.X, p.Y))
			}
		}
		if c := after.At(450, 717); !similar(c, color.RGBA{0, 0, 255, 255}) {
			t.Errorf("blue rectangle is %v", c)
		}
		if ink := inkBox(after, image.Rect(60, 430, 320, 450)); ink.Empty() {
			t.Errorf("the unredacted line vanished")
		}
	})
}

// TestFindPositions compares the boxes Find returns with where the fixture
// drew the text: Courier 12 pt from (72, 700), 7.2 pt a character.
func TestFindPositions(t *testing.T) {
	e := MustFontEngine(t)
	chars, err := e.Chars(context.Background(), leakPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		phrase string
		page   int
		first  int // character offset in "Phone 13812345678 ID 110101199003078515"
	}{
		{"phone", secretPhone, 1, 6},
		{"id", secretID, 1, 21},
		{"phrase across a space", "78 ID 11", 1, 15},
		{"part of a number", "345", 1, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var boxes []Box
			for _, b := range Find(chars, tt.phrase) {
				if b.Page == tt.page && b.Y < 150 {
					boxes = append(boxes, b)
				}
			}
			if len(boxes) != 1 {
				t.Fatalf("Find(%q) on line 1: %+v", tt.phrase, boxes)
			}
			b := boxes[0]
			wantX, wantW := 72+7.2*float64(tt.first), 7.2*float64(len(tt.phrase))
			baseline := 842.0 - 700
			if math.Abs(b.X-wantX) > 1 || math.Abs(b.W-wantW) > 1.5 {
				t.Errorf("box %+v: want x %.1f w %.1f", b, wantX, wantW)
			}
			// The cell reaches above the digits' tops (about 7 pt above
			// the baseline) and down to the baseline at least.
			if b.Y > baseline-7 || b.Y+b.H < baseline || b.H > 14 {
				t.Errorf("box %+v: want y ≤ %.1f, bottom ≥ %.1f", b, baseline-7, baseline)
			}
		})
	}
	t.Run("chinese", func(t *testing.T) {
		boxes := Find(chars, secretName)
		if len(boxes) != 1 {
			t.Fatalf("Find(%q): %+v", secretName, boxes)
		}
		// STSong-Light 16 pt, one em a character, after 申请人 from x 160.
		b := boxes[0]
		if math.Abs(b.X-(160+3*16)) > 1.5 || math.Abs(b.W-3*16) > 2 || b.Y > 842-668-11 || b.Y+b.H < 842-668 {
			t.Errorf("box %+v: want x %d w %d around baseline %d", b, 160+48, 48, 842-668)
		}
	})
}

// TestRotations checks that boxes follow /Rotate and /CropBox: the box Find
// gives for a line must hold every dark pixel poppler draws for it, and
// not be much larger.
func TestRotations(t *testing.T) {
	e := MustEngine(t)
	ctx := context.Background()
	src := rotationPDF()
	path := writeTemp(t, "rot.pdf", src)
	info, err := e.Inspect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	chars, err := e.Chars(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	boxes := Find(chars, "No. "+secretPhone)
	if len(boxes) != 4 {
		t.Fatalf("Find: %+v", boxes)
	}
	for i, rot := range []int{0, 90, 180, 270} {
		p := info.Pages[i]
		w, h := 360.0, 530.0
		if rot%180 == 90 {
			w, h = h, w
		}
		if p.Rotate != rot || math.Abs(p.Width-w) > 0.01 || math.Abs(p.Height-h) > 0.01 {
			t.Errorf("page %d: %+v, want %gx%g rotated %d", i+1, p, w, h, rot)
		}
		b := boxes[i]
		ink := inkBox(popplerRender(t, path, i+1, 72), image.Rect(0, 0, int(w), int(h)))
		got := image.Rect(int(math.Floor(b.X))-1, int(math.Floor(b.Y))-1, int(math.Ceil(b.X+b.W))+1, int(math.Ceil(b.Y+b.H))+1)
		if ink.Empty() || !ink.In(got) {
			t.Errorf("page %d (rotate %d): ink %v not inside box %v", i+1, rot, ink, got)
		}
		if area(got) > 2*area(ink) {
			t.Errorf("page %d (rotate %d): box %v much larger than ink %v", i+1, rot, got, ink)
		}
	}
	// Redacting those boxes leaves no ink on any page.
	out, err := e.Apply(ctx, src, boxes, Options{DPI: 100})
	if err != nil {
		t.Fatal(err)
	}
	outPath := writeTemp(t, "out.pdf", out)
	for i := range boxes {
		wantBlack(t, popplerRender(t, outPath, i+1, 72), boxes[i])
	}
}

// wantBlack fails unless every pixel of box b (rendered at 72 DPI, one
// pixel a point) is black; the outermost pixel row is left out, where the
// second renderer's resampling blurs the edge.
func wantBlack(t *testing.T, img image.Image, b Box) {
	t.Helper()
	inner := image.Rect(int(math.Ceil(b.X))+1, int(math.Ceil(b.Y))+1, int(b.X+b.W)-1, int(b.Y+b.H)-1)
	for y := inner.Min.Y; y < inner.Max.Y; y++ {
		for x := inner.Min.X; x < inner.Max.X; x++ {
			if !isBlack(img.At(x, y)) {
				t.Errorf("page %d: pixel %d,%d inside box %+v is %v", b.Page, x, y, b, img.At(x, y))
				return
			}
		}
	}
}

func isBlack(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r < 0x1000 && g < 0x1000 && b < 0x1000
}

// similar compares two colours within a small tolerance (two renderers
// anti-alias differently; solid areas agree).
func similar(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return math.Abs(float64(x)-float64(y)) < 0x1800 }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

// inkBox is the bounding box of the dark pixels of img within r.
func inkBox(img image.Image, r image.Rectangle) image.Rectangle {
	var ink image.Rectangle
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c, _, _, _ := color.GrayModel.Convert(img.At(x, y)).RGBA(); c < 0x8000 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return ink
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }
