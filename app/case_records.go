package app

import (
	"context"
	"crypto/subtle"
	"strings"
	"unicode/utf8"

	"gongkai/app/clock"
	"gongkai/models"
)

// A case's records: public tracking, the timeline and its hash chain, the
// notices.

// Track is the public lookup by tracking number and query code. Any
// mismatch gets the same not-found answer.
func (s *CaseService) Track(ctx context.Context, trackingNumber, queryCode string) (*CaseView, []*models.CaseEvent, []*models.Notice, error) {
	notFound := models.NotFound(models.M("查询号或查询码不正确，对应的申请", "no application matches this tracking number and query code; the application"))
	tn, qc := strings.ToUpper(strings.TrimSpace(trackingNumber)), strings.ToUpper(strings.TrimSpace(queryCode))
	if tn == "" || qc == "" || utf8.RuneCountInString(tn) > 32 || len(qc) != 8 {
		return nil, nil, nil, notFound
	}
	c, err := models.FindCaseByTrackingNumber(ctx, s.DB, tn)
	if err := unexpected(err); err != nil {
		return nil, nil, nil, err
	}
	if err != nil {
		return nil, nil, nil, notFound
	}
	code, err := s.sealer.Open(c.QueryCodeSealed)
	if err != nil || subtle.ConstantTimeCompare([]byte(code), []byte(qc)) != 1 {
		return nil, nil, nil, notFound
	}
	st, err := decodeState(c.State)
	if err != nil {
		return nil, nil, nil, err
	}
	evs, err := decodeClockEvents(c.ClockEvents)
	if err != nil {
		return nil, nil, nil, err
	}
	v := &CaseView{Case: c, State: st, Correction: correctionOf(c.Correction), Events: evs}
	v.Clock = clock.Compute(s.cal.Calendar(), evs, s.clockOptions(s.today(), false))
	events, err := models.FindCaseEvents(ctx, s.DB, c.ID, true)
	if err != nil {
		return nil, nil, nil, err
	}
	notices, err := models.FindNotices(ctx, s.DB, c.ID, true)
	if err != nil {
		return nil, nil, nil, err
	}
	return v, events, notices, nil
}

// TrackNotice opens a public notice of a case found by tracking number and
// query code.
func (s *CaseService) TrackNotice(ctx context.Context, trackingNumber, queryCode string, noticeID uint) (*models.Notice, error) {
	v, _, _, err := s.Track(ctx, trackingNumber, queryCode)
	if err != nil {
		return nil, err
	}
	n, err := models.FindNoticeByID(ctx, s.DB, noticeID)
	if err := unexpected(err); err != nil {
		return nil, err
	}
	if err != nil || n.CaseID != v.Case.ID || !n.Public {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	return n, nil
}

// Events lists a case's timeline; applicants see public events only.
func (s *CaseService) Events(ctx context.Context, actor Actor, id uint) ([]*models.CaseEvent, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return nil, err
	}
	return models.FindCaseEvents(ctx, s.DB, v.Case.ID, actor.Role == models.RoleApplicant || v.ViaAssistance)
}

// VerifyEvents checks the case's hash chain (staff of the handling agency).
func (s *CaseService) VerifyEvents(ctx context.Context, actor Actor, id uint) (ChainVerification, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return ChainVerification{}, err
	}
	if !handles(actor, v.Case) {
		return ChainVerification{}, errNotVisible
	}
	events, err := models.FindCaseEvents(ctx, s.DB, v.Case.ID, false)
	if err != nil {
		return ChainVerification{}, err
	}
	return verifyChain(v.Case, events), nil
}

// Notices lists a case's notices; applicants see those addressed to them.
func (s *CaseService) Notices(ctx context.Context, actor Actor, id uint) ([]*models.Notice, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return nil, err
	}
	return models.FindNotices(ctx, s.DB, v.Case.ID, actor.Role == models.RoleApplicant || v.ViaAssistance)
}

// Notice opens one notice if the actor may see it.
func (s *CaseService) Notice(ctx context.Context, actor Actor, noticeID uint) (*models.Notice, error) {
	n, err := models.FindNoticeByID(ctx, s.DB, noticeID)
	if err != nil {
		return nil, err
	}
	v, err := s.load(ctx, s.DB, actor, n.CaseID)
	if err := unexpected(err); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	if (actor.Role == models.RoleApplicant || v.ViaAssistance) && !n.Public {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	return n, nil
}
