package app

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

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

// NoticeKinds lists the notice kinds in a stable order.
func NoticeKinds() []string {
	out := make([]string, 0, len(noticeTitles))
	for k := range noticeTitles {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// publicNotices are addressed to the applicant, who may open them.
var publicNotices = map[string]bool{
	"receipt": true, "correction": true, "extension": true, "consultation_applicant": true, "fee": true,
	"custom_deadline": true, "answer": true, "not_processed": true, "referral": true, "closure": true,
}

// thirdPartyNotices are addressed to a third party consulted under Art 32,
// whose type (person or organisation) is not recorded: they address it as
// 您（单位）.
var thirdPartyNotices = map[string]bool{"consultation_third_party": true, "third_party_disclosure": true}

// NoticeCase is what a notice template sees of the case: these fields and
// no others, so that a template an administrator edits cannot print what
// the notice's reader may not see (README, "Notice templates").
type NoticeCase struct {
	TrackingNumber string
	Title          string
	Description    string
	DocumentNumber string
	ApplicantName  string
	// ApplicantType is natural, organization or other (models.ApplicantType).
	ApplicantType string
	ArrivedAt     time.Time
}

// NoticeAgency is what a notice template sees of the issuing agency.
type NoticeAgency struct {
	Name, ShortName, Address, Phone, Email string
	// ReconsiderationBody (复议机关) and Court are named in the remedy clause.
	ReconsiderationBody, Court string
}

func noticeCaseOf(c *models.Case) NoticeCase {
	return NoticeCase{TrackingNumber: c.TrackingNumber, Title: c.Title, Description: c.Description, DocumentNumber: c.DocumentNumber,
		ApplicantName: c.ApplicantName, ApplicantType: string(c.ApplicantType), ArrivedAt: c.ArrivedAt}
}

func noticeAgencyOf(a *models.Agency) NoticeAgency {
	if a == nil {
		return NoticeAgency{}
	}
	return NoticeAgency{Name: a.Name, ShortName: a.ShortName, Address: a.Address, Phone: a.Phone, Email: a.Email,
		ReconsiderationBody: a.ReconsiderationBody, Court: a.Court}
}

// NoticeData is what a notice template sees. The README lists it as the
// templates' placeholders.
type NoticeData struct {
	Kind      string
	Title     string
	DocNumber string
	Agency    NoticeAgency
	Case      NoticeCase
	Recipient string
	Date      calendar.Date
	// Receipt is the legal date of receipt, ReceiptChannel its channel label.
	Receipt        calendar.Date
	ReceiptChannel string
	QueryCode      string
	// You addresses the reader by type: 您 (a natural person), 贵单位 (an
	// organisation), 您（单位） (a third party, whose type is not recorded).
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
	// answer text …), by kind in the README.
	Extra map[string]any
	// Body is the rendered body_<kind> template with the provisional note,
	// set by render for the page template.
	Body template.HTML
}

// templateFuncs are the functions notice templates may call.
var templateFuncs = template.FuncMap{
	"cnDate": func(d calendar.Date) string {
		if d.IsZero() {
			return ""
		}
		return cnDate(d)
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
	"sentence": sentence,
}

// sentence ends a piece of text an officer wrote (a reason, an item to
// correct) as a sentence: trailing white space goes, a trailing comma or
// semicolon becomes 。, and 。 is added unless it ends with a full stop,
// question or exclamation mark (before any closing quotes or brackets).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	body := strings.TrimRight(s, "”’」』）)\"'")
	last, size := utf8.DecodeLastRuneInString(body)
	switch {
	case strings.ContainsRune("。！？!?.…", last):
		return s
	case strings.ContainsRune("，；、：,;:", last) && len(body) == len(s):
		return s[:len(s)-size] + "。"
	}
	return s + "。"
}

// renderedNotice is a notice's page (printable A4 HTML) and its body (the
// same content, the PDF's input and the phone's reflowed view).
type renderedNotice struct {
	page, body string
}

// render executes d's body template of set t and then the page around it.
func renderNotice(t *template.Template, d NoticeData) (renderedNotice, error) {
	var body bytes.Buffer
	if err := t.ExecuteTemplate(&body, "body_"+d.Kind, d); err != nil {
		return renderedNotice{}, fmt.Errorf("render %s: %w", d.Kind, err)
	}
	if err := t.ExecuteTemplate(&body, "provisional", d); err != nil {
		return renderedNotice{}, fmt.Errorf("render %s: %w", d.Kind, err)
	}
	d.Body = template.HTML(body.String())
	var page bytes.Buffer
	if err := t.ExecuteTemplate(&page, "page", d); err != nil {
		return renderedNotice{}, fmt.Errorf("render %s: %w", d.Kind, err)
	}
	return renderedNotice{page: page.String(), body: strings.TrimSpace(body.String())}, nil
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
	if err := n.std.ExecuteTemplate(&note, "printNote", nil); err != nil {
		return strings.ReplaceAll(html, legacyPrintButton, "")
	}
	return strings.ReplaceAll(html, legacyPrintButton, note.String())
}

// noticeData is the template input of a notice of kind to recipient on c.
func (s *CaseService) noticeData(c *models.Case, kind, recipient, docNo string, today calendar.Date, extra map[string]any) NoticeData {
	title := noticeTitles[kind]
	receipt, _ := calendar.ParseDate(c.ReceiptDate)
	d := NoticeData{Kind: kind, Title: title, DocNumber: docNo, Agency: noticeAgencyOf(c.Agency), Case: noticeCaseOf(c), Recipient: recipient,
		Date: today, Receipt: receipt, ReceiptChannel: channelLabels[c.Channel], Extra: extra,
		You: youOf(c.ApplicantType), DocWord: docWord(title), ProvisionalYears: provisionalYears(s.cal.Calendar(), receipt, extra)}
	if r, ok := extra["remedy"].(string); ok {
		d.Remedy = r
	}
	if thirdPartyNotices[kind] {
		d.You = "您（单位）"
	}
	if kind == "receipt" {
		d.QueryCode, _ = s.sealer.Open(c.QueryCodeSealed)
	}
	return d
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

// youOf addresses an applicant of type t: a natural person as 您, an
// organisation (法人或者其他组织) as 贵单位.
func youOf(t models.ApplicantType) string {
	if t == models.ApplicantNatural {
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
