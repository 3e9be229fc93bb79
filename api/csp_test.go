package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/migrations/dbtest"
)

// cspDirectives splits a Content-Security-Policy into its directives.
func cspDirectives(t *testing.T, policy string) map[string][]string {
	t.Helper()
	if policy == "" {
		t.Fatal("no Content-Security-Policy")
	}
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

func wantDirective(t *testing.T, what string, d map[string][]string, name string, sources ...string) {
	t.Helper()
	got := strings.Join(d[name], " ")
	if got != strings.Join(sources, " ") {
		t.Errorf("%s: %s is %q, want %q", what, name, got, strings.Join(sources, " "))
	}
}

// hasInlineScript finds script the browser would run from the markup: a
// script element without src or with a body, an event-handler attribute,
// a javascript: URL.
func hasInlineScript(html string) bool {
	for _, m := range regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script>`).FindAllString(html, -1) {
		if !strings.Contains(strings.SplitN(m, ">", 2)[0], "src=") || strings.TrimSpace(strings.SplitN(strings.SplitN(m, ">", 2)[1], "</script>", 2)[0]) != "" {
			return true
		}
	}
	return regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=|javascript:`).MatchString(html)
}

// TestUIContentSecurityPolicy: the web UI runs only the app's own script
// files, is never framed, and loads nothing from elsewhere.
func TestUIContentSecurityPolicy(t *testing.T) {
	h := newHarness(t, dbtest.OpenSQLite(t))
	ui := fstest.MapFS{"index.html": {Data: []byte(`<!doctype html><div id="app"></div><script type="module" src="/assets/index.js"></script>`)},
		"assets/index.js": {Data: []byte(`console.log(1)`)}}
	srv := New(h.svc, Options{Log: h.srv.log, UI: ui, RateLimitPerMinute: 1000, BodyLimitBytes: 1 << 16, UploadLimitBytes: 1 << 20})
	for _, path := range []string{"/", "/staff/cases/1", "/assets/index.js"} {
		req, _ := http.NewRequest("GET", path, nil)
		rec := response{httptest.NewRecorder()}
		srv.Echo.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		d := cspDirectives(t, rec.Header().Get("Content-Security-Policy"))
		wantDirective(t, path, d, "default-src", "'self'")
		wantDirective(t, path, d, "script-src", "'self'")
		wantDirective(t, path, d, "img-src", "'self'", "data:", "blob:")
		wantDirective(t, path, d, "frame-ancestors", "'none'")
		wantDirective(t, path, d, "object-src", "'none'")
		wantDirective(t, path, d, "base-uri", "'self'")
		wantDirective(t, path, d, "form-action", "'self'")
		for name, srcs := range d {
			for _, s := range srcs {
				if s == "'unsafe-eval'" || s == "'unsafe-inline'" || s == "*" || strings.HasPrefix(s, "http") {
					t.Errorf("%s: %s allows %s", path, name, s)
				}
			}
		}
	}
	// The page the UI is built from, and the build when there is one,
	// carry no inline script.
	for _, f := range []string{"../frontend/index.html", "../frontend/dist/index.html"} {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) && strings.Contains(f, "dist") {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if hasInlineScript(string(b)) {
			t.Errorf("%s has inline script", f)
		}
	}
}

// TestDocumentsRunNoScript: the printable notices (by login and by the
// public tracker) and the annual report's print view allow no script at
// all and carry none; downloads are sandboxed; the API allows nothing.
func TestDocumentsRunNoScript(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		r := h.do("POST", "/api/v1/applications", applicant, map[string]any{"agencyId": 1, "title": "2025年凤城街道土地征收补偿安置方案",
			"description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", "formats": []string{"electronic"}, "delivery": "online"})
		c := r.Map(t)
		ns := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", c["id"]), applicant, nil).Map(t)["items"].([]any)
		id := ns[0].(map[string]any)["id"]
		docs := map[string]response{
			"notice":         h.do("GET", fmt.Sprintf("/api/v1/notices/%v", id), applicant, nil),
			"tracked notice": h.do("GET", fmt.Sprintf("/api/v1/public/track/notices/%v?trackingNumber=%v&queryCode=%v", id, c["trackingNumber"], c["queryCode"]), "", nil),
			"annual report":  h.do("GET", "/api/v1/reports/annual?year=2026&format=html", h.token("demo-supervisor"), nil),
		}
		for what, r := range docs {
			if r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("%s: %d %s", what, r.Code, r.Body)
			}
			d := cspDirectives(t, r.Header().Get("Content-Security-Policy"))
			wantDirective(t, what, d, "default-src", "'none'")
			wantDirective(t, what, d, "script-src", "'none'")
			wantDirective(t, what, d, "style-src", "'unsafe-inline'")
			wantDirective(t, what, d, "frame-ancestors", "'none'")
			wantDirective(t, what, d, "base-uri", "'none'")
			wantDirective(t, what, d, "form-action", "'none'")
			if hasInlineScript(r.Body.String()) || strings.Contains(r.Body.String(), "<button") {
				t.Errorf("%s carries script or a dead print button: %s", what, r.Body)
			}
			// Printing is the browser's: the page says how, on screen only.
			if !strings.Contains(r.Body.String(), "Ctrl+P") || !strings.Contains(r.Body.String(), "@media print") {
				t.Errorf("%s says nothing about printing", what)
			}
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "a.pdf")
		fw.Write([]byte("%PDF-1.4 test"))
		mw.Close()
		att := h.do("POST", "/api/v1/attachments", applicant, buf.Bytes(), "Content-Type", mw.FormDataContentType()).Map(t)
		dl := h.do("GET", fmt.Sprintf("/api/v1/attachments/%v", att["id"]), applicant, nil)
		d := cspDirectives(t, dl.Header().Get("Content-Security-Policy"))
		wantDirective(t, "download", d, "default-src", "'none'")
		if _, ok := d["sandbox"]; !ok {
			t.Errorf("download not sandboxed: %v", d)
		}
		api := h.do("GET", "/api/v1/agencies", "", nil)
		d = cspDirectives(t, api.Header().Get("Content-Security-Policy"))
		wantDirective(t, "API", d, "default-src", "'none'")
		wantDirective(t, "API", d, "frame-ancestors", "'none'")
	})
}

// TestLegacyNoticesServedWithoutScript: notices stored before the print
// button went are served with the printing note in its place.
func TestLegacyNoticesServedWithoutScript(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		applicant := h.token("demo-applicant")
		c := h.do("POST", "/api/v1/applications", applicant, map[string]any{"agencyId": 1, "title": "2025年凤城街道土地征收补偿安置方案",
			"description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", "formats": []string{"electronic"}, "delivery": "online"}).Map(t)
		ns := h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", c["id"]), applicant, nil).Map(t)["items"].([]any)
		id := ns[0].(map[string]any)["id"]
		h.db.Exec(`UPDATE notices SET html = REPLACE(html, '<body>', '<body>`+"\n"+`<div class="noprint"><button onclick="window.print()">打印 / Print</button></div>') WHERE id = ?`, id)
		var stored string
		h.db.Raw("SELECT html FROM notices WHERE id = ?", id).Scan(&stored)
		if !strings.Contains(stored, "onclick") {
			t.Fatalf("no legacy button planted: %s", stored)
		}
		r := h.do("GET", fmt.Sprintf("/api/v1/notices/%v", id), applicant, nil)
		if r.Code != 200 || hasInlineScript(r.Body.String()) || !strings.Contains(r.Body.String(), "Ctrl+P") {
			t.Fatalf("legacy notice: %d %s", r.Code, r.Body)
		}
	})
}
