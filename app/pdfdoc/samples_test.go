package pdfdoc

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSamples writes sample PDFs into $PDFDOC_SAMPLES for a person to
// look at (pdftoppm -png -r 60); it does nothing without the variable.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PDFDOC_SAMPLES")
	if dir == "" {
		t.Skip("set PDFDOC_SAMPLES to a directory to write samples")
	}
	r := MustRenderer(t)
	seal := testSeal(t, 400)
	docs := map[string]Notice{
		"receipt":          receiptNotice(shortDescription, seal),
		"receipt-overflow": receiptNotice(longDescription(2000), seal),
		"receipt-wet-seal": receiptNotice(shortDescription, nil),
		"extension":        extensionNotice(),
		"answer-two-line-title": {
			Title:     "关于济南市莱芜区城市更新改造项目征收补偿信息公开申请的答复书",
			DocNumber: "莱芜区政府办〔2026〕第15号",
			Recipient: "张三",
			BodyHTML:  "<p>" + longDescription(900) + "</p><p>如对本答复不服，可以自收到本答复书之日起六十日内依法申请行政复议，或者自收到本答复书之日起六个月内依法提起行政诉讼。</p>",
			Agency:    "济南市莱芜区人民政府办公室",
			Date:      testDate,
			Seal:      seal,
		},
	}
	tables, err := r.RenderTables(MustAnnualReport(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "annual-report.pdf"), tables, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, n := range docs {
		pdf, err := r.RenderNotice(n)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
