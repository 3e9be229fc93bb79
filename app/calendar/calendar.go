// Package calendar is Gongkai's working-day calendar: which dates are working
// days for a Chinese state organ, and arithmetic in working days.
//
// A working day is Monday to Friday unless the State Council's yearly holiday
// notice makes it a holiday, plus every weekend day the notice makes a working
// day (调休上班). The notices come from github.com/6tail/lunar-go
// (HolidayUtil); local overrides (a year published later, a local closure, a
// library error) win over the library. A year is official only when the
// caller says its notice is on record; any other year is provisional: its
// dates follow the library or the weekend rule, and every answer that reaches
// into it says so (decisions.md, "Working days").
//
// Counting follows 民法典 Art 201: the start day is not counted, so adding N
// working days to D gives the N-th working day after D (decisions.md,
// "Counting").
//
// A Calendar is an immutable snapshot; every query is O(1) and allocation-free
// over precomputed per-day tables for 2000-01-01..2099-12-31. Outside that
// range the weekend rule applies and every date is provisional. Source holds
// the current snapshot so that an admin edit takes effect at once.
package calendar

import (
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// FirstYear and LastYear bound the years the Calendar indexes. Dates outside
// them use the weekend rule and are provisional.
const (
	FirstYear = 2000
	LastYear  = 2099
)

var (
	rangeLo = DateOf(FirstYear, 1, 1)
	rangeHi = DateOf(LastYear, 12, 31)
)

const numYears = LastYear - FirstYear + 1

// Override is a local correction to the yearly schedule: a year published
// after the library shipped, or a local closure. An override decides whether
// its date is a working day, whatever the library says. Overrides outside
// FirstYear..LastYear are kept but have no effect.
type Override struct {
	Date    Date   `json:"date"`
	Workday bool   `json:"workday"`
	Name    string `json:"name"`
	Reason  string `json:"reason"`
}

// DayInfo describes one date.
type DayInfo struct {
	Date    Date `json:"date"`
	Workday bool `json:"workday"`
	// Holiday names the holiday the date belongs to, "" if none. On an
	// adjusted working day (调休上班) it names the holiday the day makes up
	// for, e.g. 国庆节 on 2026-10-10.
	Holiday string `json:"holiday"`
	// Adjusted is set on a Saturday or Sunday made a working day (调休).
	Adjusted bool `json:"adjusted"`
	// Provisional is set when the date's year has no official schedule.
	Provisional bool `json:"provisional"`
	// Override is set when a local override decided the date.
	Override bool `json:"override"`
}

// Coverage says how far the official schedules reach.
type Coverage struct {
	// OfficialThrough is the last year with an official schedule, 0 if none.
	OfficialThrough int `json:"officialThrough"`
	// ProvisionalYears lists the requested years without one.
	ProvisionalYears []int `json:"provisionalYears"`
}

const (
	flagWorkday uint8 = 1 << iota
	flagAdjusted
	flagProvisional
	flagOverride
)

// Calendar is an immutable working-day calendar. Build it with New; it is
// safe for concurrent use.
type Calendar struct {
	flags []uint8  // per day from rangeLo
	name  []uint16 // per day: index into names, 0 = no name
	names []string
	// cum[i] is the number of working days among the first i indexed days.
	cum []int32
	// kth[j] is the offset from rangeLo of the (j+1)-th indexed working day.
	kth   []int32
	total int // number of working days in the index
	// fLo and fHi cache weekdayOrdinal(rangeLo-1) and weekdayOrdinal(rangeHi).
	fLo, fHi int

	officialYear    [numYears]bool
	provYearCum     [numYears + 1]int16
	officialThrough int
	overrides       []Override
}

// libEntry is one row of the library's holiday data.
type libEntry struct {
	day     Date
	work    bool
	name    string
	forYear int // year of the notice the row belongs to (its target holiday)
}

var (
	libOnce    sync.Once
	libEntries []libEntry
)

// library reads HolidayUtil once. Its data is static unless someone calls
// HolidayUtil.Fix, which Gongkai never does: local changes are Overrides.
func library() []libEntry {
	libOnce.Do(func() {
		for y := FirstYear; y <= LastYear; y++ {
			l := HolidayUtil.GetHolidaysByYear(y)
			for e := l.Front(); e != nil; e = e.Next() {
				h := e.Value.(*HolidayUtil.Holiday)
				day, err := ParseDate(h.GetDay())
				if err != nil {
					continue
				}
				target, err := ParseDate(h.GetTarget())
				if err != nil {
					continue
				}
				libEntries = append(libEntries, libEntry{day: day, work: h.IsWork(), name: h.GetName(), forYear: target.Year()})
			}
		}
	})
	return libEntries
}

// LibraryYears lists the years for which the library carries a State
// Council schedule (a row whose holiday falls in that year; so 2001, of which
// the library only holds two make-up days of the 2002 notice, is not). It
// says where data exists, not which years are official.
func LibraryYears() []int {
	seen := map[int]bool{}
	var out []int
	for _, e := range library() {
		if y := e.forYear; y >= FirstYear && y <= LastYear && !seen[y] {
			seen[y] = true
			out = append(out, y)
		}
	}
	sort.Ints(out)
	return out
}

// New builds a calendar from the library's State Council schedules and the
// given overrides; overrides win, and a later override for the same date wins
// over an earlier one.
//
// official lists the years whose State Council notice is on record
// (configs/holiday_notices.yaml or an administrator's confirmation against
// the notice, decisions.md "Working days"): only they are official. A year
// the library carries without a notice on record, and a year with only local
// overrides (a closure is not a schedule), is provisional.
func New(overrides []Override, official []int) *Calendar {
	n := int(rangeHi - rangeLo + 1)
	c := &Calendar{
		flags: make([]uint8, n),
		name:  make([]uint16, n),
		names: []string{""},
		cum:   make([]int32, n+1),
	}
	b := &builder{c: c, nameIdx: map[string]uint16{"": 0}}
	// Decisions.md, Working days: Monday to Friday by default.
	for i := range n {
		if !isWeekend(rangeLo + Date(i)) {
			c.flags[i] = flagWorkday
		}
	}
	libWork := b.applyLibrary()
	for _, y := range official {
		if y >= FirstYear && y <= LastYear {
			c.officialYear[y-FirstYear] = true
		}
	}
	b.applyOverrides(overrides, libWork)
	c.index()
	return c
}

// builder helps New fill a calendar's tables.
type builder struct {
	c       *Calendar
	nameIdx map[string]uint16
}

func (b *builder) intern(s string) uint16 {
	if i, ok := b.nameIdx[s]; ok {
		return i
	}
	i := uint16(len(b.c.names))
	b.c.names = append(b.c.names, s)
	b.nameIdx[s] = i
	return i
}

// applyLibrary applies the State Council notices' holidays and 调休上班
// days as the library carries them, returning what it said of each date.
func (b *builder) applyLibrary() map[Date]bool {
	c := b.c
	libWork := make(map[Date]bool)
	for _, e := range library() {
		if e.day < rangeLo || e.day > rangeHi {
			continue
		}
		i := int(e.day - rangeLo)
		c.flags[i] &^= flagWorkday
		if e.work {
			c.flags[i] |= flagWorkday
		}
		c.name[i] = b.intern(e.name)
		libWork[e.day] = e.work
	}
	return libWork
}

// applyOverrides applies the local overrides, which win over the library
// (a later one for the same date over an earlier one).
func (b *builder) applyOverrides(overrides []Override, libWork map[Date]bool) {
	c := b.c
	c.overrides = append([]Override(nil), overrides...)
	sort.SliceStable(c.overrides, func(x, y int) bool { return c.overrides[x].Date < c.overrides[y].Date })
	for _, o := range c.overrides {
		if o.Date < rangeLo || o.Date > rangeHi {
			continue
		}
		i := int(o.Date - rangeLo)
		f := c.flags[i]&^flagWorkday | flagOverride
		if o.Workday {
			f |= flagWorkday
		}
		c.flags[i] = f
		switch lw, inLib := libWork[o.Date]; {
		case o.Name != "":
			c.name[i] = b.intern(o.Name)
		case inLib && lw == o.Workday:
			// Same status as the library: keep its holiday name.
		default:
			c.name[i] = 0
		}
	}
}

// index computes the per-year provisional counts, the per-day flags for
// 调休 and provisional days, and the working-day ordinals.
func (c *Calendar) index() {
	n := len(c.flags)
	for y := range numYears {
		c.provYearCum[y+1] = c.provYearCum[y]
		if c.officialYear[y] {
			c.officialThrough = FirstYear + y
		} else {
			c.provYearCum[y+1]++
		}
	}
	for i := range n {
		d := rangeLo + Date(i)
		f := c.flags[i]
		if f&flagWorkday != 0 && isWeekend(d) {
			f |= flagAdjusted
		}
		if !c.officialYear[d.Year()-FirstYear] {
			f |= flagProvisional
		}
		c.flags[i] = f
		c.cum[i+1] = c.cum[i]
		if f&flagWorkday != 0 {
			c.cum[i+1]++
		}
	}
	c.total = int(c.cum[n])
	c.kth = make([]int32, 0, c.total)
	for i := range n {
		if c.flags[i]&flagWorkday != 0 {
			c.kth = append(c.kth, int32(i))
		}
	}
	c.fLo = weekdayOrdinal(rangeLo - 1)
	c.fHi = weekdayOrdinal(rangeHi)
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// weekdayOrdinal counts the Mondays-to-Fridays up to and including d from a
// fixed origin; weekdayOrdinal(b) - weekdayOrdinal(a) is the number of
// weekdays D with a < D <= b.
func weekdayOrdinal(d Date) int {
	t := int(d) - 4 // 1970-01-05, Date 4, was a Monday
	w := floorDiv(t, 7)
	r := t - 7*w // 0 = Monday … 6 = Sunday
	return 5*w + min(r+1, 5)
}

// weekdayWithOrdinal is the inverse of weekdayOrdinal: the weekday D with
// weekdayOrdinal(D) == k, which is the earliest date with an ordinal >= k.
func weekdayWithOrdinal(k int) Date {
	w := floorDiv(k-1, 5)
	q := k - 1 - 5*w
	return Date(4 + 7*w + q)
}

// ordinal is the working-day ordinal of d: ordinal(b) - ordinal(a) is the
// number of working days D with a < D <= b. It is 0 just before rangeLo and
// follows the weekend rule outside the index.
func (c *Calendar) ordinal(d Date) int {
	switch {
	case d < rangeLo:
		return weekdayOrdinal(d) - c.fLo
	case d > rangeHi:
		return c.total + weekdayOrdinal(d) - c.fHi
	}
	return int(c.cum[d-rangeLo+1])
}

// withOrdinal returns the working day whose ordinal is k, that is the
// earliest date D with ordinal(D) >= k.
func (c *Calendar) withOrdinal(k int) Date {
	switch {
	case k <= 0:
		return weekdayWithOrdinal(k + c.fLo)
	case k > c.total:
		return weekdayWithOrdinal(k - c.total + c.fHi)
	}
	return rangeLo + Date(c.kth[k-1])
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) bool {
	if d < rangeLo || d > rangeHi {
		return !isWeekend(d)
	}
	return c.flags[d-rangeLo]&flagWorkday != 0
}

// AddWorkdays returns the n-th working day after d; d itself is never counted
// (民法典 Art 201: the start day is not counted). n == 0 returns d unchanged,
// even if d is not a working day; n < 0 returns the |n|-th working day before
// d.
func (c *Calendar) AddWorkdays(d Date, n int) Date {
	switch {
	case n > 0:
		return c.withOrdinal(c.ordinal(d) + n)
	case n < 0:
		// The working days before d are those up to d-1; the last of them
		// has ordinal(d-1).
		return c.withOrdinal(c.ordinal(d-1) + n + 1)
	}
	return d
}

// WorkdaysBetween counts the working days D with a < D <= b; if b < a it is
// minus the count for (b, a].
func (c *Calendar) WorkdaysBetween(a, b Date) int {
	return c.ordinal(b) - c.ordinal(a)
}

// NextWorkday returns the first working day strictly after d.
func (c *Calendar) NextWorkday(d Date) Date { return c.withOrdinal(c.ordinal(d) + 1) }

// OnOrAfter returns d if it is a working day, else the next working day.
func (c *Calendar) OnOrAfter(d Date) Date {
	if c.IsWorkday(d) {
		return d
	}
	return c.NextWorkday(d)
}

// IsProvisional reports whether d's year has no official schedule, so that d
// was judged on the weekend rule alone.
func (c *Calendar) IsProvisional(d Date) bool {
	if d < rangeLo || d > rangeHi {
		return true
	}
	return c.flags[d-rangeLo]&flagProvisional != 0
}

// ProvisionalBetween reports whether any date from a to b inclusive is
// provisional (the order of a and b does not matter).
func (c *Calendar) ProvisionalBetween(a, b Date) bool {
	if b < a {
		a, b = b, a
	}
	if a < rangeLo || b > rangeHi {
		return true
	}
	ya, yb := a.Year()-FirstYear, b.Year()-FirstYear
	return c.provYearCum[yb+1]-c.provYearCum[ya] > 0
}

// Day describes d.
func (c *Calendar) Day(d Date) DayInfo {
	if d < rangeLo || d > rangeHi {
		return DayInfo{Date: d, Workday: !isWeekend(d), Provisional: true}
	}
	i := d - rangeLo
	f := c.flags[i]
	return DayInfo{
		Date:        d,
		Workday:     f&flagWorkday != 0,
		Holiday:     c.names[c.name[i]],
		Adjusted:    f&flagAdjusted != 0,
		Provisional: f&flagProvisional != 0,
		Override:    f&flagOverride != 0,
	}
}

// Days describes every date from from to to inclusive; nil if to < from.
func (c *Calendar) Days(from, to Date) []DayInfo {
	if to < from {
		return nil
	}
	out := make([]DayInfo, 0, int(to-from)+1)
	for d := from; d <= to; d++ {
		out = append(out, c.Day(d))
	}
	return out
}

// Coverage reports the last year with an official schedule and which of the
// years fromYear..toYear (inclusive, either order) are provisional.
func (c *Calendar) Coverage(fromYear, toYear int) Coverage {
	if toYear < fromYear {
		fromYear, toYear = toYear, fromYear
	}
	cov := Coverage{OfficialThrough: c.officialThrough, ProvisionalYears: []int{}}
	for y := fromYear; y <= toYear; y++ {
		if !c.IsOfficialYear(y) {
			cov.ProvisionalYears = append(cov.ProvisionalYears, y)
		}
	}
	return cov
}

// IsOfficialYear reports whether year y has an official schedule.
func (c *Calendar) IsOfficialYear(y int) bool {
	return y >= FirstYear && y <= LastYear && c.officialYear[y-FirstYear]
}

// Overrides returns a copy of the overrides the calendar was built with,
// sorted by date.
func (c *Calendar) Overrides() []Override {
	return append([]Override(nil), c.overrides...)
}

// String summarises the calendar for logs.
func (c *Calendar) String() string {
	return "calendar(official through " + strconv.Itoa(c.officialThrough) + ", " + strconv.Itoa(len(c.overrides)) + " overrides)"
}
