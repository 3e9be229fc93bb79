package jobs

import (
	"context"

	"gongkai/app"
)

// deadlineSweep raises deadline reminders and refreshes cached clocks.
func deadlineSweep(svc *app.Services) app.JobFunc {
	return func(ctx context.Context) (app.JobResult, error) { return svc.Reminders.DeadlineSweep(ctx) }
}
