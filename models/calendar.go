package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// CalendarOverride is an administrator's override of the working-day
// calendar for one date.
type CalendarOverride struct {
	Date      string `gorm:"primaryKey;size:10"`
	Workday   bool   `gorm:"not null"`
	Name      string `gorm:"size:64"`
	Reason    string `gorm:"size:255"`
	UpdatedBy *uint
	UpdatedAt time.Time
}

// FindCalendarOverrides lists every stored override by date.
func FindCalendarOverrides(ctx context.Context, db *gorm.DB) ([]CalendarOverride, error) {
	var os []CalendarOverride
	return os, db.WithContext(ctx).Order("date").Find(&os).Error
}

// ReplaceCalendarOverrides stores exactly rows (inside the caller's
// transaction).
func ReplaceCalendarOverrides(ctx context.Context, db *gorm.DB, rows []CalendarOverride) error {
	if err := db.WithContext(ctx).Where("1 = 1").Delete(&CalendarOverride{}).Error; err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	return db.WithContext(ctx).Create(&rows).Error
}
