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

// CalendarYear records an administrator's confirmation that a year's
// working-day schedule follows the State Council's notice for it: with it
// (or with the notice listed in configs/holiday_notices.yaml) the year is
// official, without it provisional (decisions.md, "Working days").
type CalendarYear struct {
	Year         int    `gorm:"primaryKey;autoIncrement:false"`
	NoticeTitle  string `gorm:"size:255;not null"`
	NoticeNumber string `gorm:"size:64;not null"`
	NoticeDate   string `gorm:"size:10;not null"`
	ConfirmedBy  *uint
	ConfirmedAt  time.Time
}

// FindCalendarYears lists the confirmed years in order.
func FindCalendarYears(ctx context.Context, db *gorm.DB) ([]CalendarYear, error) {
	var ys []CalendarYear
	return ys, db.WithContext(ctx).Order("year").Find(&ys).Error
}

// CreateCalendarYear records a confirmation; a year confirmed before is a
// conflict.
func CreateCalendarYear(ctx context.Context, db *gorm.DB, y *CalendarYear) error {
	return translate(db.WithContext(ctx).Create(y).Error, M("该年度的节假日安排确认", "this year's confirmation"))
}
