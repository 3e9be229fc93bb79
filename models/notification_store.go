package models

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"
)

var (
	notificationWhat = M("通知", "notification")
	outboxWhat       = M("待发消息", "outbox message")
	jobRunWhat       = M("任务运行记录", "job run")
)

// Recipient is what sending a user a notification needs.
type Recipient struct {
	ID       uint
	Email    string
	Active   bool
	Language Language
}

// FindRecipients loads the given users' addresses, state and language, by
// id; unknown ids are absent.
func FindRecipients(ctx context.Context, db *gorm.DB, ids []uint) (map[uint]Recipient, error) {
	out := map[uint]Recipient{}
	for start := 0; start < len(ids); start += 500 {
		var rs []Recipient
		err := db.WithContext(ctx).Model(&User{}).Select("id, email, active, language").Where("id IN ?", ids[start:min(start+500, len(ids))]).Find(&rs).Error
		if err != nil {
			return nil, translate(err, userWhat)
		}
		for _, r := range rs {
			out[r.ID] = r
		}
	}
	return out, nil
}

// CreateNotifications inserts in-app notifications in batches.
func CreateNotifications(ctx context.Context, db *gorm.DB, ns []Notification) error {
	if len(ns) == 0 {
		return nil
	}
	return translate(db.WithContext(ctx).CreateInBatches(ns, 500).Error, notificationWhat)
}

// CreateOutboxMessages queues messages for delivery, in batches.
func CreateOutboxMessages(ctx context.Context, db *gorm.DB, ms []OutboxMessage) error {
	if len(ms) == 0 {
		return nil
	}
	return translate(db.WithContext(ctx).CreateInBatches(ms, 500).Error, outboxWhat)
}

// FindNotifications lists a user's notifications, unread first, newest
// first, with their total.
func FindNotifications(ctx context.Context, db *gorm.DB, userID uint, unreadOnly bool, offset, limit int) ([]*Notification, int, error) {
	q := db.WithContext(ctx).Model(&Notification{}).Where("user_id = ?", userID)
	if unreadOnly {
		q = q.Where("read_at IS NULL")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, translate(err, notificationWhat)
	}
	var items []*Notification
	err := q.Order("CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC").Offset(offset).Limit(limit).Find(&items).Error
	return items, int(total), translate(err, notificationWhat)
}

// CountUnreadNotifications counts a user's unread notifications.
func CountUnreadNotifications(ctx context.Context, db *gorm.DB, userID uint) (int, error) {
	var c int64
	err := db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&c).Error
	return int(c), translate(err, notificationWhat)
}

// MarkNotificationRead marks one of a user's notifications read at at; one
// that is not the user's is KindNotFound, one already read stays as it was.
func MarkNotificationRead(ctx context.Context, db *gorm.DB, userID, id uint, at time.Time) error {
	res := db.WithContext(ctx).Model(&Notification{}).Where("id = ? AND user_id = ?", id, userID).
		Where("read_at IS NULL").Update("read_at", at)
	if res.Error != nil {
		return translate(res.Error, notificationWhat)
	}
	if res.RowsAffected == 0 {
		var c int64
		if err := db.WithContext(ctx).Model(&Notification{}).Where("id = ? AND user_id = ?", id, userID).Count(&c).Error; err != nil {
			return translate(err, notificationWhat)
		}
		if c == 0 {
			return NotFound(notificationWhat)
		}
	}
	return nil
}

// MarkAllNotificationsRead marks every unread notification of a user read.
func MarkAllNotificationsRead(ctx context.Context, db *gorm.DB, userID uint, at time.Time) error {
	err := db.WithContext(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Update("read_at", at).Error
	return translate(err, notificationWhat)
}

// ClaimOutbox leases to claimant, until until, up to limit unsent
// messages due at now that have attempts left and no lease in force, oldest
// due first, and counts the attempt. A deliverer sends only what it
// claimed, so two deliverers never send one message twice; a message whose
// deliverer died is claimed again once its lease has run out. On
// PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED (concurrent claims
// pass each other by); SQLite has one writer.
func ClaimOutbox(ctx context.Context, db *gorm.DB, now, until time.Time, claimant string, maxAttempts, limit int) ([]OutboxMessage, error) {
	lock := ""
	if DialectOf(db) == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var msgs []OutboxMessage
	// The outer WHERE repeats the claim's conditions: a row another claim
	// took while this one waited for it is rechecked and passed over.
	const claimable = "sent_at IS NULL AND next_attempt_at <= @now AND attempts < @max AND (claimed_until IS NULL OR claimed_until <= @now)"
	err := db.WithContext(ctx).Raw(`UPDATE outbox SET claimed_until = @until, claimed_by = @claimant, attempts = attempts + 1
		WHERE `+claimable+` AND id IN (SELECT id FROM outbox WHERE `+claimable+` ORDER BY next_attempt_at, id LIMIT @limit`+lock+`)
		RETURNING *`, map[string]any{"until": until, "claimant": claimant, "now": now, "max": maxAttempts, "limit": limit}).Scan(&msgs).Error
	if err != nil {
		return nil, translate(err, outboxWhat)
	}
	sort.Slice(msgs, func(i, j int) bool {
		if !msgs[i].NextAttemptAt.Equal(msgs[j].NextAttemptAt) {
			return msgs[i].NextAttemptAt.Before(msgs[j].NextAttemptAt)
		}
		return msgs[i].ID < msgs[j].ID
	})
	return msgs, nil
}

// MarkOutboxSent records that a message went out at at and ends its lease.
func MarkOutboxSent(ctx context.Context, db *gorm.DB, id uint, at time.Time) error {
	err := db.WithContext(ctx).Model(&OutboxMessage{}).Where("id = ? AND sent_at IS NULL", id).
		Updates(map[string]any{"sent_at": at, "last_error": "", "claimed_until": nil, "claimed_by": ""}).Error
	return translate(err, outboxWhat)
}

// ReleaseOutbox records a failed attempt of claimant's and ends its lease:
// the message is retried from next. A claim lost meanwhile (the lease ran
// out and another deliverer took the message) is left to its new holder.
func ReleaseOutbox(ctx context.Context, db *gorm.DB, id uint, claimant, lastError string, next time.Time) error {
	err := db.WithContext(ctx).Model(&OutboxMessage{}).Where("id = ? AND claimed_by = ? AND sent_at IS NULL", id, claimant).
		Updates(map[string]any{"last_error": lastError, "next_attempt_at": next, "claimed_until": nil, "claimed_by": ""}).Error
	return translate(err, outboxWhat)
}

// CreateJobRun records a run.
func CreateJobRun(ctx context.Context, db *gorm.DB, run *JobRun) error {
	return translate(db.WithContext(ctx).Create(run).Error, jobRunWhat)
}

// SaveJobRun writes back a finished run.
func SaveJobRun(ctx context.Context, db *gorm.DB, run *JobRun) error {
	return translate(db.WithContext(ctx).Save(run).Error, jobRunWhat)
}

// ExtendJobRunLease moves the lease of a running run to until (its
// heartbeat).
func ExtendJobRunLease(ctx context.Context, db *gorm.DB, id uint, until time.Time) error {
	err := db.WithContext(ctx).Model(&JobRun{}).Where("id = ? AND status = ?", id, "running").Update("lease_until", until).Error
	return translate(err, jobRunWhat)
}

// ReapJobRuns ends as interrupted, at now, the runs of job still marked
// running whose lease ran out before now: their process died. A run
// without a lease was started by a release without heartbeats; the caller
// holds the job's lock, so it is not running either. It returns how many
// it ended.
func ReapJobRuns(ctx context.Context, db *gorm.DB, job string, now time.Time) (int, error) {
	res := db.WithContext(ctx).Model(&JobRun{}).Where("job = ? AND status = ? AND (lease_until IS NULL OR lease_until < ?)", job, "running", now).
		Updates(map[string]any{"status": "interrupted", "finished_at": now, "error": "the process running the job stopped before it finished (no heartbeat)"})
	return int(res.RowsAffected), translate(res.Error, jobRunWhat)
}

// FindJobRuns lists the last runs of a job, newest first.
func FindJobRuns(ctx context.Context, db *gorm.DB, job string, limit int) ([]*JobRun, error) {
	var rs []*JobRun
	err := db.WithContext(ctx).Where("job = ?", job).Order("id DESC").Limit(limit).Find(&rs).Error
	return rs, translate(err, jobRunWhat)
}
