package pdfdoc

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	rendererOnce sync.Once
	rendererVal  *Renderer
	rendererErr  error
)

// MustRenderer returns a Renderer over the Debian fonts. Without them it
// skips the test outside CI and fails it in CI, like MustTool.
func MustRenderer(tb testing.TB) *Renderer {
	tb.Helper()
	rendererOnce.Do(func() {
		var f Fonts
		if f, rendererErr = DefaultFonts(); rendererErr == nil {
			rendererVal, rendererErr = NewRenderer(f)
		}
	})
	if rendererErr != nil {
		if os.Getenv("CI") != "true" {
			tb.Skipf("renderer: %v", rendererErr)
		}
		tb.Fatalf("renderer: %v", rendererErr)
	}
	return rendererVal
}

// MustTool returns the path of a poppler tool. It skips the test when the
// tool is missing outside CI and fails it in CI.
func MustTool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing (install poppler-utils)", name)
		}
		tb.Skipf("%s is missing (install poppler-utils)", name)
	}
	return p
}

// MustWrite writes pdf to a temporary file and returns its path.
func MustWrite(tb testing.TB, pdf []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustRun runs a tool and returns its standard output.
func MustRun(tb testing.TB, tool string, args ...string) string {
	tb.Helper()
	out, err := exec.Command(MustTool(tb, tool), args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// run runs a tool and returns its output and error, for tools whose exit
// status carries the verdict.
func run(tb testing.TB, tool string, args ...string) (string, error) {
	tb.Helper()
	out, err := exec.Command(MustTool(tb, tool), args...).CombinedOutput()
	return string(out), err
}

// squash removes all white space, since pdftotext inserts spaces and line
// breaks of its own.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// testSeal draws a red round seal with a star on a transparent ground.
func testSeal(tb testing.TB, size int) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	red := color.NRGBA{R: 220, G: 20, B: 30, A: 230}
	c := float64(size) / 2
	for y := range size {
		for x := range size {
			dx, dy := float64(x)+0.5-c, float64(y)+0.5-c
			r := math.Hypot(dx, dy)
			if r <= c-1 && r >= c*0.9 || inStar(dx/(c*0.3), dy/(c*0.3)) {
				img.Set(x, y, red)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// inStar reports whether (x, y) lies in a unit five-pointed star, by ray
// casting against its ten corners.
func inStar(x, y float64) bool {
	var px, py [10]float64
	for i := range 10 {
		r := 1.0
		if i%2 == 1 {
			r = 0.382
		}
		a := float64(i) * math.Pi / 5
		px[i], py[i] = r*math.Sin(a), -r*math.Cos(a)
	}
	in := false
	for i, j := 0, 9; i < 10; j, i = i, i+1 {
		if (py[i] > y) != (py[j] > y) && x < (px[j]-px[i])*(y-py[i])/(py[j]-py[i])+px[i] {
			in = !in
		}
	}
	return in
}

var testDate = time.Date(2026, 12, 4, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
