package register

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"
)

// Options tune reading and validation.
type Options struct {
	// Today is the date ("YYYY-MM-DD") after which no date may fall; empty
	// means the current date in Asia/Shanghai.
	Today string
	// ValidateID checks a 证件号码 for the applicant type (models.ApplicantType
	// as a string) and returns it normalised. Nil accepts any number as
	// written.
	ValidateID func(applicantType, number string) (normalised string, ok bool)
	// Sheet names the worksheet of an XLSX; empty means the sheet "台账" if
	// there is one, else the first sheet that has a header row.
	Sheet string
}

// Record is one non-empty data row as read: the typed Row, filled as far
// as its cells allow, and the problems found in it.
type Record struct {
	Row    Row
	Errors []FieldError
}

// OK reports whether the row has no errors.
func (r Record) OK() bool { return len(r.Errors) == 0 }

// Reader reads the rows of a register one at a time, so that a large file
// can be validated, or streamed into one transaction, in bounded memory.
type Reader struct {
	opts     Options
	today    string
	src      rowSource
	file     *excelize.File
	hdr      header
	date1904 bool
	// seen maps each Row.Key to the row that first used it.
	seen map[string]int
}

// NewReader opens a register and finds its header row. File-level problems
// (unreadable file, no header, a missing column) are *models.Error of
// KindInvalid with a bilingual message; the missing columns are its Fields.
func NewReader(r io.Reader, format Format, opts Options) (*Reader, error) {
	today := opts.Today
	if today == "" {
		today = time.Now().In(shanghai).Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, today); err != nil {
		return nil, fmt.Errorf("register: Options.Today %q is not YYYY-MM-DD", today)
	}
	rd := &Reader{opts: opts, today: today, seen: make(map[string]int)}
	var err error
	switch format {
	case FormatXLSX:
		err = rd.openXLSX(r)
	case FormatCSV:
		rd.src = newCSVSource(r)
		rd.hdr, err = findHeader(rd.src)
	default:
		err = fileError(codeUnsupported, nil)
	}
	if err != nil {
		_ = rd.Close()
		return nil, err
	}
	return rd, nil
}

// openXLSX picks the sheet: the named one, else "台账", else the first
// sheet with a header row.
func (rd *Reader) openXLSX(r io.Reader) error {
	f, err := excelize.OpenReader(r, openOptions)
	if err != nil {
		return fileError(codeUnreadable, err)
	}
	rd.file = f
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	sheets := candidateSheets(f, rd.opts.Sheet)
	if len(sheets) == 0 {
		return fileError(codeNoSheet, nil, rd.opts.Sheet)
	}
	var first error
	for _, sheet := range sheets {
		src, err := newXLSXSource(f, sheet)
		if err != nil {
			return fileError(codeUnreadable, err)
		}
		hdr, err := findHeader(src)
		if err == nil {
			rd.src, rd.hdr = src, hdr
			return nil
		}
		_ = src.close()
		if first == nil {
			first = err
		}
	}
	return first
}

// candidateSheets lists the sheets to look for the header in, in order.
func candidateSheets(f *excelize.File, want string) []string {
	list := f.GetSheetList()
	if want != "" {
		if slices.Contains(list, want) {
			return []string{want}
		}
		return nil
	}
	if i := slices.Index(list, sheetRegister); i > 0 {
		list = append([]string{sheetRegister}, slices.Delete(slices.Clone(list), i, i+1)...)
	}
	return list
}

// Warnings lists what was noticed about the file, such as ignored columns.
func (rd *Reader) Warnings() []Warning { return rd.hdr.warnings }

// HeaderRow is the 1-based row number of the header row.
func (rd *Reader) HeaderRow() int { return rd.hdr.row }

// Read returns the next non-empty data row; io.EOF after the last. A row
// whose Key repeats an earlier row's carries the duplicate error, so rows
// already handed out stay valid. Other errors are file-level.
func (rd *Reader) Read() (Record, error) {
	for {
		n, cells, err := rd.src.next()
		if errors.Is(err, io.EOF) {
			return Record{}, io.EOF
		}
		if err != nil {
			if isInvalid(err) {
				return Record{}, err
			}
			return Record{}, fileError(codeUnreadable, err)
		}
		raw, empty := rd.hdr.rawCells(cells)
		if empty {
			continue
		}
		rec := rd.convert(n, &raw)
		rd.checkDuplicate(&rec)
		return rec, nil
	}
}

// Close releases the workbook and its temporary files.
func (rd *Reader) Close() error {
	var err error
	if rd.src != nil {
		err = rd.src.close()
	}
	if rd.file != nil {
		err = errors.Join(err, rd.file.Close())
	}
	return err
}

// Result is a whole register read at once.
type Result struct {
	// Rows are the rows without errors, in file order.
	Rows []Row
	// Errors are the problems of all rows, in file order.
	Errors   []FieldError
	Warnings []Warning
	// Total counts the non-empty data rows.
	Total int
}

// ReadAll reads a whole register; for large files prefer a Reader. It
// returns the same file-level errors as NewReader.
func ReadAll(r io.Reader, format Format, opts Options) (*Result, error) {
	rd, err := NewReader(r, format, opts)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	res := &Result{Warnings: rd.Warnings()}
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		res.Total++
		if rec.OK() {
			res.Rows = append(res.Rows, rec.Row)
		}
		res.Errors = append(res.Errors, rec.Errors...)
	}
}
