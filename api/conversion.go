package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
)

type candidateResponse struct {
	ID              uint                      `json:"id"`
	Agency          *agencyBrief              `json:"agency"`
	Kind            string                    `json:"kind" enum:"CandidateKind"`
	Title           string                    `json:"title"`
	Summary         string                    `json:"summary"`
	Applicants      int                       `json:"applicants"`
	Disclosed       bool                      `json:"disclosed"`
	Status          string                    `json:"status" enum:"CandidateStatus"`
	DecidedAt       *time.Time                `json:"decidedAt,omitempty"`
	PublicationDate string                    `json:"publicationDate,omitempty"`
	PublicationURL  string                    `json:"publicationUrl,omitempty"`
	PublishBy       string                    `json:"publishBy,omitempty"`
	DeclineReason   string                    `json:"declineReason,omitempty"`
	Members         []app.CandidateMemberView `json:"members"`
	Version         int                       `json:"version"`
	CreatedAt       time.Time                 `json:"createdAt"`
}

func newCandidateResponse(v *app.CandidateView) candidateResponse {
	c := v.Candidate
	r := candidateResponse{ID: c.ID, Agency: newAgencyBrief(c.Agency), Kind: c.Kind, Title: c.Title, Summary: c.Summary, Applicants: c.Applicants,
		Disclosed: c.Disclosed, Status: c.Status, DecidedAt: c.DecidedAt, PublicationDate: c.PublicationDate, PublicationURL: c.PublicationURL,
		DeclineReason: c.DeclineReason, Members: v.Members, Version: c.Version, CreatedAt: c.CreatedAt}
	if r.Members == nil {
		r.Members = []app.CandidateMemberView{}
	}
	if !v.PublishBy.IsZero() {
		r.PublishBy = v.PublishBy.String()
	}
	return r
}

type candidateQuery struct {
	Status   string `query:"status" doc:"open, converted or declined"`
	AgencyID uint   `query:"agencyId"`
	Offset   int    `query:"offset"`
	Limit    int    `query:"limit"`
}

func (s *Server) listCandidates(c echo.Context) error {
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	agency, err := queryUint(c, "agencyId")
	if err != nil {
		return err
	}
	vs, total, err := s.svc.Conversion.Find(c.Request().Context(), actorOf(c), c.QueryParam("status"), agency, app.Page{Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := listResponse[candidateResponse]{Items: make([]candidateResponse, 0, len(vs)), Total: total, Offset: offset, Limit: limit}
	for _, v := range vs {
		out.Items = append(out.Items, newCandidateResponse(v))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) decideCandidate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in app.DecisionRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.Conversion.Decide(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newCandidateResponse(v))
}
