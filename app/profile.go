package app

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"gongkai/models"
)

// Me returns the caller's own account.
func (s *AuthService) Me(ctx context.Context, actor Actor) (*models.User, error) {
	return models.FindUserByID(ctx, s.DB, actor.UserID)
}

// ChangePassword changes the caller's own password and ends every
// session of the account, the caller's own included (the UI logs in again
// with the new password).
func (s *AuthService) ChangePassword(ctx context.Context, actor Actor, oldPassword, newPassword string) error {
	u, err := models.FindUserByID(ctx, s.DB, actor.UserID)
	if err != nil {
		return err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(oldPassword)) != nil {
		return models.InvalidField("oldPassword", models.M("原密码不正确", "the current password is wrong"))
	}
	var f models.Fields
	checkPassword(&f, "newPassword", newPassword, u.Username)
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := s.hashPassword(newPassword)
	if err != nil {
		return err
	}
	u.PasswordHash, u.PasswordSetAt = hash, s.Now()
	return s.DB.Transaction(func(tx *gorm.DB) error {
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, u.ID, s.Now()); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "user.password_change", "user", u.ID, nil)
	})
}

// ProfileUpdate changes the caller's own contact details and language; nil
// fields stay.
// Names and identity numbers are fixed (a new identity needs a new
// account), and cases already filed keep the details they were filed with.
type ProfileUpdate struct {
	Version       int     `json:"version"`
	Phone         *string `json:"phone,omitempty"`
	Email         *string `json:"email,omitempty"`
	Address       *string `json:"address,omitempty" maxLength:"255"`
	ContactPerson *string `json:"contactPerson,omitempty" minLength:"1" maxLength:"64"`
	// Language is what notifications and e-mail are written in.
	Language *string `json:"language,omitempty" doc:"the language of notifications and e-mail: zh-CN (the default) or en" enum:"Language"`
}

// UpdateProfile edits the caller's contact details and language with
// optimistic locking, audited in the same transaction.
func (s *AuthService) UpdateProfile(ctx context.Context, actor Actor, in ProfileUpdate) (*models.User, error) {
	var out *models.User
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		u, err := models.FindUserByID(ctx, tx, actor.UserID)
		if err != nil {
			return err
		}
		if in.Version != u.Version {
			return models.StaleVersion()
		}
		changed, err := in.apply(u)
		if err != nil {
			return err
		}
		u.Agency = nil
		if err := models.UpdateUser(ctx, tx, u); err != nil {
			return err
		}
		out = u
		return audit(ctx, tx, actor, "user.profile", "user", u.ID, map[string]any{"changed": changed})
	})
	if err != nil {
		return nil, fmt.Errorf("update profile: %w", err)
	}
	return models.FindUserByID(ctx, s.DB, out.ID)
}

// apply sets the given contact details on u and returns the names of the
// fields changed, or the problems found.
func (in ProfileUpdate) apply(u *models.User) ([]string, error) {
	var f models.Fields
	changed := []string{}
	if in.Phone != nil {
		p, ok := CheckMobile(*in.Phone)
		if !ok {
			f.Add("phone", "请填写有效的手机号码（11 位）", "phone must be a valid mainland mobile number (11 digits)")
		}
		u.Phone = p
		changed = append(changed, "phone")
	}
	if in.Email != nil {
		e := strings.TrimSpace(*in.Email)
		if e != "" {
			if _, ok := CheckEmail(e); !ok {
				f.Add("email", "电子邮箱格式不正确", "email is not a valid address")
			}
		}
		u.Email = e
		changed = append(changed, "email")
	}
	if in.Address != nil {
		u.Address = strings.TrimSpace(*in.Address)
		checkLen(&f, "address", u.Address, limitOf[ProfileUpdate]("address"), "地址", "address")
		changed = append(changed, "address")
	}
	in.applyPreferences(u, &f, &changed)
	if in.ContactPerson != nil {
		if u.ApplicantType != models.ApplicantOrganization {
			f.Add("contactPerson", "只有法人或其他组织填写联系人", "only organisations have a contact person")
		}
		u.ContactPerson = strings.TrimSpace(*in.ContactPerson)
		checkLen(&f, "contactPerson", u.ContactPerson, limitOf[ProfileUpdate]("contactPerson"), "联系人", "contactPerson")
		changed = append(changed, "contactPerson")
	}
	return changed, f.Err()
}

// applyPreferences sets the reader's language.
func (in ProfileUpdate) applyPreferences(u *models.User, f *models.Fields, changed *[]string) {
	if in.Language == nil {
		return
	}
	lang, ok := models.ParseLanguage(strings.TrimSpace(*in.Language))
	if !ok {
		f.Add("language", "语言须为 zh-CN（中文）或 en（英文）", "language must be zh-CN (Chinese) or en (English)")
		return
	}
	u.Language = lang
	*changed = append(*changed, "language")
}
