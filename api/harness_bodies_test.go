package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"gongkai/app/calendar"
)

// Typed bodies for scenario.want. Each mirrors part of a response's JSON:
// decoding drops the fields a body does not declare, so a body names what
// a step checks and cmp.Diff compares all of it. To capture a response for
// later steps, decode into the API's own type (caseResponse, noticeResponse,
// listResponse[T], problem…) with scenario.into.

// caseBody is where a case stands and its clock: what most journey steps
// compare.
type caseBody struct {
	Status      string    `json:"status"`
	Outcome     string    `json:"outcome"`
	ReceiptDate string    `json:"receiptDate"`
	Clock       clockBody `json:"clock"`
}

// clockBody is a case's clock without its level and trace, which depend
// on the day a test reads them.
type clockBody struct {
	DueDate              string `json:"dueDate"`
	Paused               bool   `json:"paused"`
	ExtendedDays         int    `json:"extendedDays"`
	OnTime               bool   `json:"onTime"`
	Provisional          bool   `json:"provisional"`
	AwaitingConfirmation bool   `json:"awaitingConfirmation"`
	AwaitingCorrection   bool   `json:"awaitingCorrection"`
}

// ignoreDueDate is for steps on a paused clock, whose due date is still
// open.
var ignoreDueDate = cmpopts.IgnoreFields(clockBody{}, "DueDate")

// caseList is a page of cases.
type caseList struct {
	Items []caseBody `json:"items"`
	Total int        `json:"total"`
}

// listTotal is a paginated list's total.
type listTotal struct {
	Total int `json:"total"`
}

// chainBody is a timeline verification.
type chainBody struct {
	Valid    bool `json:"valid"`
	BrokenAt int  `json:"brokenAt"`
}

// day is a calendar date for a want.
func day(s string) calendar.Date { return calendar.MustParseDate(s) }

// shanghai returns a UTC instant for a wall-clock time in Asia/Shanghai.
func shanghai(date string, hhmm string) time.Time {
	t, err := time.Parse("2006-01-02 15:04 -0700", date+" "+hhmm+" +0800")
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func (h *harness) setNow(t time.Time) {
	h.clock.mu.Lock()
	h.clock.t = t
	h.clock.mu.Unlock()
}

func applicationBody(agencyID int) map[string]any {
	return map[string]any{"agencyId": agencyID, "title": "2025年凤城街道土地征收补偿安置方案",
		"description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", "formats": []string{"electronic"}, "delivery": "online"}
}

// file files an application as set-up for a test and returns the case.
func (h *harness) file(t *testing.T, token string, body map[string]any) caseResponse {
	t.Helper()
	r := h.do("POST", "/api/v1/applications", token, body)
	if r.Code != http.StatusCreated {
		t.Fatalf("file application: %d %s", r.Code, r.Body)
	}
	return decode[caseResponse](t, r.ResponseRecorder)
}

// getCase reads a case as set-up for a test.
func (h *harness) getCase(t *testing.T, token string, id uint) caseResponse {
	t.Helper()
	r := h.do("GET", fmt.Sprintf("/api/v1/applications/%d", id), token, nil)
	if r.Code != http.StatusOK {
		t.Fatalf("get case %d: %d %s", id, r.Code, r.Body)
	}
	return decode[caseResponse](t, r.ResponseRecorder)
}

// mustAct takes an action as set-up for a test (the steps a test is about
// are scenarios with act) and returns the case.
func (h *harness) mustAct(t *testing.T, token string, id uint, action string, body map[string]any) caseResponse {
	t.Helper()
	r := h.do("POST", fmt.Sprintf("/api/v1/applications/%d/actions/%s", id, action), token, h.withVersion(t, token, id, body))
	if r.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", action, r.Code, r.Body)
	}
	return decode[caseResponse](t, r.ResponseRecorder)
}

func appURL(id uint, rest ...string) string {
	return fmt.Sprintf("/api/v1/applications/%d", id) + strings.Join(rest, "")
}

// wantActions checks a case's allowedActions has every action of has and
// none of lacks.
func wantActions(has, lacks []string) func(t *testing.T, r *httptest.ResponseRecorder) {
	return func(t *testing.T, r *httptest.ResponseRecorder) {
		t.Helper()
		got := actionNames(decode[caseResponse](t, r))
		for _, a := range has {
			if !slices.Contains(got, a) {
				t.Errorf("allowedActions %v lack %s", got, a)
			}
		}
		for _, a := range lacks {
			if slices.Contains(got, a) {
				t.Errorf("allowedActions %v offer %s", got, a)
			}
		}
	}
}

func actionNames(c caseResponse) []string {
	out := []string{}
	for _, a := range c.AllowedActions {
		out = append(out, string(a))
	}
	return out
}

// traceText is a clock's explanation in Chinese, a line a step.
func traceText(c caseResponse) string {
	var b strings.Builder
	for _, s := range c.Clock.Trace {
		b.WriteString(s.ZH)
		b.WriteString("\n")
	}
	return b.String()
}

// wantTrace checks a case's clock explanation mentions every string.
func wantTrace(want ...string) func(t *testing.T, r *httptest.ResponseRecorder) {
	return func(t *testing.T, r *httptest.ResponseRecorder) {
		t.Helper()
		tr := traceText(decode[caseResponse](t, r))
		for _, s := range want {
			if !strings.Contains(tr, s) {
				t.Errorf("trace lacks %s:\n%s", s, tr)
			}
		}
	}
}

// checks runs several checks in order.
func checks(fns ...func(t *testing.T, r *httptest.ResponseRecorder)) func(t *testing.T, r *httptest.ResponseRecorder) {
	return func(t *testing.T, r *httptest.ResponseRecorder) {
		t.Helper()
		for _, f := range fns {
			f(t, r)
		}
	}
}

// diff reports a cmp.Diff of two values under a label.
func diff(t *testing.T, label string, want, got any, opts ...cmp.Option) {
	t.Helper()
	if d := cmp.Diff(want, got, opts...); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", label, d)
	}
}

// opts lists cmp options for scenario.cmpOpts.
func opts(o ...cmp.Option) []cmp.Option { return o }

// multipartFile is an upload body with the file in field file and the
// given further fields (name, value, …), and its Content-Type.
func multipartFile(t *testing.T, name string, data []byte, fields ...string) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	for i := 0; i+1 < len(fields); i += 2 {
		w.WriteField(fields[i], fields[i+1])
	}
	w.Close()
	return buf.Bytes(), w.FormDataContentType()
}
