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
				diff(t, "settings in force", settings, decode[app.SettingsView](t, r).Settings)
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
