package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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

type reviewCase struct {
	ID           uint
	AgencyID     uint
	ApplicantKey string
	Title        string
	Description  string
	Outcome      string
	Status       models.Status
	ReceiptDate  string
	ConcludedOn  string
	State        string
	bigrams      map[string]struct{}
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
	today := calendar.FromTime(s.Now())
	since := today.AddDays(-365).String()
	var agencies []uint
	if err := s.DB.WithContext(ctx).Model(&models.Case{}).Distinct("agency_id").Where("receipt_date >= ?", since).Pluck("agency_id", &agencies).Error; err != nil {
		return res, err
	}
	sort.Slice(agencies, func(i, j int) bool { return agencies[i] < agencies[j] })
	for _, ag := range agencies {
		var cs []*reviewCase
		err := s.DB.WithContext(ctx).Model(&models.Case{}).Select("id, agency_id, applicant_key, title, description, outcome, status, receipt_date, concluded_on, state").
			Where("agency_id = ? AND receipt_date >= ? AND receipt_date <> ''", ag, since).Order("id").Find(&cs).Error
		if err != nil {
			return res, err
		}
		var pool []*reviewCase
		for _, c := range cs {
			if s.excluded(c.Title + c.Description) {
				res["excluded"]++
				continue
			}
			c.bigrams = similar.Bigrams(c.Title + c.Description)
			pool = append(pool, c)
		}
		if err := s.groups(ctx, ag, pool, res); err != nil {
			return res, err
		}
		for _, c := range pool {
			st, _ := decodeState(c.State)
			for i, sg := range st.Suggestions {
				if err := s.upsert(ctx, ag, "suggestion", fmt.Sprintf("suggestion:%d:%d", c.ID, i), c.Title, "申请人建议："+sg.Text, []*reviewCase{c}, nil, res); err != nil {
					return res, err
				}
			}
			if o, ok := models.FindOutcome(c.Outcome); ok && o.IsDisclosure() && c.ConcludedOn != "" {
				if err := s.upsert(ctx, ag, "disclosed", fmt.Sprintf("disclosed:%d", c.ID), c.Title, "依申请公开的信息，例行审查是否纳入主动公开。", []*reviewCase{c}, nil, res); err != nil {
					return res, err
				}
			}
		}
	}
	return res, nil
}

// groups clusters similar requests (single linkage on bigram similarity)
// and raises a candidate for each qualifying cluster.
func (s *ConversionService) groups(ctx context.Context, agency uint, pool []*reviewCase, res JobResult) error {
	parent := make([]int, len(pool))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	score := map[[2]int]float64{}
	rs := s.settings.Get()
	threshold := rs.ConversionSimilarity
	for i := 0; i < len(pool); i++ {
		for j := i + 1; j < len(pool); j++ {
			if sc := similar.Dice(pool[i].bigrams, pool[j].bigrams); sc >= threshold {
				parent[find(i)] = find(j)
				score[[2]int{i, j}] = sc
			}
		}
	}
	clusters := map[int][]int{}
	for i := range pool {
		clusters[find(i)] = append(clusters[find(i)], i)
	}
	for _, members := range clusters {
		if len(members) < 2 {
			continue
		}
		applicants := map[string]bool{}
		disclosed := false
		var cases []*reviewCase
		for _, i := range members {
			c := pool[i]
			applicants[c.ApplicantKey] = true
			if o, ok := models.FindOutcome(c.Outcome); ok && o.IsDisclosure() {
				disclosed = true
			}
			cases = append(cases, c)
		}
		if len(applicants) < rs.ConversionMinApplicants || !disclosed {
			continue
		}
		sort.Slice(cases, func(a, b int) bool { return cases[a].ID < cases[b].ID })
		sims := map[uint]float64{}
		for pair, sc := range score {
			for _, k := range pair {
				if sc > sims[pool[k].ID] {
					sims[pool[k].ID] = sc
				}
			}
		}
		summary := fmt.Sprintf("%d 名申请人在一年内申请了相同或相近的政府信息，且已依申请公开（《条例》第四十四条）。", len(applicants))
		if err := s.upsert(ctx, agency, "group", fmt.Sprintf("group:%d:%d", agency, cases[0].ID), cases[0].Title, summary, cases, sims, res); err != nil {
			return err
		}
	}
	return nil
}

// upsert creates a candidate or, for an open one, adds new members.
func (s *ConversionService) upsert(ctx context.Context, agency uint, kind, fp, title, summary string, cases []*reviewCase, sims map[uint]float64, res JobResult) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var cand models.ConversionCandidate
		err := tx.Where("fingerprint = ?", fp).First(&cand).Error
		applicants := map[string]bool{}
		disclosed := false
		for _, c := range cases {
			applicants[c.ApplicantKey] = true
			if o, ok := models.FindOutcome(c.Outcome); ok && o.IsDisclosure() {
				disclosed = true
			}
		}
		switch {
		case err == gorm.ErrRecordNotFound:
			cand = models.ConversionCandidate{AgencyID: agency, Kind: kind, Fingerprint: fp, Title: truncateRunes(title, 200), Summary: summary,
				Applicants: len(applicants), Disclosed: disclosed, Status: "open", Version: 1}
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&cand).Error; err != nil {
				return err
			}
			if cand.ID == 0 {
				return nil // a racing run created it
			}
			res["candidates_new"]++
		case err != nil:
			return err
		case cand.Status != "open":
			return nil
		default:
			if cand.Applicants == len(applicants) {
				return nil
			}
			cand.Applicants, cand.Disclosed, cand.Summary = len(applicants), disclosed, summary
			if err := tx.Save(&cand).Error; err != nil {
				return err
			}
			res["candidates_updated"]++
		}
		for _, c := range cases {
			m := models.CandidateMember{CandidateID: cand.ID, CaseID: c.ID, Similarity: sims[c.ID]}
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&m).Error; err != nil {
				return err
			}
		}
		return nil
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
	Outcome        string  `json:"outcome"`
	ReceiptDate    string  `json:"receiptDate"`
	ApplicantType  string  `json:"applicantType"`
	Similarity     float64 `json:"similarity"`
}

func requireSupervisor(actor Actor) error {
	if actor.Role != models.RoleSupervisor {
		return models.Forbidden(models.M("仅负责人可以审查主动公开候选", "only supervisors review conversion candidates"))
	}
	return nil
}

// Find lists candidates the supervisor may see.
func (s *ConversionService) Find(ctx context.Context, actor Actor, status string, agencyID uint, p Page) ([]*CandidateView, int, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, 0, err
	}
	p = p.Normalize()
	q := s.DB.WithContext(ctx).Model(&models.ConversionCandidate{})
	switch {
	case agencyID != 0 && !actor.SeesAgency(agencyID):
		return nil, 0, models.Forbidden(models.M("无权查看该机关", "you may not see this agency"))
	case agencyID != 0:
		q = q.Where("agency_id = ?", agencyID)
	case !actor.DistrictWide:
		q = q.Where("agency_id = ?", actor.AgencyID)
	}
	switch status {
	case "":
	case "open", "converted", "declined":
		q = q.Where("status = ?", status)
	default:
		return nil, 0, models.InvalidField("status", models.M("状态须为 open、converted 或 declined", "status must be open, converted or declined"))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var cands []*models.ConversionCandidate
	if err := q.Preload("Agency").Order("CASE kind WHEN 'group' THEN 0 WHEN 'suggestion' THEN 1 ELSE 2 END, applicants DESC, id DESC").Offset(p.Offset).Limit(p.Limit).Find(&cands).Error; err != nil {
		return nil, 0, err
	}
	out, err := s.views(ctx, cands)
	return out, int(total), err
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
	var rows []struct {
		CandidateID uint
		CandidateMemberView
	}
	err := s.DB.WithContext(ctx).Table("candidate_members m").
		Select("m.candidate_id, m.case_id, c.tracking_number, c.title, c.description, c.outcome, c.receipt_date, c.applicant_type, m.similarity").
		Joins("JOIN cases c ON c.id = m.case_id").Where("m.candidate_id IN ?", ids).Order("m.candidate_id, m.case_id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	members := map[uint][]CandidateMemberView{}
	for _, r := range rows {
		members[r.CandidateID] = append(members[r.CandidateID], r.CandidateMemberView)
	}
	for _, c := range cands {
		v := &CandidateView{Candidate: c, Members: members[c.ID]}
		if c.DecidedAt != nil && c.Status == "converted" {
			v.PublishBy = s.cal.Calendar().AddWorkdays(calendar.FromTime(*c.DecidedAt), 20)
		}
		out = append(out, v)
	}
	return out, nil
}

// DecisionRequest decides a candidate.
type DecisionRequest struct {
	Version         int    `json:"version"`
	Decision        string `json:"decision" doc:"convert or decline"`
	PublicationDate string `json:"publicationDate,omitempty" doc:"YYYY-MM-DD (convert)"`
	PublicationURL  string `json:"publicationUrl,omitempty" doc:"where it is published (convert)"`
	Reason          string `json:"reason,omitempty" doc:"why not (decline)"`
}

// Decide records a supervisor's decision: convert (publication date and
// address; Art 26 gives 20 working days to publish) or decline (reason).
func (s *ConversionService) Decide(ctx context.Context, actor Actor, id uint, in DecisionRequest) (*CandidateView, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, err
	}
	var f models.Fields
	var pub calendar.Date
	switch in.Decision {
	case "convert":
		d, err := calendar.ParseDate(in.PublicationDate)
		if err != nil {
			f.Add("publicationDate", "请填写主动公开日期（YYYY-MM-DD）", "publicationDate (YYYY-MM-DD) is required")
		}
		pub = d
		u := strings.TrimSpace(in.PublicationURL)
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || len(u) > 500 {
			f.Add("publicationUrl", "请填写公开地址（http:// 或 https:// 开头）", "publicationUrl must be an http(s) address")
		}
	case "decline":
		checkLen(&f, "reason", strings.TrimSpace(in.Reason), 4, 2000, "不予转为主动公开的理由", "reason")
	default:
		f.Add("decision", "决定须为 convert 或 decline", "decision must be convert or decline")
	}
	if in.Version == 0 {
		f.Add("version", "请提供版本号 version", "version is required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out *models.ConversionCandidate
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c models.ConversionCandidate
		if err := tx.Preload("Agency").First(&c, id).Error; err != nil {
			return models.NotFound(models.M("主动公开候选", "conversion candidate"))
		}
		if !actor.SeesAgency(c.AgencyID) {
			return models.NotFound(models.M("主动公开候选", "conversion candidate"))
		}
		if c.Status != "open" {
			return models.InvalidTransition(models.M("该候选已作出决定", "this candidate is already decided"))
		}
		if c.Version != in.Version {
			return models.StaleVersion()
		}
		now := s.Now()
		uid := actor.UserID
		c.DecidedBy, c.DecidedAt = &uid, &now
		if in.Decision == "convert" {
			c.Status, c.PublicationDate, c.PublicationURL = "converted", pub.String(), strings.TrimSpace(in.PublicationURL)
		} else {
			c.Status, c.DeclineReason = "declined", strings.TrimSpace(in.Reason)
		}
		old := c.Version
		c.Version++
		res := tx.Model(&c).Where("version = ?", old).Select("status", "decided_by", "decided_at", "publication_date", "publication_url", "decline_reason", "version", "updated_at").Updates(&c)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.StaleVersion()
		}
		out = &c
		return audit(ctx, tx, actor, "conversion."+in.Decision, "conversion_candidate", c.ID, map[string]any{
			"publicationDate": c.PublicationDate, "publicationUrl": c.PublicationURL, "reason": c.DeclineReason})
	})
	if err != nil {
		return nil, fmt.Errorf("decide candidate %d: %w", id, err)
	}
	return s.view(ctx, out)
}
