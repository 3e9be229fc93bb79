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

// Dossier builds the case file for 行政复议 and litigation: one ZIP with the
// timeline and its hash-chain verification, every notice, every attachment
// and a manifest of SHA-256 sums. Staff of the handling agency only.
func (s *CaseService) Dossier(ctx context.Context, actor Actor, id uint) (name string, data []byte, err error) {
	v, err := s.load(ctx, s.DB, actor, id)
	if err != nil {
		return "", nil, err
	}
	if !handles(actor, v.Case) || v.ViaAssistance {
		return "", nil, errNotVisible
	}
	if err := s.complete(ctx, v, true); err != nil {
		return "", nil, err
	}
	c := v.Case
	events, err := models.FindCaseEvents(ctx, s.DB, c.ID, false)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var manifest []DossierEntry
	add := func(p, title string, b []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p, Method: zip.Deflate, Modified: s.Now()})
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		manifest = append(manifest, DossierEntry{Path: p, Size: len(b), SHA256: hex.EncodeToString(sum[:]), Title: title})
		return nil
	}
	type ev struct {
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
	var tl []ev
	for _, e := range events {
		d := json.RawMessage(e.Data)
		if len(d) == 0 {
			d = json.RawMessage("null")
		}
		tl = append(tl, ev{e.Seq, e.At, e.Action, string(e.FromStatus), string(e.ToStatus), string(e.ActorRole), e.ActorName, e.Public, d, e.PrevHash, e.Hash})
	}
	mustJSON := func(x any) []byte { b, _ := json.MarshalIndent(x, "", "  "); return b }
	summary := map[string]any{
		"trackingNumber": c.TrackingNumber, "agency": c.Agency.Name, "title": c.Title, "description": c.Description,
		"applicant": c.ApplicantName, "applicantType": c.ApplicantType, "channel": c.Channel, "arrivedAt": c.ArrivedAt,
		"receiptDate": c.ReceiptDate, "status": c.Status, "outcome": c.Outcome, "concludedOn": c.ConcludedOn, "clock": v.Clock,
		"state": v.State, "consultations": v.Consultations, "fees": v.Fees, "remedies": v.Remedies,
	}
	if err := add("case.json", "申请与办理情况", mustJSON(summary)); err != nil {
		return "", nil, err
	}
	if err := add("timeline.json", "办理过程记录（哈希链）", mustJSON(tl)); err != nil {
		return "", nil, err
	}
	if err := add("timeline-verification.json", "办理过程记录校验结果", mustJSON(verifyChain(c, events))); err != nil {
		return "", nil, err
	}
	notices, err := models.FindNotices(ctx, s.DB, c.ID, false)
	if err != nil {
		return "", nil, err
	}
	for i, n := range notices {
		full, err := models.FindNoticeByID(ctx, s.DB, n.ID)
		if err != nil {
			return "", nil, err
		}
		if err := add(fmt.Sprintf("notices/%02d-%s.html", i+1, n.Kind), n.Title+" "+n.DocNumber, []byte(full.HTML)); err != nil {
			return "", nil, err
		}
	}
	atts, err := models.FindCaseAttachments(ctx, s.DB, c.ID)
	if err != nil {
		return "", nil, err
	}
	for _, a := range atts {
		b, err := s.blobs.Get(ctx, s.DB, a.BlobKey)
		if err != nil {
			return "", nil, err
		}
		name := strings.ReplaceAll(path.Base(a.Filename), "/", "_")
		if err := add(fmt.Sprintf("attachments/%d-%s", a.ID, name), a.Purpose, b); err != nil {
			return "", nil, err
		}
	}
	if err := add("manifest.json", "", mustJSON(map[string]any{
		"trackingNumber": c.TrackingNumber, "generatedAt": s.Now().UTC(), "generatedBy": actor.Username, "files": manifest,
		"note": "每个文件的 SHA-256 见 files；timeline.json 中每条记录的 hash 由其内容与上一条记录的 hash 计算（SHA-256），可独立复核。",
	})); err != nil {
		return "", nil, err
	}
	if err := zw.Close(); err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("dossier-%s.zip", c.TrackingNumber), buf.Bytes(), nil
}
