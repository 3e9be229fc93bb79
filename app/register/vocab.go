package register

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"gongkai/models"
)

// term is one allowed value of a closed list: the wording written in the
// template and the other wordings registers use for it.
type term[T any] struct {
	label   string
	aliases []string
	value   T
}

// vocab recognises the values of one closed list.
type vocab[T any] struct {
	terms []term[T]
	index map[string]T
}

func newVocab[T any](terms []term[T]) *vocab[T] {
	v := &vocab[T]{terms: terms, index: make(map[string]T)}
	for _, t := range terms {
		v.index[normVocab(t.label)] = t.value
		for _, a := range t.aliases {
			v.index[normVocab(a)] = t.value
		}
	}
	return v
}

func (v *vocab[T]) parse(s string) (T, bool) {
	x, ok := v.index[normVocab(s)]
	return x, ok
}

func (v *vocab[T]) labels() []string {
	out := make([]string, len(v.terms))
	for i, t := range v.terms {
		out[i] = t.label
	}
	return out
}

// label returns the template wording of x.
func (v *vocab[T]) label(eq func(T) bool) (string, bool) {
	for _, t := range v.terms {
		if eq(t.value) {
			return t.label, true
		}
	}
	return "", false
}

// normVocab folds width, case, spaces and the punctuation registers put
// between words ("挂号信/EMS", "法人或其他组织-商业企业").
func normVocab(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		switch r {
		case '/', '\\', '、', ',', '，', '-', '_', '·', '(', ')', '[', ']', '【', '】', ':', '—', '–', '－', '.', '。':
			return -1
		}
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// Channels. Unqualified post (邮寄, 信函) is ordinary post: only a signed
// delivery is registered post (decisions.md, "Date of receipt").
var channelVocab = newVocab([]term[models.Channel]{
	{"当面", []string{"当面提交", "当面申请", "当面递交", "现场", "现场提交", "现场申请", "窗口", "窗口提交", "来访", "in_person"}, models.ChannelInPerson},
	{"挂号信或EMS", []string{"挂号信", "挂号", "EMS", "挂号信EMS", "邮政EMS", "特快专递", "快递", "registered_post"}, models.ChannelRegisteredPost},
	{"平信", []string{"邮寄", "信函", "邮政", "信件", "邮递", "普通信件", "ordinary_post"}, models.ChannelOrdinaryPost},
	{"传真", []string{"fax"}, models.ChannelFax},
	{"电子邮件", []string{"邮件", "电子邮箱", "邮箱", "电邮", "email", "e-mail"}, models.ChannelEmail},
	{"网上申请", []string{"网上", "网上提交", "网络", "网络申请", "互联网", "政府网站", "网站", "在线", "在线申请", "网上平台", "在线平台", "依申请公开平台", "政务服务网", "平台", "online"}, models.ChannelOnline},
})

// applicant is the applicant column of the annual report.
type applicant struct {
	typ models.ApplicantType
	cat models.OrgCategory
}

// orgPrefix is the report's heading over the five organisation columns;
// registers often write it before the category.
const orgPrefix = "法人或其他组织"

var applicantVocab = newVocab([]term[applicant]{
	{"自然人", []string{"个人", "公民", "自然人申请", "个人申请", "natural"}, applicant{models.ApplicantNatural, ""}},
	{"商业企业", []string{"企业", "公司", "商业", "企业法人", "commercial"}, applicant{models.ApplicantOrganization, models.OrgCommercial}},
	{"科研机构", []string{"科研院所", "研究机构", "科研单位", "高校", "高等院校", "research"}, applicant{models.ApplicantOrganization, models.OrgResearch}},
	{"社会公益组织", []string{"公益组织", "社会组织", "社会团体", "public_welfare"}, applicant{models.ApplicantOrganization, models.OrgPublicWelfare}},
	{"法律服务机构", []string{"律师事务所", "律所", "法律服务所", "legal_service"}, applicant{models.ApplicantOrganization, models.OrgLegalService}},
	{"其他", []string{"其他组织", "other"}, applicant{models.ApplicantOrganization, models.OrgOther}},
})

// parseApplicant returns the applicant column; unspecified reports an
// organisation whose category is not named ("法人或其他组织").
func parseApplicant(s string) (a applicant, ok, unspecified bool) {
	n := normVocab(s)
	if rest, cut := strings.CutPrefix(n, orgPrefix); cut {
		if rest == "" {
			return a, false, true
		}
		n = rest
	}
	switch n {
	case "法人", "组织", "单位", "法人组织", "法人或组织":
		return a, false, true
	}
	a, ok = applicantVocab.index[n]
	return a, ok, false
}

func applicantLabel(t models.ApplicantType, c models.OrgCategory) (string, bool) {
	return applicantVocab.label(func(a applicant) bool { return a.typ == t && a.cat == c })
}

var yesNoVocab = newVocab([]term[bool]{
	{"是", []string{"是的", "y", "yes", "true", "1", "√", "✓", "有", "已补正", "已延期"}, true},
	{"否", []string{"不", "n", "no", "false", "0", "×", "✗", "无", "未补正", "未延期"}, false},
})

// parseYesNo reads 是/否; an empty cell is 否.
func parseYesNo(s string) (bool, bool) {
	if s == "" {
		return false, true
	}
	return yesNoVocab.parse(s)
}

func yesNoLabel(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
