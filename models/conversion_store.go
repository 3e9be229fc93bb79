package models

import (
	"context"
	"errors"
	"sort"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// CandidateStatus is where a conversion candidate (Art 44) stands.
type CandidateStatus string

// Candidate statuses: open until a supervisor converts or declines it.
const (
	CandidateOpen      CandidateStatus = "open"
	CandidateConverted CandidateStatus = "converted"
	CandidateDeclined  CandidateStatus = "declined"
)

// ParseCandidateStatus validates s.
func ParseCandidateStatus(s string) (CandidateStatus, bool) {
	switch c := CandidateStatus(s); c {
	case CandidateOpen, CandidateConverted, CandidateDeclined:
		return c, true
	}
	return "", false
}

var candidateWhat = M("主动公开候选", "conversion candidate")

// FindAgenciesReceivingSince lists, in id order, the agencies that
// received a case on or after since (YYYY-MM-DD).
func FindAgenciesReceivingSince(ctx context.Context, db *gorm.DB, since string) ([]uint, error) {
	var ids []uint
	if err := db.WithContext(ctx).Model(&Case{}).Distinct("agency_id").Where("receipt_date >= ?", since).Pluck("agency_id", &ids).Error; err != nil {
		return nil, err
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, nil
}

// ReviewCase is what the conversion review reads of a case.
type ReviewCase struct {
	ID           uint
	AgencyID     uint
	ApplicantKey string
	Title        string
	Description  string
	Outcome      string
	Status       Status
	ReceiptDate  string
	ConcludedOn  string
	State        string
}

// FindCasesForConversionReview lists, by id, an agency's cases received on
// or after since (YYYY-MM-DD).
func FindCasesForConversionReview(ctx context.Context, db *gorm.DB, agencyID uint, since string) ([]*ReviewCase, error) {
	var cs []*ReviewCase
	err := db.WithContext(ctx).Model(&Case{}).Select("id, agency_id, applicant_key, title, description, outcome, status, receipt_date, concluded_on, state").
		Where("agency_id = ? AND receipt_date >= ? AND receipt_date <> ''", agencyID, since).Order("id").Find(&cs).Error
	return cs, err
}

// FindCandidateByFingerprint loads the candidate raised for fp; found is
// false when there is none.
func FindCandidateByFingerprint(ctx context.Context, db *gorm.DB, fp string) (ConversionCandidate, bool, error) {
	var c ConversionCandidate
	err := db.WithContext(ctx).Where("fingerprint = ?", fp).First(&c).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ConversionCandidate{}, false, nil
	case err != nil:
		return ConversionCandidate{}, false, translate(err, candidateWhat)
	}
	return c, true, nil
}

// InsertCandidate inserts c unless a candidate with its fingerprint
// exists; it reports whether c was inserted (false: a racing run did).
func InsertCandidate(ctx context.Context, db *gorm.DB, c *ConversionCandidate) (bool, error) {
	if err := db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(c).Error; err != nil {
		return false, translate(err, candidateWhat)
	}
	return c.ID != 0, nil
}

// SaveCandidate writes every column of c.
func SaveCandidate(ctx context.Context, db *gorm.DB, c *ConversionCandidate) error {
	return translate(db.WithContext(ctx).Save(c).Error, candidateWhat)
}

// AddCandidateMembers links cases to a candidate, one statement each;
// links that exist stay as they are.
func AddCandidateMembers(ctx context.Context, db *gorm.DB, ms []CandidateMember) error {
	for i := range ms {
		if err := db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&ms[i]).Error; err != nil {
			return translate(err, candidateWhat)
		}
	}
	return nil
}

// CandidateFilter selects candidates; zero fields select all.
type CandidateFilter struct {
	AgencyID uint
	Status   CandidateStatus
	Offset   int
	Limit    int
}

// FindCandidates lists candidates with their agencies and the total that
// match: groups first, then suggestions, then single disclosures; the most
// applicants and the newest first within each.
func FindCandidates(ctx context.Context, db *gorm.DB, f CandidateFilter) ([]*ConversionCandidate, int, error) {
	q := db.WithContext(ctx).Model(&ConversionCandidate{})
	if f.AgencyID != 0 {
		q = q.Where("agency_id = ?", f.AgencyID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var cs []*ConversionCandidate
	err := q.Preload("Agency").Order("CASE kind WHEN 'group' THEN 0 WHEN 'suggestion' THEN 1 ELSE 2 END, applicants DESC, id DESC").
		Offset(f.Offset).Limit(f.Limit).Find(&cs).Error
	return cs, int(total), err
}

// FindCandidateByID loads a candidate with its agency.
func FindCandidateByID(ctx context.Context, db *gorm.DB, id uint) (*ConversionCandidate, error) {
	var c ConversionCandidate
	if err := db.WithContext(ctx).Preload("Agency").First(&c, id).Error; err != nil {
		return nil, translate(err, candidateWhat)
	}
	return &c, nil
}

// UpdateCandidateDecision writes c's decision if its version is still
// c.Version, bumping the version; a stale version is a conflict.
func UpdateCandidateDecision(ctx context.Context, db *gorm.DB, c *ConversionCandidate) error {
	old := c.Version
	c.Version++
	res := db.WithContext(ctx).Model(c).Where("version = ?", old).
		Select("status", "decided_by", "decided_at", "publication_date", "publication_url", "decline_reason", "version", "updated_at").Updates(c)
	if res.Error != nil {
		c.Version = old
		return translate(res.Error, candidateWhat)
	}
	if res.RowsAffected == 0 {
		c.Version = old
		return StaleVersion()
	}
	return nil
}

// CandidateMemberRow is a member case of a candidate, as the review shows it.
type CandidateMemberRow struct {
	CandidateID    uint
	CaseID         uint
	TrackingNumber string
	Title          string
	Description    string
	Outcome        string
	ReceiptDate    string
	ApplicantType  string
	Similarity     float64
}

// FindCandidateMembers lists the member cases of the candidates in one
// query, by candidate and case.
func FindCandidateMembers(ctx context.Context, db *gorm.DB, candidateIDs []uint) ([]CandidateMemberRow, error) {
	var rows []CandidateMemberRow
	err := db.WithContext(ctx).Table("candidate_members m").
		Select("m.candidate_id, m.case_id, c.tracking_number, c.title, c.description, c.outcome, c.receipt_date, c.applicant_type, m.similarity").
		Joins("JOIN cases c ON c.id = m.case_id").Where("m.candidate_id IN ?", candidateIDs).Order("m.candidate_id, m.case_id").Scan(&rows).Error
	return rows, err
}

// CandidateKind is why a candidate was raised.
type CandidateKind string

// Candidate kinds, in the order supervisors review them.
const (
	// CandidateGroup: similar requests from several applicants.
	CandidateGroup CandidateKind = "group"
	// CandidateSuggestion: an applicant suggested converting.
	CandidateSuggestion CandidateKind = "suggestion"
	// CandidateDisclosed: a disclosure, for routine review.
	CandidateDisclosed CandidateKind = "disclosed"
)
