package app

import (
	"strings"

	"gongkai/app/calendar"
	"gongkai/models"
)

// Archive, withdrawal, closure and what may follow: the applicant's Art 44
// suggestion and remedies (Art 51).

// ArchiveInput archives the case.
type ArchiveInput struct {
	VersionInput
	ArchiveNumber  string `json:"archiveNumber" minLength:"1" maxLength:"64"`
	RetentionYears int    `json:"retentionYears,omitempty" doc:"default 10; 0 keeps it permanently"`
}

// ReasonInput carries a reason (withdraw).
type ReasonInput struct {
	VersionInput
	Reason string `json:"reason,omitempty" maxLength:"500"`
}

// CloseInput closes a case without an answer.
type CloseInput struct {
	VersionInput
	SealInput
	Outcome string `json:"outcome" doc:"other.correction_lapsed, other.fee_unpaid or other.other" enum:"Outcome"`
	Reason  string `json:"reason" minLength:"4" maxLength:"500"`
}

// SuggestionInput is an applicant's Art 44 suggestion.
type SuggestionInput struct {
	VersionInput
	Text string `json:"text" minLength:"5" maxLength:"1000"`
}

// RemedyInput records or updates a reconsideration or lawsuit (Art 51).
type RemedyInput struct {
	VersionInput
	RemedyID  uint   `json:"remedyId,omitempty" doc:"update this remedy instead of adding one"`
	Kind      string `json:"kind" doc:"reconsideration, litigation_direct, litigation_after_reconsideration" enum:"RemedyKind"`
	FiledOn   string `json:"filedOn"`
	Stage     string `json:"stage,omitempty" maxLength:"128"`
	Result    string `json:"result" doc:"upheld (维持), corrected (纠正), other, pending (尚未审结)" enum:"RemedyResult"`
	DecidedOn string `json:"decidedOn,omitempty"`
	Note      string `json:"note,omitempty" maxLength:"2000"`
}

func guardArchive(a *actx) error {
	if a.c().Status == models.StatusAnswered && !a.c().Delivered {
		return refused("答复送达后才能归档", "record the delivery before archiving")
	}
	return nil
}

func applyArchive(a *actx, raw Versioned) error {
	in := raw.(*ArchiveInput)
	var f models.Fields
	num := strings.TrimSpace(in.ArchiveNumber)
	checkLen(&f, "archiveNumber", num, limitOf[ArchiveInput]("archiveNumber"), "档案号", "archiveNumber")
	years := in.RetentionYears
	if years == 0 {
		years = 10
	}
	if years != -1 && (years < 1 || years > 100) {
		f.Add("retentionYears", "保管期限须为 1–100 年，或 -1 表示永久", "retentionYears must be 1–100, or -1 for permanent")
	}
	if err := f.Err(); err != nil {
		return err
	}
	a.v.State.Archive = &ArchiveState{Number: num, RetentionYears: years, ArchivedOn: a.today}
	a.c().ArchiveNumber = num
	a.to, a.public = models.StatusArchived, true
	a.priv["archiveNumber"], a.priv["retentionYears"] = num, years
	return nil
}

func applyWithdraw(a *actx, raw Versioned) error {
	in := raw.(*ReasonInput)
	var f models.Fields
	reason := strings.TrimSpace(in.Reason)
	checkLen(&f, "reason", reason, limitOf[ReasonInput]("reason"), "撤回理由", "reason")
	if err := f.Err(); err != nil {
		return err
	}
	// decisions.md: withdrawn before a response counts under row （六）3.
	a.v.State.Closure = &ClosureState{Outcome: "other.withdrawn", Reason: reason, ClosedOn: a.today, By: a.actor.UserID}
	a.conclude("other.withdrawn")
	a.to, a.public = models.StatusClosed, true
	a.pub["reason"] = reason
	return nil
}

func applyClose(a *actx, raw Versioned) error {
	in := raw.(*CloseInput)
	var f models.Fields
	reason := strings.TrimSpace(in.Reason)
	c := a.c()
	// The closure notice's template writes the text for each outcome
	// (configs/notices/body_closure.html).
	extra := map[string]any{"outcome": in.Outcome, "reason": reason, "remedy": "standard"}
	var err error
	switch in.Outcome {
	case "other.correction_lapsed":
		err = closeLapsedCorrection(a, extra)
	case "other.fee_unpaid":
		err = closeUnpaidFee(a, extra)
	case "other.other":
		checkLen(&f, "reason", reason, limitOf[CloseInput]("reason"), "终止理由", "reason")
	default:
		f.Add("outcome", "终止类型须为 other.correction_lapsed、other.fee_unpaid 或 other.other", "outcome must be other.correction_lapsed, other.fee_unpaid or other.other")
	}
	if err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	a.v.State.Closure = &ClosureState{Outcome: in.Outcome, Reason: reason, ClosedOn: a.today, By: a.actor.UserID}
	a.conclude(in.Outcome)
	a.to, a.public = models.StatusClosed, true
	a.pub["outcome"], a.pub["reason"] = in.Outcome, reason
	a.notice("closure", c.ApplicantName, extra)
	return nil
}

// closeLapsedCorrection checks that the correction period lapsed (Art
// 30: "无正当理由逾期不补正的，视为放弃申请") and gives the notice its dates.
func closeLapsedCorrection(a *actx, extra map[string]any) error {
	cs := a.v.Correction
	waiting := a.c().Status == models.StatusCorrectionRequested && cs != nil
	if waiting && cs.PeriodEnds.IsZero() {
		return refused("补正告知的送达日期尚未登记，补正期限尚未起算（《条例》第三十条）", "the correction notice's delivery is not recorded, so its period has not started (Art 30)")
	}
	if !waiting || a.today <= cs.PeriodEnds {
		return refused("补正期限尚未届满，不能按逾期不补正终止", "the correction period has not lapsed")
	}
	extra["noticeOn"], extra["periodEnds"] = cs.NoticeOn, cs.PeriodEnds
	return nil
}

// closeUnpaidFee checks that the payment period lapsed (109号: deemed
// abandoned), marks the fee lapsed and gives the notice its dates.
func closeUnpaidFee(a *actx, extra map[string]any) error {
	fee, err := pendingFee(a)
	if err != nil {
		return err
	}
	due := dateOf(fee.DueOn)
	if a.today <= due {
		return refused("缴费期限尚未届满", "the payment period has not lapsed")
	}
	fee.Status = models.FeeLapsed
	a.v.State.FeeStatus = models.FeeLapsed
	extra["feeNoticeOn"], extra["feeDueOn"] = dateOf(fee.NoticeOn), due
	return models.SaveFee(a.ctx, a.tx, fee)
}

func applySuggestion(a *actx, raw Versioned) error {
	in := raw.(*SuggestionInput)
	var f models.Fields
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "text", text, limitOf[SuggestionInput]("text"), "建议内容", "text")
	if len(a.v.State.Suggestions) >= 5 {
		f.Add("text", "每件申请最多提出 5 条建议", "at most 5 suggestions per application")
	}
	if err := f.Err(); err != nil {
		return err
	}
	// Art 44 ¶2: an applicant may suggest proactive disclosure; the agency
	// reviews every suggestion.
	a.v.State.Suggestions = append(a.v.State.Suggestions, Suggestion{On: a.today, Text: text})
	a.public = true
	a.pub["suggestion"] = text
	return nil
}

func applyRemedy(a *actx, raw Versioned) error {
	in := raw.(*RemedyInput)
	var f models.Fields
	kind, ok := models.ParseRemedyKind(in.Kind)
	if !ok {
		f.Add("kind", "类型须为 reconsideration、litigation_direct 或 litigation_after_reconsideration", "kind must be reconsideration, litigation_direct or litigation_after_reconsideration")
	}
	result, ok := models.ParseRemedyResult(in.Result)
	if !ok {
		f.Add("result", "结果须为 upheld（维持）、corrected（纠正）、other（其他）或 pending（尚未审结）", "result must be upheld, corrected, other or pending")
	}
	// Art 51: filed against an answer or against a failure to answer
	// (不作为), so any time after the application arrived.
	arrived := calendar.FromTime(a.c().ArrivedAt)
	filed := dateField(&f, "filedOn", in.FiledOn, 0, arrived, a.today)
	if in.FiledOn == "" {
		f.Add("filedOn", "请填写立案日期", "filedOn is required")
	}
	var decided calendar.Date
	if in.DecidedOn != "" {
		decided = dateField(&f, "decidedOn", in.DecidedOn, 0, filed, a.today)
	}
	if ok && result != models.ResultPending && in.DecidedOn == "" {
		f.Add("decidedOn", "已审结的须填写审结日期", "decidedOn is required once decided")
	}
	checkLen(&f, "stage", strings.TrimSpace(in.Stage), limitOf[RemedyInput]("stage"), "阶段", "stage")
	checkLen(&f, "note", strings.TrimSpace(in.Note), limitOf[RemedyInput]("note"), "备注", "note")
	if err := f.Err(); err != nil {
		return err
	}
	r := &models.Remedy{CaseID: a.c().ID}
	if in.RemedyID != 0 {
		var err error
		if r, err = models.FindCaseRemedy(a.ctx, a.tx, a.c().ID, in.RemedyID); models.ErrorKind(err) == models.KindNotFound {
			return models.InvalidField("remedyId", models.M("复议或诉讼记录不存在", "no such remedy"))
		} else if err != nil {
			return err
		}
	}
	r.Kind, r.FiledOn, r.Stage, r.Result, r.Note = kind, filed.String(), strings.TrimSpace(in.Stage), result, strings.TrimSpace(in.Note)
	r.DecidedOn = ""
	if !decided.IsZero() {
		r.DecidedOn = decided.String()
	}
	if in.RemedyID == 0 {
		a.v.State.Remedies++
	}
	if err := models.SaveRemedy(a.ctx, a.tx, r); err != nil {
		return err
	}
	a.priv["remedyId"], a.priv["kind"], a.priv["result"] = r.ID, r.Kind, r.Result
	return nil
}
