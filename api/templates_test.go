package api

import (
	"net/http/httptest"
	"strings"
	"testing"

	"gongkai/app"
)

// TestAgencyTemplates: an administrator edits an agency's receipt template
// through the API. A text that does not parse, names what a notice may not
// show, defines templates or holds HTML a PDF cannot is refused; a preview
// renders without saving; each save is a new, audited version, a stale one
// is a conflict; the agency's next receipt uses it and records the version
// that produced it, while other agencies keep the installation's.
func TestAgencyTemplates(t *testing.T) {
	mustPDFTools(t)
	eachDB(t, func(t *testing.T, h *harness) {
		admin, officer, applicant := h.token("demo-admin"), h.token("demo-officer"), h.token("demo-applicant")
		const base = "/api/v1/admin/agencies/1/templates"
		var receipt app.NoticeTemplateView
		h.run(t, []scenario{
			{name: "every kind uses the built-in template", method: "GET", url: base, token: admin, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					items := decode[itemsResponse[app.NoticeTemplateSummary]](t, r).Items
					if len(items) != len(app.NoticeKinds()) {
						t.Errorf("%d kinds", len(items))
					}
					for _, it := range items {
						if it.Source != app.TemplateBuiltin || it.Version != 0 || it.Title == "" {
							t.Errorf("%+v", it)
						}
					}
				}},
			{name: "the receipt's text is the built-in one", method: "GET", url: base + "/receipt", token: admin, wantStatus: 200, into: &receipt},
			{name: "an unknown kind", method: "GET", url: base + "/memo", token: admin, wantStatus: 404},
			{name: "officers may not edit templates", method: "GET", url: base, token: officer, wantStatus: 403},
		})
		if receipt.Text == "" || receipt.Text != receipt.DefaultText || receipt.Shown != 0 || len(receipt.Versions) != 0 {
			t.Fatalf("receipt template %+v", receipt)
		}
		extra := "<p>特别提示：请妥善保管查询码，遗失的可持身份证件到本机关窗口查询。</p>"
		edited := receipt.DefaultText + extra
		textProblem := &wantProblem{code: "validation_failed", fields: []string{"text"}}
		refused := func(name, text, why string) scenario {
			return scenario{name: name, method: "PUT", url: base + "/receipt", token: admin, body: map[string]any{"text": text},
				wantStatus: 422, wantProblem: textProblem, wantContains: []string{why}}
		}
		h.run(t, []scenario{
			refused("a template that does not parse", receipt.DefaultText+"{{if .You}}", "模板无法解析"),
			refused("a field a notice does not have (no identity numbers)", "<p>{{.Case.IDNumberSealed}}</p>", "模板用示例数据无法生成文书"),
			refused("a placeholder that does not exist", "<p>{{.Extra.nothing}}</p>", "不存在的占位符"),
			refused("a template may not redefine the shared pieces", `{{define "remedy"}}x{{end}}<p>a</p>`, "may not define"),
			refused("script has no place in a notice", "<p>a</p><script>alert(1)</script>", `script\u003e is not allowed`),
			refused("nor a link", `<p><a href="https://example.com">x</a></p>`, `a\u003e is not allowed`),
			{name: "the preview as PDF, unsaved", method: "POST", url: base + "/receipt/preview?format=pdf", token: admin, body: map[string]any{"text": edited}, wantStatus: 200,
				wantHeaders: map[string]string{"Content-Type": pdfType},
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					p := readPDF(t, r.Body.Bytes())
					if p.pages != 1 || !strings.Contains(p.text, "特别提示：请妥善保管查询码") || !strings.Contains(p.text, "济南市莱芜区人民政府办公室") {
						t.Errorf("preview: %d pages %q", p.pages, p.text)
					}
				}},
			{name: "the preview as the printable page", method: "POST", url: base + "/receipt/preview", token: admin, body: map[string]any{"text": edited}, wantStatus: 200,
				wantContains: []string{"<!doctype html>", "特别提示", "ZFB-2026-00012"}},
			{name: "a preview that would not save is refused the same way", method: "POST", url: base + "/receipt/preview", token: admin,
				body: map[string]any{"text": "<p>{{.Extra.nothing}}</p>"}, wantStatus: 422, wantProblem: textProblem},
			{name: "nothing was saved", method: "GET", url: base + "/receipt", token: admin, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					if v := decode[app.NoticeTemplateView](t, r); v.Source != app.TemplateBuiltin || len(v.Versions) != 0 {
						t.Errorf("%+v", v.NoticeTemplateSummary)
					}
				}},
		})
		h.step(t, scenario{name: "version 1 saved", method: "PUT", url: base + "/receipt", token: admin,
			body: map[string]any{"text": edited, "note": "加查询码提示", "baseVersion": 0}, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				v := decode[app.NoticeTemplateView](t, r)
				if v.Source != app.TemplateAgency || v.Version != 1 || v.Shown != 1 || v.Text != edited || len(v.Versions) != 1 || v.Versions[0].Note != "加查询码提示" {
					t.Errorf("%+v", v)
				}
			}})
		h.run(t, []scenario{
			{name: "an edit from the old version is a conflict", method: "PUT", url: base + "/receipt", token: admin,
				body: map[string]any{"text": receipt.DefaultText, "baseVersion": 0}, wantStatus: 409},
			{name: "the save is audited", method: "GET", url: "/api/v1/admin/audit?objectType=agency&objectId=1", token: admin, wantStatus: 200,
				wantContains: []string{"notice_template.save", "加查询码提示"}},
			{name: "the list shows the agency's version", method: "GET", url: base, token: admin, wantStatus: 200,
				wantContains: []string{`"kind":"receipt","title":"政府信息公开申请接收回执","source":"agency","version":1`}},
		})
		filed := h.file(t, applicant, applicationBody(1))
		n := h.noticeOf(t, applicant, filed.ID, "receipt")
		if n.Template == nil || n.Template.Source != app.TemplateAgency || n.Template.Version != 1 {
			t.Fatalf("the receipt's template: %+v", n.Template)
		}
		h.run(t, []scenario{
			{name: "the agency's next receipt uses version 1", method: "GET", url: noticePDFURL(n.ID, ""), token: applicant, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					if p := wantPDF(t, r); !strings.Contains(p.text, "特别提示：请妥善保管查询码") {
						t.Errorf("%q", p.text)
					}
				}},
			{name: "its event names the template version", method: "GET", url: appURL(filed.ID, "/events"), token: applicant, wantStatus: 200,
				wantContains: []string{`"templateSource":"agency"`, `"templateVersion":1`}},
			{name: "another agency keeps the built-in receipt", method: "GET", url: "/api/v1/admin/agencies/4/templates/receipt", token: admin, wantStatus: 200,
				wantContains: []string{`"source":"builtin"`, `"versions":[]`}},
		})
		other := h.file(t, applicant, applicationBody(4))
		on := h.noticeOf(t, applicant, other.ID, "receipt")
		h.step(t, scenario{name: "whose receipts lack the addition", method: "GET", url: noticePDFURL(on.ID, ""), token: applicant, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				if p := wantPDF(t, r); strings.Contains(p.text, "特别提示") {
					t.Error("another agency's receipt has the addition")
				}
			}})
		h.step(t, scenario{name: "version 1 can still be read after version 2", method: "PUT", url: base + "/receipt", token: admin,
			body: map[string]any{"text": receipt.DefaultText, "baseVersion": 1, "note": "恢复默认"}, wantStatus: 200})
		h.step(t, scenario{name: "version 1's text", method: "GET", url: base + "/receipt?version=1", token: admin, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				v := decode[app.NoticeTemplateView](t, r)
				if v.Shown != 1 || v.Version != 2 || v.Text != edited || len(v.Versions) != 2 {
					t.Errorf("shown %d in force %d versions %d", v.Shown, v.Version, len(v.Versions))
				}
			}})
	})
}
