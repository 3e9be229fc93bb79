package app

import (
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/app/register"
	"gongkai/models"
)

// A register row and a case, both ways: the legacy case an imported row
// becomes, and the row a case (native or imported) is exported as. What a
// legacy case is read from (README, "Legal decisions"):
//   - its receipt date (Art 31) is 收到申请日期 as written, and its year the
//     year it counts as 本年新收 in;
//   - 是否补正 is a correction notice (Art 30) dated on the receipt day (the
//     register has no notice date; so dated it is within the 7 working
//     days), and 补正后收到日期 the receipt of the corrected application,
//     from which the answer clock runs again;
//   - 是否延期 is an approved Art 33 extension of the maximum 20 working
//     days (the register has no length);
//   - 答复日期 and 办理结果 conclude it (answered for an answer's outcome,
//     closed otherwise), on time when on or before the due date so
//     computed; without them it is still being handled;
//   - each remedy is filed (and, once decided, decided) on the answer date,
//     or the receipt date while unanswered, for table 四's year;
//   - a fee was paid on the answer date.

// ActImported and ActImportReplaced are the timeline actions of a legacy
// case: imported from a register, and replaced by a corrected row (not
// actions anyone takes on a case).
const (
	ActImported       = "import"
	ActImportReplaced = "import-replace"
)

// ImportState is where a legacy case came from and the register's cells
// that have no column of their own on a case.
type ImportState struct {
	ImportID   uint   `json:"importId"`
	FileName   string `json:"fileName"`
	FileSHA256 string `json:"fileSha256"`
	Row        int    `json:"row"`
	RegisterNo string `json:"registerNo,omitempty"`
	Contact    string `json:"contact,omitempty"`
	Note       string `json:"note,omitempty"`
}

// legacy is a register row as a legacy case with its related rows.
type legacy struct {
	c        *models.Case
	remedies []*models.Remedy
	fees     []*models.Fee
}

// legacyEvents are the clock events a register row records.
func legacyEvents(r register.Row) []clock.Event {
	recv, ch := dateOf(r.ReceivedOn), clock.Channel(r.Channel)
	evs := []clock.Event{{Kind: clock.EventReceipt, On: recv, Channel: ch}}
	cur := recv
	if r.Corrected {
		evs = append(evs, clock.Event{Kind: clock.EventCorrectionNotice, On: recv})
		if r.CorrectedOn != "" {
			cur = dateOf(r.CorrectedOn)
			evs = append(evs, clock.Event{Kind: clock.EventRestart, On: cur, Channel: ch})
		}
	}
	if !r.Corrected || r.CorrectedOn != "" {
		evs = append(evs, clock.Event{Kind: clock.EventAccepted, On: cur})
	}
	if r.Extended {
		m := registerMsgs["extension_reason"]
		evs = append(evs, clock.Event{Kind: clock.EventExtension, On: cur, Days: clock.MaxExtensionDays, Approved: true, Reason: m.ZH})
	}
	if !r.Open() {
		evs = append(evs, clock.Event{Kind: clock.EventConcluded, On: dateOf(r.AnsweredOn), Outcome: r.Outcome})
	}
	return evs
}

// legacyCase builds the legacy case of a valid row of imp, without its
// tracking number; key and hash are the row's.
func (s *RegisterService) legacyCase(cal *calendar.Calendar, imp *models.RegisterImport, r register.Row, key, hash string, now time.Time) *legacy {
	evs := legacyEvents(r)
	today := calendar.FromTime(now)
	clk := clock.Compute(cal, evs, clock.Options{AsOf: today})
	recv := dateOf(r.ReceivedOn)
	importID := imp.ID
	c := &models.Case{AgencyID: imp.AgencyID, Source: models.SourceImport, ImportID: &importID, ImportKey: &key, ImportHash: hash,
		QueryCodeSealed: s.sealer.Seal(newQueryCode()), ApplicantType: r.ApplicantType, ApplicantName: r.ApplicantName,
		Title: legacyTitle(r.Content), Description: r.Content, Channel: r.Channel, ArrivedAt: recv.Time().UTC(),
		ReceiptDate: clk.ReceiptDate.String(), ReceiptYear: recv.Year(), Status: models.StatusHandling,
		Extended: r.Extended, Version: 1, CreatedAt: now, UpdatedAt: now}
	if r.ApplicantType == models.ApplicantOrganization {
		c.OrgCategory = r.OrgCategory
	}
	if r.Corrected {
		c.CorrectionCount = 1
	}
	s.legacyIdentity(c, r)
	st := CaseState{SchemaVersion: stateSchemaVersion, Remedies: len(r.Remedies), Import: &ImportState{ImportID: imp.ID, FileName: imp.FileName,
		FileSHA256: imp.SHA256, Row: r.Number, RegisterNo: r.RegisterNo, Contact: r.Contact, Note: r.Note}}
	l := &legacy{c: c}
	if !r.Open() {
		o, _ := models.FindOutcome(r.Outcome)
		ans := dateOf(r.AnsweredOn)
		c.Outcome, c.ConcludedOn, c.ConcludedYear = r.Outcome, r.AnsweredOn, ans.Year()
		c.OnTime, c.ElapsedWorkdays = clk.OnTime, cal.WorkdaysBetween(clk.ReceiptDate, ans)
		c.Status = models.StatusClosed
		if o.Answer {
			c.Status, c.Delivered = models.StatusAnswered, true
		}
	}
	filed := r.AnsweredOn
	if filed == "" {
		filed = r.ReceivedOn
	}
	for _, rm := range r.Remedies {
		kind, _ := models.ParseRemedyKind(string(rm.Kind))
		res, _ := models.ParseRemedyResult(string(rm.Result))
		row := &models.Remedy{Kind: kind, FiledOn: filed, Result: res, CreatedAt: now, UpdatedAt: now}
		if res != models.ResultPending {
			row.DecidedOn = filed
		}
		l.remedies = append(l.remedies, row)
	}
	if r.FeeFen > 0 {
		st.FeeStatus = models.FeePaid
		l.fees = []*models.Fee{{Method: models.FeePerApplication, Amount: int(r.FeeFen / 100), NoticeOn: r.AnsweredOn, ReceivedOn: r.AnsweredOn,
			DueOn: r.AnsweredOn, PaidOn: r.AnsweredOn, PaidYear: dateOf(r.AnsweredOn).Year(), Status: models.FeePaid, CreatedAt: now, UpdatedAt: now}}
	}
	c.ClockEvents, c.State = encodeClockEvents(evs), encodeState(st)
	setClockCacheFrom(cal, c, nil, clk)
	return l
}

// legacyIdentity seals the row's identity number like any other (the
// applicant's key finds their other applications, Art 35 and fees).
func (s *RegisterService) legacyIdentity(c *models.Case, r register.Row) {
	n := r.IDNumber
	switch {
	case n == "":
	case r.ApplicantType == models.ApplicantNatural:
		c.IDType = models.IDOther
		if looksResident(n) {
			c.IDType = models.IDResident
		}
		c.IDNumberSealed, c.IDNumberHash, c.IDNumberMasked = s.sealer.Seal(n), s.sealer.Hash(n), Mask(n)
	default:
		c.CreditCodeSealed, c.CreditCodeHash, c.CreditCodeMasked = s.sealer.Seal(n), s.sealer.Hash(n), Mask(n)
	}
	switch {
	case c.IDNumberHash != "":
		c.ApplicantKey = "id:" + c.IDNumberHash
	case c.CreditCodeHash != "":
		c.ApplicantKey = "cc:" + c.CreditCodeHash
	default:
		c.ApplicantKey = "np:" + s.sealer.Hash(r.ApplicantName+"|"+r.Contact)
	}
}

// legacyTitle is the first line of the content, shortened: a register
// has no separate 信息名称.
func legacyTitle(content string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(content), "\n")
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > 60 {
		return string([]rune(line)[:59]) + "…"
	}
	return line
}

// registerRow is the register row of a case: its tracking number (or an
// imported case's own register number), the first receipt, the correction
// and its receipt from the clock events, the extension, the conclusion,
// the paid fees (whole yuan) and the remedies (in filing order).
func (s *RegisterService) registerRow(c *models.Case, remedies []*models.Remedy, feeYuan int) (register.Row, error) {
	evs, err := decodeClockEvents(c.ClockEvents)
	if err != nil {
		return register.Row{}, err
	}
	st, err := decodeState(c.State)
	if err != nil {
		return register.Row{}, err
	}
	r := register.Row{RegisterNo: c.TrackingNumber, Channel: c.Channel, ApplicantType: c.ApplicantType, ApplicantName: c.ApplicantName,
		Content: c.Title + "：" + c.Description, Extended: c.Extended, AnsweredOn: c.ConcludedOn, Outcome: c.Outcome, FeeFen: int64(feeYuan) * 100}
	if c.ApplicantType == models.ApplicantOrganization {
		r.OrgCategory = c.OrgCategory
		if r.OrgCategory == "" {
			r.OrgCategory = models.OrgOther
		}
	}
	r.ReceivedOn, r.Corrected, r.CorrectedOn = receiptsOf(evs)
	if r.IDNumber, err = s.sealer.Open(c.IDNumberSealed); err == nil && r.IDNumber == "" {
		r.IDNumber, err = s.sealer.Open(c.CreditCodeSealed)
	}
	if err != nil {
		return register.Row{}, err
	}
	if imp := st.Import; c.Imported() && imp != nil {
		r.RegisterNo, r.Contact, r.Note, r.Content = imp.RegisterNo, imp.Contact, imp.Note, c.Description
	} else {
		r.Contact = joinNonEmpty("；", c.Phone, c.Email, c.Address)
	}
	// In filing order; the writer puts reconsiderations and lawsuits in
	// their columns.
	for _, rm := range remedies {
		r.Remedies = append(r.Remedies, register.Remedy{Kind: register.RemedyKind(rm.Kind), Result: register.RemedyResult(rm.Result)})
	}
	return r, nil
}

// receiptsOf reads the first receipt, whether a correction was asked for
// and the corrected application's receipt from clock events.
func receiptsOf(evs []clock.Event) (first string, corrected bool, correctedOn string) {
	for _, e := range evs {
		switch {
		case e.Kind == clock.EventReceipt && first == "":
			first = e.On.String()
		case e.Kind == clock.EventCorrectionNotice:
			corrected = true
		case e.Kind == clock.EventRestart:
			correctedOn = e.On.String()
		}
	}
	return first, corrected, correctedOn
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
