package app

import (
	"context"
	"strconv"

	"gorm.io/gorm"

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
	LoadCounts
}

// OverdueCase is a line of the overdue list.
type OverdueCase struct {
	CaseID         uint   `json:"caseId"`
	TrackingNumber string `json:"trackingNumber"`
	Title          string `json:"title"`
	AgencyID       uint   `json:"agencyId"`
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

// levelSums are the SQL sums behind LoadCounts, on the cached clock
// columns, as of today.
func (s *ReportService) levelSums(today calendar.Date) (string, []any) {
	cal := s.cal.Calendar()
	rs := s.settings.Get()
	t := today.String()
	u := cal.AddWorkdays(today, rs.UrgentDays).String()
	w := cal.AddWorkdays(today, rs.WarningDays).String()
	sql := `COUNT(*) AS open,
		SUM(CASE WHEN (clock_state = 'running' AND due_date < ?) OR (clock_state = 'paused' AND frozen_remaining < 0) THEN 1 ELSE 0 END) AS overdue,
		SUM(CASE WHEN (clock_state = 'running' AND due_date >= ? AND due_date <= ?) OR (clock_state = 'paused' AND frozen_remaining >= 0 AND frozen_remaining <= ?) THEN 1 ELSE 0 END) AS urgent,
		SUM(CASE WHEN (clock_state = 'running' AND due_date > ? AND due_date <= ?) OR (clock_state = 'paused' AND frozen_remaining > ? AND frozen_remaining <= ?) THEN 1 ELSE 0 END) AS warning,
		SUM(CASE WHEN (clock_state = 'running' AND due_date > ?) OR (clock_state = 'paused' AND frozen_remaining > ?) THEN 1 ELSE 0 END) AS normal,
		SUM(CASE WHEN paused THEN 1 ELSE 0 END) AS paused,
		SUM(CASE WHEN extended THEN 1 ELSE 0 END) AS extended,
		SUM(CASE WHEN clock_state = 'running' AND due_date >= ? AND due_date <= ? THEN 1 ELSE 0 END) AS due_soon`
	args := []any{t, t, u, rs.UrgentDays, u, w, rs.UrgentDays, rs.WarningDays, w, rs.WarningDays, t, w}
	return sql, args
}

type loadRow struct {
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

func (l loadRow) counts(base map[string]string) LoadCounts {
	with := func(kv ...string) map[string]string {
		m := map[string]string{"status": openStatusFilter}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	return LoadCounts{
		Open: Figure{l.Open, with()}, Normal: Figure{l.Normal, with("level", "normal")}, Warning: Figure{l.Warning, with("level", "warning")},
		Urgent: Figure{l.Urgent, with("level", "urgent")}, Overdue: Figure{l.Overdue, with("level", "overdue")},
		Paused: Figure{l.Paused, with("paused", "true")}, Extended: Figure{l.Extended, with("extended", "true")},
		// Running clocks due within five working days: the urgent and
		// warning levels of unpaused cases.
		DueSoon: Figure{l.DueSoon, with("level", "urgent,warning", "paused", "false")},
	}
}

// officerRow is loadRow with the agency (a flat struct: GORM scans no
// embedded structs).
type officerRow struct {
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

func (o officerRow) loadRow() loadRow {
	return loadRow{o.Key, o.Open, o.Overdue, o.Urgent, o.Warning, o.Normal, o.Paused, o.Extended, o.DueSoon}
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
	ref, err := s.agencyRef(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	cal := s.cal.Calendar()
	r := &DeadlineReport{AsOf: asOf, From: from, To: to, Agency: ref, Agencies: []AgencyLoad{}, Officers: []OfficerLoad{}, Overdue: []OverdueCase{}, Trend: []MonthStat{}}
	scope := func(q *gorm.DB) *gorm.DB {
		if agencyID != 0 {
			return q.Where("agency_id = ?", agencyID)
		}
		return q
	}
	base := map[string]string{}
	if asOf != calendar.FromTime(s.Now()) {
		base["asOf"] = asOf.String()
	}
	if agencyID != 0 {
		base["agencyId"] = strconv.Itoa(int(agencyID))
	}
	sums, args := s.levelSums(asOf)

	// Per agency.
	var byAgency []loadRow
	q := scope(s.DB.WithContext(ctx).Model(&models.Case{}).Select("agency_id AS key, "+sums, args...).Where("status IN ?", models.OpenStatuses))
	if err := q.Group("agency_id").Order("agency_id").Scan(&byAgency).Error; err != nil {
		return nil, err
	}
	agencies, err := models.FindAgencies(ctx, s.DB, false)
	if err != nil {
		return nil, err
	}
	names := map[uint]*models.Agency{}
	for _, a := range agencies {
		names[a.ID] = a
	}
	var total loadRow
	for _, l := range byAgency {
		a := names[l.Key]
		if a == nil {
			continue
		}
		ab := map[string]string{"agencyId": strconv.Itoa(int(l.Key))}
		if v, ok := base["asOf"]; ok {
			ab["asOf"] = v
		}
		r.Agencies = append(r.Agencies, AgencyLoad{Agency: AgencyRef{ID: a.ID, Name: a.Name, ShortName: a.ShortName}, LoadCounts: l.counts(ab)})
		total.Open += l.Open
		total.Overdue += l.Overdue
		total.Urgent += l.Urgent
		total.Warning += l.Warning
		total.Normal += l.Normal
		total.Paused += l.Paused
		total.Extended += l.Extended
		total.DueSoon += l.DueSoon
	}
	r.Totals = total.counts(base)

	// Per officer.
	var byOfficer []officerRow
	q = scope(s.DB.WithContext(ctx).Model(&models.Case{}).Select("COALESCE(assignee_id, 0) AS key, agency_id, "+sums, args...).Where("status IN ?", models.OpenStatuses))
	if err := q.Group("COALESCE(assignee_id, 0), agency_id").Order("agency_id, key").Scan(&byOfficer).Error; err != nil {
		return nil, err
	}
	var ids []uint
	for _, o := range byOfficer {
		ids = append(ids, o.Key)
	}
	officerNames := map[uint]string{}
	if len(ids) > 0 {
		var us []models.User
		s.DB.WithContext(ctx).Select("id, display_name").Where("id IN ?", ids).Find(&us)
		for _, u := range us {
			officerNames[u.ID] = u.DisplayName
		}
	}
	for _, o := range byOfficer {
		ob := map[string]string{"agencyId": strconv.Itoa(int(o.AgencyID))}
		if v, ok := base["asOf"]; ok {
			ob["asOf"] = v
		}
		name := officerNames[o.Key]
		if o.Key == 0 {
			ob["unassigned"], name = "true", "未分配"
		} else {
			ob["assigneeId"] = strconv.Itoa(int(o.Key))
		}
		r.Officers = append(r.Officers, OfficerLoad{OfficerID: o.Key, OfficerName: name, AgencyID: o.AgencyID, LoadCounts: o.loadRow().counts(ob)})
	}

	// The overdue list.
	var overdue []models.Case
	q = scope(s.DB.WithContext(ctx).Model(&models.Case{}).Preload("Assignee").
		Select("id, tracking_number, title, agency_id, due_date, paused, frozen_remaining, clock_state, assignee_id").
		Where("status IN ?", models.OpenStatuses).
		Where("(clock_state = 'running' AND due_date < ?) OR (clock_state = 'paused' AND frozen_remaining < 0)", asOf.String()))
	if err := q.Order("due_date, id").Limit(500).Find(&overdue).Error; err != nil {
		return nil, err
	}
	for _, c := range overdue {
		due, _ := calendar.ParseDate(c.DueDate)
		days := max(1, cal.WorkdaysBetween(due, asOf))
		if c.Paused {
			days = -c.FrozenRemaining
		}
		oc := OverdueCase{CaseID: c.ID, TrackingNumber: c.TrackingNumber, Title: c.Title, AgencyID: c.AgencyID, DueDate: c.DueDate, DaysOverdue: days, Paused: c.Paused, AssigneeID: c.AssigneeID}
		if c.Assignee != nil {
			oc.Assignee = c.Assignee.DisplayName
		}
		r.Overdue = append(r.Overdue, oc)
	}

	if err := s.period(ctx, r, scope, base); err != nil {
		return nil, err
	}
	return r, nil
}

// period fills the statistics of the cases concluded from r.From to r.To
// with two grouped queries over the covering report index (by month and
// outcome; by answer time, whose histogram gives the percentiles) and one
// for the applications received.
func (s *ReportService) period(ctx context.Context, r *DeadlineReport, scope func(*gorm.DB) *gorm.DB, base map[string]string) error {
	from, to := r.From.String(), r.To.String()
	concluded := func() *gorm.DB {
		return scope(s.DB.WithContext(ctx).Model(&models.Case{})).
			Where("concluded_year BETWEEN ? AND ? AND concluded_on >= ? AND concluded_on <= ?", r.From.Year(), r.To.Year(), from, to)
	}
	var groups []struct {
		M        string
		Outcome  string
		N        int
		OnTime   int
		Extended int
	}
	if err := concluded().Select("SUBSTR(concluded_on, 1, 7) AS m, outcome, COUNT(*) AS n, SUM(CASE WHEN on_time THEN 1 ELSE 0 END) AS on_time, SUM(CASE WHEN extended THEN 1 ELSE 0 END) AS extended").
		Group("SUBSTR(concluded_on, 1, 7), outcome").Scan(&groups).Error; err != nil {
		return err
	}
	months := map[string]*MonthStat{}
	get := func(m string) *MonthStat {
		if months[m] == nil {
			months[m] = &MonthStat{Month: m}
		}
		return months[m]
	}
	var n, onTime, extended int
	outcomes := map[string]int{}
	for _, g := range groups {
		n, onTime, extended = n+g.N, onTime+g.OnTime, extended+g.Extended
		outcomes[g.Outcome] += g.N
		m := get(g.M)
		m.Concluded, m.OnTime = m.Concluded+g.N, m.OnTime+g.OnTime
	}
	with := func(kv ...string) map[string]string {
		m := map[string]string{"concludedFrom": from, "concludedTo": to}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	p := PeriodStats{Concluded: Figure{n, with()}, OnTime: Figure{onTime, with("onTime", "true")}, Late: Figure{n - onTime, with("onTime", "false")},
		Extended: Figure{extended, with("extended", "true")}, Outcomes: outcomes}
	if n > 0 {
		p.OnTimeRate = float64(int(float64(onTime)/float64(n)*10000)) / 10000
		p.ExtensionRate = float64(int(float64(extended)/float64(n)*10000)) / 10000
		var hist []struct {
			Days int
			N    int
		}
		if err := concluded().Select("elapsed_workdays AS days, COUNT(*) AS n").Group("elapsed_workdays").Order("elapsed_workdays").Scan(&hist).Error; err != nil {
			return err
		}
		// The k-th smallest answer time, k = q·(n−1), from the histogram.
		nth := func(q float64) int {
			k := int(q * float64(n-1))
			for _, h := range hist {
				if k < h.N {
					return h.Days
				}
				k -= h.N
			}
			return 0
		}
		p.MedianDays, p.P90Days = nth(0.5), nth(0.9)
	}
	r.Period = p

	var rec []struct {
		M string
		N int
	}
	if err := scope(s.DB.WithContext(ctx).Model(&models.Case{})).Select("SUBSTR(receipt_date, 1, 7) AS m, COUNT(*) AS n").
		Where("receipt_year BETWEEN ? AND ? AND receipt_date >= ? AND receipt_date <= ?", r.From.Year(), r.To.Year(), from, to).Group("SUBSTR(receipt_date, 1, 7)").Scan(&rec).Error; err != nil {
		return err
	}
	for _, x := range rec {
		get(x.M).Received = x.N
	}
	for y, mo := r.From.Year(), monthOf(r.From); ; {
		key := strconv.Itoa(y) + "-" + twoDigits(mo)
		if key > to[:7] {
			break
		}
		r.Trend = append(r.Trend, *get(key))
		if mo++; mo > 12 {
			y, mo = y+1, 1
		}
	}
	return nil
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
