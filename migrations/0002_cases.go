package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen copies of the case tables as of migration 2.

type case0002 struct {
	ID               uint        `gorm:"primaryKey"`
	AgencyID         uint        `gorm:"not null;index:idx_cases_agency_receipt,priority:1"`
	Agency           *agency0001 `gorm:"foreignKey:AgencyID"`
	TrackingNumber   string      `gorm:"size:32;not null;uniqueIndex"`
	Year             int         `gorm:"not null"`
	Seq              int         `gorm:"not null"`
	QueryCodeSealed  []byte
	ApplicantID      *uint     `gorm:"index:idx_cases_applicant,priority:1"`
	Applicant        *user0001 `gorm:"foreignKey:ApplicantID"`
	ApplicantType    string    `gorm:"size:16;not null"`
	ApplicantName    string    `gorm:"size:128;not null"`
	OrgCategory      string    `gorm:"size:16"`
	IDType           string    `gorm:"size:16"`
	IDNumberSealed   []byte
	IDNumberHash     string `gorm:"size:64"`
	IDNumberMasked   string `gorm:"size:32"`
	CreditCodeSealed []byte
	CreditCodeHash   string `gorm:"size:64"`
	CreditCodeMasked string `gorm:"size:32"`
	LegalRep         string `gorm:"size:64"`
	ContactPerson    string `gorm:"size:64"`
	Phone            string `gorm:"size:32"`
	Email            string `gorm:"size:128"`
	Address          string `gorm:"size:255"`
	ApplicantKey     string `gorm:"size:80;not null;index:idx_cases_applicant_key,priority:1"`

	Title             string `gorm:"size:255;not null"`
	Description       string `gorm:"type:text;not null"`
	DocumentNumber    string `gorm:"size:128"`
	Purpose           string `gorm:"size:500"`
	Formats           string `gorm:"size:128"`
	Delivery          string `gorm:"size:16"`
	AccessibilityHelp bool
	AccessibilityNote string `gorm:"size:500"`
	Oral              bool
	Channel           string `gorm:"size:24;not null"`
	ArrivedAt         time.Time
	ReceiptDate       string `gorm:"size:10;index:idx_cases_applicant_key,priority:2;index:idx_cases_agency_receipt,priority:2"`
	ReceiptYear       int    `gorm:"index:idx_cases_receipt_year"`

	Status     string    `gorm:"size:24;not null;index"`
	AssigneeID *uint     `gorm:"index"`
	Assignee   *user0001 `gorm:"foreignKey:AssigneeID"`

	DueDate         string `gorm:"size:10"`
	ClockState      string `gorm:"size:24"`
	Paused          bool
	FrozenRemaining int
	Extended        bool
	ClockEvents     string `gorm:"type:text;not null"`

	ExtensionPending bool
	CorrectionCount  int

	Outcome       string `gorm:"size:64"`
	ConcludedOn   string `gorm:"size:10"`
	ConcludedYear int    `gorm:"index:idx_cases_concluded_year"`
	Delivered     bool
	ArchiveNumber string `gorm:"size:64"`

	State string `gorm:"type:text;not null"`

	LastEventHash string    `gorm:"size:64;not null"`
	EventCount    int       `gorm:"not null"`
	Version       int       `gorm:"not null;default:1"`
	CreatedAt     time.Time `gorm:"index:idx_cases_applicant,priority:2"`
	UpdatedAt     time.Time
}

func (case0002) TableName() string { return "cases" }

type caseEvent0002 struct {
	ID            uint      `gorm:"primaryKey"`
	CaseID        uint      `gorm:"not null;uniqueIndex:idx_case_events_seq,priority:1"`
	Case          *case0002 `gorm:"foreignKey:CaseID"`
	Seq           int       `gorm:"not null;uniqueIndex:idx_case_events_seq,priority:2"`
	At            time.Time
	ActorID       *uint
	ActorRole     string `gorm:"size:16"`
	ActorAgencyID *uint
	ActorName     string `gorm:"size:128"`
	Action        string `gorm:"size:48;not null"`
	FromStatus    string `gorm:"size:24"`
	ToStatus      string `gorm:"size:24"`
	Public        bool
	Data          string `gorm:"type:text"`
	PrevHash      string `gorm:"size:64;not null"`
	Hash          string `gorm:"size:64;not null"`
}

func (caseEvent0002) TableName() string { return "case_events" }

type notice0002 struct {
	ID        uint      `gorm:"primaryKey"`
	CaseID    uint      `gorm:"not null;index"`
	Case      *case0002 `gorm:"foreignKey:CaseID"`
	EventSeq  int
	Kind      string `gorm:"size:48;not null"`
	Title     string `gorm:"size:128;not null"`
	DocNumber string `gorm:"size:64"`
	Recipient string `gorm:"size:128"`
	Public    bool
	HTML      string `gorm:"type:text;not null"`
	CreatedAt time.Time
}

func (notice0002) TableName() string { return "notices" }

type counter0002 struct {
	Scope    string `gorm:"primaryKey;size:32"`
	AgencyID uint   `gorm:"primaryKey;autoIncrement:false"`
	Year     int    `gorm:"primaryKey;autoIncrement:false"`
	Value    int    `gorm:"not null"`
}

func (counter0002) TableName() string { return "counters" }

type attachment0002 struct {
	ID          uint      `gorm:"primaryKey"`
	UploaderID  uint      `gorm:"not null;index"`
	Uploader    *user0001 `gorm:"foreignKey:UploaderID"`
	CaseID      *uint     `gorm:"index"`
	Case        *case0002 `gorm:"foreignKey:CaseID"`
	Purpose     string    `gorm:"size:32"`
	Filename    string    `gorm:"size:255;not null"`
	ContentType string    `gorm:"size:128;not null"`
	Size        int64     `gorm:"not null"`
	SHA256      string    `gorm:"size:64;not null"`
	BlobKey     string    `gorm:"size:80;not null"`
	CreatedAt   time.Time
}

func (attachment0002) TableName() string { return "attachments" }

type blob0002 struct {
	Key       string `gorm:"primaryKey;size:80"`
	Data      []byte `gorm:"not null"`
	CreatedAt time.Time
}

func (blob0002) TableName() string { return "blobs" }

type consultation0002 struct {
	ID              uint      `gorm:"primaryKey"`
	CaseID          uint      `gorm:"not null;index"`
	Case            *case0002 `gorm:"foreignKey:CaseID"`
	Kind            string    `gorm:"size:24;not null"`
	PartyName       string    `gorm:"size:128;not null"`
	PartyAgencyID   *uint     `gorm:"index:idx_consultations_party,priority:1"`
	PartyAddress    string    `gorm:"size:255"`
	Question        string    `gorm:"type:text"`
	SentOn          string    `gorm:"size:10"`
	PartyReceivedOn string    `gorm:"size:10"`
	ReplyDue        string    `gorm:"size:10"`
	Status          string    `gorm:"size:16;not null;index:idx_consultations_party,priority:2"`
	Reply           string    `gorm:"size:24"`
	ReplyReason     string    `gorm:"type:text"`
	RepliedOn       string    `gorm:"size:10"`
	RepliedBy       *uint
	PauseID         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (consultation0002) TableName() string { return "consultations" }

type remedy0002 struct {
	ID        uint      `gorm:"primaryKey"`
	CaseID    uint      `gorm:"not null;index"`
	Case      *case0002 `gorm:"foreignKey:CaseID"`
	Kind      string    `gorm:"size:32;not null"`
	FiledOn   string    `gorm:"size:10;not null"`
	Stage     string    `gorm:"size:128"`
	Result    string    `gorm:"size:16;not null"`
	DecidedOn string    `gorm:"size:10"`
	Note      string    `gorm:"type:text"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (remedy0002) TableName() string { return "remedies" }

type idempotencyKey0002 struct {
	UserID      uint   `gorm:"primaryKey;autoIncrement:false"`
	Key         string `gorm:"primaryKey;size:128"`
	RequestHash string `gorm:"size:64;not null"`
	CaseID      uint   `gorm:"not null"`
	CreatedAt   time.Time
}

func (idempotencyKey0002) TableName() string { return "idempotency_keys" }

type fee0002 struct {
	ID            uint      `gorm:"primaryKey"`
	CaseID        uint      `gorm:"not null;index"`
	Case          *case0002 `gorm:"foreignKey:CaseID"`
	Method        string    `gorm:"size:16;not null"`
	Pages         int
	MonthCount    int
	AmountPerApp  int
	AmountPerPage int
	Amount        int    `gorm:"not null"`
	NoticeOn      string `gorm:"size:10;not null"`
	ReceivedOn    string `gorm:"size:10;not null"`
	DueOn         string `gorm:"size:10;not null"`
	PaidOn        string `gorm:"size:10"`
	PaidYear      int    `gorm:"index"`
	Status        string `gorm:"size:16;not null"`
	PauseID       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (fee0002) TableName() string { return "fees" }

func up0002(tx *gorm.DB) error {
	if err := createTables(tx, &case0002{}, &caseEvent0002{}, &notice0002{}, &counter0002{}, &attachment0002{},
		&blob0002{}, &consultation0002{}, &remedy0002{}, &idempotencyKey0002{}, &fee0002{}); err != nil {
		return err
	}
	// The officer queue: open cases of an agency by due date. A partial
	// index keeps it small and the queue page fast at a million cases.
	return tx.Exec(`CREATE INDEX idx_cases_open_queue ON cases (agency_id, due_date, id)
		WHERE status IN ('submitted', 'registered', 'correction_requested', 'handling', 'answer_review')`).Error
}
