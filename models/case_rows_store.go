package models

import (
	"context"

	"gorm.io/gorm"
)

// The queries of a case's related rows: consultations, fees, remedies and
// attachments, as the case actions need them.

var (
	consultationWhat = M("征求意见", "consultation")
	feeWhat          = M("收费记录", "fee")
	remedyWhat       = M("复议或诉讼记录", "remedy")
	attachmentWhat   = M("附件", "attachment")
)

// CreateConsultation inserts a consultation or assistance task.
func CreateConsultation(ctx context.Context, db *gorm.DB, c *Consultation) error {
	return translate(db.WithContext(ctx).Create(c).Error, consultationWhat)
}

// SaveConsultation writes every column of c.
func SaveConsultation(ctx context.Context, db *gorm.DB, c *Consultation) error {
	return translate(db.WithContext(ctx).Save(c).Error, consultationWhat)
}

// FindCaseConsultation loads consultation id of case caseID if it is of one
// of kinds.
func FindCaseConsultation(ctx context.Context, db *gorm.DB, caseID, id uint, kinds ...ConsultationKind) (*Consultation, error) {
	var c Consultation
	err := db.WithContext(ctx).Where("id = ? AND case_id = ? AND kind IN ?", id, caseID, kinds).First(&c).Error
	if err != nil {
		return nil, translate(err, consultationWhat)
	}
	return &c, nil
}

// FindAssistanceTask loads assistance task id of case caseID given to
// agency agencyID.
func FindAssistanceTask(ctx context.Context, db *gorm.DB, caseID, id, agencyID uint) (*Consultation, error) {
	var c Consultation
	err := db.WithContext(ctx).Where("id = ? AND case_id = ? AND kind = ? AND party_agency_id = ?", id, caseID, ConsultAssistance, agencyID).First(&c).Error
	if err != nil {
		return nil, translate(err, consultationWhat)
	}
	return &c, nil
}

// CountAssistanceTasks counts the assistance tasks (open or answered) of
// case caseID given to agency agencyID.
func CountAssistanceTasks(ctx context.Context, db *gorm.DB, caseID, agencyID uint) (int64, error) {
	var n int64
	err := db.WithContext(ctx).Model(&Consultation{}).Where("case_id = ? AND kind = ? AND party_agency_id = ?", caseID, ConsultAssistance, agencyID).Count(&n).Error
	return n, translate(err, consultationWhat)
}

// FindObjectingThirdParties lists the third parties of case caseID that
// objected to disclosure in whole or in part (Art 32).
func FindObjectingThirdParties(ctx context.Context, db *gorm.DB, caseID uint) ([]Consultation, error) {
	var cs []Consultation
	err := db.WithContext(ctx).Where("case_id = ? AND kind = ? AND reply IN ?", caseID, ConsultThirdParty, []ConsultationReply{ReplyObject, ReplyPartial}).
		Order("id").Find(&cs).Error
	return cs, translate(err, consultationWhat)
}

// CreateFee inserts a fee notice.
func CreateFee(ctx context.Context, db *gorm.DB, f *Fee) error {
	return translate(db.WithContext(ctx).Create(f).Error, feeWhat)
}

// SaveFee writes every column of f.
func SaveFee(ctx context.Context, db *gorm.DB, f *Fee) error {
	return translate(db.WithContext(ctx).Save(f).Error, feeWhat)
}

// FindPendingFee loads the latest fee of case caseID awaiting payment;
// found is false when there is none.
func FindPendingFee(ctx context.Context, db *gorm.DB, caseID uint) (f *Fee, found bool, err error) {
	var row Fee
	res := db.WithContext(ctx).Where("case_id = ? AND status = ?", caseID, FeePending).Order("id DESC").Limit(1).Find(&row)
	if res.Error != nil {
		return nil, false, translate(res.Error, feeWhat)
	}
	return &row, res.RowsAffected > 0, nil
}

// FindCaseRemedy loads remedy id of case caseID.
func FindCaseRemedy(ctx context.Context, db *gorm.DB, caseID, id uint) (*Remedy, error) {
	var r Remedy
	if err := db.WithContext(ctx).Where("id = ? AND case_id = ?", id, caseID).First(&r).Error; err != nil {
		return nil, translate(err, remedyWhat)
	}
	return &r, nil
}

// SaveRemedy inserts or writes every column of r.
func SaveRemedy(ctx context.Context, db *gorm.DB, r *Remedy) error {
	return translate(db.WithContext(ctx).Save(r).Error, remedyWhat)
}

// LinkAttachments attaches the given uploads that are not yet on a case
// to case caseID.
func LinkAttachments(ctx context.Context, db *gorm.DB, ids []uint, caseID uint) error {
	if len(ids) == 0 {
		return nil
	}
	err := db.WithContext(ctx).Model(&Attachment{}).Where("id IN ? AND case_id IS NULL", ids).Update("case_id", caseID).Error
	return translate(err, attachmentWhat)
}

// FindStaffUser loads what an assignment needs of user id: role, agency,
// whether active, and the display name.
func FindStaffUser(ctx context.Context, db *gorm.DB, id uint) (*User, error) {
	var u User
	if err := db.WithContext(ctx).Select("id, role, active, agency_id, display_name").Where("id = ?", id).Take(&u).Error; err != nil {
		return nil, translate(err, M("用户", "user"))
	}
	return &u, nil
}

// FindDisplayName returns user id's display name ("" when unknown).
func FindDisplayName(ctx context.Context, db *gorm.DB, id uint) (string, error) {
	var name string
	err := db.WithContext(ctx).Model(&User{}).Select("display_name").Where("id = ?", id).Scan(&name).Error
	return name, translate(err, M("用户", "user"))
}
