package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// ActCalendarChange is the timeline action of a due date moved by a change
// of the holiday calendar (not an action anyone takes on a case).
const ActCalendarChange = "calendar-change"

// dueUnder computes a case's answer due date under cal as of today; zero
// when its clock has not started.
func dueUnder(cal *calendar.Calendar, evs []clock.Event, today calendar.Date) calendar.Date {
	clk := clock.Compute(cal, evs, clock.Options{AsOf: today})
	if clk.ReceiptDate.IsZero() {
		return 0
	}
	return clk.DueDate
}

// PreviewCalendarChange counts the open cases whose due date moves when
// the calendar changes from before to after, listing the first sample.
func (s *CaseService) PreviewCalendarChange(ctx context.Context, before, after *calendar.Calendar, sample int) (int, []MovedDeadline, error) {
	today := s.today()
	moved, out := 0, []MovedDeadline{}
	_, err := s.followClocks(ctx, func(c *models.Case, evs []clock.Event) (bool, error) {
		if from, to := dueUnder(before, evs, today), dueUnder(after, evs, today); from != to {
			moved++
			if len(out) < sample {
				out = append(out, MovedDeadline{CaseID: c.ID, TrackingNumber: c.TrackingNumber, From: from, To: to})
			}
		}
		return false, nil
	})
	return moved, out, err
}

// FollowCalendarChange makes the open cases follow a calendar change: each
// case whose due date moved gets a public timeline event saying so
// ("期限因节假日安排调整：2027-01-31 → 2027-02-01"), its officers and the
// applicant are told, and every other cached clock is refreshed. It
// returns how many due dates moved.
func (s *CaseService) FollowCalendarChange(ctx context.Context, actor Actor, before, after *calendar.Calendar) (int, error) {
	today := s.today()
	moved := 0
	_, err := s.followClocks(ctx, func(c *models.Case, evs []clock.Event) (bool, error) {
		from, to := dueUnder(before, evs, today), dueUnder(after, evs, today)
		if from == to {
			return refreshClockCache(after, c, correctionOf(c.Correction), evs, today), nil
		}
		if err := s.recordDeadlineMoved(ctx, actor, c.ID, from, to); err != nil {
			return false, fmt.Errorf("case %d: %w", c.ID, err)
		}
		moved++
		return false, nil
	})
	return moved, err
}

// recordDeadlineMoved appends the calendar-change event to one case, with
// its refreshed clock cache, in one transaction.
func (s *CaseService) recordDeadlineMoved(ctx context.Context, actor Actor, id uint, from, to calendar.Date) error {
	return s.DB.Transaction(func(tx *gorm.DB) error {
		c, err := models.FindCaseByID(ctx, tx, id)
		if err != nil {
			return err
		}
		evs, err := decodeClockEvents(c.ClockEvents)
		if err != nil {
			return err
		}
		refreshClockCache(s.cal.Calendar(), c, correctionOf(c.Correction), evs, s.today())
		data := eventData{Public: map[string]any{"from": from, "to": to}}
		e, err := nextEvent(c, actor, s.actorName(ctx, tx, actor), s.Now(), ActCalendarChange, c.Status, c.Status, true, data)
		if err != nil {
			return err
		}
		if err := models.SaveCase(ctx, tx, c); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, e); err != nil {
			return err
		}
		return s.notifier.CaseEvent(ctx, tx, c, e, nil)
	})
}
