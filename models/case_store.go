package models

import (
	"context"
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
	return c.Value, err
}

// AppendCaseEvent inserts a timeline event.
func AppendCaseEvent(ctx context.Context, db *gorm.DB, e *CaseEvent) error {
	return db.WithContext(ctx).Create(e).Error
}

// FindCaseEvents lists a case's timeline in order; publicOnly hides
// internal events.
func FindCaseEvents(ctx context.Context, db *gorm.DB, caseID uint, publicOnly bool) ([]*CaseEvent, error) {
	q := db.WithContext(ctx).Where("case_id = ?", caseID)
	if publicOnly {
		q = q.Where("public = ?", true)
	}
	var es []*CaseEvent
	return es, q.Order("seq").Find(&es).Error
}

// FindConsultations lists a case's consultations and assistance tasks.
func FindConsultations(ctx context.Context, db *gorm.DB, caseID uint) ([]*Consultation, error) {
	var cs []*Consultation
	return cs, db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&cs).Error
}

// FindFees lists a case's fee notices.
func FindFees(ctx context.Context, db *gorm.DB, caseID uint) ([]*Fee, error) {
	var fs []*Fee
	return fs, db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&fs).Error
}

// FindRemedies lists a case's reconsiderations and lawsuits.
func FindRemedies(ctx context.Context, db *gorm.DB, caseID uint) ([]*Remedy, error) {
	var rs []*Remedy
	return rs, db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&rs).Error
}

// FindNotices lists a case's notices; publicOnly keeps those addressed to
// the applicant.
func FindNotices(ctx context.Context, db *gorm.DB, caseID uint, publicOnly bool) ([]*Notice, error) {
	q := db.WithContext(ctx).Omit("html").Where("case_id = ?", caseID)
	if publicOnly {
		q = q.Where("public = ?", true)
	}
	var ns []*Notice
	return ns, q.Order("id").Find(&ns).Error
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
	if len(ids) == 0 {
		return nil, nil
	}
	var as []*Attachment
	return as, db.WithContext(ctx).Where("id IN ?", ids).Order("id").Find(&as).Error
}

// FindCaseAttachments lists the attachments linked to a case.
func FindCaseAttachments(ctx context.Context, db *gorm.DB, caseID uint) ([]*Attachment, error) {
	var as []*Attachment
	return as, db.WithContext(ctx).Where("case_id = ?", caseID).Order("id").Find(&as).Error
}

// FindAttachmentByID loads one attachment.
func FindAttachmentByID(ctx context.Context, db *gorm.DB, id uint) (*Attachment, error) {
	var a Attachment
	if err := db.WithContext(ctx).First(&a, id).Error; err != nil {
		return nil, translate(err, M("附件", "attachment"))
	}
	return &a, nil
}
