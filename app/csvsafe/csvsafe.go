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
// lines end in CRLF (RFC 4180). For older Excel, which reads a CSV file in
// the system's code page (936 on Chinese Windows), NewEncodedWriter writes
// GBK instead, without the mark.
package csvsafe

import (
	"bufio"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
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

// Encoding is the character encoding of a CSV file.
type Encoding string

// The encodings of CSV files.
const (
	// UTF8 starts with a byte-order mark, by which Excel knows it.
	UTF8 Encoding = "utf-8"
	// GBK is code page 936, as older Excel on Chinese Windows reads a file
	// without a byte-order mark. It is written as GB18030, which is GBK for
	// every character GBK has, so that the few it lacks (rare given-name
	// characters beyond GBK) are not lost but written in GB18030's
	// four-byte form.
	GBK Encoding = "gbk"
)

// Charset is the charset parameter of the file's media type.
func (e Encoding) Charset() string {
	if e == GBK {
		return "GB18030"
	}
	return "utf-8"
}

// Writer writes records of cells, each through Cell.
type Writer struct {
	w       *bufio.Writer
	started bool
	bom     bool
	// end closes the encoder, writing what it holds; nil for UTF-8.
	end   io.Closer
	ended bool
	err   error
}

// NewWriter returns a Writer of UTF-8 to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w), bom: true} }

// NewEncodedWriter returns a Writer to w in e. For GBK, Flush ends the
// file: nothing can be written after it.
func NewEncodedWriter(w io.Writer, e Encoding) *Writer {
	if e != GBK {
		return NewWriter(w)
	}
	tw := transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder())
	return &Writer{w: bufio.NewWriter(tw), end: tw}
}

// Write writes one record; an empty record is an empty line.
func (w *Writer) Write(record []string) error {
	if w.ended {
		return errEnded
	}
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		if w.bom {
			w.write(bom)
		}
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
	if w.err == nil && w.end != nil {
		w.err = w.end.Close()
		w.end, w.ended = nil, true
	}
	return w.err
}

// errEnded refuses writes after an encoded file was flushed.
var errEnded = errors.New("csvsafe: write after the end of an encoded file")

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
