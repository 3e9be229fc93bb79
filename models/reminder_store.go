package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

var reminderKeyWhat = M("提醒记录", "reminder key")

// reminderKeyBatch bounds a statement's parameters (SQLite allows 32766,
// PostgreSQL 65535).
const reminderKeyBatch = 500

// FindReminderKeys returns those of keys already recorded.
func FindReminderKeys(ctx context.Context, db *gorm.DB, keys []string) ([]string, error) {
	var have []string
	for start := 0; start < len(keys); start += reminderKeyBatch {
		var part []string
		err := db.WithContext(ctx).Model(&ReminderKey{}).Where("key IN ?", keys[start:min(start+reminderKeyBatch, len(keys))]).Pluck("key", &part).Error
		if err != nil {
			return nil, translate(err, reminderKeyWhat)
		}
		have = append(have, part...)
	}
	return have, nil
}

// NewReminderKey is a reminder key to record, with the case it is about (0
// for none).
type NewReminderKey struct {
	Key    string
	CaseID uint
}

// InsertReminderKeys records keys at now and returns those this call
// inserted: a key another runner recorded first is skipped, so that runner
// alone sends its reminder. Batches of 300 rows keep each statement within
// the databases' parameter limits.
func InsertReminderKeys(ctx context.Context, db *gorm.DB, keys []NewReminderKey, now time.Time) ([]string, error) {
	var inserted []string
	for start := 0; start < len(keys); start += 300 {
		part := keys[start:min(start+300, len(keys))]
		var sb strings.Builder
		args := make([]any, 0, 3*len(part))
		sb.WriteString("INSERT INTO reminder_keys (key, case_id, created_at) VALUES ")
		for i, k := range part {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?)")
			args = append(args, k.Key, k.CaseID, now)
		}
		sb.WriteString(" ON CONFLICT DO NOTHING RETURNING key")
		var got []string
		if err := db.WithContext(ctx).Raw(sb.String(), args...).Scan(&got).Error; err != nil {
			return nil, translate(err, reminderKeyWhat)
		}
		inserted = append(inserted, got...)
	}
	return inserted, nil
}

// FindActiveAdminIDs lists the active administrators, by id.
func FindActiveAdminIDs(ctx context.Context, db *gorm.DB) ([]uint, error) {
	var ids []uint
	err := db.WithContext(ctx).Model(&User{}).Where("role = ? AND active = ?", RoleAdmin, true).Order("id").Pluck("id", &ids).Error
	return ids, translate(err, userWhat)
}

// FindActiveStaffIDs lists the active users of an agency in a role, by id.
func FindActiveStaffIDs(ctx context.Context, db *gorm.DB, agencyID uint, role Role) ([]uint, error) {
	var ids []uint
	err := db.WithContext(ctx).Model(&User{}).Where("agency_id = ? AND role = ? AND active = ?", agencyID, role, true).Order("id").Pluck("id", &ids).Error
	return ids, translate(err, userWhat)
}

// FindConsultationsDueBetween lists the open consultations and assistance
// tasks whose reply is due from from to to (YYYY-MM-DD, inclusive).
func FindConsultationsDueBetween(ctx context.Context, db *gorm.DB, from, to string) ([]Consultation, error) {
	var cs []Consultation
	err := db.WithContext(ctx).Where("status = ? AND reply_due >= ? AND reply_due <= ?", ConsultOpen, from, to).Find(&cs).Error
	return cs, translate(err, M("征求意见", "consultation"))
}

// FindCasesForReminders loads what a reminder names and whom it tells of
// the given cases: agency, assignee, tracking number, title and status.
func FindCasesForReminders(ctx context.Context, db *gorm.DB, ids []uint) ([]Case, error) {
	var ks []Case
	if len(ids) == 0 {
		return ks, nil
	}
	err := db.WithContext(ctx).Select("id, agency_id, assignee_id, tracking_number, title, status").Where("id IN ?", ids).Find(&ks).Error
	return ks, translate(err, caseWhat)
}
