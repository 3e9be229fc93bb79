package redact

import (
	"unicode"
	"unicode/utf16"

	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Char is one character of a page's text layer, in PDFium's reading order.
// Text is the character itself ("\n" for a line break). Box covers the
// glyph's whole cell (PDFium's loose box: advance width × the font's ascent
// to descent), clipped to the page; it is zero-sized for characters PDFium
// generated (spaces and line breaks between text runs, Generated) and for
// characters outside the visible page. Invisible text (render mode 3, the text layer of an OCR'd
// scan) is included: it is what search finds.
type Char struct {
	Page      int    `json:"page"`
	Text      string `json:"text"`
	Box       Box    `json:"box"`
	Generated bool   `json:"generated,omitempty"`
}

// textPage reads page i's characters.
func (d *pdfDoc) textPage(i int, g geom) ([]Char, error) {
	lp, err := d.p.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: i})
	if err != nil {
		return nil, docErr(CodeBroken, i+1, err)
	}
	defer d.p.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	tp, err := d.p.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &lp.Page}})
	if err != nil {
		return nil, docErr(CodeBroken, i+1, err)
	}
	defer d.p.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	t := &textReader{d: d, tp: tp.TextPage}
	n, err := d.p.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, docErr(CodeBroken, i+1, err)
	}
	var chars []Char
	var high *Char // a pending UTF-16 high surrogate
	for k := 0; k < n.Count; k++ {
		c, r, err := t.char(k, i+1, g)
		if err != nil {
			return nil, docErr(CodeBroken, i+1, err)
		}
		if utf16.IsSurrogate(r) {
			if r < 0xDC00 { // high half: wait for the low half
				if high != nil {
					chars = append(chars, *high)
				}
				high, t.high = &c, r // c.Text is U+FFFD unless joined
				continue
			}
			if high == nil {
				c.Text = string(unicode.ReplacementChar)
			} else {
				r = utf16.DecodeRune(t.high, r)
				c.Text, c.Box, high = string(r), unionNonEmpty(high.Box, c.Box), nil
			}
		} else if high != nil {
			chars, high = append(chars, *high), nil
		}
		if r == '\r' && c.Generated {
			continue // PDFium ends lines with a generated \r\n; keep the \n
		}
		chars = append(chars, c)
	}
	if high != nil {
		chars = append(chars, *high)
	}
	return chars, nil
}

// textReader reads the characters of one text page.
type textReader struct {
	d    *pdfDoc
	tp   references.FPDF_TEXTPAGE
	high rune // the pending high surrogate
}

// char reads character k; r is its UTF-16 code unit. Calls into the
// renderer are what text extraction costs, so it makes few: the box is the
// loose one (advance width × ascent to descent, which holds the glyph), and
// only white space is asked whether PDFium generated it.
func (t *textReader) char(k, page int, g geom) (Char, rune, error) {
	p := t.d.p
	u, err := p.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: t.tp, Index: k})
	if err != nil {
		return Char{}, 0, err
	}
	r := rune(u.Unicode)
	if r == 0 {
		r = unicode.ReplacementChar // no Unicode mapping
	}
	// A lone surrogate reads U+FFFD; textPage joins pairs.
	c := Char{Page: page, Text: string(r), Box: Box{Page: page}}
	if unicode.IsSpace(r) {
		gen, err := p.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: t.tp, Index: k})
		if err != nil {
			return Char{}, 0, err
		}
		if c.Generated = gen.IsGenerated; c.Generated {
			return c, r, nil
		}
	}
	loose, err := p.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: t.tp, Index: k})
	if err != nil {
		return Char{}, 0, err
	}
	lr := loose.Rect
	c.Box = g.rect(page, float64(lr.Left), float64(lr.Bottom), float64(lr.Right), float64(lr.Top))
	return c, r, nil
}

// isCJK reports characters that PDFium's built-in fonts cannot draw.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK punctuation
		(r >= 0xFF00 && r <= 0xFFEF) // full-width forms
}

// unionNonEmpty unites two boxes, ignoring an empty one.
func unionNonEmpty(a, b Box) Box {
	switch {
	case a.empty():
		return b
	case b.empty():
		return a
	}
	return a.union(b)
}
