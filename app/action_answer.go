package app

import (
	"fmt"
	"strings"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// Answer and delivery (答复、送达): referral (Art 36(5)), the draft with its
// statutory outcome, the supervisor's decision, the Art 32 notice to an
// objecting third party, and service of the answer.

// ReferInput answers a misdirected application under Art 36(5).
type ReferInput struct {
	VersionInput
	ReferralAgencyID   uint   `json:"referralAgencyId,omitempty"`
	ReferralAgencyName string `json:"referralAgencyName,omitempty" minLength:"2" maxLength:"128"`
	ReferralContact    string `json:"referralContact,omitempty" maxLength:"128"`
	Text               string `json:"text" minLength:"10" maxLength:"5000"`
}

// AnswerInput drafts the answer.
type AnswerInput struct {
	VersionInput
	Outcome            string `json:"outcome" doc:"an annual-report row key, e.g. disclosed, partially_disclosed, not_disclosed.third_party_rights, unable.not_held, not_processed.repeat" enum:"Outcome"`
	LegalBasis         string `json:"legalBasis" minLength:"4" maxLength:"500"`
	Text               string `json:"text" minLength:"10" maxLength:"20000"`
	Attachments        []uint `json:"attachments,omitempty" doc:"released documents"`
	WithheldReasons    string `json:"withheldReasons,omitempty" minLength:"4" maxLength:"5000"`
	ReferralAgencyID   uint   `json:"referralAgencyId,omitempty"`
	ReferralAgencyName string `json:"referralAgencyName,omitempty"`
	ReferralContact    string `json:"referralContact,omitempty"`
	TemplateID         uint   `json:"templateId,omitempty"`
	// ThirdPartyNotice is required when the answer discloses information a
	// consulted third party objected to (Art 32: disclosure in the public
	// interest needs a written notice to the third party first).
	ThirdPartyNotice *ThirdPartyNoticeInput `json:"thirdPartyNotice,omitempty"`
}

// ThirdPartyNoticeInput is the content of the Art 32 notice to objecting
// third parties.
type ThirdPartyNoticeInput struct {
	Reasons        string `json:"reasons" doc:"why non-disclosure would seriously affect the public interest" minLength:"10" maxLength:"2000"`
	DisclosureDate string `json:"disclosureDate" doc:"YYYY-MM-DD, the day the information will be disclosed (not before today)"`
}

// ThirdPartyNoticeActionInput issues the Art 32 notice on an answered case
// that discloses over an objection without one.
type ThirdPartyNoticeActionInput struct {
	VersionInput
	SealInput
	ThirdPartyNoticeInput
}

// DeliveryInput records service of the answer.
type DeliveryInput struct {
	VersionInput
	Method            string `json:"method" doc:"post, pickup, email, online, in_person" enum:"DeliveryMethod"`
	DeliveredOn       string `json:"deliveredOn,omitempty"`
	ProofAttachmentID uint   `json:"proofAttachmentId,omitempty"`
	Note              string `json:"note,omitempty" maxLength:"500"`
}

func guardNoOpenPause(a *actx) error {
	if hasOpenPause(a.v.Events, clock.PauseThirdParty, clock.PauseAgencyConsultation) {
		return refused("征求意见尚未结束，请先登记意见或等待期限届满", "a consultation is still open; record its reply first")
	}
	if hasOpenPause(a.v.Events, clock.PauseFee) {
		return refused("收费通知尚待缴费", "a fee notice is awaiting payment")
	}
	return nil
}

func guardAnswerPending(a *actx) error {
	if an := a.v.State.Answer; an == nil || an.Decision != models.DecisionPending {
		return refused("没有待审核的答复", "no answer is awaiting review")
	}
	return nil
}

func guardNotDelivered(a *actx) error {
	if a.c().Delivered {
		return refused("已登记送达", "delivery is already recorded")
	}
	// Art 32: the third party is told in writing before the disclosure.
	if needsThirdPartyNotice(a.v.State) {
		return refused("第三方不同意公开、本机关决定公开的，须先书面告知第三方（《条例》第三十二条），才能送达答复",
			"a third party objected: send it the written notice (Art 32) before delivering the answer")
	}
	if an := a.v.State.Answer; an != nil && an.ThirdPartyNotice != nil && a.today < an.ThirdPartyNotice.DisclosureDate {
		tp := an.ThirdPartyNotice
		return refused(fmt.Sprintf("已告知第三方将于%s公开，此前不能送达答复（《条例》第三十二条）", cnDate(tp.DisclosureDate)),
			fmt.Sprintf("the third party was told the information is disclosed on %s; deliver from then on (Art 32)", tp.DisclosureDate))
	}
	return nil
}

// referral resolves the agency named in an Art 36(5) answer.
func referral(a *actx, f *models.Fields, agencyID uint, name, contact string) (uint, string, string, error) {
	name, contact = strings.TrimSpace(name), strings.TrimSpace(contact)
	if agencyID != 0 {
		ag, err := models.FindAgencyByID(a.ctx, a.tx, agencyID)
		if err := unexpected(err); err != nil {
			return 0, "", "", err
		}
		if err != nil || ag.ID == a.c().AgencyID {
			f.Add("referralAgencyId", "请指定负责公开该信息的其他机关", "name another agency responsible for the information")
			return 0, "", "", nil
		}
		if contact == "" {
			contact = strings.TrimSpace(ag.Phone + " " + ag.Email)
		}
		return ag.ID, ag.Name, contact, nil
	}
	checkLen(f, "referralAgencyName", name, limitOf[ReferInput]("referralAgencyName"), "负责公开的机关名称", "referralAgencyName")
	checkLen(f, "referralContact", contact, limitOf[ReferInput]("referralContact"), "联系方式", "referralContact")
	return 0, name, contact, nil
}

func applyRefer(a *actx, raw Versioned) error {
	in := raw.(*ReferInput)
	var f models.Fields
	id, name, contact, err := referral(a, &f, in.ReferralAgencyID, in.ReferralAgencyName, in.ReferralContact)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "text", text, limitOf[ReferInput]("text"), "告知内容", "text")
	if err := f.Err(); err != nil {
		return err
	}
	o, _ := models.FindOutcome("unable.not_held")
	a.v.State.Answer = &AnswerState{Outcome: o.Key, LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（五）项", Text: text,
		ReferralAgencyID: id, ReferralAgencyName: name, ReferralContact: contact, DraftedBy: a.actor.UserID, DraftedOn: a.today, Decision: models.DecisionPending}
	a.to = models.StatusAnswerReview
	a.priv["outcome"], a.priv["referralAgency"] = o.Key, name
	a.priv["remainingWorkingDays"] = a.currentClock().RemainingWorkingDays
	return nil
}

// answerOutcome checks the outcome a draft records and what it implies:
// reasons for what is withheld (Art 37, Art 36(3)), a correction before
// "still unclear after correction" (Art 30).
func answerOutcome(a *actx, f *models.Fields, in *AnswerInput) (models.Outcome, bool) {
	o, ok := models.FindOutcome(in.Outcome)
	if !ok || !o.Answer {
		f.Add("outcome", "办理结果须为年度报告表中（一）至（五）的一项", "outcome must be a row (一)–(五) of the annual-report table")
		return o, false
	}
	if o.Group == "partially_disclosed" || o.Group == "not_disclosed" {
		checkLen(f, "withheldReasons", strings.TrimSpace(in.WithheldReasons), limitOf[AnswerInput]("withheldReasons"), "不予公开的理由", "withheldReasons")
	}
	if cs := a.v.Correction; o.Key == "unable.unclear_after_correction" && (cs == nil || cs.SubmittedOn.IsZero()) {
		f.Add("outcome", "只有补正后仍不明确的申请才能作此答复（《条例》第三十条）", "only an application still unclear after correction can be answered so (Art 30)")
	}
	return o, true
}

// answerReferral checks the agency an Art 36(5) answer names.
func answerReferral(a *actx, f *models.Fields, in *AnswerInput) (uint, string, string, error) {
	if in.ReferralAgencyID == 0 && in.ReferralAgencyName == "" {
		return 0, "", "", nil
	}
	if in.Outcome != "unable.not_held" {
		f.Add("referralAgencyId", "只有“本机关不掌握”的答复才能指明负责机关（第三十六条第（五）项）", "only an unable.not_held answer names another agency (Art 36(5))")
	}
	return referral(a, f, in.ReferralAgencyID, in.ReferralAgencyName, in.ReferralContact)
}

// answerThirdPartyNotice decides whether the draft needs the Art 32 notice:
// disclosing over a third party's objection in the public interest needs a
// written notice to it first, with the reasons. A partial disclosure may
// withhold the objected part instead (Art 37: its reasons then say so), or
// disclose it with the notice.
func answerThirdPartyNotice(a *actx, f *models.Fields, o models.Outcome, known bool, in *AnswerInput) *ThirdPartyNoticeState {
	objected := known && a.v.State.ThirdPartyObjections > 0
	switch {
	case objected && o.Group == "disclosed", objected && o.Group == "partially_disclosed" && in.ThirdPartyNotice != nil:
		return thirdPartyNotice(f, in.ThirdPartyNotice, a.today)
	case in.ThirdPartyNotice != nil:
		f.Add("thirdPartyNotice", "只有在第三方不同意公开、本机关仍决定公开时才需告知第三方（第三十二条）", "a third-party notice is only for disclosing over a third party's objection (Art 32)")
	}
	return nil
}

func applyDraftAnswer(a *actx, raw Versioned) error {
	in := raw.(*AnswerInput)
	var f models.Fields
	o, ok := answerOutcome(a, &f, in)
	legal, text, withheld := strings.TrimSpace(in.LegalBasis), strings.TrimSpace(in.Text), strings.TrimSpace(in.WithheldReasons)
	checkLen(&f, "legalBasis", legal, limitOf[AnswerInput]("legalBasis"), "法律依据", "legalBasis")
	checkLen(&f, "text", text, limitOf[AnswerInput]("text"), "答复内容", "text")
	refID, refName, refContact, err := answerReferral(a, &f, in)
	if err != nil {
		return err
	}
	if len(in.Attachments) > 50 {
		f.Add("attachments", "附件最多 50 个", "at most 50 attachments")
	}
	tp := answerThirdPartyNotice(a, &f, o, ok, in)
	if err := f.Err(); err != nil {
		return err
	}
	if err := a.s.linkAnswerAttachments(a, in.Attachments); err != nil {
		return err
	}
	prev := a.v.State.Answer
	ans := &AnswerState{Outcome: o.Key, LegalBasis: legal, Text: text, Attachments: in.Attachments, WithheldReasons: withheld,
		ReferralAgencyID: refID, ReferralAgencyName: refName, ReferralContact: refContact, TemplateID: in.TemplateID,
		DraftedBy: a.actor.UserID, DraftedOn: a.today, Decision: models.DecisionPending, ThirdPartyNotice: tp}
	if prev != nil {
		ans.Returns = prev.Returns
	}
	a.v.State.Answer = ans
	a.to = models.StatusAnswerReview
	a.priv["outcome"], a.priv["legalBasis"] = o.Key, legal
	a.priv["remainingWorkingDays"] = a.currentClock().RemainingWorkingDays
	return nil
}

// thirdPartyNotice validates the Art 32 notice's content.
func thirdPartyNotice(f *models.Fields, in *ThirdPartyNoticeInput, today calendar.Date) *ThirdPartyNoticeState {
	if in == nil {
		f.Add("thirdPartyNotice", "第三方不同意公开，本机关决定公开的，须书面告知第三方决定公开的内容和理由（《条例》第三十二条）",
			"a third party objected: disclosing needs a written notice to it with the content and the reasons (Art 32)")
		return nil
	}
	reasons := strings.TrimSpace(in.Reasons)
	checkLen(f, "thirdPartyNotice.reasons", reasons, limitOf[ThirdPartyNoticeInput]("reasons"), "决定公开的理由", "reasons")
	if strings.TrimSpace(in.DisclosureDate) == "" {
		f.Add("thirdPartyNotice.disclosureDate", "请填写公开日期", "disclosureDate is required")
	}
	on := dateField(f, "thirdPartyNotice.disclosureDate", in.DisclosureDate, 0, today, today.AddDays(365))
	return &ThirdPartyNoticeState{Reasons: reasons, DisclosureDate: on}
}

// needsThirdPartyNotice reports whether an answer discloses over a third
// party's objection without the Art 32 notice having gone out.
func needsThirdPartyNotice(st CaseState) bool {
	an := st.Answer
	if an == nil || st.ThirdPartyObjections == 0 {
		return false
	}
	if an.ThirdPartyNotice != nil {
		return an.ThirdPartyNotice.IssuedOn.IsZero()
	}
	// A full disclosure over an objection always needs the notice; a
	// partial one withheld the objected part unless it said otherwise.
	o, ok := models.FindOutcome(an.Outcome)
	return ok && o.Group == "disclosed"
}

func guardThirdPartyNotice(a *actx) error {
	if !needsThirdPartyNotice(a.v.State) {
		return refused("无需告知第三方", "no third-party notice is due")
	}
	return nil
}

func applyThirdPartyNotice(a *actx, raw Versioned) error {
	in := raw.(*ThirdPartyNoticeActionInput)
	var f models.Fields
	tp := thirdPartyNotice(&f, &in.ThirdPartyNoticeInput, a.today)
	if err := f.Err(); err != nil {
		return err
	}
	var released []string
	if as, err := models.FindAttachmentsByIDs(a.ctx, a.tx, a.v.State.Answer.Attachments); err != nil {
		return err
	} else {
		for _, at := range as {
			released = append(released, at.Filename)
		}
	}
	a.v.State.Answer.ThirdPartyNotice = tp
	return a.issueThirdPartyNotices(tp, released)
}

// linkAnswerAttachments accepts files uploaded by the actor or already on
// the case.
func (s *CaseService) linkAnswerAttachments(a *actx, ids []uint) error {
	if len(ids) == 0 {
		return nil
	}
	as, err := models.FindAttachmentsByIDs(a.ctx, a.tx, ids)
	if err != nil {
		return err
	}
	if len(as) != len(uniq(ids)) {
		return models.InvalidField("attachments", models.M("附件不存在", "an attachment does not exist"))
	}
	for _, at := range as {
		mine := at.CaseID == nil && at.UploaderID == a.actor.UserID
		onCase := at.CaseID != nil && *at.CaseID == a.c().ID
		if !mine && !onCase {
			return models.InvalidField("attachments", models.M("附件不存在或已被使用", "an attachment does not exist or is already in use"))
		}
	}
	return models.LinkAttachments(a.ctx, a.tx, ids, a.c().ID)
}

func applyDecideAnswer(a *actx, raw Versioned) error {
	in := raw.(*DecisionInput)
	var f models.Fields
	approve := decision(&f, in)
	if err := f.Err(); err != nil {
		return err
	}
	ans := a.v.State.Answer
	ans.DecidedBy, ans.DecidedOn, ans.Comment = a.actor.UserID, a.today, strings.TrimSpace(in.Comment)
	if !approve {
		ans.Decision = models.DecisionReturned
		ans.Returns++
		a.to = models.StatusHandling
		a.priv["approved"], a.priv["comment"] = false, ans.Comment
		return nil
	}
	ans.Decision = models.DecisionApproved
	a.conclude(ans.Outcome)
	a.to, a.public = models.StatusAnswered, true
	o, _ := models.FindOutcome(ans.Outcome)
	a.pub["outcome"], a.pub["answeredOn"] = ans.Outcome, a.today
	a.priv["comment"] = ans.Comment
	var released []string
	if len(ans.Attachments) > 0 {
		as, err := models.FindAttachmentsByIDs(a.ctx, a.tx, ans.Attachments)
		if err != nil {
			return err
		}
		for _, at := range as {
			released = append(released, at.Filename)
		}
	}
	kind := o.Notice
	if ans.ReferralAgencyName != "" {
		kind = "referral"
	}
	a.notice(kind, a.c().ApplicantName, map[string]any{"text": ans.Text, "legalBasis": ans.LegalBasis, "withheld": ans.WithheldReasons,
		"released": released, "referral": ans.ReferralAgencyName, "referralContact": ans.ReferralContact, "outcome": o.Label,
		"remedy": remedyKind(o)})
	if tp := ans.ThirdPartyNotice; tp != nil {
		return a.issueThirdPartyNotices(tp, released)
	}
	return nil
}

// issueThirdPartyNotices tells every objecting third party in writing of
// the decision to disclose over its objection, with the reasons and the
// disclosure date (Art 32), before anything is delivered.
func (a *actx) issueThirdPartyNotices(tp *ThirdPartyNoticeState, released []string) error {
	parties, err := models.FindObjectingThirdParties(a.ctx, a.tx, a.c().ID)
	if err != nil {
		return err
	}
	for _, p := range parties {
		a.notice("third_party_disclosure", p.PartyName, map[string]any{"reasons": tp.Reasons, "disclosureDate": tp.DisclosureDate,
			"released": released, "remedy": "standard"})
	}
	tp.IssuedOn = a.today
	a.priv["thirdPartyNotices"] = len(parties)
	return nil
}

var DeliveryMethods = []string{"post", "pickup", "email", "online", "in_person"}

func applyDelivery(a *actx, raw Versioned) error {
	in := raw.(*DeliveryInput)
	var f models.Fields
	if !contains(DeliveryMethods, in.Method) {
		f.Add("method", "送达方式须为 post、pickup、email、online 或 in_person", "method must be post, pickup, email, online or in_person")
	}
	answered, _ := calendar.ParseDate(a.c().ConcludedOn)
	on := dateField(&f, "deliveredOn", in.DeliveredOn, a.today, answered, a.today)
	checkLen(&f, "note", strings.TrimSpace(in.Note), limitOf[DeliveryInput]("note"), "备注", "note")
	if err := f.Err(); err != nil {
		return err
	}
	if in.ProofAttachmentID != 0 {
		if err := a.s.linkAnswerAttachments(a, []uint{in.ProofAttachmentID}); err != nil {
			return models.InvalidField("proofAttachmentId", models.M("送达凭证附件无效", "invalid proof attachment"))
		}
	}
	a.v.State.Delivery = &DeliveryState{Method: in.Method, DeliveredOn: on, ProofAttachmentID: in.ProofAttachmentID, Note: strings.TrimSpace(in.Note)}
	a.c().Delivered = true
	a.public = true
	a.pub["method"], a.pub["deliveredOn"] = in.Method, on
	return nil
}
