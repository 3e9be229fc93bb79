package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/app"
	"gongkai/migrations/dbtest"
	"gongkai/models"
)

func newServices(t *testing.T, db *gorm.DB, now time.Time) *app.Services {
	t.Helper()
	cfg := testAppConfig(t)
	cfg.Notify = app.NotifyConfig{}
	svc, err := app.New(app.Deps{DB: db, Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Seed.Demo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestSeedBulk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		svc := newServices(t, db, time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC))
		if err := svc.Seed.Bulk(ctx, app.BulkOptions{Cases: 800, Years: 3, ExtraAgencies: 2, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		var n int64
		db.Model(&models.Case{}).Count(&n)
		if n != 800 {
			t.Fatalf("%d cases", n)
		}
		var open, concluded int64
		db.Model(&models.Case{}).Where("status IN ?", models.OpenStatuses).Count(&open)
		db.Model(&models.Case{}).Where("concluded_on <> ''").Count(&concluded)
		if open == 0 || concluded < 500 {
			t.Fatalf("open %d, concluded %d", open, concluded)
		}
		// The cases with consultations, fees and extensions read as any case
		// does.
		var detailed []uint
		db.Model(&models.Consultation{}).Limit(3).Pluck("case_id", &detailed)
		var more []uint
		db.Model(&models.Fee{}).Limit(3).Pluck("case_id", &more)
		detailed = append(detailed, more...)
		db.Model(&models.CaseExtension{}).Limit(3).Pluck("case_id", &more)
		detailed = append(detailed, more...)
		sup, err := models.FindUserByUsername(ctx, db, "demo-supervisor")
		if err != nil || len(detailed) < 5 {
			t.Fatalf("the district supervisor %v; %d detailed cases", err, len(detailed))
		}
		for _, id := range detailed {
			v, err := svc.Cases.Get(ctx, app.Actor{UserID: sup.ID, Role: sup.Role, AgencyID: *sup.AgencyID, DistrictWide: sup.DistrictWide}, id)
			if err != nil {
				t.Fatalf("case %d: %v", id, err)
			}
			if v.Case.ID != id {
				t.Fatalf("case %d read as %d", id, v.Case.ID)
			}
		}
		sys, _ := models.FindUserByUsername(ctx, db, "system")
		actor := app.SystemActor(sys.ID)
		var ids []uint
		db.Model(&models.Case{}).Order("id").Limit(800).Pluck("id", &ids)
		for i := 0; i < len(ids); i += 100 {
			id := ids[i]
			v, err := svc.Cases.VerifyEvents(ctx, actor, id)
			if err != nil || !v.Valid {
				t.Fatalf("case %d chain: %+v %v", id, v, err)
			}
		}
		// The cached clock agrees with a fresh computation.
		if changed, err := svc.Cases.RefreshClocks(ctx); err != nil || changed != 0 {
			t.Fatalf("refresh changed %d cached clocks (%v)", changed, err)
		}
		// A second run continues the tracking numbers (a recent, mostly
		// open load).
		if err := svc.Seed.Bulk(ctx, app.BulkOptions{Cases: 300, Days: 40, Seed: 8}); err != nil {
			t.Fatalf("second run: %v", err)
		}
		if changed, err := svc.Cases.RefreshClocks(ctx); err != nil || changed != 0 {
			t.Fatalf("after the second run, refresh changed %d cached clocks (%v)", changed, err)
		}
		// Every path has data: assignees, extensions approved and pending,
		// consultations, paid fees, applications awaiting confirmation.
		for what, q := range map[string]*gorm.DB{
			"assigned":              db.Model(&models.Case{}).Where("assignee_id IS NOT NULL"),
			"extended":              db.Model(&models.Case{}).Where("extended = ?", true),
			"extension pending":     db.Model(&models.Case{}).Where("extension_pending = ?", true),
			"awaiting confirmation": db.Model(&models.Case{}).Where("status = ?", models.StatusSubmitted),
			"consultations":         db.Model(&models.Consultation{}),
			"paid fees":             db.Model(&models.Fee{}).Where("status = ?", models.FeePaid),
		} {
			var k int64
			if err := q.Count(&k).Error; err != nil || k == 0 {
				t.Errorf("%s: %d (%v)", what, k, err)
			}
		}
	})
}
