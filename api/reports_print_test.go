package api

import (
	"bytes"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// annualFixture makes 2026's cases of 区政府办公室 through the API: a
// natural person's three applications (one disclosed, one refused as a
// state secret, one still open) and a law firm's one, refused as a state
// secret and brought to reconsideration. It returns the disclosed case.
func annualFixture(t *testing.T, h *harness) (disclosed uint) {
	t.Helper()
	h.setNow(shanghai("2026-03-02", "10:00"))
	applicant, firm, officer, supervisor := h.token("demo-applicant"), h.token("demo-org"), h.token("demo-officer"), h.token("demo-supervisor")
	secret := map[string]any{"outcome": "not_disclosed.state_secret", "legalBasis": "《条例》第十四条、第三十六条第（三）项", "text": "经审查，您申请公开的信息属于国家秘密，依法不予公开。",
		"withheldReasons": "所申请的信息经定密属于国家秘密。"}
	answer := func(id uint, draft map[string]any) {
		h.mustAct(t, officer, id, "accept", nil)
		h.mustAct(t, officer, id, "draft-answer", draft)
		h.mustAct(t, supervisor, id, "decide-answer", map[string]any{"approve": true})
	}
	disclosed = h.file(t, applicant, applicationBody(1)).ID
	answer(disclosed, draftBody())
	answer(h.file(t, applicant, applicationBody(1)).ID, secret)
	h.file(t, applicant, applicationBody(1))
	refused := h.file(t, firm, applicationBody(1)).ID
	answer(refused, secret)
	h.mustAct(t, officer, refused, "record-remedy", map[string]any{"kind": "reconsideration", "filedOn": "2026-03-02", "result": "pending"})
	return disclosed
}

// The fixture's figures: the seven applicant columns (自然人, 商业企业,
// 科研机构, 社会公益组织, 法律服务机构, 其他, 总计) of some rows, and table 四.
var (
	fixtureRows = map[string][]int{
		"一、本年新收政府信息公开申请数量": {3, 0, 0, 0, 1, 0, 4},
		"二、上年结转政府信息公开申请数量": {0, 0, 0, 0, 0, 0, 0},
		"（一）予以公开":          {1, 0, 0, 0, 0, 0, 1},
		"1.属于国家秘密":         {1, 0, 0, 0, 1, 0, 2},
		"（七）总计":            {2, 0, 0, 0, 1, 0, 3},
		"四、结转下年度继续办理":      {1, 0, 0, 0, 0, 0, 1},
	}
	fixtureRemedies = []int{0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
)

const fixtureAnnual = "/api/v1/reports/annual?year=2026&agencyId=1"

// TestAnnualXLSXPrints reads the annual report's workbook back: each
// table prints on A4 landscape one page wide with its header rows
// repeated, its group headings are merged row headers as in the official
// table, no label starts with spaces, and every row is tall enough for
// its wrapped label, so that （六）1 and （六）2 do not run into each other.
func TestAnnualXLSXPrints(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		annualFixture(t, h)
		r := h.step(t, scenario{name: "the workbook", method: "GET", url: fixtureAnnual + "&format=xlsx", token: h.token("demo-supervisor"), wantStatus: 200,
			wantHeaders: map[string]string{"Content-Type": xlsxType}})
		f, err := excelize.OpenReader(bytes.NewReader(r.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, sheet := range []struct{ name, header string }{{"三、申请情况", "申请人情况"}, {"四、复议诉讼情况", "行政复议"}} {
			t.Run(sheet.name+": page setup", func(t *testing.T) { wantPrintSetup(t, f, sheet.name, sheet.header) })
		}
		t.Run("group headings are merged row headers", func(t *testing.T) {
			merged := mergedByValue(t, f, "三、申请情况")
			for label, rows := range map[string]int{"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3} {
				m, ok := merged[label]
				if !ok {
					t.Errorf("%s is not a merged cell", label)
					continue
				}
				x0, y0, x1, y1 := mergeBounds(t, m)
				if x0 != x1 || y1-y0+1 != rows {
					t.Errorf("%s spans %s, want %d rows of one column", label, m.GetStartAxis()+":"+m.GetEndAxis(), rows)
				}
			}
			wantRightOf(t, f, merged, "（三）不予公开", "1.属于国家秘密")
			wantRightOf(t, f, merged, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
			wantRightOf(t, f, merged, "三、本年度办理结果", "（一）予以公开")
		})
		t.Run("labels carry no leading spaces", func(t *testing.T) {
			for _, sheet := range f.GetSheetList() {
				rows, _ := f.GetRows(sheet)
				for y, row := range rows {
					for x, v := range row {
						if v != strings.TrimLeftFunc(v, unicode.IsSpace) {
							t.Errorf("%s row %d column %d: %q", sheet, y+1, x+1, v)
						}
					}
				}
			}
		})
		t.Run("every row holds its wrapped label", func(t *testing.T) { wantLabelsFit(t, f, "三、申请情况") })
		t.Run("the figures of the cases", func(t *testing.T) {
			for label, want := range fixtureRows {
				diff(t, label, want, figuresRightOf(t, f, "三、申请情况", label, 7))
			}
			rows, _ := f.GetRows("四、复议诉讼情况")
			var got []int
			for _, v := range rows[len(rows)-1] {
				n, _ := strconv.Atoi(v)
				got = append(got, n)
			}
			diff(t, "table 四", fixtureRemedies, got)
		})
	})
}

// wantPrintSetup checks that sheet prints on A4 landscape one page wide
// and that its print titles are the rows of its header, ending just above
// the figures.
func wantPrintSetup(t *testing.T, f *excelize.File, sheet, header string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	deref := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	orientation := ""
	if pl.Orientation != nil {
		orientation = *pl.Orientation
	}
	diff(t, "paper, orientation, pages wide, pages tall (0: as many as needed)", []any{9, "landscape", 1, 0},
		[]any{deref(pl.Size), orientation, deref(pl.FitToWidth), deref(pl.FitToHeight)})
	if props, _ := f.GetSheetProps(sheet); props.FitToPage == nil || !*props.FitToPage {
		t.Error("fit to page is off: the page counts are ignored")
	}
	var titles string
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
			titles = d.RefersTo
		}
	}
	m := regexp.MustCompile(`^'?(.+?)'?!\$(\d+):\$(\d+)$`).FindStringSubmatch(titles)
	if m == nil || m[1] != sheet {
		t.Fatalf("print titles %q, want rows of %s", titles, sheet)
	}
	from, _ := strconv.Atoi(m[2])
	to, _ := strconv.Atoi(m[3])
	rows, _ := f.GetRows(sheet)
	if !slicesContain(rows[from-1], header) {
		t.Errorf("the print titles start at row %d, which lacks %s: %q", from, header, rows[from-1])
	}
	if first := rows[to]; len(first) == 0 || first[len(first)-1] == "" || !isDigits(first[len(first)-1]) {
		t.Errorf("the row after the print titles (%d) holds no figures: %q", to+1, first)
	}
}

func slicesContain(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// mergedByValue is the merged ranges of sheet by their text.
func mergedByValue(t *testing.T, f *excelize.File, sheet string) map[string]excelize.MergeCell {
	t.Helper()
	ms, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]excelize.MergeCell{}
	for _, m := range ms {
		out[m.GetCellValue()] = m
	}
	return out
}

func mergeBounds(t *testing.T, m excelize.MergeCell) (x0, y0, x1, y1 int) {
	t.Helper()
	x0, y0, err := excelize.CellNameToCoordinates(m.GetStartAxis())
	if err != nil {
		t.Fatal(err)
	}
	x1, y1, err = excelize.CellNameToCoordinates(m.GetEndAxis())
	if err != nil {
		t.Fatal(err)
	}
	return x0, y0, x1, y1
}

// findCell is the column and row (from 1) of the cell holding v.
func findCell(t *testing.T, f *excelize.File, sheet, v string) (int, int) {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for y, row := range rows {
		for x, c := range row {
			if c == v {
				return x + 1, y + 1
			}
		}
	}
	t.Fatalf("%s has no cell %q", sheet, v)
	return 0, 0
}

// wantRightOf checks that the first item of a group stands in the group
// heading's first row, to its right.
func wantRightOf(t *testing.T, f *excelize.File, merged map[string]excelize.MergeCell, group, item string) {
	t.Helper()
	m, ok := merged[group]
	if !ok {
		t.Errorf("%s is not merged", group)
		return
	}
	_, y0, x1, _ := mergeBounds(t, m)
	x, y := findCell(t, f, "三、申请情况", item)
	if y != y0 || x <= x1 {
		t.Errorf("%q is at column %d row %d, want row %d right of column %d (%s)", item, x, y, y0, x1, group)
	}
}

// figuresRightOf reads the n numbers to the right of a label.
func figuresRightOf(t *testing.T, f *excelize.File, sheet, label string, n int) []int {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	_, y := findCell(t, f, sheet, label)
	row := rows[y-1]
	var out []int
	for _, v := range row[len(row)-n:] {
		k, err := strconv.Atoi(v)
		if err != nil {
			t.Errorf("%s: %q is not a figure", label, v)
		}
		out = append(out, k)
	}
	return out
}

// wantLabelsFit checks every text cell of the table's body, merged or not:
// its rows must be as tall as its text wrapped to its width (a Chinese
// character is two characters of column width, a line of 11-point type
// 13.5 points).
func wantLabelsFit(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	ranges := map[string][4]int{}
	ms, _ := f.GetMergeCells(sheet)
	for _, m := range ms {
		x0, y0, x1, y1 := mergeBounds(t, m)
		ranges[m.GetStartAxis()] = [4]int{x0, y0, x1, y1}
	}
	rows, _ := f.GetRows(sheet)
	_, body := findCell(t, f, sheet, "一、本年新收政府信息公开申请数量")
	checked := 0
	for y := body; y <= len(rows); y++ {
		for x, v := range rows[y-1] {
			if v == "" || isDigits(v) {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(x+1, y)
			b, ok := ranges[ref]
			if !ok {
				b = [4]int{x + 1, y, x + 1, y}
			}
			width, height := 0.0, 0.0
			for c := b[0]; c <= b[2]; c++ {
				name, _ := excelize.ColumnNumberToName(c)
				w, _ := f.GetColWidth(sheet, name)
				width += w
			}
			for r := b[1]; r <= b[3]; r++ {
				h, _ := f.GetRowHeight(sheet, r)
				height += h
			}
			units := 0.0
			for _, c := range v {
				units++
				if c >= 0x80 {
					units++
				}
			}
			if need := math.Ceil(units/width) * 13.5; height < need {
				t.Errorf("%s (%s): %.0f points tall, its %.0f lines need %.0f", v, ref, height, need/13.5, need)
			}
			checked++
		}
	}
	if checked < 25 {
		t.Errorf("checked %d labels", checked)
	}
}

// TestAnnualPrintFitsA4Landscape reads the printable page's style: table
// 四's fifteen columns share a width that fits A4 landscape between the
// page margins, each wide enough for a four-character heading
// (结果维持) on one line at a legible size.
func TestAnnualPrintFitsA4Landscape(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-03-02", "10:00"))
		r := h.step(t, scenario{name: "the printable page", method: "GET", url: fixtureAnnual + "&format=html", token: h.token("demo-supervisor"), wantStatus: 200,
			wantContains: []string{`rowspan="22" class="g">三、本年度办理结果`, `rowspan="8" class="g">（三）不予公开`}})
		page := r.Body.String()
		css := cssRules(page)
		at := css["@page"]
		if !strings.Contains(at["size"], "A4") || !strings.Contains(at["size"], "landscape") {
			t.Fatalf("@page size %q, want A4 landscape", at["size"])
		}
		left, right := marginSides(mmValues(t, at["margin"]))
		text := 297 - left - right
		t4, cell := css["table.t4"], css["td"]
		width := mmValues(t, t4["width"])[0]
		size := ptValue(t, t4["font-size"])
		col := mmValues(t, css["table.t4 col"]["width"])[0]
		padX, _ := marginSides(mmValues(t, cell["padding"]))
		layout := t4["table-layout"]
		if layout == "" {
			layout = css["table"]["table-layout"]
		}
		if width > text+0.01 || layout != "fixed" {
			t.Errorf("table 四 is %.1f mm (layout %q) on %.1f mm of text width", width, layout, text)
		}
		if n := strings.Count(between(page, `<table class="t4">`, `</table>`), "<col>"); n != 15 || 15*col > width+0.01 {
			t.Errorf("table 四 has %d columns of %.1f mm in %.1f mm", n, col, width)
		}
		if size < 9 {
			t.Errorf("table 四 is set in %.1f pt", size)
		}
		if need := 4*size*25.4/72 + 2*padX; col < need {
			t.Errorf("a column of %.1f mm cannot hold 结果维持 on one line at %.1f pt (%.1f mm)", col, size, need)
		}
		if maxW := mmValues(t, css["body"]["max-width"])[0]; maxW > text+0.01 {
			t.Errorf("the page is %.1f mm wide on %.1f mm of text width", maxW, text)
		}
	})
}

// cssRules reads the declarations of a page's style block by selector (a
// selector list gives each of its selectors the declarations).
func cssRules(page string) map[string]map[string]string {
	out := map[string]map[string]string{}
	style := between(page, "<style>", "</style>")
	for _, m := range regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`).FindAllStringSubmatch(style, -1) {
		decls := map[string]string{}
		for _, d := range strings.Split(m[2], ";") {
			if k, v, ok := strings.Cut(d, ":"); ok {
				decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		for _, sel := range strings.Split(m[1], ",") {
			sel = strings.Join(strings.Fields(sel), " ")
			if out[sel] == nil {
				out[sel] = map[string]string{}
			}
			for k, v := range decls {
				out[sel][k] = v
			}
		}
	}
	return out
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	in, _, _ := strings.Cut(rest, to)
	return in
}

// mmValues reads a list of lengths in millimetres.
func mmValues(t *testing.T, s string) []float64 {
	t.Helper()
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(strings.TrimSuffix(f, "mm"), 64)
		if err != nil || !strings.HasSuffix(f, "mm") {
			t.Fatalf("%q is not in mm", s)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		t.Fatalf("no length in %q", s)
	}
	return out
}

// marginSides reads the left and right of a margin or padding shorthand.
func marginSides(m []float64) (left, right float64) {
	switch len(m) {
	case 1:
		return m[0], m[0]
	case 2, 3:
		return m[1], m[1]
	}
	return m[3], m[1]
}

func ptValue(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "pt"), 64)
	if err != nil || !strings.HasSuffix(s, "pt") {
		t.Fatalf("%q is not in pt", s)
	}
	return v
}

// TestAnnualPDF reads the annual report's PDF back with poppler: A4
// landscape, the title, the row labels of the official table, and the
// figures of the cases on the lines of their labels.
func TestAnnualPDF(t *testing.T) {
	pdfinfo, pdftotext := popplerTool(t, "pdfinfo"), popplerTool(t, "pdftotext")
	eachDBLong(t, func(t *testing.T, h *harness) {
		annualFixture(t, h)
		r := h.step(t, scenario{name: "the PDF", method: "GET", url: fixtureAnnual + "&format=pdf", token: h.token("demo-supervisor"), wantStatus: 200,
			wantHeaders: map[string]string{"Content-Type": pdfType,
				"Content-Disposition": `attachment; filename="annual-report-2026-ZFB.pdf"; filename*=UTF-8''` + url.PathEscape("政府信息公开工作年度报告-2026-区政府办公室.pdf")}})
		path := filepath.Join(t.TempDir(), "annual.pdf")
		if err := os.WriteFile(path, r.Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if d := os.Getenv("GONGKAI_TEST_DUMP"); d != "" {
			os.WriteFile(d, r.Body.Bytes(), 0o644)
		}
		info := runTool(t, pdfinfo, "-f", "1", "-l", "9", path)
		if n := strings.Count(info, "841.89 x 595.28 pts (A4)"); n != 2 || n != len(regexp.MustCompile(`Page +\d+ size:`).FindAllString(info, -1)) {
			t.Errorf("want two pages of A4 landscape:\n%s", info)
		}
		text := runTool(t, pdftotext, "-raw", path, "-")
		flat := strings.Join(strings.Fields(text), "")
		for _, want := range []string{"济南市莱芜区人民政府办公室2026年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "三、本年度办理结果",
			"（三）不予公开", "（六）其他处理", "申请人情况", "商业企业", "四、政府信息公开行政复议、行政诉讼情况", "未经复议直接起诉", "复议后起诉"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the PDF lacks %s", want)
			}
		}
		for label, want := range fixtureRows {
			diff(t, label, want, figuresOnLine(t, text, label))
		}
		diff(t, "table 四", fixtureRemedies, figuresOnLine(t, text, "尚未审结"))
	})
}

// figuresOnLine reads the numbers after label on its line of pdftotext
// -raw output (a row's cells, left to right); for a label that is a column heading, the numbers on
// the next line that has only numbers.
func figuresOnLine(t *testing.T, text, label string) []int {
	t.Helper()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		_, rest, ok := strings.Cut(l, label)
		if !ok {
			continue
		}
		if nums := numbers(rest); len(nums) > 0 {
			return nums
		}
		for _, next := range lines[i+1:] {
			if f := strings.Fields(next); len(f) > 1 && len(numbers(next)) == len(f) {
				return numbers(next)
			}
		}
	}
	t.Errorf("no line with %s and figures:\n%s", label, text)
	return nil
}

func numbers(s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// popplerTool finds a poppler tool; it skips the test without one outside
// CI and fails it in CI.
func popplerTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (install poppler-utils)", name)
		}
		t.Skipf("%s is missing (install poppler-utils)", name)
	}
	return p
}

func runTool(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}
