package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestMetricsServerServesOnlyMetrics: the operators' listener answers
// /metrics and nothing else — not the API, not the profiler that
// net/http/pprof puts on the default mux.
func TestMetricsServerServesOnlyMetrics(t *testing.T) {
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("gongkai_up 1\n")) })
	srv := metricsServer("127.0.0.1:0", metrics)
	for path, want := range map[string]int{"/metrics": 200, "/debug/pprof/": 404, "/api/v1/agencies": 404, "/": 404, "/healthz": 404} {
		rec := httptest.NewRecorder()
		srv.Handler.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", path, rec.Code, want)
		}
	}
	rec := httptest.NewRecorder()
	srv.Handler.ServeHTTP(rec, httptest.NewRequest("POST", "/metrics", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /metrics: %d", rec.Code)
	}
}
