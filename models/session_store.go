package models

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SessionState is what every authenticated request checks against its
// access token: the account's session generation and whether it is active.
type SessionState struct {
	SessionGeneration int
	Active            bool
}

// FindSessionState reads an account's session state: one primary-key
// read. A missing account is KindNotFound.
func FindSessionState(ctx context.Context, db *gorm.DB, userID uint) (SessionState, error) {
	var st SessionState
	err := db.WithContext(ctx).Model(&User{}).Select("session_generation, active").Where("id = ?", userID).Take(&st).Error
	return st, translate(err, userWhat)
}

// BumpSessionGeneration ends every access token issued to the account so
// far. It takes the account's row lock; a change that also revokes the
// refresh tokens bumps first, so that a refresh running at the same time
// (FindUserForSession) either sees the change or has its new token revoked
// with the others.
func BumpSessionGeneration(ctx context.Context, db *gorm.DB, userID uint) error {
	return translate(db.WithContext(ctx).Model(&User{}).Where("id = ?", userID).
		UpdateColumn("session_generation", gorm.Expr("session_generation + 1")).Error, userWhat)
}

// FindUserForSession loads an account with its agency to issue tokens in
// a transaction, holding its row lock (PostgreSQL; SQLite runs one writer
// at a time) until the tokens are stored.
func FindUserForSession(ctx context.Context, tx *gorm.DB, id uint) (*User, error) {
	var u User
	err := tx.WithContext(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Preload("Agency").First(&u, id).Error
	if err != nil {
		return nil, translate(err, userWhat)
	}
	return &u, nil
}
