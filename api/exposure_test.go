package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"gongkai/app"
)

// The exposure matrix (issue 4/10): what each party sees of one case that
// has everything — the applicant's identity document, an assistance task to
// each of two agencies, a third party's objection with its reasons, an
// answer returned with a comment and an earlier draft document, the
// approved answer with its released document, a remedy. Every response a
// party can get for the case is read and searched for markers planted in
// the case; the table below says which ones each party may see.

// Markers planted in the case.
const (
	mkIDDoc        = "身份证明-IDDOC.pdf"
	mkDraftDoc     = "答复草稿-DRAFTDOC.pdf"
	mkAnswerDoc    = "答复附件-ANSWERDOC.pdf"
	mkPurpose      = "PURPOSE-用于家庭补偿核对"
	mkAccessNote   = "ACCESSNOTE-视力障碍请大字"
	mkThirdParty   = "THIRDPARTY某置业有限公司"
	mkTPQuestion   = "TPQUESTION-是否同意公开补偿明细"
	mkObjection    = "OBJECTION-涉及本公司商业秘密"
	mkTPNReasons   = "TPNREASONS-该补偿方案关系被征收群众切身利益，不公开将对公共利益造成重大影响。"
	mkQuestionZFB  = "QUESTIONZFB-请提供征收批准文件"
	mkReplyZFB     = "REPLYZFB-批准文件为鲁政土字〔2025〕88号"
	mkQuestionJTJ  = "QUESTIONJTJ-请提供道路规划红线图"
	mkReturnNote   = "RETURNNOTE-请补充法律依据"
	mkRemedyNote   = "REMEDYNOTE-复议机关已立案"
	mkPhone        = "13905310001"
	mkOfficerName  = "赵国强"
	mkInternalKey  = `"internal":`
	mkActorNameKey = `"actorName":`
	mkHashKey      = `"hash":`
)

// exposureCase is the planted case and what was learnt while building it.
type exposureCase struct {
	id                        any
	trackingNumber, queryCode string
	idNumber                  string
	attachments               map[string]any // marker → attachment id
	notices                   []noticeRef
}

// noticeRef is a notice; its key is its kind, with the recipient for a
// letter asking for assistance.
type noticeRef struct {
	id  any
	key string
}

func noticeKey(kind, recipient string) string {
	if kind == "assistance" {
		return kind + "@" + recipient
	}
	return kind
}

const (
	assistZFB = "assistance@济南市莱芜区人民政府办公室"
	assistJTJ = "assistance@济南市莱芜区城乡交通运输局"
)

func (h *harness) expAt(date, hhmm string) {
	t, err := time.Parse("2006-01-02 15:04 -0700", date+" "+hhmm+" +0800")
	if err != nil {
		panic(err)
	}
	h.clock.mu.Lock()
	h.clock.t = t.UTC()
	h.clock.mu.Unlock()
}

func (h *harness) expUpload(t *testing.T, token, name, purpose string) any {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write([]byte("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF " + name))
	w.WriteField("purpose", purpose)
	w.Close()
	r := h.do("POST", "/api/v1/attachments", token, buf.Bytes(), "Content-Type", w.FormDataContentType())
	if r.Code != http.StatusCreated {
		t.Fatalf("upload %s: %d %s", name, r.Code, r.Body)
	}
	return r.Map(t)["id"]
}

// expAct takes an action as token, reading the version as the handling
// officer sees it.
func (h *harness) expAct(t *testing.T, token string, id any, action string, body map[string]any) map[string]any {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	c := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", id), h.token("demo-officer2"), nil)
	body["version"] = c.Map(t)["version"]
	r := h.do("POST", fmt.Sprintf("/api/v1/applications/%v/actions/%s", id, action), token, body)
	if r.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", action, r.Code, r.Body)
	}
	return r.Map(t)
}

// plantExposureCase files the case with agency 4 (区自然资源局) and walks it
// to an approved answer.
func plantExposureCase(t *testing.T, h *harness) exposureCase {
	t.Helper()
	h.expAt("2026-10-12", "10:00")
	applicant, officer2, own := h.token("demo-applicant"), h.token("demo-officer2"), h.token("demo-supervisor-zrj")
	x := exposureCase{attachments: map[string]any{}, idNumber: app.WithIDCheck("37120219850317203")}
	x.attachments[mkIDDoc] = h.expUpload(t, applicant, mkIDDoc, "application")
	r := h.do("POST", "/api/v1/applications", applicant, map[string]any{"agencyId": 4, "title": "2025年凤城街道土地征收补偿安置方案",
		"description": "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", "formats": []string{"electronic"}, "delivery": "online",
		"purpose": mkPurpose, "accessibilityHelp": true, "accessibilityNote": mkAccessNote, "attachments": []any{x.attachments[mkIDDoc]}})
	if r.Code != http.StatusCreated {
		t.Fatalf("file: %d %s", r.Code, r.Body)
	}
	c := r.Map(t)
	x.id, x.trackingNumber, x.queryCode = c["id"], c["trackingNumber"].(string), c["queryCode"].(string)
	h.expAct(t, officer2, x.id, "accept", nil)
	h.expAct(t, officer2, x.id, "request-assistance", map[string]any{"agencyId": 1, "question": mkQuestionZFB})
	h.expAct(t, officer2, x.id, "request-assistance", map[string]any{"agencyId": 2, "question": mkQuestionJTJ})
	c = h.expAct(t, officer2, x.id, "start-consultation", map[string]any{"kind": "third_party", "partyName": mkThirdParty, "question": mkTPQuestion})
	var tp, zfb any
	for _, k := range c["consultations"].([]any) {
		k := k.(map[string]any)
		switch {
		case k["kind"] == "third_party":
			tp = k["id"]
		case k["kind"] == "assistance" && k["partyAgencyId"] == float64(1):
			zfb = k["id"]
		}
	}
	h.expAt("2026-10-14", "10:00")
	h.expAct(t, officer2, x.id, "record-consultation-reply", map[string]any{"consultationId": tp, "reply": "object", "reason": mkObjection})
	h.expAct(t, h.token("demo-officer"), x.id, "reply-assistance", map[string]any{"consultationId": zfb, "reply": mkReplyZFB})
	x.attachments[mkDraftDoc] = h.expUpload(t, officer2, mkDraftDoc, "answer")
	draft := map[string]any{"outcome": "disclosed", "legalBasis": "《条例》第三十二条、第三十六条第（二）项", "text": "经审查，现向您提供该信息。",
		"thirdPartyNotice": map[string]any{"reasons": mkTPNReasons, "disclosureDate": "2026-10-26"}, "attachments": []any{x.attachments[mkDraftDoc]}}
	h.expAct(t, officer2, x.id, "draft-answer", draft)
	h.expAct(t, own, x.id, "decide-answer", map[string]any{"approve": false, "comment": mkReturnNote})
	x.attachments[mkAnswerDoc] = h.expUpload(t, officer2, mkAnswerDoc, "answer")
	draft["attachments"] = []any{x.attachments[mkAnswerDoc]}
	h.expAct(t, officer2, x.id, "draft-answer", draft)
	// While the answer waits for approval its document is the officers'.
	if r := h.do("GET", fmt.Sprintf("/api/v1/attachments/%v", x.attachments[mkAnswerDoc]), applicant, nil); r.Code != 404 {
		t.Errorf("the applicant downloads the draft answer's document: %d", r.Code)
	}
	if r := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", x.id), applicant, nil); strings.Contains(r.Body.String(), mkAnswerDoc) || strings.Contains(r.Body.String(), `"answer":`) {
		t.Errorf("the applicant sees the draft answer: %s", r.Body)
	}
	h.expAct(t, own, x.id, "decide-answer", map[string]any{"approve": true})
	h.expAct(t, officer2, x.id, "record-remedy", map[string]any{"kind": "reconsideration", "filedOn": "2026-10-14", "result": "pending", "note": mkRemedyNote})
	var ns noticeList
	h.do("GET", fmt.Sprintf("/api/v1/applications/%v/notices", x.id), officer2, nil).JSON(t, &ns)
	for _, n := range ns.Items {
		x.notices = append(x.notices, noticeRef{n.ID, noticeKey(n.Kind, n.Recipient)})
	}
	return x
}

type noticeList struct {
	Items []struct {
		ID        any    `json:"id"`
		Kind      string `json:"kind"`
		Recipient string `json:"recipient"`
	} `json:"items"`
	Notices []struct {
		ID        any    `json:"id"`
		Kind      string `json:"kind"`
		Recipient string `json:"recipient"`
	} `json:"notices"`
}

// exposureParty is one viewer and what it may see.
type exposureParty struct {
	name     string
	audience app.Audience
	// user logs in; "" is the anonymous tracker (tracking number and
	// query code).
	user string
	// status of every case endpoint: 200, or 404 for a case the party may
	// not know of, 403 for a role without case access.
	status int
	// internal: the timeline's internal data, actor names and hashes.
	internal bool
	// sees must appear in the party's responses, hides must not.
	sees, hides []string
	// downloads says which attachments the party may download (by marker).
	downloads []string
	// notices are the notices the party may list and open (noticeKey).
	notices []string
	dossier int
	// assisting parties find the case in their assistance list.
	assisting bool
}

// internalMarkers is everything of the officers' work on the case that is
// not addressed to the applicant.
var internalMarkers = []string{mkDraftDoc, mkThirdParty, mkTPQuestion, mkObjection, mkTPNReasons, mkQuestionZFB, mkReplyZFB, mkQuestionJTJ,
	mkReturnNote, mkRemedyNote, mkOfficerName, mkInternalKey, mkActorNameKey, mkHashKey}

var applicantNotices = []string{"receipt", "consultation_applicant", "answer"}

func exposureParties(x exposureCase) []exposureParty {
	all := []string{mkIDDoc, mkDraftDoc, mkAnswerDoc, mkPurpose, mkAccessNote, mkThirdParty, mkTPQuestion, mkObjection, mkTPNReasons,
		mkQuestionZFB, mkReplyZFB, mkQuestionJTJ, mkReturnNote, mkRemedyNote, mkPhone, mkOfficerName, mkInternalKey, mkActorNameKey, mkHashKey}
	var allNotices []string
	for _, n := range x.notices {
		allNotices = append(allNotices, n.key)
	}
	docs := []string{mkIDDoc, mkDraftDoc, mkAnswerDoc}
	// An assisting agency sees the request (title, description, formats,
	// the applicant's name) and its own task: nothing of the applicant's
	// contacts, files, purpose or needs, nor of the officers' work.
	assisting := func(name, user, letter, question, otherQuestion string) exposureParty {
		hides := []string{mkIDDoc, mkDraftDoc, mkAnswerDoc, mkPurpose, mkAccessNote, mkThirdParty, mkTPQuestion, mkObjection, mkTPNReasons,
			otherQuestion, mkReturnNote, mkRemedyNote, mkPhone, mkOfficerName, mkInternalKey, mkActorNameKey, mkHashKey, x.queryCode, x.idNumber, x.idNumber[:6]}
		return exposureParty{name: name, audience: app.AudienceAssisting, user: user, status: 200, sees: []string{question, "征地补偿安置方案", "张明"}, hides: hides,
			notices: []string{letter}, dossier: 403, assisting: true}
	}
	return []exposureParty{
		{name: "handling officer", audience: app.AudienceHandling, user: "demo-officer2", status: 200, internal: true, sees: append(all, x.idNumber, x.queryCode),
			downloads: docs, notices: allNotices, dossier: 200},
		{name: "handling supervisor", audience: app.AudienceHandling, user: "demo-supervisor-zrj", status: 200, internal: true, sees: append(all, x.idNumber, x.queryCode),
			downloads: docs, notices: allNotices, dossier: 200},
		// A district-wide supervisor of another agency supervises (督办)
		// and reports: it sees the case file, the numbers masked, and
		// neither decides nor takes the dossier.
		{name: "district-wide supervisor", audience: app.AudienceSupervision, user: "demo-supervisor", status: 200, internal: true, sees: all, hides: []string{x.idNumber},
			downloads: docs, notices: allNotices, dossier: 403},
		// The applicant sees what is addressed to it: its own request and
		// files, the public timeline, its notices, the released answer.
		{name: "applicant", audience: app.AudienceApplicant, user: "demo-applicant", status: 200, sees: []string{mkIDDoc, mkAnswerDoc, mkPurpose, mkAccessNote, mkPhone, x.queryCode},
			hides: append(internalMarkers, x.idNumber), downloads: []string{mkIDDoc, mkAnswerDoc}, notices: applicantNotices, dossier: 403},
		assisting("assisting agency, task answered", "demo-officer", assistZFB, mkQuestionZFB, mkQuestionJTJ),
		assisting("assisting agency, task open", "demo-supervisor-jtj", assistJTJ, mkQuestionJTJ, mkQuestionZFB),
		{name: "public tracker", audience: app.AudiencePublic, status: 200, sees: []string{x.trackingNumber}, hides: append(internalMarkers, mkIDDoc, mkPurpose, mkAccessNote, mkPhone, x.idNumber),
			notices: applicantNotices},
		{name: "another applicant", user: "demo-org", status: 404, dossier: 403},
		{name: "an unrelated agency", user: "demo-supervisor-ghzx", status: 404, dossier: 404},
		{name: "administrator", user: "demo-admin", status: 403, dossier: 403},
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestExposureMatrix reads every response shape of the planted case as
// each party: the case detail, the list, the timeline, the notices (list
// and each notice), each attachment download and the dossier.
func TestExposureMatrix(t *testing.T) {
	eachDBLong(t, func(t *testing.T, h *harness) {
		x := plantExposureCase(t, h)
		for _, p := range exposureParties(x) {
			t.Run(p.name, func(t *testing.T) {
				checkExposure(t, h, x, p)
				if p.audience != "" {
					checkExposureTable(t, x, p)
				}
			})
		}
	})
}

// exposureReader reads the case as one party and keeps every body.
type exposureReader struct {
	t      *testing.T
	h      *harness
	x      exposureCase
	p      exposureParty
	token  string
	bodies []string
	listed map[any]string // notice id → key, as listed to the party
}

func (rd *exposureReader) get(path string) response {
	r := rd.h.do("GET", path, rd.token, nil)
	rd.bodies = append(rd.bodies, r.Body.String())
	// A PDF's text is compressed: search what it reads as.
	if r.Code == 200 && r.Header().Get("Content-Type") == pdfType {
		if _, err := exec.LookPath("pdftotext"); err == nil {
			rd.bodies = append(rd.bodies, readPDF(rd.t, r.Body.Bytes()).text)
		}
	}
	return r
}

// readNotice opens a notice in every form (the page, the PDF, the phone
// view) at base with the query q, each answering status.
func (rd *exposureReader) readNotice(what, base, q string, status int) {
	rd.t.Helper()
	join := func(path, query string) string {
		if query == "" {
			return path
		}
		return path + "?" + query
	}
	pdf := "format=pdf"
	if q != "" {
		pdf = q + "&" + pdf
	}
	rd.want(what, rd.get(join(base, q)), status)
	rd.want(what+" as PDF", rd.get(join(base, pdf)), status)
	rd.want(what+" for phones", rd.get(join(base+"/content", q)), status)
}

func (rd *exposureReader) want(what string, r response, status int) {
	rd.t.Helper()
	if r.Code != status {
		rd.t.Errorf("%s: %d, want %d: %.300s", what, r.Code, status, r.Body)
	}
}

func (rd *exposureReader) list(r response) {
	if r.Code != 200 {
		return
	}
	var ns noticeList
	r.JSON(rd.t, &ns)
	for _, n := range append(ns.Items, ns.Notices...) {
		rd.listed[n.ID] = noticeKey(n.Kind, n.Recipient)
	}
}

// noticeStatus is what opening notice n answers the party.
func (rd *exposureReader) noticeStatus(n noticeRef) int {
	if rd.p.status == 200 && !contains(rd.p.notices, n.key) {
		return 404
	}
	return rd.p.status
}

// track reads the case as the anonymous tracker.
func (rd *exposureReader) track() {
	q := "trackingNumber=" + url.QueryEscape(rd.x.trackingNumber) + "&queryCode=" + rd.x.queryCode
	r := rd.get("/api/v1/public/track?" + q)
	rd.want("track", r, 200)
	rd.list(r)
	for _, n := range rd.x.notices {
		rd.readNotice("tracked notice "+n.key, fmt.Sprintf("/api/v1/public/track/notices/%v", n.id), q, rd.noticeStatus(n))
	}
}

// read reads the case as a logged-in party: detail, timeline, notices,
// the list, every download and the dossier.
func (rd *exposureReader) read() {
	rd.token = rd.h.token(rd.p.user)
	base := fmt.Sprintf("/api/v1/applications/%v", rd.x.id)
	rd.want("detail", rd.get(base), rd.p.status)
	rd.want("events", rd.get(base+"/events"), rd.p.status)
	r := rd.get(base + "/notices")
	rd.want("notices", r, rd.p.status)
	rd.list(r)
	for _, n := range rd.x.notices {
		rd.readNotice("notice "+n.key, fmt.Sprintf("/api/v1/notices/%v", n.id), "", rd.noticeStatus(n))
	}
	if rd.p.status == 200 {
		path := "/api/v1/applications?limit=100"
		if rd.p.assisting {
			path += "&scope=assistance"
		}
		if l := rd.get(path); !strings.Contains(l.Body.String(), rd.x.trackingNumber) {
			rd.t.Errorf("the list lacks the case: %.300s", l.Body)
		}
	}
	for mk, id := range rd.x.attachments {
		rd.download(mk, id)
	}
	rd.want("dossier", rd.h.do("GET", base+"/dossier", rd.token, nil), rd.p.dossier)
}

func (rd *exposureReader) download(mk string, id any) {
	status := 404
	switch {
	case rd.p.status == 403:
		status = 403
	case contains(rd.p.downloads, mk):
		status = 200
	}
	r := rd.h.do("GET", fmt.Sprintf("/api/v1/attachments/%v", id), rd.token, nil)
	rd.want("download "+mk, r, status)
	if status == 200 && (r.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(r.Header().Get("Content-Disposition"), "attachment")) {
		rd.t.Errorf("download %s: headers %v", mk, r.Header())
	}
}

// checkListed: the notices listed are exactly those the party may open.
func (rd *exposureReader) checkListed() {
	var keys []string
	for _, k := range rd.listed {
		if !contains(keys, k) {
			keys = append(keys, k)
		}
		if !contains(rd.p.notices, k) {
			rd.t.Errorf("lists a notice %s", k)
		}
	}
	for _, k := range rd.p.notices {
		if rd.p.status == 200 && !contains(keys, k) {
			rd.t.Errorf("does not list a notice %s (lists %v)", k, keys)
		}
	}
}

// checkMarkers searches every body the party got.
func (rd *exposureReader) checkMarkers() {
	all := strings.Join(rd.bodies, "\n")
	for _, s := range rd.p.sees {
		if !strings.Contains(all, s) {
			rd.t.Errorf("does not see %q", s)
		}
	}
	for _, s := range rd.p.hides {
		if i := strings.Index(all, s); i >= 0 {
			rd.t.Errorf("sees %q: …%s…", s, all[max(0, i-200):min(len(all), i+100)])
		}
	}
	if rd.p.status == 200 && rd.p.internal != strings.Contains(all, mkInternalKey) {
		rd.t.Errorf("internal timeline data shown: %v, want %v", !rd.p.internal, rd.p.internal)
	}
}

func checkExposure(t *testing.T, h *harness, x exposureCase, p exposureParty) {
	rd := &exposureReader{t: t, h: h, x: x, p: p, listed: map[any]string{}}
	if p.user == "" {
		rd.track()
	} else {
		rd.read()
	}
	rd.checkListed()
	rd.checkMarkers()
}

// checkExposureTable holds the party's expectations to the decision in
// app (app.ExposureOf), so that the table and what the API does cannot
// drift apart.
func checkExposureTable(t *testing.T, x exposureCase, p exposureParty) {
	e := app.ExposureOf(p.audience)
	if e.Internal != p.internal {
		t.Errorf("%s: Internal %v, the party %v", p.audience, e.Internal, p.internal)
	}
	if e.Dossier != (p.dossier == 200) {
		t.Errorf("%s: Dossier %v, the party gets %d", p.audience, e.Dossier, p.dossier)
	}
	if (e.Identity == app.IdentityFull) != contains(p.sees, x.idNumber) {
		t.Errorf("%s: identity %s, the party sees the number: %v", p.audience, e.Identity, contains(p.sees, x.idNumber))
	}
	if (e.Attachments == app.ScopeNone) != (len(p.downloads) == 0) || (e.Attachments == app.ScopeAll) != contains(p.downloads, mkDraftDoc) {
		t.Errorf("%s: attachments %s, the party downloads %v", p.audience, e.Attachments, p.downloads)
	}
	var consulted bool
	switch e.Consultations {
	case app.ScopeAll:
		consulted = contains(p.sees, mkObjection)
	case app.ScopeOwnTask:
		consulted = p.assisting
	case app.ScopeNone:
		consulted = contains(p.hides, mkQuestionZFB) && contains(p.hides, mkQuestionJTJ)
	}
	if !consulted {
		t.Errorf("%s: consultations %s", p.audience, e.Consultations)
	}
	if e.Notices == app.ScopeAll != (len(p.notices) == len(x.notices)) {
		t.Errorf("%s: notices %s, the party opens %v", p.audience, e.Notices, p.notices)
	}
}
