package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

type typicalResponse struct {
	ID             uint             `json:"id"`
	CaseID         uint             `json:"caseId"`
	TrackingNumber string           `json:"trackingNumber"`
	Title          string           `json:"title"`
	Description    string           `json:"description"`
	Agency         *agencyBrief     `json:"agency"`
	Outcome        string           `json:"outcome" enum:"Outcome"`
	OutcomeLabel   string           `json:"outcomeLabel"`
	Tags           []string         `json:"tags"`
	Analysis       string           `json:"analysis"`
	Answer         *app.AnswerState `json:"answer,omitempty"`
	Version        int              `json:"version"`
	UpdatedAt      time.Time        `json:"updatedAt"`
}

func newTypicalResponse(v *app.TypicalView) typicalResponse {
	t := v.Typical
	r := typicalResponse{ID: t.ID, CaseID: t.CaseID, Tags: v.Tags, Analysis: t.Analysis, Answer: v.Answer, Version: t.Version, UpdatedAt: t.UpdatedAt}
	if c := t.Case; c != nil {
		r.TrackingNumber, r.Title, r.Description, r.Agency, r.Outcome = c.TrackingNumber, c.Title, c.Description, newAgencyBrief(c.Agency), c.Outcome
		if o, ok := models.FindOutcome(c.Outcome); ok {
			r.OutcomeLabel = o.Label
		}
	}
	if r.Answer != nil {
		a := *r.Answer
		a.DraftedBy, a.DecidedBy = 0, 0
		r.Answer = &a
	}
	return r
}

type typicalQuery struct {
	Q      string `query:"q"`
	Tag    string `query:"tag"`
	CaseID uint   `query:"caseId" doc:"the typical-case mark of one case, if any"`
	Offset int    `query:"offset"`
	Limit  int    `query:"limit"`
}

type typicalList struct {
	listResponse[typicalResponse]
	Tags []string `json:"tags"`
}

func (s *Server) listTypical(c echo.Context) error {
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	caseID, err := queryUint(c, "caseId")
	if err != nil {
		return err
	}
	vs, total, tags, err := s.svc.Library.FindTypical(c.Request().Context(), actorOf(c), c.QueryParam("q"), c.QueryParam("tag"), caseID, app.Page{Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := typicalList{listResponse: listResponse[typicalResponse]{Items: make([]typicalResponse, 0, len(vs)), Total: total, Offset: offset, Limit: limit}, Tags: tags}
	for _, v := range vs {
		out.Items = append(out.Items, newTypicalResponse(v))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) markTypical(c echo.Context) error {
	var in app.TypicalInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.Library.MarkTypical(c.Request().Context(), actorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newTypicalResponse(v))
}

func (s *Server) getTypical(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Library.Typical(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newTypicalResponse(v))
}

func (s *Server) updateTypical(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.TypicalInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.Library.UpdateTypical(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newTypicalResponse(v))
}

func (s *Server) unmarkTypical(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Library.UnmarkTypical(c.Request().Context(), actorOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type templateFromTypicalRequest struct {
	Topic string `json:"topic"`
	Stage string `json:"stage,omitempty"`
	Title string `json:"title,omitempty"`
}

func (s *Server) typicalToTemplate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in templateFromTypicalRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := s.svc.Library.TemplateFromTypical(c.Request().Context(), actorOf(c), id, strings.TrimSpace(in.Topic), in.Stage, in.Title)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newTemplateResponse(t))
}

type templateResponse struct {
	ID           uint      `json:"id"`
	Topic        string    `json:"topic"`
	Stage        string    `json:"stage"`
	Outcome      string    `json:"outcome" enum:"Outcome"`
	OutcomeLabel string    `json:"outcomeLabel"`
	Title        string    `json:"title"`
	LegalBasis   string    `json:"legalBasis"`
	Body         string    `json:"body"`
	SourceCaseID *uint     `json:"sourceCaseId,omitempty"`
	Active       bool      `json:"active"`
	Version      int       `json:"version"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

func newTemplateResponse(t *models.AnswerTemplate) templateResponse {
	r := templateResponse{ID: t.ID, Topic: t.Topic, Stage: t.Stage, Outcome: t.Outcome, Title: t.Title, LegalBasis: t.LegalBasis, Body: t.Body,
		SourceCaseID: t.SourceCaseID, Active: t.Active, Version: t.Version, UpdatedAt: t.UpdatedAt}
	if o, ok := models.FindOutcome(t.Outcome); ok {
		r.OutcomeLabel = o.Label
	}
	return r
}

type templateQuery struct {
	Outcome  string `query:"outcome"`
	Topic    string `query:"topic"`
	Q        string `query:"q"`
	Inactive bool   `query:"inactive" doc:"include inactive templates"`
}

func (s *Server) listTemplates(c echo.Context) error {
	inactive, err := queryFlag(c, "inactive")
	if err != nil {
		return err
	}
	ts, err := s.svc.Library.FindTemplates(c.Request().Context(), actorOf(c), c.QueryParam("outcome"), c.QueryParam("topic"), c.QueryParam("q"), inactive)
	if err != nil {
		return err
	}
	out := listResponse[templateResponse]{Items: make([]templateResponse, 0, len(ts)), Total: len(ts), Limit: len(ts)}
	for _, t := range ts {
		out.Items = append(out.Items, newTemplateResponse(t))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createTemplate(c echo.Context) error {
	var in app.TemplateInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := s.svc.Library.CreateTemplate(c.Request().Context(), actorOf(c), in, nil)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newTemplateResponse(t))
}

func (s *Server) updateTemplate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.TemplateInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := s.svc.Library.UpdateTemplate(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newTemplateResponse(t))
}
