package jobs

import (
	"context"

	"gongkai/app"
)

// conversionReview raises candidates for proactive disclosure (Art 44).
func conversionReview(svc *app.Services) app.JobFunc {
	return func(ctx context.Context) (app.JobResult, error) { return svc.Conversion.Review(ctx) }
}
