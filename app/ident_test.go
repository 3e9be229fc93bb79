package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

type identVectors struct {
	Today      string `json:"today"`
	ResidentID []struct {
		Value string `json:"value"`
		Valid bool   `json:"valid"`
		Note  string `json:"note"`
	} `json:"residentId"`
	CreditCode []struct {
		Value string `json:"value"`
		Valid bool   `json:"valid"`
		Note  string `json:"note"`
	} `json:"creditCode"`
	Mobile []struct {
		Value      string `json:"value"`
		Valid      bool   `json:"valid"`
		Normalized string `json:"normalized"`
	} `json:"mobile"`
	Mask []struct {
		Value  string `json:"value"`
		Masked string `json:"masked"`
	} `json:"mask"`
}

// The vectors are shared with the front end's validators.
func loadVectors(t *testing.T) identVectors {
	t.Helper()
	b, err := os.ReadFile("testdata/ident_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v identVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestIdentVectors(t *testing.T) {
	v := loadVectors(t)
	today, _ := time.Parse("2006-01-02", v.Today)
	for _, c := range v.ResidentID {
		if _, ok := CheckResidentID(c.Value, today); ok != c.Valid {
			t.Errorf("resident ID %q (%s): valid=%v, want %v", c.Value, c.Note, ok, c.Valid)
		}
	}
	for _, c := range v.CreditCode {
		if _, ok := CheckCreditCode(c.Value); ok != c.Valid {
			t.Errorf("credit code %q (%s): valid=%v, want %v", c.Value, c.Note, ok, c.Valid)
		}
	}
	for _, c := range v.Mobile {
		n, ok := CheckMobile(c.Value)
		if ok != c.Valid || (ok && n != c.Normalized) {
			t.Errorf("mobile %q: %q %v", c.Value, n, ok)
		}
	}
	for _, c := range v.Mask {
		if got := Mask(c.Value); got != c.Masked {
			t.Errorf("Mask(%q) = %q, want %q", c.Value, got, c.Masked)
		}
	}
}

func TestWithChecksRoundTrip(t *testing.T) {
	today := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"37010219900101123", "11010519491231002", "44030619881111555"} {
		if _, ok := CheckResidentID(WithIDCheck(s), today); !ok {
			t.Errorf("WithIDCheck(%s) invalid", s)
		}
	}
	for _, s := range []string{"91350100M000100Y4", "31370000MD0123456"} {
		if _, ok := CheckCreditCode(WithCreditCheck(s)); !ok {
			t.Errorf("WithCreditCheck(%s) invalid", s)
		}
	}
}

func TestSealer(t *testing.T) {
	s, err := NewSealer("Z29uZ2thaS1kZXZlbG9wbWVudC1kYXRhLWtleS0zMmI=")
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Seal("370102199001011234"), s.Seal("370102199001011234")
	if string(a) == string(b) || strings.Contains(string(a), "1990") {
		t.Fatal("seal is deterministic or leaks")
	}
	if p, err := s.Open(a); err != nil || p != "370102199001011234" {
		t.Fatalf("open: %q %v", p, err)
	}
	if a, b := s.Hash("x"), s.Hash("x"); a != b || a == s.Hash("y") {
		t.Fatal("hash")
	}
	other, _ := NewSealer("b3RoZXItZGV2ZWxvcG1lbnQtZGF0YS1rZXktMzJieXQ=")
	if _, err := other.Open(a); err == nil {
		t.Fatal("opened with another key")
	}
	if _, err := NewSealer("c2hvcnQ="); err == nil {
		t.Fatal("short key accepted")
	}
}
