package models_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// TestClaimOutboxConcurrently: many deliverers claiming at once claim
// every due message exactly once; a claim in force is passed over and an
// expired one is taken again, on every database.
func TestClaimOutboxConcurrently(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)
		var ms []models.OutboxMessage
		for i := 0; i < 200; i++ {
			ms = append(ms, models.OutboxMessage{Channel: "email", Recipient: fmt.Sprintf("u%d@example.com", i), Subject: "s", Body: "b", NextAttemptAt: now, CreatedAt: now})
		}
		ms = append(ms, models.OutboxMessage{Channel: "email", Recipient: "later@example.com", Body: "b", NextAttemptAt: now.Add(time.Hour), CreatedAt: now},
			models.OutboxMessage{Channel: "email", Recipient: "spent@example.com", Body: "b", Attempts: 12, NextAttemptAt: now, CreatedAt: now})
		if err := models.CreateOutboxMessages(ctx, db, ms); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		claimed := map[uint]string{}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				me := fmt.Sprintf("deliverer-%d", w)
				for {
					got, err := models.ClaimOutbox(ctx, db, now, now.Add(15*time.Minute), me, 12, 3)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, m := range got {
						if other, ok := claimed[m.ID]; ok {
							t.Errorf("message %d claimed by %s and %s", m.ID, other, me)
						}
						claimed[m.ID] = me
						if m.ClaimedBy != me || m.Attempts != 1 {
							t.Errorf("claimed row %+v", m)
						}
					}
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		if len(claimed) != 200 {
			t.Fatalf("%d claimed, want the 200 due", len(claimed))
		}
		// In force: nothing to claim. Released: claimable again later.
		if got, err := models.ClaimOutbox(ctx, db, now.Add(time.Minute), now.Add(16*time.Minute), "late", 12, 500); err != nil || len(got) != 0 {
			t.Fatalf("claims in force taken: %d, %v", len(got), err)
		}
		if err := models.ReleaseOutbox(ctx, db, ms[0].ID, "someone else", "x", now); err != nil {
			t.Fatal(err)
		}
		if err := models.ReleaseOutbox(ctx, db, ms[1].ID, claimed[ms[1].ID], "refused", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := models.MarkOutboxSent(ctx, db, ms[2].ID, now); err != nil {
			t.Fatal(err)
		}
		got, err := models.ClaimOutbox(ctx, db, now.Add(2*time.Minute), now.Add(17*time.Minute), "retry", 12, 500)
		if err != nil || len(got) != 1 || got[0].ID != ms[1].ID || got[0].Attempts != 2 || got[0].LastError != "refused" {
			t.Fatalf("after a release: %+v, %v", got, err)
		}
		// Expired: everything unsent and due is claimable again (all but the
		// one sent).
		got, err = models.ClaimOutbox(ctx, db, now.Add(20*time.Minute), now.Add(35*time.Minute), "after", 12, 500)
		if err != nil || len(got) != 199 {
			t.Fatalf("after the leases ran out: %d, %v", len(got), err)
		}
		for i := 1; i < len(got); i++ {
			a, b := got[i-1], got[i]
			if a.NextAttemptAt.After(b.NextAttemptAt) || a.NextAttemptAt.Equal(b.NextAttemptAt) && a.ID > b.ID {
				t.Fatalf("not in due order: %d before %d", a.ID, b.ID)
			}
		}
	})
}
