package api

import (
	"fmt"
	"strings"
	"testing"
)

func TestCalendarEndpoints(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.run(t, []scenario{
			{name: "add across National Day", method: "GET", url: "/api/v1/calendar/add?from=2026-09-28&days=20", wantStatus: 200,
				wantContains: []string{`{"date":"2026-10-30","provisional":false}`}},
			{name: "add into a provisional year", method: "GET", url: "/api/v1/calendar/add?from=2030-01-02&days=5", wantStatus: 200,
				wantContains: []string{`"date":"2030-01-09"`, `"provisional":true`}},
			{name: "subtract", method: "GET", url: "/api/v1/calendar/add?from=2026-10-30&days=-20", wantStatus: 200, wantContains: []string{`"date":"2026-09-28"`}},
			{name: "days around the 调休 Saturday", method: "GET", url: "/api/v1/calendar/days?from=2026-10-01&to=2026-10-11", wantStatus: 200,
				wantContains: []string{`{"date":"2026-10-10","workday":true,"holiday":"国庆节","adjusted":true`, `{"date":"2026-10-01","workday":false,"holiday":"国庆节"`, `"total":11`}},
			{name: "coverage", method: "GET", url: "/api/v1/calendar/coverage", wantStatus: 200, wantContains: []string{`"officialThrough":2026`, `"provisionalYears":[2027`, `国办发明电〔2025〕7号`, `{"year":2027,"official":false,"hasSchedule":true,"notices":[]}`}},
			{name: "bad date", method: "GET", url: "/api/v1/calendar/add?from=2026-13-01&days=1", wantStatus: 400, wantContains: []string{`"field":"from"`}},
			{name: "missing days", method: "GET", url: "/api/v1/calendar/add?from=2026-10-01", wantStatus: 400, wantContains: []string{`"field":"days"`}},
			{name: "too many days", method: "GET", url: "/api/v1/calendar/add?from=2026-10-01&days=5000", wantStatus: 400, wantContains: []string{`"field":"days"`}},
			{name: "range reversed", method: "GET", url: "/api/v1/calendar/days?from=2026-10-11&to=2026-10-01", wantStatus: 400, wantContains: []string{`"field":"to"`}},
		})
	})
}

// TestOverrideMovesOpenCase: an administrator declares a local closure and
// an open case's due date moves at once, in the detail and in the list.
func TestOverrideMovesOpenCase(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		c := h.fileMap(t, h.token("demo-applicant"), applicationBody(1))
		officer, admin := h.token("demo-officer"), h.token("demo-admin")
		if clockOf(c)["dueDate"] != "2026-10-30" {
			t.Fatal(clockOf(c))
		}
		body := map[string]any{"overrides": []map[string]any{{"date": "2026-10-29", "workday": false, "name": "防汛停工", "reason": "区政府通知"}}}
		if r := h.do("PUT", "/api/v1/admin/calendar/overrides", officer, body); r.Code != 403 {
			t.Fatalf("officer editing the calendar: %d", r.Code)
		}
		bad := map[string]any{"overrides": []map[string]any{{"date": "2026-02-30", "name": "x", "reason": "y"}}}
		if r := h.do("PUT", "/api/v1/admin/calendar/overrides", admin, bad); r.Code != 422 || !strings.Contains(r.Body.String(), "overrides[0].date") || !strings.Contains(r.Body.String(), "overrides[0].workday") {
			t.Fatalf("bad override: %d %s", r.Code, r.Body)
		}
		if r := h.do("PUT", "/api/v1/admin/calendar/overrides", admin, body); r.Code != 200 || !strings.Contains(r.Body.String(), "防汛停工") {
			t.Fatalf("put: %d %s", r.Code, r.Body)
		}
		got := h.getCaseMap(t, officer, c["id"])
		if clockOf(got)["dueDate"] != "2026-11-02" {
			t.Fatalf("due date after the closure: %v", clockOf(got)["dueDate"])
		}
		list := h.do("GET", "/api/v1/applications?sort=due", officer, nil)
		if !strings.Contains(list.Body.String(), `"dueDate":"2026-11-02"`) {
			t.Fatalf("list: %s", list.Body)
		}
		var due string
		h.db.Table("cases").Select("due_date").Where("id = ?", c["id"]).Row().Scan(&due)
		if due != "2026-11-02" {
			t.Fatalf("cached due date %q", due)
		}
		days := h.do("GET", "/api/v1/calendar/days?from=2026-10-29&to=2026-10-29", "", nil)
		if !strings.Contains(days.Body.String(), `"workday":false`) || !strings.Contains(days.Body.String(), `"override":true`) {
			t.Fatalf("days: %s", days.Body)
		}
		// Removing it restores the date; the audit trail has both edits.
		h.do("PUT", "/api/v1/admin/calendar/overrides", admin, map[string]any{"overrides": []any{}})
		if d := clockOf(h.getCaseMap(t, officer, c["id"]))["dueDate"]; d != "2026-10-30" {
			t.Fatalf("after removal: %v", d)
		}
		a := h.do("GET", "/api/v1/admin/audit?objectType=calendar", admin, nil)
		if !strings.Contains(a.Body.String(), `"total":2`) {
			t.Fatalf("audit: %s", a.Body)
		}
	})
}

func TestListFilters(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-21", "09:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		// Cases received on different days: levels as of 2026-10-27.
		var ids []any
		for _, day := range []string{"2026-09-21", "2026-09-28", "2026-10-09", "2026-10-16", "2026-10-23"} {
			h.setNow(shanghai(day, "10:00"))
			b := applicationBody(1)
			b["title"] = "收到于 " + day
			ids = append(ids, h.fileMap(t, applicant, b)["id"])
		}
		h.setNow(shanghai("2026-10-27", "10:00"))
		// National Day 10-01..10-07 is off and Saturday 10-10 is worked:
		// 09-21 + 20 = 10-26 (overdue by 1); 09-28 → 10-30 (3 left: warning);
		// 10-09 → 11-06 (8 left: normal); 10-16 → 11-13; 10-23 → 11-20.
		count := func(q string) string {
			r := h.do("GET", "/api/v1/applications?"+q, officer, nil)
			if r.Code != 200 {
				t.Fatalf("%s: %d %s", q, r.Code, r.Body)
			}
			return fmt.Sprint(r.Map(t)["total"])
		}
		tests := []struct{ q, want string }{
			{"level=overdue", "1"}, {"level=warning", "1"}, {"level=normal", "3"}, {"level=urgent", "0"},
			{"level=overdue,warning", "2"}, {"status=registered", "5"}, {"status=handling", "0"},
			{"receiptFrom=2026-10-01&receiptTo=2026-10-20", "2"}, {"q=" + "收到于%202026-10-09", "1"},
			{"channel=online", "5"}, {"channel=fax", "0"}, {"limit=2", "5"}, {"assigneeId=me", "0"}, {"unassigned=true", "5"},
		}
		for _, tc := range tests {
			if got := count(tc.q); got != tc.want {
				t.Errorf("%s: total %s, want %s", tc.q, got, tc.want)
			}
		}
		// Sorted by due date, overdue first; the page carries clocks.
		r := h.do("GET", "/api/v1/applications?limit=2", officer, nil)
		items := r.Map(t)["items"].([]any)
		first := items[0].(map[string]any)
		if len(items) != 2 || first["id"] != ids[0] || clockOf(first)["level"] != "overdue" {
			t.Fatalf("first page: %v", items)
		}
		// A paused case keeps its frozen level.
		h.mustActMap(t, officer, ids[1], "accept", nil)
		h.mustActMap(t, officer, ids[1], "start-consultation", map[string]any{"kind": "agency", "partyAgencyId": 4, "partyName": ""})
		h.setNow(shanghai("2026-11-05", "10:00"))
		if got := count("paused=true"); got != "1" {
			t.Fatalf("paused: %s", got)
		}
		if got := count("level=warning&paused=true"); got != "1" {
			t.Fatalf("paused case level: %s", got)
		}
		for _, q := range []string{"level=red", "sort=name", "status=open", "receiptFrom=20261001", "scope=all", "outcome=nope"} {
			if r := h.do("GET", "/api/v1/applications?"+q, officer, nil); r.Code != 400 && r.Code != 422 {
				t.Errorf("%s: %d", q, r.Code)
			}
		}
		// Applicants see only their own; another agency's officer none.
		if got := h.do("GET", "/api/v1/applications", h.token("demo-org"), nil).Map(t)["total"]; fmt.Sprint(got) != "0" {
			t.Fatalf("other applicant sees %v", got)
		}
		if got := h.do("GET", "/api/v1/applications", h.token("demo-officer2"), nil).Map(t)["total"]; fmt.Sprint(got) != "0" {
			t.Fatalf("other agency sees %v", got)
		}
		if r := h.do("GET", "/api/v1/applications?agencyId=1", h.token("demo-officer2"), nil); r.Code != 403 {
			t.Fatalf("other agency asking for ZFB: %d", r.Code)
		}
	})
}

func TestRepeatHints(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-06-01", "10:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		h.fileMap(t, applicant, applicationBody(1))
		other := applicationBody(1)
		other["title"], other["description"] = "区教育经费预算", "申请公开2026年区教育经费预算执行情况。"
		h.fileMap(t, applicant, other)
		h.setNow(shanghai("2026-06-15", "10:00"))
		again := applicationBody(1)
		again["description"] = "请公开莱芜区凤城街道2025年土地征收项目征地补偿安置方案和批准文件。"
		c := h.fileMap(t, applicant, again)
		got := h.getCaseMap(t, officer, c["id"])
		hints := got["hints"].(map[string]any)
		if hints["monthCount"].(float64) != 3 || len(hints["repeats"].([]any)) != 1 {
			t.Fatalf("hints: %v", hints)
		}
		if _, ok := h.getCaseMap(t, applicant, c["id"])["hints"]; ok {
			t.Fatal("the applicant sees review hints")
		}
	})
}
