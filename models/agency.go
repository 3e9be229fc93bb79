package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Agency is an administrative organ (机关/部门) that answers applications.
type Agency struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"size:128;uniqueIndex;not null"`
	ShortName string `gorm:"size:64;not null"`
	// Code prefixes tracking numbers (ZFB-2026-00012).
	Code string `gorm:"size:16;uniqueIndex;not null"`
	// DocPrefix heads notice numbers, e.g. 莱芜区政府办 in 莱芜区政府办〔2026〕第12号.
	DocPrefix string `gorm:"size:64"`
	Address   string `gorm:"size:255"`
	Phone     string `gorm:"size:32"`
	// Email is where misdirected applications are referred (Art 36(5)).
	Email string `gorm:"size:128"`
	// ReconsiderationBody (复议机关) and Court are named in the remedy
	// clause of the agency's answers (行政复议法 2023 Arts 20, 23; 行政诉讼法
	// Art 46).
	ReconsiderationBody string `gorm:"size:128;not null;default:''"`
	Court               string `gorm:"size:128;not null;default:''"`
	Active              bool   `gorm:"not null"`
	Version             int    `gorm:"not null;default:1"`
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

var agencyWhat = M("机关", "agency")

// FindAgencyByID loads one agency.
func FindAgencyByID(ctx context.Context, db *gorm.DB, id uint) (*Agency, error) {
	var a Agency
	if err := db.WithContext(ctx).First(&a, id).Error; err != nil {
		return nil, translate(err, agencyWhat)
	}
	return &a, nil
}

// FindAgencies lists agencies by id; activeOnly hides inactive ones.
func FindAgencies(ctx context.Context, db *gorm.DB, activeOnly bool) ([]*Agency, error) {
	q := db.WithContext(ctx).Order("id")
	if activeOnly {
		q = q.Where("active = ?", true)
	}
	var as []*Agency
	return as, q.Find(&as).Error
}

// CreateAgency inserts a; a duplicate name or code is a conflict.
func CreateAgency(ctx context.Context, db *gorm.DB, a *Agency) error {
	return translate(db.WithContext(ctx).Create(a).Error, M("机关名称或代码", "agency name or code"))
}

// UpdateAgency saves a if its version is unchanged and bumps the version.
func UpdateAgency(ctx context.Context, db *gorm.DB, a *Agency) error {
	return saveVersioned(ctx, db, a, &a.Version, M("机关名称或代码", "agency name or code"))
}
