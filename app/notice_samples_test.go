package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"gongkai/app/calendar"
	"gongkai/app/pdfdoc"
)

// TestNoticeSamplesAsPDF lays every notice kind out as PDF with its sample
// data. With GONGKAI_NOTICE_SAMPLES set to a directory it also writes the
// first page of each as <kind>.png there (pdftoppm, 60 dpi), the pictures
// in docs/notices that let a reviewer look at the layout:
//
//	GONGKAI_NOTICE_SAMPLES=$PWD/docs/notices go test -run TestNoticeSamplesAsPDF ./app/
func TestNoticeSamplesAsPDF(t *testing.T) {
	fonts, err := pdfdoc.DefaultFonts()
	if err != nil {
		t.Skip(err)
	}
	r, err := pdfdoc.NewRenderer(fonts)
	if err != nil {
		t.Fatal(err)
	}
	n := mustNotices(t)
	out := os.Getenv("GONGKAI_NOTICE_SAMPLES")
	for _, kind := range NoticeKinds() {
		d := sampleNotice(kind, sampleAgency, calendar.New(nil, []int{2026, 2027}))
		rn, err := renderNotice(n.std, d)
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := r.RenderNotice(pdfdoc.Notice{Title: d.Title, DocNumber: d.DocNumber, BodyHTML: rn.body, Agency: sampleAgency.Name,
			Date: time.Date(2026, 12, 1, 0, 0, 0, 0, calendar.Location()), FootNote: "查询号：" + d.Case.TrackingNumber})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if out == "" {
			continue
		}
		p := filepath.Join(t.TempDir(), kind+".pdf")
		if err := os.WriteFile(p, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", p, filepath.Join(out, kind)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
	}
}
