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

// How an action runs: the transaction, the permission check, the guard,
// the applier, the timeline event and the notices (STYLE.md, "A request's
// way"). The actions themselves live in action_*.go by capability.

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

	to     models.Status
	public bool
	// dirty marks the correction and extension rows the action changed.
	dirtyCorrection, dirtyExtension bool
	// clk memoizes currentClock.
	clk     *clock.Clock
	pub     map[string]any
	priv    map[string]any
	notices []noticeReq
	// seal is the agency's seal when the step asked for it (SealInput).
	seal *sealImage
}

type noticeReq struct {
	kind, recipient string
	extra           map[string]any
}

func (a *actx) c() *models.Case { return a.v.Case }

// setCorrection makes cs the case's correction request, saved with the
// action.
func (a *actx) setCorrection(cs *CorrectionState) { a.v.Correction, a.dirtyCorrection = cs, true }

// setExtension makes e the case's extension, saved with the action.
func (a *actx) setExtension(e *ExtensionState) { a.v.Extension, a.dirtyExtension = e, true }

// saveDetails stores the correction and extension the action changed.
func (a *actx) saveDetails() error {
	if a.dirtyCorrection && a.v.Correction != nil {
		if err := models.SaveCaseCorrection(a.ctx, a.tx, a.v.Correction.row(a.c().ID)); err != nil {
			return err
		}
	}
	if a.dirtyExtension && a.v.Extension != nil {
		return models.SaveCaseExtension(a.ctx, a.tx, a.v.Extension.row(a.c().ID))
	}
	return nil
}

func (a *actx) notice(kind, recipient string, extra map[string]any) {
	a.notices = append(a.notices, noticeReq{kind, recipient, extra})
}

// Versioned is implemented by every action input: the case version the
// caller last saw (optimistic locking).
type Versioned interface{ CaseVersion() int }

// VersionInput is embedded in every action body.
type VersionInput struct {
	Version int `json:"version" doc:"the case version last seen (optimistic locking)" required:"true"`
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

var errImportedReadOnly = refused("历史导入的申请只读，不能在平台中办理；如需更正，请更正台账后重新导入",
	"an imported legacy case is read-only; correct the register and import it again")

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
	if c.Imported() {
		// A legacy case is the register's record, not Gongkai's to change:
		// a corrected register replaces it.
		return errImportedReadOnly
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
func (s *CaseService) allowedActions(ctx context.Context, v *CaseView, today calendar.Date) []models.Action {
	// The guards read the clock complete computed, and may query through a
	// read-only use of the service's database.
	clk := v.Clock
	out := []models.Action{}
	if v.Case.Imported() {
		return out
	}
	a := &actx{ctx: ctx, tx: s.DB, s: s, actor: v.actor, v: v, cal: s.cal.Calendar(), today: today, now: s.Now(), clk: &clk}
	for _, act := range models.Actions {
		// The transition table first: most actions fail it, and permitted
		// would build a bilingual refusal only to throw it away.
		if t := models.Transitions[act]; !containsRoleApp(t.Roles, v.actor.Role) || !t.Allows(v.Case.Status, v.actor.Role) {
			continue
		}
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
		if wantSeal(in) {
			if a.seal, err = s.loadSeal(ctx, tx, v.Case.AgencyID); err != nil {
				return err
			}
		}
		from := v.Case.Status
		if err := spec.apply(a, in); err != nil {
			return err
		}
		return s.record(a, action, from)
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

// record writes what an applied action did, inside its transaction: the
// notices with their PDFs (first, so that the timeline event can record
// their hashes), the case with its new status, state and clock cache (a
// versioned update: of two concurrent actions the second finds the version
// changed), its correction and extension, the timeline event; then it
// tells the notifier.
func (s *CaseService) record(a *actx, action models.Action, from models.Status) error {
	to := from
	if a.to != "" {
		to = a.to
	}
	if !models.Transitions[action].Leads(from, to) {
		return fmt.Errorf("action %s led from %s to %s, which the table forbids", action, from, to)
	}
	ctx, tx, c := a.ctx, a.tx, a.v.Case
	c.Status = to
	c.State, c.ClockEvents = encodeState(a.v.State), encodeClockEvents(a.v.Events)
	setClockCacheFrom(a.cal, c, a.v.Correction, a.currentClock())
	issued, err := s.issueNotices(ctx, tx, c, a.notices, a.today, a.seal, a.actor, a.pub, a.priv)
	if err != nil {
		return err
	}
	e, err := nextEvent(c, a.actor, s.actorName(ctx, tx, a.actor), a.now, string(action), from, to, a.public,
		eventData{Public: nonEmpty(a.pub), Internal: nonEmpty(a.priv)})
	if err != nil {
		return err
	}
	if err := models.SaveCase(ctx, tx, c); err != nil {
		return err
	}
	if err := a.saveDetails(); err != nil {
		return err
	}
	if err := insertEvent(ctx, tx, e); err != nil {
		return err
	}
	return s.notifier.CaseEvent(ctx, tx, c, e, issued)
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

// currentClock is the case's clock as of today with the events so far,
// computed once until the next event (guards, appliers and the cache all
// read it).
func (a *actx) currentClock() clock.Clock {
	if a.clk == nil {
		c := clock.Compute(a.cal, a.v.Events, a.s.clockOptions(a.today, false))
		a.clk = &c
	}
	return *a.clk
}

func (a *actx) addEvent(e clock.Event) {
	a.v.Events = append(a.v.Events, e)
	a.clk = nil
}

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

// ruleRefusal turns a clock rule error into an invalid transition.
func ruleRefusal(err error) error {
	var re *clock.RuleError
	if errors.As(err, &re) {
		return refused(re.ZH, re.EN)
	}
	return err
}
