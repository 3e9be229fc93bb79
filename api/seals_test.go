package api

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// putSealScenario uploads png as agency 1's seal.
func putSealScenario(t *testing.T, name, token string, png []byte, wantStatus int) scenario {
	t.Helper()
	body, ct := multipartFile(t, "seal.png", png)
	return scenario{name: name, method: "PUT", url: "/api/v1/admin/agencies/1/seal", token: token, body: body, headers: []string{"Content-Type", ct}, wantStatus: wantStatus}
}

// TestSealEndToEnd: an administrator uploads the agency's seal (a PNG on a
// transparent ground; other images are refused), an officer registers an
// application choosing 加盖电子印章 and reissues an older notice with it,
// and the sealed PDFs carry the image, say so in their timeline events and
// keep the agency and date readable; a removed seal cannot be chosen.
func TestSealEndToEnd(t *testing.T) {
	mustPDFTools(t)
	eachDB(t, func(t *testing.T, h *harness) {
		admin, officer, officer2, applicant := h.token("demo-admin"), h.token("demo-officer"), h.token("demo-officer2"), h.token("demo-applicant")
		filed := h.file(t, applicant, applicationBody(1))
		older := h.noticeOf(t, officer, filed.ID, "receipt")
		seal := sealPNG(t, 400, false)
		fileProblem := &wantProblem{code: "validation_failed", fields: []string{"file"}}
		bad := func(name string, png []byte) scenario {
			sc := putSealScenario(t, name, admin, png, 422)
			sc.wantProblem = fileProblem
			return sc
		}
		h.run(t, []scenario{
			{name: "no seal yet: staff are told", method: "GET", url: "/api/v1/agencies/1/seal", token: officer, wantStatus: 404},
			bad("a white ground is refused", sealPNG(t, 400, true)),
			bad("a tiny image is refused", sealPNG(t, 60, false)),
			bad("a JPEG is refused", append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{1}, 500)...)),
			putSealScenario(t, "an officer may not upload", officer, seal, 403),
		})
		var info struct {
			SHA256  string `json:"sha256"`
			Width   int    `json:"width"`
			Version int    `json:"version"`
		}
		h.step(t, putSealScenario(t, "the administrator uploads the seal", admin, seal, 200))
		h.run(t, []scenario{
			{name: "the administrator reads it back", method: "GET", url: "/api/v1/admin/agencies/1/seal", token: admin, wantStatus: 200, into: &info},
			{name: "and its image", method: "GET", url: "/api/v1/admin/agencies/1/seal?format=png", token: admin, wantStatus: 200,
				wantHeaders: map[string]string{"Content-Type": pngType},
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					if !bytes.Equal(r.Body.Bytes(), seal) {
						t.Error("the image differs from the upload")
					}
				}},
			{name: "its officers see that it has one", method: "GET", url: "/api/v1/agencies/1/seal", token: officer, wantStatus: 200, wantContains: []string{`"width":400`}},
			{name: "another agency's officer does not", method: "GET", url: "/api/v1/agencies/1/seal", token: officer2, wantStatus: 403},
			{name: "the upload is audited", method: "GET", url: "/api/v1/admin/audit?objectType=agency&objectId=1", token: admin, wantStatus: 200, wantContains: []string{"seal.put"}},
		})
		if info.Width != 400 || info.Version != 1 || len(info.SHA256) != 64 {
			t.Fatalf("seal info %+v", info)
		}

		reg := staffBody(1, "in_person", h.clock.Now().Add(-time.Hour))
		reg["seal"] = true
		var sealed caseResponse
		h.step(t, scenario{name: "an officer registers an application and seals its receipt", method: "POST", url: "/api/v1/applications", token: officer, body: reg, wantStatus: 201, into: &sealed})
		receipt := h.noticeOf(t, officer, sealed.ID, "receipt")
		if receipt.PDF == nil || !receipt.PDF.Sealed {
			t.Fatalf("the receipt is not sealed: %+v", receipt.PDF)
		}
		h.step(t, scenario{name: "the sealed receipt carries the seal image and stays readable", method: "GET", url: noticePDFURL(receipt.ID, ""), token: officer, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				p := wantPDF(t, r)
				if n := pdfImageCount(t, p.path); n != 1 {
					t.Errorf("%d images, want the seal", n)
				}
				for _, w := range []string{"济南市莱芜区人民政府办公室", "2026年10月9日", receipt.DocNumber} {
					if !strings.Contains(p.text, w) {
						t.Errorf("lacks %q", w)
					}
				}
			}})
		h.step(t, scenario{name: "the register event says it is sealed", method: "GET", url: appURL(sealed.ID, "/events"), token: officer, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				got := h.eventNotices(t, officer, sealed.ID, "register")
				if len(got) != 1 || got[0]["sealed"] != true || got[0]["sha256"] != receipt.PDF.SHA256 {
					t.Errorf("register event's notices: %v", got)
				}
			}})
		h.step(t, scenario{name: "the unsealed receipt has an empty seal area", method: "GET", url: noticePDFURL(older.ID, ""), token: officer, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				if n := pdfImageCount(t, wantPDF(t, r).path); n != 0 {
					t.Errorf("%d images in an unsealed notice", n)
				}
			}})
		h.step(t, scenario{name: "the older receipt reissued with the seal", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", older.ID), token: officer,
			body: map[string]any{"reason": "加盖电子印章", "seal": true}, wantStatus: 201,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				n := decode[noticeResponse](t, r)
				if len(n.Versions) != 2 || n.Versions[0].Sealed || !n.Versions[1].Sealed || n.Versions[0].SHA256 == n.Versions[1].SHA256 {
					t.Errorf("versions %+v", n.Versions)
				}
			}})
		h.step(t, scenario{name: "the applicant sees the sealed version on the timeline", method: "GET", url: appURL(filed.ID, "/events"), token: applicant, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				got := h.eventNotices(t, applicant, filed.ID, "reissue-notice")
				if len(got) != 1 || got[0]["sealed"] != true || got[0]["pdfVersion"] != float64(2) {
					t.Errorf("reissue event: %v", got)
				}
			}})
		correction := map[string]any{"items": []string{"请写明所需信息的文号"}, "seal": true}
		h.step(t, scenario{name: "a step issues its notice sealed when the officer chooses it", act: "request-correction", caseID: sealed.ID, token: officer,
			body: map[string]any{"items": []string{"请写明所需信息的文号"}, "seal": true, "delivery": "in_person"}, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				if n := h.noticeOf(t, officer, sealed.ID, "correction"); n.PDF == nil || !n.PDF.Sealed {
					t.Errorf("correction notice %+v", n.PDF)
				}
			}})
		h.step(t, scenario{name: "the seal is removed", method: "DELETE", url: "/api/v1/admin/agencies/1/seal", token: admin, wantStatus: 204})
		h.run(t, []scenario{
			{name: "it is gone", method: "GET", url: "/api/v1/admin/agencies/1/seal", token: admin, wantStatus: 404},
			{name: "it can no longer be chosen on a step", act: "request-correction", caseID: filed.ID, token: officer, body: correction,
				wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"seal"}}},
			{name: "nor on a reissue", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", older.ID), token: officer,
				body: map[string]any{"reason": "加盖电子印章", "seal": true}, wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"seal"}}},
			{name: "the sealed version keeps its seal", method: "GET", url: noticePDFURL(older.ID, "&version=2"), token: officer, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					if n := pdfImageCount(t, wantPDF(t, r).path); n != 1 {
						t.Errorf("%d images", n)
					}
				}},
		})
	})
}

// TestApplicantCannotSeal: the seal is the agency's; an applicant filing
// online who asks for it is refused, naming the field.
func TestApplicantCannotSeal(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		body := applicationBody(1)
		body["seal"] = true
		h.run(t, []scenario{{name: "an applicant asks for the seal", method: "POST", url: "/api/v1/applications", token: h.token("demo-applicant"), body: body,
			wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"seal"}}}})
	})
}
