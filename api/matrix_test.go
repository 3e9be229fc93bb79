package api

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	"gongkai/models"
)

// fixture moves a fresh case to status and returns its id.
func (h *harness) fixture(t *testing.T, status models.Status) uint {
	t.Helper()
	applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
	if status == models.StatusSubmitted {
		b := applicationBody(1)
		b["channel"], b["arrivedAt"], b["applicantId"] = "ordinary_post", h.clock.Now().Add(-2*time.Hour), 2
		c := h.file(t, officer, b)
		if c.Status != "submitted" {
			t.Fatalf("submitted fixture: %s", c.Status)
		}
		return c.ID
	}
	id := h.file(t, applicant, applicationBody(1)).ID
	steps := map[models.Status][]struct {
		token, action string
		body          map[string]any
	}{
		models.StatusRegistered:          {},
		models.StatusCorrectionRequested: {{officer, "request-correction", map[string]any{"items": []string{"请写明文号"}}}},
		models.StatusHandling:            {{officer, "accept", nil}},
		models.StatusAnswerReview:        {{officer, "accept", nil}, {officer, "draft-answer", draftBody()}},
		models.StatusAnswered:            {{officer, "accept", nil}, {officer, "draft-answer", draftBody()}, {supervisor, "decide-answer", map[string]any{"approve": true}}},
		models.StatusClosed:              {{applicant, "withdraw", nil}},
		models.StatusArchived: {{officer, "accept", nil}, {officer, "draft-answer", draftBody()}, {supervisor, "decide-answer", map[string]any{"approve": true}},
			{officer, "record-delivery", map[string]any{"method": "online"}}, {officer, "archive", map[string]any{"archiveNumber": "A-1"}}},
	}
	for _, s := range steps[status] {
		h.mustAct(t, s.token, id, s.action, s.body)
	}
	return id
}

func draftBody() map[string]any {
	return map[string]any{"outcome": "disclosed", "legalBasis": "《条例》第三十六条第（二）项", "text": "经审查，现向您提供所申请的政府信息。"}
}

// matrixBodies are valid bodies for each action on a plain fixture.
func matrixBodies(today string) map[models.Action]map[string]any {
	return map[models.Action]map[string]any{
		models.ActConfirmReceipt:           {},
		models.ActAccept:                   {},
		models.ActRequestCorrection:        {"items": []string{"请写明文号"}},
		models.ActSubmitCorrection:         {"description": "补正后的特征性描述：鲁政土字〔2025〕88号批复。"},
		models.ActAssign:                   {"assigneeId": 4},
		models.ActRefer:                    {"referralAgencyId": 4, "text": "该信息由区自然资源局制作和保存。"},
		models.ActStartConsultation:        {"kind": "third_party", "partyName": "某公司"},
		models.ActRecordConsultation:       {"consultationId": 1, "reply": "agree"},
		models.ActRequestAssistance:        {"agencyId": 4, "question": "请协助提供批准文件"},
		models.ActReplyAssistance:          {"consultationId": 1, "reply": "已提供"},
		models.ActRequestExtension:         {"days": 10, "reason": "需要调取档案"},
		models.ActDecideExtension:          {"approve": true},
		models.ActIssueFeeNotice:           {"method": "per_page", "pages": 100},
		models.ActRecordPayment:            {},
		models.ActSetCustomDeadline:        {"dueDate": "2027-06-30", "reason": "申请数量明显超过合理范围"},
		models.ActDraftAnswer:              draftBody(),
		models.ActDecideAnswer:             {"approve": true},
		models.ActRecordDelivery:           {"method": "online"},
		models.ActArchive:                  {"archiveNumber": "A-2"},
		models.ActWithdraw:                 {"reason": "不再需要"},
		models.ActClose:                    {"outcome": "other.other", "reason": "申请人要求终止"},
		models.ActSuggestConversion:        {"text": "建议将征地补偿安置方案主动公开"},
		models.ActRecordRemedy:             {"kind": "reconsideration", "filedOn": today, "result": "pending"},
		models.ActRecordCorrectionDelivery: {"receivedOn": today},
		models.ActUrge:                     {"text": "请于本周内办结"},
		models.ActNotifyThirdParty:         {"reasons": "该信息涉及重大公共利益，不公开将对公众知情造成重大影响", "disclosureDate": today},
	}
}

// TestActionMatrix sends every action, from every status, as every kind of
// caller, and checks the status code against the transition table and the
// visibility rules; it also checks that allowedActions lists exactly the
// actions that succeed.
func TestActionMatrix(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-06-10", "10:00"))
		today := "2026-06-10"
		actors := []struct {
			name, user string
			role       models.Role
			sees       bool
			staff      bool
		}{
			{"owner", "demo-applicant", models.RoleApplicant, true, false},
			{"other applicant", "demo-org", models.RoleApplicant, false, false},
			{"officer", "demo-officer", models.RoleOfficer, true, true},
			{"officer of another agency", "demo-officer2", models.RoleOfficer, false, true},
			{"supervisor", "demo-supervisor", models.RoleSupervisor, true, true},
		}
		// Guards that refuse on a plain fixture (nothing pending).
		guardFails := func(a models.Action, st models.Status) bool {
			switch a {
			case models.ActRecordConsultation, models.ActDecideExtension, models.ActRecordPayment,
				models.ActRecordCorrectionDelivery, // the fixture's notice went out online
				models.ActNotifyThirdParty:         // no third party objected
				return true
			case models.ActArchive:
				return st == models.StatusAnswered // not delivered yet
			}
			return false
		}
		bodies := matrixBodies(today)
		expect := func(a models.Action, st models.Status, role models.Role, sees bool) int {
			tr := models.Transitions[a]
			switch {
			case !sees:
				return 404
			case !containsRole(tr.Roles, role):
				return 403
			case a == models.ActReplyAssistance:
				return 403 // no assistance task for the caller's agency
			case !containsStatus(tr.From, st):
				return 409
			case guardFails(a, st):
				return 409
			}
			return 200
		}
		shared := map[models.Status]uint{}
		for _, st := range models.Statuses {
			shared[st] = h.fixture(t, st)
		}
		tokens := map[string]string{}
		for _, a := range actors {
			tokens[a.user] = h.token(a.user)
		}
		for _, st := range models.Statuses {
			t.Run("from "+string(st), func(t *testing.T) {
				var rows []scenario
				for _, ac := range actors {
					wantAllowed := []string{}
					for _, a := range models.Actions {
						want := expect(a, st, ac.role, ac.sees)
						id := shared[st]
						if want == 200 {
							wantAllowed = append(wantAllowed, string(a))
							id = h.fixture(t, st) // a success changes the case
						}
						rows = append(rows, scenario{name: string(a) + " as " + ac.name, act: string(a), caseID: id, token: tokens[ac.user], body: bodies[a], wantStatus: want})
					}
					if !ac.sees {
						continue
					}
					rows = append(rows, scenario{name: "allowedActions for " + ac.name, method: "GET", url: appURL(shared[st]), token: tokens[ac.user], wantStatus: 200,
						check: func(t *testing.T, r *httptest.ResponseRecorder) {
							diff(t, "allowedActions", wantAllowed, actionNames(decode[caseResponse](t, r)), cmpopts.SortSlices(func(a, b string) bool { return a < b }))
						}})
				}
				h.run(t, rows)
			})
		}
	})
}

func containsRole(rs []models.Role, r models.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func containsStatus(ss []models.Status, s models.Status) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
