package pdfdoc

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// A small reader of the PDF object syntax (ISO 32000-1 §7.3), enough to find
// the catalog and the first page of a file with classic cross-reference
// tables and rewrite their dictionaries in an incremental update. Values
// keep their source bytes, so a rewritten dictionary repeats every entry it
// does not change exactly.

// ErrUnsupportedPDF is returned (wrapped) by Sign for a file it cannot
// update: cross-reference streams, encryption, or a structure it does not
// know.
var ErrUnsupportedPDF = errors.New("pdfdoc: unsupported pdf")

type (
	pdfName  string
	pdfRef   struct{ num, gen int }
	pdfArray []pdfValue
	// pdfAtom is a number, string, boolean or null, kept as written.
	pdfAtom []byte
	pdfDict struct {
		entries []dictEntry
	}
	pdfValue any
)

type dictEntry struct {
	key string
	raw []byte
	val pdfValue
}

func (d *pdfDict) get(key string) pdfValue {
	for _, e := range d.entries {
		if e.key == key {
			return e.val
		}
	}
	return nil
}

// set replaces or appends an entry whose value is written as raw.
func (d *pdfDict) set(key, raw string) {
	for i, e := range d.entries {
		if e.key == key {
			d.entries[i].raw, d.entries[i].val = []byte(raw), nil
			return
		}
	}
	d.entries = append(d.entries, dictEntry{key: key, raw: []byte(raw)})
}

func (d *pdfDict) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("<<")
	for _, e := range d.entries {
		b.WriteString("/" + e.key + " ")
		b.Write(e.raw)
		b.WriteByte('\n')
	}
	b.WriteString(">>")
	return b.Bytes()
}

type lexer struct {
	b []byte
	i int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (l *lexer) skip() {
	for l.i < len(l.b) {
		switch c := l.b[l.i]; {
		case isPDFSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters.
func (l *lexer) word() string {
	l.skip()
	s := l.i
	for l.i < len(l.b) && !isPDFSpace(l.b[l.i]) && !isPDFDelim(l.b[l.i]) {
		l.i++
	}
	return string(l.b[s:l.i])
}

func (l *lexer) fail(what string) error {
	return fmt.Errorf("%w: %s at byte %d", ErrUnsupportedPDF, what, l.i)
}

// value reads one value.
func (l *lexer) value() (pdfValue, error) {
	l.skip()
	if l.i >= len(l.b) {
		return nil, l.fail("unexpected end")
	}
	switch c := l.b[l.i]; {
	case c == '/':
		l.i++
		return pdfName(l.word()), nil
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		return l.dict()
	case c == '<':
		end := bytes.IndexByte(l.b[l.i:], '>')
		if end < 0 {
			return nil, l.fail("unterminated hex string")
		}
		s := l.i
		l.i += end + 1
		return pdfAtom(l.b[s:l.i]), nil
	case c == '(':
		return l.literal()
	case c == '[':
		return l.array()
	}
	return l.atomOrRef()
}

func (l *lexer) dict() (*pdfDict, error) {
	l.i += 2
	d := &pdfDict{}
	for {
		l.skip()
		if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
			l.i += 2
			return d, nil
		}
		if l.i >= len(l.b) || l.b[l.i] != '/' {
			return nil, l.fail("dictionary key expected")
		}
		l.i++
		key := l.word()
		l.skip()
		s := l.i
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		d.entries = append(d.entries, dictEntry{key: key, raw: l.b[s:l.i], val: v})
	}
}

func (l *lexer) array() (pdfArray, error) {
	l.i++
	var a pdfArray
	for {
		l.skip()
		if l.i < len(l.b) && l.b[l.i] == ']' {
			l.i++
			return a, nil
		}
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

func (l *lexer) literal() (pdfValue, error) {
	s, depth := l.i, 0
	for ; l.i < len(l.b); l.i++ {
		switch l.b[l.i] {
		case '\\':
			l.i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.i++
				return pdfAtom(l.b[s:l.i]), nil
			}
		}
	}
	return nil, l.fail("unterminated string")
}

// atomOrRef reads a number, keyword, or an indirect reference "n g R".
func (l *lexer) atomOrRef() (pdfValue, error) {
	s := l.i
	w := l.word()
	if w == "" {
		return nil, l.fail("unexpected character")
	}
	num, err := strconv.Atoi(w)
	if err != nil {
		return pdfAtom(l.b[s:l.i]), nil
	}
	end := l.i
	if gen, err := strconv.Atoi(l.word()); err == nil && l.word() == "R" {
		return pdfRef{num, gen}, nil
	}
	l.i = end
	return pdfAtom(l.b[s:end]), nil
}
