package pdfdoc

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// imageRows counts the images (not soft masks) pdfimages -list reports.
func imageRows(t *testing.T, path string) int {
	t.Helper()
	n := 0
	for _, l := range strings.Split(MustRun(t, "pdfimages", "-list", path), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

// redBox is the bounding box of seal-red pixels on page 1 at 72 dpi, so
// that pixels are points.
func redBox(t *testing.T, path string) image.Rectangle {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	MustRun(t, "pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", path, prefix)
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	var box image.Rectangle
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 120 && b>>8 < 120 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// wordBox finds the bounding box of a word with pdftotext -bbox.
func wordBox(t *testing.T, path, word string) (x0, y0, x1, y1 float64) {
	t.Helper()
	out := MustRun(t, "pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-")
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">` + regexp.QuoteMeta(word) + `</word>`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no word %q in\n%s", word, out)
	}
	v := make([]float64, 4)
	for i := range v {
		v[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	return v[0], v[1], v[2], v[3]
}

func TestSeal(t *testing.T) {
	r := MustRenderer(t)
	for _, withSeal := range []bool{true, false} {
		var seal []byte
		if withSeal {
			seal = testSeal(t, 400)
		}
		n := receiptNotice(shortDescription, seal)
		n.Agency = "济南市莱芜区人民政府办公室"
		pdf, err := r.RenderNotice(n)
		if err != nil {
			t.Fatal(err)
		}
		path := MustWrite(t, pdf)
		want := 0
		if withSeal {
			want = 1
		}
		if got := imageRows(t, path); got != want {
			t.Errorf("seal %v: %d images, want %d", withSeal, got, want)
		}
		box := redBox(t, path)
		if !withSeal {
			if !box.Empty() {
				t.Errorf("red pixels without a seal: %v", box)
			}
			continue
		}
		// 42 mm wide, centred on the date, the date in its lower half.
		dx0, dy0, dx1, dy1 := wordBox(t, path, ChineseDate(n.Date))
		cx, cy := float64(box.Min.X+box.Max.X)/2, float64(box.Min.Y+box.Max.Y)/2
		if w := float64(box.Dx()); w < 42*mm-4 || w > 42*mm+2 {
			t.Errorf("seal is %.0f pt wide, want %.0f", w, 42*mm)
		}
		if dc := (dx0 + dx1) / 2; cx < dc-3 || cx > dc+3 {
			t.Errorf("seal centre x %.0f, date centre %.0f", cx, dc)
		}
		if dm := (dy0 + dy1) / 2; dm < cy || float64(box.Max.Y) < dy1 {
			t.Errorf("date (%.0f–%.0f) is not in the seal's lower half (%v)", dy0, dy1, box)
		}
		// Above the seal: body text, not under it ("上不压正文").
		_, _, _, by1 := wordBox(t, path, "度。")
		if float64(box.Min.Y) < by1 {
			t.Errorf("seal top %d overlaps the last body line (bottom %.0f)", box.Min.Y, by1)
		}
	}
}

func TestSealRejected(t *testing.T) {
	r := MustRenderer(t)
	big := bytes.Repeat([]byte{0}, MaxSealBytes+1)
	tests := []struct {
		name string
		seal []byte
	}{
		{"not a png", []byte("GIF89a")},
		{"too large", big},
		{"too small", testSeal(t, 8)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.RenderNotice(receiptNotice(shortDescription, tt.seal))
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}
