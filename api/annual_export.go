package api

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"gongkai/app"
	"gongkai/app/csvsafe"
)

// The annual report's files: CSV for data, and XLSX, printable HTML and
// PDF (app.AnnualPDF) in the official layout of tables 三 and 四
// (国办公开办函〔2021〕30号, app.AnnualLayout).

// annualCSV writes the annual report through csvsafe, the one CSV writer:
// no cell opens as a formula.
func annualCSV(w *csvsafe.Writer, r *app.AnnualReport) {
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
}

// The sheets of the annual report's workbook.
const (
	sheetApplications = "三、申请情况"
	sheetRemedies     = "四、复议诉讼情况"
	sheetFees         = "信息处理费"
)

// Column widths of table 三 in characters: the three label columns, then
// the seven applicant columns.
var applicationWidths = []float64{7, 10, 40, 9, 9, 9, 9, 9, 9, 9}

// workbook writes one XLSX file and keeps the first error.
type workbook struct {
	f                              *excelize.File
	err                            error
	title, head, label, group, num int
}

func newWorkbook() *workbook {
	b := &workbook{f: excelize.NewFile()}
	font := &excelize.Font{Family: "宋体", Size: 11}
	bold := &excelize.Font{Family: "宋体", Size: 11, Bold: true}
	b.title = b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	b.head = b.style(&excelize.Style{Font: bold, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: borders()})
	b.label = b.style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: borders()})
	b.group = b.style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: borders()})
	b.num = b.style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: borders()})
	return b
}

func (b *workbook) keep(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *workbook) style(s *excelize.Style) int {
	id, err := b.f.NewStyle(s)
	b.keep(err)
	return id
}

// cell writes v at column x, row y (both from 1), merged over cols × rows.
func (b *workbook) cell(sheet string, x, y, cols, rows int, v any, style int) {
	a, err := excelize.CoordinatesToCellName(x, y)
	b.keep(err)
	z, err := excelize.CoordinatesToCellName(x+cols-1, y+rows-1)
	b.keep(err)
	if a != z {
		b.keep(b.f.MergeCell(sheet, a, z))
	}
	if s, ok := v.(string); ok {
		b.keep(b.f.SetCellStr(sheet, a, s))
	} else {
		b.keep(b.f.SetCellValue(sheet, a, v))
	}
	b.keep(b.f.SetCellStyle(sheet, a, z, style))
}

func (b *workbook) widths(sheet string, ws []float64) {
	for i, w := range ws {
		col, err := excelize.ColumnNumberToName(i + 1)
		b.keep(err)
		b.keep(b.f.SetColWidth(sheet, col, col, w))
	}
}

// printSetup prints sheet on A4 landscape, one page wide and as many long
// as it takes, centred, with rows [from, to] repeated at the top of every
// page (print titles) and the page number in the footer.
func (b *workbook) printSetup(sheet string, from, to int) {
	size, orientation, wide, tall, yes := 9, "landscape", 1, 0, true
	b.keep(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}))
	b.keep(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	side, edge, header := 0.5, 0.6, 0.3
	b.keep(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge,
		Header: &header, Footer: &header, Horizontally: &yes}))
	b.keep(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}))
	if to >= from {
		b.keep(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, from, to), Scope: sheet}))
	}
}

func (b *workbook) bytes() ([]byte, error) {
	defer b.f.Close()
	if b.err != nil {
		return nil, b.err
	}
	var buf bytes.Buffer
	if err := b.f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// annualXLSX lays the tables out as in the official format: merged header
// cells and merged row headers, row heights that hold every wrapped label,
// and a page setup that prints each table on A4 landscape one page wide
// with its header repeated.
func annualXLSX(r *app.AnnualReport) ([]byte, error) {
	b := newWorkbook()
	b.keep(b.f.SetSheetName("Sheet1", sheetApplications))
	applicationsSheet(b, r)
	_, err := b.f.NewSheet(sheetRemedies)
	b.keep(err)
	remediesSheet(b, r)
	_, err = b.f.NewSheet(sheetFees)
	b.keep(err)
	b.cell(sheetFees, 1, 1, 1, 1, "本年收取信息处理费（元）", b.head)
	b.cell(sheetFees, 2, 1, 1, 1, r.FeeIncome, b.num)
	b.widths(sheetFees, []float64{28, 12})
	b.printSetup(sheetFees, 1, 0)
	return b.bytes()
}

// The rows of the two tables' sheets: the title, the caption, three
// header rows, then the figures.
const (
	rowTitle   = 1
	rowCaption = 2
	rowHead    = 3
	rowBody    = rowHead + 3
)

func sheetTitle(b *workbook, sheet string, r *app.AnnualReport, caption string, cols int) {
	b.cell(sheet, 1, rowTitle, cols, 1, app.AnnualTitle(r), b.title)
	b.cell(sheet, 1, rowCaption, cols, 1, caption, b.head)
	b.keep(b.f.SetRowHeight(sheet, rowTitle, 26))
	b.keep(b.f.SetRowHeight(sheet, rowCaption, 20))
}

func applicationsSheet(b *workbook, r *app.AnnualReport) {
	sh, labels := sheetApplications, app.AnnualLabelColumns
	cols := labels + len(r.Columns)
	sheetTitle(b, sh, r, "三、收到和处理政府信息公开申请情况", cols)
	b.cell(sh, 1, rowHead, labels, 3, r.CornerNote, b.head)
	b.cell(sh, labels+1, rowHead, len(r.Columns), 1, "申请人情况", b.head)
	b.cell(sh, labels+1, rowHead+1, 1, 2, r.Columns[0].Label, b.head)
	b.cell(sh, labels+2, rowHead+1, len(r.Columns)-2, 1, r.Columns[1].Group, b.head)
	b.cell(sh, cols, rowHead+1, 1, 2, r.Columns[len(r.Columns)-1].Label, b.head)
	for i, col := range r.Columns[1 : len(r.Columns)-1] {
		b.cell(sh, labels+2+i, rowHead+2, 1, 1, col.Label, b.head)
	}
	lines := app.AnnualLayout(r.Rows)
	for i, line := range lines {
		y := rowBody + i
		for _, l := range line.Labels {
			style := b.label
			if l.RowSpan > 1 {
				style = b.group
			}
			b.cell(sh, l.Col+1, y, l.ColSpan, l.RowSpan, l.Text, style)
		}
		for j, col := range r.Columns {
			b.cell(sh, labels+1+j, y, 1, 1, line.Row.Values[col.Key], b.num)
		}
	}
	b.widths(sh, applicationWidths)
	for i, h := range labelHeights(lines, applicationWidths) {
		b.keep(b.f.SetRowHeight(sh, rowBody+i, h))
	}
	b.keep(b.f.SetRowHeight(sh, rowHead, 20))
	b.keep(b.f.SetRowHeight(sh, rowHead+2, 20))
	b.printSetup(sh, rowHead, rowHead+2)
}

func remediesSheet(b *workbook, r *app.AnnualReport) {
	sh, cols := sheetRemedies, r.Remedies.Columns
	sheetTitle(b, sh, r, "四、政府信息公开行政复议、行政诉讼情况", len(cols))
	for i, col := range cols {
		x := i + 1
		if i == 0 || cols[i-1].Group != col.Group {
			b.cell(sh, x, rowHead, span(cols[i:], func(c app.RemedyColumn) bool { return c.Group == col.Group }), 1, col.Group, b.head)
		}
		switch {
		case col.Subgroup == "":
			b.cell(sh, x, rowHead+1, 1, 2, col.Label, b.head)
		default:
			if i == 0 || cols[i-1].Subgroup != col.Subgroup {
				b.cell(sh, x, rowHead+1, span(cols[i:], func(c app.RemedyColumn) bool { return c.Subgroup == col.Subgroup }), 1, col.Subgroup, b.head)
			}
			b.cell(sh, x, rowHead+2, 1, 1, col.Label, b.head)
		}
		b.cell(sh, x, rowBody, 1, 1, r.Remedies.Values[col.Key], b.num)
	}
	ws := make([]float64, len(cols))
	for i := range ws {
		ws[i] = 10
	}
	b.widths(sh, ws)
	b.keep(b.f.SetRowHeight(sh, rowBody, 20))
	b.printSetup(sh, rowHead, rowHead+2)
}

// span counts the columns from the first of cols that match.
func span(cols []app.RemedyColumn, match func(app.RemedyColumn) bool) int {
	n := 0
	for n < len(cols) && match(cols[n]) {
		n++
	}
	return n
}

// Row heights in points for 11-point 宋体: a line and the cell's margins.
const (
	linePoints   = 15
	cellPadding  = 5
	minRowPoints = 20
)

// labelHeights sizes the rows of table 三 so that every label shows all of
// its wrapped lines: a row is as tall as its tallest one-row label; a
// merged label taller than its rows makes the last of them taller.
func labelHeights(lines []app.AnnualLine, widths []float64) []float64 {
	hs := make([]float64, len(lines))
	for i := range hs {
		hs[i] = minRowPoints
	}
	need := func(l app.AnnualLabel) float64 {
		w := 0.0
		for _, x := range widths[l.Col : l.Col+l.ColSpan] {
			w += x
		}
		return float64(wrappedLines(l.Text, w))*linePoints + cellPadding
	}
	for i, line := range lines {
		for _, l := range line.Labels {
			if l.RowSpan == 1 {
				hs[i] = max(hs[i], need(l))
			}
		}
	}
	for i, line := range lines {
		for _, l := range line.Labels {
			if l.RowSpan > 1 {
				last := i + l.RowSpan - 1
				have := 0.0
				for _, h := range hs[i : last+1] {
					have += h
				}
				if n := need(l); n > have {
					hs[last] += n - have
				}
			}
		}
	}
	return hs
}

// wrappedLines estimates how many lines s takes in a column width
// characters wide: a Chinese character is about two characters of the
// default width and a Latin one about one, with a little to spare.
func wrappedLines(s string, width float64) int {
	units := 0.0
	for _, r := range s {
		if r < 0x80 {
			units += 1.1
		} else {
			units += 2.2
		}
	}
	return max(1, int(math.Ceil(units/max(width-1, 1))))
}

func borders() []excelize.Border {
	var bs []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: t, Color: "000000", Style: 1})
	}
	return bs
}

// annualPage is the printable page: tables 三 and 四 in the official
// layout on A4 landscape. Table 四's fifteen columns share the text width
// equally (18.2 mm each on 273 mm), wide enough for 结果维持 on one line at
// 10 pt; table 三's header repeats on every printed page.
func annualPage(r *app.AnnualReport) ([]byte, error) {
	var buf bytes.Buffer
	err := annualHTML.Execute(&buf, struct {
		*app.AnnualReport
		Title string
		Lines []app.AnnualLine
	}{r, app.AnnualTitle(r), app.AnnualLayout(r.Rows)})
	return buf.Bytes(), err
}

var annualHTML = template.Must(template.New("annual").Funcs(template.FuncMap{
	"val": func(m map[string]int, k string) int { return m[k] },
}).Parse(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{{.Title}}（节选）</title>
<style>
@page { size: A4 landscape; margin: 12mm 12mm 14mm 12mm; }
html { font-family: "SimSun", "Songti SC", "AR PL SungtiL GB", "Noto Serif CJK SC", serif; font-size: 10.5pt; color: #000; }
body { margin: 0 auto; max-width: 273mm; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
p.sub { text-align: center; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
td, th { border: 0.5pt solid #000; padding: 1mm 1mm; line-height: 1.3; vertical-align: middle; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; } td.n { text-align: center; } td.g { text-align: center; }
table.t3 col.a { width: 14mm; } table.t3 col.b { width: 24mm; } table.t3 col.n { width: 19mm; }
table.t4 { width: 273mm; font-size: 10pt; }
table.t4 col { width: 18.2mm; }
.checks { font-size: 9pt; color: #333; margin-top: 4mm; } .bad { color: #b00020; }
@media print { .noprint { display: none; } }
</style></head><body>
<p class="noprint">打印：请使用浏览器的打印功能（Ctrl+P，Mac 为 ⌘+P），纸张为 A4 横向。To print, use your browser's print command (Ctrl+P, ⌘+P on a Mac), A4 landscape.</p>
<h1>{{.Title}}</h1>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table class="t3">
<colgroup><col class="a"><col class="b"><col class="c">{{range .Columns}}<col class="n">{{end}}</colgroup>
<thead>
<tr><th rowspan="3" colspan="3">{{.CornerNote}}</th><th colspan="7">申请人情况</th></tr>
<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>
<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>
</thead>
<tbody>
{{range .Lines}}<tr>{{range .Labels}}<td{{if gt .ColSpan 1}} colspan="{{.ColSpan}}"{{end}}{{if gt .RowSpan 1}} rowspan="{{.RowSpan}}" class="g"{{end}}>{{.Text}}</td>{{end}}{{$v := .Row.Values}}{{range $.Columns}}<td class="n">{{val $v .Key}}</td>{{end}}</tr>
{{end}}</tbody></table>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<table class="t4">
<colgroup>{{range .Remedies.Columns}}<col>{{end}}</colgroup>
<thead>
<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>
<tr><th rowspan="2">结果维持</th><th rowspan="2">结果纠正</th><th rowspan="2">其他结果</th><th rowspan="2">尚未审结</th><th rowspan="2">总计</th><th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
<tr><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th><th>结果维持</th><th>结果纠正</th><th>其他结果</th><th>尚未审结</th><th>总计</th></tr>
</thead>
<tbody><tr>{{$r := .Remedies.Values}}{{range .Remedies.Columns}}<td class="n">{{val $r .Key}}</td>{{end}}</tr></tbody>
</table>
<p>本年收取信息处理费 {{.FeeIncome}} 元。</p>
<div class="checks">校验：{{range .Checks}}{{if not .OK}}<span class="bad">✗ {{.Rule}}（{{.Column}}：{{.Detail}}）</span> {{end}}{{end}}
{{if .Locked}}本年度报告已于 {{.LockedAt.Format "2006-01-02"}} 锁定发布。{{if .Corrections}}发布后更正 {{len .Corrections}} 项。{{end}}{{end}}</div>
</body></html>`))
