package api

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// pageOf is the part of a list page the pagination tests read.
type pageOf struct {
	Items []struct {
		ID             uint   `json:"id"`
		TrackingNumber string `json:"trackingNumber"`
	} `json:"items"`
	Total       int    `json:"total"`
	TotalCapped bool   `json:"totalCapped"`
	NextCursor  string `json:"nextCursor"`
}

// TestQueueKeysetPagination (issue 3/10): following nextCursor walks the
// same rows in the same order as offsets do, the last page has no cursor,
// and a cursor that is malformed, of another sort order or combined with
// an offset is a 422 naming after.
func TestQueueKeysetPagination(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		for i := range 7 {
			applicant := h.token("demo-applicant")
			body := map[string]any{"agencyId": 1, "title": fmt.Sprintf("分页测试申请%02d", i),
				"description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", "formats": []string{"electronic"}, "delivery": "online"}
			if r := h.do("POST", "/api/v1/applications", applicant, body); r.Code != http.StatusCreated {
				t.Fatalf("file: %d %s", r.Code, r.Body)
			}
			h.clock.Advance(26 * time.Hour) // different receipt and due dates
		}
		officer := h.token("demo-officer")
		for _, sort := range []string{"due", "-due", "receipt", "-created"} {
			t.Run(sort, func(t *testing.T) {
				list := func(q string) pageOf {
					t.Helper()
					r := h.do("GET", "/api/v1/applications?sort="+sort+"&limit=3&"+q, officer, nil)
					if r.Code != http.StatusOK {
						t.Fatalf("list %s: %d %s", q, r.Code, r.Body)
					}
					var p pageOf
					r.JSON(t, &p)
					return p
				}
				all := list("limit=200")
				var byOffset, byCursor []uint
				for off := 0; off < all.Total; off += 3 {
					for _, it := range list(fmt.Sprintf("offset=%d", off)).Items {
						byOffset = append(byOffset, it.ID)
					}
				}
				p := list("")
				pages := 1
				for {
					for _, it := range p.Items {
						byCursor = append(byCursor, it.ID)
					}
					if p.NextCursor == "" {
						break
					}
					p = list("after=" + url.QueryEscape(p.NextCursor))
					pages++
				}
				if fmt.Sprint(byCursor) != fmt.Sprint(byOffset) || len(byCursor) != all.Total || all.Total < 7 {
					t.Fatalf("cursor walk %v, offset walk %v, total %d", byCursor, byOffset, all.Total)
				}
				if want := (all.Total + 2) / 3; pages != want {
					t.Errorf("%d pages, want %d", pages, want)
				}
				if all.TotalCapped {
					t.Errorf("totalCapped on %d cases", all.Total)
				}
			})
		}
		next := func(sort string) string {
			var p pageOf
			h.do("GET", "/api/v1/applications?limit=2&sort="+sort, officer, nil).JSON(t, &p)
			return url.QueryEscape(p.NextCursor)
		}
		h.run(t, []scenario{
			{name: "malformed cursor", method: "GET", url: "/api/v1/applications?after=not-a-cursor", token: officer, wantStatus: 422, wantContains: []string{`"after"`}},
			{name: "cursor of another order", method: "GET", url: "/api/v1/applications?sort=receipt&after=" + next("due"), token: officer, wantStatus: 422, wantContains: []string{`"after"`}},
			{name: "cursor with an offset", method: "GET", url: "/api/v1/applications?offset=2&after=" + next("due"), token: officer, wantStatus: 422, wantContains: []string{`"after"`, "offset"}},
		})
	})
}
