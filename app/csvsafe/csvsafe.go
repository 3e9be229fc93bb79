// Package csvsafe writes the CSV files Gongkai exports so that a
// spreadsheet opens every cell as the text or number it is, never as a
// formula (OWASP, "CSV Injection"). It is the one CSV writer of the
// system: every export goes through it.
//
// A cell that begins with =, +, -, @, a tab, a carriage return or a line
// feed — after any leading spaces, and in their full-width forms too — is
// written with a leading single quote, which Excel, LibreOffice and WPS
// show as text. A plain decimal number, negative or not, with an optional
// % ("-12", "3.5", "87.5%"), is written as it is and stays a number: it
// cannot be a formula. Cells are quoted when they hold a comma, a
// semicolon (the list separator of some locales), a quote, a tab or a line
// break, or begin or end with a space; quotes are doubled. The file starts
// with a UTF-8 byte-order mark so that Excel reads Chinese correctly, and
// lines end in CRLF (RFC 4180).
package csvsafe

import (
	"bufio"
	"io"
	"regexp"
	"strings"
	"unicode"
)

// bom makes Excel read the file as UTF-8.
const bom = "\uFEFF"

// number is a plain decimal number as spreadsheets read one.
var number = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?%?$`)

// triggers start a formula (or a DDE call) in some spreadsheet.
const triggers = "=+-@\t\r\n＝＋－＠"

// Cell returns s as it is safe to write into a spreadsheet cell: with a
// leading single quote when a spreadsheet would read it as a formula.
func Cell(s string) string {
	if number.MatchString(s) {
		return s
	}
	t := strings.TrimLeftFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u3000' })
	if t != "" && strings.ContainsRune(triggers, []rune(t)[0]) {
		return "'" + s
	}
	return s
}

// Writer writes records of cells, each through Cell.
type Writer struct {
	w       *bufio.Writer
	started bool
	err     error
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Write writes one record; an empty record is an empty line.
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		w.write(bom)
	}
	for i, f := range record {
		if i > 0 {
			w.write(",")
		}
		w.field(Cell(f))
	}
	w.write("\r\n")
	return w.err
}

// WriteAll writes the records.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return w.err
}

// Flush writes what is buffered and returns the first error met.
func (w *Writer) Flush() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

func (w *Writer) field(f string) {
	if !needsQuotes(f) {
		w.write(f)
		return
	}
	w.write(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
}

func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if strings.ContainsAny(f, ",;\"\t\r\n") {
		return true
	}
	first, last := []rune(f)[0], []rune(f)[len([]rune(f))-1]
	return unicode.IsSpace(first) || unicode.IsSpace(last)
}

func (w *Writer) write(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}
