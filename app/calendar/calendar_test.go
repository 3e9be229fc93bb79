package calendar

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The official schedules the tables below rely on, as the State Council
// published them and as HolidayUtil carries them (checked row by row against
// the library data):
//
//	2023 (国办发明电〔2022〕16号): 春节 1月21日–27日, 1月28日(六)、29日(日)上班;
//	  劳动节 4月29日–5月3日, 4月23日(日)、5月6日(六)上班; 端午 6月22日–24日,
//	  6月25日(日)上班; 中秋国庆 9月29日–10月6日, 10月7日(六)、8日(日)上班.
//	2024 (国办发明电〔2023〕7号): 春节 2月10日–17日, 2月4日(日)、18日(日)上班;
//	  中秋 9月15日–17日, 9月14日(六)上班; 国庆 10月1日–7日, 9月29日(日)、
//	  10月12日(六)上班.
//	2025 (国办发明电〔2024〕12号): 春节 1月28日–2月4日, 1月26日(日)、2月8日(六)
//	  上班; 劳动节 5月1日–5日, 4月27日(日)上班; 国庆中秋 10月1日–8日,
//	  9月28日(日)、10月11日(六)上班.
//	2026 (国务院办公厅通知, 2025年11月4日): 元旦 1月1日–3日, 1月4日(日)上班;
//	  春节 2月15日–23日, 2月14日(六)、28日(六)上班; 清明 4月4日–6日;
//	  劳动节 5月1日–5日, 5月9日(六)上班; 端午 6月19日–21日; 中秋 9月25日–27日;
//	  国庆 10月1日(四)–7日(三), 9月20日(日)、10月10日(六)上班.
//
// The library carries notices for 2002–2027 (its 2027 rows are "as the
// library ships them"); everything else is provisional.

func d(s string) Date { return MustParseDate(s) }

var std = New(nil, LibraryYears())

func TestIsWorkday(t *testing.T) {
	tests := []struct {
		name string
		on   string
		want bool
	}{
		{name: "2026 National Day first day (Thu)", on: "2026-10-01", want: false},
		{name: "2026 National Day last day (Wed)", on: "2026-10-07", want: false},
		{name: "2026 first day back (Thu)", on: "2026-10-08", want: true},
		{name: "2026-10-10 调休 Saturday", on: "2026-10-10", want: true},
		{name: "2026-09-20 调休 Sunday", on: "2026-09-20", want: true},
		{name: "2026 Mid-Autumn Friday", on: "2026-09-25", want: false},
		{name: "plain Saturday", on: "2026-10-17", want: false},
		{name: "plain Sunday", on: "2026-10-11", want: false},
		{name: "plain Monday", on: "2026-10-12", want: true},
		{name: "2026 Spring Festival 调休 Saturday before", on: "2026-02-14", want: true},
		{name: "2026 Spring Festival Monday off", on: "2026-02-23", want: false},
		{name: "2026 Spring Festival 调休 Saturday after", on: "2026-02-28", want: true},
		{name: "2026-01-04 调休 Sunday", on: "2026-01-04", want: true},
		{name: "2026 New Year Friday", on: "2026-01-02", want: false},
		{name: "2026-05-09 调休 Saturday", on: "2026-05-09", want: true},
		{name: "2025 National Day 8th day (Wed)", on: "2025-10-08", want: false},
		{name: "2025-10-11 调休 Saturday", on: "2025-10-11", want: true},
		{name: "2025-09-28 调休 Sunday", on: "2025-09-28", want: true},
		{name: "2024-02-04 调休 Sunday", on: "2024-02-04", want: true},
		{name: "2024-02-18 调休 Sunday", on: "2024-02-18", want: true},
		{name: "2024-09-14 调休 Saturday", on: "2024-09-14", want: true},
		{name: "2023-06-25 调休 Sunday", on: "2023-06-25", want: true},
		{name: "2023-01-28 调休 Saturday", on: "2023-01-28", want: true},
		{name: "2023 Mid-Autumn Friday", on: "2023-09-29", want: false},
		{name: "2023-01-02 New Year Monday", on: "2023-01-02", want: false},
		{name: "2030 National Day is provisional: weekdays work", on: "2030-10-01", want: true},
		{name: "2030 Saturday", on: "2030-10-05", want: false},
		{name: "before the index, Friday", on: "1999-12-31", want: true},
		{name: "after the index, Saturday", on: "2100-01-02", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := std.IsWorkday(d(tt.on)); got != tt.want {
				t.Errorf("IsWorkday(%s) = %v, want %v", tt.on, got, tt.want)
			}
		})
	}
}

func TestAddWorkdays(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		// Product owner's anchor. 2026-09-28 is a Monday. Day 1 is 09-29,
		// day 2 09-30; 10-01..10-07 are off; 10-08 (3), 10-09 (4), 10-10 调休
		// Saturday (5), 10-12..16 (6-10), 10-19..23 (11-15), 10-26..30 (16-20).
		{name: "anchor across National Day 2026", from: "2026-09-28", n: 20, want: "2026-10-30"},
		// 2026-02-10 (Tue): 02-11, 12, 13 (1-3), 02-14 调休 Sat (4), 02-15..23
		// off, 02-24..27 (5-8), 02-28 调休 Sat (9), 03-02..06 (10-14),
		// 03-09..13 (15-19), 03-16 (20).
		{name: "across Spring Festival 2026", from: "2026-02-10", n: 20, want: "2026-03-16"},
		// 2025-01-20 (Mon): 01-21..24 (1-4), 01-26 调休 Sun (5), 01-27 (6),
		// 01-28..02-04 off, 02-05..07 (7-9), 02-08 调休 Sat (10).
		{name: "across Spring Festival 2025 onto a 调休 Saturday", from: "2025-01-20", n: 10, want: "2025-02-08"},
		// 2024-09-27 (Fri): 09-29 调休 Sun (1), 09-30 (2), 10-01..07 off,
		// 10-08, 09, 10 (3-5).
		{name: "across National Day 2024", from: "2024-09-27", n: 5, want: "2024-10-10"},
		// 2023-09-27 (Wed): 09-28 (1), 09-29..10-06 off, 10-07 调休 Sat (2),
		// 10-08 调休 Sun (3).
		{name: "across Mid-Autumn and National Day 2023", from: "2023-09-27", n: 3, want: "2023-10-08"},
		// 2026-04-30 (Thu): 05-01..05 off, 05-06 (1).
		{name: "over May Day 2026", from: "2026-04-30", n: 1, want: "2026-05-06"},
		// 2026-05-08 (Fri): 05-09 is a 调休 Saturday.
		{name: "onto the May 2026 调休 Saturday", from: "2026-05-08", n: 1, want: "2026-05-09"},
		// 2025-12-31 (Wed): 01-01..03 off, 01-04 调休 Sunday.
		{name: "over New Year 2026", from: "2025-12-31", n: 1, want: "2026-01-04"},
		{name: "zero on a holiday returns the day", from: "2026-10-01", n: 0, want: "2026-10-01"},
		{name: "start on a holiday", from: "2026-10-03", n: 1, want: "2026-10-08"},
		// Backwards: 10-01..07 off, so the working day before 10-08 is 09-30.
		{name: "one back over National Day", from: "2026-10-08", n: -1, want: "2026-09-30"},
		// 10-12 (Mon) back: 10-10 调休 Sat (1), 10-09 (2), 10-08 (3).
		{name: "three back over a 调休 Saturday", from: "2026-10-12", n: -3, want: "2026-10-08"},
		// 2030 has no schedule: weekends only. 2030-09-30 is a Monday:
		// 10-01..04 (1-4), 10-07 (5).
		{name: "provisional 2030 ignores National Day", from: "2030-09-30", n: 5, want: "2030-10-07"},
		// 2027-12-24 (Fri): 12-27..31 (1-5), 2028-01-03 Mon (6), weekends only.
		{name: "into provisional 2028", from: "2027-12-24", n: 6, want: "2028-01-03"},
		// 2099-12-30 (Wed): 12-31 (1), 2100-01-01 Fri (2), 2100-01-04 Mon (3).
		{name: "out of the index at the top", from: "2099-12-30", n: 3, want: "2100-01-04"},
		// 1999-12-30 (Thu): 12-31 Fri (1), 2000-01-03 Mon (2); 2000 is
		// provisional (the library starts with the 2002 notice).
		{name: "into the index from below", from: "1999-12-30", n: 2, want: "2000-01-03"},
		{name: "out of the index downwards", from: "2000-01-03", n: -2, want: "1999-12-30"},
		{name: "far outside", from: "2200-01-01", n: 10, want: "2200-01-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := std.AddWorkdays(d(tt.from), tt.n).String(); got != tt.want {
				t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{name: "anchor", a: "2026-09-28", b: "2026-10-30", want: 20},
		{name: "reversed", a: "2026-10-30", b: "2026-09-28", want: -20},
		// 10-13..16 and 10-19..20: six working days.
		{name: "product owner's pause", a: "2026-10-12", b: "2026-10-20", want: 6},
		{name: "only the first day back", a: "2026-09-30", b: "2026-10-08", want: 1},
		{name: "inside the holiday", a: "2026-10-01", b: "2026-10-07", want: 0},
		{name: "same day", a: "2026-10-12", b: "2026-10-12", want: 0},
		{name: "Saturday to Sunday", a: "2026-10-17", b: "2026-10-18", want: 0},
		{name: "into provisional 2028", a: "2027-12-24", b: "2028-01-03", want: 6},
		{name: "across the top of the index", a: "2099-12-30", b: "2100-01-04", want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := std.WorkdaysBetween(d(tt.a), d(tt.b)); got != tt.want {
				t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestNextWorkdayAndOnOrAfter(t *testing.T) {
	tests := []struct {
		name          string
		on            string
		next, onAfter string
	}{
		{name: "holiday", on: "2026-10-03", next: "2026-10-08", onAfter: "2026-10-08"},
		{name: "working day", on: "2026-10-09", next: "2026-10-10", onAfter: "2026-10-09"},
		{name: "调休 Saturday", on: "2026-10-10", next: "2026-10-12", onAfter: "2026-10-10"},
		{name: "plain Saturday", on: "2026-10-17", next: "2026-10-19", onAfter: "2026-10-19"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := std.NextWorkday(d(tt.on)).String(); got != tt.next {
				t.Errorf("NextWorkday(%s) = %s, want %s", tt.on, got, tt.next)
			}
			if got := std.OnOrAfter(d(tt.on)).String(); got != tt.onAfter {
				t.Errorf("OnOrAfter(%s) = %s, want %s", tt.on, got, tt.onAfter)
			}
		})
	}
}

func TestDay(t *testing.T) {
	tests := []struct {
		name string
		on   string
		want DayInfo
	}{
		{name: "调休 Saturday", on: "2026-10-10", want: DayInfo{Workday: true, Holiday: "国庆节", Adjusted: true}},
		{name: "National Day", on: "2026-10-01", want: DayInfo{Holiday: "国庆节"}},
		{name: "combined 2025 holiday", on: "2025-10-06", want: DayInfo{Holiday: "国庆中秋"}},
		{name: "Mid-Autumn 2026", on: "2026-09-25", want: DayInfo{Holiday: "中秋节"}},
		{name: "ordinary Monday", on: "2026-10-12", want: DayInfo{Workday: true}},
		{name: "ordinary Saturday", on: "2026-10-17", want: DayInfo{}},
		{name: "provisional year", on: "2030-10-01", want: DayInfo{Workday: true, Provisional: true}},
		{name: "outside the index", on: "1999-06-01", want: DayInfo{Workday: true, Provisional: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Date = d(tt.on)
			if diff := cmp.Diff(tt.want, std.Day(d(tt.on))); diff != "" {
				t.Errorf("Day(%s) (-want +got):\n%s", tt.on, diff)
			}
		})
	}

	days := std.Days(d("2026-10-09"), d("2026-10-12"))
	var got []bool
	for _, x := range days {
		got = append(got, x.Workday)
	}
	if diff := cmp.Diff([]bool{true, true, false, true}, got); diff != "" {
		t.Errorf("Days workday flags (-want +got):\n%s", diff)
	}
	if std.Days(d("2026-10-12"), d("2026-10-09")) != nil {
		t.Error("Days with to < from should be nil")
	}
}

func TestOverridesWin(t *testing.T) {
	ovs := []Override{
		{Date: d("2026-10-12"), Workday: false, Name: "台风停工", Reason: "市政府停工通知"},
		{Date: d("2026-10-10"), Workday: false, Reason: "本地不执行调休"},
		{Date: d("2026-10-05"), Workday: true, Reason: "值班办公"},
		{Date: d("2026-10-17"), Workday: true, Name: "补班"},
		{Date: d("2026-10-19"), Workday: false, Name: "先写的"},
		{Date: d("2026-10-19"), Workday: true, Name: "后写的"}, // later row for the same date wins
	}
	c := New(ovs, LibraryYears())

	tests := []struct {
		name string
		on   string
		want DayInfo
	}{
		{name: "closure on a working Monday", on: "2026-10-12", want: DayInfo{Holiday: "台风停工", Override: true}},
		{name: "调休 Saturday cancelled", on: "2026-10-10", want: DayInfo{Override: true}},
		{name: "holiday made a working day", on: "2026-10-05", want: DayInfo{Workday: true, Override: true}},
		{name: "plain Saturday made a working day", on: "2026-10-17", want: DayInfo{Workday: true, Holiday: "补班", Adjusted: true, Override: true}},
		{name: "later override wins", on: "2026-10-19", want: DayInfo{Workday: true, Holiday: "后写的", Override: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Date = d(tt.on)
			if diff := cmp.Diff(tt.want, c.Day(d(tt.on))); diff != "" {
				t.Errorf("Day(%s) (-want +got):\n%s", tt.on, diff)
			}
			if c.IsWorkday(d(tt.on)) != tt.want.Workday {
				t.Errorf("IsWorkday(%s) disagrees with Day", tt.on)
			}
		})
	}

	// 2026-09-28 + 20 with the overrides: 09-29 (1), 09-30 (2), 10-05 (3),
	// 10-08 (4), 10-09 (5); 10-10 and 10-12 are now off; 10-13..16 (6-9),
	// 10-17 (10), 10-19..23 (11-15), 10-26..30 (16-20).
	if got := c.AddWorkdays(d("2026-09-28"), 20).String(); got != "2026-10-30" {
		t.Errorf("AddWorkdays with overrides = %s, want 2026-10-30", got)
	}
	// Only the closure: one working day lost, so 10-30 moves to 11-02.
	if got := New(ovs[:1], LibraryYears()).AddWorkdays(d("2026-09-28"), 20).String(); got != "2026-11-02" {
		t.Errorf("AddWorkdays with a closure = %s, want 2026-11-02", got)
	}
	// The library calendar is untouched.
	if !std.IsWorkday(d("2026-10-12")) {
		t.Error("New(overrides) changed another calendar")
	}

	gotOvs := c.Overrides()
	if len(gotOvs) != len(ovs) || gotOvs[0].Date != d("2026-10-05") {
		t.Errorf("Overrides() not sorted by date: %v", gotOvs)
	}
	gotOvs[0].Workday = false
	if !c.IsWorkday(d("2026-10-05")) || !c.Overrides()[0].Workday {
		t.Error("Overrides() must return a copy")
	}
}

func TestProvisional(t *testing.T) {
	one := []struct {
		on   string
		want bool
	}{
		{on: "1999-12-31", want: true},
		{on: "2000-06-01", want: true},
		{on: "2001-12-29", want: true}, // a 2002 make-up day, but 2001's own notice is missing
		{on: "2002-01-01", want: false},
		{on: "2023-05-01", want: false},
		{on: "2026-10-01", want: false},
		{on: "2027-12-31", want: false},
		{on: "2028-01-01", want: true},
		{on: "2030-10-01", want: true},
		{on: "2099-12-31", want: true},
		{on: "2100-01-01", want: true},
	}
	for _, tt := range one {
		t.Run("IsProvisional "+tt.on, func(t *testing.T) {
			if got := std.IsProvisional(d(tt.on)); got != tt.want {
				t.Errorf("IsProvisional(%s) = %v, want %v", tt.on, got, tt.want)
			}
		})
	}
	span := []struct {
		a, b string
		want bool
	}{
		{a: "2026-09-28", b: "2026-10-30", want: false},
		{a: "2023-01-01", b: "2027-12-31", want: false},
		{a: "2027-12-10", b: "2028-01-07", want: true},
		{a: "2028-01-07", b: "2027-12-10", want: true},
		{a: "2001-12-31", b: "2002-01-05", want: true},
		{a: "2099-12-01", b: "2100-01-05", want: true},
	}
	for _, tt := range span {
		t.Run("ProvisionalBetween "+tt.a+" "+tt.b, func(t *testing.T) {
			if got := std.ProvisionalBetween(d(tt.a), d(tt.b)); got != tt.want {
				t.Errorf("ProvisionalBetween(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	// A 2030 schedule entered by an admin is official once its notice is on
	// record (here passed as an official year).
	ovs2030 := []Override{
		{Date: d("2030-10-01"), Name: "国庆节"},
		{Date: d("2030-09-29"), Workday: true, Name: "国庆节"},
	}
	with2030 := New(ovs2030, append(LibraryYears(), 2030))
	tests := []struct {
		name     string
		cal      *Calendar
		from, to int
		want     Coverage
	}{
		{name: "library", cal: std, from: 2022, to: 2031, want: Coverage{OfficialThrough: 2027, ProvisionalYears: []int{2028, 2029, 2030, 2031}}},
		{name: "early years", cal: std, from: 2003, to: 1998, want: Coverage{OfficialThrough: 2027, ProvisionalYears: []int{1998, 1999, 2000, 2001}}},
		{name: "all official", cal: std, from: 2023, to: 2026, want: Coverage{OfficialThrough: 2027, ProvisionalYears: []int{}}},
		{name: "admin adds 2030", cal: with2030, from: 2026, to: 2031, want: Coverage{OfficialThrough: 2030, ProvisionalYears: []int{2028, 2029, 2031}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.cal.Coverage(tt.from, tt.to)); diff != "" {
				t.Errorf("Coverage (-want +got):\n%s", diff)
			}
		})
	}
	if with2030.IsProvisional(d("2030-03-02")) || !with2030.IsProvisional(d("2029-03-02")) {
		t.Error("override year flags wrong")
	}
	// An override that only adds a working day does not publish a year.
	if New([]Override{{Date: d("2031-01-04"), Workday: true}}, LibraryYears()).IsOfficialYear(2031) {
		t.Error("a make-up day alone made 2031 official")
	}
	// Nor does a local closure (issue 1/10: one workday:false override made
	// the whole year official, and its cases lost their provisional flag),
	// nor a schedule entered without its notice on record.
	if New(ovs2030, LibraryYears()).IsOfficialYear(2030) {
		t.Error("overrides alone made 2030 official")
	}
	if New([]Override{{Date: d("2031-06-15"), Name: "台风停工"}}, LibraryYears()).IsOfficialYear(2031) {
		t.Error("a local closure made 2031 official")
	}
	// The library's data alone makes no year official.
	if c := New(nil, nil); c.IsOfficialYear(2026) || c.IsOfficialYear(2027) || !c.IsProvisional(d("2026-10-07")) {
		t.Error("a year without a notice on record is official")
	}
	if c := New(nil, []int{2026}); !c.IsOfficialYear(2026) || c.IsOfficialYear(2027) || c.IsWorkday(d("2026-10-07")) {
		t.Error("the 2026 notice on record: 2026 official with its holidays, 2027 provisional")
	}
}

func TestSource(t *testing.T) {
	a, b := New(nil, LibraryYears()), New([]Override{{Date: d("2026-10-12"), Name: "停工"}}, LibraryYears())
	s := NewSource(a)
	if s.Get() != a {
		t.Fatal("Get after NewSource")
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 1000 {
				if (i+j)%2 == 0 {
					s.Set(b)
				} else {
					_ = s.Get().IsWorkday(d("2026-10-12"))
				}
			}
		}()
	}
	wg.Wait()
	s.Set(b)
	if s.Get().IsWorkday(d("2026-10-12")) {
		t.Error("Set did not take effect")
	}
	defer func() {
		if recover() == nil {
			t.Error("Set(nil) did not panic")
		}
	}()
	s.Set(nil)
}

func TestQueriesDoNotAllocate(t *testing.T) {
	x, y, far := d("2026-09-28"), d("2027-03-01"), d("2150-01-01")
	var sink int
	allocs := testing.AllocsPerRun(100, func() {
		sink += int(std.AddWorkdays(x, 20))
		sink += int(std.AddWorkdays(y, -7))
		sink += std.WorkdaysBetween(x, y)
		sink += int(std.NextWorkday(x) + std.OnOrAfter(y))
		if std.IsWorkday(x) && !std.ProvisionalBetween(x, y) && !std.IsProvisional(y) {
			sink++
		}
		sink += len(std.Day(x).Holiday)
		sink += int(std.AddWorkdays(far, 30))
		yy, m, dd := y.YMD()
		sink += yy + m + dd + int(y.Weekday())
	})
	if allocs != 0 {
		t.Errorf("queries allocated %v times per run", allocs)
	}
	_ = sink
}
