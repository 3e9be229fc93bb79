package migrations_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
)

// TestDeliveryMigrationOnOldData writes a user, an outbox row and a
// running job the way release 8 did and checks migration 9: the user
// reads Chinese, the outbox row is unclaimed and the run has no lease.
func TestDeliveryMigrationOnOldData(t *testing.T) {
	dbtest.EachEmpty(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := migrations.UpTo(ctx, db, 8); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC)
		exec := func(sql string, args ...any) {
			t.Helper()
			if err := db.Exec(sql, args...).Error; err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		exec(`INSERT INTO users (id, username, password_hash, role, active, version, password_set_at, created_at, updated_at) VALUES (100, 'old', 'x', 'applicant', true, 1, ?, ?, ?)`, now, now, now)
		exec(`INSERT INTO outbox (id, channel, recipient, subject, body, attempts, next_attempt_at, created_at) VALUES (1, 'email', 'a@example.com', 's', 'b', 0, ?, ?)`, now, now)
		exec(`INSERT INTO job_runs (id, job, started_at, as_of, status) VALUES (1, 'deadline-sweep', ?, ?, 'running')`, now, now)
		if _, err := migrations.Up(ctx, db); err != nil {
			t.Fatal(err)
		}
		var lang string
		if err := db.Raw("SELECT language FROM users WHERE id = 100").Scan(&lang).Error; err != nil || lang != "zh-CN" {
			t.Errorf("old user's language %q, %v", lang, err)
		}
		var claim struct {
			ClaimedUntil *time.Time
			ClaimedBy    string
		}
		if err := db.Raw("SELECT claimed_until, claimed_by FROM outbox WHERE id = 1").Scan(&claim).Error; err != nil || claim.ClaimedUntil != nil || claim.ClaimedBy != "" {
			t.Errorf("old outbox row: %+v, %v", claim, err)
		}
		var run struct{ LeaseUntil *time.Time }
		if err := db.Raw("SELECT lease_until FROM job_runs WHERE id = 1").Scan(&run).Error; err != nil || run.LeaseUntil != nil {
			t.Errorf("old run's lease %v, %v", run.LeaseUntil, err)
		}
		// A new user without a language reads Chinese too.
		exec(`INSERT INTO users (id, username, password_hash, role, active, version, password_set_at, created_at, updated_at) VALUES (101, 'new', 'x', 'applicant', true, 1, ?, ?, ?)`, now, now, now)
		if err := db.Raw("SELECT language FROM users WHERE id = 101").Scan(&lang).Error; err != nil || lang != "zh-CN" {
			t.Errorf("new user's language %q, %v", lang, err)
		}
	})
}
