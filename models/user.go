package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Role is what a user may do. It is enforced on the server for every route.
type Role string

// Roles. RoleSystem is the jobs' own user; it cannot log in.
const (
	RoleApplicant  Role = "applicant"
	RoleOfficer    Role = "officer"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
	RoleSystem     Role = "system"
)

// ParseRole accepts the four roles a person can hold.
func ParseRole(s string) (Role, bool) {
	switch r := Role(s); r {
	case RoleApplicant, RoleOfficer, RoleSupervisor, RoleAdmin:
		return r, true
	}
	return "", false
}

// IsStaff reports whether the role works inside an agency.
func (r Role) IsStaff() bool { return r == RoleOfficer || r == RoleSupervisor }

// ApplicantType is the annual report's first split (Art 27): a natural
// person or a legal person / other organisation.
type ApplicantType string

// Applicant types.
const (
	ApplicantNatural      ApplicantType = "natural"
	ApplicantOrganization ApplicantType = "organization"
)

// ParseApplicantType validates s.
func ParseApplicantType(s string) (ApplicantType, bool) {
	switch t := ApplicantType(s); t {
	case ApplicantNatural, ApplicantOrganization:
		return t, true
	}
	return "", false
}

// IDType is the kind of identity document of a natural person.
type IDType string

// Identity document kinds.
const (
	IDResident IDType = "resident_id"
	IDPassport IDType = "passport"
	IDOther    IDType = "other"
)

// ParseIDType validates s.
func ParseIDType(s string) (IDType, bool) {
	switch t := IDType(s); t {
	case IDResident, IDPassport, IDOther:
		return t, true
	}
	return "", false
}

// OrgCategory is the annual report's column for an organisation (国办公开办函〔2021〕30号).
type OrgCategory string

// Organisation categories, one per annual-report column.
const (
	OrgCommercial    OrgCategory = "commercial"
	OrgResearch      OrgCategory = "research"
	OrgPublicWelfare OrgCategory = "public_welfare"
	OrgLegalService  OrgCategory = "legal_service"
	OrgOther         OrgCategory = "other"
)

// ParseOrgCategory validates s.
func ParseOrgCategory(s string) (OrgCategory, bool) {
	switch c := OrgCategory(s); c {
	case OrgCommercial, OrgResearch, OrgPublicWelfare, OrgLegalService, OrgOther:
		return c, true
	}
	return "", false
}

// Language is the language a user reads notifications and e-mail in.
type Language string

// Languages. Chinese is the default.
const (
	LanguageZH Language = "zh-CN"
	LanguageEN Language = "en"
)

// ParseLanguage validates s.
func ParseLanguage(s string) (Language, bool) {
	switch l := Language(s); l {
	case LanguageZH, LanguageEN:
		return l, true
	}
	return "", false
}

// User is an account: an applicant, agency staff, or an administrator.
// Identity numbers are stored sealed (AES-GCM) with a keyed hash for exact
// lookup and a masked copy for display (个人信息保护法).
type User struct {
	ID           uint   `gorm:"primaryKey"`
	Username     string `gorm:"size:64;uniqueIndex;not null"`
	PasswordHash string `gorm:"size:255;not null"`
	Role         Role   `gorm:"size:16;not null;index"`
	AgencyID     *uint  `gorm:"index"`
	Agency       *Agency
	// DistrictWide lets a supervisor see every agency.
	DistrictWide bool
	Active       bool   `gorm:"not null"`
	DisplayName  string `gorm:"size:128"`

	ApplicantType    ApplicantType `gorm:"size:16"`
	IDType           IDType        `gorm:"size:16"`
	IDNumberSealed   []byte
	IDNumberHash     string      `gorm:"size:64;index"`
	IDNumberMasked   string      `gorm:"size:32"`
	OrgCategory      OrgCategory `gorm:"size:16"`
	CreditCodeSealed []byte
	CreditCodeHash   string `gorm:"size:64;index"`
	CreditCodeMasked string `gorm:"size:32"`
	LegalRep         string `gorm:"size:64"`
	ContactPerson    string `gorm:"size:64"`
	Phone            string `gorm:"size:32"`
	Email            string `gorm:"size:128"`
	Address          string `gorm:"size:255"`
	// Language is what notifications and e-mail to the user are written in.
	Language Language `gorm:"size:8;not null;default:'zh-CN'"`

	// FailedLogins, LastFailedLoginAt and LockedUntil are the lockout's
	// count (ReserveLoginAttempt); SessionGeneration is carried in the
	// access tokens and bumped to end them (BumpSessionGeneration). Only
	// those functions write them: UpdateUser leaves them alone, so a
	// stale copy of the row cannot undo a count or revive a token.
	FailedLogins      int
	LastFailedLoginAt *time.Time
	LockedUntil       *time.Time
	SessionGeneration int `gorm:"not null;default:1"`
	PasswordSetAt     time.Time
	Version           int `gorm:"not null;default:1"`
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

var userWhat = M("用户", "user")

// FindUserByID loads a user with its agency.
func FindUserByID(ctx context.Context, db *gorm.DB, id uint) (*User, error) {
	var u User
	err := db.WithContext(ctx).Preload("Agency").First(&u, id).Error
	if err != nil {
		return nil, translate(err, userWhat)
	}
	return &u, nil
}

// FindUserByUsername loads a user by its case-insensitive username.
func FindUserByUsername(ctx context.Context, db *gorm.DB, username string) (*User, error) {
	var u User
	err := db.WithContext(ctx).Preload("Agency").Where("username = ?", strings.ToLower(username)).First(&u).Error
	if err != nil {
		return nil, translate(err, userWhat)
	}
	return &u, nil
}

// UserFilter selects users for the admin list.
type UserFilter struct {
	Role     Role
	AgencyID uint
	Query    string
	Active   *bool
	Offset   int
	Limit    int
}

// FindUsers lists users with a total count.
func FindUsers(ctx context.Context, db *gorm.DB, f UserFilter) ([]*User, int, error) {
	q := db.WithContext(ctx).Model(&User{}).Where("role <> ?", RoleSystem)
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.AgencyID != 0 {
		q = q.Where("agency_id = ?", f.AgencyID)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.Query != "" {
		like := "%" + EscapeLike(strings.ToLower(f.Query)) + "%"
		q = q.Where("(username LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? ESCAPE '\\')", like, like)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var users []*User
	err := q.Preload("Agency").Order("id").Offset(f.Offset).Limit(f.Limit).Find(&users).Error
	return users, int(total), err
}

// CreateUser inserts u; a taken username is a conflict.
func CreateUser(ctx context.Context, db *gorm.DB, u *User) error {
	u.Username = strings.ToLower(u.Username)
	return translate(db.WithContext(ctx).Create(u).Error, M("用户名", "username"))
}

// UpdateUser saves u if its version is unchanged and bumps the version.
// The lockout's count and the session generation are not written.
func UpdateUser(ctx context.Context, db *gorm.DB, u *User) error {
	return saveVersioned(ctx, db, u, &u.Version, userWhat, "Agency", "FailedLogins", "LastFailedLoginAt", "LockedUntil", "SessionGeneration")
}

// EscapeLike escapes LIKE wildcards in user input (used with ESCAPE '\\').
func EscapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
