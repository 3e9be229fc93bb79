package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Spreadsheet payloads (OWASP, "CSV Injection").
var formulaPayloads = []string{`=HYPERLINK("http://x","y")`, `+cmd|' /C calc'!A0`}

// formulaCell is a cell a spreadsheet would evaluate: it starts with a
// formula trigger and is not a plain number.
var formulaCell = regexp.MustCompile(`^[ \x{a0}\x{3000}]*[=+\-@\t\r\n＝＋－＠]`)
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?%?$`)

// readCSV parses an export and fails on any cell that would run as a
// formula; it returns every cell.
func readCSV(t *testing.T, what string, body []byte) []string {
	t.Helper()
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	rd.FieldsPerRecord = -1
	var cells []string
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, body)
		}
		for _, c := range rec {
			if formulaCell.MatchString(c) && !plainNumber.MatchString(c) {
				t.Errorf("%s: cell %q would run as a formula", what, c)
			}
			cells = append(cells, c)
		}
	}
	return cells
}

func hasCell(cells []string, want string) bool {
	for _, c := range cells {
		if c == want || strings.Contains(c, want) {
			return true
		}
	}
	return false
}

// TestExportsHoldNoFormulas files applications whose titles are formulas,
// names an agency with one, and reads every CSV the system writes (the
// deadline report, the annual report) and the XLSX twins.
func TestExportsHoldNoFormulas(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		applicant, officer, supervisor, admin := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor"), h.token("demo-admin")
		agencyName := `@SUM(1+1)*cmd|' /C calc'!A0`
		ag := h.do("GET", "/api/v1/admin/agencies", admin, nil).Map(t)["items"].([]any)[0].(map[string]any)
		ag = map[string]any{"version": ag["version"], "name": agencyName, "shortName": ag["shortName"], "code": ag["code"], "docPrefix": ag["docPrefix"]}
		if r := h.do("PATCH", "/api/v1/admin/agencies/1", admin, ag); r.Code != 200 {
			t.Fatalf("rename agency: %d %s", r.Code, r.Body)
		}
		for _, title := range formulaPayloads {
			b := map[string]any{"agencyId": 1, "title": title, "description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。",
				"formats": []string{"electronic"}, "delivery": "online"}
			if r := h.do("POST", "/api/v1/applications", applicant, b); r.Code != 201 {
				t.Fatalf("file %s: %d %s", title, r.Code, r.Body)
			}
		}
		// Long overdue by then: the titles are in the overdue list.
		deadlines := h.do("GET", "/api/v1/reports/deadlines?asOf=2027-03-01&from=2026-01-01&format=csv", officer, nil)
		annual := h.do("GET", "/api/v1/reports/annual?year=2026&agencyId=1&format=csv", supervisor, nil)
		for what, r := range map[string]response{"deadline report": deadlines, "annual report": annual} {
			if r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") {
				t.Fatalf("%s: %d %s", what, r.Code, r.Body)
			}
			cells := readCSV(t, what, r.Body.Bytes())
			if !hasCell(cells, "'"+agencyName) {
				t.Errorf("%s: the agency's name is not there as text: %q", what, cells)
			}
		}
		cells := readCSV(t, "deadline report", deadlines.Body.Bytes())
		for _, p := range formulaPayloads {
			if !hasCell(cells, "'"+p) {
				t.Errorf("deadline report: title %q not there as text", p)
			}
		}
		// Numbers stay numbers.
		if !hasCell(cells, "2") || !strings.Contains(annual.Body.String(), ",0,") {
			t.Errorf("numbers quoted or prefixed:\n%s", deadlines.Body)
		}
		x := h.do("GET", "/api/v1/reports/deadlines?asOf=2027-03-01&from=2026-01-01&format=xlsx", officer, nil)
		checkXLSXText(t, x.Body.Bytes(), append(formulaPayloads, agencyName))
		checkXLSXText(t, h.do("GET", "/api/v1/reports/annual?year=2026&agencyId=1&format=xlsx", supervisor, nil).Body.Bytes(), nil)
	})
}

// checkXLSXText opens a workbook and checks it holds no formula and that
// each of texts is a string cell, as typed.
func checkXLSXText(t *testing.T, data []byte, texts []string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for y, row := range rows {
			for x, v := range row {
				ref, _ := excelize.CoordinatesToCellName(x+1, y+1)
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
					t.Errorf("%s!%s is a formula: %s", sheet, ref, fm)
				}
				for _, s := range texts {
					if v == s {
						found[s] = true
						if ct, _ := f.GetCellType(sheet, ref); ct != excelize.CellTypeSharedString && ct != excelize.CellTypeInlineString {
							t.Errorf("%s!%s %q has type %v, want a string", sheet, ref, v, ct)
						}
					}
				}
			}
		}
	}
	for _, s := range texts {
		if !found[s] {
			t.Errorf("the workbook lacks %q", s)
		}
	}
	if bytes.Contains(data, []byte("<f>")) {
		t.Error(fmt.Errorf("a formula element in the workbook"))
	}
}
