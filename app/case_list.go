package app

import (
	"context"

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
	if _, ok := models.CaseOrders[f.Sort]; !ok {
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
	scope, err := listScope(actor, f)
	if err != nil {
		return nil, 0, err
	}
	p := Page{Offset: f.Offset, Limit: f.Limit}.Normalize()
	q := models.CaseQuery{Scope: scope, Statuses: f.Statuses, AssigneeID: f.AssigneeID, Unassigned: f.Unassigned, Channel: f.Channel,
		ReceiptFrom: f.ReceiptFrom, ReceiptTo: f.ReceiptTo, DueFrom: f.DueFrom, DueTo: f.DueTo, ConcludedFrom: f.ConcludedFrom, ConcludedTo: f.ConcludedTo,
		Outcome: f.Outcome, Query: f.Query, Paused: f.Paused, Extended: f.Extended, ExtensionPending: f.ExtensionPending, OnTime: f.OnTime,
		AwaitingApproval: f.AwaitingApproval, Levels: f.Levels, Order: f.Sort, Offset: p.Offset, Limit: p.Limit}
	if len(f.Levels) > 0 {
		asOf := s.today()
		if f.AsOf != "" {
			asOf, _ = calendar.ParseDate(f.AsOf)
		}
		q.Bounds = s.levelBounds(asOf)
	}
	cases, total, err := models.FindCases(ctx, s.DB, q)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*CaseView, 0, len(cases))
	for _, c := range cases {
		v, err := s.listView(ctx, actor, c, f.Scope == "assistance")
		if err != nil {
			return nil, 0, err
		}
		out = append(out, v)
	}
	return out, total, nil
}

// listScope decides whose cases the actor's list shows.
func listScope(actor Actor, f CaseFilter) (models.CaseScope, error) {
	switch actor.Role {
	case models.RoleApplicant:
		return models.CaseScope{ApplicantID: actor.UserID, AgencyID: f.AgencyID}, nil
	case models.RoleSystem:
		return models.CaseScope{AgencyID: f.AgencyID}, nil
	case models.RoleOfficer, models.RoleSupervisor:
		switch {
		case f.Scope == "assistance":
			return models.CaseScope{AssistingAgencyID: actor.AgencyID, AgencyID: f.AgencyID}, nil
		case f.AgencyID != 0 && !actor.SeesAgency(f.AgencyID):
			return models.CaseScope{}, models.Forbidden(models.M("无权查看该机关的申请", "you may not see this agency's applications"))
		case f.AgencyID != 0:
			return models.CaseScope{AgencyID: f.AgencyID}, nil
		case actor.Role == models.RoleSupervisor && actor.DistrictWide:
			return models.CaseScope{}, nil
		}
		return models.CaseScope{AgencyID: actor.AgencyID}, nil
	}
	return models.CaseScope{}, models.Forbidden(models.M("无权查看申请", "you may not see applications"))
}

// listView completes one case of a list (no related rows).
func (s *CaseService) listView(ctx context.Context, actor Actor, c *models.Case, viaAssistance bool) (*CaseView, error) {
	st, err := decodeState(c.State)
	if err != nil {
		return nil, err
	}
	evs, err := decodeClockEvents(c.ClockEvents)
	if err != nil {
		return nil, err
	}
	_, via := sees(actor, c, st)
	v := &CaseView{Case: c, State: st, Events: evs, actor: actor, ViaAssistance: via || viaAssistance}
	if err := s.complete(ctx, v, false); err != nil {
		return nil, err
	}
	return v, nil
}

// levelBounds are the traffic-light thresholds as of a day, in dates and
// remaining working days (decisions.md, "Warning levels").
func (s *CaseService) levelBounds(asOf calendar.Date) models.LevelBounds {
	cal := s.cal.Calendar()
	rs := s.runtime()
	return models.LevelBounds{Today: asOf.String(), UrgentEnd: cal.AddWorkdays(asOf, rs.UrgentDays).String(),
		WarningEnd: cal.AddWorkdays(asOf, rs.WarningDays).String(), Urgent: rs.UrgentDays, Warning: rs.WarningDays}
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
