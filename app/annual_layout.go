package app

// The official layout of table 三 (国办公开办函〔2021〕30号): three label
// columns to the left of the seven applicant columns. 一、二 and 四 span all
// three; 三、本年度办理结果 is a row header merged down the left of its
// outcome rows, and each group with items (（三） to （六）) a row header
// merged down the second column beside its items; the groups without items
// (（一）,（二）) and （七）总计 span the second and third columns. Header rows
// of ReportRow (三 and the groups with items) have no line of their own: they
// become the merged cells. Every export of the report (XLSX, printable HTML,
// PDF) lays the table out from AnnualLayout, so they agree.

// AnnualLabelColumns is the number of label columns of table 三.
const AnnualLabelColumns = 3

// AnnualLabel is one label cell of table 三: its text, its first column
// (0–2), and how many columns and lines it spans.
type AnnualLabel struct {
	Text    string
	Col     int
	ColSpan int
	RowSpan int
}

// AnnualLine is one line of table 三 with figures: the report row and the
// label cells that start on it, left to right.
type AnnualLine struct {
	Row    ReportRow
	Labels []AnnualLabel
}

// AnnualLayout lays out rows (AnnualReport.Rows) in the official form: one
// line per row with figures.
func AnnualLayout(rows []ReportRow) []AnnualLine {
	var lines []AnnualLine
	var pending []AnnualLabel
	for i, row := range rows {
		if row.Header {
			pending = append(pending, AnnualLabel{Text: row.Label, Col: min(row.Level, 1), ColSpan: 1, RowSpan: linesUnder(rows, i)})
			continue
		}
		col := min(row.Level, AnnualLabelColumns-1)
		labels := append(pending, AnnualLabel{Text: row.Label, Col: col, ColSpan: AnnualLabelColumns - col, RowSpan: 1})
		lines = append(lines, AnnualLine{Row: row, Labels: labels})
		pending = nil
	}
	return lines
}

// linesUnder counts the rows with figures under the header row i: those
// that follow it at a deeper level, up to the next row at its level or
// above.
func linesUnder(rows []ReportRow, i int) int {
	n := 0
	for _, r := range rows[i+1:] {
		if r.Level <= rows[i].Level {
			break
		}
		if !r.Header {
			n++
		}
	}
	return n
}
