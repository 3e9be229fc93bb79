package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// AuditEvent records an administrative change outside a case's own
// timeline: who, when, what, and the data changed (never secrets).
type AuditEvent struct {
	ID         uint      `gorm:"primaryKey"`
	ActorID    *uint     `gorm:"index"`
	ActorRole  Role      `gorm:"size:16"`
	Action     string    `gorm:"size:64;not null;index"`
	ObjectType string    `gorm:"size:32;not null"`
	ObjectID   uint      `gorm:"index"`
	Data       string    `gorm:"type:text"`
	RequestID  string    `gorm:"size:64"`
	CreatedAt  time.Time `gorm:"index"`
}

// AppendAudit inserts an audit event (inside the caller's transaction).
func AppendAudit(ctx context.Context, db *gorm.DB, e *AuditEvent) error {
	return db.WithContext(ctx).Create(e).Error
}

// AuditFilter selects audit events.
type AuditFilter struct {
	ObjectType string
	ObjectID   uint
	Offset     int
	Limit      int
}

// FindAuditEvents lists audit events, newest first, with a total.
func FindAuditEvents(ctx context.Context, db *gorm.DB, f AuditFilter) ([]*AuditEvent, int, error) {
	q := db.WithContext(ctx).Model(&AuditEvent{})
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != 0 {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var es []*AuditEvent
	err := q.Order("id DESC").Offset(f.Offset).Limit(f.Limit).Find(&es).Error
	return es, int(total), err
}
