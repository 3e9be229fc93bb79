package migrations_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
)

// TestRegisterImportMigration writes a case the way release 8 did and
// checks migration 13 (issue 10/10): the existing case becomes native,
// imported cases' keys are unique per agency while native cases (no key)
// never collide, and the import tables take their rows and refuse an
// unknown status.
func TestRegisterImportMigration(t *testing.T) {
	dbtest.EachEmpty(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := migrations.UpTo(ctx, db, 8); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 1, 10, 2, 0, 0, 0, time.UTC)
		exec := func(sql string, args ...any) error { return db.Exec(sql, args...).Error }
		mustExec := func(sql string, args ...any) {
			t.Helper()
			if err := exec(sql, args...); err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		mustExec(`INSERT INTO agencies (id, name, short_name, code, doc_prefix, active, version, created_at, updated_at) VALUES (1, '区政府办公室', '区政府办', 'ZFB', '莱芜区政府办', true, 1, ?, ?)`, now, now)
		insert := func(id int, extra string, args ...any) error {
			cols, vals := "", ""
			if extra != "" {
				cols, vals = ", source, import_key, import_hash", ", ?, ?, ?"
			}
			return exec(`INSERT INTO cases (id, agency_id, tracking_number, year, seq, applicant_type, applicant_name, applicant_key, title, description, channel,
				arrived_at, receipt_year, status, clock_events, state, last_event_hash, event_count, version, created_at, updated_at`+cols+`)
				VALUES (?, 1, ?, 2025, ?, 'natural', '张明', 'k', 't', 'd', 'online', ?, 2025, 'handling', '[]', '{}', '', 0, 1, ?, ?`+vals+`)`,
				append([]any{id, "ZFB-2025-0000" + string(rune('0'+id)), id, now, now, now}, args...)...)
		}
		if err := insert(1, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrations.Up(ctx, db); err != nil {
			t.Fatal(err)
		}
		var src string
		var key *string
		if err := db.Raw("SELECT source, import_key FROM cases WHERE id = 1").Row().Scan(&src, &key); err != nil {
			t.Fatal(err)
		}
		if src != "native" || key != nil {
			t.Fatalf("old case: source %q key %v, want native and NULL", src, key)
		}
		if err := insert(2, ""); err != nil {
			t.Fatalf("a second native case: %v", err)
		}
		if err := insert(3, "x", "import", "2024-001", "h1"); err != nil {
			t.Fatalf("an imported case: %v", err)
		}
		if err := insert(4, "x", "import", "2024-001", "h2"); err == nil {
			t.Fatal("a second imported case with the same key was accepted")
		}
		mustExec(`INSERT INTO register_imports (id, agency_id, uploaded_by, file_name, format, sha256, size, blob_key, status, created_at, updated_at)
			VALUES (1, 1, 1, '台账.xlsx', 'xlsx', 'abc', 10, 'k', 'ready', ?, ?)`, now, now)
		mustExec(`INSERT INTO register_import_rows (import_id, row_no, action) VALUES (1, 2, 'new')`)
		mustExec(`INSERT INTO register_import_errors (import_id, row_no, column_name, code, zh, en) VALUES (1, 3, '办理结果', 'register.outcome_unknown', '第3行', 'row 3')`)
		if err := exec(`INSERT INTO register_imports (agency_id, uploaded_by, file_name, format, sha256, size, blob_key, status, created_at, updated_at)
			VALUES (1, 1, 'x.csv', 'csv', 'abd', 10, 'k2', 'done', ?, ?)`, now, now); err == nil {
			t.Fatal("an unknown import status was accepted")
		}
		if err := exec(`INSERT INTO register_import_rows (import_id, row_no, action) VALUES (1, 2, 'new')`); err == nil {
			t.Fatal("a row number was accepted twice")
		}
	})
}
