package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// BulkOptions tunes SeedService.Bulk.
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

// bulkApplicant is one of the bulk seed's applicants, sealed once.
type bulkApplicant struct {
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

// bulkGen draws the bulk seed's cases. Its draws from rng come in a fixed
// order, so a seed gives the same cases every time.
type bulkGen struct {
	rng          *rand.Rand
	sealer       *Sealer
	cal          *calendar.Calendar
	today, start calendar.Date
	agencies     []*models.Agency
	pool         []bulkApplicant
	outcomeTotal int
	// seqs continues the per-agency, per-year sequences ("agency/year").
	seqs map[string]int
	// officers and supervisors are each agency's active staff, by id.
	officers, supervisors map[uint][]uint
}

// Bulk loads realistic synthetic cases, spread over agencies, statuses and
// years, for load tests and benchmarks. Each case has a consistent clock
// and a valid hash-chained timeline.
func (s *SeedService) Bulk(ctx context.Context, opt BulkOptions) error {
	if opt.Cases <= 0 {
		return fmt.Errorf("bulk seed: --bulk must be positive")
	}
	if opt.Years <= 0 {
		opt.Years = 10
	}
	actor, err := systemActor(ctx, s.DB)
	if err != nil {
		return fmt.Errorf("bulk seed: %w", err)
	}
	if err := s.bulkAgencies(ctx, actor, opt.ExtraAgencies); err != nil {
		return err
	}
	g, err := s.newBulkGen(ctx, opt)
	if err != nil {
		return err
	}
	const batch = 1000
	for done := 0; done < opt.Cases; {
		n := min(batch, opt.Cases-done)
		cases := make([]*models.Case, 0, n)
		plans := make([]*bulkPlan, 0, n)
		for i := 0; i < n; i++ {
			c, plan := g.next()
			cases, plans = append(cases, c), append(plans, plan)
		}
		if err := s.writeBulkBatch(ctx, cases, plans); err != nil {
			return fmt.Errorf("bulk seed batch at %d: %w", done, err)
		}
		done += n
		if opt.Progress != nil {
			opt.Progress(done)
		}
	}
	return s.saveBulkCounters(ctx, g.seqs)
}

// bulkAgencies adds the synthetic agencies BK001… that do not exist yet
// (a province has hundreds).
func (s *SeedService) bulkAgencies(ctx context.Context, actor Actor, n int) error {
	for i := 0; i < n; i++ {
		code := fmt.Sprintf("BK%03d", i+1)
		exists, err := models.AgencyCodeExists(ctx, s.DB, code)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		if _, err := s.agencies.Create(ctx, actor, AgencyInput{Name: fmt.Sprintf("模拟机关%03d", i+1), ShortName: fmt.Sprintf("模拟%03d", i+1), Code: code}); err != nil {
			return err
		}
	}
	return nil
}

// newBulkGen prepares the draws: the agencies, the receipt window, the
// applicant pool and the case numbers used so far.
func (s *SeedService) newBulkGen(ctx context.Context, opt BulkOptions) (*bulkGen, error) {
	agencies, err := models.FindAgencies(ctx, s.DB, true)
	if err != nil {
		return nil, err
	}
	if len(agencies) == 0 {
		return nil, fmt.Errorf("bulk seed: no agencies; run seed --demo first")
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	today := calendar.FromTime(s.Now())
	start := today.AddDays(-365 * opt.Years)
	if opt.Days > 0 {
		start = today.AddDays(-opt.Days)
	}
	g := &bulkGen{rng: rng, sealer: s.sealer, cal: s.cal.Calendar(), today: today, start: start, agencies: agencies, seqs: map[string]int{},
		officers: map[uint][]uint{}, supervisors: map[uint][]uint{}}
	for _, ag := range agencies {
		if g.officers[ag.ID], err = models.FindActiveStaffIDs(ctx, s.DB, ag.ID, models.RoleOfficer); err != nil {
			return nil, err
		}
		if g.supervisors[ag.ID], err = models.FindActiveStaffIDs(ctx, s.DB, ag.ID, models.RoleSupervisor); err != nil {
			return nil, err
		}
	}
	g.pool = g.applicantPool(3000)
	for _, o := range bulkOutcomes {
		g.outcomeTotal += o.weight
	}
	counters, err := models.FindCounters(ctx, s.DB, "case")
	if err != nil {
		return nil, err
	}
	for _, c := range counters {
		g.seqs[fmt.Sprintf("%d/%d", c.AgencyID, c.Year)] = c.Value
	}
	return g, nil
}

// applicantPool draws n applicants: four in five natural persons, the
// rest organisations.
func (g *bulkGen) applicantPool(n int) []bulkApplicant {
	pool := make([]bulkApplicant, n)
	cats := []models.OrgCategory{models.OrgCommercial, models.OrgCommercial, models.OrgResearch, models.OrgPublicWelfare, models.OrgLegalService, models.OrgOther}
	rng := g.rng
	for i := range pool {
		a := &pool[i]
		if rng.IntN(5) > 0 {
			num := WithIDCheck(fmt.Sprintf("3712%02d%04d%02d%02d%03d", rng.IntN(30)+1, 1950+rng.IntN(55), rng.IntN(12)+1, rng.IntN(28)+1, rng.IntN(1000)))
			a.typ, a.name = models.ApplicantNatural, fmt.Sprintf("申请人%04d", i)
			a.sealed, a.hash, a.masked = g.sealer.Seal(num), g.sealer.Hash(num), Mask(num)
			a.key = "id:" + a.hash
		} else {
			code := WithCreditCheck(fmt.Sprintf("9137%02d00MA%07d", rng.IntN(30), rng.IntN(9999999)))
			a.typ, a.cat, a.name = models.ApplicantOrganization, cats[rng.IntN(len(cats))], fmt.Sprintf("山东模拟组织%04d有限公司", i)
			a.csealed, a.chash, a.cmasked = g.sealer.Seal(code), g.sealer.Hash(code), Mask(code)
			a.key = "cc:" + a.chash
		}
	}
	return pool
}

// pickOutcome draws an outcome by the weights of bulkOutcomes.
func (g *bulkGen) pickOutcome() string {
	n := g.rng.IntN(g.outcomeTotal)
	for _, o := range bulkOutcomes {
		if n < o.weight {
			return o.key
		}
		n -= o.weight
	}
	return "disclosed"
}

// next draws one case with the timeline that brought it where it is, and
// the consultation and fee rows that go with it.
func (g *bulkGen) next() (*models.Case, *bulkPlan) {
	rng := g.rng
	days := int(g.today - g.start)
	ag := g.agencies[rng.IntN(len(g.agencies))]
	a := &g.pool[rng.IntN(len(g.pool))]
	receipt := g.cal.OnOrAfter(g.start.AddDays(rng.IntN(days + 1)))
	if receipt > g.today {
		receipt = g.cal.OnOrAfter(g.today.AddDays(-3))
	}
	topic := bulkTopics[rng.IntN(len(bulkTopics))]
	place := bulkPlaces[rng.IntN(len(bulkPlaces))]
	year := receipt.Year()
	key := fmt.Sprintf("%d/%d", ag.ID, year)
	g.seqs[key]++
	arrived := receipt.Time().Add(time.Duration(8*60+rng.IntN(9*60)) * time.Minute)
	c := &models.Case{
		AgencyID: ag.ID, Year: year, Seq: g.seqs[key], TrackingNumber: fmt.Sprintf("%s-%d-%05d", ag.Code, year, g.seqs[key]),
		QueryCodeSealed: g.sealer.Seal(newQueryCode()), ApplicantType: a.typ, ApplicantName: a.name, OrgCategory: a.cat,
		IDNumberSealed: a.sealed, IDNumberHash: a.hash, IDNumberMasked: a.masked, CreditCodeSealed: a.csealed,
		CreditCodeHash: a.chash, CreditCodeMasked: a.cmasked, Phone: fmt.Sprintf("139%08d", rng.IntN(1e8)), ApplicantKey: a.key,
		Title: place + topic.title, Description: fmt.Sprintf(topic.desc, "莱芜区"+place, year-rng.IntN(3)),
		Formats: "electronic", Delivery: "online", Channel: models.Channels[rng.IntN(len(models.Channels))],
		ArrivedAt: arrived.UTC(), ReceiptDate: receipt.String(), ReceiptYear: year, Version: 1,
		CreatedAt: arrived.UTC(), UpdatedAt: arrived.UTC(),
	}
	p := &bulkPlan{
		evs:  []clock.Event{{Kind: clock.EventReceipt, On: receipt, Channel: clock.Channel(c.Channel)}},
		plan: []bulkEvent{{action: "register", to: models.StatusRegistered, on: receipt, public: true}},
		st:   CaseState{Formats: []string{"electronic"}},
	}
	g.progress(c, p, ag, receipt)
	c.ClockEvents, c.State = encodeClockEvents(p.evs), encodeState(p.st)
	refreshClockCache(g.cal, c, correctionOf(c.Correction), p.evs, g.today)
	return c, p
}

// bulkPlan is what a drawn case went through: its clock events, its
// timeline and its state.
type bulkPlan struct {
	evs  []clock.Event
	plan []bulkEvent
	st   CaseState
	// cons and fee are the case's consultation and fee rows, if any.
	cons *models.Consultation
	fee  *models.Fee
}

// add appends a step to the timeline.
func (p *bulkPlan) add(action string, from, to models.Status, on calendar.Date, public bool) {
	p.plan = append(p.plan, bulkEvent{action: action, from: from, to: to, on: on, public: public})
}

// progress takes a case received on receipt as far as its age allows: a
// recent one is just registered; most younger than 25 working days are in
// hand, the rest awaiting a correction; older ones are concluded.
func (g *bulkGen) progress(c *models.Case, p *bulkPlan, ag *models.Agency, receipt calendar.Date) {
	age := g.cal.WorkdaysBetween(receipt, g.today)
	switch {
	case age < 3 && awaitsConfirmation(c.Channel) && g.rng.IntN(2) == 0:
		g.awaitingConfirmation(c, p)
	case age < 3:
		c.Status = models.StatusRegistered
	case age < 25 && g.rng.IntN(10) < 8:
		g.handling(c, p, receipt)
	case age < 25:
		g.awaitingCorrection(c, p, receipt)
	default:
		g.concluded(c, p, ag, receipt, age)
	}
}

// awaitsConfirmation: an application by ordinary post, fax or e-mail
// waits for staff to confirm its receipt with the applicant (Art 31(2)).
func awaitsConfirmation(ch models.Channel) bool {
	return ch == models.ChannelOrdinaryPost || ch == models.ChannelFax || ch == models.ChannelEmail
}

// awaitingConfirmation leaves a recent application by ordinary post, fax
// or e-mail submitted: its clock runs from its arrival meanwhile.
func (g *bulkGen) awaitingConfirmation(c *models.Case, p *bulkPlan) {
	p.evs[0].Basis = clock.BasisArrival
	p.plan[0].to = models.StatusSubmitted
	c.Status, c.ReceiptDate, c.ReceiptYear = models.StatusSubmitted, "", 0
}

// assign gives the accepted case to one of the agency's officers, when it
// has any.
func (g *bulkGen) assign(c *models.Case, p *bulkPlan, on calendar.Date) uint {
	ids := g.officers[c.AgencyID]
	if len(ids) == 0 {
		return 0
	}
	id := ids[g.rng.IntN(len(ids))]
	c.AssigneeID = &id
	p.add("assign", models.StatusHandling, models.StatusHandling, on, false)
	return id
}

// handling accepts and assigns the case; one in eight then waits for a
// third party, one in six of the rest for the supervisor's decision on an
// extension, and of the rest one in six has an answer drafted for review.
func (g *bulkGen) handling(c *models.Case, p *bulkPlan, receipt calendar.Date) {
	accepted := g.cal.AddWorkdays(receipt, 1+g.rng.IntN(2))
	p.evs = append(p.evs, clock.Event{Kind: clock.EventAccepted, On: accepted})
	p.add("accept", models.StatusRegistered, models.StatusHandling, accepted, true)
	c.Status = models.StatusHandling
	officer := g.assign(c, p, accepted)
	switch {
	case g.rng.IntN(8) == 0:
		sent := g.cal.AddWorkdays(accepted, 2)
		p.st.PauseSeq, p.st.Consultations = 1, 1
		p.evs = append(p.evs, clock.Event{Kind: clock.EventPauseStart, On: sent, PauseKind: clock.PauseThirdParty, PauseID: 1})
		p.add("start-consultation", models.StatusHandling, models.StatusHandling, sent, true)
		p.cons = &models.Consultation{Kind: models.ConsultThirdParty, PartyName: "山东模拟第三方有限公司", Question: "是否同意公开涉及贵单位的信息",
			SentOn: sent.String(), PartyReceivedOn: sent.String(), ReplyDue: clock.ConsultationReplyDue(g.cal, sent).String(), Status: models.ConsultOpen, PauseID: 1}
	case g.rng.IntN(6) == 0 && officer != 0:
		on := g.cal.AddWorkdays(accepted, 3)
		ext := &ExtensionState{Days: 15, Reason: "需要调取多年档案，无法在法定期限内答复", RequestedBy: officer, RequestedOn: on, Decision: models.DecisionPending}
		c.Extension, c.ExtensionPending = ext.row(0), true
		p.add("request-extension", models.StatusHandling, models.StatusHandling, on, false)
	case g.rng.IntN(6) == 0:
		c.Status = models.StatusAnswerReview
		p.add("draft-answer", models.StatusHandling, models.StatusAnswerReview, g.cal.AddWorkdays(accepted, 3), false)
		p.st.Answer = &AnswerState{Outcome: "disclosed", LegalBasis: "《条例》第三十六条", Text: "拟予以公开。", Decision: models.DecisionPending, DraftedOn: g.cal.AddWorkdays(accepted, 3)}
	}
}

// awaitingCorrection sends the Art 30 correction notice two working days
// after receipt.
func (g *bulkGen) awaitingCorrection(c *models.Case, p *bulkPlan, receipt calendar.Date) {
	notice := g.cal.AddWorkdays(receipt, 2)
	p.evs = append(p.evs, clock.Event{Kind: clock.EventCorrectionNotice, On: notice})
	p.add("request-correction", models.StatusRegistered, models.StatusCorrectionRequested, notice, true)
	c.Status, c.CorrectionCount = models.StatusCorrectionRequested, 1
	cs := &CorrectionState{Items: []string{"请写明所需信息的文号或形成时间"}, PeriodDays: 10, NoticeOn: notice, Delivery: models.CorrectionOnline,
		NoticeReceivedOn: notice, PeriodEnds: clock.CorrectionPeriodEnd(g.cal, notice, 10)}
	// Inserted with the case (GORM creates the has-one row).
	c.Correction = cs.row(0)
}

// concluded answers or closes the case with a drawn outcome, mostly in
// time; answers older than 60 working days are archived.
func (g *bulkGen) concluded(c *models.Case, p *bulkPlan, ag *models.Agency, receipt calendar.Date, age int) {
	outcome := g.pickOutcome()
	o, _ := models.FindOutcome(outcome)
	accepted := g.cal.AddWorkdays(receipt, 1+g.rng.IntN(2))
	concluded := g.cal.AddWorkdays(receipt, 5+g.rng.IntN(16))
	extended := o.Answer && g.rng.IntN(12) == 0
	switch {
	case extended:
		concluded = g.cal.AddWorkdays(receipt, 21+g.rng.IntN(14)) // answered within the extension
	case g.rng.IntN(25) == 0:
		concluded = g.cal.AddWorkdays(receipt, 21+g.rng.IntN(5)) // a few late answers
	}
	if concluded > g.today {
		concluded = g.today
	}
	p.evs = append(p.evs, clock.Event{Kind: clock.EventAccepted, On: accepted})
	p.add("accept", models.StatusRegistered, models.StatusHandling, accepted, true)
	officer := g.assign(c, p, accepted)
	if extended && officer != 0 && len(g.supervisors[c.AgencyID]) > 0 {
		g.approvedExtension(c, p, receipt, officer)
	}
	if o.Answer && g.rng.IntN(40) == 0 {
		g.paidFee(c, p, accepted, concluded)
	}
	p.evs = append(p.evs, clock.Event{Kind: clock.EventConcluded, On: concluded, Outcome: outcome})
	c.Outcome, c.ConcludedOn, c.ConcludedYear = outcome, concluded.String(), concluded.Year()
	c.ElapsedWorkdays = g.cal.WorkdaysBetween(receipt, concluded)
	c.OnTime = concluded <= clock.Compute(g.cal, p.evs, clock.Options{AsOf: concluded}).DueDate
	if !o.Answer {
		p.add("close", models.StatusHandling, models.StatusClosed, concluded, true)
		p.st.Closure = &ClosureState{Outcome: outcome, ClosedOn: concluded}
		c.Status = models.StatusClosed
		return
	}
	p.add("draft-answer", models.StatusHandling, models.StatusAnswerReview, concluded, false)
	p.add("decide-answer", models.StatusAnswerReview, models.StatusAnswered, concluded, true)
	p.st.Answer = &AnswerState{Outcome: outcome, LegalBasis: o.Article, Text: "答复内容（模拟数据）。", Decision: models.DecisionApproved, DraftedOn: concluded, DecidedOn: concluded}
	c.Status, c.Delivered = models.StatusAnswered, true
	if age > 60 {
		c.Status, c.ArchiveNumber = models.StatusArchived, fmt.Sprintf("%s-%d-%05d", ag.Code, c.Year, c.Seq)
		p.add("archive", models.StatusAnswered, models.StatusArchived, g.cal.AddWorkdays(concluded, 10), false)
	}
}

// approvedExtension records an Art 33 extension of 15 working days,
// requested and approved on the 15th working day after receipt.
func (g *bulkGen) approvedExtension(c *models.Case, p *bulkPlan, receipt calendar.Date, officer uint) {
	on := g.cal.AddWorkdays(receipt, 15)
	sups := g.supervisors[c.AgencyID]
	p.evs = append(p.evs, clock.Event{Kind: clock.EventExtension, On: on, Days: 15, Reason: "需要调取多年档案", Approved: true})
	due := clock.Compute(g.cal, p.evs, clock.Options{AsOf: on}).DueDate
	ext := &ExtensionState{Days: 15, Reason: "需要调取多年档案", RequestedBy: officer, RequestedOn: on, Decision: models.DecisionApproved,
		DecidedBy: sups[g.rng.IntN(len(sups))], DecidedOn: on, NewDueDate: due}
	c.Extension = ext.row(0)
	p.add("request-extension", models.StatusHandling, models.StatusHandling, on, false)
	p.add("decide-extension", models.StatusHandling, models.StatusHandling, on, true)
}

// paidFee records a fee notice three working days after acceptance, paid
// two working days later; the clock stops in between (109号).
func (g *bulkGen) paidFee(c *models.Case, p *bulkPlan, accepted, concluded calendar.Date) {
	notice := g.cal.AddWorkdays(accepted, 3)
	paid := g.cal.AddWorkdays(notice, 2)
	if paid >= concluded {
		return
	}
	p.st.PauseSeq++
	id := p.st.PauseSeq
	p.evs = append(p.evs, clock.Event{Kind: clock.EventPauseStart, On: notice, PauseKind: clock.PauseFee, PauseID: id},
		clock.Event{Kind: clock.EventPauseEnd, On: paid, PauseKind: clock.PauseFee, PauseID: id})
	pages := 200 + g.rng.IntN(300)
	amount := FeePerPage(pages)
	p.fee = &models.Fee{Method: models.FeePerPage, Pages: pages, MonthCount: 1, AmountPerPage: amount, Amount: amount, NoticeOn: notice.String(),
		ReceivedOn: notice.String(), DueOn: g.cal.AddWorkdays(notice, 20).String(), PaidOn: paid.String(), PaidYear: paid.Year(), Status: models.FeePaid, PauseID: int(id)}
	p.st.FeeStatus = models.FeePaid
	p.add("issue-fee-notice", models.StatusHandling, models.StatusHandling, notice, true)
	p.add("record-payment", models.StatusHandling, models.StatusHandling, paid, true)
}

// writeBulkBatch inserts a batch of cases with their hash-chained
// timelines in one transaction.
func (s *SeedService) writeBulkBatch(ctx context.Context, cases []*models.Case, plans []*bulkPlan) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := models.CreateBulkCases(ctx, tx, cases); err != nil {
			return err
		}
		var cons []*models.Consultation
		var fees []*models.Fee
		for i, c := range cases {
			if p := plans[i]; p.cons != nil {
				p.cons.CaseID = c.ID
				cons = append(cons, p.cons)
			}
			if p := plans[i]; p.fee != nil {
				p.fee.CaseID = c.ID
				fees = append(fees, p.fee)
			}
		}
		if err := models.CreateBulkDetails(ctx, tx, cons, fees); err != nil {
			return err
		}
		var events []*models.CaseEvent
		for i, c := range cases {
			for _, p := range plans[i].plan {
				data, _ := json.Marshal(eventData{Public: map[string]any{"bulk": true}})
				e := &models.CaseEvent{CaseID: c.ID, Seq: c.EventCount + 1, At: p.on.Time().Add(10 * time.Hour).UTC(), ActorRole: models.RoleSystem,
					ActorName: "系统", Action: p.action, FromStatus: p.from, ToStatus: p.to, Public: p.public, Data: string(data), PrevHash: c.LastEventHash}
				e.Hash = eventHash(e)
				c.EventCount, c.LastEventHash = e.Seq, e.Hash
				events = append(events, e)
			}
		}
		if err := models.CreateCaseEvents(ctx, tx, events); err != nil {
			return err
		}
		// One statement per batch writes the chain heads back.
		return models.SaveChainHeads(ctx, tx, cases)
	})
}

// saveBulkCounters moves the counters past the numbers used.
func (s *SeedService) saveBulkCounters(ctx context.Context, seqs map[string]int) error {
	for key, v := range seqs {
		var agencyID uint
		var year int
		fmt.Sscanf(key, "%d/%d", &agencyID, &year)
		c := models.Counter{Scope: "case", AgencyID: agencyID, Year: year, Value: v}
		if err := models.SaveCounter(ctx, s.DB, &c); err != nil {
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
