package api

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// The Content-Security-Policy of each kind of response. Every response
// gets one by its path (contentSecurityPolicy); the handlers of printable
// documents and downloads set theirs.
const (
	// uiCSP: the web UI runs only its own script files (no inline script,
	// no eval) and loads styles, images, fonts and data from its own
	// origin; data: and blob: images are Element Plus's icons and
	// previews. Styles come from the built CSS files only, with no
	// 'unsafe-inline': Vue and Element Plus set styles through the CSSOM,
	// which the policy leaves to the app's own script; ECharts draws its
	// tooltips on the canvas, and the notice frame (a srcdoc document,
	// which inherits this policy) adopts the notice's styles as a
	// constructed stylesheet (frontend NoticeViewer). The browser suite
	// fails on any violation. It is never framed.
	uiCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
		"frame-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
	// documentCSP: a printable notice or report runs no script at all and
	// loads nothing; its own <style> block lays out the A4 page.
	documentCSP = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
	// apiCSP: JSON and problem documents are never rendered as pages.
	apiCSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
	// downloadCSP: an attachment opened in the browser anyway (it is sent
	// as a download) is sandboxed: no script, no same-origin access.
	downloadCSP = "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

// contentSecurityPolicy sets the policy by path: the API's for /api and
// the operators' endpoints, the UI's for everything else.
func (s *Server) contentSecurityPolicy(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, policy := c.Request().URL.Path, uiCSP
		if strings.HasPrefix(p, "/api/") || p == "/metrics" || p == "/healthz" || p == "/readyz" {
			policy = apiCSP
		}
		c.Response().Header().Set("Content-Security-Policy", policy)
		return next(c)
	}
}

// documentPolicy marks a response as a printable document.
func documentPolicy(c echo.Context) {
	c.Response().Header().Set("Content-Security-Policy", documentCSP)
}
