package models

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var caseWhat = M("申请", "application")

// FindCaseByID loads a case with its agency and assignee.
func FindCaseByID(ctx context.Context, db *gorm.DB, id uint) (*Case, error) {
	var c Case
	// One query: the agency, the assignee, the correction and the
	// extension come by LEFT JOIN.
	err := db.WithContext(ctx).Joins("Agency").Joins("Assignee").Joins("Correction").Joins("Extension").Where("cases.id = ?", id).First(&c).Error
	if err != nil {
		return nil, translate(err, caseWhat)
	}
	return &c, nil
}

// FindCaseByTrackingNumber loads a case by its tracking number.
func FindCaseByTrackingNumber(ctx context.Context, db *gorm.DB, tn string) (*Case, error) {
	var c Case
	err := db.WithContext(ctx).Joins("Agency").Joins("Correction").Where("tracking_number = ?", strings.ToUpper(strings.TrimSpace(tn))).First(&c).Error
	if err != nil {
		return nil, translate(err, caseWhat)
	}
	return &c, nil
}

// SaveCase writes every column of c if its version is unchanged, bumping
// the version (optimistic locking). A stale version is a conflict.
func SaveCase(ctx context.Context, db *gorm.DB, c *Case) error {
	return saveVersioned(ctx, db, c, &c.Version, caseWhat, "Agency", "Assignee", "Applicant", "Correction", "Extension")
}

// NextCounter returns the next value of a gap-free counter inside the
// caller's transaction: concurrent transactions queue on the counter row,
// and a rollback returns the number.
func NextCounter(ctx context.Context, db *gorm.DB, scope string, agencyID uint, year int) (int, error) {
	c := Counter{Scope: scope, AgencyID: agencyID, Year: year, Value: 1}
	err := db.WithContext(ctx).Clauses(
		clause.OnConflict{
			Columns:   []clause.Column{{Name: "scope"}, {Name: "agency_id"}, {Name: "year"}},
			DoUpdates: clause.Assignments(map[string]any{"value": gorm.Expr("counters.value + 1")}),
		},
		clause.Returning{Columns: []clause.Column{{Name: "value"}}},
	).Create(&c).Error
	return c.Value, translate(err, M("编号", "counter"))
}

// AppendCaseEvent inserts a timeline event. Two writers racing for the
// same sequence number means the case changed under one of them: a stale
// version.
func AppendCaseEvent(ctx context.Context, db *gorm.DB, e *CaseEvent) error {
	err := db.WithContext(ctx).Create(e).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return StaleVersion()
	}
	return translate(err, M("时间线事件", "timeline event"))
}

// FindCaseEvents lists a case's timeline in order; publicOnly hides
// internal events.
func FindCaseEvents(ctx context.Context, db *gorm.DB, caseID uint, publicOnly bool) ([]*CaseEvent, error) {
	q := db.WithContext(ctx).Where("case_id = ?", caseID)
	if publicOnly {
		q = q.Where("public = ?", true)
	}
	var es []*CaseEvent
	return es, translate(q.Order("seq").Find(&es).Error, caseWhat)
}

// FindConsultations lists a case's consultations and assistance tasks.
func FindConsultations(ctx context.Context, db *gorm.DB, caseID uint) ([]*Consultation, error) {
	var cs []*Consultation
	return cs, translate(db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&cs).Error, consultationWhat)
}

// FindFees lists a case's fee notices.
func FindFees(ctx context.Context, db *gorm.DB, caseID uint) ([]*Fee, error) {
	var fs []*Fee
	return fs, translate(db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&fs).Error, feeWhat)
}

// FindRemedies lists a case's reconsiderations and lawsuits.
func FindRemedies(ctx context.Context, db *gorm.DB, caseID uint) ([]*Remedy, error) {
	var rs []*Remedy
	return rs, translate(db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&rs).Error, remedyWhat)
}

// FindNotices lists a case's notices; publicOnly keeps those addressed to
// the applicant.
func FindNotices(ctx context.Context, db *gorm.DB, caseID uint, publicOnly bool) ([]*Notice, error) {
	q := db.WithContext(ctx).Omit("html", "body_html").Where("case_id = ?", caseID)
	if publicOnly {
		q = q.Where("public = ?", true)
	}
	var ns []*Notice
	return ns, translate(q.Order("id").Find(&ns).Error, M("文书", "notice"))
}

// FindNoticeByID loads one notice with its HTML.
func FindNoticeByID(ctx context.Context, db *gorm.DB, id uint) (*Notice, error) {
	var n Notice
	if err := db.WithContext(ctx).First(&n, id).Error; err != nil {
		return nil, translate(err, M("文书", "notice"))
	}
	return &n, nil
}

// FindAttachmentsByIDs loads attachments by id.
func FindAttachmentsByIDs(ctx context.Context, db *gorm.DB, ids []uint) ([]*Attachment, error) {
	as := []*Attachment{}
	if len(ids) == 0 {
		return as, nil
	}
	return as, translate(db.WithContext(ctx).Where("id IN ?", ids).Order("id").Find(&as).Error, attachmentWhat)
}

// FindCaseAttachments lists the attachments linked to a case.
func FindCaseAttachments(ctx context.Context, db *gorm.DB, caseID uint) ([]*Attachment, error) {
	var as []*Attachment
	return as, translate(db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&as).Error, attachmentWhat)
}

// FindAttachmentByID loads one attachment.
func FindAttachmentByID(ctx context.Context, db *gorm.DB, id uint) (*Attachment, error) {
	var a Attachment
	if err := db.WithContext(ctx).First(&a, id).Error; err != nil {
		return nil, translate(err, M("附件", "attachment"))
	}
	return &a, nil
}

// CreateCase inserts a new case (its agency, assignee and applicant are
// not written).
func CreateCase(ctx context.Context, db *gorm.DB, c *Case) error {
	return translate(db.WithContext(ctx).Omit("Agency", "Assignee", "Applicant", "Correction", "Extension").Create(c).Error, caseWhat)
}

// SaveChainHead writes a case's event count and last event hash (its
// timeline's head) without touching the version.
func SaveChainHead(ctx context.Context, db *gorm.DB, c *Case) error {
	return translate(db.WithContext(ctx).Model(c).Select("event_count", "last_event_hash").Updates(c).Error, caseWhat)
}

// FindCaseVersion returns a case's current version (0 when it does not
// exist).
func FindCaseVersion(ctx context.Context, db *gorm.DB, id uint) (int, error) {
	var v int
	err := db.WithContext(ctx).Model(&Case{}).Select("version").Where("id = ?", id).Scan(&v).Error
	return v, translate(err, caseWhat)
}

// CountApplicantMonth counts the applications of an applicant to an agency
// received from from to to (YYYY-MM-DD, inclusive), up to and including
// case maxID (109号 Art 4; Art 35).
func CountApplicantMonth(ctx context.Context, db *gorm.DB, applicantKey string, agencyID uint, from, to string, maxID uint) (int, error) {
	var n int64
	err := db.WithContext(ctx).Model(&Case{}).
		Where("applicant_key = ? AND agency_id = ? AND receipt_date >= ? AND receipt_date <= ? AND id <= ?", applicantKey, agencyID, from, to, maxID).
		Count(&n).Error
	return int(n), translate(err, caseWhat)
}

// FindEarlierApplications lists up to limit earlier applications of an
// applicant to an agency received since since (for repeat hints, Art
// 36(6)), newest first, with their text.
func FindEarlierApplications(ctx context.Context, db *gorm.DB, applicantKey string, agencyID, beforeID uint, since string, limit int) ([]*Case, error) {
	var out []*Case
	err := db.WithContext(ctx).Select("id, tracking_number, title, description, status, outcome, receipt_date").
		Where("applicant_key = ? AND agency_id = ? AND id < ? AND receipt_date >= ?", applicantKey, agencyID, beforeID, since).
		Order("id DESC").Limit(limit).Find(&out).Error
	return out, translate(err, caseWhat)
}

// CreateIdempotencyKey remembers the case a keyed request created; a key
// used before is a conflict.
func CreateIdempotencyKey(ctx context.Context, db *gorm.DB, k *IdempotencyKey) error {
	return translate(db.WithContext(ctx).Create(k).Error, M("幂等键", "Idempotency-Key"))
}

// FindIdempotencyKey loads a user's idempotency key; found is false when
// the key is new.
func FindIdempotencyKey(ctx context.Context, db *gorm.DB, userID uint, key string) (k IdempotencyKey, found bool, err error) {
	res := db.WithContext(ctx).Where("user_id = ? AND key = ?", userID, key).Limit(1).Find(&k)
	return k, res.RowsAffected > 0, translate(res.Error, M("幂等键", "Idempotency-Key"))
}

// CreateNotice stores an issued notice.
func CreateNotice(ctx context.Context, db *gorm.DB, n *Notice) error {
	return translate(db.WithContext(ctx).Create(n).Error, M("文书", "notice"))
}

// FindLapsedFees lists the fees still awaiting payment whose period ended
// before today (109号: deemed abandoned).
func FindLapsedFees(ctx context.Context, db *gorm.DB, today string) ([]Fee, error) {
	var fees []Fee
	err := db.WithContext(ctx).Where("status = ? AND due_on < ?", FeePending, today).Order("id").Find(&fees).Error
	return fees, translate(err, feeWhat)
}

// FindLapsedConsultations lists the open third-party and agency
// consultations whose reply period ended before today (Arts 32, 34).
func FindLapsedConsultations(ctx context.Context, db *gorm.DB, today string) ([]Consultation, error) {
	var cs []Consultation
	err := db.WithContext(ctx).Where("status = ? AND kind IN ? AND reply_due < ?", ConsultOpen, []ConsultationKind{ConsultThirdParty, ConsultAgency}, today).
		Order("id").Find(&cs).Error
	return cs, translate(err, consultationWhat)
}
