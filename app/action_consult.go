package app

import (
	"strings"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// Consultation and assistance: third parties (Art 32), co-producing
// agencies (Art 34) and assistance tasks for other agencies (协办).

// ConsultationInput starts a third-party (Art 32) or agency (Art 34)
// consultation.
type ConsultationInput struct {
	VersionInput
	SealInput
	Kind            string `json:"kind" doc:"third_party or agency" enum:"ConsultationKind"`
	PartyName       string `json:"partyName" minLength:"2" maxLength:"128"`
	PartyAgencyID   uint   `json:"partyAgencyId,omitempty"`
	PartyAddress    string `json:"partyAddress,omitempty" maxLength:"255"`
	Question        string `json:"question,omitempty" maxLength:"2000"`
	SentOn          string `json:"sentOn,omitempty" doc:"letter sent, default today"`
	PartyReceivedOn string `json:"partyReceivedOn,omitempty" doc:"the party's receipt; the 15 days run from it"`
}

// ConsultationReplyInput records a consultation's reply.
type ConsultationReplyInput struct {
	VersionInput
	ConsultationID uint   `json:"consultationId"`
	Reply          string `json:"reply" doc:"agree, object, partial" enum:"ConsultationReply"`
	Reason         string `json:"reason,omitempty" minLength:"2" maxLength:"2000"`
	RepliedOn      string `json:"repliedOn,omitempty"`
}

// AssistanceInput asks another agency for help (协办).
type AssistanceInput struct {
	VersionInput
	SealInput
	AgencyID uint   `json:"agencyId"`
	Question string `json:"question" minLength:"5" maxLength:"2000"`
	ReplyDue string `json:"replyDue,omitempty" doc:"default 5 working days"`
}

// AssistanceReplyInput is the assisting agency's answer.
type AssistanceReplyInput struct {
	VersionInput
	ConsultationID uint   `json:"consultationId"`
	Reply          string `json:"reply" minLength:"2" maxLength:"5000"`
}

func guardOpenConsultation(a *actx) error {
	if !hasOpenPause(a.v.Events, clock.PauseThirdParty, clock.PauseAgencyConsultation) {
		return refused("没有进行中的征求意见", "there is no open consultation")
	}
	return nil
}

// consultationKinds maps a consultation's kind to the pause it causes.
var consultationKinds = map[models.ConsultationKind]clock.PauseKind{
	models.ConsultThirdParty: clock.PauseThirdParty,         // Art 32
	models.ConsultAgency:     clock.PauseAgencyConsultation, // Art 34
}

// consultedParty resolves who is consulted: a named party, or for an
// agency consultation another agency of the platform.
func consultedParty(a *actx, f *models.Fields, kind models.ConsultationKind, in *ConsultationInput) (string, *uint, error) {
	party := strings.TrimSpace(in.PartyName)
	if kind != models.ConsultAgency || in.PartyAgencyID == 0 {
		return party, nil, nil
	}
	ag, err := models.FindAgencyByID(a.ctx, a.tx, in.PartyAgencyID)
	if err := unexpected(err); err != nil {
		return "", nil, err
	}
	if err != nil || ag.ID == a.c().AgencyID {
		f.Add("partyAgencyId", "请选择其他机关", "choose another agency")
		return party, nil, nil
	}
	if party == "" {
		party = ag.Name
	}
	id := ag.ID
	return party, &id, nil
}

func applyStartConsultation(a *actx, raw Versioned) error {
	in := raw.(*ConsultationInput)
	var f models.Fields
	c := a.c()
	kind := models.ConsultationKind(in.Kind)
	pauseKind, ok := consultationKinds[kind]
	if !ok {
		f.Add("kind", "征求意见对象须为 third_party（第三方）或 agency（其他机关）", "kind must be third_party or agency")
	}
	party, partyAgency, err := consultedParty(a, &f, kind, in)
	if err != nil {
		return err
	}
	checkLen(&f, "partyName", party, limitOf[ConsultationInput]("partyName"), "被征求意见方", "partyName")
	checkLen(&f, "partyAddress", in.PartyAddress, limitOf[ConsultationInput]("partyAddress"), "地址", "partyAddress")
	checkLen(&f, "question", in.Question, limitOf[ConsultationInput]("question"), "征求意见事项", "question")
	sent := dateField(&f, "sentOn", in.SentOn, a.today, a.receipt(), a.today)
	received := dateField(&f, "partyReceivedOn", in.PartyReceivedOn, sent, sent, a.today)
	if err := f.Err(); err != nil {
		return err
	}
	// Arts 32, 34: 15 working days from the party's receipt of the letter
	// (the send date when that is not known, decisions.md).
	due := clock.ConsultationReplyDue(a.cal, received)
	pid := a.nextPause()
	cons := &models.Consultation{CaseID: c.ID, Kind: kind, PartyName: party, PartyAgencyID: partyAgency, PartyAddress: strings.TrimSpace(in.PartyAddress),
		Question: strings.TrimSpace(in.Question), SentOn: sent.String(), PartyReceivedOn: received.String(), ReplyDue: due.String(),
		Status: models.ConsultOpen, PauseID: int(pid)}
	if err := models.CreateConsultation(a.ctx, a.tx, cons); err != nil {
		return err
	}
	a.v.State.Consultations++
	// Art 33 ¶3: consultation time does not count toward the answer limit.
	a.addEvent(clock.Event{Kind: clock.EventPauseStart, On: sent, PauseKind: pauseKind, PauseID: pid})
	a.public = true
	a.pub["kind"], a.pub["sentOn"] = kind, sent
	a.priv["consultationId"], a.priv["party"], a.priv["replyDue"] = cons.ID, party, due
	letter, partyKind := "consultation_third_party", "第三方"
	if kind == models.ConsultAgency {
		letter, partyKind = "consultation_agency", "其他机关"
	}
	a.notice(letter, party, map[string]any{"question": cons.Question, "replyDue": due})
	a.notice("consultation_applicant", c.ApplicantName, map[string]any{"partyKind": partyKind, "sentOn": sent})
	return nil
}

// replyDate checks a consultation reply and returns the day its pause
// ends: the reply's day for one staff record, the last day of the period
// for the silence the jobs record (decisions.md: no reply by the deadline
// ends the pause on that day).
func replyDate(a *actx, f *models.Fields, cons *models.Consultation, in *ConsultationReplyInput) (models.ConsultationReply, calendar.Date, error) {
	sent, due := dateOf(cons.SentOn), dateOf(cons.ReplyDue)
	reply := models.ConsultationReply(in.Reply)
	switch staff, ok := models.ParseStaffReply(in.Reply); {
	case a.actor.Role == models.RoleSystem && (reply == models.ReplyConsentBySilence || reply == models.ReplyLapsed):
		if a.today <= due {
			return "", 0, refused("征求意见期限尚未届满", "the consultation period has not ended")
		}
		return reply, due, nil
	case ok:
		replied := dateField(f, "repliedOn", in.RepliedOn, a.today, sent, a.today)
		if staff != models.ReplyAgree {
			checkLen(f, "reason", strings.TrimSpace(in.Reason), limitOf[ConsultationReplyInput]("reason"), "理由", "reason")
		}
		return staff, replied, nil
	}
	f.Add("reply", "意见须为 agree（同意）、object（不同意）或 partial（部分同意）", "reply must be agree, object or partial")
	return "", 0, nil
}

func applyConsultationReply(a *actx, raw Versioned) error {
	in := raw.(*ConsultationReplyInput)
	var f models.Fields
	cons, err := models.FindCaseConsultation(a.ctx, a.tx, a.c().ID, in.ConsultationID, models.ConsultThirdParty, models.ConsultAgency)
	if models.ErrorKind(err) == models.KindNotFound {
		return models.InvalidField("consultationId", models.M("征求意见不存在", "no such consultation"))
	} else if err != nil {
		return err
	}
	if cons.Status != models.ConsultOpen {
		return refused("该征求意见已登记结果", "this consultation is already closed")
	}
	reply, replied, err := replyDate(a, &f, cons, in)
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	cons.Status, cons.Reply, cons.ReplyReason, cons.RepliedOn = models.ConsultReplied, reply, strings.TrimSpace(in.Reason), replied.String()
	if cons.Kind == models.ConsultThirdParty && reply.Objects() {
		a.v.State.ThirdPartyObjections++
	}
	if reply == models.ReplyLapsed || reply == models.ReplyConsentBySilence {
		cons.Status = models.ConsultLapsed
	}
	if a.actor.UserID != 0 {
		id := a.actor.UserID
		cons.RepliedBy = &id
	}
	if err := models.SaveConsultation(a.ctx, a.tx, cons); err != nil {
		return err
	}
	a.addEvent(clock.Event{Kind: clock.EventPauseEnd, On: replied, PauseID: int32(cons.PauseID)})
	a.public = true
	a.pub["endedOn"] = replied
	a.priv["consultationId"], a.priv["reply"], a.priv["reason"] = cons.ID, reply, cons.ReplyReason
	return nil
}

func applyRequestAssistance(a *actx, raw Versioned) error {
	in := raw.(*AssistanceInput)
	var f models.Fields
	c := a.c()
	ag, err := models.FindAgencyByID(a.ctx, a.tx, in.AgencyID)
	if err := unexpected(err); err != nil {
		return err
	}
	if err != nil || !ag.Active || ag.ID == c.AgencyID {
		f.Add("agencyId", "请选择其他在用的机关", "choose another active agency")
	}
	q := strings.TrimSpace(in.Question)
	checkLen(&f, "question", q, limitOf[AssistanceInput]("question"), "协办事项", "question")
	due := dateField(&f, "replyDue", in.ReplyDue, a.cal.AddWorkdays(a.today, 5), a.today, 0)
	if err := f.Err(); err != nil {
		return err
	}
	if hasUint(a.v.State.OpenAssistance, ag.ID) {
		return refused("该机关已有进行中的协办任务", "that agency already has an open assistance task")
	}
	id := ag.ID
	cons := &models.Consultation{CaseID: c.ID, Kind: models.ConsultAssistance, PartyName: ag.Name, PartyAgencyID: &id, Question: q,
		SentOn: a.today.String(), PartyReceivedOn: a.today.String(), ReplyDue: due.String(), Status: models.ConsultOpen}
	if err := models.CreateConsultation(a.ctx, a.tx, cons); err != nil {
		return err
	}
	a.v.State.Consultations++
	a.v.State.OpenAssistance = append(a.v.State.OpenAssistance, ag.ID)
	a.priv["consultationId"], a.priv["agency"], a.priv["replyDue"] = cons.ID, ag.Name, due
	a.notice("assistance", ag.Name, map[string]any{"question": q, "replyDue": due})
	return nil
}

func applyReplyAssistance(a *actx, raw Versioned) error {
	in := raw.(*AssistanceReplyInput)
	cons, err := models.FindAssistanceTask(a.ctx, a.tx, a.c().ID, in.ConsultationID, a.actor.AgencyID)
	if models.ErrorKind(err) == models.KindNotFound {
		return models.InvalidField("consultationId", models.M("协办任务不存在", "no such assistance task"))
	} else if err != nil {
		return err
	}
	if cons.Status != models.ConsultOpen {
		return refused("该协办任务已回复", "this assistance task is already answered")
	}
	reply := strings.TrimSpace(in.Reply)
	var f models.Fields
	checkLen(&f, "reply", reply, limitOf[AssistanceReplyInput]("reply"), "协办意见", "reply")
	if err := f.Err(); err != nil {
		return err
	}
	id := a.actor.UserID
	cons.Status, cons.Reply, cons.ReplyReason, cons.RepliedOn, cons.RepliedBy = models.ConsultReplied, models.ReplyAssistance, reply, a.today.String(), &id
	if err := models.SaveConsultation(a.ctx, a.tx, cons); err != nil {
		return err
	}
	var rest []uint
	for _, x := range a.v.State.OpenAssistance {
		if x != a.actor.AgencyID {
			rest = append(rest, x)
		}
	}
	a.v.State.OpenAssistance = rest
	a.priv["consultationId"], a.priv["reply"] = cons.ID, reply
	return nil
}
