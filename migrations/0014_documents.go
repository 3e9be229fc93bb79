package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// notice0014 is what migration 14 adds to notices: the body as rendered
// (the PDF's input, so that a reissue reproduces the content as issued),
// the agency name and date it was signed with, and the template that
// produced it — an agency's version (TemplateID) or the installation's
// file (TemplateSource builtin or installation), with the SHA-256 of its
// text.
type notice0014 struct {
	BodyHTML        string `gorm:"type:text;not null;default:''"`
	Signer          string `gorm:"size:128;not null;default:''"`
	IssuedOn        string `gorm:"size:10;not null;default:''"`
	TemplateID      *uint
	TemplateVersion int    `gorm:"not null;default:0"`
	TemplateSource  string `gorm:"size:16;not null;default:''"`
	TemplateSHA256  string `gorm:"size:64;not null;default:''"`
}

func (notice0014) TableName() string { return "notices" }

// noticeVersion0014 is one issued PDF of a notice, its bytes in the blob
// store. A reissue adds the next version; none is ever changed.
type noticeVersion0014 struct {
	ID            uint        `gorm:"primaryKey"`
	NoticeID      uint        `gorm:"not null;uniqueIndex:idx_notice_versions_version,priority:1"`
	Notice        *notice0002 `gorm:"foreignKey:NoticeID"`
	Version       int         `gorm:"not null;uniqueIndex:idx_notice_versions_version,priority:2"`
	CaseID        uint        `gorm:"not null;index"`
	EventSeq      int         `gorm:"not null"`
	BlobKey       string      `gorm:"size:80;not null;uniqueIndex"`
	Size          int64       `gorm:"not null"`
	SHA256        string      `gorm:"size:64;not null"`
	Sealed        bool        `gorm:"not null;default:false"`
	SealSHA256    string      `gorm:"size:64;not null;default:''"`
	Signed        bool        `gorm:"not null;default:false"`
	SignerSubject string      `gorm:"size:255;not null;default:''"`
	Reason        string      `gorm:"size:255;not null;default:''"`
	CreatedBy     *uint
	CreatedAt     time.Time
}

func (noticeVersion0014) TableName() string { return "notice_versions" }

// noticeTemplate0014 is one version of an agency's body template of a
// notice kind; the highest version is in force. Versions are never
// changed, so each notice can name the one that produced it.
type noticeTemplate0014 struct {
	ID        uint   `gorm:"primaryKey"`
	AgencyID  uint   `gorm:"not null;uniqueIndex:idx_notice_templates_version,priority:1"`
	Kind      string `gorm:"size:48;not null;uniqueIndex:idx_notice_templates_version,priority:2"`
	Version   int    `gorm:"not null;uniqueIndex:idx_notice_templates_version,priority:3"`
	Text      string `gorm:"type:text;not null"`
	SHA256    string `gorm:"size:64;not null"`
	Note      string `gorm:"size:255;not null;default:''"`
	CreatedBy *uint
	CreatedAt time.Time
}

func (noticeTemplate0014) TableName() string { return "notice_templates" }

// agencySeal0014 is an agency's electronic seal (电子印章): a PNG with a
// transparent ground, its bytes in the blob store.
type agencySeal0014 struct {
	AgencyID   uint   `gorm:"primaryKey;autoIncrement:false"`
	BlobKey    string `gorm:"size:80;not null"`
	SHA256     string `gorm:"size:64;not null"`
	Size       int64  `gorm:"not null"`
	Width      int    `gorm:"not null"`
	Height     int    `gorm:"not null"`
	Version    int    `gorm:"not null;default:1"`
	UploadedBy *uint
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (agencySeal0014) TableName() string { return "agency_seals" }

// up0014 keeps the documents an agency signs and seals (issue 6/10): the
// issued PDFs of every notice in versions, the agencies' own notice
// templates in versions, their seals, and on each notice its body and
// the template that produced it.
func up0014(tx *gorm.DB) error {
	for _, col := range []string{"BodyHTML", "Signer", "IssuedOn", "TemplateID", "TemplateVersion", "TemplateSource", "TemplateSHA256"} {
		if err := tx.Migrator().AddColumn(&notice0014{}, col); err != nil {
			return fmt.Errorf("add notices.%s: %w", col, err)
		}
	}
	return createTables(tx, &noticeVersion0014{}, &noticeTemplate0014{}, &agencySeal0014{})
}
