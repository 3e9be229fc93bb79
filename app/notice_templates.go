package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/pdfdoc"
	"gongkai/models"
)

// NoticeTemplateService lets administrators edit each agency's notice
// body templates online: every edit is a new version (none is changed),
// checked to parse and to render with sample data as a one-page PDF body
// before it is saved, and audited; a preview renders a text without saving
// it. An agency without a version of its own uses the installation's.
// Errors: KindInvalid, KindNotFound, KindForbidden, KindConflict.
type NoticeTemplateService struct {
	Deps
	cases *CaseService
}

// NoticeTemplateSummary is the template of one notice kind an agency uses.
type NoticeTemplateSummary struct {
	Kind  string `json:"kind" enum:"NoticeKind"`
	Title string `json:"title"`
	// Source is where the template in force comes from: the agency's own
	// version, or the installation's file (built in or from
	// GONGKAI_TEMPLATES_DIR).
	Source    string     `json:"source" enum:"TemplateSource"`
	Version   int        `json:"version,omitempty" doc:"the agency's version in force (source agency)"`
	UpdatedAt *time.Time `json:"updatedAt,omitempty"`
}

// NoticeTemplateVersion is one saved version of an agency's template.
type NoticeTemplateVersion struct {
	Version   int       `json:"version"`
	SHA256    string    `json:"sha256"`
	Note      string    `json:"note,omitempty"`
	CreatedBy *uint     `json:"createdBy,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
}

// NoticeTemplateView is one template with its text, the installation's text it
// replaces, and the agency's versions, newest first.
type NoticeTemplateView struct {
	NoticeTemplateSummary
	// Text is the template shown: the version asked for, else the one in
	// force.
	Text   string `json:"text"`
	SHA256 string `json:"sha256"`
	Note   string `json:"note,omitempty"`
	// Shown is the version Text is (0: the installation's).
	Shown int `json:"shown"`
	// DefaultText is the installation's template, which a new agency
	// version starts from and which applies when the agency has none.
	DefaultText   string                  `json:"defaultText"`
	DefaultSource string                  `json:"defaultSource" enum:"TemplateSource"`
	Versions      []NoticeTemplateVersion `json:"versions"`
}

// NoticeTemplateInput is a new version of an agency's template.
type NoticeTemplateInput struct {
	// BaseVersion is the version in force the edit starts from, 0 when the
	// agency has none yet: an edit based on an older one is a conflict.
	BaseVersion int    `json:"baseVersion" doc:"the agency's version in force the edit starts from (0: none yet)"`
	Text        string `json:"text" required:"true" minLength:"1" maxLength:"20000" doc:"the body template (Go html/template; placeholders in the README)"`
	Note        string `json:"note,omitempty" maxLength:"200" doc:"what changed"`
}

// NoticePreviewInput is a template text to render without saving.
type NoticePreviewInput struct {
	Text string `json:"text" required:"true" minLength:"1" maxLength:"20000"`
}

func (s *NoticeTemplateService) checkAccess(ctx context.Context, actor Actor, agencyID uint, kind string) (*models.Agency, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	if kind != "" && noticeTitles[kind] == "" {
		return nil, models.NotFound(models.M("文书种类", "notice kind"))
	}
	return models.FindAgencyByID(ctx, s.DB, agencyID)
}

// List returns the template in force of every notice kind for an agency.
func (s *NoticeTemplateService) List(ctx context.Context, actor Actor, agencyID uint) ([]NoticeTemplateSummary, error) {
	if _, err := s.checkAccess(ctx, actor, agencyID, ""); err != nil {
		return nil, err
	}
	vs, err := models.FindNoticeTemplateVersions(ctx, s.DB, agencyID, "")
	if err != nil {
		return nil, err
	}
	latest := map[string]*models.NoticeTemplate{}
	for _, v := range vs {
		if l := latest[v.Kind]; l == nil || v.Version > l.Version {
			latest[v.Kind] = v
		}
	}
	out := make([]NoticeTemplateSummary, 0, len(noticeTitles))
	for _, k := range NoticeKinds() {
		out = append(out, s.summary(k, latest[k]))
	}
	return out, nil
}

func (s *NoticeTemplateService) summary(kind string, v *models.NoticeTemplate) NoticeTemplateSummary {
	ts := NoticeTemplateSummary{Kind: kind, Title: noticeTitles[kind], Source: s.cases.notices.bodySource(kind).origin}
	if v != nil {
		at := v.CreatedAt
		ts.Source, ts.Version, ts.UpdatedAt = TemplateAgency, v.Version, &at
	}
	return ts
}

// Get returns an agency's template of kind: version n, or with n 0 the
// one in force.
func (s *NoticeTemplateService) Get(ctx context.Context, actor Actor, agencyID uint, kind string, n int) (NoticeTemplateView, error) {
	if _, err := s.checkAccess(ctx, actor, agencyID, kind); err != nil {
		return NoticeTemplateView{}, err
	}
	return s.view(ctx, s.DB, agencyID, kind, n)
}

func (s *NoticeTemplateService) view(ctx context.Context, db *gorm.DB, agencyID uint, kind string, n int) (NoticeTemplateView, error) {
	vs, err := models.FindNoticeTemplateVersions(ctx, db, agencyID, kind)
	if err != nil {
		return NoticeTemplateView{}, err
	}
	def := s.cases.notices.bodySource(kind)
	v := NoticeTemplateView{NoticeTemplateSummary: s.summary(kind, nil), Text: def.text, SHA256: def.sha256, DefaultText: def.text,
		DefaultSource: def.origin, Versions: make([]NoticeTemplateVersion, 0, len(vs))}
	for _, x := range vs {
		v.Versions = append(v.Versions, NoticeTemplateVersion{Version: x.Version, SHA256: x.SHA256, Note: x.Note, CreatedBy: x.CreatedBy, CreatedAt: x.CreatedAt})
	}
	if len(vs) > 0 {
		v.NoticeTemplateSummary = s.summary(kind, vs[0])
	}
	if n == 0 && len(vs) > 0 {
		n = vs[0].Version
	}
	if n > 0 {
		t, err := models.FindNoticeTemplate(ctx, db, agencyID, kind, n)
		if err != nil {
			return NoticeTemplateView{}, err
		}
		v.Text, v.SHA256, v.Note, v.Shown = t.Text, t.SHA256, t.Note, t.Version
	}
	return v, nil
}

// Save stores a new version of an agency's template of kind after checking
// it (checkTemplate), in one transaction with its audit event. Two edits
// from the same version cannot both win: the second is a conflict.
func (s *NoticeTemplateService) Save(ctx context.Context, actor Actor, agencyID uint, kind string, in NoticeTemplateInput) (NoticeTemplateView, error) {
	a, err := s.checkAccess(ctx, actor, agencyID, kind)
	if err != nil {
		return NoticeTemplateView{}, err
	}
	var f models.Fields
	note := strings.TrimSpace(in.Note)
	checkLen(&f, "text", in.Text, limitOf[NoticeTemplateInput]("text"), "模板", "text")
	checkLen(&f, "note", note, limitOf[NoticeTemplateInput]("note"), "修改说明", "note")
	if err := f.Err(); err != nil {
		return NoticeTemplateView{}, err
	}
	if _, err := s.checkTemplate(a, kind, in.Text, s.cases.cal.Calendar()); err != nil {
		return NoticeTemplateView{}, err
	}
	sum := sha256.Sum256([]byte(in.Text))
	var out NoticeTemplateView
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		cur, err := models.FindNoticeTemplate(ctx, tx, agencyID, kind, 0)
		if err := unexpected(err); err != nil {
			return err
		}
		have := 0
		if cur != nil {
			have = cur.Version
		}
		if in.BaseVersion != have {
			return models.StaleVersion()
		}
		t := &models.NoticeTemplate{AgencyID: agencyID, Kind: kind, Version: have + 1, Text: in.Text, SHA256: hex.EncodeToString(sum[:]), Note: note}
		if actor.UserID != 0 {
			id := actor.UserID
			t.CreatedBy = &id
		}
		if err := models.CreateNoticeTemplate(ctx, tx, t); err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, "notice_template.save", "agency", agencyID,
			map[string]any{"kind": kind, "version": t.Version, "sha256": t.SHA256, "note": note}); err != nil {
			return err
		}
		out, err = s.view(ctx, tx, agencyID, kind, 0)
		return err
	})
	if err != nil {
		return NoticeTemplateView{}, fmt.Errorf("save template %s of agency %d: %w", kind, agencyID, err)
	}
	return out, nil
}

// Preview renders text as the agency's template of kind with sample data,
// without saving it: the printable page (pdf false) or the PDF. A text
// that would not be saved is refused the same way.
func (s *NoticeTemplateService) Preview(ctx context.Context, actor Actor, agencyID uint, kind, text string, pdf bool) ([]byte, error) {
	a, err := s.checkAccess(ctx, actor, agencyID, kind)
	if err != nil {
		return nil, err
	}
	var f models.Fields
	checkLen(&f, "text", text, limitOf[NoticePreviewInput]("text"), "模板", "text")
	if err := f.Err(); err != nil {
		return nil, err
	}
	r, err := s.checkTemplate(a, kind, text, s.cases.cal.Calendar())
	if err != nil {
		return nil, err
	}
	switch {
	case !pdf:
		return []byte(r.page), nil
	case r.pdf == nil:
		return nil, errPDFUnavailable
	}
	return r.pdf, nil
}

// previewed is a sample rendering: the page, the body and the PDF.
type previewed struct {
	renderedNotice
	pdf []byte
}

// checkTemplate renders text as kind's body with sample data and checks
// what it gives: it must parse, define no templates of its own, execute,
// keep to the HTML the PDF is laid out from (checkBodyHTML) and lay out
// as a PDF. Every refusal is a field error on text that says why.
func (s *NoticeTemplateService) checkTemplate(a *models.Agency, kind, text string, cal *calendar.Calendar) (previewed, error) {
	bad := func(zh, en string, err error) (previewed, error) {
		return previewed{}, models.InvalidField("text", models.M(zh+"："+err.Error(), en+": "+err.Error()))
	}
	t, err := s.cases.notices.withBody(kind, text)
	if err != nil {
		return bad("模板无法解析", "the template does not parse", err)
	}
	// The samples hold every key of their kind's Extra, so that a key they
	// lack is a placeholder that does not exist.
	t.Option("missingkey=error")
	d := sampleNotice(kind, a, cal)
	r, err := renderNotice(t, d)
	if err != nil && strings.Contains(err.Error(), "map has no entry for key") {
		return bad("模板引用了不存在的占位符", "the template names a placeholder that does not exist", err)
	}
	if err != nil {
		return bad("模板用示例数据无法生成文书", "the template fails on sample data", err)
	}
	if err := checkBodyHTML(r.body); err != nil {
		return bad("模板含有PDF文书不支持的HTML", "the template has HTML a PDF notice cannot hold", err)
	}
	out := previewed{renderedNotice: r}
	if s.cases.pdf.Renderer == nil {
		return out, nil
	}
	y, m, day := d.Date.YMD()
	out.pdf, err = s.cases.pdf.Renderer.RenderNotice(pdfdoc.Notice{Title: d.Title, DocNumber: d.DocNumber, BodyHTML: r.body, Agency: a.Name,
		Date: time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC), FootNote: "查询号：" + d.Case.TrackingNumber})
	if err != nil {
		return bad("模板无法生成PDF文书", "the template cannot be laid out as PDF", err)
	}
	return out, nil
}

// bodyElements are the elements a notice body may hold: the HTML subset
// app/pdfdoc lays out, with the attributes it reads.
var bodyElements = map[atom.Atom][]string{
	atom.P: {"class"}, atom.Div: {"class"}, atom.Span: {"class"}, atom.Br: nil, atom.Strong: nil, atom.B: nil,
	atom.Ol: {"start"}, atom.Ul: nil, atom.Li: nil,
	atom.Table: nil, atom.Thead: nil, atom.Tbody: nil, atom.Tfoot: nil, atom.Tr: nil, atom.Th: {"colspan"}, atom.Td: {"colspan"},
}

// bodyClasses are the classes a body's elements may carry.
var bodyClasses = []string{"noindent", "pre", "provisional"}

// checkBodyHTML refuses elements and attributes outside bodyElements, so
// that an edited template neither loses text in the PDF nor carries
// script, style or links into the page and the phone's view.
func checkBodyHTML(body string) error {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return err
	}
	var walk func(n *html.Node) error
	walk = func(n *html.Node) error {
		if n.Type == html.CommentNode {
			return fmt.Errorf("HTML comments are not kept")
		}
		if n.Type == html.ElementNode {
			allowed, ok := bodyElements[n.DataAtom]
			if !ok {
				return fmt.Errorf("<%s> is not allowed (p, div, span, br, strong, b, ol, ul, li, table, tr, th, td)", n.Data)
			}
			for _, at := range n.Attr {
				if !slices.Contains(allowed, at.Key) {
					return fmt.Errorf("<%s %s> is not allowed", n.Data, at.Key)
				}
				if at.Key == "class" {
					for _, c := range strings.Fields(at.Val) {
						if !slices.Contains(bodyClasses, c) {
							return fmt.Errorf("class %q is not allowed (noindent, pre)", c)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, n := range nodes {
		if err := walk(n); err != nil {
			return err
		}
	}
	return nil
}
