package pdfdoc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewRendererRejectsFonts(t *testing.T) {
	MustRenderer(t) // skips or fails without the fonts
	good, err := DefaultFonts()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		want string
	}{
		{"collection", write("a.ttc", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x02")), "collection"},
		{"cff", write("a.otf", []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20")), "CFF"},
		{"not a font", write("a.txt", []byte("just some text, not a font")), "not a TrueType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good
			f.Body = tt.path
			_, err := NewRenderer(f)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalid saying %q", err, tt.want)
			}
		})
	}
	f := good
	f.Bold = ""
	if _, err := NewRenderer(f); !errors.Is(err, ErrInvalid) {
		t.Errorf("no bold font: err = %v, want ErrInvalid", err)
	}
	f = good
	f.Title = filepath.Join(dir, "missing.ttf")
	if _, err := NewRenderer(f); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestFallbackFont renders a given name outside GB 2312 (喆) with the
// fallback face, and without one still renders.
func TestFallbackFont(t *testing.T) {
	MustRenderer(t)
	fonts, err := DefaultFonts()
	if err != nil {
		t.Fatal(err)
	}
	if fonts.Fallback == "" {
		t.Skip("no fallback font installed")
	}
	n := extensionNotice()
	n.Recipient = "王喆"
	for _, withFallback := range []bool{true, false} {
		f := fonts
		if !withFallback {
			f.Fallback = ""
		}
		r, err := NewRenderer(f)
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := r.RenderNotice(n)
		if err != nil {
			t.Fatal(err)
		}
		path := MustWrite(t, pdf)
		usesFallback := strings.Contains(strings.ToLower(MustRun(t, "pdffonts", path)), "wenkai-regular")
		if usesFallback != withFallback {
			t.Errorf("fallback %v: pdffonts lists it: %v", withFallback, usesFallback)
		}
		if withFallback && !strings.Contains(squash(MustRun(t, "pdftotext", path, "-")), "王喆：") {
			t.Error("the fallback character is not in the text")
		}
	}
}

func TestRenderNoticeRejects(t *testing.T) {
	r := MustRenderer(t)
	tests := []struct {
		name string
		edit func(*Notice)
	}{
		{"no title", func(n *Notice) { n.Title = " " }},
		{"no agency", func(n *Notice) { n.Agency = "" }},
		{"no date", func(n *Notice) { n.Date = time.Time{} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := extensionNotice()
			tt.edit(&n)
			if _, err := r.RenderNotice(n); !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

// TestFontsFromDir replaces faces by the licensed file names an agency
// installs (any case), drops the title stroke only for a real 小标宋, and
// refuses a directory with none of the names.
func TestFontsFromDir(t *testing.T) {
	base := Fonts{Title: "/free/title.ttf", Body: "/free/body.ttf", Bold: "/free/bold.ttf", TitleStroke: defaultTitleStroke}
	dir := t.TempDir()
	for _, n := range []string{"fzxbsjw.ttf", "仿宋_GB2312.ttf", "readme.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, roles, err := FontsFromDir(dir, base)
	if err != nil {
		t.Fatal(err)
	}
	want := Fonts{Title: filepath.Join(dir, "fzxbsjw.ttf"), Body: filepath.Join(dir, "仿宋_GB2312.ttf"), Bold: "/free/bold.ttf"}
	if f != want || strings.Join(roles, ",") != "body,title" {
		t.Errorf("FontsFromDir = %+v %v, want %+v [body title]", f, roles, want)
	}
	bodyOnly := t.TempDir()
	os.WriteFile(filepath.Join(bodyOnly, "body.ttf"), []byte("x"), 0o644)
	if f, _, err := FontsFromDir(bodyOnly, base); err != nil || f.TitleStroke != defaultTitleStroke || f.Title != base.Title {
		t.Errorf("body only: %+v %v; want the free title with its stroke", f, err)
	}
	if _, _, err := FontsFromDir(t.TempDir(), base); err == nil || !strings.Contains(err.Error(), "FZXBSJW.TTF") {
		t.Errorf("empty directory: err = %v, want the names it looks for", err)
	}
}
