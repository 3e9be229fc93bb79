package clock

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"gongkai/app/calendar"
)

// All expectations below are worked by hand from the State Council
// schedules (see calendar_test.go for the notices): 2026 National Day
// 10-01..10-07 off with 09-20 (Sun) and 10-10 (Sat) worked; 2026 Spring
// Festival 02-15..02-23 off with 02-14 and 02-28 (Sat) worked; 2027
// 元旦 01-01..01-03 off; 2028 has no schedule yet (weekends only).
//
// The recurring case: received in person on Monday 2026-09-28. Day 1 is
// 09-29, day 2 09-30, 10-01..07 are off, 10-08 (3), 10-09 (4), 10-10 调休
// Saturday (5), 10-12..16 (6-10), 10-19..23 (11-15), 10-26..30 (16-20):
// due 2026-10-30.

var cal = calendar.New(nil, calendar.LibraryYears())

func d(s string) calendar.Date { return calendar.MustParseDate(s) }

func receipt(on string, ch Channel) Event { return Event{Kind: EventReceipt, On: d(on), Channel: ch} }
func restart(on string, ch Channel) Event { return Event{Kind: EventRestart, On: d(on), Channel: ch} }
func pauseStart(on string, k PauseKind, id int32) Event {
	return Event{Kind: EventPauseStart, On: d(on), PauseKind: k, PauseID: id}
}
func pauseEnd(on string, id int32) Event { return Event{Kind: EventPauseEnd, On: d(on), PauseID: id} }
func extend(on string, days int) Event {
	return Event{Kind: EventExtension, On: d(on), Days: days, Approved: true, Reason: "需要调取档案"}
}
func customDueEv(on, due, reason string) Event {
	return Event{Kind: EventCustomDue, On: d(on), Due: d(due), Reason: reason}
}
func accepted(on string) Event { return Event{Kind: EventAccepted, On: d(on)} }
func notice(on string) Event   { return Event{Kind: EventCorrectionNotice, On: d(on)} }
func concluded(on string) Event {
	return Event{Kind: EventConcluded, On: d(on), Outcome: "disclosed"}
}

// base is the recurring case, accepted at once so that the correction-notice
// timer stays out of the way.
func base(more ...Event) []Event {
	return append([]Event{receipt("2026-09-28", ChannelInPerson), accepted("2026-09-28")}, more...)
}

// clk fills the fields every case of base shares.
func clk(c Clock) Clock {
	if c.ReceiptDate.IsZero() {
		c.ReceiptDate = d("2026-09-28")
	}
	if c.FirstReceiptDate.IsZero() {
		c.FirstReceiptDate = d("2026-09-28")
	}
	if c.BaseDueDate.IsZero() {
		c.BaseDueDate = d("2026-10-30")
	}
	return c
}

var ignoreTrace = cmpopts.IgnoreFields(Clock{}, "Trace")

func TestCompute(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		asOf   string
		want   Clock
	}{
		{
			name:   "product owner: received in person, across National Day",
			events: base(),
			asOf:   "2026-09-28",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 20, Level: LevelNormal}),
		},
		{
			// (10-12, 10-20] holds 10-13..16 and 10-19..20: 6 working days.
			// 10-30 + 6: 11-02..06 (5), 11-09 (6). As of 10-21: 10-22, 23 (2),
			// 10-26..30 (7), 11-02..06 (12), 11-09 (13).
			name:   "product owner: third-party pause",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1)),
			asOf:   "2026-10-21",
			want:   clk(Clock{DueDate: d("2026-11-09"), PausedDays: 6, RemainingWorkingDays: 13, Level: LevelNormal}),
		},
		{
			// 11-09 + 20: 11-10..13 (4), 16..20 (9), 23..27 (14), 11-30 (15),
			// 12-01..04 (19), 12-07 (20). As of 11-02: 11-03..06 (4) + the 21
			// working days from 11-09 to 12-07 = 25.
			name: "product owner: approved extension",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1),
				extend("2026-11-02", 20)),
			asOf: "2026-11-02",
			want: clk(Clock{DueDate: d("2026-12-07"), ExtendedDays: 20, PausedDays: 6, RemainingWorkingDays: 25, Level: LevelNormal}),
		},
		{
			// 2026-02-10 (Tue): 02-11..13 (1-3), 02-14 调休 Sat (4), 02-15..23
			// off, 02-24..27 (5-8), 02-28 调休 Sat (9), 03-02..06 (10-14),
			// 03-09..13 (15-19), 03-16 (20).
			name:   "across Spring Festival 2026",
			events: []Event{receipt("2026-02-10", ChannelInPerson), accepted("2026-02-10")},
			asOf:   "2026-02-10",
			want: Clock{ReceiptDate: d("2026-02-10"), FirstReceiptDate: d("2026-02-10"), BaseDueDate: d("2026-03-16"),
				DueDate: d("2026-03-16"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			// 2025-01-20 (Mon): 01-21..24 (1-4), 01-26 调休 Sun (5), 01-27 (6),
			// 01-28..02-04 off, 02-05..07 (7-9), 02-08 调休 Sat (10),
			// 02-10..14 (11-15), 02-17..21 (16-20).
			name:   "across Spring Festival 2025",
			events: []Event{receipt("2025-01-20", ChannelOnline), accepted("2025-01-20")},
			asOf:   "2025-01-20",
			want: Clock{ReceiptDate: d("2025-01-20"), FirstReceiptDate: d("2025-01-20"), BaseDueDate: d("2025-02-21"),
				DueDate: d("2025-02-21"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			// Received in person on the 调休 Saturday 2026-10-10, a working
			// day: 10-12..16 (5), 19..23 (10), 26..30 (15), 11-02..06 (20).
			name:   "in person on a 调休 Saturday",
			events: []Event{receipt("2026-10-10", ChannelInPerson), accepted("2026-10-10")},
			asOf:   "2026-10-10",
			want: Clock{ReceiptDate: d("2026-10-10"), FirstReceiptDate: d("2026-10-10"), BaseDueDate: d("2026-11-06"),
				DueDate: d("2026-11-06"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			// In person on a plain Sunday (a duty officer took it): the day
			// itself is the receipt date; 10-19..23 (5) … 11-09..13 (20).
			name:   "in person on a Sunday",
			events: []Event{receipt("2026-10-18", ChannelInPerson), accepted("2026-10-19")},
			asOf:   "2026-10-19",
			want: Clock{ReceiptDate: d("2026-10-18"), FirstReceiptDate: d("2026-10-18"), BaseDueDate: d("2026-11-13"),
				DueDate: d("2026-11-13"), RemainingWorkingDays: 19, Level: LevelNormal},
		},
		{
			// Online on Saturday 10-17: receipt Monday 10-19 (ReceiptDate);
			// 10-20..23 (4), 26..30 (9), 11-02..06 (14), 09..13 (19), 16 (20).
			name:   "online on a weekend, receipt the next working day",
			events: []Event{receipt("2026-10-19", ChannelOnline), accepted("2026-10-19")},
			asOf:   "2026-10-19",
			want: Clock{ReceiptDate: d("2026-10-19"), FirstReceiptDate: d("2026-10-19"), BaseDueDate: d("2026-11-16"),
				DueDate: d("2026-11-16"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			// Online on the holiday 10-03: receipt 10-08; 10-09 (1), 10-10
			// (2), 10-12..16 (7), 19..23 (12), 26..30 (17), 11-02..04 (20).
			name:   "online on a holiday",
			events: []Event{receipt("2026-10-08", ChannelOnline), accepted("2026-10-08")},
			asOf:   "2026-10-08",
			want: Clock{ReceiptDate: d("2026-10-08"), FirstReceiptDate: d("2026-10-08"), BaseDueDate: d("2026-11-04"),
				DueDate: d("2026-11-04"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			// Pause from holiday Saturday 10-03 to Sunday 10-11: (10-03, 10-11]
			// holds 10-08, 10-09 and the 调休 10-10: 3. 10-30 + 3 = 11-04.
			name:   "pause starting and ending on non-working days",
			events: base(pauseStart("2026-10-03", PauseThirdParty, 1), pauseEnd("2026-10-11", 1)),
			asOf:   "2026-10-12",
			// As of 10-12: 10-13..16 (4), 19..23 (9), 26..30 (14), 11-02..04 (17).
			want: clk(Clock{DueDate: d("2026-11-04"), PausedDays: 3, RemainingWorkingDays: 17, Level: LevelNormal}),
		},
		{
			// (Fri 10-16, Sun 10-18] holds no working day.
			name:   "pause over a weekend only",
			events: base(pauseStart("2026-10-16", PauseFee, 1), pauseEnd("2026-10-18", 1)),
			asOf:   "2026-10-19",
			// As of 10-19: 10-20..23 (4), 26..30 (9).
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 9, Level: LevelNormal}),
		},
		{
			// (Sat 10-17, Mon 10-19] holds 10-19 only: 10-30 + 1 = 11-02.
			name:   "pause from Saturday to Monday",
			events: base(pauseStart("2026-10-17", PauseFee, 1), pauseEnd("2026-10-19", 1)),
			asOf:   "2026-10-19",
			want:   clk(Clock{DueDate: d("2026-11-02"), PausedDays: 1, RemainingWorkingDays: 10, Level: LevelNormal}),
		},
		{
			// (10-12, 10-20] ∪ (10-15, 10-23] = (10-12, 10-23]: 10-13..16 and
			// 10-19..23, 9 days once. 10-30 + 9: 11-02..06 (5), 11-09..12 (9).
			name: "overlapping pauses count each day once",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseStart("2026-10-15", PauseAgencyConsultation, 2),
				pauseEnd("2026-10-20", 1), pauseEnd("2026-10-23", 2)),
			asOf: "2026-10-23",
			// As of 10-23: 10-26..30 (5), 11-02..06 (10), 11-09..12 (14).
			want: clk(Clock{DueDate: d("2026-11-12"), PausedDays: 9, RemainingWorkingDays: 14, Level: LevelNormal}),
		},
		{
			name: "nested pause adds nothing",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseStart("2026-10-14", PauseFee, 2),
				pauseEnd("2026-10-16", 2), pauseEnd("2026-10-23", 1)),
			asOf: "2026-10-23",
			want: clk(Clock{DueDate: d("2026-11-12"), PausedDays: 9, RemainingWorkingDays: 14, Level: LevelNormal}),
		},
		{
			// (10-12, 10-14] = 2 → 11-03; (10-19, 10-20] = 1 → 11-04.
			name: "two separate pauses",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-14", 1),
				pauseStart("2026-10-19", PauseAgencyConsultation, 2), pauseEnd("2026-10-20", 2)),
			asOf: "2026-10-20",
			// As of 10-20: 10-21..23 (3), 26..30 (8), 11-02..04 (11).
			want: clk(Clock{DueDate: d("2026-11-04"), PausedDays: 3, RemainingWorkingDays: 11, Level: LevelNormal}),
		},
		{
			// Both open as of 10-16: (10-12, 10-16] = 4 → 11-05. Remaining as
			// of 10-16 is frozen at its value on 10-12: 14.
			name:   "two open pauses at once",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseStart("2026-10-14", PauseFee, 2)),
			asOf:   "2026-10-16",
			want:   clk(Clock{DueDate: d("2026-11-05"), PausedDays: 4, Paused: true, RemainingWorkingDays: 14, Level: LevelNormal}),
		},
		{
			// The pause starts on the due date: no effect. As of 11-05 the
			// case is 4 working days late (11-02..05).
			name:   "pause starting on the due date does not move it",
			events: base(pauseStart("2026-10-30", PauseThirdParty, 1), pauseEnd("2026-11-05", 1)),
			asOf:   "2026-11-05",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: -4, Level: LevelOverdue}),
		},
		{
			// Starts the day before: (10-29, 11-05] = 10-30, 11-02..05: 5.
			// 10-30 + 5 = 11-06, i.e. the one day left on 10-29 runs after
			// the pause.
			name:   "pause starting the day before the due date",
			events: base(pauseStart("2026-10-29", PauseThirdParty, 1), pauseEnd("2026-11-05", 1)),
			asOf:   "2026-11-05",
			want:   clk(Clock{DueDate: d("2026-11-06"), PausedDays: 5, RemainingWorkingDays: 1, Level: LevelUrgent}),
		},
		{
			name:   "empty pause changes nothing",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-12", 1)),
			asOf:   "2026-10-12",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 14, Level: LevelNormal}),
		},
		{
			// Corrected application received Monday 11-02: the clock starts
			// again: 11-03..06 (4), 09..13 (9), 16..20 (14), 23..27 (19),
			// 11-30 (20). The earlier pause and extension are discarded.
			name: "restart after correction discards pauses and extension",
			events: []Event{receipt("2026-09-28", ChannelInPerson), notice("2026-09-30"),
				pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1), extend("2026-10-21", 20),
				pauseStart("2026-10-22", PauseFee, 2),
				restart("2026-11-02", ChannelInPerson)},
			asOf: "2026-11-02",
			want: Clock{ReceiptDate: d("2026-11-02"), FirstReceiptDate: d("2026-09-28"), BaseDueDate: d("2026-11-30"),
				DueDate: d("2026-11-30"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			name:   "awaiting correction",
			events: []Event{receipt("2026-09-28", ChannelInPerson), notice("2026-09-30")},
			asOf:   "2026-10-12",
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 14, Level: LevelNormal,
				AwaitingCorrection: true}),
		},
		{
			// Art 30: notice due 7 working days after 09-28: 09-29 (1), 09-30
			// (2), 10-08 (3), 10-09 (4), 10-10 (5), 10-12 (6), 10-13 (7).
			name:   "correction notice due, on the last day",
			events: []Event{receipt("2026-09-28", ChannelInPerson)},
			asOf:   "2026-10-13",
			// As of 10-13: 10-14..16 (3), 19..23 (8), 26..30 (13).
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 13, Level: LevelNormal,
				CorrectionNoticeDue: d("2026-10-13")}),
		},
		{
			name:   "correction notice overdue",
			events: []Event{receipt("2026-09-28", ChannelInPerson)},
			asOf:   "2026-10-14",
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 12, Level: LevelNormal,
				CorrectionNoticeDue: d("2026-10-13"), CorrectionNoticeOverdue: true}),
		},
		{
			name:   "extension after the due date is ignored",
			events: base(extend("2026-11-02", 20)),
			asOf:   "2026-11-02",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: -1, Level: LevelOverdue}),
		},
		{
			// First extension 10 days: 10-30 + 10 = 11-02..06 (5), 09..13
			// (10). The second is refused (Art 33: once).
			name:   "second extension is ignored",
			events: base(extend("2026-10-20", 10), extend("2026-10-22", 5)),
			asOf:   "2026-10-22",
			// As of 10-22: 10-23 (1), 26..30 (6), 11-02..06 (11), 09..13 (16).
			want: clk(Clock{DueDate: d("2026-11-13"), ExtendedDays: 10, RemainingWorkingDays: 16, Level: LevelNormal}),
		},
		{
			name:   "unapproved extension is ignored",
			events: base(Event{Kind: EventExtension, On: d("2026-10-20"), Days: 10}),
			asOf:   "2026-10-22",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 6, Level: LevelNormal}),
		},
		{
			name:   "extension of 21 days is ignored",
			events: base(extend("2026-10-20", 21)),
			asOf:   "2026-10-22",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 6, Level: LevelNormal}),
		},
		{
			// Extension on the due date itself is still in time.
			name:   "extension on the due date",
			events: base(extend("2026-10-30", 5)),
			asOf:   "2026-10-30",
			// 10-30 + 5 = 11-06.
			want: clk(Clock{DueDate: d("2026-11-06"), ExtendedDays: 5, RemainingWorkingDays: 5, Level: LevelWarning}),
		},
		{
			name:   "concluded on the due date is on time",
			events: base(concluded("2026-10-30")),
			asOf:   "2026-12-01",
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 0, Level: LevelUrgent,
				Concluded: true, ConcludedOn: d("2026-10-30"), OnTime: true}),
		},
		{
			name:   "concluded the next calendar day (Saturday) is late",
			events: base(concluded("2026-10-31")),
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: -1, Level: LevelOverdue,
				Concluded: true, ConcludedOn: d("2026-10-31")}),
		},
		{
			name:   "concluded the next working day is late",
			events: base(concluded("2026-11-02")),
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: -1, Level: LevelOverdue,
				Concluded: true, ConcludedOn: d("2026-11-02")}),
		},
		{
			// Open pause from 10-12 ends at the conclusion 10-15: (10-12,
			// 10-15] = 3 → 11-04; remaining as of 10-15 is 14.
			name: "concluded while paused; later events ignored",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), concluded("2026-10-15"),
				pauseEnd("2026-10-30", 1), restart("2026-11-02", ChannelInPerson)),
			asOf: "2026-12-01",
			want: clk(Clock{DueDate: d("2026-11-04"), PausedDays: 3, RemainingWorkingDays: 14, Level: LevelNormal,
				Concluded: true, ConcludedOn: d("2026-10-15"), OnTime: true}),
		},
		{
			// 2027-12-10 (Fri): 12-13..17 (5), 20..24 (10), 27..31 (15),
			// 2028-01-03..07 (20). 2028 has no schedule: provisional.
			name:   "into a provisional year",
			events: []Event{receipt("2027-12-10", ChannelInPerson), accepted("2027-12-10")},
			asOf:   "2027-12-10",
			want: Clock{ReceiptDate: d("2027-12-10"), FirstReceiptDate: d("2027-12-10"), BaseDueDate: d("2028-01-07"),
				DueDate: d("2028-01-07"), RemainingWorkingDays: 20, Level: LevelNormal, Provisional: true, ProvisionalYears: []int{2028}},
		},
		{
			// 2026-12-01 (Tue): 12-02..04 (3), 07..11 (8), 14..18 (13),
			// 21..25 (18), 28..29 (20).
			name:   "within an official year",
			events: []Event{receipt("2026-12-01", ChannelInPerson), accepted("2026-12-01")},
			asOf:   "2026-12-01",
			want: Clock{ReceiptDate: d("2026-12-01"), FirstReceiptDate: d("2026-12-01"), BaseDueDate: d("2026-12-29"),
				DueDate: d("2026-12-29"), RemainingWorkingDays: 20, Level: LevelNormal},
		},
		{
			// Art 35 date set on 10-21 replaces 11-09. The pause after it,
			// (11-02, 11-06] = 4, moves it: 2027-01-01..03 off, 01-04..07.
			name: "Art 35 custom due date, moved by a later pause",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1),
				customDueEv("2026-10-21", "2026-12-31", "申请数量明显超过合理范围"),
				pauseStart("2026-11-02", PauseAgencyConsultation, 2), pauseEnd("2026-11-06", 2)),
			asOf: "2026-12-31",
			// As of 12-31: 2027-01-04..07 (4).
			want: clk(Clock{DueDate: d("2027-01-07"), PausedDays: 4, RemainingWorkingDays: 4, Level: LevelWarning}),
		},
		{
			// A pause running across the day the Art 35 date was set counts
			// only after it: (10-21, 10-23] = 2 → 12-31 + 2 = 2027-01-05.
			name: "Art 35 date with a pause running through it",
			events: base(pauseStart("2026-10-15", PauseThirdParty, 1),
				customDueEv("2026-10-21", "2026-12-31", ""), pauseEnd("2026-10-23", 1)),
			asOf: "2026-10-23",
			// As of 10-23: 10-26..30 (5), November 2026 (21), December
			// 2026 (23), 2027-01-04..05 (2): 51.
			want: clk(Clock{DueDate: d("2027-01-05"), PausedDays: 2, RemainingWorkingDays: 51, Level: LevelNormal}),
		},
		{
			// Set to Saturday 12-19; the last day moves to Monday 12-21
			// (民法典 Art 203).
			name:   "Art 35 date on a weekend moves to the next working day",
			events: base(customDueEv("2026-10-21", "2026-12-19", "")),
			asOf:   "2026-12-21",
			want:   clk(Clock{DueDate: d("2026-12-21"), RemainingWorkingDays: 0, Level: LevelUrgent}),
		},
		{
			name:   "Art 35 date before the day it is set is ignored",
			events: base(customDueEv("2026-10-21", "2026-10-20", "")),
			asOf:   "2026-10-22",
			want:   clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 6, Level: LevelNormal}),
		},
		{
			name:   "extension after an Art 35 date is ignored",
			events: base(customDueEv("2026-10-21", "2026-12-31", ""), extend("2026-10-22", 20)),
			asOf:   "2026-12-31",
			want:   clk(Clock{DueDate: d("2026-12-31"), RemainingWorkingDays: 0, Level: LevelUrgent}),
		},
		{
			name: "events before the first receipt are ignored",
			events: []Event{pauseStart("2026-09-20", PauseThirdParty, 1), pauseEnd("2026-09-25", 1), concluded("2026-09-26"),
				restart("2026-09-27", ChannelInPerson), receipt("2026-09-28", ChannelInPerson), accepted("2026-09-28")},
			asOf: "2026-09-28",
			want: clk(Clock{DueDate: d("2026-10-30"), RemainingWorkingDays: 20, Level: LevelNormal}),
		},
		{
			name: "duplicate receipt and unmatched pause end are ignored",
			events: base(receipt("2026-10-12", ChannelOnline), pauseEnd("2026-10-13", 7),
				pauseStart("2026-10-14", PauseFee, 1), pauseStart("2026-10-15", PauseFee, 1), pauseEnd("2026-10-16", 1)),
			asOf: "2026-10-16",
			// (10-14, 10-16] = 2 → 11-03; as of 10-16: 10-19..23 (5), 26..30 (10), 11-02..03 (12).
			want: clk(Clock{DueDate: d("2026-11-03"), PausedDays: 2, RemainingWorkingDays: 12, Level: LevelNormal}),
		},
		{
			name:   "no receipt: the clock has not started",
			events: []Event{pauseStart("2026-09-20", PauseThirdParty, 1)},
			asOf:   "2026-09-28",
			want:   Clock{},
		},
		{
			// AsOf zero: read as of the last event (10-20).
			name:   "default AsOf is the last event",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1)),
			// As of 10-20: 10-21..23 (3), 26..30 (8), 11-02..06 (13), 11-09 (14).
			want: clk(Clock{DueDate: d("2026-11-09"), PausedDays: 6, RemainingWorkingDays: 14, Level: LevelNormal}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asOf calendar.Date
			if tt.asOf != "" {
				asOf = d(tt.asOf)
			}
			got := Compute(cal, tt.events, Options{AsOf: asOf})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compute (-want +got):\n%s", diff)
			}
			// The traced computation must agree, and its last step must
			// show the due date.
			traced := Compute(cal, tt.events, Options{AsOf: asOf, Trace: true})
			if diff := cmp.Diff(got, traced, ignoreTrace); diff != "" {
				t.Errorf("Compute with trace differs (-plain +traced):\n%s", diff)
			}
			if got.ReceiptDate.IsZero() {
				return
			}
			if n := len(traced.Trace); n == 0 || traced.Trace[n-1].Due != got.DueDate {
				t.Errorf("trace does not end at the due date %v:\n%s", got.DueDate, traceText(traced.Trace))
			}
		})
	}
}

func traceText(steps []Step) string {
	var b strings.Builder
	for _, s := range steps {
		b.WriteString(s.On.String() + " [" + s.Due.String() + "] " + s.ZH + " | " + s.EN + "\n")
	}
	return b.String()
}

// TestOpenPauseFreezesRemaining: with a third-party pause open from 10-12,
// the remaining days stay at their value on 10-12 (14: 10-13..16, 19..23,
// 26..30) whatever day the clock is read on, while the due date moves.
func TestOpenPauseFreezesRemaining(t *testing.T) {
	events := base(pauseStart("2026-10-12", PauseThirdParty, 1))
	tests := []struct {
		asOf, due string
	}{
		{asOf: "2026-10-12", due: "2026-10-30"},
		{asOf: "2026-10-15", due: "2026-11-04"}, // 3 paused: 11-02..04
		{asOf: "2026-10-17", due: "2026-11-05"}, // 4 paused (Saturday adds none)
		{asOf: "2026-10-18", due: "2026-11-05"},
		{asOf: "2026-11-20", due: "2026-12-10"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			c := Compute(cal, events, Options{AsOf: d(tt.asOf)})
			if c.DueDate != d(tt.due) || c.RemainingWorkingDays != 14 || !c.Paused {
				t.Errorf("as of %s: due %v remaining %d paused %v; want due %s, 14, paused",
					tt.asOf, c.DueDate, c.RemainingWorkingDays, c.Paused, tt.due)
			}
		})
	}
	for x := d("2026-10-12"); x <= d("2027-03-01"); x++ {
		if c := Compute(cal, events, Options{AsOf: x}); c.RemainingWorkingDays != 14 {
			t.Fatalf("as of %v remaining %d, want 14", x, c.RemainingWorkingDays)
		}
	}
	// Before the pause starts it is not paused yet: 10-09 → 10-10 (1),
	// 10-12..16 (6), 19..23 (11), 26..30 (16).
	if c := Compute(cal, events, Options{AsOf: d("2026-10-09")}); c.Paused || c.RemainingWorkingDays != 16 {
		t.Errorf("as of 10-09: paused %v remaining %d", c.Paused, c.RemainingWorkingDays)
	}
}

// TestLevels reads the recurring case (due 10-30) on days with 6, 5, 4, 3,
// 2, 1, 0 and -1, -1, -2 working days left.
func TestLevels(t *testing.T) {
	tests := []struct {
		asOf      string
		remaining int
		level     Level
		custom    Level // with Warning 10, Urgent 4
	}{
		{asOf: "2026-10-22", remaining: 6, level: LevelNormal, custom: LevelWarning}, // 23, 26..30
		{asOf: "2026-10-23", remaining: 5, level: LevelWarning, custom: LevelWarning},
		{asOf: "2026-10-26", remaining: 4, level: LevelWarning, custom: LevelUrgent},
		{asOf: "2026-10-27", remaining: 3, level: LevelWarning, custom: LevelUrgent},
		{asOf: "2026-10-28", remaining: 2, level: LevelUrgent, custom: LevelUrgent},
		{asOf: "2026-10-29", remaining: 1, level: LevelUrgent, custom: LevelUrgent},
		{asOf: "2026-10-30", remaining: 0, level: LevelUrgent, custom: LevelUrgent},    // due today
		{asOf: "2026-10-31", remaining: -1, level: LevelOverdue, custom: LevelOverdue}, // Saturday after
		{asOf: "2026-11-02", remaining: -1, level: LevelOverdue, custom: LevelOverdue},
		{asOf: "2026-11-03", remaining: -2, level: LevelOverdue, custom: LevelOverdue},
		{asOf: "2026-10-12", remaining: 14, level: LevelNormal, custom: LevelNormal},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			c := Compute(cal, base(), Options{AsOf: d(tt.asOf)})
			if c.RemainingWorkingDays != tt.remaining || c.Level != tt.level {
				t.Errorf("remaining %d level %s, want %d %s", c.RemainingWorkingDays, c.Level, tt.remaining, tt.level)
			}
			c = Compute(cal, base(), Options{AsOf: d(tt.asOf), Warning: 10, Urgent: 4})
			if c.Level != tt.custom {
				t.Errorf("custom thresholds: level %s, want %s", c.Level, tt.custom)
			}
		})
	}
}

func TestTrace(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		asOf   string
		want   []Step
	}{
		{
			name: "product owner's example",
			events: []Event{receipt("2026-09-28", ChannelInPerson),
				pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1), extend("2026-11-02", 20)},
			asOf: "2026-11-02",
			want: []Step{
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "收到申请 2026-09-28（当面提交）→ 20 个工作日 → 2026-10-30",
					EN: "Application received 2026-09-28 (in person) → 20 working days → 2026-10-30"},
				{On: d("2026-10-12"), Due: d("2026-11-09"),
					ZH: "征求第三方意见 2026-10-12 至 2026-10-20，不计入 6 个工作日 → 2026-11-09",
					EN: "Third-party consultation 2026-10-12 to 2026-10-20, 6 working days not counted → 2026-11-09"},
				{On: d("2026-11-02"), Due: d("2026-12-07"),
					ZH: "延期 20 个工作日（经负责人批准）→ 2026-12-07",
					EN: "Extended by 20 working days (approved by the head of the disclosure office) → 2026-12-07"},
			},
		},
		{
			name: "restart after correction",
			events: []Event{receipt("2026-09-28", ChannelInPerson), notice("2026-09-30"),
				pauseStart("2026-10-12", PauseThirdParty, 1), restart("2026-11-02", ChannelInPerson)},
			asOf: "2026-11-02",
			want: []Step{
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "收到申请 2026-09-28（当面提交）→ 20 个工作日 → 2026-10-30",
					EN: "Application received 2026-09-28 (in person) → 20 working days → 2026-10-30"},
				{On: d("2026-09-30"), Due: d("2026-10-30"),
					ZH: "发出补正告知 2026-09-30（第三十条），答复期限自收到补正后的申请之日起计算",
					EN: "Correction notice issued 2026-09-30 (Art 30); the clock restarts when the corrected application arrives"},
				{On: d("2026-11-02"), Due: d("2026-11-30"),
					ZH: "补正后重新起算：收到补正后的申请 2026-11-02（当面提交）→ 20 个工作日 → 2026-11-30",
					EN: "Restarted after correction: corrected application received 2026-11-02 (in person) → 20 working days → 2026-11-30"},
			},
		},
		{
			name: "Art 35 date and agency consultation",
			events: []Event{receipt("2026-09-28", ChannelOnline),
				pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1),
				customDueEv("2026-10-21", "2026-12-31", "申请数量明显超过合理范围"),
				pauseStart("2026-11-02", PauseAgencyConsultation, 2), pauseEnd("2026-11-06", 2)},
			asOf: "2026-11-06",
			want: []Step{
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "收到申请 2026-09-28（网上提交）→ 20 个工作日 → 2026-10-30",
					EN: "Application received 2026-09-28 (online) → 20 working days → 2026-10-30"},
				{On: d("2026-10-12"), Due: d("2026-11-09"),
					ZH: "征求第三方意见 2026-10-12 至 2026-10-20，不计入 6 个工作日 → 2026-11-09",
					EN: "Third-party consultation 2026-10-12 to 2026-10-20, 6 working days not counted → 2026-11-09"},
				{On: d("2026-10-21"), Due: d("2026-12-31"),
					ZH: "确定延迟答复的合理期限（第三十五条）2026-10-21，理由：申请数量明显超过合理范围 → 2026-12-31",
					EN: "Reasonable later due date set on 2026-10-21 (Art 35), reason: 申请数量明显超过合理范围 → 2026-12-31"},
				{On: d("2026-11-02"), Due: d("2027-01-07"),
					ZH: "征求其他机关意见 2026-11-02 至 2026-11-06，不计入 4 个工作日 → 2027-01-07",
					EN: "Consultation with another agency 2026-11-02 to 2026-11-06, 4 working days not counted → 2027-01-07"},
			},
		},
		{
			// 2027-11-15 (Mon) + 20 = 12-13. Fee (11-22, 11-26] = 4 → 12-17.
			// Agency consultation open since 12-06, read on 12-24: (12-06,
			// 12-24] = 12-07..10, 13..17, 20..24 = 14 → 12-17 + 14: 12-20..24
			// (5), 27..31 (10), 2028-01-03..06 (14), in provisional 2028.
			name: "fee, open agency consultation, provisional",
			events: []Event{receipt("2027-11-15", ChannelInPerson), accepted("2027-11-15"),
				pauseStart("2027-11-22", PauseFee, 1), pauseEnd("2027-11-26", 1),
				pauseStart("2027-12-06", PauseAgencyConsultation, 2)},
			asOf: "2027-12-24",
			want: []Step{
				{On: d("2027-11-15"), Due: d("2027-12-13"),
					ZH: "收到申请 2027-11-15（当面提交）→ 20 个工作日 → 2027-12-13",
					EN: "Application received 2027-11-15 (in person) → 20 working days → 2027-12-13"},
				{On: d("2027-11-15"), Due: d("2027-12-13"),
					ZH: "申请内容明确，2027-11-15 受理，无需补正",
					EN: "Application complete, accepted 2027-11-15; no correction needed"},
				{On: d("2027-11-22"), Due: d("2027-12-17"),
					ZH: "收费通知 2027-11-22 至缴费 2027-11-26，不计入 4 个工作日 → 2027-12-17",
					EN: "Fee notice 2027-11-22 to payment 2027-11-26, 4 working days not counted → 2027-12-17"},
				{On: d("2027-12-06"), Due: d("2028-01-06"),
					ZH: "征求其他机关意见自 2027-12-06 起，期限暂停（截至 2027-12-24 不计入 14 个工作日）→ 2028-01-06",
					EN: "Consultation with another agency since 2027-12-06: the clock is paused (14 working days not counted as of 2027-12-24) → 2028-01-06"},
				{On: d("2028-01-06"), Due: d("2028-01-06"),
					ZH: "期限涉及 2028 年，该年节假日安排尚无国务院通知在案，期限为临时推算，如有调整将另行告知",
					EN: "The period reaches into 2028, whose holiday schedule has no State Council notice on record: the date is provisional and will be re-told if it changes"},
			},
		},
		{
			name:   "open third-party pause",
			events: base(pauseStart("2026-10-12", PauseThirdParty, 1)),
			asOf:   "2026-10-15",
			want: []Step{
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "收到申请 2026-09-28（当面提交）→ 20 个工作日 → 2026-10-30",
					EN: "Application received 2026-09-28 (in person) → 20 working days → 2026-10-30"},
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "申请内容明确，2026-09-28 受理，无需补正",
					EN: "Application complete, accepted 2026-09-28; no correction needed"},
				{On: d("2026-10-12"), Due: d("2026-11-04"),
					ZH: "征求第三方意见自 2026-10-12 起，期限暂停（截至 2026-10-15 不计入 3 个工作日）→ 2026-11-04",
					EN: "Third-party consultation since 2026-10-12: the clock is paused (3 working days not counted as of 2026-10-15) → 2026-11-04"},
			},
		},
		{
			name: "overlap, late extension refused, late conclusion",
			events: []Event{receipt("2026-09-28", ChannelInPerson),
				pauseStart("2026-10-12", PauseThirdParty, 1), pauseStart("2026-10-15", PauseAgencyConsultation, 2),
				pauseEnd("2026-10-20", 1), pauseEnd("2026-10-23", 2),
				extend("2026-11-13", 10), concluded("2026-11-16")},
			want: []Step{
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "收到申请 2026-09-28（当面提交）→ 20 个工作日 → 2026-10-30",
					EN: "Application received 2026-09-28 (in person) → 20 working days → 2026-10-30"},
				{On: d("2026-10-12"), Due: d("2026-11-12"),
					ZH: "征求第三方意见、征求其他机关意见 2026-10-12 至 2026-10-23（期间重叠，只计一次），不计入 9 个工作日 → 2026-11-12",
					EN: "Third-party consultation and consultation with another agency 2026-10-12 to 2026-10-23 (overlapping, counted once), 9 working days not counted → 2026-11-12"},
				{On: d("2026-11-13"), Due: d("2026-11-12"),
					ZH: "延期 2026-11-13 未计入：延期须在答复期限 2026-11-12 届满前决定（第三十三条）",
					EN: "Extension of 2026-11-13 not applied: an extension must be decided by the due date 2026-11-12 (Art 33)"},
				{On: d("2026-11-16"), Due: d("2026-11-12"),
					ZH: "办结 2026-11-16，超过答复期限 2 个工作日",
					EN: "Concluded 2026-11-16, 2 working days after the due date"},
			},
		},
		{
			name:   "pause after the due date",
			events: base(pauseStart("2026-11-02", PauseThirdParty, 1), pauseEnd("2026-11-04", 1)),
			asOf:   "2026-11-04",
			want: []Step{
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "收到申请 2026-09-28（当面提交）→ 20 个工作日 → 2026-10-30",
					EN: "Application received 2026-09-28 (in person) → 20 working days → 2026-10-30"},
				{On: d("2026-09-28"), Due: d("2026-10-30"),
					ZH: "申请内容明确，2026-09-28 受理，无需补正",
					EN: "Application complete, accepted 2026-09-28; no correction needed"},
				{On: d("2026-11-02"), Due: d("2026-10-30"),
					ZH: "征求第三方意见 2026-11-02 至 2026-11-04，始于答复期限届满之日或之后，期限不变 → 2026-10-30",
					EN: "Third-party consultation 2026-11-02 to 2026-11-04, began on or after the due date; due date unchanged → 2026-10-30"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asOf calendar.Date
			if tt.asOf != "" {
				asOf = d(tt.asOf)
			}
			got := Compute(cal, tt.events, Options{AsOf: asOf, Trace: true})
			if diff := cmp.Diff(tt.want, got.Trace); diff != "" {
				t.Errorf("Trace (-want +got):\n%s\ngot:\n%s", diff, traceText(got.Trace))
			}
			if plain := Compute(cal, tt.events, Options{AsOf: asOf}); plain.Trace != nil {
				t.Error("trace without Options.Trace")
			}
		})
	}
}

func TestCanExtend(t *testing.T) {
	tests := []struct {
		name      string
		events    []Event
		on        string
		days      int
		wantField string // "" = allowed
	}{
		{name: "well before the due date", events: base(), on: "2026-10-20", days: 20},
		{name: "on the due date", events: base(), on: "2026-10-30", days: 1},
		{name: "the day after the due date", events: base(), on: "2026-10-31", days: 20, wantField: "on"},
		{name: "zero days", events: base(), on: "2026-10-20", days: 0, wantField: "days"},
		{name: "21 days", events: base(), on: "2026-10-20", days: 21, wantField: "days"},
		{name: "second extension", events: base(extend("2026-10-12", 5)), on: "2026-10-20", days: 5, wantField: "extension"},
		{name: "a refused first request does not use up the extension",
			events: base(Event{Kind: EventExtension, On: d("2026-10-12"), Days: 5}), on: "2026-10-20", days: 5},
		{name: "not received", events: nil, on: "2026-10-20", days: 5, wantField: "extension"},
		{name: "concluded", events: base(concluded("2026-10-15")), on: "2026-10-20", days: 5, wantField: "extension"},
		{name: "Art 35 date set", events: base(customDueEv("2026-10-12", "2026-12-31", "")), on: "2026-10-20", days: 5, wantField: "extension"},
		{name: "before receipt", events: base(), on: "2026-09-27", days: 5, wantField: "on"},
		// Open pause since 10-12, read on 11-03: (10-12, 11-03] = 16 working
		// days, so the due date is 10-30 + 16 = 11-23 and 11-03 is in time.
		{name: "open pause keeps the due date ahead", events: base(pauseStart("2026-10-12", PauseThirdParty, 1)), on: "2026-11-03", days: 20},
		// Restart: the new clock (due 11-30) has no extension yet.
		{name: "after a restart", events: []Event{receipt("2026-09-28", ChannelInPerson), extend("2026-10-12", 5),
			restart("2026-11-02", ChannelInPerson)}, on: "2026-11-30", days: 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanExtend(cal, tt.events, d(tt.on), tt.days)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("CanExtend = %v, want nil", err)
				}
				return
			}
			var re *RuleError
			if !errors.As(err, &re) {
				t.Fatalf("CanExtend = %v, want *RuleError", err)
			}
			if re.Field != tt.wantField || re.ZH == "" || re.EN == "" {
				t.Errorf("CanExtend = %+v, want field %q with messages", re, tt.wantField)
			}
		})
	}
	err := CanExtend(cal, base(), d("2026-10-31"), 20)
	if got, want := err.Error(), "on: an extension must be decided by the due date 2026-10-30 (Art 33)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestClockJSON(t *testing.T) {
	c := Compute(cal, base(pauseStart("2026-10-12", PauseThirdParty, 1)), Options{AsOf: d("2026-10-15")})
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"receiptDate":"2026-09-28","firstReceiptDate":"2026-09-28","baseDueDate":"2026-10-30","dueDate":"2026-11-04",` +
		`"extendedDays":0,"pausedDays":3,"paused":true,"remainingWorkingDays":14,"level":"normal","provisional":false,` +
		`"correctionNoticeOverdue":false,"awaitingConfirmation":false,"awaitingCorrection":false,"concluded":false,"onTime":false}`
	if string(b) != want {
		t.Errorf("JSON:\n got %s\nwant %s", b, want)
	}
	var back Clock
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestComputeIntoReusesTrace(t *testing.T) {
	var c Clock
	events := base(pauseStart("2026-10-12", PauseThirdParty, 1), pauseEnd("2026-10-20", 1))
	ComputeInto(&c, cal, events, Options{AsOf: d("2026-10-20"), Trace: true})
	first := len(c.Trace)
	ComputeInto(&c, cal, events, Options{AsOf: d("2026-10-20"), Trace: true})
	if len(c.Trace) != first {
		t.Errorf("trace grew from %d to %d steps", first, len(c.Trace))
	}
	ComputeInto(&c, cal, events, Options{AsOf: d("2026-10-20")})
	if c.Trace != nil || c.DueDate != d("2026-11-09") {
		t.Errorf("untraced ComputeInto: %+v", c)
	}
}

func TestComputeDoesNotAllocate(t *testing.T) {
	events := benchEvents()
	var c Clock
	opt := Options{AsOf: d("2026-11-20")}
	if n := testing.AllocsPerRun(100, func() { ComputeInto(&c, cal, events, opt) }); n != 0 {
		t.Errorf("ComputeInto allocated %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { c = Compute(cal, events, opt) }); n != 0 {
		t.Errorf("Compute allocated %v times", n)
	}
	// Invalid events on the untraced path do not allocate either.
	bad := base(extend("2026-11-20", 30), pauseEnd("2026-11-21", 9), customDueEv("2026-11-22", "2026-11-01", ""))
	if n := testing.AllocsPerRun(100, func() { ComputeInto(&c, cal, bad, opt) }); n != 0 {
		t.Errorf("ComputeInto with invalid events allocated %v times", n)
	}
}

// TestManyPauses goes past the 16 pauses kept on the stack.
func TestManyPauses(t *testing.T) {
	events := base()
	// 20 pauses, each from a Monday to the Tuesday after it, weekly from
	// 2026-10-12; the naive walk says where the due date lands.
	mon := d("2026-10-12")
	for i := range 20 {
		s := mon + calendar.Date(7*i)
		events = append(events,
			Event{Kind: EventPauseStart, On: s, PauseKind: PauseFee, PauseID: int32(i)},
			Event{Kind: EventPauseEnd, On: s + 1, PauseID: int32(i)})
	}
	c := Compute(cal, events, Options{AsOf: d("2027-03-01")})
	want := naiveDue(cal, d("2026-09-28"), AnswerDays, func(x calendar.Date) bool {
		for i := range 20 {
			if x == mon+calendar.Date(7*i)+1 {
				return true
			}
		}
		return false
	})
	if c.DueDate != want {
		t.Errorf("due %v, want %v", c.DueDate, want)
	}
}

func TestReceiptDate(t *testing.T) {
	tests := []struct {
		name               string
		ch                 Channel
		arrived, confirmed string
		want               string
	}{
		// Issue 1/10: the platform confirms at once, so an online submission
		// on a rest day is received that calendar day (earlier than the next
		// working day the rule used before).
		{name: "online on a Saturday", ch: ChannelOnline, arrived: "2026-10-17", want: "2026-10-17"},
		{name: "online on a holiday", ch: ChannelOnline, arrived: "2026-10-03", want: "2026-10-03"},
		{name: "online on a 调休 Saturday", ch: ChannelOnline, arrived: "2026-10-10", want: "2026-10-10"},
		{name: "online on a working day", ch: ChannelOnline, arrived: "2026-10-12", want: "2026-10-12"},
		{name: "in person on a 调休 Saturday", ch: ChannelInPerson, arrived: "2026-10-10", want: "2026-10-10"},
		{name: "in person on a Sunday", ch: ChannelInPerson, arrived: "2026-10-18", want: "2026-10-18"},
		{name: "registered post: the signing day", ch: ChannelRegisteredPost, arrived: "2026-10-14", confirmed: "2026-10-16", want: "2026-10-14"},
		{name: "ordinary post: the confirmation day", ch: ChannelOrdinaryPost, arrived: "2026-10-14", confirmed: "2026-10-15", want: "2026-10-15"},
		{name: "ordinary post not confirmed", ch: ChannelOrdinaryPost, arrived: "2026-10-14", want: "2026-10-14"},
		{name: "fax confirmed", ch: ChannelFax, arrived: "2026-10-15", confirmed: "2026-10-16", want: "2026-10-16"},
		{name: "fax unconfirmed on a Saturday", ch: ChannelFax, arrived: "2026-10-17", want: "2026-10-17"},
		{name: "email unconfirmed on a holiday", ch: ChannelEmail, arrived: "2026-10-03", want: "2026-10-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var conf calendar.Date
			if tt.confirmed != "" {
				conf = d(tt.confirmed)
			}
			if got := ReceiptDate(cal, tt.ch, d(tt.arrived), conf); got != d(tt.want) {
				t.Errorf("ReceiptDate = %v, want %s", got, tt.want)
			}
		})
	}
}

func TestConfirmedReceipt(t *testing.T) {
	tests := []struct {
		name, arrived, confirmed, unreachable, want string
	}{
		{name: "confirmed the day it arrived", arrived: "2026-10-14", confirmed: "2026-10-14", want: "2026-10-14"},
		{name: "confirmed later without a reason keeps the arrival", arrived: "2026-10-14", confirmed: "2026-10-19", want: "2026-10-14"},
		{name: "confirmed later, applicant unreachable", arrived: "2026-10-14", confirmed: "2026-10-19", unreachable: "电话无人接听", want: "2026-10-19"},
		{name: "a reason on the arrival day changes nothing", arrived: "2026-10-14", confirmed: "2026-10-14", unreachable: "x", want: "2026-10-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ConfirmedReceipt(d(tt.arrived), d(tt.confirmed), tt.unreachable); got != d(tt.want) {
				t.Errorf("ConfirmedReceipt = %v, want %s", got, tt.want)
			}
		})
	}
	for _, ch := range Channels {
		want := ch == ChannelOrdinaryPost || ch == ChannelFax || ch == ChannelEmail
		if AwaitsConfirmation(ch) != want {
			t.Errorf("AwaitsConfirmation(%s) = %v", ch, !want)
		}
	}
}

func TestCheckReceiptDate(t *testing.T) {
	today := "2026-10-20"
	tests := []struct {
		name             string
		ch               Channel
		arrived, receipt string
		unreachable      string
		wantField        string
	}{
		{name: "in person, same day", ch: ChannelInPerson, arrived: "2026-10-12", receipt: "2026-10-12"},
		{name: "in person, other day", ch: ChannelInPerson, arrived: "2026-10-12", receipt: "2026-10-13", wantField: "receiptDate"},
		{name: "registered post, other day", ch: ChannelRegisteredPost, arrived: "2026-10-12", receipt: "2026-10-14", wantField: "receiptDate"},
		// Issue 1/10: a confirmation later than the arrival keeps the
		// arrival date unless the applicant could not be reached.
		{name: "ordinary post, later confirmation without a reason", ch: ChannelOrdinaryPost, arrived: "2026-10-12", receipt: "2026-10-14", wantField: "unreachableReason"},
		{name: "ordinary post, later confirmation, applicant unreachable", ch: ChannelOrdinaryPost, arrived: "2026-10-12", receipt: "2026-10-14", unreachable: "电话无人接听"},
		{name: "online, next working day", ch: ChannelOnline, arrived: "2026-10-17", receipt: "2026-10-19", wantField: "receiptDate"},
		{name: "online, the submission day", ch: ChannelOnline, arrived: "2026-10-17", receipt: "2026-10-17"},
		{name: "email, before arrival", ch: ChannelEmail, arrived: "2026-10-12", receipt: "2026-10-09", wantField: "receiptDate"},
		{name: "future receipt", ch: ChannelOrdinaryPost, arrived: "2026-10-19", receipt: "2026-10-21", wantField: "receiptDate"},
		{name: "today is fine", ch: ChannelFax, arrived: "2026-10-19", receipt: "2026-10-20", unreachable: "传真号码无法回拨"},
		{name: "future arrival", ch: ChannelInPerson, arrived: "2026-10-21", receipt: "2026-10-21", wantField: "arrivedOn"},
		{name: "unknown channel", ch: "pigeon", arrived: "2026-10-12", receipt: "2026-10-12", wantField: "channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckReceiptDate(cal, tt.ch, d(tt.arrived), d(tt.receipt), d(today), tt.unreachable)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("CheckReceiptDate = %v", err)
				}
				return
			}
			var re *RuleError
			if !errors.As(err, &re) || re.Field != tt.wantField || re.ZH == "" {
				t.Errorf("CheckReceiptDate = %v, want field %s", err, tt.wantField)
			}
		})
	}
	var re *RuleError
	if err := CheckReceiptDate(cal, ChannelInPerson, 0, d(today), d(today), ""); !errors.As(err, &re) || re.Field != "arrivedOn" {
		t.Errorf("missing arrival: %v", err)
	}
	if err := CheckReceiptDate(cal, ChannelInPerson, d(today), 0, d(today), ""); !errors.As(err, &re) || re.Field != "receiptDate" {
		t.Errorf("missing receipt: %v", err)
	}
}

func TestParseChannel(t *testing.T) {
	for _, c := range Channels {
		if got, err := ParseChannel(string(c)); err != nil || got != c {
			t.Errorf("ParseChannel(%q) = %q, %v", c, got, err)
		}
	}
	var re *RuleError
	if _, err := ParseChannel("Online"); !errors.As(err, &re) || re.Field != "channel" {
		t.Errorf("ParseChannel(Online) = %v", err)
	}
}

func TestSubsidiaryClocks(t *testing.T) {
	tests := []struct {
		name string
		got  calendar.Date
		want string
	}{
		// 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
		{name: "correction notice due", got: CorrectionNoticeDue(cal, d("2026-09-28")), want: "2026-10-13"},
		// From 10-13: 10-14..16 (3), 19..23 (8), 26, 27 (10).
		{name: "correction period, default", got: CorrectionPeriodEnd(cal, d("2026-10-13"), 0), want: "2026-10-27"},
		{name: "correction period, 15 days", got: CorrectionPeriodEnd(cal, d("2026-10-13"), 15), want: "2026-11-03"},
		// From 10-12: 10-13..16 (4), 19..23 (9), 26..30 (14), 11-02 (15).
		{name: "consultation reply due", got: ConsultationReplyDue(cal, d("2026-10-12")), want: "2026-11-02"},
		// Sent 09-30, over National Day: 10-08, 09, 10 (3), 12..16 (8),
		// 19..23 (13), 26, 27 (15).
		{name: "consultation over National Day", got: ConsultationReplyDue(cal, d("2026-09-30")), want: "2026-10-27"},
		// From 10-12: 14 working days to 10-30, then 11-02..06 (19), 11-09 (20).
		{name: "fee payment due", got: FeePaymentDue(cal, d("2026-10-12")), want: "2026-11-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != d(tt.want) {
				t.Errorf("got %v, want %s", tt.got, tt.want)
			}
		})
	}
}

// TestReceiptRulesOfIssue1 covers the receipt and correction rules an
// agency lawyer checked by hand (issue 1/10).
func TestReceiptRulesOfIssue1(t *testing.T) {
	tests := []struct {
		name        string
		evs         []Event
		asOf        string
		wantReceipt string
		wantDue     string
		awaiting    bool
		traceHas    string
	}{
		{
			// Saturday 2026-10-17 online: received that day, day 1 is Monday
			// 10-19, so the 20th working day is 2026-11-13 (not 11-16).
			name:        "online on a Saturday",
			evs:         []Event{{Kind: EventReceipt, On: d("2026-10-17"), Channel: ChannelOnline}},
			wantReceipt: "2026-10-17", wantDue: "2026-11-13", traceHas: "当日为休息日，自下一个工作日起计算",
		},
		{
			name:        "ordinary post awaiting confirmation runs from arrival",
			evs:         []Event{{Kind: EventReceipt, On: d("2026-10-14"), Channel: ChannelOrdinaryPost, Basis: BasisArrival}},
			asOf:        "2026-10-20",
			wantReceipt: "2026-10-14", wantDue: "2026-11-11", awaiting: true, traceHas: "待与申请人确认，自到达之日起算",
		},
		{
			name: "confirmed late without a reason keeps the arrival date",
			evs: []Event{{Kind: EventReceipt, On: d("2026-10-14"), Channel: ChannelFax, Basis: BasisArrival},
				{Kind: EventConfirmed, On: d("2026-10-19")}},
			wantReceipt: "2026-10-14", wantDue: "2026-11-11", traceHas: "收到申请之日仍为到达之日 2026-10-14",
		},
		{
			name: "confirmed late, applicant unreachable: the confirmation day",
			evs: []Event{{Kind: EventReceipt, On: d("2026-10-14"), Channel: ChannelEmail, Basis: BasisArrival},
				{Kind: EventConfirmed, On: d("2026-10-19"), Reason: "申请人电话无法接通"}},
			wantReceipt: "2026-10-19", wantDue: "2026-11-16", traceHas: "以确认之日为收到申请之日",
		},
		{
			// Receipt 2026-09-28, notice window ends 2026-10-14 (7 working
			// days, National Day in between); a notice on 10-20 is late and
			// the corrected application must not restart the clock.
			name: "a late correction notice cannot restart the clock",
			evs: []Event{{Kind: EventReceipt, On: d("2026-09-28"), Channel: ChannelInPerson},
				{Kind: EventCorrectionNotice, On: d("2026-10-20")},
				{Kind: EventRestart, On: d("2026-10-22"), Channel: ChannelInPerson}},
			wantReceipt: "2026-09-28", wantDue: "2026-10-30", traceHas: "答复期限不重新起算",
		},
		{
			name: "a timely notice restarts it",
			evs: []Event{{Kind: EventReceipt, On: d("2026-09-28"), Channel: ChannelInPerson},
				{Kind: EventCorrectionNotice, On: d("2026-10-12")},
				{Kind: EventRestart, On: d("2026-10-22"), Channel: ChannelInPerson},
				{Kind: EventAccepted, On: d("2026-10-23")}},
			wantReceipt: "2026-10-22", wantDue: "2026-11-19", traceHas: "补正后的申请 2026-10-23 受理",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asOf calendar.Date
			if tt.asOf != "" {
				asOf = d(tt.asOf)
			}
			c := Compute(cal, tt.evs, Options{AsOf: asOf, Trace: true})
			if c.ReceiptDate != d(tt.wantReceipt) || c.DueDate != d(tt.wantDue) || c.AwaitingConfirmation != tt.awaiting {
				t.Errorf("receipt %v due %v awaiting %v; want %s %s %v", c.ReceiptDate, c.DueDate, c.AwaitingConfirmation, tt.wantReceipt, tt.wantDue, tt.awaiting)
			}
			var all strings.Builder
			for _, s := range c.Trace {
				all.WriteString(s.ZH + "\n")
			}
			if !strings.Contains(all.String(), tt.traceHas) {
				t.Errorf("trace lacks %q:\n%s", tt.traceHas, all.String())
			}
			if strings.Contains(all.String(), "补正") && strings.Contains(all.String(), "无需补正") {
				t.Errorf("trace contradicts itself:\n%s", all.String())
			}
		})
	}
}
