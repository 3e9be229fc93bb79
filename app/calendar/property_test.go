package calendar

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// reference is a deliberately naive calendar: it asks HolidayUtil about each
// date by its string and walks day by day. The index-based Calendar must agree
// with it everywhere.
type reference struct {
	ovs map[Date]bool
	lib map[Date]bool // date -> IsWork, for dates the library lists
}

var (
	refLibOnce sync.Once
	refLib     map[Date]bool
)

func newReference(ovs []Override) *reference {
	refLibOnce.Do(func() {
		refLib = make(map[Date]bool)
		for x := rangeLo; x <= rangeHi; x++ {
			if h := HolidayUtil.GetHoliday(x.Time().Format("2006-01-02")); h != nil {
				refLib[x] = h.IsWork()
			}
		}
	})
	r := &reference{ovs: make(map[Date]bool), lib: refLib}
	for _, o := range ovs {
		if o.Date >= rangeLo && o.Date <= rangeHi {
			r.ovs[o.Date] = o.Workday
		}
	}
	return r
}

func (r *reference) isWorkday(x Date) bool {
	if w, ok := r.ovs[x]; ok {
		return w
	}
	if w, ok := r.lib[x]; ok {
		return w
	}
	wd := x.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

func (r *reference) add(x Date, n int) Date {
	step := Date(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		x += step
		if r.isWorkday(x) {
			n--
		}
	}
	return x
}

func (r *reference) between(a, b Date) int {
	sign := 1
	if b < a {
		a, b, sign = b, a, -1
	}
	n := 0
	for x := a + 1; x <= b; x++ {
		if r.isWorkday(x) {
			n++
		}
	}
	return sign * n
}

// testOfficial are the years the property tests treat as having a State
// Council notice on record: 2010–2026 and 2030 (whose schedule comes only
// from overrides). The library's 2002–2009 and 2027 stay provisional.
var testOfficial = []int{2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2030}

// refOfficial: a year is official exactly when its notice is on record;
// overrides (a local closure) never publish a year.
func refOfficial(y int) bool {
	for _, o := range testOfficial {
		if o == y {
			return true
		}
	}
	return false
}

var testOverrides = []Override{
	{Date: DateOf(2026, 10, 12), Name: "台风停工"},
	{Date: DateOf(2026, 10, 10)},
	{Date: DateOf(2026, 10, 5), Workday: true},
	{Date: DateOf(2030, 10, 1), Name: "国庆节"},
	{Date: DateOf(2030, 10, 2), Name: "国庆节"},
	{Date: DateOf(2030, 9, 29), Workday: true},
	{Date: DateOf(2000, 1, 3), Name: "元旦"},   // first Monday of the index
	{Date: DateOf(2099, 12, 31), Name: "年末"}, // last day of the index
	{Date: DateOf(2100, 1, 4), Name: "ignored"},
}

// TestEveryDayAgainstReference compares IsWorkday, Day and IsProvisional for
// every indexed day plus a margin on each side.
func TestEveryDayAgainstReference(t *testing.T) {
	for _, ovs := range [][]Override{nil, testOverrides} {
		c, r := New(ovs, testOfficial), newReference(ovs)
		for x := rangeLo - 400; x <= rangeHi+400; x++ {
			want := r.isWorkday(x)
			if x > rangeHi || x < rangeLo {
				wd := x.Weekday()
				want = wd != time.Saturday && wd != time.Sunday
			}
			if got := c.IsWorkday(x); got != want {
				t.Fatalf("IsWorkday(%v) = %v, want %v (overrides %d)", x, got, want, len(ovs))
			}
			if got := c.Day(x).Workday; got != want {
				t.Fatalf("Day(%v).Workday = %v, want %v", x, got, want)
			}
			if got, want := c.IsProvisional(x), !refOfficial(x.Year()); got != want {
				t.Fatalf("IsProvisional(%v) = %v, want %v", x, got, want)
			}
		}
	}
}

// TestRandomAgainstReference compares the O(1) arithmetic with the naive
// walk for random dates across 1990–2110, inside and outside the index.
func TestRandomAgainstReference(t *testing.T) {
	lo, hi := DateOf(1990, 1, 1), DateOf(2110, 12, 31)
	for _, ovs := range [][]Override{nil, testOverrides} {
		c, r := New(ovs, testOfficial), newReference(ovs)
		rng := rand.New(rand.NewPCG(1, uint64(len(ovs))))
		for range 20000 {
			x := lo + Date(rng.IntN(int(hi-lo)))
			n := rng.IntN(121) - 60
			if got, want := c.AddWorkdays(x, n), r.add(x, n); got != want {
				t.Fatalf("AddWorkdays(%v, %d) = %v, want %v", x, n, got, want)
			}
			y := x + Date(rng.IntN(401)-200)
			if got, want := c.WorkdaysBetween(x, y), r.between(x, y); got != want {
				t.Fatalf("WorkdaysBetween(%v, %v) = %d, want %d", x, y, got, want)
			}
			if got, want := c.NextWorkday(x), r.add(x, 1); got != want {
				t.Fatalf("NextWorkday(%v) = %v, want %v", x, got, want)
			}
			wantOn := x
			if !r.isWorkday(x) || x < rangeLo || x > rangeHi {
				wantOn = r.add(x-1, 1)
			}
			if got := c.OnOrAfter(x); got != wantOn {
				t.Fatalf("OnOrAfter(%v) = %v, want %v", x, got, wantOn)
			}
			wantProv := false
			a, b := min(x, y), max(x, y)
			for z := a; z <= b; z++ {
				if z < rangeLo || z > rangeHi || !refOfficial(z.Year()) {
					wantProv = true
					break
				}
			}
			if got := c.ProvisionalBetween(x, y); got != wantProv {
				t.Fatalf("ProvisionalBetween(%v, %v) = %v, want %v", x, y, got, wantProv)
			}
		}
	}
}

// fuzzDate maps any int32 onto 1900-01-01..2199-12-31 so fuzzing spends its
// time where the calendar has structure, inside the index and around it.
func fuzzDate(v int32) Date {
	lo, hi := DateOf(1900, 1, 1), DateOf(2199, 12, 31)
	return lo + Date(floorMod(int(v), int(hi-lo+1)))
}

func FuzzAddWorkdays(f *testing.F) {
	seeds := []struct {
		day  string
		a, b int16
	}{
		{"2026-09-28", 20, 20},
		{"2026-10-01", 1, 0},
		{"2026-02-13", 3, 7},
		{"2027-12-24", 6, 300},
		{"2099-12-30", 3, 3},
		{"1999-12-30", 2, 500},
		{"2026-10-10", -5, 12},
	}
	lo := DateOf(1900, 1, 1)
	for _, s := range seeds {
		f.Add(int32(MustParseDate(s.day)-lo), s.a, s.b)
	}
	c := New(testOverrides, testOfficial)
	r := newReference(testOverrides)
	f.Fuzz(func(t *testing.T, day int32, a16, b16 int16) {
		x := fuzzDate(day)
		n := int(a16)
		got := c.AddWorkdays(x, n)
		if n > 0 && !c.IsWorkday(got) {
			t.Fatalf("AddWorkdays(%v, %d) = %v is not a working day", x, n, got)
		}
		if n >= 0 {
			if w := c.WorkdaysBetween(x, got); w != n {
				t.Fatalf("WorkdaysBetween(%v, AddWorkdays(.., %d)=%v) = %d", x, n, got, w)
			}
		}
		if n != 0 && c.IsWorkday(x) && c.AddWorkdays(got, -n) != x {
			t.Fatalf("AddWorkdays(AddWorkdays(%v, %d), %d) != start", x, n, -n)
		}
		if n < 0 && (!c.IsWorkday(got) || got >= x) {
			t.Fatalf("AddWorkdays(%v, %d) = %v", x, n, got)
		}
		if a, b := abs(int(a16)), abs(int(b16)); a+b <= 5000 {
			if lhs, rhs := c.AddWorkdays(c.AddWorkdays(x, a), b), c.AddWorkdays(x, a+b); lhs != rhs {
				t.Fatalf("AddWorkdays(AddWorkdays(%v,%d),%d) = %v, AddWorkdays(%v,%d) = %v", x, a, b, lhs, x, a+b, rhs)
			}
		}
		if abs(n) <= 2000 {
			if want := r.add(x, n); got != want {
				t.Fatalf("AddWorkdays(%v, %d) = %v, reference %v", x, n, got, want)
			}
		}
	})
}

func FuzzWorkdaysBetween(f *testing.F) {
	lo := DateOf(1900, 1, 1)
	f.Add(int32(MustParseDate("2026-10-12")-lo), int32(8))
	f.Add(int32(MustParseDate("2027-12-20")-lo), int32(40))
	f.Add(int32(MustParseDate("2000-01-10")-lo), int32(-30))
	f.Add(int32(MustParseDate("2099-12-20")-lo), int32(30))
	c := New(testOverrides, testOfficial)
	r := newReference(testOverrides)
	f.Fuzz(func(t *testing.T, day int32, span int32) {
		x := fuzzDate(day)
		y := x + Date(span%3000)
		got := c.WorkdaysBetween(x, y)
		if want := r.between(x, y); got != want {
			t.Fatalf("WorkdaysBetween(%v, %v) = %d, want %d", x, y, got, want)
		}
		if back := c.WorkdaysBetween(y, x); back != -got {
			t.Fatalf("WorkdaysBetween not antisymmetric: %d vs %d", got, back)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
