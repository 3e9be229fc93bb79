package register

import (
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// earliestDate is the day 《政府信息公开条例》 took effect; no application
// in a register is older.
const earliestDate = "2008-05-01"

// shanghai is the zone of every calendar date (decisions.md, "Working
// days"); China keeps no daylight saving time, so a fixed zone is exact
// and needs no tzdata.
var shanghai = time.FixedZone("CST", 8*3600)

// dateProblem is why a date cell was refused.
type dateProblem int

const (
	dateOK dateProblem = iota
	dateBadFormat
	dateImpossible
)

// parseDate reads the ways registers write a date: an Excel serial number
// (a date-formatted cell read unformatted), 2026-01-05, 2026/1/5, 2026.1.5,
// 2026年1月5日, 20260105, with or without a time of day after it.
func parseDate(s string, date1904 bool) (string, dateProblem) {
	s = norm.NFKC.String(strings.TrimSpace(s))
	if i := strings.IndexByte(s, ':'); i > 0 { // a time of day follows
		if j := strings.LastIndexAny(s[:i], " T"); j > 0 {
			s = s[:j]
		}
	}
	s = strings.ReplaceAll(s, " ", "")
	if isDigits(s) && len(s) == 8 {
		return makeDate(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]))
	}
	if whole, frac, _ := strings.Cut(s, "."); len(whole) == 5 && isDigits(whole) && (frac == "" || isDigits(frac)) {
		// Serials of five digits span 1927 to 2173; a shorter number is
		// more likely a mistyped date than a serial.
		f, _ := strconv.ParseFloat(s, 64)
		return serialDate(f, date1904)
	}
	y, m, d, ok := dateFields(s)
	if !ok {
		return "", dateBadFormat
	}
	return makeDate(y, m, d)
}

// dateFields splits year, month and day written with separators; the year
// must have four digits, so 26/1/5 and 1/5/2026 are refused as ambiguous.
func dateFields(s string) (y, m, d int, ok bool) {
	fields := strings.FieldsFunc(s, isDateSep)
	if len(fields) != 3 || len(fields[0]) != 4 || len(fields[1]) > 2 || len(fields[2]) > 2 {
		return 0, 0, 0, false
	}
	for _, f := range fields {
		if !isDigits(f) {
			return 0, 0, 0, false
		}
	}
	for _, r := range s {
		if (r < '0' || r > '9') && !isDateSep(r) {
			return 0, 0, 0, false
		}
	}
	return atoi(fields[0]), atoi(fields[1]), atoi(fields[2]), true
}

func isDateSep(r rune) bool {
	switch r {
	case '-', '/', '.', '年', '月', '日':
		return true
	}
	return false
}

// serialDate converts an Excel serial day number; the fraction is the time
// of day and is dropped.
func serialDate(f float64, date1904 bool) (string, dateProblem) {
	if f < 1 || f > 2958465 || math.IsNaN(f) {
		return "", dateBadFormat
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC) // absorbs Excel's 1900-02-29
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return base.AddDate(0, 0, int(f)).Format(time.DateOnly), dateOK
}

func makeDate(y, m, d int) (string, dateProblem) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", dateImpossible
	}
	return t.Format(time.DateOnly), dateOK
}

// excelSerial is the 1900-system serial of a "YYYY-MM-DD" date.
func excelSerial(date string) (float64, bool) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return float64(t.Sub(base) / (24 * time.Hour)), true
}

// parseFee reads an amount in yuan into fen: "120", "120.5", "1,234.00",
// "￥120元". A float cell's noise (120.49999999999999) is rounded to the
// cent; a third decimal is refused.
func parseFee(s string) (fen int64, ok, negative bool) {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', '元', '¥', ' ':
			return -1
		}
		return r
	}, s)
	if strings.HasPrefix(s, "-") {
		return 0, false, true
	}
	s = strings.TrimPrefix(s, "+")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return 0, false, false
	}
	if whole == "" {
		whole = "0"
	}
	if !isDigits(whole) || len(whole) > 12 || (frac != "" && !isDigits(frac)) {
		return 0, false, false
	}
	if len(frac) <= 2 {
		frac += strings.Repeat("0", 2-len(frac))
		return int64(atoi(whole))*100 + int64(atoi(frac)), true, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, false
	}
	cents := math.Round(f * 100)
	if math.Abs(f*100-cents) > 1e-6 {
		return 0, false, false
	}
	return int64(cents), true, false
}

// feeValue is the cell value the Writer writes for an amount in fen.
func feeValue(fen int64) float64 { return float64(fen) / 100 }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi converts a string of at most 18 ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
