package register

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// formulaTexts are what an applicant or a clerk could type to make a
// spreadsheet run something (OWASP, "CSV Injection").
var formulaTexts = []string{`=HYPERLINK("http://x","y")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)`, `-2+3`}

// noFormulas checks a workbook holds no formula element at all and that
// each text is in a string cell as typed.
func noFormulas(t *testing.T, data []byte, sheet string, texts []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	mustDo(t, err)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		mustDo(t, err)
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
	f := MustOpen(t, data)
	rows, err := f.GetRows(sheet)
	mustDo(t, err)
	found := map[string]bool{}
	for y, row := range rows {
		for x, v := range row {
			ref, _ := excelize.CoordinatesToCellName(x+1, y+1)
			for _, s := range texts {
				if v != s {
					continue
				}
				found[s] = true
				ct, err := f.GetCellType(sheet, ref)
				mustDo(t, err)
				if ct != excelize.CellTypeSharedString && ct != excelize.CellTypeInlineString {
					t.Errorf("%s %q: cell type %v", ref, v, ct)
				}
				if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
					t.Errorf("%s %q: formula %q", ref, v, fm)
				}
			}
		}
	}
	for _, s := range texts {
		if !found[s] {
			t.Errorf("%q is not in the workbook", s)
		}
	}
}

// TestExportWritesFormulasAsText: the register holds what applicants
// wrote as text; excelize writes strings as strings, never as formulas,
// and the register writes no CSV.
func TestExportWritesFormulasAsText(t *testing.T) {
	var rows []Row
	for i, s := range formulaTexts {
		r := sampleRow(i)
		r.ApplicantName, r.Content, r.Note = s, s, s
		rows = append(rows, r)
	}
	noFormulas(t, MustExport(t, rows), sheetRegister, formulaTexts)
}

// TestAnnotatedCSVWritesFormulasAsText: a CSV upload annotated with its
// errors comes back as a workbook whose cells are text.
func TestAnnotatedCSVWritesFormulasAsText(t *testing.T) {
	csv := strings.Join(append([]string{strings.Join(allHeaders(), ",")}, `"=HYPERLINK(""http://x"",""y"")",+cmd|' /C calc'!A0,@SUM(1+1),-2+3`), "\n")
	out, err := AnnotateErrors([]byte(csv), FormatCSV, []FieldError{{Row: 2, Column: allHeaders()[0], Code: "register.x", ZH: "错误", EN: "error"}})
	mustDo(t, err)
	noFormulas(t, out, sheetRegister, formulaTexts)
}
