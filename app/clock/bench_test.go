package clock

import "testing"

// benchEvents is a realistic busy case: receipt, a third-party pause,
// an approved extension, and a fee pause still open.
func benchEvents() []Event {
	return []Event{
		receipt("2026-09-28", ChannelInPerson),
		accepted("2026-09-29"),
		pauseStart("2026-10-12", PauseThirdParty, 1),
		pauseEnd("2026-10-20", 1),
		extend("2026-11-02", 20),
		pauseStart("2026-11-10", PauseFee, 2),
	}
}

func BenchmarkCompute(b *testing.B) {
	events := benchEvents()
	opt := Options{AsOf: d("2026-11-20")}
	var c Clock
	b.ReportAllocs()
	for b.Loop() {
		ComputeInto(&c, cal, events, opt)
	}
}

func BenchmarkComputeTrace(b *testing.B) {
	events := benchEvents()
	opt := Options{AsOf: d("2026-11-20"), Trace: true}
	var c Clock
	b.ReportAllocs()
	for b.Loop() {
		ComputeInto(&c, cal, events, opt)
	}
}

func BenchmarkCanExtend(b *testing.B) {
	events := benchEvents()
	on := d("2026-11-20")
	b.ReportAllocs()
	for b.Loop() {
		_ = CanExtend(cal, events, on, 5)
	}
}
