package app

import (
	"context"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// ClockConfig holds the clock settings decisions.md leaves to the agency.
type ClockConfig struct {
	WarningDays          int
	UrgentDays           int
	CorrectionPeriodDays int
	// FeePausesClock: whether a fee notice awaiting payment stops the answer
	// clock (109号 is silent; decisions.md defaults to paused).
	FeePausesClock bool
	// RepeatSimilarity is the character-bigram similarity above which an
	// earlier application counts as a possible repeat (Art 36(6)).
	RepeatSimilarity float64
	// ReminderThresholds are the working days left at which the deadline
	// sweep reminds staff (the default of the online setting).
	ReminderThresholds []int
}

// CaseService runs applications through the five stages of Art 45. Every
// change is one transaction holding the case update (optimistic locking),
// its timeline event and its notices. Errors: KindInvalid, KindNotFound,
// KindConflict, KindInvalidTransition, KindForbidden.
type CaseService struct {
	Deps
	cal      *CalendarService
	sealer   *Sealer
	notices  *Notices
	blobs    BlobStore
	cfg      ClockConfig
	settings *SettingsService
	notifier Notifier
	pdf      PDFConfig
}

// Notifier is told, inside the transaction, of every step of a case so
// that it can queue messages to the applicant and staff. The default does
// nothing.
type Notifier interface {
	CaseEvent(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent, notices []*models.Notice) error
}

type nopNotifier struct{}

func (nopNotifier) CaseEvent(context.Context, *gorm.DB, *models.Case, *models.CaseEvent, []*models.Notice) error {
	return nil
}

// CaseView is a case as one actor may see it, with its clock and the
// actions the actor may take.
type CaseView struct {
	Case  *models.Case
	State CaseState
	// Correction and Extension are the correction request (Art 30) and
	// the extension (Art 33), nil when the case has none.
	Correction    *CorrectionState
	Extension     *ExtensionState
	Events        []clock.Event
	Clock         clock.Clock
	Allowed       []models.Action
	Consultations []*models.Consultation
	Fees          []*models.Fee
	Remedies      []*models.Remedy
	Attachments   []*models.Attachment
	// IDNumber and CreditCode are in full for staff of the handling agency,
	// masked for everyone else.
	IDNumber   string
	CreditCode string
	// QueryCode is shown to the applicant and the handling agency.
	QueryCode string
	// ViaAssistance is set when the actor sees the case only through an
	// assistance task of their agency.
	ViaAssistance bool
	Hints         *ReviewHints
	actor         Actor
	// audience is decided once per view (Audience); hidePauses keeps the
	// pause kinds from viewers without the clock's trace.
	audience   Audience
	hidePauses bool
}

// NewCaseService builds the service.
// NewCaseService builds the service; cfg comes from the configuration
// (configs, through app/wiring), which holds every default.
func NewCaseService(d Deps, cal *CalendarService, sealer *Sealer, notices *Notices, blobs BlobStore, cfg ClockConfig) *CaseService {
	return &CaseService{Deps: d, cal: cal, sealer: sealer, notices: notices, blobs: blobs, cfg: cfg, notifier: nopNotifier{}}
}

// runtime returns the online-editable settings (the configuration's when
// the service runs without a settings store).
func (s *CaseService) runtime() RuntimeSettings {
	if s.settings != nil {
		return s.settings.Get()
	}
	return RuntimeSettings{WarningDays: s.cfg.WarningDays, UrgentDays: s.cfg.UrgentDays, CorrectionPeriodDays: s.cfg.CorrectionPeriodDays, RepeatSimilarity: s.cfg.RepeatSimilarity}
}

// SetNotifier replaces the notifier.
func (s *CaseService) SetNotifier(n Notifier) { s.notifier = n }

func (s *CaseService) today() calendar.Date { return calendar.FromTime(s.Now()) }

func (s *CaseService) clockOptions(asOf calendar.Date, trace bool) clock.Options {
	rs := s.runtime()
	return clock.Options{AsOf: asOf, Warning: rs.WarningDays, Urgent: rs.UrgentDays, Trace: trace}
}

// load reads a case inside db and checks the actor may see it.
func (s *CaseService) load(ctx context.Context, db *gorm.DB, actor Actor, id uint) (*CaseView, error) {
	c, err := models.FindCaseByID(ctx, db, id)
	if models.ErrorKind(err) == models.KindNotFound {
		return nil, errNotVisible
	}
	if err != nil {
		return nil, err
	}
	st, err := decodeState(c.State)
	if err != nil {
		return nil, err
	}
	ok, via := sees(actor, c, st)
	if !ok {
		// Assistance tasks already answered still show the case to the
		// assisting agency.
		if actor.IsStaff() {
			n, err := models.CountAssistanceTasks(ctx, db, c.ID, actor.AgencyID)
			if err != nil {
				return nil, err
			}
			ok, via = n > 0, true
		}
		if !ok {
			return nil, errNotVisible
		}
	}
	evs, err := decodeClockEvents(c.ClockEvents)
	if err != nil {
		return nil, err
	}
	return &CaseView{Case: c, State: st, Correction: correctionOf(c.Correction), Extension: extensionOf(c.Extension), Events: evs, ViaAssistance: via, actor: actor}, nil
}

// complete fills in the clock (computed once, with its trace for the
// detail), the allowed actions, identity numbers and, with detail, the
// case's related rows; then it leaves out what the viewer may not see
// (case_visibility.go).
func (s *CaseService) complete(ctx context.Context, v *CaseView, withDetail bool) error {
	today := s.today()
	v.Clock = clock.Compute(s.cal.Calendar(), v.Events, s.clockOptions(today, withDetail))
	v.Allowed = s.allowedActions(ctx, v, today)
	s.openNumbers(v)
	if withDetail {
		if err := s.loadRelated(ctx, v); err != nil {
			return err
		}
		// Review (审核) is when repeat applications and the month's count
		// matter (Arts 35, 36(6)).
		if v.Exposure().ReviewHints && (v.Case.Status == models.StatusRegistered || v.Case.Status == models.StatusSubmitted) {
			h, err := s.reviewHints(ctx, v.Case)
			if err != nil {
				return err
			}
			v.Hints = h
		}
	}
	v.redact()
	return nil
}

// openNumbers unseals the identity numbers and the query code for the
// viewers who see them (masked numbers for everyone else).
func (s *CaseService) openNumbers(v *CaseView) {
	x := v.Exposure()
	v.IDNumber, v.CreditCode = v.Case.IDNumberMasked, v.Case.CreditCodeMasked
	if x.Identity == IdentityFull {
		if n, err := s.sealer.Open(v.Case.IDNumberSealed); err == nil && n != "" {
			v.IDNumber = n
		}
		if n, err := s.sealer.Open(v.Case.CreditCodeSealed); err == nil && n != "" {
			v.CreditCode = n
		}
	}
	if x.QueryCode {
		v.QueryCode, _ = s.sealer.Open(v.Case.QueryCodeSealed)
	}
}

// loadRelated reads the case's consultations, fees, remedies and
// attachments — only those the state says exist and the viewer may see
// some of — and keeps what the viewer may see (showRelated).
func (s *CaseService) loadRelated(ctx context.Context, v *CaseView) error {
	var err error
	st, x := v.State, v.Exposure()
	if st.Consultations > 0 && x.Consultations != ScopeNone {
		if v.Consultations, err = models.FindConsultations(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	if st.FeeStatus != "" && x.Fees {
		if v.Fees, err = models.FindFees(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	if st.Remedies > 0 && x.Remedies {
		if v.Remedies, err = models.FindRemedies(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	if st.hasFiles() && x.Attachments != ScopeNone {
		if v.Attachments, err = models.FindCaseAttachments(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	v.showRelated()
	return nil
}

// hasFiles reports whether files were given with the application, the
// answer or its proof of service.
func (st CaseState) hasFiles() bool {
	return len(st.Attachments) > 0 || (st.Answer != nil && len(st.Answer.Attachments) > 0) || (st.Delivery != nil && st.Delivery.ProofAttachmentID != 0)
}

// Get returns one case as the actor may see it.
func (s *CaseService) Get(ctx context.Context, actor Actor, id uint) (*CaseView, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return nil, err
	}
	if err := s.complete(ctx, v, true); err != nil {
		return nil, err
	}
	return v, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func uniq(ids []uint) []uint {
	seen := map[uint]bool{}
	var out []uint
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// actorName is the display name recorded on timeline events.
func (s *CaseService) actorName(ctx context.Context, db *gorm.DB, actor Actor) string {
	if actor.Role == models.RoleSystem {
		return "系统"
	}
	if actor.DisplayName != "" {
		return actor.DisplayName
	}
	// A name that cannot be read is not worth failing the step for: the
	// username stands in.
	name, _ := models.FindDisplayName(ctx, db, actor.UserID)
	if name == "" {
		return actor.Username
	}
	return name
}
