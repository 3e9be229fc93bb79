package redact

import (
	"math"
	"strings"
	"unicode"
)

// Find returns boxes covering every occurrence of phrase in chars, one box
// per line fragment of each occurrence. Matching ignores white space and
// line breaks on both sides (Chinese has no spaces, and justified text or a
// line wrap may put them anywhere), Latin case, and full-width versus
// half-width forms (１３８ matches 138). Occurrences may overlap; matches never
// cross pages. A phrase of only white space finds nothing.
func Find(chars []Char, phrase string) []Box {
	var want []rune
	for _, r := range phrase {
		if r = foldFind(r); !unicode.IsSpace(r) {
			want = append(want, r)
		}
	}
	if len(want) == 0 {
		return nil
	}
	var out []Box
	for _, pg := range byPage(chars) {
		// hay holds the page's non-space characters, at holds their index.
		var hay []rune
		var at []int
		for i, c := range pg {
			for _, r := range c.Text {
				if r = foldFind(r); !unicode.IsSpace(r) {
					hay = append(hay, r)
					at = append(at, i)
				}
			}
		}
		for s := 0; s+len(want) <= len(hay); s++ {
			if equalRunes(hay[s:s+len(want)], want) {
				out = append(out, lineBoxes(pg, at[s], at[s+len(want)-1])...)
			}
		}
	}
	return out
}

// FindFunc returns boxes covering every match that match reports, one box
// per line fragment. match is called for each page's text and returns byte
// ranges [start, end) into it, as regexp.FindAllStringIndex does; ranges out
// of bounds are ignored. It sees each page twice: once with its line breaks
// as "\n", and once with the lines joined (breaks removed), so that a number
// wrapped across two lines of a narrow table cell is found too. Full-width
// forms are folded to ASCII (１３８ reads 138, the ideographic space a space);
// case is kept.
func FindFunc(chars []Char, match func(text string) [][2]int) []Box {
	var out []Box
	for _, pg := range byPage(chars) {
		for _, joined := range []bool{false, true} {
			text, start := pageString(pg, joined)
			for _, m := range match(text) {
				if m[0] < 0 || m[1] > len(text) || m[0] >= m[1] {
					continue
				}
				// Characters whose bytes overlap [m0, m1).
				first, last := -1, -1
				for i := range pg {
					if start[i] < 0 {
						continue
					}
					end := start[i] + len(foldText(pg[i].Text))
					if start[i] < m[1] && end > m[0] {
						if first < 0 {
							first = i
						}
						last = i
					}
				}
				if first >= 0 {
					out = append(out, lineBoxes(pg, first, last)...)
				}
			}
		}
	}
	return dedupe(out)
}

// pageString joins a page's characters (folded); start[i] is the byte offset
// of character i, or -1 when it was left out (a line break when joined).
func pageString(pg []Char, joined bool) (string, []int) {
	var b strings.Builder
	start := make([]int, len(pg))
	for i, c := range pg {
		if joined && c.Generated && c.Text == "\n" {
			start[i] = -1
			continue
		}
		start[i] = b.Len()
		b.WriteString(foldText(c.Text))
	}
	return b.String(), start
}

// lineBoxes covers characters first..last of a page with one box per run
// of characters on the same line; characters without a box are skipped. A
// run goes along x (horizontal text, either way) or along y (vertical or
// rotated text); the first two characters decide which.
func lineBoxes(pg []Char, first, last int) []Box {
	var out []Box
	var cur Box
	dir := runNone
	for i := first; i <= last; i++ {
		b := pg[i].Box
		if b.empty() {
			continue
		}
		if !cur.empty() {
			if d, ok := continues(cur, dir, b); ok {
				cur, dir = cur.union(b), d
				continue
			}
			out = append(out, cur)
		}
		cur, dir = b, runNone
	}
	if !cur.empty() {
		out = append(out, cur)
	}
	return out
}

// The direction of a run of characters.
const (
	runNone = iota // one character so far
	runX
	runY
)

// continues says whether b extends the run cur going dir, and the run's
// direction if it does.
func continues(cur Box, dir int, b Box) (int, bool) {
	if dir != runY && adjacent(cur.Y, cur.H, b.Y, b.H, cur.X, cur.W, b.X, b.W) {
		return runX, true
	}
	if dir != runX && adjacent(cur.X, cur.W, b.X, b.W, cur.Y, cur.H, b.Y, b.H) {
		return runY, true
	}
	return dir, false
}

// adjacent: across the run the two intervals (a, b) overlap by at least half
// the thinner; along it (c, d) they are less than 1.5 thicknesses apart.
func adjacent(a0, aw, b0, bw, c0, cw, d0, dw float64) bool {
	overlap := math.Min(a0+aw, b0+bw) - math.Max(a0, b0)
	if overlap < 0.5*math.Min(aw, bw) {
		return false
	}
	gap := math.Max(d0-(c0+cw), c0-(d0+dw))
	return gap < 1.5*math.Max(aw, bw)
}

// byPage splits chars into runs of the same page, in order.
func byPage(chars []Char) [][]Char {
	var out [][]Char
	for i := 0; i < len(chars); {
		j := i + 1
		for j < len(chars) && chars[j].Page == chars[i].Page {
			j++
		}
		out = append(out, chars[i:j])
		i = j
	}
	return out
}

// foldWidth maps full-width ASCII forms and the ideographic space to ASCII.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

func foldFind(r rune) rune { return unicode.ToLower(foldWidth(r)) }

func foldText(s string) string {
	return strings.Map(foldWidth, s)
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dedupe drops repeated boxes (the two passes of FindFunc often agree).
func dedupe(boxes []Box) []Box {
	seen := make(map[Box]bool, len(boxes))
	out := boxes[:0]
	for _, b := range boxes {
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out
}
