package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/register"
	"gongkai/models"
)

// Bringing the past in: an agency's existing register of applications
// (依申请公开登记台账) is uploaded, every row is validated and previewed,
// and nothing is written until the user confirms; then the valid rows
// become legacy cases in one transaction (or none, all or nothing). The
// file is read twice, as package register expects: once for the preview,
// once for the import, each a stream so that memory stays bounded.

// RegisterService imports registers and exports an agency's register in
// the template's form. Validation and import run in the background and
// report their progress; Wait waits for them. Errors: KindInvalid,
// KindForbidden, KindNotFound, KindConflict, KindInvalidTransition,
// KindTooLarge.
type RegisterService struct {
	Deps
	sealer   *Sealer
	cal      *CalendarService
	cases    *CaseService
	blobs    BlobStore
	maxBytes int64

	mu      sync.Mutex
	running map[uint]*importWork
	wg      sync.WaitGroup
}

func newRegisterService(d Deps, cases *CaseService, blobs BlobStore, maxBytes int64) *RegisterService {
	return &RegisterService{Deps: d, sealer: cases.sealer, cal: cases.cal, cases: cases, blobs: blobs, maxBytes: maxBytes, running: map[uint]*importWork{}}
}

// importWork is the progress of an upload's background work.
type importWork struct {
	phase       string
	done, total atomic.Int64
}

// ImportProgress is how far the background work of an upload has come:
// Phase "validating" (Total unknown, 0) or "importing" (Total the valid
// rows).
type ImportProgress struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ImportProblem is a file-level error of an invalid upload, or why an
// import failed.
type ImportProblem struct {
	Code string `json:"code"`
	ZH   string `json:"zh"`
	EN   string `json:"en"`
}

// ImportView is an upload as its preview shows it.
type ImportView struct {
	Import   *models.RegisterImport
	Warnings []register.Warning
	Problem  *ImportProblem
	// Progress is set while this process validates or imports it.
	Progress *ImportProgress
	// Interrupted is set when the work stopped without finishing (the
	// server stopped): the upload can be confirmed again, or uploaded anew.
	Interrupted bool
}

// staleWork is how long an upload may show as validating or importing
// without a process working on it before it counts as interrupted.
const staleWork = 10 * time.Minute

// previewBatch is how many rows are classified and written at a time.
const previewBatch = 200

// registerMsgs are the service's own messages.
var registerMsgs = map[string]models.Msg{
	"forbidden":        models.M("只有管理员、本机关负责人或全区负责人可以导入和导出台账", "only administrators, the agency's supervisors and district-wide supervisors import and export registers"),
	"agency":           models.M("请选择机关", "choose an agency"),
	"no_agency":        models.M("机关不存在", "no such agency"),
	"no_file":          models.M("请选择要上传的台账文件", "choose the register file to upload"),
	"bad_name":         models.M("文件名无效", "invalid file name"),
	"too_large":        models.M("文件超过大小上限", "the file exceeds the size limit"),
	"mode":             models.M("导入方式须为 valid-rows（只导入无误的行）或 all-or-nothing（全部无误才导入）", "mode must be valid-rows or all-or-nothing"),
	"version":          models.M("请提供预览的版本号", "version is required"),
	"not_ready":        models.M("该台账当前为“%s”状态，不能导入", "the upload is %s; it cannot be imported now"),
	"all_or_nothing":   models.M("台账中有 %d 行存在错误；按“全部无误才导入”不会导入任何行。请修正后重新上传，或选择只导入无误的行", "%d rows have errors; all-or-nothing imports nothing: fix them and upload again, or import the valid rows only"),
	"nothing_valid":    models.M("台账中没有可导入的行", "the register has no valid rows"),
	"format":           models.M("格式须为 json 或 xlsx", "format must be json or xlsx"),
	"internal":         models.M("处理台账时发生内部错误，请稍后重试", "an internal error occurred while processing the register; try again later"),
	"conflict":         models.M("导入期间台账数据被同时修改，未导入任何行，请重新确认", "the register changed during the import; nothing was imported; confirm again"),
	"year":             models.M("年份无效", "invalid year"),
	"fee_whole_yuan":   models.M(`收费金额"%s"须为整元：国办函〔2020〕109号的收费标准均为整元`, `"%s" must be whole yuan: every fee of 109号 is`),
	"too_long":         models.M("超过 %d 个字符", "is longer than %d characters"),
	"extension_reason": models.M("台账记载已延期，未记载延期天数，按《条例》第三十三条上限 20 个工作日计", "the register records an extension without its length: counted as Art 33's maximum of 20 working days"),
}

func registerMsg(key string, args ...any) models.Msg {
	m := registerMsgs[key]
	if len(args) == 0 {
		return m
	}
	return models.M(fmt.Sprintf(m.ZH, args...), fmt.Sprintf(m.EN, args...))
}

// canManageRegister: administrators, and the agency's own or district-wide
// supervisors.
func canManageRegister(actor Actor, agencyID uint) error {
	if actor.IsAdmin() || (actor.Role == models.RoleSupervisor && actor.SeesAgency(agencyID)) {
		return nil
	}
	return models.Forbidden(registerMsg("forbidden"))
}

// readerOptions are the reading rules of an import as of today.
func (s *RegisterService) readerOptions() register.Options {
	now := s.Now()
	return register.Options{Today: calendar.FromTime(now).String(), ValidateID: func(applicantType, number string) (string, bool) {
		return checkRegisterID(models.ApplicantType(applicantType), number, now)
	}}
}

// checkRegisterID checks a register's 证件号码: a natural person's resident
// ID (GB 11643) when it looks like one, another document (passport …) as
// letters and digits; an organisation's credit code (GB 32100).
func checkRegisterID(t models.ApplicantType, number string, today time.Time) (string, bool) {
	n := strings.ToUpper(strings.TrimSpace(number))
	if t != models.ApplicantNatural {
		return CheckCreditCode(n)
	}
	if looksResident(n) {
		return CheckResidentID(n, today)
	}
	if n == "" || len(n) > 32 || strings.Trim(n, "0123456789") == "" {
		return n, false // a number of digits only is a mistyped resident ID
	}
	for _, r := range n {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return n, false
		}
	}
	return n, true
}

// looksResident reports 17 digits and a digit or X: a resident ID number.
func looksResident(n string) bool {
	if len(n) != 18 {
		return false
	}
	for i := 0; i < 17; i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return n[17] == 'X' || n[17] >= '0' && n[17] <= '9'
}

// fileProblem turns a file-level error of package register into a field
// error on "file", keeping its code and message.
func fileProblem(err error) error {
	e := models.AsError(err)
	if e == nil || e.Kind != models.KindInvalid {
		return err
	}
	fields := append([]models.FieldError{{Field: "file", Msg: e.Msg}}, e.Fields...)
	return &models.Error{Kind: models.KindInvalid, Code: e.Code, Msg: e.Msg, Fields: fields, Err: e.Err}
}

// Upload stores a register for agencyID and starts validating it in the
// background; the view's status is "validating" until the preview is
// ready. A file that cannot be read as a register (format, header,
// missing columns) is refused at once and nothing is stored.
func (s *RegisterService) Upload(ctx context.Context, actor Actor, agencyID uint, filename string, data []byte) (*ImportView, error) {
	name, err := s.checkUpload(actor, agencyID, filename, data)
	if err != nil {
		return nil, err
	}
	agency, err := s.agency(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	format, err := register.DetectFormat(name, data[:min(len(data), 512)])
	if err != nil {
		return nil, fileProblem(err)
	}
	rd, err := register.NewReader(bytes.NewReader(data), format, s.readerOptions())
	if err != nil {
		return nil, fileProblem(err)
	}
	sum := sha256.Sum256(data)
	imp := &models.RegisterImport{AgencyID: agency.ID, Agency: agency, UploadedBy: actor.UserID, FileName: name, Format: string(format),
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), BlobKey: "reg/" + randomToken(24), Status: models.ImportValidating,
		HeaderRow: rd.HeaderRow(), Warnings: encodeJSON(rd.Warnings()), Version: 1}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := s.blobs.Put(ctx, tx, imp.BlobKey, data); err != nil {
			return err
		}
		if err := models.CreateRegisterImport(ctx, tx, imp); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "register.upload", "register_import", imp.ID,
			map[string]any{"agencyId": agency.ID, "fileName": name, "sha256": imp.SHA256, "size": imp.Size})
	})
	if err != nil {
		_ = rd.Close()
		return nil, fmt.Errorf("store register upload: %w", err)
	}
	// The background work has its own copy: the caller reads imp.
	bg := *imp
	s.start(ctx, imp.ID, "validating", 0, func(ctx context.Context, w *importWork) {
		s.validate(ctx, &bg, rd, w)
	})
	return s.view(imp), nil
}

// checkUpload validates an upload's fields and the actor's right to it,
// and returns the file's name without its path.
func (s *RegisterService) checkUpload(actor Actor, agencyID uint, filename string, data []byte) (string, error) {
	name := filepath.Base(strings.ReplaceAll(strings.TrimSpace(filename), `\`, "/"))
	var f models.Fields
	if agencyID == 0 {
		f.Add("agencyId", registerMsgs["agency"].ZH, registerMsgs["agency"].EN)
	}
	switch {
	case len(data) == 0:
		f.Add("file", registerMsgs["no_file"].ZH, registerMsgs["no_file"].EN)
	case name == "" || name == "." || name == "/" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 200:
		f.Add("file", registerMsgs["bad_name"].ZH, registerMsgs["bad_name"].EN)
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	if int64(len(data)) > s.maxBytes {
		return "", &models.Error{Kind: models.KindTooLarge, Code: "too_large", Msg: registerMsg("too_large")}
	}
	return name, canManageRegister(actor, agencyID)
}

// agency loads the agency of an import or export; a missing one is a
// field error.
func (s *RegisterService) agency(ctx context.Context, id uint) (*models.Agency, error) {
	a, err := models.FindAgencyByID(ctx, s.DB, id)
	if err := unexpected(err); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, models.InvalidField("agencyId", registerMsg("no_agency"))
	}
	return a, nil
}

// start runs fn in the background, tracking its progress under id.
func (s *RegisterService) start(ctx context.Context, id uint, phase string, total int, fn func(context.Context, *importWork)) {
	w := &importWork{phase: phase}
	w.total.Store(int64(total))
	s.mu.Lock()
	s.running[id] = w
	s.mu.Unlock()
	s.wg.Add(1)
	ctx = context.WithoutCancel(ctx)
	go func() {
		defer s.wg.Done()
		defer func() {
			s.mu.Lock()
			delete(s.running, id)
			s.mu.Unlock()
		}()
		defer func() {
			if r := recover(); r != nil {
				s.Log.ErrorContext(ctx, "register import panicked", "import", id, "panic", fmt.Sprint(r))
				s.fail(ctx, id, models.ImportFailed, fmt.Errorf("panic: %v", r))
			}
		}()
		fn(ctx, w)
	}()
}

// Wait waits for every background validation and import to finish.
func (s *RegisterService) Wait() { s.wg.Wait() }

// Drain waits up to d for the background work to finish (at shutdown) and
// reports whether it did.
func (s *RegisterService) Drain(d time.Duration) bool {
	done := make(chan struct{})
	go func() { s.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// fail records that an upload's background work failed: status invalid
// (validation) or failed (import), with the problem.
func (s *RegisterService) fail(ctx context.Context, id uint, status models.ImportStatus, cause error) {
	p := problemOf(cause)
	if p.Code == "internal" {
		s.Log.ErrorContext(ctx, "register import failed", "import", id, "err", cause)
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		imp, err := models.FindRegisterImport(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.Now().UTC()
		imp.Status, imp.Problem, imp.FinishedAt = status, encodeJSON(p), &now
		return models.SaveRegisterImport(ctx, tx, imp)
	})
	if err != nil {
		s.Log.ErrorContext(ctx, "register import: recording the failure failed", "import", id, "err", err)
	}
}

// problemOf describes a failure for the user: the message of an error
// with a kind, a generic one for anything else.
func problemOf(err error) ImportProblem {
	if e := models.AsError(err); e != nil && e.Kind != models.KindInternal && e.Kind != models.KindUnavailable {
		code := e.Code
		if e.Kind == models.KindConflict {
			code, e.Msg = "conflict", registerMsg("conflict")
		}
		return ImportProblem{Code: code, ZH: e.Msg.ZH, EN: e.Msg.EN}
	}
	m := registerMsg("internal")
	return ImportProblem{Code: "internal", ZH: m.ZH, EN: m.EN}
}

func encodeJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// validate reads every row of an upload, classifies the valid ones against
// the agency's cases and stores the preview, in one transaction.
func (s *RegisterService) validate(ctx context.Context, imp *models.RegisterImport, rd *register.Reader, w *importWork) {
	defer rd.Close()
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		p := &previewer{s: s, ctx: ctx, tx: tx, imp: imp}
		for {
			rec, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			w.done.Add(1)
			if err := p.add(rec); err != nil {
				return err
			}
		}
		if err := p.flush(); err != nil {
			return err
		}
		imp.Status = models.ImportReady
		return models.SaveRegisterImport(ctx, tx, imp)
	})
	if err != nil {
		s.fail(ctx, imp.ID, models.ImportInvalid, err)
	}
}

// checked is a record with the service's own rules applied, its key and
// its fingerprint.
type checked struct {
	rec       register.Record
	key, hash string
}

// check applies the rules the service adds to the template's: whole-yuan
// fees and the lengths of the columns the case keeps.
func (s *RegisterService) check(rec register.Record) checked {
	r := &rec.Row
	add := func(col register.Column, code string, m models.Msg) {
		rec.Errors = append(rec.Errors, register.CellError(r.Number, col, r.Raw[col], "register."+code, m))
	}
	if r.FeeFen%100 != 0 {
		add(register.ColFee, "fee_whole_yuan", registerMsg("fee_whole_yuan", r.Raw[register.ColFee]))
	}
	for _, l := range []struct {
		col register.Column
		max int
	}{{register.ColRegisterNo, 64}, {register.ColApplicantName, 128}, {register.ColContact, 255}, {register.ColNote, 2000}} {
		if utf8.RuneCountInString(r.Raw[l.col]) > l.max {
			add(l.col, "too_long_for_case", registerMsg("too_long", l.max))
		}
	}
	c := checked{rec: rec}
	if rec.OK() {
		c.key, c.hash = r.Key(), s.rowHash(*r)
	}
	return c
}

// rowHash fingerprints a row's values (not its position or spelling) with
// the data key, so that an identity number cannot be guessed from it.
func (s *RegisterService) rowHash(r register.Row) string {
	r.Number, r.Raw = 0, [register.NumColumns]string{}
	return s.sealer.Hash(encodeJSON(r))
}

// previewer classifies and stores the rows of an upload in batches.
type previewer struct {
	s     *RegisterService
	ctx   context.Context
	tx    *gorm.DB
	imp   *models.RegisterImport
	batch []checked
}

func (p *previewer) add(rec register.Record) error {
	p.batch = append(p.batch, p.s.check(rec))
	if len(p.batch) >= previewBatch {
		return p.flush()
	}
	return nil
}

// flush classifies the batch's valid rows and writes the preview rows and
// errors.
func (p *previewer) flush() error {
	if len(p.batch) == 0 {
		return nil
	}
	keys, numbers := batchKeys(p.batch)
	ix, err := lookupCases(p.ctx, p.tx, p.imp.AgencyID, keys, numbers)
	if err != nil {
		return err
	}
	cl := ix.classify(p.batch)
	rows := make([]*models.RegisterImportRow, 0, len(p.batch))
	var errs []*models.RegisterImportError
	imp := p.imp
	for i, c := range p.batch {
		r := c.rec.Row
		row := &models.RegisterImportRow{ImportID: imp.ID, RowNo: r.Number, Action: cl.actions[i], RowKey: c.key, RegisterNo: truncRunes(r.RegisterNo, 64),
			ReceivedOn: r.ReceivedOn, ApplicantName: truncRunes(r.ApplicantName, 128), Content: truncRunes(r.Content, 120), AnsweredOn: r.AnsweredOn,
			Outcome: r.Outcome, Errors: len(c.rec.Errors)}
		if id := cl.caseIDs[i]; id != 0 {
			row.CaseID = &id
		}
		rows = append(rows, row)
		for _, e := range c.rec.Errors {
			errs = append(errs, &models.RegisterImportError{ImportID: imp.ID, RowNo: e.Row, ColumnName: e.Column, Code: e.Code, ZH: e.ZH, EN: e.EN})
		}
		imp.Total++
		imp.ErrorCount += len(c.rec.Errors)
		switch cl.actions[i] {
		case models.RowInvalid:
			imp.Invalid++
		case models.RowNew:
			imp.New++
		case models.RowReplace:
			imp.Replace++
		case models.RowUnchanged:
			imp.Unchanged++
		case models.RowNative:
			imp.Native++
		}
	}
	p.batch = p.batch[:0]
	if err := models.CreateRegisterImportRows(p.ctx, p.tx, rows); err != nil {
		return err
	}
	return models.CreateRegisterImportErrors(p.ctx, p.tx, errs)
}

// classification is what to do with each row of a batch, and the case
// a replaced, unchanged or native row meets.
type classification struct {
	actions []models.RowAction
	caseIDs []uint
}

// caseIndex is what classifying rows needs to know of an agency's cases:
// the imported ones by row key, the native ones' applicants by tracking
// number.
type caseIndex struct {
	refs    map[string]models.ImportedCaseRef
	natives map[string]string
}

// batchKeys lists the keys and register numbers of a batch's valid rows.
func batchKeys(batch []checked) (keys, numbers []string) {
	for _, c := range batch {
		if c.rec.OK() {
			keys = append(keys, c.key)
			if c.rec.Row.RegisterNo != "" {
				numbers = append(numbers, c.rec.Row.RegisterNo)
			}
		}
	}
	return keys, numbers
}

// lookupCases reads the index entries of the given keys and numbers.
func lookupCases(ctx context.Context, db *gorm.DB, agencyID uint, keys, numbers []string) (caseIndex, error) {
	refs, err := models.FindImportedCaseRefs(ctx, db, agencyID, keys)
	if err != nil {
		return caseIndex{}, err
	}
	natives, err := models.FindNativeCaseNames(ctx, db, agencyID, numbers)
	return caseIndex{refs: refs, natives: natives}, err
}

// classify decides each row of a batch: invalid; the same key as an
// imported case (unchanged, or replace when its values changed); a
// Gongkai case's tracking number with its applicant (native: an export
// brought back); else new.
func (ix caseIndex) classify(batch []checked) classification {
	cl := classification{actions: make([]models.RowAction, len(batch)), caseIDs: make([]uint, len(batch))}
	for i, c := range batch {
		r := c.rec.Row
		ref, known := ix.refs[c.key]
		name, native := ix.natives[r.RegisterNo]
		switch {
		case !c.rec.OK():
			cl.actions[i] = models.RowInvalid
		case known && ref.ImportHash == c.hash:
			cl.actions[i], cl.caseIDs[i] = models.RowUnchanged, ref.ID
		case known:
			cl.actions[i], cl.caseIDs[i] = models.RowReplace, ref.ID
		case native && name == r.ApplicantName:
			cl.actions[i] = models.RowNative
		default:
			cl.actions[i] = models.RowNew
		}
	}
	return cl
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// view describes an upload with its progress.
func (s *RegisterService) view(imp *models.RegisterImport) *ImportView {
	v := &ImportView{Import: imp}
	_ = decodeJSONText(imp.Warnings, &v.Warnings)
	if imp.Problem != "" {
		v.Problem = &ImportProblem{}
		_ = decodeJSONText(imp.Problem, v.Problem)
	}
	s.mu.Lock()
	w := s.running[imp.ID]
	s.mu.Unlock()
	switch {
	case w != nil:
		v.Progress = &ImportProgress{Phase: w.phase, Done: int(w.done.Load()), Total: int(w.total.Load())}
	case imp.Status == models.ImportValidating || imp.Status == models.ImportImporting:
		v.Interrupted = s.Now().Sub(imp.UpdatedAt) > staleWork
	}
	return v
}

func decodeJSONText(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

// loadImport reads an upload the actor may see; others' are not found.
func (s *RegisterService) loadImport(ctx context.Context, db *gorm.DB, actor Actor, id uint) (*models.RegisterImport, error) {
	imp, err := models.FindRegisterImport(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if canManageRegister(actor, imp.AgencyID) != nil {
		return nil, models.NotFound(models.M("台账导入", "register import"))
	}
	return imp, nil
}

// Get returns an upload with its preview counts and progress.
func (s *RegisterService) Get(ctx context.Context, actor Actor, id uint) (*ImportView, error) {
	imp, err := s.loadImport(ctx, s.DB, actor, id)
	if err != nil {
		return nil, err
	}
	return s.view(imp), nil
}

// List returns the latest uploads of an agency (0: all the actor may
// manage), newest first.
func (s *RegisterService) List(ctx context.Context, actor Actor, agencyID uint) ([]*ImportView, error) {
	scope := agencyID
	if scope == 0 && !actor.IsAdmin() && !actor.DistrictWide {
		scope = actor.AgencyID
	}
	if err := canManageRegister(actor, scope); err != nil {
		return nil, err
	}
	imps, err := models.FindRegisterImports(ctx, s.DB, scope, 20)
	if err != nil {
		return nil, err
	}
	out := make([]*ImportView, 0, len(imps))
	for _, imp := range imps {
		out = append(out, s.view(imp))
	}
	return out, nil
}

// Rows returns one page of an upload's preview rows (of one action, when
// given).
func (s *RegisterService) Rows(ctx context.Context, actor Actor, id uint, action models.RowAction, p Page) ([]*models.RegisterImportRow, int, error) {
	if _, err := s.loadImport(ctx, s.DB, actor, id); err != nil {
		return nil, 0, err
	}
	p = p.Normalize()
	return models.FindRegisterImportRows(ctx, s.DB, id, action, p.Offset, p.Limit)
}

// Errors returns one page of an upload's row errors in row order.
func (s *RegisterService) Errors(ctx context.Context, actor Actor, id uint, p Page) ([]*models.RegisterImportError, int, error) {
	if _, err := s.loadImport(ctx, s.DB, actor, id); err != nil {
		return nil, 0, err
	}
	p = p.Normalize()
	return models.FindRegisterImportErrors(ctx, s.DB, id, p.Offset, p.Limit)
}

// Annotated returns the upload as an XLSX with its errors marked (every
// cell at fault filled red with a comment, and a 错误说明 column), and the
// file name to give it.
func (s *RegisterService) Annotated(ctx context.Context, actor Actor, id uint) ([]byte, string, error) {
	imp, err := s.loadImport(ctx, s.DB, actor, id)
	if err != nil {
		return nil, "", err
	}
	if imp.Status == models.ImportValidating || imp.Status == models.ImportInvalid {
		return nil, "", notReady(imp.Status)
	}
	rows, _, err := models.FindRegisterImportErrors(ctx, s.DB, id, 0, 0)
	if err != nil {
		return nil, "", err
	}
	errs := make([]register.FieldError, len(rows))
	for i, e := range rows {
		errs[i] = register.FieldError{Row: e.RowNo, Column: e.ColumnName, Code: e.Code, ZH: e.ZH, EN: e.EN}
	}
	data, err := s.blobs.Get(ctx, s.DB, imp.BlobKey)
	if err != nil {
		return nil, "", err
	}
	out, err := register.AnnotateErrors(data, register.Format(imp.Format), errs)
	if err != nil {
		return nil, "", err
	}
	base := strings.TrimSuffix(imp.FileName, filepath.Ext(imp.FileName))
	return out, base + "-错误标注.xlsx", nil
}

// importStatusLabels name the statuses in refusals.
var importStatusLabels = map[models.ImportStatus]string{
	models.ImportValidating: "校验中", models.ImportReady: "待确认", models.ImportInvalid: "文件无效",
	models.ImportImporting: "导入中", models.ImportImported: "已导入", models.ImportFailed: "导入失败",
}

// notReady refuses a step the upload's status does not allow.
func notReady(st models.ImportStatus) error {
	m := registerMsgs["not_ready"]
	return models.InvalidTransition(models.M(fmt.Sprintf(m.ZH, importStatusLabels[st]), fmt.Sprintf(m.EN, st)))
}

// Template writes the empty register template.
func (s *RegisterService) Template(w io.Writer) error { return register.WriteTemplate(w) }
