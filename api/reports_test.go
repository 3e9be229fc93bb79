package api

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// deadlineBody is the deadline report's count of open cases.
type deadlineBody struct {
	Totals struct {
		Open struct {
			Count int `json:"count"`
		} `json:"open"`
	} `json:"totals"`
}

// lockBody is whether an annual report is locked.
type lockBody struct {
	Year   int  `json:"year"`
	Locked bool `json:"locked"`
}

func TestReportsAndExports(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-03-02", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		c := h.file(t, applicant, applicationBody(1))
		h.mustAct(t, officer, c.ID, "accept", nil)
		h.mustAct(t, officer, c.ID, "draft-answer", draftBody())
		h.mustAct(t, supervisor, c.ID, "decide-answer", map[string]any{"approve": true})
		h.file(t, applicant, applicationBody(1))

		const annual = "/api/v1/reports/annual?year=2026"
		var wantOpen deadlineBody
		wantOpen.Totals.Open.Count = 1
		h.run(t, []scenario{
			{name: "the whole government's report: two new, one disclosed, one carried out", method: "GET", url: annual, token: supervisor, wantStatus: 200,
				wantContains: []string{"三、本年度办理结果", "1.属于国家秘密"},
				check: checks(wantChecksPass, func(t *testing.T, r *httptest.ResponseRecorder) {
					got := decode[annualBody](t, r).rowValues("natural")
					diff(t, "natural persons' column", map[string]int{"new": 2, "disclosed": 1, "total": 1, "carried_out": 1},
						map[string]int{"new": got["new"], "disclosed": got["disclosed"], "total": got["total"], "carried_out": got["carried_out"]})
				})},
			// Officers see their agency's report, not the whole government's.
			{name: "an officer may not read the whole government's", method: "GET", url: annual, token: officer, wantStatus: 403},
			{name: "an officer reads their own agency's", method: "GET", url: annual + "&agencyId=1", token: officer, wantStatus: 200},
			{name: "an officer may not read another agency's", method: "GET", url: annual + "&agencyId=4", token: officer, wantStatus: 403},
			{name: "a year before the regulation", method: "GET", url: "/api/v1/reports/annual?year=1999", token: supervisor, wantStatus: 400},
			{name: "CSV for Excel: UTF-8 with a byte-order mark", method: "GET", url: annual + "&format=csv", token: supervisor, wantStatus: 200,
				wantContains: []string{"一、本年新收政府信息公开申请数量,2,"},
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					if !bytes.HasPrefix(r.Body.Bytes(), []byte("\xEF\xBB\xBF")) {
						t.Errorf("no byte-order mark: %q", r.Body.String()[:min(200, r.Body.Len())])
					}
				}},
			{name: "XLSX with merged header cells", method: "GET", url: annual + "&format=xlsx", token: supervisor, wantStatus: 200, check: wantAnnualXLSX},
			{name: "printable HTML", method: "GET", url: annual + "&format=html", token: supervisor, wantStatus: 200,
				wantContains: []string{`colspan="5">法人或其他组织`, "@page"}},
			{name: "an unknown format", method: "GET", url: annual + "&format=doc", token: supervisor, wantStatus: 400},
			{name: "the deadline report counts the open case", method: "GET", url: "/api/v1/reports/deadlines?asOf=2026-03-10", token: supervisor,
				wantStatus: 200, want: wantOpen},
			{name: "the deadline report as XLSX", method: "GET", url: "/api/v1/reports/deadlines?asOf=2026-03-10&format=xlsx", token: supervisor, wantStatus: 200},
			{name: "the deadline report as CSV for an officer", method: "GET", url: "/api/v1/reports/deadlines?asOf=2026-03-10&format=csv", token: officer,
				wantStatus: 200, wantContains: []string{"逾期清单"}},
		})

		// Lock a past year (nothing in it, still lockable once).
		h.setNow(shanghai("2027-01-20", "10:00"))
		supervisor = h.token("demo-supervisor")
		h.run(t, []scenario{
			{name: "lock 2026", method: "POST", url: "/api/v1/reports/annual/lock", token: supervisor, body: map[string]any{"year": 2026},
				wantStatus: 200, want: lockBody{Year: 2026, Locked: true}},
			{name: "a second lock is a conflict", method: "POST", url: "/api/v1/reports/annual/lock", token: supervisor, body: map[string]any{"year": 2026}, wantStatus: 409},
			{name: "officers may not lock", method: "POST", url: "/api/v1/reports/annual/lock", token: h.token("demo-officer"), body: map[string]any{"year": 2026, "agencyId": 1}, wantStatus: 403},
		})
	})
}

// wantAnnualXLSX checks the annual report's workbook: its merged header
// and the new applications of natural persons in D6, right of the three
// label columns and under the title, the caption and three header rows.
func wantAnnualXLSX(t *testing.T, r *httptest.ResponseRecorder) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(r.Body.Bytes()))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	if merged, _ := f.GetMergeCells("三、申请情况"); len(merged) < 4 {
		t.Errorf("merged header cells: %d", len(merged))
	}
	v, _ := f.GetCellValue("三、申请情况", "D6")
	diff(t, "D6 (new, natural)", "2", v)
}

func TestDossier(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		body, ct := multipartFile(t, "申请书.pdf", []byte("%PDF-1.4 application"))
		var att attachmentResponse
		h.step(t, scenario{name: "the application form uploaded", method: "POST", url: "/api/v1/attachments", token: applicant, body: body,
			headers: []string{"Content-Type", ct}, wantStatus: 201, into: &att})
		b := applicationBody(1)
		b["attachments"] = []any{att.ID}
		c := h.file(t, applicant, b)
		h.mustAct(t, officer, c.ID, "accept", nil)
		h.mustAct(t, officer, c.ID, "draft-answer", draftBody())
		h.mustAct(t, supervisor, c.ID, "decide-answer", map[string]any{"approve": true})
		url := appURL(c.ID, "/dossier")
		h.run(t, []scenario{
			{name: "the applicant may not", method: "GET", url: url, token: applicant, wantStatus: 403},
			{name: "another agency does not see it", method: "GET", url: url, token: h.token("demo-officer2"), wantStatus: 404},
		})
		r := h.step(t, scenario{name: "the officer downloads the dossier", method: "GET", url: url, token: officer,
			wantStatus: 200, wantHeaders: map[string]string{"Content-Type": "application/zip"}})
		zr, err := zip.NewReader(bytes.NewReader(r.Body.Bytes()), int64(r.Body.Len()))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			files[f.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		t.Run("the manifest lists every file with its checksum", func(t *testing.T) {
			var manifest struct {
				Files []struct{ Path, SHA256 string }
			}
			if err := json.Unmarshal(files["manifest.json"], &manifest); err != nil {
				t.Fatal(err)
			}
			if len(manifest.Files) < 6 {
				t.Fatalf("manifest lists %d files", len(manifest.Files))
			}
			for _, m := range manifest.Files {
				sum := sha256.Sum256(files[m.Path])
				if hex.EncodeToString(sum[:]) != m.SHA256 {
					t.Errorf("%s: checksum mismatch", m.Path)
				}
			}
		})
		t.Run("the timeline is verified", func(t *testing.T) {
			if !bytes.Contains(files["timeline-verification.json"], []byte(`"valid": true`)) {
				t.Fatalf("verification: %s", files["timeline-verification.json"])
			}
		})
		t.Run("it holds the notices, the attachment, the timeline and the case", func(t *testing.T) {
			var names []string
			for k := range files {
				names = append(names, k)
			}
			slices.Sort(names)
			all := strings.Join(names, " ")
			for _, want := range []string{"notices/01-receipt.html", "-answer.html", "申请书.pdf", "timeline.json", "case.json"} {
				if !strings.Contains(all, want) {
					t.Errorf("dossier lacks %s: %s", want, all)
				}
			}
		})
	})
}

func TestTypicalCasesAndTemplates(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		// The land-acquisition standards are there from the start.
		h.run(t, []scenario{
			{name: "the land-acquisition templates are there from the start", method: "GET", url: "/api/v1/answer-templates?topic=土地征收", token: officer,
				wantStatus: 200, wantContains: []string{"征收土地预公告", "土地现状调查结果", "征地补偿安置方案", "征收土地公告", "征地批准文件"}},
			{name: "templates by outcome", method: "GET", url: "/api/v1/answer-templates?outcome=not_processed.petition", token: officer,
				wantStatus: 200, want: listTotal{Total: 1}},
			{name: "applicants may not read templates", method: "GET", url: "/api/v1/answer-templates", token: applicant, wantStatus: 403},
		})
		c := h.file(t, applicant, applicationBody(1))
		mark := map[string]any{"caseId": c.ID, "tags": []string{"土地征收", "补偿安置"}, "analysis": "该案申请人要求公开征地补偿安置方案，属于应当主动公开的信息，依申请予以公开。"}
		h.step(t, scenario{name: "an open case cannot be marked typical", method: "POST", url: "/api/v1/typical-cases", token: supervisor, body: mark, wantStatus: 422})
		h.mustAct(t, officer, c.ID, "accept", nil)
		h.mustAct(t, officer, c.ID, "draft-answer", draftBody())
		h.mustAct(t, supervisor, c.ID, "decide-answer", map[string]any{"approve": true})
		h.step(t, scenario{name: "officers may not mark", method: "POST", url: "/api/v1/typical-cases", token: officer, body: mark, wantStatus: 403})
		var tc typicalResponse
		h.step(t, scenario{name: "the supervisor marks the answered case", method: "POST", url: "/api/v1/typical-cases", token: supervisor, body: mark, wantStatus: 201, into: &tc})
		h.step(t, scenario{name: "marking it twice is a conflict", method: "POST", url: "/api/v1/typical-cases", token: supervisor, body: mark, wantStatus: 409})
		h.step(t, scenario{name: "found by tag, across agencies", method: "GET", url: "/api/v1/typical-cases?tag=土地征收", token: h.token("demo-officer2"),
			wantStatus: 200, want: listTotal{Total: 1}, wantContains: []string{"补偿安置"}})
		h.step(t, scenario{name: "found by text", method: "GET", url: "/api/v1/typical-cases?q=主动公开", token: officer, wantStatus: 200, want: listTotal{Total: 1}})
		typical := fmt.Sprintf("/api/v1/typical-cases/%d", tc.ID)
		h.step(t, scenario{name: "one typical case", method: "GET", url: typical, token: officer, wantStatus: 200, wantContains: []string{"补偿安置"}})
		h.step(t, scenario{name: "the analysis edited", method: "PATCH", url: typical, token: supervisor,
			body: map[string]any{"version": 1, "tags": []string{"土地征收"}, "analysis": "修改后的案例分析，说明公开的理由。"}, wantStatus: 200})
		var tpl templateResponse
		h.step(t, scenario{name: "made into a template", method: "POST", url: typical + "/template", token: supervisor,
			body: map[string]any{"topic": "土地征收", "stage": "征地补偿安置方案"}, wantStatus: 201, into: &tpl, wantContains: []string{"现向您提供"}})
		h.step(t, scenario{name: "the template deactivated", method: "PATCH", url: fmt.Sprintf("/api/v1/answer-templates/%d", tpl.ID), token: supervisor,
			body:       map[string]any{"version": 1, "topic": "土地征收", "outcome": "disclosed", "title": "停用的模板", "legalBasis": "《条例》第三十六条", "body": "模板正文至少十个字符。", "active": false},
			wantStatus: 200})
		h.step(t, scenario{name: "an inactive template is not listed", method: "GET", url: "/api/v1/answer-templates?q=停用的模板", token: officer, wantStatus: 200, want: listTotal{Total: 0}})
		h.step(t, scenario{name: "a bad template: every field named", method: "POST", url: "/api/v1/answer-templates", token: supervisor,
			body: map[string]any{"topic": "x", "outcome": "other.withdrawn", "title": "t", "legalBasis": "l", "body": "b"}, wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"topic", "outcome", "title", "legalBasis", "body"}}})
		h.step(t, scenario{name: "unmarked", method: "DELETE", url: typical, token: supervisor, wantStatus: 204})
	})
}
