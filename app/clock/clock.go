package clock

import (
	"math"

	"gongkai/app/calendar"
)

// How the answer clock runs (decisions.md, "The answer clock"):
//
//   - Due = receipt date + 20 working days (Art 33); the receipt day is not
//     counted (民法典 Art 201).
//   - A pause from day S to day E removes the working days D with S < D <= E
//     and moves the due date later by that many working days. Overlapping
//     pauses count each day once. A pause that starts on or after the current
//     due date does not move it. Equivalently: the due date is the day on
//     which the budget (20 + extension) of working days outside pauses is
//     used up.
//   - An open pause ends at AsOf for the computation, which freezes the
//     remaining days while it is open.
//   - The extension (Art 33) adds its days once; it must be approved and
//     decided on or before the current due date.
//   - An Art 35 date replaces the computed due date; pause days after the day
//     it was set still move it. Decision: an Art 33 extension is refused once
//     an Art 35 date is set, since Art 35 replaces the Art 33 limit.
//   - A restart after correction (Art 30) makes its date the new receipt date
//     and discards earlier pauses, extensions and Art 35 dates.

const maxDate = calendar.Date(math.MaxInt32)

const (
	kindThirdParty uint8 = 1 << iota
	kindAgency
	kindFee
	kindOther
)

func kindBit(k PauseKind) uint8 {
	switch k {
	case PauseThirdParty:
		return kindThirdParty
	case PauseAgencyConsultation:
		return kindAgency
	case PauseFee:
		return kindFee
	}
	return kindOther
}

// pause is one pause interval (s, e]; e is meaningless while open.
type pause struct {
	s, e  calendar.Date
	id    int32
	kinds uint8
	open  bool
}

// span is a run of merged pauses, as applied to the due date.
type span struct {
	s, e  calendar.Date
	kinds uint8
	n     int // number of pauses merged into it
	open  bool
}

type extension struct {
	on   calendar.Date
	days int
	set  bool
}

type customDue struct {
	on, due calendar.Date
	reason  string
	set     bool
}

// scanned is what the events say once read in order.
type scanned struct {
	started, restarted  bool
	first, receipt      calendar.Date
	channel             Channel
	ext                 extension
	custom              customDue
	noticeIssued        bool
	lateNotice          bool
	unconfirmed         bool
	awaiting, accepted  bool
	concluded           bool
	concludedOn, lastOn calendar.Date
}

// refusal says why an extension cannot be granted.
type refusal uint8

const (
	refusalNone refusal = iota
	refusalNotStarted
	refusalConcluded
	refusalSecond
	refusalCustom
	refusalDays
	refusalBeforeReceipt
	refusalLate
	refusalUnapproved
)

// Compute returns the clock of a case from its clock events, which must be
// in chronological order (ties keep their order). Events before the first
// receipt and after the conclusion are ignored; invalid extensions and
// custom due dates are ignored and, with Options.Trace, explained.
func Compute(cal *calendar.Calendar, events []Event, opt Options) Clock {
	var c Clock
	ComputeInto(&c, cal, events, opt)
	return c
}

// ComputeInto is Compute writing into dst, reusing dst.Trace's storage. With
// Options.Trace unset it does not allocate.
func ComputeInto(dst *Clock, cal *calendar.Calendar, events []Event, opt Options) {
	steps := dst.Trace[:0]
	*dst = Clock{}
	var tr *tracer
	if opt.Trace {
		tr = &tracer{steps: steps}
	}

	var buf [16]pause
	st, ps := scan(cal, events, buf[:0], tr)
	if !st.started {
		if tr != nil {
			dst.Trace = tr.steps
		}
		return
	}

	asOf := opt.AsOf
	switch {
	case st.concluded:
		// A concluded clock is read as of its conclusion.
		asOf = st.concludedOn
	case asOf.IsZero():
		asOf = st.lastOn
	}
	if tr != nil {
		tr.closeOpen = st.concluded
	}

	due, paused := currentDue(cal, &st, ps, asOf, tr)
	st.fill(dst, cal, ps, asOf, due, paused, opt)

	if tr != nil {
		if st.concluded {
			tr.concluded(st.concludedOn, due, dst.OnTime, -dst.RemainingWorkingDays)
		}
		tr.finish(due, dst.ProvisionalYears)
		dst.Trace = tr.steps
	}
}

// fill writes the scanned state's clock, as of asOf, into dst.
func (st *scanned) fill(dst *Clock, cal *calendar.Calendar, ps []pause, asOf, due calendar.Date, paused int, opt Options) {
	dst.ReceiptDate = st.receipt
	dst.FirstReceiptDate = st.first
	dst.BaseDueDate = cal.AddWorkdays(st.receipt, AnswerDays)
	dst.DueDate = due
	dst.PausedDays = paused
	if st.ext.set {
		dst.ExtendedDays = st.ext.days
	}
	dst.Paused = !st.concluded && openAt(ps, asOf)
	if asOf <= due {
		dst.RemainingWorkingDays = cal.WorkdaysBetween(asOf, due)
	} else {
		dst.RemainingWorkingDays = -max(1, cal.WorkdaysBetween(due, asOf))
	}
	dst.Level = level(dst.RemainingWorkingDays, opt)
	dst.Provisional = cal.ProvisionalBetween(st.receipt, due)
	dst.AwaitingConfirmation = st.unconfirmed && !st.concluded
	if dst.Provisional {
		dst.ProvisionalYears = provisionalYears(cal, st.receipt, due)
	}
	// Art 30: one correction notice within 7 working days of receipt; moot
	// once issued, once the application is accepted, or after a restart.
	if !st.noticeIssued && !st.accepted && !st.restarted {
		dst.CorrectionNoticeDue = cal.AddWorkdays(st.first, CorrectionNoticeDays)
		dst.CorrectionNoticeOverdue = !st.concluded && asOf > dst.CorrectionNoticeDue
	}
	dst.AwaitingCorrection = st.awaiting && !st.concluded
	if st.concluded {
		dst.Concluded = true
		dst.ConcludedOn = st.concludedOn
		// decisions.md, Counting: a response on the due date is on time.
		dst.OnTime = st.concludedOn <= due
	}
}

// openAt reports whether a pause is open as of asOf.
func openAt(ps []pause, asOf calendar.Date) bool {
	for i := range ps {
		if ps[i].open && ps[i].s <= asOf {
			return true
		}
	}
	return false
}

// provisionalYears lists the years from a to b without an official
// schedule.
func provisionalYears(cal *calendar.Calendar, a, b calendar.Date) []int {
	var out []int
	for y := a.Year(); y <= b.Year(); y++ {
		if !cal.IsOfficialYear(y) {
			out = append(out, y)
		}
	}
	return out
}

func level(remaining int, opt Options) Level {
	warn, urgent := opt.Warning, opt.Urgent
	if warn == 0 {
		warn = DefaultWarning
	}
	if urgent == 0 {
		urgent = DefaultUrgent
	}
	switch {
	case remaining < 0:
		return LevelOverdue
	case remaining <= urgent:
		return LevelUrgent
	case remaining <= warn:
		return LevelWarning
	}
	return LevelNormal
}

// scan reads the events in order into their state, collecting the pauses of
// the current clock into ps (sorted by start).
func scan(cal *calendar.Calendar, events []Event, ps []pause, tr *tracer) (scanned, []pause) {
	var st scanned
	for i := range events {
		ev := &events[i]
		if !st.started {
			// Events before the first receipt are ignored.
			if ev.Kind == EventReceipt {
				st.start(cal, ev, tr)
			}
			continue
		}
		st.lastOn = max(st.lastOn, ev.On)
		ps = st.step(cal, ev, ps, tr)
		if st.concluded {
			break
		}
	}
	return st, ps
}

func (st *scanned) start(cal *calendar.Calendar, ev *Event, tr *tracer) {
	st.started = true
	st.first, st.receipt, st.lastOn = ev.On, ev.On, ev.On
	st.channel = ev.Channel
	st.unconfirmed = ev.Basis == BasisArrival
	tr.receipt(cal, ev.On, ev.Channel, false, st.unconfirmed)
}

// step applies one event after the first receipt.
func (st *scanned) step(cal *calendar.Calendar, ev *Event, ps []pause, tr *tracer) []pause {
	switch ev.Kind {
	case EventReceipt:
		tr.duplicateReceipt(ev.On)
	case EventConfirmed:
		st.confirm(cal, ev, tr)
	case EventRestart:
		ps = st.restart(cal, ev, ps, tr)
	case EventPauseStart:
		ps = startPause(ps, ev, tr)
	case EventPauseEnd:
		endPause(ps, ev, tr)
	case EventExtension:
		st.extend(cal, ev, ps, tr)
	case EventCustomDue:
		// Art 35: "可以确定延迟答复的合理期限并告知申请人".
		if ev.Due < ev.On {
			tr.customRefused(ev.On, ev.Due)
			break
		}
		st.custom = customDue{on: ev.On, due: ev.Due, reason: ev.Reason, set: true}
	case EventCorrectionNotice:
		st.correctionNotice(cal, ev, tr)
	case EventAccepted:
		st.accepted = true
		tr.accepted(ev.On, st.noticeIssued)
	case EventConcluded:
		st.concluded, st.concludedOn = true, ev.On
	}
	return ps
}

// correctionNotice applies the Art 30 notice: one only ("一次性告知"),
// within 7 working days; a first notice after them is late.
func (st *scanned) correctionNotice(cal *calendar.Calendar, ev *Event, tr *tracer) {
	tr.correctionNotice(cal, ev.On, st.first, st.noticeIssued || st.restarted)
	if !st.noticeIssued && !st.restarted && ev.On > CorrectionNoticeDue(cal, st.first) {
		st.lateNotice = true
	}
	st.noticeIssued, st.awaiting = true, true
}

// confirm applies a confirmation of receipt (Art 31(2)(3)): the receipt
// date stays the arrival date unless the applicant could not be reached
// (ConfirmedReceipt); nothing else can have happened yet.
func (st *scanned) confirm(cal *calendar.Calendar, ev *Event, tr *tracer) {
	if !st.unconfirmed || st.restarted {
		return
	}
	st.unconfirmed = false
	if r := ConfirmedReceipt(st.first, ev.On, ev.Reason); r != st.first {
		st.first, st.receipt = r, r
	}
	tr.confirmed(cal, ev.On, st.receipt, ev.Reason)
}

// restart applies the receipt of the corrected application (Art 30:
// "答复期限自行政机关收到补正的申请之日起计算"), unless the notice was late:
// Art 30 allows it only within 7 working days, and a late notice cannot
// restart the clock (the safe reading, decisions.md).
func (st *scanned) restart(cal *calendar.Calendar, ev *Event, ps []pause, tr *tracer) []pause {
	st.awaiting = false
	if st.lateNotice {
		tr.lateRestart(ev.On)
		return ps
	}
	st.restarted = true
	st.receipt, st.channel = ev.On, ev.Channel
	st.ext, st.custom = extension{}, customDue{}
	tr.receipt(cal, ev.On, ev.Channel, true, false)
	return ps[:0]
}

func startPause(ps []pause, ev *Event, tr *tracer) []pause {
	if openPause(ps, ev.PauseID) >= 0 {
		tr.badPause(ev.On, ev.PauseID, true)
		return ps
	}
	ps = append(ps, pause{s: ev.On, id: ev.PauseID, kinds: kindBit(ev.PauseKind), open: true})
	for j := len(ps) - 1; j > 0 && ps[j].s < ps[j-1].s; j-- {
		ps[j], ps[j-1] = ps[j-1], ps[j]
	}
	return ps
}

func endPause(ps []pause, ev *Event, tr *tracer) {
	j := openPause(ps, ev.PauseID)
	if j < 0 {
		tr.badPause(ev.On, ev.PauseID, false)
		return
	}
	ps[j].open = false
	ps[j].e = max(ev.On, ps[j].s)
}

// extend applies an extension event if it may be granted.
func (st *scanned) extend(cal *calendar.Calendar, ev *Event, ps []pause, tr *tracer) {
	why, due := checkExtension(cal, st, ps, ev.On, ev.Days)
	if why == refusalNone && !ev.Approved {
		// Art 33: "应当经政府信息公开工作机构负责人同意".
		why = refusalUnapproved
	}
	if why != refusalNone {
		tr.extensionRefused(ev.On, due, why)
		return
	}
	st.ext = extension{on: ev.On, days: ev.Days, set: true}
}

func openPause(ps []pause, id int32) int {
	for i := range ps {
		if ps[i].open && ps[i].id == id {
			return i
		}
	}
	return -1
}

// checkExtension says whether an extension of days decided on on may be
// granted given the events so far, and returns the due date as of on.
func checkExtension(cal *calendar.Calendar, st *scanned, ps []pause, on calendar.Date, days int) (refusal, calendar.Date) {
	switch {
	case !st.started:
		return refusalNotStarted, 0
	case st.concluded:
		return refusalConcluded, 0
	case st.ext.set:
		// Art 33 allows one extension.
		return refusalSecond, 0
	case st.custom.set:
		return refusalCustom, 0
	case days < 1 || days > MaxExtensionDays:
		// Art 33: "延长的期限最长不得超过20个工作日".
		return refusalDays, 0
	case on < st.receipt:
		return refusalBeforeReceipt, 0
	}
	due, _ := currentDue(cal, st, ps, on, nil)
	if on > due {
		// decisions.md: approved "before the due date"; the due date itself
		// still counts, as an answer on it is on time.
		return refusalLate, due
	}
	return refusalNone, due
}

// currentDue computes the due date from the scanned state with open pauses
// ending at asOf, and the working days pauses added to it.
func currentDue(cal *calendar.Calendar, st *scanned, ps []pause, asOf calendar.Date, tr *tracer) (calendar.Date, int) {
	base := cal.AddWorkdays(st.receipt, AnswerDays) // Art 33
	if !st.custom.set {
		return advance(cal, base, ps, st.receipt, maxDate, asOf, st.ext, tr)
	}
	if tr != nil {
		// Explain how the date stood when the Art 35 date replaced it.
		advance(cal, base, ps, st.receipt, st.custom.on, asOf, st.ext, tr)
	}
	// Art 35 replaces the date; 民法典 Art 203 moves a last day that is not a
	// working day to the next one.
	due := cal.OnOrAfter(st.custom.due)
	tr.custom(st.custom, due)
	return advance(cal, due, ps, st.custom.on, maxDate, asOf, extension{}, tr)
}

// advance applies the pauses, clipped to (lo, hi] with open ones ending at
// openEnd, and the extension to due, in date order (an extension before a
// pause starting the same day). It returns the new due date and the working
// days the pauses added.
func advance(cal *calendar.Calendar, due calendar.Date, ps []pause, lo, hi, openEnd calendar.Date, ext extension, tr *tracer) (calendar.Date, int) {
	paused := 0
	var cur span
	have := false
	for i := range ps {
		p := &ps[i]
		s, e := max(p.s, lo), p.e
		if p.open {
			e = openEnd
		}
		e = min(e, hi)
		if e <= s {
			continue // empty, or outside (lo, hi]
		}
		open := p.open && e == openEnd
		if have && s < cur.e {
			// Overlapping pauses count each day once.
			switch {
			case e > cur.e:
				cur.e, cur.open = e, open
			case e == cur.e:
				cur.open = cur.open || open
			}
			cur.kinds |= p.kinds
			cur.n++
			continue
		}
		if have {
			due, paused = applySpan(cal, due, paused, cur, &ext, tr)
		}
		cur, have = span{s: s, e: e, kinds: p.kinds, n: 1, open: open}, true
	}
	if have {
		due, paused = applySpan(cal, due, paused, cur, &ext, tr)
	}
	if ext.set {
		due = applyExtension(cal, due, ext, tr)
	}
	return due, paused
}

func applySpan(cal *calendar.Calendar, due calendar.Date, paused int, sp span, ext *extension, tr *tracer) (calendar.Date, int) {
	if ext.set && ext.on <= sp.s {
		due = applyExtension(cal, due, *ext, tr)
		ext.set = false
	}
	if sp.s >= due {
		// A pause that starts on or after the due date does not move it.
		tr.pause(sp, due, 0, false)
		return due, paused
	}
	// Art 33: consultation time "不计算在前款规定的期限内".
	k := cal.WorkdaysBetween(sp.s, sp.e)
	due = cal.AddWorkdays(due, k)
	tr.pause(sp, due, k, true)
	return due, paused + k
}

func applyExtension(cal *calendar.Calendar, due calendar.Date, ext extension, tr *tracer) calendar.Date {
	// Art 33: the new due date is the old one plus the approved days.
	due = cal.AddWorkdays(due, ext.days)
	tr.extension(ext, due)
	return due
}

// CanExtend says whether an Art 33 extension of days working days decided on
// on may be granted, given the case's events so far. It returns a
// *RuleError for a case not received or already concluded, a second
// extension, days outside 1..20, an Art 35 date already set, or on after the
// current due date (open pauses counted up to on). Approval is the caller's
// step; Compute counts only approved extensions.
func CanExtend(cal *calendar.Calendar, events []Event, on calendar.Date, days int) error {
	var buf [16]pause
	st, ps := scan(cal, events, buf[:0], nil)
	why, due := checkExtension(cal, &st, ps, on, days)
	return refusalError(why, due)
}

func refusalError(why refusal, due calendar.Date) error {
	switch why {
	case refusalNone:
		return nil
	case refusalNotStarted:
		return &RuleError{Field: "extension", ZH: "尚未收到申请，不能延期", EN: "the application has not been received"}
	case refusalConcluded:
		return &RuleError{Field: "extension", ZH: "案件已办结，不能延期", EN: "the case is concluded"}
	case refusalSecond:
		return &RuleError{Field: "extension", ZH: "已延期一次，第三十三条只允许延期一次", EN: "already extended once; Art 33 allows one extension"}
	case refusalCustom:
		return &RuleError{Field: "extension", ZH: "已依第三十五条确定延迟答复期限，不再适用第三十三条延期", EN: "an Art 35 due date is set; the Art 33 extension no longer applies"}
	case refusalDays:
		return &RuleError{Field: "days", ZH: "延期天数须为 1 至 20 个工作日（第三十三条）", EN: "an extension is 1 to 20 working days (Art 33)"}
	case refusalBeforeReceipt:
		return &RuleError{Field: "on", ZH: "延期日期不能早于收到申请之日", EN: "the extension cannot be dated before the receipt date"}
	case refusalLate:
		return &RuleError{Field: "on", ZH: "延期须在答复期限 " + due.String() + " 届满前决定（第三十三条）", EN: "an extension must be decided by the due date " + due.String() + " (Art 33)"}
	case refusalUnapproved:
		return &RuleError{Field: "approved", ZH: "延期须经政府信息公开工作机构负责人同意（第三十三条）", EN: "an extension needs the approval of the head of the disclosure office (Art 33)"}
	}
	return nil
}
