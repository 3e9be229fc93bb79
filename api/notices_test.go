package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gongkai/app"
)

// longAgency is longer than the longest demo agency name (济南市莱芜区人力
// 资源和社会保障局), with the bracketed second name some offices carry.
const longAgency = "济南市莱芜区人民政府办公室（区政务公开办公室）"

// renameAgency gives agency id a new name as the administrator.
func (h *harness) renameAgency(t *testing.T, id uint, name string) {
	t.Helper()
	admin := h.token("demo-admin")
	all := decode[listResponse[agencyResponse]](t, h.do("GET", "/api/v1/admin/agencies", admin, nil).ResponseRecorder)
	for _, a := range all.Items {
		if a.ID != id {
			continue
		}
		body := map[string]any{"version": a.Version, "name": name, "shortName": a.ShortName, "code": a.Code, "docPrefix": a.DocPrefix,
			"address": a.Address, "phone": a.Phone, "email": a.Email, "reconsiderationBody": a.ReconsiderationBody, "court": a.Court}
		if r := h.do("PATCH", fmt.Sprintf("/api/v1/admin/agencies/%d", id), admin, body); r.Code != http.StatusOK {
			t.Fatalf("rename agency: %d %s", r.Code, r.Body)
		}
		return
	}
	t.Fatalf("no agency %d", id)
}

// notices lists a case's notices as token sees them.
func (h *harness) notices(t *testing.T, token string, caseID uint) []noticeResponse {
	t.Helper()
	r := h.do("GET", appURL(caseID, "/notices"), token, nil)
	if r.Code != http.StatusOK {
		t.Fatalf("notices: %d %s", r.Code, r.Body)
	}
	return decode[listResponse[noticeResponse]](t, r.ResponseRecorder).Items
}

// noticeOf is the case's latest notice of kind.
func (h *harness) noticeOf(t *testing.T, token string, caseID uint, kind string) noticeResponse {
	t.Helper()
	ns := h.notices(t, token, caseID)
	for i := len(ns) - 1; i >= 0; i-- {
		if ns[i].Kind == kind {
			return ns[i]
		}
	}
	t.Fatalf("case %d has no %s notice", caseID, kind)
	return noticeResponse{}
}

// eventNotices are the notice entries of the case's events of action, as
// token sees them (the public part, or the internal part for staff).
func (h *harness) eventNotices(t *testing.T, token string, caseID uint, action string) []map[string]any {
	t.Helper()
	evs := decode[listResponse[eventResponse]](t, h.do("GET", appURL(caseID, "/events"), token, nil).ResponseRecorder)
	var out []map[string]any
	for _, e := range evs.Items {
		if e.Action != action {
			continue
		}
		for _, part := range []map[string]any{e.Data, e.Internal} {
			list, _ := part["notices"].([]any)
			for _, x := range list {
				out = append(out, x.(map[string]any))
			}
		}
	}
	return out
}

func noticePDFURL(id uint, rest string) string {
	return fmt.Sprintf("/api/v1/notices/%d?format=pdf%s", id, rest)
}

// TestNoticeAsPDF files an application with a 200-character title and a
// 2,000-character description at an agency with a long name, and reads the
// receipt back as PDF from the applicant, the anonymous tracker and the
// dossier: one A4 page with the document number, the agency, the date in
// Chinese and the key sentences, whose SHA-256 the timeline records; a
// reissue adds a version and never replaces one, and the same input gives
// the same bytes.
func TestNoticeAsPDF(t *testing.T) {
	mustPDFTools(t)
	eachDB(t, func(t *testing.T, h *harness) {
		h.renameAgency(t, 1, longAgency)
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		title, desc := repeatTo("关于城市更新改造项目立项审批文件、资金预算安排、施工合同、竣工验收报告和审计结果的信息，", 200), numbered(2000)
		body := applicationBody(1)
		body["title"], body["description"] = title, desc
		filed := h.file(t, applicant, body)
		receipt := h.noticeOf(t, applicant, filed.ID, "receipt")
		if receipt.PDF == nil || receipt.PDF.Version != 1 || len(receipt.Versions) != 1 || receipt.PDF.Sealed || receipt.PDF.Signed {
			t.Fatalf("receipt's PDF: %+v %+v", receipt.PDF, receipt.Versions)
		}
		sum := receipt.PDF.SHA256
		var v1 []byte
		h.step(t, scenario{name: "the applicant downloads the receipt: one A4 page with the number, the agency, the date and the key sentences",
			method: "GET", url: noticePDFURL(receipt.ID, ""), token: applicant, wantStatus: 200,
			wantHeaders: map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				p := wantPDF(t, r)
				v1 = r.Body.Bytes()
				if p.pages != 1 || !p.a4 {
					t.Errorf("%d pages, A4 %v; want one A4 page", p.pages, p.a4)
				}
				diff(t, "SHA-256 of the download", sum, p.sha256)
				// The table's label stands in the middle of its value's lines.
				text := strings.Replace(p.text, "申请公开的信息", "", 1)
				for _, want := range []string{"政府信息公开申请接收回执", receipt.DocNumber, longAgency, "2026年10月9日", filed.TrackingNumber, title,
					"本机关已收到您提交的政府信息公开申请", "您可凭查询号和查询码在本平台查询办理进度。", "2026年11月5日（含当日）前", "—1—"} {
					if !strings.Contains(text, squash(want)) {
						t.Errorf("the PDF lacks %q:\n%s", want, p.text)
					}
				}
			}})
		h.step(t, scenario{name: "the submit event records the PDF's SHA-256, unsealed and unsigned", method: "GET", url: appURL(filed.ID, "/events"), token: applicant, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				got := h.eventNotices(t, applicant, filed.ID, "submit")
				want := []map[string]any{{"noticeId": float64(receipt.ID), "kind": "receipt", "docNumber": receipt.DocNumber, "pdfVersion": float64(1),
					"sha256": sum, "sealed": false, "signed": false, "templateSource": "builtin"}}
				diff(t, "submit event's notices", want, got)
			}})
		track := fmt.Sprintf("trackingNumber=%s&queryCode=%s", filed.TrackingNumber, filed.QueryCode)
		h.run(t, []scenario{
			{name: "the anonymous tracker downloads the same bytes", method: "GET", url: fmt.Sprintf("/api/v1/public/track/notices/%d?format=pdf&%s", receipt.ID, track), wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) { diff(t, "SHA-256", sum, wantPDF(t, r).sha256) }},
			{name: "the tracker with a wrong query code gets nothing", method: "GET", url: fmt.Sprintf("/api/v1/public/track/notices/%d?format=pdf&trackingNumber=%s&queryCode=AAAAAAAA", receipt.ID, filed.TrackingNumber),
				wantStatus: 404, wantProblem: &wantProblem{code: "not_found"}},
			{name: "HTML stays the default", method: "GET", url: fmt.Sprintf("/api/v1/notices/%d", receipt.ID), token: applicant, wantStatus: 200, wantContains: []string{"<!doctype html>", "接收回执"}},
			{name: "an unknown format is refused", method: "GET", url: fmt.Sprintf("/api/v1/notices/%d?format=docx", receipt.ID), token: applicant, wantStatus: 400, wantProblem: badRequestProblem("format")},
			{name: "a version that does not exist", method: "GET", url: noticePDFURL(receipt.ID, "&version=2"), token: applicant, wantStatus: 404, wantProblem: &wantProblem{code: "not_found"}},
			{name: "the applicant's phone view: the body as issued, reflowable", method: "GET", url: fmt.Sprintf("/api/v1/notices/%d/content", receipt.ID), token: applicant, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					c := decode[noticeContentResponse](t, r)
					diff(t, "signature", []string{longAgency, "2026年10月9日", "查询号：" + filed.TrackingNumber}, []string{c.Agency, c.Date, c.FootNote})
					if !strings.Contains(c.BodyHTML, "本机关已收到您提交的政府信息公开申请") || strings.Contains(c.BodyHTML, "<html") || c.PDF == nil || c.PDF.SHA256 != sum {
						t.Errorf("content: %+v", c)
					}
				}},
			{name: "the tracker's phone view", method: "GET", url: fmt.Sprintf("/api/v1/public/track/notices/%d/content?%s", receipt.ID, track), wantStatus: 200,
				wantContains: []string{"本机关已收到您提交的政府信息公开申请", sum}},
			{name: "an applicant cannot reissue", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", receipt.ID), token: applicant,
				body: map[string]any{"reason": "重新签发"}, wantStatus: 403},
			{name: "a seal the agency has not uploaded", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", receipt.ID), token: officer,
				body: map[string]any{"reason": "加盖电子印章", "seal": true}, wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"seal"}}},
			{name: "a reissue needs a reason", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", receipt.ID), token: officer,
				body: map[string]any{}, wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"reason"}}},
		})
		h.step(t, scenario{name: "the officer reissues: version 2, byte for byte the same (deterministic), version 1 kept", method: "POST",
			url: fmt.Sprintf("/api/v1/notices/%d/reissue", receipt.ID), token: officer, body: map[string]any{"reason": "补发"}, wantStatus: 201,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				n := decode[noticeResponse](t, r)
				if len(n.Versions) != 2 || n.PDF.Version != 2 || n.Versions[0].SHA256 != sum || n.Versions[1].SHA256 != sum {
					t.Errorf("versions after the reissue: %+v", n.Versions)
				}
			}})
		h.step(t, scenario{name: "version 1 is still served as it was", method: "GET", url: noticePDFURL(receipt.ID, "&version=1"), token: applicant, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				if !bytes.Equal(r.Body.Bytes(), v1) {
					t.Error("version 1 changed")
				}
			}})
		h.step(t, scenario{name: "the reissue is on the applicant's timeline with its hash", method: "GET", url: appURL(filed.ID, "/events"), token: applicant, wantStatus: 200,
			wantContains: []string{`"action":"reissue-notice"`}, wantAbsent: []string{"补发"},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				got := h.eventNotices(t, applicant, filed.ID, app.ActReissueNotice)
				if len(got) != 1 || got[0]["pdfVersion"] != float64(2) || got[0]["sha256"] != sum {
					t.Errorf("reissue event: %v", got)
				}
			}})
		h.step(t, scenario{name: "the chain still verifies", method: "GET", url: appURL(filed.ID, "/events/verify"), token: officer, wantStatus: 200, want: chainBody{Valid: true}})
		h.step(t, scenario{name: "the dossier holds both versions, their sums as the timeline has them", method: "GET", url: appURL(filed.ID, "/dossier"), token: officer, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				files := zipFiles(t, r.Body.Bytes())
				sums := manifestSums(t, files["manifest.json"])
				for _, p := range []string{"notices/01-receipt-v1.pdf", "notices/01-receipt-v2.pdf"} {
					b, ok := files[p]
					got := sha256.Sum256(b)
					if !ok || sums[p] != sum || hex.EncodeToString(got[:]) != sum {
						t.Errorf("%s: in the zip %v, manifest %s, want %s", p, ok, sums[p], sum)
					}
				}
			}})
	})
}

// TestShortNoticesFitOnePage takes one case, with a 200-character title at
// an agency with a long name, through the steps that issue the short
// notices, and reads each back: one A4 page, its own wording.
func TestShortNoticesFitOnePage(t *testing.T) {
	mustPDFTools(t)
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.renameAgency(t, 1, longAgency)
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		title := repeatTo("关于城市更新改造项目立项审批文件、资金预算安排、施工合同、竣工验收报告和审计结果的信息，", 200)
		body := applicationBody(1)
		body["title"], body["description"] = title, numbered(2000)
		id := h.file(t, applicant, body).ID
		h.mustAct(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明所需信息的文号或形成时间", "请说明所需信息涉及的地块位置"}})
		h.setNow(shanghai("2026-09-30", "10:00"))
		h.mustAct(t, applicant, id, "submit-correction", map[string]any{"description": numbered(1500)})
		h.mustAct(t, officer, id, "accept", nil)
		h.mustAct(t, officer, id, "start-consultation", map[string]any{"kind": "third_party", "partyName": "济南某房地产开发有限公司", "question": "是否同意公开贵公司提交的补偿协议？"})
		h.mustAct(t, officer, id, "request-extension", map[string]any{"days": 20, "reason": "申请公开的信息涉及多个部门，需要调取、汇总的材料较多"})
		h.mustAct(t, supervisor, id, "decide-extension", map[string]any{"approve": true})
		h.mustAct(t, officer, id, "issue-fee-notice", map[string]any{"method": "per_page", "pages": 240})
		kinds := map[string][]string{
			"receipt":                  {"本机关已收到您提交的政府信息公开申请"},
			"correction":               {"请您对下列事项作出补正", "1.请写明所需信息的文号或形成时间。", "（含当日）前）提交补正后的申请"},
			"consultation_third_party": {"现书面征求您（单位）的意见", "（含当日）前）书面提出意见"},
			"consultation_applicant":   {"需要征求第三方的意见"},
			"extension":                {"不能在法定期限内作出答复", "延期理由：申请公开的信息涉及多个部门，需要调取、汇总的材料较多。", "（含当日）。"},
			"fee":                      {"收到本通知书次日起 20 个工作日内", "（含当日）前", "收费金额人民币", "视为放弃申请"},
		}
		ns := h.notices(t, officer, id)
		seen := map[string]bool{}
		for _, n := range ns {
			want, ok := kinds[n.Kind]
			if !ok || seen[n.Kind] {
				continue
			}
			seen[n.Kind] = true
			h.step(t, scenario{name: n.Kind + " on one A4 page", method: "GET", url: noticePDFURL(n.ID, ""), token: officer, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					p := wantPDF(t, r)
					if p.pages != 1 || !p.a4 {
						t.Errorf("%d pages, A4 %v; want one A4 page", p.pages, p.a4)
						for i := 1; i <= p.pages; i++ {
							t.Logf("page %d: %s", i, p.pageText(t, i))
						}
					}
					for _, w := range append(want, n.Title, n.DocNumber, longAgency, "—1—") {
						if !strings.Contains(p.text, squash(w)) {
							t.Errorf("lacks %q:\n%s", w, p.text)
						}
					}
					if strings.Contains(p.text, "您（单位）") && n.Kind != "consultation_third_party" {
						t.Errorf("addresses the applicant as 您（单位）:\n%s", p.text)
					}
				}})
		}
		if len(seen) != len(kinds) {
			t.Errorf("notices issued: %v, want %d kinds", seen, len(kinds))
		}
	})
}

// TestNoticeIssuedBeforePDFs: a notice stored as HTML only (issued before
// PDFs, or while no fonts were installed) has no PDF to download; the
// handling officer reissues it, and the PDF is laid out from its page as
// issued, signed by the agency name and dated the day it was issued.
func TestNoticeIssuedBeforePDFs(t *testing.T) {
	mustPDFTools(t)
	eachDB(t, func(t *testing.T, h *harness) {
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		filed := h.file(t, applicant, applicationBody(1))
		n := h.noticeOf(t, applicant, filed.ID, "receipt")
		// The notice as release 13 stored it.
		for _, sql := range []string{"DELETE FROM notice_versions", "DELETE FROM blobs WHERE key LIKE 'notice/%'",
			"UPDATE notices SET body_html = '', signer = '', issued_on = '', template_source = '', template_sha256 = ''"} {
			if err := h.db.Exec(sql).Error; err != nil {
				t.Fatal(err)
			}
		}
		h.run(t, []scenario{
			{name: "no PDF to download, and why", method: "GET", url: noticePDFURL(n.ID, ""), token: applicant, wantStatus: 409, wantProblem: &wantProblem{code: "notice_pdf_missing"}},
			{name: "the list says it has none", method: "GET", url: appURL(filed.ID, "/notices"), token: applicant, wantStatus: 200, wantContains: []string{`"versions":[]`}, wantAbsent: []string{`"pdf":`}},
			{name: "its content is read back from its page", method: "GET", url: fmt.Sprintf("/api/v1/notices/%d/content", n.ID), token: applicant, wantStatus: 200,
				wantContains: []string{"本机关已收到您提交的政府信息公开申请", `"agency":"济南市莱芜区人民政府办公室"`, `"date":"2026年10月9日"`}, wantAbsent: []string{"docno", "class=\\\"sign\\\""}},
		})
		h.step(t, scenario{name: "the officer reissues it as PDF version 1", method: "POST", url: fmt.Sprintf("/api/v1/notices/%d/reissue", n.ID), token: officer,
			body: map[string]any{"reason": "补发PDF版本"}, wantStatus: 201})
		h.step(t, scenario{name: "the PDF as the notice was issued", method: "GET", url: noticePDFURL(n.ID, ""), token: applicant, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				p := wantPDF(t, r)
				for _, w := range []string{"政府信息公开申请接收回执", n.DocNumber, "本机关已收到您提交的政府信息公开申请", "济南市莱芜区人民政府办公室2026年10月9日"} {
					if !strings.Contains(p.text, w) {
						t.Errorf("lacks %q: %s", w, p.text)
					}
				}
				if p.pages != 1 {
					t.Errorf("%d pages", p.pages)
				}
			}})
	})
}
