package app

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"gongkai/models"
)

// ActReissueNotice is the timeline action of a notice reissued as a new
// PDF version (not a case action: the case's state does not change).
const ActReissueNotice = "reissue-notice"

// ReissueInput asks for a new PDF version of an issued notice, e.g. with
// the agency's seal it was issued without, or signed with a renewed
// certificate. The content is the notice's as issued.
type ReissueInput struct {
	SealInput
	Reason string `json:"reason" doc:"why it is reissued, e.g. 加盖电子印章" required:"true" minLength:"2" maxLength:"200"`
}

// ReissueNotice lays a notice out again as its next PDF version: the body
// as issued, with or without the seal, signed when a certificate is
// configured. Earlier versions stay as they were; the case's timeline gets
// a reissue-notice event with the new version's SHA-256 (public for a
// notice addressed to the applicant, who is told). Handling staff only;
// refused on an archived case, which is read-only. Errors: KindNotFound,
// KindForbidden, KindInvalid, KindInvalidTransition, KindConflict.
func (s *CaseService) ReissueNotice(ctx context.Context, actor Actor, noticeID uint, in ReissueInput) (NoticeView, error) {
	reason := strings.TrimSpace(in.Reason)
	var f models.Fields
	checkLen(&f, "reason", reason, limitOf[ReissueInput]("reason"), "重新签发的理由", "reason")
	if err := f.Err(); err != nil {
		return NoticeView{}, err
	}
	var out NoticeView
	err := s.DB.Transaction(func(tx *gorm.DB) error {
		nt, v, err := s.noticeToReissue(ctx, tx, actor, noticeID)
		if err != nil {
			return err
		}
		var seal *sealImage
		if in.Seal {
			if seal, err = s.loadSeal(ctx, tx, v.Case.AgencyID); err != nil {
				return err
			}
		}
		next := 1
		latest, err := models.FindNoticeVersion(ctx, tx, nt.ID, 0)
		if err := unexpected(err); err != nil {
			return err
		}
		if err == nil {
			next = latest.Version + 1
		}
		c, now := v.Case, s.Now()
		ver, err := s.storeNoticePDF(ctx, tx, asIssued(nt), c, pdfRequest{version: next, eventSeq: c.EventCount + 1, seal: seal, reason: reason, actor: actor, at: now})
		if err != nil {
			return err
		}
		data := eventData{Internal: map[string]any{"reason": reason}}
		docs := []map[string]any{noticeEntry(nt, ver)}
		if nt.Public {
			data.Public = map[string]any{"notices": docs}
		} else {
			data.Internal["notices"] = docs
		}
		e, err := nextEvent(c, actor, s.actorName(ctx, tx, actor), now, ActReissueNotice, c.Status, c.Status, nt.Public, data)
		if err != nil {
			return err
		}
		if err := models.SaveCase(ctx, tx, c); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, e); err != nil {
			return err
		}
		views, err := s.withVersions(ctx, tx, []*models.Notice{nt})
		if err != nil {
			return err
		}
		out = views[0]
		return s.notifier.CaseEvent(ctx, tx, c, e, []*models.Notice{nt})
	})
	if err != nil {
		return NoticeView{}, fmt.Errorf("reissue notice %d: %w", noticeID, err)
	}
	return out, nil
}

// noticeToReissue loads a notice and its case for a reissue by actor:
// not found unless the actor sees the notice, forbidden unless it handles
// the case, refused on an archived case or without PDFs.
func (s *CaseService) noticeToReissue(ctx context.Context, tx *gorm.DB, actor Actor, noticeID uint) (*models.Notice, *CaseView, error) {
	notFound := models.NotFound(models.M("文书", "notice"))
	nt, err := models.FindNoticeByID(ctx, tx, noticeID)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.load(ctx, tx, actor, nt.CaseID)
	if err := unexpected(err); err != nil {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, notFound
	}
	cons, err := s.ownTasks(ctx, v)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case !v.seesNotice(nt, cons):
		return nil, nil, notFound
	case v.Audience() != AudienceHandling:
		return nil, nil, models.Forbidden(models.M("只有承办机关的工作人员可以重新签发文书", "only the handling agency's staff may reissue a notice"))
	case v.Case.Status == models.StatusArchived:
		return nil, nil, refused("已归档的申请只读，不能重新签发文书", "an archived case is read-only: its notices cannot be reissued")
	case s.pdf.Renderer == nil:
		return nil, nil, errPDFUnavailable
	}
	return nt, v, nil
}
