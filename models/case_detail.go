package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Decision is a supervisor's decision on a request (an extension, an
// answer).
type Decision string

// Decisions. An answer is "returned" for rework rather than denied.
const (
	DecisionPending  Decision = "pending"
	DecisionApproved Decision = "approved"
	DecisionDenied   Decision = "denied"
	DecisionReturned Decision = "returned"
)

// CorrectionDelivery is how a correction notice reached the applicant
// (Art 30: the period runs from the applicant's receipt of it).
type CorrectionDelivery string

// Correction deliveries.
const (
	CorrectionOnline   CorrectionDelivery = "online"
	CorrectionEmail    CorrectionDelivery = "email"
	CorrectionInPerson CorrectionDelivery = "in_person"
	CorrectionPost     CorrectionDelivery = "post"
)

// CorrectionDeliveries lists them.
var CorrectionDeliveries = []CorrectionDelivery{CorrectionOnline, CorrectionEmail, CorrectionInPerson, CorrectionPost}

// ParseCorrectionDelivery validates s.
func ParseCorrectionDelivery(s string) (CorrectionDelivery, bool) {
	for _, d := range CorrectionDeliveries {
		if string(d) == s {
			return d, true
		}
	}
	return "", false
}

// CaseCorrection is a case's one correction request (补正, Art 30): what was
// asked, how and when the applicant got the notice, the period, and the
// corrected application. Dates are YYYY-MM-DD; empty means not yet.
type CaseCorrection struct {
	CaseID     uint               `gorm:"primaryKey;autoIncrement:false"`
	Items      string             `gorm:"type:text;not null"` // JSON array of the items to correct
	PeriodDays int                `gorm:"not null"`
	NoticeOn   string             `gorm:"size:10;not null"`
	Delivery   CorrectionDelivery `gorm:"size:16;not null"`
	// NoticeReceivedOn is when the applicant received the notice; the
	// period runs from it and ends on PeriodEnds (both empty for a posted
	// notice until its delivery is recorded).
	NoticeReceivedOn string `gorm:"size:10;not null;default:''"`
	PeriodEnds       string `gorm:"size:10;not null;default:'';index"`
	// Late marks notices issued after the 7-day window before such notices
	// were refused (older data only).
	Late                bool   `gorm:"not null;default:false"`
	SubmittedOn         string `gorm:"size:10;not null;default:''"`
	OriginalDescription string `gorm:"type:text;not null;default:''"`
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// CaseExtension is a case's one extension (Art 33): the request and the
// supervisor's decision. A denied request may be followed by a new one,
// which replaces it.
type CaseExtension struct {
	CaseID      uint     `gorm:"primaryKey;autoIncrement:false"`
	Days        int      `gorm:"not null"`
	Reason      string   `gorm:"size:500;not null"`
	RequestedBy uint     `gorm:"not null"`
	RequestedOn string   `gorm:"size:10;not null"`
	Decision    Decision `gorm:"size:16;not null;index"`
	DecidedBy   *uint
	DecidedOn   string `gorm:"size:10;not null;default:''"`
	Comment     string `gorm:"size:1000;not null;default:''"`
	NewDueDate  string `gorm:"size:10;not null;default:''"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

var (
	correctionWhat = M("补正记录", "correction")
	extensionWhat  = M("延期记录", "extension")
)

// SaveCaseCorrection inserts or replaces a case's correction request.
func SaveCaseCorrection(ctx context.Context, db *gorm.DB, c *CaseCorrection) error {
	return translate(db.WithContext(ctx).Save(c).Error, correctionWhat)
}

// SaveCaseExtension inserts or replaces a case's extension request.
func SaveCaseExtension(ctx context.Context, db *gorm.DB, e *CaseExtension) error {
	return translate(db.WithContext(ctx).Save(e).Error, extensionWhat)
}

// LapsedCorrection is a case waiting for a correction whose period ended.
type LapsedCorrection struct {
	ID      uint
	Version int
}

// FindLapsedCorrections lists the cases still awaiting a correction whose
// period ended before today (Art 30: deemed abandoned); a posted notice
// whose delivery is not recorded has no end yet and is not listed.
func FindLapsedCorrections(ctx context.Context, db *gorm.DB, today string) ([]LapsedCorrection, error) {
	var out []LapsedCorrection
	err := db.WithContext(ctx).Table("cases c").Select("c.id, c.version").
		Joins("JOIN case_corrections k ON k.case_id = c.id").
		Where("c.status = ? AND k.period_ends <> '' AND k.period_ends < ?", StatusCorrectionRequested, today).
		Order("c.id").Scan(&out).Error
	return out, translate(err, caseWhat)
}

// FindCaseCorrectionsByCase loads the correction requests of the given
// cases, by case id.
func FindCaseCorrectionsByCase(ctx context.Context, db *gorm.DB, caseIDs []uint) (map[uint]*CaseCorrection, error) {
	out := map[uint]*CaseCorrection{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	var rows []*CaseCorrection
	if err := db.WithContext(ctx).Where("case_id IN ?", caseIDs).Find(&rows).Error; err != nil {
		return nil, translate(err, correctionWhat)
	}
	for _, r := range rows {
		out[r.CaseID] = r
	}
	return out, nil
}

// FindOpenCasesForClocks lists a batch of open cases after afterID with
// what their clocks need (the clock events, the cached columns, the
// correction request), for refreshing the cached clocks.
func FindOpenCasesForClocks(ctx context.Context, db *gorm.DB, afterID uint, limit int) ([]*Case, error) {
	return findOpenCasesWithClocks(ctx, db, "id, version, status, tracking_number, clock_events, due_date, clock_state, paused, frozen_remaining, extended", afterID, limit)
}

// FindOpenCasesForSweep is FindOpenCasesForClocks with what a reminder
// names and whom it tells: the agency, the assignee and the title.
func FindOpenCasesForSweep(ctx context.Context, db *gorm.DB, afterID uint, limit int) ([]*Case, error) {
	return findOpenCasesWithClocks(ctx, db, "id, agency_id, assignee_id, version, status, tracking_number, title, clock_events, due_date, clock_state, paused, frozen_remaining, extended", afterID, limit)
}

// findOpenCasesWithClocks reads the columns of a batch of open cases in id
// order, with the correction requests of those awaiting one.
func findOpenCasesWithClocks(ctx context.Context, db *gorm.DB, columns string, afterID uint, limit int) ([]*Case, error) {
	var cases []*Case
	err := db.WithContext(ctx).Select(columns).
		Where(openCondition).Where("id > ?", afterID).Order("id").Limit(limit).Find(&cases).Error
	if err != nil {
		return nil, translate(err, caseWhat)
	}
	var waiting []uint
	for _, c := range cases {
		if c.Status == StatusCorrectionRequested {
			waiting = append(waiting, c.ID)
		}
	}
	corr, err := FindCaseCorrectionsByCase(ctx, db, waiting)
	if err != nil {
		return nil, err
	}
	for _, c := range cases {
		c.Correction = corr[c.ID]
	}
	return cases, nil
}

// SaveClockCaches writes the refreshed cached clock columns of cases in
// one transaction, each conditional on the version read: an action that
// committed meanwhile wrote a fresher cache. The cache is not case state,
// so versions stay.
func SaveClockCaches(ctx context.Context, db *gorm.DB, cases []*Case) error {
	if len(cases) == 0 {
		return nil
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, c := range cases {
			err := tx.Model(&Case{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
				"due_date": c.DueDate, "clock_state": c.ClockState, "paused": c.Paused, "frozen_remaining": c.FrozenRemaining, "extended": c.Extended,
			}).Error
			if err != nil {
				return translate(err, caseWhat)
			}
		}
		return nil
	})
}
