package calendar

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Date
		wantErr bool
	}{
		{name: "epoch", in: "1970-01-01", want: 0},
		{name: "day after epoch", in: "1970-01-02", want: 1},
		{name: "before epoch", in: "1969-12-31", want: -1},
		{name: "leap day", in: "2024-02-29", want: DateOf(2024, 2, 29)},
		{name: "2000 is a leap year", in: "2000-02-29", want: DateOf(2000, 2, 29)},
		{name: "2100 is not a leap year", in: "2100-02-29", wantErr: true},
		{name: "no leap day in 2026", in: "2026-02-29", wantErr: true},
		{name: "month 13", in: "2026-13-01", wantErr: true},
		{name: "month 0", in: "2026-00-10", wantErr: true},
		{name: "day 0", in: "2026-01-00", wantErr: true},
		{name: "April 31", in: "2026-04-31", wantErr: true},
		{name: "not zero padded", in: "2026-2-1", wantErr: true},
		{name: "no separators", in: "20260201", wantErr: true},
		{name: "slashes", in: "2026/02/01", wantErr: true},
		{name: "leading space", in: " 2026-02-01", wantErr: true},
		{name: "trailing time", in: "2026-02-01T00:00:00Z", wantErr: true},
		{name: "sign", in: "+026-02-01", wantErr: true},
		{name: "empty", in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrDateFormat) {
					t.Fatalf("ParseDate(%q) = %v, %v; want ErrDateFormat", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("String() = %q, want %q", s, tt.in)
			}
		})
	}
}

// TestCivilAgainstTime checks the hand-written civil conversions against the
// time package for every day from 1600 to 2400.
func TestCivilAgainstTime(t *testing.T) {
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2400, 12, 31, 0, 0, 0, 0, time.UTC)
	for tm := start; !tm.After(end); tm = tm.AddDate(0, 0, 1) {
		want := Date(tm.Unix() / 86400)
		y, m, d := tm.Date()
		if got := DateOf(y, int(m), d); got != want {
			t.Fatalf("DateOf(%d,%d,%d) = %d, want %d", y, m, d, got, want)
		}
		if gy, gm, gd := want.YMD(); gy != y || gm != int(m) || gd != d {
			t.Fatalf("%d.YMD() = %d-%d-%d, want %v", want, gy, gm, gd, tm)
		}
		if want.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", want, want.Weekday(), tm.Weekday())
		}
		if want.Year() != y {
			t.Fatalf("%v.Year() = %d", want, want.Year())
		}
	}
}

func TestDateOfNormalises(t *testing.T) {
	tests := []struct {
		name    string
		y, m, d int
		want    string
	}{
		{name: "Feb 29 in a common year", y: 2026, m: 2, d: 29, want: "2026-03-01"},
		{name: "month 13", y: 2026, m: 13, d: 1, want: "2027-01-01"},
		{name: "month 0", y: 2026, m: 0, d: 1, want: "2025-12-01"},
		{name: "day 0", y: 2026, m: 3, d: 0, want: "2026-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateOf(tt.y, tt.m, tt.d).String(); got != tt.want {
				t.Errorf("DateOf(%d,%d,%d) = %s, want %s", tt.y, tt.m, tt.d, got, tt.want)
			}
		})
	}
}

func TestFromTimeUsesShanghai(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		// 16:30 UTC on 27 September is 00:30 on 28 September in Beijing.
		{name: "UTC evening is next day in Beijing", in: time.Date(2026, 9, 27, 16, 30, 0, 0, time.UTC), want: "2026-09-28"},
		{name: "UTC 15:59 is still the same day", in: time.Date(2026, 9, 27, 15, 59, 59, 0, time.UTC), want: "2026-09-27"},
		{name: "other zone", in: time.Date(2026, 9, 27, 12, 0, 0, 0, time.FixedZone("EDT", -4*3600)), want: "2026-09-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromTime(tt.in).String(); got != tt.want {
				t.Errorf("FromTime(%v) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
	d := MustParseDate("2026-09-28")
	if got := FromTime(d.Time()); got != d {
		t.Errorf("FromTime(Time()) = %v, want %v", got, d)
	}
	if name := d.Time().Location().String(); name != "Asia/Shanghai" {
		t.Errorf("Time() zone = %s", name)
	}
	if got := d.AddDays(3).String(); got != "2026-10-01" {
		t.Errorf("AddDays(3) = %s", got)
	}
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		On   Date `json:"on"`
		None Date `json:"none,omitzero"`
	}
	in := wrap{On: MustParseDate("2026-10-30")}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"on":"2026-10-30"}`; got != want {
		t.Fatalf("Marshal = %s, want %s", got, want)
	}
	var out wrap
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	bad := []string{`{"on":"2026-10-32"}`, `{"on":20261030}`, `{"on":""}`, `{"on":"2026-10-30T00:00:00Z"}`}
	for _, s := range bad {
		t.Run(s, func(t *testing.T) {
			var w wrap
			if err := json.Unmarshal([]byte(s), &w); err == nil {
				t.Errorf("Unmarshal(%s) accepted %v", s, w.On)
			}
		})
	}
	var keep = wrap{On: 5}
	if err := json.Unmarshal([]byte(`{"on":null}`), &keep); err != nil || keep.On != 5 {
		t.Errorf("null: %v, %v", keep.On, err)
	}

	// As a map key the text form is used.
	m := map[Date]int{MustParseDate("2026-01-02"): 1}
	b, err = json.Marshal(m)
	if err != nil || string(b) != `{"2026-01-02":1}` {
		t.Errorf("map key: %s, %v", b, err)
	}
	var back map[Date]int
	if err := json.Unmarshal(b, &back); err != nil || back[MustParseDate("2026-01-02")] != 1 {
		t.Errorf("map key back: %v, %v", back, err)
	}
}

func TestStringOutsideFourDigits(t *testing.T) {
	if got := DateOf(-1, 1, 1).String(); got != "-1-01-01" {
		t.Errorf("got %s", got)
	}
	if got := DateOf(12345, 6, 7).String(); got != "12345-06-07" {
		t.Errorf("got %s", got)
	}
}
