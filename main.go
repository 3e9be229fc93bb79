// Command gongkai runs the Gongkai platform for government information
// disclosure applications (政府信息公开申请). It is the one wiring point:
// it loads configuration, opens and migrates the database, builds the
// services, and starts the HTTP server and the jobs.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"gorm.io/gorm"

	"gongkai/api"
	"gongkai/app"
	"gongkai/app/calendar"
	"gongkai/app/wiring"
	"gongkai/configs"
	"gongkai/frontend"
	"gongkai/jobs"
	"gongkai/migrations"
	"gongkai/models"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `gongkai — 政府信息依申请公开办理平台 (government information disclosure applications)

Usage:
  gongkai serve                     start the HTTP server and the jobs
  gongkai migrate up                apply pending database migrations
  gongkai migrate status            list migrations and whether they ran
  gongkai seed --demo               load demo agencies and accounts (idempotent)
  gongkai user create --username NAME --role ROLE [--agency CODE] [--display-name NAME] [--password-file FILE] [--district-wide]
  gongkai jobs list                 list the jobs and their schedules
  gongkai jobs run NAME [--as-of T] run one job once, as of a moment (RFC 3339)
  gongkai openapi                   print the API document (OpenAPI, YAML) without a database
  gongkai version                   print the version

Settings come from GONGKAI_* environment variables and the YAML file named by
GONGKAI_CONFIG; see configs/gongkai.example.yaml.
`

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gongkai:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return nil
	}
	switch args[0] {
	case "serve":
		return cmdServe()
	case "migrate":
		if len(args) < 2 || (args[1] != "up" && args[1] != "status") {
			return errors.New("usage: gongkai migrate up|status")
		}
		return cmdMigrate(args[1], stdout)
	case "seed":
		return cmdSeed(args[1:], stdout)
	case "user":
		if len(args) < 2 || args[1] != "create" {
			return errors.New("usage: gongkai user create --username NAME --role ROLE [--agency CODE]")
		}
		return cmdUserCreate(args[2:], stdout)
	case "jobs":
		if len(args) < 2 || (args[1] != "list" && args[1] != "run") {
			return errors.New("usage: gongkai jobs list | jobs run NAME [--as-of 2026-10-30T09:00:00+08:00]")
		}
		return cmdJobs(args[1], args[2:], stdout)
	case "openapi":
		_, err := stdout.Write(api.Document())
		return err
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "gongkai", version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", args[0], usage)
}

// env holds what every command needs.
type env struct {
	cfg  configs.Config
	log  *slog.Logger
	db   *gorm.DB
	svc  *app.Services
	jobs []app.JobDef
}

// openDatabase opens the configured database (creating an SQLite file's
// directory) and migrates it.
func openDatabase(cfg configs.Config, log *slog.Logger) (*gorm.DB, error) {
	if cfg.IsSQLite() {
		path := strings.TrimPrefix(cfg.DatabaseURL, "sqlite:")
		if dir := filepath.Dir(path); path != ":memory:" && dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create database directory: %w", err)
			}
		}
	}
	db, err := models.Open(cfg.DatabaseURL, models.OpenOptions{Logger: log})
	if err != nil {
		return nil, err
	}
	applied, err := migrations.Up(context.Background(), db)
	if err != nil {
		return nil, err
	}
	for _, m := range applied {
		log.Info("migration applied", "version", m.Version, "name", m.Name)
	}
	return db, nil
}

// setup loads and validates configuration, opens and migrates the
// database and builds the services.
func setup() (*env, error) { return setupAt(time.Now) }

// setupAt is setup with a given clock (jobs run --as-of).
func setupAt(now func() time.Time) (*env, error) {
	cfg, err := configs.Load(os.Getenv)
	if err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid configuration:\n%w", err)
	}
	log := newLogger(cfg)
	if cfg.JWTSecret == "" {
		log.Warn("GONGKAI_JWT_SECRET not set: using the development secret")
		cfg.JWTSecret = configs.DevJWTSecret
	}
	if cfg.DataKey == "" {
		log.Warn("GONGKAI_DATA_KEY not set: using the development data key")
		cfg.DataKey = configs.DevDataKey
	}
	db, err := openDatabase(cfg, log)
	if err != nil {
		return nil, err
	}
	appCfg, err := wiring.AppConfig(cfg)
	if err != nil {
		return nil, err
	}
	for name, expr := range map[string]string{"GONGKAI_JOBS_DEADLINE_SWEEP": cfg.Jobs.DeadlineSweep, "GONGKAI_JOBS_PERIOD_EXPIRY": cfg.Jobs.PeriodExpiry,
		"GONGKAI_JOBS_CONVERSION_REVIEW": cfg.Jobs.ConversionReview, "GONGKAI_JOBS_NOTIFICATION_DELIVERY": cfg.Jobs.NotificationDelivery} {
		if err := jobs.ValidateSchedule(expr); err != nil {
			return nil, fmt.Errorf("invalid configuration: %s: %w", name, err)
		}
	}
	if cfg.SMTP.Host != "" {
		if appCfg.Mailer, err = wiring.Mailer(cfg.SMTP); err != nil {
			return nil, fmt.Errorf("invalid configuration: GONGKAI_SMTP_*: %w", err)
		}
	}
	svc, err := app.New(app.Deps{DB: db, Now: now, Log: log}, appCfg)
	if err != nil {
		return nil, err
	}
	e := &env{cfg: cfg, log: log, db: db, svc: svc}
	e.jobs = jobs.All(svc, jobs.Schedules{DeadlineSweep: cfg.Jobs.DeadlineSweep, PeriodExpiry: cfg.Jobs.PeriodExpiry,
		ConversionReview: cfg.Jobs.ConversionReview, NotificationDelivery: cfg.Jobs.NotificationDelivery})
	return e, nil
}

func newLogger(cfg configs.Config) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if cfg.LogFormat == "json" || cfg.IsProduction() {
		h = slog.NewJSONHandler(os.Stderr, opts)
	} else {
		h = slog.NewTextHandler(os.Stderr, opts)
	}
	l := slog.New(app.NewLogHandler(h))
	slog.SetDefault(l)
	return l
}

func cmdServe() error {
	e, err := setup()
	if err != nil {
		return err
	}
	sqlDB, err := e.db.DB()
	if err != nil {
		return err
	}
	srv := api.New(e.svc, api.Options{
		Log: e.log, Version: version, BodyLimitBytes: e.cfg.BodyLimitBytes, UploadLimitBytes: e.cfg.UploadLimitBytes,
		RateLimitPerMinute: e.cfg.RateLimitPerMinute, Rates: api.RateLimits(e.cfg.RateLimits()), TrustProxy: e.cfg.TrustProxy, SecureCookies: e.cfg.CookiesSecure(),
		UI:      frontend.FS(),
		Ready:   func(ctx context.Context) error { return models.Ping(ctx, e.db) },
		Metrics: []prometheus.Collector{collectors.NewDBStatsCollector(sqlDB, "gongkai")},
		Jobs:    e.jobs,
		// /metrics on its own listener, or behind the token (api/metrics.go).
		MetricsToken: e.cfg.MetricsToken, MetricsSeparate: e.cfg.MetricsAddr != "",
	})
	var sched *jobs.Scheduler
	if e.cfg.Jobs.Enabled {
		if sched, err = jobs.Start(e.svc, e.jobs, e.log); err != nil {
			return err
		}
	}
	httpSrv := &http.Server{Addr: e.cfg.Addr, Handler: srv.Echo, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}

	if e.cfg.MetricsAddr != "" {
		ms := metricsServer(e.cfg.MetricsAddr, srv.MetricsHandler())
		go func() {
			if err := ms.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				e.log.Error("metrics listener", "addr", e.cfg.MetricsAddr, "err", err.Error())
			}
		}()
		defer ms.Close()
	} else if e.cfg.MetricsToken == "" {
		e.log.Info("metrics off: set GONGKAI_METRICS_ADDR or GONGKAI_METRICS_TOKEN to serve /metrics")
	}
	if addr := e.cfg.PprofAddr; addr != "" {
		// Profiling for load runs, on its own (loopback) address only.
		go http.ListenAndServe(addr, http.DefaultServeMux)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		e.log.Info("gongkai listening", "addr", e.cfg.Addr, "env", e.cfg.Env, "database", string(models.DialectOf(e.db)), "version", version, "ui", frontend.FS() != nil)
		errc <- httpSrv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	e.log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = httpSrv.Shutdown(shutCtx)
	if sched != nil {
		sched.Stop(10 * time.Second)
	}
	if !e.svc.Register.Drain(20 * time.Second) {
		e.log.Warn("a register validation or import was still running at shutdown; its transaction rolls back and it shows as interrupted")
	}
	sqlDB.Close()
	return err
}

// metricsServer is the operators' listener: /metrics and nothing else
// (not the API, not the profiler on the default mux).
func metricsServer(addr string, metrics http.Handler) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	return &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
}

func cmdMigrate(sub string, stdout io.Writer) error {
	cfg, err := configs.Load(os.Getenv)
	if err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("invalid configuration:\n%w", err)
	}
	log := newLogger(cfg)
	db, err := models.Open(cfg.DatabaseURL, models.OpenOptions{Logger: log})
	if err != nil {
		return err
	}
	ctx := context.Background()
	if sub == "up" {
		applied, err := migrations.Up(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d migration(s) applied\n", len(applied))
		for _, m := range applied {
			fmt.Fprintf(stdout, "  %04d %s\n", m.Version, m.Name)
		}
		return nil
	}
	st, err := migrations.StatusOf(ctx, db)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tNAME\tAPPLIED")
	for _, s := range st {
		at := "pending"
		if s.Applied {
			at = s.AppliedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%04d\t%s\t%s\n", s.Version, s.Name, at)
	}
	return tw.Flush()
}

func cmdSeed(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "load demo agencies and accounts")
	bulk := fs.Int("bulk", 0, "load N synthetic cases (load tests and benchmarks)")
	years := fs.Int("years", 10, "with --bulk: spread receipt dates over this many years")
	extraAgencies := fs.Int("agencies", 0, "with --bulk: add this many synthetic agencies first")
	days := fs.Int("days", 0, "with --bulk: spread receipt dates over this many days instead of years")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo && *bulk <= 0 {
		return errors.New("usage: gongkai seed --demo | --bulk N [--years Y] [--agencies A]")
	}
	cfg, err := configs.Load(os.Getenv)
	if err != nil {
		return err
	}
	if cfg.IsProduction() {
		return errors.New("refusing to load demo data in production (GONGKAI_ENV=production)")
	}
	e, err := setup()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *demo || *bulk > 0 {
		rep, err := e.svc.Seed.Demo(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "demo seed: %d agencies and %d accounts created (password %q)\n", rep.Agencies, rep.Users, app.DemoPassword)
	}
	if *bulk > 0 {
		start := time.Now()
		err := e.svc.Seed.Bulk(ctx, app.BulkOptions{Cases: *bulk, Years: *years, Days: *days, ExtraAgencies: *extraAgencies, Seed: uint64(start.UnixNano()),
			Progress: func(done int) {
				if done%50000 == 0 || done == *bulk {
					fmt.Fprintf(stdout, "  %d/%d cases (%.0f/s)\n", done, *bulk, float64(done)/time.Since(start).Seconds())
				}
			}})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "bulk seed: %d cases in %s\n", *bulk, time.Since(start).Round(time.Second))
	}
	return nil
}

// agencyByCode finds an agency by its code or id.
func agencyByCode(ctx context.Context, svc *app.Services, code string) (*uint, error) {
	as, err := svc.Agencies.List(ctx, true)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if strings.EqualFold(a.Code, code) || strconv.FormatUint(uint64(a.ID), 10) == code {
			id := a.ID
			return &id, nil
		}
	}
	return nil, fmt.Errorf("no agency with code or id %q", code)
}

// bootstrapPassword reads the password from file, or generates one to be
// printed once.
func bootstrapPassword(file string) (password string, generated bool, err error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", false, err
		}
		return strings.TrimSpace(string(b)), false, nil
	}
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", false, err
	}
	return base64.RawURLEncoding.EncodeToString(b), true, nil
}

func cmdUserCreate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	username := fs.String("username", "", "login name")
	role := fs.String("role", "admin", "admin, supervisor or officer")
	agency := fs.String("agency", "", "agency code (e.g. ZFB) or id, for staff")
	display := fs.String("display-name", "", "the person's name")
	passwordFile := fs.String("password-file", "", "read the password from this file (else one is generated and printed once)")
	districtWide := fs.Bool("district-wide", false, "a supervisor who sees every agency")
	if err := fs.Parse(args); err != nil {
		return err
	}
	e, err := setup()
	if err != nil {
		return err
	}
	ctx := context.Background()
	in := app.UserInput{Username: *username, Role: *role, DisplayName: *display, DistrictWide: *districtWide}
	if in.DisplayName == "" {
		in.DisplayName = *username
	}
	if *agency != "" {
		if in.AgencyID, err = agencyByCode(ctx, e.svc, *agency); err != nil {
			return err
		}
	}
	var generated bool
	if in.Password, generated, err = bootstrapPassword(*passwordFile); err != nil {
		return err
	}
	u, err := e.svc.Users.CreateBootstrap(ctx, in)
	if err != nil {
		if fe := models.AsError(err); fe != nil {
			for _, f := range fe.Fields {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", f.Field, f.Msg.EN)
			}
		}
		return err
	}
	fmt.Fprintf(stdout, "created %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
	if generated {
		fmt.Fprintf(stdout, "password (shown once): %s\n", in.Password)
	}
	return nil
}

func cmdJobs(sub string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jobs", flag.ContinueOnError)
	asOf := fs.String("as-of", "", "run as of this moment, e.g. 2026-10-30T09:00:00+08:00")
	name := ""
	if sub == "run" {
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return errors.New("usage: gongkai jobs run NAME [--as-of T]")
		}
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	now := time.Now
	if *asOf != "" {
		t, err := time.Parse(time.RFC3339, *asOf)
		if err != nil {
			return fmt.Errorf("--as-of must be RFC 3339 (2026-10-30T09:00:00+08:00): %w", err)
		}
		now = func() time.Time { return t }
	}
	e, err := setupAt(now)
	if err != nil {
		return err
	}
	if sub == "list" {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSCHEDULE\tDESCRIPTION")
		for _, d := range e.jobs {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Name, d.Schedule, d.Description)
		}
		return tw.Flush()
	}
	d, ok := jobs.Find(e.jobs, name)
	if !ok {
		return fmt.Errorf("no job %q (see gongkai jobs list)", name)
	}
	run, err := e.svc.Jobs.Run(context.Background(), d.Name, "cli", d.Run)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s as of %s: %s %s\n", d.Name, run.AsOf.In(calendar.Location()).Format(time.RFC3339), run.Status, run.Counts)
	if run.Error != "" {
		return errors.New(run.Error)
	}
	return nil
}
