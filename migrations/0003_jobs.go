package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen copies of the tables of the jobs, notifications and conversion
// review as of migration 3.

type notification0003 struct {
	ID        uint      `gorm:"primaryKey"`
	UserID    uint      `gorm:"not null;index:idx_notifications_user,priority:1"`
	User      *user0001 `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
	CaseID    *uint
	Kind      string     `gorm:"size:48;not null"`
	Title     string     `gorm:"size:255;not null"`
	Body      string     `gorm:"type:text"`
	Link      string     `gorm:"size:255"`
	ReadAt    *time.Time `gorm:"index:idx_notifications_user,priority:2"`
	CreatedAt time.Time
}

func (notification0003) TableName() string { return "notifications" }

type outbox0003 struct {
	ID            uint       `gorm:"primaryKey"`
	Channel       string     `gorm:"size:16;not null"` // email, sms
	Recipient     string     `gorm:"size:255;not null"`
	Subject       string     `gorm:"size:255"`
	Body          string     `gorm:"type:text;not null"`
	Attempts      int        `gorm:"not null"`
	NextAttemptAt time.Time  `gorm:"index:idx_outbox_due,priority:2"`
	SentAt        *time.Time `gorm:"index:idx_outbox_due,priority:1"`
	LastError     string     `gorm:"size:500"`
	CreatedAt     time.Time
}

func (outbox0003) TableName() string { return "outbox" }

type reminderKey0003 struct {
	Key       string `gorm:"primaryKey;size:160"`
	CaseID    uint   `gorm:"index"`
	CreatedAt time.Time
}

func (reminderKey0003) TableName() string { return "reminder_keys" }

type jobRun0003 struct {
	ID         uint      `gorm:"primaryKey"`
	Job        string    `gorm:"size:48;not null;index:idx_job_runs_job,priority:1"`
	StartedAt  time.Time `gorm:"index:idx_job_runs_job,priority:2"`
	FinishedAt *time.Time
	AsOf       time.Time
	Status     string `gorm:"size:16;not null"` // running, ok, error, skipped
	Counts     string `gorm:"type:text"`
	Error      string `gorm:"type:text"`
	Instance   string `gorm:"size:128"`
	Trigger    string `gorm:"size:16"` // schedule, startup, manual, cli
}

func (jobRun0003) TableName() string { return "job_runs" }

type conversionCandidate0003 struct {
	ID              uint        `gorm:"primaryKey"`
	AgencyID        uint        `gorm:"not null;index:idx_candidates_agency,priority:1"`
	Agency          *agency0001 `gorm:"foreignKey:AgencyID"`
	Kind            string      `gorm:"size:16;not null"` // group, suggestion, disclosed
	Fingerprint     string      `gorm:"size:128;not null;uniqueIndex"`
	Title           string      `gorm:"size:255;not null"`
	Summary         string      `gorm:"type:text"`
	Applicants      int
	Disclosed       bool
	Status          string `gorm:"size:16;not null;index:idx_candidates_agency,priority:2"` // open, converted, declined
	DecidedBy       *uint
	DecidedAt       *time.Time
	PublicationDate string `gorm:"size:10"`
	PublicationURL  string `gorm:"size:500"`
	DeclineReason   string `gorm:"type:text"`
	Version         int    `gorm:"not null;default:1"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (conversionCandidate0003) TableName() string { return "conversion_candidates" }

type candidateMember0003 struct {
	CandidateID uint                     `gorm:"primaryKey;autoIncrement:false"`
	Candidate   *conversionCandidate0003 `gorm:"foreignKey:CandidateID;constraint:OnDelete:CASCADE"`
	CaseID      uint                     `gorm:"primaryKey;autoIncrement:false;index"`
	Case        *case0002                `gorm:"foreignKey:CaseID"`
	Similarity  float64
}

func (candidateMember0003) TableName() string { return "candidate_members" }

func up0003(tx *gorm.DB) error {
	if err := createTables(tx, &notification0003{}, &outbox0003{}, &reminderKey0003{}, &jobRun0003{}, &conversionCandidate0003{}, &candidateMember0003{}); err != nil {
		return err
	}
	// The deadline sweep reads open cases in id order.
	return tx.Exec(`CREATE INDEX idx_cases_open_id ON cases (id) WHERE status IN ('submitted', 'registered', 'correction_requested', 'handling', 'answer_review')`).Error
}
