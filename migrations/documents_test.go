package migrations_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
)

// TestDocumentsMigration writes a notice the way release 13 did (HTML
// only) and checks migration 14 (issue 6/10): the notice keeps its HTML
// with empty new columns, a notice's PDF versions and an agency's template
// versions are unique by number, and an agency has one seal.
func TestDocumentsMigration(t *testing.T) {
	dbtest.EachEmpty(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := migrations.UpTo(ctx, db, 13); err != nil {
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
		mustExec(`INSERT INTO cases (id, agency_id, tracking_number, year, seq, applicant_type, applicant_name, applicant_key, title, description, channel,
			arrived_at, receipt_year, status, clock_events, state, last_event_hash, event_count, version, created_at, updated_at)
			VALUES (1, 1, 'ZFB-2025-00001', 2025, 1, 'natural', '张明', 'k', 't', 'd', 'online', ?, 2025, 'handling', '[]', '{}', '', 0, 1, ?, ?)`, now, now, now)
		mustExec(`INSERT INTO notices (id, case_id, event_seq, kind, title, doc_number, recipient, public, html, created_at) VALUES (1, 1, 1, 'receipt', '回执', '莱芜区政府办〔2025〕第1号', '张明', true, '<html></html>', ?)`, now)
		if _, err := migrations.Up(ctx, db); err != nil {
			t.Fatal(err)
		}
		var body, source string
		var tid *uint
		if err := db.Raw("SELECT body_html, template_source, template_id FROM notices WHERE id = 1").Row().Scan(&body, &source, &tid); err != nil {
			t.Fatal(err)
		}
		if body != "" || source != "" || tid != nil {
			t.Fatalf("old notice: body %q source %q template %v, want empty", body, source, tid)
		}
		version := func(n int, key string) error {
			return exec(`INSERT INTO notice_versions (notice_id, version, case_id, event_seq, blob_key, size, sha256, created_at) VALUES (1, ?, 1, 2, ?, 10, 'abc', ?)`, n, key, now)
		}
		if err := version(1, "notice/1/v1"); err != nil {
			t.Fatal(err)
		}
		if err := version(1, "notice/1/v1b"); err == nil {
			t.Fatal("a version number was accepted twice")
		}
		if err := version(2, "notice/1/v1"); err == nil {
			t.Fatal("a blob key was accepted twice")
		}
		tmpl := func(n int) error {
			return exec(`INSERT INTO notice_templates (agency_id, kind, version, text, sha256, created_at) VALUES (1, 'receipt', ?, '<p>x</p>', 'abc', ?)`, n, now)
		}
		if err := tmpl(1); err != nil {
			t.Fatal(err)
		}
		if err := tmpl(1); err == nil {
			t.Fatal("a template version was accepted twice")
		}
		seal := func() error {
			return exec(`INSERT INTO agency_seals (agency_id, blob_key, sha256, size, width, height, version, created_at, updated_at) VALUES (1, 'seal/1/a', 'abc', 10, 400, 400, 1, ?, ?)`, now, now)
		}
		if err := seal(); err != nil {
			t.Fatal(err)
		}
		if err := seal(); err == nil {
			t.Fatal("an agency got two seals")
		}
	})
}
