package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"time"

	"gorm.io/gorm"

	"gongkai/app/pdfdoc"
	"gongkai/models"
)

// SealService keeps the agencies' electronic seals (电子印章), which
// officers put on the notices they issue when they choose 加盖电子印章.
// Administrators upload, read and remove them; every change is audited.
// Staff of an agency may see whether it has one. Errors: KindInvalid,
// KindNotFound, KindForbidden, KindConflict.
type SealService struct {
	Deps
	blobs BlobStore
}

// SealInfo describes an agency's stored seal.
type SealInfo struct {
	AgencyID  uint      `json:"agencyId"`
	SHA256    string    `json:"sha256" doc:"the SHA-256 of the PNG, as the timeline of a sealed notice records it"`
	Size      int64     `json:"size"`
	Width     int       `json:"width" doc:"pixels"`
	Height    int       `json:"height" doc:"pixels"`
	Version   int       `json:"version" doc:"bumped by every replacement"`
	UpdatedAt time.Time `json:"updatedAt"`
}

func sealInfo(s *models.AgencySeal) SealInfo {
	return SealInfo{AgencyID: s.AgencyID, SHA256: s.SHA256, Size: s.Size, Width: s.Width, Height: s.Height, Version: s.Version, UpdatedAt: s.UpdatedAt}
}

// The bounds of a seal image: a PNG of at most pdfdoc.MaxSealBytes, 120 to
// 2,048 pixels a side (printed 42 mm wide: 120 pixels is about 72 dpi),
// round or oval (sides within a factor of two), on a transparent ground
// (at least a fifth of its pixels fully transparent) with visible ink.
const (
	sealMinSide         = 120
	sealMaxSide         = 2048
	sealMinTransparent  = 0.2
	sealMinOpaque       = 0.01
	sealOpaqueThreshold = 128
)

// checkSealPNG validates a seal image and returns its size in pixels; the
// field errors name file.
func checkSealPNG(data []byte) (w, h int, err error) {
	bad := func(zh, en string) (int, int, error) { return 0, 0, models.InvalidField("file", models.M(zh, en)) }
	if len(data) > pdfdoc.MaxSealBytes {
		return bad(fmt.Sprintf("印章图片不能超过 %d MB", pdfdoc.MaxSealBytes>>20), fmt.Sprintf("the seal image must be at most %d MB", pdfdoc.MaxSealBytes>>20))
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return bad("印章须为 PNG 图片（透明背景）", "the seal must be a PNG image with a transparent background")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return bad("印章图片无法读取", "the seal image cannot be read")
	}
	w, h = cfg.Width, cfg.Height
	switch {
	case w < sealMinSide || h < sealMinSide || w > sealMaxSide || h > sealMaxSide:
		return bad(fmt.Sprintf("印章图片须为每边 %d–%d 像素（现为 %d×%d）", sealMinSide, sealMaxSide, w, h),
			fmt.Sprintf("the seal image must be %d to %d pixels a side (it is %d×%d)", sealMinSide, sealMaxSide, w, h))
	case w > 2*h || h > 2*w:
		return bad("印章图片的宽高之比须在 1:2 与 2:1 之间", "the seal image's sides must be within a factor of two")
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return bad("印章图片无法读取", "the seal image cannot be read")
	}
	clear, ink := alphaShares(img)
	switch {
	case clear < sealMinTransparent:
		return bad("印章图片须为透明背景（PNG 的透明通道），以免遮盖机关名称和日期",
			"the seal image needs a transparent background (a PNG alpha channel), so that it does not cover the agency name and date")
	case ink < sealMinOpaque:
		return bad("印章图片几乎完全透明，看不到印文", "the seal image is almost entirely transparent")
	}
	return w, h, nil
}

// alphaShares are the shares of fully transparent and of mostly opaque
// pixels of img.
func alphaShares(img image.Image) (clear, ink float64) {
	b := img.Bounds()
	var nClear, nInk int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			_, _, _, a := img.At(x, y).RGBA()
			switch {
			case a == 0:
				nClear++
			case a>>8 >= sealOpaqueThreshold:
				nInk++
			}
		}
	}
	n := float64(b.Dx() * b.Dy())
	return float64(nClear) / n, float64(nInk) / n
}

// Put stores or replaces an agency's seal (administrators).
func (s *SealService) Put(ctx context.Context, actor Actor, agencyID uint, data []byte) (SealInfo, error) {
	if err := requireAdmin(actor); err != nil {
		return SealInfo{}, err
	}
	w, h, err := checkSealPNG(data)
	if err != nil {
		return SealInfo{}, err
	}
	sum := sha256.Sum256(data)
	var out *models.AgencySeal
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		if _, err := models.FindAgencyByID(ctx, tx, agencyID); err != nil {
			return err
		}
		old, err := models.FindAgencySeal(ctx, tx, agencyID)
		if err := unexpected(err); err != nil {
			return err
		}
		row := &models.AgencySeal{AgencyID: agencyID, BlobKey: fmt.Sprintf("seal/%d/%s", agencyID, randomToken(12)), SHA256: hex.EncodeToString(sum[:]),
			Size: int64(len(data)), Width: w, Height: h, Version: 1}
		if actor.UserID != 0 {
			id := actor.UserID
			row.UploadedBy = &id
		}
		if err := s.blobs.Put(ctx, tx, row.BlobKey, data); err != nil {
			return err
		}
		if old == nil {
			err = models.CreateAgencySeal(ctx, tx, row)
		} else {
			row.Version, row.CreatedAt = old.Version, old.CreatedAt
			if err = models.UpdateAgencySeal(ctx, tx, row); err == nil {
				// Sealed notices carry the image itself; the old bytes go.
				err = models.DeleteBlob(ctx, tx, old.BlobKey)
			}
		}
		if err != nil {
			return err
		}
		out = row
		return audit(ctx, tx, actor, "seal.put", "agency", agencyID, map[string]any{"sha256": row.SHA256, "size": row.Size, "width": w, "height": h, "version": row.Version})
	})
	if err != nil {
		return SealInfo{}, fmt.Errorf("store seal of agency %d: %w", agencyID, err)
	}
	return sealInfo(out), nil
}

// Get returns an agency's seal and its PNG (administrators).
func (s *SealService) Get(ctx context.Context, actor Actor, agencyID uint) (SealInfo, []byte, error) {
	if err := requireAdmin(actor); err != nil {
		return SealInfo{}, nil, err
	}
	row, err := models.FindAgencySeal(ctx, s.DB, agencyID)
	if err != nil {
		return SealInfo{}, nil, err
	}
	data, err := s.blobs.Get(ctx, s.DB, row.BlobKey)
	if err != nil {
		return SealInfo{}, nil, err
	}
	return sealInfo(row), data, nil
}

// Info tells staff of an agency (and district-wide supervisors) whether it
// has a seal, for the 加盖电子印章 choice. KindNotFound when it has none.
func (s *SealService) Info(ctx context.Context, actor Actor, agencyID uint) (SealInfo, error) {
	if !actor.IsStaff() || !actor.SeesAgency(agencyID) {
		return SealInfo{}, models.Forbidden(models.M("无权查看该机关的电子印章", "you may not see this agency's seal"))
	}
	row, err := models.FindAgencySeal(ctx, s.DB, agencyID)
	if err != nil {
		return SealInfo{}, err
	}
	return sealInfo(row), nil
}

// Delete removes an agency's seal (administrators); notices already sealed
// keep theirs.
func (s *SealService) Delete(ctx context.Context, actor Actor, agencyID uint) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return s.DB.Transaction(func(tx *gorm.DB) error {
		row, err := models.FindAgencySeal(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if err := models.DeleteAgencySeal(ctx, tx, agencyID); err != nil {
			return err
		}
		if err := models.DeleteBlob(ctx, tx, row.BlobKey); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "seal.delete", "agency", agencyID, map[string]any{"sha256": row.SHA256})
	})
}
