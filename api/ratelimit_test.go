package api

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gongkai/app"
	"gongkai/migrations/dbtest"
)

// Tests of the rate limits part of the security issue (4/10): a bucket
// per purpose, logins counted per address and username, and buckets
// shared by every replica on PostgreSQL.

// loginFrom logs in from the client address addr (host:port).
func (h *harness) loginFrom(addr, username, password string) response {
	body := []byte(`{"username":"` + username + `","password":"` + password + `"}`)
	req := httptest.NewRequest("POST", "/api/v1/auth/login", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr
	return response{h.serve(req, body)}
}

func mustLimited(t *testing.T, what string, r response) {
	t.Helper()
	if r.Code != http.StatusTooManyRequests || r.Header().Get("Retry-After") == "" || !strings.Contains(r.Body.String(), `"code":"rate_limited"`) {
		t.Fatalf("%s: %d %v %s, want 429 rate_limited with Retry-After", what, r.Code, r.Header(), r.Body)
	}
}

func mustNotLimited(t *testing.T, what string, r response) {
	t.Helper()
	if r.Code == http.StatusTooManyRequests {
		t.Fatalf("%s: rate limited: %s", what, r.Body)
	}
}

// TestRateLimitsPerPurpose: exhausting one purpose's bucket leaves the
// others alone; logins are counted per address and username, so people
// behind one address (a service hall's NAT) do not share one bucket, and
// the address as a whole has its own, larger bucket.
func TestRateLimitsPerPurpose(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.withOptions(Options{RateLimitPerMinute: 100000, Rates: RateLimits{Login: 2, LoginAddress: 5, Register: 2, Track: 2, Calendar: 2}})
		track := "/api/v1/public/track?trackingNumber=ZFB-2026-99999&queryCode=AAAAAAAA"
		for range 2 {
			mustNotLimited(t, "tracking", h.do("GET", track, "", nil))
		}
		mustLimited(t, "third tracking lookup", h.do("GET", track, "", nil))
		mustLimited(t, "a notice by tracking number (same bucket)", h.do("GET", "/api/v1/public/track/notices/1?trackingNumber=ZFB-2026-99999&queryCode=AAAAAAAA", "", nil))

		// Tracking exhausted: login, the calendar and registration still work.
		mustStatus(t, "login after tracking is exhausted", h.login("demo-applicant", app.DemoPassword), 200)
		mustStatus(t, "calendar after tracking is exhausted", h.do("GET", "/api/v1/calendar/add?from=2026-09-28&days=20", "", nil), 200)
		mustNotLimited(t, "register", h.do("POST", "/api/v1/auth/register", "", natural("ratelimited1", "passport", "E1234567")))

		mustStatus(t, "second calendar call", h.do("GET", "/api/v1/calendar/days?from=2026-10-01&to=2026-10-07", "", nil), 200)
		mustLimited(t, "third calendar call", h.do("GET", "/api/v1/calendar/coverage", "", nil))
		mustNotLimited(t, "second registration", h.do("POST", "/api/v1/auth/register", "", natural("ratelimited2", "passport", "E1234568")))
		mustLimited(t, "third registration", h.do("POST", "/api/v1/auth/register", "", natural("ratelimited3", "passport", "E1234569")))

		// Logins: two per address and username ...
		mustStatus(t, "second login", h.login("demo-applicant", app.DemoPassword), 200)
		mustLimited(t, "third login of one name", h.login("demo-applicant", app.DemoPassword))
		// ... another person at the same address is not held up ...
		mustStatus(t, "another name at the same address", h.login("demo-org", app.DemoPassword), 200)
		mustStatus(t, "the same name from another address", h.loginFrom("198.51.100.7:4000", "demo-applicant", app.DemoPassword), 200)
		// ... until the address as a whole reaches its own limit (5
		// requests, the one refused for its name included).
		mustStatus(t, "fifth login request from the address", h.login("demo-officer", app.DemoPassword), 200)
		mustLimited(t, "sixth login request from the address", h.login("demo-officer2", app.DemoPassword))

		// The next minute opens new buckets.
		h.clock.Advance(time.Minute)
		mustStatus(t, "next minute", h.login("demo-applicant", app.DemoPassword), 200)
		mustNotLimited(t, "tracking next minute", h.do("GET", track, "", nil))
	})
}

// TestRateLimitsSharedAcrossReplicas: two servers on one PostgreSQL
// database count into the same buckets, so the limit holds across
// replicas.
func TestRateLimitsSharedAcrossReplicas(t *testing.T) {
	db := dbtest.OpenPostgres(t)
	a, b := newHarness(t, db), newHarness(t, db)
	for _, h := range []*harness{a, b} {
		h.withOptions(Options{RateLimitPerMinute: 100000, Rates: RateLimits{Login: 4, Track: 3}})
	}
	for i, h := range []*harness{a, b, a, b} {
		mustStatus(t, "login "+string(rune('1'+i)), h.login("demo-applicant", app.DemoPassword), 200)
	}
	mustLimited(t, "fifth login on replica a", a.login("demo-applicant", app.DemoPassword))
	mustLimited(t, "fifth login on replica b", b.login("demo-applicant", app.DemoPassword))

	track := "/api/v1/public/track?trackingNumber=ZFB-2026-99999&queryCode=AAAAAAAA"
	mustNotLimited(t, "track on a", a.do("GET", track, "", nil))
	mustNotLimited(t, "track on b", b.do("GET", track, "", nil))
	mustNotLimited(t, "track on a", a.do("GET", track, "", nil))
	mustLimited(t, "fourth tracking lookup on b", b.do("GET", track, "", nil))
	mustStatus(t, "another name logs in", b.login("demo-org", app.DemoPassword), 200)
}
