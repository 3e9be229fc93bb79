// Package jobs holds Gongkai's scheduled jobs (robfig/cron v3,
// Asia/Shanghai): one file per job, each a thin function that calls app.
// Every job is idempotent. Nothing imports jobs but main.go.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"

	"gongkai/app"
	"gongkai/app/calendar"
)

// Schedules are the cron expressions from configuration.
type Schedules struct {
	DeadlineSweep        string
	PeriodExpiry         string
	ConversionReview     string
	NotificationDelivery string
}

// All lists the jobs with their schedules.
func All(svc *app.Services, s Schedules) []app.JobDef {
	return []app.JobDef{
		{Name: app.JobDeadlineSweep, Schedule: s.DeadlineSweep, Description: "截止提醒：计算所有在办申请的期限，按提醒阈值（运行设置，默认剩余 5、2、1 个工作日）及当日到期、逾期发出提醒，并提醒补正告知和征求意见期限", Run: deadlineSweep(svc)},
		{Name: app.JobPeriodExpiry, Schedule: s.PeriodExpiry, Description: "期限届满处理：逾期不补正、逾期未缴费自动终止；其他机关逾期视为同意；第三方逾期结束暂停", Run: periodExpiry(svc)},
		{Name: app.JobConversionReview, Schedule: s.ConversionReview, Description: "依申请公开转主动公开审查：相同信息多人申请、申请人建议、已公开信息例行审查（《条例》第四十四条）", Run: conversionReview(svc)},
		{Name: app.JobNotificationDelivery, Schedule: s.NotificationDelivery, Description: "发送待发邮件和短信（失败自动重试）", Run: notificationDelivery(svc)},
	}
}

// Find returns the job called name.
func Find(defs []app.JobDef, name string) (app.JobDef, bool) {
	for _, d := range defs {
		if d.Name == name {
			return d, true
		}
	}
	return app.JobDef{}, false
}

// Scheduler runs the jobs on their schedules.
type Scheduler struct {
	cron *cron.Cron
}

// slogAdapter lets cron log through slog.
type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) Info(msg string, kv ...any) { a.l.Debug("cron: "+msg, kv...) }
func (a slogAdapter) Error(err error, msg string, kv ...any) {
	a.l.Error("cron: "+msg, append(kv, "err", err)...)
}

// Start schedules every job (Asia/Shanghai, panics recovered, a run still
// going is not started again) and runs the deadline sweep once now.
func Start(svc *app.Services, defs []app.JobDef, log *slog.Logger) (*Scheduler, error) {
	l := slogAdapter{log}
	c := cron.New(cron.WithLocation(calendar.Location()), cron.WithLogger(l),
		cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)))
	for _, d := range defs {
		d := d
		if d.Schedule == "" || d.Schedule == "off" {
			continue
		}
		if _, err := c.AddFunc(d.Schedule, func() {
			svc.Jobs.Run(context.Background(), d.Name, "schedule", d.Run)
		}); err != nil {
			return nil, fmt.Errorf("job %s: schedule %q: %w", d.Name, d.Schedule, err)
		}
	}
	c.Start()
	if d, ok := Find(defs, "deadline-sweep"); ok {
		go svc.Jobs.Run(context.Background(), d.Name, "startup", d.Run)
	}
	return &Scheduler{cron: c}, nil
}

// Stop stops scheduling and waits up to timeout for running jobs.
func (s *Scheduler) Stop(timeout time.Duration) {
	ctx := s.cron.Stop()
	select {
	case <-ctx.Done():
	case <-time.After(timeout):
	}
}

// ValidateSchedule checks a cron expression.
func ValidateSchedule(expr string) error {
	if expr == "" || expr == "off" {
		return nil
	}
	_, err := cron.ParseStandard(expr)
	return err
}
