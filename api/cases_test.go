package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"gongkai/app"
)

// trackBody is what the anonymous tracker shows of a case.
type trackBody struct {
	Status      string `json:"status"`
	ReceiptDate string `json:"receiptDate"`
	DueDate     string `json:"dueDate"`
	Concluded   bool   `json:"concluded"`
	OnTime      bool   `json:"onTime"`
	Outcome     string `json:"outcome"`
}

// outcomeBody is how a case ended.
type outcomeBody struct {
	Status  string `json:"status"`
	Outcome string `json:"outcome"`
}

// TestLifecycleWithConsultationAndExtension walks the product owner's
// example: received 2026-09-28 → due 2026-10-30; a third-party
// consultation 2026-10-12 to 2026-10-20 removes 6 working days → 2026-11-09;
// an approved 20-day extension → 2026-12-07.
func TestLifecycleWithConsultationAndExtension(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-09-28", "10:00"))
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		var filed caseResponse
		h.step(t, scenario{name: "filed on 2026-09-28, due 2026-10-30", method: "POST", url: "/api/v1/applications", token: applicant, body: applicationBody(1),
			wantStatus: 201, into: &filed,
			want:  caseBody{Status: "registered", ReceiptDate: "2026-09-28", Clock: clockBody{DueDate: "2026-10-30"}},
			check: checks(wantActions([]string{"withdraw"}, []string{"accept"}), wantTrackingAndMaskedID)})
		id := filed.ID
		h.step(t, scenario{name: "the agency's officer sees the identity number in full", method: "GET", url: appURL(id), token: officer, wantStatus: 200,
			check: checks(wantActions([]string{"accept", "request-correction"}, []string{"decide-answer"}), func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "officer's view of the identity number", app.WithIDCheck("37120219850317203"), decode[caseResponse](t, r).Applicant.IDNumber)
			})})

		h.setNow(shanghai("2026-09-29", "09:00"))
		h.step(t, scenario{name: "accepted on 2026-09-29", act: "accept", caseID: id, token: officer, wantStatus: 200,
			want: caseBody{Status: "handling", ReceiptDate: "2026-09-28", Clock: clockBody{DueDate: "2026-10-30"}}})

		h.setNow(shanghai("2026-10-12", "09:00"))
		var c caseResponse
		h.step(t, scenario{name: "a third-party consultation on 2026-10-12 pauses the clock", act: "start-consultation", caseID: id, token: officer,
			body:       map[string]any{"kind": "third_party", "partyName": "济南某房地产开发有限公司", "question": "是否同意公开贵公司提交的补偿协议？"},
			wantStatus: 200, into: &c,
			want: caseBody{Status: "handling", ReceiptDate: "2026-09-28", Clock: clockBody{Paused: true}}, cmpOpts: opts(ignoreDueDate),
			check: checks(wantActions(nil, []string{"draft-answer"}), func(t *testing.T, r *httptest.ResponseRecorder) {
				// 15 working days after 2026-10-12: 10-13..10-30 is 14 working
				// days (10-13..16, 19..23, 26..30), 11-02 is the 15th.
				diff(t, "reply due", "2026-11-02", decode[caseResponse](t, r).Consultations[0].ReplyDue)
			})})

		h.setNow(shanghai("2026-10-20", "15:00"))
		h.step(t, scenario{name: "the reply on 2026-10-20 resumes the clock 6 working days later: 2026-11-09", act: "record-consultation-reply", caseID: id, token: officer,
			body:       map[string]any{"consultationId": c.Consultations[0].ID, "reply": "object", "reason": "涉及商业秘密"},
			wantStatus: 200, want: caseBody{Status: "handling", ReceiptDate: "2026-09-28", Clock: clockBody{DueDate: "2026-11-09"}}})

		h.setNow(shanghai("2026-10-26", "10:00"))
		h.step(t, scenario{name: "a 20-day extension requested", act: "request-extension", caseID: id, token: officer,
			body: map[string]any{"days": 20, "reason": "需要调取档案并区分处理"}, wantStatus: 200})
		h.step(t, scenario{name: "a second request is refused while one is pending", act: "request-extension", caseID: id, token: officer,
			body: map[string]any{"days": 5, "reason": "再次延期"}, wantStatus: 409})
		h.step(t, scenario{name: "officers cannot approve", act: "decide-extension", caseID: id, token: officer,
			body: map[string]any{"approve": true}, wantStatus: 403})
		h.step(t, scenario{name: "the supervisor approves: due 2026-12-07", act: "decide-extension", caseID: id, token: supervisor,
			body:       map[string]any{"approve": true, "comment": "同意"},
			wantStatus: 200, want: caseBody{Status: "handling", ReceiptDate: "2026-09-28", Clock: clockBody{DueDate: "2026-12-07", ExtendedDays: 20}},
			check: wantTrace("2026-09-28", "2026-10-30", "2026-10-12", "2026-10-20", "2026-11-09", "2026-12-07")})

		h.setNow(shanghai("2026-11-20", "10:00"))
		h.step(t, scenario{name: "answer drafted", act: "draft-answer", caseID: id, token: officer,
			body: map[string]any{"outcome": "partially_disclosed", "legalBasis": "《中华人民共和国政府信息公开条例》第三十七条",
				"text": "经审查，现提供征地补偿安置方案，批准文件中涉及第三方商业秘密的部分不予公开。", "withheldReasons": "涉及第三方商业秘密，第三方不同意公开。"},
			wantStatus: 200})
		answered := caseBody{Status: "answered", Outcome: "partially_disclosed", ReceiptDate: "2026-09-28",
			Clock: clockBody{DueDate: "2026-12-07", ExtendedDays: 20, OnTime: true}}
		h.step(t, scenario{name: "the supervisor approves the answer: answered on time", act: "decide-answer", caseID: id, token: supervisor,
			body: map[string]any{"approve": true}, wantStatus: 200, want: answered})
		h.step(t, scenario{name: "delivery recorded", act: "record-delivery", caseID: id, token: officer, body: map[string]any{"method": "online"}, wantStatus: 200})
		answered.Status = "archived"
		h.step(t, scenario{name: "archived: only a remedy can still be recorded", act: "archive", caseID: id, token: officer,
			body: map[string]any{"archiveNumber": "ZFB-YSQ-2026-001"}, wantStatus: 200, want: answered,
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "allowedActions", []string{"record-remedy"}, actionNames(decode[caseResponse](t, r)))
			}})

		// Notices: receipt, letter to the third party, notice to the
		// applicant, extension, answer.
		var notices listResponse[noticeResponse]
		h.step(t, scenario{name: "the officer sees every notice, each with the agency's document number", method: "GET", url: appURL(id, "/notices"), token: officer,
			wantStatus: 200, into: &notices,
			wantContains: []string{"接收回执", "征求意见书（给第三方）", "征求意见告知书（给申请人）", "延期答复告知书", "答复书"},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				var kinds []string
				for _, n := range decode[listResponse[noticeResponse]](t, r).Items {
					kinds = append(kinds, n.Kind)
					if !strings.HasPrefix(n.DocNumber, "莱芜区政府办〔2026〕第") {
						t.Errorf("%s: doc number %q", n.Kind, n.DocNumber)
					}
				}
				diff(t, "notice kinds", []string{"receipt", "consultation_third_party", "consultation_applicant", "extension", "answer"}, kinds)
			}})
		h.step(t, scenario{name: "the applicant sees only the notices addressed to them", method: "GET", url: appURL(id, "/notices"), token: applicant,
			wantStatus: 200, wantContains: []string{"答复书"}, wantAbsent: []string{"给第三方"}})
		for _, n := range notices.Items {
			sc := scenario{name: "the applicant opening the " + n.Kind + " notice", method: "GET", url: fmt.Sprintf("/api/v1/notices/%d", n.ID), token: applicant, wantStatus: 404}
			if n.Public {
				sc.wantStatus = 200
			}
			if n.Kind == "answer" {
				sc.wantContains = []string{"涉及第三方商业秘密"}
			}
			h.step(t, sc)
		}
		h.step(t, scenario{name: "the applicant's timeline has public events only and no internal data", method: "GET", url: appURL(id, "/events"), token: applicant,
			wantStatus: 200, wantContains: []string{"decide-extension"}, wantAbsent: []string{"request-extension", "商业秘密", "draft-answer"}})
		h.step(t, scenario{name: "the timeline's chain verifies", method: "GET", url: appURL(id, "/events/verify"), token: officer, wantStatus: 200, want: chainBody{Valid: true}})

		track := "/api/v1/public/track?trackingNumber=" + filed.TrackingNumber + "&queryCode="
		h.step(t, scenario{name: "anonymous tracking shows the outcome and no internal data", method: "GET", url: track + filed.QueryCode, wantStatus: 200,
			want:       trackBody{Status: "archived", ReceiptDate: "2026-09-28", DueDate: "2026-12-07", Concluded: true, OnTime: true, Outcome: "partially_disclosed"},
			wantAbsent: []string{"商业秘密"}})
		var wrongCode problem
		h.step(t, scenario{name: "a wrong query code is a 404", method: "GET", url: track + "AAAAAAAA", wantStatus: 404, into: &wrongCode, wantProblem: &wantProblem{code: "not_found"}})
		h.step(t, scenario{name: "an unknown tracking number is the same 404", method: "GET", url: "/api/v1/public/track?trackingNumber=ZFB-2026-99999&queryCode=AAAAAAAA",
			wantStatus: 404, wantProblem: &wantProblem{code: "not_found"},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "detail", wrongCode.Detail, decode[problem](t, r).Detail)
			}})
	})
}

// wantTrackingAndMaskedID checks a newly filed case's tracking number and
// query code, and that the applicant sees their own number masked.
func wantTrackingAndMaskedID(t *testing.T, r *httptest.ResponseRecorder) {
	t.Helper()
	c := decode[caseResponse](t, r)
	if !strings.HasPrefix(c.TrackingNumber, "ZFB-2026-") || len(c.QueryCode) != 8 {
		t.Errorf("tracking number %q, query code %q", c.TrackingNumber, c.QueryCode)
	}
	full := app.WithIDCheck("37120219850317203")
	diff(t, "the applicant's view of their identity number", full[:6]+"********"+full[14:], c.Applicant.IDNumber)
}

func TestCorrectionRestartsTheClock(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		// Filed on Saturday 2026-10-10, a 调休 working day: the receipt date
		// is that day.
		h.setNow(shanghai("2026-10-10", "11:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		var c caseResponse
		h.step(t, scenario{name: "filed on the 调休 Saturday 2026-10-10: received that day", method: "POST", url: "/api/v1/applications", token: applicant,
			body: applicationBody(1), wantStatus: 201, into: &c,
			// 10-12..16, 19..23, 26..30, 11-02..06: the 20th working day.
			want: caseBody{Status: "registered", ReceiptDate: "2026-10-10", Clock: clockBody{DueDate: "2026-11-06"}}})
		id := c.ID
		h.setNow(shanghai("2026-10-13", "09:00"))
		h.step(t, scenario{name: "a correction requested on 2026-10-13: the period ends 10 working days later, 2026-10-27", act: "request-correction", caseID: id, token: officer,
			body:       map[string]any{"items": []string{"请写明征收项目的名称或批准文号"}, "periodDays": 10},
			wantStatus: 200, want: caseBody{Status: "correction_requested", ReceiptDate: "2026-10-10", Clock: clockBody{AwaitingCorrection: true}}, cmpOpts: opts(ignoreDueDate),
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "period ends", "2026-10-27", decode[caseResponse](t, r).State.Correction.PeriodEnds.String())
			}})
		h.setNow(shanghai("2026-10-20", "14:00"))
		h.step(t, scenario{name: "corrected on 2026-10-20: the clock restarts, 20 working days to 2026-11-17", act: "submit-correction", caseID: id, token: applicant,
			body:       map[string]any{"description": "申请公开凤城街道2025年第3批次土地征收项目（鲁政土字〔2025〕88号）的征地补偿安置方案。"},
			wantStatus: 200, want: caseBody{Status: "registered", ReceiptDate: "2026-10-20", Clock: clockBody{DueDate: "2026-11-17"}}})
		h.run(t, []scenario{
			{name: "a second correction is not offered", method: "GET", url: appURL(id), token: officer, wantStatus: 200, check: wantActions(nil, []string{"request-correction"})},
			{name: "a second correction is refused", act: "request-correction", caseID: id, token: officer, body: map[string]any{"items": []string{"again"}},
				wantStatus: 409, wantProblem: &wantProblem{code: "invalid_transition"}},
		})
		h.step(t, scenario{name: "accepted", act: "accept", caseID: id, token: officer, wantStatus: 200})
		h.step(t, scenario{name: "unclear after correction: the answer goes to review", act: "draft-answer", caseID: id, token: officer,
			body:       map[string]any{"outcome": "unable.unclear_after_correction", "legalBasis": "《条例》第三十条", "text": "经补正后申请内容仍不明确，无法确定所需信息。"},
			wantStatus: 200, want: caseBody{Status: "answer_review", ReceiptDate: "2026-10-20", Clock: clockBody{DueDate: "2026-11-17"}}})
	})
}

func TestFeeAndClosures(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-03-02", "10:00"))
		applicant, officer := h.token("demo-applicant"), h.token("demo-officer")
		var ids []uint
		for i := 0; i < 12; i++ {
			b := applicationBody(1)
			b["title"] = fmt.Sprintf("第%d号政府信息", i+1)
			ids = append(ids, h.file(t, applicant, b).ID)
		}
		last := ids[11]
		h.step(t, scenario{name: "the twelfth application of the month accepted", act: "accept", caseID: last, token: officer, wantStatus: 200})
		h.step(t, scenario{name: "fee quote for 2219 pages", method: "GET", url: appURL(last, "/fee-quote?pages=2219"), token: officer,
			wantStatus: 200, want: app.FeeQuote{MonthCount: 12, Pages: 2219, PerApplication: 100, PerPage: 83460}})
		h.step(t, scenario{name: "a fee notice per application pauses the clock", act: "issue-fee-notice", caseID: last, token: officer,
			body:       map[string]any{"method": "per_application"},
			wantStatus: 200, want: caseBody{Status: "handling", ReceiptDate: "2026-03-02", Clock: clockBody{Paused: true}}, cmpOpts: opts(ignoreDueDate),
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				// 20 working days from the day after receipt (2026-03-02) = 2026-03-30.
				diff(t, "fee", feeResponse{Method: "per_application", MonthCount: 12, AmountPerApp: 100, Amount: 100, DueOn: "2026-03-30", Status: "pending"},
					decode[caseResponse](t, r).Fees[0], cmpopts.IgnoreFields(feeResponse{}, "ID", "Pages", "AmountPerPage", "NoticeOn", "ReceivedOn"))
			}})
		h.step(t, scenario{name: "closing before the fee lapsed is refused", act: "close", caseID: last, token: officer,
			body: map[string]any{"outcome": "other.fee_unpaid", "reason": ""}, wantStatus: 409})

		// Paying ends the pause. (Issue 1/10: a fee notice goes out only
		// within the answer period, so this case's notice now comes before
		// its due date of 2026-03-30 rather than on 2026-04-01.)
		h.setNow(shanghai("2026-03-03", "09:00"))
		other := ids[10]
		h.step(t, scenario{name: "another case accepted", act: "accept", caseID: other, token: officer, wantStatus: 200})
		h.step(t, scenario{name: "a fee notice per page", act: "issue-fee-notice", caseID: other, token: officer, body: map[string]any{"method": "per_page", "pages": 40}, wantStatus: 200})
		h.setNow(shanghai("2026-03-05", "09:00"))
		h.step(t, scenario{name: "paying ends the pause", act: "record-payment", caseID: other, token: applicant,
			wantStatus: 200, want: caseBody{Status: "handling", ReceiptDate: "2026-03-02"}, cmpOpts: opts(ignoreDueDate),
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "fee status", "paid", decode[caseResponse](t, r).Fees[0].Status)
			}})
		// A lapsed correction period closes as abandoned. (Issue 1/10: the
		// notice must go out within 7 working days of receipt, so it is
		// sent on 2026-03-05, not 2026-04-01.)
		h.step(t, scenario{name: "a correction requested with a 5-day period", act: "request-correction", caseID: ids[1], token: officer,
			body: map[string]any{"items": []string{"请明确所需信息"}, "periodDays": 5}, wantStatus: 200})

		h.setNow(shanghai("2026-03-31", "09:00"))
		h.step(t, scenario{name: "closed once the fee lapsed", act: "close", caseID: last, token: officer, body: map[string]any{"outcome": "other.fee_unpaid"},
			wantStatus: 200, want: outcomeBody{Status: "closed", Outcome: "other.fee_unpaid"}})
		h.step(t, scenario{name: "an overdue case accepted", act: "accept", caseID: ids[2], token: officer, wantStatus: 200})
		h.step(t, scenario{name: "a fee notice after the due date is refused (109号)", act: "issue-fee-notice", caseID: ids[2], token: officer,
			body: map[string]any{"method": "per_page", "pages": 40}, wantStatus: 409, wantContains: []string{"2026年3月30日"}})
		h.step(t, scenario{name: "the applicant withdraws", act: "withdraw", caseID: ids[0], token: applicant, body: map[string]any{"reason": "已通过其他途径获得"},
			wantStatus: 200, want: outcomeBody{Status: "closed", Outcome: "other.withdrawn"}})
		h.setNow(shanghai("2026-04-20", "09:00"))
		h.step(t, scenario{name: "the lapsed correction period closes as abandoned", act: "close", caseID: ids[1], token: officer, body: map[string]any{"outcome": "other.correction_lapsed"},
			wantStatus: 200, want: outcomeBody{Status: "closed", Outcome: "other.correction_lapsed"}})
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
				var c caseResponse
				if err := json.Unmarshal(r.Body.Bytes(), &c); r.Code != 201 || err != nil {
					errs <- fmt.Sprintf("%d %s %v", r.Code, r.Body, err)
					return
				}
				numbers <- c.TrackingNumber
			}(i)
		}
		wg.Wait()
		close(numbers)
		close(errs)
		for e := range errs {
			t.Fatalf("concurrent submission failed: %s", e)
		}
		var got, want []string
		for n := range numbers {
			got = append(got, n)
		}
		for i := 1; i <= 50; i++ {
			want = append(want, fmt.Sprintf("ZRJ-2026-%05d", i))
		}
		slices.Sort(got)
		diff(t, "tracking numbers: distinct and gap-free", want, got)
	})
}

func TestTwoOfficersOneCase(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		h.setNow(shanghai("2026-05-11", "10:00"))
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		officer, supervisor := h.token("demo-officer"), h.token("demo-supervisor")
		var wg sync.WaitGroup
		codes := make(chan int, 2)
		for _, tok := range []string{officer, supervisor} {
			wg.Add(1)
			go func(tok string) {
				defer wg.Done()
				codes <- h.do("POST", appURL(c.ID, "/actions/accept"), tok, map[string]any{"version": c.Version}).Code
			}(tok)
		}
		wg.Wait()
		close(codes)
		var got []int
		for c := range codes {
			got = append(got, c)
		}
		slices.Sort(got)
		diff(t, "two officers accepting at once: one wins, one conflicts", []int{200, 409}, got)
		h.run(t, []scenario{{name: "a stale version is a conflict", act: "assign", caseID: c.ID, token: officer,
			body: map[string]any{"version": c.Version, "assigneeId": 5}, wantStatus: 409, wantProblem: &wantProblem{code: "conflict"}}})
	})
}

func TestIdempotentCreate(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		b := applicationBody(1)
		var first caseResponse
		h.step(t, scenario{name: "the first request creates", method: "POST", url: "/api/v1/applications", token: applicant, body: b,
			headers: []string{"Idempotency-Key", "k-123"}, wantStatus: 201, into: &first})
		h.step(t, scenario{name: "a replay returns the same case", method: "POST", url: "/api/v1/applications", token: applicant, body: b,
			headers: []string{"Idempotency-Key", "k-123"}, wantStatus: 200, wantHeaders: map[string]string{"Idempotent-Replayed": "true"},
			check: func(t *testing.T, r *httptest.ResponseRecorder) {
				diff(t, "case id", first.ID, decode[caseResponse](t, r).ID)
			}})
		other := applicationBody(1)
		other["title"] = "另一个申请"
		h.step(t, scenario{name: "the same key with another body is a conflict", method: "POST", url: "/api/v1/applications", token: applicant, body: other,
			headers: []string{"Idempotency-Key", "k-123"}, wantStatus: 409})
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
		h.mustAct(t, officer, c.ID, "accept", nil)
		h.mustAct(t, officer, c.ID, "request-assistance", map[string]any{"agencyId": 4, "question": "请提供该地块的征收批准文件"})
		verify := scenario{name: "the chain verifies", method: "GET", url: appURL(c.ID, "/events/verify"), token: officer, wantStatus: 200, want: chainBody{Valid: true}}
		h.step(t, verify)
		h.db.Exec("UPDATE case_events SET data = ? WHERE case_id = ? AND seq = 2", `{"public":{"forged":true}}`, c.ID)
		verify.name, verify.want = "tampered content is detected at event 2", chainBody{Valid: false, BrokenAt: 2}
		h.step(t, verify)
	})
}

func TestAttachments(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		upload := func(name, filename string, data []byte) scenario {
			body, ct := multipartFile(t, filename, data, "purpose", "application")
			return scenario{name: name, method: "POST", url: "/api/v1/attachments", token: applicant, body: body, headers: []string{"Content-Type", ct}}
		}
		pdf := []byte("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
		sum := sha256.Sum256(pdf)
		var att attachmentResponse
		ok := upload("a PDF is stored", "身份证明.pdf", pdf)
		ok.wantStatus, ok.into = 201, &att
		ok.want = attachmentResponse{Filename: "身份证明.pdf", ContentType: "application/pdf", Size: int64(len(pdf)), SHA256: hex.EncodeToString(sum[:]), Purpose: "application"}
		ok.cmpOpts = opts(cmpopts.IgnoreFields(attachmentResponse{}, "ID", "CreatedAt"))
		script := upload("a script named .pdf is refused", "evil.pdf", []byte("#!/bin/sh\nrm -rf /"))
		script.wantStatus, script.wantProblem = 422, &wantProblem{code: "validation_failed", fields: []string{"file"}}
		big := upload("an oversized file is refused", "big.pdf", append([]byte("%PDF-"), make([]byte, 1<<20)...))
		big.wantStatus = 413
		h.run(t, []scenario{ok, script, big})

		b := applicationBody(1)
		b["attachments"] = []any{att.ID}
		h.file(t, applicant, b)
		// The applicant and the agency can download; another applicant and
		// another agency cannot.
		url := fmt.Sprintf("/api/v1/attachments/%d", att.ID)
		h.run(t, []scenario{
			{name: "the applicant downloads it", method: "GET", url: url, token: applicant, wantStatus: 200,
				check: func(t *testing.T, r *httptest.ResponseRecorder) {
					if !bytes.Equal(r.Body.Bytes(), pdf) {
						t.Errorf("downloaded %q, want %q", r.Body, pdf)
					}
				}},
			{name: "the agency downloads it", method: "GET", url: url, token: h.token("demo-officer"), wantStatus: 200},
			{name: "another applicant may not", method: "GET", url: url, token: h.token("demo-org"), wantStatus: 404},
			{name: "another agency may not", method: "GET", url: url, token: h.token("demo-officer2"), wantStatus: 404},
			{name: "it cannot be reused on another case", method: "POST", url: "/api/v1/applications", token: applicant, body: b, wantStatus: 422},
		})
	})
}

func TestVisibility(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		c := h.file(t, h.token("demo-applicant"), applicationBody(1))
		url := appURL(c.ID)
		h.run(t, []scenario{
			{name: "another applicant does not see it", method: "GET", url: url, token: h.token("demo-org"), wantStatus: 404},
			{name: "another agency does not see it", method: "GET", url: url, token: h.token("demo-officer2"), wantStatus: 404},
			{name: "an admin may not read cases", method: "GET", url: url, token: h.token("demo-admin"), wantStatus: 403},
		})
		// Assistance opens the case to the other agency's officers.
		officer, o2 := h.token("demo-officer"), h.token("demo-officer2")
		h.mustAct(t, officer, c.ID, "accept", nil)
		h.mustAct(t, officer, c.ID, "request-assistance", map[string]any{"agencyId": 4, "question": "请提供该地块的征收批准文件"})
		h.step(t, scenario{name: "the assisting officer sees the case without the applicant's phone", method: "GET", url: url, token: o2,
			wantStatus: 200, wantAbsent: []string{"13905310001"}})
		h.step(t, scenario{name: "the assisting officer's assistance list", method: "GET", url: "/api/v1/applications?scope=assistance", token: o2,
			wantStatus: 200, want: listTotal{Total: 1}})
		cons := h.getCase(t, officer, c.ID).Consultations[0]
		h.step(t, scenario{name: "the assisting officer replies", act: "reply-assistance", caseID: c.ID, token: o2,
			body: map[string]any{"consultationId": cons.ID, "reply": "批准文件为鲁政土字〔2025〕88号，已随函提供。"}, wantStatus: 200})
		h.step(t, scenario{name: "the assisting officer may not accept", act: "accept", caseID: c.ID, token: o2, wantStatus: 403})
	})
}
