package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

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

// file files an application and returns the case.
func (h *harness) file(t *testing.T, token string, body map[string]any) map[string]any {
	t.Helper()
	r := h.do("POST", "/api/v1/applications", token, body)
	if r.Code != http.StatusCreated {
		t.Fatalf("file application: %d %s", r.Code, r.Body)
	}
	return r.Map(t)
}

func (h *harness) getCase(t *testing.T, token string, id any) map[string]any {
	t.Helper()
	r := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", id), token, nil)
	if r.Code != 200 {
		t.Fatalf("get case %v: %d %s", id, r.Code, r.Body)
	}
	return r.Map(t)
}

// act takes an action with the case's current version.
func (h *harness) act(t *testing.T, token string, id any, action string, body map[string]any) response {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["version"]; !ok {
		// Staff of the handling agency can read the case; others get the
		// version from a staff read.
		c := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", id), token, nil)
		if c.Code == 200 {
			body["version"] = c.Map(t)["version"]
		} else {
			body["version"] = 1
		}
	}
	return h.do("POST", fmt.Sprintf("/api/v1/applications/%v/actions/%s", id, action), token, body)
}

func (h *harness) mustAct(t *testing.T, token string, id any, action string, body map[string]any) map[string]any {
	t.Helper()
	r := h.act(t, token, id, action, body)
	if r.Code != 200 {
		t.Fatalf("%s: %d %s", action, r.Code, r.Body)
	}
	return r.Map(t)
}

func clockOf(c map[string]any) map[string]any { return c["clock"].(map[string]any) }

func traceText(c map[string]any) string {
	var b strings.Builder
	for _, s := range clockOf(c)["trace"].([]any) {
		b.WriteString(s.(map[string]any)["zh"].(string))
		b.WriteString("\n")
	}
	return b.String()
}

func allowed(c map[string]any) []string {
	var out []string
	for _, a := range c["allowedActions"].([]any) {
		out = append(out, a.(string))
	}
	return out
}

func hasAction(c map[string]any, a string) bool {
	for _, x := range allowed(c) {
		if x == a {
			return true
		}
	}
	return false
}

// TestLifecycleWithConsultationAndExtension walks the product owner's
// example: received 2026-09-28 → due 2026-10-30; a third-party
// consultation 2026-10-12 to 2026-10-20 removes 6 working days → 2026-11-09;
// an approved 20-day extension → 2026-12-07.
func TestLifecycleWithConsultationAndExtension(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		c := h.file(t, applicant, applicationBody(1))
		id := c["id"]
		if c["status"] != "registered" || c["receiptDate"] != "2026-09-28" || clockOf(c)["dueDate"] != "2026-10-30" {
			t.Fatalf("filed: %v %v %v", c["status"], c["receiptDate"], clockOf(c)["dueDate"])
		}
		if !strings.HasPrefix(c["trackingNumber"].(string), "ZFB-2026-") || len(c["queryCode"].(string)) != 8 {
			t.Fatalf("tracking %v %v", c["trackingNumber"], c["queryCode"])
		}
		if c["applicant"].(map[string]any)["idNumber"] != "371202********2035" && !strings.Contains(c["applicant"].(map[string]any)["idNumber"].(string), "*") {
			t.Fatalf("applicant sees own id unmasked: %v", c["applicant"])
		}
		// Staff of the agency see the number in full.
		sc := h.getCase(t, officer, id)
		if strings.Contains(sc["applicant"].(map[string]any)["idNumber"].(string), "*") {
			t.Fatalf("officer sees masked id: %v", sc["applicant"])
		}
		if !hasAction(sc, "accept") || !hasAction(sc, "request-correction") || hasAction(sc, "decide-answer") {
			t.Fatalf("officer actions %v", allowed(sc))
		}
		if hasAction(c, "accept") || !hasAction(c, "withdraw") {
			t.Fatalf("applicant actions %v", allowed(c))
		}

		h.setNow(shanghai("2026-09-29", "09:00"))
		h.mustAct(t, officer, id, "accept", nil)
		h.setNow(shanghai("2026-10-12", "09:00"))
		c = h.mustAct(t, officer, id, "start-consultation", map[string]any{"kind": "third_party", "partyName": "济南某房地产开发有限公司", "question": "是否同意公开贵公司提交的补偿协议？"})
		if !clockOf(c)["paused"].(bool) || hasAction(c, "draft-answer") {
			t.Fatalf("consultation did not pause: %v %v", clockOf(c), allowed(c))
		}
		cons := c["consultations"].([]any)[0].(map[string]any)
		if cons["replyDue"] != "2026-11-02" {
			// 15 working days after 2026-10-12: 10-13..10-30 is 14 working
			// days (10-13..16, 19..23, 26..30), 11-02 is the 15th.
			t.Fatalf("reply due %v", cons["replyDue"])
		}
		h.setNow(shanghai("2026-10-20", "15:00"))
		c = h.mustAct(t, officer, id, "record-consultation-reply", map[string]any{"consultationId": cons["id"], "reply": "object", "reason": "涉及商业秘密"})
		if clockOf(c)["dueDate"] != "2026-11-09" || clockOf(c)["paused"].(bool) {
			t.Fatalf("after consultation: %v", clockOf(c))
		}
		h.setNow(shanghai("2026-10-26", "10:00"))
		h.mustAct(t, officer, id, "request-extension", map[string]any{"days": 20, "reason": "需要调取档案并区分处理"})
		// A second request is refused while one is pending.
		if r := h.act(t, officer, id, "request-extension", map[string]any{"days": 5, "reason": "再次延期"}); r.Code != 409 {
			t.Fatalf("second extension: %d %s", r.Code, r.Body)
		}
		// Officers cannot approve.
		if r := h.act(t, officer, id, "decide-extension", map[string]any{"approve": true}); r.Code != 403 {
			t.Fatalf("officer approving: %d", r.Code)
		}
		c = h.mustAct(t, supervisor, id, "decide-extension", map[string]any{"approve": true, "comment": "同意"})
		if clockOf(c)["dueDate"] != "2026-12-07" || clockOf(c)["extendedDays"].(float64) != 20 {
			t.Fatalf("after extension: %v", clockOf(c))
		}
		tr := traceText(c)
		for _, want := range []string{"2026-09-28", "2026-10-30", "2026-10-12", "2026-10-20", "2026-11-09", "2026-12-07"} {
			if !strings.Contains(tr, want) {
				t.Errorf("trace lacks %s:\n%s", want, tr)
			}
		}
		h.setNow(shanghai("2026-11-20", "10:00"))
		h.mustAct(t, officer, id, "draft-answer", map[string]any{"outcome": "partially_disclosed", "legalBasis": "《中华人民共和国政府信息公开条例》第三十七条",
			"text": "经审查，现提供征地补偿安置方案，批准文件中涉及第三方商业秘密的部分不予公开。", "withheldReasons": "涉及第三方商业秘密，第三方不同意公开。"})
		c = h.mustAct(t, supervisor, id, "decide-answer", map[string]any{"approve": true})
		if c["status"] != "answered" || c["outcome"] != "partially_disclosed" || !clockOf(c)["onTime"].(bool) {
			t.Fatalf("answered: %v %v %v", c["status"], c["outcome"], clockOf(c))
		}
		h.mustAct(t, officer, id, "record-delivery", map[string]any{"method": "online"})
		c = h.mustAct(t, officer, id, "archive", map[string]any{"archiveNumber": "ZFB-YSQ-2026-001"})
		if c["status"] != "archived" || len(allowed(c)) != 1 || allowed(c)[0] != "record-remedy" {
			t.Fatalf("archived: %v %v", c["status"], allowed(c))
		}

		// Notices: receipt, letter to the third party, notice to the
		// applicant, extension, answer.
		r := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", id), officer, nil)
		for _, title := range []string{"接收回执", "征求意见书（给第三方）", "征求意见告知书（给申请人）", "延期答复告知书", "答复书"} {
			if !strings.Contains(r.Body.String(), title) {
				t.Errorf("notices lack %s", title)
			}
		}
		var notices struct {
			Items []struct {
				ID              int
				Kind, DocNumber string
				Public          bool
			}
		}
		r.JSON(t, &notices)
		for _, n := range notices.Items {
			if !strings.HasPrefix(n.DocNumber, "莱芜区政府办〔2026〕第") {
				t.Errorf("doc number %q", n.DocNumber)
			}
		}
		// The applicant sees only the notices addressed to them.
		ra := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", id), applicant, nil)
		if strings.Contains(ra.Body.String(), "给第三方") || !strings.Contains(ra.Body.String(), "答复书") {
			t.Fatalf("applicant notices: %s", ra.Body)
		}
		for _, n := range notices.Items {
			rr := h.do("GET", fmt.Sprintf("/api/v1/notices/%d", n.ID), applicant, nil)
			if n.Public != (rr.Code == 200) {
				t.Errorf("applicant opening notice %s: %d", n.Kind, rr.Code)
			}
			if n.Kind == "answer" && !strings.Contains(rr.Body.String(), "涉及第三方商业秘密") {
				t.Errorf("answer notice lacks the withheld reasons")
			}
		}
		// Timeline: the applicant sees public events only and no internal data.
		ev := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events", id), applicant, nil)
		if strings.Contains(ev.Body.String(), "request-extension") || strings.Contains(ev.Body.String(), "商业秘密") || strings.Contains(ev.Body.String(), "draft-answer") {
			t.Fatalf("applicant timeline leaks internals: %s", ev.Body)
		}
		if !strings.Contains(ev.Body.String(), "decide-extension") {
			t.Fatalf("applicant timeline lacks the approved extension: %s", ev.Body)
		}
		v := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events/verify", id), officer, nil)
		if v.Code != 200 || !strings.Contains(v.Body.String(), `"valid":true`) {
			t.Fatalf("verify: %s", v.Body)
		}
		// Anonymous tracking.
		tr2 := h.do("GET", fmt.Sprintf("/api/v1/public/track?trackingNumber=%v&queryCode=%v", c["trackingNumber"], c["queryCode"]), "", nil)
		if tr2.Code != 200 || !strings.Contains(tr2.Body.String(), `"status":"archived"`) || strings.Contains(tr2.Body.String(), "商业秘密") {
			t.Fatalf("track: %d %s", tr2.Code, tr2.Body)
		}
		bad := h.do("GET", fmt.Sprintf("/api/v1/public/track?trackingNumber=%v&queryCode=AAAAAAAA", c["trackingNumber"]), "", nil)
		none := h.do("GET", "/api/v1/public/track?trackingNumber=ZFB-2026-99999&queryCode=AAAAAAAA", "", nil)
		if bad.Code != 404 || none.Code != 404 || bad.Map(t)["detail"] != none.Map(t)["detail"] {
			t.Fatalf("wrong pairs must get one uniform 404: %s / %s", bad.Body, none.Body)
		}
	})
}

func TestCorrectionRestartsTheClock(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		// Filed on Saturday 2026-10-10, a 调休 working day: the receipt date
		// is that day.
		h.setNow(shanghai("2026-10-10", "11:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		c := h.file(t, applicant, applicationBody(1))
		id := c["id"]
		if c["receiptDate"] != "2026-10-10" {
			t.Fatalf("receipt on the 调休 Saturday: %v", c["receiptDate"])
		}
		h.setNow(shanghai("2026-10-13", "09:00"))
		c = h.mustAct(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明征收项目的名称或批准文号"}, "periodDays": 10})
		if c["status"] != "correction_requested" || !clockOf(c)["awaitingCorrection"].(bool) {
			t.Fatalf("correction: %v %v", c["status"], clockOf(c))
		}
		// Correction period: 10 working days after 10-13 = 10-27.
		if c["state"].(map[string]any)["correction"].(map[string]any)["periodEnds"] != "2026-10-27" {
			t.Fatalf("period ends %v", c["state"])
		}
		h.setNow(shanghai("2026-10-20", "14:00"))
		c = h.mustAct(t, applicant, id, "submit-correction", map[string]any{"description": "申请公开凤城街道2025年第3批次土地征收项目（鲁政土字〔2025〕88号）的征地补偿安置方案。"})
		// The clock restarts from the corrected application: 2026-10-20 + 20
		// working days = 2026-11-17.
		if c["status"] != "registered" || c["receiptDate"] != "2026-10-20" || clockOf(c)["dueDate"] != "2026-11-17" {
			t.Fatalf("after correction: %v %v %v", c["status"], c["receiptDate"], clockOf(c)["dueDate"])
		}
		if hasAction(h.getCase(t, officer, id), "request-correction") {
			t.Fatal("a second correction is offered")
		}
		if r := h.act(t, officer, id, "request-correction", map[string]any{"items": []string{"again"}}); r.Code != 409 || !strings.Contains(r.Body.String(), "invalid_transition") {
			t.Fatalf("second correction: %d %s", r.Code, r.Body)
		}
		h.mustAct(t, officer, id, "accept", nil)
		c = h.mustAct(t, officer, id, "draft-answer", map[string]any{"outcome": "unable.unclear_after_correction", "legalBasis": "《条例》第三十条", "text": "经补正后申请内容仍不明确，无法确定所需信息。"})
		if c["status"] != "answer_review" {
			t.Fatal(c["status"])
		}
	})
}

func TestFeeAndClosures(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-03-02", "10:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		var ids []any
		for i := 0; i < 12; i++ {
			b := applicationBody(1)
			b["title"] = fmt.Sprintf("第%d号政府信息", i+1)
			ids = append(ids, h.file(t, applicant, b)["id"])
		}
		last := ids[11]
		h.mustAct(t, officer, last, "accept", nil)
		q := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/fee-quote?pages=2219", last), officer, nil)
		if !strings.Contains(q.Body.String(), `"monthCount":12`) || !strings.Contains(q.Body.String(), `"perApplication":100`) || !strings.Contains(q.Body.String(), `"perPage":83460`) {
			t.Fatalf("quote: %s", q.Body)
		}
		c := h.mustAct(t, officer, last, "issue-fee-notice", map[string]any{"method": "per_application"})
		fee := c["fees"].([]any)[0].(map[string]any)
		if fee["amount"].(float64) != 100 || !clockOf(c)["paused"].(bool) {
			t.Fatalf("fee: %v %v", fee, clockOf(c))
		}
		// 20 working days from the day after receipt (2026-03-02) = 2026-03-30.
		if fee["dueOn"] != "2026-03-30" {
			t.Fatalf("fee due %v", fee["dueOn"])
		}
		if r := h.act(t, officer, last, "close", map[string]any{"outcome": "other.fee_unpaid", "reason": ""}); r.Code != 409 {
			t.Fatalf("closing before the fee lapsed: %d %s", r.Code, r.Body)
		}

		// Paying ends the pause. (Issue 1/10: a fee notice goes out only
		// within the answer period, so this case's notice now comes before
		// its due date of 2026-03-30 rather than on 2026-04-01.)
		h.setNow(shanghai("2026-03-03", "09:00"))
		other := ids[10]
		h.mustAct(t, officer, other, "accept", nil)
		h.mustAct(t, officer, other, "issue-fee-notice", map[string]any{"method": "per_page", "pages": 40})
		h.setNow(shanghai("2026-03-05", "09:00"))
		c = h.mustAct(t, applicant, other, "record-payment", nil)
		if clockOf(c)["paused"].(bool) || c["fees"].([]any)[0].(map[string]any)["status"] != "paid" {
			t.Fatalf("payment: %v", c["fees"])
		}
		// A lapsed correction period closes as abandoned. (Issue 1/10: the
		// notice must go out within 7 working days of receipt, so it is
		// sent on 2026-03-05, not 2026-04-01.)
		h.mustAct(t, officer, ids[1], "request-correction", map[string]any{"items": []string{"请明确所需信息"}, "periodDays": 5})

		h.setNow(shanghai("2026-03-31", "09:00"))
		c = h.mustAct(t, officer, last, "close", map[string]any{"outcome": "other.fee_unpaid"})
		if c["status"] != "closed" || c["outcome"] != "other.fee_unpaid" {
			t.Fatalf("closed: %v %v", c["status"], c["outcome"])
		}
		// A fee notice after the due date is refused (109号).
		h.mustAct(t, officer, ids[2], "accept", nil)
		if r := h.act(t, officer, ids[2], "issue-fee-notice", map[string]any{"method": "per_page", "pages": 40}); r.Code != 409 || !strings.Contains(r.Body.String(), "2026年3月30日") {
			t.Fatalf("fee notice on an overdue case: %d %s", r.Code, r.Body)
		}

		// Withdrawal by the applicant.
		c = h.mustAct(t, applicant, ids[0], "withdraw", map[string]any{"reason": "已通过其他途径获得"})
		if c["status"] != "closed" || c["outcome"] != "other.withdrawn" {
			t.Fatalf("withdraw: %v %v", c["status"], c["outcome"])
		}
		h.setNow(shanghai("2026-04-20", "09:00"))
		c = h.mustAct(t, officer, ids[1], "close", map[string]any{"outcome": "other.correction_lapsed"})
		if c["outcome"] != "other.correction_lapsed" {
			t.Fatal(c["outcome"])
		}
	})
}

func TestTrackingNumbersUnderConcurrency(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-05-11", "10:00"))
		applicant := h.token("demo-applicant")
		var wg sync.WaitGroup
		numbers := make(chan string, 50)
		errs := make(chan string, 50)
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				b := applicationBody(4)
				b["title"] = fmt.Sprintf("并发申请%d", i)
				r := h.do("POST", "/api/v1/applications", applicant, b)
				if r.Code != 201 {
					errs <- fmt.Sprintf("%d %s", r.Code, r.Body)
					return
				}
				numbers <- r.Map(t)["trackingNumber"].(string)
			}(i)
		}
		wg.Wait()
		close(numbers)
		close(errs)
		for e := range errs {
			t.Fatalf("concurrent submission failed: %s", e)
		}
		seen := map[string]bool{}
		for n := range numbers {
			seen[n] = true
		}
		for i := 1; i <= 50; i++ {
			if n := fmt.Sprintf("ZRJ-2026-%05d", i); !seen[n] {
				t.Errorf("%s missing: numbers are not gap-free", n)
			}
		}
		if len(seen) != 50 {
			t.Fatalf("%d distinct numbers", len(seen))
		}
	})
}

func TestTwoOfficersOneCase(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-05-11", "10:00"))
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		officer, supervisor := h.token("demo-officer"), h.token("demo-supervisor")
		version := c["version"]
		var wg sync.WaitGroup
		codes := make(chan int, 2)
		for _, tok := range []string{officer, supervisor} {
			wg.Add(1)
			go func(tok string) {
				defer wg.Done()
				codes <- h.act(t, tok, c["id"], "accept", map[string]any{"version": version}).Code
			}(tok)
		}
		wg.Wait()
		close(codes)
		var got []int
		for c := range codes {
			got = append(got, c)
		}
		ok, conflict := 0, 0
		for _, c := range got {
			switch c {
			case 200:
				ok++
			case 409:
				conflict++
			}
		}
		if ok != 1 || conflict != 1 {
			t.Fatalf("two officers at once: %v, want one 200 and one 409", got)
		}
		if r := h.act(t, officer, c["id"], "assign", map[string]any{"version": version, "assigneeId": 5}); r.Code != 409 || !strings.Contains(r.Body.String(), `"code":"conflict"`) {
			t.Fatalf("stale version: %d %s", r.Code, r.Body)
		}
	})
}

func TestIdempotentCreate(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		b := applicationBody(1)
		r1 := h.do("POST", "/api/v1/applications", applicant, b, "Idempotency-Key", "k-123")
		r2 := h.do("POST", "/api/v1/applications", applicant, b, "Idempotency-Key", "k-123")
		if r1.Code != 201 || r2.Code != 200 || r1.Map(t)["id"] != r2.Map(t)["id"] || r2.Header().Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %d %d", r1.Code, r2.Code)
		}
		b["title"] = "另一个申请"
		if r := h.do("POST", "/api/v1/applications", applicant, b, "Idempotency-Key", "k-123"); r.Code != 409 {
			t.Fatalf("same key, other body: %d", r.Code)
		}
		var n int64
		h.db.Table("cases").Count(&n)
		if n != 1 {
			t.Fatalf("%d cases", n)
		}
	})
}

func TestHashChainDetectsTampering(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		officer := h.token("demo-officer")
		h.mustAct(t, officer, c["id"], "accept", nil)
		h.mustAct(t, officer, c["id"], "request-assistance", map[string]any{"agencyId": 4, "question": "请提供该地块的征收批准文件"})
		verify := func() string {
			return h.do("GET", fmt.Sprintf("/api/v1/applications/%v/events/verify", c["id"]), officer, nil).Body.String()
		}
		if !strings.Contains(verify(), `"valid":true`) {
			t.Fatal(verify())
		}
		h.db.Exec("UPDATE case_events SET data = ? WHERE case_id = ? AND seq = 2", `{"public":{"forged":true}}`, c["id"])
		if v := verify(); !strings.Contains(v, `"valid":false`) || !strings.Contains(v, `"brokenAt":2`) {
			t.Fatalf("tampered content not detected: %s", v)
		}
	})
}

func TestAttachments(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		upload := func(token, name string, data []byte) response {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			fw, _ := w.CreateFormFile("file", name)
			fw.Write(data)
			w.WriteField("purpose", "application")
			w.Close()
			req := httptest.NewRequest("POST", "/api/v1/attachments", &buf)
			req.Header.Set("Content-Type", w.FormDataContentType())
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			h.srv.Echo.ServeHTTP(rec, req)
			return response{rec}
		}
		pdf := []byte("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
		r := upload(applicant, "身份证明.pdf", pdf)
		if r.Code != 201 || !strings.Contains(r.Body.String(), "application/pdf") {
			t.Fatalf("pdf upload: %d %s", r.Code, r.Body)
		}
		att := r.Map(t)
		if r := upload(applicant, "evil.pdf", []byte("#!/bin/sh\nrm -rf /")); r.Code != 422 || !strings.Contains(r.Body.String(), `"field":"file"`) {
			t.Fatalf("script as pdf: %d %s", r.Code, r.Body)
		}
		if r := upload(applicant, "big.pdf", append([]byte("%PDF-"), make([]byte, 1<<20)...)); r.Code != 413 {
			t.Fatalf("oversized: %d", r.Code)
		}
		b := applicationBody(1)
		b["attachments"] = []any{att["id"]}
		c := h.file(t, applicant, b)
		// The applicant and the agency can download; another applicant and
		// another agency cannot.
		url := fmt.Sprintf("/api/v1/attachments/%v", att["id"])
		if r := h.do("GET", url, applicant, nil); r.Code != 200 || !bytes.Equal(r.Body.Bytes(), pdf) {
			t.Fatalf("owner download: %d", r.Code)
		}
		if r := h.do("GET", url, h.token("demo-officer"), nil); r.Code != 200 {
			t.Fatalf("agency download: %d", r.Code)
		}
		for _, u := range []string{"demo-org", "demo-officer2"} {
			if r := h.do("GET", url, h.token(u), nil); r.Code != 404 {
				t.Fatalf("%s download: %d", u, r.Code)
			}
		}
		// An attachment cannot be reused on another case.
		if r := h.do("POST", "/api/v1/applications", applicant, b); r.Code != 422 {
			t.Fatalf("reused attachment: %d", r.Code)
		}
		_ = c
	})
}

func TestVisibility(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		url := fmt.Sprintf("/api/v1/applications/%v", c["id"])
		for _, u := range []string{"demo-org", "demo-officer2"} {
			if r := h.do("GET", url, h.token(u), nil); r.Code != 404 {
				t.Errorf("%s sees the case: %d", u, r.Code)
			}
		}
		if r := h.do("GET", url, h.token("demo-admin"), nil); r.Code != 403 {
			t.Errorf("admin: %d", r.Code)
		}
		// Assistance opens the case to the other agency's officers.
		officer := h.token("demo-officer")
		h.mustAct(t, officer, c["id"], "accept", nil)
		h.mustAct(t, officer, c["id"], "request-assistance", map[string]any{"agencyId": 4, "question": "请提供该地块的征收批准文件"})
		o2 := h.token("demo-officer2")
		r := h.do("GET", url, o2, nil)
		if r.Code != 200 || strings.Contains(r.Body.String(), "13905310001") {
			t.Fatalf("assisting officer: %d %s", r.Code, r.Body)
		}
		list := h.do("GET", "/api/v1/applications?scope=assistance", o2, nil)
		if !strings.Contains(list.Body.String(), `"total":1`) {
			t.Fatalf("assistance list: %s", list.Body)
		}
		cons := h.getCase(t, officer, c["id"])["consultations"].([]any)[0].(map[string]any)
		h.mustAct(t, o2, c["id"], "reply-assistance", map[string]any{"consultationId": cons["id"], "reply": "批准文件为鲁政土字〔2025〕88号，已随函提供。"})
		if r := h.act(t, o2, c["id"], "accept", nil); r.Code != 403 && r.Code != 409 {
			t.Fatalf("assisting officer accepting: %d", r.Code)
		}
	})
}
