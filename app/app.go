// Package app holds Gongkai's use cases as services. Services own
// transactions, permissions, state transitions, audit events and the
// effects that follow a commit. It never imports echo.
package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"gongkai/models"
)

// Actor is the authenticated caller, taken from verified token claims.
type Actor struct {
	UserID       uint
	Username     string
	Role         models.Role
	AgencyID     uint
	DistrictWide bool
	// DisplayName is recorded on timeline events.
	DisplayName string
}

// SystemActor is the jobs' own identity.
func SystemActor(id uint) Actor {
	return Actor{UserID: id, Username: "system", Role: models.RoleSystem}
}

// IsAdmin reports whether the actor administers the platform.
func (a Actor) IsAdmin() bool { return a.Role == models.RoleAdmin }

// IsStaff reports whether the actor works for an agency.
func (a Actor) IsStaff() bool { return a.Role.IsStaff() }

// SeesAgency reports whether staff actor may see agency id's cases: its own
// agency, or every agency for a district-wide supervisor.
func (a Actor) SeesAgency(id uint) bool {
	switch a.Role {
	case models.RoleOfficer:
		return a.AgencyID == id
	case models.RoleSupervisor:
		return a.DistrictWide || a.AgencyID == id
	case models.RoleSystem:
		return true
	}
	return false
}

// Deps is what every service needs.
type Deps struct {
	DB  *gorm.DB
	Now func() time.Time
	Log *slog.Logger
}

// Page is a request for one page of a list.
type Page struct {
	Offset int
	Limit  int
}

// Normalize clamps the page to sensible bounds (default 20, at most 200).
func (p Page) Normalize() Page {
	if p.Limit <= 0 {
		p.Limit = 20
	}
	if p.Limit > 200 {
		p.Limit = 200
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

type ctxKey int

const requestIDKey ctxKey = 1

// WithRequestID stores the request id for logs and audit events.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestID returns the request id stored in ctx, or "".
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}

// audit appends an administrative audit event inside tx. data must hold no
// secrets.
func audit(ctx context.Context, tx *gorm.DB, actor Actor, action, objectType string, objectID uint, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	var actorID *uint
	if actor.UserID != 0 {
		id := actor.UserID
		actorID = &id
	}
	return models.AppendAudit(ctx, tx, &models.AuditEvent{
		ActorID: actorID, ActorRole: actor.Role, Action: action, ObjectType: objectType,
		ObjectID: objectID, Data: string(b), RequestID: RequestID(ctx),
	})
}

// unexpected returns err unless it is a KindNotFound: a lookup whose row
// is missing becomes the caller's own answer (a field error, a uniform not
// found), but a database that cannot be reached must not pass for a
// missing row.
func unexpected(err error) error {
	if err != nil && models.ErrorKind(err) != models.KindNotFound {
		return err
	}
	return nil
}
