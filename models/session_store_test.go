package models_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// TestReserveLoginAttempt: the counter's state machine, alike for an
// account and for a name that is none: limit attempts are granted, the
// last of them locks, a locked counter refuses until the lock ends,
// failures older than the window are forgotten, and a success clears the
// account's count.
func TestReserveLoginAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		u := &models.User{Username: "counted", PasswordHash: "x", Role: models.RoleApplicant, Active: true}
		if err := models.CreateUser(ctx, db, u); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 10, 9, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
		for _, target := range []models.LoginTarget{{UserID: u.ID}, {NameHash: "no-such-name"}} {
			checkLoginCounter(t, db, target, now)
		}
		if err := models.ClearLoginFailures(ctx, db, u.ID); err != nil {
			t.Fatal(err)
		}
		if a, _ := models.ReserveLoginAttempt(ctx, db, models.LoginTarget{UserID: u.ID}, 3, now.Add(32*time.Minute), 15*time.Minute, 15*time.Minute); a.Failures != 1 {
			t.Fatalf("after a success: %+v", a)
		}
		if err := models.PruneLoginThrottles(ctx, db, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		var n int64
		db.Model(&models.LoginThrottle{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d throttle rows after pruning", n)
		}
	})
}

// checkLoginCounter runs one counter (limit 3, window and lock 15
// minutes) through its states.
func checkLoginCounter(t *testing.T, db *gorm.DB, target models.LoginTarget, now time.Time) {
	t.Helper()
	reserve := func(at time.Time) models.LoginAttempt {
		t.Helper()
		a, err := models.ReserveLoginAttempt(context.Background(), db, target, 3, at, 15*time.Minute, 15*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for i := 1; i <= 3; i++ {
		if a := reserve(now); !a.Granted || a.Failures != i {
			t.Fatalf("%+v attempt %d: %+v", target, i, a)
		}
	}
	if a := reserve(now.Add(time.Minute)); a.Granted || !a.LockedUntil.Equal(now.Add(15*time.Minute)) {
		t.Fatalf("%+v while locked: %+v", target, a)
	}
	if a := reserve(now.Add(15 * time.Minute)); !a.Granted || a.Failures != 1 {
		t.Fatalf("%+v when the lock ends: %+v", target, a)
	}
	if a := reserve(now.Add(31 * time.Minute)); !a.Granted || a.Failures != 1 {
		t.Fatalf("%+v after the window: %+v", target, a)
	}
}

// BenchmarkFindSessionState is the read every authenticated request adds
// (the session generation check): one primary-key read.
func BenchmarkFindSessionState(b *testing.B) {
	for _, be := range dbtest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			db := be.Open(b)
			ctx := context.Background()
			u := &models.User{Username: "bench", PasswordHash: "x", Role: models.RoleApplicant, Active: true}
			if err := models.CreateUser(ctx, db, u); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := models.FindSessionState(ctx, db, u.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
