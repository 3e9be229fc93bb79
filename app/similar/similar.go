// Package similar measures how alike two descriptions of requested
// information are, by character bigrams, which suits Chinese text without
// word segmentation. It has no project imports.
package similar

import (
	"unicode"
)

// Bigrams returns the set of character bigrams of s after normalisation:
// letters and digits only (punctuation and spaces dropped), Latin letters
// lower-cased, full-width forms folded. A one-character text is its own
// bigram.
func Bigrams(s string) map[string]struct{} {
	rs := normalize(s)
	set := make(map[string]struct{}, len(rs))
	if len(rs) == 1 {
		set[string(rs)] = struct{}{}
	}
	for i := 0; i+1 < len(rs); i++ {
		set[string(rs[i:i+2])] = struct{}{}
	}
	return set
}

func normalize(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		out = append(out, unicode.ToLower(r))
	}
	return out
}

// Dice is the Sørensen–Dice coefficient of two bigram sets: 2|A∩B|/(|A|+|B|),
// 0 for two empty sets.
func Dice(a, b map[string]struct{}) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for k := range a {
		if _, ok := b[k]; ok {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// Score is Dice over the bigrams of two texts.
func Score(a, b string) float64 { return Dice(Bigrams(a), Bigrams(b)) }
