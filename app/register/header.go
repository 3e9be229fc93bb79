package register

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"gongkai/models"
)

// headerScanRows is how far down a sheet the header row may be: registers
// often open with a title and a line naming the agency.
const headerScanRows = 20

// minHeaderMatches is how many known column names make a row the header.
const minHeaderMatches = 3

// header is where the columns of a sheet are.
type header struct {
	row      int
	index    [NumColumns]int // file column of each Column, -1 when absent
	errorCol int             // file column of a previous 错误说明, -1 when none
	width    int             // cells in the header row
	warnings []Warning
}

// findHeader reads src up to and including the header row: the first row
// naming at least minHeaderMatches template columns.
func findHeader(src rowSource) (header, error) {
	for {
		row, cells, err := src.next()
		if errors.Is(err, io.EOF) || (err == nil && row > headerScanRows) {
			return header{}, fileError(codeNoHeader, nil, headerScanRows)
		}
		if err != nil {
			return header{}, fileError(codeUnreadable, err)
		}
		if countKnown(cells) >= minHeaderMatches {
			return newHeader(row, cells)
		}
	}
}

func countKnown(cells []string) int {
	var seen [NumColumns]bool
	n := 0
	for _, c := range cells {
		if col, ok := findColumn(c); ok && !seen[col] {
			seen[col] = true
			n++
		}
	}
	return n
}

func newHeader(row int, cells []string) (header, error) {
	h := header{row: row, errorCol: -1, width: len(cells)}
	for i := range h.index {
		h.index[i] = -1
	}
	var byAlias [NumColumns]bool
	for i, cell := range cells {
		if err := h.place(i, cell, cells, &byAlias); err != nil {
			return h, err
		}
	}
	return h, h.checkMissing()
}

// place reads header cell i: a template column (by its header or an
// alias), the error column of an annotated workbook, or an unknown one.
func (h *header) place(i int, cell string, cells []string, byAlias *[NumColumns]bool) error {
	col, ok := findColumn(cell)
	exact := ok && normHeader(cell) == normHeader(col.Header())
	switch {
	case ok && h.index[col] >= 0 && exact && !byAlias[col]:
		return fileError(codeDuplicateCol, nil, col.Header())
	case ok && h.index[col] >= 0 && exact:
		// The template's own header wins over an alias ("联系电话").
		h.warn(msgShadowedColumn, cells[h.index[col]], col.Header(), cell)
		h.index[col], byAlias[col] = i, false
	case ok && h.index[col] >= 0:
		// Two aliases ("联系电话", "联系地址"): the first is read.
		h.warn(msgShadowedColumn, cell, col.Header(), cells[h.index[col]])
	case ok:
		h.index[col], byAlias[col] = i, !exact
	case normHeader(cell) == errorColumnHeader:
		h.errorCol = i
	case strings.TrimSpace(cell) != "":
		h.warn(msgUnknownColumn, cell)
	}
	return nil
}

// checkMissing refuses a header without a column the template requires,
// naming each missing column.
func (h *header) checkMissing() error {
	var missing []string
	var fields []models.FieldError
	for c := range NumColumns {
		if columns[c].mustExist && h.index[c] < 0 {
			missing = append(missing, c.Header())
			fields = append(fields, models.FieldError{Field: c.Header(), Msg: fileMessages[codeMissingColumn]})
		}
	}
	if len(missing) == 0 {
		return nil
	}
	err := fileError(codeMissingColumn, nil, strings.Join(missing, "」「"))
	e := models.AsError(err)
	for i := range fields {
		fields[i].Msg = models.M(fmt.Sprintf(fields[i].Msg.ZH, fields[i].Field), fmt.Sprintf(fields[i].Msg.EN, fields[i].Field))
	}
	e.Fields = fields
	return err
}

// warn records a warning about the header cell named first in args.
func (h *header) warn(k msgKey, args ...string) {
	m := messages[k]
	a := make([]any, len(args))
	for i, v := range args {
		a[i] = strings.TrimSpace(v)
	}
	h.warnings = append(h.warnings, Warning{Code: "register." + string(k), Column: strings.TrimSpace(args[0]),
		ZH: fmt.Sprintf(m.ZH, a...), EN: fmt.Sprintf(m.EN, a...)})
}

// rawCells takes a row's cells in template column order, trimmed and
// cleaned; empty reports a row with nothing in any template column.
func (h *header) rawCells(cells []string) (raw [NumColumns]string, empty bool) {
	empty = true
	for c, i := range h.index {
		if i < 0 || i >= len(cells) {
			continue
		}
		v := cleanCell(cells[i])
		raw[c] = v
		if v != "" {
			empty = false
		}
	}
	return raw, empty
}

// cleanCell trims a cell and drops what cannot be written back to XLSX:
// invalid UTF-8 and control characters other than tab and line feed.
func cleanCell(s string) string {
	s = strings.TrimFunc(s, isSpace)
	if utf8.ValidString(s) && !hasControl(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}

// hasControl finds the characters XML 1.0 cannot carry (and CR, which
// Excel does not keep apart from LF).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 && b != '\t' && b != '\n' {
			return true
		}
		if b == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
			return true
		}
	}
	return false
}
