package api

// How to write an API test
//
// Tests here are black-box: real requests through the Echo server
// (httptest) on a real database with the demo seed. Wrap a test in eachDB
// (or eachDBLong when the clock jumps weeks ahead): it runs on in-memory
// SQLite, and on PostgreSQL too when GONGKAI_TEST_POSTGRES_DSN is set.
//
// Single requests are a table: a []scenario for h.run, one row per
// request, each run as a subtest named by the row. A journey, where steps
// depend on each other (file a case, act on it, read its clock), is a
// story: h.step calls in order, each a subtest named for what happens;
// h.setNow between steps moves the clock, into captures a step's decoded
// response (an id, a version) for the steps after it, and the story stops
// at its first failed step. Set-up that is not what the test is about
// uses the helpers h.file, h.getCase and h.mustAct.
//
// A scenario always checks wantStatus. Compare bodies as typed values:
// want is decoded into its own type, one of the bodies in
// harness_bodies_test.go that mirror the API's JSON (or the API's own
// response type), and compared with cmp.Diff; cmpOpts ignores what a step
// cannot know. wantProblem checks a problem+json code and field errors;
// wantContains and wantAbsent are for text (notices, exports, leaks);
// check is for what needs code. A case action is act and caseID: the case's
// current version is added to the body when the request is sent.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
	// config changes the default configuration the services are wired
	// from (a certificate for PDF signatures, a templates directory).
	config func(*configs.Config)
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
		o.config = opts[0].config
	}
	clock := &testClock{t: time.Date(2026, 10, 9, 9, 30, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := testAppConfigWith(t, o.config)
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

// do sends a request; body may be nil, a string (sent raw) or a value
// (sent as JSON).
func (h *harness) do(method, url, token string, body any, headers ...string) response {
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			panic(fmt.Sprintf("request body %T: %v", b, err)) // a bug in the test
		}
		raw = j
	}
	req := httptest.NewRequest(method, url, bytes.NewReader(raw))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return response{h.serve(req, raw)}
}

// session logs a user in and returns the session.
func (h *harness) session(username string) sessionResponse {
	h.t.Helper()
	r := h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": app.DemoPassword})
	if r.Code != http.StatusOK {
		h.t.Fatalf("login %s: %d %s", username, r.Code, r.Body.String())
	}
	var s sessionResponse
	r.JSON(h.t, &s)
	return s
}

// token logs a user in and returns an access token.
func (h *harness) token(username string) string {
	h.t.Helper()
	return h.session(username).AccessToken
}

// scenario is one request and what its answer must be. wantStatus is
// always checked; every other expectation only when set.
type scenario struct {
	name        string
	method, url string
	token       string
	// body is nil, a string or []byte (sent raw), or a value sent as JSON.
	body    any
	headers []string // name, value, name, value…

	// act with caseID sends POST /api/v1/applications/{caseID}/actions/{act}.
	// body must then be nil or a map[string]any; it gets the case's
	// current version, read as token when the request is sent, unless it
	// has one.
	act    string
	caseID uint

	wantStatus int
	// want is a typed value: the body is decoded into a new value of its
	// type (JSON fields it does not declare are dropped) and compared with
	// cmp.Diff under cmpOpts.
	want    any
	cmpOpts []cmp.Option
	// wantProblem checks an application/problem+json body.
	wantProblem *wantProblem
	// wantContains and wantAbsent are substrings the body must have and
	// must not have: for HTML notices, exports, and leaks of internals.
	wantContains []string
	wantAbsent   []string
	// wantHeaders are exact header values; present means any non-empty one.
	wantHeaders map[string]string
	// check makes assertions that need code (derived values, loops).
	check func(t *testing.T, r *httptest.ResponseRecorder)
	// into, a pointer, receives the decoded body for later steps.
	into any
}

// present as a wantHeaders value asks only that the header is set.
const present = "\x00present"

// wantProblem is the part of a problem document a test names: its stable
// code and the fields of its field errors (in any order).
type wantProblem struct {
	code   string
	fields []string
}

// run runs independent scenarios, each as a subtest, in order.
func (h *harness) run(t *testing.T, tests []scenario) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { h.expect(t, tc) })
	}
}

// step runs one step of a story as a subtest and returns its response. A
// story is a journey whose steps depend on each other, so it ends at the
// first step that fails.
func (h *harness) step(t *testing.T, tc scenario) *httptest.ResponseRecorder {
	t.Helper()
	_, file, line, _ := runtime.Caller(1)
	var rec *httptest.ResponseRecorder
	if !t.Run(tc.name, func(t *testing.T) {
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("the step is at %s:%d", filepath.Base(file), line)
			}
		})
		rec = h.expect(t, tc)
	}) {
		t.FailNow()
	}
	return rec
}

// expect sends tc's request and checks its expectations.
func (h *harness) expect(t *testing.T, tc scenario) *httptest.ResponseRecorder {
	t.Helper()
	if tc.wantStatus == 0 {
		t.Fatalf("scenario %q has no wantStatus", tc.name)
	}
	method, url, body := tc.method, tc.url, tc.body
	if tc.act != "" {
		method, url = "POST", fmt.Sprintf("/api/v1/applications/%d/actions/%s", tc.caseID, tc.act)
		body = h.withVersion(t, tc.token, tc.caseID, tc.body)
	}
	r := h.do(method, url, tc.token, body, tc.headers...).ResponseRecorder
	if r.Code != tc.wantStatus {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, url, r.Code, tc.wantStatus, r.Body)
	}
	for name, want := range tc.wantHeaders {
		got := r.Header().Get(name)
		if want == present && got == "" || want != present && got != want {
			t.Errorf("%s %s: header %s = %q, want %q", method, url, name, got, strings.TrimPrefix(want, "\x00"))
		}
	}
	if tc.wantProblem != nil {
		checkProblem(t, r, *tc.wantProblem)
	}
	if tc.into != nil {
		decodeInto(t, r, tc.into)
	}
	if tc.want != nil {
		got := reflect.New(reflect.TypeOf(tc.want))
		decodeInto(t, r, got.Interface())
		if d := cmp.Diff(tc.want, got.Elem().Interface(), tc.cmpOpts...); d != "" {
			t.Errorf("%s %s: body mismatch (-want +got):\n%s", method, url, d)
		}
	}
	for _, s := range tc.wantContains {
		if !strings.Contains(r.Body.String(), s) {
			t.Errorf("%s %s: body lacks %q: %s", method, url, s, r.Body)
		}
	}
	for _, s := range tc.wantAbsent {
		if strings.Contains(r.Body.String(), s) {
			t.Errorf("%s %s: body has %q: %s", method, url, s, r.Body)
		}
	}
	if tc.check != nil {
		tc.check(t, r)
	}
	return r
}

// withVersion copies an action's body and adds the case's current version
// as token reads it (1 if token cannot read the case).
func (h *harness) withVersion(t *testing.T, token string, id uint, body any) map[string]any {
	t.Helper()
	in, ok := body.(map[string]any)
	if body != nil && !ok {
		t.Fatalf("an action's body is a map[string]any, not %T", body)
	}
	out := map[string]any{}
	for k, v := range in {
		out[k] = v
	}
	if _, ok := out["version"]; !ok {
		out["version"] = 1
		if r := h.do("GET", fmt.Sprintf("/api/v1/applications/%d", id), token, nil); r.Code == http.StatusOK {
			out["version"] = decode[caseResponse](t, r.ResponseRecorder).Version
		}
	}
	return out
}

func checkProblem(t *testing.T, r *httptest.ResponseRecorder, want wantProblem) {
	t.Helper()
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	p := decode[problem](t, r)
	got := wantProblem{code: p.Code}
	for _, f := range p.Fields {
		got.fields = append(got.fields, f.Field)
	}
	if p.Status != r.Code {
		t.Errorf("problem status %d, response status %d", p.Status, r.Code)
	}
	opts := []cmp.Option{cmp.AllowUnexported(wantProblem{}), cmpopts.SortSlices(func(a, b string) bool { return a < b }), cmpopts.EquateEmpty()}
	if d := cmp.Diff(want, got, opts...); d != "" {
		t.Errorf("problem mismatch (-want +got):\n%s\nbody %s", d, r.Body)
	}
}

// decode decodes a JSON body into a T.
func decode[T any](t *testing.T, r *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	decodeInto(t, r, &v)
	return v
}

func decodeInto(t *testing.T, r *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %s into %T: %v", r.Body, v, err)
	}
}

// testAppConfigWith is the services' configuration as main.go wires it
// from the default configuration, with the development data key, as
// change (if not nil) leaves it.
func testAppConfigWith(tb testing.TB, change func(*configs.Config)) app.Config {
	tb.Helper()
	c := configs.Default()
	c.DataKey = configs.DevDataKey
	if change != nil {
		change(&c)
	}
	cfg, err := wiring.AppConfig(c)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}
