package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// TestJobHeartbeat: a run renews its lease while it goes on, and the lease
// stops moving once it has finished.
func TestJobHeartbeat(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		s := NewJobService(Deps{DB: db, Now: time.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		s.lease = 200 * time.Millisecond
		leaseOf := func() time.Time {
			t.Helper()
			runs, err := models.FindJobRuns(context.Background(), db, "slow", 1)
			if err != nil || len(runs) != 1 || runs[0].LeaseUntil == nil {
				t.Fatalf("runs %+v, %v", runs, err)
			}
			return *runs[0].LeaseUntil
		}
		var first, renewed time.Time
		run, err := s.Run(context.Background(), "slow", "test", func(context.Context) (JobResult, error) {
			first = leaseOf()
			time.Sleep(300 * time.Millisecond)
			renewed = leaseOf()
			return JobResult{"done": 1}, nil
		})
		if err != nil || run.Status != "ok" {
			t.Fatalf("run: %+v, %v", run, err)
		}
		if !renewed.After(first) {
			t.Fatalf("lease not renewed: %s, then %s", first, renewed)
		}
		time.Sleep(150 * time.Millisecond)
		if after := leaseOf(); after.After(renewed.Add(s.lease)) {
			t.Fatalf("lease renewed after the run: %s", after)
		}
	})
}
