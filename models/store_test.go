package models_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// mustAgencyAndCase inserts an agency and a bare case of it.
func mustAgencyAndCase(tb testing.TB, db *gorm.DB) (agencyID, caseID uint) {
	tb.Helper()
	ctx := context.Background()
	a := &models.Agency{Name: "测试机关", ShortName: "测试", Code: "TST", Active: true, Version: 1}
	if err := models.CreateAgency(ctx, db, a); err != nil {
		tb.Fatalf("create agency: %v", err)
	}
	c := &models.Case{AgencyID: a.ID, TrackingNumber: "TST-2026-00001", Year: 2026, Seq: 1, ApplicantType: models.ApplicantNatural,
		ApplicantName: "张三", ApplicantKey: "k", Title: "t", Description: "d", Channel: "online", Status: models.StatusHandling,
		ClockEvents: "[]", State: "{}", LastEventHash: "h", Version: 1}
	if err := db.Omit("Agency", "Applicant", "Assignee").Create(c).Error; err != nil {
		tb.Fatalf("create case: %v", err)
	}
	return a.ID, c.ID
}

func wantKind(tb testing.TB, what string, err error, want models.Kind) {
	tb.Helper()
	if got := models.ErrorKind(err); got != want {
		tb.Errorf("%s: kind %d (%v), want %d", what, got, err, want)
	}
}

// TestStoreTranslatesErrors: the store functions of the reports, library,
// conversion, attachments, tokens and settings turn a missing row into
// KindNotFound (or found = false), a duplicate into KindConflict and a
// stale version into KindConflict, on every database.
func TestStoreTranslatesErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		agencyID, caseID := mustAgencyAndCase(t, db)
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

		t.Run("report lock", func(t *testing.T) {
			if _, found, err := models.FindReportLock(ctx, db, 2025, agencyID); found || err != nil {
				t.Fatalf("FindReportLock before lock: found %v, err %v", found, err)
			}
			lock := models.ReportLock{Year: 2025, AgencyID: agencyID, LockedBy: 1, LockedAt: now, Snapshot: "{}"}
			if err := models.CreateReportLock(ctx, db, &lock); err != nil {
				t.Fatal(err)
			}
			if got, found, err := models.FindReportLock(ctx, db, 2025, agencyID); !found || err != nil || got.Snapshot != "{}" {
				t.Fatalf("FindReportLock after lock: %+v, found %v, err %v", got, found, err)
			}
			again := lock
			wantKind(t, "CreateReportLock twice", models.CreateReportLock(ctx, db, &again), models.KindConflict)
		})

		t.Run("typical case", func(t *testing.T) {
			_, err := models.FindTypicalCaseByID(ctx, db, 999)
			wantKind(t, "FindTypicalCaseByID", err, models.KindNotFound)
			_, err = models.FindTypicalCaseWithCase(ctx, db, 999)
			wantKind(t, "FindTypicalCaseWithCase", err, models.KindNotFound)
			wantKind(t, "DeleteTypicalCase", models.DeleteTypicalCase(ctx, db, 999), models.KindNotFound)
			tc := &models.TypicalCase{CaseID: caseID, Analysis: "分析", Version: 1}
			if err := models.CreateTypicalCase(ctx, db, tc); err != nil {
				t.Fatal(err)
			}
			wantKind(t, "CreateTypicalCase twice", models.CreateTypicalCase(ctx, db, &models.TypicalCase{CaseID: caseID, Analysis: "x", Version: 1}), models.KindConflict)
			stale := *tc
			if err := models.UpdateTypicalCase(ctx, db, tc, "a", "新的分析"); err != nil {
				t.Fatal(err)
			}
			wantKind(t, "UpdateTypicalCase stale", models.UpdateTypicalCase(ctx, db, &stale, "b", "旧的分析"), models.KindConflict)
			got, err := models.FindTypicalCaseWithCase(ctx, db, tc.ID)
			if err != nil || got.Version != 2 || got.Tags != "a" || got.Case == nil || got.Case.Agency == nil {
				t.Fatalf("FindTypicalCaseWithCase: %+v, %v", got, err)
			}
			if err := models.DeleteTypicalCase(ctx, db, tc.ID); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("answer template", func(t *testing.T) {
			_, err := models.FindAnswerTemplateByID(ctx, db, 99999)
			wantKind(t, "FindAnswerTemplateByID", err, models.KindNotFound)
			tpl := &models.AnswerTemplate{Topic: "测试", Outcome: "disclosed", Title: "标题", LegalBasis: "依据", Body: "正文", Active: true, Version: 1}
			if err := models.CreateAnswerTemplate(ctx, db, tpl); err != nil {
				t.Fatal(err)
			}
			stale := *tpl
			next := *tpl
			next.Title = "新标题"
			if err := models.UpdateAnswerTemplate(ctx, db, tpl, next); err != nil {
				t.Fatal(err)
			}
			wantKind(t, "UpdateAnswerTemplate stale", models.UpdateAnswerTemplate(ctx, db, &stale, next), models.KindConflict)
		})

		t.Run("conversion candidate", func(t *testing.T) {
			_, err := models.FindCandidateByID(ctx, db, 999)
			wantKind(t, "FindCandidateByID", err, models.KindNotFound)
			if _, found, err := models.FindCandidateByFingerprint(ctx, db, "fp"); found || err != nil {
				t.Fatalf("FindCandidateByFingerprint: found %v, err %v", found, err)
			}
			c := models.ConversionCandidate{AgencyID: agencyID, Kind: "group", Fingerprint: "fp", Title: "t", Status: "open", Version: 1}
			if ok, err := models.InsertCandidate(ctx, db, &c); !ok || err != nil {
				t.Fatalf("InsertCandidate: %v, %v", ok, err)
			}
			dup := models.ConversionCandidate{AgencyID: agencyID, Kind: "group", Fingerprint: "fp", Title: "t", Status: "open", Version: 1}
			if ok, err := models.InsertCandidate(ctx, db, &dup); ok || err != nil {
				t.Fatalf("InsertCandidate twice: inserted %v, err %v", ok, err)
			}
			ms := []models.CandidateMember{{CandidateID: c.ID, CaseID: caseID, Similarity: 0.7}}
			for range 2 { // the second run leaves the link as it is
				if err := models.AddCandidateMembers(ctx, db, ms); err != nil {
					t.Fatal(err)
				}
			}
			stale := c
			c.Status = "declined"
			if err := models.UpdateCandidateDecision(ctx, db, &c); err != nil || c.Version != 2 {
				t.Fatalf("UpdateCandidateDecision: version %d, %v", c.Version, err)
			}
			wantKind(t, "UpdateCandidateDecision stale", models.UpdateCandidateDecision(ctx, db, &stale), models.KindConflict)
			if stale.Version != 1 {
				t.Errorf("a stale update moved the version to %d", stale.Version)
			}
		})

		t.Run("blob", func(t *testing.T) {
			_, err := models.FindBlobData(ctx, db, "att/none")
			wantKind(t, "FindBlobData", err, models.KindNotFound)
			if err := models.CreateBlob(ctx, db, "att/x", []byte("x")); err != nil {
				t.Fatal(err)
			}
			wantKind(t, "CreateBlob twice", models.CreateBlob(ctx, db, "att/x", []byte("y")), models.KindConflict)
		})

		t.Run("refresh token", func(t *testing.T) {
			sys, err := models.FindUserByUsername(ctx, db, "system")
			if err != nil {
				t.Fatal(err)
			}
			rt := models.RefreshToken{UserID: sys.ID, FamilyID: "f", TokenHash: "h", ExpiresAt: now}
			if err := models.CreateRefreshToken(ctx, db, &rt); err != nil {
				t.Fatal(err)
			}
			again := models.RefreshToken{UserID: sys.ID, FamilyID: "g", TokenHash: "h", ExpiresAt: now}
			wantKind(t, "CreateRefreshToken twice", models.CreateRefreshToken(ctx, db, &again), models.KindConflict)
		})

		t.Run("setting", func(t *testing.T) {
			if _, found, err := models.FindSetting(ctx, db, "absent"); found || err != nil {
				t.Fatalf("FindSetting: found %v, err %v", found, err)
			}
			for _, v := range []string{`{"a":1}`, `{"a":2}`} { // the second replaces the first
				if err := models.SaveSetting(ctx, db, &models.Setting{Key: "k", Value: v, UpdatedAt: now}); err != nil {
					t.Fatal(err)
				}
			}
			if got, found, err := models.FindSetting(ctx, db, "k"); !found || err != nil || got.Value != `{"a":2}` {
				t.Fatalf("FindSetting: %+v, found %v, err %v", got, found, err)
			}
		})
	})
}
