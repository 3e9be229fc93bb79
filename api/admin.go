package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

type (
	adminUserRequest = app.UserInput
	adminUserUpdate  = app.UserUpdate
	agencyRequest    = app.AgencyInput
)

type resetPasswordRequest struct {
	Password string `json:"password"`
}

type userQuery struct {
	Role     string `query:"role" doc:"applicant, officer, supervisor or admin"`
	AgencyID uint   `query:"agencyId"`
	Q        string `query:"q" doc:"search username and name"`
	Active   bool   `query:"active"`
	Offset   int    `query:"offset"`
	Limit    int    `query:"limit"`
}

type auditQuery struct {
	ObjectType string `query:"objectType"`
	ObjectID   uint   `query:"objectId"`
	Offset     int    `query:"offset"`
	Limit      int    `query:"limit"`
}

func (s *Server) adminListUsers(c echo.Context) error {
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	f := models.UserFilter{Offset: offset, Limit: limit, Query: strings.TrimSpace(c.QueryParam("q"))}
	if r := c.QueryParam("role"); r != "" {
		role, ok := models.ParseRole(r)
		if !ok {
			return badRequest("role", models.M("角色须为 applicant、officer、supervisor 或 admin", "role must be applicant, officer, supervisor or admin"))
		}
		f.Role = role
	}
	if f.AgencyID, err = queryUint(c, "agencyId"); err != nil {
		return err
	}
	if err = queryOptBool(c, "active", &f.Active); err != nil {
		return err
	}
	users, total, err := s.svc.Users.Find(c.Request().Context(), actorOf(c), f)
	if err != nil {
		return err
	}
	out := listResponse[userResponse]{Items: make([]userResponse, 0, len(users)), Total: total, Offset: offset, Limit: limit}
	now := s.svc.Deps.Now()
	for _, u := range users {
		out.Items = append(out.Items, newUserResponse(u, now))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) adminCreateUser(c echo.Context) error {
	var in adminUserRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.svc.Users.Create(c.Request().Context(), actorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newUserResponse(u, s.svc.Deps.Now()))
}

func (s *Server) adminGetUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := s.svc.Users.Get(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newUserResponse(u, s.svc.Deps.Now()))
}

func (s *Server) adminUpdateUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in adminUserUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.svc.Users.Update(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newUserResponse(u, s.svc.Deps.Now()))
}

func (s *Server) adminDeactivateUser(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := s.svc.Users.Deactivate(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newUserResponse(u, s.svc.Deps.Now()))
}

func (s *Server) adminResetPassword(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in resetPasswordRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.svc.Users.ResetPassword(c.Request().Context(), actorOf(c), id, in.Password); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listAgencies(c echo.Context) error {
	return s.agencyList(c, false)
}

func (s *Server) adminListAgencies(c echo.Context) error {
	return s.agencyList(c, true)
}

func (s *Server) agencyList(c echo.Context, all bool) error {
	as, err := s.svc.Agencies.List(c.Request().Context(), all)
	if err != nil {
		return err
	}
	out := listResponse[agencyResponse]{Items: make([]agencyResponse, 0, len(as)), Total: len(as), Limit: len(as)}
	for _, a := range as {
		out.Items = append(out.Items, newAgencyResponse(a))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) adminCreateAgency(c echo.Context) error {
	var in agencyRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, err := s.svc.Agencies.Create(c.Request().Context(), actorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newAgencyResponse(a))
}

func (s *Server) adminUpdateAgency(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in agencyRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, err := s.svc.Agencies.Update(c.Request().Context(), actorOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newAgencyResponse(a))
}

func (s *Server) adminDeactivateAgency(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.svc.Agencies.Deactivate(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newAgencyResponse(a))
}

func (s *Server) adminAudit(c echo.Context) error {
	offset, limit, err := page(c)
	if err != nil {
		return err
	}
	f := models.AuditFilter{ObjectType: c.QueryParam("objectType"), Offset: offset, Limit: limit}
	if f.ObjectID, err = queryUint(c, "objectId"); err != nil {
		return err
	}
	es, total, err := s.svc.Users.Audit(c.Request().Context(), actorOf(c), f)
	if err != nil {
		return err
	}
	out := listResponse[auditResponse]{Items: make([]auditResponse, 0, len(es)), Total: total, Offset: offset, Limit: limit}
	for _, e := range es {
		out.Items = append(out.Items, auditResponse{ID: e.ID, ActorID: e.ActorID, ActorRole: string(e.ActorRole), Action: e.Action,
			ObjectType: e.ObjectType, ObjectID: e.ObjectID, Data: e.Data, RequestID: e.RequestID, CreatedAt: e.CreatedAt})
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) agencyStaff(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	staff, err := s.svc.Agencies.Staff(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, itemsResponse[app.StaffMember]{Items: staff, Total: len(staff)})
}

func (s *Server) getSettings(c echo.Context) error {
	v, err := s.svc.Settings.Current(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (s *Server) putSettings(c echo.Context) error {
	var in app.RuntimeSettings
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.Settings.Put(c.Request().Context(), actorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}
