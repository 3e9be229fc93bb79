package api

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/app"
	"gongkai/models"
)

type registerRequest = app.RegisterInput

type loginRequest struct {
	Username string `json:"username" required:"true"`
	Password string `json:"password" required:"true"`
}

type refreshRequest struct {
	RefreshToken string `json:"refreshToken,omitempty"`
}

type changePasswordRequest struct {
	OldPassword string `json:"oldPassword" required:"true"`
	NewPassword string `json:"newPassword" required:"true"`
}

type sessionResponse struct {
	AccessToken  string       `json:"accessToken"`
	RefreshToken string       `json:"refreshToken"`
	ExpiresIn    int          `json:"expiresIn"`
	User         userResponse `json:"user"`
}

// refreshCookie holds the refresh token for the web UI, out of reach of
// scripts (HttpOnly), sent only to the auth endpoints (Path) and only with
// requests the site's own pages make (SameSite=Strict: the UI calls the
// API from its own origin, so Strict never gets in its way, even when the
// user arrives by a link from elsewhere), over HTTPS when Secure is on (the
// default in production).
const refreshCookie = "gongkai_refresh"

func (s *Server) setRefreshCookie(c echo.Context, token string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: refreshCookie, Value: token, Path: "/api/v1/auth", MaxAge: maxAge,
		HttpOnly: true, Secure: s.opt.SecureCookies, SameSite: http.SameSiteStrictMode,
	})
}

func (s *Server) writeSession(c echo.Context, sess *app.Session) error {
	s.setRefreshCookie(c, sess.RefreshToken, int((30 * 24 * time.Hour).Seconds()))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, sessionResponse{
		AccessToken: sess.AccessToken, RefreshToken: sess.RefreshToken, ExpiresIn: sess.ExpiresIn,
		User: newUserResponse(sess.User, s.svc.Deps.Now()),
	})
}

func (s *Server) register(c echo.Context) error {
	var in registerRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.svc.Auth.Register(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, newUserResponse(u, s.svc.Deps.Now()))
}

func (s *Server) login(c echo.Context) error {
	var in loginRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	// Per address and name (normalised as Login does): a service hall's
	// applicants share an address, not a bucket.
	key := c.RealIP() + "\x00" + strings.ToLower(strings.TrimSpace(in.Username))
	if err := s.svc.RateLimits.Take(c.Request().Context(), string(rateLogin), key, s.perMinute(rateLogin)); err != nil {
		return err
	}
	sess, err := s.svc.Auth.Login(c.Request().Context(), in.Username, in.Password)
	if err != nil {
		return err
	}
	return s.writeSession(c, sess)
}

// refreshToken takes the token from the body, or else from the cookie. A
// browser sends the cookie whoever asks, so a cookie-based refresh or
// logout is refused (403) when the browser says it comes from another
// origin (CSRF); a token in the body is not at risk (a page elsewhere
// cannot know it).
func (s *Server) refreshToken(c echo.Context) (string, error) {
	var in refreshRequest
	if c.Request().ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			return "", err
		}
	}
	if in.RefreshToken == "" {
		if ck, err := c.Cookie(refreshCookie); err == nil && ck.Value != "" {
			if s.crossOrigin(c.Request()) {
				return "", errCrossSite
			}
			in.RefreshToken = ck.Value
		}
	}
	return in.RefreshToken, nil
}

var errCrossSite = &models.Error{Kind: models.KindForbidden, Code: "cross_site",
	Msg: models.M("拒绝来自其他网站的请求，请在本站页面中操作", "a request from another site is refused; use this site's own pages")}

// crossOrigin reports whether a browser says r comes from another origin:
// Sec-Fetch-Site (every current browser) other than same-origin or none
// (typed by the user), or else an Origin whose host is not the request's
// own (X-Forwarded-Host behind a trusted proxy). A request with neither
// header is no browser's and passes.
func (s *Server) crossOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return false
	case "":
	default: // same-site, cross-site
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" { // "null": a sandboxed or opaque origin
		return true
	}
	host := r.Host
	if fh := r.Header.Get("X-Forwarded-Host"); s.opt.TrustProxy && fh != "" {
		host, _, _ = strings.Cut(fh, ",")
	}
	return !strings.EqualFold(u.Host, strings.TrimSpace(host))
}

func (s *Server) refresh(c echo.Context) error {
	tok, err := s.refreshToken(c)
	if err != nil {
		return err
	}
	sess, err := s.svc.Auth.Refresh(c.Request().Context(), tok)
	if err != nil {
		s.setRefreshCookie(c, "", -1)
		return err
	}
	return s.writeSession(c, sess)
}

func (s *Server) logout(c echo.Context) error {
	tok, err := s.refreshToken(c)
	if err != nil {
		return err
	}
	if err := s.svc.Auth.Logout(c.Request().Context(), tok); err != nil {
		return err
	}
	s.setRefreshCookie(c, "", -1)
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) me(c echo.Context) error {
	u, err := s.svc.Auth.Me(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newUserResponse(u, s.svc.Deps.Now()))
}

func (s *Server) changePassword(c echo.Context) error {
	var in changePasswordRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.svc.Auth.ChangePassword(c.Request().Context(), actorOf(c), in.OldPassword, in.NewPassword); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) updateProfile(c echo.Context) error {
	var in app.ProfileUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.svc.Auth.UpdateProfile(c.Request().Context(), actorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newUserResponse(u, s.svc.Deps.Now()))
}
