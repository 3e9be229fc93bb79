package api

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gongkai/app/pdfdoc"
)

// Reading PDFs back: the poppler tools (pdfinfo, pdftotext, pdfsig,
// pdfimages from poppler-utils) and the free fonts the notices are laid
// out with. Without them a test skips, and fails in CI.

// mustPDFTools skips the test (fails it in CI) without the fonts or the
// poppler tools.
func mustPDFTools(tb testing.TB) {
	tb.Helper()
	missing := func(what string) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing", what)
		}
		tb.Skipf("%s is missing", what)
	}
	if _, err := pdfdoc.DefaultFonts(); err != nil {
		missing(err.Error())
	}
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdfsig", "pdfimages"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(tool + " (poppler-utils)")
		}
	}
}

// writePDF writes b to a temporary file and returns its path.
func writePDF(tb testing.TB, b []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// toolOutput runs a poppler tool; its exit status is returned, not judged.
func toolOutput(tb testing.TB, tool string, args ...string) (string, error) {
	tb.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	return string(out), err
}

func mustRunTool(tb testing.TB, tool string, args ...string) string {
	tb.Helper()
	out, err := toolOutput(tb, tool, args...)
	if err != nil {
		tb.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return out
}

// pdfRead is what the tools read back from a PDF.
type pdfRead struct {
	path   string
	pages  int
	a4     bool
	text   string // all pages, white space removed (pdftotext breaks lines its own way)
	sha256 string
}

func readPDF(tb testing.TB, b []byte) pdfRead {
	tb.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		tb.Fatalf("not a PDF: %.60q", b)
	}
	p := writePDF(tb, b)
	info := mustRunTool(tb, "pdfinfo", p)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		tb.Fatalf("pdfinfo: no page count in\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	sum := sha256.Sum256(b)
	return pdfRead{path: p, pages: n, a4: strings.Contains(info, "Page size:       595.28 x 841.89 pts (A4)"),
		text: squash(mustRunTool(tb, "pdftotext", "-raw", p, "-")), sha256: hex.EncodeToString(sum[:])}
}

// pageText is page n's text, white space removed.
func (r pdfRead) pageText(tb testing.TB, n int) string {
	tb.Helper()
	p := strconv.Itoa(n)
	return squash(mustRunTool(tb, "pdftotext", "-raw", "-f", p, "-l", p, r.path, "-"))
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// wantPDF checks a response is a PDF download and reads it back.
func wantPDF(t *testing.T, r *httptest.ResponseRecorder) pdfRead {
	t.Helper()
	if ct := r.Header().Get("Content-Type"); ct != pdfType {
		t.Fatalf("Content-Type %q, want %s", ct, pdfType)
	}
	cd := r.Header().Get("Content-Disposition")
	if !strings.HasPrefix(cd, `attachment; filename="notice-`) || !strings.Contains(cd, "filename*=UTF-8''") {
		t.Errorf("Content-Disposition %q: want an attachment with an ASCII name and a UTF-8 one", cd)
	}
	return readPDF(t, r.Body.Bytes())
}

// pdfsigVerdict runs pdfsig on the file: valid reports "Signature is
// Valid."; out is the whole report.
func pdfsigVerdict(tb testing.TB, path string) (valid bool, out string) {
	tb.Helper()
	out, _ = toolOutput(tb, "pdfsig", path)
	return strings.Contains(out, "Signature is Valid."), out
}

// pdfImageCount counts the images (not soft masks) of a PDF.
func pdfImageCount(tb testing.TB, path string) int {
	tb.Helper()
	n := 0
	for _, l := range strings.Split(mustRunTool(tb, "pdfimages", "-list", path), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

// sealPNG draws a red ring with a bar on a transparent ground, side
// pixels square; opaque fills the ground white instead.
func sealPNG(tb testing.TB, side int, opaque bool) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	red := color.NRGBA{R: 220, G: 20, B: 30, A: 235}
	c := float64(side) / 2
	for y := range side {
		for x := range side {
			dx, dy := float64(x)+0.5-c, float64(y)+0.5-c
			r := math.Hypot(dx, dy)
			switch {
			case r <= c-1 && r >= c*0.88, math.Abs(dy) < c*0.08 && math.Abs(dx) < c*0.5:
				img.Set(x, y, red)
			case opaque:
				img.Set(x, y, color.NRGBA{R: 255, G: 255, B: 255, A: 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// zipFiles reads a ZIP into its files by name.
func zipFiles(tb testing.TB, b []byte) map[string][]byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

// manifestSums are a dossier manifest's SHA-256 sums by path.
func manifestSums(tb testing.TB, manifest []byte) map[string]string {
	tb.Helper()
	var m struct {
		Files []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.Unmarshal(manifest, &m); err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range m.Files {
		out[f.Path] = f.SHA256
	}
	return out
}

// repeatTo is s repeated and cut to n runes, ending in 。 when end is set.
func repeatTo(s string, n int) string {
	r := []rune(strings.Repeat(s, n/len([]rune(s))+1))[:n]
	return string(r)
}

// numbered is n runes of numbered sentences, so that every part of a long
// text can be found in the output.
func numbered(n int) string {
	var b strings.Builder
	for i := 1; len([]rune(b.String())) < n; i++ {
		fmt.Fprintf(&b, "第%d项，申请人要求公开房屋征收补偿协议（编号LW-%04d）的签订日期、补偿金额和安置方式。", i, i)
	}
	return string([]rune(b.String())[:n])
}
