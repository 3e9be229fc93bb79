package app

import (
	"strings"

	"gongkai/app/clock"
	"gongkai/models"
)

// Extension and custom due dates: the one Art 33 extension and the Art 35
// reasonable later date.

// ExtensionInput requests the Art 33 extension.
type ExtensionInput struct {
	VersionInput
	Days   int    `json:"days" required:"true" minimum:"1" maximum:"20" doc:"working days, at most 20 (Art 33)"`
	Reason string `json:"reason" minLength:"4" maxLength:"500"`
}

// DecisionInput approves or denies (an extension, an answer).
type DecisionInput struct {
	VersionInput
	SealInput
	Approve *bool  `json:"approve"`
	Comment string `json:"comment,omitempty" minLength:"2" maxLength:"1000"`
}

// CustomDeadlineInput sets an Art 35 later due date.
type CustomDeadlineInput struct {
	VersionInput
	SealInput
	DueDate string `json:"dueDate"`
	Reason  string `json:"reason" minLength:"4" maxLength:"500"`
}

func guardRequestExtension(a *actx) error {
	if e := a.v.Extension; e != nil && e.Decision != models.DecisionDenied {
		return refused("答复期限只能延长一次（《条例》第三十三条）", "the answer limit may be extended only once (Art 33)")
	}
	if a.v.State.CustomDeadline != nil {
		return refused("已按第三十五条确定答复期限，不能再延期", "an Art 35 due date is set; no extension")
	}
	clk := a.currentClock()
	if a.today > clk.DueDate {
		return refused("答复期限已过，不能再申请延期", "the due date has passed; an extension can no longer be requested")
	}
	return nil
}

func guardExtensionPending(a *actx) error {
	if e := a.v.Extension; e == nil || e.Decision != models.DecisionPending {
		return refused("没有待审批的延期申请", "no extension request is pending")
	}
	return nil
}

func guardCustomDeadline(a *actx) error {
	if a.v.State.CustomDeadline != nil {
		return refused("已确定过延迟答复期限", "an Art 35 due date was already set")
	}
	if a.c().ReceiptDate == "" {
		return refused("申请尚未确认收到", "receipt is not confirmed yet")
	}
	return nil
}

func applyRequestExtension(a *actx, raw Versioned) error {
	in := raw.(*ExtensionInput)
	var f models.Fields
	reason := strings.TrimSpace(in.Reason)
	if in.Days < 1 || in.Days > clock.MaxExtensionDays {
		f.Add("days", "延长期限须为 1–20 个工作日（《条例》第三十三条）", "days must be 1–20 working days (Art 33)")
	}
	checkLen(&f, "reason", reason, limitOf[ExtensionInput]("reason"), "延期理由", "reason")
	if err := f.Err(); err != nil {
		return err
	}
	if err := clock.CanExtend(a.cal, a.v.Events, a.today, in.Days); err != nil {
		return ruleRefusal(err)
	}
	a.setExtension(&ExtensionState{Days: in.Days, Reason: reason, RequestedBy: a.actor.UserID, RequestedOn: a.today, Decision: models.DecisionPending})
	a.c().ExtensionPending = true
	a.priv["days"], a.priv["reason"] = in.Days, reason
	a.priv["remainingWorkingDays"] = a.currentClock().RemainingWorkingDays
	return nil
}

func decision(f *models.Fields, in *DecisionInput) bool {
	if in.Approve == nil {
		f.Add("approve", "请选择批准（true）或不批准（false）", "approve (true or false) is required")
		return false
	}
	if !*in.Approve {
		checkLen(f, "comment", strings.TrimSpace(in.Comment), limitOf[DecisionInput]("comment"), "不批准的意见", "comment")
	}
	return *in.Approve
}

func applyDecideExtension(a *actx, raw Versioned) error {
	in := raw.(*DecisionInput)
	var f models.Fields
	approve := decision(&f, in)
	if err := f.Err(); err != nil {
		return err
	}
	ext := a.v.Extension
	a.setExtension(ext)
	ext.DecidedBy, ext.DecidedOn, ext.Comment = a.actor.UserID, a.today, strings.TrimSpace(in.Comment)
	a.c().ExtensionPending = false
	if !approve {
		ext.Decision = models.DecisionDenied
		a.priv["approved"], a.priv["comment"] = false, ext.Comment
		return nil
	}
	// Art 33 ¶2: approved by the head of the disclosure office before the
	// due date, and the applicant told.
	if err := clock.CanExtend(a.cal, a.v.Events, a.today, ext.Days); err != nil {
		return ruleRefusal(err)
	}
	a.addEvent(clock.Event{Kind: clock.EventExtension, On: a.today, Days: ext.Days, Reason: ext.Reason, Approved: true})
	ext.Decision = models.DecisionApproved
	ext.NewDueDate = a.currentClock().DueDate
	a.public = true
	a.pub["days"], a.pub["newDueDate"] = ext.Days, ext.NewDueDate
	a.priv["approved"], a.priv["comment"] = true, ext.Comment
	a.notice("extension", a.c().ApplicantName, map[string]any{"days": ext.Days, "reason": ext.Reason, "newDue": ext.NewDueDate})
	return nil
}

func applyCustomDeadline(a *actx, raw Versioned) error {
	in := raw.(*CustomDeadlineInput)
	var f models.Fields
	reason := strings.TrimSpace(in.Reason)
	checkLen(&f, "reason", reason, limitOf[CustomDeadlineInput]("reason"), "理由", "reason")
	clk := a.currentClock()
	due := dateField(&f, "dueDate", in.DueDate, 0, clk.DueDate.AddDays(1), 0)
	if in.DueDate == "" {
		f.Add("dueDate", "请填写延迟答复的期限", "dueDate is required")
	}
	if err := f.Err(); err != nil {
		return err
	}
	// Art 35: a reasonable later date, set by the agency and told to the
	// applicant; a non-working day rolls to the next working day.
	due = a.cal.OnOrAfter(due)
	a.v.State.CustomDeadline = &CustomDeadline{Due: due, Reason: reason, SetBy: a.actor.UserID, SetOn: a.today}
	a.addEvent(clock.Event{Kind: clock.EventCustomDue, On: a.today, Due: due, Reason: reason})
	a.public = true
	a.pub["dueDate"], a.pub["reason"] = due, reason
	a.notice("custom_deadline", a.c().ApplicantName, map[string]any{"due": due, "reason": reason})
	return nil
}
