package api

import (
	"time"

	"gongkai/models"
)

// agencyResponse is an agency as the API shows it.
type agencyResponse struct {
	ID        uint   `json:"id"`
	Name      string `json:"name"`
	ShortName string `json:"shortName"`
	Code      string `json:"code"`
	DocPrefix string `json:"docPrefix"`
	Address   string `json:"address"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
	// ReconsiderationBody and Court are named in the remedy clause of the
	// agency's answers.
	ReconsiderationBody string `json:"reconsiderationBody"`
	Court               string `json:"court"`
	Active              bool   `json:"active"`
	Version             int    `json:"version"`
}

func newAgencyResponse(a *models.Agency) agencyResponse {
	return agencyResponse{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Code: a.Code, DocPrefix: a.DocPrefix,
		Address: a.Address, Phone: a.Phone, Email: a.Email, ReconsiderationBody: a.ReconsiderationBody, Court: a.Court,
		Active: a.Active, Version: a.Version}
}

// agencyBrief names an agency inside other objects.
type agencyBrief struct {
	ID        uint   `json:"id"`
	Name      string `json:"name"`
	ShortName string `json:"shortName"`
}

func newAgencyBrief(a *models.Agency) *agencyBrief {
	if a == nil {
		return nil
	}
	return &agencyBrief{ID: a.ID, Name: a.Name, ShortName: a.ShortName}
}

// userResponse is an account. Identity numbers are always masked here
// (个人信息保护法); only a case's handling agency sees them in full, on the
// case.
type userResponse struct {
	ID                  uint         `json:"id"`
	Username            string       `json:"username"`
	Role                string       `json:"role" enum:"Role"`
	AgencyID            *uint        `json:"agencyId"`
	Agency              *agencyBrief `json:"agency,omitempty"`
	DistrictWide        bool         `json:"districtWide"`
	Active              bool         `json:"active"`
	DisplayName         string       `json:"displayName"`
	ApplicantType       string       `json:"applicantType,omitempty" enum:"ApplicantType"`
	IDType              string       `json:"idType,omitempty" enum:"IDType"`
	IDNumber            string       `json:"idNumber,omitempty"`
	OrgCategory         string       `json:"orgCategory,omitempty" enum:"OrgCategory"`
	CreditCode          string       `json:"creditCode,omitempty"`
	LegalRepresentative string       `json:"legalRepresentative,omitempty"`
	ContactPerson       string       `json:"contactPerson,omitempty"`
	Phone               string       `json:"phone,omitempty"`
	Email               string       `json:"email,omitempty"`
	Address             string       `json:"address,omitempty"`
	Language            string       `json:"language" doc:"the language of notifications and e-mail: zh-CN or en" enum:"Language"`
	Locked              bool         `json:"locked"`
	Version             int          `json:"version"`
	CreatedAt           time.Time    `json:"createdAt"`
}

func newUserResponse(u *models.User, now time.Time) userResponse {
	return userResponse{
		ID: u.ID, Username: u.Username, Role: string(u.Role), AgencyID: u.AgencyID, Agency: newAgencyBrief(u.Agency),
		DistrictWide: u.DistrictWide, Active: u.Active, DisplayName: u.DisplayName,
		ApplicantType: string(u.ApplicantType), IDType: string(u.IDType), IDNumber: u.IDNumberMasked,
		OrgCategory: string(u.OrgCategory), CreditCode: u.CreditCodeMasked, LegalRepresentative: u.LegalRep,
		ContactPerson: u.ContactPerson, Phone: u.Phone, Email: u.Email, Address: u.Address, Language: languageOf(u),
		Locked: u.LockedUntil != nil && u.LockedUntil.After(now), Version: u.Version, CreatedAt: u.CreatedAt,
	}
}

// languageOf is the user's language; accounts read Chinese unless they
// chose otherwise.
func languageOf(u *models.User) string {
	if u.Language == "" {
		return string(models.LanguageZH)
	}
	return string(u.Language)
}

// auditResponse is one administrative audit event.
type auditResponse struct {
	ID         uint      `json:"id"`
	ActorID    *uint     `json:"actorId"`
	ActorRole  string    `json:"actorRole" enum:"Role"`
	Action     string    `json:"action"`
	ObjectType string    `json:"objectType"`
	ObjectID   uint      `json:"objectId"`
	Data       string    `json:"data"`
	RequestID  string    `json:"requestId"`
	CreatedAt  time.Time `json:"createdAt"`
}
