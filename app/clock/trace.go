package clock

import (
	"fmt"
	"strconv"
	"strings"

	"gongkai/app/calendar"
)

// tracer collects the plain-language steps of a clock. Every method is a
// no-op on a nil *tracer, which is how Compute runs without a trace and
// without allocating.
type tracer struct {
	steps []Step
	// closeOpen shows pauses still open at the conclusion as ending there.
	closeOpen bool
}

func (t *tracer) add(on, due calendar.Date, zh, en string) {
	t.steps = append(t.steps, Step{On: on, Due: due, ZH: zh, EN: en})
}

func channelLabel(ch Channel) (zh, en string) {
	switch ch {
	case ChannelInPerson:
		return "当面提交", "in person"
	case ChannelRegisteredPost:
		return "邮寄，签收", "registered post, signed for"
	case ChannelOrdinaryPost:
		return "平信邮寄，经确认", "ordinary post, confirmed"
	case ChannelFax:
		return "传真", "fax"
	case ChannelEmail:
		return "电子邮件", "email"
	case ChannelOnline:
		return "网上提交", "online"
	}
	return string(ch), string(ch)
}

func (t *tracer) receipt(cal *calendar.Calendar, on calendar.Date, ch Channel, restart, unconfirmed bool) {
	if t == nil {
		return
	}
	due := cal.AddWorkdays(on, AnswerDays)
	zhCh, enCh := " ", ""
	if ch != "" {
		z, e := channelLabel(ch)
		if unconfirmed {
			z, e = strings.TrimSuffix(z, "，经确认")+"，待与申请人确认，自到达之日起算（第三十一条）", strings.TrimSuffix(e, ", confirmed")+", awaiting confirmation with the applicant: counted from its arrival (Art 31)"
		}
		zhCh, enCh = "（"+z+"）", " ("+e+")"
	}
	if !cal.IsWorkday(on) {
		// decisions.md: the receipt date may be a rest day (online, in
		// person); counting starts on the next working day.
		zhCh += "，当日为休息日，自下一个工作日起计算"
		enCh += ", a rest day: counting starts on the next working day"
	}
	if restart {
		t.add(on, due,
			fmt.Sprintf("补正后重新起算：收到补正后的申请 %s%s→ %d 个工作日 → %s", on, zhCh, AnswerDays, due),
			fmt.Sprintf("Restarted after correction: corrected application received %s%s → %d working days → %s", on, enCh, AnswerDays, due))
		return
	}
	t.add(on, due,
		fmt.Sprintf("收到申请 %s%s→ %d 个工作日 → %s", on, zhCh, AnswerDays, due),
		fmt.Sprintf("Application received %s%s → %d working days → %s", on, enCh, AnswerDays, due))
}

// pauseLabel names the kinds of a (merged) pause.
func pauseLabel(kinds uint8) (zh, en string) {
	var z, e []string
	if kinds&kindThirdParty != 0 {
		z, e = append(z, "征求第三方意见"), append(e, "third-party consultation")
	}
	if kinds&kindAgency != 0 {
		z, e = append(z, "征求其他机关意见"), append(e, "consultation with another agency")
	}
	if kinds&kindFee != 0 {
		z, e = append(z, "收费通知"), append(e, "fee notice")
	}
	if kinds&kindOther != 0 {
		z, e = append(z, "期限暂停"), append(e, "pause")
	}
	en = strings.Join(e, " and ")
	return strings.Join(z, "、"), strings.ToUpper(en[:1]) + en[1:]
}

func (t *tracer) pause(sp span, due calendar.Date, k int, moved bool) {
	if t == nil {
		return
	}
	zl, el := pauseLabel(sp.kinds)
	fee := sp.kinds == kindFee
	open := sp.open && !t.closeOpen
	overlap, overlapEN := "", ""
	if sp.n > 1 {
		overlap, overlapEN = "（期间重叠，只计一次）", " (overlapping, counted once)"
	}

	var zh, en string
	switch {
	case open && fee:
		zh = fmt.Sprintf("收费通知自 %s 起等待缴费，期限暂停", sp.s)
		en = fmt.Sprintf("Fee notice since %s, awaiting payment: the clock is paused", sp.s)
	case open:
		zh = fmt.Sprintf("%s自 %s 起，期限暂停%s", zl, sp.s, overlap)
		en = fmt.Sprintf("%s since %s: the clock is paused%s", el, sp.s, overlapEN)
	case fee:
		zh = fmt.Sprintf("收费通知 %s 至缴费 %s", sp.s, sp.e)
		en = fmt.Sprintf("Fee notice %s to payment %s", sp.s, sp.e)
	default:
		zh = fmt.Sprintf("%s %s 至 %s%s", zl, sp.s, sp.e, overlap)
		en = fmt.Sprintf("%s %s to %s%s", el, sp.s, sp.e, overlapEN)
	}
	switch {
	case !moved:
		zh += fmt.Sprintf("，始于答复期限届满之日或之后，期限不变 → %s", due)
		en += fmt.Sprintf(", began on or after the due date; due date unchanged → %s", due)
	case open:
		zh += fmt.Sprintf("（截至 %s 不计入 %d 个工作日）→ %s", sp.e, k, due)
		en += fmt.Sprintf(" (%s not counted as of %s) → %s", workingDays(k), sp.e, due)
	default:
		zh += fmt.Sprintf("，不计入 %d 个工作日 → %s", k, due)
		en += fmt.Sprintf(", %s not counted → %s", workingDays(k), due)
	}
	t.add(sp.s, due, zh, en)
}

func (t *tracer) extension(ext extension, due calendar.Date) {
	if t == nil {
		return
	}
	t.add(ext.on, due,
		fmt.Sprintf("延期 %d 个工作日（经负责人批准）→ %s", ext.days, due),
		fmt.Sprintf("Extended by %s (approved by the head of the disclosure office) → %s", workingDays(ext.days), due))
}

func (t *tracer) extensionRefused(on, due calendar.Date, why refusal) {
	if t == nil {
		return
	}
	re, _ := refusalError(why, due).(*RuleError)
	if re == nil {
		return
	}
	t.add(on, 0, fmt.Sprintf("延期 %s 未计入：%s", on, re.ZH), fmt.Sprintf("Extension of %s not applied: %s", on, re.EN))
}

func (t *tracer) custom(c customDue, due calendar.Date) {
	if t == nil {
		return
	}
	zh := fmt.Sprintf("确定延迟答复的合理期限（第三十五条）%s", c.on)
	en := fmt.Sprintf("Reasonable later due date set on %s (Art 35)", c.on)
	if c.reason != "" {
		zh += "，理由：" + c.reason
		en += ", reason: " + c.reason
	}
	if due != c.due {
		zh += fmt.Sprintf("；%s 非工作日，顺延", c.due)
		en += fmt.Sprintf("; %s is not a working day, moved to the next", c.due)
	}
	t.add(c.on, due, zh+" → "+due.String(), en+" → "+due.String())
}

func (t *tracer) customRefused(on, due calendar.Date) {
	if t == nil {
		return
	}
	t.add(on, 0,
		fmt.Sprintf("延迟答复期限 %s 早于确定之日 %s，未计入", due, on),
		fmt.Sprintf("Art 35 due date %s is before the day it was set (%s); not applied", due, on))
}

func (t *tracer) correctionNotice(cal *calendar.Calendar, on, first calendar.Date, again bool) {
	if t == nil {
		return
	}
	if again {
		t.add(on, 0,
			fmt.Sprintf("再次发出补正告知 %s：第三十条只允许一次性告知", on),
			fmt.Sprintf("Another correction notice on %s: Art 30 allows one notice only", on))
		return
	}
	zh := fmt.Sprintf("发出补正告知 %s（第三十条），答复期限自收到补正后的申请之日起计算", on)
	en := fmt.Sprintf("Correction notice issued %s (Art 30); the clock restarts when the corrected application arrives", on)
	if limit := CorrectionNoticeDue(cal, first); on > limit {
		zh += fmt.Sprintf("；已超过 %s 的告知期限", limit)
		en += fmt.Sprintf("; later than the notice limit %s", limit)
	}
	t.add(on, 0, zh, en)
}

func (t *tracer) accepted(on calendar.Date, afterCorrection bool) {
	if t == nil {
		return
	}
	if afterCorrection {
		t.add(on, 0, fmt.Sprintf("补正后的申请 %s 受理", on), fmt.Sprintf("Corrected application accepted %s", on))
		return
	}
	t.add(on, 0, fmt.Sprintf("申请内容明确，%s 受理，无需补正", on), fmt.Sprintf("Application complete, accepted %s; no correction needed", on))
}

func (t *tracer) confirmed(cal *calendar.Calendar, on, receipt calendar.Date, unreachable string) {
	if t == nil {
		return
	}
	due := cal.AddWorkdays(receipt, AnswerDays)
	switch {
	case receipt == on && unreachable != "":
		t.add(on, due,
			fmt.Sprintf("%s 与申请人确认收到；此前无法联系申请人（%s），以确认之日为收到申请之日（第三十一条）→ %d 个工作日 → %s", on, unreachable, AnswerDays, due),
			fmt.Sprintf("Receipt confirmed with the applicant %s; the applicant could not be reached before (%s), so the confirmation day is the receipt date (Art 31) → %d working days → %s", on, unreachable, AnswerDays, due))
	case receipt == on:
		t.add(on, due, fmt.Sprintf("%s 与申请人确认收到（到达当日）", on), fmt.Sprintf("Receipt confirmed with the applicant %s (the day it arrived)", on))
	default:
		t.add(on, due,
			fmt.Sprintf("%s 与申请人确认收到；第三十一条要求于收到当日确认，且未记录无法联系申请人的理由，收到申请之日仍为到达之日 %s", on, receipt),
			fmt.Sprintf("Receipt confirmed with the applicant %s; Art 31 expects the confirmation on the day of arrival and no reason the applicant was unreachable is recorded, so the receipt date stays the arrival date %s", on, receipt))
	}
}

func (t *tracer) lateRestart(on calendar.Date) {
	if t == nil {
		return
	}
	t.add(on, 0,
		fmt.Sprintf("收到补正后的申请 %s；补正告知晚于第三十条规定的7个工作日，答复期限不重新起算", on),
		fmt.Sprintf("Corrected application received %s; the correction notice came after the 7 working days of Art 30, so the clock does not restart", on))
}

func (t *tracer) duplicateReceipt(on calendar.Date) {
	if t == nil {
		return
	}
	t.add(on, 0, fmt.Sprintf("重复的收到申请记录 %s，已忽略", on), fmt.Sprintf("Duplicate receipt record %s ignored", on))
}

func (t *tracer) badPause(on calendar.Date, id int32, start bool) {
	if t == nil {
		return
	}
	if start {
		t.add(on, 0,
			fmt.Sprintf("暂停 #%d 已在进行中，%s 的重复开始记录已忽略", id, on),
			fmt.Sprintf("Pause #%d is already open; the repeated start on %s is ignored", id, on))
		return
	}
	t.add(on, 0,
		fmt.Sprintf("%s 的暂停结束记录 #%d 没有对应的开始，已忽略", on, id),
		fmt.Sprintf("Pause end #%d on %s has no open start; ignored", id, on))
}

func (t *tracer) concluded(on, due calendar.Date, onTime bool, late int) {
	if t == nil {
		return
	}
	if onTime {
		t.add(on, due, fmt.Sprintf("办结 %s，在答复期限内", on), fmt.Sprintf("Concluded %s, on time", on))
		return
	}
	t.add(on, due,
		fmt.Sprintf("办结 %s，超过答复期限 %d 个工作日", on, late),
		fmt.Sprintf("Concluded %s, %s after the due date", on, workingDays(late)))
}

// finish orders the steps by date (stable, so steps of one day keep the
// order they were recorded in), gives notes the due date in force at their
// time, and adds the provisional warning.
func (t *tracer) finish(due calendar.Date, provisional []int) {
	s := t.steps
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].On < s[j-1].On; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	for i := range s {
		if s[i].Due.IsZero() && i > 0 {
			s[i].Due = s[i-1].Due
		}
	}
	if len(provisional) > 0 {
		ys := make([]string, len(provisional))
		for i, y := range provisional {
			ys[i] = strconv.Itoa(y)
		}
		t.add(due, due,
			fmt.Sprintf("期限涉及 %s 年，该年节假日安排尚无国务院通知在案，期限为临时推算，如有调整将另行告知", strings.Join(ys, "、")),
			fmt.Sprintf("The period reaches into %s, whose holiday schedule has no State Council notice on record: the date is provisional and will be re-told if it changes", strings.Join(ys, ", ")))
	}
}

func workingDays(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d working day", n)
	}
	return fmt.Sprintf("%d working days", n)
}
