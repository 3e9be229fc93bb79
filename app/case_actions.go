package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// actx is one action in progress inside its transaction.
type actx struct {
	ctx   context.Context
	tx    *gorm.DB
	s     *CaseService
	actor Actor
	v     *CaseView
	cal   *calendar.Calendar
	now   time.Time
	today calendar.Date

	to      models.Status
	public  bool
	pub     map[string]any
	priv    map[string]any
	notices []noticeReq
}

type noticeReq struct {
	kind, recipient string
	extra           map[string]any
}

func (a *actx) c() *models.Case { return a.v.Case }

func (a *actx) notice(kind, recipient string, extra map[string]any) {
	a.notices = append(a.notices, noticeReq{kind, recipient, extra})
}

// Versioned is implemented by every action input: the case version the
// caller last saw (optimistic locking).
type Versioned interface{ CaseVersion() int }

// VersionInput is embedded in every action body.
type VersionInput struct {
	Version int `json:"version" doc:"the case version last seen (optimistic locking)"`
}

// CaseVersion returns the version.
func (v VersionInput) CaseVersion() int { return v.Version }

type actionSpec struct {
	input func() Versioned
	// guard says whether the action can be taken now, before any input.
	guard func(a *actx) error
	apply func(a *actx, in Versioned) error
}

// NewActionInput returns an empty body for action, to be decoded into.
func NewActionInput(action models.Action) (Versioned, bool) {
	spec, ok := actionSpecs[action]
	if !ok {
		return nil, false
	}
	return spec.input(), true
}

// ActionInputs returns a zero body of every action (for the API document).
func ActionInputs() map[models.Action]any {
	out := map[models.Action]any{}
	for a, spec := range actionSpecs {
		out[a] = spec.input()
	}
	return out
}

func refused(zh, en string) error { return models.InvalidTransition(models.M(zh, en)) }

var statusLabels = map[models.Status]string{
	models.StatusSubmitted: "待确认收到", models.StatusRegistered: "已登记", models.StatusCorrectionRequested: "待补正",
	models.StatusHandling: "办理中", models.StatusAnswerReview: "答复待审", models.StatusAnswered: "已答复",
	models.StatusClosed: "已终止", models.StatusArchived: "已归档",
}

// permitted checks the transition table, the actor's tie to the case and
// the action's guard.
func (s *CaseService) permitted(a *actx, action models.Action) error {
	t := models.Transitions[action]
	if !containsRoleApp(t.Roles, a.actor.Role) {
		return models.Forbidden(models.M("当前角色不能执行该操作", "your role may not take this action"))
	}
	c := a.c()
	switch {
	case action == models.ActReplyAssistance:
		if !hasUint(a.v.State.OpenAssistance, a.actor.AgencyID) {
			return models.Forbidden(models.M("本机关没有待办的协办任务", "your agency has no open assistance task on this case"))
		}
	case a.actor.Role == models.RoleApplicant:
		if c.ApplicantID == nil || *c.ApplicantID != a.actor.UserID {
			return errNotVisible
		}
	case action == models.ActUrge:
		if !handles(a.actor, c) {
			return models.Forbidden(models.M("只有本机关或全区的负责人可以督办", "only a supervisor of the agency or a district-wide supervisor may urge"))
		}
	case !acts(a.actor, c) && handles(a.actor, c):
		return models.Forbidden(models.M("全区负责人可以查看、督办其他机关的申请，审批和办理由承办机关负责（《条例》第三十三条：本机关政府信息公开工作机构负责人）",
			"a district-wide supervisor sees and urges other agencies' applications; approving and handling them is for the handling agency (Art 33: the head of its own disclosure office)"))
	case !acts(a.actor, c):
		return models.Forbidden(models.M("只有承办机关的工作人员可以执行该操作", "only staff of the handling agency may take this action"))
	}
	if !t.Allows(c.Status, a.actor.Role) {
		return refused(fmt.Sprintf("申请当前为“%s”状态，不能执行该操作", statusLabels[c.Status]),
			fmt.Sprintf("the application is %s; this action is not allowed now", c.Status))
	}
	if g := actionSpecs[action].guard; g != nil {
		return g(a)
	}
	return nil
}

func containsRoleApp(rs []models.Role, r models.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func hasUint(xs []uint, x uint) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// allowedActions lists what the actor may do now (the UI shows exactly
// these).
func (s *CaseService) allowedActions(v *CaseView, today calendar.Date) []models.Action {
	a := &actx{s: s, actor: v.actor, v: v, cal: s.cal.Calendar(), today: today, now: s.Now()}
	out := []models.Action{}
	for _, act := range models.Actions {
		if s.permitted(a, act) == nil {
			out = append(out, act)
		}
	}
	return out
}

// Act takes one action on a case: in one transaction it reloads the case,
// checks the version, the actor and the rules, applies the change, appends
// the timeline event and issues the notices.
func (s *CaseService) Act(ctx context.Context, actor Actor, id uint, action models.Action, in Versioned) (*CaseView, error) {
	spec, ok := actionSpecs[action]
	if !ok {
		return nil, models.NotFound(models.M("操作", "action"))
	}
	var done *CaseView
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		v, err := s.load(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		done = v
		now := s.Now()
		a := &actx{ctx: ctx, tx: tx, s: s, actor: actor, v: v, cal: s.cal.Calendar(), now: now, today: calendar.FromTime(now),
			pub: map[string]any{}, priv: map[string]any{}}
		if err := s.permitted(a, action); err != nil {
			return err
		}
		if in.CaseVersion() == 0 {
			return models.InvalidField("version", models.M("请提供申请的版本号 version", "version is required"))
		}
		if in.CaseVersion() != v.Case.Version {
			return models.StaleVersion()
		}
		from := v.Case.Status
		if err := spec.apply(a, in); err != nil {
			return err
		}
		to := from
		if a.to != "" {
			to = a.to
		}
		if !models.Transitions[action].Leads(from, to) {
			return fmt.Errorf("action %s led from %s to %s, which the table forbids", action, from, to)
		}
		c := v.Case
		c.Status = to
		c.State, c.ClockEvents = encodeState(v.State), encodeClockEvents(v.Events)
		refreshClockCache(a.cal, c, v.State, v.Events, a.today)
		e, err := nextEvent(c, actor, s.actorName(ctx, tx, actor), now, string(action), from, to, a.public,
			eventData{Public: nonEmpty(a.pub), Internal: nonEmpty(a.priv)})
		if err != nil {
			return err
		}
		// The versioned update comes first: it takes the row lock, so a
		// concurrent action waits and then finds the version changed.
		if err := models.SaveCase(ctx, tx, c); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, e); err != nil {
			return err
		}
		var issued []*models.Notice
		for _, n := range a.notices {
			nt, err := s.issueNotice(ctx, tx, c, e.Seq, n.kind, n.recipient, a.today, n.extra)
			if err != nil {
				return err
			}
			issued = append(issued, nt)
		}
		return s.notifier.CaseEvent(ctx, tx, c, e, issued)
	})
	if err != nil {
		return nil, fmt.Errorf("%s on case %d: %w", action, id, err)
	}
	// The committed case is the answer; only its related rows are read.
	if ok, via := sees(actor, done.Case, done.State); ok {
		done.ViaAssistance = via
	}
	if err := s.complete(ctx, done, true); err != nil {
		return nil, err
	}
	return done, nil
}

func nonEmpty(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	return m
}

// dateField parses an optional YYYY-MM-DD field: empty gives def; the date
// must lie in [min, max].
func dateField(f *models.Fields, name, s string, def, min, max calendar.Date) calendar.Date {
	if strings.TrimSpace(s) == "" {
		return def
	}
	d, err := calendar.ParseDate(strings.TrimSpace(s))
	switch {
	case err != nil:
		f.Add(name, "日期格式须为 YYYY-MM-DD", name+" must be YYYY-MM-DD")
	case !max.IsZero() && d > max:
		f.Add(name, "日期不能晚于 "+max.String(), name+" cannot be after "+max.String())
	case !min.IsZero() && d < min:
		f.Add(name, "日期不能早于 "+min.String(), name+" cannot be before "+min.String())
	}
	return d
}

func (a *actx) receipt() calendar.Date {
	d, _ := calendar.ParseDate(a.c().ReceiptDate)
	return d
}

// openPauses returns the clock's open pauses by id.
func openPauses(evs []clock.Event) map[int32]clock.PauseKind {
	open := map[int32]clock.PauseKind{}
	for _, e := range evs {
		switch e.Kind {
		case clock.EventRestart:
			open = map[int32]clock.PauseKind{}
		case clock.EventPauseStart:
			open[e.PauseID] = e.PauseKind
		case clock.EventPauseEnd:
			delete(open, e.PauseID)
		}
	}
	return open
}

func hasOpenPause(evs []clock.Event, kinds ...clock.PauseKind) bool {
	for _, k := range openPauses(evs) {
		for _, want := range kinds {
			if k == want {
				return true
			}
		}
	}
	return false
}

func (a *actx) currentClock() clock.Clock {
	return clock.Compute(a.cal, a.v.Events, a.s.clockOptions(a.today, false))
}

func (a *actx) addEvent(e clock.Event) { a.v.Events = append(a.v.Events, e) }

func (a *actx) nextPause() int32 {
	a.v.State.PauseSeq++
	return a.v.State.PauseSeq
}

// conclude stops the clock with an outcome and fixes the answer time the
// reports use.
func (a *actx) conclude(outcome string) {
	c := a.c()
	a.addEvent(clock.Event{Kind: clock.EventConcluded, On: a.today, Outcome: outcome})
	c.Outcome, c.ConcludedOn, c.ConcludedYear = outcome, a.today.String(), a.today.Year()
	clk := a.currentClock()
	// A case that ends before its receipt is confirmed had no clock
	// running, so it cannot be late.
	c.OnTime = clk.OnTime || clk.ReceiptDate.IsZero()
	if !clk.ReceiptDate.IsZero() {
		c.ElapsedWorkdays = a.cal.WorkdaysBetween(clk.ReceiptDate, a.today)
	}
}

// ---- Inputs ----

// ConfirmReceiptInput confirms receipt with the applicant (Art 31(2)(3)).
type ConfirmReceiptInput struct {
	VersionInput
	ConfirmedOn string `json:"confirmedOn,omitempty" doc:"YYYY-MM-DD, default today"`
	// UnreachableReason, for a confirmation later than the arrival day,
	// records why the applicant could not be reached; only then is the
	// confirmation day the receipt date.
	UnreachableReason string `json:"unreachableReason,omitempty" doc:"why the applicant could not be reached on the day it arrived" maxLength:"500"`
}

// CorrectionInput is the one correction notice (Art 30).
type CorrectionInput struct {
	VersionInput
	Items      []string `json:"items" doc:"what to correct"`
	PeriodDays int      `json:"periodDays,omitempty" doc:"working days from the applicant's receipt of the notice, default from the settings" minimum:"1" maximum:"60"`
	// Delivery is how the notice reaches the applicant: online (default for
	// an applicant with an account), email, in_person (received today), or
	// post (the period starts when its delivery is recorded).
	Delivery string `json:"delivery,omitempty" doc:"online, email, in_person or post" enum:"online,email,in_person,post"`
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
	Description string `json:"description"`
	Title       string `json:"title,omitempty"`
	Attachments []uint `json:"attachments,omitempty"`
	ReceivedOn  string `json:"receivedOn,omitempty" doc:"staff recording a paper correction: the day it arrived"`
}

// AssignInput assigns an officer.
type AssignInput struct {
	VersionInput
	AssigneeID uint `json:"assigneeId"`
}

// ReferInput answers a misdirected application under Art 36(5).
type ReferInput struct {
	VersionInput
	ReferralAgencyID   uint   `json:"referralAgencyId,omitempty"`
	ReferralAgencyName string `json:"referralAgencyName,omitempty"`
	ReferralContact    string `json:"referralContact,omitempty"`
	Text               string `json:"text"`
}

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

// ExtensionInput requests the Art 33 extension.
type ExtensionInput struct {
	VersionInput
	Days   int    `json:"days"`
	Reason string `json:"reason"`
}

// DecisionInput approves or denies (an extension, an answer).
type DecisionInput struct {
	VersionInput
	Approve *bool  `json:"approve"`
	Comment string `json:"comment,omitempty"`
}

// FeeNoticeInput issues a fee notice (109号).
type FeeNoticeInput struct {
	VersionInput
	Method     string `json:"method" doc:"per_application or per_page"`
	Pages      int    `json:"pages,omitempty"`
	ReceivedOn string `json:"receivedOn,omitempty" doc:"the day the applicant receives the notice, default today"`
}

// PaymentInput records a fee payment.
type PaymentInput struct {
	VersionInput
	PaidOn string `json:"paidOn,omitempty"`
}

// CustomDeadlineInput sets an Art 35 later due date.
type CustomDeadlineInput struct {
	VersionInput
	DueDate string `json:"dueDate"`
	Reason  string `json:"reason"`
}

// AnswerInput drafts the answer.
type AnswerInput struct {
	VersionInput
	Outcome            string `json:"outcome" doc:"an annual-report row key, e.g. disclosed, partially_disclosed, not_disclosed.third_party_rights, unable.not_held, not_processed.repeat"`
	LegalBasis         string `json:"legalBasis"`
	Text               string `json:"text"`
	Attachments        []uint `json:"attachments,omitempty" doc:"released documents"`
	WithheldReasons    string `json:"withheldReasons,omitempty"`
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
	Reasons        string `json:"reasons" doc:"why non-disclosure would seriously affect the public interest" maxLength:"2000"`
	DisclosureDate string `json:"disclosureDate" doc:"YYYY-MM-DD, the day the information will be disclosed (not before today)"`
}

// ThirdPartyNoticeActionInput issues the Art 32 notice on an answered case
// that discloses over an objection without one.
type ThirdPartyNoticeActionInput struct {
	VersionInput
	ThirdPartyNoticeInput
}

// DeliveryInput records service of the answer.
type DeliveryInput struct {
	VersionInput
	Method            string `json:"method" doc:"post, pickup, email, online, in_person"`
	DeliveredOn       string `json:"deliveredOn,omitempty"`
	ProofAttachmentID uint   `json:"proofAttachmentId,omitempty"`
	Note              string `json:"note,omitempty"`
}

// ArchiveInput archives the case.
type ArchiveInput struct {
	VersionInput
	ArchiveNumber  string `json:"archiveNumber"`
	RetentionYears int    `json:"retentionYears,omitempty" doc:"default 10; 0 keeps it permanently"`
}

// ReasonInput carries a reason (withdraw).
type ReasonInput struct {
	VersionInput
	Reason string `json:"reason,omitempty"`
}

// CloseInput closes a case without an answer.
type CloseInput struct {
	VersionInput
	Outcome string `json:"outcome" doc:"other.correction_lapsed, other.fee_unpaid or other.other"`
	Reason  string `json:"reason"`
}

// UrgeInput is a supervisor's 督办: a note to the handling officers.
type UrgeInput struct {
	VersionInput
	Text string `json:"text" doc:"what to do by when" maxLength:"500"`
}

// SuggestionInput is an applicant's Art 44 suggestion.
type SuggestionInput struct {
	VersionInput
	Text string `json:"text"`
}

// RemedyInput records or updates a reconsideration or lawsuit (Art 51).
type RemedyInput struct {
	VersionInput
	RemedyID  uint   `json:"remedyId,omitempty" doc:"update this remedy instead of adding one"`
	Kind      string `json:"kind" doc:"reconsideration, litigation_direct, litigation_after_reconsideration"`
	FiledOn   string `json:"filedOn"`
	Stage     string `json:"stage,omitempty"`
	Result    string `json:"result" doc:"upheld (维持), corrected (纠正), other, pending (尚未审结)"`
	DecidedOn string `json:"decidedOn,omitempty"`
	Note      string `json:"note,omitempty"`
}

var actionSpecs map[models.Action]actionSpec

func init() {
	actionSpecs = map[models.Action]actionSpec{
		models.ActConfirmReceipt:           {input: func() Versioned { return &ConfirmReceiptInput{} }, apply: applyConfirmReceipt},
		models.ActAccept:                   {input: func() Versioned { return &VersionInput{} }, apply: applyAccept},
		models.ActRequestCorrection:        {input: func() Versioned { return &CorrectionInput{} }, guard: guardCorrection, apply: applyCorrection},
		models.ActRecordCorrectionDelivery: {input: func() Versioned { return &CorrectionDeliveryInput{} }, guard: guardCorrectionDelivery, apply: applyCorrectionDelivery},
		models.ActSubmitCorrection:         {input: func() Versioned { return &SubmitCorrectionInput{} }, apply: applySubmitCorrection},
		models.ActAssign:                   {input: func() Versioned { return &AssignInput{} }, apply: applyAssign},
		models.ActRefer:                    {input: func() Versioned { return &ReferInput{} }, guard: guardNoOpenPause, apply: applyRefer},
		models.ActStartConsultation:        {input: func() Versioned { return &ConsultationInput{} }, apply: applyStartConsultation},
		models.ActRecordConsultation:       {input: func() Versioned { return &ConsultationReplyInput{} }, guard: guardOpenConsultation, apply: applyConsultationReply},
		models.ActRequestAssistance:        {input: func() Versioned { return &AssistanceInput{} }, apply: applyRequestAssistance},
		models.ActReplyAssistance:          {input: func() Versioned { return &AssistanceReplyInput{} }, apply: applyReplyAssistance},
		models.ActRequestExtension:         {input: func() Versioned { return &ExtensionInput{} }, guard: guardRequestExtension, apply: applyRequestExtension},
		models.ActDecideExtension:          {input: func() Versioned { return &DecisionInput{} }, guard: guardExtensionPending, apply: applyDecideExtension},
		models.ActIssueFeeNotice:           {input: func() Versioned { return &FeeNoticeInput{} }, guard: guardNoFee, apply: applyFeeNotice},
		models.ActRecordPayment:            {input: func() Versioned { return &PaymentInput{} }, guard: guardFeePending, apply: applyPayment},
		models.ActSetCustomDeadline:        {input: func() Versioned { return &CustomDeadlineInput{} }, guard: guardCustomDeadline, apply: applyCustomDeadline},
		models.ActDraftAnswer:              {input: func() Versioned { return &AnswerInput{} }, guard: guardNoOpenPause, apply: applyDraftAnswer},
		models.ActDecideAnswer:             {input: func() Versioned { return &DecisionInput{} }, guard: guardAnswerPending, apply: applyDecideAnswer},
		models.ActRecordDelivery:           {input: func() Versioned { return &DeliveryInput{} }, guard: guardNotDelivered, apply: applyDelivery},
		models.ActArchive:                  {input: func() Versioned { return &ArchiveInput{} }, guard: guardArchive, apply: applyArchive},
		models.ActWithdraw:                 {input: func() Versioned { return &ReasonInput{} }, apply: applyWithdraw},
		models.ActClose:                    {input: func() Versioned { return &CloseInput{} }, apply: applyClose},
		models.ActSuggestConversion:        {input: func() Versioned { return &SuggestionInput{} }, apply: applySuggestion},
		models.ActRecordRemedy:             {input: func() Versioned { return &RemedyInput{} }, apply: applyRemedy},
		models.ActUrge:                     {input: func() Versioned { return &UrgeInput{} }, apply: applyUrge},
		models.ActNotifyThirdParty:         {input: func() Versioned { return &ThirdPartyNoticeActionInput{} }, guard: guardThirdPartyNotice, apply: applyThirdPartyNotice},
	}
	for _, a := range models.Actions {
		if _, ok := actionSpecs[a]; !ok {
			panic("app: action " + string(a) + " has no spec")
		}
	}
}

// ---- Guards ----

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
	if cs := a.v.State.Correction; cs == nil || !cs.NoticeReceivedOn.IsZero() {
		return refused("没有待登记送达日期的补正告知", "no correction notice awaits its delivery date")
	}
	return nil
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

func guardOpenConsultation(a *actx) error {
	if !hasOpenPause(a.v.Events, clock.PauseThirdParty, clock.PauseAgencyConsultation) {
		return refused("没有进行中的征求意见", "there is no open consultation")
	}
	return nil
}

func guardRequestExtension(a *actx) error {
	if e := a.v.State.Extension; e != nil && e.Decision != "denied" {
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
	if e := a.v.State.Extension; e == nil || e.Decision != "pending" {
		return refused("没有待审批的延期申请", "no extension request is pending")
	}
	return nil
}

func guardNoFee(a *actx) error {
	if a.v.State.FeeStatus != "" {
		return refused("该申请已发出收费通知", "a fee notice was already issued for this application")
	}
	// 109号: the fee notice goes out "在政府信息公开申请处理期限内"; after
	// the due date it would only dress up a late answer as abandoned.
	if due := a.currentClock().DueDate; a.today > due {
		return refused(fmt.Sprintf("答复期限已于%s届满，不能再发出收费通知（收费通知须在答复期限内发出，国办函〔2020〕109号）", cnDate(due)),
			fmt.Sprintf("the answer was due on %s: a fee notice can only be issued within the answer period (国办函〔2020〕109号)", due))
	}
	return nil
}

func guardFeePending(a *actx) error {
	if a.v.State.FeeStatus != "pending" {
		return refused("没有待缴的费用", "no fee is awaiting payment")
	}
	return nil
}

func pendingFee(a *actx) (*models.Fee, error) {
	var f models.Fee
	err := a.tx.WithContext(a.ctx).Where("case_id = ? AND status = ?", a.c().ID, "pending").Order("id DESC").First(&f).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, refused("没有待缴的费用", "no fee is awaiting payment")
	}
	return &f, err
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

func guardAnswerPending(a *actx) error {
	if an := a.v.State.Answer; an == nil || an.Decision != "pending" {
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

func guardArchive(a *actx) error {
	if a.c().Status == models.StatusAnswered && !a.c().Delivered {
		return refused("答复送达后才能归档", "record the delivery before archiving")
	}
	return nil
}

// ---- Appliers ----

func applyConfirmReceipt(a *actx, raw Versioned) error {
	in := raw.(*ConfirmReceiptInput)
	var f models.Fields
	c := a.c()
	arrived := calendar.FromTime(c.ArrivedAt)
	confirmed := dateField(&f, "confirmedOn", in.ConfirmedOn, a.today, arrived, a.today)
	reason := strings.TrimSpace(in.UnreachableReason)
	checkLen(&f, "unreachableReason", reason, 0, 500, "无法联系申请人的原因", "unreachableReason")
	if reason != "" && confirmed == arrived {
		f.Add("unreachableReason", "当日确认的，收到申请之日即到达之日，无需说明无法联系的原因", "confirmed on the day it arrived: no reason is needed")
	}
	if reason != "" {
		checkLen(&f, "unreachableReason", reason, 4, 500, "无法联系申请人的原因", "unreachableReason")
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

func applyCorrection(a *actx, raw Versioned) error {
	in := raw.(*CorrectionInput)
	var f models.Fields
	var items []string
	for _, it := range in.Items {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 || len(items) > 10 {
		f.Add("items", "请列出 1–10 项需要补正的事项", "list 1–10 items to correct")
	}
	for i, it := range items {
		checkLen(&f, fmt.Sprintf("items[%d]", i), it, 2, 500, "补正事项", "item")
	}
	period := in.PeriodDays
	if period == 0 {
		period = a.s.runtime().CorrectionPeriodDays
	}
	if period < 1 || period > 60 {
		f.Add("periodDays", "补正期限须为 1–60 个工作日", "periodDays must be 1–60 working days")
	}
	c := a.c()
	delivery := in.Delivery
	if delivery == "" && c.ApplicantID != nil {
		delivery = "online"
	}
	switch delivery {
	case "online", "email", "in_person", "post":
	case "":
		f.Add("delivery", "申请人没有平台账号，请选择补正告知的送达方式（email、in_person 或 post）", "the applicant has no account: choose how the notice is delivered (email, in_person or post)")
	default:
		f.Add("delivery", "送达方式须为 online、email、in_person 或 post", "delivery must be online, email, in_person or post")
	}
	if delivery == "online" && c.ApplicantID == nil {
		f.Add("delivery", "申请人没有平台账号，不能在线送达", "the applicant has no account to receive the notice online")
	}
	if delivery == "email" && c.Email == "" {
		f.Add("delivery", "申请人没有登记电子邮箱", "the applicant has no e-mail address")
	}
	if err := f.Err(); err != nil {
		return err
	}
	// Art 30: the period runs from the day the applicant received the
	// notice: online, by e-mail and in person the day it is issued; by
	// post the day its delivery is recorded (record-correction-delivery).
	cs := &CorrectionState{Items: items, PeriodDays: period, NoticeOn: a.today, Delivery: delivery}
	if delivery != "post" {
		cs.NoticeReceivedOn = a.today
		cs.PeriodEnds = clock.CorrectionPeriodEnd(a.cal, a.today, period)
	}
	a.v.State.Correction = cs
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
	cs := a.v.State.Correction
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
	checkLen(&f, "description", desc, 10, 2000, "特征性描述", "description")
	title := strings.TrimSpace(in.Title)
	if title != "" {
		checkLen(&f, "title", title, 2, 200, "信息名称", "title")
	}
	received := a.today
	if in.ReceivedOn != "" {
		if a.actor.Role == models.RoleApplicant {
			f.Add("receivedOn", "收到补正的日期由工作人员登记", "receivedOn is recorded by staff")
		}
		received = dateField(&f, "receivedOn", in.ReceivedOn, a.today, a.v.State.Correction.NoticeOn, a.today)
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
	corr := a.v.State.Correction
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

func applyAssign(a *actx, raw Versioned) error {
	in := raw.(*AssignInput)
	var u models.User
	err := a.tx.WithContext(a.ctx).Select("id, role, active, agency_id, display_name").Where("id = ?", in.AssigneeID).Take(&u).Error
	if err != nil || !u.Active || !u.Role.IsStaff() || u.AgencyID == nil || *u.AgencyID != a.c().AgencyID {
		return models.InvalidField("assigneeId", models.M("承办人须为本机关在职的工作人员", "the assignee must be active staff of the handling agency"))
	}
	id := u.ID
	a.c().AssigneeID, a.c().Assignee = &id, &u
	a.priv["assigneeId"], a.priv["assignee"] = u.ID, u.DisplayName
	return nil
}

// referral resolves the agency named in an Art 36(5) answer.
func referral(a *actx, f *models.Fields, agencyID uint, name, contact string) (uint, string, string) {
	name, contact = strings.TrimSpace(name), strings.TrimSpace(contact)
	if agencyID != 0 {
		ag, err := models.FindAgencyByID(a.ctx, a.tx, agencyID)
		if err != nil || ag.ID == a.c().AgencyID {
			f.Add("referralAgencyId", "请指定负责公开该信息的其他机关", "name another agency responsible for the information")
			return 0, "", ""
		}
		if contact == "" {
			contact = strings.TrimSpace(ag.Phone + " " + ag.Email)
		}
		return ag.ID, ag.Name, contact
	}
	checkLen(f, "referralAgencyName", name, 2, 128, "负责公开的机关名称", "referralAgencyName")
	checkLen(f, "referralContact", contact, 0, 128, "联系方式", "referralContact")
	return 0, name, contact
}

func applyRefer(a *actx, raw Versioned) error {
	in := raw.(*ReferInput)
	var f models.Fields
	id, name, contact := referral(a, &f, in.ReferralAgencyID, in.ReferralAgencyName, in.ReferralContact)
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "text", text, 10, 5000, "告知内容", "text")
	if err := f.Err(); err != nil {
		return err
	}
	o, _ := models.FindOutcome("unable.not_held")
	a.v.State.Answer = &AnswerState{Outcome: o.Key, LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（五）项", Text: text,
		ReferralAgencyID: id, ReferralAgencyName: name, ReferralContact: contact, DraftedBy: a.actor.UserID, DraftedOn: a.today, Decision: "pending"}
	a.to = models.StatusAnswerReview
	a.priv["outcome"], a.priv["referralAgency"] = o.Key, name
	a.priv["remainingWorkingDays"] = a.currentClock().RemainingWorkingDays
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

func applyRequestExtension(a *actx, raw Versioned) error {
	in := raw.(*ExtensionInput)
	var f models.Fields
	reason := strings.TrimSpace(in.Reason)
	if in.Days < 1 || in.Days > clock.MaxExtensionDays {
		f.Add("days", "延长期限须为 1–20 个工作日（《条例》第三十三条）", "days must be 1–20 working days (Art 33)")
	}
	checkLen(&f, "reason", reason, 4, 500, "延期理由", "reason")
	if err := f.Err(); err != nil {
		return err
	}
	if err := clock.CanExtend(a.cal, a.v.Events, a.today, in.Days); err != nil {
		return ruleRefusal(err)
	}
	a.v.State.Extension = &ExtensionState{Days: in.Days, Reason: reason, RequestedBy: a.actor.UserID, RequestedOn: a.today, Decision: "pending"}
	a.c().ExtensionPending = true
	a.priv["days"], a.priv["reason"] = in.Days, reason
	a.priv["remainingWorkingDays"] = a.currentClock().RemainingWorkingDays
	return nil
}

// ruleRefusal turns a clock rule error into an invalid transition.
func ruleRefusal(err error) error {
	var re *clock.RuleError
	if errors.As(err, &re) {
		return refused(re.ZH, re.EN)
	}
	return err
}

func decision(f *models.Fields, in *DecisionInput) bool {
	if in.Approve == nil {
		f.Add("approve", "请选择批准（true）或不批准（false）", "approve (true or false) is required")
		return false
	}
	if !*in.Approve {
		checkLen(f, "comment", strings.TrimSpace(in.Comment), 2, 1000, "不批准的意见", "comment")
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
	ext := a.v.State.Extension
	ext.DecidedBy, ext.DecidedOn, ext.Comment = a.actor.UserID, a.today, strings.TrimSpace(in.Comment)
	a.c().ExtensionPending = false
	if !approve {
		ext.Decision = "denied"
		a.priv["approved"], a.priv["comment"] = false, ext.Comment
		return nil
	}
	// Art 33 ¶2: approved by the head of the disclosure office before the
	// due date, and the applicant told.
	if err := clock.CanExtend(a.cal, a.v.Events, a.today, ext.Days); err != nil {
		return ruleRefusal(err)
	}
	a.addEvent(clock.Event{Kind: clock.EventExtension, On: a.today, Days: ext.Days, Reason: ext.Reason, Approved: true})
	ext.Decision = "approved"
	ext.NewDueDate = a.currentClock().DueDate
	a.public = true
	a.pub["days"], a.pub["newDueDate"] = ext.Days, ext.NewDueDate
	a.priv["approved"], a.priv["comment"] = true, ext.Comment
	a.notice("extension", a.c().ApplicantName, map[string]any{"days": ext.Days, "reason": ext.Reason, "newDue": ext.NewDueDate})
	return nil
}

// FeeQuote is the fee under both methods (109号 Art 3: the agency picks one
// and never adds both).
type FeeQuote struct {
	MonthCount     int `json:"monthCount"`
	Pages          int `json:"pages"`
	PerApplication int `json:"perApplication"`
	PerPage        int `json:"perPage"`
}

func (s *CaseService) quote(ctx context.Context, db *gorm.DB, c *models.Case, pages int) (FeeQuote, error) {
	n, err := s.monthCount(ctx, db, c)
	if err != nil {
		return FeeQuote{}, err
	}
	return FeeQuote{MonthCount: n, Pages: pages, PerApplication: FeePerApplication(n), PerPage: FeePerPage(pages)}, nil
}

// QuoteFee computes both fee amounts for a case (staff of the agency).
func (s *CaseService) QuoteFee(ctx context.Context, actor Actor, id uint, pages int) (FeeQuote, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return FeeQuote{}, err
	}
	if !handles(actor, v.Case) {
		return FeeQuote{}, errNotVisible
	}
	if pages < 0 || pages > 1_000_000 {
		return FeeQuote{}, models.InvalidField("pages", models.M("页数无效", "invalid page count"))
	}
	return s.quote(ctx, s.DB, v.Case, pages)
}

func applyFeeNotice(a *actx, raw Versioned) error {
	in := raw.(*FeeNoticeInput)
	var f models.Fields
	if in.Method != "per_application" && in.Method != "per_page" {
		f.Add("method", "计收方式须为 per_application（按件）或 per_page（按量）", "method must be per_application or per_page")
	}
	if in.Method == "per_page" && (in.Pages < 1 || in.Pages > 1_000_000) {
		f.Add("pages", "按量计收须填写页数", "per_page needs the page count")
	}
	received := dateField(&f, "receivedOn", in.ReceivedOn, a.today, a.today, a.cal.AddWorkdays(a.today, 10))
	if err := f.Err(); err != nil {
		return err
	}
	q, err := a.s.quote(a.ctx, a.tx, a.c(), in.Pages)
	if err != nil {
		return err
	}
	amount := q.PerApplication
	if in.Method == "per_page" {
		amount = q.PerPage
	}
	if amount == 0 {
		return models.InvalidField("method", models.M("按所选方式计算，本申请无需收费", "under this method the application is free"))
	}
	due := clock.FeePaymentDue(a.cal, received)
	fee := &models.Fee{CaseID: a.c().ID, Method: in.Method, Pages: in.Pages, MonthCount: q.MonthCount, AmountPerApp: q.PerApplication,
		AmountPerPage: q.PerPage, Amount: amount, NoticeOn: a.today.String(), ReceivedOn: received.String(), DueOn: due.String(), Status: "pending"}
	if a.s.cfg.FeePausesClock {
		pid := a.nextPause()
		fee.PauseID = int(pid)
		a.addEvent(clock.Event{Kind: clock.EventPauseStart, On: a.today, PauseKind: clock.PauseFee, PauseID: pid})
	}
	if err := a.tx.WithContext(a.ctx).Create(fee).Error; err != nil {
		return err
	}
	a.v.State.FeeStatus = "pending"
	a.public = true
	a.pub["amount"], a.pub["method"], a.pub["dueOn"] = amount, in.Method, due
	a.priv["feeId"], a.priv["perApplication"], a.priv["perPage"] = fee.ID, q.PerApplication, q.PerPage
	a.notice("fee", a.c().ApplicantName, map[string]any{"method": in.Method, "pages": in.Pages, "monthCount": q.MonthCount, "amount": amount, "dueOn": due})
	return nil
}

func applyPayment(a *actx, raw Versioned) error {
	in := raw.(*PaymentInput)
	fee, err := pendingFee(a)
	if err != nil {
		return err
	}
	var f models.Fields
	notice, _ := calendar.ParseDate(fee.NoticeOn)
	paid := dateField(&f, "paidOn", in.PaidOn, a.today, notice, a.today)
	if err := f.Err(); err != nil {
		return err
	}
	fee.Status, fee.PaidOn, fee.PaidYear = "paid", paid.String(), paid.Year()
	a.v.State.FeeStatus = "paid"
	if err := a.tx.WithContext(a.ctx).Save(fee).Error; err != nil {
		return err
	}
	if fee.PauseID != 0 {
		a.addEvent(clock.Event{Kind: clock.EventPauseEnd, On: paid, PauseID: int32(fee.PauseID)})
	}
	a.public = true
	a.pub["paidOn"], a.pub["amount"] = paid, fee.Amount
	return nil
}

func applyCustomDeadline(a *actx, raw Versioned) error {
	in := raw.(*CustomDeadlineInput)
	var f models.Fields
	reason := strings.TrimSpace(in.Reason)
	checkLen(&f, "reason", reason, 4, 500, "理由", "reason")
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

func applyDraftAnswer(a *actx, raw Versioned) error {
	in := raw.(*AnswerInput)
	var f models.Fields
	o, ok := models.FindOutcome(in.Outcome)
	if !ok || !o.Answer {
		f.Add("outcome", "办理结果须为年度报告表中（一）至（五）的一项", "outcome must be a row (一)–(五) of the annual-report table")
	}
	legal := strings.TrimSpace(in.LegalBasis)
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "legalBasis", legal, 4, 500, "法律依据", "legalBasis")
	checkLen(&f, "text", text, 10, 20000, "答复内容", "text")
	withheld := strings.TrimSpace(in.WithheldReasons)
	// Art 37: a partial disclosure states the reasons for what is withheld;
	// Art 36(3): a refusal states its reasons.
	if ok && (o.Group == "partially_disclosed" || o.Group == "not_disclosed") {
		checkLen(&f, "withheldReasons", withheld, 4, 5000, "不予公开的理由", "withheldReasons")
	}
	if ok && o.Key == "unable.unclear_after_correction" {
		if cs := a.v.State.Correction; cs == nil || cs.SubmittedOn.IsZero() {
			f.Add("outcome", "只有补正后仍不明确的申请才能作此答复（《条例》第三十条）", "only an application still unclear after correction can be answered so (Art 30)")
		}
	}
	var refID uint
	var refName, refContact string
	if in.ReferralAgencyID != 0 || in.ReferralAgencyName != "" {
		if in.Outcome != "unable.not_held" {
			f.Add("referralAgencyId", "只有“本机关不掌握”的答复才能指明负责机关（第三十六条第（五）项）", "only an unable.not_held answer names another agency (Art 36(5))")
		}
		refID, refName, refContact = referral(a, &f, in.ReferralAgencyID, in.ReferralAgencyName, in.ReferralContact)
	}
	if len(in.Attachments) > 50 {
		f.Add("attachments", "附件最多 50 个", "at most 50 attachments")
	}
	var tp *ThirdPartyNoticeState
	switch {
	case ok && o.Group == "disclosed" && a.v.State.ThirdPartyObjections > 0, ok && o.Group == "partially_disclosed" && a.v.State.ThirdPartyObjections > 0 && in.ThirdPartyNotice != nil:
		// Art 32: disclosing over a third party's objection in the public
		// interest needs a written notice to it first, with the reasons. A
		// partial disclosure may withhold the objected part instead (Art 37:
		// its reasons then say so), or disclose it with the notice.
		tp = thirdPartyNotice(&f, in.ThirdPartyNotice, a.today)
	case in.ThirdPartyNotice != nil:
		f.Add("thirdPartyNotice", "只有在第三方不同意公开、本机关仍决定公开时才需告知第三方（第三十二条）", "a third-party notice is only for disclosing over a third party's objection (Art 32)")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := a.s.linkAnswerAttachments(a, in.Attachments); err != nil {
		return err
	}
	prev := a.v.State.Answer
	ans := &AnswerState{Outcome: o.Key, LegalBasis: legal, Text: text, Attachments: in.Attachments, WithheldReasons: withheld,
		ReferralAgencyID: refID, ReferralAgencyName: refName, ReferralContact: refContact, TemplateID: in.TemplateID,
		DraftedBy: a.actor.UserID, DraftedOn: a.today, Decision: "pending", ThirdPartyNotice: tp}
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
	checkLen(f, "thirdPartyNotice.reasons", reasons, 10, 2000, "决定公开的理由", "reasons")
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
	return a.tx.WithContext(a.ctx).Model(&models.Attachment{}).Where("id IN ? AND case_id IS NULL", ids).Update("case_id", a.c().ID).Error
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
		ans.Decision = "returned"
		ans.Returns++
		a.to = models.StatusHandling
		a.priv["approved"], a.priv["comment"] = false, ans.Comment
		return nil
	}
	ans.Decision = "approved"
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
	var parties []models.Consultation
	if err := a.tx.WithContext(a.ctx).Where("case_id = ? AND kind = ? AND reply IN ?", a.c().ID, "third_party", objectionReplies).Order("id").Find(&parties).Error; err != nil {
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

// objectionReplies are the third-party replies that object to disclosure
// in whole or in part (Art 32).
var objectionReplies = []string{"object", "partial"}

var deliveryMethods = []string{"post", "pickup", "email", "online", "in_person"}

func applyDelivery(a *actx, raw Versioned) error {
	in := raw.(*DeliveryInput)
	var f models.Fields
	if !contains(deliveryMethods, in.Method) {
		f.Add("method", "送达方式须为 post、pickup、email、online 或 in_person", "method must be post, pickup, email, online or in_person")
	}
	answered, _ := calendar.ParseDate(a.c().ConcludedOn)
	on := dateField(&f, "deliveredOn", in.DeliveredOn, a.today, answered, a.today)
	checkLen(&f, "note", strings.TrimSpace(in.Note), 0, 500, "备注", "note")
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

func applyArchive(a *actx, raw Versioned) error {
	in := raw.(*ArchiveInput)
	var f models.Fields
	num := strings.TrimSpace(in.ArchiveNumber)
	checkLen(&f, "archiveNumber", num, 1, 64, "档案号", "archiveNumber")
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
	checkLen(&f, "reason", reason, 0, 500, "撤回理由", "reason")
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
	extra := map[string]any{}
	switch in.Outcome {
	case "other.correction_lapsed":
		// Art 30: "无正当理由逾期不补正的，视为放弃申请".
		cs := a.v.State.Correction
		if c.Status == models.StatusCorrectionRequested && cs != nil && cs.PeriodEnds.IsZero() {
			return refused("补正告知的送达日期尚未登记，补正期限尚未起算（《条例》第三十条）", "the correction notice's delivery is not recorded, so its period has not started (Art 30)")
		}
		if c.Status != models.StatusCorrectionRequested || cs == nil || a.today <= cs.PeriodEnds {
			return refused("补正期限尚未届满，不能按逾期不补正终止", "the correction period has not lapsed")
		}
		if reason == "" {
			reason = fmt.Sprintf("申请人未在补正期限（%s 前）内补正", cs.PeriodEnds)
		}
		you := youOf(c)
		extra["text"] = fmt.Sprintf("本机关于%s向%s发出补正告知，补正期限至%s届满。%s无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。", cnDate(cs.NoticeOn), you, cnDate(cs.PeriodEnds), you)
		extra["legalBasis"] = "《中华人民共和国政府信息公开条例》第三十条"
	case "other.fee_unpaid":
		fee, err := pendingFee(a)
		if err != nil {
			return err
		}
		due, _ := calendar.ParseDate(fee.DueOn)
		if a.today <= due {
			return refused("缴费期限尚未届满", "the payment period has not lapsed")
		}
		fee.Status = "lapsed"
		a.v.State.FeeStatus = "lapsed"
		if err := a.tx.WithContext(a.ctx).Save(fee).Error; err != nil {
			return err
		}
		if reason == "" {
			reason = fmt.Sprintf("申请人未在 %s 前缴纳信息处理费", due)
		}
		notice, _ := calendar.ParseDate(fee.NoticeOn)
		extra["text"] = fmt.Sprintf("本机关于%s发出收费通知，缴费期限至%s届满。%s逾期未缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。", cnDate(notice), cnDate(due), youOf(c))
		extra["legalBasis"] = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
	case "other.other":
		checkLen(&f, "reason", reason, 4, 500, "终止理由", "reason")
		extra["text"] = "本机关决定终止处理该申请。理由：" + reason
	default:
		f.Add("outcome", "终止类型须为 other.correction_lapsed、other.fee_unpaid 或 other.other", "outcome must be other.correction_lapsed, other.fee_unpaid or other.other")
	}
	if err := f.Err(); err != nil {
		return err
	}
	extra["remedy"] = "standard"
	a.v.State.Closure = &ClosureState{Outcome: in.Outcome, Reason: reason, ClosedOn: a.today, By: a.actor.UserID}
	a.conclude(in.Outcome)
	a.to, a.public = models.StatusClosed, true
	a.pub["outcome"], a.pub["reason"] = in.Outcome, reason
	a.notice("closure", c.ApplicantName, extra)
	return nil
}

func cnDate(d calendar.Date) string {
	y, m, day := d.YMD()
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}

func applyUrge(a *actx, raw Versioned) error {
	in := raw.(*UrgeInput)
	var f models.Fields
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "text", text, 5, 500, "督办意见", "text")
	if err := f.Err(); err != nil {
		return err
	}
	clk := a.currentClock()
	a.priv["text"], a.priv["dueDate"], a.priv["remainingWorkingDays"] = text, clk.DueDate, clk.RemainingWorkingDays
	return nil
}

func applySuggestion(a *actx, raw Versioned) error {
	in := raw.(*SuggestionInput)
	var f models.Fields
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "text", text, 5, 1000, "建议内容", "text")
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

var remedyKinds = []string{"reconsideration", "litigation_direct", "litigation_after_reconsideration"}
var remedyResults = []string{"upheld", "corrected", "other", "pending"}

func applyRemedy(a *actx, raw Versioned) error {
	in := raw.(*RemedyInput)
	var f models.Fields
	if !contains(remedyKinds, in.Kind) {
		f.Add("kind", "类型须为 reconsideration、litigation_direct 或 litigation_after_reconsideration", "kind must be reconsideration, litigation_direct or litigation_after_reconsideration")
	}
	if !contains(remedyResults, in.Result) {
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
	if in.Result != "pending" && in.Result != "" && in.DecidedOn == "" {
		f.Add("decidedOn", "已审结的须填写审结日期", "decidedOn is required once decided")
	}
	checkLen(&f, "stage", strings.TrimSpace(in.Stage), 0, 128, "阶段", "stage")
	checkLen(&f, "note", strings.TrimSpace(in.Note), 0, 2000, "备注", "note")
	if err := f.Err(); err != nil {
		return err
	}
	r := &models.Remedy{CaseID: a.c().ID}
	if in.RemedyID != 0 {
		if err := a.tx.WithContext(a.ctx).Where("id = ? AND case_id = ?", in.RemedyID, a.c().ID).First(r).Error; err != nil {
			return models.InvalidField("remedyId", models.M("复议或诉讼记录不存在", "no such remedy"))
		}
	}
	r.Kind, r.FiledOn, r.Stage, r.Result, r.Note = in.Kind, filed.String(), strings.TrimSpace(in.Stage), in.Result, strings.TrimSpace(in.Note)
	r.DecidedOn = ""
	if !decided.IsZero() {
		r.DecidedOn = decided.String()
	}
	if in.RemedyID == 0 {
		a.v.State.Remedies++
	}
	if err := a.tx.WithContext(a.ctx).Save(r).Error; err != nil {
		return err
	}
	a.priv["remedyId"], a.priv["kind"], a.priv["result"] = r.ID, r.Kind, r.Result
	return nil
}
