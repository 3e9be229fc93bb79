package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/models"
)

// Intake (登记): an application filed online by an applicant or registered
// by staff from any channel, with its receipt date (Art 31), tracking
// number, query code and receipt notice.

// Format is a form of provision asked for (Art 29(三), Art 40).
var Formats = []string{"paper", "electronic", "disc", "inspection"}

// Deliveries are the ways of getting the information (Art 29(三)).
var Deliveries = []string{"post", "pickup", "email", "online"}

// ApplicationInput is a new application: filed online by an applicant, or
// registered by staff from any channel.
type ApplicationInput struct {
	AgencyID          uint     `json:"agencyId"`
	Title             string   `json:"title" doc:"信息名称" required:"true" minLength:"2" maxLength:"200"`
	Description       string   `json:"description" doc:"特征性描述, 10–2000 characters" required:"true" minLength:"10" maxLength:"2000"`
	DocumentNumber    string   `json:"documentNumber,omitempty" doc:"文号" maxLength:"128"`
	Purpose           string   `json:"purpose,omitempty" maxLength:"500"`
	Formats           []string `json:"formats" doc:"paper, electronic, disc, inspection" enum:"Format"`
	Delivery          string   `json:"delivery" doc:"post, pickup, email, online" enum:"Delivery"`
	AccessibilityHelp bool     `json:"accessibilityHelp,omitempty" doc:"Art 43"`
	AccessibilityNote string   `json:"accessibilityNote,omitempty" maxLength:"500"`
	Attachments       []uint   `json:"attachments,omitempty" maxItems:"20"`
	// Staff registration only.
	Channel     string     `json:"channel,omitempty" doc:"in_person, registered_post, ordinary_post, fax, email, online (staff)" enum:"Channel"`
	ArrivedAt   *time.Time `json:"arrivedAt,omitempty" doc:"when it arrived: required when staff register an application (any channel); applicants filing online leave it out"`
	ReceiptDate string     `json:"receiptDate,omitempty" doc:"YYYY-MM-DD legal date of receipt, Art 31 (staff)"`
	// UnreachableReason explains a receipt date after the arrival of an
	// application by ordinary post, fax or e-mail (Art 31).
	UnreachableReason string         `json:"unreachableReason,omitempty" doc:"why the applicant could not be reached on the day it arrived (staff; ordinary post, fax, e-mail)" minLength:"4" maxLength:"500"`
	Oral              bool           `json:"oral,omitempty" doc:"oral application recorded by staff, Art 29"`
	Applicant         *IdentityInput `json:"applicant,omitempty" doc:"the applicant's identity (staff)"`
	ApplicantID       *uint          `json:"applicantId,omitempty" doc:"an existing applicant account (staff)"`
	// Seal puts the agency's electronic seal on the receipt (staff).
	Seal bool `json:"seal,omitempty" doc:"加盖电子印章 on the receipt (staff; the agency's seal must be uploaded)"`
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

// validateApplication checks the request itself (Art 29(二)(三)).
func validateApplication(in *ApplicationInput, f *models.Fields) {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	in.DocumentNumber = strings.TrimSpace(in.DocumentNumber)
	in.Purpose = strings.TrimSpace(in.Purpose)
	if in.AgencyID == 0 {
		f.Add("agencyId", "请选择受理机关", "agencyId is required")
	}
	checkLen(f, "title", in.Title, limitOf[ApplicationInput]("title"), "信息名称", "title")
	// Art 29(二): the name, document number or another distinguishing
	// description that lets the agency find the information.
	checkLen(f, "description", in.Description, limitOf[ApplicationInput]("description"), "特征性描述", "description")
	checkLen(f, "documentNumber", in.DocumentNumber, limitOf[ApplicationInput]("documentNumber"), "文号", "documentNumber")
	// Art 27: a purpose may be given but is never required.
	checkLen(f, "purpose", in.Purpose, limitOf[ApplicationInput]("purpose"), "用途", "purpose")
	checkLen(f, "accessibilityNote", in.AccessibilityNote, limitOf[ApplicationInput]("accessibilityNote"), "帮助说明", "accessibilityNote")
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

// requestHash fingerprints a create request for idempotency.
func requestHash(in ApplicationInput) string {
	b, _ := json.Marshal(in)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// intake is a new application being filed: the case row as far as the
// input fixes it, its state, and the receipt date. pending is set for an
// application by ordinary post, fax or e-mail awaiting confirmation: its
// clock runs from the arrival (Art 31).
type intake struct {
	c                *models.Case
	st               CaseState
	receipt, pending calendar.Date
	id               Identity
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
	if v, ok, err := s.replayed(ctx, actor, idemKey, hash); err != nil || ok {
		return v, ok, err
	}
	now := s.Now()
	it, err := s.prepareIntake(ctx, actor, &in, now)
	if err != nil {
		return nil, false, err
	}
	var created *models.Case
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		c, err := s.insertIntake(ctx, tx, actor, in, it, now)
		if err != nil {
			return err
		}
		if idemKey != "" {
			if err := models.CreateIdempotencyKey(ctx, tx, &models.IdempotencyKey{UserID: actor.UserID, Key: idemKey, RequestHash: hash, CaseID: c.ID}); err != nil {
				return err
			}
		}
		created = c
		return nil
	})
	if err != nil && models.ErrorKind(err) == models.KindConflict {
		// A concurrent retry with the same key may have won the race.
		if v, ok, rerr := s.replayed(ctx, actor, idemKey, hash); rerr == nil && ok {
			return v, true, nil
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("create application: %w", err)
	}
	v, err = s.Get(ctx, actor, created.ID)
	return v, false, err
}

// replayed answers a retried keyed request with the case the first one
// created; ok is false for a new key (or none).
func (s *CaseService) replayed(ctx context.Context, actor Actor, idemKey, hash string) (*CaseView, bool, error) {
	if idemKey == "" {
		return nil, false, nil
	}
	id, ok, err := s.findIdempotent(ctx, actor, idemKey, hash)
	if err != nil || !ok {
		return nil, false, err
	}
	v, err := s.Get(ctx, actor, id)
	return v, true, err
}

// prepareIntake validates the input and builds the case without touching
// the database's state: the applicant's identity, the channel and the
// receipt date.
func (s *CaseService) prepareIntake(ctx context.Context, actor Actor, in *ApplicationInput, now time.Time) (*intake, error) {
	var f models.Fields
	validateApplication(in, &f)
	it := &intake{
		c: &models.Case{Title: in.Title, Description: in.Description, DocumentNumber: in.DocumentNumber, Purpose: in.Purpose,
			Formats: strings.Join(in.Formats, ","), Delivery: in.Delivery, AccessibilityHelp: in.AccessibilityHelp,
			AccessibilityNote: strings.TrimSpace(in.AccessibilityNote), Version: 1},
		st: CaseState{Attachments: in.Attachments, Formats: in.Formats},
	}
	var err error
	if actor.Role == models.RoleApplicant {
		err = s.onlineIntake(ctx, actor, in, it, now, &f)
	} else {
		err = s.staffIntake(ctx, in, it, now, &f)
	}
	if err != nil {
		return nil, err
	}
	if in.Delivery == "email" && it.id.Email == "" {
		f.Add("delivery", "选择电子邮件方式获取时须提供电子邮箱", "delivery by email needs an email address")
	}
	if in.Delivery == "post" && it.id.Address == "" {
		f.Add("delivery", "选择邮寄方式获取时须提供通讯地址", "delivery by post needs a postal address")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	s.applySnapshot(it.c, it.id)
	return it, nil
}

// onlineIntake is an applicant filing online: the identity comes from the
// account, and the platform confirms at once (Art 31(3)).
func (s *CaseService) onlineIntake(ctx context.Context, actor Actor, in *ApplicationInput, it *intake, now time.Time, f *models.Fields) error {
	if in.Channel != "" && in.Channel != string(models.ChannelOnline) || in.ArrivedAt != nil || in.ReceiptDate != "" || in.UnreachableReason != "" || in.Oral || in.Applicant != nil || in.ApplicantID != nil {
		f.Add("channel", "申请人只能在线提交；登记渠道、到达时间、收到日期和申请人信息由工作人员填写",
			"applicants file online; channel, arrival, receipt date and applicant details are for staff")
	}
	u, err := models.FindUserByID(ctx, s.DB, actor.UserID)
	if err != nil {
		return err
	}
	// The identity is copied onto the case at submission.
	it.id = s.identityOf(u)
	uid := u.ID
	it.c.ApplicantID = &uid
	it.c.Channel, it.c.ArrivedAt = models.ChannelOnline, now
	it.receipt = clock.ReceiptDate(s.cal.Calendar(), clock.ChannelOnline, calendar.FromTime(now), 0)
	return nil
}

// staffIntake is staff registering an application from any channel: the
// channel, arrival, receipt date and applicant come from the input.
func (s *CaseService) staffIntake(ctx context.Context, in *ApplicationInput, it *intake, now time.Time, f *models.Fields) error {
	c := it.c
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
	if err := s.registeredApplicant(ctx, in, it, now, f); err != nil {
		return err
	}
	reason := unreachableReason(f, in.UnreachableReason)
	if ok && in.ArrivedAt != nil {
		it.receipt, it.pending = s.registeredReceipt(clock.Channel(ch), calendar.FromTime(*in.ArrivedAt), in.ReceiptDate, reason, calendar.FromTime(now), f)
	}
	return nil
}

// registeredApplicant fixes who applied: an existing applicant account,
// an identity entered by staff, or both (the entered identity wins).
func (s *CaseService) registeredApplicant(ctx context.Context, in *ApplicationInput, it *intake, now time.Time, f *models.Fields) error {
	if in.ApplicantID != nil {
		u, err := models.FindUserByID(ctx, s.DB, *in.ApplicantID)
		switch {
		case models.ErrorKind(err) == models.KindNotFound || err == nil && u.Role != models.RoleApplicant:
			f.Add("applicantId", "申请人账号不存在", "no such applicant account")
		case err != nil:
			return err
		default:
			uid := u.ID
			it.c.ApplicantID = &uid
			if in.Applicant == nil {
				it.id = s.identityOf(u)
			}
		}
	}
	if in.Applicant != nil {
		it.id = ValidateIdentity(*in.Applicant, "applicant.", now, f)
	} else if in.ApplicantID == nil {
		f.Add("applicant", "请填写申请人信息", "the applicant's identity is required")
	}
	return nil
}

// registeredReceipt fixes the receipt date of an application staff
// register (Art 31): the one they enter, checked against the channel's
// rule, or the channel's own; ordinary post, fax and e-mail without one
// wait for the confirmation with the applicant, their clock running from
// the arrival day meanwhile (pending).
func (s *CaseService) registeredReceipt(ch clock.Channel, arrived calendar.Date, entered, unreachable string, today calendar.Date, f *models.Fields) (receipt, pending calendar.Date) {
	cal := s.cal.Calendar()
	switch {
	case entered != "":
		r, err := calendar.ParseDate(entered)
		if err != nil {
			f.Add("receiptDate", "日期格式须为 YYYY-MM-DD", "receiptDate must be YYYY-MM-DD")
			return 0, 0
		}
		if err := clock.CheckReceiptDate(cal, ch, arrived, r, today, unreachable); err != nil {
			var re *clock.RuleError
			if errors.As(err, &re) {
				f.Add(re.Field, re.ZH, re.EN)
			} else {
				f.Add("receiptDate", err.Error(), err.Error())
			}
			return 0, 0
		}
		return r, 0
	case clock.AwaitsConfirmation(ch):
		return 0, arrived
	}
	return clock.ReceiptDate(cal, ch, arrived, 0), 0
}

// insertIntake stores the new case inside tx with its tracking number,
// query code, clock, first timeline event and receipt notice, and tells
// the notifier.
func (s *CaseService) insertIntake(ctx context.Context, tx *gorm.DB, actor Actor, in ApplicationInput, it *intake, now time.Time) (*models.Case, error) {
	c, today := it.c, calendar.FromTime(now)
	agency, err := models.FindAgencyByID(ctx, tx, in.AgencyID)
	if err := unexpected(err); err != nil {
		return nil, err
	}
	if err != nil || !agency.Active {
		return nil, models.InvalidField("agencyId", models.M("受理机关不存在或已停用", "the agency does not exist or is inactive"))
	}
	if actor.IsStaff() && !actor.SeesAgency(agency.ID) {
		return nil, models.Forbidden(models.M("只能为本机关登记申请", "staff register applications for their own agency only"))
	}
	c.AgencyID, c.Agency = agency.ID, agency
	if err := s.linkAttachments(ctx, tx, actor, in.Attachments, nil); err != nil {
		return nil, err
	}
	if err := s.number(ctx, tx, c, agency, today.Year()); err != nil {
		return nil, err
	}
	evs := it.clockEvents()
	if actor.Role == models.RoleOfficer {
		uid := actor.UserID
		c.AssigneeID = &uid
	}
	c.ClockEvents, c.State = encodeClockEvents(evs), encodeState(it.st)
	refreshClockCache(s.cal.Calendar(), c, nil, evs, today)
	if err := models.CreateCase(ctx, tx, c); err != nil {
		return nil, err
	}
	if err := s.linkAttachments(ctx, tx, actor, in.Attachments, &c.ID); err != nil {
		return nil, err
	}
	e, nt, err := s.recordIntake(ctx, tx, actor, in, it, evs, now)
	if err != nil {
		return nil, err
	}
	if err := models.SaveChainHead(ctx, tx, c); err != nil {
		return nil, err
	}
	return c, s.notifier.CaseEvent(ctx, tx, c, e, []*models.Notice{nt})
}

// number gives the case its gap-free tracking number and its query code.
func (s *CaseService) number(ctx context.Context, tx *gorm.DB, c *models.Case, agency *models.Agency, year int) error {
	seq, err := models.NextCounter(ctx, tx, "case", agency.ID, year)
	if err != nil {
		return fmt.Errorf("tracking number: %w", err)
	}
	c.Year, c.Seq = year, seq
	c.TrackingNumber = fmt.Sprintf("%s-%d-%05d", agency.Code, year, seq)
	c.QueryCodeSealed = s.sealer.Seal(newQueryCode())
	return nil
}

// clockEvents sets the case's status from its receipt and returns its
// first clock events.
func (it *intake) clockEvents() []clock.Event {
	c := it.c
	c.Status = models.StatusSubmitted
	switch {
	case !it.receipt.IsZero():
		c.Status = models.StatusRegistered
		c.ReceiptDate, c.ReceiptYear = it.receipt.String(), it.receipt.Year()
		return []clock.Event{{Kind: clock.EventReceipt, On: it.receipt, Channel: clock.Channel(c.Channel)}}
	case !it.pending.IsZero():
		return []clock.Event{{Kind: clock.EventReceipt, On: it.pending, Channel: clock.Channel(c.Channel), Basis: clock.BasisArrival}}
	}
	return nil
}

// recordIntake issues the receipt notice and appends the submit or
// register event that records it.
func (s *CaseService) recordIntake(ctx context.Context, tx *gorm.DB, actor Actor, in ApplicationInput, it *intake, evs []clock.Event, now time.Time) (*models.CaseEvent, *models.Notice, error) {
	c, today := it.c, calendar.FromTime(now)
	action := "submit"
	if actor.IsStaff() {
		action = "register"
	}
	pub := map[string]any{"channel": c.Channel, "receiptDate": c.ReceiptDate, "arrivedAt": c.ArrivedAt}
	if r := strings.TrimSpace(in.UnreachableReason); r != "" {
		pub["unreachableReason"] = r
	}
	priv := map[string]any{"oral": c.Oral, "attachments": in.Attachments}
	var seal *sealImage
	if in.Seal {
		if !actor.IsStaff() {
			return nil, nil, models.InvalidField("seal", models.M("电子印章由承办人员加盖", "only staff put the agency's seal on a notice"))
		}
		var err error
		if seal, err = s.loadSeal(ctx, tx, c.AgencyID); err != nil {
			return nil, nil, err
		}
	}
	extra := map[string]any{}
	if !it.receipt.IsZero() {
		extra["dueDate"] = clock.Compute(s.cal.Calendar(), evs, clock.Options{AsOf: today}).DueDate
	}
	ns, err := s.issueNotices(ctx, tx, c, []noticeReq{{"receipt", c.ApplicantName, extra}}, today, seal, actor, pub, priv)
	if err != nil {
		return nil, nil, err
	}
	e, err := appendEvent(ctx, tx, c, actor, s.actorName(ctx, tx, actor), now, action, "", c.Status, true, eventData{Public: pub, Internal: priv})
	if err != nil {
		return nil, nil, err
	}
	return e, ns[0], nil
}

func (s *CaseService) findIdempotent(ctx context.Context, actor Actor, key, hash string) (uint, bool, error) {
	k, found, err := models.FindIdempotencyKey(ctx, s.DB, actor.UserID, key)
	if err != nil || !found {
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
	return models.LinkAttachments(ctx, tx, ids, *caseID)
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
