package configs

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadLayers(t *testing.T) {
	dir := t.TempDir()
	yml := filepath.Join(dir, "g.yaml")
	os.WriteFile(yml, []byte("addr: \":9000\"\nlog_level: debug\nclock:\n  warning_days: 6\n"), 0o600)
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("from-a-file-0123456789-0123456789\n"), 0o600)
	cfg, err := Load(env(map[string]string{
		"GONGKAI_CONFIG": yml, "GONGKAI_LOG_LEVEL": "warn", "GONGKAI_JWT_SECRET_FILE": secret,
		"GONGKAI_ACCESS_TOKEN_TTL": "10m", "GONGKAI_CLOCK_URGENT_DAYS": "1",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":9000" || cfg.LogLevel != "warn" || cfg.Clock.WarningDays != 6 || cfg.Clock.UrgentDays != 1 {
		t.Fatalf("layers: %+v", cfg)
	}
	if cfg.JWTSecret != "from-a-file-0123456789-0123456789" || cfg.AccessTokenTTL != 10*time.Minute {
		t.Fatalf("secret file or duration: %q %v", cfg.JWTSecret, cfg.AccessTokenTTL)
	}
	if cfg.DatabaseURL != "sqlite:data/gongkai.db" {
		t.Fatalf("default database %q", cfg.DatabaseURL)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if r := cfg.Redacted(); strings.Contains(r.JWTSecret, "file") {
		t.Fatal("redaction")
	}
}

func TestLoadRejects(t *testing.T) {
	dir := t.TempDir()
	yml := filepath.Join(dir, "g.yaml")
	os.WriteFile(yml, []byte("adress: typo\n"), 0o600)
	if _, err := Load(env(map[string]string{"GONGKAI_CONFIG": yml})); err == nil {
		t.Fatal("unknown YAML key accepted")
	}
	if _, err := Load(env(map[string]string{"GONGKAI_LOCKOUT_ATTEMPTS": "five"})); err == nil || !strings.Contains(err.Error(), "GONGKAI_LOCKOUT_ATTEMPTS") {
		t.Fatalf("bad integer: %v", err)
	}
}

func TestValidateProduction(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"no secret, sqlite", map[string]string{"GONGKAI_ENV": "production"},
			[]string{"GONGKAI_JWT_SECRET", "GONGKAI_DATA_KEY", "GONGKAI_ALLOW_SQLITE_IN_PRODUCTION"}},
		{"short secret", map[string]string{"GONGKAI_ENV": "production", "GONGKAI_JWT_SECRET": "short", "GONGKAI_DATABASE_URL": "postgres://x@y/z"},
			[]string{"GONGKAI_JWT_SECRET"}},
		{"dev secret", map[string]string{"GONGKAI_ENV": "production", "GONGKAI_JWT_SECRET": DevJWTSecret, "GONGKAI_DATA_KEY": "abc", "GONGKAI_DATABASE_URL": "postgres://x@y/z"},
			[]string{"GONGKAI_JWT_SECRET"}},
		{"ok on postgres", map[string]string{"GONGKAI_ENV": "production", "GONGKAI_JWT_SECRET": strings.Repeat("k", 40), "GONGKAI_DATA_KEY": "a2V5", "GONGKAI_DATABASE_URL": "postgres://x@y/z"}, nil},
		{"ok on sqlite with opt-in", map[string]string{"GONGKAI_ENV": "production", "GONGKAI_JWT_SECRET": strings.Repeat("k", 40), "GONGKAI_DATA_KEY": "a2V5", "GONGKAI_ALLOW_SQLITE_IN_PRODUCTION": "true"}, nil},
		{"bad env and url", map[string]string{"GONGKAI_ENV": "staging", "GONGKAI_DATABASE_URL": "mysql://x"}, []string{"GONGKAI_ENV", "GONGKAI_DATABASE_URL"}},
		{"thresholds", map[string]string{"GONGKAI_CLOCK_WARNING_DAYS": "2", "GONGKAI_CLOCK_URGENT_DAYS": "3"}, []string{"GONGKAI_CLOCK_WARNING_DAYS"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Load(env(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			err = cfg.Validate()
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %s: %v", w, err)
				}
			}
		})
	}
}

func TestExampleYAMLDocumentsEveryKey(t *testing.T) {
	b, err := os.ReadFile("gongkai.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The example must load (every key known) ...
	cfg, err := Load(env(map[string]string{"GONGKAI_CONFIG": "gongkai.example.yaml"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	// ... and name every environment variable.
	for _, name := range EnvNames() {
		if !strings.Contains(string(b), name) {
			t.Errorf("gongkai.example.yaml does not document %s", name)
		}
	}
}

func TestLoadHolidays(t *testing.T) {
	if _, err := LoadHolidays(""); err != nil {
		t.Fatalf("shipped file: %v", err)
	}
	p := filepath.Join(t.TempDir(), "h.yaml")
	os.WriteFile(p, []byte("overrides:\n  - date: 2030-10-08\n    workday: false\n    name: 国庆节\n    reason: test\n"), 0o600)
	hs, err := LoadHolidays(p)
	if err != nil || len(hs) != 1 || hs[0].Date != "2030-10-08" || hs[0].Workday {
		t.Fatalf("%v %+v", err, hs)
	}
}

func TestReminderThresholds(t *testing.T) {
	if got := Default().Clock.ReminderThresholds; !reflect.DeepEqual(got, []int{5, 2, 1}) {
		t.Fatalf("default %v", got)
	}
	cfg, err := Load(env(map[string]string{"GONGKAI_CLOCK_REMINDER_THRESHOLDS": "10, 3,1"}))
	if err != nil || !reflect.DeepEqual(cfg.Clock.ReminderThresholds, []int{10, 3, 1}) || cfg.Validate() != nil {
		t.Fatalf("from the environment: %v %v %v", cfg.Clock.ReminderThresholds, err, cfg.Validate())
	}
	if _, err := Load(env(map[string]string{"GONGKAI_CLOCK_REMINDER_THRESHOLDS": "5,two"})); err == nil || !strings.Contains(err.Error(), "GONGKAI_CLOCK_REMINDER_THRESHOLDS") {
		t.Fatalf("not a number: %v", err)
	}
	for _, bad := range []string{"5,5", "0", "31", "6,5,4,3,2,1"} {
		cfg, err := Load(env(map[string]string{"GONGKAI_CLOCK_REMINDER_THRESHOLDS": bad}))
		if err != nil {
			t.Fatal(err)
		}
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "GONGKAI_CLOCK_REMINDER_THRESHOLDS") {
			t.Errorf("%s accepted: %v", bad, err)
		}
	}
	cfg.Clock.ReminderThresholds = nil
	if err := cfg.Validate(); err == nil {
		t.Error("no thresholds accepted")
	}
}

func TestSMTPFrom(t *testing.T) {
	cfg, err := Load(env(map[string]string{"GONGKAI_SMTP_HOST": "mail.example.gov.cn", "GONGKAI_SMTP_FROM": "莱芜区政务公开 <gk@example.gov.cn>"}))
	if err != nil || cfg.Validate() != nil {
		t.Fatalf("a display name: %v %v", err, cfg.Validate())
	}
	cfg.SMTP.From = "not an address"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "GONGKAI_SMTP_FROM") {
		t.Fatalf("a bad sender: %v", err)
	}
}

// TestPDFSigningSettings: the certificate comes from a file like a secret
// (GONGKAI_PDF_SIGN_CERT_FILE), the key too; one without the other is
// refused; the key never appears in the redacted settings.
func TestPDFSigningSettings(t *testing.T) {
	dir := t.TempDir()
	cert, key := filepath.Join(dir, "gk.crt"), filepath.Join(dir, "gk.key")
	os.WriteFile(cert, []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), 0o600)
	os.WriteFile(key, []byte("-----BEGIN PRIVATE KEY-----\nsecret-key-material\n-----END PRIVATE KEY-----\n"), 0o600)
	cfg, err := Load(env(map[string]string{"GONGKAI_PDF_SIGN_CERT_FILE": cert, "GONGKAI_PDF_SIGN_KEY_FILE": key, "GONGKAI_PDF_FONTS_DIR": "/opt/fonts",
		"GONGKAI_TEMPLATES_DIR": "/etc/gongkai/notices"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cfg.PDF.SignCert, "BEGIN CERTIFICATE") || !strings.Contains(cfg.PDF.SignKey, "secret-key-material") ||
		cfg.PDF.FontsDir != "/opt/fonts" || cfg.TemplatesDir != "/etc/gongkai/notices" {
		t.Fatalf("loaded %+v, templates %q", cfg.PDF, cfg.TemplatesDir)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if r := cfg.Redacted(); strings.Contains(r.PDF.SignKey, "secret") {
		t.Error("the key is in the redacted settings")
	}
	cfg, err = Load(env(map[string]string{"GONGKAI_PDF_SIGN_CERT_FILE": cert}))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "GONGKAI_PDF_SIGN_KEY") {
		t.Errorf("a certificate without its key: %v", err)
	}
}
