package redact

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/klippa-app/go-pdfium"
)

// sniff tells the kind from the first bytes and enforces MaxBytes.
func sniff(src []byte) (Kind, error) {
	if len(src) > MaxBytes {
		return "", docErr(CodeTooLarge, 0, fmt.Errorf("%d bytes, at most %d", len(src), MaxBytes))
	}
	switch {
	case bytes.HasPrefix(src, []byte("\x89PNG\r\n\x1a\n")):
		return KindPNG, nil
	case bytes.HasPrefix(src, []byte{0xFF, 0xD8, 0xFF}):
		return KindJPEG, nil
	// Readers accept a header within the first 1024 bytes.
	case bytes.Contains(src[:min(len(src), 1024)], []byte("%PDF-")):
		return KindPDF, nil
	}
	return "", docErr(CodeUnsupported, 0, nil)
}

// Inspect tells what src is and the displayed size of each page. It
// refuses, with an *Error: CodeTooLarge, CodeUnsupported, CodeBroken,
// CodeEncrypted, CodeRestricted, CodeTooManyPages, and CodeFontMissing
// (checked here too, so that a refusal comes before anyone draws boxes).
// On CodeEncrypted and CodeRestricted the Info has Kind and Encrypted set;
// on CodeFontMissing it is complete; otherwise it has Kind at most.
func (e *Engine) Inspect(ctx context.Context, src []byte) (Info, error) {
	kind, err := sniff(src)
	if err != nil {
		return Info{}, err
	}
	if kind != KindPDF {
		im, err := inspectImage(src, kind)
		if err != nil {
			return Info{}, err
		}
		return Info{Kind: kind, Pages: []PageInfo{im.page()}}, nil
	}
	info := Info{Kind: KindPDF}
	err = e.session(ctx, func(p pdfium.Pdfium) error {
		d, geoms, err := openPages(p, src)
		if err != nil {
			return err
		}
		defer d.close()
		for _, g := range geoms {
			info.Pages = append(info.Pages, g.info())
		}
		for i := range geoms {
			if err := e.checkFonts(d, i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if isCode(err, CodeEncrypted) || isCode(err, CodeRestricted) {
			return Info{Kind: KindPDF, Encrypted: true}, err
		}
		if isCode(err, CodeFontMissing) {
			return info, err
		}
		return Info{Kind: KindPDF}, err
	}
	return info, nil
}

// openPages opens a PDF and reads every page's geometry.
func openPages(p pdfium.Pdfium, src []byte) (*pdfDoc, []geom, error) {
	d, err := openPDF(p, src)
	if err != nil {
		return nil, nil, err
	}
	n, err := d.pageCount()
	if err != nil {
		d.close()
		return nil, nil, err
	}
	geoms := make([]geom, n)
	for i := range geoms {
		if geoms[i], err = d.geometry(i); err != nil {
			d.close()
			return nil, nil, err
		}
	}
	return d, geoms, nil
}

// checkFonts refuses page i when it shows CJK text in a font the PDF does not
// embed and the engine has no substitute.
func (e *Engine) checkFonts(d *pdfDoc, i int) error {
	if e.cjk {
		return nil
	}
	missing, err := d.missingCJKFont(i)
	if err != nil {
		return docErr(CodeBroken, i+1, err)
	}
	if missing {
		return docErr(CodeFontMissing, i+1, fmt.Errorf("CJK text in a font the file does not embed"))
	}
	return nil
}

// Chars returns the text layer of every page of a PDF, page after page; a
// PNG or JPEG has none (nil). Errors as for Inspect, except that a missing
// font does not matter here.
func (e *Engine) Chars(ctx context.Context, src []byte) ([]Char, error) {
	kind, err := sniff(src)
	if err != nil {
		return nil, err
	}
	if kind != KindPDF {
		_, err := inspectImage(src, kind)
		return nil, err
	}
	var chars []Char
	err = e.session(ctx, func(p pdfium.Pdfium) error {
		d, geoms, err := openPages(p, src)
		if err != nil {
			return err
		}
		defer d.close()
		for i, g := range geoms {
			if err := ctx.Err(); err != nil {
				return err
			}
			cs, err := d.textPage(i, g)
			if err != nil {
				return err
			}
			chars = append(chars, cs...)
		}
		return nil
	})
	return chars, err
}

func isCode(err error, c Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == c
}
