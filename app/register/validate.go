package register

import (
	"strings"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"gongkai/models"
)

// rowCheck converts one row's cells and collects its errors.
type rowCheck struct {
	rd   *Reader
	n    int
	raw  *[NumColumns]string
	row  Row
	errs []FieldError
	bad  [NumColumns]bool // the column has an error: skip rules that read it
}

func (c *rowCheck) fail(col Column, k msgKey, args ...any) {
	c.errs = append(c.errs, fieldError(c.n, col, c.raw[col], k, args...))
	c.bad[col] = true
}

func (rd *Reader) convert(n int, raw *[NumColumns]string) Record {
	c := &rowCheck{rd: rd, n: n, raw: raw, row: Row{Number: n, Raw: *raw}}
	c.lengths()
	c.texts()
	c.row.ReceivedOn = c.date(ColReceivedOn, true)
	c.row.CorrectedOn = c.date(ColCorrectedOn, false)
	c.row.AnsweredOn = c.date(ColAnsweredOn, false)
	c.lists()
	c.identity()
	c.fee()
	c.remedies()
	c.crossCheck()
	return Record{Row: c.row, Errors: c.errs}
}

// maxCellUnits is Excel's limit on a cell, in UTF-16 code units; a longer
// text would come back cut from an export, with another Key.
const maxCellUnits = 32767

func (c *rowCheck) lengths() {
	for col, s := range c.raw {
		if len(s) > maxCellUnits && len(utf16.Encode([]rune(s))) > maxCellUnits {
			c.fail(Column(col), msgTooLong)
		}
	}
}

func (c *rowCheck) texts() {
	c.row.RegisterNo = norm.NFKC.String(c.raw[ColRegisterNo])
	c.row.ApplicantName = c.required(ColApplicantName)
	c.row.Contact = c.raw[ColContact]
	c.row.Content = c.required(ColContent)
	c.row.Note = c.raw[ColNote]
}

func (c *rowCheck) required(col Column) string {
	if c.raw[col] == "" {
		c.fail(col, msgRequired)
	}
	return c.raw[col]
}

// date reads a date column; dates may not be in the future nor before the
// Regulation.
func (c *rowCheck) date(col Column, required bool) string {
	s := c.raw[col]
	if s == "" {
		if required {
			c.fail(col, msgRequired)
		}
		return ""
	}
	d, p := parseDate(s, c.rd.date1904)
	switch {
	case p == dateBadFormat:
		c.fail(col, msgDateFormat, s)
	case p == dateImpossible:
		c.fail(col, msgDateImpossible, s)
	case d > c.rd.today:
		c.fail(col, msgDateFuture, d, c.rd.today)
	case d < earliestDate:
		c.fail(col, msgDateTooEarly, d)
	default:
		return d
	}
	return ""
}

func (c *rowCheck) lists() {
	if s := c.required(ColChannel); s != "" {
		if ch, ok := channelVocab.parse(s); ok {
			c.row.Channel = ch
		} else {
			c.fail(ColChannel, msgChannelUnknown, s, strings.Join(channelVocab.labels(), "、"))
		}
	}
	if s := c.required(ColApplicantType); s != "" {
		a, ok, unspecified := parseApplicant(s)
		switch {
		case ok:
			c.row.ApplicantType, c.row.OrgCategory = a.typ, a.cat
		case unspecified:
			c.fail(ColApplicantType, msgApplicantUnspecified, s, strings.Join(applicantVocab.labels()[1:], "、"))
		default:
			c.fail(ColApplicantType, msgApplicantUnknown, s, strings.Join(applicantVocab.labels(), "、"))
		}
	}
	c.row.Corrected = c.yesNo(ColCorrected)
	c.row.Extended = c.yesNo(ColExtended)
	if s := c.raw[ColOutcome]; s != "" {
		if key, ok := outcomes.parse(s); ok {
			c.row.Outcome = key
		} else {
			e := outcomes.explain(c.n, s)
			c.errs = append(c.errs, e)
			c.bad[ColOutcome] = true
		}
	}
}

func (c *rowCheck) yesNo(col Column) bool {
	b, ok := parseYesNo(c.raw[col])
	if !ok {
		c.fail(col, msgYesNo, c.raw[col])
	}
	return b
}

// identity checks 证件号码 with the caller's validator once the applicant
// type is known.
func (c *rowCheck) identity() {
	s := c.raw[ColIDNumber]
	c.row.IDNumber = s
	if s == "" || c.rd.opts.ValidateID == nil || c.row.ApplicantType == "" {
		return
	}
	if v, ok := c.rd.opts.ValidateID(string(c.row.ApplicantType), s); ok {
		c.row.IDNumber = v
	} else {
		c.fail(ColIDNumber, msgIDInvalid)
	}
}

func (c *rowCheck) fee() {
	s := c.raw[ColFee]
	if s == "" {
		return
	}
	fen, ok, negative := parseFee(s)
	switch {
	case negative:
		c.fail(ColFee, msgFeeNegative, s)
	case !ok:
		c.fail(ColFee, msgFeeFormat, s)
	default:
		c.row.FeeFen = fen
	}
}

func (c *rowCheck) remedies() {
	recon, errs := parseReconsiderations(c.n, c.raw[ColReconsideration])
	c.errs, c.bad[ColReconsideration] = append(c.errs, errs...), len(errs) > 0
	lit, errs := parseLitigations(c.n, c.raw[ColLitigation])
	c.errs, c.bad[ColLitigation] = append(c.errs, errs...), len(errs) > 0
	if len(recon)+len(lit) > 0 {
		c.row.Remedies = append(recon, lit...)
	}
}

// closesWithoutCorrection are the outcomes a case can end in while its
// correction is still awaited: lapsed (Art 30), withdrawn, other closure.
var closesWithoutCorrection = map[string]bool{
	"other.correction_lapsed": true, "other.withdrawn": true, "other.other": true,
}

// needsCorrection are the outcomes that presuppose a correction notice:
// （六）1 lapsed correction and （四）3 still unclear after correction.
var needsCorrection = map[string]bool{
	"other.correction_lapsed": true, "unable.unclear_after_correction": true,
}

// crossCheck applies the rules between cells; a rule is skipped when a
// cell it reads already has an error.
func (c *rowCheck) crossCheck() {
	r := &c.row
	hasOutcome, hasAnswer := c.raw[ColOutcome] != "", c.raw[ColAnsweredOn] != ""
	switch {
	case hasOutcome && !hasAnswer:
		c.fail(ColAnsweredOn, msgOutcomeNeedsAnswer)
	case hasAnswer && !hasOutcome:
		c.fail(ColOutcome, msgAnswerNeedsOutcome)
	}
	if r.AnsweredOn != "" && r.ReceivedOn != "" && r.AnsweredOn < r.ReceivedOn {
		c.fail(ColAnsweredOn, msgAnsweredBeforeRecv, r.AnsweredOn, r.ReceivedOn)
	}
	if r.CorrectedOn != "" && r.ReceivedOn != "" && r.CorrectedOn < r.ReceivedOn {
		c.fail(ColCorrectedOn, msgCorrectedBeforeRecv, r.CorrectedOn, r.ReceivedOn)
	}
	c.correctionRules()
	if r.FeeFen > 0 && !hasOutcome {
		c.fail(ColFee, msgFeeOpen)
	}
}

// correctionRules: Art 30 allows one correction; its date exists iff a
// correction was asked for and answered, unless the case closed without it.
func (c *rowCheck) correctionRules() {
	r := &c.row
	if c.bad[ColCorrected] || c.bad[ColOutcome] {
		return
	}
	exempt := closesWithoutCorrection[r.Outcome]
	switch {
	case !r.Corrected && c.raw[ColCorrectedOn] != "":
		c.fail(ColCorrectedOn, msgCorrectedOnUnexpected)
	case r.Corrected && c.raw[ColCorrectedOn] == "" && r.Outcome != "" && !exempt:
		c.fail(ColCorrectedOn, msgCorrectedOnRequired)
	}
	if !r.Corrected && needsCorrection[r.Outcome] {
		w, _ := OutcomeWording(r.Outcome)
		c.fail(ColCorrected, msgOutcomeNeedsCorr, w)
	}
	if !exempt {
		c.answeredAfterCorrection()
	}
}

// answeredAfterCorrection: an answer cannot predate the corrected
// application it answers (Art 30).
func (c *rowCheck) answeredAfterCorrection() {
	r := &c.row
	if r.AnsweredOn != "" && r.CorrectedOn != "" && r.AnsweredOn < r.CorrectedOn && !c.bad[ColAnsweredOn] {
		c.fail(ColAnsweredOn, msgAnsweredBeforeCorr, r.AnsweredOn, r.CorrectedOn)
	}
}

// checkDuplicate marks a row whose Key an earlier row of the file has.
func (rd *Reader) checkDuplicate(rec *Record) {
	r := &rec.Row
	if !r.hasKey() {
		return
	}
	key := r.Key()
	first, dup := rd.seen[key]
	if !dup {
		rd.seen[key] = r.Number
		return
	}
	if r.RegisterNo != "" {
		rec.Errors = append(rec.Errors, fieldError(r.Number, ColRegisterNo, r.Raw[ColRegisterNo], msgDuplicateNo, r.RegisterNo, first))
		return
	}
	rec.Errors = append(rec.Errors, fieldError(r.Number, ColContent, r.Raw[ColContent], msgDuplicateRow, first))
}

func isInvalid(err error) bool { return models.ErrorKind(err) == models.KindInvalid }
