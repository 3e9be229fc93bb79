package api

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"gongkai/app"
)

// opsCollector exports the jobs' and the outbox's figures at each scrape
// (issue 4/10: alert on "mail has not gone out for an hour"). Read from
// the database, they are the same on every replica.
type opsCollector struct {
	jobs *app.JobService
	now  func() time.Time

	runs, lastSuccess, lastDuration, outbox, oldest, up *prometheus.Desc
}

func newOpsCollector(jobs *app.JobService, now func() time.Time) *opsCollector {
	return &opsCollector{jobs: jobs, now: now,
		runs:         prometheus.NewDesc("gongkai_job_runs_total", "Recorded job runs by job and result (ok, error, skipped, running, interrupted).", []string{"job", "result"}, nil),
		lastSuccess:  prometheus.NewDesc("gongkai_job_last_success_timestamp_seconds", "When each job last finished successfully (Unix time).", []string{"job"}, nil),
		lastDuration: prometheus.NewDesc("gongkai_job_last_success_duration_seconds", "How long each job's last successful run took.", []string{"job"}, nil),
		outbox:       prometheus.NewDesc("gongkai_outbox_messages", "Outbox messages by state: pending (queued or retrying), failed (given up), sent.", []string{"state"}, nil),
		oldest:       prometheus.NewDesc("gongkai_outbox_oldest_pending_age_seconds", "Age of the oldest message still waiting to go out (0 when none waits).", nil, nil),
		up:           prometheus.NewDesc("gongkai_ops_metrics_up", "1 if the jobs' and outbox's figures could be read from the database at this scrape.", nil, nil),
	}
}

func (c *opsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.runs, c.lastSuccess, c.lastDuration, c.outbox, c.oldest, c.up} {
		ch <- d
	}
}

func (c *opsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	m, err := c.jobs.OpsMetrics(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 1)
	for _, r := range m.Runs {
		ch <- prometheus.MustNewConstMetric(c.runs, prometheus.CounterValue, float64(r.N), r.Job, r.Status)
	}
	for _, r := range m.LastSuccess {
		if r.FinishedAt == nil {
			continue
		}
		ch <- prometheus.MustNewConstMetric(c.lastSuccess, prometheus.GaugeValue, float64(r.FinishedAt.UnixMilli())/1000, r.Job)
		ch <- prometheus.MustNewConstMetric(c.lastDuration, prometheus.GaugeValue, r.FinishedAt.Sub(r.StartedAt).Seconds(), r.Job)
	}
	o := m.Outbox
	ch <- prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, float64(o.Pending), "pending")
	ch <- prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, float64(o.Failed), "failed")
	ch <- prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, float64(o.Sent), "sent")
	age := 0.0
	if !o.OldestPending.IsZero() {
		age = max(0, c.now().Sub(o.OldestPending).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, age)
}
