package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// user0010 is the part of users this migration adds or rewrites.
type user0010 struct {
	ID uint `gorm:"primaryKey"`
	// SessionGeneration is carried in every access token; bumping it ends
	// the tokens already issued (deactivation, a new agency or role, a new
	// password, logout).
	SessionGeneration int `gorm:"not null;default:1"`
	// LastFailedLoginAt dates the failure count: failures older than the
	// lockout duration are forgotten.
	LastFailedLoginAt *time.Time
	LockedUntil       *time.Time
}

func (user0010) TableName() string { return "users" }

// loginThrottle0010 counts failed logins for names that are no account,
// keyed by the keyed hash of the normalised name, so that an unknown name
// locks exactly like a known one.
type loginThrottle0010 struct {
	NameHash     string    `gorm:"primaryKey;size:64"`
	Failures     int       `gorm:"not null"`
	LastFailedAt time.Time `gorm:"not null;index"`
	LockedUntil  *time.Time
}

func (loginThrottle0010) TableName() string { return "login_throttles" }

// rateBucket0010 is one rate-limit counter: a purpose and hashed client
// key in a one-minute window (Unix minutes), shared by every replica.
type rateBucket0010 struct {
	BucketKey   string `gorm:"primaryKey;size:96"`
	WindowStart int64  `gorm:"primaryKey;autoIncrement:false;index"`
	Hits        int    `gorm:"not null"`
}

func (rateBucket0010) TableName() string { return "rate_buckets" }

// up0010 adds the session generation and the failure date to users, the
// failure counts of unknown names and the shared rate-limit buckets
// (issue 4/10). Lock times are compared in SQL from now on; SQLite
// compares them as text, so the ones written in a local zone are
// rewritten in UTC.
func up0010(tx *gorm.DB) error {
	for _, col := range []string{"SessionGeneration", "LastFailedLoginAt"} {
		if err := tx.Migrator().AddColumn(&user0010{}, col); err != nil {
			return fmt.Errorf("add users.%s: %w", col, err)
		}
	}
	if err := createTables(tx, &loginThrottle0010{}, &rateBucket0010{}); err != nil {
		return err
	}
	var locked []user0010
	if err := tx.Select("id, locked_until").Where("locked_until IS NOT NULL").Find(&locked).Error; err != nil {
		return err
	}
	for _, u := range locked {
		if err := tx.Model(&user0010{}).Where("id = ?", u.ID).Update("locked_until", u.LockedUntil.UTC()).Error; err != nil {
			return fmt.Errorf("user %d: %w", u.ID, err)
		}
	}
	return nil
}
