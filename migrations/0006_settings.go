package migrations

import (
	"time"

	"gorm.io/gorm"
)

type setting0006 struct {
	Key       string `gorm:"primaryKey;size:64"`
	Value     string `gorm:"type:text;not null"`
	UpdatedBy *uint
	UpdatedAt time.Time
}

func (setting0006) TableName() string { return "settings" }

// up0006 adds the settings administrators may change online.
func up0006(tx *gorm.DB) error { return createTables(tx, &setting0006{}) }
