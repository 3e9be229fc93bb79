package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"gongkai/models"
)

// BlobStore keeps attachment bytes. The default stores them in the
// database, in the caller's transaction, so one backup holds everything.
type BlobStore interface {
	Put(ctx context.Context, tx *gorm.DB, key string, data []byte) error
	Get(ctx context.Context, db *gorm.DB, key string) ([]byte, error)
}

// DBBlobStore is the database BlobStore.
type DBBlobStore struct{}

// Put stores data under key.
// UploadPurposes are what an upload may be for (none given: application).
var UploadPurposes = []string{"application", "correction", "answer", "delivery_proof", "consultation", "scan"}

func (DBBlobStore) Put(ctx context.Context, tx *gorm.DB, key string, data []byte) error {
	return models.CreateBlob(ctx, tx, key, data)
}

// Get reads the data under key.
func (DBBlobStore) Get(ctx context.Context, db *gorm.DB, key string) ([]byte, error) {
	data, err := models.FindBlobData(ctx, db, key)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", key, err)
	}
	return data, nil
}

// AttachmentService stores uploads and serves them to those who may see
// their case. Errors: KindInvalid, KindTooLarge, KindNotFound.
type AttachmentService struct {
	Deps
	blobs    BlobStore
	maxBytes int64
	cases    *CaseService
}

// Upload stores a file for the actor (an applicant or staff), to be
// attached to a case later.
func (s *AttachmentService) Upload(ctx context.Context, actor Actor, filename, purpose string, data []byte) (*models.Attachment, error) {
	var f models.Fields
	if int64(len(data)) > s.maxBytes {
		return nil, &models.Error{Kind: models.KindTooLarge, Code: "too_large",
			Msg: models.M(fmt.Sprintf("文件超过 %d MB 的上限", s.maxBytes>>20), fmt.Sprintf("the file exceeds the %d MB limit", s.maxBytes>>20))}
	}
	name, ct := checkUpload(&f, filename, data)
	if purpose != "" && !slices.Contains(UploadPurposes, purpose) {
		f.Add("purpose", "用途无效", "invalid purpose")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	a := &models.Attachment{UploaderID: actor.UserID, Purpose: purpose, Filename: name, ContentType: ct,
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), BlobKey: "att/" + randomToken(24)}
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		if err := s.blobs.Put(ctx, tx, a.BlobKey, data); err != nil {
			return err
		}
		return models.CreateAttachment(ctx, tx, a)
	})
	if err != nil {
		return nil, fmt.Errorf("store attachment: %w", err)
	}
	return a, nil
}

// Open returns an attachment and its bytes if the actor may see it: the
// uploader, or a viewer of its case whose Exposure includes it (the
// applicant its own uploads and the released answer documents, an
// assisting agency none).
func (s *AttachmentService) Open(ctx context.Context, actor Actor, id uint) (*models.Attachment, []byte, error) {
	a, err := models.FindAttachmentByID(ctx, s.DB, id)
	if err != nil {
		return nil, nil, err
	}
	if a.UploaderID != actor.UserID {
		if a.CaseID == nil {
			return nil, nil, models.NotFound(models.M("附件", "attachment"))
		}
		v, err := s.cases.load(ctx, s.DB, actor, *a.CaseID)
		if err != nil {
			return nil, nil, models.NotFound(models.M("附件", "attachment"))
		}
		if !v.seesAttachment(a) {
			return nil, nil, models.NotFound(models.M("附件", "attachment"))
		}
	}
	data, err := s.blobs.Get(ctx, s.DB, a.BlobKey)
	if err != nil {
		return nil, nil, err
	}
	// Names stored before they were cleaned at upload are cleaned here.
	a.Filename = cleanFilename(a.Filename)
	return a, data, nil
}

// Delete removes an upload that is not attached to a case yet (only its
// uploader may).
func (s *AttachmentService) Delete(ctx context.Context, actor Actor, id uint) error {
	return s.DB.Transaction(func(tx *gorm.DB) error {
		a, err := models.FindAttachmentByID(ctx, tx, id)
		if err != nil || a.UploaderID != actor.UserID {
			return models.NotFound(models.M("附件", "attachment"))
		}
		if a.CaseID != nil {
			return models.InvalidTransition(models.M("附件已随申请提交，不能删除", "the attachment belongs to a case and cannot be deleted"))
		}
		if err := models.DeleteAttachment(ctx, tx, a.ID); err != nil {
			return err
		}
		return models.DeleteBlob(ctx, tx, a.BlobKey)
	})
}
