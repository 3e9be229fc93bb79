package api

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"gongkai/app"
)

// The rules an agency lawyer checked by hand against the notices (issue
// 1/10). Each test fails on the code before the issue: dates worked out by
// hand from the State Council's 2026 schedule (National Day 10-01..10-07,
// 10-10 a working Saturday).

// staffBody is an application registered by staff for an applicant
// without an account.
func staffBody(agencyID int, channel string, arrived time.Time) map[string]any {
	b := applicationBody(agencyID)
	b["channel"], b["arrivedAt"] = channel, arrived
	b["delivery"] = "pickup"
	b["applicant"] = map[string]any{"applicantType": "natural", "name": "王秀兰", "idType": "resident_id",
		"idNumber": "110101199003078515", "phone": "13812345678", "address": "济南市莱芜区凤城街道1号"}
	return b
}

// noticeURL is the address of a case's latest notice of a kind.
func (h *harness) noticeURL(t *testing.T, token string, caseID uint, kind string) string {
	t.Helper()
	r := h.do("GET", appURL(caseID, "/notices"), token, nil)
	ns := decode[listResponse[noticeResponse]](t, r.ResponseRecorder)
	for i := len(ns.Items) - 1; i >= 0; i-- {
		if ns.Items[i].Kind == kind {
			return fmt.Sprintf("/api/v1/notices/%d", ns.Items[i].ID)
		}
	}
	t.Fatalf("case %d has no %s notice: %s", caseID, kind, r.Body)
	return ""
}

// inboxURL lists a user's notifications.
const inboxURL = "/api/v1/notifications?limit=200"

// TestReceiptOnRestDays: an online submission on a Saturday is received
// that day (Art 31(3), the platform confirms at once), so its first counted
// day is Monday and its due date one working day earlier than before.
func TestReceiptOnRestDays(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-17", "10:00")) // a Saturday
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		var c caseResponse
		// 10-19..23, 26..30, 11-02..06, 09..13: the 20th working day.
		h.step(t, scenario{name: "filed online on Saturday 2026-10-17: received that day, due 2026-11-13", method: "POST", url: "/api/v1/applications",
			token: applicant, body: applicationBody(1), wantStatus: 201, into: &c,
			want:  caseBody{Status: "registered", ReceiptDate: "2026-10-17", Clock: clockBody{DueDate: "2026-11-13"}},
			check: wantTrace("休息日")})
		// A correction filed online on a Saturday is received that day too.
		h.setNow(shanghai("2026-10-19", "09:00"))
		h.step(t, scenario{name: "a correction requested", act: "request-correction", caseID: c.ID, token: officer,
			body: map[string]any{"items": []string{"请写明文号"}}, wantStatus: 200})
		h.setNow(shanghai("2026-10-24", "11:00"))
		h.step(t, scenario{name: "corrected online on Saturday 2026-10-24: received that day, due 2026-11-20", act: "submit-correction", caseID: c.ID, token: applicant,
			body:       map[string]any{"description": "补正：申请公开鲁政土字〔2025〕88号批复的征地补偿安置方案。"},
			wantStatus: 200, want: caseBody{Status: "registered", ReceiptDate: "2026-10-24", Clock: clockBody{DueDate: "2026-11-20"}}})
	})
}

// TestAwaitingConfirmationHasAClock: ordinary post, fax and e-mail waiting
// for the confirmation with the applicant already run their clock from the
// arrival day (Art 31 expects the confirmation that day); a later
// confirmation keeps the arrival date unless the applicant could not be
// reached.
func TestAwaitingConfirmationHasAClock(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-14", "16:00"))
		officer := h.token("demo-officer")
		arrived := shanghai("2026-10-14", "09:00")
		// 10-15,16, 19..23, 26..30, 11-02..06, 09..11: the 20th working day.
		// The receipt date is set at the confirmation.
		awaiting := caseBody{Status: "submitted", ReceiptDate: "", Clock: clockBody{DueDate: "2026-11-11", AwaitingConfirmation: true}}
		var a, b caseResponse
		h.step(t, scenario{name: "ordinary post awaiting confirmation runs from its arrival", method: "POST", url: "/api/v1/applications", token: officer,
			body: staffBody(1, "ordinary_post", arrived), wantStatus: 201, into: &a, want: awaiting,
			check: checks(wantTrace("待与申请人确认"), func(t *testing.T, r *httptest.ResponseRecorder) {
				if l := decode[caseResponse](t, r).Clock.Level; l == "" {
					t.Error("no level")
				}
			})})
		h.step(t, scenario{name: "it has its place in the queue, by due date", method: "GET", url: "/api/v1/applications?status=submitted", token: officer,
			wantStatus: 200, want: caseList{Total: 1, Items: []caseBody{awaiting}}, wantAbsent: []string{"1970-01-01"}})
		h.step(t, scenario{name: "an e-mail awaiting confirmation", method: "POST", url: "/api/v1/applications", token: officer,
			body: staffBody(1, "email", arrived), wantStatus: 201, into: &b})
		f := staffBody(1, "fax", arrived)
		f["receiptDate"] = "2026-10-14"
		h.step(t, scenario{name: "a fax confirmed on arrival", method: "POST", url: "/api/v1/applications", token: officer, body: f, wantStatus: 201})

		h.setNow(shanghai("2026-10-19", "10:00"))
		h.step(t, scenario{name: "confirmed five days later without a reason: the arrival day stays", act: "confirm-receipt", caseID: a.ID, token: officer,
			wantStatus: 200, want: caseBody{Status: "registered", ReceiptDate: "2026-10-14", Clock: clockBody{DueDate: "2026-11-11"}},
			check: wantTrace("仍为到达之日")})
		// With the reason the applicant could not be reached: the
		// confirmation day, and the reason on the record.
		h.step(t, scenario{name: "confirmed with the reason the applicant could not be reached: the confirmation day", act: "confirm-receipt", caseID: b.ID, token: officer,
			body:       map[string]any{"unreachableReason": "申请人预留电话多次无人接听，10月19日联系上"},
			wantStatus: 200, into: &b, want: caseBody{Status: "registered", ReceiptDate: "2026-10-19", Clock: clockBody{DueDate: "2026-11-16"}}})
		h.step(t, scenario{name: "the reason is in the timeline", method: "GET", url: appURL(b.ID, "/events"), token: officer,
			wantStatus: 200, wantContains: []string{"多次无人接听"}})
		// A receipt date after the arrival, entered at registration, needs
		// the reason too.
		late := staffBody(1, "fax", arrived)
		late["receiptDate"] = "2026-10-16"
		short := staffBody(1, "fax", arrived)
		short["receiptDate"], short["unreachableReason"] = "2026-10-16", "未接"
		h.run(t, []scenario{
			{name: "later receipt without a reason", method: "POST", url: "/api/v1/applications", token: officer, body: late,
				wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"unreachableReason"}}},
			// The reason is 4 to 500 characters here as at confirmation.
			{name: "later receipt with a two-character reason", method: "POST", url: "/api/v1/applications", token: officer, body: short,
				wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"unreachableReason"}}, wantContains: []string{"4"}},
			{name: "a reason on the arrival day", act: "confirm-receipt", caseID: b.ID, token: officer, body: map[string]any{"version": b.Version}, wantStatus: 409},
		})
	})
}

// TestLateCorrectionNoticeRefused: Art 30 allows the one correction notice
// within 7 working days of receipt; after that it is refused, naming the
// article and the last permitted day.
func TestLateCorrectionNoticeRefused(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		onTime := h.file(t, applicant, applicationBody(1)).ID
		late := h.file(t, applicant, applicationBody(1)).ID
		// 09-29, 09-30, 10-08, 10-09, 10-10 (a working Saturday), 10-12,
		// 10-13: the window's last day.
		h.setNow(shanghai("2026-10-13", "17:00"))
		h.step(t, scenario{name: "a notice on the window's last day, 2026-10-13", act: "request-correction", caseID: onTime, token: officer,
			body: map[string]any{"items": []string{"请写明文号"}}, wantStatus: 200})
		h.setNow(shanghai("2026-10-14", "09:00"))
		h.run(t, []scenario{
			{name: "a late notice is not offered", method: "GET", url: appURL(late), token: officer, wantStatus: 200, check: wantActions(nil, []string{"request-correction"})},
			{name: "a late notice is refused, naming Art 30 and the last day", act: "request-correction", caseID: late, token: officer,
				body: map[string]any{"items": []string{"请写明文号"}}, wantStatus: 409, wantContains: []string{"第三十条", "2026年10月13日"}},
		})
	})
}

// TestCorrectionPeriodFromReceiptOfNotice: the correction period runs from
// the day the applicant received the notice; a notice sent by post starts
// its period only when its delivery is recorded, and nothing lapses before.
func TestCorrectionPeriodFromReceiptOfNotice(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-12", "10:00"))
		officer, admin := h.token("demo-officer"), h.token("demo-admin")
		id := h.file(t, officer, staffBody(1, "in_person", shanghai("2026-10-12", "09:30"))).ID
		h.setNow(shanghai("2026-10-13", "10:00"))
		h.step(t, scenario{name: "no account: say how the notice goes", act: "request-correction", caseID: id, token: officer,
			body:       map[string]any{"version": 1, "items": []string{"请写明文号"}},
			wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"delivery"}}})
		h.step(t, scenario{name: "a notice by post starts no period yet", act: "request-correction", caseID: id, token: officer,
			body: map[string]any{"items": []string{"请写明文号"}, "periodDays": 10, "delivery": "post"}, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "correction", &correctionResponse{Items: []string{"请写明文号"}, PeriodDays: 10, NoticeOn: day("2026-10-13"), Delivery: "post"},
					decode[caseResponse](t, r).State.Correction)
			}})
		h.step(t, scenario{name: "the notice counts from its receipt", method: "GET", url: h.noticeURL(t, officer, id, "correction"), token: officer,
			wantStatus: 200, wantContains: []string{"自收到本告知书之日起 10 个工作日内"}})
		// Three weeks on, nothing has lapsed: the period has not started.
		h.setNow(shanghai("2026-11-03", "01:00"))
		expiry := scenario{name: "the period-expiry job runs", method: "POST", url: "/api/v1/admin/jobs/period-expiry/run", token: admin, wantStatus: 200}
		h.step(t, expiry)
		h.step(t, scenario{name: "nothing has lapsed before the period started", method: "GET", url: appURL(id), token: officer,
			wantStatus: 200, want: outcomeBody{Status: "correction_requested"}})
		h.step(t, scenario{name: "closing as lapsed is refused", act: "close", caseID: id, token: officer,
			body: map[string]any{"outcome": "other.correction_lapsed"}, wantStatus: 409})
		// The signed receipt says the applicant got it on 10-16: the 10
		// working days run 10-19..23, 26..30.
		h.step(t, scenario{name: "the receipt signed on 10-16 starts the period: it ends 2026-10-30", act: "record-correction-delivery", caseID: id, token: officer,
			body: map[string]any{"receivedOn": "2026-10-16"}, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "period ends", "2026-10-30", decode[caseResponse](t, r).State.Correction.PeriodEnds.String())
			}})
		expiry.name = "the period-expiry job runs again"
		h.step(t, expiry)
		h.step(t, scenario{name: "after the period the case is closed as lapsed", method: "GET", url: appURL(id), token: officer,
			wantStatus: 200, want: outcomeBody{Status: "closed", Outcome: "other.correction_lapsed"}})
	})
}

// TestFeeCountPerAgency: 109号 Art 4 counts an applicant's applications per
// agency: eleven to one agency do not make one to another chargeable.
func TestFeeCountPerAgency(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-03-02", "10:00"))
		applicant, officer2 := h.token("demo-applicant"), h.token("demo-officer2")
		for i := 0; i < 11; i++ {
			b := applicationBody(1)
			b["title"] = fmt.Sprintf("第%d号政府信息", i+1)
			h.file(t, applicant, b)
		}
		other := h.file(t, applicant, applicationBody(4)).ID
		h.mustAct(t, officer2, other, "accept", nil)
		h.run(t, []scenario{{name: "the quote counts only this agency's applications", method: "GET", url: appURL(other, "/fee-quote?pages=10"), token: officer2,
			wantStatus: 200, want: app.FeeQuote{MonthCount: 1, Pages: 10, PerApplication: 0, PerPage: 0}}})
	})
}

// TestApprovalsByTheAgencysOwnSupervisor: Art 33 — the head of the handling
// agency's disclosure office approves; the district-wide supervisor sees
// everything waiting, urges, but does not approve for another agency.
func TestApprovalsByTheAgencysOwnSupervisor(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-12", "10:00"))
		applicant, officer2 := h.token("demo-applicant"), h.token("demo-officer2")
		district, own := h.token("demo-supervisor"), h.token("demo-supervisor-zrj")
		id := h.file(t, applicant, applicationBody(4)).ID
		h.mustAct(t, officer2, id, "accept", nil)
		h.setNow(shanghai("2026-10-26", "10:00"))
		h.step(t, scenario{name: "a 10-day extension requested", act: "request-extension", caseID: id, token: officer2,
			body: map[string]any{"days": 10, "reason": "需要调取档案"}, wantStatus: 200})
		h.step(t, scenario{name: "the agency's supervisor is told, with the working days left", method: "GET", url: inboxURL, token: own,
			wantStatus: 200, wantContains: []string{"延期申请待审批", "个工作日"}})
		h.step(t, scenario{name: "the district-wide supervisor may urge but not decide", method: "GET", url: appURL(id), token: district,
			wantStatus: 200, check: wantActions([]string{"urge"}, []string{"decide-extension"})})
		h.step(t, scenario{name: "everything waiting, across agencies, with the days left", method: "GET", url: "/api/v1/applications?awaitingApproval=true", token: district,
			wantStatus: 200, wantContains: []string{`"remainingWorkingDays"`},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				var ids []uint
				for _, c := range decode[listResponse[caseResponse]](t, r).Items {
					ids = append(ids, c.ID)
				}
				if !slices.Contains(ids, id) {
					t.Errorf("waiting list %v lacks case %d", ids, id)
				}
			}})
		h.step(t, scenario{name: "the district-wide supervisor approving another agency's extension", act: "decide-extension", caseID: id, token: district,
			body: map[string]any{"approve": true}, wantStatus: 403, wantContains: []string{"第三十三条"}})
		h.step(t, scenario{name: "the district-wide supervisor urges", act: "urge", caseID: id, token: district,
			body: map[string]any{"text": "请于本周内办结并报送答复"}, wantStatus: 200})
		h.step(t, scenario{name: "the officer is told of the 督办", method: "GET", url: inboxURL, token: officer2, wantStatus: 200, wantContains: []string{"督办"}})
		// Due 2026-11-09 (10-13..16, 19..23, 26..30, 11-02..06, 09), and 10
		// working days on (11-10..13, 16..20, 23).
		h.step(t, scenario{name: "the agency's own supervisor approves", act: "decide-extension", caseID: id, token: own, body: map[string]any{"approve": true},
			wantStatus: 200, want: caseBody{Status: "handling", ReceiptDate: "2026-10-12", Clock: clockBody{DueDate: "2026-11-23", ExtendedDays: 10}}})
	})
}

// TestDisclosureOverThirdPartyObjection: Art 32 — disclosing over a third
// party's objection needs a written notice to it first; the answer cannot
// be delivered until it has gone out, nor before the disclosure date.
func TestDisclosureOverThirdPartyObjection(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-12", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		id := h.file(t, applicant, applicationBody(1)).ID
		h.mustAct(t, officer, id, "accept", nil)
		c := h.mustAct(t, officer, id, "start-consultation", map[string]any{"kind": "third_party", "partyName": "济南某房地产开发有限公司"})
		h.setNow(shanghai("2026-10-15", "10:00"))
		h.step(t, scenario{name: "the third party objects", act: "record-consultation-reply", caseID: id, token: officer,
			body: map[string]any{"consultationId": c.Consultations[0].ID, "reply": "object", "reason": "涉及商业秘密"}, wantStatus: 200})
		draft := map[string]any{"outcome": "disclosed", "legalBasis": "《条例》第三十二条、第三十六条第（二）项", "text": "经审查，不公开可能对公共利益造成重大影响，现向您提供该信息。"}
		h.step(t, scenario{name: "disclosing over the objection without telling the third party", act: "draft-answer", caseID: id, token: officer, body: draft,
			wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"thirdPartyNotice"}}, wantContains: []string{"第三十二条"}})
		draft["thirdPartyNotice"] = map[string]any{"reasons": "该补偿方案关系被征收群众切身利益，不公开将对公共利益造成重大影响。", "disclosureDate": "2026-10-26"}
		h.step(t, scenario{name: "the answer drafted with a notice to the third party", act: "draft-answer", caseID: id, token: officer, body: draft, wantStatus: 200})
		h.step(t, scenario{name: "the answer approved", act: "decide-answer", caseID: id, token: supervisor, body: map[string]any{"approve": true}, wantStatus: 200})
		h.step(t, scenario{name: "the notice to the third party", method: "GET", url: h.noticeURL(t, officer, id, "third_party_disclosure"), token: officer,
			wantStatus: 200, wantContains: []string{"告知书（给第三方）", "济南某房地产开发有限公司", "不公开将对公共利益造成重大影响", "2026年10月26日", "第三十二条"}})
		h.step(t, scenario{name: "the applicant does not see the letter to the third party", method: "GET", url: appURL(id, "/notices"), token: applicant,
			wantStatus: 200, wantAbsent: []string{"third_party_disclosure"}})
		h.step(t, scenario{name: "delivery before the disclosure date is refused", act: "record-delivery", caseID: id, token: officer,
			body: map[string]any{"method": "online"}, wantStatus: 409, wantContains: []string{"2026年10月26日"}})
		h.setNow(shanghai("2026-10-26", "09:00"))
		h.step(t, scenario{name: "delivered on the disclosure date", act: "record-delivery", caseID: id, token: officer,
			body: map[string]any{"method": "online"}, wantStatus: 200})
	})
}

// TestRemedyOnAnUnansweredCase: Art 51 — a lawsuit over a failure to
// answer in time (不作为) is recorded on the open case and counts in table
// 四.
func TestRemedyOnAnUnansweredCase(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		id := h.file(t, applicant, applicationBody(1)).ID
		h.mustAct(t, officer, id, "accept", nil)
		h.setNow(shanghai("2026-11-05", "10:00"))
		h.step(t, scenario{name: "the case is overdue and a remedy can be recorded", method: "GET", url: appURL(id), token: officer, wantStatus: 200,
			check: checks(wantActions([]string{"record-remedy"}, nil), func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "level", "overdue", string(decode[caseResponse](t, r).Clock.Level))
			})})
		h.step(t, scenario{name: "a lawsuit over the failure to answer", act: "record-remedy", caseID: id, token: officer,
			body: map[string]any{"kind": "litigation_direct", "filedOn": "2026-11-04", "result": "pending", "note": "申请人以逾期未答复为由提起诉讼"}, wantStatus: 200})
		h.step(t, scenario{name: "table 四 counts it", method: "GET", url: "/api/v1/reports/annual?year=2026&agencyId=1", token: supervisor, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				v := decode[annualBody](t, r).Remedies.Values
				diff(t, "table 四", map[string]int{"litigation_direct.pending": 1, "litigation_direct.total": 1},
					map[string]int{"litigation_direct.pending": v["litigation_direct.pending"], "litigation_direct.total": v["litigation_direct.total"]})
			}})
	})
}

// TestRemedyClause: the 2023 行政复议法 makes reconsideration come first
// for refusals (Art 23); other answers name the reconsideration body (60
// days) and the court (6 months), from the agency's settings; the 答复书
// calls itself 本答复书 and addresses a natural person as 您.
func TestRemedyClause(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-12", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		answer := func(outcome, withheld string) string {
			id := h.file(t, applicant, applicationBody(1)).ID
			h.mustAct(t, officer, id, "accept", nil)
			body := map[string]any{"outcome": outcome, "legalBasis": "《条例》第十五条、第三十六条第（三）项", "text": "经审查，答复如下：所申请信息涉及第三方商业秘密。"}
			if withheld != "" {
				body["withheldReasons"] = withheld
			}
			h.mustAct(t, officer, id, "draft-answer", body)
			h.mustAct(t, supervisor, id, "decide-answer", map[string]any{"approve": true})
			return h.noticeURL(t, officer, id, "answer")
		}
		refusal, disclosure := answer("not_disclosed.third_party_rights", "涉及第三方商业秘密"), answer("disclosed", "")
		h.run(t, []scenario{
			{name: "a refusal requires reconsideration first (Art 23) and offers no direct lawsuit", method: "GET", url: refusal, token: officer, wantStatus: 200,
				wantContains: []string{"应当自收到本答复书之日起六十日内向济南市莱芜区人民政府申请行政复议", "第二十三条", "您于"},
				wantAbsent:   []string{"六个月内", "本告知书", "您（单位）"}},
			{name: "a disclosure names the reconsideration body and the court", method: "GET", url: disclosure, token: officer, wantStatus: 200,
				wantContains: []string{"六十日内向济南市莱芜区人民政府申请行政复议", "六个月内向济南市莱芜区人民法院提起行政诉讼"},
				wantAbsent:   []string{"本告知书", "您（单位）"}},
		})
	})
}

// annualBody is the annual report's rows, checks and table 四.
type annualBody struct {
	Rows []struct {
		Key    string         `json:"key"`
		Values map[string]int `json:"values"`
	} `json:"rows"`
	Checks []struct {
		Rule   string `json:"rule"`
		Column string `json:"column"`
		Detail string `json:"detail"`
		OK     bool   `json:"ok"`
	} `json:"checks"`
	Remedies struct {
		Values map[string]int `json:"values"`
	} `json:"remedies"`
}

// rowValues is one column of the report's rows, by row key.
func (a annualBody) rowValues(column string) map[string]int {
	out := map[string]int{}
	for _, row := range a.Rows {
		out[row.Key] = row.Values[column]
	}
	return out
}

// wantChecksPass checks every consistency check of an annual report passes.
func wantChecksPass(t *testing.T, r *httptest.ResponseRecorder) {
	t.Helper()
	for _, c := range decode[annualBody](t, r).Checks {
		if !c.OK {
			t.Errorf("check %s %s failed: %s", c.Rule, c.Column, c.Detail)
		}
	}
}

// TestCarryOverAcrossYears: a case first received in 2025 and corrected in
// 2026 stays 2025's 本年新收 and comes into 2026 as 上年结转; a locked
// year's published 结转下年度 is the next year's 上年结转, and what entered
// the locked year later counts as new in the next.
func TestCarryOverAcrossYears(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2025-12-22", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		corrected := h.file(t, applicant, applicationBody(1)).ID
		h.mustAct(t, officer, corrected, "request-correction", map[string]any{"items": []string{"请写明项目名称"}})
		h.setNow(shanghai("2025-12-30", "16:00"))
		late := h.file(t, officer, staffBody(1, "ordinary_post", shanghai("2025-12-30", "09:00"))).ID
		h.setNow(shanghai("2026-01-05", "10:00"))
		h.mustAct(t, applicant, corrected, "submit-correction", map[string]any{"description": "补正：申请公开鹏泉街道某项目的批复文件。"})
		annual := func(year int) string { return fmt.Sprintf("/api/v1/reports/annual?year=%d&agencyId=1", year) }
		var y25 annualBody
		h.step(t, scenario{name: "2025 before the lock: one new, one carried out", method: "GET", url: annual(2025), token: supervisor, wantStatus: 200, into: &y25,
			check: checks(wantChecksPass, func(t *testing.T, r *httptest.ResponseRecorder) {
				got := decode[annualBody](t, r).rowValues("total")
				diff(t, "2025 totals", map[string]int{"new": 1, "carried_out": 1}, map[string]int{"new": got["new"], "carried_out": got["carried_out"]})
			})})
		h.step(t, scenario{name: "2025 locked", method: "POST", url: "/api/v1/reports/annual/lock", token: supervisor, body: map[string]any{"year": 2025, "agencyId": 1}, wantStatus: 200})
		// The post that arrived on 2025-12-30 is confirmed now, without a
		// reason: received 2025-12-30, after 2025 was locked.
		h.step(t, scenario{name: "the post of 2025-12-30 confirmed now keeps its arrival day", act: "confirm-receipt", caseID: late, token: officer, wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "receipt date", "2025-12-30", decode[caseResponse](t, r).ReceiptDate)
			}})
		h.step(t, scenario{name: "2026 carries in what 2025 published and counts the late post as new", method: "GET", url: annual(2026), token: supervisor, wantStatus: 200,
			check: checks(wantChecksPass, func(t *testing.T, r *httptest.ResponseRecorder) {
				got := decode[annualBody](t, r).rowValues("total")
				diff(t, "2026 totals", map[string]int{"carried_in": y25.rowValues("total")["carried_out"], "new": 1},
					map[string]int{"carried_in": got["carried_in"], "new": got["new"]})
			})})
	})
}

// TestCalendarProvenance: 2027 has no State Council notice on record, so
// every clock and notice reaching into it is provisional until an admin
// confirms the year; a local closure does not publish a year; a calendar
// change that moves a due date is recorded on the case and told to its
// officer, and the admin sees beforehand how many cases move.
func TestCalendarProvenance(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-12-04", "10:00"))
		applicant, officer, admin := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-admin")
		var c caseResponse
		// 12-07..11, 14..18, 21..25, 28..31 (19), 2027-01-01 元旦 in the
		// library's 2027 rows, so 2027-01-04.
		provisional := caseBody{Status: "registered", ReceiptDate: "2026-12-04", Clock: clockBody{DueDate: "2027-01-04", Provisional: true}}
		h.step(t, scenario{name: "a clock reaching into 2027 is provisional", method: "POST", url: "/api/v1/applications", token: applicant, body: applicationBody(1),
			wantStatus: 201, into: &c, want: provisional, check: wantTrace("2027")})
		id := c.ID
		h.step(t, scenario{name: "the receipt flags 2027 and states its last day inclusively", method: "GET", url: h.noticeURL(t, officer, id, "receipt"), token: officer,
			wantStatus: 200, wantContains: []string{"涉及2027年", "2027年1月4日（含当日）"}})
		// A local closure in 2028 does not make 2028 official.
		closure := []map[string]any{{"date": "2028-06-15", "workday": false, "name": "防汛停工", "reason": "区政府通知"}}
		h.run(t, []scenario{
			{name: "closure saved", method: "PUT", url: "/api/v1/admin/calendar/overrides", token: admin, body: map[string]any{"overrides": closure}, wantStatus: 200},
			{name: "2028 still provisional", method: "GET", url: "/api/v1/calendar/coverage", token: "", wantStatus: 200, wantContains: []string{`"provisionalYears":[2027,2028`}},
			{name: "confirming a year without data", method: "POST", url: "/api/v1/admin/calendar/years/2029/confirm", token: admin,
				body: map[string]any{"noticeTitle": "国务院办公厅关于2029年部分节假日安排的通知", "noticeNumber": "国办发明电〔2028〕9号", "noticeDate": "2026-11-30"}, wantStatus: 422},
			{name: "a bad notice number", method: "POST", url: "/api/v1/admin/calendar/years/2027/confirm", token: admin,
				body:       map[string]any{"noticeTitle": "国务院办公厅关于2027年部分节假日安排的通知", "noticeNumber": "八号", "noticeDate": "2026-11-30"},
				wantStatus: 422, wantProblem: &wantProblem{code: "validation_failed", fields: []string{"noticeNumber", "noticeNumber"}}}, // too short, and not a 文号
			{name: "officers may not confirm", method: "POST", url: "/api/v1/admin/calendar/years/2027/confirm", token: officer, body: map[string]any{}, wantStatus: 403},
		})
		h.step(t, scenario{name: "the deadline sweep runs", method: "POST", url: "/api/v1/admin/jobs/deadline-sweep/run", token: admin, wantStatus: 200})
		h.step(t, scenario{name: "the admin is warned by the sweep", method: "GET", url: inboxURL, token: admin, wantStatus: 200, wantContains: []string{"2027 年节假日安排尚未确认"}})
		// Confirming 2027 against its notice makes it official.
		h.step(t, scenario{name: "confirm 2027", method: "POST", url: "/api/v1/admin/calendar/years/2027/confirm", token: admin,
			body:       map[string]any{"noticeTitle": "国务院办公厅关于2027年部分节假日安排的通知", "noticeNumber": "国办发明电〔2026〕8号", "noticeDate": "2026-11-30"},
			wantStatus: 200, wantContains: []string{`"year":2027,"official":true`, "国办发明电〔2026〕8号"}})
		official := provisional
		official.Clock.Provisional = false
		h.step(t, scenario{name: "no longer provisional after the confirmation", method: "GET", url: appURL(id), token: officer, wantStatus: 200, want: official})
		// A local closure on 2027-01-04 moves the due date: the admin sees
		// it first, then the case records it and its officers are told.
		move := []map[string]any{closure[0], {"date": "2027-01-04", "workday": false, "name": "临时停工", "reason": "区政府通知"}}
		h.step(t, scenario{name: "the preview shows the case would move", method: "POST", url: "/api/v1/admin/calendar/overrides/preview", token: admin,
			body: map[string]any{"overrides": move}, wantStatus: 200,
			want: app.OverridesPreview{Moved: 1, Sample: []app.MovedDeadline{{CaseID: id, TrackingNumber: c.TrackingNumber, From: day("2027-01-04"), To: day("2027-01-05")}}}})
		h.step(t, scenario{name: "the preview changed nothing", method: "GET", url: appURL(id), token: officer, wantStatus: 200, want: official})
		h.step(t, scenario{name: "saving moves one case", method: "PUT", url: "/api/v1/admin/calendar/overrides", token: admin, body: map[string]any{"overrides": move},
			wantStatus: 200, check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "moved", 1, decode[overridesResponse](t, r).Moved)
			}})
		h.step(t, scenario{name: "the timeline records the change", method: "GET", url: appURL(id, "/events"), token: applicant,
			wantStatus: 200, wantContains: []string{`"calendar-change"`, `"from":"2027-01-04"`, `"to":"2027-01-05"`}})
		h.step(t, scenario{name: "the officer is told", method: "GET", url: inboxURL, token: officer, wantStatus: 200, wantContains: []string{"期限因节假日安排调整", "2027-01-05"}})
		h.step(t, scenario{name: "the chain still verifies", method: "GET", url: appURL(id, "/events/verify"), token: officer, wantStatus: 200, want: chainBody{Valid: true}})
	})
}

// TestLegalBases: every outcome cites the article of regulation.md §3.1;
// the 确认或重新出具 row no longer cites Art 39 (petitions and publications).
func TestLegalBases(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		h.run(t, []scenario{{name: "not_processed.confirmation cites Art 2, not Art 39", method: "GET", url: "/api/v1/outcomes", wantStatus: 200,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				var body struct{ Items []outcomeResponse }
				decodeInto(t, r, &body)
				i := slices.IndexFunc(body.Items, func(o outcomeResponse) bool { return o.Key == "not_processed.confirmation" })
				if i < 0 {
					t.Fatalf("outcomes lack not_processed.confirmation: %s", r.Body)
				}
				if o := body.Items[i]; strings.Contains(fmt.Sprint(o), "第三十九条") || !strings.Contains(o.Article, "第二条") {
					t.Errorf("not_processed.confirmation: %+v", o)
				}
			}}})
	})
}
