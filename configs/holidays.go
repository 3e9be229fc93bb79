package configs

import (
	"bytes"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// HolidayOverride is one row of a holiday overrides file.
type HolidayOverride struct {
	Date    string `yaml:"date"`
	Workday bool   `yaml:"workday"`
	Name    string `yaml:"name"`
	Reason  string `yaml:"reason"`
}

// LoadHolidays reads calendar overrides from path, or from the
// holidays.yaml shipped in the binary when path is empty.
func LoadHolidays(path string) ([]HolidayOverride, error) {
	var b []byte
	var err error
	if path == "" {
		b, err = Files.ReadFile("holidays.yaml")
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("holidays file: %w", err)
	}
	var doc struct {
		Overrides []HolidayOverride `yaml:"overrides"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("holidays file %s: %w", path, err)
	}
	return doc.Overrides, nil
}

// HolidayNotice is one State Council holiday notice on record for a year
// (decisions.md, "Working days": a year is official only when its notice
// is on record).
type HolidayNotice struct {
	Year   int    `yaml:"year"`
	Title  string `yaml:"title"`
	Number string `yaml:"number"`
	Date   string `yaml:"date"`
	Source string `yaml:"source"`
}

// LoadHolidayNotices reads the notices on record shipped in the binary
// (holiday_notices.yaml).
func LoadHolidayNotices() ([]HolidayNotice, error) {
	b, err := Files.ReadFile("holiday_notices.yaml")
	if err != nil {
		return nil, fmt.Errorf("holiday notices: %w", err)
	}
	var doc struct {
		Notices []HolidayNotice `yaml:"notices"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("holiday notices: %w", err)
	}
	for i, n := range doc.Notices {
		if n.Year < 2000 || n.Title == "" || n.Number == "" || len(n.Date) != 10 {
			return nil, fmt.Errorf("holiday notices: entry %d (%d) needs a year, title, number and date", i, n.Year)
		}
	}
	return doc.Notices, nil
}
