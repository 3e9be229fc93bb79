package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"gopkg.in/yaml.v3"

	"gongkai/app"
	"gongkai/migrations/dbtest"
)

func natural(username, idType, idNumber string) map[string]any {
	return map[string]any{"username": username, "password": "secret-pass-1", "applicantType": "natural",
		"name": "王小明", "idType": idType, "idNumber": idNumber, "phone": "13812345678", "email": "w@example.com", "address": "济南市莱芜区"}
}

func organization(username, category, code string) map[string]any {
	return map[string]any{"username": username, "password": "secret-pass-1", "applicantType": "organization",
		"name": "济南某某科技有限公司", "orgCategory": category, "creditCode": code, "legalRepresentative": "李四",
		"contactPerson": "王五", "phone": "13812345678"}
}

func TestRegister(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		validID := "11010519491231002X" // the GB 11643-1999 standard's own example
		h.run(t, []scenario{
			{name: "natural person with a valid resident ID", method: "POST", url: "/api/v1/auth/register", body: natural("wang", "resident_id", validID),
				wantStatus: 201, wantContains: []string{`"idNumber":"110105********002X"`, `"role":"applicant"`}},
			{name: "lower-case x accepted", method: "POST", url: "/api/v1/auth/register", body: natural("wang2", "resident_id", strings.ToLower(validID)),
				wantStatus: 201, wantContains: []string{`002X"`}},
			{name: "wrong check digit", method: "POST", url: "/api/v1/auth/register", body: natural("bad1", "resident_id", "110105194912310021"),
				wantStatus: 422, wantContains: []string{`"field":"idNumber"`, "校验码"}},
			{name: "impossible date of birth", method: "POST", url: "/api/v1/auth/register", body: natural("bad2", "resident_id", app.WithIDCheck("11010519490230002")),
				wantStatus: 422, wantContains: []string{`"field":"idNumber"`}},
			{name: "date of birth in the future", method: "POST", url: "/api/v1/auth/register", body: natural("bad3", "resident_id", app.WithIDCheck("11010520990101002")),
				wantStatus: 422, wantContains: []string{`"field":"idNumber"`}},
			{name: "17 digits", method: "POST", url: "/api/v1/auth/register", body: natural("bad4", "resident_id", "11010519491231002"),
				wantStatus: 422, wantContains: []string{`"field":"idNumber"`}},
			{name: "passport needs no check digit", method: "POST", url: "/api/v1/auth/register", body: natural("traveller", "passport", "E12345678"),
				wantStatus: 201, wantContains: []string{`"idNumber":"*******78"`}},
			{name: "English message on request", method: "POST", url: "/api/v1/auth/register", body: natural("bad5", "resident_id", "110105194912310021"),
				headers: []string{"Accept-Language", "en-US,en;q=0.9"}, wantStatus: 422, wantContains: []string{"not a valid resident ID number"}},
			{name: "organisation with a valid credit code", method: "POST", url: "/api/v1/auth/register", body: organization("acme", "commercial", "91350100M000100Y43"),
				wantStatus: 201, wantContains: []string{`"creditCode":"913501********0Y43"`, `"orgCategory":"commercial"`}},
			{name: "credit code with a wrong check character", method: "POST", url: "/api/v1/auth/register", body: organization("acme2", "commercial", "91350100M000100Y44"),
				wantStatus: 422, wantContains: []string{`"field":"creditCode"`}},
			{name: "credit code with a letter outside GB 32100", method: "POST", url: "/api/v1/auth/register", body: organization("acme3", "commercial", "91350100M000I00Y43"),
				wantStatus: 422, wantContains: []string{`"field":"creditCode"`}},
			{name: "unknown organisation category", method: "POST", url: "/api/v1/auth/register", body: organization("acme4", "bank", "91350100M000100Y43"),
				wantStatus: 422, wantContains: []string{`"field":"orgCategory"`}},
			{name: "bad phone and short password", method: "POST", url: "/api/v1/auth/register",
				body:       map[string]any{"username": "li", "password": "short", "applicantType": "natural", "name": "李", "idType": "passport", "idNumber": "X1", "phone": "12345"},
				wantStatus: 422, wantContains: []string{`"field":"phone"`, `"field":"password"`, `"field":"username"`}},
			{name: "password containing the username", method: "POST", url: "/api/v1/auth/register",
				body:       map[string]any{"username": "zhaoliu", "password": "zhaoliu123", "applicantType": "natural", "name": "赵六", "idType": "passport", "idNumber": "X1", "phone": "13812345678"},
				wantStatus: 422, wantContains: []string{`"field":"password"`}},
			{name: "taken username", method: "POST", url: "/api/v1/auth/register", body: natural("demo-applicant", "passport", "E1"),
				wantStatus: 409, wantContains: []string{`"code":"conflict"`}},
			{name: "unknown field", method: "POST", url: "/api/v1/auth/register", body: `{"username":"x","role":"admin"}`,
				wantStatus: 400, wantContains: []string{`"field":"role"`}},
			{name: "malformed JSON", method: "POST", url: "/api/v1/auth/register", body: `{"username":`, wantStatus: 400, wantContains: []string{"JSON"}},
			{name: "wrong type", method: "POST", url: "/api/v1/auth/register", body: `{"username":5}`, wantStatus: 400, wantContains: []string{`"field":"username"`}},
			{name: "two objects", method: "POST", url: "/api/v1/auth/register", body: `{} {}`, wantStatus: 400},
			{name: "empty body", method: "POST", url: "/api/v1/auth/register", body: ``, wantStatus: 400},
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
		big := `{"username":"` + strings.Repeat("a", 70<<10) + `"}`
		r := h.do("POST", "/api/v1/auth/login", "", big)
		if r.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversized: %d %s", r.Code, r.Body.String())
		}
		req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(`username=a`))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.srv.Echo.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnsupportedMediaType || !strings.Contains(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("form body: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		r = h.do("GET", "/api/v1/nope", "", nil)
		if r.Code != 404 || !strings.Contains(r.Body.String(), `"code":"not_found"`) {
			t.Fatalf("unknown route: %d %s", r.Code, r.Body.String())
		}
		r = h.do("DELETE", "/api/v1/agencies", "", nil)
		if r.Code != 405 {
			t.Fatalf("wrong method: %d", r.Code)
		}
	})
}

func TestLoginLockoutRefreshLogout(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		login := func(user, pass string) response {
			return h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": user, "password": pass})
		}
		// Unknown user and wrong password look the same.
		a, b := login("nobody", "whatever-123"), login("demo-officer", "wrong-password")
		if a.Code != 401 || b.Code != 401 || a.Map(t)["detail"] != b.Map(t)["detail"] {
			t.Fatalf("unknown vs wrong: %d %s / %d %s", a.Code, a.Body, b.Code, b.Body)
		}
		// Four more failures lock the account (5 in a row), even for the
		// right password, with a clear message and Retry-After.
		for i := 0; i < 3; i++ {
			if r := login("demo-officer", "wrong-password"); r.Code != 401 {
				t.Fatalf("failure %d: %d", i+2, r.Code)
			}
		}
		r := login("demo-officer", "wrong-password")
		if r.Code != http.StatusLocked || !strings.Contains(r.Body.String(), "account_locked") || r.Header().Get("Retry-After") == "" {
			t.Fatalf("fifth failure: %d %s", r.Code, r.Body)
		}
		if r := login("demo-officer", app.DemoPassword); r.Code != http.StatusLocked {
			t.Fatalf("locked account accepted the right password: %d", r.Code)
		}
		h.clock.Advance(16 * time.Minute)
		if r := login("demo-officer", app.DemoPassword); r.Code != 200 {
			t.Fatalf("after the lock: %d %s", r.Code, r.Body)
		}
		// A success resets the count: four failures do not lock.
		for i := 0; i < 4; i++ {
			login("demo-officer", "wrong-password")
		}
		if r := login("demo-officer", app.DemoPassword); r.Code != 200 {
			t.Fatalf("after four failures: %d %s", r.Code, r.Body)
		}

		// Refresh rotates; the old token then counts as reuse and revokes the family.
		s1 := h.session("demo-applicant")
		if s1["expiresIn"].(float64) != 900 {
			t.Fatalf("expiresIn %v", s1["expiresIn"])
		}
		r1 := s1["refreshToken"].(string)
		resp := h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": r1})
		if resp.Code != 200 {
			t.Fatalf("refresh: %d %s", resp.Code, resp.Body)
		}
		r2 := resp.Map(t)["refreshToken"].(string)
		if r2 == r1 {
			t.Fatal("refresh token not rotated")
		}
		if c := resp.Header().Get("Set-Cookie"); !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Strict") {
			t.Fatalf("cookie %q", c)
		}
		if resp := h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": r1}); resp.Code != 401 {
			t.Fatalf("reuse accepted: %d", resp.Code)
		}
		if resp := h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": r2}); resp.Code != 401 {
			t.Fatalf("family not revoked after reuse: %d", resp.Code)
		}
		// The cookie works as the refresh source too.
		s2 := h.session("demo-applicant")
		req := httptest.NewRequest("POST", "/api/v1/auth/refresh", nil)
		req.AddCookie(&http.Cookie{Name: refreshCookie, Value: s2["refreshToken"].(string)})
		rec := httptest.NewRecorder()
		h.srv.Echo.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("cookie refresh: %d %s", rec.Code, rec.Body)
		}
		// Logout revokes.
		s3 := h.session("demo-applicant")
		if resp := h.do("POST", "/api/v1/auth/logout", "", map[string]string{"refreshToken": s3["refreshToken"].(string)}); resp.Code != 204 {
			t.Fatalf("logout: %d", resp.Code)
		}
		if resp := h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s3["refreshToken"].(string)}); resp.Code != 401 {
			t.Fatalf("refresh after logout: %d", resp.Code)
		}
		// An expired refresh token is refused.
		s4 := h.session("demo-applicant")
		h.clock.Advance(25 * time.Hour)
		if resp := h.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refreshToken": s4["refreshToken"].(string)}); resp.Code != 401 {
			t.Fatalf("expired refresh: %d", resp.Code)
		}
	})
}

func TestAccessTokens(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		good := h.token("demo-applicant")
		if r := h.do("GET", "/api/v1/me", good, nil); r.Code != 200 {
			t.Fatalf("good token: %d %s", r.Code, r.Body)
		}
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
		for name, tok := range bad {
			t.Run(name, func(t *testing.T) {
				for _, url := range []string{"/api/v1/me", "/api/v1/admin/users"} {
					if r := h.do("GET", url, tok, nil); r.Code != 401 {
						t.Fatalf("%s: %d %s", url, r.Code, r.Body)
					}
				}
			})
		}
		// Access tokens expire after 15 minutes.
		h.clock.Advance(16 * time.Minute)
		if r := h.do("GET", "/api/v1/me", good, nil); r.Code != 401 {
			t.Fatalf("15-minute token still valid after 16 minutes: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/me", "", nil); r.Code != 401 || r.Header().Get("WWW-Authenticate") == "" {
			t.Fatalf("no token: %d", r.Code)
		}
	})
}

func TestAdminRoutesRefuseNonAdmins(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		tokens := map[string]string{}
		for _, u := range []string{"demo-applicant", "demo-org", "demo-officer", "demo-supervisor"} {
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
			for u, tok := range tokens {
				if r := h.do(rt.method, url, tok, map[string]any{}); r.Code != 403 {
					t.Errorf("%s %s as %s: %d, want 403", rt.method, url, u, r.Code)
				}
			}
			if r := h.do(rt.method, url, "", map[string]any{}); r.Code != 401 {
				t.Errorf("%s %s anonymous: %d, want 401", rt.method, url, r.Code)
			}
			if r := h.do(rt.method, url, admin, map[string]any{}); r.Code == 401 || r.Code == 403 {
				t.Errorf("%s %s as admin: %d", rt.method, url, r.Code)
			}
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
		responses := []response{
			h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "demo-applicant", "password": app.DemoPassword}),
			h.do("GET", "/api/v1/me", h.token("demo-applicant"), nil),
			h.do("GET", "/api/v1/me", h.token("demo-org"), nil),
			h.do("GET", "/api/v1/admin/users?limit=200", admin, nil),
			h.do("GET", "/api/v1/admin/users/2", admin, nil),
			h.do("GET", "/api/v1/admin/audit?limit=200", admin, nil),
			h.do("POST", "/api/v1/auth/register", "", natural("masked", "resident_id", app.WithIDCheck("37010219900101123"))),
		}
		for i, r := range responses {
			body := r.Body.String()
			if r.Code >= 300 {
				t.Fatalf("response %d: %d %s", i, r.Code, body)
			}
			if strings.Contains(body, full) || idLike.MatchString(body) {
				t.Errorf("response %d leaks an identity number: %s", i, body)
			}
		}
		// At rest the number is sealed, not stored in clear.
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
}

func TestAdminUsersAndAgencies(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		admin := h.token("demo-admin")
		r := h.do("POST", "/api/v1/admin/users", admin, map[string]any{"username": "officer3", "password": "good-password", "role": "officer", "agencyId": 4, "displayName": "孙丽"})
		if r.Code != 201 {
			t.Fatalf("create officer: %d %s", r.Code, r.Body)
		}
		u := r.Map(t)
		id := strconv.Itoa(int(u["id"].(float64)))
		h.run(t, []scenario{
			{name: "officer without agency", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer4", "password": "good-password", "role": "officer", "displayName": "x"}, wantStatus: 422, wantContains: []string{`"field":"agencyId"`}},
			{name: "district-wide officer", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer5", "password": "good-password", "role": "officer", "agencyId": 1, "districtWide": true, "displayName": "x"}, wantStatus: 422, wantContains: []string{`"field":"districtWide"`}},
			{name: "unknown agency", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer6", "password": "good-password", "role": "officer", "agencyId": 999, "displayName": "x"}, wantStatus: 422, wantContains: []string{`"field":"agencyId"`}},
			{name: "bad role", method: "POST", url: "/api/v1/admin/users", token: admin,
				body: map[string]any{"username": "officer7", "password": "good-password", "role": "root", "displayName": "x"}, wantStatus: 422, wantContains: []string{`"field":"role"`}},
			{name: "stale version", method: "PATCH", url: "/api/v1/admin/users/" + id, token: admin, body: map[string]any{"version": 7, "displayName": "孙丽丽"}, wantStatus: 409},
			{name: "edit", method: "PATCH", url: "/api/v1/admin/users/" + id, token: admin, body: map[string]any{"version": 1, "displayName": "孙丽丽"}, wantStatus: 200, wantContains: []string{"孙丽丽", `"version":2`}},
			{name: "reset password", method: "POST", url: "/api/v1/admin/users/" + id + "/reset-password", token: admin, body: map[string]any{"password": "another-password"}, wantStatus: 204},
			{name: "list officers", method: "GET", url: "/api/v1/admin/users?role=officer&limit=2", token: admin, wantStatus: 200, wantContains: []string{`"total":3`, `"limit":2`}},
			{name: "bad limit", method: "GET", url: "/api/v1/admin/users?limit=0", token: admin, wantStatus: 400, wantContains: []string{`"field":"limit"`}},
			{name: "missing user", method: "GET", url: "/api/v1/admin/users/9999", token: admin, wantStatus: 404},
			{name: "create agency", method: "POST", url: "/api/v1/admin/agencies", token: admin,
				body: map[string]any{"name": "济南市莱芜区应急管理局", "shortName": "区应急局", "code": "YJJ"}, wantStatus: 201, wantContains: []string{`"code":"YJJ"`}},
			{name: "duplicate agency code", method: "POST", url: "/api/v1/admin/agencies", token: admin,
				body: map[string]any{"name": "另一个", "shortName": "另", "code": "YJJ"}, wantStatus: 409},
			{name: "bad agency code", method: "POST", url: "/api/v1/admin/agencies", token: admin,
				body: map[string]any{"name": "另一个", "shortName": "另", "code": "y"}, wantStatus: 422, wantContains: []string{`"field":"code"`}},
			{name: "deactivate agency", method: "POST", url: "/api/v1/admin/agencies/14/deactivate", token: admin, wantStatus: 200, wantContains: []string{`"active":false`}},
			{name: "public list hides inactive", method: "GET", url: "/api/v1/agencies", wantStatus: 200, wantContains: []string{`"total":13`}},
			{name: "admin list shows inactive", method: "GET", url: "/api/v1/admin/agencies", token: admin, wantStatus: 200, wantContains: []string{`"total":14`}},
		})
		if r := h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "officer3", "password": "another-password"}); r.Code != 200 {
			t.Fatalf("login after reset: %d", r.Code)
		}
		if r := h.do("POST", "/api/v1/admin/users/"+id+"/deactivate", admin, nil); r.Code != 200 {
			t.Fatalf("deactivate: %d %s", r.Code, r.Body)
		}
		if r := h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "officer3", "password": "another-password"}); r.Code != 401 {
			t.Fatalf("login after deactivation: %d", r.Code)
		}
		// Every admin change is audited with who and what.
		r = h.do("GET", "/api/v1/admin/audit?objectType=user&objectId="+id, admin, nil)
		for _, action := range []string{"user.create", "user.update", "user.reset_password", "user.deactivate"} {
			if !strings.Contains(r.Body.String(), action) {
				t.Errorf("audit lacks %s: %s", action, r.Body)
			}
		}
		if strings.Contains(r.Body.String(), "another-password") || strings.Contains(r.Body.String(), "good-password") {
			t.Fatal("audit holds a password")
		}
	})
}

func TestRateLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h = newHarness(t, h.db, harnessOptions{rateLimit: 3})
		var last response
		for i := 0; i < 4; i++ {
			last = h.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "x", "password": "y"})
		}
		if last.Code != 429 || last.Header().Get("Retry-After") == "" || !strings.Contains(last.Body.String(), "rate_limited") {
			t.Fatalf("fourth login in a minute: %d %v %s", last.Code, last.Header(), last.Body)
		}
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
	r := h.do("GET", "/api/openapi.yaml", "", nil)
	if r.Code != 200 || !strings.Contains(r.Body.String(), "openapi: 3.1.0") {
		t.Fatalf("openapi: %d", r.Code)
	}
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
		if _, ok := doc.Paths[openAPIPath(rt.Path)][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("route %s %s missing from the OpenAPI document", rt.Method, rt.Path)
		}
	}
	if n < 20 {
		t.Fatalf("only %d routes", n)
	}
}

func TestUICompressed(t *testing.T) {
	h := newHarness(t, dbtest.OpenSQLite(t))
	r := h.do("GET", "/", "", nil, "Accept-Encoding", "gzip")
	if r.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("UI not compressed: %v", r.Header())
	}
	if r := h.do("GET", "/api/v1/agencies", "", nil, "Accept-Encoding", "gzip"); r.Header().Get("Content-Encoding") != "" {
		t.Fatal("API compressed")
	}
}
