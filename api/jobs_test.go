package api

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"gongkai/app"
)

func TestNotificationsAndJobsAPI(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, admin, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-admin"), h.token("demo-supervisor")
		h.file(t, applicant, applicationBody(1))
		// The applicant is told of the submission; the officer of a new case.
		type count struct {
			Count int `json:"count"`
		}
		h.step(t, scenario{name: "the applicant has one unread notification", method: "GET", url: "/api/v1/notifications/unread-count", token: applicant,
			wantStatus: 200, want: count{Count: 1}})
		var inbox inboxResponse
		h.step(t, scenario{name: "the officer is told of the new case, with a link to it", method: "GET", url: "/api/v1/notifications", token: officer,
			wantStatus: 200, into: &inbox, wantContains: []string{"新的政府信息公开申请"},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				in := decode[inboxResponse](t, r)
				diff(t, "unread", 1, in.Unread)
				if len(in.Items) == 0 || !strings.HasPrefix(in.Items[0].Link, "/staff/cases/") {
					t.Errorf("items %+v", in.Items)
				}
			}})
		read := fmt.Sprintf("/api/v1/notifications/%d/read", inbox.Items[0].ID)
		h.step(t, scenario{name: "someone else's notification is a 404", method: "POST", url: read, token: applicant, wantStatus: 404})
		h.step(t, scenario{name: "the officer reads it", method: "POST", url: read, token: officer, wantStatus: 204})
		h.step(t, scenario{name: "nothing unread after", method: "GET", url: "/api/v1/notifications?unread=true", token: officer, wantStatus: 200, want: listTotal{Total: 0}})
		h.step(t, scenario{name: "the applicant reads all", method: "POST", url: "/api/v1/notifications/read-all", token: applicant, wantStatus: 204})

		// Jobs: listed with schedules, run now, runs recorded.
		h.step(t, scenario{name: "the jobs are listed", method: "GET", url: "/api/v1/admin/jobs", token: admin, wantStatus: 200,
			wantContains: []string{"deadline-sweep", "period-expiry", "conversion-review", "notification-delivery"}})
		h.setNow(shanghai("2026-10-23", "09:00"))
		h.step(t, scenario{name: "the deadline sweep runs now and counts its reminders", method: "POST", url: "/api/v1/admin/jobs/deadline-sweep/run", token: admin,
			wantStatus: 200, check: func(t *testing.T, r *httptest.ResponseRecorder) {
				run := decode[jobRunResponse](t, r)
				diff(t, "status", "ok", run.Status)
				if _, ok := run.Counts["reminders"]; !ok {
					t.Errorf("counts %v lack reminders", run.Counts)
				}
			}})
		h.step(t, scenario{name: "an unknown job", method: "POST", url: "/api/v1/admin/jobs/nope/run", token: admin, wantStatus: 404})
		h.step(t, scenario{name: "the manual run is recorded", method: "GET", url: "/api/v1/admin/jobs", token: admin, wantStatus: 200, wantContains: []string{`"trigger":"manual"`}})
		h.step(t, scenario{name: "the reminder is in the officer's inbox", method: "GET", url: "/api/v1/notifications", token: officer, wantStatus: 200, wantContains: []string{"剩余 5 个工作日"}})

		// Conversion candidates: supervisors only.
		h.run(t, []scenario{
			{name: "officers may not see conversion candidates", method: "GET", url: "/api/v1/conversion-candidates", token: officer, wantStatus: 403},
			{name: "supervisors may", method: "GET", url: "/api/v1/conversion-candidates?status=open", token: supervisor, wantStatus: 200},
			{name: "an unknown status", method: "GET", url: "/api/v1/conversion-candidates?status=maybe", token: supervisor, wantStatus: 422},
			{name: "a missing candidate", method: "POST", url: "/api/v1/conversion-candidates/99/decide", token: supervisor,
				body: map[string]any{"version": 1, "decision": "decline", "reason": "不适合主动公开"}, wantStatus: 404},
		})
	})
}

func TestRuntimeSettings(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		admin, officer := h.token("demo-admin"), h.token("demo-officer")
		h.file(t, h.token("demo-applicant"), applicationBody(1))
		// 2026-10-23: five working days left — "warning" by default.
		h.setNow(shanghai("2026-10-23", "10:00"))
		h.step(t, scenario{name: "five days left is a warning by default", method: "GET", url: "/api/v1/applications?level=warning", token: officer,
			wantStatus: 200, want: listTotal{Total: 1}})
		type warning struct {
			WarningDays int `json:"warningDays"`
		}
		type view struct {
			Settings warning `json:"settings"`
			Defaults warning `json:"defaults"`
		}
		h.step(t, scenario{name: "the settings in force are the defaults", method: "GET", url: "/api/v1/admin/settings", token: admin,
			wantStatus: 200, want: view{Settings: warning{5}, Defaults: warning{5}}})
		settings := app.RuntimeSettings{WarningDays: 4, UrgentDays: 2, CorrectionPeriodDays: 15, RepeatSimilarity: 0.6,
			ConversionMinApplicants: 3, ConversionSimilarity: 0.55, QuietStart: "21:00", QuietEnd: "07:30"}
		h.step(t, scenario{name: "officers may not change them", method: "PUT", url: "/api/v1/admin/settings", token: officer, body: settings, wantStatus: 403})
		bad := map[string]any{"warningDays": 2, "urgentDays": 2, "correctionPeriodDays": 0, "repeatSimilarity": 2,
			"conversionMinApplicants": 1, "conversionSimilarity": 0.5, "quietStart": "25:00", "quietEnd": ""}
		h.step(t, scenario{name: "bad settings name every field", method: "PUT", url: "/api/v1/admin/settings", token: admin, body: bad,
			wantStatus: 422, wantProblem: invalid("warningDays", "correctionPeriodDays", "repeatSimilarity", "conversionMinApplicants", "quietStart", "quietEnd")})
		h.step(t, scenario{name: "the admin changes them", method: "PUT", url: "/api/v1/admin/settings", token: admin, body: settings, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				// Thresholds left out of a change stay as they were.
				want := settings
				want.ReminderThresholds = []int{5, 2, 1}
				diff(t, "settings in force", want, decode[app.SettingsView](t, r).Settings)
			}})
		// In force at once: five days left is now "normal".
		h.step(t, scenario{name: "in force at once: five days left is normal", method: "GET", url: "/api/v1/applications?level=normal", token: officer,
			wantStatus: 200, want: listTotal{Total: 1}})
		// The default correction period follows.
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		h.step(t, scenario{name: "the default correction period follows", act: "request-correction", caseID: c.ID, token: officer,
			body: map[string]any{"items": []string{"请写明文号"}}, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "period days", 15, decode[caseResponse](t, r).State.Correction.PeriodDays)
			}})
		h.step(t, scenario{name: "the change is audited", method: "GET", url: "/api/v1/admin/audit?objectType=settings", token: admin,
			wantStatus: 200, wantContains: []string{"settings.update"}})
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
