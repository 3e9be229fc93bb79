//go:build loadtest

package api

// A load run against a real `gongkai serve` in another process (see
// .ci/bench-load). It measures, from the client side: the officer queue page,
// case detail, and action throughput. Figures go in BENCHMARKS.md.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type loadClient struct {
	base  string
	token string
	hc    *http.Client
}

func (c *loadClient) do(method, path string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func login(t *testing.T, base, user string, hc *http.Client) *loadClient {
	c := &loadClient{base: base, hc: hc}
	code, b, err := c.do("POST", "/api/v1/auth/login", map[string]string{"username": user, "password": "gongkai-demo"})
	if err != nil || code != 200 {
		t.Fatalf("login %s: %d %s %v", user, code, b, err)
	}
	var s struct{ AccessToken string }
	json.Unmarshal(b, &s)
	c.token = s.AccessToken
	return c
}

func percentiles(ds []time.Duration) string {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	p := func(q float64) time.Duration { return ds[int(q*float64(len(ds)-1))] }
	return fmt.Sprintf("n=%d p50=%s p95=%s p99=%s max=%s", len(ds), p(.50).Round(10*time.Microsecond), p(.95).Round(10*time.Microsecond), p(.99).Round(10*time.Microsecond), ds[len(ds)-1].Round(10*time.Microsecond))
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func TestLoad(t *testing.T) {
	base := os.Getenv("GONGKAI_LOAD_URL")
	if base == "" {
		t.Skip("GONGKAI_LOAD_URL not set")
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
	officer := login(t, base, "demo-officer", hc)
	supervisor := login(t, base, "demo-supervisor", hc)

	// 1. The officer queue: open cases of the agency, by due date, 50 rows
	// with their clocks, one client at a time.
	const queue = "/api/v1/applications?status=registered,correction_requested,handling,answer_review&sort=due&limit=50"
	var ids []int
	{
		code, b, err := officer.do("GET", queue, nil)
		if err != nil || code != 200 {
			t.Fatalf("queue: %d %v", code, err)
		}
		var page struct {
			Total int
			Items []struct{ ID int }
		}
		json.Unmarshal(b, &page)
		t.Logf("queue total open cases of the agency: %d", page.Total)
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
	}
	n := envInt("GONGKAI_LOAD_REQUESTS", 2000)
	var lat []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		code, _, err := officer.do("GET", queue+"&offset="+strconv.Itoa((i%10)*50), nil)
		if err != nil || code != 200 {
			t.Fatalf("queue: %d %v", code, err)
		}
		lat = append(lat, time.Since(start))
	}
	t.Logf("RESULT queue page (50 rows with clocks): %s", percentiles(lat))

	// 2. Case detail with clock and trace.
	lat = lat[:0]
	for i := 0; i < n; i++ {
		start := time.Now()
		code, _, err := officer.do("GET", "/api/v1/applications/"+strconv.Itoa(ids[i%len(ids)]), nil)
		if err != nil || code != 200 {
			t.Fatalf("detail: %d %v", code, err)
		}
		lat = append(lat, time.Since(start))
	}
	t.Logf("RESULT case detail with clock: %s", percentiles(lat))

	// 3. Actions: workers each own distinct open cases and assign them
	// back and forth (a full action: reload, checks, update with version,
	// hash-chained event).
	workers := envInt("GONGKAI_LOAD_WORKERS", 16)
	dur := time.Duration(envInt("GONGKAI_LOAD_SECONDS", 20)) * time.Second
	code, b, _ := supervisor.do("GET", "/api/v1/applications?agencyId=1&status=handling&sort=-due&limit=200", nil)
	var page struct {
		Items []struct {
			ID      int
			Version int
			Agency  struct{ ID int }
		}
	}
	if code != 200 || json.Unmarshal(b, &page) != nil || len(page.Items) == 0 {
		t.Fatalf("action cases: %d", code)
	}
	workers = min(workers, len(page.Items))
	// Officers of agency 1: demo-officer (id 4) and the supervisor (id 6).
	var done, failed atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(dur)
	alat := make([][]time.Duration, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var mine []struct{ id, version int }
			for i := w; i < len(page.Items); i += workers {
				if page.Items[i].Agency.ID == 1 {
					mine = append(mine, struct{ id, version int }{page.Items[i].ID, page.Items[i].Version})
				}
			}
			if len(mine) == 0 {
				return
			}
			assignees := []int{4, 6}
			for k := 0; time.Now().Before(stop); k++ {
				c := &mine[k%len(mine)]
				start := time.Now()
				code, b, err := supervisor.do("POST", fmt.Sprintf("/api/v1/applications/%d/actions/assign", c.id), map[string]any{"version": c.version, "assigneeId": assignees[k%2]})
				if err != nil || code != 200 {
					failed.Add(1)
					var cur struct{ Version int }
					_, b2, _ := supervisor.do("GET", fmt.Sprintf("/api/v1/applications/%d", c.id), nil)
					json.Unmarshal(b2, &cur)
					c.version = cur.Version
					continue
				}
				alat[w] = append(alat[w], time.Since(start))
				var r struct{ Version int }
				json.Unmarshal(b, &r)
				c.version = r.Version
				done.Add(1)
			}
		}(w)
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range alat {
		all = append(all, l...)
	}
	t.Logf("RESULT actions: %d in %s = %.0f/s with %d clients (%d failed); latency %s", done.Load(), dur, float64(done.Load())/dur.Seconds(), workers, failed.Load(), percentiles(all))

	// 4. Reports over every case, as the district-wide supervisor.
	for _, rep := range []struct{ name, path string }{
		{"annual report (whole government)", "/api/v1/reports/annual?year=" + strconv.Itoa(time.Now().Year()-1)},
		{"deadline report (whole government)", "/api/v1/reports/deadlines"},
	} {
		lat = lat[:0]
		for i := 0; i < envInt("GONGKAI_LOAD_REPORTS", 20); i++ {
			start := time.Now()
			code, b, err := supervisor.do("GET", rep.path, nil)
			if err != nil || code != 200 {
				t.Fatalf("%s: %d %s %v", rep.name, code, b, err)
			}
			lat = append(lat, time.Since(start))
		}
		t.Logf("RESULT %s: %s", rep.name, percentiles(lat))
	}
}
