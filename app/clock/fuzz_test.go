package clock

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gongkai/app/calendar"
)

// naiveDue walks day by day from the receipt date and returns the day on
// which budget working days outside pauses have run: the counting model of
// decisions.md, "The answer clock".
func naiveDue(cal *calendar.Calendar, receipt calendar.Date, budget int, paused func(calendar.Date) bool) calendar.Date {
	x, n := receipt, 0
	for n < budget {
		x++
		if cal.IsWorkday(x) && !paused(x) {
			n++
		}
	}
	return x
}

type fuzzPause struct {
	s, e calendar.Date
	open bool
	kind PauseKind
}

type fuzzCase struct {
	receipt calendar.Date
	pauses  []fuzzPause
	extDays int
	asOf    calendar.Date
}

var fuzzKinds = []PauseKind{PauseThirdParty, PauseAgencyConsultation, PauseFee}

// decodeFuzz turns fuzz bytes into a case: a receipt date in 2023–2029, up
// to five pauses (some open) within 60 days, perhaps an extension the day
// after receipt, and a reading date.
func decodeFuzz(b []byte) fuzzCase {
	next := func() int {
		if len(b) == 0 {
			return 0
		}
		v := int(b[0])
		b = b[1:]
		return v
	}
	var c fuzzCase
	c.receipt = calendar.DateOf(2023, 1, 1) + calendar.Date((next()<<8|next())%(7*365))
	for range next() % 6 {
		s := c.receipt + calendar.Date(next()%60)
		l := next()
		c.pauses = append(c.pauses, fuzzPause{s: s, e: s + calendar.Date(l%30), open: l&0x80 != 0, kind: fuzzKinds[next()%3]})
	}
	if x := next(); x%3 != 0 {
		c.extDays = 1 + x%20
	}
	c.asOf = c.receipt + calendar.Date(next()%120)
	return c
}

// events builds the chronological event list: on one day the receipt comes
// first, then pause starts, the extension, and pause ends.
func (c fuzzCase) events() []Event {
	type item struct {
		ev    Event
		order int
	}
	items := []item{{ev: Event{Kind: EventReceipt, On: c.receipt, Channel: ChannelOnline}}}
	for i, p := range c.pauses {
		items = append(items, item{ev: Event{Kind: EventPauseStart, On: p.s, PauseKind: p.kind, PauseID: int32(i)}, order: 1})
		if !p.open {
			items = append(items, item{ev: Event{Kind: EventPauseEnd, On: p.e, PauseID: int32(i)}, order: 3})
		}
	}
	if c.extDays > 0 {
		items = append(items, item{ev: Event{Kind: EventExtension, On: c.receipt + 1, Days: c.extDays, Approved: true}, order: 2})
	}
	slices.SortStableFunc(items, func(a, b item) int {
		if a.ev.On != b.ev.On {
			return int(a.ev.On - b.ev.On)
		}
		return a.order - b.order
	})
	out := make([]Event, len(items))
	for i, it := range items {
		out[i] = it.ev
	}
	return out
}

func (c fuzzCase) reference(cal *calendar.Calendar) calendar.Date {
	return naiveDue(cal, c.receipt, AnswerDays+c.extDays, func(x calendar.Date) bool {
		for _, p := range c.pauses {
			e := p.e
			if p.open {
				e = max(p.s, c.asOf)
			}
			if p.s < x && x <= e {
				return true
			}
		}
		return false
	})
}

func FuzzCompute(f *testing.F) {
	f.Add([]byte{0x0e, 0x6d, 1, 14, 8, 0, 20, 30})                          // 2026-09-28-ish, one pause, extension
	f.Add([]byte{0x02, 0x20, 3, 10, 0x88, 1, 12, 5, 2, 30, 0x90, 0, 0, 90}) // overlapping, open
	f.Add([]byte{0x0a, 0x00, 5, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 0, 4, 4, 1, 7, 119})
	f.Add([]byte{0x14, 0x00, 2, 59, 29, 0, 58, 0x9d, 1, 19, 60})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		c := decodeFuzz(data)
		events := c.events()
		opt := Options{AsOf: c.asOf}
		got := Compute(cal, events, opt)

		if !cal.IsWorkday(got.DueDate) {
			t.Fatalf("due %v is not a working day", got.DueDate)
		}
		if want := c.reference(cal); got.DueDate != want {
			t.Fatalf("due %v, naive %v; case %+v", got.DueDate, want, c)
		}
		if c.extDays > 0 && got.ExtendedDays != c.extDays {
			t.Fatalf("extension %d not applied: %+v", c.extDays, got)
		}

		// An empty pause changes nothing.
		empty := c
		s := c.receipt + calendar.Date(len(data)%80)
		empty.pauses = append(slices.Clone(c.pauses), fuzzPause{s: s, e: s, kind: PauseFee})
		if e := Compute(cal, empty.events(), opt); e.DueDate != got.DueDate {
			t.Fatalf("empty pause moved the due date %v → %v", got.DueDate, e.DueDate)
		}

		// More pause never makes the due date earlier.
		if len(c.pauses) > 0 {
			fewer := c
			fewer.pauses = c.pauses[:len(c.pauses)-1]
			if l := Compute(cal, fewer.events(), opt); l.DueDate > got.DueDate {
				t.Fatalf("dropping a pause made the due date later: %v > %v", l.DueDate, got.DueDate)
			}
		}

		// Without an open pause the due date does not depend on AsOf.
		if !slices.ContainsFunc(c.pauses, func(p fuzzPause) bool { return p.open }) {
			for _, shift := range []calendar.Date{-40, 1, 37, 400} {
				if l := Compute(cal, events, Options{AsOf: c.asOf + shift}); l.DueDate != got.DueDate {
					t.Fatalf("due date depends on AsOf: %v vs %v", l.DueDate, got.DueDate)
				}
			}
		}

		// The remaining days agree with the definition.
		want := cal.WorkdaysBetween(c.asOf, got.DueDate)
		if c.asOf > got.DueDate {
			want = -max(1, cal.WorkdaysBetween(got.DueDate, c.asOf))
		}
		if got.RemainingWorkingDays != want {
			t.Fatalf("remaining %d, want %d", got.RemainingWorkingDays, want)
		}

		// The trace agrees and ends at the due date.
		traced := Compute(cal, events, Options{AsOf: c.asOf, Trace: true})
		if diff := cmp.Diff(got, traced, ignoreTrace); diff != "" {
			t.Fatalf("trace changed the clock (-plain +traced):\n%s", diff)
		}
		tr := Compute(cal, events, Options{AsOf: c.asOf, Trace: true}).Trace
		if len(tr) == 0 || tr[len(tr)-1].Due != got.DueDate {
			t.Fatalf("trace does not end at %v:\n%s", got.DueDate, traceText(tr))
		}
	})
}
