package configs

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"gongkai/app/calendar"
)

// TestScheduleAgreesWithStateCouncilNotices checks every day from 2010 to
// 2026 of the calendar Gongkai runs on (lunar-go with holidays.yaml) against
// a second, independent copy of the State Council's notices. A day where
// the library is wrong needs a documented override in holidays.yaml.
func TestScheduleAgreesWithStateCouncilNotices(t *testing.T) {
	hs, err := LoadHolidays("")
	if err != nil {
		t.Fatal(err)
	}
	var ovs []calendar.Override
	for _, h := range hs {
		d, err := calendar.ParseDate(h.Date)
		if err != nil {
			t.Fatalf("override %q: %v", h.Date, err)
		}
		if strings.TrimSpace(h.Reason) == "" {
			t.Errorf("override %s has no reason", h.Date)
		}
		ovs = append(ovs, calendar.Override{Date: d, Workday: h.Workday, Name: h.Name, Reason: h.Reason})
	}
	cal := calendar.New(ovs, nil)

	f, err := os.Open("testdata/state_council_schedules.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	official := map[calendar.Date]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		d, err := calendar.ParseDate(p[0])
		if err != nil || (p[1] != "off" && p[1] != "work") {
			t.Fatalf("bad row %q", line)
		}
		official[d] = p[1] == "work"
	}
	if len(official) < 500 {
		t.Fatalf("only %d rows read", len(official))
	}
	bad := 0
	for d := calendar.DateOf(2010, 1, 1); d <= calendar.DateOf(2026, 12, 31); d++ {
		want, listed := official[d]
		if !listed {
			wd := d.Weekday().String()
			want = wd != "Saturday" && wd != "Sunday"
		}
		if got := cal.IsWorkday(d); got != want {
			bad++
			t.Errorf("%s: workday %v, the State Council's notice says %v", d, got, want)
		}
	}
	if bad > 0 {
		t.Logf("%d days disagree: add overrides with their notice to holidays.yaml", bad)
	}
}

// TestHolidayNotices checks the notices on record: every year from 2010 to
// 2026 has one, and 2027 (no notice as of 2026-12-04) does not.
func TestHolidayNotices(t *testing.T) {
	ns, err := LoadHolidayNotices()
	if err != nil {
		t.Fatal(err)
	}
	years := map[int]bool{}
	for _, n := range ns {
		years[n.Year] = true
		if !strings.Contains(n.Number, "〔") || !strings.HasSuffix(n.Number, "号") {
			t.Errorf("%d: number %q is not a document number", n.Year, n.Number)
		}
		if _, err := calendar.ParseDate(n.Date); err != nil {
			t.Errorf("%d: date %q: %v", n.Year, n.Date, err)
		}
	}
	for y := 2010; y <= 2026; y++ {
		if !years[y] {
			t.Errorf("no notice on record for %d", y)
		}
	}
	if years[2027] {
		t.Error("2027 has a notice on record; none was published as of 2026-12-04")
	}
}
