package models

import (
	"time"
)

// Status is where an application stands in the five stages of Art 45
// (登记、审核、办理、答复、归档).
type Status string

// Statuses.
const (
	StatusSubmitted           Status = "submitted" // awaiting receipt confirmation (Art 31)
	StatusRegistered          Status = "registered"
	StatusCorrectionRequested Status = "correction_requested"
	StatusHandling            Status = "handling"
	StatusAnswerReview        Status = "answer_review"
	StatusAnswered            Status = "answered"
	StatusClosed              Status = "closed" // withdrawn or abandoned, with the reason
	StatusArchived            Status = "archived"
)

// Statuses lists every status in stage order.
var Statuses = []Status{StatusSubmitted, StatusRegistered, StatusCorrectionRequested, StatusHandling,
	StatusAnswerReview, StatusAnswered, StatusClosed, StatusArchived}

// OpenStatuses are the statuses whose answer clock is running or paused.
var OpenStatuses = []Status{StatusSubmitted, StatusRegistered, StatusCorrectionRequested, StatusHandling, StatusAnswerReview}

// ParseStatus validates s.
func ParseStatus(s string) (Status, bool) {
	for _, st := range Statuses {
		if string(st) == s {
			return st, true
		}
	}
	return "", false
}

// IsOpen reports whether the case still awaits its answer.
func (s Status) IsOpen() bool {
	for _, o := range OpenStatuses {
		if s == o {
			return true
		}
	}
	return false
}

// Channel is how an application arrived (Art 28, 31).
type Channel string

// Channels.
const (
	ChannelInPerson       Channel = "in_person"
	ChannelRegisteredPost Channel = "registered_post"
	ChannelOrdinaryPost   Channel = "ordinary_post"
	ChannelFax            Channel = "fax"
	ChannelEmail          Channel = "email"
	ChannelOnline         Channel = "online"
)

// Channels lists every channel.
var Channels = []Channel{ChannelInPerson, ChannelRegisteredPost, ChannelOrdinaryPost, ChannelFax, ChannelEmail, ChannelOnline}

// ParseChannel validates s.
func ParseChannel(s string) (Channel, bool) {
	for _, c := range Channels {
		if string(c) == s {
			return c, true
		}
	}
	return "", false
}

// ClockState says whether the answer clock is running, for the cached
// clock columns.
type ClockState string

// Clock states.
const (
	ClockNotStarted         ClockState = "not_started" // awaiting receipt confirmation
	ClockRunning            ClockState = "running"
	ClockPaused             ClockState = "paused"
	ClockAwaitingCorrection ClockState = "awaiting_correction"
	ClockStopped            ClockState = "stopped" // concluded
)

// Case is one application for government information disclosure. The
// applicant's identity is copied onto it at submission, so later profile
// edits do not rewrite history. The clock columns (DueDate, Paused,
// FrozenRemaining, Extended) are a cache of the clock computed from
// ClockEvents, kept for sorting and filtering; responses always compute
// the clock afresh.
type Case struct {
	ID              uint `gorm:"primaryKey"`
	AgencyID        uint `gorm:"not null"`
	Agency          *Agency
	TrackingNumber  string `gorm:"size:32;not null;uniqueIndex"`
	Year            int    `gorm:"not null"`
	Seq             int    `gorm:"not null"`
	QueryCodeSealed []byte

	ApplicantID      *uint
	Applicant        *User         `gorm:"foreignKey:ApplicantID"`
	ApplicantType    ApplicantType `gorm:"size:16;not null"`
	ApplicantName    string        `gorm:"size:128;not null"`
	OrgCategory      OrgCategory   `gorm:"size:16"`
	IDType           IDType        `gorm:"size:16"`
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
	// ApplicantKey identifies the applicant across cases (user id, else the
	// keyed hash of the ID number or credit code) for Art 35 monthly counts,
	// fees and repeat detection.
	ApplicantKey string `gorm:"size:80;not null"`

	Title             string `gorm:"size:255;not null"`
	Description       string `gorm:"type:text;not null"`
	DocumentNumber    string `gorm:"size:128"`
	Purpose           string `gorm:"size:500"`
	Formats           string `gorm:"size:128"` // comma-separated Format values
	Delivery          string `gorm:"size:16"`
	AccessibilityHelp bool
	AccessibilityNote string `gorm:"size:500"`
	Oral              bool
	Channel           Channel `gorm:"size:24;not null"`
	ArrivedAt         time.Time
	ReceiptDate       string `gorm:"size:10"` // YYYY-MM-DD, the legal date of receipt (Art 31); empty until confirmed
	ReceiptYear       int

	Status     Status `gorm:"size:24;not null"`
	AssigneeID *uint
	Assignee   *User `gorm:"foreignKey:AssigneeID"`

	// Clock cache.
	DueDate         string     `gorm:"size:10"`
	ClockState      ClockState `gorm:"size:24"`
	Paused          bool
	FrozenRemaining int
	Extended        bool
	ClockEvents     string `gorm:"type:text;not null"` // JSON array of clock events

	// Pending decisions.
	ExtensionPending bool
	CorrectionCount  int

	// ElapsedWorkdays and OnTime are fixed at conclusion: working days
	// from receipt to answer, and whether it met its due date.
	ElapsedWorkdays int
	OnTime          bool

	Outcome       string `gorm:"size:64"` // annual-report row key once concluded
	ConcludedOn   string `gorm:"size:10"`
	ConcludedYear int
	Delivered     bool
	ArchiveNumber string `gorm:"size:64"`

	// State holds the case's other structured details (answer draft and
	// approval, delivery, archive, closure, counters) as versioned JSON;
	// app decodes it per schema version.
	State string `gorm:"type:text;not null"`
	// Correction and Extension are the case's correction request (Art 30)
	// and extension (Art 33), loaded with the case by FindCaseByID.
	Correction *CaseCorrection `gorm:"foreignKey:CaseID"`
	Extension  *CaseExtension  `gorm:"foreignKey:CaseID"`

	// Source says where the case came from: handled in Gongkai, or a
	// legacy case imported from the agency's register (台账), which is
	// read-only. ImportKey (the register row's key, unique per agency) and
	// ImportHash (the row's fingerprint) find it again when the same or a
	// corrected register is imported; both are empty for native cases.
	Source     CaseSource `gorm:"size:8;not null;default:native"`
	ImportID   *uint
	ImportKey  *string `gorm:"size:80"`
	ImportHash string  `gorm:"size:64;not null;default:''"`

	LastEventHash string `gorm:"size:64;not null"`
	EventCount    int    `gorm:"not null"`
	Version       int    `gorm:"not null;default:1"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// CaseSource is where a case came from.
type CaseSource string

// Case sources. A case read from the database always has one; a case
// built in memory without one is native (the column's default).
const (
	SourceNative CaseSource = "native"
	SourceImport CaseSource = "import"
)

// Imported reports whether the case is a legacy case imported from a
// register.
func (c *Case) Imported() bool { return c.Source == SourceImport }

// CaseEvent is one entry of a case's append-only, hash-chained timeline.
type CaseEvent struct {
	ID            uint `gorm:"primaryKey"`
	CaseID        uint `gorm:"not null;uniqueIndex:idx_case_events_seq,priority:1"`
	Seq           int  `gorm:"not null;uniqueIndex:idx_case_events_seq,priority:2"`
	At            time.Time
	ActorID       *uint
	ActorRole     Role `gorm:"size:16"`
	ActorAgencyID *uint
	ActorName     string `gorm:"size:128"`
	Action        string `gorm:"size:48;not null"`
	FromStatus    Status `gorm:"size:24"`
	ToStatus      Status `gorm:"size:24"`
	Public        bool
	Data          string `gorm:"type:text"`
	PrevHash      string `gorm:"size:64;not null"`
	Hash          string `gorm:"size:64;not null"`
}

// Notice is an official document produced by an outward step (接收回执,
// 补正告知书, 答复书 …), rendered as printable HTML and kept with the case.
type Notice struct {
	ID        uint `gorm:"primaryKey"`
	CaseID    uint `gorm:"not null;index"`
	EventSeq  int
	Kind      string `gorm:"size:48;not null"`
	Title     string `gorm:"size:128;not null"`
	DocNumber string `gorm:"size:64"`
	Recipient string `gorm:"size:128"`
	// Public notices are addressed to the applicant, who may open them.
	Public bool
	HTML   string `gorm:"type:text;not null"`
	// BodyHTML is the body as rendered, the input of the notice's PDF
	// versions (and of a reissue); Signer and IssuedOn are the agency name
	// and the date it is signed with. Empty on notices issued before PDFs.
	BodyHTML string `gorm:"type:text;not null;default:''"`
	Signer   string `gorm:"size:128;not null;default:''"`
	IssuedOn string `gorm:"size:10;not null;default:''"`
	// TemplateID is the agency's template version (TemplateVersion) that
	// produced the body; nil for the installation's template. TemplateSource
	// says which (builtin, installation, agency), TemplateSHA256 hashes its
	// text.
	TemplateID      *uint
	TemplateVersion int    `gorm:"not null;default:0"`
	TemplateSource  string `gorm:"size:16;not null;default:''"`
	TemplateSHA256  string `gorm:"size:64;not null;default:''"`
	CreatedAt       time.Time
}

// Counter hands out gap-free sequence numbers (tracking numbers, notice
// numbers) per scope, agency and year, inside the caller's transaction.
type Counter struct {
	Scope    string `gorm:"primaryKey;size:32"`
	AgencyID uint   `gorm:"primaryKey;autoIncrement:false"`
	Year     int    `gorm:"primaryKey;autoIncrement:false"`
	Value    int    `gorm:"not null"`
}

// Attachment is an uploaded file; its bytes live in the blob store.
type Attachment struct {
	ID          uint   `gorm:"primaryKey"`
	UploaderID  uint   `gorm:"not null;index"`
	CaseID      *uint  `gorm:"index"`
	Purpose     string `gorm:"size:32"`
	Filename    string `gorm:"size:255;not null"`
	ContentType string `gorm:"size:128;not null"`
	Size        int64  `gorm:"not null"`
	SHA256      string `gorm:"size:64;not null"`
	BlobKey     string `gorm:"size:80;not null"`
	CreatedAt   time.Time
}

// Blob is the database blob store's row.
type Blob struct {
	Key       string `gorm:"primaryKey;size:80"`
	Data      []byte `gorm:"not null"`
	CreatedAt time.Time
}

// Consultation is a third-party or inter-agency consultation (Arts 32,
// 34) or an assistance task (协办) given to another agency.
type Consultation struct {
	ID              uint               `gorm:"primaryKey"`
	CaseID          uint               `gorm:"not null;index"`
	Kind            ConsultationKind   `gorm:"size:24;not null"`
	PartyName       string             `gorm:"size:128;not null"`
	PartyAgencyID   *uint              `gorm:"index"`
	PartyAddress    string             `gorm:"size:255"`
	Question        string             `gorm:"type:text"`
	SentOn          string             `gorm:"size:10"`
	PartyReceivedOn string             `gorm:"size:10"`
	ReplyDue        string             `gorm:"size:10"`
	Status          ConsultationStatus `gorm:"size:16;not null"`
	Reply           ConsultationReply  `gorm:"size:24"`
	ReplyReason     string             `gorm:"type:text"`
	RepliedOn       string             `gorm:"size:10"`
	RepliedBy       *uint
	PauseID         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Remedy is an administrative reconsideration (行政复议) or lawsuit (行政诉讼)
// about a case (Art 51), feeding table 四 of the annual report.
type Remedy struct {
	ID        uint         `gorm:"primaryKey"`
	CaseID    uint         `gorm:"not null;index"`
	Kind      RemedyKind   `gorm:"size:32;not null"`
	FiledOn   string       `gorm:"size:10;not null"`
	Stage     string       `gorm:"size:128"`
	Result    RemedyResult `gorm:"size:16;not null"`
	DecidedOn string       `gorm:"size:10"`
	Note      string       `gorm:"type:text"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// IdempotencyKey remembers the case a keyed create request produced.
type IdempotencyKey struct {
	UserID      uint   `gorm:"primaryKey;autoIncrement:false"`
	Key         string `gorm:"primaryKey;size:128"`
	RequestHash string `gorm:"size:64;not null"`
	CaseID      uint   `gorm:"not null"`
	CreatedAt   time.Time
}

// Fee is an information-processing fee notice (国办函〔2020〕109号) and its
// payment. Amounts are whole yuan.
type Fee struct {
	ID            uint      `gorm:"primaryKey"`
	CaseID        uint      `gorm:"not null;index"`
	Method        FeeMethod `gorm:"size:16;not null"`
	Pages         int
	MonthCount    int // the applicant's applications this calendar month, this one included
	AmountPerApp  int
	AmountPerPage int
	Amount        int    `gorm:"not null"`
	NoticeOn      string `gorm:"size:10;not null"`
	ReceivedOn    string `gorm:"size:10;not null"` // the day the applicant received the notice
	DueOn         string `gorm:"size:10;not null"`
	PaidOn        string `gorm:"size:10"`
	PaidYear      int
	Status        FeeStatus `gorm:"size:16;not null"`
	PauseID       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}
