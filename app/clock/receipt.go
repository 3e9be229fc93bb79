package clock

import "gongkai/app/calendar"

// ReceiptDate returns the legal date of receipt (收到申请之日) of an
// application that arrived on arrivedOn and, where the channel needs it, was
// confirmed with the applicant on confirmedOn (zero if not recorded).
func ReceiptDate(cal *calendar.Calendar, ch Channel, arrivedOn, confirmedOn calendar.Date) calendar.Date {
	switch ch {
	case ChannelInPerson:
		// Art 31(1): "以提交之日".
		return arrivedOn
	case ChannelRegisteredPost:
		// Art 31(2): "以行政机关签收之日"; the signing is the arrival.
		return arrivedOn
	case ChannelOrdinaryPost:
		// Art 31(2): the office confirms with the applicant "于收到申请的当日",
		// and "确认之日为收到申请之日". Decision: with no confirmation on record
		// we take the day the law requires it to happen, the arrival day.
		if !confirmedOn.IsZero() {
			return confirmedOn
		}
		return arrivedOn
	case ChannelFax, ChannelEmail:
		// Art 31(3): "以双方确认之日为收到申请之日". Without a recorded
		// confirmation, treat it like an online submission.
		if !confirmedOn.IsZero() {
			return confirmedOn
		}
		return cal.OnOrAfter(arrivedOn)
	case ChannelOnline:
		// Art 31(3) with decisions.md: the platform confirms at once, so the
		// receipt date is the submission day when that is a working day, else
		// the next working day.
		return cal.OnOrAfter(arrivedOn)
	}
	return arrivedOn
}

// CheckReceiptDate checks a receipt date an officer entered for an
// application that arrived on arrivedOn, as of today. It returns a
// *RuleError for a missing or future date, a receipt date before arrival,
// and, for in-person and registered-post applications, a receipt date other
// than the arrival day (Art 31(1),(2) leave no room). cal is accepted for
// symmetry with ReceiptDate and future rules.
func CheckReceiptDate(cal *calendar.Calendar, ch Channel, arrivedOn, receipt, today calendar.Date) error {
	_ = cal
	if _, err := ParseChannel(string(ch)); err != nil {
		return err
	}
	switch {
	case arrivedOn.IsZero():
		return &RuleError{Field: "arrivedOn", ZH: "请填写申请到达日期", EN: "the arrival date is required"}
	case receipt.IsZero():
		return &RuleError{Field: "receiptDate", ZH: "请填写收到申请日期", EN: "the receipt date is required"}
	case arrivedOn > today:
		return &RuleError{Field: "arrivedOn", ZH: "申请到达日期不能晚于今天", EN: "the arrival date cannot be in the future"}
	case receipt > today:
		return &RuleError{Field: "receiptDate", ZH: "收到申请日期不能晚于今天", EN: "the receipt date cannot be in the future"}
	case receipt < arrivedOn:
		return &RuleError{Field: "receiptDate", ZH: "收到申请日期不能早于申请到达日期", EN: "the receipt date cannot be before the arrival date"}
	}
	switch ch {
	case ChannelInPerson:
		if receipt != arrivedOn {
			// Art 31(1).
			return &RuleError{Field: "receiptDate", ZH: "当面提交的，以提交之日为收到申请之日（第三十一条）", EN: "for an application handed in, the receipt date is the day it was handed in (Art 31)"}
		}
	case ChannelRegisteredPost:
		if receipt != arrivedOn {
			// Art 31(2).
			return &RuleError{Field: "receiptDate", ZH: "邮寄需签收的，以签收之日为收到申请之日（第三十一条）", EN: "for signed-for post, the receipt date is the day the agency signed for it (Art 31)"}
		}
	}
	return nil
}
