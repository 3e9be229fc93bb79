package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/app"
	"gongkai/app/register"
	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// benchOutcomes are the outcomes of the benchmark's concluded rows.
var benchOutcomes = []string{"disclosed", "disclosed", "partially_disclosed", "not_disclosed.third_party_rights", "unable.not_held", "not_processed.repeat", "other.withdrawn"}

// benchRegister is an XLSX register of n varied, valid applications
// received in 2025: natural persons and organisations, every channel,
// corrections, extensions, fees, remedies, and one in eight still open.
func benchRegister(tb testing.TB, n int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := register.NewWriter(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	cats := []models.OrgCategory{models.OrgCommercial, models.OrgResearch, models.OrgPublicWelfare, models.OrgLegalService, models.OrgOther}
	for i := range n {
		recv := start.AddDate(0, 0, i%340)
		r := register.Row{RegisterNo: fmt.Sprintf("2025-%05d", i+1), ReceivedOn: recv.Format(time.DateOnly), Channel: models.Channels[i%len(models.Channels)],
			ApplicantType: models.ApplicantNatural, ApplicantName: fmt.Sprintf("申请人%05d", i), Contact: fmt.Sprintf("139%08d", i),
			IDNumber: app.WithIDCheck(fmt.Sprintf("3712%02d19%02d%02d%02d%03d", i%30+1, 50+i%50, i%12+1, i%28+1, i%1000)),
			Content:  fmt.Sprintf("申请公开莱芜区%d号地块土地征收项目的征地补偿安置方案及批准文件（第%d件）", i%500, i)}
		if i%5 == 0 {
			r.ApplicantType, r.OrgCategory, r.ApplicantName = models.ApplicantOrganization, cats[i%len(cats)], fmt.Sprintf("山东模拟组织%05d有限公司", i)
			r.IDNumber = app.WithCreditCheck(fmt.Sprintf("9137%02d00MA%07d", i%30, i))
		}
		if i%8 != 7 {
			r.Outcome = benchOutcomes[i%len(benchOutcomes)]
			r.AnsweredOn = recv.AddDate(0, 0, 5+i%30).Format(time.DateOnly)
		}
		if i%11 == 0 && !r.Open() {
			r.Corrected, r.CorrectedOn = true, recv.AddDate(0, 0, 3).Format(time.DateOnly)
		}
		r.Extended = i%13 == 0
		if i%17 == 0 && !r.Open() {
			r.FeeFen = 10000
		}
		if i%19 == 0 {
			r.Remedies = []register.Remedy{{Kind: register.RemedyReconsideration, Result: register.ResultUpheld}}
		}
		if err := w.Write(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRegisterImport10k uploads a 10,000-row XLSX register to a fresh
// database, waits for its validation and preview, confirms it and waits
// for the import: the two phases a user waits for, and the peak heap.
func BenchmarkRegisterImport10k(b *testing.B) {
	const n = 10_000
	data := benchRegister(b, n)
	for _, be := range dbtest.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			var validate, imp time.Duration
			var peak atomic.Uint64
			stop := sampleHeap(&peak)
			defer stop()
			runs := 0
			for b.Loop() {
				b.StopTimer()
				svc := benchServices(b, be)
				ctx := context.Background()
				admin := app.Actor{UserID: 1, Role: models.RoleAdmin}
				runtime.GC()
				b.StartTimer()
				t0 := time.Now()
				v, err := svc.Register.Upload(ctx, admin, 1, "台账.xlsx", data)
				if err != nil {
					b.Fatal(err)
				}
				svc.Register.Wait()
				t1 := time.Now()
				got, err := svc.Register.Get(ctx, admin, v.Import.ID)
				if err != nil || got.Import.Status != models.ImportReady || got.Import.New != n {
					b.Fatalf("preview: %v %+v", err, got.Import)
				}
				if _, err := svc.Register.Confirm(ctx, admin, v.Import.ID, app.ConfirmInput{Mode: "valid-rows", Version: got.Import.Version}); err != nil {
					b.Fatal(err)
				}
				svc.Register.Wait()
				t2 := time.Now()
				b.StopTimer()
				done, _ := svc.Register.Get(ctx, admin, v.Import.ID)
				if done.Import.Status != models.ImportImported || done.Import.Inserted != n {
					b.Fatalf("import: %+v %+v", done.Import, done.Problem)
				}
				validate, imp = validate+t1.Sub(t0), imp+t2.Sub(t1)
				runs++
				b.StartTimer()
			}
			b.ReportMetric(validate.Seconds()/float64(runs), "validate-s")
			b.ReportMetric(imp.Seconds()/float64(runs), "import-s")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
		})
	}
}

func benchServices(b *testing.B, be dbtest.Backend) *app.Services {
	b.Helper()
	cfg := testAppConfig(b)
	cfg.Notify = app.NotifyConfig{}
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	svc, err := app.New(app.Deps{DB: be.Open(b), Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := svc.Seed.Demo(context.Background()); err != nil {
		b.Fatal(err)
	}
	return svc
}

// sampleHeap records the largest HeapInuse seen every 5 ms until stopped.
func sampleHeap(peak *atomic.Uint64) func() {
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	return func() { close(done) }
}
