package migrations_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
)

func TestUpFromEmptyAndAgain(t *testing.T) {
	// dbtest opens every backend through migrations.Up already; run it again
	// and check nothing is applied twice and every migration is recorded.
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		applied, err := migrations.Up(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second run applied %d migrations", len(applied))
		}
		st, err := migrations.StatusOf(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		all := migrations.All()
		if len(st) != len(all) {
			t.Fatalf("status has %d rows, want %d", len(st), len(all))
		}
		for i, s := range st {
			if !s.Applied {
				t.Errorf("migration %d not applied", s.Version)
			}
			// Numbers are handed out per issue, so a branch may lack
			// another's: they only have to increase.
			if i > 0 && s.Version <= st[i-1].Version {
				t.Errorf("migration versions not increasing: %d after %d", s.Version, st[i-1].Version)
			}
		}
		for _, table := range []string{"agencies", "users", "refresh_tokens", "audit_events", "calendar_overrides"} {
			if !db.Migrator().HasTable(table) {
				t.Errorf("table %s missing", table)
			}
		}
		var n int64
		db.Table("users").Where("username = ? AND role = ?", "system", "system").Count(&n)
		if n != 1 {
			t.Fatalf("system user missing")
		}
	})
}
