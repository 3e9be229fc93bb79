package api

import (
	"fmt"
	"net/http"
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
	Format   string `query:"format" doc:"json (default), csv, xlsx, html (printable, A4 landscape) or pdf (the official tables, A4 landscape)" enum:"json,csv,xlsx,html,pdf"`
	Encoding string `query:"encoding" doc:"CSV only: utf-8 (default, with a byte-order mark) or gbk for older Excel (GB18030, which is GBK for every Chinese character)" enum:"utf-8,gbk"`
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
	Encoding string `query:"encoding" doc:"CSV only: utf-8 (default, with a byte-order mark) or gbk for older Excel (GB18030, which is GBK for every Chinese character)" enum:"utf-8,gbk"`
}

// The formats of the reports (?format=), as their query tags list them.
var (
	annualFormats   = []string{"json", "csv", "xlsx", "html", "pdf"}
	deadlineFormats = []string{"json", "csv", "xlsx"}
)

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

func (s *Server) annualReport(c echo.Context) error {
	year, err := queryInt(c, "year", calendar.FromTime(s.svc.Deps.Now()).Year()-1, 2008, 2100)
	if err != nil {
		return err
	}
	agency, err := queryUint(c, "agencyId")
	if err != nil {
		return err
	}
	format, err := reportFormat(c, annualFormats...)
	if err != nil {
		return err
	}
	enc, err := csvEncoding(c)
	if err != nil {
		return err
	}
	r, err := s.svc.Reports.Annual(c.Request().Context(), actorOf(c), year, agency)
	if err != nil {
		return err
	}
	if format == "json" {
		return c.JSON(http.StatusOK, r)
	}
	return s.annualExport(c, r, format, enc)
}

// annualExport sends the report as a file or the printable page.
func (s *Server) annualExport(c echo.Context, r *app.AnnualReport, format string, enc csvsafe.Encoding) error {
	name, ascii := fmt.Sprintf("政府信息公开工作年度报告-%d", r.Year), fmt.Sprintf("annual-report-%d", r.Year)
	if r.Agency != nil {
		name += "-" + r.Agency.ShortName
		ascii += "-" + r.Agency.Code
	}
	switch format {
	case "csv":
		return csvBlob(c, name+".csv", ascii, enc, func(w *csvsafe.Writer) { annualCSV(w, r) })
	case "xlsx":
		b, err := annualXLSX(r)
		if err != nil {
			return err
		}
		attachmentNameASCII(c, name+".xlsx", ascii)
		return c.Blob(http.StatusOK, xlsxType, b)
	case "pdf":
		b, err := s.svc.Reports.AnnualPDF(r)
		if err != nil {
			return err
		}
		attachmentNameASCII(c, name+".pdf", ascii)
		return c.Blob(http.StatusOK, pdfType, b)
	}
	b, err := annualPage(r)
	if err != nil {
		return err
	}
	documentPolicy(c)
	return c.HTMLBlob(http.StatusOK, b)
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
	format, err := reportFormat(c, deadlineFormats...)
	if err != nil {
		return err
	}
	enc, err := csvEncoding(c)
	if err != nil {
		return err
	}
	r, err := s.svc.Reports.Deadlines(c.Request().Context(), actorOf(c), asOf, from, to, agency)
	if err != nil {
		return err
	}
	name, ascii := "期限督办报表-"+asOf.String(), "deadline-report-"+asOf.String()
	switch format {
	case "csv":
		return csvBlob(c, name+".csv", ascii, enc, func(w *csvsafe.Writer) { deadlineCSV(w, r) })
	case "xlsx":
		b, err := deadlineXLSX(r)
		if err != nil {
			return err
		}
		attachmentNameASCII(c, name+".xlsx", ascii)
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
	officers := [][]string{append([]string{"承办人", "机关"}, loadHeader...)}
	for _, o := range r.Officers {
		line := []string{o.OfficerName, o.AgencyName}
		for _, n := range loadCells(o.LoadCounts) {
			line = append(line, itoa(n))
		}
		officers = append(officers, line)
	}
	overdue := [][]string{{"查询号", "信息名称", "机关", "答复期限", "逾期工作日", "承办人", "暂停中"}}
	for _, o := range r.Overdue {
		overdue = append(overdue, []string{o.TrackingNumber, o.Title, o.AgencyName, o.DueDate, itoa(o.DaysOverdue), o.Assignee, yesNo(o.Paused)})
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
func deadlineCSV(w *csvsafe.Writer, r *app.DeadlineReport) {
	w.Write([]string{"期限督办报表", "截至 " + r.AsOf.String()})
	for i, t := range deadlineTables(r) {
		w.Write(nil)
		w.Write([]string{deadlineSheets[i]})
		w.WriteAll(t)
	}
}

// deadlineXLSX writes each table of the deadline report on a sheet of its
// own, printed landscape one page wide with its header row repeated.
func deadlineXLSX(r *app.DeadlineReport) ([]byte, error) {
	b := newWorkbook()
	for i, t := range deadlineTables(r) {
		name := deadlineSheets[i]
		if i == 0 {
			b.keep(b.f.SetSheetName("Sheet1", name))
		} else {
			_, err := b.f.NewSheet(name)
			b.keep(err)
		}
		for y, line := range t {
			for x, v := range line {
				ref, err := excelize.CoordinatesToCellName(x+1, y+1)
				b.keep(err)
				if n, err := strconv.Atoi(v); err == nil && y > 0 {
					b.keep(b.f.SetCellValue(name, ref, n))
				} else {
					b.keep(b.f.SetCellStr(name, ref, v))
				}
			}
		}
		b.keep(b.f.SetColWidth(name, "A", "A", 30))
		b.printSetup(name, 1, 1)
	}
	return b.bytes()
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
