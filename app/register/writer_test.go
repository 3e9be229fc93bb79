package register

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"gongkai/models"
)

func TestRoundTrip(t *testing.T) {
	rows := sampleRows(300)
	first := MustExport(t, rows)
	res := MustReadAll(t, first, FormatXLSX, testOptions())
	if len(res.Errors) > 0 || len(res.Warnings) > 0 {
		t.Fatalf("errors %v warnings %v", res.Errors[:min(5, len(res.Errors))], res.Warnings)
	}
	if diff := cmp.Diff(rows, res.Rows, ignoreRaw, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("Parse(Export(rows)) (-want +got):\n%s", diff)
	}
	second := MustExport(t, res.Rows)
	if !bytes.Equal(first, second) {
		t.Errorf("Export(Parse(Export(rows))) differs from Export(rows): %d vs %d bytes", len(first), len(second))
	}
	if again := MustExport(t, rows); !bytes.Equal(first, again) {
		t.Error("exporting the same rows twice gave different bytes")
	}
	res2 := MustReadAll(t, second, FormatXLSX, testOptions())
	if diff := cmp.Diff(res.Rows, res2.Rows); diff != "" {
		t.Errorf("second parse, Raw included (-want +got):\n%s", diff)
	}
	// Every outcome, channel and applicant column is in the sample.
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.Outcome], seen[string(r.Channel)], seen[string(r.OrgCategory)+"/"+string(r.ApplicantType)] = true, true, true
	}
	if len(seen) != len(models.Outcomes)+1+len(models.Channels)+6 {
		t.Errorf("sample covers %d values", len(seen))
	}
}

func TestExportCells(t *testing.T) {
	r := sampleRow(2) // reconsideration corrected, lawsuit after it pending, a fee
	data := MustExport(t, []Row{r})
	f := MustOpen(t, data)
	get := func(c Column) string {
		ref, _ := excelize.CoordinatesToCellName(int(c)+1, 2)
		v, err := f.GetCellValue(sheetRegister, ref)
		mustDo(t, err)
		return v
	}
	outcome, _ := OutcomeWording(r.Outcome)
	want := map[Column]string{
		ColReceivedOn:      r.ReceivedOn, // shown in the yyyy-mm-dd format
		ColOutcome:         outcome,
		ColFee:             "2.02",
		ColReconsideration: "纠正",
		ColLitigation:      "复议后起诉-尚未审结",
		ColExtended:        "否",
	}
	for c, w := range want {
		if got := get(c); got != w {
			t.Errorf("%s = %q, want %q", c.Header(), got, w)
		}
	}
}

func TestWriterRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Row)
	}{
		{"unknown outcome", func(r *Row) { r.Outcome = "other.unknown" }},
		{"unknown channel", func(r *Row) { r.Channel = "pigeon" }},
		{"natural person with a category", func(r *Row) {
			r.ApplicantType, r.OrgCategory = models.ApplicantNatural, models.OrgCommercial
		}},
		{"unknown remedy", func(r *Row) { r.Remedies = []Remedy{{"appeal", ResultUpheld}} }},
		{"bad date", func(r *Row) { r.ReceivedOn = "2026/1/5" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(&buf)
			mustDo(t, err)
			r := sampleRow(1)
			tt.edit(&r)
			if err := w.Write(r); err == nil {
				t.Error("Write accepted the row")
			}
			mustDo(t, w.Write(sampleRow(1))) // the writer goes on
			mustDo(t, w.Close())
			res := MustReadAll(t, buf.Bytes(), FormatXLSX, testOptions())
			if len(res.Rows) != 1 || res.Rows[0].Number != 2 {
				t.Errorf("rows %+v", res.Rows)
			}
		})
	}
	if !errors.Is(func() error {
		w, _ := NewWriter(&bytes.Buffer{})
		defer w.Close()
		r := sampleRow(1)
		r.Outcome = "x"
		return w.Write(r)
	}(), errUnwritable) {
		t.Error("the error does not wrap errUnwritable")
	}
}

func TestTemplate(t *testing.T) {
	var buf bytes.Buffer
	mustDo(t, WriteTemplate(&buf))
	f := MustOpen(t, buf.Bytes())
	if diff := cmp.Diff([]string{"台账", "填写说明"}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, err := f.GetRows(sheetRegister)
	mustDo(t, err)
	if len(rows) != 1 {
		t.Fatalf("template has %d rows", len(rows))
	}
	want := []string{"登记编号", "收到申请日期", "渠道", "申请人类型", "申请人姓名或名称", "证件号码", "联系方式", "申请内容",
		"是否补正", "补正后收到日期", "是否延期", "答复日期", "办理结果", "收费金额", "行政复议", "行政诉讼", "备注"}
	if diff := cmp.Diff(want, rows[0]); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	t.Run("header bold and frozen", func(t *testing.T) {
		id, err := f.GetCellStyle(sheetRegister, "M1")
		mustDo(t, err)
		st, err := f.GetStyle(id)
		mustDo(t, err)
		if st.Font == nil || !st.Font.Bold {
			t.Error("header is not bold")
		}
		panes, err := f.GetPanes(sheetRegister)
		mustDo(t, err)
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("panes %+v", panes)
		}
		w, err := f.GetColWidth(sheetRegister, "M")
		mustDo(t, err)
		if w != columns[ColOutcome].width {
			t.Errorf("办理结果 width %v", w)
		}
	})
	t.Run("guide lists all outcomes in table order", func(t *testing.T) {
		cols, err := f.GetCols(sheetGuide)
		mustDo(t, err)
		var list []string
		for _, c := range cols {
			if len(c) > 0 && c[0] == "办理结果" {
				list = c[1:]
				for len(list) > 0 && list[len(list)-1] == "" {
					list = list[:len(list)-1] // GetCols pads to the longest column
				}
			}
		}
		if len(list) != 22 || len(list) != len(models.Outcomes) {
			t.Fatalf("guide lists %d outcomes: %q", len(list), list)
		}
		for i, o := range models.Outcomes {
			if !strings.Contains(list[i], o.Label) {
				t.Errorf("row %d %q lacks the label %q", i, list[i], o.Label)
			}
			if got, _ := outcomes.parse(list[i]); got != o.Key {
				t.Errorf("guide row %q reads as %q, want %q", list[i], got, o.Key)
			}
		}
	})
	t.Run("guide describes every column", func(t *testing.T) {
		g, err := f.GetRows(sheetGuide)
		mustDo(t, err)
		for c := range NumColumns {
			r := g[int(c)+1]
			if r[0] != c.Header() || r[1] == "" || r[2] == "" {
				t.Errorf("guide row %v", r)
			}
		}
		if got := g[int(ColChannel)+1][3]; got != "当面、挂号信或EMS、平信、传真、电子邮件、网上申请" {
			t.Errorf("channel values %q", got)
		}
	})
	t.Run("drop-downs", func(t *testing.T) {
		dvs, err := f.GetDataValidations(sheetRegister)
		mustDo(t, err)
		got := map[string]string{}
		for _, dv := range dvs {
			got[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
		}
		want := map[string]string{
			"C2": "'填写说明'!$F$2:$F$7", "D2": "'填写说明'!$G$2:$G$7", "I2": "'填写说明'!$H$2:$H$3", "K2": "'填写说明'!$H$2:$H$3",
			"M2": "'填写说明'!$I$2:$I$23", "O2": "'填写说明'!$J$2:$J$6", "P2": "'填写说明'!$K$2:$K$10",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("drop-downs (-want +got):\n%s", diff)
		}
	})
	t.Run("fixed properties", func(t *testing.T) {
		p, err := f.GetDocProps()
		mustDo(t, err)
		if p.Created != docProps.Created || p.Modified != docProps.Modified || p.Creator != "Gongkai" {
			t.Errorf("props %+v", p)
		}
	})
	t.Run("reads back empty", func(t *testing.T) {
		res := MustReadAll(t, buf.Bytes(), FormatXLSX, testOptions())
		if res.Total != 0 || len(res.Warnings) != 0 {
			t.Errorf("template reads as %+v", res)
		}
	})
}

// TestColsAscending guards the order of <col> elements in the streamed
// sheet: Excel reports a damaged file when they are not ascending.
func TestColsAscending(t *testing.T) {
	data := MustExport(t, nil)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	mustDo(t, err)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		mustDo(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		mustDo(t, err)
		prev := 0
		for _, m := range regexp.MustCompile(`<col [^>]*?min="(\d+)"|<col max="\d+" min="(\d+)"`).FindAllSubmatch(b, -1) {
			n, _ := strconv.Atoi(string(m[1]) + string(m[2]))
			if n <= prev {
				t.Errorf("%s: col %d after %d", zf.Name, n, prev)
			}
			prev = n
		}
		if prev == 0 {
			t.Errorf("%s: no cols found", zf.Name)
		}
	}
}
