package models

import (
	"context"

	"gorm.io/gorm"
)

var blobWhat = M("附件内容", "attachment content")

// CreateAttachment inserts an uploaded file's row (its bytes go to the
// blob store).
func CreateAttachment(ctx context.Context, db *gorm.DB, a *Attachment) error {
	return translate(db.WithContext(ctx).Create(a).Error, M("附件", "attachment"))
}

// DeleteAttachment removes an attachment's row.
func DeleteAttachment(ctx context.Context, db *gorm.DB, id uint) error {
	return db.WithContext(ctx).Delete(&Attachment{}, id).Error
}

// CreateBlob stores data under key; a key already taken is a conflict.
func CreateBlob(ctx context.Context, db *gorm.DB, key string, data []byte) error {
	return translate(db.WithContext(ctx).Create(&Blob{Key: key, Data: data}).Error, blobWhat)
}

// FindBlobData reads the data stored under key.
func FindBlobData(ctx context.Context, db *gorm.DB, key string) ([]byte, error) {
	var b Blob
	if err := db.WithContext(ctx).Where("key = ?", key).First(&b).Error; err != nil {
		return nil, translate(err, blobWhat)
	}
	return b.Data, nil
}

// DeleteBlob removes the data stored under key.
func DeleteBlob(ctx context.Context, db *gorm.DB, key string) error {
	return db.WithContext(ctx).Where("key = ?", key).Delete(&Blob{}).Error
}
