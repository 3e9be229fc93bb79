package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ImportStatus is where an uploaded register (台账) stands: validated in
// the background, then ready to confirm (or invalid as a file), then
// imported in one transaction (or failed, and may be confirmed again).
type ImportStatus string

// Import statuses.
const (
	ImportValidating ImportStatus = "validating"
	ImportReady      ImportStatus = "ready"
	ImportInvalid    ImportStatus = "invalid"
	ImportImporting  ImportStatus = "importing"
	ImportImported   ImportStatus = "imported"
	ImportFailed     ImportStatus = "failed"
)

// ImportMode is what confirming an import with errors does: import the
// valid rows, or nothing at all.
type ImportMode string

// Import modes.
const (
	ImportValidRows    ImportMode = "valid-rows"
	ImportAllOrNothing ImportMode = "all-or-nothing"
)

// ParseImportMode validates s.
func ParseImportMode(s string) (ImportMode, bool) {
	switch m := ImportMode(s); m {
	case ImportValidRows, ImportAllOrNothing:
		return m, true
	}
	return "", false
}

// RowAction is what confirming an import does with one row: insert a new
// legacy case, replace the imported case with the same key, leave an
// identical one, skip a row that is a Gongkai case already (an export
// brought back), or skip a row with errors.
type RowAction string

// Row actions.
const (
	RowNew       RowAction = "new"
	RowReplace   RowAction = "replace"
	RowUnchanged RowAction = "unchanged"
	RowNative    RowAction = "native"
	RowInvalid   RowAction = "invalid"
)

// ParseRowAction validates s.
func ParseRowAction(s string) (RowAction, bool) {
	switch a := RowAction(s); a {
	case RowNew, RowReplace, RowUnchanged, RowNative, RowInvalid:
		return a, true
	}
	return "", false
}

// RegisterImport is one uploaded register of one agency: the file (its
// bytes in the blob store), the preview's counts and the result.
type RegisterImport struct {
	ID         uint `gorm:"primaryKey"`
	AgencyID   uint `gorm:"not null"`
	Agency     *Agency
	UploadedBy uint         `gorm:"not null"`
	FileName   string       `gorm:"size:255;not null"`
	Format     string       `gorm:"size:8;not null"`
	SHA256     string       `gorm:"size:64;not null"`
	Size       int64        `gorm:"not null"`
	BlobKey    string       `gorm:"size:80;not null"`
	Status     ImportStatus `gorm:"size:16;not null"`
	Mode       ImportMode   `gorm:"size:16;not null;default:''"`
	HeaderRow  int          `gorm:"not null;default:0"`
	// Total counts the non-empty data rows; Invalid those with errors,
	// ErrorCount their errors; New … Native what confirming would do with
	// the valid rows as of the preview.
	Total      int `gorm:"not null;default:0"`
	Invalid    int `gorm:"not null;default:0"`
	ErrorCount int `gorm:"not null;default:0"`
	New        int `gorm:"not null;default:0"`
	Replace    int `gorm:"not null;default:0"`
	Unchanged  int `gorm:"not null;default:0"`
	Native     int `gorm:"not null;default:0"`
	// Inserted … Skipped are what the import did.
	Inserted int `gorm:"not null;default:0"`
	Replaced int `gorm:"not null;default:0"`
	Kept     int `gorm:"not null;default:0"`
	Skipped  int `gorm:"not null;default:0"`
	// Warnings and Problem are JSON written by app: the ignored columns,
	// and the file-level error or the import's failure.
	Warnings    string `gorm:"type:text;not null;default:''"`
	Problem     string `gorm:"type:text;not null;default:''"`
	ConfirmedBy *uint
	ConfirmedAt *time.Time
	FinishedAt  *time.Time
	Version     int `gorm:"not null;default:1"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// RegisterImportRow is one data row of an upload as the preview shows it.
type RegisterImportRow struct {
	ID            uint      `gorm:"primaryKey"`
	ImportID      uint      `gorm:"not null"`
	RowNo         int       `gorm:"not null"`
	Action        RowAction `gorm:"size:16;not null"`
	RowKey        string    `gorm:"size:80;not null;default:''"`
	CaseID        *uint
	RegisterNo    string `gorm:"size:64;not null;default:''"`
	ReceivedOn    string `gorm:"size:10;not null;default:''"`
	ApplicantName string `gorm:"size:128;not null;default:''"`
	Content       string `gorm:"size:255;not null;default:''"`
	AnsweredOn    string `gorm:"size:10;not null;default:''"`
	Outcome       string `gorm:"size:64;not null;default:''"`
	Errors        int    `gorm:"not null;default:0"`
}

// RegisterImportError is one problem of one row of an upload.
type RegisterImportError struct {
	ID         uint   `gorm:"primaryKey"`
	ImportID   uint   `gorm:"not null"`
	RowNo      int    `gorm:"not null"`
	ColumnName string `gorm:"size:32;not null"`
	Code       string `gorm:"size:64;not null"`
	ZH         string `gorm:"type:text;not null"`
	EN         string `gorm:"type:text;not null"`
}

var registerImportWhat = M("台账导入", "register import")

// batchRows is how many rows of cols columns one INSERT of the import
// carries: a few thousand parameters on PostgreSQL (its limit is 65,535);
// on SQLite about 250, because the driver binds each parameter by
// searching the arguments, so a statement costs the square of its
// parameters (a profile of a 10,000-row import spent 58 % there).
func batchRows(db *gorm.DB, cols int) int {
	if DialectOf(db) == SQLite {
		return max(1, 250/cols)
	}
	return max(1, 6000/cols)
}

// CreateRegisterImport inserts an upload's row.
func CreateRegisterImport(ctx context.Context, db *gorm.DB, imp *RegisterImport) error {
	return translate(db.WithContext(ctx).Omit("Agency").Create(imp).Error, registerImportWhat)
}

// FindRegisterImport loads an upload with its agency.
func FindRegisterImport(ctx context.Context, db *gorm.DB, id uint) (*RegisterImport, error) {
	var imp RegisterImport
	if err := db.WithContext(ctx).Joins("Agency").Where("register_imports.id = ?", id).First(&imp).Error; err != nil {
		return nil, translate(err, registerImportWhat)
	}
	return &imp, nil
}

// FindRegisterImports lists an agency's latest uploads (0: every agency's),
// newest first.
func FindRegisterImports(ctx context.Context, db *gorm.DB, agencyID uint, limit int) ([]*RegisterImport, error) {
	q := db.WithContext(ctx).Joins("Agency")
	if agencyID != 0 {
		q = q.Where("register_imports.agency_id = ?", agencyID)
	}
	var out []*RegisterImport
	return out, translate(q.Order("register_imports.id DESC").Limit(limit).Find(&out).Error, registerImportWhat)
}

// SaveRegisterImport writes every column of imp if its version is
// unchanged, bumping the version; a stale version is a conflict.
func SaveRegisterImport(ctx context.Context, db *gorm.DB, imp *RegisterImport) error {
	return saveVersioned(ctx, db, imp, &imp.Version, registerImportWhat, "Agency")
}

// CreateRegisterImportRows inserts preview rows in batches.
func CreateRegisterImportRows(ctx context.Context, db *gorm.DB, rows []*RegisterImportRow) error {
	if len(rows) == 0 {
		return nil
	}
	return translate(batches(ctx, db).CreateInBatches(rows, batchRows(db, 14)).Error, registerImportWhat)
}

// CreateRegisterImportErrors inserts row errors in batches.
func CreateRegisterImportErrors(ctx context.Context, db *gorm.DB, errs []*RegisterImportError) error {
	if len(errs) == 0 {
		return nil
	}
	return translate(batches(ctx, db).CreateInBatches(errs, batchRows(db, 7)).Error, registerImportWhat)
}

// FindRegisterImportRows lists one page of an upload's rows in row order
// (only those of action, when given) and counts them.
func FindRegisterImportRows(ctx context.Context, db *gorm.DB, importID uint, action RowAction, offset, limit int) ([]*RegisterImportRow, int, error) {
	q := db.WithContext(ctx).Model(&RegisterImportRow{}).Where("import_id = ?", importID)
	if action != "" {
		q = q.Where("action = ?", action)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return nil, 0, translate(err, registerImportWhat)
	}
	var rows []*RegisterImportRow
	err := q.Order("row_no").Offset(offset).Limit(limit).Find(&rows).Error
	return rows, int(n), translate(err, registerImportWhat)
}

// FindRegisterImportErrors lists one page of an upload's errors by row
// (limit 0: all of them) and counts them.
func FindRegisterImportErrors(ctx context.Context, db *gorm.DB, importID uint, offset, limit int) ([]*RegisterImportError, int, error) {
	q := db.WithContext(ctx).Model(&RegisterImportError{}).Where("import_id = ?", importID)
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return nil, 0, translate(err, registerImportWhat)
	}
	q = q.Order("row_no, id").Offset(offset)
	if limit > 0 {
		q = q.Limit(limit)
	}
	var errs []*RegisterImportError
	return errs, int(n), translate(q.Find(&errs).Error, registerImportWhat)
}

// ImportedCaseRef is what an import needs to know about a legacy case it
// meets again.
type ImportedCaseRef struct {
	ID         uint
	ImportKey  string
	ImportHash string
}

// FindImportedCaseRefs finds an agency's imported cases by register row
// key.
func FindImportedCaseRefs(ctx context.Context, db *gorm.DB, agencyID uint, keys []string) (map[string]ImportedCaseRef, error) {
	out := map[string]ImportedCaseRef{}
	for len(keys) > 0 {
		n := min(len(keys), 500)
		var rows []ImportedCaseRef
		err := db.WithContext(ctx).Model(&Case{}).Select("id, import_key, import_hash").
			Where("agency_id = ? AND import_key IN ?", agencyID, keys[:n]).Scan(&rows).Error
		if err != nil {
			return nil, translate(err, caseWhat)
		}
		for _, r := range rows {
			out[r.ImportKey] = r
		}
		keys = keys[n:]
	}
	return out, nil
}

// FindNativeCaseNames maps the given tracking numbers of an agency's
// native cases to their applicants' names (to recognise a Gongkai export
// brought back).
func FindNativeCaseNames(ctx context.Context, db *gorm.DB, agencyID uint, numbers []string) (map[string]string, error) {
	out := map[string]string{}
	for len(numbers) > 0 {
		n := min(len(numbers), 500)
		var rows []struct{ TrackingNumber, ApplicantName string }
		err := db.WithContext(ctx).Model(&Case{}).Select("tracking_number, applicant_name").
			Where("agency_id = ? AND source = ? AND tracking_number IN ?", agencyID, SourceNative, numbers[:n]).Scan(&rows).Error
		if err != nil {
			return nil, translate(err, caseWhat)
		}
		for _, r := range rows {
			out[r.TrackingNumber] = r.ApplicantName
		}
		numbers = numbers[n:]
	}
	return out, nil
}

// batches is db for the import's batched inserts, which always run inside
// the caller's transaction: without GORM's own transaction around them,
// which inside a transaction is a savepoint per call (on SQLite, releasing
// one in a large transaction costs a pass over its journal).
func batches(ctx context.Context, db *gorm.DB) *gorm.DB {
	return db.WithContext(ctx).Session(&gorm.Session{SkipDefaultTransaction: true})
}

// ReserveCounter takes the next n values of a gap-free counter inside the
// caller's transaction and returns the last of them.
func ReserveCounter(ctx context.Context, db *gorm.DB, scope string, agencyID uint, year, n int) (int, error) {
	c := Counter{Scope: scope, AgencyID: agencyID, Year: year, Value: n}
	err := db.WithContext(ctx).Clauses(
		clause.OnConflict{
			Columns:   []clause.Column{{Name: "scope"}, {Name: "agency_id"}, {Name: "year"}},
			DoUpdates: clause.Assignments(map[string]any{"value": gorm.Expr("counters.value + ?", n)}),
		},
		clause.Returning{Columns: []clause.Column{{Name: "value"}}},
	).Create(&c).Error
	return c.Value, translate(err, M("编号", "counter"))
}

// CreateCases inserts new cases in batches (their agency, assignee,
// applicant, correction and extension are not written); their ids are
// filled in unless they have them (ReserveCaseIDs).
func CreateCases(ctx context.Context, db *gorm.DB, cases []*Case) error {
	if len(cases) == 0 {
		return nil
	}
	err := batches(ctx, db).Omit("Agency", "Assignee", "Applicant", "Correction", "Extension").CreateInBatches(cases, batchRows(db, 70)).Error
	return translate(err, caseWhat)
}

// CreateCaseEvents inserts prepared timeline events in batches (the
// register import and the bulk seed; the hash chain is the caller's). A
// duplicate sequence number means another writer got there first.
func CreateCaseEvents(ctx context.Context, db *gorm.DB, events []*CaseEvent) error {
	if len(events) == 0 {
		return nil
	}
	err := batches(ctx, db).CreateInBatches(events, batchRows(db, 15)).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return StaleVersion()
	}
	return translate(err, M("时间线事件", "timeline event"))
}

// ReserveCaseIDs takes n new case ids inside the caller's transaction, so
// that a batch of cases can be inserted with their first timeline event
// (whose hash covers the case id) already chained. PostgreSQL draws them
// from the ids' sequence; SQLite, whose transactions write one at a time,
// continues its AUTOINCREMENT counter (explicit ids advance it).
func ReserveCaseIDs(ctx context.Context, db *gorm.DB, n int) ([]uint, error) {
	ids := make([]uint, 0, n)
	if n == 0 {
		return ids, nil
	}
	if DialectOf(db) == Postgres {
		err := db.WithContext(ctx).Raw("SELECT nextval(pg_get_serial_sequence('cases', 'id')) FROM generate_series(1, ?)", n).Scan(&ids).Error
		return ids, translate(err, caseWhat)
	}
	var last uint
	err := db.WithContext(ctx).Raw("SELECT MAX(n) FROM (SELECT COALESCE(MAX(id), 0) AS n FROM cases UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'cases') AS m").Scan(&last).Error
	for i := range n {
		ids = append(ids, last+uint(i)+1)
	}
	return ids, translate(err, caseWhat)
}

// FindRegisterImportKeys lists the row keys and register numbers of an
// upload's valid rows, as its preview found them.
func FindRegisterImportKeys(ctx context.Context, db *gorm.DB, importID uint) (keys, numbers []string, err error) {
	var rows []struct{ RowKey, RegisterNo string }
	err = db.WithContext(ctx).Model(&RegisterImportRow{}).Select("row_key, register_no").
		Where("import_id = ? AND action <> ?", importID, RowInvalid).Order("row_no").Scan(&rows).Error
	for _, r := range rows {
		keys = append(keys, r.RowKey)
		if r.RegisterNo != "" {
			numbers = append(numbers, r.RegisterNo)
		}
	}
	return keys, numbers, translate(err, registerImportWhat)
}

// CreateRemedies inserts reconsiderations and lawsuits in batches.
func CreateRemedies(ctx context.Context, db *gorm.DB, rs []*Remedy) error {
	if len(rs) == 0 {
		return nil
	}
	return translate(batches(ctx, db).CreateInBatches(rs, batchRows(db, 10)).Error, remedyWhat)
}

// CreateFees inserts fee rows in batches.
func CreateFees(ctx context.Context, db *gorm.DB, fs []*Fee) error {
	if len(fs) == 0 {
		return nil
	}
	return translate(batches(ctx, db).CreateInBatches(fs, batchRows(db, 17)).Error, feeWhat)
}

// DeleteCaseRemediesAndFees removes a case's remedies and fees (a legacy
// case's, replaced by a corrected register row).
func DeleteCaseRemediesAndFees(ctx context.Context, db *gorm.DB, caseID uint) error {
	if err := db.WithContext(ctx).Where("case_id = ?", caseID).Delete(&Remedy{}).Error; err != nil {
		return translate(err, remedyWhat)
	}
	return translate(db.WithContext(ctx).Where("case_id = ?", caseID).Delete(&Fee{}).Error, feeWhat)
}

// RegisterCursor is where a register export stands: after the case with
// this receipt date and id.
type RegisterCursor struct {
	ReceiptDate string
	ID          uint
}

// FindRegisterCases lists the next batch of an agency's received cases
// (first received in year; 0: every year) after cur, in receipt-date and
// id order: the rows of its register.
func FindRegisterCases(ctx context.Context, db *gorm.DB, agencyID uint, year int, cur RegisterCursor, limit int) ([]*Case, error) {
	q := db.WithContext(ctx).Where("agency_id = ? AND receipt_year > 0", agencyID)
	if year != 0 {
		q = q.Where("receipt_year = ?", year)
	}
	q = q.Where("(receipt_date > ? OR (receipt_date = ? AND id > ?))", cur.ReceiptDate, cur.ReceiptDate, cur.ID)
	var out []*Case
	return out, translate(q.Order("receipt_date, id").Limit(limit).Find(&out).Error, caseWhat)
}

// FindRemediesByCases loads the remedies of the given cases in id order,
// by case.
func FindRemediesByCases(ctx context.Context, db *gorm.DB, caseIDs []uint) (map[uint][]*Remedy, error) {
	out := map[uint][]*Remedy{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	var rs []*Remedy
	if err := db.WithContext(ctx).Where("case_id IN ?", caseIDs).Order("id").Find(&rs).Error; err != nil {
		return nil, translate(err, remedyWhat)
	}
	for _, r := range rs {
		out[r.CaseID] = append(out[r.CaseID], r)
	}
	return out, nil
}

// SumPaidFeesByCases adds up the paid fees (whole yuan) of the given cases,
// by case.
func SumPaidFeesByCases(ctx context.Context, db *gorm.DB, caseIDs []uint) (map[uint]int, error) {
	out := map[uint]int{}
	if len(caseIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		CaseID uint
		Sum    int
	}
	err := db.WithContext(ctx).Model(&Fee{}).Select("case_id, SUM(amount) AS sum").
		Where("case_id IN ? AND status = ?", caseIDs, FeePaid).Group("case_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.CaseID] = r.Sum
	}
	return out, translate(err, feeWhat)
}

// ImportedShare counts the legacy cases among a year's annual report:
// received in the year, concluded in it, and carried over past it.
type ImportedShare struct {
	New        int
	Concluded  int
	CarriedOut int
}

// importedCondition is the condition of the partial index of imported
// cases (migration 16), as a literal so that both planners use the index.
const importedCondition = "source = '" + string(SourceImport) + "'"

// CountImportedInYear counts an agency's (0: every agency's) imported cases
// as the annual report of year counts them.
func CountImportedInYear(ctx context.Context, db *gorm.DB, year int, agencyID uint) (ImportedShare, error) {
	var s ImportedShare
	q := db.WithContext(ctx).Model(&Case{}).Select(`
		COALESCE(SUM(CASE WHEN receipt_year = ? THEN 1 ELSE 0 END), 0) AS new,
		COALESCE(SUM(CASE WHEN concluded_year = ? THEN 1 ELSE 0 END), 0) AS concluded,
		COALESCE(SUM(CASE WHEN concluded_year = 0 OR concluded_year > ? THEN 1 ELSE 0 END), 0) AS carried_out`, year, year, year).
		Where(importedCondition+" AND receipt_year BETWEEN 1 AND ? AND (concluded_year = 0 OR concluded_year >= ?)", year, year)
	err := scopeAgency(q, agencyID).Scan(&s).Error
	return s, translate(err, caseWhat)
}
