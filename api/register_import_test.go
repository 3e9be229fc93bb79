package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/app"
	"gongkai/app/register"
	"gongkai/migrations/dbtest"
)

// registerHeaders is the template's header row.
func registerHeaders() []string {
	h := make([]string, register.NumColumns)
	for c := range register.NumColumns {
		h[c] = c.Header()
	}
	return h
}

// regRow is one register row by header; missing cells are empty.
type regRow map[string]string

// legacyRow is a complete, valid row: a natural person's application
// received on day, answered ten days later as disclosed.
func legacyRow(no, day, answered string) regRow {
	r := regRow{"登记编号": no, "收到申请日期": day, "渠道": "当面", "申请人类型": "自然人", "申请人姓名或名称": "王" + no,
		"证件号码": app.WithIDCheck("37120219800101123"), "联系方式": "13800000000", "申请内容": "申请公开" + no + "号地块的征地补偿安置方案",
		"是否补正": "否", "是否延期": "否", "行政复议": "无", "行政诉讼": "无"}
	if answered != "" {
		r["答复日期"], r["办理结果"] = answered, "（一）予以公开"
	}
	return r
}

func (r regRow) with(kv ...string) regRow {
	out := regRow{}
	for k, v := range r {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// registerCSV lays rows out under the template's header as UTF-8 CSV.
func registerCSV(t *testing.T, rows ...regRow) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	hs := registerHeaders()
	if err := w.Write(hs); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		rec := make([]string, len(hs))
		for i, h := range hs {
			rec[i] = r[h]
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return buf.Bytes()
}

func toGBK(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// upload posts a register file for an agency.
func (h *harness) upload(token string, agencyID any, name string, data []byte) response {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if agencyID != nil {
		_ = mw.WriteField("agencyId", fmt.Sprint(agencyID))
	}
	if data != nil {
		fw, _ := mw.CreateFormFile("file", name)
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/register/imports", bytes.NewReader(body.Bytes()))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return response{h.serve(req, body.Bytes())}
}

// importView is the part of an upload's preview the tests read.
type importView struct {
	ID      uint   `json:"id"`
	Status  string `json:"status"`
	Version int    `json:"version"`
	SHA256  string `json:"sha256"`
	Counts  struct {
		Total, Valid, Invalid, Errors, New, Replace, Unchanged, Native int
	} `json:"counts"`
	Result *struct {
		Inserted, Replaced, Unchanged, Skipped int
	} `json:"result"`
	Problem *struct{ Code, ZH string } `json:"problem"`
	Rows    struct {
		Items []struct {
			Row           int    `json:"row"`
			Action        string `json:"action"`
			ApplicantName string `json:"applicantName"`
			CaseID        *uint  `json:"caseId"`
		} `json:"items"`
		Total int `json:"total"`
	} `json:"rows"`
	Errors struct {
		Items []struct {
			Row    int    `json:"row"`
			Column string `json:"column"`
			Code   string `json:"code"`
			ZH     string `json:"zh"`
			EN     string `json:"en"`
		} `json:"items"`
		Total int `json:"total"`
	} `json:"errors"`
}

// preview uploads a register, waits for its validation and returns the
// preview.
func (h *harness) preview(t *testing.T, token string, agencyID any, name string, data []byte) importView {
	t.Helper()
	r := h.upload(token, agencyID, name, data)
	if r.Code != http.StatusAccepted {
		t.Fatalf("upload %s: %d %s", name, r.Code, r.Body)
	}
	var v importView
	r.JSON(t, &v)
	if v.Status != "validating" {
		t.Fatalf("upload status %q", v.Status)
	}
	h.svc.Register.Wait()
	return h.importView(t, token, v.ID)
}

func (h *harness) importView(t *testing.T, token string, id uint) importView {
	t.Helper()
	r := h.do("GET", fmt.Sprintf("/api/v1/register/imports/%d", id), token, nil)
	if r.Code != 200 {
		t.Fatalf("get import %d: %d %s", id, r.Code, r.Body)
	}
	var v importView
	r.JSON(t, &v)
	return v
}

// confirm confirms an import and waits for it.
func (h *harness) confirm(t *testing.T, token string, v importView, mode string) importView {
	t.Helper()
	r := h.do("POST", fmt.Sprintf("/api/v1/register/imports/%d/confirm", v.ID), token, map[string]any{"mode": mode, "version": v.Version})
	if r.Code != http.StatusAccepted {
		t.Fatalf("confirm %d: %d %s", v.ID, r.Code, r.Body)
	}
	h.svc.Register.Wait()
	got := h.importView(t, token, v.ID)
	if got.Status != "imported" {
		t.Fatalf("import %d: status %s, problem %+v", v.ID, got.Status, got.Problem)
	}
	return got
}

// importRegister previews and imports a register in one go.
func (h *harness) importRegister(t *testing.T, token string, agencyID any, name string, data []byte) importView {
	t.Helper()
	v := h.preview(t, token, agencyID, name, data)
	if v.Status != "ready" {
		t.Fatalf("preview %s: %s %+v", name, v.Status, v.Problem)
	}
	return h.confirm(t, token, v, "valid-rows")
}

// annualValues reads the annual report's rows (the total column) and
// fails unless every check holds.
func (h *harness) annualValues(t *testing.T, token string, year, agencyID int) (map[string]int, map[string]int) {
	t.Helper()
	r := h.do("GET", fmt.Sprintf("/api/v1/reports/annual?year=%d&agencyId=%d", year, agencyID), token, nil)
	if r.Code != 200 {
		t.Fatalf("annual: %d %s", r.Code, r.Body)
	}
	var rep struct {
		Rows []struct {
			Key    string
			Values map[string]int
		}
		Remedies struct{ Values map[string]int }
		Checks   []struct {
			Rule, Column, Detail string
			OK                   bool
		}
	}
	r.JSON(t, &rep)
	for _, ck := range rep.Checks {
		if !ck.OK {
			t.Fatalf("annual %d check fails: %s %s %s", year, ck.Rule, ck.Column, ck.Detail)
		}
	}
	out := map[string]int{}
	for _, row := range rep.Rows {
		if row.Values != nil {
			out[row.Key] = row.Values["total"]
		}
	}
	return out, rep.Remedies.Values
}

func TestRegisterTemplateAndRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		admin, sup, zrj, officer := h.token("demo-admin"), h.token("demo-supervisor"), h.token("demo-supervisor-zrj"), h.token("demo-officer")
		r := h.do("GET", "/api/v1/register/template", sup, nil)
		if r.Code != 200 || r.Header().Get("Content-Type") != xlsxType {
			t.Fatalf("template: %d %s", r.Code, r.Header().Get("Content-Type"))
		}
		f, err := excelize.OpenReader(bytes.NewReader(r.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue("台账", "M1"); v != "办理结果" {
			t.Fatalf("template M1 = %q", v)
		}
		good := registerCSV(t, legacyRow("2025-001", "2025-03-03", "2025-03-10"))
		multipartBody := func() (string, string) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			_ = mw.WriteField("agencyId", "1")
			_ = mw.Close()
			return body.String(), mw.FormDataContentType()
		}
		noFile, noFileType := multipartBody()
		h.run(t, []scenario{
			{name: "template anonymous", method: "GET", url: "/api/v1/register/template", wantStatus: 401},
			{name: "template officer", method: "GET", url: "/api/v1/register/template", token: officer, wantStatus: 403},
			{name: "template admin", method: "GET", url: "/api/v1/register/template", token: admin, wantStatus: 200},
			{name: "json upload", method: "POST", url: "/api/v1/register/imports", token: sup, body: map[string]any{}, wantStatus: 415},
			{name: "no file", method: "POST", url: "/api/v1/register/imports", token: sup, body: noFile, headers: []string{"Content-Type", noFileType}, wantStatus: 400, wantContains: []string{`"field":"file"`}},
			{name: "unknown import", method: "GET", url: "/api/v1/register/imports/999", token: sup, wantStatus: 404},
			{name: "export without agency", method: "GET", url: "/api/v1/register/export", token: sup, wantStatus: 422, wantContains: []string{`"field":"agencyId"`}},
			{name: "export bad year", method: "GET", url: "/api/v1/register/export?agencyId=1&year=1999", token: sup, wantStatus: 400, wantContains: []string{`"field":"year"`}},
			{name: "export other agency", method: "GET", url: "/api/v1/register/export?agencyId=1", token: zrj, wantStatus: 403},
			{name: "export officer", method: "GET", url: "/api/v1/register/export?agencyId=1", token: officer, wantStatus: 403},
		})
		tests := []struct {
			name       string
			token      string
			agency     any
			file       string
			data       []byte
			wantStatus int
			want       []string
		}{
			{"officer", officer, 1, "a.csv", good, 403, nil},
			{"another agency's supervisor", zrj, 1, "a.csv", good, 403, []string{"只有管理员"}},
			{"no agency", sup, nil, "a.csv", good, 422, []string{`"field":"agencyId"`, "请选择机关"}},
			{"unknown agency", sup, 999, "a.csv", good, 422, []string{`"field":"agencyId"`}},
			{"bad agency id", sup, "x", "a.csv", good, 400, []string{`"field":"agencyId"`}},
			{"empty file", admin, 1, "a.csv", []byte{}, 422, []string{`"field":"file"`}},
			{"legacy xls", admin, 1, "a.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), 422, []string{"register.legacy_xls", `"field":"file"`, ".xls"}},
			{"pdf", admin, 1, "a.pdf", []byte("%PDF-1.7"), 422, []string{"register.unsupported_format"}},
			{"no header", admin, 1, "a.csv", []byte("甲,乙\n1,2\n"), 422, []string{"register.no_header"}},
			{"missing column", admin, 1, "a.csv", []byte("收到申请日期,渠道,申请人类型,申请人姓名或名称,申请内容\n2025-01-02,当面,自然人,张三,某某信息\n"), 422,
				[]string{"register.missing_column", "答复日期"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := h.upload(tc.token, tc.agency, tc.file, tc.data)
				if r.Code != tc.wantStatus {
					t.Fatalf("status %d, want %d: %s", r.Code, tc.wantStatus, r.Body)
				}
				for _, s := range tc.want {
					if !strings.Contains(r.Body.String(), s) {
						t.Errorf("body lacks %q: %s", s, r.Body)
					}
				}
				if r.Code != 202 && !strings.Contains(r.Header().Get("Content-Type"), "problem+json") {
					t.Errorf("not a problem: %s", r.Header().Get("Content-Type"))
				}
			})
		}
		// English messages follow Accept-Language.
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "a.csv")
		_, _ = fw.Write(good)
		_ = mw.Close()
		rr := h.do("POST", "/api/v1/register/imports", sup, body.String(), "Content-Type", mw.FormDataContentType(), "Accept-Language", "en")
		if rr.Code != 422 || !strings.Contains(rr.Body.String(), "choose an agency") {
			t.Fatalf("english: %d %s", rr.Code, rr.Body)
		}
	})
}

// outcomeText is the register's wording of an outcome.
func outcomeText(t *testing.T, key string) string {
	t.Helper()
	w, ok := register.OutcomeWording(key)
	if !ok {
		t.Fatalf("no wording for %s", key)
	}
	return w
}

// sampleRegister is a register of seven applications of every shape: on
// time, corrected, extended (on time only by its extension) with a fee
// and a lawsuit, open at the year's end, awaiting a correction, late, and
// withdrawn the next year.
func sampleRegister(t *testing.T) []regRow {
	org := app.WithCreditCheck("91371200MA3C00001")
	return []regRow{
		legacyRow("2025-001", "2025-03-03", "2025-03-10").with("行政复议", "维持"),
		legacyRow("2025-002", "2025-04-01", "2025-04-20").with("是否补正", "是", "补正后收到日期", "2025-04-10",
			"办理结果", outcomeText(t, "not_disclosed.third_party_rights")),
		legacyRow("2025-003", "2025-05-06", "2025-06-25").with("申请人类型", "商业企业", "申请人姓名或名称", "山东某某建设有限公司", "证件号码", org,
			"是否延期", "是", "办理结果", outcomeText(t, "partially_disclosed"), "收费金额", "100", "行政诉讼", "直接起诉-纠正"),
		legacyRow("2025-004", "2025-12-15", ""),
		legacyRow("2025-005", "2025-12-19", "").with("是否补正", "是", "渠道", "网上申请"),
		legacyRow("2025-006", "2025-06-02", "2025-07-30"),
		legacyRow("2026-001", "2026-02-02", "2026-02-10").with("办理结果", outcomeText(t, "other.withdrawn"), "备注", "申请人电话撤回"),
	}
}

// caseByNumber finds a case by its tracking number or applicant.
func (h *harness) caseByQuery(t *testing.T, token, q string) map[string]any {
	t.Helper()
	r := h.do("GET", "/api/v1/applications?q="+q, token, nil)
	var list struct{ Items []map[string]any }
	r.JSON(t, &list)
	if r.Code != 200 || len(list.Items) != 1 {
		t.Fatalf("find %s: %d %s", q, r.Code, r.Body)
	}
	c := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", list.Items[0]["id"]), token, nil)
	if c.Code != 200 {
		t.Fatalf("get %s: %d %s", q, c.Code, c.Body)
	}
	return c.Map(t)
}

func TestRegisterImportValidFile(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		sup := h.token("demo-supervisor")
		rows := sampleRegister(t)
		v := h.preview(t, sup, 1, "台账2025.csv", registerCSV(t, rows...))
		if v.Status != "ready" || v.Counts.Total != 7 || v.Counts.Valid != 7 || v.Counts.New != 7 || v.Counts.Errors != 0 || v.Rows.Total != 7 {
			t.Fatalf("preview: %+v", v)
		}
		if v.Rows.Items[0].Row != 2 || v.Rows.Items[0].Action != "new" || v.Rows.Items[0].ApplicantName != "王2025-001" {
			t.Fatalf("first row: %+v", v.Rows.Items[0])
		}
		if r := h.do("GET", "/api/v1/register/imports?agencyId=1", sup, nil); r.Code != 200 || !strings.Contains(r.Body.String(), "台账2025.csv") {
			t.Fatalf("the latest uploads: %d %s", r.Code, r.Body)
		}
		// Nothing is written before the confirmation.
		if list := h.do("GET", "/api/v1/applications?q=2025-001", sup, nil); !strings.Contains(list.Body.String(), `"total":0`) {
			t.Fatalf("a case before the confirmation: %s", list.Body)
		}
		if r := h.do("POST", fmt.Sprintf("/api/v1/register/imports/%d/confirm", v.ID), sup, map[string]any{"mode": "all", "version": v.Version}); r.Code != 422 || !strings.Contains(r.Body.String(), `"field":"mode"`) {
			t.Fatalf("bad mode: %d %s", r.Code, r.Body)
		}
		if r := h.do("POST", fmt.Sprintf("/api/v1/register/imports/%d/confirm", v.ID), sup, map[string]any{"mode": "valid-rows", "version": v.Version + 1}); r.Code != 409 {
			t.Fatalf("stale version: %d %s", r.Code, r.Body)
		}
		got := h.confirm(t, sup, v, "all-or-nothing")
		if got.Result == nil || got.Result.Inserted != 7 {
			t.Fatalf("result: %+v", got.Result)
		}
		if r := h.do("POST", fmt.Sprintf("/api/v1/register/imports/%d/confirm", v.ID), sup, map[string]any{"mode": "valid-rows", "version": got.Version}); r.Code != 409 {
			t.Fatalf("confirming twice: %d %s", r.Code, r.Body)
		}

		// A legacy case: marked, read-only, its timeline starting with the
		// import, its identity sealed, its clock from the register's dates.
		c := h.caseByQuery(t, sup, "2025-001")
		if c["imported"] != true || c["source"] != "import" || len(c["allowedActions"].([]any)) != 0 || !strings.HasPrefix(c["trackingNumber"].(string), "ZFB-2025-H") {
			t.Fatalf("legacy case: %v %v %v %v", c["imported"], c["source"], c["allowedActions"], c["trackingNumber"])
		}
		reg := c["register"].(map[string]any)
		if reg["fileSha256"] != v.SHA256 || reg["row"] != float64(2) || reg["registerNo"] != "2025-001" || reg["contact"] != "13800000000" {
			t.Fatalf("register: %v", reg)
		}
		if c["status"] != "answered" || c["outcome"] != "disclosed" || c["receiptDate"] != "2025-03-03" || c["concludedOn"] != "2025-03-10" {
			t.Fatalf("case: %v %v %v %v", c["status"], c["outcome"], c["receiptDate"], c["concludedOn"])
		}
		if r := h.act(t, sup, c["id"], "urge", map[string]any{"text": "请尽快办理"}); r.Code != 409 || !strings.Contains(r.Body.String(), "历史导入") {
			t.Fatalf("acting on a legacy case: %d %s", r.Code, r.Body)
		}
		if r := h.act(t, h.token("demo-officer"), c["id"], "record-remedy", map[string]any{"kind": "reconsideration", "filedOn": "2025-04-01", "result": "pending"}); r.Code != 409 {
			t.Fatalf("recording a remedy on a legacy case: %d %s", r.Code, r.Body)
		}
		ev := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events", c["id"]), sup, nil)
		var evs struct{ Items []map[string]any }
		ev.JSON(t, &evs)
		first := evs.Items[0]
		if len(evs.Items) != 1 || first["action"] != "import" || first["data"].(map[string]any)["fileSha256"] != v.SHA256 || first["data"].(map[string]any)["row"] != float64(2) {
			t.Fatalf("timeline: %s", ev.Body)
		}
		if vr := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events/verify", c["id"]), sup, nil); !strings.Contains(vr.Body.String(), `"valid":true`) {
			t.Fatalf("chain: %s", vr.Body)
		}
		number := app.WithIDCheck("37120219800101123")
		var sealed []byte
		var masked, hash string
		if err := h.db.Raw("SELECT id_number_sealed, id_number_masked, id_number_hash FROM cases WHERE id = ?", c["id"]).Row().Scan(&sealed, &masked, &hash); err != nil {
			t.Fatal(err)
		}
		if len(sealed) == 0 || bytes.Contains(sealed, []byte(number)) || masked != app.Mask(number) || hash == "" {
			t.Fatalf("identity not sealed: %q %q", masked, hash)
		}
		if c["applicant"].(map[string]any)["idNumber"] != number {
			t.Fatalf("the agency's supervisor sees %v", c["applicant"].(map[string]any)["idNumber"])
		}

		ext := h.caseByQuery(t, sup, "2025-003")
		if clk := clockOf(ext); clk["extendedDays"] != float64(20) || clk["onTime"] != true {
			t.Fatalf("extended case clock: %v", clk)
		}
		if rem := ext["remedies"].([]any); len(rem) != 1 || rem[0].(map[string]any)["kind"] != "litigation_direct" {
			t.Fatalf("remedies: %v", ext["remedies"])
		}
		if clk := clockOf(h.caseByQuery(t, sup, "2025-006")); clk["onTime"] != false {
			t.Fatalf("late case: %v", clk)
		}
		corr := h.caseByQuery(t, sup, "2025-002")
		if clk := clockOf(corr); clk["receiptDate"] != "2025-04-10" || clk["firstReceiptDate"] != "2025-04-01" {
			t.Fatalf("corrected case clock: %v", clk)
		}
		if clk := clockOf(h.caseByQuery(t, sup, "2025-005")); clk["awaitingCorrection"] != true {
			t.Fatalf("awaiting correction: %v", clk)
		}
		if open := h.caseByQuery(t, sup, "2025-004"); open["status"] != "handling" || clockOf(open)["level"] != "overdue" {
			t.Fatalf("open case: %v %v", open["status"], clockOf(open))
		}

		// The annual reports count them as native ones, and their checks hold.
		y25, rem25 := h.annualValues(t, sup, 2025, 1)
		want25 := map[string]int{"new": 6, "carried_in": 0, "disclosed": 2, "partially_disclosed": 1, "not_disclosed.third_party_rights": 1, "total": 4, "carried_out": 2}
		for k, n := range want25 {
			if y25[k] != n {
				t.Errorf("2025 %s = %d, want %d", k, y25[k], n)
			}
		}
		if rem25["reconsideration.upheld"] != 1 || rem25["litigation_direct.corrected"] != 1 || rem25["reconsideration.total"] != 1 {
			t.Errorf("2025 remedies %v", rem25)
		}
		y26, _ := h.annualValues(t, sup, 2026, 1)
		if y26["new"] != 1 || y26["carried_in"] != 2 || y26["total"] != 1 || y26["carried_out"] != 2 {
			t.Errorf("2026 %v", y26)
		}
		a := h.do("GET", "/api/v1/reports/annual?year=2025&agencyId=1", sup, nil)
		if !strings.Contains(a.Body.String(), `"feeIncome":100`) || !strings.Contains(a.Body.String(), `"importedCases":{"new":6,"concluded":4,"carriedOut":2}`) {
			t.Errorf("annual 2025: %s", a.Body)
		}
		// The deadline report counts them too: four concluded in 2025, one late.
		d := h.do("GET", "/api/v1/reports/deadlines?agencyId=1&asOf=2025-12-31&from=2025-01-01&to=2025-12-31", sup, nil)
		var dr struct {
			Period struct {
				Concluded, OnTime, Late struct{ Count int }
			}
		}
		d.JSON(t, &dr)
		if dr.Period.Concluded.Count != 4 || dr.Period.OnTime.Count != 3 || dr.Period.Late.Count != 1 {
			t.Errorf("deadline period: %s", d.Body)
		}
	})
}

// rowErrorCases are rows with one mistake each and the error it gives.
func rowErrorCases(t *testing.T) []struct {
	name, column, code, zh string
	row                    regRow
} {
	base := func(i int) regRow {
		return legacyRow(fmt.Sprintf("E%02d", i), "2025-03-03", "2025-03-10")
	}
	type tc = struct {
		name, column, code, zh string
		row                    regRow
	}
	cases := []tc{
		{"required name", "申请人姓名或名称", "register.required", "必须填写", base(0).with("申请人姓名或名称", "")},
		{"date format", "收到申请日期", "register.date_format", `无法识别日期"三月三日"`, base(1).with("收到申请日期", "三月三日")},
		{"impossible date", "收到申请日期", "register.date_impossible", `"2025-02-30"不是有效的日期`, base(2).with("收到申请日期", "2025-02-30")},
		{"future date", "答复日期", "register.date_future", "晚于今天（2026-10-09）", base(3).with("答复日期", "2026-12-01")},
		{"before the Regulation", "收到申请日期", "register.date_too_early", "2008-05-01", base(4).with("收到申请日期", "2007-01-05")},
		{"channel", "渠道", "register.channel_unknown", `无法识别渠道"飞鸽传书"`, base(5).with("渠道", "飞鸽传书")},
		{"applicant type", "申请人类型", "register.applicant_unknown", `无法识别申请人类型"外星人"`, base(6).with("申请人类型", "外星人")},
		{"organisation without category", "申请人类型", "register.applicant_unspecified", "未写明组织类别", base(7).with("申请人类型", "法人或其他组织")},
		{"yes or no", "是否延期", "register.yes_no", `无法识别"也许"，请填写"是"或"否"`, base(8).with("是否延期", "也许")},
		{"outcome group", "办理结果", "register.outcome_group", "是年度报告的分组而非具体的行", base(9).with("办理结果", "（三）不予公开")},
		{"outcome near miss", "办理结果", "register.outcome_suggest", "是否应为", base(10).with("办理结果", "（四）无法提供 1.本机关不掌握相关信息")},
		{"fee format", "收费金额", "register.fee_format", `无法识别金额"一百元"`, base(11).with("收费金额", "一百元")},
		{"negative fee", "收费金额", "register.fee_negative", "不能为负数", base(12).with("收费金额", "-100")},
		{"fee on an open case", "收费金额", "register.fee_open", "不应有收费金额", base(13).with("答复日期", "", "办理结果", "", "收费金额", "100")},
		{"reconsideration", "行政复议", "register.reconsideration_unknown", `无法识别"胜诉"`, base(14).with("行政复议", "胜诉")},
		// Row 17, the example of the issue.
		{"outcome unknown", "办理结果", "register.outcome_unknown", `第17行「办理结果」：无法识别"不公开"，请使用年度报告的行名`, base(15).with("办理结果", "不公开")},
		{"lawsuit", "行政诉讼", "register.litigation_unknown", "起诉方式-结果", base(16).with("行政诉讼", "打官司")},
		{"lawsuit without kind", "行政诉讼", "register.litigation_kind", "未写明起诉方式", base(17).with("行政诉讼", "维持")},
		{"none and more", "行政复议", "register.remedy_none_mixed", `"无"不能与其他结果同时填写`, base(18).with("行政复议", "无；维持")},
		{"identity number", "证件号码", "register.id_invalid", "证件号码校验未通过", base(19).with("证件号码", "371202198001011230")},
		{"credit code", "证件号码", "register.id_invalid", "证件号码校验未通过", base(20).with("申请人类型", "商业企业", "证件号码", "91371200MA3C00000")},
		{"answer before receipt", "答复日期", "register.answered_before_received", "早于收到申请日期", base(21).with("答复日期", "2025-03-01")},
		{"answer before correction", "答复日期", "register.answered_before_corrected", "早于补正后收到日期", base(22).with("是否补正", "是", "补正后收到日期", "2025-03-20")},
		{"correction before receipt", "补正后收到日期", "register.corrected_before_received", "早于收到申请日期", base(23).with("是否补正", "是", "补正后收到日期", "2025-03-01")},
		{"correction date missing", "补正后收到日期", "register.corrected_on_required", "必须填写补正后收到日期", base(24).with("是否补正", "是")},
		{"correction date unexpected", "补正后收到日期", "register.corrected_on_unexpected", "不应填写补正后收到日期", base(25).with("补正后收到日期", "2025-03-05")},
		{"outcome needs a correction", "是否补正", "register.outcome_needs_correction", "是否补正应为", base(26).with("办理结果", outcomeText(t, "other.correction_lapsed"))},
		{"answer without outcome", "办理结果", "register.answer_needs_outcome", "必须填写办理结果", base(27).with("办理结果", "")},
		{"outcome without answer", "答复日期", "register.outcome_needs_answer", "必须填写答复日期", base(28).with("答复日期", "")},
		{"duplicate number", "登记编号", "register.duplicate_register_no", `登记编号"E00"与第2行重复`, base(0)},
		{"duplicate row", "申请内容", "register.duplicate_row", "", base(30).with("登记编号", "")},
		{"duplicate row again", "申请内容", "register.duplicate_row", "与第32行重复", base(30).with("登记编号", "")},
		{"fee in fen", "收费金额", "register.fee_whole_yuan", "须为整元", base(32).with("收费金额", "100.50")},
		{"name too long for a case", "申请人姓名或名称", "register.too_long_for_case", "超过 128 个字符", base(33).with("申请人姓名或名称", strings.Repeat("名", 129))},
	}
	return cases
}

func TestRegisterImportRowErrors(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		sup := h.token("demo-supervisor")
		cases := rowErrorCases(t)
		rows := make([]regRow, len(cases))
		for i, c := range cases {
			rows[i] = c.row
		}
		// The first "duplicate row" is the original: fine itself.
		cases[30].code = ""
		good := legacyRow("OK1", "2025-05-06", "2025-05-20")
		rows = append(rows, good)
		data := registerCSV(t, rows...)
		v := h.preview(t, sup, 1, "有错误的台账.csv", data)
		if v.Status != "ready" || v.Counts.Total != len(rows) || v.Counts.Valid != 2 || v.Counts.Invalid != len(rows)-2 {
			t.Fatalf("preview counts: %+v", v.Counts)
		}
		r := h.do("GET", fmt.Sprintf("/api/v1/register/imports/%d/errors?limit=200", v.ID), sup, nil)
		var errs struct {
			Items []struct {
				Row                  int
				Column, Code, ZH, EN string
			}
			Total int
		}
		r.JSON(t, &errs)
		if errs.Total != v.Counts.Errors || errs.Total < len(cases)-1 {
			t.Fatalf("errors: %d of %d", errs.Total, v.Counts.Errors)
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				row := i + 2
				var found []string
				for _, e := range errs.Items {
					if e.Row != row {
						continue
					}
					found = append(found, e.Code)
					if e.Code == c.code {
						if e.Column != c.column || !strings.Contains(e.ZH, c.zh) || !strings.HasPrefix(e.ZH, fmt.Sprintf("第%d行「%s」：", row, c.column)) || !strings.HasPrefix(e.EN, fmt.Sprintf("row %d, ", row)) {
							t.Errorf("row %d: %+v, want column %s and %q", row, e, c.column, c.zh)
						}
						return
					}
				}
				if c.code != "" {
					t.Errorf("row %d: no %s among %v", row, c.code, found)
				}
			})
		}
		// Rows filter by action, paged.
		inv := h.do("GET", fmt.Sprintf("/api/v1/register/imports/%d/rows?action=invalid&limit=5&offset=5", v.ID), sup, nil)
		if !strings.Contains(inv.Body.String(), fmt.Sprintf(`"total":%d`, v.Counts.Invalid)) || !strings.Contains(inv.Body.String(), `"row":7,`) {
			t.Fatalf("invalid rows page: %s", inv.Body)
		}
		if r := h.do("GET", fmt.Sprintf("/api/v1/register/imports/%d/rows?action=maybe", v.ID), sup, nil); r.Code != 400 {
			t.Fatalf("bad action filter: %d", r.Code)
		}

		// The annotated workbook marks every error in its row.
		x := h.do("GET", fmt.Sprintf("/api/v1/register/imports/%d?format=xlsx", v.ID), sup, nil)
		if x.Code != 200 || !strings.Contains(x.Header().Get("Content-Disposition"), "xlsx") {
			t.Fatalf("annotated: %d %s", x.Code, x.Body)
		}
		f, err := excelize.OpenReader(bytes.NewReader(x.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue("台账", "R1"); v != "错误说明" {
			t.Fatalf("R1 = %q", v)
		}
		if v, _ := f.GetCellValue("台账", "R17"); !strings.Contains(v, `第17行「办理结果」：无法识别"不公开"`) {
			t.Fatalf("R17 = %q", v)
		}
		comments, _ := f.GetComments("台账")
		if len(comments) < len(cases)-2 {
			t.Fatalf("%d comments", len(comments))
		}
		if zrj := h.token("demo-supervisor-zrj"); h.do("GET", fmt.Sprintf("/api/v1/register/imports/%d?format=xlsx", v.ID), zrj, nil).Code != 404 {
			t.Fatal("another agency's supervisor opens the upload")
		}

		// All or nothing refuses, and writes nothing; the valid rows go in.
		if r := h.do("POST", fmt.Sprintf("/api/v1/register/imports/%d/confirm", v.ID), sup, map[string]any{"mode": "all-or-nothing", "version": v.Version}); r.Code != 422 ||
			!strings.Contains(r.Body.String(), `"field":"mode"`) || !strings.Contains(r.Body.String(), "不会导入任何行") {
			t.Fatalf("all or nothing: %d %s", r.Code, r.Body)
		}
		if list := h.do("GET", "/api/v1/applications?q=OK1", sup, nil); !strings.Contains(list.Body.String(), `"total":0`) {
			t.Fatalf("all or nothing wrote: %s", list.Body)
		}
		got := h.confirm(t, sup, v, "valid-rows")
		if got.Result.Inserted != 2 {
			t.Fatalf("valid rows: %+v", got.Result)
		}
		h.caseByQuery(t, sup, "OK1")
	})
}

// registerXLSX lays rows out as an agency would fill the template's
// sheet, every cell as text.
func registerXLSX(t *testing.T, rows ...regRow) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "台账"); err != nil {
		t.Fatal(err)
	}
	hs := registerHeaders()
	put := func(n int, cells []string) {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := f.SetSheetRow("台账", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	put(1, hs)
	for i, r := range rows {
		cells := make([]string, len(hs))
		for j, h := range hs {
			cells[j] = r[h]
		}
		put(i+2, cells)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRegisterImportGBKAndXLSX(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		admin := h.token("demo-admin")
		rows := []regRow{
			legacyRow("GB-1", "2025-03-03", "2025-03-10").with("申请人姓名或名称", "欧阳翠花", "申请内容", "申请公开鹏泉街道2024年低保发放名单"),
			legacyRow("GB-2", "2025-03-04", "").with("渠道", "挂号信", "申请人类型", "法律服务机构", "申请人姓名或名称", "山东某某律师事务所", "证件号码", ""),
		}
		csvGBK := toGBK(t, registerCSV(t, rows...))
		if bytes.Contains(csvGBK, []byte("欧阳翠花")) {
			t.Fatal("not GBK")
		}
		v := h.importRegister(t, admin, 4, "台账-GBK.csv", csvGBK)
		if v.Result.Inserted != 2 || v.Rows.Items[0].ApplicantName != "欧阳翠花" {
			t.Fatalf("gbk: %+v %+v", v.Result, v.Rows.Items)
		}
		zrj := h.token("demo-supervisor-zrj")
		c := h.caseByQuery(t, zrj, "GB-2")
		if c["applicant"].(map[string]any)["name"] != "山东某某律师事务所" || c["channel"] != "registered_post" || c["agency"].(map[string]any)["id"] != float64(4) {
			t.Fatalf("gbk case: %v %v", c["applicant"], c["channel"])
		}
		y, _ := h.annualValues(t, zrj, 2025, 4)
		if y["new"] != 2 || y["disclosed"] != 1 || y["carried_out"] != 1 {
			t.Fatalf("annual: %v", y)
		}
		// The same rows as a workbook are the same applications.
		x := h.preview(t, admin, 4, "台账.xlsx", registerXLSX(t, rows...))
		if x.Status != "ready" || x.Counts.Unchanged != 2 || x.Counts.New != 0 {
			t.Fatalf("xlsx preview: %+v", x.Counts)
		}
	})
}

func TestRegisterReimportAndReplacement(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		sup, admin := h.token("demo-supervisor"), h.token("demo-admin")
		rows := sampleRegister(t)
		data := registerCSV(t, rows...)
		first := h.importRegister(t, sup, 1, "台账2025.csv", data)
		before := h.caseByQuery(t, sup, "2025-004")
		y25, _ := h.annualValues(t, sup, 2025, 1)

		// The same file again changes nothing.
		again := h.preview(t, sup, 1, "台账2025.csv", data)
		if again.SHA256 != first.SHA256 || again.Counts.Unchanged != 7 || again.Counts.New != 0 || again.Counts.Replace != 0 || again.Rows.Items[0].Action != "unchanged" {
			t.Fatalf("same file: %+v", again.Counts)
		}
		done := h.confirm(t, sup, again, "all-or-nothing")
		if done.Result.Unchanged != 7 || done.Result.Inserted != 0 || done.Result.Replaced != 0 {
			t.Fatalf("same file imported: %+v", done.Result)
		}
		after := h.caseByQuery(t, sup, "2025-004")
		if after["version"] != before["version"] || after["trackingNumber"] != before["trackingNumber"] {
			t.Fatalf("the same file changed a case: %v → %v", before["version"], after["version"])
		}
		if y, _ := h.annualValues(t, sup, 2025, 1); fmt.Sprint(y) != fmt.Sprint(y25) {
			t.Fatalf("the same file changed the report: %v → %v", y25, y)
		}

		// A corrected file replaces the rows it matches, audited, and adds
		// the new one.
		fixed := append([]regRow{}, rows...)
		fixed[0] = rows[0].with("办理结果", outcomeText(t, "partially_disclosed"), "行政复议", "无")
		fixed[3] = rows[3].with("答复日期", "2026-01-20", "办理结果", outcomeText(t, "unable.not_held"))
		fixed = append(fixed, legacyRow("2025-007", "2025-09-01", "2025-09-15"))
		p := h.preview(t, sup, 1, "台账2025-更正.csv", registerCSV(t, fixed...))
		if p.Counts.Replace != 2 || p.Counts.Unchanged != 5 || p.Counts.New != 1 {
			t.Fatalf("corrected preview: %+v", p.Counts)
		}
		if p.Rows.Items[0].Action != "replace" || p.Rows.Items[0].CaseID == nil {
			t.Fatalf("first row: %+v", p.Rows.Items[0])
		}
		res := h.confirm(t, sup, p, "valid-rows")
		if res.Result.Replaced != 2 || res.Result.Inserted != 1 || res.Result.Unchanged != 5 {
			t.Fatalf("corrected import: %+v", res.Result)
		}
		c := h.caseByQuery(t, sup, "2025-004")
		if c["trackingNumber"] != before["trackingNumber"] || c["status"] != "answered" || c["outcome"] != "unable.not_held" || c["register"].(map[string]any)["fileSha256"] != p.SHA256 {
			t.Fatalf("replaced case: %v %v %v", c["trackingNumber"], c["status"], c["outcome"])
		}
		ev := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events", c["id"]), sup, nil)
		var evs struct{ Items []map[string]any }
		ev.JSON(t, &evs)
		if len(evs.Items) != 2 || evs.Items[1]["action"] != "import-replace" || evs.Items[1]["fromStatus"] != "handling" || evs.Items[1]["toStatus"] != "answered" {
			t.Fatalf("timeline: %s", ev.Body)
		}
		if changed := fmt.Sprint(evs.Items[1]["data"].(map[string]any)["changed"]); changed != "[答复日期 办理结果]" {
			t.Fatalf("changed columns: %s", changed)
		}
		if vr := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events/verify", c["id"]), sup, nil); !strings.Contains(vr.Body.String(), `"valid":true`) {
			t.Fatalf("chain: %s", vr.Body)
		}
		au := h.do("GET", fmt.Sprintf("/api/v1/admin/audit?objectType=register_import&objectId=%d", p.ID), admin, nil)
		if !strings.Contains(au.Body.String(), "register.import") || !strings.Contains(au.Body.String(), `\"replaced\":2`) {
			t.Fatalf("audit: %s", au.Body)
		}
		y25, rem25 := h.annualValues(t, sup, 2025, 1)
		if y25["new"] != 7 || y25["disclosed"] != 2 || y25["partially_disclosed"] != 2 || y25["carried_out"] != 2 || rem25["reconsideration.total"] != 0 {
			t.Fatalf("2025 after the correction: %v %v", y25, rem25)
		}
		y26, _ := h.annualValues(t, sup, 2026, 1)
		if y26["carried_in"] != 2 || y26["unable.not_held"] != 1 || y26["carried_out"] != 1 {
			t.Fatalf("2026 after the correction: %v", y26)
		}
	})
}

// export downloads an agency's register.
func (h *harness) export(t *testing.T, token, query string) []byte {
	t.Helper()
	r := h.do("GET", "/api/v1/register/export?"+query, token, nil)
	if r.Code != 200 || r.Header().Get("Content-Type") != xlsxType || !strings.Contains(r.Header().Get("Content-Disposition"), "xlsx") {
		t.Fatalf("export: %d %s", r.Code, r.Body)
	}
	return r.Body.Bytes()
}

// registerRows reads a register workbook's data rows (cells by header).
func registerRows(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	res, err := register.ReadAll(bytes.NewReader(data), register.FormatXLSX, register.Options{Today: "2026-10-09"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("the export does not read back: %v", res.Errors)
	}
	var out []map[string]string
	for _, r := range res.Rows {
		m := map[string]string{}
		for c := range register.NumColumns {
			m[c.Header()] = r.Raw[c]
		}
		out = append(out, m)
	}
	return out
}

func TestRegisterRoundTrip(t *testing.T) {
	for _, b := range dbtest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			h := newHarness(t, b.Open(t))
			applicant, officer, sup := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
			// Two native cases, one answered, beside the imported register.
			c := h.file(t, applicant, applicationBody(1))
			h.mustAct(t, officer, c.ID, "accept", nil)
			h.mustAct(t, officer, c.ID, "draft-answer", draftBody())
			h.mustAct(t, sup, c.ID, "decide-answer", map[string]any{"approve": true})
			open := h.file(t, applicant, applicationBody(1))
			h.importRegister(t, sup, 1, "台账2025.csv", registerCSV(t, sampleRegister(t)...))

			// The annual report's checks hold on the mix.
			y26, _ := h.annualValues(t, sup, 2026, 1)
			if y26["new"] != 3 || y26["carried_in"] != 2 || y26["disclosed"] != 1 || y26["total"] != 2 || y26["carried_out"] != 3 {
				t.Fatalf("2026 mixed: %v", y26)
			}

			first := h.export(t, sup, "agencyId=1")
			rows := registerRows(t, first)
			if len(rows) != 9 || rows[0]["登记编号"] != "2025-001" || rows[len(rows)-1]["登记编号"] != open.TrackingNumber {
				t.Fatalf("export rows: %d, first %v, last %v", len(rows), rows[0]["登记编号"], rows[len(rows)-1]["登记编号"])
			}
			if rows[len(rows)-2]["登记编号"] != c.TrackingNumber || rows[len(rows)-2]["办理结果"] != outcomeText(t, "disclosed") {
				t.Fatalf("native answered row: %v", rows[len(rows)-2])
			}
			if y := registerRows(t, h.export(t, sup, "agencyId=1&year=2025")); len(y) != 6 {
				t.Fatalf("2025 export: %d rows", len(y))
			}
			// Brought back into the same database, the export changes nothing.
			back := h.preview(t, sup, 1, "导出.xlsx", first)
			if back.Counts.Native != 2 || back.Counts.Unchanged != 7 || back.Counts.New != 0 || back.Counts.Replace != 0 {
				t.Fatalf("export brought back: %+v", back.Counts)
			}

			// Into a fresh database, and out again: the same bytes.
			fresh := newHarness(t, b.Open(t))
			admin := fresh.token("demo-admin")
			got := fresh.importRegister(t, admin, 1, "导出.xlsx", first)
			if got.Result.Inserted != 9 {
				t.Fatalf("fresh import: %+v", got.Result)
			}
			second := fresh.export(t, admin, "agencyId=1")
			if !bytes.Equal(first, second) {
				a, b := registerRows(t, first), registerRows(t, second)
				for i := range a {
					if i < len(b) && fmt.Sprint(a[i]) != fmt.Sprint(b[i]) {
						t.Fatalf("row %d differs:\n%v\n%v", i+2, a[i], b[i])
					}
				}
				t.Fatalf("the round trip changed the register (%d and %d bytes, %d and %d rows)", len(first), len(second), len(a), len(b))
			}
			y1, _ := h.annualValues(t, sup, 2025, 1)
			y2, _ := fresh.annualValues(t, fresh.token("demo-supervisor"), 2025, 1)
			if fmt.Sprint(y1) != fmt.Sprint(y2) {
				t.Fatalf("the round trip changed the 2025 report: %v → %v", y1, y2)
			}
		})
	}
}
