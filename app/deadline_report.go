package app

import (
	"context"
	"strconv"

	"gongkai/app/calendar"
	"gongkai/models"
)

// Figure is a count with the case-list filters that show the cases behind
// it (the query parameters of GET /api/v1/applications).
type Figure struct {
	Count   int               `json:"count"`
	Filters map[string]string `json:"filters"`
}

// LoadCounts are the open cases of an agency or officer by clock state.
type LoadCounts struct {
	Open     Figure `json:"open"`
	Normal   Figure `json:"normal"`
	Warning  Figure `json:"warning"`
	Urgent   Figure `json:"urgent"`
	Overdue  Figure `json:"overdue"`
	Paused   Figure `json:"paused"`
	Extended Figure `json:"extended"`
	DueSoon  Figure `json:"dueNext5"`
}

// AgencyLoad is one agency's open cases.
type AgencyLoad struct {
	Agency AgencyRef `json:"agency"`
	LoadCounts
}

// OfficerLoad is one officer's open cases (ID 0: unassigned).
type OfficerLoad struct {
	OfficerID   uint   `json:"officerId"`
	OfficerName string `json:"officerName"`
	AgencyID    uint   `json:"agencyId"`
	AgencyName  string `json:"agencyName"`
	LoadCounts
}

// OverdueCase is a line of the overdue list.
type OverdueCase struct {
	CaseID         uint   `json:"caseId"`
	TrackingNumber string `json:"trackingNumber"`
	Title          string `json:"title"`
	AgencyID       uint   `json:"agencyId"`
	AgencyName     string `json:"agencyName"`
	DueDate        string `json:"dueDate"`
	DaysOverdue    int    `json:"daysOverdue"`
	Paused         bool   `json:"paused"`
	AssigneeID     *uint  `json:"assigneeId"`
	Assignee       string `json:"assignee"`
}

// PeriodStats describe the cases concluded in a period.
type PeriodStats struct {
	Concluded     Figure         `json:"concluded"`
	OnTime        Figure         `json:"onTime"`
	Late          Figure         `json:"late"`
	OnTimeRate    float64        `json:"onTimeRate"`
	MedianDays    int            `json:"medianWorkingDays"`
	P90Days       int            `json:"p90WorkingDays"`
	Extended      Figure         `json:"extended"`
	ExtensionRate float64        `json:"extensionRate"`
	Outcomes      map[string]int `json:"outcomes"`
}

// MonthStat is one month of the trend.
type MonthStat struct {
	Month     string `json:"month"`
	Received  int    `json:"received"`
	Concluded int    `json:"concluded"`
	OnTime    int    `json:"onTime"`
}

// DeadlineReport is the supervisors' deadline report.
type DeadlineReport struct {
	AsOf     calendar.Date `json:"asOf"`
	From     calendar.Date `json:"from"`
	To       calendar.Date `json:"to"`
	Agency   *AgencyRef    `json:"agency"`
	Totals   LoadCounts    `json:"totals"`
	Agencies []AgencyLoad  `json:"agencies"`
	Officers []OfficerLoad `json:"officers"`
	Overdue  []OverdueCase `json:"overdue"`
	Period   PeriodStats   `json:"period"`
	Trend    []MonthStat   `json:"trend"`
}

var openStatusFilter = "submitted,registered,correction_requested,handling,answer_review"

// overdueListLimit bounds the overdue list of the deadline report.
const overdueListLimit = 500

// loadLevels are the traffic-light bounds as of today, from the runtime
// settings and the working-day calendar.
func (s *ReportService) loadLevels(today calendar.Date) models.LoadLevels {
	cal := s.cal.Calendar()
	rs := s.settings.Get()
	return models.LoadLevels{
		Today:    today.String(),
		UrgentBy: cal.AddWorkdays(today, rs.UrgentDays).String(), WarningBy: cal.AddWorkdays(today, rs.WarningDays).String(),
		UrgentDays: rs.UrgentDays, WarningDays: rs.WarningDays,
	}
}

// withFilters merges case-list filters: first, then base, then the
// key-value pairs kv.
func withFilters(first, base map[string]string, kv ...string) map[string]string {
	m := map[string]string{}
	for k, v := range first {
		m[k] = v
	}
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// loadCounts turns a row of open-case counts into figures whose filters
// (base and the open statuses) list the cases behind them.
func loadCounts(l models.LoadRow, base map[string]string) LoadCounts {
	open := map[string]string{"status": openStatusFilter}
	with := func(kv ...string) map[string]string { return withFilters(open, base, kv...) }
	return LoadCounts{
		Open: Figure{l.Open, with()}, Normal: Figure{l.Normal, with("level", "normal")}, Warning: Figure{l.Warning, with("level", "warning")},
		Urgent: Figure{l.Urgent, with("level", "urgent")}, Overdue: Figure{l.Overdue, with("level", "overdue")},
		Paused: Figure{l.Paused, with("paused", "true")}, Extended: Figure{l.Extended, with("extended", "true")},
		// Running clocks due within five working days: the urgent and
		// warning levels of unpaused cases.
		DueSoon: Figure{l.DueSoon, with("level", "urgent,warning", "paused", "false")},
	}
}

// deadlineQuery is what every part of a deadline report is computed for.
type deadlineQuery struct {
	agencyID uint
	levels   models.LoadLevels
	// agencies are every agency by ID, to name them.
	agencies map[uint]*models.Agency
	// base holds the case-list filters every figure shares.
	base map[string]string
}

// Deadlines computes the deadline report as of asOf for an agency (0: every
// agency the actor may see), with the statistics of cases concluded from
// from to to. Every figure aggregates in SQL over the cached clock columns.
func (s *ReportService) Deadlines(ctx context.Context, actor Actor, asOf, from, to calendar.Date, agencyID uint) (*DeadlineReport, error) {
	if agencyID == 0 && !(actor.Role == models.RoleSupervisor && actor.DistrictWide) && actor.Role != models.RoleSystem {
		agencyID = actor.AgencyID
	}
	if err := reportScope(actor, agencyID); err != nil {
		return nil, err
	}
	if to < from {
		return nil, models.InvalidField("to", models.M("结束日期不能早于开始日期", "to must not be before from"))
	}
	ref, found, err := s.agencyRef(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	r := &DeadlineReport{AsOf: asOf, From: from, To: to, Agencies: []AgencyLoad{}, Officers: []OfficerLoad{}, Overdue: []OverdueCase{}, Trend: []MonthStat{}}
	if found {
		r.Agency = &ref
	}
	agencies, err := models.FindAgencies(ctx, s.DB, false)
	if err != nil {
		return nil, err
	}
	q := deadlineQuery{agencyID: agencyID, levels: s.loadLevels(asOf), base: map[string]string{}, agencies: map[uint]*models.Agency{}}
	for _, a := range agencies {
		q.agencies[a.ID] = a
	}
	if asOf != calendar.FromTime(s.Now()) {
		q.base["asOf"] = asOf.String()
	}
	if agencyID != 0 {
		q.base["agencyId"] = strconv.Itoa(int(agencyID))
	}
	for _, part := range []func(context.Context, *DeadlineReport, deadlineQuery) error{s.agencyLoads, s.officerLoads, s.overdueList, s.period} {
		if err := part(ctx, r, q); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// scopedFilters are the filters of one agency's figures, keeping the
// report's as-of day.
func (q deadlineQuery) scopedFilters(agencyID uint) map[string]string {
	m := map[string]string{"agencyId": strconv.Itoa(int(agencyID))}
	if v, ok := q.base["asOf"]; ok {
		m["asOf"] = v
	}
	return m
}

// agencyName is the name of agency id, empty for none.
func (q deadlineQuery) agencyName(id uint) string {
	if a := q.agencies[id]; a != nil {
		return a.Name
	}
	return ""
}

// agencyLoads fills the open cases per agency and their totals.
func (s *ReportService) agencyLoads(ctx context.Context, r *DeadlineReport, q deadlineQuery) error {
	byAgency, err := models.CountOpenLoadByAgency(ctx, s.DB, q.agencyID, q.levels)
	if err != nil {
		return err
	}
	var total models.LoadRow
	for _, l := range byAgency {
		a := q.agencies[l.Key]
		if a == nil {
			continue
		}
		r.Agencies = append(r.Agencies, AgencyLoad{Agency: agencyRefOf(a), LoadCounts: loadCounts(l, q.scopedFilters(l.Key))})
		total.Add(l)
	}
	r.Totals = loadCounts(total, q.base)
	return nil
}

// officerLoads fills the open cases per officer (0: unassigned).
func (s *ReportService) officerLoads(ctx context.Context, r *DeadlineReport, q deadlineQuery) error {
	byOfficer, err := models.CountOpenLoadByOfficer(ctx, s.DB, q.agencyID, q.levels)
	if err != nil {
		return err
	}
	var ids []uint
	for _, o := range byOfficer {
		ids = append(ids, o.Key)
	}
	names, err := models.FindUserDisplayNames(ctx, s.DB, ids)
	if err != nil {
		return err
	}
	for _, o := range byOfficer {
		ob := q.scopedFilters(o.AgencyID)
		name := names[o.Key]
		if o.Key == 0 {
			ob["unassigned"], name = "true", "未分配"
		} else {
			ob["assigneeId"] = strconv.Itoa(int(o.Key))
		}
		r.Officers = append(r.Officers, OfficerLoad{OfficerID: o.Key, OfficerName: name, AgencyID: o.AgencyID, AgencyName: q.agencyName(o.AgencyID), LoadCounts: loadCounts(o.LoadRow(), ob)})
	}
	return nil
}

// overdueList fills the overdue cases, earliest due first.
func (s *ReportService) overdueList(ctx context.Context, r *DeadlineReport, q deadlineQuery) error {
	overdue, err := models.FindOverdueCases(ctx, s.DB, q.agencyID, r.AsOf.String(), overdueListLimit)
	if err != nil {
		return err
	}
	cal := s.cal.Calendar()
	for _, c := range overdue {
		due, _ := calendar.ParseDate(c.DueDate)
		days := max(1, cal.WorkdaysBetween(due, r.AsOf))
		if c.Paused {
			days = -c.FrozenRemaining
		}
		oc := OverdueCase{CaseID: c.ID, TrackingNumber: c.TrackingNumber, Title: c.Title, AgencyID: c.AgencyID, AgencyName: q.agencyName(c.AgencyID), DueDate: c.DueDate, DaysOverdue: days, Paused: c.Paused, AssigneeID: c.AssigneeID}
		if c.Assignee != nil {
			oc.Assignee = c.Assignee.DisplayName
		}
		r.Overdue = append(r.Overdue, oc)
	}
	return nil
}

// period fills the statistics of the cases concluded from r.From to r.To
// with two grouped queries over the covering report index (by month and
// outcome; by answer time, whose histogram gives the percentiles) and one
// for the applications received.
func (s *ReportService) period(ctx context.Context, r *DeadlineReport, q deadlineQuery) error {
	p := models.ReportPeriod{From: r.From.String(), To: r.To.String(), FromYear: r.From.Year(), ToYear: r.To.Year()}
	groups, err := models.CountConcludedByMonth(ctx, s.DB, q.agencyID, p)
	if err != nil {
		return err
	}
	months := monthStats{}
	r.Period = periodStats(groups, months, withFilters(map[string]string{"concludedFrom": p.From, "concludedTo": p.To}, q.base))
	if n := r.Period.Concluded.Count; n > 0 {
		hist, err := models.CountConcludedByAnswerTime(ctx, s.DB, q.agencyID, p)
		if err != nil {
			return err
		}
		r.Period.MedianDays, r.Period.P90Days = nthAnswerTime(hist, n, 0.5), nthAnswerTime(hist, n, 0.9)
	}
	rec, err := models.CountReceivedByMonth(ctx, s.DB, q.agencyID, p)
	if err != nil {
		return err
	}
	for _, x := range rec {
		months.get(x.M).Received = x.N
	}
	r.Trend = months.trend(r.From, r.To)
	return nil
}

// monthStats collects the trend by month (YYYY-MM).
type monthStats map[string]*MonthStat

func (ms monthStats) get(m string) *MonthStat {
	if ms[m] == nil {
		ms[m] = &MonthStat{Month: m}
	}
	return ms[m]
}

// trend lists every month from from's to to's, empty months included.
func (ms monthStats) trend(from, to calendar.Date) []MonthStat {
	out := []MonthStat{}
	last := to.String()[:7]
	for y, mo := from.Year(), monthOf(from); ; {
		key := strconv.Itoa(y) + "-" + twoDigits(mo)
		if key > last {
			break
		}
		out = append(out, *ms.get(key))
		if mo++; mo > 12 {
			y, mo = y+1, 1
		}
	}
	return out
}

// periodStats sums the concluded groups into the period's figures (whose
// filters start from base) and their months.
func periodStats(groups []models.ConcludedGroup, months monthStats, base map[string]string) PeriodStats {
	var n, onTime, extended int
	outcomes := map[string]int{}
	for _, g := range groups {
		n, onTime, extended = n+g.N, onTime+g.OnTime, extended+g.Extended
		outcomes[g.Outcome] += g.N
		m := months.get(g.M)
		m.Concluded, m.OnTime = m.Concluded+g.N, m.OnTime+g.OnTime
	}
	with := func(kv ...string) map[string]string { return withFilters(base, nil, kv...) }
	p := PeriodStats{Concluded: Figure{n, with()}, OnTime: Figure{onTime, with("onTime", "true")}, Late: Figure{n - onTime, with("onTime", "false")},
		Extended: Figure{extended, with("extended", "true")}, Outcomes: outcomes}
	if n > 0 {
		p.OnTimeRate = float64(int(float64(onTime)/float64(n)*10000)) / 10000
		p.ExtensionRate = float64(int(float64(extended)/float64(n)*10000)) / 10000
	}
	return p
}

// nthAnswerTime is the k-th smallest answer time, k = q·(n−1), from the
// histogram of n answer times.
func nthAnswerTime(hist []models.AnswerTimeCount, n int, q float64) int {
	k := int(q * float64(n-1))
	for _, h := range hist {
		if k < h.N {
			return h.Days
		}
		k -= h.N
	}
	return 0
}

func monthOf(d calendar.Date) int {
	_, m, _ := d.YMD()
	return m
}

func twoDigits(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 2 {
		return "0" + s
	}
	return s
}
