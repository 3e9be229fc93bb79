package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"gopkg.in/yaml.v3"

	"gongkai/app"
	"gongkai/migrations/dbtest"
)

// accountBody is who an account is, as the API shows it.
type accountBody struct {
	Username      string `json:"username"`
	Role          string `json:"role"`
	ApplicantType string `json:"applicantType"`
	IDType        string `json:"idType"`
	IDNumber      string `json:"idNumber"`
	OrgCategory   string `json:"orgCategory"`
	CreditCode    string `json:"creditCode"`
}

// pageBody is a paginated list's envelope without its items.
type pageBody struct {
	Total  int `json:"total"`
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

func natural(username, idType, idNumber string) map[string]any {
	return map[string]any{"username": username, "password": "secret-pass-1", "applicantType": "natural",
		"name": "王小明", "idType": idType, "idNumber": idNumber, "phone": "13812345678", "email": "w@example.com", "address": "济南市莱芜区"}
}

func organization(username, category, code string) map[string]any {
	return map[string]any{"username": username, "password": "secret-pass-1", "applicantType": "organization",
		"name": "济南某某科技有限公司", "orgCategory": category, "creditCode": code, "legalRepresentative": "李四",
		"contactPerson": "王五", "phone": "13812345678"}
}

// invalid is a validation problem naming fields.
func invalid(fields ...string) *wantProblem {
	return &wantProblem{code: "validation_failed", fields: fields}
}

// badRequestProblem is a bad-request problem naming fields.
func badRequestProblem(fields ...string) *wantProblem {
	return &wantProblem{code: "bad_request", fields: fields}
}

func TestRegister(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		validID := "11010519491231002X" // the GB 11643-1999 standard's own example
		const url = "/api/v1/auth/register"
		person := func(username, idType, idNumber string) accountBody {
			return accountBody{Username: username, Role: "applicant", ApplicantType: "natural", IDType: idType, IDNumber: idNumber}
		}
		h.run(t, []scenario{
			{name: "natural person with a valid resident ID", method: "POST", url: url, body: natural("wang", "resident_id", validID),
				wantStatus: 201, want: person("wang", "resident_id", "110105********002X")},
			{name: "lower-case x accepted", method: "POST", url: url, body: natural("wang2", "resident_id", strings.ToLower(validID)),
				wantStatus: 201, want: person("wang2", "resident_id", "110105********002X")},
			{name: "wrong check digit", method: "POST", url: url, body: natural("bad1", "resident_id", "110105194912310021"),
				wantStatus: 422, wantProblem: invalid("idNumber"), wantContains: []string{"校验码"}},
			{name: "impossible date of birth", method: "POST", url: url, body: natural("bad2", "resident_id", app.WithIDCheck("11010519490230002")),
				wantStatus: 422, wantProblem: invalid("idNumber")},
			{name: "date of birth in the future", method: "POST", url: url, body: natural("bad3", "resident_id", app.WithIDCheck("11010520990101002")),
				wantStatus: 422, wantProblem: invalid("idNumber")},
			{name: "17 digits", method: "POST", url: url, body: natural("bad4", "resident_id", "11010519491231002"),
				wantStatus: 422, wantProblem: invalid("idNumber")},
			{name: "passport needs no check digit", method: "POST", url: url, body: natural("traveller", "passport", "E12345678"),
				wantStatus: 201, want: person("traveller", "passport", "*******78")},
			{name: "English message on request", method: "POST", url: url, body: natural("bad5", "resident_id", "110105194912310021"),
				headers: []string{"Accept-Language", "en-US,en;q=0.9"}, wantStatus: 422, wantProblem: invalid("idNumber"), wantContains: []string{"not a valid resident ID number"}},
			{name: "organisation with a valid credit code", method: "POST", url: url, body: organization("acme", "commercial", "91350100M000100Y43"),
				wantStatus: 201, want: accountBody{Username: "acme", Role: "applicant", ApplicantType: "organization", OrgCategory: "commercial", CreditCode: "913501********0Y43"}},
			{name: "credit code with a wrong check character", method: "POST", url: url, body: organization("acme2", "commercial", "91350100M000100Y44"),
				wantStatus: 422, wantProblem: invalid("creditCode")},
			{name: "credit code with a letter outside GB 32100", method: "POST", url: url, body: organization("acme3", "commercial", "91350100M000I00Y43"),
				wantStatus: 422, wantProblem: invalid("creditCode")},
			{name: "unknown organisation category", method: "POST", url: url, body: organization("acme4", "bank", "91350100M000100Y43"),
				wantStatus: 422, wantProblem: invalid("orgCategory")},
			{name: "bad phone and short password", method: "POST", url: url,
				body:       map[string]any{"username": "li", "password": "short", "applicantType": "natural", "name": "李", "idType": "passport", "idNumber": "X1", "phone": "12345"},
				wantStatus: 422, wantProblem: invalid("username", "password", "phone")},
			{name: "password containing the username", method: "POST", url: url,
				body:       map[string]any{"username": "zhaoliu", "password": "zhaoliu123", "applicantType": "natural", "name": "赵六", "idType": "passport", "idNumber": "X1", "phone": "13812345678"},
				wantStatus: 422, wantProblem: invalid("password")},
			{name: "taken username", method: "POST", url: url, body: natural("demo-applicant", "passport", "E1"),
				wantStatus: 409, wantProblem: &wantProblem{code: "conflict"}},
			{name: "unknown field", method: "POST", url: url, body: `{"username":"x","role":"admin"}`, wantStatus: 400, wantProblem: badRequestProblem("role")},
			{name: "malformed JSON", method: "POST", url: url, body: `{"username":`, wantStatus: 400, wantProblem: badRequestProblem(), wantContains: []string{"JSON"}},
			{name: "wrong type", method: "POST", url: url, body: `{"username":5}`, wantStatus: 400, wantProblem: badRequestProblem("username")},
			{name: "two objects", method: "POST", url: url, body: `{} {}`, wantStatus: 400, wantProblem: badRequestProblem()},
			{name: "empty body", method: "POST", url: url, body: ``, wantStatus: 400, wantProblem: badRequestProblem()},
		})
		// A registration cannot claim a role: only applicants are created.
		var n int64
		h.db.Table("users").Where("username = ?", "wang").Where("role = ?", "applicant").Count(&n)
		if n != 1 {
			t.Fatalf("wang not an applicant")
		}
	})
}

func TestRequestShape(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.run(t, []scenario{
			{name: "an oversized body", method: "POST", url: "/api/v1/auth/login", body: `{"username":"` + strings.Repeat("a", 70<<10) + `"}`,
				wantStatus: http.StatusRequestEntityTooLarge},
			{name: "a form body", method: "POST", url: "/api/v1/auth/login", body: `username=a`, headers: []string{"Content-Type", "application/x-www-form-urlencoded"},
				wantStatus: http.StatusUnsupportedMediaType, wantProblem: &wantProblem{code: "unsupported_media_type"}},
			{name: "an unknown route", method: "GET", url: "/api/v1/nope", wantStatus: 404, wantProblem: &wantProblem{code: "not_found"}},
			{name: "a wrong method", method: "DELETE", url: "/api/v1/agencies", wantStatus: 405},
		})
	})
}

func TestLoginLockoutRefreshLogout(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		login := func(name, user, pass string, wantStatus int) scenario {
			return scenario{name: name, method: "POST", url: "/api/v1/auth/login", body: map[string]string{"username": user, "password": pass}, wantStatus: wantStatus}
		}
		// Unknown user and wrong password look the same.
		var unknown problem
		sc := login("an unknown user", "nobody", "whatever-123", 401)
		sc.into = &unknown
		h.step(t, sc)
		sc = login("a wrong password looks the same (failure 1)", "demo-officer", "wrong-password", 401)
		sc.check = func(t *testing.T, r *httptest.ResponseRecorder) {
			diff(t, "detail", unknown.Detail, decode[problem](t, r).Detail)
		}
		h.step(t, sc)
		// Four more failures lock the account (5 in a row), even for the
		// right password, with a clear message and Retry-After.
		for i := 2; i <= 4; i++ {
			h.step(t, login(fmt.Sprintf("failure %d", i), "demo-officer", "wrong-password", 401))
		}
		sc = login("the fifth failure locks the account", "demo-officer", "wrong-password", http.StatusLocked)
		sc.wantProblem, sc.wantHeaders = &wantProblem{code: "account_locked"}, map[string]string{"Retry-After": present}
		h.step(t, sc)
		h.step(t, login("the locked account refuses the right password", "demo-officer", app.DemoPassword, http.StatusLocked))
		h.clock.Advance(16 * time.Minute)
		h.step(t, login("after the lock the right password works", "demo-officer", app.DemoPassword, 200))
		// A success resets the count: four failures do not lock.
		for i := 1; i <= 4; i++ {
			h.step(t, login(fmt.Sprintf("failure %d after the success", i), "demo-officer", "wrong-password", 401))
		}
		h.step(t, login("four failures do not lock", "demo-officer", app.DemoPassword, 200))

		// Refresh rotates; the old token then counts as reuse and revokes the family.
		refresh := func(name, token string, wantStatus int) scenario {
			return scenario{name: name, method: "POST", url: "/api/v1/auth/refresh", body: map[string]string{"refreshToken": token}, wantStatus: wantStatus}
		}
		var s1, s2 sessionResponse
		sc = login("a session lasts 15 minutes", "demo-applicant", app.DemoPassword, 200)
		sc.into = &s1
		sc.check = func(t *testing.T, r *httptest.ResponseRecorder) {
			diff(t, "expiresIn", 900, decode[sessionResponse](t, r).ExpiresIn)
		}
		h.step(t, sc)
		sc = refresh("refresh rotates the token and sets a strict HttpOnly cookie", s1.RefreshToken, 200)
		sc.into = &s2
		sc.check = func(t *testing.T, r *httptest.ResponseRecorder) {
			if decode[sessionResponse](t, r).RefreshToken == s1.RefreshToken {
				t.Error("refresh token not rotated")
			}
			if c := r.Header().Get("Set-Cookie"); !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Strict") {
				t.Errorf("cookie %q", c)
			}
		}
		h.step(t, sc)
		h.step(t, refresh("reusing the old token is refused", s1.RefreshToken, 401))
		h.step(t, refresh("reuse revoked the family", s2.RefreshToken, 401))
		// The cookie works as the refresh source too.
		h.step(t, scenario{name: "the cookie works as the refresh source", method: "POST", url: "/api/v1/auth/refresh",
			headers: []string{"Cookie", refreshCookie + "=" + h.session("demo-applicant").RefreshToken}, wantStatus: 200})
		s3 := h.session("demo-applicant")
		h.step(t, scenario{name: "logout", method: "POST", url: "/api/v1/auth/logout", body: map[string]string{"refreshToken": s3.RefreshToken}, wantStatus: 204})
		h.step(t, refresh("logout revoked the token", s3.RefreshToken, 401))
		s4 := h.session("demo-applicant")
		h.clock.Advance(25 * time.Hour)
		h.step(t, refresh("an expired refresh token is refused", s4.RefreshToken, 401))
	})
}

func TestAccessTokens(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		good := h.token("demo-applicant")
		h.step(t, scenario{name: "a good token", method: "GET", url: "/api/v1/me", token: good, wantStatus: 200})
		parts := strings.Split(good, ".")
		enc := base64.RawURLEncoding
		payload, _ := enc.DecodeString(parts[1])
		now := h.clock.Now()
		claims := func(role string, exp time.Time) jwt.MapClaims {
			return jwt.MapClaims{"sub": "2", "role": role, "name": "demo-applicant", "iss": app.TokenIssuer, "aud": []string{app.TokenAudience},
				"iat": now.Unix(), "exp": exp.Unix()}
		}
		sign := func(m jwt.SigningMethod, key any, c jwt.Claims) string {
			s, err := jwt.NewWithClaims(m, c).SignedString(key)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		forgedPayload := strings.Replace(string(payload), `"role":"applicant"`, `"role":"admin"`, 1)
		none := enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."
		bad := map[string]string{
			"expired":                sign(jwt.SigningMethodHS256, []byte(testJWTSecret), claims("applicant", now.Add(-time.Minute))),
			"alg none":               none,
			"other key":              sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-xx"), claims("admin", now.Add(time.Hour))),
			"HS512 with the key":     sign(jwt.SigningMethodHS512, []byte(testJWTSecret), claims("admin", now.Add(time.Hour))),
			"ES256":                  sign(jwt.SigningMethodES256, ecKey, claims("admin", now.Add(time.Hour))),
			"forged role":            parts[0] + "." + enc.EncodeToString([]byte(forgedPayload)) + "." + parts[2],
			"wrong audience":         sign(jwt.SigningMethodHS256, []byte(testJWTSecret), jwt.MapClaims{"sub": "2", "role": "applicant", "iss": app.TokenIssuer, "aud": "other", "exp": now.Add(time.Hour).Unix()}),
			"no expiry":              sign(jwt.SigningMethodHS256, []byte(testJWTSecret), jwt.MapClaims{"sub": "2", "role": "applicant", "iss": app.TokenIssuer, "aud": app.TokenAudience}),
			"unknown role":           sign(jwt.SigningMethodHS256, []byte(testJWTSecret), claims("root", now.Add(time.Hour))),
			"garbage":                "abc.def.ghi",
			"signature stripped":     parts[0] + "." + parts[1] + ".",
			"staff claim, no agency": sign(jwt.SigningMethodHS256, []byte(testJWTSecret), claims("officer", now.Add(time.Hour))),
		}
		names := make([]string, 0, len(bad))
		for name := range bad {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			t.Run(name, func(t *testing.T) {
				h.run(t, []scenario{
					{name: "me", method: "GET", url: "/api/v1/me", token: bad[name], wantStatus: 401},
					{name: "admin users", method: "GET", url: "/api/v1/admin/users", token: bad[name], wantStatus: 401},
				})
			})
		}
		// Access tokens expire after 15 minutes.
		h.clock.Advance(16 * time.Minute)
		h.run(t, []scenario{
			{name: "a 15-minute token after 16 minutes", method: "GET", url: "/api/v1/me", token: good, wantStatus: 401},
			{name: "no token", method: "GET", url: "/api/v1/me", wantStatus: 401, wantHeaders: map[string]string{"WWW-Authenticate": present}},
		})
	})
}

func TestAdminRoutesRefuseNonAdmins(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		users := []string{"demo-applicant", "demo-org", "demo-officer", "demo-supervisor"}
		tokens := map[string]string{}
		for _, u := range users {
			tokens[u] = h.token(u)
		}
		admin := h.token("demo-admin")
		n := 0
		for _, rt := range h.srv.routes {
			if !strings.HasPrefix(rt.path, "/api/v1/admin/") {
				continue
			}
			n++
			url := strings.ReplaceAll(strings.ReplaceAll(rt.path, ":id", "1"), ":name", "deadline-sweep")
			t.Run(rt.method+" "+url, func(t *testing.T) {
				var rows []scenario
				for _, u := range users {
					rows = append(rows, scenario{name: "as " + u, method: rt.method, url: url, token: tokens[u], body: map[string]any{}, wantStatus: 403})
				}
				rows = append(rows, scenario{name: "anonymous", method: rt.method, url: url, body: map[string]any{}, wantStatus: 401})
				h.run(t, rows)
				t.Run("as the admin", func(t *testing.T) {
					if r := h.do(rt.method, url, admin, map[string]any{}); r.Code == 401 || r.Code == 403 {
						t.Errorf("refused: %d %s", r.Code, r.Body)
					}
				})
			})
		}
		if n < 8 {
			t.Fatalf("only %d admin routes checked", n)
		}
	})
}

// idLike matches an unmasked 18-character ID number or credit code.
var idLike = regexp.MustCompile(`[0-9A-Z]{17}[0-9A-Z]`)

func TestIdentityNumbersMaskedEverywhere(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		full := app.WithIDCheck("37120219850317203") // the demo applicant
		admin := h.token("demo-admin")
		masked := func(t *testing.T, r *httptest.ResponseRecorder) {
			if body := r.Body.String(); strings.Contains(body, full) || idLike.MatchString(body) {
				t.Errorf("leaks an identity number: %s", body)
			}
		}
		h.run(t, []scenario{
			{name: "login", method: "POST", url: "/api/v1/auth/login", body: map[string]string{"username": "demo-applicant", "password": app.DemoPassword}, wantStatus: 200, check: masked},
			{name: "a person's own account", method: "GET", url: "/api/v1/me", token: h.token("demo-applicant"), wantStatus: 200, check: masked},
			{name: "an organisation's own account", method: "GET", url: "/api/v1/me", token: h.token("demo-org"), wantStatus: 200, check: masked},
			{name: "the admin's user list", method: "GET", url: "/api/v1/admin/users?limit=200", token: admin, wantStatus: 200, check: masked},
			{name: "the admin's view of a user", method: "GET", url: "/api/v1/admin/users/2", token: admin, wantStatus: 200, check: masked},
			{name: "the audit log", method: "GET", url: "/api/v1/admin/audit?limit=200", token: admin, wantStatus: 200, check: masked},
			{name: "a registration", method: "POST", url: "/api/v1/auth/register", body: natural("masked", "resident_id", app.WithIDCheck("37010219900101123")), wantStatus: 201, check: masked},
		})
		t.Run("sealed at rest", func(t *testing.T) {
			var sealed []byte
			if err := h.db.Table("users").Select("id_number_sealed").Where("username = ?", "demo-applicant").Row().Scan(&sealed); err != nil {
				t.Fatal(err)
			}
			if len(sealed) == 0 || strings.Contains(string(sealed), full) {
				t.Fatalf("id number not sealed at rest")
			}
			plain, err := h.svc.Sealer.Open(sealed)
			if err != nil || plain != full {
				t.Fatalf("sealed value does not open to the number: %v", err)
			}
		})
	})
}

func TestAdminUsersAndAgencies(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		admin := h.token("demo-admin")
		var u userResponse
		h.step(t, scenario{name: "create an officer", method: "POST", url: "/api/v1/admin/users", token: admin,
			body: map[string]any{"username": "officer3", "password": "good-password", "role": "officer", "agencyId": 4, "displayName": "孙丽"}, wantStatus: 201, into: &u})
		user := fmt.Sprintf("/api/v1/admin/users/%d", u.ID)
		type edited struct {
			DisplayName string `json:"displayName"`
			Version     int    `json:"version"`
		}
		type active struct {
			Code   string `json:"code"`
			Active bool   `json:"active"`
		}
		h.run(t, []scenario{
			{name: "officer without agency", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer4", "password": "good-password", "role": "officer", "displayName": "x"}, wantStatus: 422, wantProblem: invalid("agencyId")},
			{name: "district-wide officer", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer5", "password": "good-password", "role": "officer", "agencyId": 1, "districtWide": true, "displayName": "x"}, wantStatus: 422, wantProblem: invalid("districtWide")},
			{name: "unknown agency", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer6", "password": "good-password", "role": "officer", "agencyId": 999, "displayName": "x"}, wantStatus: 422, wantProblem: invalid("agencyId")},
			{name: "bad role", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer7", "password": "good-password", "role": "root", "displayName": "x"}, wantStatus: 422, wantProblem: invalid("role")},
			{name: "stale version", method: "PATCH", url: user, token: admin, body: map[string]any{"version": 7, "displayName": "孙丽丽"}, wantStatus: 409},
			{name: "edit", method: "PATCH", url: user, token: admin, body: map[string]any{"version": 1, "displayName": "孙丽丽"}, wantStatus: 200, want: edited{DisplayName: "孙丽丽", Version: 2}},
			{name: "reset password", method: "POST", url: user + "/reset-password", token: admin, body: map[string]any{"password": "another-password"}, wantStatus: 204},
			{name: "list officers", method: "GET", url: "/api/v1/admin/users?role=officer&limit=2", token: admin, wantStatus: 200, want: pageBody{Total: 3, Limit: 2}},
			{name: "bad limit", method: "GET", url: "/api/v1/admin/users?limit=0", token: admin, wantStatus: 400, wantProblem: badRequestProblem("limit")},
			{name: "missing user", method: "GET", url: "/api/v1/admin/users/9999", token: admin, wantStatus: 404},
			{name: "create agency", method: "POST", url: "/api/v1/admin/agencies", token: admin,
				body: map[string]any{"name": "济南市莱芜区应急管理局", "shortName": "区应急局", "code": "YJJ"}, wantStatus: 201, want: active{Code: "YJJ", Active: true}},
			{name: "duplicate agency code", method: "POST", url: "/api/v1/admin/agencies", token: admin,
				body: map[string]any{"name": "另一个", "shortName": "另", "code": "YJJ"}, wantStatus: 409},
			{name: "bad agency code", method: "POST", url: "/api/v1/admin/agencies", token: admin,
				body: map[string]any{"name": "另一个", "shortName": "另", "code": "y"}, wantStatus: 422, wantProblem: invalid("code")},
			{name: "deactivate agency", method: "POST", url: "/api/v1/admin/agencies/14/deactivate", token: admin, wantStatus: 200, want: active{Code: "YJJ", Active: false}},
			{name: "public list hides inactive", method: "GET", url: "/api/v1/agencies", wantStatus: 200, want: listTotal{Total: 13}},
			{name: "admin list shows inactive", method: "GET", url: "/api/v1/admin/agencies", token: admin, wantStatus: 200, want: listTotal{Total: 14}},
		})
		login := map[string]string{"username": "officer3", "password": "another-password"}
		h.step(t, scenario{name: "login with the new password", method: "POST", url: "/api/v1/auth/login", body: login, wantStatus: 200})
		h.step(t, scenario{name: "deactivate the user", method: "POST", url: user + "/deactivate", token: admin, wantStatus: 200})
		h.step(t, scenario{name: "a deactivated user cannot log in", method: "POST", url: "/api/v1/auth/login", body: login, wantStatus: 401})
		// Every admin change is audited with who and what.
		h.step(t, scenario{name: "every change is audited, without the passwords", method: "GET", url: fmt.Sprintf("/api/v1/admin/audit?objectType=user&objectId=%d", u.ID), token: admin,
			wantStatus: 200, wantContains: []string{"user.create", "user.update", "user.reset_password", "user.deactivate"},
			wantAbsent: []string{"another-password", "good-password"}})
	})
}

func TestRateLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h = newHarness(t, h.db, harnessOptions{rateLimit: 3})
		login := scenario{method: "POST", url: "/api/v1/auth/login", body: map[string]string{"username": "x", "password": "y"}, wantStatus: 401}
		for i := 1; i <= 3; i++ {
			login.name = fmt.Sprintf("login %d in a minute", i)
			h.step(t, login)
		}
		login.name, login.wantStatus = "the fourth login in a minute is refused", 429
		login.wantHeaders, login.wantProblem = map[string]string{"Retry-After": present}, &wantProblem{code: "rate_limited"}
		h.step(t, login)
	})
}

func TestOps(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.run(t, []scenario{
			{name: "healthz", method: "GET", url: "/healthz", wantStatus: 200, wantContains: []string{"ok"}},
			{name: "readyz", method: "GET", url: "/readyz", wantStatus: 200},
			{name: "ui fallback", method: "GET", url: "/my/cases/1", wantStatus: 200, wantContains: []string{"Gongkai"}},
		})
		h.do("GET", "/api/v1/agencies", "", nil)
		r := h.scrape(t, "") // the operators' listener (metrics_test.go)
		if !strings.Contains(r.Body.String(), `gongkai_http_requests_total{method="GET",route="/api/v1/agencies",status="200"} 1`) {
			t.Fatalf("metrics: %s", r.Body.String()[:min(2000, r.Body.Len())])
		}
		if !strings.Contains(r.Body.String(), "gongkai_http_request_duration_seconds_bucket") {
			t.Fatal("no latency histogram")
		}
	})
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	h := newHarness(t, dbtest.OpenSQLite(t))
	r := h.step(t, scenario{name: "the document", method: "GET", url: "/api/openapi.yaml", wantStatus: 200, wantContains: []string{"openapi: 3.0.3"}})
	var doc struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(r.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rt := range h.srv.Echo.Routes() {
		if rt.Path == "/*" {
			continue
		}
		n++
		paths := []string{openAPIPath(rt.Path)}
		if strings.HasSuffix(rt.Path, "/:action") {
			// One operation per action (openapi.go).
			paths = nil
			for a := range app.ActionInputs() {
				paths = append(paths, openAPIPath(strings.Replace(rt.Path, ":action", string(a), 1)))
			}
		}
		for _, p := range paths {
			if _, ok := doc.Paths[p][strings.ToLower(rt.Method)]; !ok {
				t.Errorf("route %s %s missing from the OpenAPI document", rt.Method, p)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d routes", n)
	}
}

func TestUICompressed(t *testing.T) {
	h := newHarness(t, dbtest.OpenSQLite(t))
	gzip := []string{"Accept-Encoding", "gzip"}
	h.run(t, []scenario{
		{name: "the UI is compressed", method: "GET", url: "/", headers: gzip, wantStatus: 200, wantHeaders: map[string]string{"Content-Encoding": "gzip"}},
		{name: "the API is not", method: "GET", url: "/api/v1/agencies", headers: gzip, wantStatus: 200, wantHeaders: map[string]string{"Content-Encoding": ""}},
	})
}
