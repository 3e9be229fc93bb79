package app

import (
	"context"
	"fmt"
	"html/template"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/models"
)

// SealInput is embedded in the bodies of the steps that issue notices: an
// officer who takes the step may put the agency's electronic seal on the
// notices it issues (加盖电子印章). The choice is made when the notice is
// issued, not when it is downloaded, so that what the agency stored, hashed
// in the timeline and filed in the dossier is what the reader received; a
// notice issued without the seal gets it by a reissue (a new version).
type SealInput struct {
	Seal bool `json:"seal,omitempty" doc:"加盖电子印章: put the agency's electronic seal (uploaded by an administrator) on the notices this step issues"`
}

// SealRequested reports whether the step asks for the seal.
func (s SealInput) SealRequested() bool { return s.Seal }

// sealRequester is implemented by the inputs that embed SealInput.
type sealRequester interface{ SealRequested() bool }

// wantSeal reads the seal choice of an input.
func wantSeal(in any) bool {
	r, ok := in.(sealRequester)
	return ok && r.SealRequested()
}

// issued is a notice issued by a step with its first PDF version (nil
// when PDFs are unavailable).
type issued struct {
	notice *models.Notice
	pdf    *models.NoticeVersion
}

// entry is what the step's timeline event records of it.
func (i issued) entry() map[string]any { return noticeEntry(i.notice, i.pdf) }

// issueNotice numbers (per agency and year, gap-free), renders and stores
// a notice inside tx, with its first PDF version; eventSeq is the
// sequence number of the timeline event that issues it.
func (s *CaseService) issueNotice(ctx context.Context, tx *gorm.DB, c *models.Case, eventSeq int, req noticeReq, today calendar.Date, seal *sealImage, actor Actor) (issued, error) {
	title := noticeTitles[req.kind]
	if title == "" {
		return issued{}, fmt.Errorf("unknown notice kind %q", req.kind)
	}
	n, err := models.NextCounter(ctx, tx, "notice", c.AgencyID, today.Year())
	if err != nil {
		return issued{}, fmt.Errorf("notice number: %w", err)
	}
	prefix := c.Agency.DocPrefix
	if prefix == "" {
		prefix = c.Agency.ShortName
	}
	docNo := fmt.Sprintf("%s〔%d〕第%d号", prefix, today.Year(), n)
	d := s.noticeData(c, req.kind, req.recipient, docNo, today, req.extra)
	r, tv, err := s.renderForAgency(ctx, tx, c.AgencyID, d)
	if err != nil {
		return issued{}, err
	}
	nt := &models.Notice{CaseID: c.ID, EventSeq: eventSeq, Kind: req.kind, Title: title, DocNumber: docNo,
		Recipient: req.recipient, Public: publicNotices[req.kind], HTML: r.page, BodyHTML: r.body,
		Signer: c.Agency.Name, IssuedOn: today.String()}
	out := issued{notice: nt}
	if tv != nil {
		id := tv.ID
		nt.TemplateID, nt.TemplateVersion, nt.TemplateSource, nt.TemplateSHA256 = &id, tv.Version, TemplateAgency, tv.SHA256
	} else {
		src := s.notices.bodySource(req.kind)
		nt.TemplateSource, nt.TemplateSHA256 = src.origin, src.sha256
	}
	if err := models.CreateNotice(ctx, tx, nt); err != nil {
		return issued{}, err
	}
	if s.pdf.Renderer == nil {
		return out, nil
	}
	out.pdf, err = s.storeNoticePDF(ctx, tx, nt, c, pdfRequest{version: 1, eventSeq: eventSeq, seal: seal, actor: actor, at: s.Now()})
	return out, err
}

// renderForAgency renders d with the agency's own template of its kind
// when it has one, else the installation's. An agency template that fails
// on real data (it rendered with sample data when saved) falls back to the
// installation's, logged, so that a step is never blocked by a template;
// the notice then names the template that produced it.
func (s *CaseService) renderForAgency(ctx context.Context, tx *gorm.DB, agencyID uint, d NoticeData) (renderedNotice, *models.NoticeTemplate, error) {
	tv, err := models.FindNoticeTemplate(ctx, tx, agencyID, d.Kind, 0)
	if err := unexpected(err); err != nil {
		return renderedNotice{}, nil, err
	}
	if err == nil {
		var t *template.Template
		if t, err = s.notices.forVersion(tv.ID, d.Kind, tv.Text); err == nil {
			var r renderedNotice
			if r, err = renderNotice(t, d); err == nil {
				return r, tv, nil
			}
		}
		s.Log.ErrorContext(ctx, "agency notice template failed; the installation's is used", "agency", agencyID, "kind", d.Kind, "templateVersion", tv.Version, "err", err)
	}
	r, err := renderNotice(s.notices.std, d)
	return r, nil, err
}

// issueNotices issues the notices a step asked for, before its timeline
// event is made so that the event records their PDFs' hashes: those
// addressed to the applicant in its public part, the others (letters to
// third parties and agencies) in its internal part.
func (s *CaseService) issueNotices(ctx context.Context, tx *gorm.DB, c *models.Case, reqs []noticeReq, today calendar.Date, seal *sealImage, actor Actor, pub, priv map[string]any) ([]*models.Notice, error) {
	seq := c.EventCount + 1
	var out []*models.Notice
	var public, internal []map[string]any
	for _, req := range reqs {
		is, err := s.issueNotice(ctx, tx, c, seq, req, today, seal, actor)
		if err != nil {
			return nil, err
		}
		out = append(out, is.notice)
		if is.notice.Public {
			public = append(public, is.entry())
		} else {
			internal = append(internal, is.entry())
		}
	}
	if len(public) > 0 {
		pub["notices"] = public
	}
	if len(internal) > 0 {
		priv["notices"] = internal
	}
	return out, nil
}
