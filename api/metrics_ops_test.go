package api

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"gongkai/models"
)

// gatherOps scrapes the operations collector alone and returns each
// sample's value by "name{label=value,…}".
func gatherOps(t *testing.T, h *harness) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(newOpsCollector(h.svc.Jobs, h.clock.Now))
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			key := mf.GetName()
			if len(m.GetLabel()) > 0 {
				key += "{"
				for i, l := range m.GetLabel() {
					if i > 0 {
						key += ","
					}
					key += l.GetName() + "=" + l.GetValue()
				}
				key += "}"
			}
			out[key] = value(mf.GetType(), m)
		}
	}
	return out
}

func value(typ dto.MetricType, m *dto.Metric) float64 {
	if typ == dto.MetricType_COUNTER {
		return m.GetCounter().GetValue()
	}
	return m.GetGauge().GetValue()
}

// TestOpsMetrics (issue 4/10): the jobs' runs by result, their last
// success and duration, and the outbox's pending, failed and sent messages
// with the oldest pending age are exported, read from the database.
func TestOpsMetrics(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		before := gatherOps(t, h)
		if before["gongkai_ops_metrics_up"] != 1 {
			t.Fatalf("ops metrics not up: %v", before)
		}
		admin := h.token("demo-admin")
		for range 2 {
			if r := h.do("POST", "/api/v1/admin/jobs/deadline-sweep/run", admin, nil); r.Code != http.StatusOK {
				t.Fatalf("run job: %d %s", r.Code, r.Body)
			}
		}
		queued := h.clock.Now().UTC()
		msgs := []models.OutboxMessage{
			{Channel: "email", Recipient: "a@example.gov.cn", Subject: "s", Body: "b", NextAttemptAt: queued, CreatedAt: queued},
			{Channel: "email", Recipient: "b@example.gov.cn", Subject: "s", Body: "b", NextAttemptAt: queued, CreatedAt: queued.Add(time.Minute)},
			{Channel: "email", Recipient: "c@example.gov.cn", Subject: "s", Body: "b", Attempts: 12, NextAttemptAt: queued, CreatedAt: queued},
			{Channel: "email", Recipient: "d@example.gov.cn", Subject: "s", Body: "b", Attempts: 1, NextAttemptAt: queued, CreatedAt: queued, SentAt: &queued},
		}
		if err := models.CreateOutboxMessages(ctx, h.db, msgs); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(90 * time.Minute)
		got := gatherOps(t, h)
		wantRuns := before["gongkai_job_runs_total{job=deadline-sweep,result=ok}"] + 2
		for key, want := range map[string]float64{
			"gongkai_job_runs_total{job=deadline-sweep,result=ok}": wantRuns,
			"gongkai_outbox_messages{state=pending}":               before["gongkai_outbox_messages{state=pending}"] + 2,
			"gongkai_outbox_messages{state=failed}":                before["gongkai_outbox_messages{state=failed}"] + 1,
			"gongkai_outbox_messages{state=sent}":                  before["gongkai_outbox_messages{state=sent}"] + 1,
		} {
			if got[key] != want {
				t.Errorf("%s = %v, want %v", key, got[key], want)
			}
		}
		if before["gongkai_outbox_messages{state=pending}"] == 0 {
			if age := got["gongkai_outbox_oldest_pending_age_seconds"]; age < 90*60 || age > 90*60+5 {
				t.Errorf("oldest pending age %v s, want 5400", age)
			}
		}
		if ts := got["gongkai_job_last_success_timestamp_seconds{job=deadline-sweep}"]; ts == 0 {
			t.Errorf("no last success time for the sweep: %v", got)
		}
		if d, ok := got["gongkai_job_last_success_duration_seconds{job=deadline-sweep}"]; !ok || d < 0 {
			t.Errorf("last duration %v (%v)", d, ok)
		}
	})
}
