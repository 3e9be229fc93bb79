package app

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// NoticeView is a notice with its issued PDF versions, oldest first.
type NoticeView struct {
	*models.Notice
	Versions []*models.NoticeVersion
}

// Latest is the latest PDF version, nil for a notice issued as HTML only.
func (n NoticeView) Latest() *models.NoticeVersion {
	if len(n.Versions) == 0 {
		return nil
	}
	return n.Versions[len(n.Versions)-1]
}

// withVersions adds each notice's PDF versions.
func (s *CaseService) withVersions(ctx context.Context, db *gorm.DB, ns []*models.Notice) ([]NoticeView, error) {
	out := make([]NoticeView, 0, len(ns))
	ids := make([]uint, 0, len(ns))
	for _, n := range ns {
		ids = append(ids, n.ID)
	}
	vs, err := models.FindNoticeVersions(ctx, db, ids...)
	if err != nil {
		return nil, err
	}
	byNotice := map[uint][]*models.NoticeVersion{}
	for _, v := range vs {
		byNotice[v.NoticeID] = append(byNotice[v.NoticeID], v)
	}
	for _, n := range ns {
		out = append(out, NoticeView{Notice: n, Versions: byNotice[n.ID]})
	}
	return out, nil
}

// NoticeFile is one PDF version of a notice and its bytes.
type NoticeFile struct {
	Notice  *models.Notice
	Version *models.NoticeVersion
	PDF     []byte
}

// errNoPDF answers for a notice issued before PDFs existed (or while no
// fonts were installed): its HTML is the record; handling staff may
// reissue it as PDF.
var errNoPDF = &models.Error{Kind: models.KindConflict, Code: "notice_pdf_missing",
	Msg: models.M("该文书签发时未生成PDF版本，请承办人员重新签发后下载", "this notice was issued without a PDF; the handling agency's staff can reissue it as PDF")}

// openPDF reads version n (0: the latest) of notice nt.
func (s *CaseService) openPDF(ctx context.Context, nt *models.Notice, n int) (NoticeFile, error) {
	v, err := models.FindNoticeVersion(ctx, s.DB, nt.ID, n)
	if err := unexpected(err); err != nil {
		return NoticeFile{}, err
	}
	if err != nil {
		if n == 0 {
			return NoticeFile{}, errNoPDF
		}
		return NoticeFile{}, models.NotFound(models.M("文书的该PDF版本", "this PDF version of the notice"))
	}
	b, err := s.blobs.Get(ctx, s.DB, v.BlobKey)
	if err != nil {
		return NoticeFile{}, err
	}
	return NoticeFile{Notice: nt, Version: v, PDF: b}, nil
}

// NoticePDF returns version n (0: the latest) of a notice the actor may
// see, as stored when it was issued. Errors: KindNotFound, KindConflict
// (notice_pdf_missing).
func (s *CaseService) NoticePDF(ctx context.Context, actor Actor, noticeID uint, n int) (NoticeFile, error) {
	nt, err := s.Notice(ctx, actor, noticeID)
	if err != nil {
		return NoticeFile{}, err
	}
	return s.openPDF(ctx, nt, n)
}

// TrackNoticePDF is NoticePDF for the anonymous tracker.
func (s *CaseService) TrackNoticePDF(ctx context.Context, trackingNumber, queryCode string, noticeID uint, n int) (NoticeFile, error) {
	nt, err := s.TrackNotice(ctx, trackingNumber, queryCode, noticeID)
	if err != nil {
		return NoticeFile{}, err
	}
	return s.openPDF(ctx, nt, n)
}

// NoticeContent is a notice's text for reading on a small screen: the
// body as issued (the PDF's input, in the HTML subset of app/pdfdoc) with
// the parts the page sets around it.
type NoticeContent struct {
	NoticeView
	// Body is the body HTML; Agency and Date the signer and the date in
	// Chinese; FootNote the tracking number line.
	Body, Agency, Date, FootNote string
}

// NoticeContentOf is the reflowable content of a notice the actor may see.
func (s *CaseService) NoticeContentOf(ctx context.Context, actor Actor, noticeID uint) (NoticeContent, error) {
	nt, err := s.Notice(ctx, actor, noticeID)
	if err != nil {
		return NoticeContent{}, err
	}
	return s.content(ctx, nt)
}

// TrackNoticeContent is NoticeContentOf for the anonymous tracker.
func (s *CaseService) TrackNoticeContent(ctx context.Context, trackingNumber, queryCode string, noticeID uint) (NoticeContent, error) {
	nt, err := s.TrackNotice(ctx, trackingNumber, queryCode, noticeID)
	if err != nil {
		return NoticeContent{}, err
	}
	return s.content(ctx, nt)
}

func (s *CaseService) content(ctx context.Context, nt *models.Notice) (NoticeContent, error) {
	c, err := models.FindCaseByID(ctx, s.DB, nt.CaseID)
	if err != nil {
		return NoticeContent{}, err
	}
	vs, err := s.withVersions(ctx, s.DB, []*models.Notice{nt})
	if err != nil {
		return NoticeContent{}, err
	}
	l := asIssued(nt)
	date := ""
	if d, err := calendar.ParseDate(l.IssuedOn); err == nil {
		date = cnDate(d)
	}
	return NoticeContent{NoticeView: vs[0], Body: l.BodyHTML, Agency: l.Signer, Date: date, FootNote: "查询号：" + c.TrackingNumber}, nil
}

// asIssued is the notice with its body, signer and date: as stored, or for
// a notice stored before they were (HTML only) as read back from its page
// — the body between the document number and the signature block, the
// agency name above the date, the date it was created.
func asIssued(n *models.Notice) *models.Notice {
	if n.BodyHTML != "" && n.Signer != "" && n.IssuedOn != "" {
		return n
	}
	l := *n
	page := n.HTML
	if l.BodyHTML == "" {
		if i := strings.Index(page, `<div class="docno">`); i >= 0 {
			if k := strings.Index(page[i:], "</div>"); k >= 0 {
				rest := page[i+k+len("</div>"):]
				if j := strings.Index(rest, `<div class="sign">`); j >= 0 {
					l.BodyHTML = strings.TrimSpace(rest[:j])
				}
			}
		}
	}
	sign := signatureLines(page)
	if l.Signer == "" && len(sign) > 0 {
		l.Signer = sign[0]
	}
	if l.IssuedOn == "" {
		l.IssuedOn = calendar.FromTime(n.CreatedAt).String()
		if len(sign) > 1 {
			if m := cnDateRe.FindStringSubmatch(sign[1]); m != nil {
				y, _ := strconv.Atoi(m[1])
				mo, _ := strconv.Atoi(m[2])
				d, _ := strconv.Atoi(m[3])
				l.IssuedOn = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
			}
		}
	}
	return &l
}

var cnDateRe = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)

// signatureLines are the lines of a stored page's signature block: the
// agency name, then the date in Chinese.
func signatureLines(page string) []string {
	i := strings.Index(page, `<div class="sign">`)
	if i < 0 {
		return nil
	}
	rest := page[i+len(`<div class="sign">`):]
	if end := strings.Index(rest, "</div>\n</div>"); end >= 0 {
		rest = rest[:end+len("</div>")]
	}
	var out []string
	for {
		a := strings.Index(rest, "<div>")
		if a < 0 {
			return out
		}
		b := strings.Index(rest[a:], "</div>")
		if b < 0 {
			return out
		}
		out = append(out, html.UnescapeString(strings.TrimSpace(rest[a+len("<div>"):a+b])))
		rest = rest[a+b:]
	}
}
