package api

import (
	"net/http/httptest"
	"testing"

	"gongkai/app/calendar"
)

// daysBody is a range of days with their working-day flags.
type daysBody struct {
	Items []calendar.DayInfo `json:"items"`
	Total int                `json:"total"`
}

func TestCalendarEndpoints(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		// National Day 10-01..07 is off; Saturday 10-10 is worked for it.
		var october daysBody
		for d := day("2026-10-01"); d <= day("2026-10-11"); d++ {
			info := calendar.DayInfo{Date: d, Workday: d == day("2026-10-08") || d == day("2026-10-09") || d == day("2026-10-10")}
			if d <= day("2026-10-07") || d == day("2026-10-10") {
				info.Holiday = "国庆节"
			}
			info.Adjusted = d == day("2026-10-10")
			october.Items = append(october.Items, info)
		}
		october.Total = len(october.Items)
		h.run(t, []scenario{
			{name: "add across National Day", method: "GET", url: "/api/v1/calendar/add?from=2026-09-28&days=20", wantStatus: 200,
				want: calendarAddResponse{Date: day("2026-10-30"), Provisional: false}},
			{name: "add into a provisional year", method: "GET", url: "/api/v1/calendar/add?from=2030-01-02&days=5", wantStatus: 200,
				want: calendarAddResponse{Date: day("2030-01-09"), Provisional: true}},
			{name: "subtract", method: "GET", url: "/api/v1/calendar/add?from=2026-10-30&days=-20", wantStatus: 200,
				want: calendarAddResponse{Date: day("2026-09-28"), Provisional: false}},
			{name: "days around the 调休 Saturday", method: "GET", url: "/api/v1/calendar/days?from=2026-10-01&to=2026-10-11", wantStatus: 200,
				want: october, wantContains: []string{`{"date":"2026-10-10","workday":true,"holiday":"国庆节","adjusted":true`, `{"date":"2026-10-01","workday":false,"holiday":"国庆节"`}},
			{name: "coverage", method: "GET", url: "/api/v1/calendar/coverage", wantStatus: 200,
				wantContains: []string{`"officialThrough":2026`, `"provisionalYears":[2027`, `国办发明电〔2025〕7号`, `{"year":2027,"official":false,"hasSchedule":true,"notices":[]}`}},
			{name: "bad date", method: "GET", url: "/api/v1/calendar/add?from=2026-13-01&days=1", wantStatus: 400, wantProblem: badRequestProblem("from")},
			{name: "missing days", method: "GET", url: "/api/v1/calendar/add?from=2026-10-01", wantStatus: 400, wantProblem: badRequestProblem("days")},
			{name: "too many days", method: "GET", url: "/api/v1/calendar/add?from=2026-10-01&days=5000", wantStatus: 400, wantProblem: badRequestProblem("days")},
			{name: "range reversed", method: "GET", url: "/api/v1/calendar/days?from=2026-10-11&to=2026-10-01", wantStatus: 400, wantProblem: badRequestProblem("to")},
		})
	})
}

// TestOverrideMovesOpenCase: an administrator declares a local closure and
// an open case's due date moves at once, in the detail and in the list.
func TestOverrideMovesOpenCase(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		due := func(date string) caseBody {
			return caseBody{Status: "registered", ReceiptDate: "2026-09-28", Clock: clockBody{DueDate: date}}
		}
		var c caseResponse
		h.step(t, scenario{name: "filed 2026-09-28, due 2026-10-30", method: "POST", url: "/api/v1/applications", token: h.token("demo-applicant"), body: applicationBody(1),
			wantStatus: 201, into: &c, want: due("2026-10-30")})
		officer, admin := h.token("demo-officer"), h.token("demo-admin")
		const overrides = "/api/v1/admin/calendar/overrides"
		closure := map[string]any{"overrides": []map[string]any{{"date": "2026-10-29", "workday": false, "name": "防汛停工", "reason": "区政府通知"}}}
		h.step(t, scenario{name: "officers may not edit the calendar", method: "PUT", url: overrides, token: officer, body: closure, wantStatus: 403})
		h.step(t, scenario{name: "a bad override names its fields", method: "PUT", url: overrides, token: admin,
			body:       map[string]any{"overrides": []map[string]any{{"date": "2026-02-30", "name": "x", "reason": "y"}}},
			wantStatus: 422, wantProblem: invalid("overrides[0].date", "overrides[0].workday")})
		h.step(t, scenario{name: "a closure on 2026-10-29 saved", method: "PUT", url: overrides, token: admin, body: closure, wantStatus: 200, wantContains: []string{"防汛停工"}})
		h.step(t, scenario{name: "the case's due date moves to 2026-11-02", method: "GET", url: appURL(c.ID), token: officer, wantStatus: 200, want: due("2026-11-02")})
		h.step(t, scenario{name: "in the list too", method: "GET", url: "/api/v1/applications?sort=due", token: officer,
			wantStatus: 200, want: caseList{Total: 1, Items: []caseBody{due("2026-11-02")}}})
		t.Run("the cached due date moves", func(t *testing.T) {
			var cached string
			h.db.Table("cases").Select("due_date").Where("id = ?", c.ID).Row().Scan(&cached)
			diff(t, "cached due date", "2026-11-02", cached)
		})
		h.step(t, scenario{name: "the day is a rest day by override", method: "GET", url: "/api/v1/calendar/days?from=2026-10-29&to=2026-10-29", wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "days", daysBody{Total: 1, Items: []calendar.DayInfo{{Date: day("2026-10-29"), Workday: false, Holiday: "防汛停工", Override: true}}}, decode[daysBody](t, r))
			}})
		// Removing it restores the date; the audit trail has both edits.
		h.step(t, scenario{name: "the closure removed", method: "PUT", url: overrides, token: admin, body: map[string]any{"overrides": []any{}}, wantStatus: 200})
		h.step(t, scenario{name: "the due date is restored", method: "GET", url: appURL(c.ID), token: officer, wantStatus: 200, want: due("2026-10-30")})
		h.step(t, scenario{name: "the audit trail has both edits", method: "GET", url: "/api/v1/admin/audit?objectType=calendar", token: admin, wantStatus: 200, want: listTotal{Total: 2}})
	})
}

func TestListFilters(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-21", "09:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		// Cases received on different days: levels as of 2026-10-27.
		var ids []uint
		for _, day := range []string{"2026-09-21", "2026-09-28", "2026-10-09", "2026-10-16", "2026-10-23"} {
			h.setNow(shanghai(day, "10:00"))
			b := applicationBody(1)
			b["title"] = "收到于 " + day
			ids = append(ids, h.file(t, applicant, b).ID)
		}
		h.setNow(shanghai("2026-10-27", "10:00"))
		// National Day 10-01..10-07 is off and Saturday 10-10 is worked:
		// 09-21 + 20 = 10-26 (overdue by 1); 09-28 → 10-30 (3 left: warning);
		// 10-09 → 11-06 (8 left: normal); 10-16 → 11-13; 10-23 → 11-20.
		total := func(q string, n int) scenario {
			return scenario{name: q, method: "GET", url: "/api/v1/applications?" + q, token: officer, wantStatus: 200, want: listTotal{Total: n}}
		}
		h.run(t, []scenario{
			total("level=overdue", 1), total("level=warning", 1), total("level=normal", 3), total("level=urgent", 0),
			total("level=overdue,warning", 2), total("status=registered", 5), total("status=handling", 0),
			total("receiptFrom=2026-10-01&receiptTo=2026-10-20", 2), total("q="+"收到于%202026-10-09", 1),
			total("channel=online", 5), total("channel=fax", 0), total("limit=2", 5), total("assigneeId=me", 0), total("unassigned=true", 5),
			// Sorted by due date, overdue first; the page carries clocks.
			{name: "the first page: two cases, the overdue one first", method: "GET", url: "/api/v1/applications?limit=2", token: officer, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					items := decode[listResponse[caseResponse]](t, r).Items
					if len(items) != 2 {
						t.Fatalf("%d items", len(items))
					}
					type first struct {
						ID    uint
						Level string
					}
					diff(t, "first item", first{ids[0], "overdue"}, first{items[0].ID, string(items[0].Clock.Level)})
				}},
		})
		// A paused case keeps its frozen level.
		h.mustAct(t, officer, ids[1], "accept", nil)
		h.mustAct(t, officer, ids[1], "start-consultation", map[string]any{"kind": "agency", "partyAgencyId": 4, "partyName": ""})
		h.setNow(shanghai("2026-11-05", "10:00"))
		h.run(t, []scenario{
			total("paused=true", 1),
			total("level=warning&paused=true", 1),
			{name: "an unknown level", method: "GET", url: "/api/v1/applications?level=red", token: officer, wantStatus: 422},
			{name: "an unknown sort", method: "GET", url: "/api/v1/applications?sort=name", token: officer, wantStatus: 422},
			{name: "an unknown status", method: "GET", url: "/api/v1/applications?status=open", token: officer, wantStatus: 400},
			{name: "a bad date", method: "GET", url: "/api/v1/applications?receiptFrom=20261001", token: officer, wantStatus: 422},
			{name: "an unknown scope", method: "GET", url: "/api/v1/applications?scope=all", token: officer, wantStatus: 422},
			{name: "an unknown outcome", method: "GET", url: "/api/v1/applications?outcome=nope", token: officer, wantStatus: 422},
			// Applicants see only their own; another agency's officer none.
			{name: "another applicant sees none", method: "GET", url: "/api/v1/applications", token: h.token("demo-org"), wantStatus: 200, want: listTotal{Total: 0}},
			{name: "another agency sees none", method: "GET", url: "/api/v1/applications", token: h.token("demo-officer2"), wantStatus: 200, want: listTotal{Total: 0}},
			{name: "another agency may not ask for ZFB's", method: "GET", url: "/api/v1/applications?agencyId=1", token: h.token("demo-officer2"), wantStatus: 403},
		})
	})
}

func TestRepeatHints(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-06-01", "10:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		h.file(t, applicant, applicationBody(1))
		other := applicationBody(1)
		other["title"], other["description"] = "区教育经费预算", "申请公开2026年区教育经费预算执行情况。"
		h.file(t, applicant, other)
		h.setNow(shanghai("2026-06-15", "10:00"))
		again := applicationBody(1)
		again["description"] = "请公开莱芜区凤城街道2025年土地征收项目征地补偿安置方案和批准文件。"
		c := h.file(t, applicant, again)
		h.run(t, []scenario{
			{name: "the officer sees three this month and one repeat", method: "GET", url: appURL(c.ID), token: officer, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					hints := decode[caseResponse](t, r).Hints
					if hints == nil {
						t.Fatal("no hints")
					}
					type counts struct{ MonthCount, Repeats int }
					diff(t, "hints", counts{3, 1}, counts{hints.MonthCount, len(hints.Repeats)})
				}},
			{name: "the applicant sees no review hints", method: "GET", url: appURL(c.ID), token: applicant, wantStatus: 200, wantAbsent: []string{`"hints"`}},
		})
	})
}
