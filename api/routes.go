package api

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"gongkai/app"
	"gongkai/app/calendar"
	"gongkai/models"
)

// The media types of the responses that are not JSON.
const (
	csvType  = "text/csv"
	htmlType = "text/html"
)

// attachmentUpload is the multipart body of an attachment upload.
type attachmentUpload struct {
	File    []byte `json:"file" format:"binary" required:"true" doc:"the file (PDF, images, Office, OFD, ZIP)"`
	Purpose string `json:"purpose" doc:"what the file is for (application when left out)" enum:"UploadPurpose"`
}

// registerUpload is the multipart body of a register upload.
type registerUpload struct {
	File     []byte `json:"file" format:"binary" required:"true" doc:"the filled register: XLSX, or CSV in UTF-8 or GBK"`
	AgencyID uint   `json:"agencyId" doc:"the agency whose register it is (administrators and district-wide staff; others import their own)"`
}

// route is one endpoint: how it is reached, who may call it, and what the
// OpenAPI document says about it. Every route is registered from this
// table and nowhere else, so the document cannot miss one.
type route struct {
	method, path string
	handler      echo.HandlerFunc
	// auth requires a valid access token; roles, when set, restricts it.
	auth  bool
	roles []models.Role
	// limit applies the rate limit of a purpose per client address.
	limit ratePurpose
	// upload raises the body limit to the attachment limit.
	upload  bool
	summary string
	tag     string
	// body, query and resp are zero values of the request body type, the
	// query parameter struct (`query` tags) and the response type.
	body, query, resp any
	status            int
	// produces is the media type of a response that is not JSON.
	produces string
	// bodies documents a route whose body depends on a path parameter.
	bodies map[string]any
	// form is the multipart body's fields (json tags name them).
	form any
	// alt lists the other media types of the response (?format=…).
	alt []string
	// also lists other success statuses with the same response.
	also []int
	// bodyOptional: the JSON body may be left out (the refresh cookie).
	bodyOptional bool
	// paramEnums names the enum (enumSets) of a path parameter.
	paramEnums map[string]string
	// variants document a body whose required fields depend on the caller:
	// one of them applies (each forbids what the others require).
	variants []bodyVariant
}

// bodyVariant is one way of sending a route's body.
type bodyVariant struct {
	title     string
	required  []string
	forbidden []string
}

// applicationVariants: an applicant files online and leaves the staff
// fields out; staff register an application from any channel with its
// channel and arrival time (Art 31; app/case_intake.go).
var applicationVariants = []bodyVariant{
	{title: "Filed online by the applicant", forbidden: []string{"arrivedAt", "receiptDate", "unreachableReason", "applicant", "applicantId", "seal"}},
	{title: "Registered by staff (any channel)", required: []string{"channel", "arrivedAt"}},
}

var (
	anyStaff    = []models.Role{models.RoleOfficer, models.RoleSupervisor}
	adminOnly   = []models.Role{models.RoleAdmin}
	supervisors = []models.Role{models.RoleSupervisor}
	caseRoles   = []models.Role{models.RoleApplicant, models.RoleOfficer, models.RoleSupervisor}
)

// actionBodies lists each action's body for the API document.
func actionBodies() map[string]any {
	out := map[string]any{}
	for a, in := range app.ActionInputs() {
		out[string(a)] = in
	}
	return out
}

// registerRoutes builds the route table and registers it with Echo.
func (s *Server) registerRoutes() {
	s.routes = s.servedRoutes()
	jsonLimit := middleware.BodyLimit(strconv.FormatInt(s.opt.BodyLimitBytes, 10) + "B")
	uploadLimit := middleware.BodyLimit(strconv.FormatInt(s.opt.UploadLimitBytes+64<<10, 10) + "B")
	for _, r := range s.routes {
		var mw []echo.MiddlewareFunc
		if r.limit != "" {
			mw = append(mw, s.limit(r.limit))
		}
		if r.upload {
			mw = append(mw, uploadLimit)
		} else {
			mw = append(mw, jsonLimit)
		}
		if r.auth {
			mw = append(mw, s.authenticate(r.roles))
		}
		s.Echo.Add(r.method, r.path, r.handler, mw...)
	}
	// The UI and its history-mode fallback are not API routes.
	s.Echo.GET("/*", s.serveUI)
	s.Echo.HEAD("/*", s.serveUI)
}

// servedRoutes is the route table without the routes these options turn
// off (/metrics is served here only with a token and no separate address).
func (s *Server) servedRoutes() []route {
	return slices.DeleteFunc(s.routeTable(), func(r route) bool { return r.path == "/metrics" && !s.publicMetrics() })
}

func (s *Server) routeTable() []route {
	return []route{
		// Operations.
		{method: http.MethodGet, path: "/healthz", handler: s.healthz, summary: "Liveness", tag: "ops", resp: map[string]string{}},
		{method: http.MethodGet, path: "/readyz", handler: s.readyz, summary: "Readiness: the database answers", tag: "ops", resp: map[string]string{}},
		{method: http.MethodGet, path: "/metrics", handler: s.metrics, summary: "Prometheus metrics (only with GONGKAI_METRICS_TOKEN and no GONGKAI_METRICS_ADDR; bearer token)", tag: "ops", produces: "text/plain"},
		{method: http.MethodGet, path: "/api/openapi.yaml", handler: s.openAPI, summary: "This document", tag: "ops", produces: "application/yaml"},

		// Authentication.
		{method: http.MethodPost, path: "/api/v1/auth/register", handler: s.register, limit: rateRegister, summary: "Applicant self-registration", tag: "auth", body: registerRequest{}, resp: userResponse{}, status: http.StatusCreated},
		{method: http.MethodPost, path: "/api/v1/auth/login", handler: s.login, limit: rateLoginAddress, summary: "Log in", tag: "auth", body: loginRequest{}, resp: sessionResponse{}},
		{method: http.MethodPost, path: "/api/v1/auth/refresh", handler: s.refresh, limit: rateDefault, summary: "Rotate the refresh token (body or httpOnly cookie)", tag: "auth", body: refreshRequest{}, bodyOptional: true, resp: sessionResponse{}},
		{method: http.MethodPost, path: "/api/v1/auth/logout", handler: s.logout, summary: "Revoke the refresh token's family", tag: "auth", body: refreshRequest{}, bodyOptional: true, status: http.StatusNoContent},
		{method: http.MethodGet, path: "/api/v1/me", handler: s.me, auth: true, summary: "The caller's account", tag: "auth", resp: userResponse{}},
		{method: http.MethodPatch, path: "/api/v1/me", handler: s.updateProfile, auth: true, summary: "Edit the caller's contact details", tag: "auth", body: app.ProfileUpdate{}, resp: userResponse{}},
		{method: http.MethodPost, path: "/api/v1/me/password", handler: s.changePassword, auth: true, summary: "Change the caller's password", tag: "auth", body: changePasswordRequest{}, status: http.StatusNoContent},

		// Agencies.
		{method: http.MethodGet, path: "/api/v1/agencies", handler: s.listAgencies, limit: rateDefault, summary: "Active agencies (public)", tag: "agencies", resp: listResponse[agencyResponse]{}},

		// Applications.
		{method: http.MethodPost, path: "/api/v1/applications", handler: s.createApplication, auth: true, roles: caseRoles, summary: "File (applicant, online) or register (staff, any channel) an application; Idempotency-Key header supported", tag: "applications", body: applicationRequest{}, variants: applicationVariants, resp: caseResponse{}, status: http.StatusCreated, also: []int{http.StatusOK}},
		{method: http.MethodGet, path: "/api/v1/applications", handler: s.listApplications, auth: true, roles: caseRoles, summary: "Find applications the caller may see, sorted by due date", tag: "applications", query: caseQuery{}, resp: caseListResponse{}},
		{method: http.MethodGet, path: "/api/v1/applications/:id", handler: s.getApplication, auth: true, roles: caseRoles, summary: "One application with its clock and allowed actions", tag: "applications", resp: caseResponse{}},
		{method: http.MethodPost, path: "/api/v1/applications/:id/actions/:action", handler: s.actOnApplication, auth: true, roles: caseRoles, summary: "Take an action (body per action; every body carries version)", tag: "applications", bodies: actionBodies(), resp: caseResponse{}},
		{method: http.MethodGet, path: "/api/v1/applications/:id/events", handler: s.applicationEvents, auth: true, roles: caseRoles, summary: "The timeline (applicants see public events)", tag: "applications", resp: listResponse[eventResponse]{}},
		{method: http.MethodGet, path: "/api/v1/applications/:id/events/verify", handler: s.verifyApplicationEvents, auth: true, roles: anyStaff, summary: "Verify the timeline's hash chain", tag: "applications", resp: app.ChainVerification{}},
		{method: http.MethodGet, path: "/api/v1/applications/:id/notices", handler: s.applicationNotices, auth: true, roles: caseRoles, summary: "The case's notices", tag: "applications", resp: listResponse[noticeResponse]{}},
		{method: http.MethodGet, path: "/api/v1/applications/:id/fee-quote", handler: s.feeQuote, auth: true, roles: anyStaff, summary: "Fee under both methods (109号)", tag: "applications", query: struct {
			Pages int `query:"pages"`
		}{}, resp: app.FeeQuote{}},
		{method: http.MethodGet, path: "/api/v1/notices/:id", handler: s.getNotice, auth: true, roles: caseRoles, summary: "A notice as printable A4 HTML, or (format=pdf) its issued PDF as stored (GB/T 9704 layout, sealed and signed as issued)", tag: "applications", query: noticeQuery{}, produces: htmlType, alt: []string{pdfType}},
		{method: http.MethodGet, path: "/api/v1/notices/:id/content", handler: s.noticeContent, auth: true, roles: caseRoles, summary: "A notice's text for a small screen (its body as issued, reflowable) with its PDF versions", tag: "applications", resp: noticeContentResponse{}},
		{method: http.MethodPost, path: "/api/v1/notices/:id/reissue", handler: s.reissueNotice, auth: true, roles: anyStaff, summary: "Reissue a notice as its next PDF version (e.g. with the agency's seal); earlier versions stay, the timeline records the new one's SHA-256", tag: "applications", body: app.ReissueInput{}, resp: noticeResponse{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/api/v1/outcomes", handler: s.listOutcomes, summary: "The outcome table (annual-report rows)", tag: "applications", resp: outcomesResponse{}},
		{method: http.MethodPost, path: "/api/v1/attachments", handler: s.uploadAttachment, auth: true, roles: caseRoles, upload: true, summary: "Upload a file (multipart field file; PDF, images, Office, OFD, ZIP)", tag: "applications", resp: attachmentResponse{}, status: http.StatusCreated, form: attachmentUpload{}},
		{method: http.MethodDelete, path: "/api/v1/attachments/:id", handler: s.deleteAttachment, auth: true, roles: caseRoles, summary: "Delete an upload not yet attached to a case", tag: "applications", status: http.StatusNoContent},
		{method: http.MethodGet, path: "/api/v1/attachments/:id", handler: s.downloadAttachment, auth: true, roles: caseRoles, summary: "Download a file (its own media type)", tag: "applications", produces: "*/*"},

		{method: http.MethodGet, path: "/api/v1/applications/:id/dossier", handler: s.dossier, auth: true, roles: anyStaff, summary: "The case file as one ZIP (timeline with verification, notices, attachments, SHA-256 manifest)", tag: "applications", produces: "application/zip"},

		// Reports.
		{method: http.MethodGet, path: "/api/v1/reports/annual", handler: s.annualReport, auth: true, roles: anyStaff, summary: "The statutory annual report, parts 三 and 四 (JSON, CSV, XLSX, printable HTML, PDF in the official table layout)", tag: "reports", query: annualQuery{}, resp: app.AnnualReport{}, alt: []string{csvType, xlsxType, htmlType, pdfType}},
		{method: http.MethodPost, path: "/api/v1/reports/annual/lock", handler: s.lockAnnual, auth: true, roles: supervisors, summary: "Lock a published year", tag: "reports", body: lockRequest{}, resp: app.AnnualReport{}},
		{method: http.MethodGet, path: "/api/v1/reports/deadlines", handler: s.deadlineReport, auth: true, roles: anyStaff, summary: "Deadline report by agency and officer, with period statistics (JSON, CSV, XLSX)", tag: "reports", query: deadlineQuery{}, resp: app.DeadlineReport{}, alt: []string{csvType, xlsxType}},
		{method: http.MethodGet, path: "/api/v1/typical-cases", handler: s.listTypical, auth: true, roles: anyStaff, summary: "Search the typical cases (典型案例)", tag: "library", query: typicalQuery{}, resp: typicalList{}},
		{method: http.MethodPost, path: "/api/v1/typical-cases", handler: s.markTypical, auth: true, roles: supervisors, summary: "Mark a concluded case as typical", tag: "library", body: app.TypicalInput{}, resp: typicalResponse{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/api/v1/typical-cases/:id", handler: s.getTypical, auth: true, roles: anyStaff, summary: "One typical case", tag: "library", resp: typicalResponse{}},
		{method: http.MethodPatch, path: "/api/v1/typical-cases/:id", handler: s.updateTypical, auth: true, roles: supervisors, summary: "Edit tags and analysis", tag: "library", body: app.TypicalInput{}, resp: typicalResponse{}},
		{method: http.MethodDelete, path: "/api/v1/typical-cases/:id", handler: s.unmarkTypical, auth: true, roles: supervisors, summary: "Remove the mark", tag: "library", status: http.StatusNoContent},
		{method: http.MethodPost, path: "/api/v1/typical-cases/:id/template", handler: s.typicalToTemplate, auth: true, roles: supervisors, summary: "Make the case's answer an answer template", tag: "library", body: templateFromTypicalRequest{}, resp: templateResponse{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/api/v1/answer-templates", handler: s.listTemplates, auth: true, roles: anyStaff, summary: "Answer standards (答复标准) by outcome and topic", tag: "library", query: templateQuery{}, resp: listResponse[templateResponse]{}},
		{method: http.MethodPost, path: "/api/v1/answer-templates", handler: s.createTemplate, auth: true, roles: supervisors, summary: "Add an answer template", tag: "library", body: app.TemplateInput{}, resp: templateResponse{}, status: http.StatusCreated},
		{method: http.MethodPatch, path: "/api/v1/answer-templates/:id", handler: s.updateTemplate, auth: true, roles: supervisors, summary: "Edit or deactivate an answer template", tag: "library", body: app.TemplateInput{}, resp: templateResponse{}},

		// The register (台账): template, import with preview, export.
		{method: http.MethodGet, path: "/api/v1/register/template", handler: s.registerTemplate, auth: true, roles: registerRoles, summary: "The register template (依申请公开登记台账, XLSX with drop-downs and 填写说明)", tag: "register", produces: xlsxType},
		{method: http.MethodGet, path: "/api/v1/register/imports", handler: s.listRegisterImports, auth: true, roles: registerRoles, summary: "The latest register uploads (of an agency)", tag: "register", query: struct {
			AgencyID uint `query:"agencyId"`
		}{}, resp: listResponse[importResponse]{}},
		{method: http.MethodPost, path: "/api/v1/register/imports", handler: s.uploadRegister, auth: true, roles: registerRoles, upload: true, summary: "Upload a filled register (multipart: file, XLSX or CSV in UTF-8 or GBK; agencyId); it is validated in the background, nothing is imported until confirmed", tag: "register", resp: importResponse{}, status: http.StatusAccepted, form: registerUpload{}},
		{method: http.MethodGet, path: "/api/v1/register/imports/:id", handler: s.getRegisterImport, auth: true, roles: registerRoles, summary: "An upload's preview: counts, first page of rows and errors, progress; ?format=xlsx returns the upload with its errors marked", tag: "register", query: struct {
			Format string `query:"format" doc:"json (default) or xlsx (the annotated workbook)" enum:"json,xlsx"`
		}{}, resp: importResponse{}, alt: []string{xlsxType}},
		{method: http.MethodGet, path: "/api/v1/register/imports/:id/rows", handler: s.registerImportRows, auth: true, roles: registerRoles, summary: "The rows of an upload and what importing does with each", tag: "register", query: importRowsQuery{}, resp: listResponse[importRowResponse]{}},
		{method: http.MethodGet, path: "/api/v1/register/imports/:id/errors", handler: s.registerImportErrors, auth: true, roles: registerRoles, summary: "The errors of an upload by row and column, in Chinese and English", tag: "register", query: importErrorsQuery{}, resp: listResponse[importErrorResponse]{}},
		{method: http.MethodPost, path: "/api/v1/register/imports/:id/confirm", handler: s.confirmRegisterImport, auth: true, roles: registerRoles, summary: "Import the valid rows (valid-rows) or only an error-free file (all-or-nothing), in one transaction, in the background", tag: "register", body: app.ConfirmInput{}, resp: importResponse{}, status: http.StatusAccepted},
		{method: http.MethodGet, path: "/api/v1/register/export", handler: s.exportRegister, auth: true, roles: registerRoles, summary: "An agency's whole register (native and imported cases) in the template's form", tag: "register", query: registerExportQuery{}, produces: xlsxType},

		// Notifications.
		{method: http.MethodGet, path: "/api/v1/notifications", handler: s.listNotifications, auth: true, summary: "The caller's notifications, unread first", tag: "notifications", query: inboxQuery{}, resp: inboxResponse{}},
		{method: http.MethodGet, path: "/api/v1/notifications/unread-count", handler: s.unreadCount, auth: true, summary: "Unread notifications", tag: "notifications", resp: unreadCountResponse{}},
		{method: http.MethodPost, path: "/api/v1/notifications/read-all", handler: s.markAllRead, auth: true, summary: "Mark every notification read", tag: "notifications", status: http.StatusNoContent},
		{method: http.MethodPost, path: "/api/v1/notifications/:id/read", handler: s.markRead, auth: true, summary: "Mark one notification read", tag: "notifications", status: http.StatusNoContent},

		// Conversion to proactive disclosure (Art 44).
		{method: http.MethodGet, path: "/api/v1/conversion-candidates", handler: s.listCandidates, auth: true, roles: supervisors, summary: "Candidates for proactive disclosure with their member cases", tag: "conversion", query: candidateQuery{}, resp: listResponse[candidateResponse]{}},
		{method: http.MethodPost, path: "/api/v1/conversion-candidates/:id/decide", handler: s.decideCandidate, auth: true, roles: supervisors, summary: "Convert (publication date and address) or decline (reason)", tag: "conversion", body: app.DecisionRequest{}, resp: candidateResponse{}},

		// Public lookups.
		{method: http.MethodGet, path: "/api/v1/public/track", handler: s.track, limit: rateTrack, summary: "Track an application by tracking number and query code", tag: "public", query: trackQuery{}, resp: trackResponse{}},
		{method: http.MethodGet, path: "/api/v1/public/track/notices/:id", handler: s.trackNotice, limit: rateTrack, summary: "Open a public notice by tracking number and query code: printable A4 HTML, or (format=pdf) its issued PDF", tag: "public", query: trackNoticeQuery{}, produces: htmlType, alt: []string{pdfType}},
		{method: http.MethodGet, path: "/api/v1/public/track/notices/:id/content", handler: s.trackNoticeContent, limit: rateTrack, summary: "A public notice's text for a small screen, by tracking number and query code", tag: "public", query: trackQuery{}, resp: noticeContentResponse{}},
		{method: http.MethodGet, path: "/api/v1/calendar/add", handler: s.calendarAdd, limit: rateCalendar, summary: "Add working days to a date", tag: "calendar", query: calendarAddQuery{}, resp: calendarAddResponse{}},
		{method: http.MethodGet, path: "/api/v1/calendar/days", handler: s.calendarDays, limit: rateCalendar, summary: "Each day of a range with workday, holiday and 调休 flags", tag: "calendar", query: calendarDaysQuery{}, resp: itemsResponse[calendar.DayInfo]{}},
		{method: http.MethodGet, path: "/api/v1/calendar/coverage", handler: s.calendarCoverage, limit: rateCalendar, summary: "Years with an official holiday schedule and the State Council notices on record", tag: "calendar", resp: app.CoverageView{}},

		{method: http.MethodGet, path: "/api/v1/agencies/:id/staff", handler: s.agencyStaff, auth: true, roles: anyStaff, summary: "An agency's officers and supervisors (for assignment)", tag: "agencies", resp: itemsResponse[app.StaffMember]{}},
		{method: http.MethodGet, path: "/api/v1/agencies/:id/seal", handler: s.agencySeal, auth: true, roles: anyStaff, summary: "Whether an agency has an electronic seal (for 加盖电子印章): 404 when it has none", tag: "agencies", resp: app.SealInfo{}},

		// Administration.
		{method: http.MethodGet, path: "/api/v1/admin/settings", handler: s.getSettings, auth: true, roles: adminOnly, summary: "Settings that are safe to change online, with their configured defaults", tag: "admin", resp: app.SettingsView{}},
		{method: http.MethodPut, path: "/api/v1/admin/settings", handler: s.putSettings, auth: true, roles: adminOnly, summary: "Change them (in force at once)", tag: "admin", body: app.RuntimeSettings{}, resp: app.SettingsView{}},
		{method: http.MethodGet, path: "/api/v1/admin/jobs", handler: s.listJobs, auth: true, roles: adminOnly, summary: "Jobs with their schedules and last runs", tag: "admin", resp: itemsResponse[jobResponse]{}},
		{method: http.MethodPost, path: "/api/v1/admin/jobs/:name/run", handler: s.runJob, auth: true, roles: adminOnly, summary: "Run a job now", tag: "admin", resp: jobRunResponse{}, paramEnums: map[string]string{"name": "JobName"}},
		{method: http.MethodGet, path: "/api/v1/admin/calendar/overrides", handler: s.getOverrides, auth: true, roles: adminOnly, summary: "Calendar overrides in force", tag: "admin", resp: overridesResponse{}},
		{method: http.MethodPost, path: "/api/v1/admin/calendar/overrides/preview", handler: s.previewOverrides, auth: true, roles: adminOnly, summary: "How many open cases' due dates saving these overrides would move (nothing is saved)", tag: "admin", body: overridesRequest{}, resp: app.OverridesPreview{}},
		{method: http.MethodPost, path: "/api/v1/admin/calendar/years/:year/confirm", handler: s.confirmCalendarYear, auth: true, roles: adminOnly, summary: "Confirm a year's schedule against its State Council notice (the year becomes official)", tag: "admin", body: app.ConfirmYearInput{}, resp: app.CoverageView{}},
		{method: http.MethodPut, path: "/api/v1/admin/calendar/overrides", handler: s.putOverrides, auth: true, roles: adminOnly, summary: "Replace the administrators' calendar overrides (takes effect at once)", tag: "admin", body: overridesRequest{}, resp: overridesResponse{}},
		{method: http.MethodGet, path: "/api/v1/admin/users", handler: s.adminListUsers, auth: true, roles: adminOnly, summary: "List accounts", tag: "admin", query: userQuery{}, resp: listResponse[userResponse]{}},
		{method: http.MethodPost, path: "/api/v1/admin/users", handler: s.adminCreateUser, auth: true, roles: adminOnly, summary: "Create an account", tag: "admin", body: adminUserRequest{}, resp: userResponse{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/api/v1/admin/users/:id", handler: s.adminGetUser, auth: true, roles: adminOnly, summary: "One account", tag: "admin", resp: userResponse{}},
		{method: http.MethodPatch, path: "/api/v1/admin/users/:id", handler: s.adminUpdateUser, auth: true, roles: adminOnly, summary: "Edit an account", tag: "admin", body: adminUserUpdate{}, resp: userResponse{}},
		{method: http.MethodPost, path: "/api/v1/admin/users/:id/deactivate", handler: s.adminDeactivateUser, auth: true, roles: adminOnly, summary: "Deactivate an account", tag: "admin", resp: userResponse{}},
		{method: http.MethodPost, path: "/api/v1/admin/users/:id/reset-password", handler: s.adminResetPassword, auth: true, roles: adminOnly, summary: "Set a new password", tag: "admin", body: resetPasswordRequest{}, status: http.StatusNoContent},
		{method: http.MethodGet, path: "/api/v1/admin/agencies", handler: s.adminListAgencies, auth: true, roles: adminOnly, summary: "All agencies, inactive too", tag: "admin", resp: listResponse[agencyResponse]{}},
		{method: http.MethodPost, path: "/api/v1/admin/agencies", handler: s.adminCreateAgency, auth: true, roles: adminOnly, summary: "Create an agency", tag: "admin", body: agencyRequest{}, resp: agencyResponse{}, status: http.StatusCreated},
		{method: http.MethodPatch, path: "/api/v1/admin/agencies/:id", handler: s.adminUpdateAgency, auth: true, roles: adminOnly, summary: "Edit an agency", tag: "admin", body: agencyRequest{}, resp: agencyResponse{}},
		{method: http.MethodPost, path: "/api/v1/admin/agencies/:id/deactivate", handler: s.adminDeactivateAgency, auth: true, roles: adminOnly, summary: "Deactivate an agency", tag: "admin", resp: agencyResponse{}},
		{method: http.MethodPut, path: "/api/v1/admin/agencies/:id/seal", handler: s.putSeal, auth: true, roles: adminOnly, upload: true, summary: "Upload or replace an agency's electronic seal (multipart file: PNG on a transparent ground); audited", tag: "admin", form: sealUpload{}, resp: app.SealInfo{}},
		{method: http.MethodGet, path: "/api/v1/admin/agencies/:id/seal", handler: s.getSeal, auth: true, roles: adminOnly, summary: "An agency's electronic seal: what is stored, or (format=png) the image", tag: "admin", query: sealQuery{}, resp: app.SealInfo{}, alt: []string{pngType}},
		{method: http.MethodDelete, path: "/api/v1/admin/agencies/:id/seal", handler: s.deleteSeal, auth: true, roles: adminOnly, summary: "Remove an agency's electronic seal (notices already sealed keep it); audited", tag: "admin", status: http.StatusNoContent},
		{method: http.MethodGet, path: "/api/v1/admin/agencies/:id/templates", handler: s.listNoticeTemplates, auth: true, roles: adminOnly, summary: "The notice templates an agency uses, by kind (its own version or the installation's)", tag: "admin", resp: itemsResponse[app.NoticeTemplateSummary]{}},
		{method: http.MethodGet, path: "/api/v1/admin/agencies/:id/templates/:kind", handler: s.getNoticeTemplate, auth: true, roles: adminOnly, summary: "An agency's notice template of a kind: its text, the installation's text, its versions", tag: "admin", query: noticeTemplateQuery{}, resp: app.NoticeTemplateView{}},
		{method: http.MethodPut, path: "/api/v1/admin/agencies/:id/templates/:kind", handler: s.putNoticeTemplate, auth: true, roles: adminOnly, summary: "Save a new version of an agency's notice template (it must parse and render with sample data); audited", tag: "admin", body: app.NoticeTemplateInput{}, resp: app.NoticeTemplateView{}},
		{method: http.MethodPost, path: "/api/v1/admin/agencies/:id/templates/:kind/preview", handler: s.previewNoticeTemplate, auth: true, roles: adminOnly, summary: "Render a template text with sample data without saving it: the printable page, or (format=pdf) the PDF", tag: "admin", query: previewQuery{}, body: app.NoticePreviewInput{}, produces: htmlType, alt: []string{pdfType}},
		{method: http.MethodGet, path: "/api/v1/admin/audit", handler: s.adminAudit, auth: true, roles: adminOnly, summary: "Administrative audit trail", tag: "admin", query: auditQuery{}, resp: listResponse[auditResponse]{}},
	}
}
