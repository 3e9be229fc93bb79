package api

import (
	"fmt"
	"testing"
)

func TestProfileAndAttachmentDelete(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		type contact struct {
			Phone    string `json:"phone"`
			Address  string `json:"address"`
			IDNumber string `json:"idNumber"`
			Version  int    `json:"version"`
		}
		masked := h.session("demo-applicant").User.IDNumber
		h.run(t, []scenario{
			{name: "edit contact details", method: "PATCH", url: "/api/v1/me", token: applicant,
				body: map[string]any{"version": 1, "phone": "13800001111", "address": "济南市莱芜区新地址1号"}, wantStatus: 200,
				want: contact{Phone: "13800001111", Address: "济南市莱芜区新地址1号", IDNumber: masked, Version: 2}, wantContains: []string{`"idNumber":"371202********`}},
			{name: "stale version", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 1, "phone": "13800002222"}, wantStatus: 409},
			{name: "bad phone", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 2, "phone": "123"}, wantStatus: 422, wantProblem: invalid("phone")},
			{name: "a person has no contact person", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 2, "contactPerson": "某人"}, wantStatus: 422},
			{name: "identity is not editable", method: "PATCH", url: "/api/v1/me", token: applicant, body: map[string]any{"version": 2, "idNumber": "x"}, wantStatus: 400},
		})
		// Deleting uploads.
		upload := func(name, filename string) scenario {
			body, ct := multipartFile(t, filename, []byte("%PDF-1.4 test"))
			return scenario{name: name, method: "POST", url: "/api/v1/attachments", token: applicant, body: body, headers: []string{"Content-Type", ct}, wantStatus: 201}
		}
		var a, b attachmentResponse
		sc := upload("an upload", "a.pdf")
		sc.into = &a
		h.step(t, sc)
		url := fmt.Sprintf("/api/v1/attachments/%d", a.ID)
		h.step(t, scenario{name: "another applicant may not delete it", method: "DELETE", url: url, token: h.token("demo-org"), wantStatus: 404})
		h.step(t, scenario{name: "its owner deletes it", method: "DELETE", url: url, token: applicant, wantStatus: 204})
		h.step(t, scenario{name: "it is gone", method: "GET", url: url, token: applicant, wantStatus: 404})
		sc = upload("another upload", "b.pdf")
		sc.into = &b
		h.step(t, sc)
		withFile := applicationBody(1)
		withFile["attachments"] = []any{b.ID}
		h.file(t, applicant, withFile)
		h.step(t, scenario{name: "a file attached to a case cannot be deleted", method: "DELETE", url: fmt.Sprintf("/api/v1/attachments/%d", b.ID), token: applicant, wantStatus: 409})
	})
}

func TestAgencyStaffAndPendingExtensions(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		officer := h.token("demo-officer")
		h.run(t, []scenario{
			{name: "own agency's staff", method: "GET", url: "/api/v1/agencies/1/staff", token: officer, wantStatus: 200,
				want: listTotal{Total: 3}, wantContains: []string{"刘晓燕", "陈志远", "孙立新"}},
			{name: "another agency's staff", method: "GET", url: "/api/v1/agencies/4/staff", token: officer, wantStatus: 403},
			{name: "applicants may not", method: "GET", url: "/api/v1/agencies/1/staff", token: h.token("demo-applicant"), wantStatus: 403},
			{name: "outcome groups in camelCase", method: "GET", url: "/api/v1/outcomes", wantStatus: 200, wantContains: []string{`"key":"not_disclosed","label":"（三）不予公开"`}},
		})
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		h.mustAct(t, officer, c.ID, "accept", nil)
		h.mustAct(t, officer, c.ID, "request-extension", map[string]any{"days": 10, "reason": "需要调取档案"})
		h.run(t, []scenario{{name: "pending extensions", method: "GET", url: "/api/v1/applications?extensionPending=true", token: h.token("demo-supervisor"),
			wantStatus: 200, want: listTotal{Total: 1}}})
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
		tn := c.TrackingNumber
		h.run(t, []scenario{
			{name: "the applicant reads English", method: "GET", url: "/api/v1/notifications", token: applicant, wantStatus: 200,
				wantContains: []string{`"title":"[` + tn + `] application submitted"`, "Your government information disclosure application"}},
			{name: "the officer reads Chinese", method: "GET", url: "/api/v1/notifications", token: officer, wantStatus: 200,
				wantContains: []string{`"title":"【` + tn + `】新的政府信息公开申请"`}},
		})
	})
}
