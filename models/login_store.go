package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// LoginThrottle counts the failed logins of a name that is no account,
// keyed by the keyed hash of the normalised name, so that an unknown name
// is counted and locked exactly like a known one (users.failed_logins).
type LoginThrottle struct {
	NameHash     string `gorm:"primaryKey;size:64"`
	Failures     int    `gorm:"not null"`
	LastFailedAt time.Time
	LockedUntil  *time.Time
}

// LoginTarget names the counter a login attempt counts on: an account
// (UserID) or a name that is none (NameHash).
type LoginTarget struct {
	UserID   uint
	NameHash string
}

// LoginAttempt is what ReserveLoginAttempt decided.
type LoginAttempt struct {
	// Granted: the password may be checked. A refused attempt is not
	// counted and its password must not be checked.
	Granted bool
	// Failures is the count with this attempt in it (granted only); it is
	// undone only by a successful login.
	Failures int
	// LockedUntil is the end of the lock (refused only).
	LockedUntil time.Time
}

// The failure count a granted attempt leaves, for the users table (u) and
// login_throttles (t): it starts again at 1 after an expired lock or when
// the last failure is older than the lockout window. The WHERE clauses let
// only rows that are not locked through, so a lock time that is set is
// one that has expired.
const (
	userFailures     = `CASE WHEN last_failed_login_at IS NULL OR last_failed_login_at <= @stale OR locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END`
	throttleFailures = `CASE WHEN login_throttles.last_failed_at <= @stale OR login_throttles.locked_until IS NOT NULL THEN 1 ELSE login_throttles.failures + 1 END`
)

// ReserveLoginAttempt counts an attempt before its password is checked,
// in one statement, so that parallel attempts cannot pass the limit: of
// any number sent at once, at most limit are granted, and the one that
// reaches limit locks the counter until now+lock (a later success
// unlocks it). An attempt on a locked counter is refused. Failures older
// than window are forgotten. Times are written and compared in UTC
// (SQLite compares them as text).
func ReserveLoginAttempt(ctx context.Context, db *gorm.DB, target LoginTarget, limit int, now time.Time, window, lock time.Duration) (LoginAttempt, error) {
	now = now.UTC()
	args := map[string]any{"now": now, "stale": now.Add(-window), "limit": limit, "lock": now.Add(lock), "id": target.UserID, "key": target.NameHash}
	var first *time.Time
	if limit <= 1 {
		l := now.Add(lock)
		first = &l
	}
	args["first"] = first
	// PostgreSQL cannot tell a parameter's type from a CASE whose other
	// branch is NULL.
	lockAt := "@lock"
	if DialectOf(db) == Postgres {
		lockAt = "CAST(@lock AS timestamptz)"
	}
	var counts []int
	var err error
	if target.UserID != 0 {
		err = db.WithContext(ctx).Raw(`UPDATE users SET failed_logins = `+userFailures+`, last_failed_login_at = @now,
			locked_until = CASE WHEN `+userFailures+` >= @limit THEN `+lockAt+` ELSE NULL END
			WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now) RETURNING failed_logins`, args).Scan(&counts).Error
	} else {
		err = db.WithContext(ctx).Raw(`INSERT INTO login_throttles (name_hash, failures, last_failed_at, locked_until) VALUES (@key, 1, @now, @first)
			ON CONFLICT (name_hash) DO UPDATE SET failures = `+throttleFailures+`, last_failed_at = @now,
			locked_until = CASE WHEN `+throttleFailures+` >= @limit THEN `+lockAt+` ELSE NULL END
			WHERE login_throttles.locked_until IS NULL OR login_throttles.locked_until <= @now RETURNING failures`, args).Scan(&counts).Error
	}
	if err != nil {
		return LoginAttempt{}, translate(err, userWhat)
	}
	if len(counts) == 1 {
		return LoginAttempt{Granted: true, Failures: counts[0]}, nil
	}
	var row struct{ LockedUntil *time.Time }
	q := db.WithContext(ctx).Select("locked_until")
	if target.UserID != 0 {
		q = q.Model(&User{}).Where("id = ?", target.UserID)
	} else {
		q = q.Model(&LoginThrottle{}).Where("name_hash = ?", target.NameHash)
	}
	if err := q.Take(&row).Error; err != nil {
		return LoginAttempt{}, translate(err, userWhat)
	}
	a := LoginAttempt{LockedUntil: now.Add(lock)}
	if row.LockedUntil != nil {
		a.LockedUntil = *row.LockedUntil
	}
	return a, nil
}

// ClearLoginFailures ends an account's failure count and lock (a
// successful login, a password reset).
func ClearLoginFailures(ctx context.Context, db *gorm.DB, userID uint) error {
	return translate(db.WithContext(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"failed_logins": 0, "last_failed_login_at": nil, "locked_until": nil}).Error, userWhat)
}

// PruneLoginThrottles deletes the counts of unknown names whose last
// failure is before before; with before at least the lockout window and
// the lock's length ago, such a row counts as no row at all.
func PruneLoginThrottles(ctx context.Context, db *gorm.DB, before time.Time) error {
	// One statement needs no transaction; GORM's default one would hold a
	// connection while the statement is prepared, which can deadlock a
	// small pool under concurrent logins (go-gorm/gorm#7465).
	return translate(db.WithContext(ctx).Session(&gorm.Session{SkipDefaultTransaction: true}).
		Where("last_failed_at < ?", before.UTC()).Delete(&LoginThrottle{}).Error, userWhat)
}
