package redact

import (
	"context"
	"math"

	"github.com/klippa-app/go-pdfium"
)

// Options tunes Apply.
type Options struct {
	// DPI is the resolution PDF pages are rendered at: 150 by default,
	// clamped to 72..300. A page too large for maxPagePixels at this
	// resolution is rendered at a lower one. Images keep their own pixels.
	DPI int
	// Progress, if set, is called after each page is written, with the
	// pages done so far and the total. It is called in page order from a
	// goroutine of Apply's own, never after Apply returns.
	Progress func(done, total int)
}

const defaultDPI = 150

// maxPagePixels bounds one rendered page (A0 at 150 DPI is 35 million), and
// so the memory a page takes: 4 bytes a pixel in PDFium plus 3 in Go.
const maxPagePixels = 40_000_000

func (o Options) dpi() int {
	switch {
	case o.DPI == 0:
		return defaultDPI
	case o.DPI < 72:
		return 72
	case o.DPI > 300:
		return 300
	}
	return o.DPI
}

// Apply returns a new PDF showing src with every box painted solid black
// (one point wider on each side, against anti-aliasing). Each page is
// rendered to an image as a viewer shows it (annotations and form fields
// included) and the output holds only those images, one per page of the
// original displayed size: no text, fonts, annotations, forms, attachments,
// outlines, scripts, metadata (document information is a fixed Producer, no
// XMP) or earlier revisions. A PNG or JPEG becomes a one-page PDF at its
// pixel size, upright per its EXIF orientation, without its EXIF, XMP or ICC
// data. The same src, boxes, options and build give the same bytes.
//
// Pages are processed one at a time (rendering the next while the previous
// is compressed), so memory holds at most three page images; ctx is checked
// between pages and its end also aborts a page being rendered. Refusals are
// *Error values: the codes of Inspect, and CodeBoxPage, CodeBoxSize,
// CodeBoxOutside for boxes (see Info.Validate).
func (e *Engine) Apply(ctx context.Context, src []byte, boxes []Box, opts Options) ([]byte, error) {
	kind, err := sniff(src)
	if err != nil {
		return nil, err
	}
	if kind != KindPDF {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return applyImage(src, kind, boxes, opts)
	}
	var out []byte
	err = e.session(ctx, func(p pdfium.Pdfium) error {
		d, geoms, err := openPages(p, src)
		if err != nil {
			return err
		}
		defer d.close()
		info := Info{Kind: KindPDF}
		for _, g := range geoms {
			info.Pages = append(info.Pages, g.info())
		}
		if err := info.Validate(boxes); err != nil {
			return err
		}
		out, err = e.rebuild(ctx, d, geoms, byPageBoxes(boxes, len(geoms)), opts)
		return err
	})
	return out, err
}

// page is a rendered, redacted page on its way to the writer.
type page struct {
	w, h float64 // points
	r    *raster
}

// rebuild renders the pages in this goroutine (PDFium's) and compresses and
// writes them in another.
func (e *Engine) rebuild(ctx context.Context, d *pdfDoc, geoms []geom, boxes [][]Box, opts Options) ([]byte, error) {
	pages := make(chan page, 1)
	result := make(chan []byte, 1)
	go func() {
		w := newImagePDF()
		done := 0
		for pg := range pages {
			w.add(pg.w, pg.h, pg.r.encode())
			done++
			if opts.Progress != nil {
				opts.Progress(done, len(geoms))
			}
		}
		result <- w.done()
	}()
	err := func() error {
		defer close(pages)
		for i, g := range geoms {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := e.checkFonts(d, i); err != nil {
				return err
			}
			w, h := g.size()
			r, err := d.render(i, pageDPI(opts.dpi(), w, h))
			if err != nil {
				return err
			}
			r.paint(boxes[i], float64(r.w)/w, float64(r.h)/h)
			pages <- page{w: w, h: h, r: r}
		}
		return nil
	}()
	out := <-result // the writer has finished with every page it was given
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pageDPI lowers dpi for a page of w×h points that would exceed
// maxPagePixels.
func pageDPI(dpi int, w, h float64) int {
	px := w * h * float64(dpi*dpi) / (72 * 72)
	if px <= maxPagePixels {
		return dpi
	}
	return max(1, int(72*math.Sqrt(maxPagePixels/(w*h))))
}

// byPageBoxes groups validated boxes by page index.
func byPageBoxes(boxes []Box, n int) [][]Box {
	out := make([][]Box, n)
	for _, b := range boxes {
		out[b.Page-1] = append(out[b.Page-1], b)
	}
	return out
}

// applyImage redacts a PNG or JPEG into a one-page PDF at the image's own
// resolution.
func applyImage(src []byte, kind Kind, boxes []Box, opts Options) ([]byte, error) {
	im, err := inspectImage(src, kind)
	if err != nil {
		return nil, err
	}
	pi := im.page()
	if err := (Info{Kind: kind, Pages: []PageInfo{pi}}).Validate(boxes); err != nil {
		return nil, err
	}
	r, err := decodeImage(src, kind, im)
	if err != nil {
		return nil, err
	}
	r.paint(boxes, float64(r.w)/pi.Width, float64(r.h)/pi.Height)
	w := newImagePDF()
	w.add(pi.Width, pi.Height, r.encode())
	if opts.Progress != nil {
		opts.Progress(1, 1)
	}
	return w.done(), nil
}
