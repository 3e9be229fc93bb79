// Package models holds Gongkai's GORM entities, typed enums, the case status
// transition table, error kinds and store queries. It imports the standard
// library and GORM only.
package models

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the database in use.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// OpenOptions tunes Open.
type OpenOptions struct {
	// Logger receives slow-query warnings; nil means slog.Default().
	Logger *slog.Logger
	// MaxOpenConns for PostgreSQL (default 20).
	MaxOpenConns int
}

// Open connects to the database named by url: "sqlite:PATH" (":memory:"
// for an in-memory database) or a postgres:// URL. SQLite runs in WAL mode
// with foreign keys on, a busy timeout, and immediate transactions so
// concurrent writers queue instead of failing.
func Open(url string, opt OpenOptions) (*gorm.DB, error) {
	l := opt.Logger
	if l == nil {
		l = slog.Default()
	}
	cfg := &gorm.Config{
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
		Logger:         gormLogger{l: l, slow: 500 * time.Millisecond},
	}
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		memory := path == ":memory:" || strings.Contains(path, "mode=memory")
		dsn := path
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + "_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate"
		if !memory {
			dsn += "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
		}
		// No GORM PrepareStmt on SQLite either: its statement cache can
		// deadlock a small pool (go-gorm/gorm#7465). A statement first
		// prepared outside a transaction is cached before it is prepared;
		// the preparing goroutine then waits for a connection while the
		// transaction that holds the last one finds the cached entry and
		// waits for that preparation to finish. With the one connection of
		// an in-memory database this hung the API tests in CI.
		sqlDB, err := sql.Open(sqlite.DriverName, dsn)
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		var pool gorm.ConnPool = sqlDB
		if !memory {
			// Transactions take turns in the process (sqlite_writes.go).
			pool = newSQLiteWriters(sqlDB)
		}
		db, err := gorm.Open(sqlite.Dialector{DriverName: sqlite.DriverName, DSN: dsn, Conn: pool}, cfg)
		if err != nil {
			_ = sqlDB.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		if memory {
			// One connection keeps one in-memory database alive.
			sqlDB.SetMaxOpenConns(1)
			sqlDB.SetMaxIdleConns(1)
			sqlDB.SetConnMaxLifetime(0)
			sqlDB.SetConnMaxIdleTime(0)
		} else {
			sqlDB.SetMaxOpenConns(4)
			sqlDB.SetMaxIdleConns(4)
		}
		return db, nil
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		// No GORM PrepareStmt on PostgreSQL: inside a transaction it
		// re-prepares every statement on the transaction's connection (a
		// Parse per query), while pgx's own per-connection statement cache
		// (its default exec mode) parses each query once per connection.
		db, err := gorm.Open(postgres.New(postgres.Config{DSN: url}), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", redactErr(err, url))
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		n := opt.MaxOpenConns
		if n <= 0 {
			n = 20
		}
		sqlDB.SetMaxOpenConns(n)
		sqlDB.SetMaxIdleConns(n)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		return db, nil
	default:
		return nil, errors.New("database URL must be sqlite:PATH or a postgres:// URL")
	}
}

// unavailableCodes are the PostgreSQL SQLSTATEs of a database that cannot
// serve now: connection exceptions (class 08), an administrator's or crash
// shutdown (57P01–57P03), too many connections (53300).
var unavailableCodes = map[string]bool{
	"08000": true, "08001": true, "08003": true, "08004": true, "08006": true, "08007": true,
	"57P01": true, "57P02": true, "57P03": true, "53300": true,
}

// IsUnavailable reports whether err means the database cannot be reached
// now — a refused, reset or closed connection, a pool that could not get
// one, the server shutting down — rather than a fault in the request:
// the API answers 503 with Retry-After for these, 500 for the rest.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	// A classified error is what its kind says: a field error whose message
	// quotes "unexpected EOF" (a template that does not parse) is no outage.
	if e := AsError(err); e != nil && e.Kind != KindInternal {
		return e.Kind == KindUnavailable
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return unavailableCodes[pgErr.Code]
	}
	var connectErr *pgconn.ConnectError
	var opErr *net.OpError
	if errors.As(err, &connectErr) || errors.As(err, &opErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"failed to connect", "connection refused", "conn closed", "connection reset", "broken pipe",
		"unexpected EOF", "server closed the connection", "the database system is shutting down", "the database system is starting up"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// redactErr keeps a DSN's password out of error messages.
func redactErr(err error, url string) error {
	msg := err.Error()
	if i := strings.Index(url, "@"); i > 0 {
		msg = strings.ReplaceAll(msg, url[:i], "postgres://***")
	}
	return errors.New(msg)
}

// DialectOf reports which database db talks to.
func DialectOf(db *gorm.DB) Dialect {
	if db.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

// Ping checks the database answers.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// translate turns GORM's sentinel errors into kinds; what names the object.
func translate(err error, what Msg) error {
	switch {
	case err == nil:
		return nil
	case IsUnavailable(err):
		return Unavailable(err)
	case errors.Is(err, gorm.ErrRecordNotFound):
		return NotFound(what)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return &Error{Kind: KindConflict, Code: "conflict", Msg: M(what.ZH+"已存在", what.EN+" already exists"), Err: err}
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return &Error{Kind: KindInvalid, Code: "validation_failed", Msg: M("引用的对象不存在", "a referenced object does not exist"), Err: err}
	}
	return err
}

// gormLogger sends slow queries and errors other than "not found" to slog
// without the SQL's bound values (they may hold personal data).
type gormLogger struct {
	l    *slog.Logger
	slow time.Duration
}

func (g gormLogger) LogMode(logger.LogLevel) logger.Interface { return g }
func (g gormLogger) Info(ctx context.Context, msg string, args ...any) {
	g.l.InfoContext(ctx, fmt.Sprintf(msg, args...))
}
func (g gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	g.l.WarnContext(ctx, fmt.Sprintf(msg, args...))
}
func (g gormLogger) Error(ctx context.Context, msg string, args ...any) {
	g.l.ErrorContext(ctx, fmt.Sprintf(msg, args...))
}
func (g gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) && !errors.Is(err, gorm.ErrDuplicatedKey) {
		sql, _ := fc()
		g.l.DebugContext(ctx, "sql error", "err", err.Error(), "sql", stripValues(sql), "ms", elapsed.Milliseconds())
		return
	}
	if elapsed > g.slow {
		sql, rows := fc()
		g.l.WarnContext(ctx, "slow sql", "sql", stripValues(sql), "rows", rows, "ms", elapsed.Milliseconds())
	}
}

// stripValues cuts the statement at its first quoted literal so logged SQL
// carries no personal data.
func stripValues(sql string) string {
	if i := strings.IndexAny(sql, "'"); i >= 0 {
		sql = sql[:i] + "…"
	}
	if len(sql) > 300 {
		sql = sql[:300] + "…"
	}
	return sql
}

// saveVersioned writes every column of row (but omit) if its version is
// still the one read, bumping *version: optimistic locking. A stale version
// is a conflict; what names the object in errors.
func saveVersioned(ctx context.Context, db *gorm.DB, row any, version *int, what Msg, omit ...string) error {
	old := *version
	*version = old + 1
	res := db.WithContext(ctx).Model(row).Where("version = ?", old).Select("*").Omit(append(omit, "CreatedAt")...).Updates(row)
	if res.Error != nil {
		*version = old
		return translate(res.Error, what)
	}
	if res.RowsAffected == 0 {
		*version = old
		return StaleVersion()
	}
	return nil
}
