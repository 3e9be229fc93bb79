package register

import (
	"bytes"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkReadXLSX10k parses and validates a 10,000-row register
// (exported by the Writer, so every row is valid and complete).
func BenchmarkReadXLSX10k(b *testing.B) {
	data := MustExport(b, sampleRows(10_000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if n := readCount(b, data, FormatXLSX); n != 10_000 {
			b.Fatalf("read %d rows", n)
		}
	}
}

// BenchmarkReadCSV10k is the same register as a UTF-8 CSV.
func BenchmarkReadCSV10k(b *testing.B) {
	records := [][]string{allHeaders()}
	for _, r := range MustReadAll(b, MustExport(b, sampleRows(10_000)), FormatXLSX, testOptions()).Rows {
		records = append(records, r.Raw[:])
	}
	data := MustCSV(b, records)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if n := readCount(b, data, FormatCSV); n != 10_000 {
			b.Fatalf("read %d rows", n)
		}
	}
}

func readCount(b *testing.B, data []byte, format Format) int {
	rd, err := NewReader(bytes.NewReader(data), format, testOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer rd.Close()
	n := 0
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return n
		}
		if err != nil || !rec.OK() {
			b.Fatalf("row %d: %v %v", rec.Row.Number, err, rec.Errors)
		}
		n++
	}
}

// BenchmarkExport100k writes 100,000 rows, made one at a time as a
// database cursor would hand them over, and reports the peak heap in use.
func BenchmarkExport100k(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	var peak atomic.Uint64
	stop := sampleHeap(&peak)
	defer stop()
	var size int64
	for b.Loop() {
		var cw countingWriter
		w, err := NewWriter(&cw)
		if err != nil {
			b.Fatal(err)
		}
		for i := range n {
			if err := w.Write(sampleRow(i)); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// sampleHeap records the largest HeapInuse seen every 5 ms until stopped.
func sampleHeap(peak *atomic.Uint64) func() {
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	return func() { close(done) }
}
