package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

var counterWhat = M("编号计数器", "counter")

// AgencyCodeExists reports whether an agency has the code.
func AgencyCodeExists(ctx context.Context, db *gorm.DB, code string) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Model(&Agency{}).Where("code = ?", code).Count(&n).Error
	return n > 0, translate(err, agencyWhat)
}

// FindCounters lists the counters of a scope.
func FindCounters(ctx context.Context, db *gorm.DB, scope string) ([]Counter, error) {
	var cs []Counter
	err := db.WithContext(ctx).Where("scope = ?", scope).Find(&cs).Error
	return cs, translate(err, counterWhat)
}

// SaveCounter inserts or replaces a counter.
func SaveCounter(ctx context.Context, db *gorm.DB, c *Counter) error {
	return translate(db.WithContext(ctx).Save(c).Error, counterWhat)
}

// CreateBulkCases inserts many cases with their correction requests in
// batches (the bulk seed).
func CreateBulkCases(ctx context.Context, db *gorm.DB, cases []*Case) error {
	return translate(db.WithContext(ctx).Omit("Agency", "Assignee", "Applicant").CreateInBatches(cases, 500).Error, caseWhat)
}

// CreateBulkDetails inserts the bulk seed's consultation and fee rows.
func CreateBulkDetails(ctx context.Context, db *gorm.DB, cons []*Consultation, fees []*Fee) error {
	if len(cons) > 0 {
		if err := db.WithContext(ctx).CreateInBatches(cons, 500).Error; err != nil {
			return translate(err, M("征求意见", "consultation"))
		}
	}
	if len(fees) > 0 {
		if err := db.WithContext(ctx).CreateInBatches(fees, 500).Error; err != nil {
			return translate(err, M("收费", "fee"))
		}
	}
	return nil
}

// SaveChainHeads writes the event count and last event hash of many cases
// in one statement, without touching their versions.
func SaveChainHeads(ctx context.Context, db *gorm.DB, cases []*Case) error {
	if len(cases) == 0 {
		return nil
	}
	var b strings.Builder
	args := make([]any, 0, 3*len(cases))
	b.WriteString("UPDATE cases SET event_count = v.n, last_event_hash = v.h FROM (SELECT column1 AS id, column2 AS n, column3 AS h FROM (VALUES ")
	for i, c := range cases {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("(CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS TEXT))")
		args = append(args, c.ID, c.EventCount, c.LastEventHash)
	}
	b.WriteString(") AS vv) AS v WHERE cases.id = v.id")
	return translate(db.WithContext(ctx).Exec(b.String(), args...).Error, caseWhat)
}
