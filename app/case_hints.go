package app

import (
	"context"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/similar"
	"gongkai/models"
)

// Review hints (Arts 35, 36(6)): the applicant's monthly count and earlier
// similar applications.

// ReviewHints help the officer at review: earlier applications by the same
// applicant that closely match (Art 36(6)), and how many the applicant made
// this calendar month (Art 35 and fees).
type ReviewHints struct {
	MonthCount int           `json:"monthCount"`
	Repeats    []RepeatMatch `json:"repeats"`
}

// RepeatMatch is an earlier, similar application.
type RepeatMatch struct {
	CaseID         uint    `json:"caseId"`
	TrackingNumber string  `json:"trackingNumber"`
	Title          string  `json:"title"`
	Status         string  `json:"status" enum:"CaseStatus"`
	Outcome        string  `json:"outcome,omitempty" enum:"Outcome" doc:"the outcome, once concluded"`
	ReceiptDate    string  `json:"receiptDate"`
	Similarity     float64 `json:"similarity"`
}

// monthCount is the number of applications the applicant made to the
// case's agency in the calendar month of receiptDate up to and including
// case id (Art 35; 109号 Art 4: fee bands per application count per
// applicant, per agency, per calendar month — applications to other
// agencies do not make one chargeable).
func (s *CaseService) monthCount(ctx context.Context, db *gorm.DB, c *models.Case) (int, error) {
	month := c.ReceiptDate
	if len(month) < 7 {
		month = calendar.FromTime(c.CreatedAt).String()
	}
	month = month[:7]
	return models.CountApplicantMonth(ctx, db, c.ApplicantKey, c.AgencyID, month+"-01", month+"-31", c.ID)
}

// reviewHints finds earlier similar applications by the same applicant to
// the same agency within a year, and the month's count.
func (s *CaseService) reviewHints(ctx context.Context, c *models.Case) (*ReviewHints, error) {
	h := &ReviewHints{Repeats: []RepeatMatch{}}
	var err error
	if h.MonthCount, err = s.monthCount(ctx, s.DB, c); err != nil {
		return nil, err
	}
	since := calendar.FromTime(c.CreatedAt).AddDays(-365).String()
	earlier, err := models.FindEarlierApplications(ctx, s.DB, c.ApplicantKey, c.AgencyID, c.ID, since, 200)
	if err != nil {
		return nil, err
	}
	mine := similar.Bigrams(c.Title + c.Description)
	for _, e := range earlier {
		score := similar.Dice(mine, similar.Bigrams(e.Title+e.Description))
		if score >= s.runtime().RepeatSimilarity {
			h.Repeats = append(h.Repeats, RepeatMatch{CaseID: e.ID, TrackingNumber: e.TrackingNumber, Title: e.Title,
				Status: string(e.Status), Outcome: e.Outcome, ReceiptDate: e.ReceiptDate, Similarity: float64(int(score*1000)) / 1000})
		}
	}
	return h, nil
}
