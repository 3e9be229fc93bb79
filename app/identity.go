package app

import (
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/models"
)

// IdentityInput is an applicant's identity (Art 29(一)): who they are and how
// to reach them. It is used at registration and when staff register an
// application on someone's behalf.
type IdentityInput struct {
	ApplicantType       string `json:"applicantType" enum:"ApplicantType"`
	Name                string `json:"name" minLength:"1" maxLength:"128"`
	IDType              string `json:"idType,omitempty" enum:"IDType"`
	IDNumber            string `json:"idNumber,omitempty" maxLength:"32"`
	OrgCategory         string `json:"orgCategory,omitempty" enum:"OrgCategory"`
	CreditCode          string `json:"creditCode,omitempty"`
	LegalRepresentative string `json:"legalRepresentative,omitempty" minLength:"1" maxLength:"64"`
	ContactPerson       string `json:"contactPerson,omitempty" minLength:"1" maxLength:"64"`
	Phone               string `json:"phone"`
	Email               string `json:"email,omitempty"`
	Address             string `json:"address,omitempty" maxLength:"255"`
}

// Identity is a validated, normalised IdentityInput.
type Identity struct {
	Type          models.ApplicantType
	Name          string
	IDType        models.IDType
	IDNumber      string
	OrgCategory   models.OrgCategory
	CreditCode    string
	LegalRep      string
	ContactPerson string
	Phone         string
	Email         string
	Address       string
}

// ValidateIdentity checks in and records problems under prefix (e.g.
// "applicant.") in f. today bounds dates of birth.
func ValidateIdentity(in IdentityInput, prefix string, today time.Time, f *models.Fields) Identity {
	id := Identity{Name: strings.TrimSpace(in.Name), Address: strings.TrimSpace(in.Address)}
	t, ok := models.ParseApplicantType(in.ApplicantType)
	if !ok {
		f.Add(prefix+"applicantType", "申请人类型须为 natural（自然人）或 organization（法人或其他组织）", "applicantType must be natural or organization")
	}
	id.Type = t
	checkLen(f, prefix+"name", id.Name, limitOf[IdentityInput]("name"), "姓名或名称", "name")
	switch t {
	case models.ApplicantNatural:
		id.IDType, id.IDNumber = validatePersonID(in, prefix, today, f)
	case models.ApplicantOrganization:
		validateOrganization(in, prefix, f, &id)
	}
	phone, ok := CheckMobile(in.Phone)
	if !ok {
		f.Add(prefix+"phone", "请填写有效的手机号码（11 位）", "phone must be a valid mainland mobile number (11 digits)")
	}
	id.Phone = phone
	if in.Email != "" {
		e, ok := CheckEmail(in.Email)
		if !ok {
			f.Add(prefix+"email", "电子邮箱格式不正确", "email is not a valid address")
		}
		id.Email = e
	}
	if utf8.RuneCountInString(id.Address) > 255 {
		f.Add(prefix+"address", "地址过长（最多 255 字）", "address is too long (at most 255 characters)")
	}
	return id
}

// validatePersonID checks a natural person's identity document: its kind
// and number (a resident ID by its check digit and date of birth).
func validatePersonID(in IdentityInput, prefix string, today time.Time, f *models.Fields) (models.IDType, string) {
	idt, ok := models.ParseIDType(in.IDType)
	if !ok {
		f.Add(prefix+"idType", "证件类型须为 resident_id、passport 或 other", "idType must be resident_id, passport or other")
	}
	num := strings.ToUpper(strings.TrimSpace(in.IDNumber))
	switch {
	case num == "":
		f.Add(prefix+"idNumber", "请填写证件号码", "idNumber is required")
	case idt == models.IDResident:
		n, ok := CheckResidentID(num, today)
		if !ok {
			f.Add(prefix+"idNumber", "居民身份证号码无效（校验码或出生日期有误）", "idNumber is not a valid resident ID number (check digit or date of birth)")
		}
		num = n
	case len(num) > 32:
		f.Add(prefix+"idNumber", "证件号码过长", "idNumber is too long")
	}
	return idt, num
}

// validateOrganization checks an organisation's category, credit code,
// legal representative and contact person into id.
func validateOrganization(in IdentityInput, prefix string, f *models.Fields, id *Identity) {
	cat, ok := models.ParseOrgCategory(in.OrgCategory)
	if !ok {
		f.Add(prefix+"orgCategory", "组织类别须为 commercial、research、public_welfare、legal_service 或 other", "orgCategory must be commercial, research, public_welfare, legal_service or other")
	}
	id.OrgCategory = cat
	code, ok := CheckCreditCode(in.CreditCode)
	if !ok {
		f.Add(prefix+"creditCode", "统一社会信用代码无效", "creditCode is not a valid unified social credit code")
	}
	id.CreditCode = code
	id.LegalRep = strings.TrimSpace(in.LegalRepresentative)
	checkLen(f, prefix+"legalRepresentative", id.LegalRep, limitOf[IdentityInput]("legalRepresentative"), "法定代表人", "legalRepresentative")
	id.ContactPerson = strings.TrimSpace(in.ContactPerson)
	checkLen(f, prefix+"contactPerson", id.ContactPerson, limitOf[IdentityInput]("contactPerson"), "联系人", "contactPerson")
}

// applyIdentity copies a validated identity onto a user, sealing numbers.
func applyIdentity(sealer *Sealer, u *models.User, id Identity) {
	u.ApplicantType = id.Type
	u.DisplayName = id.Name
	u.IDType = id.IDType
	u.IDNumberSealed, u.IDNumberHash, u.IDNumberMasked = sealer.Seal(id.IDNumber), sealer.Hash(id.IDNumber), Mask(id.IDNumber)
	u.OrgCategory = id.OrgCategory
	u.CreditCodeSealed, u.CreditCodeHash, u.CreditCodeMasked = sealer.Seal(id.CreditCode), sealer.Hash(id.CreditCode), Mask(id.CreditCode)
	u.LegalRep, u.ContactPerson = id.LegalRep, id.ContactPerson
	u.Phone, u.Email, u.Address = id.Phone, id.Email, id.Address
}
