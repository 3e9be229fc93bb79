package migrations_test

import (
	"strings"
	"testing"

	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
)

// TestAutovacuumSettings: on PostgreSQL the cases and the timeline are
// vacuumed long before a fifth of their rows changed (migration 17).
func TestAutovacuumSettings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		if db.Dialector.Name() != "postgres" {
			t.Skip("autovacuum is PostgreSQL's")
		}
		for table, want := range map[string][]string{
			"cases":       {"autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_insert_scale_factor=0.02"},
			"case_events": {"autovacuum_vacuum_insert_scale_factor=0.02"},
		} {
			var opts string
			if err := db.Raw("SELECT COALESCE(array_to_string(reloptions, ','), '') FROM pg_class WHERE relname = ?", table).Scan(&opts).Error; err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				if !strings.Contains(opts, w) {
					t.Errorf("%s: reloptions %q lack %s", table, opts, w)
				}
			}
		}
	})
}
