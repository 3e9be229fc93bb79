package app

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"unicode/utf8"

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

// allowed content types, decided by content, not by the name.
var officeExt = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".wps":  "application/vnd.ms-works",
	".ofd":  "application/ofd",
	".zip":  "application/zip",
}

// sniff decides an upload's type from its bytes: PDF, images, Office
// (OOXML and legacy OLE), OFD and ZIP. Anything else is refused.
func sniff(name string, data []byte) (string, bool) {
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return "application/pdf", true
	}
	if ct, ok := sniffImage(data); ok {
		return ct, true
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")): // OLE compound file
		return sniffOLE(ext), true
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return sniffZIP(ext, data)
	}
	return "", false
}

// sniffImage recognises PNG, JPEG, GIF, TIFF, BMP and WebP.
func sniffImage(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", true
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg", true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif", true
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff", true
	case bytes.HasPrefix(data, []byte("BM")) && len(data) > 14:
		return "image/bmp", true
	case len(data) > 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return "image/webp", true
	}
	return "", false
}

// sniffOLE names a legacy Office file by its extension.
func sniffOLE(ext string) string {
	switch ext {
	case ".doc", ".xls", ".ppt", ".wps":
		return officeExt[ext]
	}
	return "application/x-ole-storage"
}

// sniffZIP tells OOXML (by its content types and extension) and OFD from
// a plain ZIP.
func sniffZIP(ext string, data []byte) (string, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", false
	}
	has := func(n string) bool {
		for _, f := range zr.File {
			if strings.EqualFold(f.Name, n) {
				return true
			}
		}
		return false
	}
	switch {
	case has("[Content_Types].xml") && (ext == ".docx" || ext == ".xlsx" || ext == ".pptx"):
		return officeExt[ext], true
	case has("OFD.xml"):
		return "application/ofd", true
	}
	return "application/zip", true
}

// Upload stores a file for the actor (an applicant or staff), to be
// attached to a case later.
func (s *AttachmentService) Upload(ctx context.Context, actor Actor, filename, purpose string, data []byte) (*models.Attachment, error) {
	name := filepath.Base(strings.ReplaceAll(strings.TrimSpace(filename), `\`, "/"))
	var f models.Fields
	if name == "" || name == "." || name == "/" || !utf8.ValidString(name) || len([]rune(name)) > 200 {
		f.Add("file", "文件名无效", "invalid file name")
	}
	if int64(len(data)) > s.maxBytes {
		return nil, &models.Error{Kind: models.KindTooLarge, Code: "too_large",
			Msg: models.M(fmt.Sprintf("文件超过 %d MB 的上限", s.maxBytes>>20), fmt.Sprintf("the file exceeds the %d MB limit", s.maxBytes>>20))}
	}
	if len(data) == 0 {
		f.Add("file", "文件为空", "the file is empty")
	}
	ct, ok := sniff(name, data)
	if !ok && len(data) > 0 {
		f.Add("file", "只接受 PDF、图片、Office 文档、OFD 或 ZIP 文件（按文件内容判断："+http.DetectContentType(data)+"）",
			"only PDF, images, Office documents, OFD or ZIP are accepted (judged by content: "+http.DetectContentType(data)+")")
	}
	switch purpose {
	case "", "application", "correction", "answer", "delivery_proof", "consultation", "scan":
	default:
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
