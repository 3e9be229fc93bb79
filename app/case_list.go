package app

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

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
	// After is the previous page's NextCursor: the page starts after it
	// (keyset pagination, as fast at page 500 as at page 1) instead of at
	// Offset.
	After string

	after *models.CaseCursor
}

// CaseCountCap is where a list stops counting: past it the total reads
// "10,000+" and the count's cost no longer grows with the matches.
const CaseCountCap = 10000

// CaseList is one page of a case list.
type CaseList struct {
	Items []*CaseView
	// Total counts the matches; when TotalCapped there are more than
	// CaseCountCap and Total is CaseCountCap.
	Total       int
	TotalCapped bool
	// NextCursor continues the list after this page ("" on the last).
	NextCursor string
}

// encodeCursor writes a position in the order sort as an opaque cursor.
func encodeCursor(sort string, cur models.CaseCursor) string {
	return base64.RawURLEncoding.EncodeToString([]byte(sort + "|" + cur.Key + "|" + strconv.FormatUint(uint64(cur.ID), 10)))
}

// decodeCursor reads a cursor of the order sort.
func decodeCursor(sort, s string) (*models.CaseCursor, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	parts := strings.Split(string(b), "|")
	if len(parts) != 3 || parts[0] != sort {
		return nil, false
	}
	id, err := strconv.ParseUint(parts[2], 10, 32)
	if err != nil || id == 0 {
		return nil, false
	}
	return &models.CaseCursor{Key: parts[1], ID: uint(id)}, true
}

// checkCursor decodes f.After for f.Sort; a cursor excludes an offset.
func checkCursor(f *CaseFilter, fs *models.Fields) {
	if f.After == "" {
		return
	}
	cur, ok := decodeCursor(f.Sort, f.After)
	switch {
	case !ok:
		fs.Add("after", "分页位置无效或与排序方式不符，请从第一页重新开始", "after is not a cursor of this sort order; start again from the first page")
	case f.Offset > 0:
		fs.Add("after", "after 与 offset 不能同时使用", "after and offset cannot be combined")
	default:
		f.after = cur
	}
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
	if !models.IsCaseOrder(f.Sort) {
		fs.Add("sort", "排序须为 due、-due、receipt、-receipt、created 或 -created", "sort must be due, -due, receipt, -receipt, created or -created")
	} else {
		checkCursor(f, &fs)
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
	l, err := s.FindPage(ctx, actor, f)
	return l.Items, l.Total, err
}

// FindPage is Find with the page's cursor and whether the count stopped
// at CaseCountCap.
func (s *CaseService) FindPage(ctx context.Context, actor Actor, f CaseFilter) (CaseList, error) {
	var l CaseList
	if err := ValidateCaseFilter(&f); err != nil {
		return l, err
	}
	scope, err := listScope(actor, f)
	if err != nil {
		return l, err
	}
	p := Page{Offset: f.Offset, Limit: f.Limit}.Normalize()
	q := models.CaseQuery{Scope: scope, Statuses: f.Statuses, AssigneeID: f.AssigneeID, Unassigned: f.Unassigned, Channel: f.Channel,
		ReceiptFrom: f.ReceiptFrom, ReceiptTo: f.ReceiptTo, DueFrom: f.DueFrom, DueTo: f.DueTo, ConcludedFrom: f.ConcludedFrom, ConcludedTo: f.ConcludedTo,
		Outcome: f.Outcome, Query: f.Query, Paused: f.Paused, Extended: f.Extended, ExtensionPending: f.ExtensionPending, OnTime: f.OnTime,
		AwaitingApproval: f.AwaitingApproval, Levels: f.Levels, Order: f.Sort, Offset: p.Offset, Limit: p.Limit, After: f.after, CountCap: CaseCountCap}
	if len(f.Levels) > 0 {
		asOf := s.today()
		if f.AsOf != "" {
			asOf, _ = calendar.ParseDate(f.AsOf)
		}
		q.Bounds = s.levelBounds(asOf)
	}
	pg, err := models.FindCases(ctx, s.DB, q)
	if err != nil {
		return l, err
	}
	l.Items = make([]*CaseView, 0, len(pg.Cases))
	for _, c := range pg.Cases {
		v, err := s.listView(ctx, actor, c, f.Scope == "assistance")
		if err != nil {
			return CaseList{}, err
		}
		l.Items = append(l.Items, v)
	}
	l.Total, l.TotalCapped = pg.Total, pg.Capped
	if pg.Capped {
		l.Total = CaseCountCap
	}
	if pg.More {
		l.NextCursor = encodeCursor(f.Sort, models.CursorOf(f.Sort, pg.Cases[len(pg.Cases)-1]))
	}
	return l, nil
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
