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
		// A second run continues the tracking numbers.
		if err := svc.Seed.Bulk(ctx, app.BulkOptions{Cases: 10, Years: 1, Seed: 8}); err != nil {
			t.Fatalf("second run: %v", err)
		}
	})
}
