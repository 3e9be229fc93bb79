package models

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var settingWhat = M("设置", "setting")

// FindSetting loads the setting stored under key; found is false when
// none is stored.
func FindSetting(ctx context.Context, db *gorm.DB, key string) (Setting, bool, error) {
	var row Setting
	err := db.WithContext(ctx).Where("key = ?", key).First(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return Setting{}, false, nil
	case err != nil:
		return Setting{}, false, translate(err, settingWhat)
	}
	return row, true, nil
}

// SaveSetting inserts row or replaces the one stored under its key.
func SaveSetting(ctx context.Context, db *gorm.DB, row *Setting) error {
	return translate(db.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(row).Error, settingWhat)
}
