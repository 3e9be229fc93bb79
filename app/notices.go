package app

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// Notice kinds and their official titles (宿政办函〔2021〕21号 and common
// practice, regulation.md §5.2).
var noticeTitles = map[string]string{
	"receipt":                  "政府信息公开申请接收回执",
	"correction":               "政府信息公开申请补正告知书",
	"extension":                "政府信息公开申请延期答复告知书",
	"consultation_third_party": "政府信息公开申请征求意见书（给第三方）",
	"consultation_agency":      "政府信息公开申请征求意见书（给共同制作机关）",
	"consultation_applicant":   "政府信息公开申请征求意见告知书（给申请人）",
	"assistance":               "政府信息公开申请协办函",
	"fee":                      "政府信息公开信息处理费收费通知书",
	"custom_deadline":          "政府信息公开申请延迟答复告知书",
	"answer":                   "政府信息公开申请答复书",
	"not_processed":            "政府信息公开申请不予处理告知书",
	"referral":                 "非本机关政府信息告知书",
	"closure":                  "政府信息公开申请终止处理告知书",
}

// publicNotices are addressed to the applicant, who may open them.
var publicNotices = map[string]bool{
	"receipt": true, "correction": true, "extension": true, "consultation_applicant": true, "fee": true,
	"custom_deadline": true, "answer": true, "not_processed": true, "referral": true, "closure": true,
}

// Notices renders official notices from the templates in configs/notices
// as printable A4 HTML.
type Notices struct {
	tmpl *template.Template
}

// NewNotices parses every template in fsys (notices/*.html).
func NewNotices(fsys fs.FS) (*Notices, error) {
	t, err := template.New("notices").Funcs(template.FuncMap{
		"cnDate": func(d calendar.Date) string {
			if d.IsZero() {
				return ""
			}
			y, m, day := d.YMD()
			return fmt.Sprintf("%d年%d月%d日", y, m, day)
		},
		"cnTime": func(t time.Time) string {
			t = t.In(calendar.Location())
			return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
		},
	}).ParseFS(fsys, "notices/*.html")
	if err != nil {
		return nil, fmt.Errorf("notice templates: %w", err)
	}
	for kind := range noticeTitles {
		if t.Lookup("body_"+kind) == nil {
			return nil, fmt.Errorf("notice templates: body_%s is missing", kind)
		}
	}
	return &Notices{tmpl: t}, nil
}

// NoticeData is what a notice template sees.
type NoticeData struct {
	Kind      string
	Title     string
	DocNumber string
	Agency    *models.Agency
	Case      *models.Case
	Recipient string
	Date      calendar.Date
	// Receipt is the legal date of receipt, ReceiptChannel its channel label.
	Receipt        calendar.Date
	ReceiptChannel string
	QueryCode      string
	// Extra is the step's own content (items to correct, due dates, the
	// answer text …).
	Extra map[string]any
	// Body is the rendered body_<kind> template, set by render.
	Body template.HTML
}

func (n *Notices) render(d NoticeData) (string, error) {
	var body bytes.Buffer
	if err := n.tmpl.ExecuteTemplate(&body, "body_"+d.Kind, d); err != nil {
		return "", fmt.Errorf("render %s: %w", d.Kind, err)
	}
	d.Body = template.HTML(body.String())
	var buf bytes.Buffer
	if err := n.tmpl.ExecuteTemplate(&buf, "page", d); err != nil {
		return "", fmt.Errorf("render %s: %w", d.Kind, err)
	}
	return buf.String(), nil
}

// issueNotice numbers (per agency and year, gap-free), renders and stores a
// notice inside tx.
func (s *CaseService) issueNotice(ctx context.Context, tx *gorm.DB, c *models.Case, eventSeq int, kind, recipient string, today calendar.Date, extra map[string]any) (*models.Notice, error) {
	title := noticeTitles[kind]
	if title == "" {
		return nil, fmt.Errorf("unknown notice kind %q", kind)
	}
	n, err := models.NextCounter(ctx, tx, "notice", c.AgencyID, today.Year())
	if err != nil {
		return nil, fmt.Errorf("notice number: %w", err)
	}
	prefix := c.Agency.DocPrefix
	if prefix == "" {
		prefix = c.Agency.ShortName
	}
	docNo := fmt.Sprintf("%s〔%d〕第%d号", prefix, today.Year(), n)
	receipt, _ := calendar.ParseDate(c.ReceiptDate)
	d := NoticeData{Kind: kind, Title: title, DocNumber: docNo, Agency: c.Agency, Case: c, Recipient: recipient,
		Date: today, Receipt: receipt, ReceiptChannel: channelLabels[c.Channel], Extra: extra}
	if kind == "receipt" {
		d.QueryCode, _ = s.sealer.Open(c.QueryCodeSealed)
	}
	html, err := s.notices.render(d)
	if err != nil {
		return nil, err
	}
	nt := &models.Notice{CaseID: c.ID, EventSeq: eventSeq, Kind: kind, Title: title, DocNumber: docNo,
		Recipient: recipient, Public: publicNotices[kind], HTML: html}
	if err := tx.WithContext(ctx).Create(nt).Error; err != nil {
		return nil, err
	}
	return nt, nil
}

var channelLabels = map[models.Channel]string{
	models.ChannelInPerson: "当面提交", models.ChannelRegisteredPost: "挂号信/EMS", models.ChannelOrdinaryPost: "平信",
	models.ChannelFax: "传真", models.ChannelEmail: "电子邮件", models.ChannelOnline: "网上申请",
}
