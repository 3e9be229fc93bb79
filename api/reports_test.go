package api

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReportsAndExports(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-03-02", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		c := h.fileMap(t, applicant, applicationBody(1))
		h.mustActMap(t, officer, c["id"], "accept", nil)
		h.mustActMap(t, officer, c["id"], "draft-answer", draftBody())
		h.mustActMap(t, supervisor, c["id"], "decide-answer", map[string]any{"approve": true})
		h.fileMap(t, applicant, applicationBody(1))

		r := h.do("GET", "/api/v1/reports/annual?year=2026", supervisor, nil)
		if r.Code != 200 {
			t.Fatalf("annual: %d %s", r.Code, r.Body)
		}
		var rep struct {
			Rows []struct {
				Key    string
				Values map[string]int
			}
			Checks []struct{ OK bool }
		}
		r.JSON(t, &rep)
		got := map[string]int{}
		for _, row := range rep.Rows {
			got[row.Key] = row.Values["natural"]
		}
		if got["new"] != 2 || got["disclosed"] != 1 || got["total"] != 1 || got["carried_out"] != 1 {
			t.Fatalf("annual rows %v", got)
		}
		for _, ck := range rep.Checks {
			if !ck.OK {
				t.Fatalf("a check fails: %s", r.Body)
			}
		}
		if !strings.Contains(r.Body.String(), "三、本年度办理结果") || !strings.Contains(r.Body.String(), "1.属于国家秘密") {
			t.Fatal("labels missing")
		}
		// Officers see their agency's report, not the whole government's.
		if r := h.do("GET", "/api/v1/reports/annual?year=2026", officer, nil); r.Code != 403 {
			t.Fatalf("officer, whole government: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/reports/annual?year=2026&agencyId=1", officer, nil); r.Code != 200 {
			t.Fatalf("officer, own agency: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/reports/annual?year=2026&agencyId=4", officer, nil); r.Code != 403 {
			t.Fatalf("officer, other agency: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/reports/annual?year=1999", supervisor, nil); r.Code != 400 {
			t.Fatalf("bad year: %d", r.Code)
		}

		csv := h.do("GET", "/api/v1/reports/annual?year=2026&format=csv", supervisor, nil)
		if !bytes.HasPrefix(csv.Body.Bytes(), []byte("\xEF\xBB\xBF")) || !strings.Contains(csv.Body.String(), "一、本年新收政府信息公开申请数量,2,") {
			t.Fatalf("csv: %q", csv.Body.String()[:200])
		}
		x := h.do("GET", "/api/v1/reports/annual?year=2026&format=xlsx", supervisor, nil)
		f, err := excelize.OpenReader(bytes.NewReader(x.Body.Bytes()))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		merged, _ := f.GetMergeCells("三、申请情况")
		if len(merged) < 4 {
			t.Fatalf("merged header cells: %d", len(merged))
		}
		if v, _ := f.GetCellValue("三、申请情况", "B4"); v != "2" {
			t.Fatalf("B4 (new, natural) = %q", v)
		}
		html := h.do("GET", "/api/v1/reports/annual?year=2026&format=html", supervisor, nil)
		if !strings.Contains(html.Body.String(), `colspan="5">法人或其他组织`) || !strings.Contains(html.Body.String(), "@page") {
			t.Fatal("printable html")
		}
		if r := h.do("GET", "/api/v1/reports/annual?year=2026&format=pdf", supervisor, nil); r.Code != 400 {
			t.Fatalf("bad format: %d", r.Code)
		}

		d := h.do("GET", "/api/v1/reports/deadlines?asOf=2026-03-10", supervisor, nil)
		if d.Code != 200 || !strings.Contains(d.Body.String(), `"open":{"count":1`) {
			t.Fatalf("deadlines: %d %s", d.Code, d.Body)
		}
		if x := h.do("GET", "/api/v1/reports/deadlines?asOf=2026-03-10&format=xlsx", supervisor, nil); x.Code != 200 {
			t.Fatalf("deadlines xlsx: %d", x.Code)
		}
		if x := h.do("GET", "/api/v1/reports/deadlines?asOf=2026-03-10&format=csv", officer, nil); x.Code != 200 || !strings.Contains(x.Body.String(), "逾期清单") {
			t.Fatalf("deadlines csv: %d", x.Code)
		}

		// Lock a past year (nothing in it, still lockable once).
		h.setNow(shanghai("2027-01-20", "10:00"))
		supervisor = h.token("demo-supervisor")
		if r := h.do("POST", "/api/v1/reports/annual/lock", supervisor, map[string]any{"year": 2026}); r.Code != 200 || !strings.Contains(r.Body.String(), `"locked":true`) {
			t.Fatalf("lock: %d %s", r.Code, r.Body)
		}
		if r := h.do("POST", "/api/v1/reports/annual/lock", supervisor, map[string]any{"year": 2026}); r.Code != 409 {
			t.Fatalf("second lock: %d", r.Code)
		}
		if r := h.do("POST", "/api/v1/reports/annual/lock", h.token("demo-officer"), map[string]any{"year": 2026, "agencyId": 1}); r.Code != 403 {
			t.Fatalf("officer locking: %d", r.Code)
		}
	})
}

func TestDossier(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		body, ct := multipartFile(t, "申请书.pdf", []byte("%PDF-1.4 application"))
		att := h.do("POST", "/api/v1/attachments", applicant, body, "Content-Type", ct).Map(t)
		b := applicationBody(1)
		b["attachments"] = []any{att["id"]}
		c := h.fileMap(t, applicant, b)
		h.mustActMap(t, officer, c["id"], "accept", nil)
		h.mustActMap(t, officer, c["id"], "draft-answer", draftBody())
		h.mustActMap(t, supervisor, c["id"], "decide-answer", map[string]any{"approve": true})
		url := fmt.Sprintf("/api/v1/applications/%v/dossier", c["id"])
		if r := h.do("GET", url, applicant, nil); r.Code != 403 {
			t.Fatalf("applicant: %d", r.Code)
		}
		if r := h.do("GET", url, h.token("demo-officer2"), nil); r.Code != 404 {
			t.Fatalf("other agency: %d", r.Code)
		}
		r := h.do("GET", url, officer, nil)
		if r.Code != 200 || r.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("dossier: %d", r.Code)
		}
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
		if !bytes.Contains(files["timeline-verification.json"], []byte(`"valid": true`)) {
			t.Fatalf("verification: %s", files["timeline-verification.json"])
		}
		names := strings.Join(keys(files), " ")
		for _, want := range []string{"notices/01-receipt.html", "-answer.html", "申请书.pdf", "timeline.json", "case.json"} {
			if !strings.Contains(names, want) {
				t.Errorf("dossier lacks %s: %s", want, names)
			}
		}
	})
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTypicalCasesAndTemplates(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		// The land-acquisition standards are there from the start.
		r := h.do("GET", "/api/v1/answer-templates?topic=土地征收", officer, nil)
		for _, stage := range []string{"征收土地预公告", "土地现状调查结果", "征地补偿安置方案", "征收土地公告", "征地批准文件"} {
			if !strings.Contains(r.Body.String(), stage) {
				t.Errorf("templates lack %s", stage)
			}
		}
		if r := h.do("GET", "/api/v1/answer-templates?outcome=not_processed.petition", officer, nil); !strings.Contains(r.Body.String(), `"total":1`) {
			t.Fatalf("by outcome: %s", r.Body)
		}
		if r := h.do("GET", "/api/v1/answer-templates", applicant, nil); r.Code != 403 {
			t.Fatalf("applicant reading templates: %d", r.Code)
		}
		c := h.fileMap(t, applicant, applicationBody(1))
		mark := map[string]any{"caseId": c["id"], "tags": []string{"土地征收", "补偿安置"}, "analysis": "该案申请人要求公开征地补偿安置方案，属于应当主动公开的信息，依申请予以公开。"}
		if r := h.do("POST", "/api/v1/typical-cases", supervisor, mark); r.Code != 422 {
			t.Fatalf("marking an open case: %d", r.Code)
		}
		h.mustActMap(t, officer, c["id"], "accept", nil)
		h.mustActMap(t, officer, c["id"], "draft-answer", draftBody())
		h.mustActMap(t, supervisor, c["id"], "decide-answer", map[string]any{"approve": true})
		if r := h.do("POST", "/api/v1/typical-cases", officer, mark); r.Code != 403 {
			t.Fatalf("officer marking: %d", r.Code)
		}
		r = h.do("POST", "/api/v1/typical-cases", supervisor, mark)
		if r.Code != 201 {
			t.Fatalf("mark: %d %s", r.Code, r.Body)
		}
		tc := r.Map(t)
		if r := h.do("POST", "/api/v1/typical-cases", supervisor, mark); r.Code != 409 {
			t.Fatalf("mark twice: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/typical-cases?tag=土地征收", h.token("demo-officer2"), nil); !strings.Contains(r.Body.String(), `"total":1`) || !strings.Contains(r.Body.String(), "补偿安置") {
			t.Fatalf("search by tag (shared across agencies): %s", r.Body)
		}
		if r := h.do("GET", "/api/v1/typical-cases?q=主动公开", officer, nil); !strings.Contains(r.Body.String(), `"total":1`) {
			t.Fatalf("search: %s", r.Body)
		}
		id := fmt.Sprint(int(tc["id"].(float64)))
		if r := h.do("PATCH", "/api/v1/typical-cases/"+id, supervisor, map[string]any{"version": 1, "tags": []string{"土地征收"}, "analysis": "修改后的案例分析，说明公开的理由。"}); r.Code != 200 {
			t.Fatalf("edit: %d %s", r.Code, r.Body)
		}
		r = h.do("POST", "/api/v1/typical-cases/"+id+"/template", supervisor, map[string]any{"topic": "土地征收", "stage": "征地补偿安置方案"})
		if r.Code != 201 || !strings.Contains(r.Body.String(), "现向您提供") {
			t.Fatalf("to template: %d %s", r.Code, r.Body)
		}
		tpl := r.Map(t)
		tid := fmt.Sprint(int(tpl["id"].(float64)))
		if r := h.do("PATCH", "/api/v1/answer-templates/"+tid, supervisor, map[string]any{"version": 1, "topic": "土地征收", "outcome": "disclosed", "title": "停用的模板", "legalBasis": "《条例》第三十六条", "body": "模板正文至少十个字符。", "active": false}); r.Code != 200 {
			t.Fatalf("deactivate template: %d %s", r.Code, r.Body)
		}
		if r := h.do("GET", "/api/v1/answer-templates?q=停用的模板", officer, nil); !strings.Contains(r.Body.String(), `"total":0`) {
			t.Fatalf("inactive template listed: %s", r.Body)
		}
		if r := h.do("POST", "/api/v1/answer-templates", supervisor, map[string]any{"topic": "x", "outcome": "other.withdrawn", "title": "t", "legalBasis": "l", "body": "b"}); r.Code != 422 {
			t.Fatalf("bad template: %d", r.Code)
		}
		if r := h.do("DELETE", "/api/v1/typical-cases/"+id, supervisor, nil); r.Code != 204 {
			t.Fatalf("unmark: %d", r.Code)
		}
	})
}
