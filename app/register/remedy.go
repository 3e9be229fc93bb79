package register

import (
	"strings"
)

// The remedy vocabulary follows the columns of annual-report table 四
// (regulation.md §3.2): 行政复议 has one result per cell (维持 / 纠正 / 其他
// / 尚未审结, or 无); 行政诉讼 names how the suit was brought and its result,
// "直接起诉-维持" … "复议后起诉-尚未审结". Several remedies in one cell are
// separated by "；".

var resultVocab = newVocab([]term[RemedyResult]{
	{"维持", []string{"结果维持", "维持原答复", "upheld"}, ResultUpheld},
	{"纠正", []string{"结果纠正", "撤销", "确认违法", "责令履行", "变更", "corrected"}, ResultCorrected},
	{"其他", []string{"其他结果", "other"}, ResultOther},
	{"尚未审结", []string{"未审结", "审理中", "在审", "未结", "尚未结案", "pending"}, ResultPending},
})

var litigationKindVocab = newVocab([]term[RemedyKind]{
	{"直接起诉", []string{"未经复议直接起诉", "直诉", "litigation_direct"}, RemedyLitigationDirect},
	{"复议后起诉", []string{"经复议后起诉", "经复议起诉", "复议后", "litigation_after_reconsideration"}, RemedyLitigationAfterReconsideration},
})

// remedyNone is the wording of "no remedy".
const remedyNone = "无"

var noneWords = map[string]bool{"无": true, "没有": true, "否": true, "none": true}

// splitRemedies splits a cell holding several remedies.
func splitRemedies(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '；', ';', '\n', '\r', '，', ',', '、':
			return true
		}
		return false
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// reconsiderationLabels lists the 行政复议 values of the template.
func reconsiderationLabels() []string {
	return append([]string{remedyNone}, resultVocab.labels()...)
}

// litigationLabels lists the 行政诉讼 values of the template.
func litigationLabels() []string {
	out := []string{remedyNone}
	for _, k := range litigationKindVocab.terms {
		for _, r := range resultVocab.terms {
			out = append(out, k.label+"-"+r.label)
		}
	}
	return out
}

// parseReconsiderations reads the 行政复议 cell.
func parseReconsiderations(n int, raw string) ([]Remedy, []FieldError) {
	var out []Remedy
	var errs []FieldError
	parts := splitRemedies(raw)
	for _, p := range parts {
		if noneWords[normVocab(p)] {
			if len(parts) > 1 {
				errs = append(errs, fieldError(n, ColReconsideration, raw, msgRemedyNoneMixed))
			}
			continue
		}
		res, ok := resultVocab.parse(p)
		if !ok {
			errs = append(errs, fieldError(n, ColReconsideration, raw, msgReconUnknown, p, strings.Join(reconsiderationLabels(), "、")))
			continue
		}
		out = append(out, Remedy{RemedyReconsideration, res})
	}
	return out, errs
}

// parseLitigations reads the 行政诉讼 cell.
func parseLitigations(n int, raw string) ([]Remedy, []FieldError) {
	var out []Remedy
	var errs []FieldError
	parts := splitRemedies(raw)
	for _, p := range parts {
		v := normVocab(p)
		if noneWords[v] {
			if len(parts) > 1 {
				errs = append(errs, fieldError(n, ColLitigation, raw, msgRemedyNoneMixed))
			}
			continue
		}
		kind, res, ok := splitLitigation(v)
		switch {
		case ok:
			out = append(out, Remedy{kind, res})
		case kind == "" && res != "":
			l, _ := resultVocab.label(func(r RemedyResult) bool { return r == res })
			errs = append(errs, fieldError(n, ColLitigation, raw, msgLitigationKind, p, l, l))
		default:
			errs = append(errs, fieldError(n, ColLitigation, raw, msgLitigationUnknown, p, "直接起诉-维持、复议后起诉-尚未审结"))
		}
	}
	return out, errs
}

// splitLitigation reads a normalised "kind result"; with no kind it
// still reports the result, so the message can say what is missing.
func splitLitigation(v string) (RemedyKind, RemedyResult, bool) {
	var kind RemedyKind
	best := 0
	for alias, k := range litigationKindVocab.index {
		if len(alias) > best && strings.HasPrefix(v, alias) {
			kind, best = k, len(alias)
		}
	}
	res, ok := resultVocab.index[v[best:]]
	if !ok {
		return kind, "", false
	}
	return kind, res, kind != ""
}

// remedyCells writes remedies back into the two columns.
func remedyCells(rs []Remedy) (recon, lit string, ok bool) {
	var rc, lc []string
	for _, r := range rs {
		res, found := resultVocab.label(func(x RemedyResult) bool { return x == r.Result })
		if !found {
			return "", "", false
		}
		if r.Kind == RemedyReconsideration {
			rc = append(rc, res)
			continue
		}
		k, found := litigationKindVocab.label(func(x RemedyKind) bool { return x == r.Kind })
		if !found {
			return "", "", false
		}
		lc = append(lc, k+"-"+res)
	}
	recon, lit = remedyNone, remedyNone
	if len(rc) > 0 {
		recon = strings.Join(rc, "；")
	}
	if len(lc) > 0 {
		lit = strings.Join(lc, "；")
	}
	return recon, lit, true
}
