package models

import (
	"context"
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

// FindDueOutbox lists up to limit unsent messages due at now that have
// attempts left, oldest due first.
func FindDueOutbox(ctx context.Context, db *gorm.DB, now time.Time, maxAttempts, limit int) ([]OutboxMessage, error) {
	var msgs []OutboxMessage
	err := db.WithContext(ctx).Where("sent_at IS NULL AND next_attempt_at <= ? AND attempts < ?", now, maxAttempts).
		Order("next_attempt_at, id").Limit(limit).Find(&msgs).Error
	return msgs, translate(err, outboxWhat)
}

// SaveOutboxMessage writes back a message after a delivery attempt.
func SaveOutboxMessage(ctx context.Context, db *gorm.DB, m *OutboxMessage) error {
	return translate(db.WithContext(ctx).Save(m).Error, outboxWhat)
}

// CreateJobRun records a run.
func CreateJobRun(ctx context.Context, db *gorm.DB, run *JobRun) error {
	return translate(db.WithContext(ctx).Create(run).Error, jobRunWhat)
}

// SaveJobRun writes back a finished run.
func SaveJobRun(ctx context.Context, db *gorm.DB, run *JobRun) error {
	return translate(db.WithContext(ctx).Save(run).Error, jobRunWhat)
}

// FindJobRuns lists the last runs of a job, newest first.
func FindJobRuns(ctx context.Context, db *gorm.DB, job string, limit int) ([]*JobRun, error) {
	var rs []*JobRun
	err := db.WithContext(ctx).Where("job = ?", job).Order("id DESC").Limit(limit).Find(&rs).Error
	return rs, translate(err, jobRunWhat)
}
