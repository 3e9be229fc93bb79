package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/similar"
	"gongkai/models"
)

// ConversionConfig tunes the Art 44 review (decisions.md, "Conversion").
type ConversionConfig struct {
	// MinApplicants is how many distinct applicants must ask (default 2).
	MinApplicants int
	// Similarity is the character-bigram threshold for "the same
	// information" (default 0.5).
	Similarity float64
	// Excluded keywords mark requests about the applicant's own affairs
	// (tax, social security, medical, registration, credit), which are not
	// converted.
	Excluded []string
}

// ConversionService raises and decides candidates for conversion to
// proactive disclosure (Art 44). Errors: KindInvalid, KindNotFound,
// KindForbidden, KindConflict.
type ConversionService struct {
	Deps
	cfg      ConversionConfig
	cal      *CalendarService
	settings *SettingsService
}

// reviewCase is a case in the review's pool, with the bigrams of its text.
type reviewCase struct {
	*models.ReviewCase
	bigrams map[string]struct{}
}

func (s *ConversionService) excluded(text string) bool {
	for _, k := range s.cfg.Excluded {
		if strings.Contains(text, k) {
			return true
		}
	}
	return false
}

// Review raises candidates: groups of similar requests to one agency within
// 365 days from at least MinApplicants distinct applicants with at least
// one disclosed in full or in part; every applicant suggestion; and every
// case disclosed in the last year, for routine review. Candidates are keyed,
// so a second run adds only what is new.
func (s *ConversionService) Review(ctx context.Context) (JobResult, error) {
	res := JobResult{}
	since := calendar.FromTime(s.Now()).AddDays(-365).String()
	agencies, err := models.FindAgenciesReceivingSince(ctx, s.DB, since)
	if err != nil {
		return res, err
	}
	for _, ag := range agencies {
		if err := s.reviewAgency(ctx, ag, since, res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// reviewAgency raises the candidates of one agency's cases received since.
func (s *ConversionService) reviewAgency(ctx context.Context, ag uint, since string, res JobResult) error {
	cs, err := models.FindCasesForConversionReview(ctx, s.DB, ag, since)
	if err != nil {
		return err
	}
	var pool []*reviewCase
	for _, c := range cs {
		if s.excluded(c.Title + c.Description) {
			res["excluded"]++
			continue
		}
		pool = append(pool, &reviewCase{ReviewCase: c, bigrams: similar.Bigrams(c.Title + c.Description)})
	}
	if err := s.groups(ctx, ag, pool, res); err != nil {
		return err
	}
	for _, c := range pool {
		if err := s.singles(ctx, ag, c, res); err != nil {
			return err
		}
	}
	return nil
}

// singles raises a case's own candidates: one per applicant suggestion,
// and one for routine review if it was disclosed.
func (s *ConversionService) singles(ctx context.Context, ag uint, c *reviewCase, res JobResult) error {
	st, _ := decodeState(c.State)
	for i, sg := range st.Suggestions {
		if err := s.upsert(ctx, ag, models.CandidateSuggestion, fmt.Sprintf("suggestion:%d:%d", c.ID, i), c.Title, "申请人建议："+sg.Text, []*reviewCase{c}, nil, res); err != nil {
			return err
		}
	}
	if c.disclosed() && c.ConcludedOn != "" {
		return s.upsert(ctx, ag, models.CandidateDisclosed, fmt.Sprintf("disclosed:%d", c.ID), c.Title, "依申请公开的信息，例行审查是否纳入主动公开。", []*reviewCase{c}, nil, res)
	}
	return nil
}

// disclosed reports whether the case released information in full or in
// part.
func (c *reviewCase) disclosed() bool {
	o, ok := models.FindOutcome(c.Outcome)
	return ok && o.IsDisclosure()
}

// tally counts the distinct applicants of cases and whether any of them
// was disclosed.
func tally(cases []*reviewCase) (applicants int, disclosed bool) {
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.ApplicantKey] = true
		disclosed = disclosed || c.disclosed()
	}
	return len(seen), disclosed
}

// clusters groups the pool by single linkage on bigram similarity: pools
// indexes by cluster root, and each linked pair's score.
func clusters(pool []*reviewCase, threshold float64) (map[int][]int, map[[2]int]float64) {
	parent := make([]int, len(pool))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	score := map[[2]int]float64{}
	for i := 0; i < len(pool); i++ {
		for j := i + 1; j < len(pool); j++ {
			if sc := similar.Dice(pool[i].bigrams, pool[j].bigrams); sc >= threshold {
				parent[find(i)] = find(j)
				score[[2]int{i, j}] = sc
			}
		}
	}
	out := map[int][]int{}
	for i := range pool {
		out[find(i)] = append(out[find(i)], i)
	}
	return out, score
}

// bestScores is each linked case's highest similarity, by case id.
func bestScores(pool []*reviewCase, score map[[2]int]float64) map[uint]float64 {
	sims := map[uint]float64{}
	for pair, sc := range score {
		for _, k := range pair {
			if sc > sims[pool[k].ID] {
				sims[pool[k].ID] = sc
			}
		}
	}
	return sims
}

// groups clusters similar requests (single linkage on bigram similarity)
// and raises a candidate for each qualifying cluster.
func (s *ConversionService) groups(ctx context.Context, agency uint, pool []*reviewCase, res JobResult) error {
	rs := s.settings.Get()
	found, score := clusters(pool, rs.ConversionSimilarity)
	sims := bestScores(pool, score)
	for _, members := range found {
		if len(members) < 2 {
			continue
		}
		cases := make([]*reviewCase, 0, len(members))
		for _, i := range members {
			cases = append(cases, pool[i])
		}
		applicants, disclosed := tally(cases)
		if applicants < rs.ConversionMinApplicants || !disclosed {
			continue
		}
		sort.Slice(cases, func(a, b int) bool { return cases[a].ID < cases[b].ID })
		summary := fmt.Sprintf("%d 名申请人在一年内申请了相同或相近的政府信息，且已依申请公开（《条例》第四十四条）。", applicants)
		if err := s.upsert(ctx, agency, models.CandidateGroup, fmt.Sprintf("group:%d:%d", agency, cases[0].ID), cases[0].Title, summary, cases, sims, res); err != nil {
			return err
		}
	}
	return nil
}

// upsert creates a candidate or, for an open one, adds new members.
func (s *ConversionService) upsert(ctx context.Context, agency uint, kind models.CandidateKind, fp, title, summary string, cases []*reviewCase, sims map[uint]float64, res JobResult) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cand, found, err := models.FindCandidateByFingerprint(ctx, tx, fp)
		if err != nil {
			return err
		}
		applicants, disclosed := tally(cases)
		switch {
		case !found:
			cand = models.ConversionCandidate{AgencyID: agency, Kind: string(kind), Fingerprint: fp, Title: truncateRunes(title, 200), Summary: summary,
				Applicants: applicants, Disclosed: disclosed, Status: string(models.CandidateOpen), Version: 1}
			inserted, err := models.InsertCandidate(ctx, tx, &cand)
			if err != nil || !inserted {
				return err // !inserted: a racing run created it
			}
			res["candidates_new"]++
		case cand.Status != string(models.CandidateOpen), cand.Applicants == applicants:
			return nil
		default:
			cand.Applicants, cand.Disclosed, cand.Summary = applicants, disclosed, summary
			if err := models.SaveCandidate(ctx, tx, &cand); err != nil {
				return err
			}
			res["candidates_updated"]++
		}
		ms := make([]models.CandidateMember, 0, len(cases))
		for _, c := range cases {
			ms = append(ms, models.CandidateMember{CandidateID: cand.ID, CaseID: c.ID, Similarity: sims[c.ID]})
		}
		return models.AddCandidateMembers(ctx, tx, ms)
	})
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// CandidateView is a candidate with its member cases.
type CandidateView struct {
	Candidate *models.ConversionCandidate
	Members   []CandidateMemberView
	// PublishBy is 20 working days after a decision to convert (Art 26).
	PublishBy calendar.Date
}

// CandidateMemberView is one member case.
type CandidateMemberView struct {
	CaseID         uint    `json:"caseId"`
	TrackingNumber string  `json:"trackingNumber"`
	Title          string  `json:"title"`
	Description    string  `json:"description"`
	Outcome        string  `json:"outcome" enum:"Outcome"`
	ReceiptDate    string  `json:"receiptDate"`
	ApplicantType  string  `json:"applicantType" enum:"ApplicantType"`
	Similarity     float64 `json:"similarity"`
}

func requireSupervisor(actor Actor) error {
	if actor.Role != models.RoleSupervisor {
		return models.Forbidden(models.M("仅负责人可以审查主动公开候选", "only supervisors review conversion candidates"))
	}
	return nil
}

var candidateWhat = models.M("主动公开候选", "conversion candidate")

// Find lists candidates the supervisor may see.
func (s *ConversionService) Find(ctx context.Context, actor Actor, status string, agencyID uint, p Page) ([]*CandidateView, int, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, 0, err
	}
	p = p.Normalize()
	f := models.CandidateFilter{Offset: p.Offset, Limit: p.Limit}
	switch {
	case agencyID != 0 && !actor.SeesAgency(agencyID):
		return nil, 0, models.Forbidden(models.M("无权查看该机关", "you may not see this agency"))
	case agencyID != 0:
		f.AgencyID = agencyID
	case !actor.DistrictWide:
		f.AgencyID = actor.AgencyID
	}
	if status != "" {
		st, ok := models.ParseCandidateStatus(status)
		if !ok {
			return nil, 0, models.InvalidField("status", models.M("状态须为 open、converted 或 declined", "status must be open, converted or declined"))
		}
		f.Status = st
	}
	cands, total, err := models.FindCandidates(ctx, s.DB, f)
	if err != nil {
		return nil, 0, err
	}
	out, err := s.views(ctx, cands)
	return out, total, err
}

func (s *ConversionService) view(ctx context.Context, c *models.ConversionCandidate) (*CandidateView, error) {
	vs, err := s.views(ctx, []*models.ConversionCandidate{c})
	if err != nil {
		return nil, err
	}
	return vs[0], nil
}

// views reads the member cases of every candidate in one query.
func (s *ConversionService) views(ctx context.Context, cands []*models.ConversionCandidate) ([]*CandidateView, error) {
	out := make([]*CandidateView, 0, len(cands))
	if len(cands) == 0 {
		return out, nil
	}
	ids := make([]uint, len(cands))
	for i, c := range cands {
		ids[i] = c.ID
	}
	rows, err := models.FindCandidateMembers(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	members := map[uint][]CandidateMemberView{}
	for _, r := range rows {
		members[r.CandidateID] = append(members[r.CandidateID], CandidateMemberView{CaseID: r.CaseID, TrackingNumber: r.TrackingNumber, Title: r.Title,
			Description: r.Description, Outcome: r.Outcome, ReceiptDate: r.ReceiptDate, ApplicantType: r.ApplicantType, Similarity: r.Similarity})
	}
	for _, c := range cands {
		v := &CandidateView{Candidate: c, Members: members[c.ID]}
		if c.DecidedAt != nil && c.Status == string(models.CandidateConverted) {
			v.PublishBy = s.cal.Calendar().AddWorkdays(calendar.FromTime(*c.DecidedAt), publishWithinWorkdays)
		}
		out = append(out, v)
	}
	return out, nil
}

// publishWithinWorkdays is the time to publish converted information
// (Art 26: 20 working days).
const publishWithinWorkdays = 20

// ConversionDecision is a supervisor's decision on a candidate.
type ConversionDecision string

// Conversion decisions.
const (
	ConversionConvert ConversionDecision = "convert"
	ConversionDecline ConversionDecision = "decline"
)

// ParseConversionDecision validates s.
func ParseConversionDecision(s string) (ConversionDecision, bool) {
	switch d := ConversionDecision(s); d {
	case ConversionConvert, ConversionDecline:
		return d, true
	}
	return "", false
}

// DecisionRequest decides a candidate.
type DecisionRequest struct {
	Version         int    `json:"version"`
	Decision        string `json:"decision" doc:"convert or decline" enum:"ConversionDecision"`
	PublicationDate string `json:"publicationDate,omitempty" doc:"YYYY-MM-DD (convert)"`
	PublicationURL  string `json:"publicationUrl,omitempty" doc:"where it is published (convert), an http(s) URL" maxLength:"500"`
	Reason          string `json:"reason,omitempty" doc:"why not (decline)" minLength:"4" maxLength:"2000"`
}

// validate checks the request and returns its decision and, to convert,
// the publication date.
func (in DecisionRequest) validate() (ConversionDecision, calendar.Date, error) {
	var f models.Fields
	var pub calendar.Date
	d, _ := ParseConversionDecision(in.Decision)
	switch d {
	case ConversionConvert:
		var err error
		if pub, err = calendar.ParseDate(in.PublicationDate); err != nil {
			f.Add("publicationDate", "请填写主动公开日期（YYYY-MM-DD）", "publicationDate (YYYY-MM-DD) is required")
		}
		u := strings.TrimSpace(in.PublicationURL)
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || len(u) > 500 {
			f.Add("publicationUrl", "请填写公开地址（http:// 或 https:// 开头）", "publicationUrl must be an http(s) address")
		}
	case ConversionDecline:
		checkLen(&f, "reason", strings.TrimSpace(in.Reason), limitOf[DecisionRequest]("reason"), "不予转为主动公开的理由", "reason")
	default:
		f.Add("decision", "决定须为 convert 或 decline", "decision must be convert or decline")
	}
	if in.Version == 0 {
		f.Add("version", "请提供版本号 version", "version is required")
	}
	return d, pub, f.Err()
}

// Decide records a supervisor's decision: convert (publication date and
// address; Art 26 gives 20 working days to publish) or decline (reason).
func (s *ConversionService) Decide(ctx context.Context, actor Actor, id uint, in DecisionRequest) (*CandidateView, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, err
	}
	d, pub, err := in.validate()
	if err != nil {
		return nil, err
	}
	var out *models.ConversionCandidate
	err = s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := models.FindCandidateByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !actor.SeesAgency(c.AgencyID) {
			return models.NotFound(candidateWhat)
		}
		if c.Status != string(models.CandidateOpen) {
			return models.InvalidTransition(models.M("该候选已作出决定", "this candidate is already decided"))
		}
		if c.Version != in.Version {
			return models.StaleVersion()
		}
		now, uid := s.Now(), actor.UserID
		c.DecidedBy, c.DecidedAt = &uid, &now
		if d == ConversionConvert {
			c.Status, c.PublicationDate, c.PublicationURL = string(models.CandidateConverted), pub.String(), strings.TrimSpace(in.PublicationURL)
		} else {
			c.Status, c.DeclineReason = string(models.CandidateDeclined), strings.TrimSpace(in.Reason)
		}
		if err := models.UpdateCandidateDecision(ctx, tx, c); err != nil {
			return err
		}
		out = c
		return audit(ctx, tx, actor, "conversion."+string(d), "conversion_candidate", c.ID, map[string]any{
			"publicationDate": c.PublicationDate, "publicationUrl": c.PublicationURL, "reason": c.DeclineReason})
	})
	if err != nil {
		return nil, fmt.Errorf("decide candidate %d: %w", id, err)
	}
	return s.view(ctx, out)
}
