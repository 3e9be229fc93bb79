package app

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"time"

	"gongkai/models"
)

// DossierEntry is one file of a dossier with its SHA-256.
type DossierEntry struct {
	Path   string `json:"path"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
	Title  string `json:"title,omitempty"`
}

// dossierZip writes a dossier's files with their manifest.
type dossierZip struct {
	zw       *zip.Writer
	at       time.Time
	manifest []DossierEntry
}

func (d *dossierZip) add(p, title string, b []byte) error {
	w, err := d.zw.CreateHeader(&zip.FileHeader{Name: p, Method: zip.Deflate, Modified: d.at})
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	d.manifest = append(d.manifest, DossierEntry{Path: p, Size: len(b), SHA256: hex.EncodeToString(sum[:]), Title: title})
	return nil
}

func (d *dossierZip) addJSON(p, title string, x any) error {
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return err
	}
	return d.add(p, title, b)
}

// dossierEvent is a timeline event as the dossier records it.
type dossierEvent struct {
	Seq        int             `json:"seq"`
	At         time.Time       `json:"at"`
	Action     string          `json:"action"`
	FromStatus string          `json:"fromStatus"`
	ToStatus   string          `json:"toStatus"`
	ActorRole  string          `json:"actorRole"`
	ActorName  string          `json:"actorName"`
	Public     bool            `json:"public"`
	Data       json.RawMessage `json:"data"`
	PrevHash   string          `json:"prevHash"`
	Hash       string          `json:"hash"`
}

// Dossier builds the case file for 行政复议 and litigation: one ZIP with the
// timeline and its hash-chain verification, every notice, every attachment
// and a manifest of SHA-256 sums. Staff of the handling agency only
// (Exposure.Dossier).
func (s *CaseService) Dossier(ctx context.Context, actor Actor, id uint) (name string, data []byte, err error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return "", nil, err
	}
	if !v.Exposure().Dossier {
		return "", nil, errNotShown
	}
	if err := s.complete(ctx, v, true); err != nil {
		return "", nil, err
	}
	c := v.Case
	var buf bytes.Buffer
	d := &dossierZip{zw: zip.NewWriter(&buf), at: s.Now()}
	if err := s.dossierRecords(ctx, d, v); err != nil {
		return "", nil, err
	}
	if err := s.dossierFiles(ctx, d, c); err != nil {
		return "", nil, err
	}
	if err := d.addJSON("manifest.json", "", map[string]any{
		"trackingNumber": c.TrackingNumber, "generatedAt": s.Now().UTC(), "generatedBy": actor.Username, "files": d.manifest,
		"note": "每个文件的 SHA-256 见 files；timeline.json 中每条记录的 hash 由其内容与上一条记录的 hash 计算（SHA-256），可独立复核。",
	}); err != nil {
		return "", nil, err
	}
	if err := d.zw.Close(); err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("dossier-%s.zip", c.TrackingNumber), buf.Bytes(), nil
}

// dossierRecords writes the case summary, the timeline and its
// verification.
func (s *CaseService) dossierRecords(ctx context.Context, d *dossierZip, v *CaseView) error {
	c := v.Case
	events, err := models.FindCaseEvents(ctx, s.DB, c.ID, false)
	if err != nil {
		return err
	}
	tl := make([]dossierEvent, 0, len(events))
	for _, e := range events {
		data := json.RawMessage(e.Data)
		if len(data) == 0 {
			data = json.RawMessage("null")
		}
		tl = append(tl, dossierEvent{e.Seq, e.At, e.Action, string(e.FromStatus), string(e.ToStatus), string(e.ActorRole), e.ActorName, e.Public, data, e.PrevHash, e.Hash})
	}
	summary := map[string]any{
		"trackingNumber": c.TrackingNumber, "agency": c.Agency.Name, "title": c.Title, "description": c.Description,
		"applicant": c.ApplicantName, "applicantType": c.ApplicantType, "channel": c.Channel, "arrivedAt": c.ArrivedAt,
		"receiptDate": c.ReceiptDate, "status": c.Status, "outcome": c.Outcome, "concludedOn": c.ConcludedOn, "clock": v.Clock,
		"state": v.State, "correction": v.Correction, "extension": v.Extension,
		"consultations": v.Consultations, "fees": v.Fees, "remedies": v.Remedies,
	}
	if err := d.addJSON("case.json", "申请与办理情况", summary); err != nil {
		return err
	}
	if err := d.addJSON("timeline.json", "办理过程记录（哈希链）", tl); err != nil {
		return err
	}
	return d.addJSON("timeline-verification.json", "办理过程记录校验结果", verifyChain(c, events))
}

// pdfTitle describes a PDF version in the manifest.
func pdfTitle(n *models.Notice, v *models.NoticeVersion) string {
	t := fmt.Sprintf("%s %s（PDF 第%d版", n.Title, n.DocNumber, v.Version)
	if v.Sealed {
		t += "，加盖电子印章"
	}
	if v.Signed {
		t += "，电子签名"
	}
	return t + "）"
}

// dossierFiles writes every notice (its HTML and each PDF version) and
// every attachment of the case.
func (s *CaseService) dossierFiles(ctx context.Context, d *dossierZip, c *models.Case) error {
	notices, err := models.FindNotices(ctx, s.DB, c.ID, false)
	if err != nil {
		return err
	}
	versions, err := models.FindCaseNoticeVersions(ctx, s.DB, c.ID)
	if err != nil {
		return err
	}
	for i, n := range notices {
		full, err := models.FindNoticeByID(ctx, s.DB, n.ID)
		if err != nil {
			return err
		}
		if err := d.add(fmt.Sprintf("notices/%02d-%s.html", i+1, n.Kind), n.Title+" "+n.DocNumber, []byte(full.HTML)); err != nil {
			return err
		}
		// Every PDF version as issued; the manifest's SHA-256 of each is the
		// one its timeline event records.
		for _, v := range versions {
			if v.NoticeID != n.ID {
				continue
			}
			b, err := s.blobs.Get(ctx, s.DB, v.BlobKey)
			if err != nil {
				return err
			}
			if err := d.add(fmt.Sprintf("notices/%02d-%s-v%d.pdf", i+1, n.Kind, v.Version), pdfTitle(n, v), b); err != nil {
				return err
			}
		}
	}
	atts, err := models.FindCaseAttachments(ctx, s.DB, c.ID)
	if err != nil {
		return err
	}
	for _, a := range atts {
		b, err := s.blobs.Get(ctx, s.DB, a.BlobKey)
		if err != nil {
			return err
		}
		name := strings.ReplaceAll(path.Base(cleanFilename(a.Filename)), "/", "_")
		if err := d.add(fmt.Sprintf("attachments/%d-%s", a.ID, name), a.Purpose, b); err != nil {
			return err
		}
	}
	return nil
}
