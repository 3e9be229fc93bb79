package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"gongkai/models"
)

// Metrics are for operators, not the public. They are served on the
// operators' own listener (GONGKAI_METRICS_ADDR, MetricsHandler) or, with
// no such listener, on the public one behind a bearer token
// (GONGKAI_METRICS_TOKEN); otherwise not at all, and /metrics is 404.
// A token, when set, is asked for on either listener.

// MetricsHandler serves the Prometheus metrics on the operators'
// listener, behind the bearer token when one is configured.
func (s *Server) MetricsHandler() http.Handler {
	h := promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.metricsAuthorized(r) {
			w.Header().Set(echo.HeaderWWWAuthenticate, "Bearer")
			http.Error(w, "401 Unauthorized: a metrics token is required", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// publicMetrics reports whether the public listener serves /metrics: only
// behind a token and only without an operators' listener.
func (s *Server) publicMetrics() bool { return s.opt.MetricsToken != "" && !s.opt.MetricsSeparate }

// metricsAuthorized compares the bearer token in constant time (of equal
// length digests, so that its length does not leak either).
func (s *Server) metricsAuthorized(r *http.Request) bool {
	if s.opt.MetricsToken == "" {
		return true
	}
	scheme, token, ok := strings.Cut(r.Header.Get(echo.HeaderAuthorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got, want := sha256.Sum256([]byte(strings.TrimSpace(token))), sha256.Sum256([]byte(s.opt.MetricsToken))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// metrics is /metrics on the public listener (publicMetrics).
func (s *Server) metrics(c echo.Context) error {
	if !s.metricsAuthorized(c.Request()) {
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, "Bearer")
		return models.Unauthenticated(models.M("需要指标访问令牌", "a metrics token is required"))
	}
	promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}).ServeHTTP(c.Response(), c.Request())
	return nil
}
