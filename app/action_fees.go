package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// Information-processing fees (国办函〔2020〕109号): the quote under both
// methods, the fee notice and the payment.

// FeeNoticeInput issues a fee notice (109号).
type FeeNoticeInput struct {
	VersionInput
	SealInput
	Method     string `json:"method" doc:"per_application or per_page" enum:"FeeMethod"`
	Pages      int    `json:"pages,omitempty" minimum:"0" maximum:"1000000" doc:"pages (per_page)"`
	ReceivedOn string `json:"receivedOn,omitempty" doc:"the day the applicant receives the notice, default today"`
}

// PaymentInput records a fee payment.
type PaymentInput struct {
	VersionInput
	PaidOn string `json:"paidOn,omitempty"`
}

func guardNoFee(a *actx) error {
	if a.v.State.FeeStatus != "" {
		return refused("该申请已发出收费通知", "a fee notice was already issued for this application")
	}
	// 109号: the fee notice goes out "在政府信息公开申请处理期限内"; after
	// the due date it would only dress up a late answer as abandoned.
	if due := a.currentClock().DueDate; a.today > due {
		return refused(fmt.Sprintf("答复期限已于%s届满，不能再发出收费通知（收费通知须在答复期限内发出，国办函〔2020〕109号）", cnDate(due)),
			fmt.Sprintf("the answer was due on %s: a fee notice can only be issued within the answer period (国办函〔2020〕109号)", due))
	}
	return nil
}

func guardFeePending(a *actx) error {
	if a.v.State.FeeStatus != models.FeePending {
		return refused("没有待缴的费用", "no fee is awaiting payment")
	}
	return nil
}

func pendingFee(a *actx) (*models.Fee, error) {
	f, found, err := models.FindPendingFee(a.ctx, a.tx, a.c().ID)
	if err == nil && !found {
		return nil, refused("没有待缴的费用", "no fee is awaiting payment")
	}
	return f, err
}

// FeeQuote is the fee under both methods (109号 Art 3: the agency picks one
// and never adds both).
type FeeQuote struct {
	MonthCount     int `json:"monthCount"`
	Pages          int `json:"pages"`
	PerApplication int `json:"perApplication"`
	PerPage        int `json:"perPage"`
}

func (s *CaseService) quote(ctx context.Context, db *gorm.DB, c *models.Case, pages int) (FeeQuote, error) {
	n, err := s.monthCount(ctx, db, c)
	if err != nil {
		return FeeQuote{}, err
	}
	return FeeQuote{MonthCount: n, Pages: pages, PerApplication: FeePerApplication(n), PerPage: FeePerPage(pages)}, nil
}

// QuoteFee computes both fee amounts for a case (staff of the agency).
func (s *CaseService) QuoteFee(ctx context.Context, actor Actor, id uint, pages int) (FeeQuote, error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return FeeQuote{}, err
	}
	if !handles(actor, v.Case) {
		return FeeQuote{}, errNotVisible
	}
	if pages < 0 || pages > 1_000_000 {
		return FeeQuote{}, models.InvalidField("pages", models.M("页数无效", "invalid page count"))
	}
	return s.quote(ctx, s.DB, v.Case, pages)
}

func applyFeeNotice(a *actx, raw Versioned) error {
	in := raw.(*FeeNoticeInput)
	var f models.Fields
	method, ok := models.ParseFeeMethod(in.Method)
	if !ok {
		f.Add("method", "计收方式须为 per_application（按件）或 per_page（按量）", "method must be per_application or per_page")
	}
	if method == models.FeePerPage && (in.Pages < 1 || in.Pages > 1_000_000) {
		f.Add("pages", "按量计收须填写页数", "per_page needs the page count")
	}
	received := dateField(&f, "receivedOn", in.ReceivedOn, a.today, a.today, a.cal.AddWorkdays(a.today, 10))
	if err := f.Err(); err != nil {
		return err
	}
	q, err := a.s.quote(a.ctx, a.tx, a.c(), in.Pages)
	if err != nil {
		return err
	}
	amount := q.PerApplication
	if method == models.FeePerPage {
		amount = q.PerPage
	}
	if amount == 0 {
		return models.InvalidField("method", models.M("按所选方式计算，本申请无需收费", "under this method the application is free"))
	}
	due := clock.FeePaymentDue(a.cal, received)
	fee := &models.Fee{CaseID: a.c().ID, Method: method, Pages: in.Pages, MonthCount: q.MonthCount, AmountPerApp: q.PerApplication,
		AmountPerPage: q.PerPage, Amount: amount, NoticeOn: a.today.String(), ReceivedOn: received.String(), DueOn: due.String(), Status: models.FeePending}
	if a.s.cfg.FeePausesClock {
		pid := a.nextPause()
		fee.PauseID = int(pid)
		a.addEvent(clock.Event{Kind: clock.EventPauseStart, On: a.today, PauseKind: clock.PauseFee, PauseID: pid})
	}
	if err := models.CreateFee(a.ctx, a.tx, fee); err != nil {
		return err
	}
	a.v.State.FeeStatus = models.FeePending
	a.public = true
	a.pub["amount"], a.pub["method"], a.pub["dueOn"] = amount, in.Method, due
	a.priv["feeId"], a.priv["perApplication"], a.priv["perPage"] = fee.ID, q.PerApplication, q.PerPage
	a.notice("fee", a.c().ApplicantName, map[string]any{"method": in.Method, "pages": in.Pages, "monthCount": q.MonthCount, "amount": amount, "dueOn": due})
	return nil
}

func applyPayment(a *actx, raw Versioned) error {
	in := raw.(*PaymentInput)
	fee, err := pendingFee(a)
	if err != nil {
		return err
	}
	var f models.Fields
	notice, _ := calendar.ParseDate(fee.NoticeOn)
	paid := dateField(&f, "paidOn", in.PaidOn, a.today, notice, a.today)
	if err := f.Err(); err != nil {
		return err
	}
	fee.Status, fee.PaidOn, fee.PaidYear = models.FeePaid, paid.String(), paid.Year()
	a.v.State.FeeStatus = models.FeePaid
	if err := models.SaveFee(a.ctx, a.tx, fee); err != nil {
		return err
	}
	if fee.PauseID != 0 {
		a.addEvent(clock.Event{Kind: clock.EventPauseEnd, On: paid, PauseID: int32(fee.PauseID)})
	}
	a.public = true
	a.pub["paidOn"], a.pub["amount"] = paid, fee.Amount
	return nil
}
