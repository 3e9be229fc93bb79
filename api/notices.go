package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

// noticeResponse is a notice in a case's list, with its PDF versions.
type noticeResponse struct {
	ID        uint      `json:"id"`
	Kind      string    `json:"kind" enum:"NoticeKind"`
	Title     string    `json:"title"`
	DocNumber string    `json:"docNumber"`
	Recipient string    `json:"recipient"`
	Public    bool      `json:"public"`
	EventSeq  int       `json:"eventSeq"`
	CreatedAt time.Time `json:"createdAt"`
	// PDF is the latest PDF version, which ?format=pdf serves; absent for
	// a notice issued as HTML only (before PDFs, or without fonts).
	PDF *noticePDFResponse `json:"pdf,omitempty"`
	// Versions are every PDF version, oldest first.
	Versions []noticePDFResponse `json:"versions"`
	// Template names the template that produced the notice's text.
	Template *noticeTemplateRef `json:"template,omitempty"`
}

// noticePDFResponse is one issued PDF of a notice.
type noticePDFResponse struct {
	Version   int       `json:"version"`
	SHA256    string    `json:"sha256" doc:"the SHA-256 of the file, as its timeline event records it"`
	Size      int64     `json:"size"`
	Sealed    bool      `json:"sealed" doc:"the agency's electronic seal is on it"`
	Signed    bool      `json:"signed" doc:"it carries a PDF signature (adbe.pkcs7.detached)"`
	CreatedAt time.Time `json:"createdAt"`
}

// noticeTemplateRef names the template that produced a notice.
type noticeTemplateRef struct {
	Source  string `json:"source" enum:"TemplateSource"`
	Version int    `json:"version,omitempty" doc:"the agency template's version (source agency)"`
	SHA256  string `json:"sha256" doc:"the SHA-256 of the template's text"`
}

func newNoticePDFResponse(v *models.NoticeVersion) noticePDFResponse {
	return noticePDFResponse{Version: v.Version, SHA256: v.SHA256, Size: v.Size, Sealed: v.Sealed, Signed: v.Signed, CreatedAt: v.CreatedAt}
}

func newNoticeResponse(n app.NoticeView) noticeResponse {
	r := noticeResponse{ID: n.ID, Kind: n.Kind, Title: n.Title, DocNumber: n.DocNumber, Recipient: n.Recipient, Public: n.Public,
		EventSeq: n.EventSeq, CreatedAt: n.CreatedAt, Versions: make([]noticePDFResponse, 0, len(n.Versions))}
	for _, v := range n.Versions {
		r.Versions = append(r.Versions, newNoticePDFResponse(v))
	}
	if v := n.Latest(); v != nil {
		p := newNoticePDFResponse(v)
		r.PDF = &p
	}
	if n.TemplateSource != "" {
		r.Template = &noticeTemplateRef{Source: n.TemplateSource, Version: n.TemplateVersion, SHA256: n.TemplateSHA256}
	}
	return r
}

func (s *Server) applicationNotices(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ns, err := s.svc.Cases.Notices(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	out := listResponse[noticeResponse]{Items: make([]noticeResponse, 0, len(ns)), Total: len(ns), Limit: len(ns)}
	for _, n := range ns {
		out.Items = append(out.Items, newNoticeResponse(n))
	}
	return c.JSON(http.StatusOK, out)
}

// noticeQuery chooses a notice's form.
type noticeQuery struct {
	Format  string `query:"format" doc:"html (default: the printable A4 page) or pdf (the issued PDF, as stored)"`
	Version int    `query:"version" doc:"with format=pdf: the PDF version (default the latest)" minimum:"1"`
}

// trackNoticeQuery is noticeQuery for the anonymous tracker.
type trackNoticeQuery struct {
	TrackingNumber string `query:"trackingNumber"`
	QueryCode      string `query:"queryCode"`
	Format         string `query:"format" doc:"html (default: the printable A4 page) or pdf (the issued PDF, as stored)"`
	Version        int    `query:"version" doc:"with format=pdf: the PDF version (default the latest)" minimum:"1"`
}

// noticeForm reads ?format and ?version: pdf reports whether the PDF is
// asked for, version which (0: the latest).
func noticeForm(c echo.Context) (pdf bool, version int, err error) {
	switch c.QueryParam("format") {
	case "", "html":
	case "pdf":
		pdf = true
	default:
		return false, 0, badRequest("format", models.M("文书格式须为 html 或 pdf", "format must be html or pdf"))
	}
	version, err = queryInt(c, "version", 0, 1, 1_000_000)
	return pdf, version, err
}

// writeNoticeHTML serves a notice as a printable page that runs no script
// (documentCSP).
func writeNoticeHTML(c echo.Context, n *models.Notice) error {
	documentPolicy(c)
	h := c.Response().Header()
	h.Set("Cache-Control", "private, no-store")
	return c.HTML(http.StatusOK, n.HTML)
}

// writeNoticePDF serves a stored PDF version as a download, named in ASCII
// (notice-12-v2.pdf) and in full (title and document number).
func writeNoticePDF(c echo.Context, f app.NoticeFile) error {
	attachmentNameASCII(c, fmt.Sprintf("%s%s-v%d.pdf", f.Notice.Title, f.Notice.DocNumber, f.Version.Version),
		fmt.Sprintf("notice-%d-v%d", f.Notice.ID, f.Version.Version))
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, pdfType, f.PDF)
}

func (s *Server) getNotice(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pdf, version, err := noticeForm(c)
	if err != nil {
		return err
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	if pdf {
		f, err := s.svc.Cases.NoticePDF(ctx, actor, id, version)
		if err != nil {
			return err
		}
		return writeNoticePDF(c, f)
	}
	n, err := s.svc.Cases.Notice(ctx, actor, id)
	if err != nil {
		return err
	}
	return writeNoticeHTML(c, n)
}

func (s *Server) trackNotice(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pdf, version, err := noticeForm(c)
	if err != nil {
		return err
	}
	ctx, tn, qc := c.Request().Context(), c.QueryParam("trackingNumber"), c.QueryParam("queryCode")
	if pdf {
		f, err := s.svc.Cases.TrackNoticePDF(ctx, tn, qc, id, version)
		if err != nil {
			return err
		}
		return writeNoticePDF(c, f)
	}
	n, err := s.svc.Cases.TrackNotice(ctx, tn, qc, id)
	if err != nil {
		return err
	}
	return writeNoticeHTML(c, n)
}

// noticeContentResponse is a notice for reading on a small screen: the
// body as issued (HTML of p, ol/ul/li, table/tr/th/td, strong, br and span
// only) and the parts set around it, with its PDF versions.
type noticeContentResponse struct {
	noticeResponse
	BodyHTML string `json:"bodyHtml" doc:"the body as issued, in the HTML subset the PDF is laid out from"`
	Agency   string `json:"agency" doc:"the issuing agency as signed"`
	Date     string `json:"date" doc:"the date as signed, in Chinese (2026年12月4日)"`
	FootNote string `json:"footNote"`
}

func newNoticeContentResponse(n app.NoticeContent) noticeContentResponse {
	return noticeContentResponse{noticeResponse: newNoticeResponse(n.NoticeView), BodyHTML: n.Body, Agency: n.Agency, Date: n.Date, FootNote: n.FootNote}
}

func (s *Server) noticeContent(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	n, err := s.svc.Cases.NoticeContentOf(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.JSON(http.StatusOK, newNoticeContentResponse(n))
}

func (s *Server) trackNoticeContent(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	n, err := s.svc.Cases.TrackNoticeContent(c.Request().Context(), c.QueryParam("trackingNumber"), c.QueryParam("queryCode"), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, newNoticeContentResponse(n))
}

func (s *Server) reissueNotice(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.ReissueInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	n, err := s.svc.Cases.ReissueNotice(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newNoticeResponse(n))
}
