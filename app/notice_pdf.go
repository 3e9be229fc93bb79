package app

import (
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"time"

	"gorm.io/gorm"

	"gongkai/app/calendar"
	"gongkai/app/pdfdoc"
	"gongkai/models"
)

// PDFConfig is what the services need to issue notices as PDF.
type PDFConfig struct {
	// Renderer lays notices out after GB/T 9704-2012 (app/pdfdoc); nil
	// when no fonts are installed (development only): notices are then
	// issued as HTML, without PDF versions.
	Renderer *pdfdoc.Renderer
	// Unavailable says why Renderer is nil; it is logged at start.
	Unavailable string
	// Signer signs the PDFs of every agency without one of its own in
	// AgencySigners (by agency code); nil and none: PDFs are unsigned.
	Signer        *PDFSigner
	AgencySigners map[string]*PDFSigner
}

// PDFSigner is an X.509 certificate, its issuers and its private key: the
// PDF signature (ISO 32000-1 §12.8, adbe.pkcs7.detached) of an agency's
// documents.
type PDFSigner struct {
	Key   crypto.Signer
	Cert  *x509.Certificate
	Chain []*x509.Certificate
}

// signerFor is the signer of the agency with code.
func (p PDFConfig) signerFor(code string) *PDFSigner {
	if s := p.AgencySigners[code]; s != nil {
		return s
	}
	return p.Signer
}

// sealImage is an agency's seal as a notice carries it.
type sealImage struct {
	row *models.AgencySeal
	png []byte
}

// pdfRequest is one PDF version of a notice to render and store.
type pdfRequest struct {
	version  int
	eventSeq int
	seal     *sealImage
	reason   string
	actor    Actor
	at       time.Time
}

// errPDFUnavailable refuses what needs the PDF renderer when no fonts are
// installed.
var errPDFUnavailable = &models.Error{Kind: models.KindConflict, Code: "pdf_unavailable",
	Msg: models.M("本系统未安装PDF文书所需字体，暂不能生成PDF文书", "PDF documents are unavailable: the fonts they need are not installed")}

// layoutNotice is the notice as app/pdfdoc lays it out: the stored body
// under the title and document number, the agency and the date (in
// Chinese) right-aligned with room for the seal, the tracking number in a
// foot note.
func layoutNotice(n *models.Notice, trackingNumber string, seal []byte) (pdfdoc.Notice, error) {
	d, err := calendar.ParseDate(n.IssuedOn)
	if err != nil {
		return pdfdoc.Notice{}, fmt.Errorf("notice %d: issue date %q: %w", n.ID, n.IssuedOn, err)
	}
	y, m, day := d.YMD()
	return pdfdoc.Notice{
		Title: n.Title, DocNumber: n.DocNumber, BodyHTML: n.BodyHTML, Agency: n.Signer,
		Date: time.Date(y, time.Month(m), day, 0, 0, 0, 0, calendar.Location()), Seal: seal, FootNote: "查询号：" + trackingNumber,
	}, nil
}

// renderNoticePDF lays the notice out and, when the agency has a
// certificate, signs it. The layout is deterministic; a signature is not
// (it holds the signing time).
func (s *CaseService) renderNoticePDF(n *models.Notice, c *models.Case, req pdfRequest) ([]byte, *PDFSigner, error) {
	if s.pdf.Renderer == nil {
		return nil, nil, errPDFUnavailable
	}
	var seal []byte
	if req.seal != nil {
		seal = req.seal.png
	}
	ln, err := layoutNotice(n, c.TrackingNumber, seal)
	if err != nil {
		return nil, nil, err
	}
	pdf, err := s.pdf.Renderer.RenderNotice(ln)
	if err != nil {
		return nil, nil, fmt.Errorf("notice %d as PDF: %w", n.ID, err)
	}
	signer := s.pdf.signerFor(c.Agency.Code)
	if signer == nil {
		return pdf, nil, nil
	}
	location := c.Agency.Address
	if location == "" {
		location = c.Agency.Name
	}
	pdf, err = pdfdoc.Sign(pdf, signer.Key, signer.Cert, signer.Chain, pdfdoc.SignOptions{
		Reason: n.Title + " " + n.DocNumber, Location: location, Name: n.Signer, Time: req.at})
	if err != nil {
		return nil, nil, fmt.Errorf("sign notice %d: %w", n.ID, err)
	}
	return pdf, signer, nil
}

// storeNoticePDF renders the requested version of n and stores it inside
// tx: its bytes in the blob store, its row with the SHA-256.
func (s *CaseService) storeNoticePDF(ctx context.Context, tx *gorm.DB, n *models.Notice, c *models.Case, req pdfRequest) (*models.NoticeVersion, error) {
	pdf, signer, err := s.renderNoticePDF(n, c, req)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pdf)
	v := &models.NoticeVersion{NoticeID: n.ID, Version: req.version, CaseID: c.ID, EventSeq: req.eventSeq,
		BlobKey: fmt.Sprintf("notice/%d/v%d", n.ID, req.version), Size: int64(len(pdf)), SHA256: hex.EncodeToString(sum[:]),
		Reason: req.reason, CreatedAt: req.at}
	if req.seal != nil {
		v.Sealed, v.SealSHA256 = true, req.seal.row.SHA256
	}
	if signer != nil {
		v.Signed, v.SignerSubject = true, truncateRunes(signer.Cert.Subject.String(), 255)
	}
	if req.actor.UserID != 0 {
		id := req.actor.UserID
		v.CreatedBy = &id
	}
	if err := s.blobs.Put(ctx, tx, v.BlobKey, pdf); err != nil {
		return nil, err
	}
	if err := models.CreateNoticeVersion(ctx, tx, v); err != nil {
		return nil, err
	}
	return v, nil
}

// noticeEntry is what a timeline event records of a notice it issued or
// reissued: the document, and of its PDF the version, the SHA-256 and
// whether it is sealed and signed, so that the hash chain vouches for the
// file (the dossier's manifest lists the same sums).
func noticeEntry(n *models.Notice, v *models.NoticeVersion) map[string]any {
	e := map[string]any{"noticeId": n.ID, "kind": n.Kind, "docNumber": n.DocNumber, "templateSource": n.TemplateSource}
	if n.TemplateVersion > 0 {
		e["templateVersion"] = n.TemplateVersion
	}
	if v == nil {
		e["pdf"] = false
		return e
	}
	e["pdfVersion"], e["sha256"], e["sealed"], e["signed"] = v.Version, v.SHA256, v.Sealed, v.Signed
	return e
}

// loadSeal reads an agency's seal for a step that asked for it (加盖电子
// 印章): a 422 naming the field when the agency has none, or when PDFs
// cannot be made.
func (s *CaseService) loadSeal(ctx context.Context, db *gorm.DB, agencyID uint) (*sealImage, error) {
	if s.pdf.Renderer == nil {
		return nil, models.InvalidField("seal", errPDFUnavailable.Msg)
	}
	row, err := models.FindAgencySeal(ctx, db, agencyID)
	if err := unexpected(err); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, models.InvalidField("seal", models.M("本机关尚未上传电子印章，不能加盖电子印章", "the agency has no electronic seal uploaded"))
	}
	png, err := s.blobs.Get(ctx, db, row.BlobKey)
	if err != nil {
		return nil, err
	}
	return &sealImage{row: row, png: png}, nil
}
