package clock

import "gongkai/app/calendar"

// ReceiptDate returns the legal date of receipt (收到申请之日) of an
// application that arrived on arrivedOn and, where the channel needs it, was
// confirmed with the applicant on confirmedOn (zero if not recorded).
func ReceiptDate(cal *calendar.Calendar, ch Channel, arrivedOn, confirmedOn calendar.Date) calendar.Date {
	_ = cal // kept for rules that depend on working days
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
		// Art 31(3): "以双方确认之日为收到申请之日". The agency confirms on
		// the day it receives the application, so without a recorded
		// confirmation the arrival day is the receipt date (the earlier
		// date, decisions.md).
		if !confirmedOn.IsZero() {
			return confirmedOn
		}
		return arrivedOn
	case ChannelOnline:
		// Art 31(3) with decisions.md: the platform confirms at once, so the
		// receipt date is the calendar date of submission, whatever day it
		// is; the first counted day is the next working day.
		return arrivedOn
	}
	return arrivedOn
}

// AwaitsConfirmation reports whether an application arriving by ch waits
// for a confirmation with the applicant before its receipt is fixed (Art
// 31(2) ordinary post, Art 31(3) fax and e-mail).
func AwaitsConfirmation(ch Channel) bool {
	return ch == ChannelOrdinaryPost || ch == ChannelFax || ch == ChannelEmail
}

// ConfirmedReceipt returns the receipt date of an application that arrived
// on arrivedOn and was confirmed with the applicant on confirmedOn. Art 31
// expects the confirmation on the day of arrival, so the receipt date stays
// the arrival date (the earlier date, decisions.md) unless unreachable
// records why the applicant could not be reached until confirmedOn.
func ConfirmedReceipt(arrivedOn, confirmedOn calendar.Date, unreachable string) calendar.Date {
	if unreachable != "" && confirmedOn > arrivedOn {
		return confirmedOn
	}
	return arrivedOn
}

// CheckReceiptDate checks a receipt date an officer entered for an
// application that arrived on arrivedOn, as of today. It returns a
// *RuleError for a missing or future date, a receipt date before arrival,
// for in-person, registered-post and online applications a receipt date
// other than the arrival day (Art 31(1),(2),(3) leave no room), and for
// ordinary post, fax and e-mail a receipt date after the arrival day
// without the reason the applicant could not be reached on it
// (ConfirmedReceipt). cal is accepted for symmetry with ReceiptDate.
func CheckReceiptDate(cal *calendar.Calendar, ch Channel, arrivedOn, receipt, today calendar.Date, unreachable string) error {
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
	case ChannelOnline:
		if receipt != arrivedOn {
			// Art 31(3): the platform confirms at once.
			return &RuleError{Field: "receiptDate", ZH: "网上提交的，以提交之日为收到申请之日（第三十一条）", EN: "for an online application, the receipt date is the day it was submitted (Art 31)"}
		}
	default:
		if receipt > arrivedOn && unreachable == "" {
			// Art 31(2)(3): the confirmation is due on the day of arrival.
			return &RuleError{Field: "unreachableReason", ZH: "收到申请之日晚于到达之日的，须说明当日无法与申请人确认的原因（第三十一条）",
				EN: "a receipt date after the arrival needs the reason the applicant could not be reached on the day it arrived (Art 31)"}
		}
	}
	return nil
}
