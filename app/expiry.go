package app

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// systemActor returns the jobs' own identity.
func systemActor(ctx context.Context, db *gorm.DB) (Actor, error) {
	u, err := models.FindUserByUsername(ctx, db, "system")
	if err != nil {
		return Actor{}, err
	}
	return SystemActor(u.ID), nil
}

// PeriodExpiry ends what the rules end on their own, each as an ordinary
// audited action by the system user with its notice: a lapsed correction
// period closes the case as abandoned (Art 30, row （六）1); an unpaid fee
// after its 20 working days closes it (109号, row （六）2); a co-producing
// agency's silence is consent (Art 34) and ends that pause; a third party's
// silence ends that pause and tells the officer to decide (Art 32). What
// fails is retried on the next run.
func (s *CaseService) PeriodExpiry(ctx context.Context) (JobResult, error) {
	res := JobResult{}
	actor, err := systemActor(ctx, s.DB)
	if err != nil {
		return res, fmt.Errorf("system user: %w", err)
	}
	today := calendar.FromTime(s.Now())
	var errs []error
	act := func(id uint, action models.Action, in Versioned, counter string) {
		if _, err := s.Act(ctx, actor, id, action, in); err != nil {
			res["errors"]++
			errs = append(errs, err)
			return
		}
		res[counter]++
	}
	// A version that cannot be read makes the action fail as stale; it is
	// retried on the next run.
	version := func(id uint) int {
		v, _ := models.FindCaseVersion(ctx, s.DB, id)
		return v
	}

	// Art 30: lapsed correction periods.
	lapsed, err := models.FindLapsedCorrections(ctx, s.DB, today.String())
	if err != nil {
		return res, err
	}
	for _, c := range lapsed {
		act(c.ID, models.ActClose, &CloseInput{VersionInput: VersionInput{c.Version}, Outcome: "other.correction_lapsed"}, "closed_correction_lapsed")
	}

	// 109号: unpaid fees.
	fees, err := models.FindLapsedFees(ctx, s.DB, today.String())
	if err != nil {
		return res, err
	}
	for _, f := range fees {
		act(f.CaseID, models.ActClose, &CloseInput{VersionInput: VersionInput{version(f.CaseID)}, Outcome: "other.fee_unpaid"}, "closed_fee_unpaid")
	}

	// Arts 32 and 34: consultations whose reply period has ended.
	cons, err := models.FindLapsedConsultations(ctx, s.DB, today.String())
	if err != nil {
		return res, err
	}
	for _, c := range cons {
		reply, counter := models.ReplyLapsed, "third_party_lapsed"
		if c.Kind == models.ConsultAgency {
			// Art 34: "逾期未提出意见的视为同意公开".
			reply, counter = models.ReplyConsentBySilence, "agency_consent_by_silence"
		}
		act(c.CaseID, models.ActRecordConsultation, &ConsultationReplyInput{VersionInput: VersionInput{version(c.CaseID)}, ConsultationID: c.ID, Reply: string(reply)}, counter)
	}
	return res, errors.Join(errs...)
}
