package register

import (
	"testing"

	"gongkai/models"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     string
		problem  dateProblem
	}{
		{"2026-01-05", false, "2026-01-05", dateOK},
		{"2026/1/5", false, "2026-01-05", dateOK},
		{"2026.1.5", false, "2026-01-05", dateOK},
		{"2026年1月5日", false, "2026-01-05", dateOK},
		{"2026 年 1 月 5 日", false, "2026-01-05", dateOK},
		{"２０２６年１月５日", false, "2026-01-05", dateOK},
		{"20260105", false, "2026-01-05", dateOK},
		{"46027", false, "2026-01-05", dateOK},
		{"46027.75", false, "2026-01-05", dateOK}, // a date-time cell
		{"44565", true, "2026-01-05", dateOK},     // the 1904 date system
		{"2026-01-05 09:30:00", false, "2026-01-05", dateOK},
		{"2026-01-05T09:30:00Z", false, "2026-01-05", dateOK},
		{"2024-02-29", false, "2024-02-29", dateOK},
		{"2026-02-30", false, "", dateImpossible},
		{"2025-02-29", false, "", dateImpossible},
		{"20261301", false, "", dateImpossible},
		{"2026-1", false, "", dateBadFormat},
		{"2026.1", false, "", dateBadFormat},
		{"26/1/5", false, "", dateBadFormat},
		{"1/5/2026", false, "", dateBadFormat},
		{"2026-01-05-01", false, "", dateBadFormat},
		{"昨天", false, "", dateBadFormat},
	}
	for _, tt := range tests {
		got, p := parseDate(tt.in, tt.date1904)
		if got != tt.want || p != tt.problem {
			t.Errorf("parseDate(%q, %v) = %q, %d; want %q, %d", tt.in, tt.date1904, got, p, tt.want, tt.problem)
		}
	}
}

func TestExcelSerial(t *testing.T) {
	for _, d := range []string{"2008-05-01", "2026-01-05", "2099-12-31"} {
		s, ok := excelSerial(d)
		back, _ := serialDate(s, false)
		if !ok || back != d {
			t.Errorf("%s → %v → %s", d, s, back)
		}
	}
}

func TestParseFee(t *testing.T) {
	tests := []struct {
		in       string
		fen      int64
		ok, negv bool
	}{
		{"0", 0, true, false},
		{"120", 12000, true, false},
		{"120.5", 12050, true, false},
		{"120.50", 12050, true, false},
		{".5", 50, true, false},
		{"1,234.00", 123400, true, false},
		{"￥83,460元", 8346000, true, false},
		{"120.49999999999999", 12050, true, false}, // float noise of a cell
		{"1.234", 0, false, false},
		{"-5", 0, false, true},
		{"十元", 0, false, false},
		{"1e3", 0, false, false},
		{"", 0, false, false},
		{"元", 0, false, false},
		{".", 0, false, false},
	}
	for _, tt := range tests {
		fen, ok, neg := parseFee(tt.in)
		if fen != tt.fen || ok != tt.ok || neg != tt.negv {
			t.Errorf("parseFee(%q) = %d, %v, %v; want %d, %v, %v", tt.in, fen, ok, neg, tt.fen, tt.ok, tt.negv)
		}
	}
}

func TestChannelVocab(t *testing.T) {
	tests := map[string]models.Channel{
		"当面": models.ChannelInPerson, "现场": models.ChannelInPerson, "窗口提交": models.ChannelInPerson,
		"挂号信或EMS": models.ChannelRegisteredPost, "挂号信": models.ChannelRegisteredPost, "EMS": models.ChannelRegisteredPost,
		"ems": models.ChannelRegisteredPost, "挂号信/EMS": models.ChannelRegisteredPost,
		"平信": models.ChannelOrdinaryPost, "邮寄": models.ChannelOrdinaryPost, "信函": models.ChannelOrdinaryPost,
		"传真":   models.ChannelFax,
		"电子邮件": models.ChannelEmail, "邮件": models.ChannelEmail, "E-mail": models.ChannelEmail,
		"网上申请": models.ChannelOnline, "网络": models.ChannelOnline, "互联网": models.ChannelOnline,
		"政府网站": models.ChannelOnline, " 网上 申请 ": models.ChannelOnline, "online": models.ChannelOnline,
	}
	for in, want := range tests {
		if got, ok := channelVocab.parse(in); !ok || got != want {
			t.Errorf("channel %q = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, c := range models.Channels {
		if _, ok := channelVocab.label(func(x models.Channel) bool { return x == c }); !ok {
			t.Errorf("channel %q has no wording", c)
		}
	}
}

func TestApplicantVocab(t *testing.T) {
	tests := []struct {
		in          string
		typ         models.ApplicantType
		cat         models.OrgCategory
		unspecified bool
	}{
		{"自然人", models.ApplicantNatural, "", false},
		{"个人", models.ApplicantNatural, "", false},
		{"商业企业", models.ApplicantOrganization, models.OrgCommercial, false},
		{"法人或其他组织-商业企业", models.ApplicantOrganization, models.OrgCommercial, false},
		{"法人或其他组织（科研机构）", models.ApplicantOrganization, models.OrgResearch, false},
		{"社会公益组织", models.ApplicantOrganization, models.OrgPublicWelfare, false},
		{"律师事务所", models.ApplicantOrganization, models.OrgLegalService, false},
		{"其他", models.ApplicantOrganization, models.OrgOther, false},
		{"法人或其他组织 其他", models.ApplicantOrganization, models.OrgOther, false},
		{"法人或其他组织", "", "", true},
		{"法人", "", "", true},
		{"外国人", "", "", false},
	}
	for _, tt := range tests {
		a, ok, unspec := parseApplicant(tt.in)
		if a.typ != tt.typ || a.cat != tt.cat || unspec != tt.unspecified || ok != (tt.typ != "") {
			t.Errorf("parseApplicant(%q) = %+v, %v, %v", tt.in, a, ok, unspec)
		}
	}
}

func TestOutcomeWordings(t *testing.T) {
	labels := outcomeLabels()
	if len(labels) != len(models.Outcomes) {
		t.Fatalf("%d wordings for %d outcomes", len(labels), len(models.Outcomes))
	}
	seen := map[string]bool{}
	for i, o := range models.Outcomes {
		w := labels[i]
		if seen[w] {
			t.Errorf("wording %q used twice: add a qualifier in outcomeQualifiers", w)
		}
		seen[w] = true
		if got, ok := outcomes.parse(w); !ok || got != o.Key {
			t.Errorf("parse(%q) = %q, %v; want %q", w, got, ok, o.Key)
		}
	}
}

func TestOutcomeVariants(t *testing.T) {
	tests := map[string]string{
		"（一）予以公开": "disclosed",
		"(一)予以公开": "disclosed",
		"予以公开":    "disclosed",
		"（二）部分公开": "partially_disclosed",
		"部分公开":    "partially_disclosed",
		"（二）部分公开（区分处理的，只计这一情形，不计其他情形）":     "partially_disclosed",
		"（三）不予公开 4.保护第三方合法权益":              "not_disclosed.third_party_rights",
		"（三）不予公开4.保护第三方合法权益":               "not_disclosed.third_party_rights",
		"(三)不予公开 4.保护第三方合法权益":              "not_disclosed.third_party_rights",
		"不予公开-4、保护第三方合法权益":                 "not_disclosed.third_party_rights",
		"不予公开（保护第三方合法权益）":                  "not_disclosed.third_party_rights",
		"4.保护第三方合法权益":                      "not_disclosed.third_party_rights",
		"保护第三方合法权益":                        "not_disclosed.third_party_rights",
		"（三）4":                             "not_disclosed.third_party_rights",
		"3.危及三安全一稳定":                       "not_disclosed.three_safeties",
		"（三）不予公开 3.危及\"三安全一稳定\"":           "not_disclosed.three_safeties",
		"本机关不掌握相关政府信息":                     "unable.not_held",
		"（五）不予处理 2.重复申请":                   "not_processed.repeat",
		"（六）其他处理 3.其他":                     "other.other",
		"3.其他":                             "other.other",
		"（六）其他处理 3.其他（申请人撤回）":              "other.withdrawn",
		"申请人撤回":                            "other.withdrawn",
		"not_disclosed.third_party_rights": "not_disclosed.third_party_rights",
	}
	for in, want := range tests {
		if got, ok := outcomes.parse(in); !ok || got != want {
			t.Errorf("parse(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"不公开", "（三）不予公开", "不予公开", "（六）", "1.", "公开"} {
		if got, ok := outcomes.parse(in); ok {
			t.Errorf("parse(%q) = %q; want no match", in, got)
		}
	}
}

func TestRemedies(t *testing.T) {
	tests := []struct {
		recon, lit string
		want       []Remedy
		errs       int
	}{
		{"", "", nil, 0},
		{"无", "无", nil, 0},
		{"结果维持", "未经复议直接起诉-结果纠正", []Remedy{{RemedyReconsideration, ResultUpheld}, {RemedyLitigationDirect, ResultCorrected}}, 0},
		{"审理中", "复议后起诉：尚未审结", []Remedy{{RemedyReconsideration, ResultPending}, {RemedyLitigationAfterReconsideration, ResultPending}}, 0},
		{"纠正；其他", "直接起诉 其他", []Remedy{{RemedyReconsideration, ResultCorrected}, {RemedyReconsideration, ResultOther}, {RemedyLitigationDirect, ResultOther}}, 0},
		{"驳回", "", nil, 1},
		{"", "直接起诉", nil, 1},
	}
	for _, tt := range tests {
		r, e1 := parseReconsiderations(2, tt.recon)
		l, e2 := parseLitigations(2, tt.lit)
		got := append(r, l...)
		if len(got) == 0 {
			got = nil
		}
		if len(e1)+len(e2) != tt.errs || !equalRemedies(got, tt.want) {
			t.Errorf("%q/%q = %v, %v %v", tt.recon, tt.lit, got, e1, e2)
		}
	}
	for _, l := range litigationLabels()[1:] {
		if rs, errs := parseLitigations(2, l); len(errs) > 0 || len(rs) != 1 {
			t.Errorf("template wording %q does not read back", l)
		}
	}
}

func equalRemedies(a, b []Remedy) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]Column{
		" 收到申请日期 ": ColReceivedOn, "收费金额（元）": ColFee, "收费金额(元)": ColFee, "*申请内容": ColContent,
		"答复\n日期": ColAnsweredOn, "是否补正（是/否）": ColCorrected, "申请人姓名/名称": ColApplicantName,
		"\ufeff登记编号": ColRegisterNo, "申请人": ColApplicantName,
	} {
		if got, ok := findColumn(in); !ok || got != want {
			t.Errorf("findColumn(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
