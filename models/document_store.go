package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// NoticeVersion is one issued PDF of a notice (its bytes in the blob
// store, its SHA-256 in the case's timeline). A reissue adds the next
// version; none is ever changed or removed.
type NoticeVersion struct {
	ID       uint   `gorm:"primaryKey"`
	NoticeID uint   `gorm:"not null"`
	Version  int    `gorm:"not null"`
	CaseID   uint   `gorm:"not null"`
	EventSeq int    `gorm:"not null"`
	BlobKey  string `gorm:"size:80;not null"`
	Size     int64  `gorm:"not null"`
	SHA256   string `gorm:"size:64;not null"`
	// Sealed: the agency's electronic seal is on it (SealSHA256 names the
	// seal image); Signed: it carries a PDF signature by SignerSubject.
	Sealed        bool   `gorm:"not null;default:false"`
	SealSHA256    string `gorm:"size:64;not null;default:''"`
	Signed        bool   `gorm:"not null;default:false"`
	SignerSubject string `gorm:"size:255;not null;default:''"`
	// Reason is why it was reissued ("" for the first version).
	Reason    string `gorm:"size:255;not null;default:''"`
	CreatedBy *uint
	CreatedAt time.Time
}

var noticeVersionWhat = M("文书的PDF版本", "notice PDF version")

// CreateNoticeVersion stores a new version; a version number taken by a
// concurrent reissue is a conflict.
func CreateNoticeVersion(ctx context.Context, db *gorm.DB, v *NoticeVersion) error {
	return translate(db.WithContext(ctx).Create(v).Error, noticeVersionWhat)
}

// FindNoticeVersions lists the versions of the notices ids, oldest first.
func FindNoticeVersions(ctx context.Context, db *gorm.DB, ids ...uint) ([]*NoticeVersion, error) {
	vs := []*NoticeVersion{}
	if len(ids) == 0 {
		return vs, nil
	}
	return vs, translate(db.WithContext(ctx).Where("notice_id IN ?", ids).Order("notice_id, version").Find(&vs).Error, noticeVersionWhat)
}

// FindCaseNoticeVersions lists the versions of every notice of a case.
func FindCaseNoticeVersions(ctx context.Context, db *gorm.DB, caseID uint) ([]*NoticeVersion, error) {
	vs := []*NoticeVersion{}
	return vs, translate(db.WithContext(ctx).Where("case_id = ?", caseID).Order("notice_id, version").Find(&vs).Error, noticeVersionWhat)
}

// FindNoticeVersion loads version n of a notice; n 0 is the latest.
func FindNoticeVersion(ctx context.Context, db *gorm.DB, noticeID uint, n int) (*NoticeVersion, error) {
	var v NoticeVersion
	q := db.WithContext(ctx).Where("notice_id = ?", noticeID)
	if n > 0 {
		q = q.Where("version = ?", n)
	}
	if err := q.Order("version DESC").First(&v).Error; err != nil {
		return nil, translate(err, noticeVersionWhat)
	}
	return &v, nil
}

// NoticeTemplate is one version of an agency's own body template of a
// notice kind; the highest version is in force.
type NoticeTemplate struct {
	ID        uint   `gorm:"primaryKey"`
	AgencyID  uint   `gorm:"not null"`
	Kind      string `gorm:"size:48;not null"`
	Version   int    `gorm:"not null"`
	Text      string `gorm:"type:text;not null"`
	SHA256    string `gorm:"size:64;not null"`
	Note      string `gorm:"size:255;not null;default:''"`
	CreatedBy *uint
	CreatedAt time.Time
}

var noticeTemplateWhat = M("文书模板", "notice template")

// CreateNoticeTemplate stores a new template version; a version number
// taken by a concurrent edit is a conflict.
func CreateNoticeTemplate(ctx context.Context, db *gorm.DB, t *NoticeTemplate) error {
	return translate(db.WithContext(ctx).Create(t).Error, noticeTemplateWhat)
}

// FindNoticeTemplate loads version n of an agency's template of kind; n 0
// is the one in force (the latest).
func FindNoticeTemplate(ctx context.Context, db *gorm.DB, agencyID uint, kind string, n int) (*NoticeTemplate, error) {
	var t NoticeTemplate
	q := db.WithContext(ctx).Where("agency_id = ? AND kind = ?", agencyID, kind)
	if n > 0 {
		q = q.Where("version = ?", n)
	}
	if err := q.Order("version DESC").First(&t).Error; err != nil {
		return nil, translate(err, noticeTemplateWhat)
	}
	return &t, nil
}

// FindNoticeTemplateVersions lists an agency's template versions without
// their text, newest first; kind "" lists every kind.
func FindNoticeTemplateVersions(ctx context.Context, db *gorm.DB, agencyID uint, kind string) ([]*NoticeTemplate, error) {
	ts := []*NoticeTemplate{}
	q := db.WithContext(ctx).Omit("text").Where("agency_id = ?", agencyID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	return ts, translate(q.Order("kind, version DESC").Find(&ts).Error, noticeTemplateWhat)
}

// AgencySeal is an agency's electronic seal (电子印章), a PNG with a
// transparent ground whose bytes are in the blob store.
type AgencySeal struct {
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

var sealWhat = M("电子印章", "seal")

// FindAgencySeal loads an agency's seal.
func FindAgencySeal(ctx context.Context, db *gorm.DB, agencyID uint) (*AgencySeal, error) {
	var s AgencySeal
	if err := db.WithContext(ctx).First(&s, "agency_id = ?", agencyID).Error; err != nil {
		return nil, translate(err, sealWhat)
	}
	return &s, nil
}

// CreateAgencySeal stores an agency's first seal; a concurrent upload
// that stored one first is a conflict.
func CreateAgencySeal(ctx context.Context, db *gorm.DB, s *AgencySeal) error {
	return translate(db.WithContext(ctx).Create(s).Error, sealWhat)
}

// UpdateAgencySeal replaces the seal if its version is unchanged and bumps
// the version.
func UpdateAgencySeal(ctx context.Context, db *gorm.DB, s *AgencySeal) error {
	return saveVersioned(ctx, db, s, &s.Version, sealWhat)
}

// DeleteAgencySeal removes an agency's seal row.
func DeleteAgencySeal(ctx context.Context, db *gorm.DB, agencyID uint) error {
	return translate(db.WithContext(ctx).Delete(&AgencySeal{}, "agency_id = ?", agencyID).Error, sealWhat)
}
