package register

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// uploadWithErrors is an agency workbook: a title row, the header in row 2
// without 是否补正, a 序号 column, a clean row 3 and a faulty row 4.
func uploadWithErrors(t *testing.T) []byte {
	cols := []Column{ColRegisterNo, ColReceivedOn, ColChannel, ColApplicantType, ColApplicantName, ColContent, ColAnsweredOn, ColOutcome}
	header := []any{"序号"}
	clean, bad := []any{"1"}, []any{"2"}
	faults := map[Column]string{
		ColRegisterNo: "2026-002", ColChannel: "飞鸽", ColAnsweredOn: "2026-01-04",
		ColOutcome: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	}
	for _, c := range cols {
		header = append(header, c.Header())
		clean = append(clean, goodCells()[c])
		bad = append(bad, with(faults)[c])
	}
	f := excelize.NewFile()
	defer f.Close()
	mustDo(t, f.SetSheetRow("Sheet1", "A1", &[]any{"某局登记台账"}))
	mustDo(t, f.SetSheetRow("Sheet1", "A2", &header))
	mustDo(t, f.SetSheetRow("Sheet1", "A3", &clean))
	mustDo(t, f.SetSheetRow("Sheet1", "A4", &bad))
	// 答复日期 of the faulty row is a real date cell with its own format.
	dateFmt := "yyyy年m月d日"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Font: &excelize.Font{Italic: true}})
	mustDo(t, err)
	tm, _ := timeParse("2026-01-04")
	mustDo(t, f.SetCellValue("Sheet1", "H4", tm))
	mustDo(t, f.SetCellStyle("Sheet1", "H4", "H4", style))
	mustDo(t, f.AddComment("Sheet1", excelize.Comment{Cell: "D4", Author: "王科员", Text: "电话核实过"}))
	var buf bytes.Buffer
	mustDo(t, f.Write(&buf))
	return buf.Bytes()
}

func TestAnnotateErrors(t *testing.T) {
	src := uploadWithErrors(t)
	res := MustReadAll(t, src, FormatXLSX, testOptions())
	if len(res.Rows) != 1 || len(res.Errors) != 3 {
		t.Fatalf("rows %d errors %v", len(res.Rows), res.Errors)
	}
	out, err := AnnotateErrors(src, FormatXLSX, res.Errors)
	mustDo(t, err)
	f := MustOpen(t, out)

	t.Run("error cells filled and commented", func(t *testing.T) {
		for _, ref := range []string{"D4", "H4"} {
			st := cellStyle(t, f, "Sheet1", ref)
			if st.Fill.Pattern != 1 || len(st.Fill.Color) != 1 || st.Fill.Color[0] != "FFC7CE" {
				t.Errorf("%s fill = %+v", ref, st.Fill)
			}
		}
		st := cellStyle(t, f, "Sheet1", "H4")
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy年m月d日" || st.Font == nil || !st.Font.Italic {
			t.Errorf("H4 lost its format: %+v", st)
		}
		comments := commentsByCell(t, f, "Sheet1")
		if c := comments["H4"]; c != "第4行「答复日期」：答复日期（2026-01-04）早于收到申请日期（2026-01-05）" {
			t.Errorf("H4 comment = %q", c)
		}
		if c := comments["D4"]; !strings.HasPrefix(c, `第4行「渠道」：无法识别渠道"飞鸽"`) || !strings.HasSuffix(c, "电话核实过") {
			t.Errorf("D4 comment = %q (ours first, the old one kept)", c)
		}
	})
	t.Run("错误说明 column", func(t *testing.T) {
		rows, err := f.GetRows("Sheet1")
		mustDo(t, err)
		if rows[1][9] != "错误说明" {
			t.Fatalf("header row %q", rows[1])
		}
		want := strings.Join([]string{res.Errors[0].ZH, res.Errors[1].ZH, res.Errors[2].ZH}, "\n")
		if rows[3][9] != want {
			t.Errorf("row 4 explanation = %q\nwant %q", rows[3][9], want)
		}
		if !strings.Contains(rows[3][9], "「是否补正」") {
			t.Error("the error of the absent column is not listed")
		}
		if len(rows[2]) > 9 {
			t.Errorf("clean row 3 got an explanation: %q", rows[2])
		}
	})
	t.Run("clean rows unchanged", func(t *testing.T) {
		orig := MustOpen(t, src)
		for _, ref := range []string{"A3", "C3", "D3", "I3", "A1"} {
			a, _ := orig.GetCellValue("Sheet1", ref)
			b, _ := f.GetCellValue("Sheet1", ref)
			sa, _ := orig.GetCellStyle("Sheet1", ref)
			sb, _ := f.GetCellStyle("Sheet1", ref)
			if a != b || sa != sb {
				t.Errorf("%s changed: %q/%d → %q/%d", ref, a, sa, b, sb)
			}
		}
	})
	t.Run("re-annotating reuses the column", func(t *testing.T) {
		res2 := MustReadAll(t, out, FormatXLSX, testOptions())
		if len(res2.Warnings) != 1 || res2.Warnings[0].Column != "序号" {
			t.Errorf("warnings %v: 错误说明 must not warn", res2.Warnings)
		}
		only := res2.Errors[:1] // the channel is still wrong; pretend the rest is fixed
		out2, err := AnnotateErrors(out, FormatXLSX, only)
		mustDo(t, err)
		f2 := MustOpen(t, out2)
		rows, _ := f2.GetRows("Sheet1")
		if len(rows[1]) != 10 || rows[3][9] != only[0].ZH {
			t.Errorf("rows %q", rows[1:4])
		}
		comments := commentsByCell(t, f2, "Sheet1")
		if _, ok := comments["H4"]; ok || len(comments) != 1 {
			t.Errorf("comments %v: the old ones should be gone, D4's kept", comments)
		}
		if c := comments["D4"]; strings.Count(c, "无法识别渠道") != 1 {
			t.Errorf("D4 comment = %q", c)
		}
	})
}

func TestAnnotateCSV(t *testing.T) {
	bad := with(map[Column]string{ColOutcome: "不公开", ColIDNumber: "110105194912310021"})
	utf8CSV := MustCSV(t, [][]string{{"某局台账"}, allHeaders(), cellsRow(goodCells()), cellsRow(bad)})
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf8CSV)
	mustDo(t, err)
	res := MustReadAll(t, gbk, FormatCSV, testOptions())
	out, err := AnnotateErrors(gbk, FormatCSV, res.Errors)
	mustDo(t, err)
	f := MustOpen(t, out)
	if diff := cmp.Diff([]string{"台账"}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, err := f.GetRows("台账")
	mustDo(t, err)
	if rows[0][0] != "某局台账" || rows[3][ColIDNumber] != "110105194912310021" || rows[1][NumColumns] != "错误说明" {
		t.Errorf("rows %q", rows)
	}
	if got := rows[3][NumColumns]; !strings.Contains(got, `第4行「办理结果」：无法识别"不公开"`) || !strings.Contains(got, "第4行「证件号码」") {
		t.Errorf("explanation %q", got)
	}
	ref, _ := excelize.CoordinatesToCellName(int(ColOutcome)+1, 4)
	if st := cellStyle(t, f, "台账", ref); len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFC7CE" {
		t.Errorf("%s fill %+v", ref, st.Fill)
	}
	// The converted copy reads back with the same errors.
	again := MustReadAll(t, out, FormatXLSX, testOptions())
	if diff := cmp.Diff(res.Errors, again.Errors); diff != "" {
		t.Errorf("errors of the copy (-want +got):\n%s", diff)
	}
}

func cellStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	mustDo(t, err)
	st, err := f.GetStyle(id)
	mustDo(t, err)
	return st
}

func commentsByCell(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	cs, err := f.GetComments(sheet)
	mustDo(t, err)
	m := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		m[c.Cell] = text
	}
	return m
}
