package api

import (
	"fmt"
	"strings"
	"testing"
)

func TestProfileAndAttachmentDelete(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		h.run(t, []scenario{
			{name: "edit contact details", method: "PATCH", url: "/api/v1/me", token: applicant,
				body: map[string]any{"version": 1, "phone": "13800001111", "address": "济南市莱芜区新地址1号"}, wantStatus: 200,
				wantContains: []string{`"phone":"13800001111"`, "新地址", `"version":2`, `"idNumber":"371202********`}},
			{name: "stale version", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 1, "phone": "13800002222"}, wantStatus: 409},
			{name: "bad phone", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 2, "phone": "123"}, wantStatus: 422, wantContains: []string{`"field":"phone"`}},
			{name: "a person has no contact person", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 2, "contactPerson": "某人"}, wantStatus: 422},
			{name: "identity is not editable", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 2, "idNumber": "x"}, wantStatus: 400},
		})
		// Deleting uploads.
		body, ct := multipartFile(t, "a.pdf", []byte("%PDF-1.4 test"))
		r := h.do("POST", "/api/v1/attachments", applicant, body, "Content-Type", ct)
		if r.Code != 201 {
			t.Fatalf("upload: %d %s", r.Code, r.Body)
		}
		id := r.Map(t)["id"]
		url := "/api/v1/attachments/" + jsonNumber(id)
		if r := h.do("DELETE", url, h.token("demo-org"), nil); r.Code != 404 {
			t.Fatalf("another's delete: %d", r.Code)
		}
		if r := h.do("DELETE", url, applicant, nil); r.Code != 204 {
			t.Fatalf("delete: %d %s", r.Code, r.Body)
		}
		if r := h.do("GET", url, applicant, nil); r.Code != 404 {
			t.Fatalf("after delete: %d", r.Code)
		}
		body, ct = multipartFile(t, "b.pdf", []byte("%PDF-1.4 test"))
		att := h.do("POST", "/api/v1/attachments", applicant, body, "Content-Type", ct).Map(t)
		b := applicationBody(1)
		b["attachments"] = []any{att["id"]}
		h.fileMap(t, applicant, b)
		if r := h.do("DELETE", "/api/v1/attachments/"+jsonNumber(att["id"]), applicant, nil); r.Code != 409 {
			t.Fatalf("deleting an attached file: %d", r.Code)
		}
	})
}

func jsonNumber(v any) string { return fmt.Sprint(int(v.(float64))) }

func TestAgencyStaffAndPendingExtensions(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		officer := h.token("demo-officer")
		h.run(t, []scenario{
			{name: "own agency's staff", method: "GET", url: "/api/v1/agencies/1/staff", token: officer, wantStatus: 200, wantContains: []string{"刘晓燕", "陈志远", "孙立新", `"total":3`}},
			{name: "another agency's staff", method: "GET", url: "/api/v1/agencies/4/staff", token: officer, wantStatus: 403},
			{name: "applicants may not", method: "GET", url: "/api/v1/agencies/1/staff", token: h.token("demo-applicant"), wantStatus: 403},
			{name: "outcome groups in camelCase", method: "GET", url: "/api/v1/outcomes", wantStatus: 200, wantContains: []string{`"key":"not_disclosed","label":"（三）不予公开"`}},
		})
		c := h.fileMap(t, h.token("demo-applicant"), applicationBody(1))
		h.mustActMap(t, officer, c["id"], "accept", nil)
		h.mustActMap(t, officer, c["id"], "request-extension", map[string]any{"days": 10, "reason": "需要调取档案"})
		if r := h.do("GET", "/api/v1/applications?extensionPending=true", h.token("demo-supervisor"), nil); !strings.Contains(r.Body.String(), `"total":1`) {
			t.Fatalf("pending extensions: %s", r.Body)
		}
	})
}

// TestLanguage: a user chooses the language of their notifications
// (PATCH /me, validated, audited with the change) and reads them in it,
// while others keep Chinese; the OpenAPI document names the field.
func TestLanguage(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		applicant, officer, admin := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-admin")
		h.run(t, []scenario{
			{name: "Chinese by default", method: "GET", url: "/api/v1/me", token: applicant, wantStatus: 200, wantContains: []string{`"language":"zh-CN"`}},
			{name: "unknown language", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 1, "language": "fr"},
				wantStatus: 422, wantContains: []string{`"field":"language"`, "语言须为 zh-CN"}},
			{name: "unknown language in English", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 1, "language": "fr"},
				headers: []string{"Accept-Language", "en"}, wantStatus: 422, wantContains: []string{`"field":"language"`, "language must be zh-CN (Chinese) or en (English)"}},
			{name: "English", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 1, "language": "en"},
				wantStatus: 200, wantContains: []string{`"language":"en"`, `"version":2`}},
			{name: "kept", method: "GET", url: "/api/v1/me", token: applicant, wantStatus: 200, wantContains: []string{`"language":"en"`}},
			{name: "audited with the change", method: "GET", url: "/api/v1/admin/audit?objectType=user", token: admin, wantStatus: 200,
				wantContains: []string{"user.profile", `\"changed\":[\"language\"]`}},
			{name: "the document names it", method: "GET", url: "/api/openapi.yaml", wantStatus: 200, wantContains: []string{"language:", "zh-CN (the default) or en"}},
		})
		c := h.file(t, applicant, applicationBody(1))
		tn := c["trackingNumber"].(string)
		h.run(t, []scenario{
			{name: "the applicant reads English", method: "GET", url: "/api/v1/notifications", token: applicant, wantStatus: 200,
				wantContains: []string{`"title":"[` + tn + `] application submitted"`, "Your government information disclosure application"}},
			{name: "the officer reads Chinese", method: "GET", url: "/api/v1/notifications", token: officer, wantStatus: 200,
				wantContains: []string{`"title":"【` + tn + `】新的政府信息公开申请"`}},
		})
	})
}
