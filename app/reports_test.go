package app_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"gongkai/app"
	"gongkai/app/calendar"
	"gongkai/migrations/dbtest"
	"gongkai/models"
)

func yes() *bool { b := true; return &b }

func (w *world) answer(id uint, outcome string, fill func(*app.AnswerInput)) {
	w.t.Helper()
	w.act("demo-officer", id, models.ActDraftAnswer, func(in app.Versioned) {
		x := in.(*app.AnswerInput)
		x.Outcome, x.LegalBasis, x.Text = outcome, "《中华人民共和国政府信息公开条例》", "答复内容：经审查，现答复如下。"
		if outcome == "partially_disclosed" || len(outcome) > 13 && outcome[:13] == "not_disclosed" {
			x.WithheldReasons = "涉及第三方商业秘密"
		}
		if fill != nil {
			fill(x)
		}
	})
	w.act("demo-supervisor", id, models.ActDecideAnswer, func(in app.Versioned) { in.(*app.DecisionInput).Approve = yes() })
}

// row returns a report row's values.
func row(r *app.AnnualReport, key string) map[string]int {
	for _, x := range r.Rows {
		if x.Key == key {
			return x.Values
		}
	}
	return nil
}

func checksOK(t *testing.T, r *app.AnnualReport) {
	t.Helper()
	if len(r.Checks) == 0 {
		t.Fatal("no checks")
	}
	for _, c := range r.Checks {
		if !c.OK {
			t.Errorf("%d: check %s [%s] fails: %s", r.Year, c.Rule, c.Column, c.Detail)
		}
	}
}

// TestAnnualReportByHand: a year's cases whose table is worked out by hand,
// across the year boundary.
func TestAnnualReportByHand(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db, at("2025-03-03", "10:00"), nil)
		desc := "申请公开某项政府信息的全文内容。"
		// A: natural person, 2025-03-03, a 40-page fee paid, disclosed 03-20,
		// then a reconsideration (upheld) and a lawsuit after it (pending).
		a := w.file("demo-applicant", "A 信息", desc).Case.ID
		w.act("demo-officer", a, models.ActAccept, nil)
		w.act("demo-officer", a, models.ActIssueFeeNotice, func(in app.Versioned) {
			x := in.(*app.FeeNoticeInput)
			x.Method, x.Pages = "per_page", 40
		})
		w.clock.Set(at("2025-03-10", "10:00"))
		w.act("demo-applicant", a, models.ActRecordPayment, nil)
		w.clock.Set(at("2025-03-20", "10:00"))
		w.answer(a, "disclosed", nil)
		w.clock.Set(at("2025-08-01", "10:00"))
		w.act("demo-officer", a, models.ActRecordRemedy, func(in app.Versioned) {
			x := in.(*app.RemedyInput)
			x.Kind, x.FiledOn, x.Result, x.DecidedOn = "reconsideration", "2025-05-01", "upheld", "2025-06-01"
		})
		w.act("demo-officer", a, models.ActRecordRemedy, func(in app.Versioned) {
			x := in.(*app.RemedyInput)
			x.Kind, x.FiledOn, x.Result = "litigation_after_reconsideration", "2025-07-01", "pending"
		})
		// D: withdrawn 2025-05-12.
		w.clock.Set(at("2025-05-12", "10:00"))
		d := w.file("demo-applicant", "D 信息", desc).Case.ID
		w.act("demo-applicant", d, models.ActWithdraw, nil)
		// E: correction lapses (closed 2025-06-16).
		w.clock.Set(at("2025-06-02", "10:00"))
		e := w.file("demo-applicant", "E 信息", desc).Case.ID
		w.act("demo-officer", e, models.ActRequestCorrection, func(in app.Versioned) {
			x := in.(*app.CorrectionInput)
			x.Items, x.PeriodDays = []string{"请写明文号"}, 5
		})
		w.clock.Set(at("2025-06-16", "01:00"))
		w.run("period-expiry")
		// F: received 2025-11-03, still open.
		w.clock.Set(at("2025-11-03", "10:00"))
		w.file("demo-applicant", "F 信息", desc)
		// B: a law firm, received 2025-12-15, partly disclosed 2026-01-08.
		w.clock.Set(at("2025-12-15", "10:00"))
		b := w.file("demo-org", "B 信息", desc).Case.ID
		// C: received 2025-12-22, corrected 2026-01-06: still new in 2025,
		// the year it was first received (issue 1/10), carried into 2026;
		// referred (Art 36(5)) 2026-01-20.
		w.clock.Set(at("2025-12-22", "10:00"))
		c := w.file("demo-applicant", "C 信息", desc).Case.ID
		w.clock.Set(at("2025-12-23", "10:00"))
		w.act("demo-officer", c, models.ActRequestCorrection, func(in app.Versioned) { in.(*app.CorrectionInput).Items = []string{"请写明项目名称"} })
		w.clock.Set(at("2026-01-06", "10:00"))
		w.act("demo-applicant", c, models.ActSubmitCorrection, func(in app.Versioned) {
			in.(*app.SubmitCorrectionInput).Description = "补正：申请公开鹏泉街道某项目的批复。"
		})
		w.clock.Set(at("2026-01-08", "10:00"))
		w.act("demo-officer", b, models.ActAccept, nil)
		w.answer(b, "partially_disclosed", nil)
		w.clock.Set(at("2026-01-20", "10:00"))
		w.act("demo-officer", c, models.ActRefer, func(in app.Versioned) {
			x := in.(*app.ReferInput)
			x.ReferralAgencyID, x.Text = 4, "该信息由区自然资源局制作并保存。"
		})
		w.act("demo-supervisor", c, models.ActDecideAnswer, func(in app.Versioned) { in.(*app.DecisionInput).Approve = yes() })

		w.clock.Set(at("2026-02-10", "10:00"))
		sup := w.users["demo-supervisor"]
		r25, err := w.svc.Reports.Annual(ctx, sup, 2025, 0)
		if err != nil {
			t.Fatal(err)
		}
		checksOK(t, r25)
		// 2025: new — natural A, D, E, F and C (a correction received in
		// 2026 does not move it, issue 1/10); legal service B. Results: A
		// disclosed, D withdrawn （六）3, E abandoned （六）1. Carried out:
		// F, C and B.
		want25 := map[string]map[string]int{
			"new":                     {"natural": 5, "legal_service": 1, "total": 6},
			"carried_in":              {"total": 0},
			"disclosed":               {"natural": 1, "total": 1},
			"other.withdrawn":         {"natural": 1, "total": 1},
			"other.correction_lapsed": {"natural": 1, "total": 1},
			"total":                   {"natural": 3, "legal_service": 0, "total": 3},
			"carried_out":             {"natural": 2, "legal_service": 1, "total": 3},
		}
		for k, cols := range want25 {
			for col, n := range cols {
				if got := row(r25, k)[col]; got != n {
					t.Errorf("2025 %s/%s = %d, want %d", k, col, got, n)
				}
			}
		}
		if r25.FeeIncome != 100 {
			t.Errorf("2025 fee income %d, want 100 (40 pages: 10 × 10 yuan)", r25.FeeIncome)
		}
		if r25.Remedies.Values["reconsideration.upheld"] != 1 || r25.Remedies.Values["reconsideration.total"] != 1 ||
			r25.Remedies.Values["litigation_after_reconsideration.pending"] != 1 || r25.Remedies.Values["litigation_direct.total"] != 0 {
			t.Errorf("2025 remedies %v", r25.Remedies.Values)
		}
		r26, err := w.svc.Reports.Annual(ctx, sup, 2026, 1)
		if err != nil {
			t.Fatal(err)
		}
		checksOK(t, r26)
		// 2026 (as of 02-10): carried in F, C and B; nothing new; results B
		// partly disclosed, C referred （四）1; carried out (still open) F.
		// The 2025 结转下年度 equals the 2026 上年结转 in every column.
		want26 := map[string]map[string]int{
			"carried_in":          {"natural": 2, "legal_service": 1, "total": 3},
			"new":                 {"natural": 0, "total": 0},
			"partially_disclosed": {"legal_service": 1, "total": 1},
			"unable.not_held":     {"natural": 1, "total": 1},
			"total":               {"natural": 1, "legal_service": 1, "total": 2},
			"carried_out":         {"natural": 1, "total": 1},
		}
		for k, cols := range want26 {
			for col, n := range cols {
				if got := row(r26, k)[col]; got != n {
					t.Errorf("2026 %s/%s = %d, want %d", k, col, got, n)
				}
			}
		}
		// The 2025 结转下年度 equals the 2026 上年结转 in every column.
		r26all, err := w.svc.Reports.Annual(ctx, sup, 2026, 0)
		if err != nil {
			t.Fatal(err)
		}
		checksOK(t, r26all)
		for _, col := range app.AnnualColumns {
			if out, in := row(r25, "carried_out")[col.Key], row(r26all, "carried_in")[col.Key]; out != in {
				t.Errorf("%s: 2025 carried out %d, 2026 carried in %d", col.Key, out, in)
			}
		}
		// Another agency's report is empty; an officer cannot see the whole
		// government's.
		r4, err := w.svc.Reports.Annual(ctx, sup, 2025, 4)
		if err != nil || row(r4, "new")["total"] != 0 {
			t.Fatalf("agency 4: %v %v", err, row(r4, "new"))
		}
		if _, err := w.svc.Reports.Annual(ctx, w.users["demo-officer"], 2025, 0); models.ErrorKind(err) != models.KindForbidden {
			t.Fatalf("officer, whole government: %v", err)
		}

		// Locking 2025: the published figures stay; a later change shows as
		// a correction.
		if _, err := w.svc.Reports.LockAnnual(ctx, sup, 2026, 0); models.ErrorKind(err) != models.KindInvalid {
			t.Fatalf("locking the current year: %v", err)
		}
		locked, err := w.svc.Reports.LockAnnual(ctx, sup, 2025, 0)
		if err != nil || !locked.Locked || len(locked.Corrections) != 0 {
			t.Fatalf("lock: %v %+v", err, locked)
		}
		if _, err := w.svc.Reports.LockAnnual(ctx, sup, 2025, 0); models.ErrorKind(err) != models.KindConflict {
			t.Fatalf("second lock: %v", err)
		}
		w.act("demo-officer", a, models.ActRecordRemedy, func(in app.Versioned) {
			x := in.(*app.RemedyInput)
			x.Kind, x.FiledOn, x.Result = "litigation_direct", "2025-09-01", "pending"
		})
		after, _ := w.svc.Reports.Annual(ctx, sup, 2025, 0)
		if after.Remedies.Values["litigation_direct.total"] != 0 || len(after.Corrections) != 2 {
			t.Fatalf("after a change to a locked year: %v %+v", after.Remedies.Values, after.Corrections)
		}
	})
}

// TestAnnualChecksOnRandomData: the table's rules hold for every year and
// agency on bulk random data.
func TestAnnualChecksOnRandomData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db, at("2026-11-20", "10:00"), nil)
		if err := w.svc.Seed.Bulk(ctx, app.BulkOptions{Cases: 1200, Years: 4, ExtraAgencies: 2, Seed: 42}); err != nil {
			t.Fatal(err)
		}
		var agencies []uint
		db.Model(&models.Agency{}).Pluck("id", &agencies)
		sys := app.SystemActor(1)
		sum := 0
		for year := 2022; year <= 2026; year++ {
			for _, ag := range append([]uint{0}, agencies...) {
				r, err := w.svc.Reports.Annual(ctx, sys, year, ag)
				if err != nil {
					t.Fatal(err)
				}
				checksOK(t, r)
				if ag == 0 {
					sum += row(r, "new")["total"]
				}
			}
		}
		var n int64
		db.Model(&models.Case{}).Where("receipt_year BETWEEN 2022 AND 2026").Count(&n)
		if int64(sum) != n {
			t.Fatalf("new applications over the years %d, cases %d", sum, n)
		}
	})
}

// TestDeadlineReportFiguresMatchTheirLists: every figure of the deadline
// report equals the total of the case list its filters select.
func TestDeadlineReportFiguresMatchTheirLists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db, at("2026-11-20", "10:00"), nil)
		if err := w.svc.Seed.Bulk(ctx, app.BulkOptions{Cases: 1500, Years: 2, Seed: 9}); err != nil {
			t.Fatal(err)
		}
		sys := app.SystemActor(1)
		today := calendar.MustParseDate("2026-11-20")
		// As of an earlier day too: the figures carry asOf to their lists.
		past, err := w.svc.Reports.Deadlines(ctx, sys, calendar.MustParseDate("2026-11-10"), calendar.MustParseDate("2026-01-01"), today, 0)
		if err != nil {
			t.Fatal(err)
		}
		if past.Totals.Overdue.Filters["asOf"] != "2026-11-10" {
			t.Fatalf("past figure filters %v", past.Totals.Overdue.Filters)
		}
		for _, f := range []app.Figure{past.Totals.Overdue, past.Totals.Urgent, past.Totals.Normal} {
			if _, total, err := w.svc.Cases.Find(ctx, sys, caseFilterOf(t, f.Filters)); err != nil || total != f.Count {
				t.Errorf("as of 11-10: figure %d, list %d (%v)", f.Count, total, err)
			}
		}
		r, err := w.svc.Reports.Deadlines(ctx, sys, today, calendar.MustParseDate("2026-01-01"), today, 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.Totals.Open.Count == 0 || r.Period.Concluded.Count == 0 || len(r.Trend) != 11 {
			t.Fatalf("report: open %d, concluded %d, trend %d", r.Totals.Open.Count, r.Period.Concluded.Count, len(r.Trend))
		}
		lv := r.Totals
		if lv.Normal.Count+lv.Warning.Count+lv.Urgent.Count+lv.Overdue.Count > lv.Open.Count {
			t.Fatalf("levels exceed open: %+v", lv)
		}
		check := func(name string, f app.Figure) {
			t.Helper()
			filter := caseFilterOf(t, f.Filters)
			_, total, err := w.svc.Cases.Find(ctx, sys, filter)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if total != f.Count {
				t.Errorf("%s: report %d, list %d (filters %v)", name, f.Count, total, f.Filters)
			}
		}
		figures := map[string]app.Figure{"open": lv.Open, "normal": lv.Normal, "warning": lv.Warning, "urgent": lv.Urgent, "overdue": lv.Overdue,
			"paused": lv.Paused, "extended": lv.Extended, "dueNext5": lv.DueSoon, "concluded": r.Period.Concluded, "onTime": r.Period.OnTime,
			"late": r.Period.Late, "period extended": r.Period.Extended}
		for name, f := range figures {
			check(name, f)
		}
		for _, a := range r.Agencies[:3] {
			check(fmt.Sprintf("agency %d overdue", a.Agency.ID), a.Overdue)
		}
		for _, o := range r.Officers {
			check(fmt.Sprintf("officer %d open", o.OfficerID), o.Open)
		}
		if len(r.Overdue) != min(500, lv.Overdue.Count) {
			t.Fatalf("overdue list %d, figure %d", len(r.Overdue), lv.Overdue.Count)
		}
		if p := r.Period; p.MedianDays <= 0 || p.P90Days < p.MedianDays || p.OnTimeRate <= 0 || p.OnTimeRate > 1 {
			t.Fatalf("period %+v", p)
		}
	})
}

// caseFilterOf turns a figure's filters into a case filter, as the list
// endpoint would.
func caseFilterOf(t *testing.T, m map[string]string) app.CaseFilter {
	t.Helper()
	var f app.CaseFilter
	f.Limit = 1
	for k, v := range m {
		switch k {
		case "status":
			for _, s := range splitComma(v) {
				f.Statuses = append(f.Statuses, models.Status(s))
			}
		case "agencyId":
			var id uint
			fmt.Sscan(v, &id)
			f.AgencyID = id
		case "assigneeId":
			var id uint
			fmt.Sscan(v, &id)
			f.AssigneeID = id
		case "unassigned":
			f.Unassigned = v == "true"
		case "level":
			f.Levels = splitComma(v)
		case "paused":
			b := v == "true"
			f.Paused = &b
		case "extended":
			b := v == "true"
			f.Extended = &b
		case "onTime":
			b := v == "true"
			f.OnTime = &b
		case "dueTo":
			f.DueTo = v
		case "concludedFrom":
			f.ConcludedFrom = v
		case "concludedTo":
			f.ConcludedTo = v
		case "asOf":
			f.AsOf = v
		default:
			t.Fatalf("unknown filter %s", k)
		}
	}
	return f
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
