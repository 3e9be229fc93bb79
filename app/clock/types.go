// Package clock is the statutory case clock of a government-information
// disclosure application: a pure function from a case's clock events to its
// receipt date, due date, pauses, extension, warning level and a
// plain-language trace in Chinese and English that explains the due date.
//
// The rules are those of the 政府信息公开条例 (2019) Arts 30–35 as settled in
// decisions.md ("Date of receipt", "The answer clock", "Warning levels").
// Working days come from package calendar. The package keeps no state, does
// no I/O and, without a trace, allocates nothing.
package clock

import "gongkai/app/calendar"

// Statutory lengths, in working days.
const (
	// AnswerDays is the answer limit. Art 33: "自收到申请之日起20个工作日内".
	AnswerDays = 20
	// MaxExtensionDays caps the one extension. Art 33: "延长的期限最长不得超过20个工作日".
	MaxExtensionDays = 20
	// CorrectionNoticeDays is the limit for the one correction notice. Art 30:
	// "自收到申请之日起7个工作日内一次性告知申请人作出补正".
	CorrectionNoticeDays = 7
	// ConsultationDays is the reply limit of a consulted third party (Art 32)
	// or co-producing agency (Art 34), from their receipt of the letter.
	ConsultationDays = 15
	// FeePaymentDays is the payment limit after the applicant receives a fee
	// notice (国办函〔2020〕109号, see regulation.md §1.1).
	FeePaymentDays = 20
	// DefaultCorrectionPeriodDays is the correction period an officer gets
	// unless they set another (decisions.md: default 10 working days).
	DefaultCorrectionPeriodDays = 10
	// DefaultWarning and DefaultUrgent are the warning-level thresholds in
	// remaining working days (decisions.md, "Warning levels").
	DefaultWarning = 5
	DefaultUrgent  = 2
)

// Channel is how an application reached the agency; it fixes the date of
// receipt (Art 31).
type Channel string

// The channels of Art 28 and Art 31.
const (
	ChannelInPerson       Channel = "in_person"
	ChannelRegisteredPost Channel = "registered_post"
	ChannelOrdinaryPost   Channel = "ordinary_post"
	ChannelFax            Channel = "fax"
	ChannelEmail          Channel = "email"
	ChannelOnline         Channel = "online"
)

// Channels lists every channel in display order.
var Channels = []Channel{ChannelInPerson, ChannelRegisteredPost, ChannelOrdinaryPost, ChannelFax, ChannelEmail, ChannelOnline}

// ParseChannel returns the Channel named s, or a *RuleError for field
// "channel".
func ParseChannel(s string) (Channel, error) {
	for _, c := range Channels {
		if string(c) == s {
			return c, nil
		}
	}
	return "", &RuleError{Field: "channel", ZH: "提交方式无效", EN: "unknown channel " + quote(s)}
}

// EventKind names a clock event.
type EventKind string

// The clock events. Other case events (assignments, drafts, notices sent)
// do not touch the clock and are not given to Compute.
const (
	// EventReceipt: the application was received; On is the legal date of
	// receipt (see ReceiptDate), Channel how it came. With Basis
	// BasisArrival it is an application by ordinary post, fax or e-mail not
	// yet confirmed with the applicant: the clock runs from its arrival date
	// (Art 31 expects the confirmation on the day of arrival) until an
	// EventConfirmed says otherwise.
	EventReceipt EventKind = "receipt"
	// EventConfirmed: the receipt was confirmed with the applicant on On
	// (Art 31(2)(3)). The receipt date stays the arrival date unless Reason
	// records why the applicant could not be reached earlier; then On
	// becomes the receipt date.
	EventConfirmed EventKind = "confirmed"
	// EventRestart: the corrected application was received (Art 30). On is
	// its receipt date; the clock starts again from zero, discarding earlier
	// pauses, extensions and custom due dates.
	EventRestart EventKind = "restart"
	// EventPauseStart and EventPauseEnd bracket a consultation or fee pause,
	// paired by PauseID; several pauses may be open at once.
	EventPauseStart EventKind = "pause_start"
	EventPauseEnd   EventKind = "pause_end"
	// EventExtension: the Art 33 extension of Days working days, counted
	// only when Approved.
	EventExtension EventKind = "extension"
	// EventCustomDue: an Art 35 reasonable later due date, Due, with Reason.
	EventCustomDue EventKind = "custom_due"
	// EventCorrectionNotice: the Art 30 correction notice was issued on On.
	EventCorrectionNotice EventKind = "correction_notice"
	// EventAccepted: the application was found complete, so no correction
	// notice is due any more. Not in the original list of kinds; without it
	// CorrectionNoticeOverdue could not tell an accepted case from a
	// forgotten one (decisions.md: "without a notice or acceptance").
	EventAccepted EventKind = "accepted"
	// EventConcluded: the case was answered or closed on On.
	EventConcluded EventKind = "concluded"
)

// BasisArrival marks a receipt counted from the arrival date while the
// application awaits confirmation with the applicant.
const BasisArrival = "arrival"

// PauseKind names why the clock stops.
type PauseKind string

// The pauses of Art 33 ("征求第三方和其他机关意见所需时间不计算在前款规定的期限内")
// and of the fee rules (decisions.md: a fee notice awaiting payment stops the
// clock).
const (
	PauseThirdParty         PauseKind = "third_party"         // Art 32
	PauseAgencyConsultation PauseKind = "agency_consultation" // Art 34
	PauseFee                PauseKind = "fee"                 // 国办函〔2020〕109号
)

// Event is one clock event. It is a flat value (no pointers but strings) so
// that a slice of events costs one allocation at most. Only the fields of
// its Kind matter.
type Event struct {
	Kind      EventKind     `json:"kind"`
	On        calendar.Date `json:"on"`
	Channel   Channel       `json:"channel,omitempty"`   // receipt, restart
	Basis     string        `json:"basis,omitempty"`     // receipt: "" or BasisArrival
	PauseKind PauseKind     `json:"pauseKind,omitempty"` // pause_start
	PauseID   int32         `json:"pauseId,omitempty"`   // pause_start, pause_end
	Days      int           `json:"days,omitempty"`      // extension
	Due       calendar.Date `json:"due,omitzero"`        // custom_due
	Reason    string        `json:"reason,omitempty"`    // extension, custom_due, confirmed
	Outcome   string        `json:"outcome,omitempty"`   // concluded
	Approved  bool          `json:"approved,omitempty"`  // extension
}

// Options tunes Compute. Zero values mean the defaults.
type Options struct {
	// AsOf is the day the clock is read on. Zero means the date of the last
	// event. A concluded clock is always read as of its conclusion.
	AsOf calendar.Date
	// Warning and Urgent are the thresholds in remaining working days
	// (defaults DefaultWarning and DefaultUrgent).
	Warning int
	Urgent  int
	// Trace asks for the plain-language explanation in Clock.Trace.
	Trace bool
}

// Level is the traffic light of a clock (decisions.md, "Warning levels").
type Level string

// The levels: normal with more than Warning working days left, warning down
// to Urgent+1, urgent from Urgent down to 0 (0 = due today), overdue after
// the due date.
const (
	LevelNormal  Level = "normal"
	LevelWarning Level = "warning"
	LevelUrgent  Level = "urgent"
	LevelOverdue Level = "overdue"
)

// Clock is the state of a case's answer clock. A Clock whose ReceiptDate is
// zero has not started (no receipt event yet). Dates that may be absent use
// the zero Date for "none" and are omitted from JSON.
type Clock struct {
	// ReceiptDate is the receipt date the clock runs from: the latest of the
	// first receipt and a restart after correction.
	ReceiptDate calendar.Date `json:"receiptDate"`
	// FirstReceiptDate is the receipt date of the original application.
	FirstReceiptDate calendar.Date `json:"firstReceiptDate"`
	// BaseDueDate is ReceiptDate + 20 working days (Art 33).
	BaseDueDate calendar.Date `json:"baseDueDate"`
	// DueDate is the last day to answer, after pauses, extension and any
	// Art 35 date. Answering on it is on time.
	DueDate calendar.Date `json:"dueDate"`
	// ExtendedDays is the approved Art 33 extension, 0 if none.
	ExtendedDays int `json:"extendedDays"`
	// PausedDays counts the working days pauses added to DueDate.
	PausedDays int `json:"pausedDays"`
	// Paused is set while a pause is open as of AsOf.
	Paused bool `json:"paused"`
	// RemainingWorkingDays is WorkdaysBetween(AsOf, DueDate) up to the due
	// date (0 on it), and -max(1, WorkdaysBetween(DueDate, AsOf)) after it.
	RemainingWorkingDays int   `json:"remainingWorkingDays"`
	Level                Level `json:"level"`
	// Provisional is set when a date from ReceiptDate to DueDate lies in a
	// year without an official holiday schedule.
	Provisional bool `json:"provisional"`
	// CorrectionNoticeDue is the last day for the one correction notice
	// (receipt + 7 working days, Art 30); zero once a notice was issued, the
	// application was accepted, or the clock restarted.
	CorrectionNoticeDue calendar.Date `json:"correctionNoticeDue,omitzero"`
	// CorrectionNoticeOverdue is set when CorrectionNoticeDue has passed
	// without a notice or acceptance and the case is still open.
	CorrectionNoticeOverdue bool `json:"correctionNoticeOverdue"`
	// AwaitingConfirmation is set while an application by ordinary post,
	// fax or e-mail awaits confirmation with the applicant; the clock runs
	// from its arrival date meanwhile (Art 31).
	AwaitingConfirmation bool `json:"awaitingConfirmation"`
	// ProvisionalYears lists the years from ReceiptDate to DueDate whose
	// holiday schedule has no State Council notice on record.
	ProvisionalYears []int `json:"provisionalYears,omitempty"`
	// AwaitingCorrection is set from a correction notice until the corrected
	// application arrives (restart) or the case is concluded. Art 30 counts
	// the answer limit from the corrected application, so the UI should not
	// press the officer about DueDate meanwhile.
	AwaitingCorrection bool `json:"awaitingCorrection"`
	// Concluded, ConcludedOn and OnTime describe a finished case; OnTime
	// means concluded on or before DueDate.
	Concluded   bool          `json:"concluded"`
	ConcludedOn calendar.Date `json:"concludedOn,omitzero"`
	OnTime      bool          `json:"onTime"`
	// Trace explains DueDate step by step, when Options.Trace is set.
	Trace []Step `json:"trace,omitempty"`
}

// Step is one line of a clock's explanation: what happened On, and the due
// date after it.
type Step struct {
	On  calendar.Date `json:"on"`
	Due calendar.Date `json:"due"`
	ZH  string        `json:"zh"`
	EN  string        `json:"en"`
}

// RuleError is a refused input, naming the field and saying why in Chinese
// and English so the HTTP layer can show it next to the field.
type RuleError struct {
	Field string `json:"field"`
	ZH    string `json:"zh"`
	EN    string `json:"en"`
}

// Error returns the field and the English message.
func (e *RuleError) Error() string { return e.Field + ": " + e.EN }

func quote(s string) string { return "\"" + s + "\"" }
