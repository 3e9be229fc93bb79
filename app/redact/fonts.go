package redact

import (
	"fmt"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// missingCJKFont says whether page i draws CJK text in a font the file does
// not embed (Type 3 fonts count as embedded): PDFium's built-in fonts stand
// in for any Latin font, but for CJK it needs a system font. A page with no
// CJK character at all is done after one cheap call a character; otherwise
// it walks the page's objects, form XObjects included, and reads the text
// of the objects in non-embedded fonts (a costly call, so only then).
func (d *pdfDoc) missingCJKFont(i int) (bool, error) {
	lp, err := d.p.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: i})
	if err != nil {
		return false, err
	}
	defer d.p.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	tp, err := d.p.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &lp.Page}})
	if err != nil {
		return false, err
	}
	defer d.p.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	if cjk, err := d.hasCJK(tp.TextPage); !cjk || err != nil {
		return false, err
	}
	w := objectWalker{d: d, tp: tp.TextPage}
	n, err := d.p.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: requests.Page{ByReference: &lp.Page}})
	if err != nil {
		return false, err
	}
	for k := 0; k < n.Count; k++ {
		o, err := d.p.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: requests.Page{ByReference: &lp.Page}, Index: k})
		if err != nil {
			return false, err
		}
		if missing, err := w.visit(o.PageObject, 0); missing || err != nil {
			return missing, err
		}
	}
	return false, nil
}

// maxFormDepth stops a walk through form XObjects nested absurdly deep.
const maxFormDepth = 32

// hasCJK says whether a text page has any CJK character.
func (d *pdfDoc) hasCJK(tp references.FPDF_TEXTPAGE) (bool, error) {
	n, err := d.p.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp})
	if err != nil {
		return false, err
	}
	for k := 0; k < n.Count; k++ {
		u, err := d.p.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp, Index: k})
		if err != nil {
			return false, err
		}
		if isCJK(rune(u.Unicode)) {
			return true, nil
		}
	}
	return false, nil
}

type objectWalker struct {
	d  *pdfDoc
	tp references.FPDF_TEXTPAGE
}

// visit says whether obj, or an object inside it, shows CJK text in a
// non-embedded font.
func (w *objectWalker) visit(obj references.FPDF_PAGEOBJECT, depth int) (bool, error) {
	typ, err := w.d.p.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return false, err
	}
	switch typ.Type {
	case enums.FPDF_PAGEOBJ_FORM:
		return w.visitForm(obj, depth)
	case enums.FPDF_PAGEOBJ_TEXT:
		return w.visitText(obj)
	}
	return false, nil
}

func (w *objectWalker) visitForm(obj references.FPDF_PAGEOBJECT, depth int) (bool, error) {
	p := w.d.p
	if depth >= maxFormDepth {
		return false, fmt.Errorf("form XObjects nested over %d deep", maxFormDepth)
	}
	n, err := p.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
	if err != nil {
		return false, err
	}
	for k := 0; k < n.Count; k++ {
		o, err := p.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(k)})
		if err != nil {
			return false, err
		}
		if missing, err := w.visit(o.PageObject, depth+1); missing || err != nil {
			return missing, err
		}
	}
	return false, nil
}

func (w *objectWalker) visitText(obj references.FPDF_PAGEOBJECT) (bool, error) {
	p := w.d.p
	f, err := p.FPDFTextObj_GetFont(&requests.FPDFTextObj_GetFont{PageObject: obj})
	if err != nil {
		return false, err
	}
	e, err := p.FPDFFont_GetIsEmbedded(&requests.FPDFFont_GetIsEmbedded{Font: f.Font})
	if err != nil || e.IsEmbedded {
		return false, err
	}
	t, err := p.FPDFTextObj_GetText(&requests.FPDFTextObj_GetText{PageObject: obj, TextPage: w.tp})
	if err != nil {
		return false, err
	}
	for _, r := range t.Text {
		if isCJK(r) {
			return true, nil
		}
	}
	return false, nil
}
