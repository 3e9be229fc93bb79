package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// CaseScope says whose cases a list may show; the service decides it from
// the caller (app.CaseService.Find).
type CaseScope struct {
	// ApplicantID restricts the list to one applicant's cases.
	ApplicantID uint
	// AgencyID restricts it to one agency's cases (0: every agency).
	AgencyID uint
	// AssistingAgencyID lists the cases in which that agency has an
	// assistance task, instead of an agency's own.
	AssistingAgencyID uint
}

// LevelBounds are the cached-clock conditions of the traffic-light levels
// as of a day, computed by the service from the calendar and settings:
// a running case by its due date, a paused one by its frozen remaining
// working days.
type LevelBounds struct {
	Today, UrgentEnd, WarningEnd string
	Urgent, Warning              int
}

// CaseQuery selects cases for a list. Empty fields do not filter.
type CaseQuery struct {
	Scope                      CaseScope
	Statuses                   []Status
	AssigneeID                 uint
	Unassigned                 bool
	Channel                    Channel
	ReceiptFrom, ReceiptTo     string
	DueFrom, DueTo             string
	ConcludedFrom, ConcludedTo string
	Outcome                    string
	Query                      string
	Paused, Extended           *bool
	ExtensionPending, OnTime   *bool
	AwaitingApproval           bool
	Levels                     []string
	Bounds                     LevelBounds
	// Order is one of the CaseOrders keys.
	Order         string
	Offset, Limit int
}

// CaseOrders are the list orders by name.
var CaseOrders = map[string]string{
	"due": "due_date ASC, id ASC", "-due": "due_date DESC, id DESC",
	"receipt": "receipt_date ASC, id ASC", "-receipt": "receipt_date DESC, id DESC",
	"created": "id ASC", "-created": "id DESC",
}

// FindCases lists one page of the cases q selects, with their agency and
// assignee, and counts them all.
func FindCases(ctx context.Context, db *gorm.DB, q CaseQuery) ([]*Case, int, error) {
	tx := caseQuery(db.WithContext(ctx).Model(&Case{}), db, q)
	var total int64
	if err := tx.Count(&total).Error; err != nil {
		return nil, 0, translate(err, caseWhat)
	}
	var cases []*Case
	err := tx.Preload("Agency").Preload("Assignee").Order(CaseOrders[q.Order]).Offset(q.Offset).Limit(q.Limit).Find(&cases).Error
	return cases, int(total), translate(err, caseWhat)
}

// openCondition is the condition of the partial indexes on open cases
// (idx_cases_open_queue, idx_cases_open_id), as a literal. A planner uses a
// partial index only when the query itself states the index's condition:
// SQLite never proves it from bound values, and PostgreSQL cannot in a
// generic plan, which a prepared statement settles on after five runs.
const openCondition = "status IN ('submitted', 'registered', 'correction_requested', 'handling', 'answer_review')"

// whereStatuses filters by statuses, stating openCondition as well when
// they are all open so that the open-case indexes apply.
func whereStatuses(tx *gorm.DB, statuses []Status) *gorm.DB {
	open := map[Status]bool{}
	for _, s := range statuses {
		if !s.IsOpen() {
			return tx.Where("status IN ?", statuses)
		}
		open[s] = true
	}
	tx = tx.Where(openCondition)
	if len(open) == len(OpenStatuses) {
		return tx
	}
	return tx.Where("status IN ?", statuses)
}

func caseQuery(tx, db *gorm.DB, q CaseQuery) *gorm.DB {
	tx = scopeCases(tx, db, q.Scope)
	if len(q.Statuses) > 0 {
		tx = whereStatuses(tx, q.Statuses)
	}
	if q.Unassigned {
		tx = tx.Where("assignee_id IS NULL")
	} else if q.AssigneeID != 0 {
		tx = tx.Where("assignee_id = ?", q.AssigneeID)
	}
	if q.Channel != "" {
		tx = tx.Where("channel = ?", q.Channel)
	}
	for _, r := range []struct{ col, from, to string }{
		{"receipt_date", q.ReceiptFrom, q.ReceiptTo}, {"due_date", q.DueFrom, q.DueTo}, {"concluded_on", q.ConcludedFrom, q.ConcludedTo},
	} {
		if r.from != "" {
			tx = tx.Where(r.col+" >= ?", r.from)
		}
		if r.to != "" {
			tx = tx.Where(r.col+" <> '' AND "+r.col+" <= ?", r.to)
		}
	}
	if q.Outcome != "" {
		tx = tx.Where("outcome = ?", q.Outcome)
	}
	for _, b := range []struct {
		col string
		v   *bool
	}{{"paused", q.Paused}, {"extended", q.Extended}, {"extension_pending", q.ExtensionPending}} {
		if b.v != nil {
			tx = tx.Where(b.col+" = ?", *b.v)
		}
	}
	if q.OnTime != nil {
		tx = tx.Where("concluded_on <> '' AND on_time = ?", *q.OnTime)
	}
	if q.AwaitingApproval {
		tx = tx.Where("(extension_pending = ? OR status = ?)", true, StatusAnswerReview)
	}
	if q.Query != "" {
		like := "%" + EscapeLike(strings.ToLower(q.Query)) + "%"
		tx = tx.Where("(LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\' OR LOWER(applicant_name) LIKE ? ESCAPE '\\' OR tracking_number LIKE ? ESCAPE '\\')",
			like, like, like, strings.ToUpper(like))
	}
	if len(q.Levels) > 0 {
		tx = tx.Where(levelCondition(db, q.Levels, q.Bounds))
	}
	return tx
}

func scopeCases(tx, db *gorm.DB, s CaseScope) *gorm.DB {
	if s.AssistingAgencyID != 0 {
		tx = tx.Where("id IN (?)", db.Model(&Consultation{}).Select("case_id").Where("kind = ? AND party_agency_id = ?", ConsultAssistance, s.AssistingAgencyID))
	}
	if s.ApplicantID != 0 {
		tx = tx.Where("applicant_id = ?", s.ApplicantID)
	}
	if s.AgencyID != 0 {
		tx = tx.Where("agency_id = ?", s.AgencyID)
	}
	return tx
}

// levelCondition translates clock levels into conditions on the cached
// clock columns.
func levelCondition(db *gorm.DB, levels []string, b LevelBounds) *gorm.DB {
	cond := db.Where("1 = 0")
	for _, l := range levels {
		var running, paused *gorm.DB
		switch l {
		case "overdue":
			running = db.Where("due_date < ?", b.Today)
			paused = db.Where("frozen_remaining < 0")
		case "urgent":
			running = db.Where("due_date >= ? AND due_date <= ?", b.Today, b.UrgentEnd)
			paused = db.Where("frozen_remaining >= 0 AND frozen_remaining <= ?", b.Urgent)
		case "warning":
			running = db.Where("due_date > ? AND due_date <= ?", b.UrgentEnd, b.WarningEnd)
			paused = db.Where("frozen_remaining > ? AND frozen_remaining <= ?", b.Urgent, b.Warning)
		case "normal":
			running = db.Where("due_date > ?", b.WarningEnd)
			paused = db.Where("frozen_remaining > ?", b.Warning)
		default:
			continue
		}
		cond = cond.Or(db.Where("clock_state = ?", ClockRunning).Where(running)).
			Or(db.Where("clock_state = ?", ClockPaused).Where(paused))
	}
	return cond
}
