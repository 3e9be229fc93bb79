package api

import (
	"fmt"
	"strings"
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
				c := h.fileMap(t, applicant, applicationBody(1))
				id := c["id"]
				var notice string
				switch {
				case o.Key == "unable.unclear_after_correction":
					h.mustActMap(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明文号"}})
					h.mustActMap(t, applicant, id, "submit-correction", map[string]any{"description": "补正后仍然含糊的描述内容。"})
					fallthrough
				case o.Answer:
					h.mustActMap(t, officer, id, "accept", nil)
					body := map[string]any{"outcome": o.Key, "legalBasis": o.Article + "的规定", "text": "经审查，答复如下：" + o.Label}
					if o.Group == "partially_disclosed" || o.Group == "not_disclosed" {
						body["withheldReasons"] = "依法不予公开的理由。"
					}
					h.mustActMap(t, officer, id, "draft-answer", body)
					c = h.mustActMap(t, supervisor, id, "decide-answer", map[string]any{"approve": true})
					notice = map[string]string{"answer": "答复书", "not_processed": "不予处理告知书"}[o.Notice]
				case o.Key == "other.withdrawn":
					c = h.mustActMap(t, applicant, id, "withdraw", nil)
				case o.Key == "other.other":
					c = h.mustActMap(t, officer, id, "close", map[string]any{"outcome": o.Key, "reason": "申请人已通过其他途径获得"})
					notice = "终止处理告知书"
				case o.Key == "other.correction_lapsed":
					h.mustActMap(t, officer, id, "request-correction", map[string]any{"items": []string{"请写明文号"}, "periodDays": 1})
					h.clock.Advance(5 * 24 * time.Hour)
					c = h.mustActMap(t, officer, id, "close", map[string]any{"outcome": o.Key})
					notice = "终止处理告知书"
				case o.Key == "other.fee_unpaid":
					h.mustActMap(t, officer, id, "accept", nil)
					h.mustActMap(t, officer, id, "issue-fee-notice", map[string]any{"method": "per_page", "pages": 50})
					h.clock.Advance(40 * 24 * time.Hour)
					c = h.mustActMap(t, officer, id, "close", map[string]any{"outcome": o.Key})
					notice = "终止处理告知书"
				}
				if c["outcome"] != o.Key || !strings.Contains("answered closed", c["status"].(string)) {
					t.Fatalf("%s: status %v outcome %v", o.Key, c["status"], c["outcome"])
				}
				if notice != "" {
					r := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", id), applicant, nil)
					if !strings.Contains(r.Body.String(), notice) {
						t.Fatalf("%s: notices lack %s: %s", o.Key, notice, r.Body)
					}
				}
			})
		}
	})
}
