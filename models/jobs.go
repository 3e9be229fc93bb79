package models

import (
	"time"
)

// Notification is an in-app message to one user.
type Notification struct {
	ID        uint `gorm:"primaryKey"`
	UserID    uint `gorm:"not null"`
	CaseID    *uint
	Kind      string `gorm:"size:48;not null"`
	Title     string `gorm:"size:255;not null"`
	Body      string `gorm:"type:text"`
	Link      string `gorm:"size:255"`
	ReadAt    *time.Time
	CreatedAt time.Time
}

// TableName keeps the table name stable.
func (Notification) TableName() string { return "notifications" }

// OutboxMessage is an e-mail or text message waiting to be sent; the
// delivery job retries it with backoff until it goes out.
type OutboxMessage struct {
	ID            uint   `gorm:"primaryKey"`
	Channel       string `gorm:"size:16;not null"`
	Recipient     string `gorm:"size:255;not null"`
	Subject       string `gorm:"size:255"`
	Body          string `gorm:"type:text;not null"`
	Attempts      int    `gorm:"not null"`
	NextAttemptAt time.Time
	SentAt        *time.Time
	LastError     string `gorm:"size:500"`
	// ClaimedUntil and ClaimedBy are a deliverer's lease on the row: no
	// other deliverer sends it before the lease runs out.
	ClaimedUntil *time.Time
	ClaimedBy    string `gorm:"size:64;not null;default:''"`
	CreatedAt    time.Time
}

// TableName keeps the table name stable.
func (OutboxMessage) TableName() string { return "outbox" }

// ReminderKey records that a reminder or automatic step happened, so that
// no job does it twice: (case, kind, threshold, due date).
type ReminderKey struct {
	Key       string `gorm:"primaryKey;size:160"`
	CaseID    uint
	CreatedAt time.Time
}

// JobRun is one run of a job.
type JobRun struct {
	ID         uint   `gorm:"primaryKey"`
	Job        string `gorm:"size:48;not null"`
	StartedAt  time.Time
	FinishedAt *time.Time
	AsOf       time.Time
	Status     string `gorm:"size:16;not null"`
	Counts     string `gorm:"type:text"`
	Error      string `gorm:"type:text"`
	Instance   string `gorm:"size:128"`
	Trigger    string `gorm:"size:16"`
	// LeaseUntil is extended while the run goes on; a running run whose
	// lease ran out belongs to a process that died.
	LeaseUntil *time.Time
}

// ConversionCandidate is information that may become proactive
// disclosure (Art 44), awaiting a supervisor's decision.
type ConversionCandidate struct {
	ID              uint `gorm:"primaryKey"`
	AgencyID        uint `gorm:"not null"`
	Agency          *Agency
	Kind            string `gorm:"size:16;not null"`
	Fingerprint     string `gorm:"size:128;not null"`
	Title           string `gorm:"size:255;not null"`
	Summary         string `gorm:"type:text"`
	Applicants      int
	Disclosed       bool
	Status          string `gorm:"size:16;not null"`
	DecidedBy       *uint
	DecidedAt       *time.Time
	PublicationDate string `gorm:"size:10"`
	PublicationURL  string `gorm:"size:500"`
	DeclineReason   string `gorm:"type:text"`
	Version         int    `gorm:"not null;default:1"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// CandidateMember links a candidate to a case.
type CandidateMember struct {
	CandidateID uint `gorm:"primaryKey;autoIncrement:false"`
	CaseID      uint `gorm:"primaryKey;autoIncrement:false"`
	Similarity  float64
}
