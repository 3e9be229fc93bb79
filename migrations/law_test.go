package migrations_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
)

// TestLawMigrationOnOldData writes cases the way release 6 did and checks
// migration 7 (issue 1/10): the receipt year becomes the first receipt's,
// a case awaiting confirmation gets its arrival clock, a case with a
// third party's objection counts it, and the agencies gain remedy bodies.
func TestLawMigrationOnOldData(t *testing.T) {
	dbtest.EachEmpty(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := migrations.UpTo(ctx, db, 6); err != nil {
			t.Fatal(err)
		}
		mustExec := func(sql string, args ...any) {
			t.Helper()
			if err := db.Exec(sql, args...).Error; err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		now := time.Date(2026, 1, 10, 2, 0, 0, 0, time.UTC)
		mustExec(`INSERT INTO agencies (id, name, short_name, code, doc_prefix, active, version, created_at, updated_at) VALUES (1, '区政府办公室', '区政府办', 'ZFB', '莱芜区政府办', true, 1, ?, ?)`, now, now)
		insert := func(id int, status, channel string, arrived time.Time, receiptYear int, events, state string) {
			t.Helper()
			mustExec(`INSERT INTO cases (id, agency_id, tracking_number, year, seq, applicant_type, applicant_name, applicant_key, title, description, channel,
				arrived_at, receipt_year, status, clock_events, state, last_event_hash, event_count, version, created_at, updated_at)
				VALUES (?, 1, ?, 2025, ?, 'natural', '张明', 'k', 't', 'd', ?, ?, ?, ?, ?, ?, '', 0, 1, ?, ?)`,
				id, "ZFB-2025-0000"+string(rune('0'+id)), id, channel, arrived, receiptYear, status, events, state, now, now)
		}
		// 1: received 2025-12-22, corrected 2026-01-06 (release 6 moved it
		// to 2026).
		insert(1, "registered", "online", time.Date(2025, 12, 22, 2, 0, 0, 0, time.UTC), 2026,
			`[{"kind":"receipt","on":"2025-12-22","channel":"online"},{"kind":"correction_notice","on":"2025-12-23"},{"kind":"restart","on":"2026-01-06","channel":"online"}]`, `{}`)
		// 2: ordinary post arrived 2025-12-30 16:30 Beijing time, not yet
		// confirmed: no clock in release 6.
		insert(2, "submitted", "ordinary_post", time.Date(2025, 12, 30, 8, 30, 0, 0, time.UTC), 0, `[]`, `{}`)
		// 3: a third party objected.
		insert(3, "handling", "online", time.Date(2025, 12, 1, 2, 0, 0, 0, time.UTC), 2025, `[{"kind":"receipt","on":"2025-12-01","channel":"online"}]`, `{"consultations":1}`)
		mustExec(`INSERT INTO consultations (case_id, kind, party_name, status, reply, created_at, updated_at) VALUES (3, 'third_party', '某公司', 'replied', 'object', ?, ?)`, now, now)
		// 4: an ordinary case stays as it was.
		insert(4, "handling", "in_person", time.Date(2025, 11, 3, 2, 0, 0, 0, time.UTC), 2025, `[{"kind":"receipt","on":"2025-11-03","channel":"in_person"}]`, `{}`)

		if _, err := migrations.Up(ctx, db); err != nil {
			t.Fatal(err)
		}
		type row struct {
			ID          uint
			ReceiptYear int
			ClockEvents string
			State       string
		}
		var rows []row
		if err := db.Raw("SELECT id, receipt_year, clock_events, state FROM cases ORDER BY id").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if rows[0].ReceiptYear != 2025 {
			t.Errorf("corrected case: receipt year %d, want 2025 (first received)", rows[0].ReceiptYear)
		}
		var evs []map[string]string
		if err := json.Unmarshal([]byte(rows[1].ClockEvents), &evs); err != nil || len(evs) != 1 || evs[0]["on"] != "2025-12-30" || evs[0]["basis"] != "arrival" || evs[0]["kind"] != "receipt" {
			t.Errorf("awaiting confirmation: %s (%v)", rows[1].ClockEvents, err)
		}
		if !strings.Contains(rows[2].State, `"thirdPartyObjections":1`) || !strings.Contains(rows[2].State, `"consultations":1`) {
			t.Errorf("objection not counted: %s", rows[2].State)
		}
		if rows[3].ReceiptYear != 2025 || rows[3].State != "{}" {
			t.Errorf("ordinary case changed: %+v", rows[3])
		}
		var body, court string
		if err := db.Raw("SELECT reconsideration_body, court FROM agencies WHERE id = 1").Row().Scan(&body, &court); err != nil || body != "" || court != "" {
			t.Errorf("agency remedy bodies: %q %q %v", body, court, err)
		}
		if !db.Migrator().HasTable("calendar_years") {
			t.Error("calendar_years missing")
		}
	})
}

// TestCaseDetailsMigrationOnOldData writes case states the way release 7
// wrote them (the correction request and the extension inside the JSON)
// and checks migration 8 moves them into their tables (issue 2/10).
func TestCaseDetailsMigrationOnOldData(t *testing.T) {
	dbtest.EachEmpty(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if _, err := migrations.UpTo(ctx, db, 7); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC)
		exec := func(sql string, args ...any) {
			t.Helper()
			if err := db.Exec(sql, args...).Error; err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		exec(`INSERT INTO agencies (id, name, short_name, code, doc_prefix, active, version, created_at, updated_at) VALUES (1, '区政府办公室', '区政府办', 'ZFB', '莱芜区政府办', true, 1, ?, ?)`, now, now)
		states := []string{
			// Release 7: a posted correction notice awaiting its delivery.
			`{"correction":{"items":["请写明文号","请写明年份"],"periodDays":10,"noticeOn":"2026-10-13","delivery":"post"},"attachments":[3],"formats":["electronic"]}`,
			// Release 6 and 7: an answered correction (no delivery field) and a
			// denied, then approved, extension.
			`{"correction":{"items":["请写明项目名称"],"periodDays":5,"noticeOn":"2026-09-29","periodEnds":"2026-10-13","late":true,"submittedOn":"2026-10-09","originalDescription":"旧描述"},` +
				`"extension":{"days":10,"reason":"需要调取档案","requestedBy":4,"requestedOn":"2026-10-15","decision":"approved","decidedBy":6,"decidedOn":"2026-10-16","comment":"同意","newDueDate":"2026-11-20"},"feeStatus":"paid"}`,
			// Nothing to move.
			`{"formats":["paper"]}`,
		}
		for i, st := range states {
			exec(`INSERT INTO cases (id, agency_id, tracking_number, year, seq, applicant_type, applicant_name, applicant_key, title, description, channel,
				arrived_at, receipt_year, status, clock_events, state, last_event_hash, event_count, version, created_at, updated_at)
				VALUES (?, 1, ?, 2026, ?, 'natural', '张明', 'k', 't', 'd', 'online', ?, 2026, 'handling', '[]', ?, '', 0, 1, ?, ?)`,
				i+1, fmt.Sprintf("ZFB-2026-%05d", i+1), i+1, now, st, now, now)
		}
		if _, err := migrations.Up(ctx, db); err != nil {
			t.Fatal(err)
		}
		type corr struct {
			CaseID                                                               uint
			Items, NoticeOn, Delivery, NoticeReceivedOn, PeriodEnds, SubmittedOn string
			PeriodDays                                                           int
			Late                                                                 bool
			OriginalDescription                                                  string
		}
		var cs []corr
		if err := db.Raw("SELECT case_id, items, notice_on, delivery, notice_received_on, period_ends, submitted_on, period_days, late, original_description FROM case_corrections ORDER BY case_id").Scan(&cs).Error; err != nil {
			t.Fatal(err)
		}
		want := []corr{
			{CaseID: 1, Items: `["请写明文号","请写明年份"]`, NoticeOn: "2026-10-13", Delivery: "post", PeriodDays: 10},
			{CaseID: 2, Items: `["请写明项目名称"]`, NoticeOn: "2026-09-29", Delivery: "online", NoticeReceivedOn: "2026-09-29", PeriodEnds: "2026-10-13",
				SubmittedOn: "2026-10-09", PeriodDays: 5, Late: true, OriginalDescription: "旧描述"},
		}
		if diff := cmp.Diff(want, cs); diff != "" {
			t.Errorf("corrections (-want +got):\n%s", diff)
		}
		var ext struct {
			CaseID, Days, RequestedBy                    int
			Decision, RequestedOn, DecidedOn, NewDueDate string
			DecidedBy                                    *int
		}
		if err := db.Raw("SELECT case_id, days, requested_by, decision, requested_on, decided_on, new_due_date, decided_by FROM case_extensions").Scan(&ext).Error; err != nil {
			t.Fatal(err)
		}
		if ext.CaseID != 2 || ext.Days != 10 || ext.Decision != "approved" || ext.NewDueDate != "2026-11-20" || ext.DecidedBy == nil || *ext.DecidedBy != 6 {
			t.Errorf("extension: %+v", ext)
		}
		var got []string
		db.Raw("SELECT state FROM cases ORDER BY id").Scan(&got)
		if strings.Contains(got[0], "correction") || !strings.Contains(got[0], `"schemaVersion":2`) || !strings.Contains(got[0], `"attachments":[3]`) {
			t.Errorf("case 1 state: %s", got[0])
		}
		if strings.Contains(got[1], "extension") || !strings.Contains(got[1], `"feeStatus":"paid"`) {
			t.Errorf("case 2 state: %s", got[1])
		}
		if got[2] != `{"formats":["paper"]}` {
			t.Errorf("case 3 state changed: %s", got[2])
		}
		// The constraints hold.
		if err := db.Exec(`INSERT INTO case_extensions (case_id, days, reason, requested_by, requested_on, decision) VALUES (3, 25, 'x', 1, '2026-10-20', 'pending')`).Error; err == nil {
			t.Error("a 25-day extension was accepted")
		}
		if err := db.Exec(`INSERT INTO case_extensions (case_id, days, reason, requested_by, requested_on, decision) VALUES (3, 5, 'x', 1, '2026-10-20', 'maybe')`).Error; err == nil {
			t.Error("an unknown decision was accepted")
		}
	})
}
