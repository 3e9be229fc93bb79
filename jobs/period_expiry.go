package jobs

import (
	"context"

	"gongkai/app"
)

// periodExpiry ends what the rules end on their own (Arts 30, 32, 34; 109号).
func periodExpiry(svc *app.Services) app.JobFunc {
	return func(ctx context.Context) (app.JobResult, error) { return svc.Cases.PeriodExpiry(ctx) }
}
