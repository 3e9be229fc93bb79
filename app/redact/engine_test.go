package redact

import (
	"bytes"
	"context"
	"errors"
	"image"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestFontMissing: without a substitute font, a page of Chinese text in a
// non-embedded font is refused rather than rendered blank, while its text
// layer is still readable.
func TestFontMissing(t *testing.T) {
	e := MustEngine(t)
	if e.CJKFonts() {
		t.Fatal("an engine without FontDir claims CJK fonts")
	}
	ctx := context.Background()
	src := leakPDF(t)
	_, err := e.Inspect(ctx, src)
	wantCode(t, "Inspect", err, CodeFontMissing)
	var re *Error
	if errors.As(err, &re) && re.Page != 1 {
		t.Errorf("page %d, want 1", re.Page)
	}
	_, err = e.Apply(ctx, src, nil, Options{})
	wantCode(t, "Apply", err, CodeFontMissing)
	chars, err := e.Chars(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(Find(chars, secretName)) != 1 {
		t.Errorf("Find(%q) without fonts: %+v", secretName, Find(chars, secretName))
	}
	// Latin text in a non-embedded font (Courier) needs no FontDir.
	if _, err := e.Apply(ctx, textPDF(1, []string{"x"}), nil, Options{}); err != nil {
		t.Errorf("Courier page: %v", err)
	}
}

// TestEmbeddedCJK: Chinese in an embedded TrueType font renders and is found
// without FontDir, and its font and ToUnicode map (which spell the text)
// do not reach the output.
func TestEmbeddedCJK(t *testing.T) {
	const font = systemFontDir + "/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
	if _, err := os.Stat(font); err != nil {
		missing(t, font+" (Debian fonts-arphic-gbsn00lp)")
	}
	e := MustEngine(t)
	ctx := context.Background()
	src := cjkEmbeddedPDF(t, font, "申请人"+secretName+"的电话")
	if text := run(t, "pdftotext", writeTemp(t, "in.pdf", src), "-"); !strings.Contains(text, secretName) {
		t.Fatalf("pdftotext of the fixture: %q", text)
	}
	chars, err := e.Chars(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	boxes := Find(chars, secretName)
	if len(boxes) != 1 || boxes[0].X < 72+3*24-1 || boxes[0].X > 72+3*24+1 || boxes[0].W < 3*24-2 || boxes[0].W > 3*24+2 {
		t.Fatalf("Find(%q): %+v, want x 144 w 72", secretName, boxes)
	}
	out, err := e.Apply(ctx, src, boxes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if found := findSecrets(append(append([]byte{}, out...), inflateStreams(out)...), []string{secretName, "申请人"}); len(found) > 0 {
		t.Errorf("output holds %v", found)
	}
	path := writeTemp(t, "out.pdf", out)
	img := popplerRender(t, path, 1, 72)
	if ink := inkBox(img, image.Rect(72, 842-700-22, 72+3*24-2, 842-700+6)); ink.Empty() {
		t.Error("申请人 before the box vanished")
	}
	wantBlack(t, img, boxes[0])
}

// TestDeterministic: the same input gives the same bytes, also from two
// documents processed at once.
func TestDeterministic(t *testing.T) {
	e := MustFontEngine(t) // two workers
	src := leakPDF(t)
	boxes := []Box{{Page: 1, X: 100, Y: 100, W: 200, H: 50}, {Page: 3, X: 10, Y: 10, W: 30, H: 30}}
	outs := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := e.Apply(context.Background(), src, boxes, Options{DPI: 100})
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		}()
	}
	wg.Wait()
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Fatalf("run %d differs from run 0 (%d vs %d bytes)", i, len(outs[i]), len(outs[0]))
		}
	}
}

// TestProgressAndCancel: progress comes page by page; a cancelled context
// stops Apply, and the engine works afterwards.
func TestProgressAndCancel(t *testing.T) {
	e := MustEngine(t)
	src := textPDF(6, []string{"line"})
	var got []int
	_, err := e.Apply(context.Background(), src, nil, Options{DPI: 72, Progress: func(done, total int) {
		if total != 6 {
			t.Errorf("total %d", total)
		}
		got = append(got, done)
	}})
	if err != nil || len(got) != 6 || got[0] != 1 || got[5] != 6 {
		t.Fatalf("progress %v, err %v", got, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Apply(ctx, src, nil, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	last := 0
	_, err = e.Apply(ctx, src, nil, Options{DPI: 72, Progress: func(done, total int) {
		last = done
		if done == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || last >= 6 {
		t.Errorf("cancelled midway: %v after %d pages", err, last)
	}
	if _, err := e.Inspect(context.Background(), src); err != nil {
		t.Errorf("engine after cancel: %v", err)
	}
}

// TestFontFS checks the renderer's file system: FontDir under
// /usr/share/fonts, folders above it, nothing else.
func TestFontFS(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/a.ttf", []byte("font"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := newFontFS(dir)
	for _, name := range []string{".", "usr", "usr/share", "usr/share/fonts", "usr/share/fonts/a.ttf"} {
		file, err := f.Open(name)
		if err != nil {
			t.Errorf("Open(%q): %v", name, err)
			continue
		}
		file.Close()
	}
	for _, name := range []string{"etc/passwd", "usr/lib", "usr/share/fonts/../../../etc/passwd", "/usr/share/fonts"} {
		if file, err := f.Open(name); err == nil {
			file.Close()
			t.Errorf("Open(%q) succeeded", name)
		}
	}
	entries, err := fs.ReadDir(f, "usr/share")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if err != nil || strings.Join(names, ",") != "fonts" {
		t.Errorf("usr/share lists %v, %v", names, err)
	}
}
