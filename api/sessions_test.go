package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"gongkai/app"
	"gongkai/configs"
)

// Tests of the sessions and accounts part of the security issue (4/10):
// the lockout under concurrency and for unknown names, tokens that end
// when their account changes, and the refresh cookie.

func (h *harness) login(username, password string, headers ...string) response {
	return h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": password}, headers...)
}

// TestLockoutHoldsUnderConcurrency: 28 wrong passwords sent at once are
// not all checked. Each attempt takes its place in the count before the
// password is verified, so the fifth failure locks the account and every
// later attempt is refused unchecked, whatever the timing; the right
// password after the lock is refused too.
func TestLockoutHoldsUnderConcurrency(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		// The harness locks after 5 failures, as the default configuration.
		limit := configs.Default().LockoutAttempts
		const wrong = 28
		codes := make([]int, wrong)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range wrong {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				codes[i] = h.login("demo-officer", "wrong-password-"+strconv.Itoa(i)).Code
			}()
		}
		close(start)
		wg.Wait()
		n := map[int]int{}
		for _, c := range codes {
			n[c]++
		}
		want := map[int]int{http.StatusUnauthorized: limit - 1, http.StatusLocked: wrong - (limit - 1)}
		if diff := cmp.Diff(want, n); diff != "" {
			t.Fatalf("28 parallel wrong passwords (limit %d), statuses (-want +got):\n%s", limit, diff)
		}
		if r := h.login("demo-officer", app.DemoPassword); r.Code != http.StatusLocked {
			t.Fatalf("the right password after the lock: %d %s", r.Code, r.Body)
		}
	})
}

// TestLockoutDoesNotRevealUsernames: seven wrong passwords for a known
// and for an unknown name get the same statuses, codes, messages and
// Retry-After, in both languages, spelled in any case.
func TestLockoutDoesNotRevealUsernames(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		seq := func(name string, lang string) []string {
			var out []string
			for i := range 7 {
				spelled := name
				switch i % 3 {
				case 1:
					spelled = strings.ToUpper(name)
				case 2:
					spelled = "  " + name + " "
				}
				r := h.login(spelled, "wrong-password-1", "Accept-Language", lang)
				m := r.Map(t)
				out = append(out, fmt.Sprintf("%d %v %v retry=%q", r.Code, m["code"], m["detail"], r.Header().Get("Retry-After")))
			}
			return out
		}
		for _, lang := range []string{"zh-CN", "en"} {
			known, unknown := seq(map[string]string{"zh-CN": "demo-applicant", "en": "demo-org"}[lang], lang), seq("no-such-user-"+lang, lang)
			if diff := cmp.Diff(known, unknown); diff != "" {
				t.Errorf("%s: known (-) and unknown (+) names answer differently:\n%s", lang, diff)
			}
			if !strings.HasPrefix(known[4], "423 account_locked") {
				t.Errorf("%s: the fifth failure: %s", lang, known[4])
			}
		}
	})
}

// sessionApplication is an application body for agency id.
func sessionApplication(agencyID uint) map[string]any {
	return map[string]any{"agencyId": agencyID, "title": "2025年凤城街道土地征收补偿安置方案",
		"description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", "formats": []string{"electronic"}, "delivery": "online"}
}

// agencyID looks an agency up by its code.
func (h *harness) agencyID(t *testing.T, code string) uint {
	t.Helper()
	var id uint
	if err := h.db.Table("agencies").Select("id").Where("code = ?", code).Row().Scan(&id); err != nil {
		t.Fatalf("agency %s: %v", code, err)
	}
	return id
}

// userVersion reads an account's id and version through the admin API.
func (h *harness) userVersion(t *testing.T, admin string, id int) int {
	t.Helper()
	r := h.do("GET", "/api/v1/admin/users/"+strconv.Itoa(id), admin, nil)
	if r.Code != 200 {
		t.Fatalf("get user %d: %d %s", id, r.Code, r.Body)
	}
	return int(r.Map(t)["version"].(float64))
}

func sessionUserID(s sessionResponse) int {
	return int(s.User.ID)
}

// mustStatus fails unless r has status want.
func mustStatus(t *testing.T, what string, r response, want int) map[string]any {
	t.Helper()
	if r.Code != want {
		t.Fatalf("%s: %d, want %d: %s", what, r.Code, want, r.Body)
	}
	if r.Body.Len() == 0 {
		return nil
	}
	return r.Map(t)
}

// TestTokensEndWhenTheAccountChanges: each change to an account that its
// tokens speak for ends the access tokens already issued at once (the
// next request is a 401), and their refresh tokens with them; a fresh
// login works where it should.
func TestTokensEndWhenTheAccountChanges(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		admin := h.token("demo-admin")
		zfb, zrj := h.agencyID(t, "ZFB"), h.agencyID(t, "ZRJ")

		t.Run("deactivation", func(t *testing.T) {
			s := h.session("demo-org")
			tok, id := s.AccessToken, sessionUserID(s)
			mustStatus(t, "file before", h.do("POST", "/api/v1/applications", tok, sessionApplication(zfb)), 201)
			mustStatus(t, "deactivate", h.do("POST", fmt.Sprintf("/api/v1/admin/users/%d/deactivate", id), admin, nil), 200)
			mustStatus(t, "file with the old token", h.do("POST", "/api/v1/applications", tok, sessionApplication(zfb)), 401)
			mustStatus(t, "refresh", h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}), 401)
			mustStatus(t, "fresh login", h.login("demo-org", app.DemoPassword), 401)
		})

		t.Run("officer moved to another agency", func(t *testing.T) {
			c := h.file(t, h.token("demo-applicant"), sessionApplication(zfb))
			s := h.session("demo-officer")
			tok, id := s.AccessToken, sessionUserID(s)
			list := mustStatus(t, "list before", h.do("GET", "/api/v1/applications?limit=200", tok, nil), 200)
			if !strings.Contains(fmt.Sprint(list["items"]), c.TrackingNumber) {
				t.Fatalf("the officer does not see the case before the move")
			}
			v := h.userVersion(t, admin, id)
			mustStatus(t, "move", h.do("PATCH", fmt.Sprintf("/api/v1/admin/users/%d", id), admin, map[string]any{"version": v, "agencyId": zrj}), 200)
			mustStatus(t, "list with the old token", h.do("GET", "/api/v1/applications?limit=200", tok, nil), 401)
			mustStatus(t, "refresh", h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}), 401)
			fresh := h.token("demo-officer")
			list = mustStatus(t, "list after a fresh login", h.do("GET", "/api/v1/applications?limit=200", fresh, nil), 200)
			if strings.Contains(fmt.Sprint(list["items"]), c.TrackingNumber) {
				t.Fatalf("the moved officer still sees the old agency's case")
			}
		})

		t.Run("role changed", func(t *testing.T) {
			s := h.session("demo-officer2")
			tok, id := s.AccessToken, sessionUserID(s)
			v := h.userVersion(t, admin, id)
			mustStatus(t, "promote", h.do("PATCH", fmt.Sprintf("/api/v1/admin/users/%d", id), admin, map[string]any{"version": v, "role": "supervisor"}), 200)
			mustStatus(t, "me with the old token", h.do("GET", "/api/v1/me", tok, nil), 401)
			mustStatus(t, "refresh", h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}), 401)
			fresh := h.session("demo-officer2")
			if role := fresh.User.Role; role != "supervisor" {
				t.Fatalf("fresh login role %v", role)
			}
			mustStatus(t, "a supervisors' route", h.do("GET", "/api/v1/conversion-candidates", fresh.AccessToken, nil), 200)
		})

		t.Run("password reset by an administrator", func(t *testing.T) {
			s := h.session("demo-supervisor-zrj")
			tok, id := s.AccessToken, sessionUserID(s)
			mustStatus(t, "reset", h.do("POST", fmt.Sprintf("/api/v1/admin/users/%d/reset-password", id), admin, map[string]any{"password": "brand-new-pass-1"}), 204)
			mustStatus(t, "me with the old token", h.do("GET", "/api/v1/me", tok, nil), 401)
			mustStatus(t, "refresh", h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}), 401)
			mustStatus(t, "old password", h.login("demo-supervisor-zrj", app.DemoPassword), 401)
			mustStatus(t, "new password", h.login("demo-supervisor-zrj", "brand-new-pass-1"), 200)
		})

		t.Run("password changed by its owner", func(t *testing.T) {
			s := h.session("demo-applicant")
			tok := s.AccessToken
			mustStatus(t, "change", h.do("POST", "/api/v1/me/password", tok, map[string]string{"oldPassword": app.DemoPassword, "newPassword": "brand-new-pass-2"}), 204)
			mustStatus(t, "me with the old token", h.do("GET", "/api/v1/me", tok, nil), 401)
			mustStatus(t, "refresh", h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}), 401)
			fresh := mustStatus(t, "new password", h.login("demo-applicant", "brand-new-pass-2"), 200)
			mustStatus(t, "me with the fresh token", h.do("GET", "/api/v1/me", fresh["accessToken"].(string), nil), 200)
		})

		t.Run("logout", func(t *testing.T) {
			s := h.session("demo-supervisor")
			tok := s.AccessToken
			mustStatus(t, "me before", h.do("GET", "/api/v1/me", tok, nil), 200)
			mustStatus(t, "logout", h.do("POST", "/api/v1/auth/logout", "", map[string]string{"refreshToken": s.RefreshToken}), 204)
			mustStatus(t, "me with the old token", h.do("GET", "/api/v1/me", tok, nil), 401)
			fresh := h.token("demo-supervisor")
			mustStatus(t, "me after a fresh login", h.do("GET", "/api/v1/me", fresh, nil), 200)
			// The old, revoked refresh token cannot end the new session.
			mustStatus(t, "logout again with the old token", h.do("POST", "/api/v1/auth/logout", "", map[string]string{"refreshToken": s.RefreshToken}), 204)
			mustStatus(t, "me after the old token's logout", h.do("GET", "/api/v1/me", fresh, nil), 200)
		})

		t.Run("a contact edit keeps the session", func(t *testing.T) {
			s := h.session("demo-supervisor-zfb")
			tok, id := s.AccessToken, sessionUserID(s)
			v := h.userVersion(t, admin, id)
			mustStatus(t, "edit phone", h.do("PATCH", fmt.Sprintf("/api/v1/admin/users/%d", id), admin, map[string]any{"version": v, "phone": "13905310099"}), 200)
			mustStatus(t, "me with the token", h.do("GET", "/api/v1/me", tok, nil), 200)
			mustStatus(t, "refresh", h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s.RefreshToken}), 200)
		})
	})
}
