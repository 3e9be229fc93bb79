package pdfdoc

import (
	"strings"
	"unicode"
)

// Chinese line-breaking rules (GB/T 15834-2011 §5 and common 禁则): no line
// starts with a closing mark or a point mark, no line ends with an opening
// mark, and a dash or an ellipsis is not split.
const (
	noLineStart  = "，。、；：？！）》」』】〕〉〗］｝”’～·・%‰℃°,.;:?!)]}"
	noLineEnd    = "（《「『【〔〈〖［｛“‘([{"
	doubledMarks = "—…‥─"
)

func cannotStart(r rune) bool { return strings.ContainsRune(noLineStart, r) }
func cannotEnd(r rune) bool   { return strings.ContainsRune(noLineEnd, r) }

// span is a run of text in one style, as the HTML reader yields it. A "\n"
// in text is a forced line break.
type span struct {
	text string
	bold bool
}

// piece is the unit of line breaking: one CJK character or mark, one Latin
// word (or the part of it in one face), a space, or a forced break.
type piece struct {
	text  string
	face  faceID
	w     float64
	space bool
	brk   bool
	glue  bool // no break before this piece
	word  bool
}

func (p piece) first() rune {
	for _, r := range p.text {
		return r
	}
	return 0
}

func (p piece) last() rune {
	var l rune
	for _, r := range p.text {
		l = r
	}
	return l
}

// style is the face and size a block of text is set in. Tracking is added
// to the advance of every non-word piece: body text uses it to set exactly
// 28 characters a line as GB/T 9704 §5.2.2 asks.
type style struct {
	face     faceID
	bold     faceID
	size     float64
	tracking float64
}

// isWordRune tells the runes that join into unbreakable Latin words: letters,
// digits and ASCII marks, anything below the CJK ranges except spaces.
func isWordRune(r rune) bool {
	return r < 0x2000 && !unicode.IsSpace(r)
}

// pieces splits spans into pieces measured in st. A word wider than maxW
// is cut into characters so that it can wrap.
func (c *canvas) pieces(spans []span, st style, maxW float64) []piece {
	var out []piece
	for _, sp := range spans {
		want := st.face
		if sp.bold {
			want = st.bold
		}
		for _, r := range sp.text {
			out = c.addRune(out, want, r, st)
		}
	}
	return splitLongWords(out, maxW, c, st)
}

func (c *canvas) addRune(out []piece, want faceID, r rune, st style) []piece {
	switch {
	case r == '\n':
		return append(out, piece{brk: true})
	case r == '\t' || r == ' ' || r == '\u00a0':
		f, _ := c.resolve(want, ' ')
		return append(out, piece{text: " ", face: f, w: c.width(f, ' ', st.size), space: true})
	}
	f, r := c.resolve(want, r)
	w := c.width(f, r, st.size)
	if isWordRune(r) {
		if n := len(out); n > 0 && out[n-1].word {
			if out[n-1].face == f {
				out[n-1].text += string(r)
				out[n-1].w += w
				return out
			}
			return append(out, piece{text: string(r), face: f, w: w, word: true, glue: true})
		}
		return append(out, piece{text: string(r), face: f, w: w, word: true})
	}
	return append(out, piece{text: string(r), face: f, w: w + st.tracking})
}

// splitLongWords cuts words that cannot fit a line into characters.
func splitLongWords(ps []piece, maxW float64, c *canvas, st style) []piece {
	var out []piece
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if !p.word || p.w <= maxW {
			out = append(out, p)
			continue
		}
		for _, r := range p.text {
			out = append(out, piece{text: string(r), face: p.face, w: c.width(p.face, r, st.size)})
		}
	}
	return out
}

// canBreakBefore reports whether a line may end before ps[i].
func canBreakBefore(ps []piece, i int) bool {
	if i <= 0 || i >= len(ps) {
		return true
	}
	p := ps[i]
	if p.brk {
		return true
	}
	if p.space {
		// A break at a space still may not put a closing mark first.
		for j := i + 1; j < len(ps); j++ {
			if !ps[j].space {
				return ps[j].brk || !cannotStart(ps[j].first())
			}
		}
		return true
	}
	if p.glue || cannotStart(p.first()) {
		return false
	}
	j := i - 1
	for j > 0 && ps[j].space {
		j--
	}
	prev := ps[j]
	if cannotEnd(prev.last()) {
		return false
	}
	// Keep the doubled marks —— and …… on one line.
	return !(prev.last() == p.first() && strings.ContainsRune(doubledMarks, p.first()))
}

// line is one laid-out line: pieces [from, to) of its paragraph.
type line struct {
	ps      []piece
	indent  float64
	natural float64
	// last is true for the last line of a paragraph and for a line ended by
	// a forced break: such lines are not justified.
	last bool
}

// breakLines breaks ps into lines of width w, the first indented by indent.
// Greedy with kinsoku: when a piece does not fit, the line ends at the
// latest point that the rules allow; a run with no such point is cut where
// the line is full, its closing marks hanging past the measure.
func breakLines(ps []piece, w, indent float64) []line {
	var lines []line
	start, soft := 0, false
	for start < len(ps) || len(lines) == 0 {
		for soft && start < len(ps) && ps[start].space {
			start++
		}
		ind := 0.0
		if len(lines) == 0 {
			ind = indent
		}
		end := fill(ps, start, w-ind)
		if end >= len(ps) || ps[end].brk {
			lines = append(lines, newLine(ps[start:end], ind, true))
			start, soft = end+1, false
			continue
		}
		b := breakPoint(ps, start, end)
		lines = append(lines, newLine(ps[start:b], ind, false))
		start, soft = b, true
	}
	return lines
}

// fill returns the end of the longest run from start that fits width w,
// stopping at a forced break; spaces may overhang.
func fill(ps []piece, start int, w float64) int {
	end, x := start, 0.0
	for end < len(ps) && !ps[end].brk && (x+ps[end].w <= w+0.01 || ps[end].space) {
		x += ps[end].w
		end++
	}
	return end
}

// breakPoint is the latest legal break in (start, end]; without one, end
// plus the closing marks that follow, which then hang past the measure
// (标点悬挂).
func breakPoint(ps []piece, start, end int) int {
	for b := end; b > start; b-- {
		if canBreakBefore(ps, b) {
			return b
		}
	}
	b := max(end, start+1)
	for b < len(ps) && !ps[b].space && !ps[b].brk && cannotStart(ps[b].first()) {
		b++
	}
	return b
}

func newLine(ps []piece, indent float64, last bool) line {
	for len(ps) > 0 && ps[len(ps)-1].space {
		ps = ps[:len(ps)-1]
	}
	l := line{ps: ps, indent: indent, last: last}
	for _, p := range ps {
		l.natural += p.w
	}
	return l
}

// align is where a line sits in its measure.
type align int

const (
	alignJustify align = iota
	alignLeft
	alignCenter
	alignRight
)

// draw sets l with its baseline at y in the measure [x, x+w).
func (c *canvas) drawLine(l line, st style, x, y, w float64, a align) {
	gaps := 0
	for i := 1; i < len(l.ps); i++ {
		if !l.ps[i].glue {
			gaps++
		}
	}
	extra := w - l.indent - l.natural
	gap := 0.0
	switch {
	case a == alignCenter:
		x += extra / 2
	case a == alignRight:
		x += extra
	case a == alignJustify && !l.last && gaps > 0 && extra/float64(gaps) < st.size/2:
		gap = extra / float64(gaps)
	}
	x += l.indent
	for i, p := range l.ps {
		if i > 0 && !p.glue {
			x += gap
		}
		if !p.space {
			c.text(p.face, st.size, x, y, p.text)
		}
		x += p.w
	}
}
