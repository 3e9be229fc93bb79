package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/pdfdoc"
	"gongkai/models"
)

// ReportColumn is a column of table 三: an applicant category.
type ReportColumn struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Group is 法人或其他组织 for its five sub-columns.
	Group string `json:"group,omitempty"`
}

// AnnualColumns are the applicant columns of table 三 (国办公开办函〔2021〕30号).
var AnnualColumns = []ReportColumn{
	{"natural", "自然人", ""},
	{"commercial", "商业企业", "法人或其他组织"},
	{"research", "科研机构", "法人或其他组织"},
	{"public_welfare", "社会公益组织", "法人或其他组织"},
	{"legal_service", "法律服务机构", "法人或其他组织"},
	{"other_org", "其他", "法人或其他组织"},
	{"total", "总计", ""},
}

// AnnualCornerNote is the note in the table's top-left cell.
const AnnualCornerNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// ReportRow is a row of table 三; header rows carry no values.
type ReportRow struct {
	Key    string         `json:"key"`
	Label  string         `json:"label"`
	Header bool           `json:"header,omitempty"`
	Level  int            `json:"level"`
	Values map[string]int `json:"values,omitempty"`
}

// RemedyColumn is a column of table 四.
type RemedyColumn struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Group    string `json:"group"`
	Subgroup string `json:"subgroup,omitempty"`
}

// RemedyTable is table 四 "政府信息公开行政复议、行政诉讼情况".
type RemedyTable struct {
	Columns []RemedyColumn `json:"columns"`
	Values  map[string]int `json:"values"`
}

// ReportCheck is one of the table's consistency rules, computed.
type ReportCheck struct {
	Rule   string `json:"rule"`
	Column string `json:"column,omitempty"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
}

// ReportCorrection is a figure that changed after the year was locked.
type ReportCorrection struct {
	Row       string `json:"row"`
	Column    string `json:"column"`
	Published int    `json:"published"`
	Current   int    `json:"current"`
}

// AnnualReport is parts 三 and 四 of the statutory annual report (Art 50)
// and the year's fee income.
type AnnualReport struct {
	Year        int                `json:"year"`
	Agency      *AgencyRef         `json:"agency"`
	CornerNote  string             `json:"cornerNote"`
	Columns     []ReportColumn     `json:"columns"`
	Rows        []ReportRow        `json:"rows"`
	Remedies    RemedyTable        `json:"remedies"`
	FeeIncome   int                `json:"feeIncome"`
	Checks      []ReportCheck      `json:"checks"`
	Locked      bool               `json:"locked"`
	LockedAt    *time.Time         `json:"lockedAt,omitempty"`
	Corrections []ReportCorrection `json:"corrections,omitempty"`
	// ImportedCases is how many of the year's cases are legacy cases
	// imported from the agency's register (历史导入); nil when none.
	ImportedCases *ImportedCases `json:"importedCases,omitempty"`
	GeneratedAt   time.Time      `json:"generatedAt"`
}

// ImportedCases counts the legacy cases in an annual report's rows 一
// (new), 三 (concluded) and 四 (carried out).
type ImportedCases struct {
	New        int `json:"new"`
	Concluded  int `json:"concluded"`
	CarriedOut int `json:"carriedOut"`
}

// AgencyRef names an agency in a report.
type AgencyRef struct {
	ID        uint   `json:"id"`
	Name      string `json:"name"`
	ShortName string `json:"shortName"`
	// Code is the agency's short Latin code (ZFB), which names files.
	Code string `json:"code"`
}

func agencyRefOf(a *models.Agency) AgencyRef {
	return AgencyRef{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Code: a.Code}
}

// annualRows lays out table 三: the outcome rows come from the one outcome
// table in models (models.Outcomes).
func annualRows() []ReportRow {
	rows := []ReportRow{
		{Key: "new", Label: "一、本年新收政府信息公开申请数量", Level: 0},
		{Key: "carried_in", Label: "二、上年结转政府信息公开申请数量", Level: 0},
		{Key: "results", Label: "三、本年度办理结果", Header: true, Level: 0},
	}
	seen := map[string]bool{}
	for _, g := range models.OutcomeGroups {
		leaves := []models.Outcome{}
		for _, o := range models.Outcomes {
			if o.Group == g.Key && !seen[o.Row] && o.Key == o.Row {
				seen[o.Row] = true
				leaves = append(leaves, o)
			}
		}
		if len(leaves) == 1 && leaves[0].Row == g.Key {
			rows = append(rows, ReportRow{Key: g.Key, Label: g.Label, Level: 1})
			continue
		}
		rows = append(rows, ReportRow{Key: g.Key, Label: g.Label, Header: true, Level: 1})
		for _, o := range leaves {
			rows = append(rows, ReportRow{Key: o.Row, Label: o.Label, Level: 2})
		}
	}
	return append(rows,
		ReportRow{Key: "total", Label: "（七）总计", Level: 1},
		ReportRow{Key: "carried_out", Label: "四、结转下年度继续办理", Level: 0})
}

var remedyColumns = func() []RemedyColumn {
	results := []struct{ key, label string }{{"upheld", "结果维持"}, {"corrected", "结果纠正"}, {"other", "其他结果"}, {"pending", "尚未审结"}, {"total", "总计"}}
	var cols []RemedyColumn
	for _, r := range results {
		cols = append(cols, RemedyColumn{Key: "reconsideration." + r.key, Label: r.label, Group: "行政复议"})
	}
	for _, sub := range []struct{ key, label string }{{"litigation_direct", "未经复议直接起诉"}, {"litigation_after_reconsideration", "复议后起诉"}} {
		for _, r := range results {
			cols = append(cols, RemedyColumn{Key: sub.key + "." + r.key, Label: r.label, Group: "行政诉讼", Subgroup: sub.label})
		}
	}
	return cols
}()

// columnOf maps a case's applicant to its column.
func columnOf(t models.ApplicantType, cat models.OrgCategory) string {
	if t == models.ApplicantNatural {
		return "natural"
	}
	switch cat {
	case models.OrgCommercial, models.OrgResearch, models.OrgPublicWelfare, models.OrgLegalService:
		return string(cat)
	}
	return "other_org"
}

// ReportService computes the supervisors' reports in SQL. Errors:
// KindInvalid, KindForbidden, KindConflict, KindNotFound.
type ReportService struct {
	Deps
	cal      *CalendarService
	settings *SettingsService
	// pdf renders the annual report as PDF; nil (with the reason) where no
	// fonts are installed.
	pdf            *pdfdoc.Renderer
	pdfUnavailable string
}

// reportScope checks who may see an agency's report (agencyID 0: the
// whole government, district-wide supervisors only).
func reportScope(actor Actor, agencyID uint) error {
	switch {
	case actor.Role == models.RoleSystem:
		return nil
	case agencyID == 0 && actor.Role == models.RoleSupervisor && actor.DistrictWide:
		return nil
	case agencyID == 0:
		return models.Forbidden(models.M("只有全区负责人可以查看全区报表，请选择本机关", "only district-wide supervisors see the whole government; choose your agency"))
	case actor.IsStaff() && actor.SeesAgency(agencyID):
		return nil
	}
	return models.Forbidden(models.M("无权查看该机关的报表", "you may not see this agency's reports"))
}

// agencyRef names the agency of a report; found is false for the whole
// government (id 0).
func (s *ReportService) agencyRef(ctx context.Context, id uint) (ref AgencyRef, found bool, err error) {
	if id == 0 {
		return AgencyRef{}, false, nil
	}
	a, err := models.FindAgencyByID(ctx, s.DB, id)
	if err := unexpected(err); err != nil {
		return AgencyRef{}, false, err
	}
	if err != nil {
		return AgencyRef{}, false, models.InvalidField("agencyId", models.M("机关不存在", "no such agency"))
	}
	return agencyRefOf(a), true, nil
}

// Annual computes (or, for a locked year, returns as published with any
// later corrections) the annual report of an agency, or of the whole
// government when agencyID is 0.
func (s *ReportService) Annual(ctx context.Context, actor Actor, year int, agencyID uint) (*AnnualReport, error) {
	if err := reportScope(actor, agencyID); err != nil {
		return nil, err
	}
	if year < 2008 || year > calendar.FromTime(s.Now()).Year() {
		return nil, models.InvalidField("year", models.M("年份无效", "invalid year"))
	}
	live, err := s.computeAnnual(ctx, year, agencyID)
	if err != nil {
		return nil, err
	}
	pub, locked, err := s.lockedReport(ctx, year, agencyID)
	if err != nil || !locked {
		return live, err
	}
	pub.Corrections = diffReports(pub, live)
	return pub, nil
}

// computeAnnual aggregates table 三 in one grouped query: a case counts as
// new in the year it was first received (a correction received in a later
// year does not move it), under its outcome in the year it was concluded,
// and is carried forward when received by 31 December and not concluded by
// then (decisions.md). Cases never received (awaiting confirmation) do not
// count.
func (s *ReportService) computeAnnual(ctx context.Context, year int, agencyID uint) (*AnnualReport, error) {
	ref, found, err := s.agencyRef(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	r := &AnnualReport{Year: year, CornerNote: AnnualCornerNote, Columns: AnnualColumns, Rows: annualRows(), GeneratedAt: s.Now().UTC()}
	if found {
		r.Agency = &ref
	}
	aggs, err := models.FindAnnualAggregates(ctx, s.DB, year, agencyID)
	if err != nil {
		return nil, err
	}
	idx := zeroRows(r)
	unknown := addAggregates(r, idx, aggs)
	if err := s.carryFromLockedYear(ctx, r, year, agencyID, idx); err != nil {
		return nil, err
	}
	if r.Remedies, err = s.remedies(ctx, year, agencyID); err != nil {
		return nil, err
	}
	if r.FeeIncome, err = models.SumFeeIncome(ctx, s.DB, year, agencyID); err != nil {
		return nil, err
	}
	if share, err := models.CountImportedInYear(ctx, s.DB, year, agencyID); err != nil {
		return nil, err
	} else if share != (models.ImportedShare{}) {
		r.ImportedCases = &ImportedCases{New: share.New, Concluded: share.Concluded, CarriedOut: share.CarriedOut}
	}
	r.Checks = append(annualChecks(r), r.Checks...)
	if len(unknown) > 0 {
		r.Checks = append(r.Checks, ReportCheck{Rule: "每件办结的申请都有法定办理结果", OK: false, Detail: fmt.Sprintf("未知的办理结果：%v", unknown)})
	}
	return r, nil
}

// zeroRows gives every value row of r a zero in every column and returns
// the rows' indexes by key.
func zeroRows(r *AnnualReport) map[string]int {
	idx := map[string]int{}
	for i, row := range r.Rows {
		idx[row.Key] = i
		if !row.Header {
			r.Rows[i].Values = map[string]int{}
			for _, c := range AnnualColumns {
				r.Rows[i].Values[c.Key] = 0
			}
		}
	}
	return idx
}

// addAggregates counts the grouped cases into r's rows and columns and
// returns the outcomes that have no row.
func addAggregates(r *AnnualReport, idx map[string]int, aggs []models.AnnualAggregate) (unknown []string) {
	add := func(row, col string, n int) {
		if n == 0 {
			return
		}
		r.Rows[idx[row]].Values[col] += n
		r.Rows[idx[row]].Values["total"] += n
	}
	for _, a := range aggs {
		col := columnOf(a.ApplicantType, a.OrgCategory)
		add("new", col, a.New)
		add("carried_in", col, a.CarriedIn)
		add("carried_out", col, a.CarriedOut)
		if a.Concluded > 0 {
			o, ok := models.FindOutcome(a.Outcome)
			if !ok {
				unknown = append(unknown, a.Outcome)
				continue
			}
			add(o.Row, col, a.Concluded)
			add("total", col, a.Concluded)
		}
	}
	return unknown
}

// carryFromLockedYear makes a year's 上年结转 the published 结转下年度 of a
// locked previous year (decisions.md: a locked year's 结转下年度 equals the
// next year's 上年结转). Cases that entered the locked year after its lock
// (a late confirmation, an imported register) are not in its published
// figures, so the next year counts them under 本年新收 and its own checks
// still hold; the locked year shows them as corrections.
func (s *ReportService) carryFromLockedYear(ctx context.Context, r *AnnualReport, year int, agencyID uint, idx map[string]int) error {
	pub, locked, err := s.lockedReport(ctx, year-1, agencyID)
	if err != nil || !locked {
		return err
	}
	var out map[string]int
	for _, row := range pub.Rows {
		if row.Key == "carried_out" {
			out = row.Values
		}
	}
	in, nw := r.Rows[idx["carried_in"]].Values, r.Rows[idx["new"]].Values
	late := 0
	for _, c := range AnnualColumns {
		delta := in[c.Key] - out[c.Key]
		in[c.Key] = out[c.Key]
		nw[c.Key] += delta
		if c.Key != "total" {
			late += delta
		}
	}
	detail := fmt.Sprintf("上年结转取自已锁定的 %d 年度报告", year-1)
	if late != 0 {
		detail += fmt.Sprintf("；%d 件 %d 年收到、在该年度报告锁定后登记的申请计入本年新收", late, year-1)
	}
	r.Checks = append(r.Checks, ReportCheck{Rule: "二、上年结转＝上年已公布的四、结转下年度", OK: true, Detail: detail})
	return nil
}

// lockedReport returns the published report of a year and whether the
// year is locked.
func (s *ReportService) lockedReport(ctx context.Context, year int, agencyID uint) (*AnnualReport, bool, error) {
	lock, found, err := models.FindReportLock(ctx, s.DB, year, agencyID)
	if err != nil || !found {
		return nil, false, err
	}
	var pub AnnualReport
	if err := json.Unmarshal([]byte(lock.Snapshot), &pub); err != nil {
		return nil, false, fmt.Errorf("locked report %d/%d: %w", year, agencyID, err)
	}
	pub.Locked, pub.LockedAt = true, &lock.LockedAt
	return &pub, true, nil
}

func (s *ReportService) remedies(ctx context.Context, year int, agencyID uint) (RemedyTable, error) {
	t := RemedyTable{Columns: remedyColumns, Values: map[string]int{}}
	for _, c := range remedyColumns {
		t.Values[c.Key] = 0
	}
	// Filed in the year; a result decided after the year end counts as
	// 尚未审结 as of 31 December.
	rows, err := models.CountRemediesByResult(ctx, s.DB, year, agencyID)
	if err != nil {
		return t, err
	}
	for _, row := range rows {
		t.Values[row.Kind+"."+row.Result] += row.N
		t.Values[row.Kind+".total"] += row.N
	}
	return t, nil
}

// annualChecks computes the table's rules for every column: 一 + 二 =
// （七）总计 + 四; （七）总计 = the sum of the leaf rows; and 总计 = the sum
// of the six applicant columns.
func annualChecks(r *AnnualReport) []ReportCheck {
	val := map[string]map[string]int{}
	var leaves []string
	for _, row := range r.Rows {
		if row.Header {
			continue
		}
		val[row.Key] = row.Values
		switch row.Key {
		case "new", "carried_in", "total", "carried_out":
		default:
			leaves = append(leaves, row.Key)
		}
	}
	var checks []ReportCheck
	for _, c := range AnnualColumns {
		k := c.Key
		in, out := val["new"][k]+val["carried_in"][k], val["total"][k]+val["carried_out"][k]
		checks = append(checks, ReportCheck{Rule: "一＋二＝（七）总计＋四", Column: k, OK: in == out, Detail: fmt.Sprintf("%d + %d = %d, %d + %d = %d", val["new"][k], val["carried_in"][k], in, val["total"][k], val["carried_out"][k], out)})
		sum := 0
		for _, l := range leaves {
			sum += val[l][k]
		}
		checks = append(checks, ReportCheck{Rule: "（七）总计＝各项办理结果之和", Column: k, OK: sum == val["total"][k], Detail: fmt.Sprintf("%d = %d", val["total"][k], sum)})
	}
	for _, row := range r.Rows {
		if row.Header {
			continue
		}
		sum := 0
		for _, c := range AnnualColumns[:6] {
			sum += row.Values[c.Key]
		}
		checks = append(checks, ReportCheck{Rule: "总计＝自然人＋法人或其他组织各列之和", Column: row.Key, OK: sum == row.Values["total"], Detail: fmt.Sprintf("%d = %d", row.Values["total"], sum)})
	}
	return checks
}

func diffReports(pub, live *AnnualReport) []ReportCorrection {
	var out []ReportCorrection
	now := map[string]map[string]int{}
	for _, row := range live.Rows {
		now[row.Key] = row.Values
	}
	for _, row := range pub.Rows {
		for _, c := range AnnualColumns {
			if row.Header {
				continue
			}
			if p, l := row.Values[c.Key], now[row.Key][c.Key]; p != l {
				out = append(out, ReportCorrection{Row: row.Key, Column: c.Key, Published: p, Current: l})
			}
		}
	}
	for _, c := range remedyColumns {
		if p, l := pub.Remedies.Values[c.Key], live.Remedies.Values[c.Key]; p != l {
			out = append(out, ReportCorrection{Row: "remedies", Column: c.Key, Published: p, Current: l})
		}
	}
	if pub.FeeIncome != live.FeeIncome {
		out = append(out, ReportCorrection{Row: "fee_income", Column: "total", Published: pub.FeeIncome, Current: live.FeeIncome})
	}
	return out
}

// LockAnnual freezes a year's published report. Departments publish by 31
// January and governments by 31 March (Art 49); a year can be locked once
// it has ended, and a lock is final. Later changes to its cases show as
// corrections beside the published figures.
func (s *ReportService) LockAnnual(ctx context.Context, actor Actor, year int, agencyID uint) (*AnnualReport, error) {
	if actor.Role != models.RoleSupervisor {
		return nil, models.Forbidden(models.M("只有负责人可以锁定年度报告", "only supervisors lock annual reports"))
	}
	if err := reportScope(actor, agencyID); err != nil {
		return nil, err
	}
	if year >= calendar.FromTime(s.Now()).Year() {
		return nil, models.InvalidField("year", models.M("年度结束后才能锁定", "a year can be locked only after it ends"))
	}
	r, err := s.computeAnnual(ctx, year, agencyID)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		lock := models.ReportLock{Year: year, AgencyID: agencyID, LockedBy: actor.UserID, LockedAt: s.Now().UTC(), Snapshot: string(b)}
		err := models.CreateReportLock(ctx, tx, &lock)
		if models.ErrorKind(err) == models.KindConflict {
			return models.Conflict(models.M("该年度报告已锁定", "this year's report is already locked"))
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "report.lock", "annual_report", agencyID, map[string]any{"year": year})
	})
	if err != nil {
		return nil, err
	}
	return s.Annual(ctx, actor, year, agencyID)
}
