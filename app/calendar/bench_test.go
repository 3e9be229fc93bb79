package calendar

import (
	"math/rand/v2"
	"testing"
)

// benchInputs are realistic case dates (2023–2027) and limits (1–40 days).
func benchInputs() ([]Date, []int) {
	rng := rand.New(rand.NewPCG(7, 7))
	lo, hi := DateOf(2023, 1, 1), DateOf(2027, 12, 31)
	ds := make([]Date, 1024)
	ns := make([]int, 1024)
	for i := range ds {
		ds[i] = lo + Date(rng.IntN(int(hi-lo)))
		ns[i] = 1 + rng.IntN(40)
	}
	return ds, ns
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := New(nil, LibraryYears())
	ds, ns := benchInputs()
	b.ReportAllocs()
	var sink Date
	i := 0
	for b.Loop() {
		sink += c.AddWorkdays(ds[i&1023], ns[i&1023])
		i++
	}
	_ = sink
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c := New(nil, LibraryYears())
	ds, _ := benchInputs()
	b.ReportAllocs()
	sink := 0
	i := 0
	for b.Loop() {
		sink += c.WorkdaysBetween(ds[i&1023], ds[(i+1)&1023])
		i++
	}
	_ = sink
}

func BenchmarkIsWorkday(b *testing.B) {
	c := New(nil, LibraryYears())
	ds, _ := benchInputs()
	b.ReportAllocs()
	sink := 0
	i := 0
	for b.Loop() {
		if c.IsWorkday(ds[i&1023]) {
			sink++
		}
		i++
	}
	_ = sink
}

func BenchmarkNew(b *testing.B) {
	ovs := testOverrides
	b.ReportAllocs()
	for b.Loop() {
		_ = New(ovs, LibraryYears())
	}
}
