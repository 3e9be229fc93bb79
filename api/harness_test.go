package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"gongkai/app"
	"gongkai/app/wiring"
	"gongkai/configs"
	"gongkai/jobs"
	"gongkai/migrations/dbtest"
)

// testClock is a settable clock shared by the services under test.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// harness is a real server on a real database with the demo seed.
type harness struct {
	t     *testing.T
	db    *gorm.DB
	svc   *app.Services
	srv   *Server
	clock *testClock
}

const testJWTSecret = "test-secret-0123456789-abcdefghijklmnop"

// harnessOptions tune a harness.
type harnessOptions struct {
	rateLimit int
	bodyLimit int64
	// accessTTL outlives the test clock's jumps in scenario tests.
	accessTTL time.Duration
}

func newHarness(t *testing.T, db *gorm.DB, opts ...harnessOptions) *harness {
	t.Helper()
	o := harnessOptions{rateLimit: 100000, bodyLimit: 64 << 10, accessTTL: 15 * time.Minute}
	if len(opts) > 0 {
		if opts[0].accessTTL != 0 {
			o.accessTTL = opts[0].accessTTL
		}
		if opts[0].rateLimit != 0 {
			o.rateLimit = opts[0].rateLimit
		}
		if opts[0].bodyLimit != 0 {
			o.bodyLimit = opts[0].bodyLimit
		}
	}
	clock := &testClock{t: time.Date(2026, 10, 9, 9, 30, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := testAppConfig(t)
	cfg.Notify = app.NotifyConfig{}
	cfg.Auth = app.AuthConfig{JWTSecret: []byte(testJWTSecret), AccessTTL: o.accessTTL, RefreshTTL: 24 * time.Hour,
		LockoutAttempts: 5, LockoutDuration: 15 * time.Minute, BcryptCost: bcrypt.MinCost}
	svc, err := app.New(app.Deps{DB: db, Now: clock.Now, Log: log}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Seed.Demo(context.Background()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	srv := New(svc, Options{Log: log, Version: "test", RateLimitPerMinute: o.rateLimit, BodyLimitBytes: o.bodyLimit, UploadLimitBytes: 1 << 20,
		Ready: func(ctx context.Context) error { return nil },
		Jobs:  jobs.All(svc, jobs.Schedules{DeadlineSweep: "0 8-18 * * *", PeriodExpiry: "30 0 * * *", ConversionReview: "0 2 * * *", NotificationDelivery: "* * * * *"})})
	return &harness{t: t, db: db, svc: svc, srv: srv, clock: clock}
}

// eachDB runs fn against a fresh harness on every backend.
func eachDB(t *testing.T, fn func(t *testing.T, h *harness)) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) { fn(t, newHarness(t, db)) })
}

// eachDBLong is eachDB with access tokens that outlive the clock jumps of
// a scenario spanning weeks.
func eachDBLong(t *testing.T, fn func(t *testing.T, h *harness)) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		fn(t, newHarness(t, db, harnessOptions{accessTTL: 3 * 365 * 24 * time.Hour}))
	})
}

type response struct {
	*httptest.ResponseRecorder
}

func (r response) JSON(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %s: %v", r.Body.String(), err)
	}
}

func (r response) Map(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// do sends a request; body may be nil, a string (sent raw) or a value
// (sent as JSON).
func (h *harness) do(method, url, token string, body any, headers ...string) response {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, url, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.srv.Echo.ServeHTTP(rec, req)
	return response{rec}
}

// session logs a user in and returns the session body.
func (h *harness) session(username string) map[string]any {
	h.t.Helper()
	r := h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": app.DemoPassword})
	if r.Code != http.StatusOK {
		h.t.Fatalf("login %s: %d %s", username, r.Code, r.Body.String())
	}
	return r.Map(h.t)
}

// token logs a user in and returns an access token.
func (h *harness) token(username string) string {
	h.t.Helper()
	return h.session(username)["accessToken"].(string)
}

// scenario is one black-box API case.
type scenario struct {
	name         string
	method, url  string
	token        string
	body         any
	wantStatus   int
	wantContains []string
	headers      []string
}

func (h *harness) run(t *testing.T, tests []scenario) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := h.do(tc.method, tc.url, tc.token, tc.body, tc.headers...)
			if r.Code != tc.wantStatus {
				t.Fatalf("%s %s: status %d, want %d; body %s", tc.method, tc.url, r.Code, tc.wantStatus, r.Body.String())
			}
			for _, s := range tc.wantContains {
				if !strings.Contains(r.Body.String(), s) {
					t.Errorf("%s %s: body lacks %q: %s", tc.method, tc.url, s, r.Body.String())
				}
			}
		})
	}
}

// testAppConfig is the services' configuration as main.go wires it from
// the default configuration, with the development data key.
func testAppConfig(tb testing.TB) app.Config {
	tb.Helper()
	c := configs.Default()
	c.DataKey = configs.DevDataKey
	cfg, err := wiring.AppConfig(c)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}
