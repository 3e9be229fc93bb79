package models

import (
	"context"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// The library keeps the typical cases (典型案例) and the answer standards
// (答复标准). A typical case's tags are stored comma-joined.

var (
	typicalWhat  = M("典型案例", "typical case")
	templateWhat = M("答复模板", "answer template")
)

// CreateTypicalCase inserts a mark; a case already marked is a conflict.
func CreateTypicalCase(ctx context.Context, db *gorm.DB, t *TypicalCase) error {
	return translate(db.WithContext(ctx).Create(t).Error, typicalWhat)
}

// FindTypicalCaseByID loads a typical case without its case.
func FindTypicalCaseByID(ctx context.Context, db *gorm.DB, id uint) (*TypicalCase, error) {
	var t TypicalCase
	if err := db.WithContext(ctx).First(&t, id).Error; err != nil {
		return nil, translate(err, typicalWhat)
	}
	return &t, nil
}

// FindTypicalCaseWithCase loads a typical case with its case and the
// case's agency.
func FindTypicalCaseWithCase(ctx context.Context, db *gorm.DB, id uint) (*TypicalCase, error) {
	var t TypicalCase
	if err := db.WithContext(ctx).Preload("Case").Preload("Case.Agency").First(&t, id).Error; err != nil {
		return nil, translate(err, typicalWhat)
	}
	return &t, nil
}

// UpdateTypicalCase sets t's tags and analysis if its version is still
// t.Version, bumping the version; a stale version is a conflict.
func UpdateTypicalCase(ctx context.Context, db *gorm.DB, t *TypicalCase, tags, analysis string) error {
	res := db.WithContext(ctx).Model(t).Where("version = ?", t.Version).Updates(map[string]any{"tags": tags, "analysis": analysis, "version": t.Version + 1})
	if res.Error != nil {
		return translate(res.Error, typicalWhat)
	}
	if res.RowsAffected == 0 {
		return StaleVersion()
	}
	return nil
}

// DeleteTypicalCase removes a mark; a missing one is not found.
func DeleteTypicalCase(ctx context.Context, db *gorm.DB, id uint) error {
	res := db.WithContext(ctx).Delete(&TypicalCase{}, id)
	if res.Error != nil {
		return translate(res.Error, typicalWhat)
	}
	if res.RowsAffected == 0 {
		return NotFound(typicalWhat)
	}
	return nil
}

// TypicalFilter selects typical cases: Query in the analysis, the case's
// title or the tags; one Tag; one case.
type TypicalFilter struct {
	Query  string
	Tag    string
	CaseID uint
	Offset int
	Limit  int
}

// FindTypicalCases lists typical cases, newest first, with their cases
// and agencies, and the total that match.
func FindTypicalCases(ctx context.Context, db *gorm.DB, f TypicalFilter) ([]*TypicalCase, int, error) {
	q := db.WithContext(ctx).Model(&TypicalCase{}).Joins("JOIN cases ON cases.id = typical_cases.case_id")
	if f.Query != "" {
		like := "%" + EscapeLike(strings.ToLower(f.Query)) + "%"
		q = q.Where("(LOWER(typical_cases.analysis) LIKE ? ESCAPE '\\' OR LOWER(cases.title) LIKE ? ESCAPE '\\' OR LOWER(typical_cases.tags) LIKE ? ESCAPE '\\')", like, like, like)
	}
	if f.CaseID != 0 {
		q = q.Where("typical_cases.case_id = ?", f.CaseID)
	}
	if f.Tag != "" {
		q = q.Where("(',' || typical_cases.tags || ',') LIKE ?", "%,"+EscapeLike(f.Tag)+",%")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var ts []*TypicalCase
	err := q.Preload("Case").Preload("Case.Agency").Order("typical_cases.id DESC").Offset(f.Offset).Limit(f.Limit).Find(&ts).Error
	return ts, int(total), err
}

// ListTypicalTags returns every tag in use, sorted.
func ListTypicalTags(ctx context.Context, db *gorm.DB) ([]string, error) {
	var all []string
	if err := db.WithContext(ctx).Model(&TypicalCase{}).Pluck("tags", &all).Error; err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, t := range all {
		for _, x := range strings.Split(t, ",") {
			if x != "" {
				set[x] = true
			}
		}
	}
	tags := make([]string, 0, len(set))
	for t := range set {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return tags, nil
}

// TemplateFilter selects answer templates: by outcome, topic, and Query in
// the title, body or stage; inactive ones only when asked.
type TemplateFilter struct {
	Outcome         string
	Topic           string
	Query           string
	IncludeInactive bool
	Limit           int
}

// FindAnswerTemplates lists answer templates by topic and stage.
func FindAnswerTemplates(ctx context.Context, db *gorm.DB, f TemplateFilter) ([]*AnswerTemplate, error) {
	q := db.WithContext(ctx).Model(&AnswerTemplate{})
	if !f.IncludeInactive {
		q = q.Where("active = ?", true)
	}
	if f.Outcome != "" {
		q = q.Where("outcome = ?", f.Outcome)
	}
	if f.Topic != "" {
		q = q.Where("topic = ?", f.Topic)
	}
	if f.Query != "" {
		like := "%" + EscapeLike(strings.ToLower(f.Query)) + "%"
		q = q.Where("(LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(body) LIKE ? ESCAPE '\\' OR LOWER(stage) LIKE ? ESCAPE '\\')", like, like, like)
	}
	var ts []*AnswerTemplate
	return ts, q.Order("topic, stage, id").Limit(f.Limit).Find(&ts).Error
}

// CreateAnswerTemplate inserts a template.
func CreateAnswerTemplate(ctx context.Context, db *gorm.DB, t *AnswerTemplate) error {
	return translate(db.WithContext(ctx).Create(t).Error, templateWhat)
}

// FindAnswerTemplateByID loads one template.
func FindAnswerTemplateByID(ctx context.Context, db *gorm.DB, id uint) (*AnswerTemplate, error) {
	var t AnswerTemplate
	if err := db.WithContext(ctx).First(&t, id).Error; err != nil {
		return nil, translate(err, templateWhat)
	}
	return &t, nil
}

// UpdateAnswerTemplate writes next's text, outcome and active flag over
// cur if cur's version is still the one stored, bumping the version; a
// stale version is a conflict.
func UpdateAnswerTemplate(ctx context.Context, db *gorm.DB, cur *AnswerTemplate, next AnswerTemplate) error {
	res := db.WithContext(ctx).Model(cur).Where("version = ?", cur.Version).Updates(map[string]any{
		"topic": next.Topic, "stage": next.Stage, "outcome": next.Outcome, "title": next.Title, "legal_basis": next.LegalBasis,
		"body": next.Body, "active": next.Active, "version": cur.Version + 1})
	if res.Error != nil {
		return translate(res.Error, templateWhat)
	}
	if res.RowsAffected == 0 {
		return StaleVersion()
	}
	return nil
}
