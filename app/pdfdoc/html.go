package pdfdoc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is a paragraph or a table of the body.
type block interface{ isBlock() }

// para is one paragraph. Indent sets the first line in by two characters;
// pre keeps the source's line breaks and spaces.
type para struct {
	spans  []span
	indent bool
	pre    bool
}

// tableBlock is a bordered table of the body; rows hold cells left to right.
type tableBlock struct {
	rows [][]tableCell
}

type tableCell struct {
	spans   []span
	header  bool
	colspan int
}

func (para) isBlock()       {}
func (tableBlock) isBlock() {}

// parseBody reads the body's HTML subset: p (class noindent, pre), div.pre,
// ol/ul/li, table/tr/th/td, strong/b, br, span. Other elements are
// transparent: their text is rendered.
func parseBody(src string) ([]block, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(src), ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: body html: %v", ErrInvalid, err)
	}
	var b bodyReader
	for _, n := range nodes {
		b.block(n)
	}
	b.flush()
	return b.blocks, nil
}

// bodyReader collects blocks; loose inline content gathers into an implicit
// indented paragraph.
type bodyReader struct {
	blocks []block
	loose  []span
}

func (b *bodyReader) flush() {
	if spans := normalize(b.loose); len(spans) > 0 {
		b.blocks = append(b.blocks, para{spans: spans, indent: true})
	}
	b.loose = nil
}

func (b *bodyReader) block(n *html.Node) {
	if n.Type == html.TextNode {
		b.loose = inline(n, false, b.loose)
		return
	}
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.P:
		b.flush()
		b.paragraph(n, !hasClass(n, "noindent") && !hasClass(n, "pre"), hasClass(n, "pre"))
	case atom.Div:
		b.flush()
		if hasClass(n, "pre") {
			b.paragraph(n, false, true)
			return
		}
		b.children(n)
		b.flush()
	case atom.Ol, atom.Ul:
		b.flush()
		b.list(n)
	case atom.Table:
		b.flush()
		if t := readTable(n); len(t.rows) > 0 {
			b.blocks = append(b.blocks, t)
		}
	case atom.Script, atom.Style, atom.Head, atom.Title:
	case atom.Br, atom.Strong, atom.B, atom.Span:
		b.loose = inline(n, false, b.loose)
	default:
		b.children(n)
	}
}

func (b *bodyReader) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.block(c)
	}
}

func (b *bodyReader) paragraph(n *html.Node, indent, pre bool) {
	var spans []span
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		spans = inlineMode(c, false, pre, spans)
	}
	if pre {
		spans = trimPre(spans)
	} else {
		spans = normalize(spans)
	}
	if len(spans) > 0 {
		b.blocks = append(b.blocks, para{spans: spans, indent: indent, pre: pre})
	}
}

// list renders each item as an indented paragraph with its marker (GB/T
// 9704 §7.3.3 numbers the third level "1."); nested lists follow their item.
func (b *bodyReader) list(n *html.Node) {
	num := 0
	if s, err := strconv.Atoi(attr(n, "start")); err == nil {
		num = s - 1
	}
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			b.block(li)
			continue
		}
		num++
		marker := "· "
		if n.DataAtom == atom.Ol {
			marker = strconv.Itoa(num) + "."
		}
		var spans []span
		var nested []*html.Node
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Ol || c.DataAtom == atom.Ul {
				nested = append(nested, c)
				continue
			}
			spans = inline(c, false, spans)
		}
		if spans = normalize(spans); len(spans) > 0 {
			spans = append([]span{{text: marker}}, spans...)
			b.blocks = append(b.blocks, para{spans: spans, indent: true})
		}
		for _, c := range nested {
			b.list(c)
		}
	}
	b.flush()
}

func readTable(n *html.Node) tableBlock {
	var t tableBlock
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tr:
				if row := readRow(c); len(row) > 0 {
					t.rows = append(t.rows, row)
				}
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			}
		}
	}
	walk(n)
	return t
}

func readRow(tr *html.Node) []tableCell {
	var row []tableCell
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		var spans []span
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			spans = inline(k, false, spans)
		}
		span, _ := strconv.Atoi(attr(c, "colspan"))
		row = append(row, tableCell{spans: normalize(spans), header: c.DataAtom == atom.Th, colspan: max(span, 1)})
	}
	return row
}

// inline appends the text under n to out; block elements inside inline
// content become line breaks.
func inline(n *html.Node, bold bool, out []span) []span {
	return inlineMode(n, bold, false, out)
}

func inlineMode(n *html.Node, bold, pre bool, out []span) []span {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		if !pre {
			t = collapseSpace(t)
		}
		return append(out, span{text: t, bold: bold})
	case html.ElementNode:
	default:
		return out
	}
	switch n.DataAtom {
	case atom.Br:
		return append(out, span{text: "\n", bold: bold})
	case atom.Strong, atom.B:
		bold = true
	case atom.Script, atom.Style:
		return out
	}
	isBlock := n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li
	if isBlock && len(out) > 0 {
		out = append(out, span{text: "\n"})
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = inlineMode(c, bold, pre || hasClass(n, "pre"), out)
	}
	if isBlock {
		out = append(out, span{text: "\n"})
	}
	return out
}

func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// normalize collapses HTML white space the way Chinese text wants it: one
// space at most, none between two CJK characters (a source line break
// inside a sentence), none at the ends of a line.
func normalize(spans []span) []span {
	type styled struct {
		r    rune
		bold bool
	}
	var rs []styled
	for _, s := range spans {
		for _, r := range s.text {
			rs = append(rs, styled{r, s.bold})
		}
	}
	var keep []styled
	for i, x := range rs {
		if x.r == ' ' {
			var prev, next rune
			if len(keep) > 0 {
				prev = keep[len(keep)-1].r
			}
			if i+1 < len(rs) {
				next = rs[i+1].r
			}
			if dropSpace(prev, next) {
				continue
			}
		}
		keep = append(keep, x)
	}
	for len(keep) > 0 && keep[len(keep)-1].r == '\n' {
		keep = keep[:len(keep)-1]
	}
	var out []span
	for _, x := range keep {
		if n := len(out); n > 0 && out[n-1].bold == x.bold {
			out[n-1].text += string(x.r)
			continue
		}
		out = append(out, span{text: string(x.r), bold: x.bold})
	}
	return out
}

// dropSpace tells whether a space between prev and next (0 at an end) goes.
func dropSpace(prev, next rune) bool {
	switch {
	case prev == 0 || next == 0 || prev == '\n' || next == '\n' || prev == ' ':
		return true
	}
	return isCJK(prev) && isCJK(next)
}

// trimPre drops the line break after the opening tag and those at the end.
func trimPre(spans []span) []span {
	if len(spans) > 0 {
		spans[0].text = strings.TrimPrefix(spans[0].text, "\n")
		n := len(spans) - 1
		spans[n].text = strings.TrimRight(spans[n].text, "\n \t")
	}
	var out []span
	for _, s := range spans {
		if s.text != "" {
			s.text = strings.ReplaceAll(strings.ReplaceAll(s.text, "\r\n", "\n"), "\t", "    ")
			out = append(out, s)
		}
	}
	return out
}

// isCJK tells the characters between which a source line break is no space.
func isCJK(r rune) bool {
	return r >= 0x2E80 && !unicode.IsSpace(r) || strings.ContainsRune("“”‘’…—·", r)
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
