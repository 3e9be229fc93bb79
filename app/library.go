package app

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"gongkai/models"
)

// LibraryService keeps the typical cases (典型案例) and the answer standards
// (答复标准) the district's 2023 plan asks for (items 30–31). Staff read
// them; supervisors maintain them. Errors: KindInvalid, KindNotFound,
// KindForbidden, KindConflict.
type LibraryService struct{ Deps }

// TypicalInput marks a case as typical or edits the mark.
type TypicalInput struct {
	Version  int      `json:"version,omitempty"`
	CaseID   uint     `json:"caseId,omitempty"`
	Tags     []string `json:"tags" maxItems:"10" maxLength:"20"`
	Analysis string   `json:"analysis" minLength:"10" maxLength:"20000"`
}

// TypicalView is a typical case with the case it marks.
type TypicalView struct {
	Typical *models.TypicalCase
	Tags    []string
	Answer  *AnswerState
}

func cleanTags(f *models.Fields, tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[t] {
			continue
		}
		if len([]rune(t)) > 20 || strings.Contains(t, ",") {
			f.Add("tags", "标签最多 20 字，且不能含逗号", "a tag is at most 20 characters without commas")
		}
		seen[t] = true
		out = append(out, t)
	}
	if len(out) > 10 {
		f.Add("tags", "最多 10 个标签", "at most 10 tags")
	}
	return out
}

func requireStaff(actor Actor) error {
	if !actor.IsStaff() {
		return models.Forbidden(models.M("仅工作人员可用", "for agency staff only"))
	}
	return nil
}

// MarkTypical marks a concluded case as typical.
func (s *LibraryService) MarkTypical(ctx context.Context, actor Actor, in TypicalInput) (*TypicalView, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, err
	}
	var f models.Fields
	tags := cleanTags(&f, in.Tags)
	analysis := strings.TrimSpace(in.Analysis)
	checkLen(&f, "analysis", analysis, limitOf[TypicalInput]("analysis"), "案例分析", "analysis")
	if err := f.Err(); err != nil {
		return nil, err
	}
	var id uint
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		c, err := models.FindCaseByID(ctx, tx, in.CaseID)
		if err != nil || !actor.SeesAgency(c.AgencyID) {
			return models.InvalidField("caseId", models.M("申请不存在", "no such application"))
		}
		if c.ConcludedOn == "" {
			return models.InvalidField("caseId", models.M("只有办结的申请可以作为典型案例", "only concluded applications can be typical cases"))
		}
		t := &models.TypicalCase{CaseID: c.ID, Tags: strings.Join(tags, ","), Analysis: analysis, MarkedBy: actor.UserID, Version: 1}
		err = models.CreateTypicalCase(ctx, tx, t)
		if models.ErrorKind(err) == models.KindConflict {
			return models.Conflict(models.M("该申请已是典型案例", "this application is already a typical case"))
		}
		if err != nil {
			return err
		}
		id = t.ID
		return audit(ctx, tx, actor, "typical.mark", "typical_case", t.ID, map[string]any{"caseId": c.ID, "tags": tags})
	})
	if err != nil {
		return nil, fmt.Errorf("mark typical case: %w", err)
	}
	return s.Typical(ctx, actor, id)
}

// Typical loads one typical case.
func (s *LibraryService) Typical(ctx context.Context, actor Actor, id uint) (*TypicalView, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	t, err := models.FindTypicalCaseWithCase(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	return typicalView(t), nil
}

func typicalView(t *models.TypicalCase) *TypicalView {
	v := &TypicalView{Typical: t, Tags: []string{}}
	if t.Tags != "" {
		v.Tags = strings.Split(t.Tags, ",")
	}
	if t.Case != nil {
		if st, err := decodeState(t.Case.State); err == nil && st.Answer != nil && st.Answer.Decision == models.DecisionApproved {
			an := *st.Answer
			v.Answer = &an
		}
	}
	return v
}

// UpdateTypical edits tags and analysis.
func (s *LibraryService) UpdateTypical(ctx context.Context, actor Actor, id uint, in TypicalInput) (*TypicalView, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, err
	}
	var f models.Fields
	tags := cleanTags(&f, in.Tags)
	analysis := strings.TrimSpace(in.Analysis)
	checkLen(&f, "analysis", analysis, limitOf[TypicalInput]("analysis"), "案例分析", "analysis")
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		t, err := models.FindTypicalCaseByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if t.Version != in.Version {
			return models.StaleVersion()
		}
		if err := models.UpdateTypicalCase(ctx, tx, t, strings.Join(tags, ","), analysis); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "typical.update", "typical_case", t.ID, map[string]any{"tags": tags})
	})
	if err != nil {
		return nil, err
	}
	return s.Typical(ctx, actor, id)
}

// UnmarkTypical removes a typical-case mark.
func (s *LibraryService) UnmarkTypical(ctx context.Context, actor Actor, id uint) error {
	if err := requireSupervisor(actor); err != nil {
		return err
	}
	return s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.DeleteTypicalCase(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "typical.unmark", "typical_case", id, nil)
	})
}

// FindTypical searches the typical cases (shared across agencies, 案例库共享).
func (s *LibraryService) FindTypical(ctx context.Context, actor Actor, query, tag string, caseID uint, p Page) ([]*TypicalView, int, []string, error) {
	if err := requireStaff(actor); err != nil {
		return nil, 0, nil, err
	}
	p = p.Normalize()
	ts, total, err := models.FindTypicalCases(ctx, s.DB, models.TypicalFilter{Query: strings.TrimSpace(query), Tag: strings.TrimSpace(tag),
		CaseID: caseID, Offset: p.Offset, Limit: p.Limit})
	if err != nil {
		return nil, 0, nil, err
	}
	out := make([]*TypicalView, 0, len(ts))
	for _, t := range ts {
		out = append(out, typicalView(t))
	}
	tags, err := models.ListTypicalTags(ctx, s.DB)
	if err != nil {
		return nil, 0, nil, err
	}
	return out, total, tags, nil
}

// TemplateInput creates or edits an answer template.
type TemplateInput struct {
	Version    int    `json:"version,omitempty"`
	Topic      string `json:"topic" minLength:"2" maxLength:"64"`
	Stage      string `json:"stage,omitempty" maxLength:"64"`
	Outcome    string `json:"outcome" enum:"Outcome"`
	Title      string `json:"title" minLength:"2" maxLength:"200"`
	LegalBasis string `json:"legalBasis" minLength:"4" maxLength:"500"`
	Body       string `json:"body" minLength:"10" maxLength:"20000"`
	Active     *bool  `json:"active,omitempty"`
}

func (in TemplateInput) validate() (models.AnswerTemplate, error) {
	var f models.Fields
	t := models.AnswerTemplate{Topic: strings.TrimSpace(in.Topic), Stage: strings.TrimSpace(in.Stage), Outcome: in.Outcome,
		Title: strings.TrimSpace(in.Title), LegalBasis: strings.TrimSpace(in.LegalBasis), Body: strings.TrimSpace(in.Body), Active: in.Active == nil || *in.Active}
	checkLen(&f, "topic", t.Topic, limitOf[TemplateInput]("topic"), "主题", "topic")
	checkLen(&f, "stage", t.Stage, limitOf[TemplateInput]("stage"), "阶段", "stage")
	if o, ok := models.FindOutcome(t.Outcome); !ok || !o.Answer {
		f.Add("outcome", "办理结果须为年度报告表中（一）至（五）的一项", "outcome must be a row (一)–(五) of the annual-report table")
	}
	checkLen(&f, "title", t.Title, limitOf[TemplateInput]("title"), "标题", "title")
	checkLen(&f, "legalBasis", t.LegalBasis, limitOf[TemplateInput]("legalBasis"), "法律依据", "legalBasis")
	checkLen(&f, "body", t.Body, limitOf[TemplateInput]("body"), "答复正文", "body")
	return t, f.Err()
}

// FindTemplates lists answer templates, filtered by outcome, topic and text.
func (s *LibraryService) FindTemplates(ctx context.Context, actor Actor, outcome, topic, query string, includeInactive bool) ([]*models.AnswerTemplate, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	return models.FindAnswerTemplates(ctx, s.DB, models.TemplateFilter{Outcome: outcome, Topic: topic, Query: strings.TrimSpace(query),
		IncludeInactive: includeInactive, Limit: templateListLimit})
}

// templateListLimit bounds the list of answer templates.
const templateListLimit = 500

// CreateTemplate adds an answer template.
func (s *LibraryService) CreateTemplate(ctx context.Context, actor Actor, in TemplateInput, sourceCase *uint) (*models.AnswerTemplate, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, err
	}
	t, err := in.validate()
	if err != nil {
		return nil, err
	}
	uid := actor.UserID
	t.CreatedBy, t.SourceCaseID, t.Version = &uid, sourceCase, 1
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateAnswerTemplate(ctx, tx, &t); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "template.create", "answer_template", t.ID, map[string]any{"title": t.Title, "outcome": t.Outcome})
	})
	if err != nil {
		return nil, fmt.Errorf("create template: %w", err)
	}
	return &t, nil
}

// UpdateTemplate edits an answer template with optimistic locking.
func (s *LibraryService) UpdateTemplate(ctx context.Context, actor Actor, id uint, in TemplateInput) (*models.AnswerTemplate, error) {
	if err := requireSupervisor(actor); err != nil {
		return nil, err
	}
	next, err := in.validate()
	if err != nil {
		return nil, err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		cur, err := models.FindAnswerTemplateByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Version != in.Version {
			return models.StaleVersion()
		}
		if err := models.UpdateAnswerTemplate(ctx, tx, cur, next); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "template.update", "answer_template", id, map[string]any{"title": next.Title, "active": next.Active})
	})
	if err != nil {
		return nil, err
	}
	return models.FindAnswerTemplateByID(ctx, s.DB, id)
}

// TemplateFromTypical turns a typical case's approved answer into a
// template.
func (s *LibraryService) TemplateFromTypical(ctx context.Context, actor Actor, typicalID uint, topic, stage, title string) (*models.AnswerTemplate, error) {
	v, err := s.Typical(ctx, actor, typicalID)
	if err != nil {
		return nil, err
	}
	if v.Answer == nil {
		return nil, models.InvalidField("typicalId", models.M("该案例没有经审核的答复", "this case has no approved answer"))
	}
	if title == "" && v.Typical.Case != nil {
		title = v.Typical.Case.Title
	}
	cid := v.Typical.CaseID
	return s.CreateTemplate(ctx, actor, TemplateInput{Topic: topic, Stage: stage, Outcome: v.Answer.Outcome, Title: title,
		LegalBasis: v.Answer.LegalBasis, Body: v.Answer.Text}, &cid)
}
