package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/app/similar"
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

// Format is a form of provision asked for (Art 29(三), Art 40).
var Formats = []string{"paper", "electronic", "disc", "inspection"}

// Deliveries are the ways of getting the information (Art 29(三)).
var Deliveries = []string{"post", "pickup", "email", "online"}

// ApplicationInput is a new application: filed online by an applicant, or
// registered by staff from any channel.
type ApplicationInput struct {
	AgencyID          uint     `json:"agencyId"`
	Title             string   `json:"title" doc:"信息名称"`
	Description       string   `json:"description" doc:"特征性描述, 10–2000 characters"`
	DocumentNumber    string   `json:"documentNumber,omitempty" doc:"文号"`
	Purpose           string   `json:"purpose,omitempty"`
	Formats           []string `json:"formats" doc:"paper, electronic, disc, inspection"`
	Delivery          string   `json:"delivery" doc:"post, pickup, email, online"`
	AccessibilityHelp bool     `json:"accessibilityHelp,omitempty" doc:"Art 43"`
	AccessibilityNote string   `json:"accessibilityNote,omitempty"`
	Attachments       []uint   `json:"attachments,omitempty"`
	// Staff registration only.
	Channel     string     `json:"channel,omitempty" doc:"in_person, registered_post, ordinary_post, fax, email, online (staff)"`
	ArrivedAt   *time.Time `json:"arrivedAt,omitempty" doc:"when it arrived (staff)"`
	ReceiptDate string     `json:"receiptDate,omitempty" doc:"YYYY-MM-DD legal date of receipt, Art 31 (staff)"`
	// UnreachableReason explains a receipt date after the arrival of an
	// application by ordinary post, fax or e-mail (Art 31).
	UnreachableReason string         `json:"unreachableReason,omitempty" doc:"why the applicant could not be reached on the day it arrived (staff; ordinary post, fax, e-mail)" maxLength:"500"`
	Oral              bool           `json:"oral,omitempty" doc:"oral application recorded by staff, Art 29"`
	Applicant         *IdentityInput `json:"applicant,omitempty" doc:"the applicant's identity (staff)"`
	ApplicantID       *uint          `json:"applicantId,omitempty" doc:"an existing applicant account (staff)"`
}

// CaseView is a case as one actor may see it, with its clock and the
// actions the actor may take.
type CaseView struct {
	Case          *models.Case
	State         CaseState
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
}

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
	Status         string  `json:"status"`
	Outcome        string  `json:"outcome"`
	ReceiptDate    string  `json:"receiptDate"`
	Similarity     float64 `json:"similarity"`
}

// NewCaseService builds the service.
func NewCaseService(d Deps, cal *CalendarService, sealer *Sealer, notices *Notices, blobs BlobStore, cfg ClockConfig) *CaseService {
	if cfg.WarningDays == 0 {
		cfg.WarningDays = clock.DefaultWarning
	}
	if cfg.UrgentDays == 0 {
		cfg.UrgentDays = clock.DefaultUrgent
	}
	if cfg.CorrectionPeriodDays == 0 {
		cfg.CorrectionPeriodDays = clock.DefaultCorrectionPeriodDays
	}
	if cfg.RepeatSimilarity == 0 {
		cfg.RepeatSimilarity = 0.5
	}
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

const queryCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func newQueryCode() string {
	b := make([]byte, 8)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(queryCodeAlphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = queryCodeAlphabet[n.Int64()]
	}
	return string(b)
}

// caseWhat names cases in errors.
var caseWhat = models.M("申请", "application")

// errNotVisible is the uniform answer for a case the actor may not see:
// existence does not leak.
var errNotVisible = models.NotFound(caseWhat)

// sees reports whether actor may see c, and whether only through an
// assistance task.
func sees(actor Actor, c *models.Case, st CaseState) (ok, viaAssistance bool) {
	switch actor.Role {
	case models.RoleApplicant:
		return c.ApplicantID != nil && *c.ApplicantID == actor.UserID, false
	case models.RoleSystem:
		return true, false
	case models.RoleOfficer, models.RoleSupervisor:
		if actor.SeesAgency(c.AgencyID) {
			return true, false
		}
		for _, a := range st.OpenAssistance {
			if a == actor.AgencyID {
				return true, true
			}
		}
	}
	return false, false
}

// handles reports whether actor is staff of the case's handling agency (or
// a district-wide supervisor): who may see it in full, identity numbers
// included.
func handles(actor Actor, c *models.Case) bool {
	return actor.Role == models.RoleSystem || (actor.IsStaff() && actor.SeesAgency(c.AgencyID))
}

// acts reports whether actor may take steps on the case: staff of its own
// agency. Art 33 has the extension approved by "政府信息公开工作机构负责人",
// the head of the handling agency's own disclosure office: a district-wide
// supervisor sees, urges (督办) and reports on every agency's cases but
// decides only its own agency's (decisions.md, "Who decides").
func acts(actor Actor, c *models.Case) bool {
	return actor.Role == models.RoleSystem || (actor.IsStaff() && actor.AgencyID == c.AgencyID)
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
			var n int64
			db.WithContext(ctx).Model(&models.Consultation{}).Where("case_id = ? AND kind = ? AND party_agency_id = ?", c.ID, "assistance", actor.AgencyID).Count(&n)
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
	return &CaseView{Case: c, State: st, Events: evs, ViaAssistance: via, actor: actor}, nil
}

// releasedToApplicant reports whether attachment id is the applicant's own
// or was released with the approved answer.
func (v *CaseView) releasedToApplicant(id uint) bool {
	for _, a := range v.State.Attachments {
		if a == id {
			return true
		}
	}
	if v.State.Answer != nil && v.State.Answer.Decision == "approved" {
		for _, a := range v.State.Answer.Attachments {
			if a == id {
				return true
			}
		}
	}
	if v.State.Delivery != nil && v.State.Delivery.ProofAttachmentID == id {
		return true
	}
	return false
}

// complete fills in the clock, allowed actions, identity numbers and the
// case's related rows.
func (s *CaseService) complete(ctx context.Context, v *CaseView, withDetail bool) error {
	cal := s.cal.Calendar()
	today := s.today()
	v.Clock = clock.Compute(cal, v.Events, s.clockOptions(today, withDetail))
	v.Allowed = s.allowedActions(v, today)
	v.IDNumber, v.CreditCode = v.Case.IDNumberMasked, v.Case.CreditCodeMasked
	full := handles(v.actor, v.Case) && !v.ViaAssistance
	if full {
		if n, err := s.sealer.Open(v.Case.IDNumberSealed); err == nil && n != "" {
			v.IDNumber = n
		}
		if n, err := s.sealer.Open(v.Case.CreditCodeSealed); err == nil && n != "" {
			v.CreditCode = n
		}
	}
	if full || (v.actor.Role == models.RoleApplicant && !v.ViaAssistance) {
		v.QueryCode, _ = s.sealer.Open(v.Case.QueryCodeSealed)
	}
	if !withDetail {
		return nil
	}
	// The state counts the related rows: query only for those that exist.
	var err error
	st := v.State
	if st.Consultations > 0 {
		if v.Consultations, err = models.FindConsultations(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	if st.FeeStatus != "" {
		if v.Fees, err = models.FindFees(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	if st.Remedies > 0 {
		if v.Remedies, err = models.FindRemedies(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	var atts []*models.Attachment
	if len(st.Attachments) > 0 || (st.Answer != nil && len(st.Answer.Attachments) > 0) || (st.Delivery != nil && st.Delivery.ProofAttachmentID != 0) {
		if atts, err = models.FindCaseAttachments(ctx, s.DB, v.Case.ID); err != nil {
			return err
		}
	}
	for _, a := range atts {
		if v.actor.Role != models.RoleApplicant || v.releasedToApplicant(a.ID) {
			v.Attachments = append(v.Attachments, a)
		}
	}
	if v.ViaAssistance {
		// An assisting agency sees the request and its own task, no more.
		var mine []*models.Consultation
		for _, c := range v.Consultations {
			if c.Kind == "assistance" && c.PartyAgencyID != nil && *c.PartyAgencyID == v.actor.AgencyID {
				mine = append(mine, c)
			}
		}
		v.Consultations, v.Fees, v.Remedies = mine, nil, nil
	}
	// Review (审核) is when repeat applications and the month's count
	// matter (Arts 35, 36(6)).
	if full && (v.Case.Status == models.StatusRegistered || v.Case.Status == models.StatusSubmitted) {
		h, err := s.reviewHints(ctx, v.Case)
		if err != nil {
			return err
		}
		v.Hints = h
	}
	return nil
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
	var n int64
	err := db.WithContext(ctx).Model(&models.Case{}).
		Where("applicant_key = ? AND agency_id = ? AND receipt_date >= ? AND receipt_date <= ? AND id <= ?", c.ApplicantKey, c.AgencyID, month+"-01", month+"-31", c.ID).
		Count(&n).Error
	return int(n), err
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
	var earlier []*models.Case
	err = s.DB.WithContext(ctx).Select("id, tracking_number, title, description, status, outcome, receipt_date").
		Where("applicant_key = ? AND agency_id = ? AND id < ? AND receipt_date >= ?", c.ApplicantKey, c.AgencyID, c.ID, since).
		Order("id DESC").Limit(200).Find(&earlier).Error
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

// validateApplication checks the request itself (Art 29(二)(三)).
func validateApplication(in *ApplicationInput, f *models.Fields) {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	in.DocumentNumber = strings.TrimSpace(in.DocumentNumber)
	in.Purpose = strings.TrimSpace(in.Purpose)
	if in.AgencyID == 0 {
		f.Add("agencyId", "请选择受理机关", "agencyId is required")
	}
	checkLen(f, "title", in.Title, 2, 200, "信息名称", "title")
	// Art 29(二): the name, document number or another distinguishing
	// description that lets the agency find the information.
	checkLen(f, "description", in.Description, 10, 2000, "特征性描述", "description")
	checkLen(f, "documentNumber", in.DocumentNumber, 0, 128, "文号", "documentNumber")
	// Art 27: a purpose may be given but is never required.
	checkLen(f, "purpose", in.Purpose, 0, 500, "用途", "purpose")
	checkLen(f, "accessibilityNote", in.AccessibilityNote, 0, 500, "帮助说明", "accessibilityNote")
	if len(in.Formats) == 0 {
		f.Add("formats", "请选择至少一种提供形式", "choose at least one format")
	}
	seen := map[string]bool{}
	for _, x := range in.Formats {
		if !contains(Formats, x) || seen[x] {
			f.Add("formats", "提供形式须为 paper、electronic、disc 或 inspection，且不重复", "formats must be paper, electronic, disc or inspection, without repeats")
			break
		}
		seen[x] = true
	}
	if !contains(Deliveries, in.Delivery) {
		f.Add("delivery", "获取方式须为 post、pickup、email 或 online", "delivery must be post, pickup, email or online")
	}
	if len(in.Attachments) > 20 {
		f.Add("attachments", "附件最多 20 个", "at most 20 attachments")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// requestHash fingerprints a create request for idempotency.
func requestHash(in ApplicationInput) string {
	b, _ := json.Marshal(in)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Create files an application (an applicant online) or registers one
// (staff, any channel). With an idempotency key, a retried request returns
// the case the first one created; replayed reports that.
func (s *CaseService) Create(ctx context.Context, actor Actor, in ApplicationInput, idemKey string) (v *CaseView, replayed bool, err error) {
	if actor.Role != models.RoleApplicant && !actor.IsStaff() {
		return nil, false, models.Forbidden(models.M("只有申请人或承办人员可以提交申请", "only applicants and staff may file applications"))
	}
	if len(idemKey) > 128 {
		return nil, false, models.InvalidField("Idempotency-Key", models.M("幂等键最长 128 个字符", "Idempotency-Key is at most 128 characters"))
	}
	hash := requestHash(in)
	if idemKey != "" {
		if id, ok, err := s.findIdempotent(ctx, actor, idemKey, hash); err != nil {
			return nil, false, err
		} else if ok {
			v, err := s.Get(ctx, actor, id)
			return v, true, err
		}
	}
	var f models.Fields
	validateApplication(&in, &f)
	now := s.Now()
	today := calendar.FromTime(now)
	cal := s.cal.Calendar()
	c := &models.Case{Title: in.Title, Description: in.Description, DocumentNumber: in.DocumentNumber, Purpose: in.Purpose,
		Formats: strings.Join(in.Formats, ","), Delivery: in.Delivery, AccessibilityHelp: in.AccessibilityHelp,
		AccessibilityNote: strings.TrimSpace(in.AccessibilityNote), Version: 1}
	st := CaseState{Attachments: in.Attachments, Formats: in.Formats}
	var receipt calendar.Date
	// pending is set for an application by ordinary post, fax or e-mail
	// awaiting confirmation: its clock runs from the arrival (Art 31).
	var pending calendar.Date
	var id Identity

	if actor.Role == models.RoleApplicant {
		if in.Channel != "" && in.Channel != string(models.ChannelOnline) || in.ArrivedAt != nil || in.ReceiptDate != "" || in.UnreachableReason != "" || in.Oral || in.Applicant != nil || in.ApplicantID != nil {
			f.Add("channel", "申请人只能在线提交；登记渠道、到达时间、收到日期和申请人信息由工作人员填写",
				"applicants file online; channel, arrival, receipt date and applicant details are for staff")
		}
		u, err := models.FindUserByID(ctx, s.DB, actor.UserID)
		if err != nil {
			return nil, false, err
		}
		// The identity is copied onto the case at submission.
		id = s.identityOf(u)
		uid := u.ID
		c.ApplicantID = &uid
		c.Channel, c.ArrivedAt = models.ChannelOnline, now
		// Art 31(3) with decisions.md: the platform confirms online
		// submissions at once.
		receipt = clock.ReceiptDate(cal, clock.ChannelOnline, today, 0)
	} else {
		ch, ok := models.ParseChannel(in.Channel)
		if !ok {
			f.Add("channel", "提交方式须为 in_person、registered_post、ordinary_post、fax、email 或 online", "channel must be in_person, registered_post, ordinary_post, fax, email or online")
		}
		c.Channel, c.Oral = ch, in.Oral
		if in.ArrivedAt == nil {
			f.Add("arrivedAt", "请填写申请到达时间", "arrivedAt is required")
		} else {
			c.ArrivedAt = in.ArrivedAt.UTC()
			if in.ArrivedAt.After(now.Add(5 * time.Minute)) {
				f.Add("arrivedAt", "到达时间不能晚于现在", "arrivedAt cannot be in the future")
			}
		}
		if in.ApplicantID != nil {
			u, err := models.FindUserByID(ctx, s.DB, *in.ApplicantID)
			if err != nil || u.Role != models.RoleApplicant {
				f.Add("applicantId", "申请人账号不存在", "no such applicant account")
			} else {
				uid := u.ID
				c.ApplicantID = &uid
				if in.Applicant == nil {
					id = s.identityOf(u)
				}
			}
		}
		if in.Applicant != nil {
			id = ValidateIdentity(*in.Applicant, "applicant.", now, &f)
		} else if in.ApplicantID == nil {
			f.Add("applicant", "请填写申请人信息", "the applicant's identity is required")
		}
		reason := strings.TrimSpace(in.UnreachableReason)
		checkLen(&f, "unreachableReason", reason, 0, 500, "无法联系申请人的原因", "unreachableReason")
		if ok && in.ArrivedAt != nil {
			arrived := calendar.FromTime(*in.ArrivedAt)
			if in.ReceiptDate != "" {
				r, err := calendar.ParseDate(in.ReceiptDate)
				if err != nil {
					f.Add("receiptDate", "日期格式须为 YYYY-MM-DD", "receiptDate must be YYYY-MM-DD")
				} else if err := clock.CheckReceiptDate(cal, clock.Channel(ch), arrived, r, today, reason); err != nil {
					var re *clock.RuleError
					if errors.As(err, &re) {
						f.Add(re.Field, re.ZH, re.EN)
					} else {
						f.Add("receiptDate", err.Error(), err.Error())
					}
				} else {
					receipt = r
				}
			} else if clock.AwaitsConfirmation(clock.Channel(ch)) {
				// Ordinary post, fax and e-mail wait for the confirmation
				// with the applicant (Art 31(2)(3)): status submitted, with
				// a clock from the arrival day meanwhile.
				pending = arrived
			} else {
				receipt = clock.ReceiptDate(cal, clock.Channel(ch), arrived, 0)
			}
		}
	}
	if in.Delivery == "email" && id.Email == "" {
		f.Add("delivery", "选择电子邮件方式获取时须提供电子邮箱", "delivery by email needs an email address")
	}
	if in.Delivery == "post" && id.Address == "" {
		f.Add("delivery", "选择邮寄方式获取时须提供通讯地址", "delivery by post needs a postal address")
	}
	if err := f.Err(); err != nil {
		return nil, false, err
	}
	s.applySnapshot(c, id)

	var created *models.Case
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		agency, err := models.FindAgencyByID(ctx, tx, in.AgencyID)
		if err != nil || !agency.Active {
			return models.InvalidField("agencyId", models.M("受理机关不存在或已停用", "the agency does not exist or is inactive"))
		}
		if actor.IsStaff() && !actor.SeesAgency(agency.ID) {
			return models.Forbidden(models.M("只能为本机关登记申请", "staff register applications for their own agency only"))
		}
		c.AgencyID, c.Agency = agency.ID, agency
		if err := s.linkAttachments(ctx, tx, actor, in.Attachments, nil); err != nil {
			return err
		}
		year := calendar.FromTime(now).Year()
		seq, err := models.NextCounter(ctx, tx, "case", agency.ID, year)
		if err != nil {
			return fmt.Errorf("tracking number: %w", err)
		}
		c.Year, c.Seq = year, seq
		c.TrackingNumber = fmt.Sprintf("%s-%d-%05d", agency.Code, year, seq)
		c.QueryCodeSealed = s.sealer.Seal(newQueryCode())
		var evs []clock.Event
		c.Status = models.StatusSubmitted
		if !receipt.IsZero() {
			c.Status = models.StatusRegistered
			c.ReceiptDate, c.ReceiptYear = receipt.String(), receipt.Year()
			evs = append(evs, clock.Event{Kind: clock.EventReceipt, On: receipt, Channel: clock.Channel(c.Channel)})
		} else if !pending.IsZero() {
			evs = append(evs, clock.Event{Kind: clock.EventReceipt, On: pending, Channel: clock.Channel(c.Channel), Basis: clock.BasisArrival})
		}
		if actor.Role == models.RoleOfficer {
			uid := actor.UserID
			c.AssigneeID = &uid
		}
		c.ClockEvents, c.State = encodeClockEvents(evs), encodeState(st)
		refreshClockCache(s.cal.Calendar(), c, st, evs, today)
		if err := tx.WithContext(ctx).Omit("Agency", "Assignee", "Applicant").Create(c).Error; err != nil {
			return err
		}
		if err := s.linkAttachments(ctx, tx, actor, in.Attachments, &c.ID); err != nil {
			return err
		}
		action := "submit"
		if actor.IsStaff() {
			action = "register"
		}
		pub := map[string]any{"channel": c.Channel, "receiptDate": c.ReceiptDate, "arrivedAt": c.ArrivedAt}
		if r := strings.TrimSpace(in.UnreachableReason); r != "" {
			pub["unreachableReason"] = r
		}
		priv := map[string]any{"oral": c.Oral, "attachments": in.Attachments}
		e, err := appendEvent(ctx, tx, c, actor, s.actorName(ctx, tx, actor), now, action, "", c.Status, true, eventData{Public: pub, Internal: priv})
		if err != nil {
			return err
		}
		extra := map[string]any{}
		if !receipt.IsZero() {
			extra["dueDate"] = clock.Compute(s.cal.Calendar(), evs, clock.Options{AsOf: today}).DueDate
		}
		nt, err := s.issueNotice(ctx, tx, c, e.Seq, "receipt", c.ApplicantName, today, extra)
		if err != nil {
			return err
		}
		if err := tx.WithContext(ctx).Model(c).Select("event_count", "last_event_hash").Updates(c).Error; err != nil {
			return err
		}
		if idemKey != "" {
			if err := tx.WithContext(ctx).Create(&models.IdempotencyKey{UserID: actor.UserID, Key: idemKey, RequestHash: hash, CaseID: c.ID}).Error; err != nil {
				return err
			}
		}
		if err := s.notifier.CaseEvent(ctx, tx, c, e, []*models.Notice{nt}); err != nil {
			return err
		}
		created = c
		return nil
	})
	if err != nil {
		if idemKey != "" && errors.Is(err, gorm.ErrDuplicatedKey) {
			// A concurrent retry with the same key won the race.
			if id, ok, ferr := s.findIdempotent(ctx, actor, idemKey, hash); ferr == nil && ok {
				v, err := s.Get(ctx, actor, id)
				return v, true, err
			}
		}
		return nil, false, fmt.Errorf("create application: %w", err)
	}
	v, err = s.Get(ctx, actor, created.ID)
	return v, false, err
}

func (s *CaseService) findIdempotent(ctx context.Context, actor Actor, key, hash string) (uint, bool, error) {
	var k models.IdempotencyKey
	err := s.DB.WithContext(ctx).Where("user_id = ? AND key = ?", actor.UserID, key).First(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if k.RequestHash != hash {
		return 0, false, models.Conflict(models.M("该幂等键已用于另一个不同的请求", "this Idempotency-Key was used for a different request"))
	}
	return k.CaseID, true, nil
}

// linkAttachments checks the actor uploaded the files and they are not yet
// attached elsewhere; with caseID set it links them.
func (s *CaseService) linkAttachments(ctx context.Context, tx *gorm.DB, actor Actor, ids []uint, caseID *uint) error {
	if len(ids) == 0 {
		return nil
	}
	as, err := models.FindAttachmentsByIDs(ctx, tx, ids)
	if err != nil {
		return err
	}
	if caseID == nil {
		if len(as) != len(uniq(ids)) {
			return models.InvalidField("attachments", models.M("附件不存在", "an attachment does not exist"))
		}
		for _, a := range as {
			if a.UploaderID != actor.UserID || (a.CaseID != nil) {
				return models.InvalidField("attachments", models.M("附件不存在或已被使用", "an attachment does not exist or is already in use"))
			}
		}
		return nil
	}
	return tx.WithContext(ctx).Model(&models.Attachment{}).Where("id IN ? AND case_id IS NULL", ids).Update("case_id", *caseID).Error
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

// identityOf reads an applicant account's identity.
func (s *CaseService) identityOf(u *models.User) Identity {
	id := Identity{Type: u.ApplicantType, Name: u.DisplayName, IDType: u.IDType, OrgCategory: u.OrgCategory,
		LegalRep: u.LegalRep, ContactPerson: u.ContactPerson, Phone: u.Phone, Email: u.Email, Address: u.Address}
	id.IDNumber, _ = s.sealer.Open(u.IDNumberSealed)
	id.CreditCode, _ = s.sealer.Open(u.CreditCodeSealed)
	return id
}

// applySnapshot copies the applicant's identity onto the case.
func (s *CaseService) applySnapshot(c *models.Case, id Identity) {
	c.ApplicantType, c.ApplicantName, c.OrgCategory, c.IDType = id.Type, id.Name, id.OrgCategory, id.IDType
	c.IDNumberSealed, c.IDNumberHash, c.IDNumberMasked = s.sealer.Seal(id.IDNumber), s.sealer.Hash(id.IDNumber), Mask(id.IDNumber)
	c.CreditCodeSealed, c.CreditCodeHash, c.CreditCodeMasked = s.sealer.Seal(id.CreditCode), s.sealer.Hash(id.CreditCode), Mask(id.CreditCode)
	c.LegalRep, c.ContactPerson, c.Phone, c.Email, c.Address = id.LegalRep, id.ContactPerson, id.Phone, id.Email, id.Address
	switch {
	case c.IDNumberHash != "":
		c.ApplicantKey = "id:" + c.IDNumberHash
	case c.CreditCodeHash != "":
		c.ApplicantKey = "cc:" + c.CreditCodeHash
	default:
		c.ApplicantKey = "np:" + s.sealer.Hash(id.Name+"|"+id.Phone)
	}
}

// actorName is the display name recorded on timeline events.
func (s *CaseService) actorName(ctx context.Context, db *gorm.DB, actor Actor) string {
	if actor.Role == models.RoleSystem {
		return "系统"
	}
	if actor.DisplayName != "" {
		return actor.DisplayName
	}
	var name string
	db.WithContext(ctx).Model(&models.User{}).Select("display_name").Where("id = ?", actor.UserID).Scan(&name)
	if name == "" {
		return actor.Username
	}
	return name
}

// Track is the public lookup by tracking number and query code. Any
// mismatch gets the same not-found answer.
func (s *CaseService) Track(ctx context.Context, trackingNumber, queryCode string) (*CaseView, []*models.CaseEvent, []*models.Notice, error) {
	notFound := models.NotFound(models.M("查询号或查询码不正确，对应的申请", "no application matches this tracking number and query code; the application"))
	tn, qc := strings.ToUpper(strings.TrimSpace(trackingNumber)), strings.ToUpper(strings.TrimSpace(queryCode))
	if tn == "" || qc == "" || utf8.RuneCountInString(tn) > 32 || len(qc) != 8 {
		return nil, nil, nil, notFound
	}
	c, err := models.FindCaseByTrackingNumber(ctx, s.DB, tn)
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
	v := &CaseView{Case: c, State: st, Events: evs}
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
	if err != nil {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	if (actor.Role == models.RoleApplicant || v.ViaAssistance) && !n.Public {
		return nil, models.NotFound(models.M("文书", "notice"))
	}
	return n, nil
}
