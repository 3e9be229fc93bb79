package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// RefreshToken is one link in a rotation family. Only its SHA-256 is
// stored. Presenting a spent token again revokes the whole family.
type RefreshToken struct {
	ID        uint   `gorm:"primaryKey"`
	UserID    uint   `gorm:"not null;index"`
	FamilyID  string `gorm:"size:64;not null;index"`
	TokenHash string `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// CreateRefreshToken inserts a token; a hash already stored is a conflict.
func CreateRefreshToken(ctx context.Context, db *gorm.DB, t *RefreshToken) error {
	return translate(db.WithContext(ctx).Create(t).Error, M("令牌", "token"))
}

// FindRefreshToken loads a token by its hash.
func FindRefreshToken(ctx context.Context, db *gorm.DB, hash string) (*RefreshToken, error) {
	var t RefreshToken
	if err := db.WithContext(ctx).Where("token_hash = ?", hash).First(&t).Error; err != nil {
		return nil, translate(err, M("令牌", "token"))
	}
	return &t, nil
}

// SpendRefreshToken marks a token used; it reports false when another
// request spent it first.
func SpendRefreshToken(ctx context.Context, db *gorm.DB, id uint, at time.Time) (bool, error) {
	res := db.WithContext(ctx).Model(&RefreshToken{}).Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", id).Update("used_at", at)
	return res.RowsAffected == 1, res.Error
}

// RevokeRefreshFamily revokes every token of a family.
func RevokeRefreshFamily(ctx context.Context, db *gorm.DB, family string, at time.Time) error {
	return db.WithContext(ctx).Model(&RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", family).Update("revoked_at", at).Error
}

// RevokeUserRefreshTokens revokes every token of a user (deactivation,
// password reset).
func RevokeUserRefreshTokens(ctx context.Context, db *gorm.DB, userID uint, at time.Time) error {
	return db.WithContext(ctx).Model(&RefreshToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", at).Error
}
