package app

import (
	"encoding/json"
	"fmt"
	"sort"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// stateSchemaVersion is the version of CaseState written today. Version 1
// (no schemaVersion field) also held the correction request and the
// extension, which migration 0008 moved into their own tables.
const stateSchemaVersion = 2

// CaseState is the structured detail of a case that nothing queries or
// reports on: what was proposed and decided at each step. It is stored as
// versioned JSON on the case row (decodeState reads every version), changes
// only inside an action's transaction, and is never sent to the browser as
// stored: the API converts it into its own response types.
type CaseState struct {
	SchemaVersion  int             `json:"schemaVersion"`
	CustomDeadline *CustomDeadline `json:"customDeadline,omitempty"`
	Answer         *AnswerState    `json:"answer,omitempty"`
	Delivery       *DeliveryState  `json:"delivery,omitempty"`
	Archive        *ArchiveState   `json:"archive,omitempty"`
	Closure        *ClosureState   `json:"closure,omitempty"`
	Suggestions    []Suggestion    `json:"suggestions,omitempty"`
	// OpenAssistance lists the agencies with an open assistance task.
	OpenAssistance []uint `json:"openAssistance,omitempty"`
	// Attachments given with the application.
	Attachments []uint `json:"attachments,omitempty"`
	// Formats asked for (Art 29(三)).
	Formats []string `json:"formats,omitempty"`
	// Consultations and Remedies count the case's rows in those tables, so
	// a view need not query for rows that do not exist.
	Consultations int `json:"consultations,omitempty"`
	Remedies      int `json:"remedies,omitempty"`
	// ThirdPartyObjections counts the third parties that objected (Art 32):
	// disclosing over an objection needs a written notice to them first.
	ThirdPartyObjections int `json:"thirdPartyObjections,omitempty"`
	// FeeStatus is "", pending, paid or lapsed (one fee notice per case).
	FeeStatus models.FeeStatus `json:"feeStatus,omitempty"`
	// PauseSeq numbers the clock pauses of the case.
	PauseSeq int32 `json:"pauseSeq,omitempty"`
	// Import is where a legacy case came from (models.SourceImport).
	Import *ImportState `json:"import,omitempty"`
}

// CorrectionState is the one correction request (Art 30), as the actions
// work with it; it is stored as a models.CaseCorrection row.
type CorrectionState struct {
	Items      []string      `json:"items"`
	PeriodDays int           `json:"periodDays"`
	NoticeOn   calendar.Date `json:"noticeOn"`
	// Delivery is how the notice reached the applicant and
	// NoticeReceivedOn the day the applicant received it: the period runs
	// from that day (Art 30). A notice sent by post has no
	// NoticeReceivedOn, and so no PeriodEnds, until staff record its
	// delivery.
	Delivery         models.CorrectionDelivery `json:"delivery"`
	NoticeReceivedOn calendar.Date             `json:"noticeReceivedOn,omitzero"`
	PeriodEnds       calendar.Date             `json:"periodEnds,omitzero"`
	// Late is set on notices issued after the 7-working-day window before
	// such notices were refused (Art 30); no new notice is late.
	Late bool `json:"late,omitempty"`
	// SubmittedOn and OriginalDescription record the corrected application.
	SubmittedOn         calendar.Date `json:"submittedOn,omitzero"`
	OriginalDescription string        `json:"originalDescription,omitempty"`
}

// ExtensionState is the one extension (Art 33), as the actions work with
// it; it is stored as a models.CaseExtension row.
type ExtensionState struct {
	Days        int             `json:"days"`
	Reason      string          `json:"reason"`
	RequestedBy uint            `json:"requestedBy"`
	RequestedOn calendar.Date   `json:"requestedOn"`
	Decision    models.Decision `json:"decision"`
	DecidedBy   uint            `json:"decidedBy,omitempty"`
	DecidedOn   calendar.Date   `json:"decidedOn,omitzero"`
	Comment     string          `json:"comment,omitempty"`
	NewDueDate  calendar.Date   `json:"newDueDate,omitzero"`
}

// dateOf reads a stored YYYY-MM-DD date; "" is the zero date.
func dateOf(s string) calendar.Date {
	d, _ := calendar.ParseDate(s)
	return d
}

// dateText writes a date for storage; the zero date is "".
func dateText(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// correctionOf converts a stored correction (nil when none).
func correctionOf(r *models.CaseCorrection) *CorrectionState {
	if r == nil {
		return nil
	}
	cs := &CorrectionState{PeriodDays: r.PeriodDays, NoticeOn: dateOf(r.NoticeOn), Delivery: r.Delivery, NoticeReceivedOn: dateOf(r.NoticeReceivedOn),
		PeriodEnds: dateOf(r.PeriodEnds), Late: r.Late, SubmittedOn: dateOf(r.SubmittedOn), OriginalDescription: r.OriginalDescription}
	_ = json.Unmarshal([]byte(r.Items), &cs.Items)
	return cs
}

// row converts the correction for storage on case caseID.
func (cs *CorrectionState) row(caseID uint) *models.CaseCorrection {
	items, _ := json.Marshal(cs.Items)
	return &models.CaseCorrection{CaseID: caseID, Items: string(items), PeriodDays: cs.PeriodDays, NoticeOn: dateText(cs.NoticeOn), Delivery: cs.Delivery,
		NoticeReceivedOn: dateText(cs.NoticeReceivedOn), PeriodEnds: dateText(cs.PeriodEnds), Late: cs.Late, SubmittedOn: dateText(cs.SubmittedOn),
		OriginalDescription: cs.OriginalDescription}
}

// extensionOf converts a stored extension (nil when none).
func extensionOf(r *models.CaseExtension) *ExtensionState {
	if r == nil {
		return nil
	}
	e := &ExtensionState{Days: r.Days, Reason: r.Reason, RequestedBy: r.RequestedBy, RequestedOn: dateOf(r.RequestedOn), Decision: r.Decision,
		DecidedOn: dateOf(r.DecidedOn), Comment: r.Comment, NewDueDate: dateOf(r.NewDueDate)}
	if r.DecidedBy != nil {
		e.DecidedBy = *r.DecidedBy
	}
	return e
}

// row converts the extension for storage on case caseID.
func (e *ExtensionState) row(caseID uint) *models.CaseExtension {
	r := &models.CaseExtension{CaseID: caseID, Days: e.Days, Reason: e.Reason, RequestedBy: e.RequestedBy, RequestedOn: dateText(e.RequestedOn),
		Decision: e.Decision, DecidedOn: dateText(e.DecidedOn), Comment: e.Comment, NewDueDate: dateText(e.NewDueDate)}
	if e.DecidedBy != 0 {
		by := e.DecidedBy
		r.DecidedBy = &by
	}
	return r
}

// CustomDeadline is an Art 35 later due date.
type CustomDeadline struct {
	Due    calendar.Date `json:"due"`
	Reason string        `json:"reason"`
	SetBy  uint          `json:"setBy"`
	SetOn  calendar.Date `json:"setOn"`
}

// AnswerState is the drafted and reviewed answer.
type AnswerState struct {
	Outcome            string          `json:"outcome" enum:"Outcome"`
	LegalBasis         string          `json:"legalBasis"`
	Text               string          `json:"text"`
	Attachments        []uint          `json:"attachments,omitempty"`
	WithheldReasons    string          `json:"withheldReasons,omitempty"`
	ReferralAgencyID   uint            `json:"referralAgencyId,omitempty"`
	ReferralAgencyName string          `json:"referralAgencyName,omitempty"`
	ReferralContact    string          `json:"referralContact,omitempty"`
	TemplateID         uint            `json:"templateId,omitempty"`
	DraftedBy          uint            `json:"draftedBy"`
	DraftedOn          calendar.Date   `json:"draftedOn"`
	Decision           models.Decision `json:"decision"` // pending, approved, returned
	DecidedBy          uint            `json:"decidedBy,omitempty"`
	DecidedOn          calendar.Date   `json:"decidedOn,omitzero"`
	Comment            string          `json:"comment,omitempty"`
	Returns            int             `json:"returns,omitempty"`
	// ThirdPartyNotice is the written notice to third parties that objected
	// when the agency discloses over their objection (Art 32).
	ThirdPartyNotice *ThirdPartyNoticeState `json:"thirdPartyNotice,omitempty"`
}

// ThirdPartyNoticeState is the Art 32 notice to objecting third parties:
// the reasons for disclosing in the public interest and the day the
// information will be disclosed; IssuedOn is set once the notices went out.
type ThirdPartyNoticeState struct {
	Reasons        string        `json:"reasons"`
	DisclosureDate calendar.Date `json:"disclosureDate"`
	IssuedOn       calendar.Date `json:"issuedOn,omitzero"`
}

// DeliveryState records service of the answer (送达).
type DeliveryState struct {
	Method            string        `json:"method"`
	DeliveredOn       calendar.Date `json:"deliveredOn"`
	ProofAttachmentID uint          `json:"proofAttachmentId,omitempty"`
	Note              string        `json:"note,omitempty"`
}

// ArchiveState records archiving.
type ArchiveState struct {
	Number         string        `json:"number"`
	RetentionYears int           `json:"retentionYears"`
	ArchivedOn     calendar.Date `json:"archivedOn"`
}

// ClosureState records a withdrawal or closure.
type ClosureState struct {
	Outcome  string        `json:"outcome"`
	Reason   string        `json:"reason"`
	ClosedOn calendar.Date `json:"closedOn"`
	By       uint          `json:"by"`
}

// Suggestion is an applicant's Art 44 suggestion to publish proactively.
type Suggestion struct {
	On   calendar.Date `json:"on"`
	Text string        `json:"text"`
}

// decodeState reads a stored case state of any schema version. Version 1
// differs from version 2 only by the correction and extension it held,
// which migration 0008 moved out, so both decode alike.
func decodeState(s string) (CaseState, error) {
	var st CaseState
	if s == "" {
		st.SchemaVersion = stateSchemaVersion
		return st, nil
	}
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return st, fmt.Errorf("case state: %w", err)
	}
	switch st.SchemaVersion {
	case 0, 1, stateSchemaVersion:
		st.SchemaVersion = stateSchemaVersion
	default:
		return st, fmt.Errorf("case state: unknown schema version %d", st.SchemaVersion)
	}
	return st, nil
}

func encodeState(st CaseState) string {
	st.SchemaVersion = stateSchemaVersion
	b, err := json.Marshal(st)
	if err != nil {
		panic(err) // CaseState holds only marshalable values
	}
	return string(b)
}

func decodeClockEvents(s string) ([]clock.Event, error) {
	var evs []clock.Event
	if s == "" {
		return nil, nil
	}
	if err := json.Unmarshal([]byte(s), &evs); err != nil {
		return nil, fmt.Errorf("clock events: %w", err)
	}
	return evs, nil
}

func encodeClockEvents(evs []clock.Event) string {
	if len(evs) == 0 {
		return "[]"
	}
	b, err := json.Marshal(evs)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// refreshClockCache recomputes the case's cached clock columns as of today
// (models.Case documents them) and reports whether they changed.
func refreshClockCache(cal *calendar.Calendar, c *models.Case, cs *CorrectionState, evs []clock.Event, today calendar.Date) bool {
	before := [5]any{c.DueDate, c.ClockState, c.Paused, c.FrozenRemaining, c.Extended}
	setClockCache(cal, c, cs, evs, today)
	return before != [5]any{c.DueDate, c.ClockState, c.Paused, c.FrozenRemaining, c.Extended}
}

func setClockCache(cal *calendar.Calendar, c *models.Case, cs *CorrectionState, evs []clock.Event, today calendar.Date) {
	setClockCacheFrom(cal, c, cs, clock.Compute(cal, evs, clock.Options{AsOf: today}))
}

// setClockCacheFrom writes the cached clock columns from a clock computed
// as of today.
func setClockCacheFrom(cal *calendar.Calendar, c *models.Case, cs *CorrectionState, clk clock.Clock) {
	c.Extended = clk.ExtendedDays > 0
	c.Paused = false
	c.FrozenRemaining = 0
	switch {
	case clk.ReceiptDate.IsZero():
		c.ClockState, c.DueDate = models.ClockNotStarted, ""
	case clk.Concluded:
		c.ClockState, c.DueDate = models.ClockStopped, clk.DueDate.String()
	case clk.AwaitingCorrection:
		c.ClockState, c.DueDate = models.ClockAwaitingCorrection, clk.DueDate.String()
		if cs != nil {
			// The queue shows the correction period's end; while a posted
			// notice's delivery is not recorded, the earliest it can end.
			end := cs.PeriodEnds
			if end.IsZero() {
				end = clock.CorrectionPeriodEnd(cal, cs.NoticeOn, cs.PeriodDays)
			}
			c.DueDate = end.String()
		}
	case clk.Paused:
		c.ClockState, c.DueDate = models.ClockPaused, clk.DueDate.String()
		c.Paused, c.FrozenRemaining = true, clk.RemainingWorkingDays
	default:
		c.ClockState, c.DueDate = models.ClockRunning, clk.DueDate.String()
	}
}

// CaseDetail is what a viewer may see of a case's structured details.
type CaseDetail struct {
	Correction *CorrectionState
	Extension  *ExtensionState
	State      CaseState
}

// VisibleDetail is the case's detail as the viewer may see it
// (Exposure.Detail): in full; what was decided and told to the applicant —
// no drafts, pending requests, internal assistance or consultation
// details, nor the letter to a third party; or the formats asked for only.
func (v *CaseView) VisibleDetail() CaseDetail {
	st := v.State
	switch v.Exposure().Detail {
	case ScopeAll:
		return CaseDetail{Correction: v.Correction, Extension: v.Extension, State: st}
	case ScopeApplicant:
	default:
		return CaseDetail{State: CaseState{SchemaVersion: st.SchemaVersion, Formats: st.Formats}}
	}
	out := CaseDetail{Correction: v.Correction, State: CaseState{SchemaVersion: st.SchemaVersion, CustomDeadline: st.CustomDeadline, Delivery: st.Delivery,
		Closure: st.Closure, Suggestions: st.Suggestions, Formats: st.Formats, FeeStatus: st.FeeStatus, Attachments: st.Attachments}}
	if e := v.Extension; e != nil && e.Decision == models.DecisionApproved {
		shown := *e
		shown.RequestedBy, shown.DecidedBy, shown.Comment = 0, 0, ""
		out.Extension = &shown
	}
	if st.Answer != nil && st.Answer.Decision == models.DecisionApproved {
		an := *st.Answer
		an.DraftedBy, an.DecidedBy, an.Comment, an.Returns, an.TemplateID, an.ThirdPartyNotice = 0, 0, "", 0, 0, nil
		out.State.Answer = &an
	}
	if c := out.State.CustomDeadline; c != nil {
		shown := *c
		shown.SetBy = 0
		out.State.CustomDeadline = &shown
	}
	if c := out.State.Closure; c != nil {
		shown := *c
		shown.By = 0
		out.State.Closure = &shown
	}
	return out
}

// decodeInto decodes a JSON column.
func decodeInto(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

// PausedFor lists why the clock is stopped now: the kinds of the open
// pauses (third_party, agency_consultation, fee).
func (v *CaseView) PausedFor() []string {
	out := []string{}
	if v.hidePauses {
		return out
	}
	seen := map[string]bool{}
	for _, k := range openPauses(v.Events) {
		if !seen[string(k)] {
			seen[string(k)] = true
			out = append(out, string(k))
		}
	}
	sort.Strings(out)
	return out
}
