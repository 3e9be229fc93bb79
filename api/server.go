// Package api is Gongkai's HTTP layer: Echo handlers, every route in
// routes.go, request and response types, the JWT and role middleware, the
// single error handler and the OpenAPI document. It never imports gorm and
// never serialises a GORM struct.
package api

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"gongkai/app"
)

// Options configures the server.
type Options struct {
	Log              *slog.Logger
	Version          string
	BodyLimitBytes   int64
	UploadLimitBytes int64
	// RateLimitPerMinute limits the routes of no purpose of their own
	// (refresh, the agency list) and every purpose Rates leaves zero.
	RateLimitPerMinute int
	Rates              RateLimits
	TrustProxy         bool
	SecureCookies      bool
	// UI is the built front end (frontend/dist); nil or empty serves a
	// plain notice at /.
	UI fs.FS
	// Ready reports whether the database answers, for /readyz.
	Ready func(ctx context.Context) error
	// Metrics registers extra collectors (e.g. DB pool stats).
	Metrics []prometheus.Collector
	// MetricsToken, when set, is the bearer token /metrics asks for;
	// MetricsSeparate says the metrics have their own listener
	// (MetricsHandler), so the public one does not serve them (metrics.go).
	MetricsToken    string
	MetricsSeparate bool
	// Jobs are shown and run from the admin API.
	Jobs []app.JobDef
}

// Server is the Echo application with its services.
type Server struct {
	Echo *echo.Echo
	svc  *app.Services
	opt  Options
	log  *slog.Logger

	reqCount *prometheus.CounterVec
	reqDur   *prometheus.HistogramVec
	registry *prometheus.Registry
	routes   []route

	openAPIOnce sync.Once
	openAPIDoc  []byte
}

// New builds the server and registers every route.
func New(svc *app.Services, opt Options) *Server {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	s := &Server{Echo: e, svc: svc, opt: opt, log: opt.Log}
	e.HTTPErrorHandler = s.errorHandler
	if opt.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	s.setupMetrics()

	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{
		RequestIDHandler: func(c echo.Context, id string) {
			c.SetRequest(c.Request().WithContext(app.WithRequestID(c.Request().Context(), id)))
		},
	}))
	e.Use(s.logMiddleware, s.metricsMiddleware, s.recoverMiddleware)
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy: "same-origin",
	}), s.contentSecurityPolicy)
	// The web UI's files go out compressed; API responses stay plain
	// (small, and the CPU goes to the actions).
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return strings.HasPrefix(p, "/api/") || p == "/metrics" || p == "/healthz" || p == "/readyz"
		},
	}))
	s.registerRoutes()
	return s
}

func (s *Server) setupMetrics() {
	s.registry = prometheus.NewRegistry()
	s.reqCount = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gongkai_http_requests_total", Help: "HTTP requests by method, route and status.",
	}, []string{"method", "route", "status"})
	s.reqDur = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "gongkai_http_request_duration_seconds", Help: "HTTP request latency by method and route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"method", "route"})
	s.registry.MustRegister(s.reqCount, s.reqDur, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newOpsCollector(s.svc.Jobs, s.svc.Deps.Now))
	for _, c := range s.opt.Metrics {
		s.registry.MustRegister(c)
	}
}

// routeLabel keeps metric cardinality bounded: the registered route
// pattern, or "unmatched".
func routeLabel(c echo.Context) string {
	p := c.Path()
	if p == "" || p == "/*" {
		if strings.HasPrefix(c.Request().URL.Path, "/api/") {
			return "unmatched"
		}
		return "ui"
	}
	return p
}

func (s *Server) metricsMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		status := c.Response().Status
		if err != nil {
			// The error handler has not run yet; ask it for the status.
			c.Error(err)
			status = c.Response().Status
		}
		route := routeLabel(c)
		s.reqCount.WithLabelValues(c.Request().Method, route, strconv.Itoa(status)).Inc()
		s.reqDur.WithLabelValues(c.Request().Method, route).Observe(time.Since(start).Seconds())
		return nil
	}
}

func (s *Server) logMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req := c.Request()
		attrs := []any{"method", req.Method, "route", routeLabel(c), "status", c.Response().Status,
			"ms", float64(time.Since(start).Microseconds()) / 1000, "ip", c.RealIP()}
		if a, ok := c.Get(actorKey).(app.Actor); ok {
			attrs = append(attrs, "user_id", a.UserID)
		}
		// The path is logged without its query: query strings may carry
		// query codes (查询码).
		attrs = append(attrs, "path", req.URL.Path)
		s.log.InfoContext(req.Context(), "request", attrs...)
		return nil
	}
}

func (s *Server) recoverMiddleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.ErrorContext(c.Request().Context(), "panic", "panic", r)
				err = echo.NewHTTPError(http.StatusInternalServerError)
			}
		}()
		return next(c)
	}
}

// RateLimits are requests per minute per purpose, each counted in its own
// buckets; a zero takes Options.RateLimitPerMinute.
type RateLimits struct {
	// Login counts logins per client address and username, so that people
	// behind one address (a service hall's NAT) do not share a bucket.
	Login int
	// LoginAddress counts every login from one client address.
	LoginAddress int
	// Register, Track (tracking number and query code lookups) and
	// Calendar count per client address.
	Register int
	Track    int
	Calendar int
}

// ratePurpose names a rate-limit bucket.
type ratePurpose string

// Rate-limit purposes.
const (
	rateDefault      ratePurpose = "public"
	rateLogin        ratePurpose = "login"
	rateLoginAddress ratePurpose = "login-address"
	rateRegister     ratePurpose = "register"
	rateTrack        ratePurpose = "track"
	rateCalendar     ratePurpose = "calendar"
)

// perMinute is a purpose's limit.
func (s *Server) perMinute(p ratePurpose) int {
	n := map[ratePurpose]int{rateLogin: s.opt.Rates.Login, rateLoginAddress: s.opt.Rates.LoginAddress,
		rateRegister: s.opt.Rates.Register, rateTrack: s.opt.Rates.Track, rateCalendar: s.opt.Rates.Calendar}[p]
	if n <= 0 {
		n = s.opt.RateLimitPerMinute
	}
	return n
}

// limit counts a request of purpose p per client address (the proxy's
// X-Forwarded-For only with TrustProxy) and answers 429 with Retry-After
// over the limit.
func (s *Server) limit(p ratePurpose) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if err := s.svc.RateLimits.Take(c.Request().Context(), string(p), c.RealIP(), s.perMinute(p)); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// healthz says the process is alive.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok", "version": s.opt.Version})
}

// readyz says the database answers.
func (s *Server) readyz(c echo.Context) error {
	if s.opt.Ready != nil {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := s.opt.Ready(ctx); err != nil {
			s.log.WarnContext(ctx, "not ready", "err", err.Error())
			return echo.NewHTTPError(http.StatusServiceUnavailable)
		}
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

// serveUI serves the embedded front end with a history-mode fallback to
// index.html; unknown /api paths stay 404.
func (s *Server) serveUI(c echo.Context) error {
	p := c.Request().URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/api" || p == "/metrics" {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if s.opt.UI == nil {
		return c.HTML(http.StatusOK, uiMissing)
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name != "" {
		if st, err := fs.Stat(s.opt.UI, name); err == nil && !st.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			http.ServeFileFS(c.Response(), c.Request(), s.opt.UI, name)
			return nil
		}
		if path.Ext(name) != "" && !strings.HasSuffix(name, ".html") {
			return echo.NewHTTPError(http.StatusNotFound)
		}
	}
	if _, err := fs.Stat(s.opt.UI, "index.html"); err != nil {
		return c.HTML(http.StatusOK, uiMissing)
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(c.Response(), c.Request(), s.opt.UI, "index.html")
	return nil
}

const uiMissing = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>公开 Gongkai</title>
<body><h1>公开 Gongkai</h1><p>界面尚未构建：请运行 <code>make run</code>。The web UI is not built; run <code>make run</code>. API: <a href="/api/openapi.yaml">/api/openapi.yaml</a></p></body></html>`
