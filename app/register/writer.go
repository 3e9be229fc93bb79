package register

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"gongkai/models"
)

// Writer exports rows as a register in the template's form. Rows stream to
// a temporary file once they pass excelize's chunk size, and the workbook
// is zipped straight into the destination, so memory stays bounded
// however many rows are written. The output depends only on the rows.
type Writer struct {
	out  io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	st   templateStyles
	next int // the spreadsheet row of the next Write
	err  error
	cell []any
}

// NewWriter starts a register that Close writes to w.
func NewWriter(w io.Writer) (*Writer, error) {
	f, st, err := buildTemplate()
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheetRegister)
	if err == nil {
		err = registerLayout(sw, st)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &Writer{out: w, f: f, sw: sw, st: st, next: 2, cell: make([]any, NumColumns)}, nil
}

// Write appends one row. It refuses values the template cannot express
// (an unknown channel, applicant, outcome or remedy, a malformed date), so
// that what is written reads back as the same Row.
func (w *Writer) Write(r Row) error {
	if w.err != nil {
		return w.err
	}
	if err := w.fill(r); err != nil {
		return fmt.Errorf("register: row %d: %w", w.next, err)
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.next)
	if err := w.sw.SetRow(cell, w.cell); err != nil {
		w.err = err
		return err
	}
	w.next++
	return nil
}

var errUnwritable = errors.New("value has no wording in the template")

// fill lays r out in w.cell; empty values are no cell at all.
func (w *Writer) fill(r Row) error {
	c := w.cell
	clear(c)
	str := func(col Column, s string) {
		if s = cleanCell(s); s != "" {
			c[col] = s
		}
	}
	str(ColRegisterNo, r.RegisterNo)
	str(ColApplicantName, r.ApplicantName)
	str(ColIDNumber, r.IDNumber)
	str(ColContact, r.Contact)
	str(ColContent, r.Content)
	str(ColNote, r.Note)
	c[ColCorrected], c[ColExtended] = yesNoLabel(r.Corrected), yesNoLabel(r.Extended)
	for col, d := range map[Column]string{ColReceivedOn: r.ReceivedOn, ColCorrectedOn: r.CorrectedOn, ColAnsweredOn: r.AnsweredOn} {
		if d == "" {
			continue
		}
		serial, ok := excelSerial(d)
		if !ok {
			return fmt.Errorf("%s %q: not YYYY-MM-DD", col.Header(), d)
		}
		c[col] = excelize.Cell{StyleID: w.st.date, Value: serial}
	}
	if r.FeeFen != 0 {
		c[ColFee] = excelize.Cell{StyleID: w.st.fee, Value: feeValue(r.FeeFen)}
	}
	return w.fillLists(r)
}

func (w *Writer) fillLists(r Row) error {
	c := w.cell
	if r.Channel != "" {
		l, ok := channelVocab.label(func(x models.Channel) bool { return x == r.Channel })
		if !ok {
			return fmt.Errorf("channel %q: %w", r.Channel, errUnwritable)
		}
		c[ColChannel] = l
	}
	if r.ApplicantType != "" {
		l, ok := applicantLabel(r.ApplicantType, r.OrgCategory)
		if !ok {
			return fmt.Errorf("applicant %q/%q: %w", r.ApplicantType, r.OrgCategory, errUnwritable)
		}
		c[ColApplicantType] = l
	}
	if r.Outcome != "" {
		l, ok := OutcomeWording(r.Outcome)
		if !ok {
			return fmt.Errorf("outcome %q: %w", r.Outcome, errUnwritable)
		}
		c[ColOutcome] = l
	}
	recon, lit, ok := remedyCells(r.Remedies)
	if !ok {
		return fmt.Errorf("remedies %v: %w", r.Remedies, errUnwritable)
	}
	c[ColReconsideration], c[ColLitigation] = recon, lit
	return nil
}

// Close finishes the workbook, writes it to the destination and removes
// the temporary files. It must be called once, also after an error.
func (w *Writer) Close() error {
	defer w.f.Close()
	if w.err != nil {
		return w.err
	}
	if err := w.sw.Flush(); err != nil {
		return err
	}
	// excelize assembles the zip in a buffer; handing it a zip writer on
	// the destination streams it instead, and leaves the buffer empty.
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w.out) })
	return w.f.Write(io.Discard)
}

// WriteTemplate writes the empty register template: the header row, the
// formats and drop-downs, and the 填写说明 sheet.
func WriteTemplate(w io.Writer) error {
	rw, err := NewWriter(w)
	if err != nil {
		return err
	}
	return rw.Close()
}
