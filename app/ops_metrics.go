package app

import (
	"context"

	"gongkai/models"
)

// OpsMetrics are what an operator alerts on: the jobs' runs and the mail
// queue. They are read from the database, so every replica reports the
// same figures whichever of them ran the job.
type OpsMetrics struct {
	Runs        []models.JobRunCount
	LastSuccess []models.JobRun
	Outbox      models.OutboxStats
}

// OpsMetrics reads the jobs' and the outbox's figures.
func (s *JobService) OpsMetrics(ctx context.Context) (OpsMetrics, error) {
	var m OpsMetrics
	var err error
	if m.Runs, err = models.CountJobRuns(ctx, s.DB); err != nil {
		return m, err
	}
	if m.LastSuccess, err = models.FindLastSuccessfulRuns(ctx, s.DB); err != nil {
		return m, err
	}
	m.Outbox, err = models.CountOutbox(ctx, s.DB, maxAttempts)
	return m, err
}
