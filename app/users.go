package app

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"gongkai/models"
)

// UserService is the administrators' management of accounts. Every change
// is audited in the same transaction. Errors: KindInvalid, KindNotFound,
// KindConflict, KindForbidden.
type UserService struct {
	Deps
	auth   *AuthService
	sealer *Sealer
}

// NewUserService builds the service.
func NewUserService(d Deps, auth *AuthService, sealer *Sealer) *UserService {
	return &UserService{Deps: d, auth: auth, sealer: sealer}
}

// UserInput creates an account of any role.
type UserInput struct {
	Username     string         `json:"username"`
	Password     string         `json:"password"`
	Role         string         `json:"role" enum:"Role"`
	AgencyID     *uint          `json:"agencyId,omitempty"`
	DistrictWide bool           `json:"districtWide,omitempty"`
	DisplayName  string         `json:"displayName,omitempty" minLength:"1" maxLength:"128"`
	Phone        string         `json:"phone,omitempty"`
	Email        string         `json:"email,omitempty"`
	Identity     *IdentityInput `json:"identity,omitempty"`
}

// UserUpdate changes an account; nil fields stay as they are.
type UserUpdate struct {
	Version      int     `json:"version"`
	Role         *string `json:"role,omitempty" enum:"Role"`
	AgencyID     *uint   `json:"agencyId,omitempty"`
	DistrictWide *bool   `json:"districtWide,omitempty"`
	DisplayName  *string `json:"displayName,omitempty" minLength:"1" maxLength:"128"`
	Phone        *string `json:"phone,omitempty"`
	Email        *string `json:"email,omitempty"`
	Active       *bool   `json:"active,omitempty"`
}

func requireAdmin(actor Actor) error {
	if !actor.IsAdmin() && actor.Role != models.RoleSystem {
		return models.Forbidden(models.M("仅管理员可执行此操作", "only an administrator may do this"))
	}
	return nil
}

// checkStaffPlacement validates role, agency and the district-wide flag
// together: staff need an active agency; only supervisors are district-wide.
func (s *UserService) checkStaffPlacement(ctx context.Context, tx *gorm.DB, f *models.Fields, role models.Role, agencyID *uint, districtWide bool) error {
	if role.IsStaff() {
		if err := checkStaffAgency(ctx, tx, f, agencyID); err != nil {
			return err
		}
	} else if agencyID != nil && *agencyID != 0 {
		f.Add("agencyId", "只有工作人员属于机关", "only staff belong to an agency")
	}
	if districtWide && role != models.RoleSupervisor {
		f.Add("districtWide", "只有负责人可以查看全区", "only a supervisor can be district-wide")
	}
	return nil
}

// checkStaffAgency records a problem unless agencyID names an active agency.
func checkStaffAgency(ctx context.Context, tx *gorm.DB, f *models.Fields, agencyID *uint) error {
	if agencyID == nil || *agencyID == 0 {
		f.Add("agencyId", "工作人员须属于一个机关", "staff must belong to an agency")
		return nil
	}
	a, err := models.FindAgencyByID(ctx, tx, *agencyID)
	switch {
	case models.ErrorKind(err) == models.KindNotFound, err == nil && !a.Active:
		f.Add("agencyId", "机关不存在或已停用", "the agency does not exist or is inactive")
	case err != nil:
		return err
	}
	return nil
}

// checkStaffContact sets a staff account's name, phone and e-mail.
func checkStaffContact(f *models.Fields, u *models.User, in UserInput) {
	u.DisplayName = strings.TrimSpace(in.DisplayName)
	checkLen(f, "displayName", u.DisplayName, limitOf[UserInput]("displayName"), "姓名", "displayName")
	if in.Phone != "" {
		p, ok := CheckMobile(in.Phone)
		if !ok {
			f.Add("phone", "请填写有效的手机号码（11 位）", "phone must be a valid mainland mobile number (11 digits)")
		}
		u.Phone = p
	}
	if in.Email != "" {
		e, ok := CheckEmail(in.Email)
		if !ok {
			f.Add("email", "电子邮箱格式不正确", "email is not a valid address")
		}
		u.Email = e
	}
}

// Create adds an account.
func (s *UserService) Create(ctx context.Context, actor Actor, in UserInput) (*models.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	var f models.Fields
	username := checkUsername(&f, in.Username)
	checkPassword(&f, "password", in.Password, username)
	role, ok := models.ParseRole(in.Role)
	if !ok {
		f.Add("role", "角色须为 applicant、officer、supervisor 或 admin", "role must be applicant, officer, supervisor or admin")
	}
	u := &models.User{Username: username, Role: role, AgencyID: in.AgencyID, DistrictWide: in.DistrictWide, Active: true, PasswordSetAt: s.Now()}
	if u.AgencyID != nil && *u.AgencyID == 0 {
		u.AgencyID = nil
	}
	switch {
	case role != models.RoleApplicant:
		checkStaffContact(&f, u, in)
	case in.Identity == nil:
		f.Add("identity", "申请人账号须填写身份信息", "an applicant account needs an identity")
	default:
		applyIdentity(s.sealer, u, ValidateIdentity(*in.Identity, "identity.", s.Now(), &f))
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if err := s.checkStaffPlacement(ctx, tx, &f, role, u.AgencyID, u.DistrictWide); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		hash, err := s.auth.hashPassword(in.Password)
		if err != nil {
			return err
		}
		u.PasswordHash = hash
		if err := models.CreateUser(ctx, tx, u); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "user.create", "user", u.ID, map[string]any{"username": u.Username, "role": u.Role, "agencyId": u.AgencyID, "districtWide": u.DistrictWide})
	})
	if err != nil {
		return nil, fmt.Errorf("create user %s: %w", username, err)
	}
	return models.FindUserByID(ctx, s.DB, u.ID)
}

// findAccount loads a person's account for a change; the system user is
// not found.
func findAccount(ctx context.Context, tx *gorm.DB, id uint) (*models.User, error) {
	u, err := models.FindUserByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if u.Role == models.RoleSystem {
		return nil, models.NotFound(userWhatApp)
	}
	return u, nil
}

// Update edits an account with optimistic locking. A change of role,
// agency, district-wide flag or activity ends the account's sessions in
// the same transaction.
func (s *UserService) Update(ctx context.Context, actor Actor, id uint, in UserUpdate) (*models.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := findAccount(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.Version != u.Version {
			return models.StaleVersion()
		}
		var f models.Fields
		changes := map[string]any{}
		before := tokenClaimsOf(u)
		in.applyRole(&f, u, changes)
		in.applyPlacement(u, changes)
		in.applyContact(&f, u, changes)
		if in.Active != nil {
			u.Active, changes["active"] = *in.Active, *in.Active
		}
		if u.Role != models.RoleApplicant {
			if err := s.checkStaffPlacement(ctx, tx, &f, u.Role, u.AgencyID, u.DistrictWide); err != nil {
				return err
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if tokenClaimsOf(u) != before {
			if err := endSessions(ctx, tx, u.ID, s.Now()); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "user.update", "user", u.ID, changes)
	})
	if err != nil {
		return nil, fmt.Errorf("update user %d: %w", id, err)
	}
	return models.FindUserByID(ctx, s.DB, id)
}

// tokenClaims is what an access token says about its account beyond who
// it is; a change to any of it ends the account's sessions (a contact or
// name edit does not).
type tokenClaims struct {
	role         models.Role
	agency       uint
	districtWide bool
	active       bool
}

func tokenClaimsOf(u *models.User) tokenClaims {
	c := tokenClaims{role: u.Role, districtWide: u.DistrictWide, active: u.Active}
	if u.AgencyID != nil {
		c.agency = *u.AgencyID
	}
	return c
}

// applyRole changes the role; applicant and staff accounts stay what they are.
func (in UserUpdate) applyRole(f *models.Fields, u *models.User, changes map[string]any) {
	if in.Role == nil {
		return
	}
	r, ok := models.ParseRole(*in.Role)
	if !ok {
		f.Add("role", "角色须为 applicant、officer、supervisor 或 admin", "role must be applicant, officer, supervisor or admin")
	}
	if r != u.Role && (r == models.RoleApplicant || u.Role == models.RoleApplicant) {
		f.Add("role", "申请人账号与工作人员账号不能互相转换", "an applicant account cannot become a staff account or the reverse")
	}
	u.Role, changes["role"] = r, r
}

// applyPlacement changes the agency (0: none) and the district-wide flag;
// checkStaffPlacement validates them with the role.
func (in UserUpdate) applyPlacement(u *models.User, changes map[string]any) {
	if in.AgencyID != nil {
		if *in.AgencyID == 0 {
			u.AgencyID = nil
		} else {
			a := *in.AgencyID
			u.AgencyID = &a
		}
		u.Agency = nil
		changes["agencyId"] = u.AgencyID
	}
	if in.DistrictWide != nil {
		u.DistrictWide, changes["districtWide"] = *in.DistrictWide, *in.DistrictWide
	}
}

// applyContact changes the name, phone and e-mail ("" clears the last
// two); the audit records only that contact details changed.
func (in UserUpdate) applyContact(f *models.Fields, u *models.User, changes map[string]any) {
	if in.DisplayName != nil {
		u.DisplayName = strings.TrimSpace(*in.DisplayName)
		checkLen(f, "displayName", u.DisplayName, limitOf[UserUpdate]("displayName"), "姓名", "displayName")
		changes["displayName"] = u.DisplayName
	}
	if in.Phone != nil {
		p, ok := CheckMobile(*in.Phone)
		if *in.Phone != "" && !ok {
			f.Add("phone", "请填写有效的手机号码（11 位）", "phone must be a valid mainland mobile number (11 digits)")
		}
		if *in.Phone == "" {
			p = ""
		}
		u.Phone, changes["phone"] = p, "changed"
	}
	if in.Email != nil {
		e, ok := CheckEmail(*in.Email)
		if *in.Email != "" && !ok {
			f.Add("email", "电子邮箱格式不正确", "email is not a valid address")
		}
		if *in.Email == "" {
			e = ""
		}
		u.Email, changes["email"] = e, "changed"
	}
}

var userWhatApp = models.M("用户", "user")

// Deactivate disables an account and ends its sessions.
func (s *UserService) Deactivate(ctx context.Context, actor Actor, id uint) (*models.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	if id == actor.UserID {
		return nil, models.InvalidField("id", models.M("不能停用自己的账号", "you cannot deactivate your own account"))
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := findAccount(ctx, tx, id)
		if err != nil {
			return err
		}
		u.Active, u.Agency = false, nil
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, u.ID, s.Now()); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "user.deactivate", "user", u.ID, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("deactivate user %d: %w", id, err)
	}
	return models.FindUserByID(ctx, s.DB, id)
}

// ResetPassword sets a new password, clears any lockout and ends the
// user's sessions (access tokens included).
func (s *UserService) ResetPassword(ctx context.Context, actor Actor, id uint, password string) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := findAccount(ctx, tx, id)
		if err != nil {
			return err
		}
		var f models.Fields
		checkPassword(&f, "password", password, u.Username)
		if err := f.Err(); err != nil {
			return err
		}
		hash, err := s.auth.hashPassword(password)
		if err != nil {
			return err
		}
		u.PasswordHash, u.PasswordSetAt, u.Agency = hash, s.Now(), nil
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if err := models.ClearLoginFailures(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, u.ID, s.Now()); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "user.reset_password", "user", u.ID, nil)
	})
	if err != nil {
		return fmt.Errorf("reset password of user %d: %w", id, err)
	}
	return nil
}

// Find lists accounts.
func (s *UserService) Find(ctx context.Context, actor Actor, f models.UserFilter) ([]*models.User, int, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, 0, err
	}
	return models.FindUsers(ctx, s.DB, f)
}

// Get loads one account.
func (s *UserService) Get(ctx context.Context, actor Actor, id uint) (*models.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return findAccount(ctx, s.DB, id)
}

// Audit lists the administrative audit trail.
func (s *UserService) Audit(ctx context.Context, actor Actor, f models.AuditFilter) ([]*models.AuditEvent, int, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, 0, err
	}
	return models.FindAuditEvents(ctx, s.DB, f)
}

// CreateBootstrap creates an account from the command line (`gongkai user
// create`), acting as the system user.
func (s *UserService) CreateBootstrap(ctx context.Context, in UserInput) (*models.User, error) {
	sys, err := models.FindUserByUsername(ctx, s.DB, "system")
	if err != nil {
		return nil, err
	}
	return s.Create(ctx, SystemActor(sys.ID), in)
}
