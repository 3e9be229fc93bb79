package redact

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The engines are expensive to start (the renderer compiles for seconds,
// a minute under -race), so the tests share two, and keep the compiled
// renderer in the user's cache folder for the next run, as the Go build
// cache keeps packages. The cache is keyed by wazero's version and the
// module, so a stale entry is never used.
var (
	enginesOnce sync.Once
	plainEngine *Engine // no substitute fonts
	fontEngine  *Engine // FontDir /usr/share/fonts
	engineErr   error
)

// systemFontDir is where Debian puts fonts (fonts-arphic-gbsn00lp,
// fonts-noto-cjk).
const systemFontDir = "/usr/share/fonts"

func TestMain(m *testing.M) {
	code := m.Run()
	if plainEngine != nil {
		plainEngine.Close()
	}
	if fontEngine != nil {
		fontEngine.Close()
	}
	os.Exit(code)
}

func startEngines() {
	// Test binaries carry no module versions, so go.sum keys the cache.
	base := os.TempDir()
	if dir, err := os.UserCacheDir(); err == nil {
		base = dir
	}
	sum, err := os.ReadFile("../../go.sum")
	if err != nil {
		engineErr = err
		return
	}
	cacheDir := filepath.Join(base, "gongkai", fmt.Sprintf("redact-test-%x", sha256.Sum256(sum)))
	if plainEngine, engineErr = New(Config{CacheDir: cacheDir}); engineErr != nil {
		return
	}
	if st, err := os.Stat(systemFontDir); err == nil && st.IsDir() {
		fontEngine, engineErr = New(Config{FontDir: systemFontDir, CacheDir: cacheDir, Workers: 2})
	}
}

// MustEngine returns the shared engine without substitute fonts.
func MustEngine(tb testing.TB) *Engine {
	tb.Helper()
	enginesOnce.Do(startEngines)
	if engineErr != nil {
		tb.Fatal(engineErr)
	}
	return plainEngine
}

// MustFontEngine returns the shared engine whose FontDir holds a CJK font;
// without one it skips, or fails in CI.
func MustFontEngine(tb testing.TB) *Engine {
	tb.Helper()
	MustEngine(tb)
	if fontEngine == nil || !fontEngine.CJKFonts() {
		missing(tb, "a CJK font under "+systemFontDir+" (Debian fonts-arphic-gbsn00lp or fonts-noto-cjk)")
	}
	return fontEngine
}

// missing skips a test for want of a tool, except in CI, where it fails.
func missing(tb testing.TB, what string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("CI needs %s", what)
	}
	tb.Skipf("needs %s", what)
}

// MustTool returns the path of an external program (poppler-utils, qpdf).
func MustTool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(tb, name+" (Debian poppler-utils / qpdf)")
	}
	return p
}

// run runs a tool and returns its standard output; a failure is fatal.
func run(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	cmd := exec.Command(MustTool(tb, name), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	return out.String()
}

// writeTemp writes data into the test's temporary folder.
func writeTemp(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// popplerRender renders page (1-based) of a PDF with pdftoppm at dpi, an
// independent renderer (poppler's), within the crop box as viewers show it.
func popplerRender(tb testing.TB, path string, page, dpi int) image.Image {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "page")
	p := strconv.Itoa(page)
	run(tb, "pdftoppm", "-cropbox", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-png", "-singlefile", path, out)
	f, err := os.Open(out + ".png")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// popplerPage is a page size and rotation as pdfinfo reports them.
type popplerPage struct {
	w, h float64
	rot  int
}

var (
	pdfinfoSize = regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)
	pdfinfoRot  = regexp.MustCompile(`(?m)^Page\s+(\d+) rot:\s+(\d+)`)
)

// popplerPages lists every page's size and rotation with pdfinfo.
func popplerPages(tb testing.TB, path string) []popplerPage {
	tb.Helper()
	out := run(tb, "pdfinfo", "-f", "1", "-l", "9999", path)
	var pages []popplerPage
	for _, m := range pdfinfoSize.FindAllStringSubmatch(out, -1) {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		pages = append(pages, popplerPage{w: w, h: h})
	}
	for _, m := range pdfinfoRot.FindAllStringSubmatch(out, -1) {
		i, _ := strconv.Atoi(m[1])
		pages[i-1].rot, _ = strconv.Atoi(m[2])
	}
	return pages
}

// encodings are the forms a secret could take inside a PDF file: the
// string as is (UTF-8, which is ASCII for the Latin ones), UTF-16 both ways,
// GBK, and each of those as hex digits in either case.
func encodings(s string) map[string][]byte {
	u16be, u16le := []byte{}, []byte{}
	for _, u := range utf16.Encode([]rune(s)) {
		u16be = append(u16be, byte(u>>8), byte(u))
		u16le = append(u16le, byte(u), byte(u>>8))
	}
	forms := map[string][]byte{"utf-8": []byte(s), "utf-16be": u16be, "utf-16le": u16le}
	if gbk, err := simplifiedchinese.GBK.NewEncoder().String(s); err == nil {
		forms["gbk"] = []byte(gbk)
	}
	for name, b := range forms {
		h := hex.EncodeToString(b)
		forms[name+" hex"] = []byte(h)
		forms[name+" HEX"] = []byte(strings.ToUpper(h))
	}
	return forms
}

// findSecrets reports every secret found in data in any encoding.
func findSecrets(data []byte, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		for name, b := range encodings(s) {
			if bytes.Contains(data, b) {
				found = append(found, fmt.Sprintf("%q as %s", s, name))
			}
		}
	}
	return found
}

var streamRE = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)

// inflateStreams returns the decompressed content of every stream that
// zlib can read, concatenated.
func inflateStreams(data []byte) []byte {
	var all bytes.Buffer
	for _, m := range streamRE.FindAllSubmatch(data, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		io.Copy(&all, zr)
		zr.Close()
	}
	return all.Bytes()
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
