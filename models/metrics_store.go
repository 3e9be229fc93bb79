package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// JobRunCount counts one job's runs with one status.
type JobRunCount struct {
	Job    string
	Status string
	N      int64
}

// CountJobRuns counts the recorded job runs by job and status.
func CountJobRuns(ctx context.Context, db *gorm.DB) ([]JobRunCount, error) {
	var rows []JobRunCount
	err := db.WithContext(ctx).Model(&JobRun{}).Select("job, status, COUNT(*) AS n").Group("job, status").Order("job, status").Scan(&rows).Error
	return rows, translate(err, M("任务记录", "job run"))
}

// FindLastSuccessfulRuns returns each job's latest successful run.
func FindLastSuccessfulRuns(ctx context.Context, db *gorm.DB) ([]JobRun, error) {
	var runs []JobRun
	latest := db.Model(&JobRun{}).Select("job, MAX(id) AS id").Where("status = ?", "ok").Group("job")
	err := db.WithContext(ctx).Model(&JobRun{}).Joins("JOIN (?) AS latest ON latest.id = job_runs.id", latest).Order("job_runs.job").Find(&runs).Error
	return runs, translate(err, M("任务记录", "job run"))
}

// OutboxStats are the outbox's messages by state.
type OutboxStats struct {
	// Pending awaits a (first or further) attempt; Failed was given up
	// after maxAttempts; Sent went out.
	Pending, Failed, Sent int64
	// OldestPending is when the oldest pending message was queued (zero
	// when none is).
	OldestPending time.Time
}

// CountOutbox counts the outbox's messages by state; a message that failed
// maxAttempts times counts as failed.
func CountOutbox(ctx context.Context, db *gorm.DB, maxAttempts int) (OutboxStats, error) {
	var row struct {
		Pending, Failed, Sent int64
	}
	err := db.WithContext(ctx).Model(&OutboxMessage{}).Select(`
		SUM(CASE WHEN sent_at IS NULL AND attempts < ? THEN 1 ELSE 0 END) AS pending,
		SUM(CASE WHEN sent_at IS NULL AND attempts >= ? THEN 1 ELSE 0 END) AS failed,
		SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent`, maxAttempts, maxAttempts).Scan(&row).Error
	if err != nil {
		return OutboxStats{}, translate(err, M("待发消息", "outbox message"))
	}
	st := OutboxStats{Pending: row.Pending, Failed: row.Failed, Sent: row.Sent}
	var oldest []OutboxMessage
	err = db.WithContext(ctx).Select("id, created_at").Where("sent_at IS NULL AND attempts < ?", maxAttempts).Order("id").Limit(1).Find(&oldest).Error
	if err != nil {
		return OutboxStats{}, translate(err, M("待发消息", "outbox message"))
	}
	if len(oldest) == 1 {
		st.OldestPending = oldest[0].CreatedAt
	}
	return st, nil
}
