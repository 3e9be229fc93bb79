package api

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"gongkai/app"
	"gongkai/app/calendar"
	"gongkai/app/csvsafe"
	"gongkai/models"
)

type annualQuery struct {
	Year     int    `query:"year"`
	AgencyID uint   `query:"agencyId" doc:"omit for the whole government (district-wide supervisors)"`
	Format   string `query:"format" doc:"json (default), csv, xlsx or html (printable A4)" enum:"json,csv,xlsx,html"`
}

type lockRequest struct {
	Year     int  `json:"year"`
	AgencyID uint `json:"agencyId,omitempty"`
}

type deadlineQuery struct {
	AsOf     string `query:"asOf" doc:"YYYY-MM-DD, default today"`
	From     string `query:"from" doc:"period start, default 1 January"`
	To       string `query:"to" doc:"period end, default asOf"`
	AgencyID uint   `query:"agencyId"`
	Format   string `query:"format" doc:"json (default), csv or xlsx" enum:"json,csv,xlsx"`
}

func reportFormat(c echo.Context, allowed ...string) (string, error) {
	f := c.QueryParam("format")
	if f == "" {
		return "json", nil
	}
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	return "", badRequest("format", models.M("导出格式无效", "unknown format"))
}

func attachmentName(c echo.Context, name string) {
	c.Response().Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
}

func (s *Server) annualReport(c echo.Context) error {
	year, err := queryInt(c, "year", calendar.FromTime(s.svc.Deps.Now()).Year()-1, 2008, 2100)
	if err != nil {
		return err
	}
	agency, err := queryUint(c, "agencyId")
	if err != nil {
		return err
	}
	format, err := reportFormat(c, "json", "csv", "xlsx", "html")
	if err != nil {
		return err
	}
	r, err := s.svc.Reports.Annual(c.Request().Context(), actorOf(c), year, agency)
	if err != nil {
		return err
	}
	base := fmt.Sprintf("政府信息公开工作年度报告-%d", year)
	if r.Agency != nil {
		base += "-" + r.Agency.ShortName
	}
	switch format {
	case "csv":
		attachmentName(c, base+".csv")
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", annualCSV(r))
	case "xlsx":
		b, err := annualXLSX(r)
		if err != nil {
			return err
		}
		attachmentName(c, base+".xlsx")
		return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
	case "html":
		var buf bytes.Buffer
		if err := annualHTML.Execute(&buf, r); err != nil {
			return err
		}
		documentPolicy(c)
		return c.HTMLBlob(http.StatusOK, buf.Bytes())
	}
	return c.JSON(http.StatusOK, r)
}

func (s *Server) lockAnnual(c echo.Context) error {
	var in lockRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.svc.Reports.LockAnnual(c.Request().Context(), actorOf(c), in.Year, in.AgencyID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// annualCSV writes the annual report through csvsafe, the one CSV writer:
// no cell opens as a formula.
func annualCSV(r *app.AnnualReport) []byte {
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf)
	title := fmt.Sprintf("%d年度 三、收到和处理政府信息公开申请情况", r.Year)
	if r.Agency != nil {
		title = r.Agency.Name + " " + title
	}
	w.Write([]string{title})
	head := []string{r.CornerNote}
	for _, col := range r.Columns {
		label := col.Label
		if col.Group != "" {
			label = col.Group + "—" + col.Label
		}
		head = append(head, label)
	}
	w.Write(head)
	for _, row := range r.Rows {
		line := []string{row.Label}
		for _, col := range r.Columns {
			if row.Header {
				line = append(line, "")
			} else {
				line = append(line, strconv.Itoa(row.Values[col.Key]))
			}
		}
		w.Write(line)
	}
	w.Write(nil)
	w.Write([]string{"四、政府信息公开行政复议、行政诉讼情况"})
	head, vals := []string{""}, []string{"件数"}
	for _, col := range r.Remedies.Columns {
		label := col.Group
		if col.Subgroup != "" {
			label += "—" + col.Subgroup
		}
		head = append(head, label+"—"+col.Label)
		vals = append(vals, strconv.Itoa(r.Remedies.Values[col.Key]))
	}
	w.Write(head)
	w.Write(vals)
	w.Write(nil)
	w.Write([]string{"信息处理费收入（元）", strconv.Itoa(r.FeeIncome)})
	w.Flush()
	return buf.Bytes()
}

// annualXLSX lays the tables out as in the official format, with merged
// header cells.
func annualXLSX(r *app.AnnualReport) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "三、申请情况"
	f.SetSheetName("Sheet1", sheet)
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border: borders()})
	cell, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: borders()})
	num, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center"}, Border: borders()})
	set := func(sh, ref string, v any, style int) {
		f.SetCellValue(sh, ref, v)
		f.SetCellStyle(sh, ref, ref, style)
	}
	merge := func(sh, a, b string, v any) {
		f.MergeCell(sh, a, b)
		f.SetCellValue(sh, a, v)
		f.SetCellStyle(sh, a, b, head)
	}
	merge(sheet, "A1", "A3", r.CornerNote)
	merge(sheet, "B1", "H1", "申请人情况")
	merge(sheet, "B2", "B3", "自然人")
	merge(sheet, "C2", "G2", "法人或其他组织")
	merge(sheet, "H2", "H3", "总计")
	for i, col := range r.Columns[1:6] {
		ref, _ := excelize.CoordinatesToCellName(3+i, 3)
		set(sheet, ref, col.Label, head)
	}
	rowN := 4
	for _, row := range r.Rows {
		label := row.Label
		if row.Level == 2 {
			label = "    " + label
		} else if row.Level == 1 {
			label = "  " + label
		}
		ref, _ := excelize.CoordinatesToCellName(1, rowN)
		set(sheet, ref, label, cell)
		for i, col := range r.Columns {
			ref, _ := excelize.CoordinatesToCellName(2+i, rowN)
			if row.Header {
				set(sheet, ref, "", num)
			} else {
				set(sheet, ref, row.Values[col.Key], num)
			}
		}
		rowN++
	}
	f.SetColWidth(sheet, "A", "A", 58)
	f.SetColWidth(sheet, "B", "H", 12)

	rs := "四、复议诉讼情况"
	f.NewSheet(rs)
	merge(rs, "A1", "E1", "行政复议")
	merge(rs, "F1", "O1", "行政诉讼")
	merge(rs, "F2", "J2", "未经复议直接起诉")
	merge(rs, "K2", "O2", "复议后起诉")
	for i, col := range r.Remedies.Columns {
		if i < 5 {
			a, _ := excelize.CoordinatesToCellName(1+i, 2)
			b, _ := excelize.CoordinatesToCellName(1+i, 3)
			merge(rs, a, b, col.Label)
		} else {
			ref, _ := excelize.CoordinatesToCellName(1+i, 3)
			set(rs, ref, col.Label, head)
		}
		ref, _ := excelize.CoordinatesToCellName(1+i, 4)
		set(rs, ref, r.Remedies.Values[col.Key], num)
	}
	f.SetColWidth(rs, "A", "O", 11)
	fs := "信息处理费"
	f.NewSheet(fs)
	set(fs, "A1", "本年收取信息处理费（元）", head)
	set(fs, "B1", r.FeeIncome, num)
	f.SetColWidth(fs, "A", "A", 28)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func borders() []excelize.Border {
	var bs []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: t, Color: "000000", Style: 1})
	}
	return bs
}

var annualHTML = template.Must(template.New("annual").Funcs(template.FuncMap{
	"val": func(m map[string]int, k string) int { return m[k] },
}).Parse(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{{.Year}}年度政府信息公开工作年度报告（节选）</title>
<style>
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "SimSun", "Songti SC", serif; font-size: 11pt; margin: 0 auto; max-width: 267mm; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 13pt; margin-top: 8mm; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #000; padding: 1.5mm 2mm; }
th { font-weight: bold; text-align: center; } td.n { text-align: center; width: 9%; }
.l1 { padding-left: 5mm; } .l2 { padding-left: 10mm; } .checks { font-size: 9pt; color: #333; margin-top: 4mm; }
.bad { color: #b00020; } @media print { .noprint { display: none; } }
</style></head><body>
<p class="noprint">打印：请使用浏览器的打印功能（Ctrl+P，Mac 为 ⌘+P），纸张为 A4 横向。To print, use your browser's print command (Ctrl+P, ⌘+P on a Mac), A4 landscape.</p>
<h1>{{if .Agency}}{{.Agency.Name}}{{end}}{{.Year}}年政府信息公开工作年度报告</h1>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table>
<tr><th rowspan="3" colspan="1">{{.CornerNote}}</th><th colspan="7">申请人情况</th></tr>
<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>
<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>
{{range .Rows}}<tr><td class="l{{.Level}}">{{.Label}}</td>{{if .Header}}{{range $.Columns}}<td class="n"></td>{{end}}{{else}}{{$v := .Values}}{{range $.Columns}}<td class="n">{{val $v .Key}}</td>{{end}}{{end}}</tr>
{{end}}</table>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<table>
<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>
<tr><th rowspan="2">结果维持</th><th rowspan="2">结果纠正</th><th rowspan="2">其他结果</th><th rowspan="2">尚未审结</th><th rowspan="2">总计</th><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
<tr><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th></tr>
<tr>{{$r := .Remedies.Values}}{{range .Remedies.Columns}}<td class="n">{{val $r .Key}}</td>{{end}}</tr>
</table>
<p>本年收取信息处理费 {{.FeeIncome}} 元。</p>
<div class="checks">校验：{{range .Checks}}{{if not .OK}}<span class="bad">✗ {{.Rule}}（{{.Column}}：{{.Detail}}）</span> {{end}}{{end}}
{{if .Locked}}本年度报告已于 {{.LockedAt.Format "2006-01-02"}} 锁定发布。{{if .Corrections}}发布后更正 {{len .Corrections}} 项。{{end}}{{end}}</div>
</body></html>`))

func (s *Server) deadlineReport(c echo.Context) error {
	today := calendar.FromTime(s.svc.Deps.Now())
	parse := func(name string, def calendar.Date) (calendar.Date, error) {
		v := c.QueryParam(name)
		if v == "" {
			return def, nil
		}
		return queryDate(c, name)
	}
	asOf, err := parse("asOf", today)
	if err != nil {
		return err
	}
	from, err := parse("from", calendar.DateOf(asOf.Year(), 1, 1))
	if err != nil {
		return err
	}
	to, err := parse("to", asOf)
	if err != nil {
		return err
	}
	agency, err := queryUint(c, "agencyId")
	if err != nil {
		return err
	}
	format, err := reportFormat(c, "json", "csv", "xlsx")
	if err != nil {
		return err
	}
	r, err := s.svc.Reports.Deadlines(c.Request().Context(), actorOf(c), asOf, from, to, agency)
	if err != nil {
		return err
	}
	name := "期限督办报表-" + asOf.String()
	switch format {
	case "csv":
		attachmentName(c, name+".csv")
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", deadlineCSV(r))
	case "xlsx":
		b, err := deadlineXLSX(r)
		if err != nil {
			return err
		}
		attachmentName(c, name+".xlsx")
		return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
	}
	return c.JSON(http.StatusOK, r)
}

var loadHeader = []string{"在办", "正常", "黄灯（3–5 个工作日）", "红灯（0–2 个工作日）", "逾期", "暂停", "已延期", "5 个工作日内到期"}

func loadCells(l app.LoadCounts) []int {
	return []int{l.Open.Count, l.Normal.Count, l.Warning.Count, l.Urgent.Count, l.Overdue.Count, l.Paused.Count, l.Extended.Count, l.DueSoon.Count}
}

func deadlineTables(r *app.DeadlineReport) [][][]string {
	itoa := strconv.Itoa
	agencies := [][]string{append([]string{"机关"}, loadHeader...)}
	for _, a := range r.Agencies {
		line := []string{a.Agency.Name}
		for _, n := range loadCells(a.LoadCounts) {
			line = append(line, itoa(n))
		}
		agencies = append(agencies, line)
	}
	tot := []string{"合计"}
	for _, n := range loadCells(r.Totals) {
		tot = append(tot, itoa(n))
	}
	agencies = append(agencies, tot)
	officers := [][]string{append([]string{"承办人", "机关ID"}, loadHeader...)}
	for _, o := range r.Officers {
		line := []string{o.OfficerName, itoa(int(o.AgencyID))}
		for _, n := range loadCells(o.LoadCounts) {
			line = append(line, itoa(n))
		}
		officers = append(officers, line)
	}
	overdue := [][]string{{"查询号", "信息名称", "答复期限", "逾期工作日", "承办人", "暂停中"}}
	for _, o := range r.Overdue {
		overdue = append(overdue, []string{o.TrackingNumber, o.Title, o.DueDate, itoa(o.DaysOverdue), o.Assignee, strconv.FormatBool(o.Paused)})
	}
	p := r.Period
	period := [][]string{{"统计期间", r.From.String() + " 至 " + r.To.String()},
		{"办结件数", itoa(p.Concluded.Count)}, {"按期办结", itoa(p.OnTime.Count)}, {"按期办结率", fmt.Sprintf("%.1f%%", p.OnTimeRate*100)},
		{"答复用时中位数（工作日）", itoa(p.MedianDays)}, {"答复用时第90百分位（工作日）", itoa(p.P90Days)},
		{"延期件数", itoa(p.Extended.Count)}, {"延期率", fmt.Sprintf("%.1f%%", p.ExtensionRate*100)}}
	for _, o := range models.Outcomes {
		if n := p.Outcomes[o.Key]; n > 0 {
			period = append(period, []string{"办理结果：" + o.Label, itoa(n)})
		}
	}
	trend := [][]string{{"月份", "收到", "办结", "按期办结"}}
	for _, m := range r.Trend {
		trend = append(trend, []string{m.Month, itoa(m.Received), itoa(m.Concluded), itoa(m.OnTime)})
	}
	return [][][]string{agencies, officers, overdue, period, trend}
}

var deadlineSheets = []string{"各机关", "各承办人", "逾期清单", "期间统计", "月度趋势"}

// deadlineCSV writes the deadline report through csvsafe: case titles and
// names come from applicants and administrators.
func deadlineCSV(r *app.DeadlineReport) []byte {
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf)
	w.Write([]string{"期限督办报表", "截至 " + r.AsOf.String()})
	for i, t := range deadlineTables(r) {
		w.Write(nil)
		w.Write([]string{deadlineSheets[i]})
		w.WriteAll(t)
	}
	w.Flush()
	return buf.Bytes()
}

func deadlineXLSX(r *app.DeadlineReport) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range deadlineTables(r) {
		name := deadlineSheets[i]
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else {
			f.NewSheet(name)
		}
		for y, line := range t {
			for x, v := range line {
				ref, _ := excelize.CoordinatesToCellName(x+1, y+1)
				if n, err := strconv.Atoi(v); err == nil && y > 0 {
					f.SetCellValue(name, ref, n)
				} else {
					f.SetCellValue(name, ref, v)
				}
			}
		}
		f.SetColWidth(name, "A", "A", 30)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Server) dossier(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	name, data, err := s.svc.Cases.Dossier(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	attachmentName(c, name)
	return c.Blob(http.StatusOK, "application/zip", data)
}
