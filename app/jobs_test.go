package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"gongkai/app"
	"gongkai/app/wiring"
	"gongkai/configs"
	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// clock is a settable clock for scenario tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// at is a wall-clock time in Asia/Shanghai.
func at(date, hhmm string) time.Time {
	t, err := time.Parse("2006-01-02 15:04 -0700", date+" "+hhmm+" +0800")
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

type world struct {
	t     *testing.T
	db    *gorm.DB
	svc   *app.Services
	clock *clock
	users map[string]app.Actor
}

func newWorld(t *testing.T, db *gorm.DB, start time.Time, mailer app.Mailer) *world {
	t.Helper()
	c := &clock{t: start}
	cfg := testAppConfig(t)
	cfg.Mailer = mailer
	cfg.Notify = app.NotifyConfig{PublicURL: "https://gongkai.example", QuietStart: "20:00", QuietEnd: "08:00"}
	svc, err := app.New(app.Deps{DB: db, Now: c.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := svc.Seed.Demo(ctx); err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, db: db, svc: svc, clock: c, users: map[string]app.Actor{}}
	var us []models.User
	db.Find(&us)
	for _, u := range us {
		a := app.Actor{UserID: u.ID, Username: u.Username, Role: u.Role, DistrictWide: u.DistrictWide, DisplayName: u.DisplayName}
		if u.AgencyID != nil {
			a.AgencyID = *u.AgencyID
		}
		w.users[u.Username] = a
	}
	return w
}

func (w *world) file(as string, title, desc string) *app.CaseView {
	w.t.Helper()
	v, _, err := w.svc.Cases.Create(context.Background(), w.users[as], app.ApplicationInput{AgencyID: 1, Title: title, Description: desc,
		Formats: []string{"electronic"}, Delivery: "online"}, "")
	if err != nil {
		w.t.Fatalf("file: %v", err)
	}
	return v
}

func (w *world) act(as string, id uint, action models.Action, fill func(app.Versioned)) *app.CaseView {
	w.t.Helper()
	var version int
	w.db.Model(&models.Case{}).Select("version").Where("id = ?", id).Scan(&version)
	in, _ := app.NewActionInput(action)
	if fill != nil {
		fill(in)
	}
	setVersion(in, version)
	v, err := w.svc.Cases.Act(context.Background(), w.users[as], id, action, in)
	if err != nil {
		w.t.Fatalf("%s: %v", action, err)
	}
	return v
}

// setVersion sets the embedded VersionInput of any action input.
func setVersion(in app.Versioned, v int) {
	reflect.ValueOf(in).Elem().FieldByName("Version").SetInt(int64(v))
}

func (w *world) run(name string) app.JobResult {
	w.t.Helper()
	var fn app.JobFunc
	switch name {
	case "deadline-sweep":
		fn = w.svc.Reminders.DeadlineSweep
	case "period-expiry":
		fn = w.svc.Cases.PeriodExpiry
	case "conversion-review":
		fn = w.svc.Conversion.Review
	case "notification-delivery":
		fn = w.svc.Outbox.Deliver
	}
	run, err := w.svc.Jobs.Run(context.Background(), name, "test", fn)
	if err != nil {
		w.t.Fatalf("%s: %v", name, err)
	}
	if run.Status == "error" && name != "notification-delivery" {
		w.t.Fatalf("%s failed: %s", name, run.Error)
	}
	return nil
}

// reminders lists, per case, the reminder kinds a user got, with the day.
func (w *world) reminders(user string, caseID uint) []string {
	var ns []models.Notification
	w.db.Where("user_id = ? AND case_id = ? AND kind LIKE ?", w.users[user].UserID, caseID, "reminder.%").Order("id").Find(&ns)
	var out []string
	for _, n := range ns {
		out = append(out, n.CreatedAt.In(time.FixedZone("CST", 8*3600)).Format("01-02")+" "+strings.TrimPrefix(n.Kind, "reminder."))
	}
	return out
}

// TestRemindersAcrossNationalDay: a case received on 2026-09-28 is due on
// 2026-10-30 (National Day 10-01..10-07 off, Saturday 10-10 worked). The
// sweep runs twice a day, every day; reminders come exactly at 5, 2 and 1
// working days left, on the due date and each working day overdue.
func TestRemindersAcrossNationalDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newWorld(t, db, at("2026-09-28", "10:00"), nil)
		a := w.file("demo-applicant", "凤城街道征地补偿安置方案", "申请公开凤城街道2025年征地补偿安置方案。")
		b := w.file("demo-org", "鹏泉街道房屋征收决定", "申请公开鹏泉街道棚户区改造项目房屋征收决定。")
		w.clock.Set(at("2026-09-29", "08:30"))
		w.act("demo-officer", a.Case.ID, models.ActAccept, nil) // assigned to demo-officer; b stays registered, unassigned
		for d := at("2026-09-28", "09:00"); d.Before(at("2026-11-05", "00:00")); d = d.Add(24 * time.Hour) {
			for _, hour := range []time.Duration{0, 6 * time.Hour} {
				w.clock.Set(d.Add(hour))
				w.run("deadline-sweep")
			}
		}
		// Working days before 10-30: 10-23 is the 5th, 10-28 the 2nd, 10-29
		// the 1st; 10-31/11-01 are a weekend; 11-02..11-04 overdue.
		want := []string{"10-23 days_left.5", "10-28 days_left.2", "10-29 days_left.1", "10-30 due_today", "11-02 overdue", "11-03 overdue", "11-04 overdue"}
		if got := w.reminders("demo-officer", a.Case.ID); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("officer reminders for the accepted case:\n got %v\nwant %v", got, want)
		}
		// Supervisors hear of 2 days left and later.
		wantSup := want[1:]
		if got := w.reminders("demo-supervisor", a.Case.ID); strings.Join(got, ",") != strings.Join(wantSup, ",") {
			t.Errorf("supervisor reminders:\n got %v\nwant %v", got, wantSup)
		}
		// The registered case also gets the Art 30 warning: 7 working days
		// after 09-28 is 10-13 (09-29, 09-30, 10-08, 10-09, 10-10, 10-12,
		// 10-13); two are left on Saturday 10-10, the 调休 working day.
		got := w.reminders("demo-officer", b.Case.ID)
		wantB := append([]string{"10-10 correction_window"}, want...)
		if strings.Join(got, ",") != strings.Join(wantB, ",") {
			t.Errorf("reminders for the unassigned registered case:\n got %v\nwant %v", got, wantB)
		}
		// Running again changes nothing.
		var before, after int64
		db.Model(&models.Notification{}).Count(&before)
		w.run("deadline-sweep")
		db.Model(&models.Notification{}).Count(&after)
		if before != after {
			t.Fatalf("a second run added %d notifications", after-before)
		}
	})
}

func TestPeriodExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newWorld(t, db, at("2026-03-02", "10:00"), nil)
		// A correction period that lapses.
		c1 := w.file("demo-applicant", "某项目批复", "申请公开某项目的批复文件和附件。")
		w.act("demo-officer", c1.Case.ID, models.ActRequestCorrection, func(in app.Versioned) {
			in.(*app.CorrectionInput).Items, in.(*app.CorrectionInput).PeriodDays = []string{"请写明项目名称"}, 5
		})
		// A fee that goes unpaid: the 11th application this month.
		var last *app.CaseView
		for i := 0; i < 11; i++ {
			last = w.file("demo-org", fmt.Sprintf("第%d项信息", i+1), "申请公开某项政府信息的全文内容。")
		}
		w.act("demo-officer", last.Case.ID, models.ActAccept, nil)
		w.act("demo-officer", last.Case.ID, models.ActIssueFeeNotice, func(in app.Versioned) { in.(*app.FeeNoticeInput).Method = "per_application" })
		// An agency consultation and a third-party one left unanswered.
		c3 := w.file("demo-applicant", "共同制作的规划文件", "申请公开与区自然资源局共同制作的规划文件。")
		w.act("demo-officer", c3.Case.ID, models.ActAccept, nil)
		w.act("demo-officer", c3.Case.ID, models.ActStartConsultation, func(in app.Versioned) {
			x := in.(*app.ConsultationInput)
			x.Kind, x.PartyAgencyID, x.PartyName = "agency", 4, ""
		})
		c4 := w.file("demo-applicant", "企业提交的材料", "申请公开某企业提交的环评材料全文。")
		w.act("demo-officer", c4.Case.ID, models.ActAccept, nil)
		w.act("demo-officer", c4.Case.ID, models.ActStartConsultation, func(in app.Versioned) {
			x := in.(*app.ConsultationInput)
			x.Kind, x.PartyName = "third_party", "某化工企业"
		})
		// Nothing has lapsed yet.
		w.clock.Set(at("2026-03-09", "00:30"))
		w.run("period-expiry")
		if n := countStatus(db, models.StatusClosed); n != 0 {
			t.Fatalf("%d closed early", n)
		}
		// 2026-03-31: the correction period (5 working days from 03-02,
		// ending 03-09), the fee (20 working days from 03-02, ending 03-30)
		// and both consultations (15 working days from 03-02, ending 03-23)
		// have lapsed.
		w.clock.Set(at("2026-03-31", "00:30"))
		w.run("period-expiry")
		w.run("period-expiry")
		check := func(id uint, status models.Status, outcome string) {
			var c models.Case
			db.First(&c, id)
			if c.Status != status || c.Outcome != outcome {
				t.Errorf("case %d: %s %q, want %s %q", id, c.Status, c.Outcome, status, outcome)
			}
		}
		check(c1.Case.ID, models.StatusClosed, "other.correction_lapsed")
		check(last.Case.ID, models.StatusClosed, "other.fee_unpaid")
		check(c3.Case.ID, models.StatusHandling, "")
		check(c4.Case.ID, models.StatusHandling, "")
		var cons []models.Consultation
		db.Order("id").Find(&cons)
		if len(cons) != 2 || cons[0].Reply != "consent_by_silence" || cons[1].Reply != "lapsed" || cons[0].RepliedOn != "2026-03-23" {
			t.Fatalf("consultations: %+v", cons)
		}
		// Each closure happened once, with its event and notice.
		var closes, notices int64
		db.Model(&models.CaseEvent{}).Where("action = ? AND actor_role = ?", "close", "system").Count(&closes)
		db.Model(&models.Notice{}).Where("kind = ?", "closure").Count(&notices)
		if closes != 2 || notices != 2 {
			t.Fatalf("closures %d, notices %d", closes, notices)
		}
		// The officer is told to decide after the third party's silence.
		var told int64
		db.Model(&models.Notification{}).Where("case_id = ? AND kind = ? AND user_id = ?", c4.Case.ID, "task.record-consultation-reply", w.users["demo-officer"].UserID).Count(&told)
		if told != 1 {
			t.Fatalf("officer told %d times", told)
		}
		// The pause ended on the last day of the period: the clock runs again.
		v, _ := w.svc.Cases.Get(context.Background(), w.users["demo-officer"], c4.Case.ID)
		if v.Clock.Paused {
			t.Fatal("still paused")
		}
	})
}

func countStatus(db *gorm.DB, s models.Status) int64 {
	var n int64
	db.Model(&models.Case{}).Where("status = ?", s).Count(&n)
	return n
}

func TestConversionReview(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newWorld(t, db, at("2026-05-06", "10:00"), nil)
		ctx := context.Background()
		// A third applicant.
		if _, err := w.svc.Auth.Register(ctx, app.RegisterInput{Username: "wang", Password: "secret-pass-1", IdentityInput: app.IdentityInput{
			ApplicantType: "natural", Name: "王五", IDType: "passport", IDNumber: "E7654321", Phone: "13800000003"}}); err != nil {
			t.Fatal(err)
		}
		var u models.User
		db.Where("username = ?", "wang").First(&u)
		w.users["wang"] = app.Actor{UserID: u.ID, Username: "wang", Role: models.RoleApplicant}
		same := []struct{ who, title, desc string }{
			{"demo-applicant", "凤城街道土地征收补偿安置方案", "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案。"},
			{"demo-org", "2025年凤城街道征地补偿安置方案", "请公开2025年莱芜区凤城街道土地征收征地补偿安置方案全文。"},
			{"wang", "凤城街道征地补偿安置方案（2025年）", "莱芜区凤城街道2025年度土地征收项目征地补偿安置方案。"},
		}
		var first *app.CaseView
		for _, s := range same {
			v := w.file(s.who, s.title, s.desc)
			if first == nil {
				first = v
			}
		}
		// Two unrelated requests by different applicants.
		w.file("demo-applicant", "区教育经费预算", "申请公开2026年区教育经费预算执行情况。")
		w.file("demo-org", "河道采砂许可", "申请公开区水务局2024年河道采砂许可名单。")
		// The first is disclosed.
		w.act("demo-officer", first.Case.ID, models.ActAccept, nil)
		w.act("demo-officer", first.Case.ID, models.ActDraftAnswer, func(in app.Versioned) {
			x := in.(*app.AnswerInput)
			x.Outcome, x.LegalBasis, x.Text = "disclosed", "《条例》第三十六条第（二）项", "现向您提供征地补偿安置方案全文。"
		})
		w.act("demo-supervisor", first.Case.ID, models.ActDecideAnswer, func(in app.Versioned) {
			yes := true
			in.(*app.DecisionInput).Approve = &yes
		})
		w.run("conversion-review")
		w.run("conversion-review")
		cands, total, err := w.svc.Conversion.Find(ctx, w.users["demo-supervisor"], "open", 0, app.Page{})
		if err != nil {
			t.Fatal(err)
		}
		groups := 0
		for _, c := range cands {
			if c.Candidate.Kind == "group" {
				groups++
				if c.Candidate.Applicants != 3 || len(c.Members) != 3 {
					t.Fatalf("group: %d applicants, %d members", c.Candidate.Applicants, len(c.Members))
				}
			}
		}
		// One group, and the disclosed case for routine review.
		if groups != 1 || total != 2 {
			t.Fatalf("%d groups, %d candidates", groups, total)
		}
		// Decide: convert. Art 26 gives 20 working days from 05-06: Saturday
		// 05-09 is worked (Labour Day 调休), so the 20th is 06-02.
		var g *app.CandidateView
		for _, c := range cands {
			if c.Candidate.Kind == "group" {
				g = c
			}
		}
		if _, err := w.svc.Conversion.Decide(ctx, w.users["demo-officer"], g.Candidate.ID, app.DecisionRequest{Version: 1, Decision: "decline", Reason: "不宜公开"}); models.ErrorKind(err) != models.KindForbidden {
			t.Fatalf("officer deciding: %v", err)
		}
		if _, err := w.svc.Conversion.Decide(ctx, w.users["demo-supervisor"], g.Candidate.ID, app.DecisionRequest{Version: 1, Decision: "convert"}); models.ErrorKind(err) != models.KindInvalid {
			t.Fatalf("convert without date: %v", err)
		}
		v, err := w.svc.Conversion.Decide(ctx, w.users["demo-supervisor"], g.Candidate.ID, app.DecisionRequest{Version: 1, Decision: "convert", PublicationDate: "2026-05-20", PublicationURL: "http://www.laiwu.gov.cn/gongkai/1"})
		if err != nil || v.Candidate.Status != "converted" || v.PublishBy.String() != "2026-06-02" {
			t.Fatalf("convert: %v %+v", err, v)
		}
		if _, err := w.svc.Conversion.Decide(ctx, w.users["demo-supervisor"], g.Candidate.ID, app.DecisionRequest{Version: 2, Decision: "decline", Reason: "再次决定"}); models.ErrorKind(err) != models.KindInvalidTransition {
			t.Fatalf("second decision: %v", err)
		}
		// A later run does not reopen it.
		w.run("conversion-review")
		var n int64
		db.Model(&models.ConversionCandidate{}).Count(&n)
		if n != 2 {
			t.Fatalf("%d candidates after another run", n)
		}
	})
}

// TestTwoRunnersOneSetOfReminders: two servers sweeping at once send each
// reminder once.
func TestTwoRunnersOneSetOfReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		w1 := newWorld(t, db, at("2026-09-28", "10:00"), nil)
		for i := 0; i < 30; i++ {
			w1.file("demo-applicant", fmt.Sprintf("信息%d", i), "申请公开某项政府信息的全文内容。")
		}
		w2 := newWorld(t, db, at("2026-10-28", "09:00"), nil)
		w1.clock.Set(at("2026-10-28", "09:00"))
		var wg sync.WaitGroup
		for _, w := range []*world{w1, w2} {
			wg.Add(1)
			go func(w *world) {
				defer wg.Done()
				for i := 0; i < 3; i++ {
					w.svc.Jobs.Run(context.Background(), "deadline-sweep", "test", w.svc.Reminders.DeadlineSweep)
				}
			}(w)
		}
		wg.Wait()
		// 30 cases with 2 days left, each told to the agency's officer and
		// its two supervisors (the district-wide one and, since issue 1/10,
		// the office's own) once: 90 reminders, plus 30 correction-window
		// warnings to the officer.
		var n int64
		db.Model(&models.Notification{}).Where("kind LIKE ?", "reminder.%").Count(&n)
		if n != 120 {
			var kinds []string
			db.Model(&models.Notification{}).Where("kind LIKE ?", "reminder.%").Pluck("kind", &kinds)
			sort.Strings(kinds)
			t.Fatalf("%d reminders, want 120: %v", n, kinds)
		}
	})
}

// TestJobFailures: a panic is recorded as an error, not a crash; a job
// already running is skipped; a failed run's work is redone next time.
func TestJobFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newWorld(t, db, at("2026-06-01", "10:00"), nil)
		ctx := context.Background()
		run, err := w.svc.Jobs.Run(ctx, "boom", "test", func(context.Context) (app.JobResult, error) { panic("disk full") })
		if err != nil || run.Status != "error" || !strings.Contains(run.Error, "disk full") || run.FinishedAt == nil {
			t.Fatalf("panic: %v %+v", err, run)
		}
		started, release := make(chan bool), make(chan bool)
		go w.svc.Jobs.Run(ctx, "slow", "test", func(context.Context) (app.JobResult, error) {
			started <- true
			<-release
			return app.JobResult{"done": 1}, nil
		})
		<-started
		second, _ := w.svc.Jobs.Run(ctx, "slow", "test", func(context.Context) (app.JobResult, error) { return nil, nil })
		close(release)
		if second.Status != "skipped" {
			t.Fatalf("overlapping run: %+v", second)
		}
		runs, _ := w.svc.Jobs.Runs(ctx, "boom", 5)
		if len(runs) != 1 || runs[0].Status != "error" {
			t.Fatalf("runs: %+v", runs)
		}
	})
}

// testAppConfig is the services' configuration as main.go wires it from
// the default configuration, with test secrets and a cheap bcrypt cost.
func testAppConfig(tb testing.TB) app.Config {
	tb.Helper()
	c := configs.Default()
	c.DataKey = configs.DevDataKey
	cfg, err := wiring.AppConfig(c)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Auth = app.AuthConfig{JWTSecret: []byte("0123456789abcdef0123456789abcdef"), AccessTTL: time.Minute, RefreshTTL: time.Hour,
		LockoutAttempts: 5, LockoutDuration: time.Minute, BcryptCost: bcrypt.MinCost}
	return cfg
}

// TestInterruptedRuns: a run left "running" by a process that died (its
// lease ran out) is ended as interrupted by the next run of that job; a
// run whose lease holds, and another job's runs, are left alone.
func TestInterruptedRuns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		w := newWorld(t, db, at("2026-06-01", "10:00"), nil)
		now := time.Now().UTC()
		ago, ahead := now.Add(-10*time.Minute), now.Add(10*time.Minute)
		dead := models.JobRun{Job: "deadline-sweep", StartedAt: now.Add(-time.Hour), AsOf: now, Status: "running", Instance: "gone/1", Trigger: "schedule", LeaseUntil: &ago}
		old := models.JobRun{Job: "deadline-sweep", StartedAt: now.Add(-2 * time.Hour), AsOf: now, Status: "running", Instance: "release-8/1", Trigger: "schedule"}
		alive := models.JobRun{Job: "deadline-sweep", StartedAt: now, AsOf: now, Status: "running", Instance: "cli/2", Trigger: "cli", LeaseUntil: &ahead}
		other := models.JobRun{Job: "conversion-review", StartedAt: now.Add(-time.Hour), AsOf: now, Status: "running", Instance: "gone/1", Trigger: "schedule", LeaseUntil: &ago}
		for _, r := range []*models.JobRun{&dead, &old, &alive, &other} {
			if err := db.Create(r).Error; err != nil {
				t.Fatal(err)
			}
		}
		w.run("deadline-sweep")
		status := func(id uint) models.JobRun {
			var r models.JobRun
			db.First(&r, id)
			return r
		}
		for _, id := range []uint{dead.ID, old.ID} {
			if r := status(id); r.Status != "interrupted" || r.FinishedAt == nil || !strings.Contains(r.Error, "stopped") {
				t.Errorf("a dead run: %+v", r)
			}
		}
		if r := status(alive.ID); r.Status != "running" {
			t.Errorf("a run whose lease holds: %+v", r)
		}
		if r := status(other.ID); r.Status != "running" {
			t.Errorf("another job's run: %+v", r)
		}
		runs, _ := w.svc.Jobs.Runs(context.Background(), "deadline-sweep", 1)
		if len(runs) != 1 || runs[0].Status != "ok" || runs[0].LeaseUntil == nil || !runs[0].LeaseUntil.After(now) {
			t.Fatalf("the new run: %+v", runs)
		}
		// The other job's dead run ends with that job's next run.
		w.run("conversion-review")
		if r := status(other.ID); r.Status != "interrupted" {
			t.Errorf("another job's dead run after its next run: %+v", r)
		}
	})
}
