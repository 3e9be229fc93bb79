package pdfdoc

import "testing"

func BenchmarkRenderNotice(b *testing.B) {
	r := MustRenderer(b)
	n := receiptNotice(shortDescription, testSeal(b, 400))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RenderNotice(n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderNoticeBold includes <strong>, which embeds a third face.
func BenchmarkRenderNoticeBold(b *testing.B) {
	r := MustRenderer(b)
	n := extensionNotice()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RenderNotice(n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderNoticeLong(b *testing.B) {
	r := MustRenderer(b)
	n := receiptNotice(longDescription(2000), nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RenderNotice(n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderTables(b *testing.B) {
	r := MustRenderer(b)
	d := MustAnnualReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RenderTables(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	r := MustRenderer(b)
	pdf, err := r.RenderNotice(receiptNotice(shortDescription, nil))
	if err != nil {
		b.Fatal(err)
	}
	key := mustRSA(b)
	cert := MustCert(b, "bench", key, nil, nil, false)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(pdf, key, cert, nil, signOpts); err != nil {
			b.Fatal(err)
		}
	}
}
