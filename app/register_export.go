package app

import (
	"context"
	"fmt"
	"io"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/register"
	"gongkai/models"
)

// exportBatch is how many cases an export reads at a time.
const exportBatch = 500

// RegisterExport is an agency's register ready to be written.
type RegisterExport struct {
	// Name is the file name to give it.
	Name     string
	s        *RegisterService
	ctx      context.Context
	agencyID uint
	year     int
}

// Export prepares the register of an agency: every case it received (in
// year, the year first received; 0: every year), native and imported, in
// the template's form and in receipt order, so that what goes in comes
// out. The export holds identity numbers in full, for the same people who
// may import them, and is audited.
func (s *RegisterService) Export(ctx context.Context, actor Actor, agencyID uint, year int) (*RegisterExport, error) {
	if agencyID == 0 {
		return nil, models.InvalidField("agencyId", registerMsg("agency"))
	}
	if year != 0 && (year < 2008 || year > calendar.FromTime(s.Now()).Year()) {
		return nil, models.InvalidField("year", registerMsg("year"))
	}
	if err := canManageRegister(actor, agencyID); err != nil {
		return nil, err
	}
	agency, err := s.agency(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		return audit(ctx, tx, actor, "register.export", "agency", agencyID, map[string]any{"year": year})
	})
	if err != nil {
		return nil, err
	}
	name := "依申请公开登记台账-" + agency.ShortName
	if year != 0 {
		name += fmt.Sprintf("-%d", year)
	}
	return &RegisterExport{Name: name + ".xlsx", s: s, ctx: ctx, agencyID: agencyID, year: year}, nil
}

// Stream writes the register as XLSX. Nothing reaches w before every row
// is read, so a failure leaves w untouched.
func (e *RegisterExport) Stream(w io.Writer) error {
	rw, err := register.NewWriter(w)
	if err != nil {
		return err
	}
	if err := e.rows(rw); err != nil {
		_ = rw.Close()
		return err
	}
	return rw.Close()
}

func (e *RegisterExport) rows(rw *register.Writer) error {
	s, ctx := e.s, e.ctx
	cur := models.RegisterCursor{}
	for {
		cases, err := models.FindRegisterCases(ctx, s.DB, e.agencyID, e.year, cur, exportBatch)
		if err != nil || len(cases) == 0 {
			return err
		}
		ids := make([]uint, len(cases))
		for i, c := range cases {
			ids[i] = c.ID
		}
		remedies, err := models.FindRemediesByCases(ctx, s.DB, ids)
		if err != nil {
			return err
		}
		fees, err := models.SumPaidFeesByCases(ctx, s.DB, ids)
		if err != nil {
			return err
		}
		for _, c := range cases {
			row, err := s.registerRow(c, remedies[c.ID], fees[c.ID])
			if err != nil {
				return fmt.Errorf("case %s: %w", c.TrackingNumber, err)
			}
			if err := rw.Write(row); err != nil {
				return fmt.Errorf("case %s: %w", c.TrackingNumber, err)
			}
		}
		last := cases[len(cases)-1]
		cur = models.RegisterCursor{ReceiptDate: last.ReceiptDate, ID: last.ID}
	}
}
