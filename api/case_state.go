package api

import (
	"gongkai/app"
	"gongkai/app/calendar"
)

// The case's structured details as the API shows them: its own response
// types, converted from what app lets the caller see (app.CaseDetail), so
// the stored JSON's shape is never the API's.

type correctionResponse struct {
	Items               []string      `json:"items"`
	PeriodDays          int           `json:"periodDays"`
	NoticeOn            calendar.Date `json:"noticeOn"`
	Delivery            string        `json:"delivery,omitempty" doc:"online, email, in_person or post" enum:"CorrectionDelivery"`
	NoticeReceivedOn    calendar.Date `json:"noticeReceivedOn,omitzero" doc:"the day the applicant received the notice; the period runs from it"`
	PeriodEnds          calendar.Date `json:"periodEnds,omitzero" doc:"absent for a posted notice until its delivery is recorded"`
	Late                bool          `json:"late,omitempty"`
	SubmittedOn         calendar.Date `json:"submittedOn,omitzero"`
	OriginalDescription string        `json:"originalDescription,omitempty"`
}

type extensionResponse struct {
	Days        int           `json:"days"`
	Reason      string        `json:"reason"`
	RequestedBy uint          `json:"requestedBy"`
	RequestedOn calendar.Date `json:"requestedOn"`
	Decision    string        `json:"decision" doc:"pending, approved or denied" enum:"Decision"`
	DecidedBy   uint          `json:"decidedBy,omitempty"`
	DecidedOn   calendar.Date `json:"decidedOn,omitzero"`
	Comment     string        `json:"comment,omitempty"`
	NewDueDate  calendar.Date `json:"newDueDate,omitzero"`
}

type customDeadlineResponse struct {
	Due    calendar.Date `json:"due"`
	Reason string        `json:"reason"`
	SetBy  uint          `json:"setBy"`
	SetOn  calendar.Date `json:"setOn"`
}

type thirdPartyNoticeResponse struct {
	Reasons        string        `json:"reasons"`
	DisclosureDate calendar.Date `json:"disclosureDate"`
	IssuedOn       calendar.Date `json:"issuedOn,omitzero"`
}

type answerResponse struct {
	Outcome            string                    `json:"outcome" enum:"Outcome"`
	LegalBasis         string                    `json:"legalBasis"`
	Text               string                    `json:"text"`
	Attachments        []uint                    `json:"attachments,omitempty"`
	WithheldReasons    string                    `json:"withheldReasons,omitempty"`
	ReferralAgencyID   uint                      `json:"referralAgencyId,omitempty"`
	ReferralAgencyName string                    `json:"referralAgencyName,omitempty"`
	ReferralContact    string                    `json:"referralContact,omitempty"`
	TemplateID         uint                      `json:"templateId,omitempty"`
	DraftedBy          uint                      `json:"draftedBy"`
	DraftedOn          calendar.Date             `json:"draftedOn"`
	Decision           string                    `json:"decision" doc:"pending, approved or returned" enum:"Decision"`
	DecidedBy          uint                      `json:"decidedBy,omitempty"`
	DecidedOn          calendar.Date             `json:"decidedOn,omitzero"`
	Comment            string                    `json:"comment,omitempty"`
	Returns            int                       `json:"returns,omitempty"`
	ThirdPartyNotice   *thirdPartyNoticeResponse `json:"thirdPartyNotice,omitempty"`
}

type deliveryResponse struct {
	Method            string        `json:"method" enum:"DeliveryMethod"`
	DeliveredOn       calendar.Date `json:"deliveredOn"`
	ProofAttachmentID uint          `json:"proofAttachmentId,omitempty"`
	Note              string        `json:"note,omitempty"`
}

type archiveResponse struct {
	Number         string        `json:"number"`
	RetentionYears int           `json:"retentionYears"`
	ArchivedOn     calendar.Date `json:"archivedOn"`
}

type closureResponse struct {
	Outcome  string        `json:"outcome" enum:"Outcome"`
	Reason   string        `json:"reason"`
	ClosedOn calendar.Date `json:"closedOn"`
	By       uint          `json:"by"`
}

type suggestionResponse struct {
	On   calendar.Date `json:"on"`
	Text string        `json:"text"`
}

// caseStateResponse is what was asked, proposed and decided on a case.
type caseStateResponse struct {
	Correction     *correctionResponse     `json:"correction,omitempty"`
	Extension      *extensionResponse      `json:"extension,omitempty"`
	CustomDeadline *customDeadlineResponse `json:"customDeadline,omitempty"`
	Answer         *answerResponse         `json:"answer,omitempty"`
	Delivery       *deliveryResponse       `json:"delivery,omitempty"`
	Archive        *archiveResponse        `json:"archive,omitempty"`
	Closure        *closureResponse        `json:"closure,omitempty"`
	Suggestions    []suggestionResponse    `json:"suggestions,omitempty"`
	OpenAssistance []uint                  `json:"openAssistance,omitempty"`
	Attachments    []uint                  `json:"attachments,omitempty"`
	Formats        []string                `json:"formats,omitempty" enum:"Format"`
	Consultations  int                     `json:"consultations,omitempty"`
	Remedies       int                     `json:"remedies,omitempty"`
	// ThirdPartyObjections counts the third parties that objected (Art 32).
	ThirdPartyObjections int    `json:"thirdPartyObjections,omitempty"`
	FeeStatus            string `json:"feeStatus,omitempty" doc:"pending, paid or lapsed; absent without a fee notice" enum:"FeeStatus"`
}

func newCaseStateResponse(d app.CaseDetail) *caseStateResponse {
	st := d.State
	r := &caseStateResponse{OpenAssistance: st.OpenAssistance, Attachments: st.Attachments, Formats: st.Formats,
		Consultations: st.Consultations, Remedies: st.Remedies, ThirdPartyObjections: st.ThirdPartyObjections, FeeStatus: string(st.FeeStatus)}
	if c := d.Correction; c != nil {
		r.Correction = &correctionResponse{Items: c.Items, PeriodDays: c.PeriodDays, NoticeOn: c.NoticeOn, Delivery: string(c.Delivery),
			NoticeReceivedOn: c.NoticeReceivedOn, PeriodEnds: c.PeriodEnds, Late: c.Late, SubmittedOn: c.SubmittedOn, OriginalDescription: c.OriginalDescription}
	}
	if e := d.Extension; e != nil {
		r.Extension = &extensionResponse{Days: e.Days, Reason: e.Reason, RequestedBy: e.RequestedBy, RequestedOn: e.RequestedOn, Decision: string(e.Decision),
			DecidedBy: e.DecidedBy, DecidedOn: e.DecidedOn, Comment: e.Comment, NewDueDate: e.NewDueDate}
	}
	if x := st.CustomDeadline; x != nil {
		r.CustomDeadline = &customDeadlineResponse{Due: x.Due, Reason: x.Reason, SetBy: x.SetBy, SetOn: x.SetOn}
	}
	if a := st.Answer; a != nil {
		r.Answer = newAnswerResponse(a)
	}
	if x := st.Delivery; x != nil {
		r.Delivery = &deliveryResponse{Method: x.Method, DeliveredOn: x.DeliveredOn, ProofAttachmentID: x.ProofAttachmentID, Note: x.Note}
	}
	if x := st.Archive; x != nil {
		r.Archive = &archiveResponse{Number: x.Number, RetentionYears: x.RetentionYears, ArchivedOn: x.ArchivedOn}
	}
	if x := st.Closure; x != nil {
		r.Closure = &closureResponse{Outcome: x.Outcome, Reason: x.Reason, ClosedOn: x.ClosedOn, By: x.By}
	}
	for _, s := range st.Suggestions {
		r.Suggestions = append(r.Suggestions, suggestionResponse{On: s.On, Text: s.Text})
	}
	return r
}

func newAnswerResponse(a *app.AnswerState) *answerResponse {
	r := &answerResponse{Outcome: a.Outcome, LegalBasis: a.LegalBasis, Text: a.Text, Attachments: a.Attachments, WithheldReasons: a.WithheldReasons,
		ReferralAgencyID: a.ReferralAgencyID, ReferralAgencyName: a.ReferralAgencyName, ReferralContact: a.ReferralContact, TemplateID: a.TemplateID,
		DraftedBy: a.DraftedBy, DraftedOn: a.DraftedOn, Decision: string(a.Decision), DecidedBy: a.DecidedBy, DecidedOn: a.DecidedOn,
		Comment: a.Comment, Returns: a.Returns}
	if t := a.ThirdPartyNotice; t != nil {
		r.ThirdPartyNotice = &thirdPartyNoticeResponse{Reasons: t.Reasons, DisclosureDate: t.DisclosureDate, IssuedOn: t.IssuedOn}
	}
	return r
}
