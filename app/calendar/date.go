package calendar

import (
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // Asia/Shanghai must resolve even on hosts without a zoneinfo database.
)

// Date is a calendar date in Asia/Shanghai, counted in days since 1970-01-01.
// The zero Date is 1970-01-01, which no case can carry, so code that needs
// "no date" uses the zero value (see IsZero). Arithmetic on Date never
// allocates: the civil conversions below are done by hand, not through
// time.Time.
type Date int32

// shanghai is the zone every timestamp is converted into before it becomes a
// Date (decisions.md, Working days: "A timestamp becomes a date in that zone,
// never in UTC").
var shanghai = loadShanghai()

func loadShanghai() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		// time/tzdata is linked in, so this is unreachable in practice; China
		// has kept UTC+8 without daylight saving since 1992.
		return time.FixedZone("CST", 8*60*60)
	}
	return loc
}

// Location returns the zone Dates are reckoned in (Asia/Shanghai).
func Location() *time.Location { return shanghai }

// DateOf returns the Date for year y, month m (1-12) and day d. Like
// time.Date it normalises out-of-range months and days, so DateOf(2026, 2,
// 29) is 2026-03-01.
func DateOf(y, m, d int) Date {
	m--
	y += floorDiv(m, 12)
	m = floorMod(m, 12) + 1
	return Date(daysFromCivil(y, m, 1) + d - 1)
}

// FromTime returns the date that t falls on in Asia/Shanghai.
func FromTime(t time.Time) Date {
	y, m, d := t.In(shanghai).Date()
	return Date(daysFromCivil(y, int(m), d))
}

// ErrDateFormat is returned (wrapped) by ParseDate for input that is not a
// valid date in YYYY-MM-DD form.
var ErrDateFormat = errors.New("date must be YYYY-MM-DD")

// ParseDate parses a date in strict YYYY-MM-DD form: exactly ten characters,
// zero-padded, and a day that exists in that month.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("parse date %q: %w", s, ErrDateFormat)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, fmt.Errorf("parse date %q: %w", s, ErrDateFormat)
	}
	return Date(daysFromCivil(y, m, d)), nil
}

// MustParseDate is ParseDate for constants and tests; it panics on bad input.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsZero reports whether d is the zero Date (1970-01-01), used for "none".
// encoding/json's omitzero option relies on it.
func (d Date) IsZero() bool { return d == 0 }

// YMD returns the year, month (1-12) and day of d.
func (d Date) YMD() (y, m, day int) { return civilFromDays(int(d)) }

// Year returns the year of d.
func (d Date) Year() int {
	y, _, _ := civilFromDays(int(d))
	return y
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(floorMod(int(d)+4, 7))
}

// Time returns midnight at the start of d in Asia/Shanghai.
func (d Date) Time() time.Time {
	y, m, day := d.YMD()
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, shanghai)
}

// AddDays returns the date n calendar days after d (before d if n < 0).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	var buf [16]byte
	return string(d.appendTo(buf[:0]))
}

// AppendText appends d as YYYY-MM-DD to b (encoding.TextAppender).
func (d Date) AppendText(b []byte) ([]byte, error) { return d.appendTo(b), nil }

func (d Date) appendTo(b []byte) []byte {
	y, m, day := d.YMD()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%d-%02d-%02d", y, m, day)
	}
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+day/10), byte('0'+day%10))
}

// MarshalText implements encoding.TextMarshaler (YYYY-MM-DD).
func (d Date) MarshalText() ([]byte, error) {
	return d.appendTo(make([]byte, 0, 10)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler (strict YYYY-MM-DD).
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON encodes d as the JSON string "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.appendTo(b)
	return append(b, '"'), nil
}

// UnmarshalJSON decodes a JSON string "YYYY-MM-DD". A JSON null leaves d
// unchanged, as encoding/json does for other types.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("parse date %s: %w", b, ErrDateFormat)
	}
	return d.UnmarshalText(b[1 : len(b)-1])
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (Howard Hinnant's algorithm). d may exceed the month's length.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
