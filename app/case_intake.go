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
		refreshClockCache(s.cal.Calendar(), c, nil, evs, today)
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
