package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// BulkOptions tunes SeedBulk.
type BulkOptions struct {
	Cases int
	// Years spreads receipt dates over this many years before today; Days,
	// when set, over this many days instead (a recent, mostly open load).
	Years int
	Days  int
	// ExtraAgencies adds synthetic agencies first (a province has hundreds).
	ExtraAgencies int
	Seed          uint64
	// Progress is called after each batch with the cases written so far.
	Progress func(done int)
}

var bulkTopics = []struct{ title, desc string }{
	{"土地征收补偿安置方案", "申请公开%s%d年土地征收项目的征地补偿安置方案及批准文件。"},
	{"房屋征收决定", "申请公开%s棚户区改造项目（%d年）的房屋征收决定及补偿方案。"},
	{"建设工程规划许可证", "申请公开%s某小区%d年核发的建设工程规划许可证及附图。"},
	{"财政预算执行情况", "申请公开%s%d年部门预算执行情况和“三公”经费支出明细。"},
	{"环境影响评价文件", "申请公开%s某化工项目%d年的环境影响评价报告书及批复。"},
	{"行政处罚决定书", "申请公开%s%d年对某公司作出的行政处罚决定书。"},
	{"学校招生划片方案", "申请公开%s%d年义务教育学校招生划片方案。"},
	{"道路建设项目批复", "申请公开%s某道路改造工程（%d年）的立项批复和资金来源。"},
	{"低保发放名单", "申请公开%s%d年城乡最低生活保障发放名单及标准。"},
	{"河道治理工程验收", "申请公开%s某河道治理工程%d年的竣工验收报告。"},
}

var bulkPlaces = []string{"凤城街道", "鹏泉街道", "张家洼街道", "高庄街道", "口镇", "羊里街道", "方下街道", "雪野街道", "大王庄镇", "寨里镇"}

var bulkOutcomes = []struct {
	key    string
	weight int
}{
	{"disclosed", 40}, {"partially_disclosed", 12}, {"not_disclosed.third_party_rights", 3}, {"not_disclosed.process_info", 3},
	{"not_disclosed.internal_affairs", 1}, {"not_disclosed.state_secret", 1}, {"unable.not_held", 18}, {"unable.needs_creation", 4},
	{"unable.unclear_after_correction", 1}, {"not_processed.petition", 3}, {"not_processed.repeat", 3}, {"not_processed.publication", 1},
	{"other.correction_lapsed", 4}, {"other.withdrawn", 5}, {"other.fee_unpaid", 1},
}

// SeedBulk loads realistic synthetic cases, spread over agencies,
// statuses and years, for load tests and benchmarks. Each case has a
// consistent clock and a valid hash-chained timeline.
func (s *Services) SeedBulk(ctx context.Context, opt BulkOptions) error {
	if opt.Cases <= 0 {
		return fmt.Errorf("bulk seed: --bulk must be positive")
	}
	if opt.Years <= 0 {
		opt.Years = 10
	}
	db := s.Deps.DB.WithContext(ctx)
	sys, err := models.FindUserByUsername(ctx, db, "system")
	if err != nil {
		return fmt.Errorf("bulk seed: %w", err)
	}
	actor := SystemActor(sys.ID)
	for i := 0; i < opt.ExtraAgencies; i++ {
		code := fmt.Sprintf("BK%03d", i+1)
		var n int64
		db.Model(&models.Agency{}).Where("code = ?", code).Count(&n)
		if n > 0 {
			continue
		}
		if _, err := s.Agencies.Create(ctx, actor, AgencyInput{Name: fmt.Sprintf("模拟机关%03d", i+1), ShortName: fmt.Sprintf("模拟%03d", i+1), Code: code}); err != nil {
			return err
		}
	}
	agencies, err := models.FindAgencies(ctx, db, true)
	if err != nil {
		return err
	}
	if len(agencies) == 0 {
		return fmt.Errorf("bulk seed: no agencies; run seed --demo first")
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	cal := s.Calendar.Calendar()
	today := calendar.FromTime(s.Deps.Now())
	start := today.AddDays(-365 * opt.Years)
	if opt.Days > 0 {
		start = today.AddDays(-opt.Days)
	}
	// A pool of applicants, sealed once.
	type applicant struct {
		typ     models.ApplicantType
		cat     models.OrgCategory
		name    string
		key     string
		sealed  []byte
		hash    string
		masked  string
		csealed []byte
		chash   string
		cmasked string
	}
	pool := make([]applicant, 3000)
	cats := []models.OrgCategory{models.OrgCommercial, models.OrgCommercial, models.OrgResearch, models.OrgPublicWelfare, models.OrgLegalService, models.OrgOther}
	for i := range pool {
		a := &pool[i]
		if rng.IntN(5) > 0 {
			num := WithIDCheck(fmt.Sprintf("3712%02d%04d%02d%02d%03d", rng.IntN(30)+1, 1950+rng.IntN(55), rng.IntN(12)+1, rng.IntN(28)+1, rng.IntN(1000)))
			a.typ, a.name = models.ApplicantNatural, fmt.Sprintf("申请人%04d", i)
			a.sealed, a.hash, a.masked = s.Sealer.Seal(num), s.Sealer.Hash(num), Mask(num)
			a.key = "id:" + a.hash
		} else {
			code := WithCreditCheck(fmt.Sprintf("9137%02d00MA%07d", rng.IntN(30), rng.IntN(9999999)))
			a.typ, a.cat, a.name = models.ApplicantOrganization, cats[rng.IntN(len(cats))], fmt.Sprintf("山东模拟组织%04d有限公司", i)
			a.csealed, a.chash, a.cmasked = s.Sealer.Seal(code), s.Sealer.Hash(code), Mask(code)
			a.key = "cc:" + a.chash
		}
	}
	outcomeTotal := 0
	for _, o := range bulkOutcomes {
		outcomeTotal += o.weight
	}
	pickOutcome := func() string {
		n := rng.IntN(outcomeTotal)
		for _, o := range bulkOutcomes {
			if n < o.weight {
				return o.key
			}
			n -= o.weight
		}
		return "disclosed"
	}
	// Continue the per-agency, per-year sequences.
	seqs := map[string]int{}
	var counters []models.Counter
	db.Where("scope = ?", "case").Find(&counters)
	for _, c := range counters {
		seqs[fmt.Sprintf("%d/%d", c.AgencyID, c.Year)] = c.Value
	}
	days := int(today - start)
	const batch = 1000
	done := 0
	for done < opt.Cases {
		n := min(batch, opt.Cases-done)
		cases := make([]*models.Case, 0, n)
		plans := make([][]bulkEvent, 0, n)
		for i := 0; i < n; i++ {
			ag := agencies[rng.IntN(len(agencies))]
			a := &pool[rng.IntN(len(pool))]
			receipt := cal.OnOrAfter(start.AddDays(rng.IntN(days + 1)))
			if receipt > today {
				receipt = cal.OnOrAfter(today.AddDays(-3))
			}
			topic := bulkTopics[rng.IntN(len(bulkTopics))]
			place := bulkPlaces[rng.IntN(len(bulkPlaces))]
			year := receipt.Year()
			key := fmt.Sprintf("%d/%d", ag.ID, year)
			seqs[key]++
			arrived := receipt.Time().Add(time.Duration(8*60+rng.IntN(9*60)) * time.Minute)
			c := &models.Case{
				AgencyID: ag.ID, Year: year, Seq: seqs[key], TrackingNumber: fmt.Sprintf("%s-%d-%05d", ag.Code, year, seqs[key]),
				QueryCodeSealed: s.Sealer.Seal(newQueryCode()), ApplicantType: a.typ, ApplicantName: a.name, OrgCategory: a.cat,
				IDNumberSealed: a.sealed, IDNumberHash: a.hash, IDNumberMasked: a.masked, CreditCodeSealed: a.csealed,
				CreditCodeHash: a.chash, CreditCodeMasked: a.cmasked, Phone: fmt.Sprintf("139%08d", rng.IntN(1e8)), ApplicantKey: a.key,
				Title: place + topic.title, Description: fmt.Sprintf(topic.desc, "莱芜区"+place, year-rng.IntN(3)),
				Formats: "electronic", Delivery: "online", Channel: models.Channels[rng.IntN(len(models.Channels))],
				ArrivedAt: arrived.UTC(), ReceiptDate: receipt.String(), ReceiptYear: year, Version: 1,
				CreatedAt: arrived.UTC(), UpdatedAt: arrived.UTC(),
			}
			evs := []clock.Event{{Kind: clock.EventReceipt, On: receipt, Channel: clock.Channel(c.Channel)}}
			plan := []bulkEvent{{action: "register", to: models.StatusRegistered, on: receipt, public: true}}
			st := CaseState{Formats: []string{"electronic"}}
			age := cal.WorkdaysBetween(receipt, today)
			switch {
			case age < 3:
				c.Status = models.StatusRegistered
			case age < 25 && rng.IntN(10) < 8:
				accepted := cal.AddWorkdays(receipt, 1+rng.IntN(2))
				evs = append(evs, clock.Event{Kind: clock.EventAccepted, On: accepted})
				plan = append(plan, bulkEvent{action: "accept", from: models.StatusRegistered, to: models.StatusHandling, on: accepted, public: true})
				c.Status = models.StatusHandling
				if rng.IntN(8) == 0 {
					st.PauseSeq = 1
					evs = append(evs, clock.Event{Kind: clock.EventPauseStart, On: cal.AddWorkdays(accepted, 2), PauseKind: clock.PauseThirdParty, PauseID: 1})
					plan = append(plan, bulkEvent{action: "start-consultation", from: models.StatusHandling, to: models.StatusHandling, on: cal.AddWorkdays(accepted, 2), public: true})
				} else if rng.IntN(6) == 0 {
					c.Status = models.StatusAnswerReview
					plan = append(plan, bulkEvent{action: "draft-answer", from: models.StatusHandling, to: models.StatusAnswerReview, on: cal.AddWorkdays(accepted, 3)})
					st.Answer = &AnswerState{Outcome: "disclosed", LegalBasis: "《条例》第三十六条", Text: "拟予以公开。", Decision: models.DecisionPending, DraftedOn: cal.AddWorkdays(accepted, 3)}
				}
			case age < 25:
				notice := cal.AddWorkdays(receipt, 2)
				evs = append(evs, clock.Event{Kind: clock.EventCorrectionNotice, On: notice})
				plan = append(plan, bulkEvent{action: "request-correction", from: models.StatusRegistered, to: models.StatusCorrectionRequested, on: notice, public: true})
				c.Status, c.CorrectionCount = models.StatusCorrectionRequested, 1
				cs := &CorrectionState{Items: []string{"请写明所需信息的文号或形成时间"}, PeriodDays: 10, NoticeOn: notice, Delivery: models.CorrectionOnline,
					NoticeReceivedOn: notice, PeriodEnds: clock.CorrectionPeriodEnd(cal, notice, 10)}
				// Inserted with the case (GORM creates the has-one row).
				c.Correction = cs.row(0)
			default:
				outcome := pickOutcome()
				o, _ := models.FindOutcome(outcome)
				accepted := cal.AddWorkdays(receipt, 1+rng.IntN(2))
				concluded := cal.AddWorkdays(receipt, 5+rng.IntN(16))
				if rng.IntN(25) == 0 {
					concluded = cal.AddWorkdays(receipt, 21+rng.IntN(5)) // a few late answers
				}
				if concluded > today {
					concluded = today
				}
				evs = append(evs, clock.Event{Kind: clock.EventAccepted, On: accepted})
				plan = append(plan, bulkEvent{action: "accept", from: models.StatusRegistered, to: models.StatusHandling, on: accepted, public: true})
				evs = append(evs, clock.Event{Kind: clock.EventConcluded, On: concluded, Outcome: outcome})
				c.Outcome, c.ConcludedOn, c.ConcludedYear = outcome, concluded.String(), concluded.Year()
				c.ElapsedWorkdays = cal.WorkdaysBetween(receipt, concluded)
				c.OnTime = concluded <= clock.Compute(cal, evs, clock.Options{AsOf: concluded}).DueDate
				if o.Answer {
					plan = append(plan, bulkEvent{action: "draft-answer", from: models.StatusHandling, to: models.StatusAnswerReview, on: concluded},
						bulkEvent{action: "decide-answer", from: models.StatusAnswerReview, to: models.StatusAnswered, on: concluded, public: true})
					st.Answer = &AnswerState{Outcome: outcome, LegalBasis: o.Article, Text: "答复内容（模拟数据）。", Decision: models.DecisionApproved, DraftedOn: concluded, DecidedOn: concluded}
					c.Status, c.Delivered = models.StatusAnswered, true
					if age > 60 {
						c.Status, c.ArchiveNumber = models.StatusArchived, fmt.Sprintf("%s-%d-%05d", ag.Code, year, c.Seq)
						plan = append(plan, bulkEvent{action: "archive", from: models.StatusAnswered, to: models.StatusArchived, on: cal.AddWorkdays(concluded, 10)})
					}
				} else {
					plan = append(plan, bulkEvent{action: "close", from: models.StatusHandling, to: models.StatusClosed, on: concluded, public: true})
					st.Closure = &ClosureState{Outcome: outcome, ClosedOn: concluded}
					c.Status = models.StatusClosed
				}
			}
			c.ClockEvents, c.State = encodeClockEvents(evs), encodeState(st)
			refreshClockCache(cal, c, correctionOf(c.Correction), evs, today)
			cases = append(cases, c)
			plans = append(plans, plan)
		}
		err := s.Deps.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Omit("Agency", "Assignee", "Applicant").CreateInBatches(cases, 500).Error; err != nil {
				return err
			}
			var events []*models.CaseEvent
			for i, c := range cases {
				for _, p := range plans[i] {
					data, _ := json.Marshal(eventData{Public: map[string]any{"bulk": true}})
					e := &models.CaseEvent{CaseID: c.ID, Seq: c.EventCount + 1, At: p.on.Time().Add(10 * time.Hour).UTC(), ActorRole: models.RoleSystem,
						ActorName: "系统", Action: p.action, FromStatus: p.from, ToStatus: p.to, Public: p.public, Data: string(data), PrevHash: c.LastEventHash}
					e.Hash = eventHash(e)
					c.EventCount, c.LastEventHash = e.Seq, e.Hash
					events = append(events, e)
				}
			}
			if err := tx.CreateInBatches(events, 1000).Error; err != nil {
				return err
			}
			// One statement per batch writes the chain heads back.
			var b strings.Builder
			args := make([]any, 0, 3*len(cases))
			b.WriteString("UPDATE cases SET event_count = v.n, last_event_hash = v.h FROM (SELECT column1 AS id, column2 AS n, column3 AS h FROM (VALUES ")
			for i, c := range cases {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString("(CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS TEXT))")
				args = append(args, c.ID, c.EventCount, c.LastEventHash)
			}
			b.WriteString(") AS vv) AS v WHERE cases.id = v.id")
			return tx.Exec(b.String(), args...).Error
		})
		if err != nil {
			return fmt.Errorf("bulk seed batch at %d: %w", done, err)
		}
		done += n
		if opt.Progress != nil {
			opt.Progress(done)
		}
	}
	// Move the counters past the numbers used.
	for key, v := range seqs {
		var agencyID uint
		var year int
		fmt.Sscanf(key, "%d/%d", &agencyID, &year)
		c := models.Counter{Scope: "case", AgencyID: agencyID, Year: year, Value: v}
		if err := s.Deps.DB.WithContext(ctx).Save(&c).Error; err != nil {
			return err
		}
	}
	return nil
}

type bulkEvent struct {
	action   string
	from, to models.Status
	on       calendar.Date
	public   bool
}
