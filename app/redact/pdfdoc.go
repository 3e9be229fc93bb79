package redact

import (
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

var errNoPages = errors.New("no pages")

// pdfDoc is one PDF opened in one PDFium instance.
type pdfDoc struct {
	p   pdfium.Pdfium
	doc references.FPDF_DOCUMENT
}

// openPDF opens src without a password and refuses encrypted files.
func openPDF(p pdfium.Pdfium, src []byte) (*pdfDoc, error) {
	res, err := p.OpenDocument(&requests.OpenDocument{File: &src})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, docErr(CodeEncrypted, 0, err)
		default:
			return nil, docErr(CodeBroken, 0, err)
		}
	}
	d := &pdfDoc{p: p, doc: res.Document}
	rev, err := p.FPDF_GetSecurityHandlerRevision(&requests.FPDF_GetSecurityHandlerRevision{Document: d.doc})
	if err != nil {
		d.close()
		return nil, docErr(CodeBroken, 0, err)
	}
	if rev.SecurityHandlerRevision != -1 {
		d.close()
		return nil, docErr(CodeRestricted, 0, fmt.Errorf("security handler revision %d", rev.SecurityHandlerRevision))
	}
	return d, nil
}

func (d *pdfDoc) close() {
	_, _ = d.p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
}

// pageCount refuses empty documents and documents over MaxPages.
func (d *pdfDoc) pageCount() (int, error) {
	res, err := d.p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.doc})
	if err != nil {
		return 0, docErr(CodeBroken, 0, err)
	}
	switch {
	case res.PageCount <= 0:
		return 0, docErr(CodeBroken, 0, errNoPages)
	case res.PageCount > MaxPages:
		return res.PageCount, docErr(CodeTooManyPages, 0, fmt.Errorf("%d pages, at most %d", res.PageCount, MaxPages))
	}
	return res.PageCount, nil
}

func (d *pdfDoc) page(i int) requests.Page {
	return requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
}

// geometry reads page i's visible area (CropBox within MediaBox, what
// PDFium and pdf.js both show) and its rotation.
func (d *pdfDoc) geometry(i int) (geom, error) {
	bb, err := d.p.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: d.page(i)})
	if err != nil {
		return geom{}, docErr(CodeBroken, i+1, err)
	}
	rot, err := d.p.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: d.page(i)})
	if err != nil {
		return geom{}, docErr(CodeBroken, i+1, err)
	}
	r := bb.Rect
	g := geom{
		x0: math.Min(float64(r.Left), float64(r.Right)), x1: math.Max(float64(r.Left), float64(r.Right)),
		y0: math.Min(float64(r.Bottom), float64(r.Top)), y1: math.Max(float64(r.Bottom), float64(r.Top)),
		rot: int(rot.PageRotation) & 3,
	}
	if w, h := g.size(); !(w > 0 && h > 0) {
		return geom{}, docErr(CodeBroken, i+1, fmt.Errorf("empty page box"))
	}
	return g, nil
}

// render draws page i at dpi (annotations included, as viewers show them)
// into a raster of its own, composited on white.
func (d *pdfDoc) render(i, dpi int) (*raster, error) {
	res, err := d.p.RenderPageInDPI(&requests.RenderPageInDPI{
		Page:        d.page(i),
		DPI:         dpi,
		RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT | enums.FPDF_RENDER_FLAG_RENDER_LIMITEDIMAGECACHE,
	})
	if err != nil {
		return nil, docErr(CodeBroken, i+1, fmt.Errorf("render: %w", err))
	}
	defer res.Cleanup()
	img, ok := res.Result.RenderedImage.(*image.RGBA)
	if !ok {
		return nil, docErr(CodeBroken, i+1, fmt.Errorf("render: no RGBA image"))
	}
	return rasterFromRGBA(img.Pix, img.Stride, img.Rect.Dx(), img.Rect.Dy()), nil
}

// geom maps PDF user space of one page to the displayed page: origin
// top-left, y down, after /Rotate (clockwise) and within the visible box.
type geom struct {
	x0, y0, x1, y1 float64
	rot            int // quarter turns clockwise
}

func (g geom) size() (w, h float64) {
	w, h = g.x1-g.x0, g.y1-g.y0
	if g.rot%2 == 1 {
		w, h = h, w
	}
	return w, h
}

func (g geom) info() PageInfo {
	w, h := g.size()
	return PageInfo{Width: w, Height: h, Rotate: g.rot * 90}
}

// point maps a user-space point to display space.
func (g geom) point(x, y float64) (float64, float64) {
	switch g.rot {
	case 1: // the left edge becomes the top
		return y - g.y0, x - g.x0
	case 2:
		return g.x1 - x, y - g.y0
	case 3: // the right edge becomes the top
		return g.y1 - y, g.x1 - x
	default:
		return x - g.x0, g.y1 - y
	}
}

// rect maps a user-space rectangle to a display box on page (1-based),
// clipped to the page; the result may be empty.
func (g geom) rect(page int, left, bottom, right, top float64) Box {
	ax, ay := g.point(left, bottom)
	bx, by := g.point(right, top)
	x0, x1 := math.Min(ax, bx), math.Max(ax, bx)
	y0, y1 := math.Min(ay, by), math.Max(ay, by)
	w, h := g.size()
	x0, y0 = math.Max(x0, 0), math.Max(y0, 0)
	x1, y1 = math.Min(x1, w), math.Min(y1, h)
	if x1 <= x0 || y1 <= y0 {
		return Box{Page: page}
	}
	return Box{Page: page, X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}
