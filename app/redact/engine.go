package redact

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Config configures an Engine.
type Config struct {
	// FontDir is a directory of TrueType/OpenType fonts (searched
	// recursively, for example /usr/share/fonts with Debian's
	// fonts-noto-cjk) that the renderer substitutes for fonts a PDF uses
	// without embedding them. Chinese documents often name 宋体 (SimSun)
	// without embedding it; with no CJK font here such documents are refused
	// with CodeFontMissing instead of losing their text. Empty: no fonts.
	FontDir string
	// Workers is how many documents are processed at the same time, each in
	// its own WebAssembly instance; callers beyond that wait. Default 1.
	Workers int
	// CacheDir, if set, keeps the compiled renderer on disk so that the next
	// start skips the compilation (about 4 s on two cores). Entries live in
	// a subfolder named after the wazero and go-pdfium versions, since
	// wazero trusts its cache files.
	CacheDir string
}

// memoryLimitPages caps each renderer instance's memory at 2 GiB (64 KiB
// pages): a 50 MB file and the largest page bitmap fit with room to spare.
const memoryLimitPages = 32768

// Engine renders and rebuilds documents. It holds the compiled PDFium
// module; create one per process with New and Close it at shutdown. An
// Engine is safe for concurrent use. Every document is opened in a fresh
// WebAssembly instance that sees no file system except FontDir (read only),
// so a hostile PDF that subverted PDFium could still reach nothing, and one
// document's state never meets the next.
type Engine struct {
	pool pdfium.Pool
	// cjk says a non-embedded Chinese font renders (checked in New).
	cjk bool
}

// New compiles the renderer (a few seconds) and checks which substitute
// fonts work. It fails only if the renderer cannot start or FontDir is not a
// directory.
func New(cfg Config) (*Engine, error) {
	workers := cfg.Workers
	if workers <= 0 {
		workers = 1
	}
	rc := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to exception handling.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		// Cancelling a document's context aborts PDFium mid-page.
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(memoryLimitPages)
	if cfg.CacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(cfg.CacheDir, cacheKey()))
		if err != nil {
			return nil, fmt.Errorf("redact: compilation cache: %w", err)
		}
		rc = rc.WithCompilationCache(cache)
	}
	fsc := wazero.NewFSConfig()
	if cfg.FontDir != "" {
		st, err := os.Stat(cfg.FontDir)
		if err != nil {
			return nil, fmt.Errorf("redact: font dir: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("redact: font dir %s is not a directory", cfg.FontDir)
		}
		fsc = fsc.WithFSMount(newFontFS(cfg.FontDir), "/")
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       workers,
		MaxTotal:      workers,
		FSConfig:      fsc,
		RuntimeConfig: rc,
		Stdout:        discard{},
		Stderr:        discard{},
	})
	if err != nil {
		return nil, fmt.Errorf("redact: start renderer: %w", err)
	}
	e := &Engine{pool: pool}
	if cfg.FontDir != "" {
		if e.cjk, err = e.probeCJK(); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return e, nil
}

// Close releases the renderer.
func (e *Engine) Close() error { return e.pool.Close() }

// CJKFonts reports whether the engine can render Chinese text in fonts a PDF
// does not embed, that is whether Config.FontDir holds a usable CJK font.
func (e *Engine) CJKFonts() bool { return e.cjk }

// session runs fn with a fresh PDFium instance. When ctx ends first the
// instance is killed, which aborts whatever PDFium is doing.
func (e *Engine) session(ctx context.Context, fn func(p pdfium.Pdfium) error) (err error) {
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("redact: renderer instance: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { _ = inst.Kill() })
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("redact: renderer panic: %v\n%s", r, debug.Stack())
		}
		if stop() {
			_ = inst.Close()
		}
		if ctx.Err() != nil {
			err = ctx.Err()
		}
	}()
	return fn(inst)
}

// probeCJK renders a non-embedded STSong-Light line and looks for ink.
func (e *Engine) probeCJK() (bool, error) {
	ok := false
	err := e.session(context.Background(), func(p pdfium.Pdfium) error {
		d, err := openPDF(p, probePDF())
		if err != nil {
			return err
		}
		defer d.close()
		img, err := d.render(0, 36)
		if err != nil {
			return err
		}
		for i := 0; i < len(img.pix); i++ {
			if img.pix[i] < 128 {
				ok = true
				break
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("redact: font probe: %w", err)
	}
	return ok, nil
}

// probePDF is one A7 page showing 中文 in STSong-Light, an Adobe CJK font
// that no PDF embeds and every viewer substitutes.
func probePDF() []byte {
	w := newPDFWriter()
	w.object(1, []byte("<< /Type /Catalog /Pages 2 0 R >>"))
	w.object(2, []byte("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"))
	w.object(3, []byte("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 210 100] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"))
	w.object(4, []byte("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>"))
	w.stream(5, "", []byte("BT /F1 60 Tf 20 25 Td <4E2D6587> Tj ET"))
	w.object(6, []byte("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>"))
	w.object(7, []byte("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [-250 -143 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"))
	return w.finish(1, 0)
}

// cacheKey names the cache subfolder after the renderer's module versions
// ("unknown" where the binary lacks build information, as test binaries do).
func cacheKey() string {
	v := map[string]string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			v[d.Path] = d.Version
		}
	}
	w, p := v["github.com/tetratelabs/wazero"], v["github.com/klippa-app/go-pdfium"]
	if w == "" || p == "" {
		return "unknown"
	}
	return "wazero-" + w + "-pdfium-" + p
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
