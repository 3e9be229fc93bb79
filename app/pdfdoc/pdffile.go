package pdfdoc

import (
	"bytes"
	"fmt"
	"strconv"
)

// pdfFile is a parsed PDF: where each object is and the newest trailer.
type pdfFile struct {
	b       []byte
	offsets map[int]int // object number → byte offset, newest section first
	trailer *pdfDict
	xref    int // offset of the newest cross-reference section
	size    int
}

// openPDF reads the cross-reference chain from the last startxref.
func openPDF(b []byte) (*pdfFile, error) {
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", ErrUnsupportedPDF)
	}
	l := &lexer{b: b, i: i + len("startxref")}
	off, err := strconv.Atoi(l.word())
	if err != nil || off <= 0 || off >= len(b) {
		return nil, fmt.Errorf("%w: bad startxref", ErrUnsupportedPDF)
	}
	f := &pdfFile{b: b, offsets: map[int]int{}, xref: off}
	seen := map[int]bool{}
	for off > 0 && !seen[off] {
		seen[off] = true
		tr, err := f.readSection(off)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = tr
		}
		off = 0
		if p, ok := tr.get("Prev").(pdfAtom); ok {
			off, _ = strconv.Atoi(string(p))
		}
	}
	if f.trailer.get("Encrypt") != nil {
		return nil, fmt.Errorf("%w: encrypted", ErrUnsupportedPDF)
	}
	sz, ok := f.trailer.get("Size").(pdfAtom)
	if !ok {
		return nil, fmt.Errorf("%w: trailer has no /Size", ErrUnsupportedPDF)
	}
	f.size, _ = strconv.Atoi(string(sz))
	return f, nil
}

// readSection reads one classic cross-reference section and its trailer;
// entries already known from a newer section win.
func (f *pdfFile) readSection(off int) (*pdfDict, error) {
	l := &lexer{b: f.b, i: off}
	if l.word() != "xref" {
		return nil, fmt.Errorf("%w: cross-reference streams", ErrUnsupportedPDF)
	}
	for {
		w := l.word()
		if w == "trailer" {
			v, err := l.value()
			if d, ok := v.(*pdfDict); ok && err == nil {
				return d, nil
			}
			return nil, fmt.Errorf("%w: bad trailer", ErrUnsupportedPDF)
		}
		start, err1 := strconv.Atoi(w)
		count, err2 := strconv.Atoi(l.word())
		if err1 != nil || err2 != nil || count < 0 || count > len(f.b)/18 {
			return nil, l.fail("bad cross-reference subsection")
		}
		for n := range count {
			o, _ := strconv.Atoi(l.word())
			l.word() // generation
			if kind := l.word(); kind == "n" {
				if _, ok := f.offsets[start+n]; !ok {
					f.offsets[start+n] = o
				}
			} else if _, ok := f.offsets[start+n]; !ok {
				f.offsets[start+n] = -1 // free
			}
		}
	}
}

// object reads the value of indirect object r.
func (f *pdfFile) object(r pdfRef) (pdfValue, error) {
	off, ok := f.offsets[r.num]
	if !ok || off < 0 || off >= len(f.b) {
		return nil, fmt.Errorf("%w: object %d is missing", ErrUnsupportedPDF, r.num)
	}
	l := &lexer{b: f.b, i: off}
	if n, _ := strconv.Atoi(l.word()); n != r.num {
		return nil, l.fail(fmt.Sprintf("object %d expected", r.num))
	}
	l.word()
	if l.word() != "obj" {
		return nil, l.fail("obj expected")
	}
	return l.value()
}

func (f *pdfFile) dict(v pdfValue) (*pdfDict, error) {
	if r, ok := v.(pdfRef); ok {
		var err error
		if v, err = f.object(r); err != nil {
			return nil, err
		}
	}
	d, ok := v.(*pdfDict)
	if !ok {
		return nil, fmt.Errorf("%w: dictionary expected", ErrUnsupportedPDF)
	}
	return d, nil
}

// firstPage walks /Pages down its first kids to the first page.
func (f *pdfFile) firstPage(catalog *pdfDict) (pdfRef, *pdfDict, error) {
	r, ok := catalog.get("Pages").(pdfRef)
	for depth := 0; ok && depth < 32; depth++ {
		d, err := f.dict(r)
		if err != nil {
			return r, nil, err
		}
		if t, _ := d.get("Type").(pdfName); t == "Page" {
			return r, d, nil
		}
		kids, _ := d.get("Kids").(pdfArray)
		if len(kids) == 0 {
			break
		}
		r, ok = kids[0].(pdfRef)
	}
	return pdfRef{}, nil, fmt.Errorf("%w: no first page", ErrUnsupportedPDF)
}
