// Package dbtest gives tests real databases opened and migrated through
// the production path: an in-memory SQLite database always, and a fresh
// PostgreSQL schema whenever GONGKAI_TEST_POSTGRES_DSN is set. In CI
// (CI=true) a missing PostgreSQL DSN fails the test instead of skipping.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"

	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/models"
)

// DSNEnv names the PostgreSQL test database.
const DSNEnv = "GONGKAI_TEST_POSTGRES_DSN"

// Backend is one database to run a test against.
type Backend struct {
	Name string
	Open func(tb testing.TB) *gorm.DB
}

// Backends returns SQLite and, when configured, PostgreSQL.
func Backends(tb testing.TB) []Backend {
	tb.Helper()
	bs := []Backend{{Name: "sqlite", Open: OpenSQLite}}
	if os.Getenv(DSNEnv) != "" {
		bs = append(bs, Backend{Name: "postgres", Open: OpenPostgres})
	} else if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not set: in CI the PostgreSQL suite must run", DSNEnv)
	}
	return bs
}

// Each runs fn as a subtest on every backend, each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Helper()
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, b.Open(t)) })
	}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// OpenSQLite returns a migrated in-memory SQLite database.
func OpenSQLite(tb testing.TB) *gorm.DB {
	tb.Helper()
	db := openSQLite(tb)
	migrate(tb, db)
	return db
}

func openSQLite(tb testing.TB) *gorm.DB {
	tb.Helper()
	db, err := models.Open("sqlite::memory:", models.OpenOptions{Logger: quietLogger()})
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() { closeDB(db) })
	return db
}

// EachEmpty runs fn against every backend with an empty, unmigrated
// database (migration tests bring it to an older version themselves).
func EachEmpty(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openPostgres(t)) })
}

// OpenPostgres returns a migrated PostgreSQL database in a schema of its
// own, dropped when the test ends. It skips when no DSN is configured
// (and fails in CI).
func OpenPostgres(tb testing.TB) *gorm.DB {
	tb.Helper()
	db := openPostgres(tb)
	migrate(tb, db)
	return db
}

func openPostgres(tb testing.TB) *gorm.DB {
	tb.Helper()
	db, err := models.Open(PostgresSchema(tb), models.OpenOptions{Logger: quietLogger(), MaxOpenConns: 20})
	if err != nil {
		tb.Fatalf("open postgres schema: %v", err)
	}
	tb.Cleanup(func() { closeDB(db) })
	return db
}

// PostgresSchema creates an empty schema of its own in the test database,
// dropped when the test ends, and returns a DSN whose search_path is that
// schema (a test may reach it another way, e.g. through a proxy). It skips
// when no DSN is configured (and fails in CI).
func PostgresSchema(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(DSNEnv)
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set: in CI the PostgreSQL suite must run", DSNEnv)
		}
		tb.Skipf("%s not set", DSNEnv)
	}
	schema := "t_" + randomHex(6)
	admin, err := models.Open(dsn, models.OpenOptions{Logger: quietLogger(), MaxOpenConns: 2})
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		closeDB(admin)
	})
	return withSearchPath(tb, dsn, schema)
}

func withSearchPath(tb testing.TB, dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("parse %s: %v", DSNEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func migrate(tb testing.TB, db *gorm.DB) {
	tb.Helper()
	if _, err := migrations.Up(context.Background(), db); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
}

func closeDB(db *gorm.DB) {
	if s, err := db.DB(); err == nil {
		s.Close()
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))
}
