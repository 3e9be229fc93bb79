package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// DeadlineThresholds are the remaining working days at which staff are
// reminded (the deadline sweep, decisions.md "Warning levels").
var DeadlineThresholds = []int{5, 2, 1}

// sweepBatch bounds the memory of a sweep.
const sweepBatch = 2000

type sweepCase struct {
	ID              uint
	AgencyID        uint
	AssigneeID      *uint
	Status          models.Status
	TrackingNumber  string
	Title           string
	ClockEvents     string
	State           string
	DueDate         string
	ClockState      models.ClockState
	Paused          bool
	FrozenRemaining int
	Extended        bool
	Version         int
}

// reminder is one reminder the sweep may raise.
type reminder struct {
	key     string
	caseID  uint
	agency  uint
	officer *uint
	kind    string
	title   string
	body    string
	// supervisors are told as well.
	supervisors bool
}

// staffCache remembers each agency's officers and supervisors for a run.
type staffCache struct {
	officers    map[uint][]uint
	supervisors map[uint][]uint
}

// get reads through db, the caller's transaction when there is one (an
// SQLite database in memory has one connection).
func (c *staffCache) get(ctx context.Context, db *gorm.DB, agency uint, role models.Role) ([]uint, error) {
	m := c.officers
	if role == models.RoleSupervisor {
		m = c.supervisors
	}
	if ids, ok := m[agency]; ok {
		return ids, nil
	}
	ids, err := agencyStaff(ctx, db, agency, role)
	m[agency] = ids
	return ids, err
}

// DeadlineSweep computes every open case's clock, refreshes the cached
// clock columns, and on working days raises reminders: at 5, 2 and 1
// working days left, on the due date, on each working day overdue; when
// the Art 30 correction-notice window is about to close; and when a
// consultation's reply period is about to run out. Every reminder has a
// unique key (case, kind, threshold, due date), so running the sweep again,
// or on two servers, sends nothing twice.
func (s *Services) DeadlineSweep(ctx context.Context) (JobResult, error) {
	res := JobResult{}
	cal := s.Calendar.Calendar()
	today := calendar.FromTime(s.Deps.Now())
	workday := cal.IsWorkday(today)
	rs := s.Settings.Get()
	staff := &staffCache{officers: map[uint][]uint{}, supervisors: map[uint][]uint{}}
	lastID := uint(0)
	var firstErr error
	// provisional counts the open cases whose clock reaches into each year
	// without a State Council notice on record.
	provisional := map[int]int{}
	for {
		var batch []sweepCase
		err := s.Deps.DB.WithContext(ctx).Model(&models.Case{}).
			Select("id, agency_id, assignee_id, status, tracking_number, title, clock_events, state, due_date, clock_state, paused, frozen_remaining, extended, version").
			Where("status IN ? AND id > ?", models.OpenStatuses, lastID).Order("id").Limit(sweepBatch).Find(&batch).Error
		if err != nil {
			return res, err
		}
		if len(batch) == 0 {
			break
		}
		lastID = batch[len(batch)-1].ID
		var waiting []uint
		for _, sc := range batch {
			if sc.Status == models.StatusCorrectionRequested {
				waiting = append(waiting, sc.ID)
			}
		}
		corrections, err := models.FindCaseCorrectionsByCase(ctx, s.Deps.DB, waiting)
		if err != nil {
			return res, err
		}
		var rems []reminder
		var updates []*models.Case
		for i := range batch {
			sc := &batch[i]
			res["cases"]++
			evs, err := decodeClockEvents(sc.ClockEvents)
			if err != nil {
				res["errors"]++
				continue
			}
			clk := clock.Compute(cal, evs, clock.Options{AsOf: today, Warning: rs.WarningDays, Urgent: rs.UrgentDays})
			for _, y := range clk.ProvisionalYears {
				provisional[y]++
			}
			// Refresh the cache (paused cases' projected due dates move daily).
			c := &models.Case{ID: sc.ID, DueDate: sc.DueDate, ClockState: sc.ClockState, Paused: sc.Paused, FrozenRemaining: sc.FrozenRemaining, Extended: sc.Extended, Version: sc.Version}
			if refreshClockCache(cal, c, correctionOf(corrections[sc.ID]), evs, today) {
				updates = append(updates, c)
			}
			if !workday {
				continue
			}
			ref := "【" + sc.TrackingNumber + "】"
			due := clk.DueDate
			if !clk.ReceiptDate.IsZero() && !clk.Paused && !clk.AwaitingCorrection && !clk.Concluded {
				r := clk.RemainingWorkingDays
				base := reminder{caseID: sc.ID, agency: sc.AgencyID, officer: sc.AssigneeID, supervisors: true}
				switch {
				case r < 0:
					base.key = fmt.Sprintf("deadline:%d:overdue:%s:%s", sc.ID, due, today)
					base.kind, base.title = "reminder.overdue", ref+fmt.Sprintf("已逾期 %d 个工作日", -r)
					base.body = fmt.Sprintf("申请“%s”的答复期限为 %s，已逾期 %d 个工作日，请尽快答复。", sc.Title, due, -r)
					rems = append(rems, base)
				case r == 0:
					base.key = fmt.Sprintf("deadline:%d:due_today:%s", sc.ID, due)
					base.kind, base.title = "reminder.due_today", ref+"今天是答复期限"
					base.body = fmt.Sprintf("申请“%s”的答复期限为今天（%s）。", sc.Title, due)
					rems = append(rems, base)
				default:
					// The tightest threshold reached; a missed day never
					// produces a message that understates the urgency.
					t := 0
					for _, th := range DeadlineThresholds {
						if r <= th {
							t = th
						}
					}
					if t > 0 {
						base.key = fmt.Sprintf("deadline:%d:%d:%s", sc.ID, t, due)
						base.kind, base.title = fmt.Sprintf("reminder.days_left.%d", t), ref+fmt.Sprintf("剩余 %d 个工作日", r)
						base.body = fmt.Sprintf("申请“%s”的答复期限为 %s，剩余 %d 个工作日。", sc.Title, due, r)
						base.supervisors = t <= 2
						rems = append(rems, base)
					}
				}
			}
			// Art 30: the one correction notice must go out within 7
			// working days of receipt.
			if sc.Status == models.StatusRegistered && !clk.CorrectionNoticeDue.IsZero() {
				left := cal.WorkdaysBetween(today, clk.CorrectionNoticeDue)
				if clk.CorrectionNoticeDue < today {
					left = -1
				}
				if left <= 2 {
					rems = append(rems, reminder{key: fmt.Sprintf("correction_window:%d:%s", sc.ID, clk.CorrectionNoticeDue), caseID: sc.ID, agency: sc.AgencyID, officer: sc.AssigneeID,
						kind: "reminder.correction_window", title: ref + "补正告知期限将届满",
						body: fmt.Sprintf("申请“%s”如需补正，应于 %s 前一次性告知申请人（《条例》第三十条）；内容明确的请及时受理。", sc.Title, clk.CorrectionNoticeDue)})
				}
			}
		}
		if err := models.SaveClockCaches(ctx, s.Deps.DB, updates); err != nil && firstErr == nil {
			firstErr = err
		}
		res["cache_updates"] += len(updates)
		if err := s.raise(ctx, staff, rems, res); err != nil && firstErr == nil {
			// A failed batch is redone next time: its keys were not kept.
			firstErr = err
		}
	}
	if workday {
		if err := s.consultationReminders(ctx, staff, today, res); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := s.warnProvisionalYears(ctx, provisional, res); err != nil && firstErr == nil {
		firstErr = err
	}
	return res, firstErr
}

// warnProvisionalYears tells the administrators, once per year, that open
// cases' deadlines reach into a year whose holiday schedule has no State
// Council notice on record, so that they confirm it (decisions.md,
// "Working days").
func (s *Services) warnProvisionalYears(ctx context.Context, provisional map[int]int, res JobResult) error {
	if len(provisional) == 0 {
		return nil
	}
	var admins []uint
	if err := s.Deps.DB.WithContext(ctx).Model(&models.User{}).Where("role = ? AND active = ?", models.RoleAdmin, true).Order("id").Pluck("id", &admins).Error; err != nil {
		return err
	}
	years := make([]int, 0, len(provisional))
	for y := range provisional {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		key := fmt.Sprintf("calendar:provisional:%d", y)
		err := s.Deps.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			var got []string
			if err := tx.Raw("INSERT INTO reminder_keys (key, case_id, created_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING RETURNING key", key, s.Deps.Now()).Scan(&got).Error; err != nil {
				return err
			}
			if len(got) == 0 {
				return nil
			}
			res["provisional_year_warnings"]++
			return s.Notifications.sendMany(ctx, tx, []notice{{to: admins, m: message{kind: "calendar.provisional_year",
				title: fmt.Sprintf("%d 年节假日安排尚未确认", y),
				body:  fmt.Sprintf("%d 件在办申请的期限涉及 %d 年，该年国务院节假日安排尚无通知在案，期限为临时推算。请在国务院公布后核对日历并确认该年安排。", provisional[y], y),
				link:  "/staff/admin/calendar", staff: true}}})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// raise stores the reminders whose keys are new, with their notifications,
// in one transaction and a few batched statements.
func (s *Services) raise(ctx context.Context, staff *staffCache, rems []reminder, res JobResult) error {
	if len(rems) == 0 {
		return nil
	}
	keys := make([]string, len(rems))
	for i, r := range rems {
		keys[i] = r.key
	}
	var have []string
	for start := 0; start < len(keys); start += 500 {
		var part []string
		if err := s.Deps.DB.WithContext(ctx).Model(&models.ReminderKey{}).Where("key IN ?", keys[start:min(start+500, len(keys))]).Pluck("key", &part).Error; err != nil {
			return err
		}
		have = append(have, part...)
	}
	seen := map[string]bool{}
	for _, k := range have {
		seen[k] = true
	}
	var fresh []reminder
	for _, r := range rems {
		if !seen[r.key] {
			seen[r.key] = true
			fresh = append(fresh, r)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	return s.Deps.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.Deps.Now()
		// The keys are the guard: RETURNING tells which ones this run
		// inserted, so a racing runner's reminders are not sent again.
		inserted := map[string]bool{}
		for start := 0; start < len(fresh); start += 300 {
			part := fresh[start:min(start+300, len(fresh))]
			var sb strings.Builder
			args := make([]any, 0, 3*len(part))
			sb.WriteString("INSERT INTO reminder_keys (key, case_id, created_at) VALUES ")
			for i, r := range part {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString("(?, ?, ?)")
				args = append(args, r.key, r.caseID, now)
			}
			sb.WriteString(" ON CONFLICT DO NOTHING RETURNING key")
			var got []string
			if err := tx.Raw(sb.String(), args...).Scan(&got).Error; err != nil {
				return err
			}
			for _, k := range got {
				inserted[k] = true
			}
		}
		var batch []notice
		for _, r := range fresh {
			if !inserted[r.key] {
				continue
			}
			var to []uint
			if r.officer != nil {
				to = append(to, *r.officer)
			} else {
				ids, err := staff.get(ctx, tx, r.agency, models.RoleOfficer)
				if err != nil {
					return err
				}
				to = append(to, ids...)
			}
			if r.supervisors {
				ids, err := staff.get(ctx, tx, r.agency, models.RoleSupervisor)
				if err != nil {
					return err
				}
				to = append(to, ids...)
			}
			id := r.caseID
			batch = append(batch, notice{to: to, m: message{kind: r.kind, title: r.title, body: r.body, link: fmt.Sprintf("/staff/cases/%d", r.caseID), caseID: &id, staff: true}})
			res["reminders"]++
		}
		return s.Notifications.sendMany(ctx, tx, batch)
	})
}

// consultationReminders warns of consultations and assistance tasks whose
// reply period ends within two working days.
func (s *Services) consultationReminders(ctx context.Context, staff *staffCache, today calendar.Date, res JobResult) error {
	cal := s.Calendar.Calendar()
	horizon := cal.AddWorkdays(today, 2)
	var cs []models.Consultation
	err := s.Deps.DB.WithContext(ctx).Where("status = ? AND reply_due >= ? AND reply_due <= ?", "open", today.String(), horizon.String()).Find(&cs).Error
	if err != nil || len(cs) == 0 {
		return err
	}
	ids := make([]uint, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.CaseID)
	}
	var ks []models.Case
	if err := s.Deps.DB.WithContext(ctx).Select("id, agency_id, assignee_id, tracking_number, title, status").Where("id IN ?", uniq(ids)).Find(&ks).Error; err != nil {
		return err
	}
	byID := map[uint]*models.Case{}
	for i := range ks {
		byID[ks[i].ID] = &ks[i]
	}
	var rems []reminder
	for _, c := range cs {
		k := byID[c.CaseID]
		if k == nil || !k.Status.IsOpen() {
			continue
		}
		r := reminder{key: fmt.Sprintf("consultation:%d:%s", c.ID, c.ReplyDue), caseID: k.ID, agency: k.AgencyID, officer: k.AssigneeID,
			kind: "reminder.consultation", title: "【" + k.TrackingNumber + "】征求意见期限将届满",
			body: fmt.Sprintf("申请“%s”向%s征求意见的期限为 %s。", k.Title, c.PartyName, c.ReplyDue)}
		if c.Kind == "assistance" && c.PartyAgencyID != nil {
			// The assisting agency is reminded of its task.
			r.agency, r.officer, r.title = *c.PartyAgencyID, nil, "【"+k.TrackingNumber+"】协办期限将届满"
			r.body = fmt.Sprintf("协办任务（申请“%s”）的回复期限为 %s。", k.Title, c.ReplyDue)
		}
		rems = append(rems, r)
	}
	return s.raise(ctx, staff, rems, res)
}
