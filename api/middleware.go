package api

import (
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

const actorKey = "gongkai.actor"

// authenticate verifies the bearer token and, when roles is not empty,
// that the actor holds one of them. It is the one place where a route's
// access rule is enforced; services check agency and ownership again.
func (s *Server) authenticate(roles []models.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Request().Header.Get(echo.HeaderAuthorization)
			scheme, token, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="gongkai"`)
				return models.Unauthenticated(models.M("请先登录", "log in first"))
			}
			actor, err := s.svc.Auth.Authenticate(c.Request().Context(), strings.TrimSpace(token))
			if models.ErrorKind(err) == models.KindUnauthenticated {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="gongkai", error="invalid_token"`)
				return err
			}
			if err != nil {
				return err
			}
			if len(roles) > 0 && !slices.Contains(roles, actor.Role) {
				return models.Forbidden(models.M("当前角色无权访问此功能", "your role may not use this endpoint"))
			}
			c.Set(actorKey, actor)
			return next(c)
		}
	}
}

// actorOf returns the authenticated caller; routes without authentication
// get the zero Actor.
func actorOf(c echo.Context) app.Actor {
	a, _ := c.Get(actorKey).(app.Actor)
	return a
}
