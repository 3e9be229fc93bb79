package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/register"
	"gongkai/models"
)

// ConfirmInput confirms the import of a previewed upload.
type ConfirmInput struct {
	Mode    string `json:"mode" doc:"valid-rows: import the rows without errors; all-or-nothing: import only when no row has errors" enum:"ImportMode"`
	Version int    `json:"version" doc:"the upload's version as previewed (optimistic locking)"`
}

// importCounter is the counter scope of legacy cases' tracking numbers,
// apart from the native ones so that an import never shifts them.
const importCounter = "import"

// Confirm starts importing an upload's valid rows in the background (all
// of them in one transaction, or none): the view's status is "importing"
// until it is "imported" or "failed". An upload with errors is refused in
// all-or-nothing mode, and nothing is written.
func (s *RegisterService) Confirm(ctx context.Context, actor Actor, id uint, in ConfirmInput) (*ImportView, error) {
	mode, ok := models.ParseImportMode(in.Mode)
	var f models.Fields
	if !ok {
		f.Add("mode", registerMsgs["mode"].ZH, registerMsgs["mode"].EN)
	}
	if in.Version <= 0 {
		f.Add("version", registerMsgs["version"].ZH, registerMsgs["version"].EN)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var imp *models.RegisterImport
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		if imp, err = s.loadImport(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := s.confirmable(imp, mode, in.Version); err != nil {
			return err
		}
		now := s.Now().UTC()
		by := actor.UserID
		imp.Status, imp.Mode, imp.ConfirmedBy, imp.ConfirmedAt, imp.Problem, imp.FinishedAt = models.ImportImporting, mode, &by, &now, "", nil
		if err := models.SaveRegisterImport(ctx, tx, imp); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "register.confirm", "register_import", imp.ID, map[string]any{"agencyId": imp.AgencyID, "mode": mode,
			"new": imp.New, "replace": imp.Replace, "unchanged": imp.Unchanged, "native": imp.Native, "invalid": imp.Invalid})
	})
	if err != nil {
		return nil, err
	}
	// The background work has its own copy: the caller reads imp.
	bg := *imp
	s.start(ctx, imp.ID, "importing", imp.Total-imp.Invalid, func(ctx context.Context, w *importWork) {
		if err := s.importAll(ctx, actor, &bg, w); err != nil {
			s.fail(ctx, bg.ID, models.ImportFailed, err)
		}
	})
	return s.view(imp), nil
}

// confirmable checks an upload may be imported now in mode.
func (s *RegisterService) confirmable(imp *models.RegisterImport, mode models.ImportMode, version int) error {
	switch {
	case imp.Status == models.ImportReady, imp.Status == models.ImportFailed:
	case imp.Status == models.ImportImporting && s.view(imp).Interrupted:
	default:
		return notReady(imp.Status)
	}
	switch {
	case imp.Version != version:
		return models.StaleVersion()
	case mode == models.ImportAllOrNothing && imp.Invalid > 0:
		return models.InvalidField("mode", registerMsg("all_or_nothing", imp.Invalid))
	case imp.Total == imp.Invalid:
		return models.InvalidTransition(registerMsg("nothing_valid"))
	}
	return nil
}

// importAll reads the upload again and writes its valid rows, with the
// upload's result and its audit event, in one transaction.
func (s *RegisterService) importAll(ctx context.Context, actor Actor, imp *models.RegisterImport, w *importWork) error {
	data, err := s.blobs.Get(ctx, s.DB, imp.BlobKey)
	if err != nil {
		return err
	}
	rd, err := register.NewReader(bytes.NewReader(data), register.Format(imp.Format), s.readerOptions())
	if err != nil {
		return err
	}
	defer rd.Close()
	return s.DB.Transaction(func(tx *gorm.DB) error {
		now := s.Now().UTC()
		im := &importer{s: s, ctx: ctx, tx: tx, actor: actor, imp: imp, cal: s.cal.Calendar(), now: now,
			actorName: s.cases.actorName(ctx, tx, actor)}
		if err := im.prefetch(); err != nil {
			return err
		}
		imp.Inserted, imp.Replaced, imp.Kept, imp.Skipped = 0, 0, 0, 0
		for {
			rec, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			c := s.check(rec)
			if !c.rec.OK() {
				if imp.Mode == models.ImportAllOrNothing {
					return models.InvalidField("mode", registerMsg("all_or_nothing", 1))
				}
				continue
			}
			if err := im.add(c); err != nil {
				return err
			}
			w.done.Add(1)
		}
		if err := im.flush(); err != nil {
			return err
		}
		imp.Status, imp.FinishedAt = models.ImportImported, &now
		if err := models.SaveRegisterImport(ctx, tx, imp); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "register.import", "register_import", imp.ID, map[string]any{"agencyId": imp.AgencyID, "mode": imp.Mode,
			"sha256": imp.SHA256, "inserted": imp.Inserted, "replaced": imp.Replaced, "unchanged": imp.Kept, "skipped": imp.Skipped})
	})
}

// importer writes the valid rows of an upload in batches inside the
// import's transaction.
type importer struct {
	s         *RegisterService
	ctx       context.Context
	tx        *gorm.DB
	actor     Actor
	actorName string
	imp       *models.RegisterImport
	cal       *calendar.Calendar
	now       time.Time
	batch     []checked
	// index holds the agency's cases the upload's rows meet, read before
	// the first insert: lookups on a table growing inside the transaction
	// get plans made for its old size (a sequential scan per batch on a
	// fresh PostgreSQL database). seen marks the keys and numbers it was
	// read for.
	index caseIndex
	seen  map[string]bool
}

// prefetch reads the index for the keys and numbers of the preview's
// valid rows. The file's own rows never meet each other (the reader
// refuses repeated keys), so nothing the import writes changes it.
func (im *importer) prefetch() error {
	keys, numbers, err := models.FindRegisterImportKeys(im.ctx, im.tx, im.imp.ID)
	if err != nil {
		return err
	}
	if im.index, err = lookupCases(im.ctx, im.tx, im.imp.AgencyID, keys, numbers); err != nil {
		return err
	}
	im.seen = make(map[string]bool, len(keys)+len(numbers))
	for _, k := range keys {
		im.seen["k:"+k] = true
	}
	for _, n := range numbers {
		im.seen["n:"+n] = true
	}
	return nil
}

// lookupMissing reads the index for rows the preview did not see as
// valid (a date that was in the future then).
func (im *importer) lookupMissing() error {
	keys, numbers := batchKeys(im.batch)
	var mk, mn []string
	for _, k := range keys {
		if !im.seen["k:"+k] {
			mk = append(mk, k)
		}
	}
	for _, n := range numbers {
		if !im.seen["n:"+n] {
			mn = append(mn, n)
		}
	}
	if len(mk)+len(mn) == 0 {
		return nil
	}
	more, err := lookupCases(im.ctx, im.tx, im.imp.AgencyID, mk, mn)
	if err != nil {
		return err
	}
	maps.Copy(im.index.refs, more.refs)
	maps.Copy(im.index.natives, more.natives)
	return nil
}

func (im *importer) add(c checked) error {
	im.batch = append(im.batch, c)
	if len(im.batch) >= previewBatch {
		return im.flush()
	}
	return nil
}

// flush classifies the batch against the cases as they are now, inserts
// the new legacy cases together and replaces the changed ones.
func (im *importer) flush() error {
	if len(im.batch) == 0 {
		return nil
	}
	if err := im.lookupMissing(); err != nil {
		return err
	}
	cl := im.index.classify(im.batch)
	var fresh []*legacy
	for i, c := range im.batch {
		switch cl.actions[i] {
		case models.RowNew:
			fresh = append(fresh, im.s.legacyCase(im.cal, im.imp, c.rec.Row, c.key, c.hash, im.now))
		case models.RowReplace:
			if err := im.replace(cl.caseIDs[i], c); err != nil {
				return fmt.Errorf("row %d: %w", c.rec.Row.Number, err)
			}
			im.imp.Replaced++
		case models.RowUnchanged:
			im.imp.Kept++
		case models.RowNative:
			im.imp.Skipped++
		}
	}
	im.batch = im.batch[:0]
	im.imp.Inserted += len(fresh)
	return im.insert(fresh)
}

// eventData is the timeline entry of an imported or replaced row: the
// file's SHA-256 and the row, part of the hash chain like every event.
func (im *importer) eventData(c *models.Case, changed []string) eventData {
	st, _ := decodeState(c.State)
	pub := map[string]any{"fileSha256": im.imp.SHA256, "row": st.Import.Row}
	priv := map[string]any{"importId": im.imp.ID, "fileName": im.imp.FileName}
	if st.Import.RegisterNo != "" {
		priv["registerNo"] = st.Import.RegisterNo
	}
	if changed != nil {
		pub["changed"] = changed
	}
	return eventData{Public: pub, Internal: priv}
}

// insert stores new legacy cases with their tracking numbers and ids,
// their first timeline events already chained, remedies and fees, a
// statement per batch each.
func (im *importer) insert(fresh []*legacy) error {
	if len(fresh) == 0 {
		return nil
	}
	if err := im.number(fresh); err != nil {
		return err
	}
	ids, err := models.ReserveCaseIDs(im.ctx, im.tx, len(fresh))
	if err != nil {
		return err
	}
	cases := make([]*models.Case, len(fresh))
	events := make([]*models.CaseEvent, len(fresh))
	var remedies []*models.Remedy
	var fees []*models.Fee
	for i, l := range fresh {
		l.c.ID, cases[i] = ids[i], l.c
		if events[i], err = nextEvent(l.c, im.actor, im.actorName, im.now, ActImported, "", l.c.Status, true, im.eventData(l.c, nil)); err != nil {
			return err
		}
		for _, r := range l.remedies {
			r.CaseID = l.c.ID
		}
		for _, f := range l.fees {
			f.CaseID = l.c.ID
		}
		remedies, fees = append(remedies, l.remedies...), append(fees, l.fees...)
	}
	if err := models.CreateCases(im.ctx, im.tx, cases); err != nil {
		return err
	}
	if err := models.CreateCaseEvents(im.ctx, im.tx, events); err != nil {
		return err
	}
	if err := models.CreateRemedies(im.ctx, im.tx, remedies); err != nil {
		return err
	}
	return models.CreateFees(im.ctx, im.tx, fees)
}

// number gives new legacy cases their tracking numbers, per agency and
// receipt year apart from the native ones: ZFB-2024-H00012.
func (im *importer) number(fresh []*legacy) error {
	count := map[int]int{}
	for _, l := range fresh {
		count[l.c.ReceiptYear]++
	}
	years := make([]int, 0, len(count))
	for y := range count {
		years = append(years, y)
	}
	slices.Sort(years)
	next := map[int]int{}
	for _, y := range years {
		last, err := models.ReserveCounter(im.ctx, im.tx, importCounter, im.imp.AgencyID, y, count[y])
		if err != nil {
			return err
		}
		next[y] = last - count[y] + 1
	}
	for _, l := range fresh {
		c := l.c
		c.Year, c.Seq = c.ReceiptYear, next[c.ReceiptYear]
		next[c.ReceiptYear]++
		c.TrackingNumber = fmt.Sprintf("%s-%d-H%05d", im.imp.Agency.Code, c.Year, c.Seq)
	}
	return nil
}

// replace makes a legacy case what its corrected row says, keeping its
// number and timeline, with a timeline event naming the changed columns.
func (im *importer) replace(caseID uint, c checked) error {
	old, err := models.FindCaseByID(im.ctx, im.tx, caseID)
	if err != nil {
		return err
	}
	before, err := im.s.rowOf(im.ctx, im.tx, old)
	if err != nil {
		return err
	}
	l := im.s.legacyCase(im.cal, im.imp, c.rec.Row, c.key, c.hash, im.now)
	nc := l.c
	nc.ID, nc.TrackingNumber, nc.Year, nc.Seq, nc.QueryCodeSealed, nc.CreatedAt = old.ID, old.TrackingNumber, old.Year, old.Seq, old.QueryCodeSealed, old.CreatedAt
	nc.EventCount, nc.LastEventHash, nc.Version = old.EventCount, old.LastEventHash, old.Version
	e, err := nextEvent(nc, im.actor, im.actorName, im.now, ActImportReplaced, old.Status, nc.Status, true, im.eventData(nc, changedColumns(before, c.rec.Row)))
	if err != nil {
		return err
	}
	if err := models.SaveCase(im.ctx, im.tx, nc); err != nil {
		return err
	}
	if err := insertEvent(im.ctx, im.tx, e); err != nil {
		return err
	}
	if err := models.DeleteCaseRemediesAndFees(im.ctx, im.tx, nc.ID); err != nil {
		return err
	}
	for _, r := range l.remedies {
		r.CaseID = nc.ID
	}
	for _, f := range l.fees {
		f.CaseID = nc.ID
	}
	if err := models.CreateRemedies(im.ctx, im.tx, l.remedies); err != nil {
		return err
	}
	return models.CreateFees(im.ctx, im.tx, l.fees)
}

// rowOf reads a case's register row with its remedies and paid fees.
func (s *RegisterService) rowOf(ctx context.Context, db *gorm.DB, c *models.Case) (register.Row, error) {
	remedies, err := models.FindRemediesByCases(ctx, db, []uint{c.ID})
	if err != nil {
		return register.Row{}, err
	}
	fees, err := models.SumPaidFeesByCases(ctx, db, []uint{c.ID})
	if err != nil {
		return register.Row{}, err
	}
	return s.registerRow(c, remedies[c.ID], fees[c.ID])
}

// changedColumns names the columns whose values differ between two rows,
// in template order.
func changedColumns(a, b register.Row) []string {
	cells := func(r register.Row) [register.NumColumns]any {
		recon, lit := remedyTexts(r.Remedies)
		return [register.NumColumns]any{r.RegisterNo, r.ReceivedOn, r.Channel, [2]any{r.ApplicantType, r.OrgCategory}, r.ApplicantName, r.IDNumber,
			r.Contact, r.Content, r.Corrected, r.CorrectedOn, r.Extended, r.AnsweredOn, r.Outcome, r.FeeFen, recon, lit, r.Note}
	}
	ca, cb := cells(a), cells(b)
	out := []string{}
	for col := range register.NumColumns {
		if ca[col] != cb[col] {
			out = append(out, col.Header())
		}
	}
	return out
}

// remedyTexts keys the reconsiderations and the lawsuits of a row for
// comparison.
func remedyTexts(rs []register.Remedy) (recon, lit string) {
	for _, r := range rs {
		if r.Kind == register.RemedyReconsideration {
			recon += string(r.Result) + ";"
		} else {
			lit += string(r.Kind) + "-" + string(r.Result) + ";"
		}
	}
	return recon, lit
}
