package app

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"gorm.io/gorm"

	"gongkai/models"
)

// AgencyService lists agencies for everyone and lets administrators
// maintain them. Errors: KindInvalid, KindNotFound, KindConflict,
// KindForbidden.
type AgencyService struct{ Deps }

// AgencyInput creates or edits an agency.
type AgencyInput struct {
	Version   int    `json:"version,omitempty"`
	Name      string `json:"name" minLength:"2" maxLength:"128"`
	ShortName string `json:"shortName" minLength:"1" maxLength:"64"`
	Code      string `json:"code" minLength:"2" maxLength:"16" pattern:"^[A-Z][A-Z0-9]{1,15}$" doc:"capital letters and digits, starting with a letter"`
	DocPrefix string `json:"docPrefix,omitempty" maxLength:"64"`
	Address   string `json:"address,omitempty" maxLength:"255"`
	Phone     string `json:"phone,omitempty" maxLength:"32"`
	Email     string `json:"email,omitempty"`
	// ReconsiderationBody (复议机关) and Court are named in the remedy
	// clause of the agency's answers (行政复议法 2023).
	ReconsiderationBody string `json:"reconsiderationBody,omitempty" doc:"复议机关, e.g. 济南市莱芜区人民政府" maxLength:"128"`
	Court               string `json:"court,omitempty" doc:"the court for 行政诉讼, e.g. 济南市莱芜区人民法院" maxLength:"128"`
	Active              *bool  `json:"active,omitempty"`
}

var agencyCodeRe = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,15}$`)

func (in AgencyInput) validate() (models.Agency, error) {
	var f models.Fields
	a := models.Agency{
		Name: strings.TrimSpace(in.Name), ShortName: strings.TrimSpace(in.ShortName),
		Code: strings.ToUpper(strings.TrimSpace(in.Code)), DocPrefix: strings.TrimSpace(in.DocPrefix),
		Address: strings.TrimSpace(in.Address), Phone: strings.TrimSpace(in.Phone), Email: strings.TrimSpace(in.Email),
		ReconsiderationBody: strings.TrimSpace(in.ReconsiderationBody), Court: strings.TrimSpace(in.Court),
		Active: in.Active == nil || *in.Active,
	}
	checkLen(&f, "name", a.Name, limitOf[AgencyInput]("name"), "机关名称", "name")
	checkLen(&f, "shortName", a.ShortName, limitOf[AgencyInput]("shortName"), "简称", "shortName")
	if !agencyCodeRe.MatchString(a.Code) {
		f.Add("code", "机关代码须为 2–16 位大写字母或数字，以字母开头", "code must be 2–16 upper-case letters or digits, starting with a letter")
	}
	checkLen(&f, "docPrefix", a.DocPrefix, limitOf[AgencyInput]("docPrefix"), "文号前缀", "docPrefix")
	checkLen(&f, "address", a.Address, limitOf[AgencyInput]("address"), "地址", "address")
	checkLen(&f, "phone", a.Phone, limitOf[AgencyInput]("phone"), "电话", "phone")
	checkLen(&f, "reconsiderationBody", a.ReconsiderationBody, limitOf[AgencyInput]("reconsiderationBody"), "行政复议机关", "reconsiderationBody")
	checkLen(&f, "court", a.Court, limitOf[AgencyInput]("court"), "人民法院", "court")
	if a.Email != "" {
		if _, ok := CheckEmail(a.Email); !ok {
			f.Add("email", "电子邮箱格式不正确", "email is not a valid address")
		}
	}
	if a.DocPrefix == "" {
		a.DocPrefix = a.ShortName
	}
	return a, f.Err()
}

// List returns the agencies; only administrators see inactive ones.
func (s *AgencyService) List(ctx context.Context, includeInactive bool) ([]*models.Agency, error) {
	return models.FindAgencies(ctx, s.DB, !includeInactive)
}

// Create adds an agency.
func (s *AgencyService) Create(ctx context.Context, actor Actor, in AgencyInput) (*models.Agency, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	a, err := in.validate()
	if err != nil {
		return nil, err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.CreateAgency(ctx, tx, &a); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "agency.create", "agency", a.ID, a)
	})
	if err != nil {
		return nil, fmt.Errorf("create agency: %w", err)
	}
	return &a, nil
}

// Update edits an agency with optimistic locking.
func (s *AgencyService) Update(ctx context.Context, actor Actor, id uint, in AgencyInput) (*models.Agency, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	next, err := in.validate()
	if err != nil {
		return nil, err
	}
	var out *models.Agency
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		a, err := models.FindAgencyByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.Version != a.Version {
			return models.StaleVersion()
		}
		next.ID, next.Version, next.CreatedAt = a.ID, a.Version, a.CreatedAt
		if in.Active == nil {
			next.Active = a.Active
		}
		if err := models.UpdateAgency(ctx, tx, &next); err != nil {
			return err
		}
		out = &next
		return audit(ctx, tx, actor, "agency.update", "agency", a.ID, next)
	})
	if err != nil {
		return nil, fmt.Errorf("update agency %d: %w", id, err)
	}
	return out, nil
}

// Deactivate hides an agency from applicants; its cases stay.
func (s *AgencyService) Deactivate(ctx context.Context, actor Actor, id uint) (*models.Agency, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	var out *models.Agency
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		a, err := models.FindAgencyByID(ctx, tx, id)
		if err != nil {
			return err
		}
		a.Active = false
		if err := models.UpdateAgency(ctx, tx, a); err != nil {
			return err
		}
		out = a
		return audit(ctx, tx, actor, "agency.deactivate", "agency", a.ID, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("deactivate agency %d: %w", id, err)
	}
	return out, nil
}

// StaffMember is an agency's officer or supervisor, for assignment pickers.
type StaffMember struct {
	ID          uint        `json:"id"`
	DisplayName string      `json:"displayName"`
	Role        models.Role `json:"role"`
}

// Staff lists the active officers and supervisors of an agency, for staff
// who may see that agency's cases.
func (s *AgencyService) Staff(ctx context.Context, actor Actor, agencyID uint) ([]StaffMember, error) {
	if !actor.IsStaff() || !actor.SeesAgency(agencyID) {
		return nil, models.Forbidden(models.M("无权查看该机关的人员", "you may not see this agency's staff"))
	}
	us, err := models.FindActiveAgencyStaff(ctx, s.DB, agencyID)
	if err != nil {
		return nil, err
	}
	out := make([]StaffMember, 0, len(us))
	for _, u := range us {
		out = append(out, StaffMember{ID: u.ID, DisplayName: u.DisplayName, Role: u.Role})
	}
	return out, nil
}
