package models

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

// LoadLevels are the bounds of the traffic-light levels as of a day, on the
// cached clock columns: running clocks by due date, paused ones by the
// working days they have left.
type LoadLevels struct {
	// Today, UrgentBy and WarningBy are dates (YYYY-MM-DD): the day, and
	// the last due dates still urgent and still at warning.
	Today, UrgentBy, WarningBy string
	// UrgentDays and WarningDays are the thresholds in working days.
	UrgentDays, WarningDays int
}

// sums are the SQL sums behind a LoadRow and their arguments.
func (l LoadLevels) sums() (string, []any) {
	sql := `COUNT(*) AS open,
		SUM(CASE WHEN (clock_state = 'running' AND due_date < ?) OR (clock_state = 'paused' AND frozen_remaining < 0) THEN 1 ELSE 0 END) AS overdue,
		SUM(CASE WHEN (clock_state = 'running' AND due_date >= ? AND due_date <= ?) OR (clock_state = 'paused' AND frozen_remaining >= 0 AND frozen_remaining <= ?) THEN 1 ELSE 0 END) AS urgent,
		SUM(CASE WHEN (clock_state = 'running' AND due_date > ? AND due_date <= ?) OR (clock_state = 'paused' AND frozen_remaining > ? AND frozen_remaining <= ?) THEN 1 ELSE 0 END) AS warning,
		SUM(CASE WHEN (clock_state = 'running' AND due_date > ?) OR (clock_state = 'paused' AND frozen_remaining > ?) THEN 1 ELSE 0 END) AS normal,
		SUM(CASE WHEN paused THEN 1 ELSE 0 END) AS paused,
		SUM(CASE WHEN extended THEN 1 ELSE 0 END) AS extended,
		SUM(CASE WHEN clock_state = 'running' AND due_date >= ? AND due_date <= ? THEN 1 ELSE 0 END) AS due_soon`
	t, u, w := l.Today, l.UrgentBy, l.WarningBy
	return sql, []any{t, t, u, l.UrgentDays, u, w, l.UrgentDays, l.WarningDays, w, l.WarningDays, t, w}
}

// LoadRow counts the open cases of one key (an agency, or an officer with
// 0 for unassigned) by clock level.
type LoadRow struct {
	Key      uint
	Open     int
	Overdue  int
	Urgent   int
	Warning  int
	Normal   int
	Paused   int
	Extended int
	DueSoon  int
}

// Add adds o's counts to l's.
func (l *LoadRow) Add(o LoadRow) {
	l.Open += o.Open
	l.Overdue += o.Overdue
	l.Urgent += o.Urgent
	l.Warning += o.Warning
	l.Normal += o.Normal
	l.Paused += o.Paused
	l.Extended += o.Extended
	l.DueSoon += o.DueSoon
}

// OfficerLoadRow is a LoadRow keyed by officer with the agency (a flat
// struct: GORM scans no embedded structs).
type OfficerLoadRow struct {
	Key      uint
	AgencyID uint
	Open     int
	Overdue  int
	Urgent   int
	Warning  int
	Normal   int
	Paused   int
	Extended int
	DueSoon  int
}

// LoadRow drops the agency.
func (o OfficerLoadRow) LoadRow() LoadRow {
	return LoadRow{o.Key, o.Open, o.Overdue, o.Urgent, o.Warning, o.Normal, o.Paused, o.Extended, o.DueSoon}
}

// CountOpenLoadByAgency counts the open cases (of an agency; 0: all) per
// agency, in agency order.
func CountOpenLoadByAgency(ctx context.Context, db *gorm.DB, agencyID uint, lv LoadLevels) ([]LoadRow, error) {
	sums, args := lv.sums()
	q := db.WithContext(ctx).Model(&Case{}).Select("agency_id AS key, "+sums, args...).Where(openCondition)
	var rows []LoadRow
	return rows, scopeAgency(q, agencyID).Group("agency_id").Order("agency_id").Scan(&rows).Error
}

// CountOpenLoadByOfficer counts the open cases (of an agency; 0: all) per
// assignee and agency, in agency and assignee order.
func CountOpenLoadByOfficer(ctx context.Context, db *gorm.DB, agencyID uint, lv LoadLevels) ([]OfficerLoadRow, error) {
	sums, args := lv.sums()
	q := db.WithContext(ctx).Model(&Case{}).Select("COALESCE(assignee_id, 0) AS key, agency_id, "+sums, args...).Where(openCondition)
	var rows []OfficerLoadRow
	return rows, scopeAgency(q, agencyID).Group("COALESCE(assignee_id, 0), agency_id").Order("agency_id, key").Scan(&rows).Error
}

// FindOverdueCases lists up to limit open cases (of an agency; 0: all)
// overdue as of asOf (YYYY-MM-DD), earliest due first, with their
// assignees. Only the columns of the overdue list are read.
func FindOverdueCases(ctx context.Context, db *gorm.DB, agencyID uint, asOf string, limit int) ([]*Case, error) {
	q := db.WithContext(ctx).Model(&Case{}).Preload("Assignee").
		Select("id, tracking_number, title, agency_id, due_date, paused, frozen_remaining, clock_state, assignee_id").
		Where(openCondition).
		Where("(clock_state = 'running' AND due_date < ?) OR (clock_state = 'paused' AND frozen_remaining < 0)", asOf)
	var cs []*Case
	return cs, scopeAgency(q, agencyID).Order("due_date, id").Limit(limit).Find(&cs).Error
}

// ReportPeriod is a range of days (YYYY-MM-DD, both included) with their
// years, which bound the covering report index.
type ReportPeriod struct {
	From, To         string
	FromYear, ToYear int
}

// concluded selects the cases (of an agency; 0: all) concluded in p.
func (p ReportPeriod) concluded(ctx context.Context, db *gorm.DB, agencyID uint) *gorm.DB {
	return scopeAgency(db.WithContext(ctx).Model(&Case{}), agencyID).
		Where("concluded_year BETWEEN ? AND ? AND concluded_on >= ? AND concluded_on <= ?", p.FromYear, p.ToYear, p.From, p.To)
}

// WithCustomPlans runs fn with PostgreSQL planning each statement for its
// values. The period statistics bind their years and dates; after five
// runs PostgreSQL may settle on a generic plan, which cannot see how many
// rows a period holds: it estimated 25 rows for 88,713 concluded in a year
// and sorted them on disk (153 ms) where the plan for the values hashes
// them in memory (41 ms). On PostgreSQL fn runs in a read-only transaction
// with plan_cache_mode = force_custom_plan; SQLite plans every statement
// for its values anyway, and fn runs directly.
func WithCustomPlans(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	if db.Dialector.Name() != string(Postgres) {
		return fn(db.WithContext(ctx))
	}
	return translate(db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL plan_cache_mode = force_custom_plan").Error; err != nil {
			return err
		}
		return fn(tx)
	}, &sql.TxOptions{ReadOnly: true}), caseWhat)
}

// ConcludedGroup counts the cases concluded in a month (YYYY-MM) with an
// outcome.
type ConcludedGroup struct {
	M        string
	Outcome  string
	N        int
	OnTime   int
	Extended int
}

// CountConcludedByMonth groups the cases concluded in p (of an agency; 0:
// all) by month and outcome, in one pass over the covering report index.
func CountConcludedByMonth(ctx context.Context, db *gorm.DB, agencyID uint, p ReportPeriod) ([]ConcludedGroup, error) {
	var rows []ConcludedGroup
	err := WithCustomPlans(ctx, db, func(tx *gorm.DB) error {
		return p.concluded(ctx, tx, agencyID).
			Select("SUBSTR(concluded_on, 1, 7) AS m, outcome, COUNT(*) AS n, SUM(CASE WHEN on_time THEN 1 ELSE 0 END) AS on_time, SUM(CASE WHEN extended THEN 1 ELSE 0 END) AS extended").
			Group("SUBSTR(concluded_on, 1, 7), outcome").Scan(&rows).Error
	})
	return rows, err
}

// AnswerTimeCount is one bar of the answer-time histogram: how many cases
// took Days working days.
type AnswerTimeCount struct {
	Days int
	N    int
}

// CountConcludedByAnswerTime is the histogram of the working days the
// cases concluded in p (of an agency; 0: all) took, shortest first.
func CountConcludedByAnswerTime(ctx context.Context, db *gorm.DB, agencyID uint, p ReportPeriod) ([]AnswerTimeCount, error) {
	var rows []AnswerTimeCount
	err := WithCustomPlans(ctx, db, func(tx *gorm.DB) error {
		return p.concluded(ctx, tx, agencyID).Select("elapsed_workdays AS days, COUNT(*) AS n").
			Group("elapsed_workdays").Order("elapsed_workdays").Scan(&rows).Error
	})
	return rows, err
}

// MonthCount is a count of a month (YYYY-MM).
type MonthCount struct {
	M string
	N int
}

// CountReceivedByMonth counts the cases (of an agency; 0: all) received in
// p by month.
func CountReceivedByMonth(ctx context.Context, db *gorm.DB, agencyID uint, p ReportPeriod) ([]MonthCount, error) {
	var rows []MonthCount
	err := WithCustomPlans(ctx, db, func(tx *gorm.DB) error {
		return scopeAgency(tx.Model(&Case{}), agencyID).Select("SUBSTR(receipt_date, 1, 7) AS m, COUNT(*) AS n").
			Where("receipt_year BETWEEN ? AND ? AND receipt_date >= ? AND receipt_date <= ?", p.FromYear, p.ToYear, p.From, p.To).
			Group("SUBSTR(receipt_date, 1, 7)").Scan(&rows).Error
	})
	return rows, err
}
