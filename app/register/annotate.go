package register

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// commentAuthor signs the comments AnnotateErrors adds, so that a
// re-annotated upload loses the old ones.
const commentAuthor = "Gongkai"

// errorFill is the light red of an erroneous cell.
var errorFill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}

// AnnotateErrors returns an XLSX copy of an uploaded register with its
// errors marked: each cell at fault filled light red and carrying a comment
// with the Chinese message, and a last column "错误说明" listing each
// erroneous row's messages. Rows without errors are unchanged. A CSV is
// converted to XLSX first (every cell as text). The sheet is the one
// NewReader picks by default; a previous 错误说明 column is reused. An
// unreadable upload is a *models.Error of KindInvalid, as from NewReader.
func AnnotateErrors(src []byte, format Format, errs []FieldError) ([]byte, error) {
	f, err := openForAnnotation(src, format)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheet, hdr, err := annotationSheet(f)
	if err != nil {
		return nil, err
	}
	a := &annotator{f: f, sheet: sheet, hdr: hdr, styles: map[int]int{}}
	if err := a.prepare(); err != nil {
		return nil, err
	}
	if err := a.mark(errs); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func openForAnnotation(src []byte, format Format) (*excelize.File, error) {
	switch format {
	case FormatXLSX:
		f, err := excelize.OpenReader(bytes.NewReader(src), openOptions)
		if err != nil {
			return nil, fileError(codeUnreadable, err)
		}
		return f, nil
	case FormatCSV:
		return csvToWorkbook(src)
	}
	return nil, fileError(codeUnsupported, nil)
}

// csvToWorkbook copies a CSV into the register sheet of a new workbook,
// each record on the row the reader numbers it with.
func csvToWorkbook(src []byte) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheetRegister); err != nil {
		return nil, err
	}
	cs := newCSVSource(bytes.NewReader(src))
	for {
		n, rec, err := cs.next()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			_ = f.Close()
			return nil, err
		}
		vals := make([]any, len(rec))
		for i, v := range rec {
			vals[i] = cleanCell(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := f.SetSheetRow(sheetRegister, cell, &vals); err != nil {
			_ = f.Close()
			return nil, err
		}
	}
}

func annotationSheet(f *excelize.File) (string, header, error) {
	var first error
	for _, sheet := range candidateSheets(f, "") {
		src, err := newXLSXSource(f, sheet)
		if err != nil {
			return "", header{}, err
		}
		hdr, err := findHeader(src)
		_ = src.close()
		if err == nil {
			return sheet, hdr, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		first = fileError(codeNoSheet, nil, sheetRegister)
	}
	return "", header{}, first
}

// annotator marks errors on one sheet.
type annotator struct {
	f      *excelize.File
	sheet  string
	hdr    header
	errCol int         // 1-based column of 错误说明
	styles map[int]int // cell style → the same style filled red
	stale  []int       // rows whose old 错误说明 must be cleared
	wrap   int
	// foreign holds the text of comments others left, by cell.
	foreign map[string]string
}

// prepare places the 错误说明 column after the widest row, or on the one a
// previous annotation left, and drops that annotation's comments.
func (a *annotator) prepare() error {
	rows, err := a.f.Rows(a.sheet)
	if err != nil {
		return err
	}
	width, n := a.hdr.width, 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			_ = rows.Close()
			return err
		}
		width = max(width, len(cells))
		if i := a.hdr.errorCol; i >= 0 && n > a.hdr.row && i < len(cells) && cells[i] != "" {
			a.stale = append(a.stale, n)
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	a.errCol = width + 1
	if a.hdr.errorCol >= 0 {
		a.errCol = a.hdr.errorCol + 1
	}
	old, err := a.f.GetComments(a.sheet)
	if err != nil {
		return err
	}
	a.foreign = map[string]string{}
	for _, c := range old {
		if c.Author == commentAuthor {
			if err := a.f.DeleteComment(a.sheet, c.Cell); err != nil {
				return err
			}
			continue
		}
		t := c.Text
		for _, p := range c.Paragraph {
			t += p.Text
		}
		a.foreign[c.Cell] = t
	}
	return a.headerCell()
}

func (a *annotator) headerCell() error {
	bold, err := a.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	if err != nil {
		return err
	}
	if a.wrap, err = a.f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "C00000"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return err
	}
	ref, _ := excelize.CoordinatesToCellName(a.errCol, a.hdr.row)
	name, _ := excelize.ColumnNumberToName(a.errCol)
	for _, e := range []error{
		a.f.SetCellStr(a.sheet, ref, errorColumnHeader),
		a.f.SetCellStyle(a.sheet, ref, ref, bold),
		a.f.SetColWidth(a.sheet, name, name, 60),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// mark fills, comments and explains every error, row by row.
func (a *annotator) mark(errs []FieldError) error {
	byRow := map[int][]FieldError{}
	var order []int
	for _, e := range errs {
		if _, ok := byRow[e.Row]; !ok {
			order = append(order, e.Row)
		}
		byRow[e.Row] = append(byRow[e.Row], e)
	}
	for _, n := range a.stale {
		if _, ok := byRow[n]; !ok {
			ref, _ := excelize.CoordinatesToCellName(a.errCol, n)
			if err := a.f.SetCellValue(a.sheet, ref, nil); err != nil {
				return err
			}
		}
	}
	slices.Sort(order)
	for _, n := range order {
		if err := a.markRow(n, byRow[n]); err != nil {
			return err
		}
	}
	return nil
}

func (a *annotator) markRow(n int, errs []FieldError) error {
	cells := map[string][]string{}
	var refs, all []string
	for _, e := range errs {
		all = append(all, e.ZH)
		col, ok := findColumn(e.Column)
		if !ok || a.hdr.index[col] < 0 {
			continue // the column is not in the file: the 错误说明 says it
		}
		ref, _ := excelize.CoordinatesToCellName(a.hdr.index[col]+1, n)
		if _, seen := cells[ref]; !seen {
			refs = append(refs, ref)
		}
		cells[ref] = append(cells[ref], e.ZH)
	}
	for _, ref := range refs {
		if err := a.markCell(ref, strings.Join(cells[ref], "\n")); err != nil {
			return err
		}
	}
	ref, _ := excelize.CoordinatesToCellName(a.errCol, n)
	if err := a.f.SetCellStr(a.sheet, ref, strings.Join(all, "\n")); err != nil {
		return err
	}
	return a.f.SetCellStyle(a.sheet, ref, ref, a.wrap)
}

// markCell fills a cell red, keeping its number format and font, and
// comments on it; a comment someone else left is kept under ours.
func (a *annotator) markCell(ref, text string) error {
	orig, err := a.f.GetCellStyle(a.sheet, ref)
	if err != nil {
		return err
	}
	red, ok := a.styles[orig]
	if !ok {
		st, err := a.f.GetStyle(orig)
		if err != nil {
			return err
		}
		st.Fill = errorFill
		if red, err = a.f.NewStyle(st); err != nil {
			return err
		}
		a.styles[orig] = red
	}
	if err := a.f.SetCellStyle(a.sheet, ref, ref, red); err != nil {
		return err
	}
	if prev, ok := a.foreign[ref]; ok {
		text += "\n——\n" + prev
		if err := a.f.DeleteComment(a.sheet, ref); err != nil {
			return err
		}
	}
	if r := []rune(text); len(r) > 32000 {
		text = string(r[:32000])
	}
	return a.f.AddComment(a.sheet, excelize.Comment{Cell: ref, Author: commentAuthor, Text: text, Width: 300, Height: 80})
}
