package app

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gongkai/app/calendar"
	"gongkai/configs"
	"gongkai/models"
)

func mustNotices(t *testing.T) *Notices {
	t.Helper()
	n, err := NewNotices(configs.Files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

var sampleAgency = &models.Agency{Name: "济南市莱芜区人民政府办公室", ShortName: "区政府办公室", Code: "ZFB", DocPrefix: "莱芜区政府办",
	ReconsiderationBody: "济南市莱芜区人民政府", Court: "济南市莱芜区人民法院"}

// sampleText renders kind's built-in body with the sample data for an
// applicant of type at, as text without tags.
func sampleText(t *testing.T, n *Notices, kind string, at models.ApplicantType) string {
	t.Helper()
	d := sampleNotice(kind, sampleAgency, calendar.New(nil, []int{2026, 2027}))
	if !thirdPartyNotices[kind] {
		d.You = youOf(at)
	}
	r, err := renderNotice(n.std, d)
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`<[^>]*>|\s+`).ReplaceAllString(r.body, "")
}

// TestNoticeWording reads every notice kind as a natural person and as an
// organisation receive it: each is addressed by type (您, 贵单位; 您（单位）
// only to a third party, whose type is not recorded), calls itself by its
// own name, states its deadlines inclusively, and gives the officer's
// reasons a sentence of their own (issue 6/10, the slips found by reading).
func TestNoticeWording(t *testing.T) {
	n := mustNotices(t)
	for _, kind := range NoticeKinds() {
		for _, at := range []models.ApplicantType{models.ApplicantNatural, models.ApplicantOrganization} {
			text := sampleText(t, n, kind, at)
			switch {
			case thirdPartyNotices[kind]:
				if !strings.Contains(text, "您（单位）") {
					t.Errorf("%s: the third party is not addressed as 您（单位）: %s", kind, text)
				}
			case strings.Contains(text, "您（单位）"):
				t.Errorf("%s to %s: says 您（单位）: %s", kind, at, text)
			case at == models.ApplicantOrganization && strings.Contains(text, "您"):
				t.Errorf("%s: an organisation is addressed as 您: %s", kind, text)
			}
			own := docWord(noticeTitles[kind])
			for _, w := range []string{"答复书", "告知书", "通知书", "征求意见书", "回执"} {
				if w != own && strings.Contains(text, "本"+w) && !(kind == "correction" && w == "告知书") {
					t.Errorf("%s (a %s) calls itself 本%s: %s", kind, own, w, text)
				}
			}
			// Every future date a reader must act by is inclusive.
			for _, m := range regexp.MustCompile(`(前|至|期限)\S{0,3}?(\d{4}年\d{1,2}月\d{1,2}日)(.{0,6})`).FindAllStringSubmatch(text, -1) {
				if !strings.HasPrefix(m[3], "（含当日）") && !strings.Contains(m[0], "届满") {
					t.Errorf("%s: %q is not stated inclusively: %s", kind, m[0], text)
				}
			}
		}
	}
	tests := []struct {
		kind string
		want []string
	}{
		{"receipt", []string{"您可凭查询号和查询码", "2026年12月29日（含当日）前"}},
		{"extension", []string{"本机关不能在法定期限内作出答复。", "延期理由：申请公开的信息涉及多个部门，需要调取、汇总的材料较多。", "至2027年1月27日（含当日）。"}},
		{"answer", []string{"如对本答复书不服", "随本答复书提供的政府信息"}},
		{"fee", []string{"收到本通知书次日起", "2026年12月30日（含当日）前"}},
		{"correction", []string{"请写明所需信息的文号或形成时间。请说明所需信息涉及的地块位置。", "（即2026年12月15日（含当日）前）"}},
		{"custom_deadline", []string{"理由：申请公开的政府信息数量明显超过合理范围。"}},
	}
	for _, tt := range tests {
		text := sampleText(t, n, tt.kind, models.ApplicantNatural)
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q: %s", tt.kind, w, text)
			}
		}
	}
	if org := sampleText(t, n, "receipt", models.ApplicantOrganization); !strings.Contains(org, "本机关已收到贵单位提交的") || !strings.Contains(org, "贵单位可凭查询号") {
		t.Errorf("receipt to an organisation: %s", org)
	}
}

// TestExtensionReasonStandsAlone: however the officer ends the reason, it
// is one sentence after the decision, never pasted into it.
func TestExtensionReasonStandsAlone(t *testing.T) {
	n := mustNotices(t)
	for _, reason := range []string{"加急", "加急。", "加急，", "需调取档案（见附件）", "  需调取档案  "} {
		d := sampleNotice("extension", sampleAgency, calendar.New(nil, []int{2026, 2027}))
		d.Extra["reason"] = reason
		r, err := renderNotice(n.std, d)
		if err != nil {
			t.Fatal(err)
		}
		want := "<p>延期理由：" + sentence(reason) + "</p>"
		if !strings.Contains(r.body, want) || strings.Count(r.body, strings.TrimRight(strings.TrimSpace(reason), "。，")) != 1 {
			t.Errorf("reason %q: want %q in %s", reason, want, r.body)
		}
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"加急": "加急。", "加急。": "加急。", "加急，": "加急。", "加急；": "加急。", "是否同意？": "是否同意？",
		"见附件（二）": "见附件（二）。", "“已公开。”": "“已公开。”", " 加急 ": "加急。", "": "",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSamplesPassTheirOwnCheck: every built-in body is accepted as an
// agency template (its sample data names every key it reads) and keeps to
// the HTML a PDF can hold.
func TestSamplesPassTheirOwnCheck(t *testing.T) {
	n := mustNotices(t)
	s := &NoticeTemplateService{cases: &CaseService{notices: n}}
	for _, kind := range NoticeKinds() {
		if _, err := s.checkTemplate(sampleAgency, kind, n.bodySource(kind).text, calendar.New(nil, []int{2026})); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
}

// TestInstallationTemplates: a file in the installation's directory
// replaces the built-in one of its name, and is named as the source; an
// unknown file or one that defines templates stops the start.
func TestInstallationTemplates(t *testing.T) {
	dir := fstest.MapFS{"body_receipt.html": {Data: []byte(`<p class="noindent">{{.Recipient}}：</p><p>本机关已收到申请（本地模板）。</p>`)}}
	n, err := NewNotices(configs.Files, dir)
	if err != nil {
		t.Fatal(err)
	}
	if src := n.bodySource("receipt"); src.origin != TemplateInstallation || n.bodySource("answer").origin != TemplateBuiltin {
		t.Errorf("sources: receipt %s, answer %s", src.origin, n.bodySource("answer").origin)
	}
	if text := sampleText(t, n, "receipt", models.ApplicantNatural); !strings.Contains(text, "本地模板") {
		t.Errorf("receipt: %s", text)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"an unknown file":            {"body_memo.html": {Data: []byte("<p>x</p>")}},
		"a body with a define":       {"body_answer.html": {Data: []byte(`{{define "remedy"}}{{end}}<p>x</p>`)}},
		"a page that does not parse": {"page.html": {Data: []byte(`{{define "page"}}{{if}}{{end}}`)}},
	} {
		if _, err := NewNotices(configs.Files, fsys); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}
