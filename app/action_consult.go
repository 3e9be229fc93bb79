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
	Kind            string `json:"kind" doc:"third_party or agency"`
	PartyName       string `json:"partyName"`
	PartyAgencyID   uint   `json:"partyAgencyId,omitempty"`
	PartyAddress    string `json:"partyAddress,omitempty"`
	Question        string `json:"question,omitempty"`
	SentOn          string `json:"sentOn,omitempty" doc:"letter sent, default today"`
	PartyReceivedOn string `json:"partyReceivedOn,omitempty" doc:"the party's receipt; the 15 days run from it"`
}

// ConsultationReplyInput records a consultation's reply.
type ConsultationReplyInput struct {
	VersionInput
	ConsultationID uint   `json:"consultationId"`
	Reply          string `json:"reply" doc:"agree, object, partial"`
	Reason         string `json:"reason,omitempty"`
	RepliedOn      string `json:"repliedOn,omitempty"`
}

// AssistanceInput asks another agency for help (协办).
type AssistanceInput struct {
	VersionInput
	AgencyID uint   `json:"agencyId"`
	Question string `json:"question"`
	ReplyDue string `json:"replyDue,omitempty" doc:"default 5 working days"`
}

// AssistanceReplyInput is the assisting agency's answer.
type AssistanceReplyInput struct {
	VersionInput
	ConsultationID uint   `json:"consultationId"`
	Reply          string `json:"reply"`
}

func guardOpenConsultation(a *actx) error {
	if !hasOpenPause(a.v.Events, clock.PauseThirdParty, clock.PauseAgencyConsultation) {
		return refused("没有进行中的征求意见", "there is no open consultation")
	}
	return nil
}

func applyStartConsultation(a *actx, raw Versioned) error {
	in := raw.(*ConsultationInput)
	var f models.Fields
	c := a.c()
	var kind clock.PauseKind
	switch in.Kind {
	case "third_party":
		kind = clock.PauseThirdParty
	case "agency":
		kind = clock.PauseAgencyConsultation
	default:
		f.Add("kind", "征求意见对象须为 third_party（第三方）或 agency（其他机关）", "kind must be third_party or agency")
	}
	party := strings.TrimSpace(in.PartyName)
	var partyAgency *uint
	if in.Kind == "agency" && in.PartyAgencyID != 0 {
		ag, err := models.FindAgencyByID(a.ctx, a.tx, in.PartyAgencyID)
		if err != nil || ag.ID == c.AgencyID {
			f.Add("partyAgencyId", "请选择其他机关", "choose another agency")
		} else {
			id := ag.ID
			partyAgency = &id
			if party == "" {
				party = ag.Name
			}
		}
	}
	checkLen(&f, "partyName", party, 2, 128, "被征求意见方", "partyName")
	checkLen(&f, "partyAddress", in.PartyAddress, 0, 255, "地址", "partyAddress")
	checkLen(&f, "question", in.Question, 0, 2000, "征求意见事项", "question")
	sent := dateField(&f, "sentOn", in.SentOn, a.today, a.receipt(), a.today)
	received := dateField(&f, "partyReceivedOn", in.PartyReceivedOn, sent, sent, a.today)
	if err := f.Err(); err != nil {
		return err
	}
	// Arts 32, 34: 15 working days from the party's receipt of the letter
	// (the send date when that is not known, decisions.md).
	due := clock.ConsultationReplyDue(a.cal, received)
	pid := a.nextPause()
	cons := &models.Consultation{CaseID: c.ID, Kind: in.Kind, PartyName: party, PartyAgencyID: partyAgency, PartyAddress: strings.TrimSpace(in.PartyAddress),
		Question: strings.TrimSpace(in.Question), SentOn: sent.String(), PartyReceivedOn: received.String(), ReplyDue: due.String(),
		Status: "open", PauseID: int(pid)}
	if err := a.tx.WithContext(a.ctx).Create(cons).Error; err != nil {
		return err
	}
	a.v.State.Consultations++
	// Art 33 ¶3: consultation time does not count toward the answer limit.
	a.addEvent(clock.Event{Kind: clock.EventPauseStart, On: sent, PauseKind: kind, PauseID: pid})
	a.public = true
	a.pub["kind"], a.pub["sentOn"] = in.Kind, sent
	a.priv["consultationId"], a.priv["party"], a.priv["replyDue"] = cons.ID, party, due
	letter := "consultation_third_party"
	partyKind := "第三方"
	if in.Kind == "agency" {
		letter, partyKind = "consultation_agency", "其他机关"
	}
	a.notice(letter, party, map[string]any{"question": cons.Question, "replyDue": due})
	a.notice("consultation_applicant", c.ApplicantName, map[string]any{"partyKind": partyKind, "sentOn": sent})
	return nil
}

// ConsultationReplies are the replies staff record; the jobs record
// consent_by_silence (Art 34) and lapsed (Art 32).
var consultationReplies = []string{"agree", "object", "partial"}

func applyConsultationReply(a *actx, raw Versioned) error {
	in := raw.(*ConsultationReplyInput)
	var f models.Fields
	var cons models.Consultation
	err := a.tx.WithContext(a.ctx).Where("id = ? AND case_id = ? AND kind IN ?", in.ConsultationID, a.c().ID, []string{"third_party", "agency"}).First(&cons).Error
	if err != nil {
		return models.InvalidField("consultationId", models.M("征求意见不存在", "no such consultation"))
	}
	if cons.Status != "open" {
		return refused("该征求意见已登记结果", "this consultation is already closed")
	}
	sent, _ := calendar.ParseDate(cons.SentOn)
	due, _ := calendar.ParseDate(cons.ReplyDue)
	replied := a.today
	reply := in.Reply
	switch {
	case a.actor.Role == models.RoleSystem && (reply == "consent_by_silence" || reply == "lapsed"):
		// Decisions.md: no reply by the deadline ends the pause on that day.
		if a.today <= due {
			return refused("征求意见期限尚未届满", "the consultation period has not ended")
		}
		replied = due
	case contains(consultationReplies, reply):
		replied = dateField(&f, "repliedOn", in.RepliedOn, a.today, sent, a.today)
		if reply != "agree" {
			checkLen(&f, "reason", strings.TrimSpace(in.Reason), 2, 2000, "理由", "reason")
		}
	default:
		f.Add("reply", "意见须为 agree（同意）、object（不同意）或 partial（部分同意）", "reply must be agree, object or partial")
	}
	if err := f.Err(); err != nil {
		return err
	}
	cons.Status, cons.Reply, cons.ReplyReason, cons.RepliedOn = "replied", reply, strings.TrimSpace(in.Reason), replied.String()
	if cons.Kind == "third_party" && contains(objectionReplies, reply) {
		a.v.State.ThirdPartyObjections++
	}
	if reply == "lapsed" || reply == "consent_by_silence" {
		cons.Status = "lapsed"
	}
	if a.actor.UserID != 0 {
		id := a.actor.UserID
		cons.RepliedBy = &id
	}
	if err := a.tx.WithContext(a.ctx).Save(&cons).Error; err != nil {
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
	if err != nil || !ag.Active || ag.ID == c.AgencyID {
		f.Add("agencyId", "请选择其他在用的机关", "choose another active agency")
	}
	q := strings.TrimSpace(in.Question)
	checkLen(&f, "question", q, 5, 2000, "协办事项", "question")
	due := dateField(&f, "replyDue", in.ReplyDue, a.cal.AddWorkdays(a.today, 5), a.today, 0)
	if err := f.Err(); err != nil {
		return err
	}
	if hasUint(a.v.State.OpenAssistance, ag.ID) {
		return refused("该机关已有进行中的协办任务", "that agency already has an open assistance task")
	}
	id := ag.ID
	cons := &models.Consultation{CaseID: c.ID, Kind: "assistance", PartyName: ag.Name, PartyAgencyID: &id, Question: q,
		SentOn: a.today.String(), PartyReceivedOn: a.today.String(), ReplyDue: due.String(), Status: "open"}
	if err := a.tx.WithContext(a.ctx).Create(cons).Error; err != nil {
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
	var cons models.Consultation
	err := a.tx.WithContext(a.ctx).Where("id = ? AND case_id = ? AND kind = ? AND party_agency_id = ?", in.ConsultationID, a.c().ID, "assistance", a.actor.AgencyID).First(&cons).Error
	if err != nil {
		return models.InvalidField("consultationId", models.M("协办任务不存在", "no such assistance task"))
	}
	if cons.Status != "open" {
		return refused("该协办任务已回复", "this assistance task is already answered")
	}
	reply := strings.TrimSpace(in.Reply)
	var f models.Fields
	checkLen(&f, "reply", reply, 2, 5000, "协办意见", "reply")
	if err := f.Err(); err != nil {
		return err
	}
	id := a.actor.UserID
	cons.Status, cons.Reply, cons.ReplyReason, cons.RepliedOn, cons.RepliedBy = "replied", "replied", reply, a.today.String(), &id
	if err := a.tx.WithContext(a.ctx).Save(&cons).Error; err != nil {
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

// objectionReplies are the third-party replies that object to disclosure
// in whole or in part (Art 32).
var objectionReplies = []string{"object", "partial"}
