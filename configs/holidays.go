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
