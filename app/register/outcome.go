package register

import (
	"strings"

	"gongkai/models"
)

// An outcome is written as its row of annual-report table 三: the group
// label, a space and the leaf label ("（三）不予公开 4.保护第三方合法权益"),
// or the group label alone for the two groups that are rows themselves
// ("（一）予以公开"). The wordings come from models.Outcomes, so the table
// stays the one place the rows are kept.

// outcomeQualifiers tells apart outcomes that share a row label. Both count
// under the same row; the plain "3.其他" is the general closure
// (other.other), which is what an imported register means by it.
var outcomeQualifiers = map[string]string{
	"other.withdrawn": "（申请人撤回）",
}

// outcomeWording is one allowed value of 办理结果.
type outcomeWording struct {
	key   string
	group string // group key
	text  string // template wording
}

// outcomeIndex recognises the wordings of 办理结果.
type outcomeIndex struct {
	wordings []outcomeWording
	forms    map[string]string   // normalised form → outcome key
	groups   map[string][]string // normalised group form → wordings of its rows
	byKey    map[string]string   // outcome key → wording
}

var outcomes = newOutcomeIndex()

func newOutcomeIndex() *outcomeIndex {
	x := &outcomeIndex{forms: map[string]string{}, groups: map[string][]string{}, byKey: map[string]string{}}
	groupLabel := map[string]string{}
	for _, g := range models.OutcomeGroups {
		groupLabel[g.Key] = g.Label
	}
	ambiguous := map[string]bool{}
	add := func(form, key string) {
		form = normOutcome(form)
		if prev, ok := x.forms[form]; ok && prev != key {
			ambiguous[form] = true
		}
		x.forms[form] = key
	}
	for _, o := range models.Outcomes {
		g := groupLabel[o.Group]
		q := outcomeQualifiers[o.Key]
		w := outcomeWording{key: o.Key, group: o.Group, text: g + q}
		if o.Label != g {
			w.text = g + " " + o.Label + q
		}
		x.wordings = append(x.wordings, w)
		x.byKey[o.Key] = w.text
		for _, f := range outcomeForms(g, o.Label) {
			add(f+q, o.Key)
		}
		add(o.Key, o.Key)
	}
	for _, a := range []string{"撤回", "申请人撤回", "申请人主动撤回"} {
		add(a, "other.withdrawn")
	}
	for f := range ambiguous {
		delete(x.forms, f)
	}
	for _, g := range models.OutcomeGroups {
		var rows []string
		for _, w := range x.wordings {
			if w.group == g.Key && w.text != g.Label {
				rows = append(rows, w.text)
			}
		}
		if len(rows) == 0 {
			continue
		}
		ord, name := splitOrdinal(g.Label)
		for _, f := range []string{g.Label, ord, name} {
			x.groups[normOutcome(f)] = rows
		}
	}
	return x
}

// outcomeForms lists the ways a row is written: with or without the
// group's ordinal, name and the leaf's number, and the leaf alone.
func outcomeForms(group, leaf string) []string {
	ord, name := splitOrdinal(group)
	short := name
	if i := strings.IndexAny(name, "（("); i > 0 {
		short = name[:i] // "部分公开" without the counting note
	}
	if leaf == group {
		return []string{group, name, ord + short, short, ord}
	}
	num, text := splitLeafNumber(leaf)
	return []string{
		group + leaf, ord + leaf, name + leaf, group + text, name + text,
		ord + num, leaf, text,
	}
}

// splitOrdinal splits "（三）不予公开" into "（三）" and "不予公开".
func splitOrdinal(label string) (string, string) {
	if i := strings.Index(label, "）"); i > 0 && strings.HasPrefix(label, "（") {
		return label[:i+len("）")], label[i+len("）"):]
	}
	return "", label
}

// splitLeafNumber splits "4.保护第三方合法权益" into "4" and the text.
func splitLeafNumber(leaf string) (string, string) {
	if i := strings.IndexByte(leaf, '.'); i > 0 {
		return leaf[:i], leaf[i+1:]
	}
	return "", leaf
}

// normOutcome folds what normVocab folds plus quotes and brackets, so that
// "(三)不予公开-4、保护第三方合法权益" matches.
func normOutcome(s string) string {
	s = normVocab(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case '“', '”', '"', '\'', '‘', '’', '「', '」', '〔', '〕', '《', '》':
			return -1
		}
		return r
	}, s)
}

// parse returns the outcome key of a 办理结果 cell.
func (x *outcomeIndex) parse(s string) (string, bool) {
	k, ok := x.forms[normOutcome(s)]
	return k, ok
}

// explain builds the error for an unrecognised 办理结果: a group names its
// rows; a near miss names the row it is closest to.
func (x *outcomeIndex) explain(n int, raw string) FieldError {
	v := normOutcome(raw)
	if rows, ok := x.groups[v]; ok {
		return fieldError(n, ColOutcome, raw, msgOutcomeGroup, raw, strings.Join(rows, "；"))
	}
	if key, ok := x.nearest(v); ok {
		return fieldError(n, ColOutcome, raw, msgOutcomeSuggest, raw, x.byKey[key])
	}
	return fieldError(n, ColOutcome, raw, msgOutcomeUnknown, raw)
}

// nearest finds the form within a quarter of its length in edits of v;
// short forms ("其他", group names) must match exactly, or a wrong guess
// would look like help.
func (x *outcomeIndex) nearest(v string) (string, bool) {
	best, bestKey := -1, ""
	for _, w := range x.wordings {
		for form, key := range x.forms {
			if key != w.key {
				continue
			}
			limit := len([]rune(form)) / 4
			if limit == 0 {
				continue
			}
			d := editDistance(v, form, limit)
			if d <= limit && (best < 0 || d < best) {
				best, bestKey = d, key
			}
		}
	}
	return bestKey, best >= 0
}

// editDistance is the Levenshtein distance in runes, cut off above limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// outcomeLabels lists every wording in table order.
func outcomeLabels() []string {
	out := make([]string, len(outcomes.wordings))
	for i, w := range outcomes.wordings {
		out[i] = w.text
	}
	return out
}

// OutcomeWording returns the template wording of an outcome key, as
// written to 办理结果 by the Writer.
func OutcomeWording(key string) (string, bool) {
	w, ok := outcomes.byKey[key]
	return w, ok
}
