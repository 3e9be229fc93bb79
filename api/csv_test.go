package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
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

// TestCSVForExcel reads the CSV exports as Excel does: CRLF line ends,
// 是/否 for yes and no, agencies by name, and with ?encoding=gbk the same
// file in GBK (no byte-order mark) for Excel versions that read the
// system's code page.
func TestCSVForExcel(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		annualFixture(t, h)
		supervisor := h.token("demo-supervisor")
		// Read a year later, the open case is overdue and listed.
		const deadlines = "/api/v1/reports/deadlines?asOf=2027-03-01&from=2026-01-01&agencyId=1&format=csv"
		exports := map[string]string{"annual report": fixtureAnnual + "&format=csv", "deadline report": deadlines}
		for what, u := range exports {
			t.Run(what, func(t *testing.T) {
				utf := h.do("GET", u, supervisor, nil)
				gbk := h.do("GET", u+"&encoding=gbk", supervisor, nil)
				if utf.Code != 200 || gbk.Code != 200 {
					t.Fatalf("%d %s / %d %s", utf.Code, utf.Body, gbk.Code, gbk.Body)
				}
				body := utf.Body.Bytes()
				if n, crlf := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); n == 0 || n != crlf {
					t.Errorf("%d line ends, %d of them CRLF", n, crlf)
				}
				cells := readCSV(t, what, body)
				for _, c := range cells {
					if c == "true" || c == "false" {
						t.Errorf("a cell reads %q", c)
					}
				}
				diff(t, "media type", "text/csv; charset=GB18030", gbk.Header().Get("Content-Type"))
				raw := gbk.Body.Bytes()
				if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
					t.Error("a UTF-8 byte-order mark in the GBK file")
				}
				text, err := simplifiedchinese.GBK.NewDecoder().Bytes(raw)
				if err != nil {
					t.Fatal(err)
				}
				diff(t, "the GBK file read back", strings.TrimPrefix(utf.Body.String(), "\uFEFF"), string(text))
			})
		}
		cells := readCSV(t, "deadline report", h.do("GET", deadlines, supervisor, nil).Body.Bytes())
		for _, want := range []string{"暂停中", "否", "机关", "济南市莱芜区人民政府办公室"} {
			if !slicesContain(cells, want) {
				t.Errorf("the deadline report has no cell %q", want)
			}
		}
		if slicesContain(cells, "机关ID") {
			t.Error("the deadline report lists agencies by ID")
		}
		h.run(t, []scenario{
			{name: "an unknown encoding", method: "GET", url: deadlines + "&encoding=latin1", token: supervisor, wantStatus: 400,
				wantProblem: &wantProblem{code: "bad_request", fields: []string{"encoding"}}},
		})
	})
}

// TestDownloadsNameFilesInASCIITOO: every download names its file twice in
// Content-Disposition, in UTF-8 (filename*) and in ASCII (filename) for
// clients that read only filename.
func TestDownloadsNameFilesInASCIITOO(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		disclosed := annualFixture(t, h)
		applicant, officer, supervisor, admin := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor"), h.token("demo-admin")
		body, ct := multipartFile(t, "身份证明.pdf", []byte("%PDF-1.4 identity"))
		var att attachmentResponse
		h.step(t, scenario{name: "an upload", method: "POST", url: "/api/v1/attachments", token: applicant, body: body,
			headers: []string{"Content-Type", ct}, wantStatus: 201, into: &att})
		downloads := []struct {
			name, url, token, file, ascii string
		}{
			{"annual report CSV", fixtureAnnual + "&format=csv", supervisor, "政府信息公开工作年度报告-2026-区政府办公室.csv", "annual-report-2026-ZFB.csv"},
			{"annual report XLSX", fixtureAnnual + "&format=xlsx", supervisor, "政府信息公开工作年度报告-2026-区政府办公室.xlsx", "annual-report-2026-ZFB.xlsx"},
			{"annual report PDF", fixtureAnnual + "&format=pdf", supervisor, "政府信息公开工作年度报告-2026-区政府办公室.pdf", "annual-report-2026-ZFB.pdf"},
			{"whole government's annual report", "/api/v1/reports/annual?year=2026&format=csv&encoding=gbk", supervisor, "政府信息公开工作年度报告-2026.csv", "annual-report-2026.csv"},
			{"deadline report CSV", "/api/v1/reports/deadlines?asOf=2026-03-10&format=csv", officer, "期限督办报表-2026-03-10.csv", "deadline-report-2026-03-10.csv"},
			{"deadline report XLSX", "/api/v1/reports/deadlines?asOf=2026-03-10&format=xlsx", officer, "期限督办报表-2026-03-10.xlsx", "deadline-report-2026-03-10.xlsx"},
			{"dossier", appURL(disclosed, "/dossier"), officer, "", "dossier-ZFB-2026-00001.zip"},
			{"attachment", fmt.Sprintf("/api/v1/attachments/%d", att.ID), applicant, "身份证明.pdf", fmt.Sprintf("attachment-%d.pdf", att.ID)},
			{"register template", "/api/v1/register/template", admin, "依申请公开登记台账模板.xlsx", "register-template.xlsx"},
			{"register export", "/api/v1/register/export?agencyId=1&year=2026", admin, "依申请公开登记台账-区政府办公室-2026.xlsx", "register-agency-1-2026.xlsx"},
		}
		for _, d := range downloads {
			t.Run(d.name, func(t *testing.T) {
				r := h.do("GET", d.url, d.token, nil)
				if r.Code != 200 {
					t.Fatalf("%d %s", r.Code, r.Body)
				}
				cd := r.Header().Get("Content-Disposition")
				m := regexp.MustCompile(`^attachment; filename="([A-Za-z0-9._-]+)"; filename\*=UTF-8''(\S+)$`).FindStringSubmatch(cd)
				if m == nil {
					t.Fatalf("Content-Disposition %q", cd)
				}
				file, err := url.PathUnescape(m[2])
				if err != nil {
					t.Fatal(err)
				}
				if d.file == "" {
					d.file = d.ascii
				}
				diff(t, "file names (ASCII, UTF-8)", []string{d.ascii, d.file}, []string{m[1], file})
				diff(t, "nosniff", "nosniff", r.Header().Get("X-Content-Type-Options"))
			})
		}
	})
}
