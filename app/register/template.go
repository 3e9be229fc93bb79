package register

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the template.
const (
	sheetRegister = "台账"
	sheetGuide    = "填写说明"
)

// docProps are fixed so that the same rows give the same bytes: excelize
// stamps no clock of its own, and neither do we.
var docProps = excelize.DocProperties{
	Title:          "政府信息依申请公开登记台账",
	Creator:        "Gongkai",
	LastModifiedBy: "Gongkai",
	Created:        "2019-05-15T00:00:00Z", // the revised Regulation took effect
	Modified:       "2019-05-15T00:00:00Z",
	Language:       "zh-CN",
}

// guideList is one closed list, written as a column of the guide sheet
// and used as the source of the drop-downs of its columns.
type guideList struct {
	title  string
	values []string
	cols   []Column
}

func guideLists() []guideList {
	return []guideList{
		{"渠道", channelVocab.labels(), []Column{ColChannel}},
		{"申请人类型", applicantVocab.labels(), []Column{ColApplicantType}},
		{"是/否", []string{"是", "否"}, []Column{ColCorrected, ColExtended}},
		{"办理结果", outcomeLabels(), []Column{ColOutcome}},
		{"行政复议", reconsiderationLabels(), []Column{ColReconsideration}},
		{"行政诉讼", litigationLabels(), []Column{ColLitigation}},
	}
}

// guideListCol is the first guide column holding the lists (F).
const guideListCol = 6

// guideNotes close the guide sheet.
var guideNotes = []string{
	"填写要求：",
	"1. 「台账」工作表每行登记一件申请，整行为空的行将被跳过。",
	"2. 表头行不必在第一行，列的顺序可以调整；列名前后的空格、全角括号不影响识别。“条件必填”的列见其说明。",
	"3. 尚未办结的申请：办理结果和答复日期都不填，计入年度报告“四、结转下年度继续办理”。",
	"4. 办理结果填写年度报告“三、本年度办理结果”的行名，完整列表见右侧「办理结果」列，按年度报告的顺序排列。",
	"5. 行政复议、行政诉讼按年度报告“四、政府信息公开行政复议、行政诉讼情况”的口径填写。",
}

// templateStyles are the styles of the register sheet.
type templateStyles struct {
	header, text, date, fee int
}

// buildTemplate prepares a workbook with both sheets; the register sheet
// is left for a StreamWriter to fill.
func buildTemplate() (*excelize.File, templateStyles, error) {
	f := excelize.NewFile()
	var st templateStyles
	if err := f.SetDocProps(&docProps); err != nil {
		return nil, st, err
	}
	if err := f.SetSheetName("Sheet1", sheetRegister); err != nil {
		return nil, st, err
	}
	if _, err := f.NewSheet(sheetGuide); err != nil {
		return nil, st, err
	}
	var err error
	if st, err = newStyles(f); err != nil {
		return nil, st, err
	}
	if err := writeGuide(f, st.header); err != nil {
		return nil, st, err
	}
	if err := addDropDowns(f); err != nil {
		return nil, st, err
	}
	return f, st, nil
}

func newStyles(f *excelize.File) (templateStyles, error) {
	var st templateStyles
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	if st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
	}); err != nil {
		return st, err
	}
	if st.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // "@": keep long numbers as typed
		return st, err
	}
	dateFmt := "yyyy-mm-dd"
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return st, err
	}
	st.fee, err = f.NewStyle(&excelize.Style{NumFmt: 2}) // "0.00"
	return st, err
}

// writeGuide fills the explanation sheet: one row per column, the closed
// lists side by side, and the notes.
func writeGuide(f *excelize.File, headStyle int) error {
	rows := [][]any{{"列名", "是否必填", "格式与说明", "可选值"}}
	listOf := map[Column]guideList{}
	for _, l := range guideLists() {
		for _, c := range l.cols {
			listOf[c] = l
		}
	}
	for c := range NumColumns {
		spec := columns[c]
		allowed := ""
		if l, ok := listOf[c]; ok {
			allowed = strings.Join(l.values, "、")
			if c == ColOutcome {
				allowed = fmt.Sprintf("共 %d 项，见本页「办理结果」列", len(l.values))
			}
		}
		rows = append(rows, []any{spec.header, spec.need, spec.format, allowed})
	}
	rows = append(rows, []any{})
	for _, n := range guideNotes {
		rows = append(rows, []any{n})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheetGuide, cell, &r); err != nil {
			return err
		}
	}
	for i, l := range guideLists() {
		col := guideListCol + i
		cell, _ := excelize.CoordinatesToCellName(col, 1)
		vals := append([]string{l.title}, l.values...)
		if err := f.SetSheetCol(sheetGuide, cell, &vals); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(col)
		if err := f.SetColWidth(sheetGuide, name, name, max(10, float64(maxRunes(l.values))*1.9)); err != nil {
			return err
		}
	}
	return styleGuide(f, headStyle, len(guideLists()))
}

func styleGuide(f *excelize.File, headStyle, lists int) error {
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(guideListCol + lists - 1)
	for _, e := range []error{
		f.SetColWidth(sheetGuide, "A", "A", 18),
		f.SetColWidth(sheetGuide, "B", "B", 10),
		f.SetColWidth(sheetGuide, "C", "C", 60),
		f.SetColWidth(sheetGuide, "D", "D", 40),
		f.SetColWidth(sheetGuide, "E", "E", 3),
		f.SetCellStyle(sheetGuide, "A2", fmt.Sprintf("D%d", int(NumColumns)+1), wrap),
		f.SetCellStyle(sheetGuide, "A1", "D1", headStyle),
		f.SetCellStyle(sheetGuide, "F1", last+"1", headStyle),
		f.SetPanes(sheetGuide, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// addDropDowns puts the closed lists on the register sheet as drop-downs
// whose source is the guide sheet (the outcome list is too long for an
// inline list). A warning, not a stop, because the reader accepts common
// variants the list does not show.
func addDropDowns(f *excelize.File) error {
	for i, l := range guideLists() {
		name, _ := excelize.ColumnNumberToName(guideListCol + i)
		src := fmt.Sprintf("'%s'!$%s$2:$%s$%d", sheetGuide, name, name, len(l.values)+1)
		for _, c := range l.cols {
			col, _ := excelize.ColumnNumberToName(int(c) + 1)
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows))
			dv.SetSqrefDropList(src)
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.Header(), "请从下拉列表中选择，完整说明见「填写说明」工作表")
			if err := f.AddDataValidation(sheetRegister, dv); err != nil {
				return err
			}
		}
	}
	return nil
}

func maxRunes(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, len([]rune(s)))
	}
	return n
}

// registerLayout sets widths, column formats, the frozen header row and the
// header itself on a fresh StreamWriter of the register sheet.
func registerLayout(sw *excelize.StreamWriter, st templateStyles) error {
	header := make([]any, NumColumns)
	// Each call puts its column first; going backwards leaves <cols> in
	// the ascending order Excel requires of a streamed sheet.
	for c := NumColumns - 1; c >= 0; c-- {
		spec := columns[c]
		i := int(c) + 1
		if err := sw.SetColWidth(i, i, spec.width); err != nil {
			return err
		}
		style := st.text
		switch spec.kind {
		case kindDate:
			style = st.date
		case kindFee:
			style = st.fee
		}
		if err := sw.SetColStyle(i, i, style); err != nil {
			return err
		}
		header[c] = spec.header
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return sw.SetRow("A1", header, excelize.RowOpts{StyleID: st.header, Height: 30})
}
