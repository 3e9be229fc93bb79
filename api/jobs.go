package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"gongkai/models"
)

type jobRunResponse struct {
	ID         uint           `json:"id"`
	Job        string         `json:"job" enum:"JobName"`
	StartedAt  time.Time      `json:"startedAt"`
	FinishedAt *time.Time     `json:"finishedAt"`
	AsOf       time.Time      `json:"asOf"`
	Status     string         `json:"status" enum:"JobRunStatus"`
	Counts     map[string]int `json:"counts"`
	Error      string         `json:"error,omitempty"`
	Instance   string         `json:"instance"`
	Trigger    string         `json:"trigger"`
}

func newJobRunResponse(r *models.JobRun) jobRunResponse {
	out := jobRunResponse{ID: r.ID, Job: r.Job, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, AsOf: r.AsOf, Status: r.Status,
		Error: r.Error, Instance: r.Instance, Trigger: r.Trigger}
	json.Unmarshal([]byte(r.Counts), &out.Counts)
	return out
}

type jobResponse struct {
	Name        string           `json:"name" enum:"JobName"`
	Schedule    string           `json:"schedule"`
	Description string           `json:"description"`
	LastRuns    []jobRunResponse `json:"lastRuns"`
}

func (s *Server) listJobs(c echo.Context) error {
	out := make([]jobResponse, 0, len(s.opt.Jobs))
	for _, d := range s.opt.Jobs {
		runs, err := s.svc.Jobs.Runs(c.Request().Context(), d.Name, 10)
		if err != nil {
			return err
		}
		j := jobResponse{Name: d.Name, Schedule: d.Schedule, Description: d.Description, LastRuns: []jobRunResponse{}}
		for _, r := range runs {
			j.LastRuns = append(j.LastRuns, newJobRunResponse(r))
		}
		out = append(out, j)
	}
	return c.JSON(http.StatusOK, itemsResponse[jobResponse]{Items: out, Total: len(out)})
}

func (s *Server) runJob(c echo.Context) error {
	name := c.Param("name")
	for _, d := range s.opt.Jobs {
		if d.Name == name {
			run, err := s.svc.Jobs.Run(c.Request().Context(), d.Name, "manual", d.Run)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, newJobRunResponse(run))
		}
	}
	return models.NotFound(models.M("任务 "+name, "job "+name))
}
