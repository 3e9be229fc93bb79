package api

import (
	"fmt"
	"strings"
	"testing"
	"time"
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

func (h *harness) register(t *testing.T, token string, body map[string]any) map[string]any {
	t.Helper()
	r := h.do("POST", "/api/v1/applications", token, body)
	if r.Code != 201 {
		t.Fatalf("register: %d %s", r.Code, r.Body)
	}
	return r.Map(t)
}

func (h *harness) noticeHTML(t *testing.T, token string, caseID any, kind string) string {
	t.Helper()
	var ns struct {
		Items []struct {
			ID   uint   `json:"id"`
			Kind string `json:"kind"`
		} `json:"items"`
	}
	h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", caseID), token, nil).JSON(t, &ns)
	for i := len(ns.Items) - 1; i >= 0; i-- {
		if ns.Items[i].Kind == kind {
			return h.do("GET", fmt.Sprintf("/api/v1/notices/%d", ns.Items[i].ID), token, nil).Body.String()
		}
	}
	t.Fatalf("case %v has no %s notice", caseID, kind)
	return ""
}

func (h *harness) inbox(t *testing.T, token string) string {
	t.Helper()
	return h.do("GET", "/api/v1/notifications?limit=200", token, nil).Body.String()
}

// TestReceiptOnRestDays: an online submission on a Saturday is received
// that day (Art 31(3), the platform confirms at once), so its first counted
// day is Monday and its due date one working day earlier than before.
func TestReceiptOnRestDays(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-17", "10:00")) // a Saturday
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		c := h.fileMap(t, applicant, applicationBody(1))
		// 10-19..23, 26..30, 11-02..06, 09..13: the 20th working day.
		if c["receiptDate"] != "2026-10-17" || clockOf(c)["dueDate"] != "2026-11-13" {
			t.Fatalf("Saturday submission: receipt %v due %v", c["receiptDate"], clockOf(c)["dueDate"])
		}
		if !strings.Contains(traceTextMap(c), "休息日") {
			t.Errorf("trace does not explain the rest day:\n%s", traceTextMap(c))
		}
		// A correction filed online on a Saturday is received that day too.
		h.setNow(shanghai("2026-10-19", "09:00"))
		h.mustActMap(t, officer, c["id"], "request-correction", map[string]any{"items": []string{"请写明文号"}})
		h.setNow(shanghai("2026-10-24", "11:00"))
		c = h.mustActMap(t, applicant, c["id"], "submit-correction", map[string]any{"description": "补正：申请公开鲁政土字〔2025〕88号批复的征地补偿安置方案。"})
		if c["receiptDate"] != "2026-10-24" || clockOf(c)["dueDate"] != "2026-11-20" {
			t.Fatalf("Saturday correction: receipt %v due %v", c["receiptDate"], clockOf(c)["dueDate"])
		}
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
		a := h.register(t, officer, staffBody(1, "ordinary_post", arrived))
		// 10-15,16, 19..23, 26..30, 11-02..06, 09..11: the 20th working day.
		if a["status"] != "submitted" || clockOf(a)["dueDate"] != "2026-11-11" || clockOf(a)["level"] == "" || clockOf(a)["awaitingConfirmation"] != true {
			t.Fatalf("awaiting confirmation: %v %v", a["status"], clockOf(a))
		}
		if !strings.Contains(traceTextMap(a), "待与申请人确认") {
			t.Errorf("trace:\n%s", traceTextMap(a))
		}
		// It has its place in the queue, by due date.
		list := h.do("GET", "/api/v1/applications?status=submitted", officer, nil).Body.String()
		if !strings.Contains(list, `"dueDate":"2026-11-11"`) || strings.Contains(list, "1970-01-01") {
			t.Fatalf("queue: %s", list)
		}
		b := h.register(t, officer, staffBody(1, "email", arrived))
		f := staffBody(1, "fax", arrived)
		f["receiptDate"] = "2026-10-14"
		h.register(t, officer, f) // confirmed on arrival: fine

		h.setNow(shanghai("2026-10-19", "10:00"))
		// Confirmed five days later without a reason: the arrival day stays.
		a = h.mustActMap(t, officer, a["id"], "confirm-receipt", nil)
		if a["receiptDate"] != "2026-10-14" || clockOf(a)["dueDate"] != "2026-11-11" || !strings.Contains(traceTextMap(a), "仍为到达之日") {
			t.Fatalf("late confirmation: %v %v\n%s", a["receiptDate"], clockOf(a)["dueDate"], traceTextMap(a))
		}
		// With the reason the applicant could not be reached: the
		// confirmation day, and the reason on the record.
		b = h.mustActMap(t, officer, b["id"], "confirm-receipt", map[string]any{"unreachableReason": "申请人预留电话多次无人接听，10月19日联系上"})
		if b["receiptDate"] != "2026-10-19" || clockOf(b)["dueDate"] != "2026-11-16" {
			t.Fatalf("unreachable: %v %v", b["receiptDate"], clockOf(b)["dueDate"])
		}
		if ev := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events", b["id"]), officer, nil).Body.String(); !strings.Contains(ev, "多次无人接听") {
			t.Errorf("the reason is not in the timeline: %s", ev)
		}
		// A receipt date after the arrival, entered at registration, needs
		// the reason too.
		late := staffBody(1, "fax", arrived)
		late["receiptDate"] = "2026-10-16"
		short := staffBody(1, "fax", arrived)
		short["receiptDate"], short["unreachableReason"] = "2026-10-16", "未接"
		h.run(t, []scenario{
			{name: "later receipt without a reason", method: "POST", url: "/api/v1/applications", token: officer, body: late, wantStatus: 422, wantContains: []string{"unreachableReason"}},
			// The reason is 4 to 500 characters here as at confirmation.
			{name: "later receipt with a two-character reason", method: "POST", url: "/api/v1/applications", token: officer, body: short, wantStatus: 422, wantContains: []string{"unreachableReason", "4"}},
			{name: "a reason on the arrival day", method: "POST", url: fmt.Sprintf("/api/v1/applications/%v/actions/confirm-receipt", b["id"]), token: officer,
				body: map[string]any{"version": b["version"]}, wantStatus: 409},
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
		onTime := h.fileMap(t, applicant, applicationBody(1))["id"]
		late := h.fileMap(t, applicant, applicationBody(1))["id"]
		// 09-29, 09-30, 10-08, 10-09, 10-10 (a working Saturday), 10-12,
		// 10-13: the window's last day.
		h.setNow(shanghai("2026-10-13", "17:00"))
		h.mustActMap(t, officer, onTime, "request-correction", map[string]any{"items": []string{"请写明文号"}})
		h.setNow(shanghai("2026-10-14", "09:00"))
		c := h.getCaseMap(t, officer, late)
		if hasAction(c, "request-correction") {
			t.Fatalf("a late correction notice is offered: %v", allowed(c))
		}
		r := h.actMap(t, officer, late, "request-correction", map[string]any{"items": []string{"请写明文号"}})
		if r.Code != 409 || !strings.Contains(r.Body.String(), "第三十条") || !strings.Contains(r.Body.String(), "2026年10月13日") {
			t.Fatalf("late notice: %d %s", r.Code, r.Body)
		}
	})
}

// TestCorrectionPeriodFromReceiptOfNotice: the correction period runs from
// the day the applicant received the notice; a notice sent by post starts
// its period only when its delivery is recorded, and nothing lapses before.
func TestCorrectionPeriodFromReceiptOfNotice(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-12", "10:00"))
		officer, admin := h.token("demo-officer"), h.token("demo-admin")
		id := h.register(t, officer, staffBody(1, "in_person", shanghai("2026-10-12", "09:30")))["id"]
		h.setNow(shanghai("2026-10-13", "10:00"))
		h.run(t, []scenario{{name: "no account: say how the notice goes", method: "POST", url: fmt.Sprintf("/api/v1/applications/%v/actions/request-correction", id), token: officer,
			body: map[string]any{"version": 1, "items": []string{"请写明文号"}}, wantStatus: 422, wantContains: []string{"delivery"}}})
		c := h.mustActMap(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明文号"}, "periodDays": 10, "delivery": "post"})
		corr := c["state"].(map[string]any)["correction"].(map[string]any)
		if corr["periodEnds"] != nil || corr["delivery"] != "post" {
			t.Fatalf("posted notice: %v", corr)
		}
		if html := h.noticeHTML(t, officer, id, "correction"); !strings.Contains(html, "自收到本告知书之日起 10 个工作日内") {
			t.Errorf("the notice does not count from its receipt: %s", html)
		}
		// Three weeks on, nothing has lapsed: the period has not started.
		h.setNow(shanghai("2026-11-03", "01:00"))
		h.do("POST", "/api/v1/admin/jobs/period-expiry/run", admin, nil)
		if c = h.getCaseMap(t, officer, id); c["status"] != "correction_requested" {
			t.Fatalf("closed before the period started: %v", c["status"])
		}
		if r := h.actMap(t, officer, id, "close", map[string]any{"outcome": "other.correction_lapsed"}); r.Code != 409 {
			t.Fatalf("closing as lapsed: %d %s", r.Code, r.Body)
		}
		// The signed receipt says the applicant got it on 10-16: the 10
		// working days run 10-19..23, 26..30.
		c = h.mustActMap(t, officer, id, "record-correction-delivery", map[string]any{"receivedOn": "2026-10-16"})
		if corr = c["state"].(map[string]any)["correction"].(map[string]any); corr["periodEnds"] != "2026-10-30" {
			t.Fatalf("period from receipt: %v", corr)
		}
		h.do("POST", "/api/v1/admin/jobs/period-expiry/run", admin, nil)
		if c = h.getCaseMap(t, officer, id); c["status"] != "closed" || c["outcome"] != "other.correction_lapsed" {
			t.Fatalf("after the period: %v %v", c["status"], c["outcome"])
		}
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
			h.fileMap(t, applicant, b)
		}
		other := h.fileMap(t, applicant, applicationBody(4))["id"]
		h.mustActMap(t, officer2, other, "accept", nil)
		q := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/fee-quote?pages=10", other), officer2, nil).Body.String()
		if !strings.Contains(q, `"monthCount":1`) || !strings.Contains(q, `"perApplication":0`) {
			t.Fatalf("quote counts other agencies' applications: %s", q)
		}
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
		id := h.fileMap(t, applicant, applicationBody(4))["id"]
		h.mustActMap(t, officer2, id, "accept", nil)
		h.setNow(shanghai("2026-10-26", "10:00"))
		h.mustActMap(t, officer2, id, "request-extension", map[string]any{"days": 10, "reason": "需要调取档案"})
		// The agency's supervisors are told, with the working days left.
		if box := h.inbox(t, own); !strings.Contains(box, "延期申请待审批") || !strings.Contains(box, "个工作日") {
			t.Fatalf("the agency's supervisor was not told: %s", box)
		}
		c := h.getCaseMap(t, district, id)
		if hasAction(c, "decide-extension") || !hasAction(c, "urge") {
			t.Fatalf("district-wide actions on another agency's case: %v", allowed(c))
		}
		// Everything waiting, across agencies, with the days left.
		waiting := h.do("GET", "/api/v1/applications?awaitingApproval=true", district, nil).Body.String()
		if !strings.Contains(waiting, fmt.Sprintf(`"id":%v,`, id)) || !strings.Contains(waiting, `"remainingWorkingDays"`) {
			t.Fatalf("waiting list: %s", waiting)
		}
		h.run(t, []scenario{
			{name: "district-wide supervisor approving another agency's extension", method: "POST", url: fmt.Sprintf("/api/v1/applications/%v/actions/decide-extension", id),
				token: district, body: map[string]any{"version": c["version"], "approve": true}, wantStatus: 403, wantContains: []string{"第三十三条"}},
		})
		h.mustActMap(t, district, id, "urge", map[string]any{"text": "请于本周内办结并报送答复"})
		if box := h.inbox(t, officer2); !strings.Contains(box, "督办") {
			t.Fatalf("the officer was not told of the 督办: %s", box)
		}
		c = h.mustActMap(t, own, id, "decide-extension", map[string]any{"approve": true})
		if clockOf(c)["extendedDays"].(float64) != 10 {
			t.Fatalf("approved: %v", clockOf(c))
		}
	})
}

// TestDisclosureOverThirdPartyObjection: Art 32 — disclosing over a third
// party's objection needs a written notice to it first; the answer cannot
// be delivered until it has gone out, nor before the disclosure date.
func TestDisclosureOverThirdPartyObjection(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-10-12", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		id := h.fileMap(t, applicant, applicationBody(1))["id"]
		h.mustActMap(t, officer, id, "accept", nil)
		c := h.mustActMap(t, officer, id, "start-consultation", map[string]any{"kind": "third_party", "partyName": "济南某房地产开发有限公司"})
		cons := c["consultations"].([]any)[0].(map[string]any)
		h.setNow(shanghai("2026-10-15", "10:00"))
		h.mustActMap(t, officer, id, "record-consultation-reply", map[string]any{"consultationId": cons["id"], "reply": "object", "reason": "涉及商业秘密"})
		draft := map[string]any{"outcome": "disclosed", "legalBasis": "《条例》第三十二条、第三十六条第（二）项", "text": "经审查，不公开可能对公共利益造成重大影响，现向您提供该信息。"}
		h.run(t, []scenario{{name: "disclosing over the objection without telling the third party", method: "POST", url: fmt.Sprintf("/api/v1/applications/%v/actions/draft-answer", id),
			token: officer, body: merge(draft, map[string]any{"version": h.getCaseMap(t, officer, id)["version"]}), wantStatus: 422, wantContains: []string{"thirdPartyNotice", "第三十二条"}}})
		draft["thirdPartyNotice"] = map[string]any{"reasons": "该补偿方案关系被征收群众切身利益，不公开将对公共利益造成重大影响。", "disclosureDate": "2026-10-26"}
		h.mustActMap(t, officer, id, "draft-answer", draft)
		h.mustActMap(t, supervisor, id, "decide-answer", map[string]any{"approve": true})
		html := h.noticeHTML(t, officer, id, "third_party_disclosure")
		for _, want := range []string{"告知书（给第三方）", "济南某房地产开发有限公司", "不公开将对公共利益造成重大影响", "2026年10月26日", "第三十二条"} {
			if !strings.Contains(html, want) {
				t.Errorf("third-party notice lacks %q", want)
			}
		}
		// The applicant does not see the letter to the third party.
		if ns := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", id), applicant, nil).Body.String(); strings.Contains(ns, "third_party_disclosure") {
			t.Errorf("the applicant sees the third party's notice: %s", ns)
		}
		if r := h.actMap(t, officer, id, "record-delivery", map[string]any{"method": "online"}); r.Code != 409 || !strings.Contains(r.Body.String(), "2026年10月26日") {
			t.Fatalf("delivery before the disclosure date: %d %s", r.Code, r.Body)
		}
		h.setNow(shanghai("2026-10-26", "09:00"))
		h.mustActMap(t, officer, id, "record-delivery", map[string]any{"method": "online"})
	})
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// TestRemedyOnAnUnansweredCase: Art 51 — a lawsuit over a failure to
// answer in time (不作为) is recorded on the open case and counts in table
// 四.
func TestRemedyOnAnUnansweredCase(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		id := h.fileMap(t, applicant, applicationBody(1))["id"]
		h.mustActMap(t, officer, id, "accept", nil)
		h.setNow(shanghai("2026-11-05", "10:00"))
		c := h.getCaseMap(t, officer, id)
		if clockOf(c)["level"] != "overdue" || !hasAction(c, "record-remedy") {
			t.Fatalf("overdue case: %v %v", clockOf(c)["level"], allowed(c))
		}
		h.mustActMap(t, officer, id, "record-remedy", map[string]any{"kind": "litigation_direct", "filedOn": "2026-11-04", "result": "pending", "note": "申请人以逾期未答复为由提起诉讼"})
		var rep struct {
			Remedies struct {
				Values map[string]int `json:"values"`
			} `json:"remedies"`
		}
		h.do("GET", "/api/v1/reports/annual?year=2026&agencyId=1", supervisor, nil).JSON(t, &rep)
		if rep.Remedies.Values["litigation_direct.pending"] != 1 || rep.Remedies.Values["litigation_direct.total"] != 1 {
			t.Fatalf("table 四: %v", rep.Remedies.Values)
		}
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
			id := h.fileMap(t, applicant, applicationBody(1))["id"]
			h.mustActMap(t, officer, id, "accept", nil)
			body := map[string]any{"outcome": outcome, "legalBasis": "《条例》第十五条、第三十六条第（三）项", "text": "经审查，答复如下：所申请信息涉及第三方商业秘密。"}
			if withheld != "" {
				body["withheldReasons"] = withheld
			}
			h.mustActMap(t, officer, id, "draft-answer", body)
			h.mustActMap(t, supervisor, id, "decide-answer", map[string]any{"approve": true})
			return h.noticeHTML(t, officer, id, "answer")
		}
		refusal := answer("not_disclosed.third_party_rights", "涉及第三方商业秘密")
		for _, want := range []string{"应当自收到本答复书之日起六十日内向济南市莱芜区人民政府申请行政复议", "第二十三条", "您于"} {
			if !strings.Contains(refusal, want) {
				t.Errorf("refusal notice lacks %q", want)
			}
		}
		disclosed := answer("disclosed", "")
		for _, want := range []string{"六十日内向济南市莱芜区人民政府申请行政复议", "六个月内向济南市莱芜区人民法院提起行政诉讼"} {
			if !strings.Contains(disclosed, want) {
				t.Errorf("disclosure notice lacks %q", want)
			}
		}
		for name, html := range map[string]string{"refusal": refusal, "disclosure": disclosed} {
			if strings.Contains(html, "本告知书") || strings.Contains(html, "您（单位）") {
				t.Errorf("%s notice calls itself 本告知书 or addresses 您（单位）", name)
			}
		}
		if strings.Contains(refusal, "六个月内") {
			t.Error("a refusal offers a direct lawsuit: Art 23 requires reconsideration first")
		}
	})
}

// TestCarryOverAcrossYears: a case first received in 2025 and corrected in
// 2026 stays 2025's 本年新收 and comes into 2026 as 上年结转; a locked
// year's published 结转下年度 is the next year's 上年结转, and what entered
// the locked year later counts as new in the next.
func TestCarryOverAcrossYears(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2025-12-22", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		corrected := h.fileMap(t, applicant, applicationBody(1))["id"]
		h.mustActMap(t, officer, corrected, "request-correction", map[string]any{"items": []string{"请写明项目名称"}})
		h.setNow(shanghai("2025-12-30", "16:00"))
		late := h.register(t, officer, staffBody(1, "ordinary_post", shanghai("2025-12-30", "09:00")))["id"]
		h.setNow(shanghai("2026-01-05", "10:00"))
		h.mustActMap(t, applicant, corrected, "submit-correction", map[string]any{"description": "补正：申请公开鹏泉街道某项目的批复文件。"})
		type report struct {
			Rows []struct {
				Key    string         `json:"key"`
				Values map[string]int `json:"values"`
			} `json:"rows"`
			Checks []struct {
				Rule, Column, Detail string
				OK                   bool
			} `json:"checks"`
		}
		get := func(year int) map[string]int {
			var r report
			h.do("GET", fmt.Sprintf("/api/v1/reports/annual?year=%d&agencyId=1", year), supervisor, nil).JSON(t, &r)
			out := map[string]int{}
			for _, row := range r.Rows {
				out[row.Key] = row.Values["total"]
			}
			for _, c := range r.Checks {
				if !c.OK {
					t.Errorf("%d check %s %s failed: %s", year, c.Rule, c.Column, c.Detail)
				}
			}
			return out
		}
		y25 := get(2025)
		if y25["new"] != 1 || y25["carried_out"] != 1 {
			t.Fatalf("2025 before the lock: %v", y25)
		}
		if r := h.do("POST", "/api/v1/reports/annual/lock", supervisor, map[string]any{"year": 2025, "agencyId": 1}); r.Code != 200 {
			t.Fatalf("lock: %d %s", r.Code, r.Body)
		}
		// The post that arrived on 2025-12-30 is confirmed now, without a
		// reason: received 2025-12-30, after 2025 was locked.
		if c := h.mustActMap(t, officer, late, "confirm-receipt", nil); c["receiptDate"] != "2025-12-30" {
			t.Fatalf("late post: %v", c["receiptDate"])
		}
		y26 := get(2026)
		if y26["carried_in"] != y25["carried_out"] || y26["new"] != 1 {
			t.Fatalf("2026 carried in %d (2025 published %d carried out), new %d", y26["carried_in"], y25["carried_out"], y26["new"])
		}
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
		c := h.fileMap(t, applicant, applicationBody(1))
		id := c["id"]
		// 12-07..11, 14..18, 21..25, 28..31 (19), 2027-01-01 元旦 in the
		// library's 2027 rows, so 2027-01-04.
		if clockOf(c)["dueDate"] != "2027-01-04" || clockOf(c)["provisional"] != true || !strings.Contains(traceTextMap(c), "2027") {
			t.Fatalf("clock into 2027: %v\n%s", clockOf(c), traceTextMap(c))
		}
		if html := h.noticeHTML(t, officer, id, "receipt"); !strings.Contains(html, "涉及2027年") || !strings.Contains(html, "2027年1月4日（含当日）") {
			t.Errorf("the receipt does not flag 2027 or state its last day inclusively: %s", html)
		}
		// A local closure in 2028 does not make 2028 official.
		closure := []map[string]any{{"date": "2028-06-15", "workday": false, "name": "防汛停工", "reason": "区政府通知"}}
		h.run(t, []scenario{
			{name: "closure saved", method: "PUT", url: "/api/v1/admin/calendar/overrides", token: admin, body: map[string]any{"overrides": closure}, wantStatus: 200},
			{name: "2028 still provisional", method: "GET", url: "/api/v1/calendar/coverage", token: "", wantStatus: 200, wantContains: []string{`"provisionalYears":[2027,2028`}},
			{name: "confirming a year without data", method: "POST", url: "/api/v1/admin/calendar/years/2029/confirm", token: admin,
				body: map[string]any{"noticeTitle": "国务院办公厅关于2029年部分节假日安排的通知", "noticeNumber": "国办发明电〔2028〕9号", "noticeDate": "2026-11-30"}, wantStatus: 422},
			{name: "a bad notice number", method: "POST", url: "/api/v1/admin/calendar/years/2027/confirm", token: admin,
				body: map[string]any{"noticeTitle": "国务院办公厅关于2027年部分节假日安排的通知", "noticeNumber": "八号", "noticeDate": "2026-11-30"}, wantStatus: 422, wantContains: []string{"noticeNumber"}},
			{name: "officers may not confirm", method: "POST", url: "/api/v1/admin/calendar/years/2027/confirm", token: officer, body: map[string]any{}, wantStatus: 403},
		})
		// The admin is warned by the sweep.
		h.do("POST", "/api/v1/admin/jobs/deadline-sweep/run", admin, nil)
		if box := h.inbox(t, admin); !strings.Contains(box, "2027 年节假日安排尚未确认") {
			t.Errorf("admin not warned: %s", box)
		}
		// Confirming 2027 against its notice makes it official.
		h.run(t, []scenario{{name: "confirm 2027", method: "POST", url: "/api/v1/admin/calendar/years/2027/confirm", token: admin,
			body:       map[string]any{"noticeTitle": "国务院办公厅关于2027年部分节假日安排的通知", "noticeNumber": "国办发明电〔2026〕8号", "noticeDate": "2026-11-30"},
			wantStatus: 200, wantContains: []string{`"year":2027,"official":true`, "国办发明电〔2026〕8号"}}})
		if c = h.getCaseMap(t, officer, id); clockOf(c)["provisional"] != false {
			t.Fatalf("still provisional after confirmation: %v", clockOf(c))
		}
		// A local closure on 2027-01-04 moves the due date: the admin sees
		// it first, then the case records it and its officers are told.
		move := []map[string]any{closure[0], {"date": "2027-01-04", "workday": false, "name": "临时停工", "reason": "区政府通知"}}
		pr := h.do("POST", "/api/v1/admin/calendar/overrides/preview", admin, map[string]any{"overrides": move})
		if pr.Code != 200 || !strings.Contains(pr.Body.String(), `"moved":1`) || !strings.Contains(pr.Body.String(), `"from":"2027-01-04","to":"2027-01-05"`) {
			t.Fatalf("preview: %d %s", pr.Code, pr.Body)
		}
		if c = h.getCaseMap(t, officer, id); clockOf(c)["dueDate"] != "2027-01-04" {
			t.Fatalf("the preview changed the calendar: %v", clockOf(c))
		}
		put := h.do("PUT", "/api/v1/admin/calendar/overrides", admin, map[string]any{"overrides": move})
		if put.Code != 200 || !strings.Contains(put.Body.String(), `"moved":1`) {
			t.Fatalf("save: %d %s", put.Code, put.Body)
		}
		ev := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events", id), applicant, nil).Body.String()
		if !strings.Contains(ev, `"calendar-change"`) || !strings.Contains(ev, `"from":"2027-01-04"`) || !strings.Contains(ev, `"to":"2027-01-05"`) {
			t.Fatalf("timeline: %s", ev)
		}
		if box := h.inbox(t, officer); !strings.Contains(box, "期限因节假日安排调整") || !strings.Contains(box, "2027-01-05") {
			t.Errorf("officer not told: %s", box)
		}
		if v := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events/verify", id), officer, nil).Body.String(); !strings.Contains(v, `"valid":true`) {
			t.Errorf("chain: %s", v)
		}
	})
}

// TestLegalBases: every outcome cites the article of regulation.md §3.1;
// the 确认或重新出具 row no longer cites Art 39 (petitions and publications).
func TestLegalBases(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		body := h.do("GET", "/api/v1/outcomes", "", nil).Body.String()
		i := strings.Index(body, `"not_processed.confirmation"`)
		if i < 0 {
			t.Fatalf("outcomes: %s", body)
		}
		rest := body[i:]
		rest = rest[:strings.Index(rest, "}")]
		if strings.Contains(rest, "第三十九条") || !strings.Contains(rest, "第二条") {
			t.Errorf("not_processed.confirmation: %s", rest)
		}
	})
}
