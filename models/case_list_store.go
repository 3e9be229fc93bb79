package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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
	// After, if set, starts the page after that row of the order (keyset
	// pagination: the cost of a page does not grow with its depth).
	After *CaseCursor
	// CountCap stops counting past that many rows (0: count all); the
	// count's cost then stays flat however many cases match.
	CountCap int
}

// CaseCursor is a position in a list order: the order column's value
// (empty for the orders by id) and the id of the row.
type CaseCursor struct {
	Key string
	ID  uint
}

// caseOrder is a list order: its ORDER BY, its key column (empty: by id)
// and whether it descends.
type caseOrder struct {
	sql, col string
	desc     bool
}

var caseOrders = map[string]caseOrder{
	"due": {"due_date ASC, id ASC", "due_date", false}, "-due": {"due_date DESC, id DESC", "due_date", true},
	"receipt": {"receipt_date ASC, id ASC", "receipt_date", false}, "-receipt": {"receipt_date DESC, id DESC", "receipt_date", true},
	"created": {"id ASC", "", false}, "-created": {"id DESC", "", true},
}

// CaseOrders are the list orders by name, the default first.
var CaseOrders = []string{"due", "-due", "receipt", "-receipt", "created", "-created"}

// IsCaseOrder reports whether name is a list order.
func IsCaseOrder(name string) bool {
	_, ok := caseOrders[name]
	return ok
}

// CursorOf is the position of c in the order named order.
func CursorOf(order string, c *Case) CaseCursor {
	switch caseOrders[order].col {
	case "due_date":
		return CaseCursor{Key: c.DueDate, ID: c.ID}
	case "receipt_date":
		return CaseCursor{Key: c.ReceiptDate, ID: c.ID}
	}
	return CaseCursor{ID: c.ID}
}

// CasePage is one page of a case list.
type CasePage struct {
	Cases []*Case
	// Total counts every match, or CountCap+1 when Capped.
	Total  int
	Capped bool
	// More says rows follow the page.
	More bool
}

// FindCases lists one page of the cases q selects, with their agency and
// assignee, and counts them (up to q.CountCap).
func FindCases(ctx context.Context, db *gorm.DB, q CaseQuery) (CasePage, error) {
	var p CasePage
	count := caseQuery(db.WithContext(ctx).Model(&Case{}), db, q)
	if q.CountCap > 0 {
		count = db.WithContext(ctx).Table("(?) AS capped", count.Select("1").Limit(q.CountCap+1))
	}
	var total int64
	if err := count.Count(&total).Error; err != nil {
		return p, translate(err, caseWhat)
	}
	p.Total, p.Capped = int(total), q.CountCap > 0 && int(total) > q.CountCap
	o := caseOrders[q.Order]
	tx := caseQuery(db.WithContext(ctx).Model(&Case{}), db, q)
	if q.After != nil {
		tx = tx.Where(afterCondition(o, *q.After))
	} else if q.Offset > 0 {
		tx = tx.Offset(q.Offset)
	}
	err := tx.Preload("Agency").Preload("Assignee").Order(o.sql).Limit(q.Limit + 1).Find(&p.Cases).Error
	if err != nil {
		return p, translate(err, caseWhat)
	}
	if len(p.Cases) > q.Limit {
		p.Cases, p.More = p.Cases[:q.Limit], true
	}
	return p, nil
}

// afterCondition selects the rows after cur in order o, as a row-value
// comparison both databases match to the (key, id) indexes.
func afterCondition(o caseOrder, cur CaseCursor) clause.Expr {
	op := ">"
	if o.desc {
		op = "<"
	}
	if o.col == "" {
		return gorm.Expr("id "+op+" ?", cur.ID)
	}
	return gorm.Expr("("+o.col+", id) "+op+" (?, ?)", cur.Key, cur.ID)
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
