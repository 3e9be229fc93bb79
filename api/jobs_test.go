package api

import (
	"fmt"
	"strings"
	"testing"
)

func TestNotificationsAndJobsAPI(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, admin, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-admin"), h.token("demo-supervisor")
		c := h.fileMap(t, applicant, applicationBody(1))
		// The applicant is told of the submission; the officer of a new case.
		r := h.do("GET", "/api/v1/notifications/unread-count", applicant, nil)
		if r.Code != 200 || !strings.Contains(r.Body.String(), `"count":1`) {
			t.Fatalf("unread: %d %s", r.Code, r.Body)
		}
		r = h.do("GET", "/api/v1/notifications", officer, nil)
		if !strings.Contains(r.Body.String(), "新的政府信息公开申请") {
			t.Fatalf("officer inbox: %s", r.Body)
		}
		var inbox struct {
			Items []struct {
				ID   int
				Link string
			}
			Unread int
		}
		r.JSON(t, &inbox)
		if inbox.Unread != 1 || !strings.HasPrefix(inbox.Items[0].Link, "/staff/cases/") {
			t.Fatalf("inbox %+v", inbox)
		}
		// Someone else's notification is a 404.
		if r := h.do("POST", fmt.Sprintf("/api/v1/notifications/%d/read", inbox.Items[0].ID), applicant, nil); r.Code != 404 {
			t.Fatalf("reading another's: %d", r.Code)
		}
		if r := h.do("POST", fmt.Sprintf("/api/v1/notifications/%d/read", inbox.Items[0].ID), officer, nil); r.Code != 204 {
			t.Fatalf("read: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/notifications?unread=true", officer, nil); !strings.Contains(r.Body.String(), `"total":0`) {
			t.Fatalf("after read: %s", r.Body)
		}
		if r := h.do("POST", "/api/v1/notifications/read-all", applicant, nil); r.Code != 204 {
			t.Fatal(r.Code)
		}

		// Jobs: listed with schedules, run now, runs recorded.
		r = h.do("GET", "/api/v1/admin/jobs", admin, nil)
		for _, name := range []string{"deadline-sweep", "period-expiry", "conversion-review", "notification-delivery"} {
			if !strings.Contains(r.Body.String(), name) {
				t.Errorf("jobs lack %s", name)
			}
		}
		h.setNow(shanghai("2026-10-23", "09:00"))
		r = h.do("POST", "/api/v1/admin/jobs/deadline-sweep/run", admin, nil)
		if r.Code != 200 || !strings.Contains(r.Body.String(), `"status":"ok"`) || !strings.Contains(r.Body.String(), `"reminders":`) {
			t.Fatalf("run: %d %s", r.Code, r.Body)
		}
		if r := h.do("POST", "/api/v1/admin/jobs/nope/run", admin, nil); r.Code != 404 {
			t.Fatalf("unknown job: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/admin/jobs", admin, nil); !strings.Contains(r.Body.String(), `"trigger":"manual"`) {
			t.Fatalf("last runs: %s", r.Body)
		}
		if r := h.do("GET", "/api/v1/notifications", officer, nil); !strings.Contains(r.Body.String(), "剩余 5 个工作日") {
			t.Fatalf("reminder not in the inbox: %s", r.Body)
		}

		// Conversion candidates: supervisors only.
		if r := h.do("GET", "/api/v1/conversion-candidates", officer, nil); r.Code != 403 {
			t.Fatalf("officer: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/conversion-candidates?status=open", supervisor, nil); r.Code != 200 {
			t.Fatalf("supervisor: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/conversion-candidates?status=maybe", supervisor, nil); r.Code != 422 {
			t.Fatalf("bad status: %d", r.Code)
		}
		if r := h.do("POST", "/api/v1/conversion-candidates/99/decide", supervisor, map[string]any{"version": 1, "decision": "decline", "reason": "不适合主动公开"}); r.Code != 404 {
			t.Fatalf("missing candidate: %d", r.Code)
		}
		_ = c
	})
}

func TestRuntimeSettings(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		admin, officer := h.token("demo-admin"), h.token("demo-officer")
		h.fileMap(t, h.token("demo-applicant"), applicationBody(1))
		// 2026-10-23: five working days left — "warning" by default.
		h.setNow(shanghai("2026-10-23", "10:00"))
		if r := h.do("GET", "/api/v1/applications?level=warning", officer, nil); !strings.Contains(r.Body.String(), `"total":1`) {
			t.Fatalf("default level: %s", r.Body)
		}
		r := h.do("GET", "/api/v1/admin/settings", admin, nil)
		if r.Code != 200 || !strings.Contains(r.Body.String(), `"warningDays":5`) {
			t.Fatalf("get: %d %s", r.Code, r.Body)
		}
		body := map[string]any{"warningDays": 4, "urgentDays": 2, "correctionPeriodDays": 15, "repeatSimilarity": 0.6,
			"conversionMinApplicants": 3, "conversionSimilarity": 0.55, "quietStart": "21:00", "quietEnd": "07:30"}
		if r := h.do("PUT", "/api/v1/admin/settings", officer, body); r.Code != 403 {
			t.Fatalf("officer: %d", r.Code)
		}
		bad := map[string]any{"warningDays": 2, "urgentDays": 2, "correctionPeriodDays": 0, "repeatSimilarity": 2,
			"conversionMinApplicants": 1, "conversionSimilarity": 0.5, "quietStart": "25:00", "quietEnd": ""}
		r = h.do("PUT", "/api/v1/admin/settings", admin, bad)
		for _, f := range []string{"warningDays", "correctionPeriodDays", "repeatSimilarity", "conversionMinApplicants", "quietStart"} {
			if !strings.Contains(r.Body.String(), `"field":"`+f+`"`) {
				t.Errorf("%s not named: %s", f, r.Body)
			}
		}
		if r := h.do("PUT", "/api/v1/admin/settings", admin, body); r.Code != 200 {
			t.Fatalf("put: %d %s", r.Code, r.Body)
		}
		// In force at once: five days left is now "normal".
		if r := h.do("GET", "/api/v1/applications?level=normal", officer, nil); !strings.Contains(r.Body.String(), `"total":1`) {
			t.Fatalf("after the change: %s", r.Body)
		}
		// The default correction period follows.
		c := h.fileMap(t, h.token("demo-applicant"), applicationBody(1))
		c = h.mustActMap(t, officer, c["id"], "request-correction", map[string]any{"items": []string{"请写明文号"}})
		if c["state"].(map[string]any)["correction"].(map[string]any)["periodDays"].(float64) != 15 {
			t.Fatalf("correction period %v", c["state"])
		}
		if r := h.do("GET", "/api/v1/admin/audit?objectType=settings", admin, nil); !strings.Contains(r.Body.String(), "settings.update") {
			t.Fatalf("audit: %s", r.Body)
		}
	})
}

// TestReminderThresholdsSetting: the deadline sweep reminds at the working
// days left the administrators set (reminderThresholds), in force at once;
// a bad list is a 422 naming the field in Chinese and English.
func TestReminderThresholdsSetting(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		admin, officer := h.token("demo-admin"), h.token("demo-officer")
		h.file(t, h.token("demo-applicant"), applicationBody(1)) // due 2026-10-30
		var view struct {
			Settings map[string]any `json:"settings"`
			Defaults map[string]any `json:"defaults"`
		}
		r := h.do("GET", "/api/v1/admin/settings", admin, nil)
		r.JSON(t, &view)
		if fmt.Sprint(view.Settings["reminderThresholds"], view.Defaults["reminderThresholds"]) != "[5 2 1] [5 2 1]" {
			t.Fatalf("defaults: %s", r.Body)
		}
		put := func(thresholds []int) response {
			body := map[string]any{}
			for k, v := range view.Settings {
				body[k] = v
			}
			body["reminderThresholds"] = thresholds
			return h.do("PUT", "/api/v1/admin/settings", admin, body, "Accept-Language", "en")
		}
		for _, bad := range [][]int{{}, {0}, {3, 3}, {31}, {6, 5, 4, 3, 2, 1}} {
			r := put(bad)
			if r.Code != 422 || !strings.Contains(r.Body.String(), `"field":"reminderThresholds"`) || !strings.Contains(r.Body.String(), "distinct working days") {
				t.Errorf("%v: %d %s", bad, r.Code, r.Body)
			}
		}
		// Chinese by default.
		if r := h.do("PUT", "/api/v1/admin/settings", admin, map[string]any{"reminderThresholds": []int{0}}); !strings.Contains(r.Body.String(), "提醒阈值须为") {
			t.Errorf("no Chinese message: %s", r.Body)
		}
		if r := put([]int{3}); r.Code != 200 || !strings.Contains(r.Body.String(), `"reminderThresholds":[3]`) {
			t.Fatalf("put: %d %s", r.Code, r.Body)
		}
		sweep := func(date string) string {
			t.Helper()
			h.setNow(shanghai(date, "09:00"))
			if r := h.do("POST", "/api/v1/admin/jobs/deadline-sweep/run", admin, nil); r.Code != 200 || !strings.Contains(r.Body.String(), `"status":"ok"`) {
				t.Fatalf("sweep on %s: %d %s", date, r.Code, r.Body)
			}
			return h.do("GET", "/api/v1/notifications?limit=100", officer, nil).Body.String()
		}
		// Five working days left: no longer a reminder.
		if inbox := sweep("2026-10-23"); strings.Contains(inbox, "剩余") {
			t.Fatalf("reminded at 5 days left with thresholds [3]: %s", inbox)
		}
		// Three left (10-27, 10-28, 10-29): reminded.
		if inbox := sweep("2026-10-27"); !strings.Contains(inbox, "剩余 3 个工作日") {
			t.Fatalf("not reminded at 3 days left: %s", inbox)
		}
		// Two left: the threshold reached is still 3, told already.
		if inbox := sweep("2026-10-28"); strings.Count(inbox, `"kind":"reminder.days_left`) != 1 {
			t.Fatalf("reminded again at 2 days left: %s", inbox)
		}
		// Back to the defaults: 2 is a threshold again, and the next sweep
		// reminds (a change without the field keeps it).
		if r := put([]int{5, 2, 1}); r.Code != 200 {
			t.Fatalf("put back: %d %s", r.Code, r.Body)
		}
		body := map[string]any{}
		for k, v := range view.Settings {
			if k != "reminderThresholds" {
				body[k] = v
			}
		}
		if r := h.do("PUT", "/api/v1/admin/settings", admin, body); r.Code != 200 || !strings.Contains(r.Body.String(), `"reminderThresholds":[5,2,1]`) {
			t.Fatalf("put without the field: %d %s", r.Code, r.Body)
		}
		if inbox := sweep("2026-10-28"); !strings.Contains(inbox, `"kind":"reminder.days_left.2"`) || !strings.Contains(inbox, "剩余 2 个工作日") {
			t.Fatalf("not reminded at 2 days left after the change: %s", inbox)
		}
	})
}
