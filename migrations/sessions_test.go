package migrations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
)

// TestSessionsMigrationOnOldData writes a locked account the way release
// 8 did (lock time in the server's zone) and checks migration 10 (issue
// 4/10): every account starts at session generation 1, the lock keeps its
// instant and is stored in UTC (SQLite compares lock times as text), and
// the new tables exist.
func TestSessionsMigrationOnOldData(t *testing.T) {
	dbtest.EachEmpty(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := migrations.UpTo(ctx, db, 8); err != nil {
			t.Fatal(err)
		}
		shanghai := time.FixedZone("Asia/Shanghai", 8*3600)
		locked := time.Date(2026, 10, 9, 17, 45, 0, 0, shanghai)
		now := time.Date(2026, 10, 9, 9, 0, 0, 0, time.UTC)
		if err := db.Exec(`INSERT INTO users (id, username, password_hash, role, active, failed_logins, locked_until, password_set_at, version, created_at, updated_at)
			VALUES (100, 'old-officer', 'x', 'applicant', true, 0, ?, ?, 1, ?, ?)`, locked, now, now, now).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := migrations.Up(ctx, db); err != nil {
			t.Fatal(err)
		}
		var row struct {
			SessionGeneration int
			LockedUntil       time.Time
		}
		if err := db.Table("users").Select("session_generation, locked_until").Where("id = 100").Take(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.SessionGeneration != 1 || !row.LockedUntil.Equal(locked) {
			t.Fatalf("after migration: %+v", row)
		}
		if db.Dialector.Name() == "sqlite" {
			var text string
			db.Raw("SELECT CAST(locked_until AS TEXT) FROM users WHERE id = 100").Scan(&text)
			if !strings.HasSuffix(text, "+00:00") {
				t.Fatalf("lock time not in UTC: %q", text)
			}
		}
		for _, table := range []string{"login_throttles", "rate_buckets"} {
			if !db.Migrator().HasTable(table) {
				t.Errorf("table %s missing", table)
			}
		}
	})
}
