package app

import (
	"fmt"
	"strings"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// Review and correction (审核、补正): confirming receipt (Art 31),
// accepting, the one correction notice and the corrected application (Art 30).

// ConfirmReceiptInput confirms receipt with the applicant (Art 31(2)(3)).
type ConfirmReceiptInput struct {
	VersionInput
	SealInput
	ConfirmedOn string `json:"confirmedOn,omitempty" doc:"YYYY-MM-DD, default today"`
	// UnreachableReason, for a confirmation later than the arrival day,
	// records why the applicant could not be reached; only then is the
	// confirmation day the receipt date.
	UnreachableReason string `json:"unreachableReason,omitempty" doc:"why the applicant could not be reached on the day it arrived" minLength:"4" maxLength:"500"`
}

// CorrectionInput is the one correction notice (Art 30).
type CorrectionInput struct {
	VersionInput
	SealInput
	Items      []string `json:"items" doc:"what to correct" minItems:"1" maxItems:"10" minLength:"2" maxLength:"500"`
	PeriodDays int      `json:"periodDays,omitempty" doc:"working days from the applicant's receipt of the notice, default from the settings" minimum:"1" maximum:"60"`
	// Delivery is how the notice reaches the applicant: online (default for
	// an applicant with an account), email, in_person (received today), or
	// post (the period starts when its delivery is recorded).
	Delivery string `json:"delivery,omitempty" doc:"how the notice goes out; by post the period runs from its recorded delivery" enum:"CorrectionDelivery"`
}

// CorrectionDeliveryInput records the day a correction notice sent by post
// reached the applicant: the correction period runs from it (Art 30).
type CorrectionDeliveryInput struct {
	VersionInput
	ReceivedOn string `json:"receivedOn" doc:"YYYY-MM-DD, the day the applicant received the notice (the signed receipt)"`
}

// SubmitCorrectionInput is the corrected application.
type SubmitCorrectionInput struct {
	VersionInput
	Description string `json:"description" minLength:"10" maxLength:"2000"`
	Title       string `json:"title,omitempty" minLength:"2" maxLength:"200"`
	Attachments []uint `json:"attachments,omitempty" maxItems:"20"`
	ReceivedOn  string `json:"receivedOn,omitempty" doc:"staff recording a paper correction: the day it arrived"`
}

func guardCorrection(a *actx) error {
	// Art 30: "一次性告知" — one correction notice only.
	if a.c().CorrectionCount > 0 {
		return refused("补正告知只能发出一次（《条例》第三十条）", "only one correction notice may be issued (Art 30)")
	}
	// Art 30: "自收到申请之日起7个工作日内". A late notice is refused, not
	// recorded as late (decisions.md: the step refused rather than silently
	// accepted); the application is handled as it stands.
	if last := clock.CorrectionNoticeDue(a.cal, a.receipt()); a.today > last {
		return refused(fmt.Sprintf("补正告知须自收到申请之日起7个工作日内发出（《条例》第三十条），最后一日为%s，已过期限，请按申请现有内容办理", cnDate(last)),
			fmt.Sprintf("a correction notice must go out within 7 working days of receipt (Art 30); the last day was %s, so handle the application as it stands", last))
	}
	return nil
}

func guardCorrectionDelivery(a *actx) error {
	if cs := a.v.Correction; cs == nil || !cs.NoticeReceivedOn.IsZero() {
		return refused("没有待登记送达日期的补正告知", "no correction notice awaits its delivery date")
	}
	return nil
}

func applyConfirmReceipt(a *actx, raw Versioned) error {
	in := raw.(*ConfirmReceiptInput)
	var f models.Fields
	c := a.c()
	arrived := calendar.FromTime(c.ArrivedAt)
	confirmed := dateField(&f, "confirmedOn", in.ConfirmedOn, a.today, arrived, a.today)
	reason := unreachableReason(&f, in.UnreachableReason)
	if reason != "" && confirmed == arrived {
		f.Add("unreachableReason", "当日确认的，收到申请之日即到达之日，无需说明无法联系的原因", "confirmed on the day it arrived: no reason is needed")
	}
	if err := f.Err(); err != nil {
		return err
	}
	// Art 31(2)(3): the agency confirms on the day it receives the
	// application, so the receipt date is the arrival date unless the
	// applicant could not be reached (the earlier date, decisions.md).
	receipt := clock.ConfirmedReceipt(arrived, confirmed, reason)
	c.ReceiptDate, c.ReceiptYear = receipt.String(), receipt.Year()
	if len(a.v.Events) == 0 {
		// A case registered before the arrival clock existed.
		a.addEvent(clock.Event{Kind: clock.EventReceipt, On: arrived, Channel: clock.Channel(c.Channel), Basis: clock.BasisArrival})
	}
	a.addEvent(clock.Event{Kind: clock.EventConfirmed, On: confirmed, Reason: reason})
	a.to, a.public = models.StatusRegistered, true
	a.pub["receiptDate"], a.pub["confirmedOn"] = c.ReceiptDate, confirmed
	if reason != "" {
		a.pub["unreachableReason"] = reason
	}
	a.notice("receipt", c.ApplicantName, map[string]any{"dueDate": a.currentClock().DueDate})
	return nil
}

func applyAccept(a *actx, _ Versioned) error {
	// Accepting ends the Art 30 correction window.
	a.addEvent(clock.Event{Kind: clock.EventAccepted, On: a.today})
	a.to, a.public = models.StatusHandling, true
	if a.c().AssigneeID == nil && a.actor.Role == models.RoleOfficer {
		id := a.actor.UserID
		a.c().AssigneeID = &id
	}
	return nil
}

// correctionItems checks the items to correct (1–10, each 2–500 chars).
func correctionItems(f *models.Fields, in []string) []string {
	var items []string
	for _, it := range in {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 || len(items) > 10 {
		f.Add("items", "请列出 1–10 项需要补正的事项", "list 1–10 items to correct")
	}
	for i, it := range items {
		checkLen(f, fmt.Sprintf("items[%d]", i), it, limitOf[CorrectionInput]("items"), "补正事项", "item")
	}
	return items
}

// correctionDelivery checks how the notice reaches the applicant: online
// by default for an applicant with an account; otherwise the officer
// chooses e-mail, in person or post.
func correctionDelivery(f *models.Fields, c *models.Case, in string) models.CorrectionDelivery {
	delivery, known := models.ParseCorrectionDelivery(in)
	switch {
	case in == "" && c.ApplicantID != nil:
		return models.CorrectionOnline
	case in == "":
		f.Add("delivery", "申请人没有平台账号，请选择补正告知的送达方式（email、in_person 或 post）", "the applicant has no account: choose how the notice is delivered (email, in_person or post)")
	case !known:
		f.Add("delivery", "送达方式须为 online、email、in_person 或 post", "delivery must be online, email, in_person or post")
	case delivery == models.CorrectionOnline && c.ApplicantID == nil:
		f.Add("delivery", "申请人没有平台账号，不能在线送达", "the applicant has no account to receive the notice online")
	case delivery == models.CorrectionEmail && c.Email == "":
		f.Add("delivery", "申请人没有登记电子邮箱", "the applicant has no e-mail address")
	}
	return delivery
}

func applyCorrection(a *actx, raw Versioned) error {
	in := raw.(*CorrectionInput)
	var f models.Fields
	items := correctionItems(&f, in.Items)
	period := in.PeriodDays
	if period == 0 {
		period = a.s.runtime().CorrectionPeriodDays
	}
	if period < 1 || period > 60 {
		f.Add("periodDays", "补正期限须为 1–60 个工作日", "periodDays must be 1–60 working days")
	}
	c := a.c()
	delivery := correctionDelivery(&f, c, in.Delivery)
	if err := f.Err(); err != nil {
		return err
	}
	// Art 30: the period runs from the day the applicant received the
	// notice: online, by e-mail and in person the day it is issued; by
	// post the day its delivery is recorded (record-correction-delivery).
	cs := &CorrectionState{Items: items, PeriodDays: period, NoticeOn: a.today, Delivery: delivery}
	if delivery != models.CorrectionPost {
		cs.NoticeReceivedOn = a.today
		cs.PeriodEnds = clock.CorrectionPeriodEnd(a.cal, a.today, period)
	}
	a.setCorrection(cs)
	c.CorrectionCount++
	a.addEvent(clock.Event{Kind: clock.EventCorrectionNotice, On: a.today})
	a.to, a.public = models.StatusCorrectionRequested, true
	a.pub["items"], a.pub["periodDays"], a.pub["delivery"] = items, period, delivery
	if !cs.PeriodEnds.IsZero() {
		a.pub["periodEnds"] = cs.PeriodEnds
	}
	a.notice("correction", c.ApplicantName, map[string]any{"items": items, "periodDays": period, "periodEnds": cs.PeriodEnds})
	return nil
}

func applyCorrectionDelivery(a *actx, raw Versioned) error {
	in := raw.(*CorrectionDeliveryInput)
	var f models.Fields
	cs := a.v.Correction
	a.setCorrection(cs)
	if strings.TrimSpace(in.ReceivedOn) == "" {
		f.Add("receivedOn", "请填写申请人收到补正告知的日期", "receivedOn is required")
	}
	on := dateField(&f, "receivedOn", in.ReceivedOn, 0, cs.NoticeOn, a.today)
	if err := f.Err(); err != nil {
		return err
	}
	cs.NoticeReceivedOn = on
	cs.PeriodEnds = clock.CorrectionPeriodEnd(a.cal, on, cs.PeriodDays)
	a.public = true
	a.pub["receivedOn"], a.pub["periodEnds"] = on, cs.PeriodEnds
	return nil
}

func applySubmitCorrection(a *actx, raw Versioned) error {
	in := raw.(*SubmitCorrectionInput)
	var f models.Fields
	c := a.c()
	desc := strings.TrimSpace(in.Description)
	checkLen(&f, "description", desc, limitOf[SubmitCorrectionInput]("description"), "特征性描述", "description")
	title := strings.TrimSpace(in.Title)
	if title != "" {
		checkLen(&f, "title", title, limitOf[SubmitCorrectionInput]("title"), "信息名称", "title")
	}
	received := a.today
	if in.ReceivedOn != "" {
		if a.actor.Role == models.RoleApplicant {
			f.Add("receivedOn", "收到补正的日期由工作人员登记", "receivedOn is recorded by staff")
		}
		received = dateField(&f, "receivedOn", in.ReceivedOn, a.today, a.v.Correction.NoticeOn, a.today)
	}
	if len(in.Attachments) > 20 {
		f.Add("attachments", "附件最多 20 个", "at most 20 attachments")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := a.s.linkAttachments(a.ctx, a.tx, a.actor, in.Attachments, nil); err != nil {
		return err
	}
	if err := a.s.linkAttachments(a.ctx, a.tx, a.actor, in.Attachments, &c.ID); err != nil {
		return err
	}
	corr := a.v.Correction
	a.setCorrection(corr)
	corr.SubmittedOn, corr.OriginalDescription = received, c.Description
	c.Description = desc
	if title != "" {
		c.Title = title
	}
	a.v.State.Attachments = append(a.v.State.Attachments, in.Attachments...)
	// Art 30: the answer limit runs from the receipt of the corrected
	// application; it becomes the receipt date (decisions.md) — unless the
	// notice was late (refused since, kept on older cases), which cannot
	// restart the clock. The case stays in the 本年新收 of the year it was
	// first received (ReceiptYear is not moved, decisions.md).
	a.addEvent(clock.Event{Kind: clock.EventRestart, On: received, Channel: clock.Channel(c.Channel)})
	c.ReceiptDate = a.currentClock().ReceiptDate.String()
	a.to, a.public = models.StatusRegistered, true
	a.pub["receivedOn"] = received
	a.notice("receipt", c.ApplicantName, map[string]any{"dueDate": a.currentClock().DueDate})
	return nil
}

// unreachableReason checks the reason a receipt date is later than the
// arrival (Art 31), the same at registration and at confirmation: empty,
// or 4 to 500 characters.
func unreachableReason(f *models.Fields, raw string) string {
	reason := strings.TrimSpace(raw)
	if reason != "" {
		checkLen(f, "unreachableReason", reason, limitOf[ConfirmReceiptInput]("unreachableReason"), "无法联系申请人的原因", "unreachableReason")
	}
	return reason
}
