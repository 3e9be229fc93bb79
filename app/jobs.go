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
// running the same job at once; on SQLite a process lock suffices.
type JobService struct {
	Deps
	instance string
	mu       sync.Mutex
	running  map[string]bool
}

// NewJobService builds the service.
func NewJobService(d Deps) *JobService {
	host, _ := os.Hostname()
	return &JobService{Deps: d, instance: fmt.Sprintf("%s/%d", host, os.Getpid()), running: map[string]bool{}}
}

func advisoryKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("gongkai.job." + name))
	return int64(h.Sum64() >> 1)
}

// Run runs fn as job name unless it is already running here or elsewhere,
// and records the run. trigger says why it ran (schedule, startup, manual,
// cli).
func (s *JobService) Run(ctx context.Context, name, trigger string, fn JobFunc) (run *models.JobRun, err error) {
	s.mu.Lock()
	if s.running[name] {
		s.mu.Unlock()
		return s.record(ctx, name, trigger, "skipped", nil, "already running in this process")
	}
	s.running[name] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.running, name)
		s.mu.Unlock()
	}()

	if models.DialectOf(s.DB) == models.Postgres {
		sqlDB, err := s.DB.DB()
		if err != nil {
			return nil, err
		}
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			return nil, err
		}
		defer conn.Close()
		var got bool
		key := advisoryKey(name)
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil {
			return nil, err
		}
		if !got {
			return s.record(ctx, name, trigger, "skipped", nil, "running on another instance")
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
	}

	run = &models.JobRun{Job: name, StartedAt: time.Now().UTC(), AsOf: s.Now().UTC(), Status: "running", Instance: s.instance, Trigger: trigger}
	if err := models.CreateJobRun(ctx, s.DB, run); err != nil {
		return nil, err
	}
	var res JobResult
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
				s.Log.ErrorContext(ctx, "job panicked", "job", name, "panic", r)
			}
		}()
		res, err = fn(ctx)
	}()
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

// JobDef is a job as the scheduler, the admin API and the command line
// see it.
type JobDef struct {
	Name        string
	Schedule    string
	Description string
	Run         JobFunc
}
