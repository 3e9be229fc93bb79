package api

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const testMetricsToken = "metrics-token-0123456789abcdefghijklmnop"

// scrape reads h.srv's metrics as the operators' listener serves them.
func (h *harness) scrape(t *testing.T, token string) response {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.srv.MetricsHandler().ServeHTTP(rec, req)
	return response{rec}
}

// TestMetricsNotPublic: the public listener answers /metrics with 404
// unless a token is configured, then with 401 without it; the operators'
// listener (GONGKAI_METRICS_ADDR) serves them, behind the token when one
// is set. The token is never written to a response or the log.
func TestMetricsNotPublic(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) { checkMetricsNotPublic(t, h) })
}

func checkMetricsNotPublic(t *testing.T, h *harness) {
	db := h.db
	h.do("GET", "/api/v1/agencies", "", nil)
	if r := h.do("GET", "/metrics", "", nil); r.Code != http.StatusNotFound || strings.Contains(r.Body.String(), "gongkai_http") {
		t.Fatalf("public /metrics without a token configured: %d %.200s", r.Code, r.Body)
	}
	if r := h.scrape(t, ""); r.Code != 200 || !strings.Contains(r.Body.String(), `gongkai_http_requests_total{method="GET",route="/api/v1/agencies",status="200"} 1`) {
		t.Fatalf("operators' listener: %d %.300s", r.Code, r.Body)
	}

	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tok := &harness{t: t, db: db, svc: h.svc, clock: h.clock}
	tok.srv = New(h.svc, Options{Log: log, RateLimitPerMinute: 1000, BodyLimitBytes: 1 << 16, UploadLimitBytes: 1 << 20, MetricsToken: testMetricsToken})
	tests := []struct {
		name    string
		headers []string
		want    int
	}{
		{"no token", nil, http.StatusUnauthorized},
		{"wrong token", []string{"Authorization", "Bearer " + strings.Repeat("x", len(testMetricsToken))}, http.StatusUnauthorized},
		{"a prefix of the token", []string{"Authorization", "Bearer " + testMetricsToken[:10]}, http.StatusUnauthorized},
		{"not a bearer", []string{"Authorization", "Basic " + testMetricsToken}, http.StatusUnauthorized},
		{"the token", []string{"Authorization", "Bearer " + testMetricsToken}, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tok.do("GET", "/metrics", "", nil, tc.headers...)
			if r.Code != tc.want {
				t.Fatalf("%d %.200s", r.Code, r.Body)
			}
			if tc.want == 401 && (r.Header().Get("WWW-Authenticate") != "Bearer" || strings.Contains(r.Body.String(), "gongkai_http")) {
				t.Fatalf("refusal: %v %s", r.Header(), r.Body)
			}
			if tc.want == 200 && !strings.Contains(r.Body.String(), "gongkai_http_request_duration_seconds_bucket") {
				t.Fatalf("metrics: %.300s", r.Body)
			}
		})
	}
	checkOperatorsListener(t, tok)
	if strings.Contains(logs.String(), testMetricsToken) || strings.Contains(logs.String(), testMetricsToken[:10]) {
		t.Fatalf("the token is in the log:\n%s", logs.String())
	}
}

// checkOperatorsListener: with a token set, the operators' listener asks
// for it too.
func checkOperatorsListener(t *testing.T, tok *harness) {
	if r := tok.scrape(t, ""); r.Code != http.StatusUnauthorized {
		t.Fatalf("operators' listener with a token set, without it: %d", r.Code)
	}
	if r := tok.scrape(t, testMetricsToken); r.Code != 200 {
		t.Fatalf("operators' listener with the token: %d", r.Code)
	}
}
