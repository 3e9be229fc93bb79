package app

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
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
	"third_party_disclosure":   "政府信息依申请公开告知书（给第三方）",
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
		// lastDay states a last day inclusively: "2026年12月25日（含当日）"
		// (decisions.md, Counting: a limit's last day is inclusive).
		"lastDay": func(d calendar.Date) string {
			if d.IsZero() {
				return ""
			}
			return cnDate(d) + "（含当日）"
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
	// You addresses the applicant by type: 您 (a natural person) or 贵单位.
	You string
	// DocWord is what the notice calls itself (答复书, 告知书, 通知书 …).
	DocWord string
	// Remedy is the remedy clause the notice carries (remedyKind), "" for
	// none.
	Remedy string
	// ProvisionalYears lists the years of the notice's dates whose holiday
	// schedule has no State Council notice on record.
	ProvisionalYears []int
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

// legacyPrintButton is the print button of notices rendered before they
// ran no script; a Content-Security-Policy with script-src 'none' leaves
// it dead.
const legacyPrintButton = `<div class="noprint"><button onclick="window.print()">打印 / Print</button></div>`

// ForScreen returns a stored notice as it is served: a notice stored with
// the old print button gets the printing note in its place. The stored
// record is left as it was issued.
func (n *Notices) ForScreen(html string) string {
	if !strings.Contains(html, legacyPrintButton) {
		return html
	}
	var note bytes.Buffer
	if err := n.tmpl.ExecuteTemplate(&note, "printNote", nil); err != nil {
		return strings.ReplaceAll(html, legacyPrintButton, "")
	}
	return strings.ReplaceAll(html, legacyPrintButton, note.String())
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
		Date: today, Receipt: receipt, ReceiptChannel: channelLabels[c.Channel], Extra: extra,
		You: youOf(c), DocWord: docWord(title), ProvisionalYears: provisionalYears(s.cal.Calendar(), receipt, extra)}
	if r, ok := extra["remedy"].(string); ok {
		d.Remedy = r
	}
	if kind == "third_party_disclosure" {
		d.You = "您（单位）" // the third party's type is not recorded
	}
	if kind == "receipt" {
		d.QueryCode, _ = s.sealer.Open(c.QueryCodeSealed)
	}
	html, err := s.notices.render(d)
	if err != nil {
		return nil, err
	}
	nt := &models.Notice{CaseID: c.ID, EventSeq: eventSeq, Kind: kind, Title: title, DocNumber: docNo,
		Recipient: recipient, Public: publicNotices[kind], HTML: html}
	if err := models.CreateNotice(ctx, tx, nt); err != nil {
		return nil, err
	}
	return nt, nil
}

// cnDate writes a date the Chinese official way: 2026年12月4日.
func cnDate(d calendar.Date) string {
	y, m, day := d.YMD()
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}

// remedyKind chooses the remedy clause of a decision with outcome o: Art 23
// of the 2023 行政复议法 makes reconsideration come first when disclosure is
// refused (the 不予公开 rows), and a partial disclosure refuses its withheld
// part; every other decision may go to reconsideration (60 days) or to
// court (6 months, 行政诉讼法 Art 46). The one place this is decided.
func remedyKind(o models.Outcome) string {
	switch o.Group {
	case "not_disclosed":
		return "refusal"
	case "partially_disclosed":
		return "partial"
	}
	return "standard"
}

// youOf addresses the applicant by type: a natural person as 您, an
// organisation as 贵单位.
func youOf(c *models.Case) string {
	if c.ApplicantType == models.ApplicantNatural {
		return "您"
	}
	return "贵单位"
}

// docWord is what a notice titled title calls itself in its text.
func docWord(title string) string {
	if i := strings.Index(title, "（"); i > 0 {
		title = title[:i]
	}
	for _, w := range []string{"答复书", "告知书", "通知书", "征求意见书", "回执", "协办函"} {
		if strings.HasSuffix(title, w) {
			return w
		}
	}
	return "文书"
}

// provisionalYears lists the years of the receipt date and the notice's
// dates whose holiday schedule has no State Council notice on record: the
// page then says the dates are provisional (decisions.md, "Working days").
func provisionalYears(cal *calendar.Calendar, receipt calendar.Date, extra map[string]any) []int {
	seen := map[int]bool{}
	var out []int
	check := func(d calendar.Date) {
		if !d.IsZero() && !cal.IsOfficialYear(d.Year()) && !seen[d.Year()] && d >= receipt {
			seen[d.Year()] = true
			out = append(out, d.Year())
		}
	}
	for _, v := range extra {
		if d, ok := v.(calendar.Date); ok {
			check(d)
		}
	}
	sort.Ints(out)
	return out
}

var channelLabels = map[models.Channel]string{
	models.ChannelInPerson: "当面提交", models.ChannelRegisteredPost: "挂号信/EMS", models.ChannelOrdinaryPost: "平信",
	models.ChannelFax: "传真", models.ChannelEmail: "电子邮件", models.ChannelOnline: "网上申请",
}
