package redact

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"
)

// benchDoc is 100 A4 pages of typed text, 49 lines each, with two boxes a
// page (a phone number and an ID number found by FindFunc).
func benchDoc(tb testing.TB, e *Engine) ([]byte, []Box) {
	tb.Helper()
	src := textPDF(100, []string{
		"Applicant: Zhang San, phone " + secretPhone + ", ID " + secretID + ".",
		"The quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJ.",
		"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eius.",
	})
	chars, err := e.Chars(context.Background(), src)
	if err != nil {
		tb.Fatal(err)
	}
	boxes := append(FindFunc(chars, phoneMatcher), FindFunc(chars, idMatcher)...)
	return src, boxes
}

// BenchmarkApply100 redacts a 100-page document at each resolution.
func BenchmarkApply100(b *testing.B) {
	e := MustEngine(b)
	src, boxes := benchDoc(b, e)
	for _, dpi := range []int{150, 200, 300} {
		b.Run(fmt.Sprintf("dpi=%d", dpi), func(b *testing.B) {
			var out []byte
			cpu0 := cpuTime()
			for b.Loop() {
				var err error
				if out, err = e.Apply(context.Background(), src, boxes, Options{DPI: dpi}); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time next to wall time: the machine may be shared.
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(len(out))/1e6, "MB-out")
			b.ReportMetric(float64(len(boxes)), "boxes")
		})
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkChars100 reads the text layer of a 100-page document.
func BenchmarkChars100(b *testing.B) {
	e := MustEngine(b)
	src, _ := benchDoc(b, e)
	for b.Loop() {
		if _, err := e.Chars(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInspect100 reads the page sizes (and checks the fonts) of a
// 100-page document.
func BenchmarkInspect100(b *testing.B) {
	e := MustEngine(b)
	src, _ := benchDoc(b, e)
	for b.Loop() {
		if _, err := e.Inspect(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew starts an engine: the WebAssembly compilation, without and
// with a warm compilation cache.
func BenchmarkNew(b *testing.B) {
	for _, cached := range []bool{false, true} {
		b.Run(fmt.Sprintf("cache=%v", cached), func(b *testing.B) {
			dir := ""
			if cached {
				dir = b.TempDir()
				e, err := New(Config{CacheDir: dir})
				if err != nil {
					b.Fatal(err)
				}
				e.Close()
			}
			for b.Loop() {
				t0 := time.Now()
				e, err := New(Config{CacheDir: dir})
				if err != nil {
					b.Fatal(err)
				}
				e.Close()
				b.ReportMetric(time.Since(t0).Seconds(), "s/start")
			}
		})
	}
}
