package jobs

import (
	"context"

	"gongkai/app"
)

// notificationDelivery sends queued e-mail and text messages.
func notificationDelivery(svc *app.Services) app.JobFunc {
	return func(ctx context.Context) (app.JobResult, error) { return svc.Outbox.Deliver(ctx) }
}
