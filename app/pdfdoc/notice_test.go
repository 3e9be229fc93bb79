package pdfdoc

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// MustPages returns the page count pdfinfo reports, after checking the page
// size.
func MustPages(tb testing.TB, path, size string) int {
	tb.Helper()
	info := MustRun(tb, "pdfinfo", path)
	if !strings.Contains(info, "Page size:       "+size) {
		tb.Errorf("pdfinfo: want page size %s in\n%s", size, info)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		tb.Fatalf("pdfinfo: no page count in\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pageText is the squashed text of page n (pdftotext -raw keeps the drawing
// order, so a cell's lines stay together).
func pageText(tb testing.TB, path string, n int) string {
	tb.Helper()
	p := strconv.Itoa(n)
	return squash(MustRun(tb, "pdftotext", "-raw", "-f", p, "-l", p, path, "-"))
}

const a4Portrait = "595.28 x 841.89 pts (A4)"

// textArea is the squashed text of every page's text area right of x
// (points), page after page: the page numbers below it are left out.
func textArea(tb testing.TB, path string, pages int, x float64) string {
	tb.Helper()
	var b strings.Builder
	for p := 1; p <= pages; p++ {
		ps := strconv.Itoa(p)
		b.WriteString(MustRun(tb, "pdftotext", "-raw", "-f", ps, "-l", ps,
			"-x", fmt.Sprintf("%.0f", x), "-y", fmt.Sprintf("%.0f", marginTop-2),
			"-W", fmt.Sprintf("%.0f", a4W-x), "-H", fmt.Sprintf("%.0f", textH+4), path, "-"))
	}
	return squash(b.String())
}

func TestRenderNotice(t *testing.T) {
	r := MustRenderer(t)
	paraOverflow := receiptNotice(shortDescription, nil)
	paraOverflow.BodyHTML += "<p>" + longDescription(2000) + "</p>"
	// Texts in table cells are read from the value column only, since a
	// label centred in its row interleaves with the value's lines.
	tests := []struct {
		name      string
		n         Notice
		wantPages int // 0: more than one
		wantText  []string
		wantCell  []string
	}{
		{"receipt fits one page", receiptNotice(shortDescription, testSeal(t, 300)), 1,
			[]string{"张三：", "收到申请之日", "您可凭查询号和查询码在本平台查询办理进度。"},
			[]string{requestedTitle, shortDescription, "LWZF-2026-00012"}},
		{"receipt without seal", receiptNotice(shortDescription, nil), 1, nil, []string{requestedTitle, shortDescription}},
		{"2000 characters in a table cell", receiptNotice(longDescription(2000), nil), 0, nil, []string{requestedTitle, longDescription(2000)}},
		{"2000 characters in a paragraph", paraOverflow, 0, []string{longDescription(2000)}, nil},
		{"extension", extensionNotice(), 1, []string{"申请公开的信息涉及多个部门", "1.延长期间", "联系电话：0634-1234567", "特此告知。"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pdf, err := r.RenderNotice(tt.n)
			if err != nil {
				t.Fatal(err)
			}
			path := MustWrite(t, pdf)
			pages := MustPages(t, path, a4Portrait)
			if tt.wantPages > 0 && pages != tt.wantPages || tt.wantPages == 0 && pages < 2 {
				t.Errorf("pages = %d, want %d (0: more than one)", pages, tt.wantPages)
			}
			all := textArea(t, path, pages, 0)
			want := append([]string{tt.n.Title, tt.n.DocNumber, tt.n.Agency, ChineseDate(tt.n.Date), tt.n.FootNote}, tt.wantText...)
			for _, w := range want {
				if !strings.Contains(all, squash(w)) {
					t.Errorf("text lacks %q", w)
				}
			}
			if len(tt.wantCell) > 0 {
				_, _, x1, _ := wordBox(t, path, "申请公开的信息")
				cells := textArea(t, path, pages, x1+2)
				for _, w := range tt.wantCell {
					if !strings.Contains(cells, squash(w)) {
						t.Errorf("value column lacks %q", w)
					}
				}
			}
			checkSignaturePage(t, path, pages, tt.n)
		})
	}
}

// checkSignaturePage checks that the agency and date are on the last page
// only, and that body text stands above them there (GB/T 9704 §7.3.5.4).
func checkSignaturePage(t *testing.T, path string, pages int, n Notice) {
	t.Helper()
	date := ChineseDate(n.Date)
	for p := 1; p < pages; p++ {
		if strings.Contains(pageText(t, path, p), date) {
			t.Errorf("page %d of %d has the date", p, pages)
		}
	}
	last := pageText(t, path, pages)
	i := strings.Index(last, squash(n.Agency)+date)
	if i < 0 {
		t.Fatalf("last page lacks agency and date together: %q", last)
	}
	if body := strings.TrimPrefix(last[:i], squash(n.Title)+squash(n.DocNumber)); len([]rune(body)) < 2 {
		t.Errorf("last page has no body text above the signature: %q", last)
	}
}

// TestSignatureNeverAlone grows a notice line by line across a page break:
// at every length the signature block shares its page with body text.
func TestSignatureNeverAlone(t *testing.T) {
	r := MustRenderer(t)
	var b strings.Builder
	for i := 1; i <= 24; i++ {
		fmt.Fprintf(&b, "<p>第%d段：本机关依法作出如下说明。</p>", i)
		if i < 10 {
			continue
		}
		n := Notice{Title: "政府信息公开申请答复书", DocNumber: "莱芜区政府办〔2026〕第9号", Recipient: "王五",
			BodyHTML: b.String(), Agency: "济南市莱芜区人民政府办公室", Date: testDate}
		pdf, err := r.RenderNotice(n)
		if err != nil {
			t.Fatal(err)
		}
		path := MustWrite(t, pdf)
		pages := MustPages(t, path, a4Portrait)
		last := pageText(t, path, pages)
		if !strings.Contains(last, fmt.Sprintf("第%d段", i)) {
			t.Errorf("%d paragraphs, %d pages: the last paragraph is not with the signature: %q", i, pages, last)
		}
		checkSignaturePage(t, path, pages, n)
	}
}

func TestNoLineStartsWithClosingMark(t *testing.T) {
	r := MustRenderer(t)
	// Sentences whose marks land at line ends at many offsets.
	var b strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "%s，“%s”。", strings.Repeat("政", i%29), strings.Repeat("务", (i*7)%13))
	}
	n := extensionNotice()
	n.BodyHTML = "<p>" + b.String() + "</p><p class=\"noindent\">" + b.String() + "</p>"
	pdf, err := r.RenderNotice(n)
	if err != nil {
		t.Fatal(err)
	}
	out := MustRun(t, "pdftotext", "-layout", MustWrite(t, pdf), "-")
	lines := 0
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || regexp.MustCompile(`^— \d+ —$`).MatchString(l) {
			continue
		}
		lines++
		r := []rune(l)
		if cannotStart(r[0]) {
			t.Errorf("line starts with %q: %s", r[0], l)
		}
		if cannotEnd(r[len(r)-1]) {
			t.Errorf("line ends with %q: %s", r[len(r)-1], l)
		}
	}
	if lines < 40 {
		t.Errorf("only %d lines of output", lines)
	}
}

func TestFontsEmbedded(t *testing.T) {
	r := MustRenderer(t)
	notice, err := r.RenderNotice(extensionNotice())
	if err != nil {
		t.Fatal(err)
	}
	tables, err := r.RenderTables(MustAnnualReport(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, pdf := range map[string][]byte{"notice": notice, "tables": tables} {
		out := MustRun(t, "pdffonts", MustWrite(t, pdf))
		rows := strings.Split(strings.TrimSpace(out), "\n")[2:]
		if len(rows) < 2 {
			t.Errorf("%s: want at least title and body fonts:\n%s", name, out)
		}
		for _, row := range rows {
			// name type encoding emb sub uni: every font embedded, as a
			// subset, with a ToUnicode map.
			if !regexp.MustCompile(`^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`).MatchString(row) {
				t.Errorf("%s: font not embedded as a subset: %s", name, row)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	r := MustRenderer(t)
	seal := testSeal(t, 300)
	render := map[string]func() ([]byte, error){
		"notice": func() ([]byte, error) { return r.RenderNotice(receiptNotice(shortDescription, seal)) },
		"tables": func() ([]byte, error) { return r.RenderTables(MustAnnualReport(t)) },
	}
	for name, f := range render {
		a, err := f()
		if err != nil {
			t.Fatal(err)
		}
		b, err := f()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", name)
		}
		if !bytes.Contains(a, []byte("/ID [<")) {
			t.Errorf("%s: no document ID", name)
		}
	}
	other := receiptNotice(shortDescription+"另", seal)
	a, _ := r.RenderNotice(receiptNotice(shortDescription, seal))
	b, _ := r.RenderNotice(other)
	id := regexp.MustCompile(`/ID \[<[0-9a-f]+>`)
	if bytes.Equal(id.Find(a), id.Find(b)) {
		t.Error("different documents share an ID")
	}
}

func TestMetadata(t *testing.T) {
	r := MustRenderer(t)
	pdf, err := r.RenderNotice(extensionNotice())
	if err != nil {
		t.Fatal(err)
	}
	info := MustRun(t, "pdfinfo", MustWrite(t, pdf))
	for _, want := range []string{"Title:           政府信息公开申请延期答复告知书", "Producer:        " + producer, "CreationDate:    Fri Dec  4 00:00:00 2026"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	for _, unwanted := range []string{"Author:", "Creator:", "Subject:", "Keywords:"} {
		if strings.Contains(info, unwanted) {
			t.Errorf("pdfinfo has %q:\n%s", unwanted, info)
		}
	}
	d := MustAnnualReport(t)
	d.Date = time.Time{}
	tables, err := r.RenderTables(d)
	if err != nil {
		t.Fatal(err)
	}
	info = MustRun(t, "pdfinfo", MustWrite(t, tables))
	if strings.Contains(info, "CreationDate:") || strings.Contains(info, "ModDate:") {
		t.Errorf("undated document has dates:\n%s", info)
	}
}

// TestConcurrentRender shares one Renderer between goroutines; run with
// -race.
func TestConcurrentRender(t *testing.T) {
	r := MustRenderer(t)
	want, err := r.RenderNotice(extensionNotice())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := r.RenderNotice(extensionNotice())
			if err == nil && !bytes.Equal(got, want) {
				err = fmt.Errorf("concurrent rendering differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestTextStaysInTextArea checks with pdftotext -bbox that every word but
// the page number lies inside the 156 × 225 mm text area, also when the
// line pitch is squeezed to save a page.
func TestTextStaysInTextArea(t *testing.T) {
	r := MustRenderer(t)
	squeezed := extensionNotice()
	squeezed.BodyHTML += strings.Repeat("<p>本机关依法作出如下说明。</p>", 3)
	tests := map[string]Notice{
		"receipt":  receiptNotice(shortDescription, testSeal(t, 300)),
		"overflow": receiptNotice(longDescription(2000), nil),
		"squeezed": squeezed,
	}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	pageNo := regexp.MustCompile(`^(—|\d+)$`)
	for name, n := range tests {
		t.Run(name, func(t *testing.T) {
			pdf, err := r.RenderNotice(n)
			if err != nil {
				t.Fatal(err)
			}
			path := MustWrite(t, pdf)
			if pages := MustPages(t, path, a4Portrait); name != "overflow" && pages != 1 {
				t.Errorf("%d pages; want 1 (the squeezed notice saves its second page)", pages)
			}
			out := MustRun(t, "pdftotext", "-bbox", path, "-")
			words := word.FindAllStringSubmatch(out, -1)
			if len(words) < 20 {
				t.Fatalf("%d words", len(words))
			}
			for _, m := range words {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(m[i+1], 64)
				}
				if pageNo.MatchString(m[5]) && v[1] > marginTop+textH {
					continue
				}
				if v[0] < marginLeft-1 || v[2] > marginLeft+textW+1 || v[1] < marginTop-1 || v[3] > marginTop+textH+1 {
					t.Errorf("%q at (%.1f,%.1f)–(%.1f,%.1f) is outside the text area", m[5], v[0], v[1], v[2], v[3])
				}
			}
		})
	}
}
