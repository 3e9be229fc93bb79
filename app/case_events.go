package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/models"
)

// eventData is what an event records: a public part the applicant sees and
// an internal part for staff.
type eventData struct {
	Public   map[string]any `json:"public,omitempty"`
	Internal map[string]any `json:"internal,omitempty"`
}

// eventHash is the SHA-256 of an event's content and its predecessor's
// hash, so that changing, inserting or deleting an event breaks the chain.
func eventHash(e *models.CaseEvent) string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
		b.WriteByte('|')
	}
	id := func(p *uint) string {
		if p == nil {
			return ""
		}
		return strconv.FormatUint(uint64(*p), 10)
	}
	field(strconv.FormatUint(uint64(e.CaseID), 10))
	field(strconv.Itoa(e.Seq))
	field(e.At.UTC().Format(time.RFC3339Nano))
	field(id(e.ActorID))
	field(string(e.ActorRole))
	field(id(e.ActorAgencyID))
	field(e.ActorName)
	field(e.Action)
	field(string(e.FromStatus))
	field(string(e.ToStatus))
	field(strconv.FormatBool(e.Public))
	field(e.Data)
	field(e.PrevHash)
	h := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(h[:])
}

// appendEvent adds the next event to c's chain inside tx and advances the
// case's chain head (saved with the case).
func appendEvent(ctx context.Context, tx *gorm.DB, c *models.Case, actor Actor, actorName string, at time.Time,
	action string, from, to models.Status, public bool, data eventData) (*models.CaseEvent, error) {
	e, err := nextEvent(c, actor, actorName, at, action, from, to, public, data)
	if err != nil {
		return nil, err
	}
	if err := insertEvent(ctx, tx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// insertEvent stores a prepared event; a racing writer's event with the
// same sequence number is a stale version (models.AppendCaseEvent).
func insertEvent(ctx context.Context, tx *gorm.DB, e *models.CaseEvent) error {
	if err := models.AppendCaseEvent(ctx, tx, e); err != nil {
		return fmt.Errorf("append event: %w", err)
	}
	return nil
}

// nextEvent prepares the next event of c's chain and advances the case's
// chain head; the caller saves both.
func nextEvent(c *models.Case, actor Actor, actorName string, at time.Time,
	action string, from, to models.Status, public bool, data eventData) (*models.CaseEvent, error) {
	b, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	e := &models.CaseEvent{
		CaseID: c.ID, Seq: c.EventCount + 1, At: at.UTC().Truncate(time.Microsecond), ActorRole: actor.Role, ActorName: actorName,
		Action: action, FromStatus: from, ToStatus: to, Public: public, Data: string(b), PrevHash: c.LastEventHash,
	}
	if actor.UserID != 0 {
		id := actor.UserID
		e.ActorID = &id
	}
	if actor.AgencyID != 0 {
		a := actor.AgencyID
		e.ActorAgencyID = &a
	}
	e.Hash = eventHash(e)
	c.EventCount, c.LastEventHash = e.Seq, e.Hash
	return e, nil
}

// ChainVerification is the result of checking a case's timeline.
type ChainVerification struct {
	Valid    bool   `json:"valid"`
	Events   int    `json:"events"`
	BrokenAt int    `json:"brokenAt,omitempty"`
	Reason   string `json:"reason,omitempty"`
	HeadHash string `json:"headHash"`
}

// verifyChain recomputes every hash of a case's timeline and compares the
// head with the one stored on the case (which catches deleted trailing
// events).
func verifyChain(c *models.Case, events []*models.CaseEvent) ChainVerification {
	v := ChainVerification{Events: len(events), HeadHash: c.LastEventHash}
	prev := ""
	for i, e := range events {
		switch {
		case e.Seq != i+1:
			return ChainVerification{Events: len(events), BrokenAt: i + 1, Reason: "sequence gap: an event is missing", HeadHash: c.LastEventHash}
		case e.PrevHash != prev:
			return ChainVerification{Events: len(events), BrokenAt: e.Seq, Reason: "previous-hash mismatch: an earlier event was changed or removed", HeadHash: c.LastEventHash}
		case eventHash(e) != e.Hash:
			return ChainVerification{Events: len(events), BrokenAt: e.Seq, Reason: "content hash mismatch: this event was changed", HeadHash: c.LastEventHash}
		}
		prev = e.Hash
	}
	if prev != c.LastEventHash || len(events) != c.EventCount {
		return ChainVerification{Events: len(events), BrokenAt: len(events) + 1, Reason: "chain head mismatch: events were removed from the end", HeadHash: c.LastEventHash}
	}
	v.Valid = true
	return v
}
