package models

import (
	"context"
	"errors"
	"strconv"

	"gorm.io/gorm"
)

// The supervisors' reports aggregate in SQL over the cases' cached columns.
// Their statements were tuned on a million cases (BENCHMARKS.md): keep
// their shape, so they keep their index-only scans.

var reportLockWhat = M("年度报告锁定", "annual report lock")

// scopeAgency limits a case query to one agency; 0 is every agency.
func scopeAgency(q *gorm.DB, agencyID uint) *gorm.DB {
	if agencyID != 0 {
		return q.Where("agency_id = ?", agencyID)
	}
	return q
}

// AnnualAggregate is one group of table 三 (Art 50): the cases of one
// applicant column and one outcome, counted as new, carried in, concluded
// and carried out in a year.
type AnnualAggregate struct {
	ApplicantType ApplicantType
	OrgCategory   OrgCategory
	Outcome       string
	New           int
	CarriedIn     int
	Concluded     int
	CarriedOut    int
}

// FindAnnualAggregates groups the cases received by the end of year (of an
// agency; 0: all) by applicant column and outcome. It reads two index
// ranges of the covering report index (still open; concluded this year or
// later) in two statements rather than one OR, so each reads only its part.
func FindAnnualAggregates(ctx context.Context, db *gorm.DB, year int, agencyID uint) ([]AnnualAggregate, error) {
	var rows []AnnualAggregate
	for _, stillOpen := range []bool{true, false} {
		var got []AnnualAggregate
		q := db.WithContext(ctx).Model(&Case{}).
			Select(`applicant_type, org_category, outcome,
				SUM(CASE WHEN receipt_year = ? THEN 1 ELSE 0 END) AS new,
				SUM(CASE WHEN receipt_year < ? THEN 1 ELSE 0 END) AS carried_in,
				SUM(CASE WHEN concluded_year = ? THEN 1 ELSE 0 END) AS concluded,
				SUM(CASE WHEN concluded_year = 0 OR concluded_year > ? THEN 1 ELSE 0 END) AS carried_out`, year, year, year, year).
			Where("receipt_year BETWEEN 1 AND ?", year)
		if stillOpen {
			q = q.Where("concluded_year = 0")
		} else {
			q = q.Where("concluded_year >= ?", year)
		}
		q = scopeAgency(q, agencyID)
		if err := q.Group("applicant_type, org_category, outcome").Scan(&got).Error; err != nil {
			return nil, err
		}
		rows = append(rows, got...)
	}
	return rows, nil
}

// SumFeeIncome adds up the fees paid in year (of an agency's cases; 0: all).
func SumFeeIncome(ctx context.Context, db *gorm.DB, year int, agencyID uint) (int, error) {
	q := db.WithContext(ctx).Table("fees f").Select("COALESCE(SUM(f.amount), 0)").Joins("JOIN cases c ON c.id = f.case_id").
		Where("f.status = ? AND f.paid_year = ?", "paid", year)
	if agencyID != 0 {
		q = q.Where("c.agency_id = ?", agencyID)
	}
	var sum int
	return sum, q.Scan(&sum).Error
}

// RemedyCount is one cell of table 四: the remedies of a kind with a result.
type RemedyCount struct {
	Kind   string
	Result string
	N      int
}

// CountRemediesByResult counts the reconsiderations and lawsuits filed in
// year (of an agency's cases; 0: all) by kind and result. A result decided
// after the year end counts as pending (尚未审结 as of 31 December).
func CountRemediesByResult(ctx context.Context, db *gorm.DB, year int, agencyID uint) ([]RemedyCount, error) {
	y := strconv.Itoa(year)
	q := db.WithContext(ctx).Table("remedies r").
		Select("r.kind, CASE WHEN r.result <> 'pending' AND r.decided_on <> '' AND SUBSTR(r.decided_on, 1, 4) <= ? THEN r.result ELSE 'pending' END AS result, COUNT(*) AS n", y).
		Joins("JOIN cases c ON c.id = r.case_id").Where("SUBSTR(r.filed_on, 1, 4) = ?", y)
	if agencyID != 0 {
		q = q.Where("c.agency_id = ?", agencyID)
	}
	var rows []RemedyCount
	return rows, q.Group("r.kind, 2").Scan(&rows).Error
}

// FindReportLock loads the lock of a year's report (agencyID 0: the whole
// government); found is false when the year is not locked.
func FindReportLock(ctx context.Context, db *gorm.DB, year int, agencyID uint) (ReportLock, bool, error) {
	var lock ReportLock
	err := db.WithContext(ctx).Where("year = ? AND agency_id = ?", year, agencyID).First(&lock).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ReportLock{}, false, nil
	case err != nil:
		return ReportLock{}, false, translate(err, reportLockWhat)
	}
	return lock, true, nil
}

// CreateReportLock inserts a lock; a year already locked is a conflict.
func CreateReportLock(ctx context.Context, db *gorm.DB, lock *ReportLock) error {
	return translate(db.WithContext(ctx).Create(lock).Error, reportLockWhat)
}
