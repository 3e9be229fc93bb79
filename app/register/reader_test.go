package register

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"gongkai/models"
)

// ignoreRaw compares typed fields only.
var ignoreRaw = cmpopts.IgnoreFields(Row{}, "Raw")

// wantGood is goodCells read back.
func wantGood(number int) Row {
	return Row{
		Number:        number,
		RegisterNo:    "2026-001",
		ReceivedOn:    "2026-01-05",
		Channel:       models.ChannelOnline,
		ApplicantType: models.ApplicantNatural,
		ApplicantName: "张三",
		IDNumber:      validResidentID("11010519491231002"),
		Contact:       "13800138000",
		Content:       "2025年老旧小区改造项目清单",
		AnsweredOn:    "2026-01-20",
		Outcome:       "disclosed",
	}
}

// secondCells is an organisation's open case with a correction pending.
func secondCells() map[Column]string {
	return map[Column]string{
		ColReceivedOn:      "2026年3月2日",
		ColChannel:         "挂号信",
		ColApplicantType:   "法人或其他组织-法律服务机构",
		ColApplicantName:   "山东某律师事务所",
		ColIDNumber:        validCreditCode("31370000MD0123456"),
		ColContent:         "某项目环评批复",
		ColCorrected:       "是",
		ColExtended:        "是",
		ColReconsideration: "尚未审结",
		ColLitigation:      "复议后起诉-维持；直接起诉-纠正",
		ColNote:            "待补正",
	}
}

func wantSecond(number int) Row {
	return Row{
		Number:        number,
		ReceivedOn:    "2026-03-02",
		Channel:       models.ChannelRegisteredPost,
		ApplicantType: models.ApplicantOrganization,
		OrgCategory:   models.OrgLegalService,
		ApplicantName: "山东某律师事务所",
		IDNumber:      validCreditCode("31370000MD0123456"),
		Content:       "某项目环评批复",
		Corrected:     true,
		Extended:      true,
		Remedies: []Remedy{
			{RemedyReconsideration, ResultPending},
			{RemedyLitigationAfterReconsideration, ResultUpheld},
			{RemedyLitigationDirect, ResultCorrected},
		},
		Note: "待补正",
	}
}

func TestReadValidXLSX(t *testing.T) {
	// An agency's own workbook: real date cells, a numeric fee, a text
	// date, and a blank spreadsheet row between the data rows.
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	header := make([]any, NumColumns)
	for c := range NumColumns {
		header[c] = c.Header()
	}
	mustDo(t, f.SetSheetRow(sheet, "A1", &header))
	first := make([]any, NumColumns)
	for c, v := range with(map[Column]string{ColOutcome: "（三）不予公开 4.保护第三方合法权益", ColFee: ""}) {
		first[c] = v
	}
	mustDo(t, f.SetSheetRow(sheet, "A2", &first))
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for col, d := range map[Column]string{ColReceivedOn: "2026-01-05", ColAnsweredOn: "2026-01-20"} {
		ref, _ := excelize.CoordinatesToCellName(int(col)+1, 2)
		tm, _ := timeParse(d)
		mustDo(t, f.SetCellValue(sheet, ref, tm))
		mustDo(t, f.SetCellStyle(sheet, ref, ref, dateStyle))
	}
	feeRef, _ := excelize.CoordinatesToCellName(int(ColFee)+1, 2)
	mustDo(t, f.SetCellFloat(sheet, feeRef, 120.5, 2, 64))
	second := make([]any, NumColumns)
	for c, v := range secondCells() {
		second[c] = v
	}
	mustDo(t, f.SetSheetRow(sheet, "A4", &second))
	var buf bytes.Buffer
	mustDo(t, f.Write(&buf))

	res := MustReadAll(t, buf.Bytes(), FormatXLSX, testOptions())
	w1 := wantGood(2)
	w1.Outcome, w1.FeeFen = "not_disclosed.third_party_rights", 12050
	want := []Row{w1, wantSecond(4)}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if diff := cmp.Diff(want, res.Rows, ignoreRaw); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if res.Total != 2 || len(res.Warnings) != 0 {
		t.Errorf("total %d warnings %v", res.Total, res.Warnings)
	}
	if got := res.Rows[0].Raw[ColReceivedOn]; got != "46027" {
		t.Errorf("raw date cell = %q, want its serial", got)
	}
}

func TestReadCSVEncodings(t *testing.T) {
	records := [][]string{allHeaders(), cellsRow(goodCells()), cellsRow(secondCells())}
	utf8CSV := MustCSV(t, records)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf8CSV)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(
		[]byte(strings.ReplaceAll(string(MustCSV(t, records)), ",", "\t")))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"utf-8", utf8CSV},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), utf8CSV...)},
		{"gbk", gbk},
		{"utf-16 tab-separated", utf16},
		{"crlf", bytes.ReplaceAll(utf8CSV, []byte("\n"), []byte("\r\n"))},
	}
	want := []Row{wantGood(2), wantSecond(3)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "gbk" && bytes.Equal(tt.data, utf8CSV) {
				t.Fatal("GBK encoding did not change the bytes")
			}
			res := MustReadAll(t, tt.data, FormatCSV, testOptions())
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			if diff := cmp.Diff(want, res.Rows, ignoreRaw); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHeaderInRow3Reordered(t *testing.T) {
	// A title, a blank line, then the header with columns shuffled, written
	// with spaces, full-width brackets and notes, plus a column of its own.
	order := []Column{ColOutcome, ColApplicantName, ColReceivedOn, ColContent, ColChannel,
		ColApplicantType, ColAnsweredOn, ColFee, ColRegisterNo, ColCorrected}
	header := []any{" 办理结果 ", "申请人姓名或名称", "收到申请日期（必填）", "申请内容", "渠道", "申请人类型", "答复\n日期", "收费金额（元）", "登记编号", "是否补正(是/否)", "序号"}
	good := goodCells()
	row := make([]any, 0, len(order)+1)
	for _, c := range order {
		row = append(row, good[c])
	}
	row = append(row, "1")
	data := MustXLSX(t, "某局登记表", [][]any{{"某局2026年政府信息依申请公开登记台账"}, nil, header, row})
	res := MustReadAll(t, data, FormatXLSX, testOptions())
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	want := wantGood(4)
	want.IDNumber, want.Contact = "", "" // those columns are absent
	if diff := cmp.Diff([]Row{want}, res.Rows, ignoreRaw); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Column != "序号" || res.Warnings[0].ZH != "已忽略无法识别的列「序号」" {
		t.Errorf("warnings = %+v", res.Warnings)
	}
	rd, err := NewReader(bytes.NewReader(data), FormatXLSX, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if rd.HeaderRow() != 3 {
		t.Errorf("HeaderRow = %d, want 3", rd.HeaderRow())
	}
}

func TestFileErrors(t *testing.T) {
	h := allHeaders()
	tests := []struct {
		name     string
		data     []byte
		format   Format
		wantCode string
		wantZH   string
		fields   []string
	}{
		{"missing columns", MustCSV(t, [][]string{{"收到申请日期", "渠道", "申请人类型", "申请人姓名或名称", "申请内容"}}), FormatCSV,
			codeMissingColumn, "缺少必需的列「答复日期」「办理结果」", []string{"答复日期", "办理结果"}},
		{"no header", MustCSV(t, [][]string{{"a", "b"}, {"1", "2"}}), FormatCSV, codeNoHeader, "", nil},
		{"duplicate column", MustCSV(t, [][]string{append(h, "办理结果")}), FormatCSV, codeDuplicateCol, "列「办理结果」在表头中出现了两次", nil},
		{"not a workbook", []byte("PK\x03\x04 broken"), FormatXLSX, codeUnreadable, "", nil},
		{"unknown format", []byte("x"), Format("pdf"), codeUnsupported, "", nil},
		{"named sheet missing", MustXLSX(t, "台账", [][]any{{"x"}}), FormatXLSX, codeNoSheet, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			if tt.name == "named sheet missing" {
				opts.Sheet = "2025"
			}
			_, err := NewReader(bytes.NewReader(tt.data), tt.format, opts)
			e := models.AsError(err)
			if e == nil || e.Kind != models.KindInvalid || e.Code != tt.wantCode {
				t.Fatalf("err = %v, want invalid %s", err, tt.wantCode)
			}
			if tt.wantZH != "" && e.Msg.ZH != tt.wantZH {
				t.Errorf("ZH = %q, want %q", e.Msg.ZH, tt.wantZH)
			}
			var fields []string
			for _, f := range e.Fields {
				fields = append(fields, f.Field)
			}
			if diff := cmp.Diff(tt.fields, fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, file string
		head       []byte
		want       Format
		wantCode   string
	}{
		{"xlsx by magic", "x.bin", []byte("PK\x03\x04..."), FormatXLSX, ""},
		{"csv by name", "台账.CSV", []byte("登记编号,"), FormatCSV, ""},
		{"legacy xls", "台账.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1}, "", codeLegacyXLS},
		{"pdf", "a.pdf", []byte("%PDF"), "", codeUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DetectFormat(tt.file, tt.head)
			if code := codeOf(err); got != tt.want || code != tt.wantCode {
				t.Errorf("DetectFormat = %q, %v; want %q, %s", got, err, tt.want, tt.wantCode)
			}
		})
	}
}

func TestReaderStreams(t *testing.T) {
	data := MustCSV(t, [][]string{allHeaders(), cellsRow(goodCells()), nil, cellsRow(with(map[Column]string{ColChannel: "飞鸽", ColRegisterNo: "2026-002"}))})
	rd, err := NewReader(bytes.NewReader(data), FormatCSV, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var got []int
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec.Row.Number, len(rec.Errors))
	}
	// The blank CSV line is spreadsheet row 3; the bad channel is row 4.
	if diff := cmp.Diff([]int{2, 0, 4, 1}, got); diff != "" {
		t.Errorf("(row, errors) pairs (-want +got):\n%s", diff)
	}
}

func codeOf(err error) string {
	if e := models.AsError(err); e != nil {
		return e.Code
	}
	return ""
}

func mustDo(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func TestHeaderAliasesShareAColumn(t *testing.T) {
	base := []string{"收到申请日期", "渠道", "申请人类型", "申请人", "申请内容", "答复日期", "办理结果"}
	good := goodCells()
	vals := []string{good[ColReceivedOn], good[ColChannel], good[ColApplicantType], good[ColApplicantName], good[ColContent], good[ColAnsweredOn], good[ColOutcome]}
	tests := []struct {
		name        string
		extra       []string
		extraVals   []string
		wantContact string
		wantWarn    string
	}{
		{"two aliases: the first is read", []string{"联系电话", "联系地址"}, []string{"0531-1", "济南市"}, "0531-1",
			"已忽略列「联系地址」：「联系方式」按列「联系电话」读取"},
		{"the template header wins", []string{"联系电话", "联系方式"}, []string{"0531-1", "13800138000"}, "13800138000",
			"已忽略列「联系电话」：「联系方式」按列「联系方式」读取"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := MustCSV(t, [][]string{append(slicesClone(base), tt.extra...), append(slicesClone(vals), tt.extraVals...)})
			res := MustReadAll(t, data, FormatCSV, testOptions())
			if len(res.Rows) != 1 || res.Rows[0].Contact != tt.wantContact {
				t.Fatalf("rows %+v errors %v", res.Rows, res.Errors)
			}
			if len(res.Warnings) != 1 || res.Warnings[0].ZH != tt.wantWarn {
				t.Errorf("warnings %+v", res.Warnings)
			}
		})
	}
	_, err := NewReader(bytes.NewReader(MustCSV(t, [][]string{append(slicesClone(base), "联系方式", "联系方式")})), FormatCSV, testOptions())
	if codeOf(err) != codeDuplicateCol {
		t.Errorf("template header twice: %v", err)
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }
