package register

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/models"
)

// testToday is the fixed clock of the tests.
const testToday = "2026-06-30"

func testOptions() Options { return Options{Today: testToday, ValidateID: checkID} }

// checkID is a small GB 11643 (resident ID, mod 11-2) and GB 32100 (credit
// code, mod 31) check-digit validator, standing in for package app's.
func checkID(applicantType, number string) (string, bool) {
	s := strings.ToUpper(strings.TrimSpace(number))
	if applicantType == string(models.ApplicantNatural) {
		if len(s) != 18 || !isDigits(s[:17]) {
			return "", false
		}
		return s, s[17] == residentCheck(s[:17])
	}
	if len(s) != 18 {
		return "", false
	}
	c, ok := creditCheck(s[:17])
	return s, ok && s[17] == c
}

func residentCheck(first17 string) byte {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

func creditCheck(first17 string) (byte, bool) {
	weights := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, w := range weights {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * w
	}
	return creditChars[(31-sum%31)%31], true
}

func validResidentID(first17 string) string { return first17 + string(residentCheck(first17)) }

func validCreditCode(first17 string) string {
	c, _ := creditCheck(first17)
	return first17 + string(c)
}

// allHeaders is the template header row.
func allHeaders() []string {
	h := make([]string, NumColumns)
	for c := range NumColumns {
		h[c] = c.Header()
	}
	return h
}

// cellsRow lays out a row by column for allHeaders.
func cellsRow(m map[Column]string) []string {
	r := make([]string, NumColumns)
	for c, v := range m {
		r[c] = v
	}
	return r
}

// goodCells is one valid answered row as an agency would type it.
func goodCells() map[Column]string {
	return map[Column]string{
		ColRegisterNo:      "2026-001",
		ColReceivedOn:      "2026-01-05",
		ColChannel:         "网上申请",
		ColApplicantType:   "自然人",
		ColApplicantName:   "张三",
		ColIDNumber:        validResidentID("11010519491231002"),
		ColContact:         "13800138000",
		ColContent:         "2025年老旧小区改造项目清单",
		ColCorrected:       "否",
		ColExtended:        "否",
		ColAnsweredOn:      "2026-01-20",
		ColOutcome:         "（一）予以公开",
		ColReconsideration: "无",
		ColLitigation:      "无",
	}
}

// with returns a copy of goodCells with some cells replaced.
func with(over map[Column]string) map[Column]string {
	m := goodCells()
	for c, v := range over {
		m[c] = v
	}
	return m
}

func MustCSV(tb testing.TB, records [][]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(records); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// MustXLSX builds a workbook whose first sheet holds rows from A1 down;
// a nil row leaves the spreadsheet row empty.
func MustXLSX(tb testing.TB, sheet string, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		tb.Fatal(err)
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func MustReadAll(tb testing.TB, data []byte, format Format, opts Options) *Result {
	tb.Helper()
	res, err := ReadAll(bytes.NewReader(data), format, opts)
	if err != nil {
		tb.Fatalf("ReadAll: %v", err)
	}
	return res
}

func MustExport(tb testing.TB, rows []Row) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func MustOpen(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// sampleRows are n valid rows that between them use every outcome,
// channel, applicant column, remedy and the correction and fee rules.
func sampleRows(n int) []Row {
	rows := make([]Row, n)
	for i := range rows {
		rows[i] = sampleRow(i)
	}
	return rows
}

func sampleRow(i int) Row {
	o := models.Outcomes[i%len(models.Outcomes)]
	apps := applicantVocab.terms
	a := apps[i%len(apps)].value
	r := Row{
		Number:        i + 2,
		ReceivedOn:    fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
		Channel:       models.Channels[i%len(models.Channels)],
		ApplicantType: a.typ,
		OrgCategory:   a.cat,
		ApplicantName: fmt.Sprintf("申请人%d", i),
		Contact:       "0531-12345678",
		Content:       fmt.Sprintf("第%d号文件及其附件\n（含2024年度数据）", i),
		Extended:      i%5 == 0,
		Outcome:       o.Key,
	}
	if i%3 != 0 {
		r.RegisterNo = fmt.Sprintf("GK%07d", i)
	}
	if a.typ == models.ApplicantNatural {
		r.IDNumber = validResidentID(fmt.Sprintf("37010219800101%03d", i%1000))
	} else {
		r.IDNumber = validCreditCode(fmt.Sprintf("91370100MA%07d", i%10000000))
	}
	if i%7 == 6 { // still open: carried forward
		r.Outcome = ""
	} else {
		r.AnsweredOn = fmt.Sprintf("2026-%02d-%02d", 1+i%6, 1+i%28)
	}
	if needsCorrection[r.Outcome] || i%4 == 1 {
		r.Corrected = true
		if r.Outcome != "" && !closesWithoutCorrection[r.Outcome] {
			r.CorrectedOn = r.ReceivedOn[:8] + "28"
		}
	}
	if r.Outcome != "" && i%6 == 2 {
		r.FeeFen = int64(100*(i%50) + i%100)
	}
	switch i % 5 {
	case 1:
		r.Remedies = []Remedy{{RemedyReconsideration, ResultUpheld}}
	case 2:
		r.Remedies = []Remedy{{RemedyReconsideration, ResultCorrected}, {RemedyLitigationAfterReconsideration, ResultPending}}
	case 3:
		r.Remedies = []Remedy{{RemedyLitigationDirect, ResultOther}, {RemedyLitigationDirect, ResultCorrected}}
	}
	return r
}

func timeParse(d string) (time.Time, error) { return time.Parse(time.DateOnly, d) }

func mustHashKey(date, name, content string) string {
	sum := sha256.Sum256([]byte(date + "\x00" + name + "\x00" + content))
	return hex.EncodeToString(sum[:16])
}
