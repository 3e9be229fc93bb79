package clock

import "gongkai/app/calendar"

// The subsidiary clocks the jobs watch. Each counts from the day after its
// start date (民法典 Art 201), so each is calendar.AddWorkdays.

// CorrectionNoticeDue is the last day to issue the one correction notice.
// Art 30: "自收到申请之日起7个工作日内一次性告知申请人作出补正".
func CorrectionNoticeDue(cal *calendar.Calendar, receipt calendar.Date) calendar.Date {
	return cal.AddWorkdays(receipt, CorrectionNoticeDays)
}

// CorrectionPeriodEnd is the last day of the correction period the officer
// set (periodDays working days from the notice, DefaultCorrectionPeriodDays
// if periodDays <= 0). Art 30: "合理的补正期限"; a lapsed period closes the
// case as abandoned ("视为放弃申请").
func CorrectionPeriodEnd(cal *calendar.Calendar, noticeOn calendar.Date, periodDays int) calendar.Date {
	if periodDays <= 0 {
		periodDays = DefaultCorrectionPeriodDays
	}
	return cal.AddWorkdays(noticeOn, periodDays)
}

// ConsultationReplyDue is the last day for a consulted third party (Art 32)
// or co-producing agency (Art 34) to reply: "自收到征求意见书之日起15个工作日内".
// Pass the day they received the letter, or the send date when that is not
// known (decisions.md).
func ConsultationReplyDue(cal *calendar.Calendar, partyReceivedOn calendar.Date) calendar.Date {
	return cal.AddWorkdays(partyReceivedOn, ConsultationDays)
}

// FeePaymentDue is the last day to pay a processing fee: 20 working days
// counted from the day after the applicant received the notice
// (国办函〔2020〕109号; decisions.md, "Fee").
func FeePaymentDue(cal *calendar.Calendar, noticeReceivedOn calendar.Date) calendar.Date {
	return cal.AddWorkdays(noticeReceivedOn, FeePaymentDays)
}
