package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen copies of the foundation tables as of migration 1.

type agency0001 struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"size:128;uniqueIndex;not null"`
	ShortName string `gorm:"size:64;not null"`
	Code      string `gorm:"size:16;uniqueIndex;not null"`
	DocPrefix string `gorm:"size:64"`
	Address   string `gorm:"size:255"`
	Phone     string `gorm:"size:32"`
	Email     string `gorm:"size:128"`
	Active    bool   `gorm:"not null"`
	Version   int    `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (agency0001) TableName() string { return "agencies" }

type user0001 struct {
	ID               uint        `gorm:"primaryKey"`
	Username         string      `gorm:"size:64;uniqueIndex;not null"`
	PasswordHash     string      `gorm:"size:255;not null"`
	Role             string      `gorm:"size:16;not null;index"`
	AgencyID         *uint       `gorm:"index"`
	Agency           *agency0001 `gorm:"foreignKey:AgencyID"`
	DistrictWide     bool
	Active           bool   `gorm:"not null"`
	DisplayName      string `gorm:"size:128"`
	ApplicantType    string `gorm:"size:16"`
	IDType           string `gorm:"size:16"`
	IDNumberSealed   []byte
	IDNumberHash     string `gorm:"size:64;index"`
	IDNumberMasked   string `gorm:"size:32"`
	OrgCategory      string `gorm:"size:16"`
	CreditCodeSealed []byte
	CreditCodeHash   string `gorm:"size:64;index"`
	CreditCodeMasked string `gorm:"size:32"`
	LegalRep         string `gorm:"size:64"`
	ContactPerson    string `gorm:"size:64"`
	Phone            string `gorm:"size:32"`
	Email            string `gorm:"size:128"`
	Address          string `gorm:"size:255"`
	FailedLogins     int
	LockedUntil      *time.Time
	PasswordSetAt    time.Time
	Version          int `gorm:"not null;default:1"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (user0001) TableName() string { return "users" }

type refreshToken0001 struct {
	ID        uint      `gorm:"primaryKey"`
	UserID    uint      `gorm:"not null;index"`
	User      *user0001 `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
	FamilyID  string    `gorm:"size:64;not null;index"`
	TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

func (refreshToken0001) TableName() string { return "refresh_tokens" }

type auditEvent0001 struct {
	ID         uint      `gorm:"primaryKey"`
	ActorID    *uint     `gorm:"index"`
	ActorRole  string    `gorm:"size:16"`
	Action     string    `gorm:"size:64;not null;index"`
	ObjectType string    `gorm:"size:32;not null"`
	ObjectID   uint      `gorm:"index"`
	Data       string    `gorm:"type:text"`
	RequestID  string    `gorm:"size:64"`
	CreatedAt  time.Time `gorm:"index"`
}

func (auditEvent0001) TableName() string { return "audit_events" }

type calendarOverride0001 struct {
	Date      string `gorm:"primaryKey;size:10"`
	Workday   bool   `gorm:"not null"`
	Name      string `gorm:"size:64"`
	Reason    string `gorm:"size:255"`
	UpdatedBy *uint
	UpdatedAt time.Time
}

func (calendarOverride0001) TableName() string { return "calendar_overrides" }

func up0001(tx *gorm.DB) error {
	if err := createTables(tx, &agency0001{}, &user0001{}, &refreshToken0001{}, &auditEvent0001{}, &calendarOverride0001{}); err != nil {
		return err
	}
	// The jobs act as this user; it has no password and cannot log in.
	now := time.Now().UTC()
	return tx.Create(&user0001{Username: "system", PasswordHash: "!", Role: "system", Active: false,
		DisplayName: "系统", PasswordSetAt: now, Version: 1}).Error
}
