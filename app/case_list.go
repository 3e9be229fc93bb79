package app

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// CaseFilter selects cases for a list. Empty fields do not filter.
type CaseFilter struct {
	Statuses []models.Status
	AgencyID uint
	// AssigneeID filters by assignee; Unassigned selects cases without one.
	AssigneeID  uint
	Unassigned  bool
	Levels      []string // normal, warning, urgent, overdue
	Channel     models.Channel
	ReceiptFrom string
	ReceiptTo   string
	Outcome     string
	Query       string
	Paused      *bool
	Extended    *bool
	// DueFrom/DueTo bound the cached due date; ConcludedFrom/To the
	// conclusion date; OnTime whether it met its due date.
	DueFrom       string
	DueTo         string
	ConcludedFrom string
	ConcludedTo   string
	OnTime        *bool
	// ExtensionPending selects cases whose extension awaits a decision.
	ExtensionPending *bool
	// AwaitingApproval selects cases whose extension or answer awaits a
	// supervisor's decision (Art 33).
	AwaitingApproval bool
	// AsOf is the day the level filter is read on (default today), so a
	// report's figure for a past day lists the same cases.
	AsOf string
	// Scope "assistance" lists cases where the actor's agency has an
	// assistance task, instead of the agency's own cases.
	Scope  string
	Sort   string // due (default), -due, receipt, -receipt, created, -created
	Offset int
	Limit  int
}

var caseSorts = map[string]string{
	"due": "due_date ASC, id ASC", "-due": "due_date DESC, id DESC",
	"receipt": "receipt_date ASC, id ASC", "-receipt": "receipt_date DESC, id DESC",
	"created": "id ASC", "-created": "id DESC",
}

// ValidateCaseFilter checks a filter's enumerations and dates.
func ValidateCaseFilter(f *CaseFilter) error {
	var fs models.Fields
	for _, l := range f.Levels {
		switch l {
		case "normal", "warning", "urgent", "overdue":
		default:
			fs.Add("level", "时限状态须为 normal、warning、urgent 或 overdue", "level must be normal, warning, urgent or overdue")
		}
	}
	if f.Channel != "" {
		if _, ok := models.ParseChannel(string(f.Channel)); !ok {
			fs.Add("channel", "提交方式无效", "unknown channel")
		}
	}
	for name, d := range map[string]string{"asOf": f.AsOf, "receiptFrom": f.ReceiptFrom, "receiptTo": f.ReceiptTo, "dueFrom": f.DueFrom, "dueTo": f.DueTo,
		"concludedFrom": f.ConcludedFrom, "concludedTo": f.ConcludedTo} {
		if d != "" {
			if _, err := calendar.ParseDate(d); err != nil {
				fs.Add(name, "日期格式须为 YYYY-MM-DD", name+" must be YYYY-MM-DD")
			}
		}
	}
	if f.Outcome != "" {
		if _, ok := models.FindOutcome(f.Outcome); !ok {
			fs.Add("outcome", "办理结果无效", "unknown outcome")
		}
	}
	if f.Sort == "" {
		f.Sort = "due"
	}
	if _, ok := caseSorts[f.Sort]; !ok {
		fs.Add("sort", "排序须为 due、-due、receipt、-receipt、created 或 -created", "sort must be due, -due, receipt, -receipt, created or -created")
	}
	switch f.Scope {
	case "", "agency", "assistance":
	default:
		fs.Add("scope", "范围须为 agency 或 assistance", "scope must be agency or assistance")
	}
	if len([]rune(f.Query)) > 100 {
		fs.Add("q", "搜索词最多 100 字", "q is at most 100 characters")
	}
	return fs.Err()
}

// Find lists the cases the actor may see: applicants their own, officers
// their agency's (or, with scope assistance, their agency's assistance
// tasks), supervisors their agency's or every agency's when district-wide.
// The clock level filter works on the cached clock columns, so it needs no
// case to be loaded.
func (s *CaseService) Find(ctx context.Context, actor Actor, f CaseFilter) ([]*CaseView, int, error) {
	if err := ValidateCaseFilter(&f); err != nil {
		return nil, 0, err
	}
	p := Page{Offset: f.Offset, Limit: f.Limit}.Normalize()
	q := s.DB.WithContext(ctx).Model(&models.Case{})
	switch actor.Role {
	case models.RoleApplicant:
		q = q.Where("applicant_id = ?", actor.UserID)
		if f.AgencyID != 0 {
			q = q.Where("agency_id = ?", f.AgencyID)
		}
	case models.RoleOfficer, models.RoleSupervisor:
		if f.Scope == "assistance" {
			q = q.Where("id IN (?)", s.DB.Model(&models.Consultation{}).Select("case_id").
				Where("kind = ? AND party_agency_id = ?", "assistance", actor.AgencyID))
			if f.AgencyID != 0 {
				q = q.Where("agency_id = ?", f.AgencyID)
			}
			break
		}
		switch {
		case f.AgencyID != 0 && !actor.SeesAgency(f.AgencyID):
			return nil, 0, models.Forbidden(models.M("无权查看该机关的申请", "you may not see this agency's applications"))
		case f.AgencyID != 0:
			q = q.Where("agency_id = ?", f.AgencyID)
		case actor.Role == models.RoleSupervisor && actor.DistrictWide:
		default:
			q = q.Where("agency_id = ?", actor.AgencyID)
		}
	case models.RoleSystem:
		if f.AgencyID != 0 {
			q = q.Where("agency_id = ?", f.AgencyID)
		}
	default:
		return nil, 0, models.Forbidden(models.M("无权查看申请", "you may not see applications"))
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.Unassigned {
		q = q.Where("assignee_id IS NULL")
	} else if f.AssigneeID != 0 {
		q = q.Where("assignee_id = ?", f.AssigneeID)
	}
	if f.Channel != "" {
		q = q.Where("channel = ?", f.Channel)
	}
	for _, r := range []struct{ col, from, to string }{
		{"receipt_date", f.ReceiptFrom, f.ReceiptTo}, {"due_date", f.DueFrom, f.DueTo}, {"concluded_on", f.ConcludedFrom, f.ConcludedTo},
	} {
		if r.from != "" {
			q = q.Where(r.col+" >= ?", r.from)
		}
		if r.to != "" {
			q = q.Where(r.col+" <> '' AND "+r.col+" <= ?", r.to)
		}
	}
	if f.Outcome != "" {
		q = q.Where("outcome = ?", f.Outcome)
	}
	for _, b := range []struct {
		col string
		v   *bool
	}{{"paused", f.Paused}, {"extended", f.Extended}, {"extension_pending", f.ExtensionPending}} {
		if b.v != nil {
			q = q.Where(b.col+" = ?", *b.v)
		}
	}
	if f.OnTime != nil {
		q = q.Where("concluded_on <> '' AND on_time = ?", *f.OnTime)
	}
	if f.AwaitingApproval {
		q = q.Where("(extension_pending = ? OR status = ?)", true, models.StatusAnswerReview)
	}
	if f.Query != "" {
		like := "%" + models.EscapeLike(strings.ToLower(f.Query)) + "%"
		q = q.Where("(LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\' OR LOWER(applicant_name) LIKE ? ESCAPE '\\' OR tracking_number LIKE ? ESCAPE '\\')",
			like, like, like, strings.ToUpper(like))
	}
	if len(f.Levels) > 0 {
		asOf := s.today()
		if f.AsOf != "" {
			asOf, _ = calendar.ParseDate(f.AsOf)
		}
		q = q.Where(s.levelCondition(f.Levels, asOf))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var cases []*models.Case
	if err := q.Preload("Agency").Preload("Assignee").Order(caseSorts[f.Sort]).Offset(p.Offset).Limit(p.Limit).Find(&cases).Error; err != nil {
		return nil, 0, err
	}
	out := make([]*CaseView, 0, len(cases))
	for _, c := range cases {
		st, err := decodeState(c.State)
		if err != nil {
			return nil, 0, err
		}
		evs, err := decodeClockEvents(c.ClockEvents)
		if err != nil {
			return nil, 0, err
		}
		_, via := sees(actor, c, st)
		if f.Scope == "assistance" {
			via = true
		}
		v := &CaseView{Case: c, State: st, Events: evs, actor: actor, ViaAssistance: via}
		if err := s.complete(ctx, v, false); err != nil {
			return nil, 0, err
		}
		out = append(out, v)
	}
	return out, int(total), nil
}

// levelCondition translates clock levels into conditions on the cached
// clock columns as of today: a running case by its due date against the
// working-day thresholds, a paused one by its frozen remaining days.
func (s *CaseService) levelCondition(levels []string, today calendar.Date) *gorm.DB {
	cal := s.cal.Calendar()
	rs := s.runtime()
	urgentEnd := cal.AddWorkdays(today, rs.UrgentDays).String()
	warningEnd := cal.AddWorkdays(today, rs.WarningDays).String()
	t := today.String()
	cond := s.DB.Where("1 = 0")
	for _, l := range levels {
		var running *gorm.DB
		var paused *gorm.DB
		switch l {
		case "overdue":
			running = s.DB.Where("due_date < ?", t)
			paused = s.DB.Where("frozen_remaining < 0")
		case "urgent":
			running = s.DB.Where("due_date >= ? AND due_date <= ?", t, urgentEnd)
			paused = s.DB.Where("frozen_remaining >= 0 AND frozen_remaining <= ?", rs.UrgentDays)
		case "warning":
			running = s.DB.Where("due_date > ? AND due_date <= ?", urgentEnd, warningEnd)
			paused = s.DB.Where("frozen_remaining > ? AND frozen_remaining <= ?", rs.UrgentDays, rs.WarningDays)
		case "normal":
			running = s.DB.Where("due_date > ?", warningEnd)
			paused = s.DB.Where("frozen_remaining > ?", rs.WarningDays)
		}
		cond = cond.Or(s.DB.Where("clock_state = ?", models.ClockRunning).Where(running)).
			Or(s.DB.Where("clock_state = ?", models.ClockPaused).Where(paused))
	}
	return cond
}

// RefreshClocks recomputes the cached clock columns of every open case in
// batches, without touching versions: the cache is not part of the case's
// state.
func (s *CaseService) RefreshClocks(ctx context.Context) (int, error) {
	cal := s.cal.Calendar()
	return s.followClocks(ctx, func(c *models.Case, evs []clock.Event) (bool, error) {
		return refreshClockCache(cal, c, correctionOf(c.Correction), evs, s.today()), nil
	})
}

// followClocks walks every open case in batches, calling fn with its clock
// events; the cases fn reports changed get their cached clock saved.
func (s *CaseService) followClocks(ctx context.Context, fn func(c *models.Case, evs []clock.Event) (bool, error)) (int, error) {
	changed := 0
	for lastID := uint(0); ; {
		cases, err := models.FindOpenCasesForClocks(ctx, s.DB, lastID, 1000)
		if err != nil || len(cases) == 0 {
			return changed, err
		}
		var dirty []*models.Case
		for _, c := range cases {
			lastID = c.ID
			evs, err := decodeClockEvents(c.ClockEvents)
			if err != nil {
				return changed, err
			}
			ok, err := fn(c, evs)
			if err != nil {
				return changed, err
			}
			if ok {
				dirty = append(dirty, c)
			}
		}
		if err := models.SaveClockCaches(ctx, s.DB, dirty); err != nil {
			return changed, err
		}
		changed += len(dirty)
	}
}
