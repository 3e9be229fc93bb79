package app

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// CaseState is the structured detail of a case that does not need its own
// column: what was asked, proposed and decided at each step. It is stored
// as JSON on the case row and changes only inside an action's transaction.
type CaseState struct {
	Correction     *CorrectionState `json:"correction,omitempty"`
	Extension      *ExtensionState  `json:"extension,omitempty"`
	CustomDeadline *CustomDeadline  `json:"customDeadline,omitempty"`
	Answer         *AnswerState     `json:"answer,omitempty"`
	Delivery       *DeliveryState   `json:"delivery,omitempty"`
	Archive        *ArchiveState    `json:"archive,omitempty"`
	Closure        *ClosureState    `json:"closure,omitempty"`
	Suggestions    []Suggestion     `json:"suggestions,omitempty"`
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
	FeeStatus string `json:"feeStatus,omitempty"`
	// PauseSeq numbers the clock pauses of the case.
	PauseSeq int32 `json:"pauseSeq,omitempty"`
}

// CorrectionState is the one correction request (Art 30).
type CorrectionState struct {
	Items      []string      `json:"items"`
	PeriodDays int           `json:"periodDays"`
	NoticeOn   calendar.Date `json:"noticeOn"`
	// Delivery is how the notice reached the applicant (online, email,
	// in_person, post) and NoticeReceivedOn the day the applicant received
	// it: the period runs from that day (Art 30). A notice sent by post has
	// no NoticeReceivedOn, and so no PeriodEnds, until staff record its
	// delivery.
	Delivery         string        `json:"delivery,omitempty"`
	NoticeReceivedOn calendar.Date `json:"noticeReceivedOn,omitzero"`
	PeriodEnds       calendar.Date `json:"periodEnds,omitzero"`
	// Late is set on notices issued after the 7-working-day window before
	// such notices were refused (Art 30); no new notice is late.
	Late bool `json:"late,omitempty"`
	// SubmittedOn and Description record the corrected application.
	SubmittedOn         calendar.Date `json:"submittedOn,omitzero"`
	OriginalDescription string        `json:"originalDescription,omitempty"`
}

// ExtensionState is the one extension (Art 33).
type ExtensionState struct {
	Days        int           `json:"days"`
	Reason      string        `json:"reason"`
	RequestedBy uint          `json:"requestedBy"`
	RequestedOn calendar.Date `json:"requestedOn"`
	Decision    string        `json:"decision"` // pending, approved, denied
	DecidedBy   uint          `json:"decidedBy,omitempty"`
	DecidedOn   calendar.Date `json:"decidedOn,omitzero"`
	Comment     string        `json:"comment,omitempty"`
	NewDueDate  calendar.Date `json:"newDueDate,omitzero"`
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
	Outcome            string        `json:"outcome"`
	LegalBasis         string        `json:"legalBasis"`
	Text               string        `json:"text"`
	Attachments        []uint        `json:"attachments,omitempty"`
	WithheldReasons    string        `json:"withheldReasons,omitempty"`
	ReferralAgencyID   uint          `json:"referralAgencyId,omitempty"`
	ReferralAgencyName string        `json:"referralAgencyName,omitempty"`
	ReferralContact    string        `json:"referralContact,omitempty"`
	TemplateID         uint          `json:"templateId,omitempty"`
	DraftedBy          uint          `json:"draftedBy"`
	DraftedOn          calendar.Date `json:"draftedOn"`
	Decision           string        `json:"decision"` // pending, approved, returned
	DecidedBy          uint          `json:"decidedBy,omitempty"`
	DecidedOn          calendar.Date `json:"decidedOn,omitzero"`
	Comment            string        `json:"comment,omitempty"`
	Returns            int           `json:"returns,omitempty"`
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

func decodeState(s string) (CaseState, error) {
	var st CaseState
	if s == "" {
		return st, nil
	}
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return st, fmt.Errorf("case state: %w", err)
	}
	return st, nil
}

func encodeState(st CaseState) string {
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
func refreshClockCache(cal *calendar.Calendar, c *models.Case, st CaseState, evs []clock.Event, today calendar.Date) bool {
	before := [5]any{c.DueDate, c.ClockState, c.Paused, c.FrozenRemaining, c.Extended}
	setClockCache(cal, c, st, evs, today)
	return before != [5]any{c.DueDate, c.ClockState, c.Paused, c.FrozenRemaining, c.Extended}
}

// saveClockCaches writes refreshed cache columns in one transaction, each
// conditional on the version read: an action that committed meanwhile
// wrote a fresher cache. The cache is not case state, so versions stay.
func saveClockCaches(ctx context.Context, db *gorm.DB, cases []*models.Case) error {
	if len(cases) == 0 {
		return nil
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, c := range cases {
			err := tx.Model(&models.Case{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
				"due_date": c.DueDate, "clock_state": c.ClockState, "paused": c.Paused, "frozen_remaining": c.FrozenRemaining, "extended": c.Extended,
			}).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func setClockCache(cal *calendar.Calendar, c *models.Case, st CaseState, evs []clock.Event, today calendar.Date) {
	clk := clock.Compute(cal, evs, clock.Options{AsOf: today})
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
		if cs := st.Correction; cs != nil {
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

// VisibleState is the case state as the viewer may see it: applicants and
// assisting agencies do not see drafts, pending requests or internal
// assistance details.
func (v *CaseView) VisibleState() CaseState {
	st := v.State
	if v.actor.Role != models.RoleApplicant && !v.ViaAssistance {
		return st
	}
	out := CaseState{Correction: st.Correction, CustomDeadline: st.CustomDeadline, Delivery: st.Delivery,
		Closure: st.Closure, Suggestions: st.Suggestions, Formats: st.Formats, FeeStatus: st.FeeStatus, Attachments: st.Attachments}
	if st.Extension != nil && st.Extension.Decision == "approved" {
		e := *st.Extension
		e.RequestedBy, e.DecidedBy, e.Comment = 0, 0, ""
		out.Extension = &e
	}
	if st.Answer != nil && st.Answer.Decision == "approved" {
		an := *st.Answer
		an.DraftedBy, an.DecidedBy, an.Comment, an.Returns, an.TemplateID = 0, 0, "", 0, 0
		out.Answer = &an
	}
	if v.ViaAssistance {
		out.Correction, out.Closure, out.Suggestions, out.Answer = nil, nil, nil, nil
	}
	return out
}

// Viewer returns the actor the view was made for.
func (v *CaseView) Viewer() Actor { return v.actor }

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
