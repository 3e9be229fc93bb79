// Package configs loads Gongkai's settings: defaults in code, then an
// optional YAML file, then GONGKAI_* environment variables (with *_FILE
// variants for secrets), then Validate. Only main.go imports it.
package configs

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Environments Gongkai knows.
const (
	EnvDevelopment = "development"
	EnvProduction  = "production"
)

// DevJWTSecret and DevDataKey are used only in development when no secret
// is configured; production refuses to start with them.
const (
	DevJWTSecret = "gongkai-development-jwt-secret-do-not-use-in-production"
	DevDataKey   = "Z29uZ2thaS1kZXZlbG9wbWVudC1kYXRhLWtleS0zMmI=" // base64 of a 32-byte dev key
)

// Files holds the data files shipped in configs/ (holiday overrides, notice
// templates, answer standards) so the binary runs from any directory.
//
//go:embed holidays.yaml holiday_notices.yaml notices/*.html
var Files embed.FS

// Config is every setting Gongkai reads. Keys are documented in
// configs/gongkai.example.yaml; the env tag names the environment variable.
type Config struct {
	Env  string `yaml:"env" env:"GONGKAI_ENV"`
	Addr string `yaml:"addr" env:"GONGKAI_ADDR"`
	// PprofAddr, if set, serves Go's profiler (net/http/pprof) there, for
	// load runs; keep it on loopback. Empty: no profiler.
	PprofAddr   string `yaml:"pprof_addr" env:"GONGKAI_PPROF_ADDR"`
	DatabaseURL string `yaml:"database_url" env:"GONGKAI_DATABASE_URL" secret:"true"`
	// AllowSQLiteInProduction is the explicit opt-in for a production
	// install on SQLite (a single small agency).
	AllowSQLiteInProduction bool   `yaml:"allow_sqlite_in_production" env:"GONGKAI_ALLOW_SQLITE_IN_PRODUCTION"`
	PublicURL               string `yaml:"public_url" env:"GONGKAI_PUBLIC_URL"`

	JWTSecret       string        `yaml:"jwt_secret" env:"GONGKAI_JWT_SECRET" secret:"true"`
	DataKey         string        `yaml:"data_key" env:"GONGKAI_DATA_KEY" secret:"true"`
	AccessTokenTTL  time.Duration `yaml:"access_token_ttl" env:"GONGKAI_ACCESS_TOKEN_TTL"`
	RefreshTokenTTL time.Duration `yaml:"refresh_token_ttl" env:"GONGKAI_REFRESH_TOKEN_TTL"`
	LockoutAttempts int           `yaml:"lockout_attempts" env:"GONGKAI_LOCKOUT_ATTEMPTS"`
	LockoutDuration time.Duration `yaml:"lockout_duration" env:"GONGKAI_LOCKOUT_DURATION"`
	// SecureCookies marks the refresh-token cookie Secure (HTTPS only);
	// unset, it is on in production and off in development
	// (CookiesSecure). A plain-HTTP intranet install sets it false.
	SecureCookies *bool `yaml:"secure_cookies" env:"GONGKAI_SECURE_COOKIES"`

	LogLevel  string `yaml:"log_level" env:"GONGKAI_LOG_LEVEL"`
	LogFormat string `yaml:"log_format" env:"GONGKAI_LOG_FORMAT"`

	BodyLimitBytes   int64 `yaml:"body_limit_bytes" env:"GONGKAI_BODY_LIMIT_BYTES"`
	UploadLimitBytes int64 `yaml:"upload_limit_bytes" env:"GONGKAI_UPLOAD_LIMIT_BYTES"`
	// RateLimitPerMinute applies per client address to the public
	// endpoints without a purpose of their own (refresh, the agency list)
	// and is the default of every per-purpose limit left 0.
	RateLimitPerMinute int `yaml:"rate_limit_per_minute" env:"GONGKAI_RATE_LIMIT_PER_MINUTE"`
	// Per-purpose limits, requests per minute, each in its own buckets:
	// logins per address and username, every login from one address,
	// registrations, anonymous tracking and the calendar per address.
	RateLogin        int  `yaml:"rate_login" env:"GONGKAI_RATE_LOGIN"`
	RateLoginAddress int  `yaml:"rate_login_address" env:"GONGKAI_RATE_LOGIN_ADDRESS"`
	RateRegister     int  `yaml:"rate_register" env:"GONGKAI_RATE_REGISTER"`
	RateTrack        int  `yaml:"rate_track" env:"GONGKAI_RATE_TRACK"`
	RateCalendar     int  `yaml:"rate_calendar" env:"GONGKAI_RATE_CALENDAR"`
	TrustProxy       bool `yaml:"trust_proxy" env:"GONGKAI_TRUST_PROXY"`
	// MetricsAddr is the operators' own listener for /metrics (e.g.
	// 127.0.0.1:9090); MetricsToken the bearer token /metrics asks for.
	// With neither, no metrics are served.
	MetricsAddr  string `yaml:"metrics_addr" env:"GONGKAI_METRICS_ADDR"`
	MetricsToken string `yaml:"metrics_token" env:"GONGKAI_METRICS_TOKEN" secret:"true"`

	HolidaysFile string `yaml:"holidays_file" env:"GONGKAI_HOLIDAYS_FILE"`
	// TemplatesDir holds notice templates (page.html, shared.html,
	// body_<kind>.html) that replace the built-in ones of the same name.
	TemplatesDir string `yaml:"templates_dir" env:"GONGKAI_TEMPLATES_DIR"`

	PDF   PDF   `yaml:"pdf"`
	Clock Clock `yaml:"clock"`
	SMTP  SMTP  `yaml:"smtp"`
	Jobs  Jobs  `yaml:"jobs"`
}

// Clock holds the statutory-clock settings that decisions.md leaves to
// the agency.
type Clock struct {
	WarningDays             int     `yaml:"warning_days" env:"GONGKAI_CLOCK_WARNING_DAYS"`
	UrgentDays              int     `yaml:"urgent_days" env:"GONGKAI_CLOCK_URGENT_DAYS"`
	CorrectionPeriodDays    int     `yaml:"correction_period_days" env:"GONGKAI_CLOCK_CORRECTION_PERIOD_DAYS"`
	FeePausesClock          bool    `yaml:"fee_pauses_clock" env:"GONGKAI_CLOCK_FEE_PAUSES_CLOCK"`
	ConversionMinApplicants int     `yaml:"conversion_min_applicants" env:"GONGKAI_CONVERSION_MIN_APPLICANTS"`
	ConversionSimilarity    float64 `yaml:"conversion_similarity" env:"GONGKAI_CONVERSION_SIMILARITY"`
	// ConversionExcluded are keywords of requests about the applicant's own
	// affairs, never conversion candidates (decisions.md, Art 44).
	ConversionExcluded []string `yaml:"conversion_excluded" env:"GONGKAI_CONVERSION_EXCLUDED"`
	// RepeatSimilarity is the character-bigram similarity above which an
	// earlier application by the same applicant is a possible repeat (Art
	// 36(6)).
	RepeatSimilarity float64 `yaml:"repeat_similarity" env:"GONGKAI_CLOCK_REPEAT_SIMILARITY"`
	// ReminderThresholds are the working days left before the due date at
	// which the deadline sweep reminds staff (the default of the online
	// setting reminderThresholds).
	ReminderThresholds []int `yaml:"reminder_thresholds" env:"GONGKAI_CLOCK_REMINDER_THRESHOLDS"`
}

// PDF configures the notices as PDF: the fonts and the signature.
type PDF struct {
	// FontsDir holds licensed official fonts that replace the free Debian
	// faces role by role: title (方正小标宋), body (仿宋_GB2312), bold and
	// fallback, by the file names the README lists.
	FontsDir string `yaml:"fonts_dir" env:"GONGKAI_PDF_FONTS_DIR"`
	// SignCert is the installation's X.509 certificate in PEM, its issuers
	// after it; SignKey its private key in PEM (PKCS #8, PKCS #1 or SEC 1).
	// With both, every PDF is signed (ISO 32000-1 §12.8).
	SignCert string `yaml:"sign_cert" env:"GONGKAI_PDF_SIGN_CERT" file:"true"`
	SignKey  string `yaml:"sign_key" env:"GONGKAI_PDF_SIGN_KEY" secret:"true"`
	// SignDir holds an agency's own certificate and key as <CODE>.crt and
	// <CODE>.key (PEM), used instead of the installation's for its PDFs.
	SignDir string `yaml:"sign_dir" env:"GONGKAI_PDF_SIGN_DIR"`
}

// SMTP configures outgoing e-mail. An empty Host disables e-mail.
type SMTP struct {
	Host     string `yaml:"host" env:"GONGKAI_SMTP_HOST"`
	Port     int    `yaml:"port" env:"GONGKAI_SMTP_PORT"`
	TLS      string `yaml:"tls" env:"GONGKAI_SMTP_TLS"` // none, starttls, tls
	Username string `yaml:"username" env:"GONGKAI_SMTP_USERNAME"`
	Password string `yaml:"password" env:"GONGKAI_SMTP_PASSWORD" secret:"true"`
	From     string `yaml:"from" env:"GONGKAI_SMTP_FROM"`
}

// Jobs holds cron schedules (robfig/cron v3 syntax, Asia/Shanghai) and the
// quiet hours for staff reminders.
type Jobs struct {
	Enabled              bool   `yaml:"enabled" env:"GONGKAI_JOBS_ENABLED"`
	DeadlineSweep        string `yaml:"deadline_sweep" env:"GONGKAI_JOBS_DEADLINE_SWEEP"`
	PeriodExpiry         string `yaml:"period_expiry" env:"GONGKAI_JOBS_PERIOD_EXPIRY"`
	ConversionReview     string `yaml:"conversion_review" env:"GONGKAI_JOBS_CONVERSION_REVIEW"`
	NotificationDelivery string `yaml:"notification_delivery" env:"GONGKAI_JOBS_NOTIFICATION_DELIVERY"`
	QuietStart           string `yaml:"quiet_start" env:"GONGKAI_JOBS_QUIET_START"`
	QuietEnd             string `yaml:"quiet_end" env:"GONGKAI_JOBS_QUIET_END"`
}

// Default returns the settings used when nothing else is given.
func Default() Config {
	return Config{
		Env:                EnvDevelopment,
		Addr:               ":8080",
		DatabaseURL:        "sqlite:data/gongkai.db",
		PublicURL:          "http://localhost:8080",
		AccessTokenTTL:     15 * time.Minute,
		RefreshTokenTTL:    30 * 24 * time.Hour,
		LockoutAttempts:    5,
		LockoutDuration:    15 * time.Minute,
		LogLevel:           "info",
		LogFormat:          "text",
		BodyLimitBytes:     1 << 20,
		UploadLimitBytes:   20 << 20,
		RateLimitPerMinute: 30,
		RateLoginAddress:   300,
		Clock: Clock{
			WarningDays:             5,
			UrgentDays:              2,
			CorrectionPeriodDays:    10,
			FeePausesClock:          true,
			ConversionMinApplicants: 2,
			ConversionSimilarity:    0.5,
			ConversionExcluded: []string{"纳税", "税费", "个人所得税", "社会保险", "社保", "养老保险", "医保", "医疗记录", "病历", "户籍", "婚姻登记", "不动产登记",
				"征信", "信用记录", "本人"},
			RepeatSimilarity:   0.5,
			ReminderThresholds: []int{5, 2, 1},
		},
		SMTP: SMTP{Port: 25, TLS: "none", From: "gongkai@localhost"},
		Jobs: Jobs{
			Enabled:              true,
			DeadlineSweep:        "0 8-18 * * *",
			PeriodExpiry:         "30 0 * * *",
			ConversionReview:     "0 2 * * *",
			NotificationDelivery: "* * * * *",
			QuietStart:           "20:00",
			QuietEnd:             "08:00",
		},
	}
}

// Load builds the configuration: defaults, then the YAML file named by
// GONGKAI_CONFIG (if any), then environment variables. getenv is os.Getenv
// in production and a map lookup in tests. It does not validate.
func Load(getenv func(string) string) (Config, error) {
	cfg := Default()
	if path := getenv("GONGKAI_CONFIG"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("GONGKAI_CONFIG: %w", err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
			return cfg, fmt.Errorf("GONGKAI_CONFIG %s: %w", path, err)
		}
	}
	if err := applyEnv(reflect.ValueOf(&cfg).Elem(), getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// applyEnv walks the struct and sets every field whose env variable (or,
// for secrets and files such as certificates, its *_FILE twin) is
// present.
func applyEnv(v reflect.Value, getenv func(string) string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Type.Kind() == reflect.Struct {
			if err := applyEnv(fv, getenv); err != nil {
				return err
			}
			continue
		}
		name := f.Tag.Get("env")
		if name == "" {
			continue
		}
		raw, ok := getenv(name), getenv(name) != ""
		if f.Tag.Get("secret") == "true" || f.Tag.Get("file") == "true" {
			if file := getenv(name + "_FILE"); file != "" {
				b, err := os.ReadFile(file)
				if err != nil {
					return fmt.Errorf("%s_FILE: %w", name, err)
				}
				raw, ok = strings.TrimSpace(string(b)), true
			}
		}
		if !ok {
			continue
		}
		if err := setField(fv, raw); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func setField(fv reflect.Value, raw string) error {
	switch fv.Interface().(type) {
	case string:
		fv.SetString(raw)
	case bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", raw)
		}
		fv.SetBool(b)
	case *bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", raw)
		}
		fv.Set(reflect.ValueOf(&b))
	case int, int64:
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return fmt.Errorf("want an integer, got %q", raw)
		}
		fv.SetInt(n)
	case float64:
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return fmt.Errorf("want a number, got %q", raw)
		}
		fv.SetFloat(x)
	case []string, []int:
		return setList(fv, raw)
	case time.Duration:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return fmt.Errorf("want a duration such as 15m, got %q", raw)
		}
		fv.SetInt(int64(d))
	default:
		return fmt.Errorf("unsupported setting type %s", fv.Type())
	}
	return nil
}

// setList sets a list setting from its comma-separated form.
func setList(fv reflect.Value, raw string) error {
	if fv.Type() == reflect.TypeOf([]int(nil)) {
		list, err := parseInts(raw)
		if err != nil {
			return err
		}
		fv.Set(reflect.ValueOf(list))
		return nil
	}
	var list []string
	for _, x := range strings.Split(raw, ",") {
		if x = strings.TrimSpace(x); x != "" {
			list = append(list, x)
		}
	}
	fv.Set(reflect.ValueOf(list))
	return nil
}

// parseInts reads a comma-separated list of integers.
func parseInts(raw string) ([]int, error) {
	var list []int
	for _, x := range strings.Split(raw, ",") {
		if x = strings.TrimSpace(x); x == "" {
			continue
		}
		n, err := strconv.Atoi(x)
		if err != nil {
			return nil, fmt.Errorf("want comma-separated integers, got %q", raw)
		}
		list = append(list, n)
	}
	return list, nil
}

// IsProduction reports whether Gongkai runs in production mode.
func (c Config) IsProduction() bool { return c.Env == EnvProduction }

// CookiesSecure reports whether the refresh cookie is marked Secure:
// GONGKAI_SECURE_COOKIES when set, else in production only.
func (c Config) CookiesSecure() bool {
	if c.SecureCookies != nil {
		return *c.SecureCookies
	}
	return c.IsProduction()
}

// checkRateLimits reports negative per-purpose limits.
func (c Config) checkRateLimits(bad func(string, ...any)) {
	for _, r := range []struct {
		name string
		n    int
	}{{"GONGKAI_RATE_LOGIN", c.RateLogin}, {"GONGKAI_RATE_LOGIN_ADDRESS", c.RateLoginAddress}, {"GONGKAI_RATE_REGISTER", c.RateRegister},
		{"GONGKAI_RATE_TRACK", c.RateTrack}, {"GONGKAI_RATE_CALENDAR", c.RateCalendar}} {
		if r.n < 0 {
			bad("%s must be 0 (GONGKAI_RATE_LIMIT_PER_MINUTE) or more", r.name)
		}
	}
}

// RateLimits are the per-purpose limits in requests per minute, those
// left 0 taking RateLimitPerMinute.
type RateLimits struct {
	Login, LoginAddress, Register, Track, Calendar int
}

// RateLimits resolves the per-purpose limits.
func (c Config) RateLimits() RateLimits {
	or := func(n int) int {
		if n > 0 {
			return n
		}
		return c.RateLimitPerMinute
	}
	return RateLimits{Login: or(c.RateLogin), LoginAddress: or(c.RateLoginAddress), Register: or(c.RateRegister),
		Track: or(c.RateTrack), Calendar: or(c.RateCalendar)}
}

// IsSQLite reports whether the database URL names an SQLite file.
func (c Config) IsSQLite() bool { return strings.HasPrefix(c.DatabaseURL, "sqlite:") }

// Validate checks the settings and returns every problem at once, naming
// the environment variable an operator would set.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if c.Env != EnvDevelopment && c.Env != EnvProduction {
		bad("GONGKAI_ENV must be development or production, got %q", c.Env)
	}
	if c.Addr == "" {
		bad("GONGKAI_ADDR must not be empty")
	}
	if !c.IsSQLite() && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		bad("GONGKAI_DATABASE_URL must be sqlite:PATH or a postgres:// URL")
	}
	if c.IsProduction() {
		if len(c.JWTSecret) < 32 || c.JWTSecret == DevJWTSecret {
			bad("GONGKAI_JWT_SECRET must be set to at least 32 characters in production")
		}
		if c.DataKey == "" || c.DataKey == DevDataKey {
			bad("GONGKAI_DATA_KEY must be set in production (32 random bytes, base64)")
		}
		if c.IsSQLite() && !c.AllowSQLiteInProduction {
			bad("production on SQLite needs GONGKAI_ALLOW_SQLITE_IN_PRODUCTION=true; use PostgreSQL")
		}
	} else if c.JWTSecret != "" && len(c.JWTSecret) < 16 {
		bad("GONGKAI_JWT_SECRET must be at least 16 characters")
	}
	if c.AccessTokenTTL < time.Minute || c.AccessTokenTTL > 24*time.Hour {
		bad("GONGKAI_ACCESS_TOKEN_TTL must be between 1m and 24h")
	}
	if c.RefreshTokenTTL < c.AccessTokenTTL {
		bad("GONGKAI_REFRESH_TOKEN_TTL must be longer than the access token's")
	}
	if c.LockoutAttempts < 1 {
		bad("GONGKAI_LOCKOUT_ATTEMPTS must be at least 1")
	}
	if c.LockoutDuration < time.Second {
		bad("GONGKAI_LOCKOUT_DURATION must be at least 1s")
	}
	if c.BodyLimitBytes < 1024 {
		bad("GONGKAI_BODY_LIMIT_BYTES must be at least 1024")
	}
	if c.UploadLimitBytes < 1024 {
		bad("GONGKAI_UPLOAD_LIMIT_BYTES must be at least 1024")
	}
	c.validateMetrics(bad)
	if c.RateLimitPerMinute < 1 {
		bad("GONGKAI_RATE_LIMIT_PER_MINUTE must be at least 1")
	}
	c.checkRateLimits(bad)
	switch c.LogFormat {
	case "text", "json":
	default:
		bad("GONGKAI_LOG_FORMAT must be text or json")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("GONGKAI_LOG_LEVEL must be debug, info, warn or error")
	}
	if c.Clock.UrgentDays < 0 || c.Clock.WarningDays <= c.Clock.UrgentDays {
		bad("GONGKAI_CLOCK_WARNING_DAYS must be greater than GONGKAI_CLOCK_URGENT_DAYS >= 0")
	}
	if c.Clock.CorrectionPeriodDays < 1 || c.Clock.CorrectionPeriodDays > 60 {
		bad("GONGKAI_CLOCK_CORRECTION_PERIOD_DAYS must be between 1 and 60")
	}
	if c.Clock.ConversionMinApplicants < 2 {
		bad("GONGKAI_CONVERSION_MIN_APPLICANTS must be at least 2")
	}
	if c.Clock.ConversionSimilarity <= 0 || c.Clock.ConversionSimilarity > 1 {
		bad("GONGKAI_CONVERSION_SIMILARITY must be in (0, 1]")
	}
	if c.Clock.RepeatSimilarity <= 0 || c.Clock.RepeatSimilarity > 1 {
		bad("GONGKAI_CLOCK_REPEAT_SIMILARITY must be in (0, 1]")
	}
	c.Clock.validateReminders(bad)
	c.PDF.validate(bad)
	c.SMTP.validate(bad)
	for _, hm := range []struct{ name, v string }{{"GONGKAI_JOBS_QUIET_START", c.Jobs.QuietStart}, {"GONGKAI_JOBS_QUIET_END", c.Jobs.QuietEnd}} {
		if hm.v == "" {
			continue
		}
		if _, err := time.Parse("15:04", hm.v); err != nil {
			bad("%s must be HH:MM, got %q", hm.name, hm.v)
		}
	}
	return errors.Join(errs...)
}

// validate checks that a certificate comes with its key.
func (p PDF) validate(bad func(string, ...any)) {
	if (p.SignCert == "") != (p.SignKey == "") {
		bad("GONGKAI_PDF_SIGN_CERT and GONGKAI_PDF_SIGN_KEY (or their _FILE variants) must be set together")
	}
}

// validate checks the transport security and the sender, which may carry
// a display name (the envelope takes its address).
func (s SMTP) validate(bad func(string, ...any)) {
	switch s.TLS {
	case "none", "starttls", "tls":
	default:
		bad("GONGKAI_SMTP_TLS must be none, starttls or tls")
	}
	if _, err := mail.ParseAddress(s.From); err != nil && (s.Host != "" || s.From != "") {
		bad("GONGKAI_SMTP_FROM must be an e-mail address, with a display name if wanted (莱芜区政务公开 <gk@example.gov.cn>): %v", err)
	}
}

// validateReminders checks the default reminder thresholds.
func (c Clock) validateReminders(bad func(string, ...any)) {
	if !validReminderThresholds(c.ReminderThresholds) {
		bad("GONGKAI_CLOCK_REMINDER_THRESHOLDS must be 1 to 5 distinct working days from 1 to 30, e.g. 5,2,1")
	}
}

// validReminderThresholds reports whether ts is 1 to 5 distinct working
// days from 1 to 30.
func validReminderThresholds(ts []int) bool {
	if len(ts) < 1 || len(ts) > 5 {
		return false
	}
	seen := map[int]bool{}
	for _, t := range ts {
		if t < 1 || t > 30 || seen[t] {
			return false
		}
		seen[t] = true
	}
	return true
}

// validateMetrics checks the operators' metrics settings.
func (c Config) validateMetrics(bad func(format string, a ...any)) {
	if c.MetricsToken != "" && len(c.MetricsToken) < 32 {
		bad("GONGKAI_METRICS_TOKEN must be at least 32 characters")
	}
	if c.MetricsAddr != "" && c.MetricsAddr == c.Addr {
		bad("GONGKAI_METRICS_ADDR must differ from GONGKAI_ADDR: metrics are not for the public listener")
	}
}

// Redacted returns the settings with secrets replaced, for logging.
func (c Config) Redacted() Config {
	r := c
	mask := func(s string) string {
		if s == "" {
			return ""
		}
		return "***"
	}
	r.JWTSecret = mask(r.JWTSecret)
	r.DataKey = mask(r.DataKey)
	r.SMTP.Password = mask(r.SMTP.Password)
	r.MetricsToken = mask(r.MetricsToken)
	r.PDF.SignKey = mask(r.PDF.SignKey)
	r.PDF.SignCert = mask(r.PDF.SignCert) // not secret, but a page of PEM in every start-up log
	if i := strings.Index(r.DatabaseURL, "@"); i > 0 && !r.IsSQLite() {
		r.DatabaseURL = "postgres://***" + r.DatabaseURL[i:]
	}
	return r
}

// EnvNames lists every environment variable Gongkai reads (besides
// GONGKAI_CONFIG and the *_FILE variants of secrets).
func EnvNames() []string {
	var names []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Duration(0)) {
				walk(f.Type)
				continue
			}
			if n := f.Tag.Get("env"); n != "" {
				names = append(names, n)
			}
		}
	}
	walk(reflect.TypeOf(Config{}))
	return names
}
