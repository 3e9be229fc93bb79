package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/app/register"
	"gongkai/models"
)

// The register (台账): its template, the import of an agency's existing
// register with a preview, and the export of an agency's register.

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

var registerRoles = []models.Role{models.RoleAdmin, models.RoleSupervisor}

type importCounts struct {
	Total     int `json:"total" doc:"non-empty data rows"`
	Valid     int `json:"valid"`
	Invalid   int `json:"invalid" doc:"rows with errors"`
	Errors    int `json:"errors"`
	New       int `json:"new" doc:"valid rows that would become new legacy cases"`
	Replace   int `json:"replace" doc:"valid rows that would replace the imported case with the same key"`
	Unchanged int `json:"unchanged" doc:"valid rows already imported as they are"`
	Native    int `json:"native" doc:"valid rows that are this agency's Gongkai cases (an export brought back)"`
}

type importResult struct {
	Inserted  int `json:"inserted"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped" doc:"rows that are Gongkai cases"`
}

type importWarning struct {
	Code   string `json:"code"`
	Column string `json:"column,omitempty"`
	ZH     string `json:"zh"`
	EN     string `json:"en"`
}

type importRowResponse struct {
	Row           int    `json:"row"`
	Action        string `json:"action" doc:"new, replace, unchanged, native or invalid" enum:"RowAction"`
	Key           string `json:"key,omitempty"`
	CaseID        *uint  `json:"caseId,omitempty"`
	RegisterNo    string `json:"registerNo,omitempty"`
	ReceivedOn    string `json:"receivedOn,omitempty"`
	ApplicantName string `json:"applicantName,omitempty"`
	Content       string `json:"content,omitempty"`
	AnsweredOn    string `json:"answeredOn,omitempty"`
	Outcome       string `json:"outcome,omitempty"`
	OutcomeLabel  string `json:"outcomeLabel,omitempty"`
	Errors        int    `json:"errors"`
}

type importErrorResponse struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Code   string `json:"code"`
	ZH     string `json:"zh"`
	EN     string `json:"en"`
}

// importResponse is an uploaded register and its preview: the counts, the
// first page of rows and of errors, and the progress of the background
// work (status validating or importing).
type importResponse struct {
	ID          uint                               `json:"id"`
	Agency      *agencyBrief                       `json:"agency"`
	FileName    string                             `json:"fileName"`
	Format      string                             `json:"format"`
	SHA256      string                             `json:"sha256"`
	Size        int64                              `json:"size"`
	Status      string                             `json:"status" doc:"validating, ready, invalid, importing, imported or failed" enum:"ImportStatus"`
	Interrupted bool                               `json:"interrupted,omitempty" doc:"the work stopped without finishing; confirm again or upload anew"`
	Progress    *app.ImportProgress                `json:"progress,omitempty"`
	Mode        string                             `json:"mode,omitempty" enum:"ImportMode"`
	HeaderRow   int                                `json:"headerRow"`
	Counts      importCounts                       `json:"counts"`
	Result      *importResult                      `json:"result,omitempty"`
	Warnings    []importWarning                    `json:"warnings"`
	Problem     *app.ImportProblem                 `json:"problem,omitempty"`
	Rows        *listResponse[importRowResponse]   `json:"rows,omitempty"`
	Errors      *listResponse[importErrorResponse] `json:"errors,omitempty"`
	UploadedAt  time.Time                          `json:"uploadedAt"`
	ConfirmedAt *time.Time                         `json:"confirmedAt,omitempty"`
	FinishedAt  *time.Time                         `json:"finishedAt,omitempty"`
	Version     int                                `json:"version"`
}

func newImportResponse(v *app.ImportView) importResponse {
	imp := v.Import
	r := importResponse{ID: imp.ID, Agency: newAgencyBrief(imp.Agency), FileName: imp.FileName, Format: imp.Format, SHA256: imp.SHA256, Size: imp.Size,
		Status: string(imp.Status), Interrupted: v.Interrupted, Progress: v.Progress, Mode: string(imp.Mode), HeaderRow: imp.HeaderRow,
		Counts: importCounts{Total: imp.Total, Valid: imp.Total - imp.Invalid, Invalid: imp.Invalid, Errors: imp.ErrorCount, New: imp.New,
			Replace: imp.Replace, Unchanged: imp.Unchanged, Native: imp.Native},
		Warnings: []importWarning{}, Problem: v.Problem, UploadedAt: imp.CreatedAt, ConfirmedAt: imp.ConfirmedAt, FinishedAt: imp.FinishedAt, Version: imp.Version}
	if imp.Status == models.ImportImported {
		r.Result = &importResult{Inserted: imp.Inserted, Replaced: imp.Replaced, Unchanged: imp.Kept, Skipped: imp.Skipped}
	}
	for _, w := range v.Warnings {
		r.Warnings = append(r.Warnings, importWarning{Code: w.Code, Column: w.Column, ZH: w.ZH, EN: w.EN})
	}
	return r
}

func newImportRowResponse(r *models.RegisterImportRow) importRowResponse {
	out := importRowResponse{Row: r.RowNo, Action: string(r.Action), Key: r.RowKey, CaseID: r.CaseID, RegisterNo: r.RegisterNo, ReceivedOn: r.ReceivedOn,
		ApplicantName: r.ApplicantName, Content: r.Content, AnsweredOn: r.AnsweredOn, Outcome: r.Outcome, Errors: r.Errors}
	if w, ok := register.OutcomeWording(r.Outcome); ok {
		out.OutcomeLabel = w
	}
	return out
}

func newImportErrorResponse(e *models.RegisterImportError) importErrorResponse {
	return importErrorResponse{Row: e.RowNo, Column: e.ColumnName, Code: e.Code, ZH: e.ZH, EN: e.EN}
}

func (s *Server) registerTemplate(c echo.Context) error {
	var buf bytes.Buffer
	if err := s.svc.Register.Template(&buf); err != nil {
		return err
	}
	attachmentNameASCII(c, "依申请公开登记台账模板.xlsx", "register-template")
	return c.Blob(http.StatusOK, xlsxType, buf.Bytes())
}

// uploadRegister takes a register as multipart/form-data: the file in
// field file, the agency in field agencyId.
func (s *Server) uploadRegister(c echo.Context) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if !strings.HasPrefix(ct, "multipart/form-data") {
		return &models.Error{Kind: models.KindUnsupportedMedia, Code: "unsupported_media_type",
			Msg: models.M("上传须为 multipart/form-data，文件字段名为 file，机关字段名为 agencyId", "upload as multipart/form-data with the file in field file and the agency in field agencyId")}
	}
	agencyID, err := strconv.ParseUint(c.FormValue("agencyId"), 10, 32)
	if err != nil && c.FormValue("agencyId") != "" {
		return badRequest("agencyId", models.M("agencyId 须为正整数", "agencyId must be a positive integer"))
	}
	name, data, err := s.readUpload(c, "请选择要上传的台账文件（字段名 file）")
	if err != nil {
		return err
	}
	v, err := s.svc.Register.Upload(c.Request().Context(), actorOf(c), uint(agencyID), name, data)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/register/imports/"+strconv.FormatUint(uint64(v.Import.ID), 10))
	return c.JSON(http.StatusAccepted, newImportResponse(v))
}

func (s *Server) listRegisterImports(c echo.Context) error {
	agency, err := queryUint(c, "agencyId")
	if err != nil {
		return err
	}
	vs, err := s.svc.Register.List(c.Request().Context(), actorOf(c), agency)
	if err != nil {
		return err
	}
	out := listResponse[importResponse]{Items: []importResponse{}, Total: len(vs), Limit: len(vs)}
	for _, v := range vs {
		out.Items = append(out.Items, newImportResponse(v))
	}
	return c.JSON(http.StatusOK, out)
}

// getRegisterImport returns the preview with the first page of rows and
// errors, or with ?format=xlsx the upload with its errors marked.
func (s *Server) getRegisterImport(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	format, err := reportFormat(c, "json", "xlsx")
	if err != nil {
		return err
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	if format == "xlsx" {
		b, name, err := s.svc.Register.Annotated(ctx, actor, id)
		if err != nil {
			return err
		}
		attachmentNameASCII(c, name, fmt.Sprintf("register-import-%d-errors", id))
		return c.Blob(http.StatusOK, xlsxType, b)
	}
	v, err := s.svc.Register.Get(ctx, actor, id)
	if err != nil {
		return err
	}
	r := newImportResponse(v)
	if st := v.Import.Status; st != models.ImportValidating && st != models.ImportInvalid {
		first := app.Page{Limit: 20}
		rows, n, err := s.svc.Register.Rows(ctx, actor, id, "", first)
		if err != nil {
			return err
		}
		r.Rows = rowsPage(rows, n, 0, 20)
		errs, m, err := s.svc.Register.Errors(ctx, actor, id, first)
		if err != nil {
			return err
		}
		r.Errors = errorsPage(errs, m, 0, 20)
	}
	return c.JSON(http.StatusOK, r)
}

func rowsPage(rows []*models.RegisterImportRow, total, offset, limit int) *listResponse[importRowResponse] {
	out := &listResponse[importRowResponse]{Items: []importRowResponse{}, Total: total, Offset: offset, Limit: limit}
	for _, r := range rows {
		out.Items = append(out.Items, newImportRowResponse(r))
	}
	return out
}

func errorsPage(errs []*models.RegisterImportError, total, offset, limit int) *listResponse[importErrorResponse] {
	out := &listResponse[importErrorResponse]{Items: []importErrorResponse{}, Total: total, Offset: offset, Limit: limit}
	for _, e := range errs {
		out.Items = append(out.Items, newImportErrorResponse(e))
	}
	return out
}

type importRowsQuery struct {
	Action string `query:"action" doc:"new, replace, unchanged, native or invalid"`
	Offset int    `query:"offset"`
	Limit  int    `query:"limit" doc:"1–200, default 20"`
}

type importErrorsQuery struct {
	Offset int `query:"offset"`
	Limit  int `query:"limit" doc:"1–200, default 20"`
}

func (s *Server) registerImportRows(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	var action models.RowAction
	if a := c.QueryParam("action"); a != "" {
		var ok bool
		if action, ok = models.ParseRowAction(a); !ok {
			return badRequest("action", models.M("action 须为 new、replace、unchanged、native 或 invalid", "action must be new, replace, unchanged, native or invalid"))
		}
	}
	rows, n, err := s.svc.Register.Rows(c.Request().Context(), actorOf(c), id, action, app.Page{Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rowsPage(rows, n, offset, limit))
}

func (s *Server) registerImportErrors(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	errs, n, err := s.svc.Register.Errors(c.Request().Context(), actorOf(c), id, app.Page{Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, errorsPage(errs, n, offset, limit))
}

func (s *Server) confirmRegisterImport(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.ConfirmInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.Register.Confirm(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, newImportResponse(v))
}

type registerExportQuery struct {
	AgencyID uint `query:"agencyId"`
	Year     int  `query:"year" doc:"the year first received; omit for every year"`
}

func (s *Server) exportRegister(c echo.Context) error {
	agency, err := queryUint(c, "agencyId")
	if err != nil {
		return err
	}
	year, err := queryInt(c, "year", 0, 2008, 2100)
	if err != nil {
		return err
	}
	e, err := s.svc.Register.Export(c.Request().Context(), actorOf(c), agency, year)
	if err != nil {
		return err
	}
	// Headers go out with the first byte, which comes only once every row
	// was read: a failure before it is still a problem response.
	ascii := "register"
	if agency != 0 {
		ascii += fmt.Sprintf("-agency-%d", agency)
	}
	if year != 0 {
		ascii += fmt.Sprintf("-%d", year)
	}
	w := &lazyResponse{c: c, name: e.Name, ascii: ascii}
	return e.Stream(w)
}

// lazyResponse sends the export's headers with its first byte.
type lazyResponse struct {
	c           echo.Context
	name, ascii string
	started     bool
}

func (w *lazyResponse) Write(p []byte) (int, error) {
	if !w.started {
		w.started = true
		attachmentNameASCII(w.c, w.name, w.ascii)
		w.c.Response().Header().Set(echo.HeaderContentType, xlsxType)
		w.c.Response().WriteHeader(http.StatusOK)
	}
	return w.c.Response().Write(p)
}
