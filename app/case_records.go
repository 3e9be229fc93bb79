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
func (s *CaseService) Track(ctx context.Context, trackingNumber, queryCode string) (*CaseView, []*models.CaseEvent, []NoticeView, error) {
	v, events, notices, err := s.track(ctx, trackingNumber, queryCode)
	if err != nil {
		return nil, nil, nil, err
	}
	views, err := s.withVersions(ctx, s.DB, notices)
	return v, events, views, err
}

func (s *CaseService) track(ctx context.Context, trackingNumber, queryCode string) (*CaseView, []*models.CaseEvent, []*models.Notice, error) {
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
	v := &CaseView{Case: c, State: st, Correction: correctionOf(c.Correction), Events: evs, audience: AudiencePublic}
	v.Clock = clock.Compute(s.cal.Calendar(), evs, s.clockOptions(s.today(), false))
	events, err := s.visibleEvents(ctx, v)
	if err != nil {
		return nil, nil, nil, err
	}
	notices, err := s.visibleNotices(ctx, v)
	if err != nil {
		return nil, nil, nil, err
	}
	return v, events.Events, notices, nil
}

// TrackNotice opens a public notice of a case found by tracking number and
// query code.
func (s *CaseService) TrackNotice(ctx context.Context, trackingNumber, queryCode string, noticeID uint) (*models.Notice, error) {
	v, _, _, err := s.track(ctx, trackingNumber, queryCode)
	if err != nil {
		return nil, err
	}
	n, err := models.FindNoticeByID(ctx, s.DB, noticeID)
	if err := unexpected(err); err != nil {
		return nil, err
	}
	if err != nil || !v.seesNotice(n, nil) {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	n.HTML = s.notices.ForScreen(n.HTML)
	return n, nil
}

// CaseEvents is a case's timeline as the viewer may see it.
type CaseEvents struct {
	Events []*models.CaseEvent
	// Internal says the viewer sees the events' internal part, the actors'
	// names and the hashes; otherwise only the public part of the public
	// events.
	Internal bool
}

// Events lists a case's timeline as the actor may see it.
func (s *CaseService) Events(ctx context.Context, actor Actor, id uint) (CaseEvents, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return CaseEvents{}, err
	}
	return s.visibleEvents(ctx, v)
}

func (s *CaseService) visibleEvents(ctx context.Context, v *CaseView) (CaseEvents, error) {
	x := v.Exposure()
	es, err := models.FindCaseEvents(ctx, s.DB, v.Case.ID, x.Events != ScopeAll)
	if err != nil {
		return CaseEvents{}, err
	}
	return CaseEvents{Events: es, Internal: x.Internal}, nil
}

// errNotShown refuses a record of a case the viewer sees but may not have.
var errNotShown = models.Forbidden(models.M("无权查看该记录", "you may not see this record"))

// VerifyEvents checks the case's hash chain (viewers of the internal
// timeline).
func (s *CaseService) VerifyEvents(ctx context.Context, actor Actor, id uint) (ChainVerification, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return ChainVerification{}, err
	}
	if !v.Exposure().Internal {
		return ChainVerification{}, errNotShown
	}
	events, err := models.FindCaseEvents(ctx, s.DB, v.Case.ID, false)
	if err != nil {
		return ChainVerification{}, err
	}
	return verifyChain(v.Case, events), nil
}

// Notices lists the case's notices the actor may see, with their PDF
// versions.
func (s *CaseService) Notices(ctx context.Context, actor Actor, id uint) ([]NoticeView, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return nil, err
	}
	ns, err := s.visibleNotices(ctx, v)
	if err != nil {
		return nil, err
	}
	return s.withVersions(ctx, s.DB, ns)
}

func (s *CaseService) visibleNotices(ctx context.Context, v *CaseView) ([]*models.Notice, error) {
	x := v.Exposure()
	if x.Notices == ScopeNone {
		return nil, nil
	}
	ns, err := models.FindNotices(ctx, s.DB, v.Case.ID, x.Notices == ScopeApplicant)
	if err != nil {
		return nil, err
	}
	cons, err := s.ownTasks(ctx, v)
	if err != nil {
		return nil, err
	}
	var out []*models.Notice
	for _, n := range ns {
		if v.seesNotice(n, cons) {
			out = append(out, n)
		}
	}
	return out, nil
}

// ownTasks reads the case's consultations when the viewer's notices
// depend on its own tasks.
func (s *CaseService) ownTasks(ctx context.Context, v *CaseView) ([]*models.Consultation, error) {
	if v.Exposure().Notices != ScopeOwnTask || v.State.Consultations == 0 {
		return nil, nil
	}
	return models.FindConsultations(ctx, s.DB, v.Case.ID)
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
	cons, err := s.ownTasks(ctx, v)
	if err != nil {
		return nil, err
	}
	if !v.seesNotice(n, cons) {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	n.HTML = s.notices.ForScreen(n.HTML)
	return n, nil
}
