package app

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"sync"
	"time"

	"gongkai/models"
)

// JobResult counts what a job run did.
type JobResult map[string]int

// JobFunc is one job's work.
type JobFunc func(ctx context.Context) (JobResult, error)

// JobService runs jobs one at a time per job, records every run, and
// survives panics. On PostgreSQL an advisory lock keeps two replicas from
// running the same job at once; on SQLite a process lock suffices. A run
// holds a lease it renews while it goes on; the next run of the job ends a
// run whose lease ran out (its process died) as interrupted.
type JobService struct {
	Deps
	instance string
	// lease is how long a run's heartbeat holds; it is renewed at a
	// quarter of that.
	lease   time.Duration
	mu      sync.Mutex
	running map[string]bool
}

// jobLease is a run's lease: a process that misses a few heartbeats in a
// row is gone.
const jobLease = 2 * time.Minute

// NewJobService builds the service.
func NewJobService(d Deps) *JobService {
	host, _ := os.Hostname()
	return &JobService{Deps: d, instance: fmt.Sprintf("%s/%d", host, os.Getpid()), lease: jobLease, running: map[string]bool{}}
}

func advisoryKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("gongkai.job." + name))
	return int64(h.Sum64() >> 1)
}

// Run runs fn as job name unless it is already running here or elsewhere,
// and records the run. trigger says why it ran (schedule, startup, manual,
// cli).
func (s *JobService) Run(ctx context.Context, name, trigger string, fn JobFunc) (*models.JobRun, error) {
	if !s.claimHere(name) {
		return s.record(ctx, name, trigger, "skipped", nil, "already running in this process")
	}
	defer s.releaseHere(name)
	got, unlock, err := s.lockEverywhere(ctx, name)
	if err != nil {
		return nil, err
	}
	if !got {
		return s.record(ctx, name, trigger, "skipped", nil, "running on another instance")
	}
	defer unlock()
	return s.execute(ctx, name, trigger, fn)
}

// claimHere marks the job running in this process, unless it is.
func (s *JobService) claimHere(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running[name] {
		return false
	}
	s.running[name] = true
	return true
}

func (s *JobService) releaseHere(name string) {
	s.mu.Lock()
	delete(s.running, name)
	s.mu.Unlock()
}

// lockEverywhere takes the job's advisory lock on PostgreSQL, held on a
// connection of its own until unlock; SQLite has one process.
func (s *JobService) lockEverywhere(ctx context.Context, name string) (got bool, unlock func(), err error) {
	if models.DialectOf(s.DB) != models.Postgres {
		return true, func() {}, nil
	}
	sqlDB, err := s.DB.DB()
	if err != nil {
		return false, nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return false, nil, err
	}
	key := advisoryKey(name)
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil || !got {
		conn.Close()
		return false, nil, err
	}
	return true, func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
		conn.Close()
	}, nil
}

// execute ends the job's runs whose process died, then runs fn under a
// renewed lease and records how it went.
func (s *JobService) execute(ctx context.Context, name, trigger string, fn JobFunc) (*models.JobRun, error) {
	start := time.Now().UTC()
	if n, err := models.ReapJobRuns(ctx, s.DB, name, start); err != nil {
		return nil, err
	} else if n > 0 {
		s.Log.WarnContext(ctx, "job runs interrupted", "job", name, "runs", n)
	}
	lease := start.Add(s.lease)
	run := &models.JobRun{Job: name, StartedAt: start, AsOf: s.Now().UTC(), Status: "running", Instance: s.instance, Trigger: trigger, LeaseUntil: &lease}
	if err := models.CreateJobRun(ctx, s.DB, run); err != nil {
		return nil, err
	}
	stop := s.heartbeat(ctx, run.ID)
	res, err := s.call(ctx, name, fn)
	stop()
	fin := time.Now().UTC()
	run.FinishedAt = &fin
	run.Status = "ok"
	if err != nil {
		run.Status, run.Error = "error", truncate(err.Error(), 4000)
	}
	b, _ := json.Marshal(res)
	run.Counts = string(b)
	if uerr := models.SaveJobRun(context.WithoutCancel(ctx), s.DB, run); uerr != nil {
		return run, uerr
	}
	if err != nil {
		s.Log.WarnContext(ctx, "job failed", "job", name, "err", err.Error())
	} else {
		s.Log.InfoContext(ctx, "job done", "job", name, "counts", run.Counts, "ms", fin.Sub(run.StartedAt).Milliseconds())
	}
	return run, nil
}

// call runs fn, turning a panic into an error.
func (s *JobService) call(ctx context.Context, name string, fn JobFunc) (res JobResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
			s.Log.ErrorContext(ctx, "job panicked", "job", name, "panic", r)
		}
	}()
	return fn(ctx)
}

// heartbeat renews run id's lease until stop is called.
func (s *JobService) heartbeat(ctx context.Context, id uint) (stop func()) {
	hb, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(s.lease / 4)
		defer tick.Stop()
		for {
			select {
			case <-hb.Done():
				return
			case <-tick.C:
				if err := models.ExtendJobRunLease(hb, s.DB, id, time.Now().UTC().Add(s.lease)); err != nil && hb.Err() == nil {
					s.Log.WarnContext(ctx, "job heartbeat", "run", id, "err", err.Error())
				}
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

func (s *JobService) record(ctx context.Context, name, trigger, status string, res JobResult, msg string) (*models.JobRun, error) {
	now := time.Now().UTC()
	b, _ := json.Marshal(res)
	run := &models.JobRun{Job: name, StartedAt: now, FinishedAt: &now, AsOf: s.Now().UTC(), Status: status, Counts: string(b), Error: msg, Instance: s.instance, Trigger: trigger}
	return run, models.CreateJobRun(ctx, s.DB, run)
}

// Runs lists the last runs of a job, newest first.
func (s *JobService) Runs(ctx context.Context, name string, limit int) ([]*models.JobRun, error) {
	return models.FindJobRuns(ctx, s.DB, name, limit)
}

// The jobs by name (jobs.All schedules them).
const (
	JobDeadlineSweep        = "deadline-sweep"
	JobPeriodExpiry         = "period-expiry"
	JobConversionReview     = "conversion-review"
	JobNotificationDelivery = "notification-delivery"
)

// JobNames lists them.
var JobNames = []string{JobDeadlineSweep, JobPeriodExpiry, JobConversionReview, JobNotificationDelivery}

// JobRunStatuses are the states of a job run.
var JobRunStatuses = []string{"running", "ok", "error", "interrupted", "skipped"}

// JobDef is a job as the scheduler, the admin API and the command line
// see it.
type JobDef struct {
	Name        string
	Schedule    string
	Description string
	Run         JobFunc
}
