package app

import (
	"context"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// sweepBatch bounds the memory of a sweep.
const sweepBatch = 2000

// ReminderService is the deadline sweep: it keeps the open cases' cached
// clocks fresh and reminds staff of deadlines, of the Art 30 correction
// window, of consultations about to lapse, and administrators of holiday
// years without a notice on record. Errors: those of the database.
type ReminderService struct {
	Deps
	cal      *CalendarService
	settings *SettingsService
	notify   *NotificationService
}

// reminder is one reminder the sweep may raise.
type reminder struct {
	key     string
	caseID  uint
	agency  uint
	officer *uint
	kind    string
	// text is the catalogue id of the title and body; data is what they
	// name.
	text string
	data map[string]any
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

// sweep is one run of the deadline sweep.
type sweep struct {
	r       *ReminderService
	cal     *calendar.Calendar
	today   calendar.Date
	workday bool
	rs      RuntimeSettings
	staff   *staffCache
	// provisional counts the open cases whose clock reaches into each year
	// without a State Council notice on record.
	provisional map[int]int
	res         JobResult
	firstErr    error
}

// keep remembers the first error; the sweep goes on past a failed batch.
func (sw *sweep) keep(err error) {
	if err != nil && sw.firstErr == nil {
		sw.firstErr = err
	}
}

// DeadlineSweep computes every open case's clock, refreshes the cached
// clock columns, and on working days raises reminders: at the working days
// left of the reminderThresholds setting (5, 2 and 1 by default), on the due date, on each working day overdue; when
// the Art 30 correction-notice window is about to close; and when a
// consultation's reply period is about to run out. Every reminder has a
// unique key (case, kind, threshold, due date), so running the sweep again,
// or on two servers, sends nothing twice.
func (r *ReminderService) DeadlineSweep(ctx context.Context) (JobResult, error) {
	cal := r.cal.Calendar()
	today := calendar.FromTime(r.Now())
	sw := &sweep{r: r, cal: cal, today: today, workday: cal.IsWorkday(today), rs: r.settings.Get(),
		staff: &staffCache{officers: map[uint][]uint{}, supervisors: map[uint][]uint{}}, provisional: map[int]int{}, res: JobResult{}}
	for lastID := uint(0); ; {
		batch, err := models.FindOpenCasesForSweep(ctx, r.DB, lastID, sweepBatch)
		if err != nil {
			return sw.res, err
		}
		if len(batch) == 0 {
			break
		}
		lastID = batch[len(batch)-1].ID
		sw.batch(ctx, batch)
	}
	if sw.workday {
		sw.keep(r.consultationReminders(ctx, sw.staff, today, sw.res))
	}
	sw.keep(r.warnProvisionalYears(ctx, sw.provisional, sw.res))
	return sw.res, sw.firstErr
}

// batch refreshes the cached clocks of a batch of open cases and raises
// their reminders.
func (sw *sweep) batch(ctx context.Context, cases []*models.Case) {
	var rems []reminder
	var updates []*models.Case
	for _, c := range cases {
		sw.res["cases"]++
		evs, err := decodeClockEvents(c.ClockEvents)
		if err != nil {
			sw.res["errors"]++
			continue
		}
		clk := clock.Compute(sw.cal, evs, clock.Options{AsOf: sw.today, Warning: sw.rs.WarningDays, Urgent: sw.rs.UrgentDays})
		for _, y := range clk.ProvisionalYears {
			sw.provisional[y]++
		}
		// Refresh the cache (paused cases' projected due dates move daily).
		if refreshClockCache(sw.cal, c, correctionOf(c.Correction), evs, sw.today) {
			updates = append(updates, c)
		}
		if sw.workday {
			rems = append(rems, sw.caseReminders(c, clk)...)
		}
	}
	sw.keep(models.SaveClockCaches(ctx, sw.r.DB, updates))
	sw.res["cache_updates"] += len(updates)
	// A failed batch is redone next time: its keys were not kept.
	sw.keep(sw.r.raise(ctx, sw.staff, rems, sw.res))
}

// caseReminders are the reminders a case is due today: of its deadline and
// of its correction window.
func (sw *sweep) caseReminders(c *models.Case, clk clock.Clock) []reminder {
	var rems []reminder
	if rem, ok := sw.deadlineReminder(c, clk); ok {
		rems = append(rems, rem)
	}
	if rem, ok := sw.correctionWindowReminder(c, clk); ok {
		rems = append(rems, rem)
	}
	return rems
}

// deadlineReminder is the reminder of a running clock's answer deadline:
// overdue, due today, or a threshold of working days left reached.
func (sw *sweep) deadlineReminder(c *models.Case, clk clock.Clock) (reminder, bool) {
	if clk.ReceiptDate.IsZero() || clk.Paused || clk.AwaitingCorrection || clk.Concluded {
		return reminder{}, false
	}
	due, r := clk.DueDate, clk.RemainingWorkingDays
	rem := reminder{caseID: c.ID, agency: c.AgencyID, officer: c.AssigneeID, supervisors: true,
		data: map[string]any{"Tracking": c.TrackingNumber, "Title": c.Title, "Due": due.String(), "Days": max(r, -r)}}
	switch {
	case r < 0:
		rem.key = fmt.Sprintf("deadline:%d:overdue:%s:%s", c.ID, due, sw.today)
		rem.kind, rem.text = "reminder.overdue", "reminder.overdue"
		return rem, true
	case r == 0:
		rem.key = fmt.Sprintf("deadline:%d:due_today:%s", c.ID, due)
		rem.kind, rem.text = "reminder.due_today", "reminder.due_today"
		return rem, true
	}
	t := tightestThreshold(sw.rs.ReminderThresholds, r)
	if t == 0 {
		return reminder{}, false
	}
	rem.key = fmt.Sprintf("deadline:%d:%d:%s", c.ID, t, due)
	rem.kind, rem.text = fmt.Sprintf("reminder.days_left.%d", t), "reminder.days_left"
	// Supervisors hear of the last two working days (decisions.md,
	// "Warning levels").
	rem.supervisors = t <= 2
	return rem, true
}

// tightestThreshold is the smallest threshold at or above left, 0 when
// none is: a missed day never produces a message that understates the
// urgency.
func tightestThreshold(thresholds []int, left int) int {
	t := 0
	for _, th := range thresholds {
		if left <= th && (t == 0 || th < t) {
			t = th
		}
	}
	return t
}

// correctionWindowReminder warns that the Art 30 correction notice window
// of a registered case closes within two working days.
func (sw *sweep) correctionWindowReminder(c *models.Case, clk clock.Clock) (reminder, bool) {
	// Art 30: the one correction notice must go out within 7 working days
	// of receipt.
	if c.Status != models.StatusRegistered || clk.CorrectionNoticeDue.IsZero() {
		return reminder{}, false
	}
	left := sw.cal.WorkdaysBetween(sw.today, clk.CorrectionNoticeDue)
	if clk.CorrectionNoticeDue < sw.today {
		left = -1
	}
	if left > 2 {
		return reminder{}, false
	}
	return reminder{key: fmt.Sprintf("correction_window:%d:%s", c.ID, clk.CorrectionNoticeDue), caseID: c.ID, agency: c.AgencyID, officer: c.AssigneeID,
		kind: "reminder.correction_window", text: "reminder.correction_window",
		data: map[string]any{"Tracking": c.TrackingNumber, "Title": c.Title, "Due": clk.CorrectionNoticeDue.String()}}, true
}

// warnProvisionalYears tells the administrators, once per year, that open
// cases' deadlines reach into a year whose holiday schedule has no State
// Council notice on record, so that they confirm it (decisions.md,
// "Working days").
func (r *ReminderService) warnProvisionalYears(ctx context.Context, provisional map[int]int, res JobResult) error {
	if len(provisional) == 0 {
		return nil
	}
	admins, err := models.FindActiveAdminIDs(ctx, r.DB)
	if err != nil {
		return err
	}
	years := make([]int, 0, len(provisional))
	for y := range provisional {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		key := fmt.Sprintf("calendar:provisional:%d", y)
		err := r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			got, err := models.InsertReminderKeys(ctx, tx, []models.NewReminderKey{{Key: key}}, r.Now())
			if err != nil || len(got) == 0 {
				return err
			}
			res["provisional_year_warnings"]++
			return r.notify.sendMany(ctx, tx, []notice{{to: admins, m: provisionalYearMessage(y, provisional[y])}})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// provisionalYearMessage asks the administrators to confirm year's
// holiday schedule, which cases open deadlines reach into.
func provisionalYearMessage(year, cases int) message {
	return message{kind: "calendar.provisional_year", text: "calendar.provisional_year",
		data: map[string]any{"Year": year, "Cases": cases}, link: "/staff/admin/calendar", staff: true}
}

// raise stores the reminders whose keys are new, with their notifications,
// in one transaction and a few batched statements.
func (r *ReminderService) raise(ctx context.Context, staff *staffCache, rems []reminder, res JobResult) error {
	fresh, err := r.unrecorded(ctx, rems)
	if err != nil || len(fresh) == 0 {
		return err
	}
	return r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		keys := make([]models.NewReminderKey, len(fresh))
		for i, rem := range fresh {
			keys[i] = models.NewReminderKey{Key: rem.key, CaseID: rem.caseID}
		}
		// The keys are the guard: only the ones this run inserted are
		// sent, so a racing runner's reminders are not sent again.
		got, err := models.InsertReminderKeys(ctx, tx, keys, r.Now())
		if err != nil {
			return err
		}
		inserted := map[string]bool{}
		for _, k := range got {
			inserted[k] = true
		}
		var batch []notice
		for _, rem := range fresh {
			if !inserted[rem.key] {
				continue
			}
			to, err := rem.recipients(ctx, tx, staff)
			if err != nil {
				return err
			}
			batch = append(batch, notice{to: to, m: rem.message()})
			res["reminders"]++
		}
		return r.notify.sendMany(ctx, tx, batch)
	})
}

// unrecorded drops the reminders whose keys are recorded already, and
// repeats within rems.
func (r *ReminderService) unrecorded(ctx context.Context, rems []reminder) ([]reminder, error) {
	if len(rems) == 0 {
		return nil, nil
	}
	keys := make([]string, len(rems))
	for i, rem := range rems {
		keys[i] = rem.key
	}
	have, err := models.FindReminderKeys(ctx, r.DB, keys)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, k := range have {
		seen[k] = true
	}
	var fresh []reminder
	for _, rem := range rems {
		if !seen[rem.key] {
			seen[rem.key] = true
			fresh = append(fresh, rem)
		}
	}
	return fresh, nil
}

// recipients are the case's officer (or, unassigned, every officer of the
// agency) and, for the urgent ones, the agency's supervisors.
func (rem reminder) recipients(ctx context.Context, tx *gorm.DB, staff *staffCache) ([]uint, error) {
	var to []uint
	if rem.officer != nil {
		to = append(to, *rem.officer)
	} else {
		ids, err := staff.get(ctx, tx, rem.agency, models.RoleOfficer)
		if err != nil {
			return nil, err
		}
		to = append(to, ids...)
	}
	if rem.supervisors {
		ids, err := staff.get(ctx, tx, rem.agency, models.RoleSupervisor)
		if err != nil {
			return nil, err
		}
		to = append(to, ids...)
	}
	return to, nil
}

// message is the staff notification of the reminder.
func (rem reminder) message() message {
	id := rem.caseID
	return message{kind: rem.kind, text: rem.text, data: rem.data, link: fmt.Sprintf("/staff/cases/%d", rem.caseID), caseID: &id, staff: true}
}

// consultationReminders warns of consultations and assistance tasks whose
// reply period ends within two working days.
func (r *ReminderService) consultationReminders(ctx context.Context, staff *staffCache, today calendar.Date, res JobResult) error {
	horizon := r.cal.Calendar().AddWorkdays(today, 2)
	cs, err := models.FindConsultationsDueBetween(ctx, r.DB, today.String(), horizon.String())
	if err != nil || len(cs) == 0 {
		return err
	}
	ids := make([]uint, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.CaseID)
	}
	ks, err := models.FindCasesForReminders(ctx, r.DB, uniq(ids))
	if err != nil {
		return err
	}
	byID := map[uint]*models.Case{}
	for i := range ks {
		byID[ks[i].ID] = &ks[i]
	}
	var rems []reminder
	for _, c := range cs {
		if k := byID[c.CaseID]; k != nil && k.Status.IsOpen() {
			rems = append(rems, consultationReminder(c, k))
		}
	}
	return r.raise(ctx, staff, rems, res)
}

// consultationReminder reminds the case's officer of a consultation's
// reply period, or the assisting agency of its task.
func consultationReminder(c models.Consultation, k *models.Case) reminder {
	r := reminder{key: fmt.Sprintf("consultation:%d:%s", c.ID, c.ReplyDue), caseID: k.ID, agency: k.AgencyID, officer: k.AssigneeID,
		kind: "reminder.consultation", text: "reminder.consultation",
		data: map[string]any{"Tracking": k.TrackingNumber, "Title": k.Title, "Party": c.PartyName, "Due": c.ReplyDue}}
	if c.Kind == models.ConsultAssistance && c.PartyAgencyID != nil {
		// The assisting agency is reminded of its task.
		r.agency, r.officer, r.text = *c.PartyAgencyID, nil, "reminder.assistance"
	}
	return r
}
