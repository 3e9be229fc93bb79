package configs

import (
	"strings"
	"testing"
)

// TestSecureCookiesDefault: the refresh cookie is Secure in production
// unless an operator turns it off for a plain-HTTP intranet install, and
// not in development unless turned on.
func TestSecureCookiesDefault(t *testing.T) {
	prod := map[string]string{"GONGKAI_ENV": "production", "GONGKAI_JWT_SECRET": strings.Repeat("k", 40), "GONGKAI_DATA_KEY": "a2V5", "GONGKAI_DATABASE_URL": "postgres://x@y/z"}
	with := func(m map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for a, b := range m {
			out[a] = b
		}
		return out
	}
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"production", prod, true},
		{"production, turned off", with(prod, "GONGKAI_SECURE_COOKIES", "false"), false},
		{"development", map[string]string{}, false},
		{"development, turned on", map[string]string{"GONGKAI_SECURE_COOKIES": "true"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Load(env(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := cfg.CookiesSecure(); got != tc.want {
				t.Fatalf("CookiesSecure() = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRateLimitKeys: each purpose has its own limit; one left unset takes
// GONGKAI_RATE_LIMIT_PER_MINUTE, as before the purposes existed.
func TestRateLimitKeys(t *testing.T) {
	cfg, err := Load(env(map[string]string{"GONGKAI_RATE_LIMIT_PER_MINUTE": "40", "GONGKAI_RATE_LOGIN": "7", "GONGKAI_RATE_TRACK": "9"}))
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.RateLimits()
	if r.Login != 7 || r.Track != 9 || r.Register != 40 || r.Calendar != 40 || r.LoginAddress != 300 {
		t.Fatalf("rate limits %+v", r)
	}
	cfg, _ = Load(env(map[string]string{"GONGKAI_RATE_CALENDAR": "-1"}))
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "GONGKAI_RATE_CALENDAR") {
		t.Fatalf("negative limit: %v", err)
	}
}
