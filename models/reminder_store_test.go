package models_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// TestReminderAndNotificationStore: reminder keys are inserted once (the
// second insert of a key reports nothing, across the batch boundary), chain
// heads are written in one statement, and a notification that is not the
// user's is KindNotFound, on every database.
func TestReminderAndNotificationStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		_, caseID := mustAgencyAndCase(t, db)
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

		var keys []models.NewReminderKey
		for i := 0; i < 301; i++ {
			keys = append(keys, models.NewReminderKey{Key: fmt.Sprintf("k:%03d", i), CaseID: caseID})
		}
		got, err := models.InsertReminderKeys(ctx, db, keys[:2], now)
		if err != nil || len(got) != 2 {
			t.Fatalf("first insert: %v, %v", got, err)
		}
		got, err = models.InsertReminderKeys(ctx, db, keys, now)
		if err != nil || len(got) != 299 {
			t.Fatalf("second insert: %d inserted, %v", len(got), err)
		}
		have, err := models.FindReminderKeys(ctx, db, []string{"k:000", "k:300", "nope"})
		sort.Strings(have)
		if err != nil || !cmp.Equal(have, []string{"k:000", "k:300"}) {
			t.Fatalf("FindReminderKeys: %v, %v", have, err)
		}

		c := &models.Case{ID: caseID, EventCount: 3, LastEventHash: "h3"}
		if err := models.SaveChainHeads(ctx, db, []*models.Case{c}); err != nil {
			t.Fatal(err)
		}
		back, err := models.FindCaseByID(ctx, db, caseID)
		if err != nil || back.EventCount != 3 || back.LastEventHash != "h3" || back.Version != 1 {
			t.Fatalf("chain head: %+v, %v", back, err)
		}

		ns := []models.Notification{{UserID: 1, Kind: "k", Title: "t", CreatedAt: now}}
		if err := models.CreateNotifications(ctx, db, ns); err != nil {
			t.Fatal(err)
		}
		items, total, err := models.FindNotifications(ctx, db, 1, true, 0, 10)
		if err != nil || total != 1 || len(items) != 1 {
			t.Fatalf("FindNotifications: %d %v", total, err)
		}
		wantKind(t, "MarkNotificationRead of another user's", models.MarkNotificationRead(ctx, db, 2, items[0].ID, now), models.KindNotFound)
		if err := models.MarkNotificationRead(ctx, db, 1, items[0].ID, now); err != nil {
			t.Fatal(err)
		}
		if err := models.MarkNotificationRead(ctx, db, 1, items[0].ID, now); err != nil {
			t.Fatalf("read twice: %v", err)
		}
		if n, err := models.CountUnreadNotifications(ctx, db, 1); n != 0 || err != nil {
			t.Fatalf("unread %d, %v", n, err)
		}
	})
}
