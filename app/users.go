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
	Role         string         `json:"role"`
	AgencyID     *uint          `json:"agencyId,omitempty"`
	DistrictWide bool           `json:"districtWide,omitempty"`
	DisplayName  string         `json:"displayName,omitempty"`
	Phone        string         `json:"phone,omitempty"`
	Email        string         `json:"email,omitempty"`
	Identity     *IdentityInput `json:"identity,omitempty"`
}

// UserUpdate changes an account; nil fields stay as they are.
type UserUpdate struct {
	Version      int     `json:"version"`
	Role         *string `json:"role,omitempty"`
	AgencyID     *uint   `json:"agencyId,omitempty"`
	DistrictWide *bool   `json:"districtWide,omitempty"`
	DisplayName  *string `json:"displayName,omitempty"`
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
func (s *UserService) checkStaffPlacement(ctx context.Context, tx *gorm.DB, f *models.Fields, role models.Role, agencyID *uint, districtWide bool) {
	if role.IsStaff() {
		if agencyID == nil || *agencyID == 0 {
			f.Add("agencyId", "工作人员须属于一个机关", "staff must belong to an agency")
		} else if a, err := models.FindAgencyByID(ctx, tx, *agencyID); err != nil || !a.Active {
			f.Add("agencyId", "机关不存在或已停用", "the agency does not exist or is inactive")
		}
	} else if agencyID != nil && *agencyID != 0 {
		f.Add("agencyId", "只有工作人员属于机关", "only staff belong to an agency")
	}
	if districtWide && role != models.RoleSupervisor {
		f.Add("districtWide", "只有负责人可以查看全区", "only a supervisor can be district-wide")
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
	if role == models.RoleApplicant {
		if in.Identity == nil {
			f.Add("identity", "申请人账号须填写身份信息", "an applicant account needs an identity")
		} else {
			applyIdentity(s.sealer, u, ValidateIdentity(*in.Identity, "identity.", s.Now(), &f))
		}
	} else {
		u.DisplayName = strings.TrimSpace(in.DisplayName)
		checkLen(&f, "displayName", u.DisplayName, 1, 128, "姓名", "displayName")
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
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		s.checkStaffPlacement(ctx, tx, &f, role, u.AgencyID, u.DistrictWide)
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

// Update edits an account with optimistic locking.
func (s *UserService) Update(ctx context.Context, actor Actor, id uint, in UserUpdate) (*models.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := models.FindUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if u.Role == models.RoleSystem {
			return models.NotFound(userWhatApp)
		}
		if in.Version != u.Version {
			return models.StaleVersion()
		}
		var f models.Fields
		changes := map[string]any{}
		if in.Role != nil {
			r, ok := models.ParseRole(*in.Role)
			if !ok {
				f.Add("role", "角色须为 applicant、officer、supervisor 或 admin", "role must be applicant, officer, supervisor or admin")
			}
			if r != u.Role && (r == models.RoleApplicant || u.Role == models.RoleApplicant) {
				f.Add("role", "申请人账号与工作人员账号不能互相转换", "an applicant account cannot become a staff account or the reverse")
			}
			u.Role, changes["role"] = r, r
		}
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
		if in.DisplayName != nil {
			u.DisplayName = strings.TrimSpace(*in.DisplayName)
			checkLen(&f, "displayName", u.DisplayName, 1, 128, "姓名", "displayName")
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
		if in.Active != nil {
			u.Active, changes["active"] = *in.Active, *in.Active
		}
		if u.Role != models.RoleApplicant {
			s.checkStaffPlacement(ctx, tx, &f, u.Role, u.AgencyID, u.DistrictWide)
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if !u.Active {
			if err := models.RevokeUserRefreshTokens(ctx, tx, u.ID, s.Now()); err != nil {
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
		u, err := models.FindUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if u.Role == models.RoleSystem {
			return models.NotFound(userWhatApp)
		}
		u.Active, u.Agency = false, nil
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if err := models.RevokeUserRefreshTokens(ctx, tx, u.ID, s.Now()); err != nil {
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
// user's sessions.
func (s *UserService) ResetPassword(ctx context.Context, actor Actor, id uint, password string) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := models.FindUserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if u.Role == models.RoleSystem {
			return models.NotFound(userWhatApp)
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
		u.PasswordHash, u.PasswordSetAt, u.FailedLogins, u.LockedUntil, u.Agency = hash, s.Now(), 0, nil, nil
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if err := models.RevokeUserRefreshTokens(ctx, tx, u.ID, s.Now()); err != nil {
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
	u, err := models.FindUserByID(ctx, s.DB, id)
	if err == nil && u.Role == models.RoleSystem {
		return nil, models.NotFound(userWhatApp)
	}
	return u, err
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
