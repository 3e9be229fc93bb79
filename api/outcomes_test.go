package api

import (
	"testing"
	"time"

	"gongkai/models"
)

// TestEveryOutcome drives one case to each outcome of the statutory table
// and checks the outcome is recorded with its notice.
func TestEveryOutcome(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		applicant, officer, supervisor := h.token("demo-applicant"), h.token("demo-officer"), h.token("demo-supervisor")
		for _, o := range models.Outcomes {
			t.Run(o.Key, func(t *testing.T) {
				id := h.file(t, applicant, applicationBody(1)).ID
				// last is the step that concludes the case; notice is the
				// title of the notice it sends the applicant, if any.
				last := scenario{caseID: id, wantStatus: 200, want: outcomeBody{Status: "closed", Outcome: o.Key}}
				var notice string
				switch {
				case o.Key == "unable.unclear_after_correction":
					h.mustAct(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明文号"}})
					h.mustAct(t, applicant, id, "submit-correction", map[string]any{"description": "补正后仍然含糊的描述内容。"})
					fallthrough
				case o.Answer:
					h.mustAct(t, officer, id, "accept", nil)
					body := map[string]any{"outcome": o.Key, "legalBasis": o.Article + "的规定", "text": "经审查，答复如下：" + o.Label}
					if o.Group == "partially_disclosed" || o.Group == "not_disclosed" {
						body["withheldReasons"] = "依法不予公开的理由。"
					}
					h.mustAct(t, officer, id, "draft-answer", body)
					last.name, last.act, last.token, last.body = "the supervisor approves the answer", "decide-answer", supervisor, map[string]any{"approve": true}
					last.want = outcomeBody{Status: "answered", Outcome: o.Key}
					notice = map[string]string{"answer": "答复书", "not_processed": "不予处理告知书"}[o.Notice]
				case o.Key == "other.withdrawn":
					last.name, last.act, last.token = "the applicant withdraws", "withdraw", applicant
				case o.Key == "other.other":
					last.name, last.act, last.token, last.body = "the officer closes it", "close", officer, map[string]any{"outcome": o.Key, "reason": "申请人已通过其他途径获得"}
					notice = "终止处理告知书"
				case o.Key == "other.correction_lapsed":
					h.mustAct(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明文号"}, "periodDays": 1})
					h.clock.Advance(5 * 24 * time.Hour)
					last.name, last.act, last.token, last.body = "closed once the correction period lapsed", "close", officer, map[string]any{"outcome": o.Key}
					notice = "终止处理告知书"
				case o.Key == "other.fee_unpaid":
					h.mustAct(t, officer, id, "accept", nil)
					h.mustAct(t, officer, id, "issue-fee-notice", map[string]any{"method": "per_page", "pages": 50})
					h.clock.Advance(40 * 24 * time.Hour)
					last.name, last.act, last.token, last.body = "closed once the fee lapsed", "close", officer, map[string]any{"outcome": o.Key}
					notice = "终止处理告知书"
				default:
					t.Fatalf("no way to reach %s", o.Key)
				}
				h.step(t, last)
				if notice != "" {
					h.step(t, scenario{name: "the applicant has the " + notice, method: "GET", url: appURL(id, "/notices"), token: applicant,
						wantStatus: 200, wantContains: []string{notice}})
				}
			})
		}
	})
}
