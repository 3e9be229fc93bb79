package register

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Format is the file format of a register.
type Format string

// Formats read by NewReader; the Writer writes XLSX.
const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
)

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts a legacy .xls and also an encrypted .xlsx.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0}
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
)

// DetectFormat tells the format of an upload from its first bytes, and
// from its file name when the bytes do not decide. It returns an invalid
// error (models.KindInvalid) for legacy .xls and unknown formats.
func DetectFormat(name string, head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return FormatXLSX, nil
	case bytes.HasPrefix(head, oleMagic):
		return "", fileError(codeLegacyXLS, nil)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return FormatCSV, nil
	case "":
		if bytes.IndexByte(head, 0) < 0 || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
			return FormatCSV, nil
		}
	}
	return "", fileError(codeUnsupported, nil)
}

// rowSource yields the rows of one sheet with their 1-based row numbers.
type rowSource interface {
	next() (row int, cells []string, err error) // io.EOF after the last row
	close() error
}

// openOptions bound what a hostile workbook can make excelize unpack; a
// worksheet above UnzipXMLSizeLimit is read from a temporary file.
var openOptions = excelize.Options{UnzipSizeLimit: 1 << 30, RawCellValue: true}

// xlsxSource reads one worksheet with excelize's streaming row iterator.
type xlsxSource struct {
	rows *excelize.Rows
	row  int
}

func newXLSXSource(f *excelize.File, sheet string) (*xlsxSource, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &xlsxSource{rows: rows}, nil
}

func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, err
		}
		return 0, nil, io.EOF
	}
	s.row++
	// Raw values: a date cell yields its serial whatever its number format,
	// and amounts come without currency formatting.
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	return s.row, cells, err
}

func (s *xlsxSource) close() error { return s.rows.Close() }

// csvSource reads a CSV file in whatever encoding decodeText found.
type csvSource struct {
	r       *csv.Reader
	row     int
	lastEnd int // the line the previous record ended on
}

func newCSVSource(r io.Reader) *csvSource {
	br := bufio.NewReaderSize(decodeText(r), 64<<10)
	head, _ := br.Peek(4 << 10)
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return &csvSource{r: cr}
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, fileError(codeMalformedCSV, err, pe.StartLine)
		}
		return 0, nil, err
	}
	// encoding/csv skips blank lines, which a spreadsheet shows as rows;
	// count them so row numbers match what the user sees.
	start, _ := s.r.FieldPos(0)
	s.row += 1 + max(0, start-s.lastEnd-1)
	endLine, _ := s.r.FieldPos(len(rec) - 1)
	s.lastEnd = endLine + strings.Count(rec[len(rec)-1], "\n")
	return s.row, rec, nil
}

func (s *csvSource) close() error { return nil }

// sniffDelimiter picks tab for Excel's "Unicode text" export, else comma.
func sniffDelimiter(head []byte) rune {
	if bytes.Count(head, []byte{'\t'}) > bytes.Count(head, []byte{','}) {
		return '\t'
	}
	return ','
}

// sniffSize is how much of a CSV decides its encoding.
const sniffSize = 64 << 10

// decodeText returns r as UTF-8: a BOM decides (UTF-8, UTF-16); else
// text whose first 64 KiB are valid UTF-8 is UTF-8, and anything else is
// GB18030, the superset of GBK that Chinese Excel saves by default.
func decodeText(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, sniffSize)
	head, _ := br.Peek(sniffSize)
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		_, _ = br.Discard(len(utf8BOM))
		return br
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case validUTF8Prefix(head, len(head) < sniffSize):
		return br
	}
	return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
}

// validUTF8Prefix checks b, allowing it to end inside a character unless
// it is the whole file.
func validUTF8Prefix(b []byte, whole bool) bool {
	if !whole {
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					b = b[:i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}
