package app

import (
	"errors"
	"fmt"
	"strconv"

	"gongkai/app/calendar"
	"gongkai/app/pdfdoc"
	"gongkai/models"
)

// AnnualPDF renders parts 三 and 四 of the annual report (Art 50) as a
// landscape A4 PDF in the official table layout
// (国办公开办函〔2021〕30号), to attach to the published report. The report
// is r as Annual returned it: for a locked year the published figures.
func (s *ReportService) AnnualPDF(r *AnnualReport) ([]byte, error) {
	// The notices' renderer (PDFConfig): one font set, the licensed fonts
	// of GONGKAI_PDF_FONTS_DIR included.
	if s.pdf == nil {
		return nil, models.Unavailable(errors.New("no fonts for PDF are installed: " + s.pdfUnavailable))
	}
	b, err := s.pdf.RenderTables(AnnualDocument(r))
	if err != nil {
		return nil, fmt.Errorf("annual report PDF %d: %w", r.Year, err)
	}
	return b, nil
}

// AnnualTitle is the report's title: the agency's name, if any, and the year.
func AnnualTitle(r *AnnualReport) string {
	name := ""
	if r.Agency != nil {
		name = r.Agency.Name
	}
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", name, r.Year)
}

// AnnualDocument lays the report out as the tables of the official format:
// 三 and 四, on two pages. The fee income, which the format reports in the
// text of the report rather than in a table, is left to the other exports.
func AnnualDocument(r *AnnualReport) pdfdoc.TableDocument {
	scope := "统计范围：全部机关"
	if r.Agency != nil {
		scope = "填报单位：" + r.Agency.Name
	}
	d := pdfdoc.TableDocument{
		Title:    AnnualTitle(r),
		Subtitle: fmt.Sprintf("%s　　统计年度：%d年", scope, r.Year),
		Tables:   []pdfdoc.Table{applicationsTable(r), remediesTable(r)},
	}
	if r.LockedAt != nil {
		y, m, day := calendar.FromTime(*r.LockedAt).YMD()
		d.Subtitle += fmt.Sprintf("　　%d年%d月%d日锁定发布", y, m, day)
	}
	return d
}

func applicationsTable(r *AnnualReport) pdfdoc.Table {
	t := pdfdoc.Table{
		Caption: "三、收到和处理政府信息公开申请情况",
		// Four-character headings (商业企业) fit their columns on one line.
		Widths: []float64{1.2, 2.2, 4.4, 1.15, 1.15, 1.15, 1.15, 1.15, 1.15, 1.15},
		Header: [][]pdfdoc.Cell{
			{{Text: r.CornerNote, ColSpan: AnnualLabelColumns, RowSpan: 3}, {Text: "申请人情况", ColSpan: len(r.Columns)}},
			{{Text: r.Columns[0].Label, RowSpan: 2}, {Text: r.Columns[1].Group, ColSpan: len(r.Columns) - 2}, {Text: r.Columns[len(r.Columns)-1].Label, RowSpan: 2}},
			nil,
		},
	}
	for _, c := range r.Columns[1 : len(r.Columns)-1] {
		t.Header[2] = append(t.Header[2], pdfdoc.Cell{Text: c.Label})
	}
	for _, line := range AnnualLayout(r.Rows) {
		var row []pdfdoc.Cell
		for _, l := range line.Labels {
			c := pdfdoc.Cell{Text: l.Text, ColSpan: l.ColSpan, RowSpan: l.RowSpan}
			if l.RowSpan > 1 {
				c.Align = "center"
			}
			row = append(row, c)
		}
		for _, c := range r.Columns {
			row = append(row, pdfdoc.Cell{Text: strconv.Itoa(line.Row.Values[c.Key])})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func remediesTable(r *AnnualReport) pdfdoc.Table {
	t := pdfdoc.Table{Caption: "四、政府信息公开行政复议、行政诉讼情况", Header: make([][]pdfdoc.Cell, 3)}
	var values []pdfdoc.Cell
	cols := r.Remedies.Columns
	for i, c := range cols {
		switch {
		case c.Subgroup == "":
			t.Header[1] = append(t.Header[1], pdfdoc.Cell{Text: c.Label, RowSpan: 2})
		default:
			if i == 0 || cols[i-1].Subgroup != c.Subgroup {
				t.Header[1] = append(t.Header[1], pdfdoc.Cell{Text: c.Subgroup, ColSpan: countRemedy(cols, func(o RemedyColumn) bool { return o.Subgroup == c.Subgroup })})
			}
			t.Header[2] = append(t.Header[2], pdfdoc.Cell{Text: c.Label})
		}
		if i == 0 || cols[i-1].Group != c.Group {
			t.Header[0] = append(t.Header[0], pdfdoc.Cell{Text: c.Group, ColSpan: countRemedy(cols, func(o RemedyColumn) bool { return o.Group == c.Group })})
		}
		values = append(values, pdfdoc.Cell{Text: strconv.Itoa(r.Remedies.Values[c.Key])})
	}
	t.Rows = [][]pdfdoc.Cell{values}
	return t
}

func countRemedy(cols []RemedyColumn, match func(RemedyColumn) bool) int {
	n := 0
	for _, c := range cols {
		if match(c) {
			n++
		}
	}
	return n
}
