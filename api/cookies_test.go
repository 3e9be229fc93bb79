package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gongkai/app"
)

// Tests of the refresh cookie (security issue 4/10): its attributes and
// the cross-site check of the cookie-based refresh and logout.

// withOptions replaces the harness's server by one built with o (the
// harness's own limits where o leaves them zero).
func (h *harness) withOptions(o Options) {
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.BodyLimitBytes == 0 {
		o.BodyLimitBytes = 64 << 10
	}
	if o.UploadLimitBytes == 0 {
		o.UploadLimitBytes = 1 << 20
	}
	if o.RateLimitPerMinute == 0 {
		o.RateLimitPerMinute = 100000
	}
	o.Version = "test"
	h.srv = New(h.svc, o)
}

// cookieRefresh sends a refresh with only the cookie and the given
// headers.
func (h *harness) cookieRequest(path, refresh string, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, nil)
	req.AddCookie(&http.Cookie{Name: refreshCookie, Value: refresh})
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return h.serve(req, nil)
}

// TestRefreshCookie: the refresh cookie is HttpOnly, SameSite=Strict,
// scoped to the auth endpoints and Secure when configured; the
// cookie-based refresh and logout refuse cross-site requests and accept
// same-origin and non-browser ones.
func TestRefreshCookie(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.withOptions(Options{SecureCookies: true})
		r := h.login("demo-applicant", app.DemoPassword)
		ck := r.Header().Get("Set-Cookie")
		for _, want := range []string{refreshCookie + "=", "Path=/api/v1/auth", "HttpOnly", "Secure", "SameSite=Strict"} {
			if !strings.Contains(ck, want) {
				t.Errorf("Set-Cookie %q lacks %s", ck, want)
			}
		}
		tests := []struct {
			name    string
			headers []string
			want    int
		}{
			{"cross-site by Sec-Fetch-Site", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 403},
			{"same-site is not same-origin", []string{"Sec-Fetch-Site", "same-site", "Origin", "https://other.example.com"}, 403},
			{"foreign Origin without Sec-Fetch-Site", []string{"Origin", "https://evil.example"}, 403},
			{"opaque Origin", []string{"Origin", "null"}, 403},
			{"same origin by Sec-Fetch-Site", []string{"Sec-Fetch-Site", "same-origin", "Origin", "http://example.com"}, 200},
			{"same origin by Origin alone", []string{"Origin", "http://example.com"}, 200},
			{"no browser headers", nil, 200},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s := h.session("demo-applicant")
				rec := h.cookieRequest("/api/v1/auth/refresh", s.RefreshToken, tc.headers...)
				if rec.Code != tc.want {
					t.Fatalf("refresh: %d, want %d: %s", rec.Code, tc.want, rec.Body)
				}
				if tc.want == 403 {
					if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") || !strings.Contains(rec.Body.String(), `"code":"cross_site"`) {
						t.Fatalf("refusal: %s %s", ct, rec.Body)
					}
					// A refused logout leaves the session alone.
					if rec := h.cookieRequest("/api/v1/auth/logout", s.RefreshToken, tc.headers...); rec.Code != 403 {
						t.Fatalf("cross-site logout: %d", rec.Code)
					}
					if r := h.do("GET", "/api/v1/me", s.AccessToken, nil); r.Code != 200 {
						t.Fatalf("a refused logout ended the session: %d", r.Code)
					}
				}
			})
		}
		// A token in the body is no cross-site risk (a page elsewhere
		// cannot know it): accepted whatever the headers.
		s := h.session("demo-applicant")
		r = h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}, "Sec-Fetch-Site", "cross-site")
		mustStatus(t, "body token, cross-site headers", r, 200)
	})
}
