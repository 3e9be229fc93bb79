package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/app/clock"
	"gongkai/models"
)

type applicationRequest = app.ApplicationInput

// applicantResponse is the applicant's identity as copied onto the case.
// Numbers are in full only for staff of the handling agency.
type applicantResponse struct {
	Type                string `json:"type" enum:"ApplicantType"`
	Name                string `json:"name"`
	IDType              string `json:"idType,omitempty" enum:"IDType"`
	IDNumber            string `json:"idNumber,omitempty"`
	OrgCategory         string `json:"orgCategory,omitempty" enum:"OrgCategory"`
	CreditCode          string `json:"creditCode,omitempty"`
	LegalRepresentative string `json:"legalRepresentative,omitempty"`
	ContactPerson       string `json:"contactPerson,omitempty"`
	Phone               string `json:"phone,omitempty"`
	Email               string `json:"email,omitempty"`
	Address             string `json:"address,omitempty"`
	AccountID           *uint  `json:"accountId,omitempty"`
}

func newApplicantResponse(a app.ApplicantView) applicantResponse {
	return applicantResponse{Type: a.Type, Name: a.Name, IDType: a.IDType, IDNumber: a.IDNumber, OrgCategory: a.OrgCategory, CreditCode: a.CreditCode,
		LegalRepresentative: a.LegalRep, ContactPerson: a.ContactPerson, Phone: a.Phone, Email: a.Email, Address: a.Address, AccountID: a.AccountID}
}

type userBrief struct {
	ID          uint   `json:"id"`
	DisplayName string `json:"displayName"`
}

type consultationResponse struct {
	ID              uint   `json:"id"`
	Kind            string `json:"kind" enum:"ConsultationKind"`
	PartyName       string `json:"partyName"`
	PartyAgencyID   *uint  `json:"partyAgencyId,omitempty"`
	Question        string `json:"question,omitempty"`
	SentOn          string `json:"sentOn"`
	PartyReceivedOn string `json:"partyReceivedOn"`
	ReplyDue        string `json:"replyDue"`
	Status          string `json:"status" enum:"ConsultationStatus"`
	Reply           string `json:"reply,omitempty" enum:"ConsultationReply"`
	ReplyReason     string `json:"replyReason,omitempty"`
	RepliedOn       string `json:"repliedOn,omitempty"`
}

type feeResponse struct {
	ID            uint   `json:"id"`
	Method        string `json:"method" enum:"FeeMethod"`
	Pages         int    `json:"pages"`
	MonthCount    int    `json:"monthCount"`
	AmountPerApp  int    `json:"amountPerApplication"`
	AmountPerPage int    `json:"amountPerPage"`
	Amount        int    `json:"amount"`
	NoticeOn      string `json:"noticeOn"`
	ReceivedOn    string `json:"receivedOn"`
	DueOn         string `json:"dueOn"`
	PaidOn        string `json:"paidOn,omitempty"`
	Status        string `json:"status" enum:"FeeStatus"`
}

type remedyResponse struct {
	ID        uint   `json:"id"`
	Kind      string `json:"kind" enum:"RemedyKind"`
	FiledOn   string `json:"filedOn"`
	Stage     string `json:"stage,omitempty"`
	Result    string `json:"result" enum:"RemedyResult"`
	DecidedOn string `json:"decidedOn,omitempty"`
	Note      string `json:"note,omitempty"`
}

type attachmentResponse struct {
	ID          uint      `json:"id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"contentType"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	Purpose     string    `json:"purpose,omitempty" enum:"UploadPurpose"`
	CreatedAt   time.Time `json:"createdAt"`
}

func newAttachmentResponse(a *models.Attachment) attachmentResponse {
	return attachmentResponse{ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256, Purpose: a.Purpose, CreatedAt: a.CreatedAt}
}

// caseResponse is an application as the caller may see it.
type caseResponse struct {
	ID                uint                   `json:"id"`
	TrackingNumber    string                 `json:"trackingNumber"`
	QueryCode         string                 `json:"queryCode,omitempty"`
	Agency            *agencyBrief           `json:"agency"`
	Status            string                 `json:"status" enum:"CaseStatus"`
	Title             string                 `json:"title"`
	Description       string                 `json:"description"`
	DocumentNumber    string                 `json:"documentNumber,omitempty"`
	Purpose           string                 `json:"purpose,omitempty"`
	Formats           []string               `json:"formats" enum:"Format"`
	Delivery          string                 `json:"delivery,omitempty" enum:"Delivery" doc:"how the applicant wants the information, if they said"`
	AccessibilityHelp bool                   `json:"accessibilityHelp"`
	AccessibilityNote string                 `json:"accessibilityNote,omitempty"`
	Oral              bool                   `json:"oral"`
	Channel           string                 `json:"channel" enum:"Channel"`
	ArrivedAt         time.Time              `json:"arrivedAt"`
	ReceiptDate       string                 `json:"receiptDate"`
	Applicant         applicantResponse      `json:"applicant"`
	Assignee          *userBrief             `json:"assignee,omitempty"`
	Outcome           string                 `json:"outcome,omitempty" enum:"Outcome"`
	OutcomeLabel      string                 `json:"outcomeLabel,omitempty"`
	ConcludedOn       string                 `json:"concludedOn,omitempty"`
	Delivered         bool                   `json:"delivered"`
	ArchiveNumber     string                 `json:"archiveNumber,omitempty"`
	ExtensionPending  bool                   `json:"extensionPending"`
	Clock             clock.Clock            `json:"clock"`
	PausedFor         []string               `json:"pausedFor" doc:"why the clock is stopped: third_party, agency_consultation, fee" enum:"PauseKind"`
	AllowedActions    []models.Action        `json:"allowedActions"`
	State             *caseStateResponse     `json:"state,omitempty"`
	Consultations     []consultationResponse `json:"consultations,omitempty"`
	Fees              []feeResponse          `json:"fees,omitempty"`
	Remedies          []remedyResponse       `json:"remedies,omitempty"`
	Attachments       []attachmentResponse   `json:"attachments,omitempty"`
	Hints             *app.ReviewHints       `json:"hints,omitempty"`
	ViaAssistance     bool                   `json:"viaAssistance,omitempty"`
	Source            string                 `json:"source" doc:"native, or import: a legacy case from the agency's register (历史导入, read-only)" enum:"CaseSource"`
	Imported          bool                   `json:"imported"`
	Register          *importedFrom          `json:"register,omitempty" doc:"where an imported case came from"`
	Version           int                    `json:"version"`
	CreatedAt         time.Time              `json:"createdAt"`
	UpdatedAt         time.Time              `json:"updatedAt"`
}

// importedFrom is the register row a legacy case was imported from.
type importedFrom struct {
	ImportID   uint   `json:"importId"`
	FileName   string `json:"fileName"`
	FileSHA256 string `json:"fileSha256"`
	Row        int    `json:"row"`
	RegisterNo string `json:"registerNo,omitempty"`
	Contact    string `json:"contact,omitempty"`
	Note       string `json:"note,omitempty"`
}

func newCaseResponse(v *app.CaseView, detail bool) caseResponse {
	c := v.Case
	r := caseResponse{
		ID: c.ID, TrackingNumber: c.TrackingNumber, QueryCode: v.QueryCode, Agency: newAgencyBrief(c.Agency), Status: string(c.Status),
		Title: c.Title, Description: c.Description, DocumentNumber: c.DocumentNumber, Purpose: c.Purpose,
		Formats: splitNonEmpty(c.Formats), Delivery: c.Delivery, AccessibilityHelp: c.AccessibilityHelp, AccessibilityNote: c.AccessibilityNote,
		Oral: c.Oral, Channel: string(c.Channel), ArrivedAt: c.ArrivedAt, ReceiptDate: c.ReceiptDate,
		Applicant: newApplicantResponse(v.Applicant()),
		Outcome:   c.Outcome, ConcludedOn: c.ConcludedOn, Delivered: c.Delivered, ArchiveNumber: c.ArchiveNumber,
		ExtensionPending: c.ExtensionPending, Clock: v.Clock, PausedFor: v.PausedFor(), AllowedActions: v.Allowed, Hints: v.Hints, ViaAssistance: v.ViaAssistance,
		Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
	if o, ok := models.FindOutcome(c.Outcome); ok {
		r.OutcomeLabel = o.Label
	}
	r.Source, r.Imported = string(c.Source), c.Imported()
	if r.Source == "" {
		r.Source = string(models.SourceNative)
	}
	if imp := v.State.Import; r.Imported && imp != nil {
		r.Register = &importedFrom{ImportID: imp.ImportID, FileName: imp.FileName, FileSHA256: imp.FileSHA256, Row: imp.Row, RegisterNo: imp.RegisterNo, Note: imp.Note}
		if !v.ViaAssistance {
			r.Register.Contact = imp.Contact
		}
	}
	if c.Assignee != nil {
		r.Assignee = &userBrief{ID: c.Assignee.ID, DisplayName: c.Assignee.DisplayName}
	}
	if !detail {
		r.Description = ""
		return r
	}
	r.State = newCaseStateResponse(v.VisibleDetail())
	for _, x := range v.Consultations {
		r.Consultations = append(r.Consultations, consultationResponse{ID: x.ID, Kind: string(x.Kind), PartyName: x.PartyName, PartyAgencyID: x.PartyAgencyID,
			Question: x.Question, SentOn: x.SentOn, PartyReceivedOn: x.PartyReceivedOn, ReplyDue: x.ReplyDue, Status: string(x.Status),
			Reply: string(x.Reply), ReplyReason: x.ReplyReason, RepliedOn: x.RepliedOn})
	}
	for _, f := range v.Fees {
		r.Fees = append(r.Fees, feeResponse{ID: f.ID, Method: string(f.Method), Pages: f.Pages, MonthCount: f.MonthCount, AmountPerApp: f.AmountPerApp,
			AmountPerPage: f.AmountPerPage, Amount: f.Amount, NoticeOn: f.NoticeOn, ReceivedOn: f.ReceivedOn, DueOn: f.DueOn, PaidOn: f.PaidOn, Status: string(f.Status)})
	}
	for _, x := range v.Remedies {
		r.Remedies = append(r.Remedies, remedyResponse{ID: x.ID, Kind: string(x.Kind), FiledOn: x.FiledOn, Stage: x.Stage, Result: string(x.Result), DecidedOn: x.DecidedOn, Note: x.Note})
	}
	for _, a := range v.Attachments {
		r.Attachments = append(r.Attachments, newAttachmentResponse(a))
	}
	return r
}

func splitNonEmpty(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

type eventResponse struct {
	Seq        int            `json:"seq"`
	At         time.Time      `json:"at"`
	Action     string         `json:"action"`
	FromStatus string         `json:"fromStatus,omitempty" enum:"CaseStatus"`
	ToStatus   string         `json:"toStatus,omitempty" enum:"CaseStatus"`
	ActorRole  string         `json:"actorRole" enum:"Role"`
	ActorName  string         `json:"actorName,omitempty"`
	Public     bool           `json:"public"`
	Data       map[string]any `json:"data,omitempty"`
	Internal   map[string]any `json:"internal,omitempty"`
	Hash       string         `json:"hash,omitempty"`
}

// newEventResponse shows the event's internal part, actor name and hash
// only to viewers of the internal timeline (app.Exposure.Internal), the
// public part to everyone.
func newEventResponse(e *models.CaseEvent, internal bool) eventResponse {
	var d struct {
		Public   map[string]any `json:"public"`
		Internal map[string]any `json:"internal"`
	}
	_ = decodeJSONString(e.Data, &d)
	r := eventResponse{Seq: e.Seq, At: e.At, Action: e.Action, FromStatus: string(e.FromStatus), ToStatus: string(e.ToStatus),
		ActorRole: string(e.ActorRole), Public: e.Public, Data: d.Public}
	if internal {
		r.ActorName, r.Internal, r.Hash = e.ActorName, d.Internal, e.Hash
	}
	return r
}

func (s *Server) createApplication(c echo.Context) error {
	var in applicationRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, replayed, err := s.svc.Cases.Create(c.Request().Context(), actorOf(c), in, strings.TrimSpace(c.Request().Header.Get("Idempotency-Key")))
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if replayed {
		status = http.StatusOK
		c.Response().Header().Set("Idempotent-Replayed", "true")
	}
	return c.JSON(status, newCaseResponse(v, true))
}

type caseQuery struct {
	Status           string `query:"status" doc:"comma-separated statuses"`
	AgencyID         uint   `query:"agencyId"`
	AssigneeID       string `query:"assigneeId" doc:"a user id or me"`
	Unassigned       bool   `query:"unassigned"`
	Level            string `query:"level" doc:"comma-separated: normal, warning, urgent, overdue"`
	Channel          string `query:"channel"`
	ReceiptFrom      string `query:"receiptFrom" doc:"YYYY-MM-DD"`
	ReceiptTo        string `query:"receiptTo" doc:"YYYY-MM-DD"`
	Outcome          string `query:"outcome"`
	Q                string `query:"q" doc:"search title, description, applicant name, tracking number"`
	Paused           bool   `query:"paused"`
	Extended         bool   `query:"extended"`
	DueFrom          string `query:"dueFrom" doc:"YYYY-MM-DD"`
	DueTo            string `query:"dueTo" doc:"YYYY-MM-DD"`
	ConcludedFrom    string `query:"concludedFrom" doc:"YYYY-MM-DD"`
	ConcludedTo      string `query:"concludedTo" doc:"YYYY-MM-DD"`
	OnTime           bool   `query:"onTime"`
	ExtensionPending bool   `query:"extensionPending" doc:"an extension awaits a supervisor's decision"`
	AwaitingApproval bool   `query:"awaitingApproval" doc:"an extension or an answer awaits a supervisor's decision (sort due: fewest working days left first)"`
	AsOf             string `query:"asOf" doc:"YYYY-MM-DD: the day the level filter is read on (default today)"`
	Scope            string `query:"scope" doc:"agency (default) or assistance"`
	Sort             string `query:"sort" doc:"due (default), -due, receipt, -receipt, created, -created" enum:"CaseOrder"`
	Offset           int    `query:"offset"`
	Limit            int    `query:"limit"`
	After            string `query:"after" doc:"the nextCursor of the previous page: keyset pagination, as fast deep in the list as on page 1 (not with offset)"`
}

// caseListResponse is a page of applications: the list envelope with the
// keyset cursor, and whether the count stopped at 10,000.
type caseListResponse struct {
	Items       []caseResponse `json:"items"`
	Total       int            `json:"total"`
	TotalCapped bool           `json:"totalCapped,omitempty" doc:"more than 10,000 match: total is 10,000 (show 10,000+)"`
	Offset      int            `json:"offset"`
	Limit       int            `json:"limit"`
	NextCursor  string         `json:"nextCursor,omitempty" doc:"pass as after for the next page; absent on the last page"`
}

// caseFilter reads the list filters from the query string.
func caseFilter(c echo.Context) (app.CaseFilter, error) {
	var f app.CaseFilter
	var err error
	if f.Offset, f.Limit, err = page(c); err != nil {
		return f, err
	}
	f.After = c.QueryParam("after")
	for _, s := range splitList(c.QueryParam("status")) {
		st, ok := models.ParseStatus(s)
		if !ok {
			return f, badRequest("status", models.M("状态无效："+s, "unknown status "+s))
		}
		f.Statuses = append(f.Statuses, st)
	}
	if f.AgencyID, err = queryUint(c, "agencyId"); err != nil {
		return f, err
	}
	switch a := c.QueryParam("assigneeId"); a {
	case "":
	case "me":
		f.AssigneeID = actorOf(c).UserID
	default:
		if f.AssigneeID, err = queryUint(c, "assigneeId"); err != nil {
			return f, err
		}
	}
	f.Levels = splitList(c.QueryParam("level"))
	f.Channel = models.Channel(c.QueryParam("channel"))
	f.ReceiptFrom, f.ReceiptTo = c.QueryParam("receiptFrom"), c.QueryParam("receiptTo")
	f.Outcome, f.Query = c.QueryParam("outcome"), strings.TrimSpace(c.QueryParam("q"))
	for _, b := range []struct {
		name string
		dst  **bool
	}{{"paused", &f.Paused}, {"extended", &f.Extended}, {"onTime", &f.OnTime}, {"extensionPending", &f.ExtensionPending}} {
		if err = queryOptBool(c, b.name, b.dst); err != nil {
			return f, err
		}
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"unassigned", &f.Unassigned}, {"awaitingApproval", &f.AwaitingApproval}} {
		if *b.dst, err = queryFlag(c, b.name); err != nil {
			return f, err
		}
	}
	f.Scope, f.Sort = c.QueryParam("scope"), c.QueryParam("sort")
	f.DueFrom, f.DueTo = c.QueryParam("dueFrom"), c.QueryParam("dueTo")
	f.ConcludedFrom, f.ConcludedTo = c.QueryParam("concludedFrom"), c.QueryParam("concludedTo")
	f.AsOf = c.QueryParam("asOf")
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) listApplications(c echo.Context) error {
	f, err := caseFilter(c)
	if err != nil {
		return err
	}
	l, err := s.svc.Cases.FindPage(c.Request().Context(), actorOf(c), f)
	if err != nil {
		return err
	}
	out := caseListResponse{Items: make([]caseResponse, 0, len(l.Items)), Total: l.Total, TotalCapped: l.TotalCapped,
		Offset: f.Offset, Limit: f.Limit, NextCursor: l.NextCursor}
	for _, v := range l.Items {
		out.Items = append(out.Items, newCaseResponse(v, false))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) getApplication(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Cases.Get(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newCaseResponse(v, true))
}

func (s *Server) actOnApplication(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	action, ok := models.ParseAction(c.Param("action"))
	if !ok {
		return models.NotFound(models.M("操作 "+c.Param("action"), "action "+c.Param("action")))
	}
	in, _ := app.NewActionInput(action)
	if err := bindJSON(c, in); err != nil {
		return err
	}
	v, err := s.svc.Cases.Act(c.Request().Context(), actorOf(c), id, action, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newCaseResponse(v, true))
}

func (s *Server) applicationEvents(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	es, err := s.svc.Cases.Events(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	out := listResponse[eventResponse]{Items: make([]eventResponse, 0, len(es.Events)), Total: len(es.Events), Limit: len(es.Events)}
	for _, e := range es.Events {
		out.Items = append(out.Items, newEventResponse(e, es.Internal))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) verifyApplicationEvents(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Cases.VerifyEvents(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (s *Server) feeQuote(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pages, err := queryInt(c, "pages", 0, 0, 1_000_000)
	if err != nil {
		return err
	}
	q, err := s.svc.Cases.QuoteFee(c.Request().Context(), actorOf(c), id, pages)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, q)
}

type trackQuery struct {
	TrackingNumber string `query:"trackingNumber"`
	QueryCode      string `query:"queryCode"`
}

type trackResponse struct {
	TrackingNumber       string           `json:"trackingNumber"`
	Agency               *agencyBrief     `json:"agency"`
	Title                string           `json:"title"`
	Status               string           `json:"status" enum:"CaseStatus"`
	Channel              string           `json:"channel" enum:"Channel"`
	ReceiptDate          string           `json:"receiptDate"`
	DueDate              string           `json:"dueDate"`
	Level                string           `json:"level" enum:"ClockLevel"`
	Paused               bool             `json:"paused"`
	PausedFor            []string         `json:"pausedFor" enum:"PauseKind"`
	RemainingDays        int              `json:"remainingWorkingDays"`
	ExtendedDays         int              `json:"extendedDays"`
	AwaitingCorrection   bool             `json:"awaitingCorrection"`
	CorrectionPeriodEnds string           `json:"correctionPeriodEnds,omitempty"`
	Concluded            bool             `json:"concluded"`
	OnTime               bool             `json:"onTime"`
	ConcludedOn          string           `json:"concludedOn,omitempty"`
	Outcome              string           `json:"outcome,omitempty" enum:"Outcome"`
	OutcomeLabel         string           `json:"outcomeLabel,omitempty"`
	Events               []eventResponse  `json:"events"`
	Notices              []noticeResponse `json:"notices"`
}

// track is the anonymous lookup by tracking number and query code.
func (s *Server) track(c echo.Context) error {
	v, events, notices, err := s.svc.Cases.Track(c.Request().Context(), c.QueryParam("trackingNumber"), c.QueryParam("queryCode"))
	if err != nil {
		return err
	}
	cs := v.Case
	r := trackResponse{TrackingNumber: cs.TrackingNumber, Agency: newAgencyBrief(cs.Agency), Title: cs.Title, Status: string(cs.Status),
		Channel: string(cs.Channel), ReceiptDate: cs.ReceiptDate, Level: string(v.Clock.Level), Paused: v.Clock.Paused,
		RemainingDays: v.Clock.RemainingWorkingDays, Concluded: v.Clock.Concluded, ConcludedOn: cs.ConcludedOn, Outcome: cs.Outcome,
		PausedFor: v.PausedFor(), ExtendedDays: v.Clock.ExtendedDays, AwaitingCorrection: v.Clock.AwaitingCorrection, OnTime: v.Clock.OnTime,
		Events: []eventResponse{}, Notices: []noticeResponse{}}
	if !v.Clock.DueDate.IsZero() {
		r.DueDate = v.Clock.DueDate.String()
	}
	if corr := v.Correction; corr != nil && v.Clock.AwaitingCorrection && !corr.PeriodEnds.IsZero() {
		r.CorrectionPeriodEnds = corr.PeriodEnds.String()
	}
	if o, ok := models.FindOutcome(cs.Outcome); ok {
		r.OutcomeLabel = o.Label
	}
	for _, e := range events {
		r.Events = append(r.Events, newEventResponse(e, v.Exposure().Internal))
	}
	for _, n := range notices {
		r.Notices = append(r.Notices, newNoticeResponse(n))
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, r)
}

func (s *Server) uploadAttachment(c echo.Context) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if !strings.HasPrefix(ct, "multipart/form-data") {
		return &models.Error{Kind: models.KindUnsupportedMedia, Code: "unsupported_media_type",
			Msg: models.M("上传须为 multipart/form-data，文件字段名为 file", "upload as multipart/form-data with the file in field file")}
	}
	name, data, err := s.readUpload(c, "请选择要上传的文件（字段名 file）")
	if err != nil {
		return err
	}
	a, err := s.svc.Attachments.Upload(c.Request().Context(), actorOf(c), name, c.FormValue("purpose"), data)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newAttachmentResponse(a))
}

func (s *Server) downloadAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, data, err := s.svc.Attachments.Open(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	attachmentNameASCII(c, a.Filename, asciiStem(a.Filename, fmt.Sprintf("attachment-%d", a.ID)))
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, a.ContentType, data)
}

// outcomesResponse is the outcome table with its row groups.
type outcomesResponse struct {
	Items  []outcomeResponse `json:"items"`
	Groups []outcomeGroup    `json:"groups"`
}

type outcomeGroup struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

type outcomeResponse struct {
	Key     string `json:"key" enum:"Outcome"`
	Row     string `json:"row"`
	Group   string `json:"group"`
	Label   string `json:"label"`
	Article string `json:"article"`
	Answer  bool   `json:"answer"`
}

func (s *Server) listOutcomes(c echo.Context) error {
	out := make([]outcomeResponse, 0, len(models.Outcomes))
	for _, o := range models.Outcomes {
		out = append(out, outcomeResponse{Key: o.Key, Row: o.Row, Group: o.Group, Label: o.Label, Article: o.Article, Answer: o.Answer})
	}
	groups := make([]outcomeGroup, 0, len(models.OutcomeGroups))
	for _, g := range models.OutcomeGroups {
		groups = append(groups, outcomeGroup{Key: g.Key, Label: g.Label})
	}
	return c.JSON(http.StatusOK, outcomesResponse{Items: out, Groups: groups})
}

func (s *Server) deleteAttachment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Attachments.Delete(c.Request().Context(), actorOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// readUpload reads the multipart field file within the upload limit and
// returns its name and bytes; missingZH says in Chinese what to upload.
func (s *Server) readUpload(c echo.Context, missingZH string) (string, []byte, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", nil, &models.Error{Kind: models.KindTooLarge, Code: "too_large", Msg: models.M("文件超过大小上限", "the file exceeds the size limit")}
		}
		return "", nil, badRequest("file", models.M(missingZH, "no file in field file"))
	}
	limit := s.opt.UploadLimitBytes
	if fh.Size > limit {
		mb := strconv.FormatInt(limit>>20, 10)
		return "", nil, &models.Error{Kind: models.KindTooLarge, Code: "too_large",
			Msg: models.M("文件超过 "+mb+" MB 的上限", "the file exceeds the "+mb+" MB limit")}
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	return fh.Filename, data, err
}
