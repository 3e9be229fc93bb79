package models

import "time"

// ReportLock freezes a published annual report: its figures as published.
type ReportLock struct {
	Year      int  `gorm:"primaryKey;autoIncrement:false"`
	AgencyID  uint `gorm:"primaryKey;autoIncrement:false"`
	LockedBy  uint
	LockedAt  time.Time
	Snapshot  string `gorm:"type:text;not null"`
	CreatedAt time.Time
}

// TypicalCase marks a case as typical (典型案例) with tags and an analysis.
type TypicalCase struct {
	ID        uint `gorm:"primaryKey"`
	CaseID    uint `gorm:"not null"`
	Case      *Case
	Tags      string `gorm:"size:500"`
	Analysis  string `gorm:"type:text;not null"`
	MarkedBy  uint
	Version   int `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AnswerTemplate is an answer standard (答复标准): a text by topic, stage
// and outcome with its legal basis, which officers pick when drafting.
type AnswerTemplate struct {
	ID           uint   `gorm:"primaryKey"`
	Topic        string `gorm:"size:64;not null"`
	Stage        string `gorm:"size:64"`
	Outcome      string `gorm:"size:64;not null"`
	Title        string `gorm:"size:255;not null"`
	LegalBasis   string `gorm:"size:500;not null"`
	Body         string `gorm:"type:text;not null"`
	SourceCaseID *uint
	CreatedBy    *uint
	Active       bool `gorm:"not null"`
	Version      int  `gorm:"not null;default:1"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Setting is one online-editable setting, stored as JSON.
type Setting struct {
	Key       string `gorm:"primaryKey;size:64"`
	Value     string `gorm:"type:text;not null"`
	UpdatedBy *uint
	UpdatedAt time.Time
}
