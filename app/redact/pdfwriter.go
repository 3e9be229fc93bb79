package redact

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// pdfWriter writes a PDF 1.4 file with a classic cross-reference table. It
// knows nothing of the source document: whatever it writes was built here.
type pdfWriter struct {
	buf     bytes.Buffer
	offsets []int // by object number; 0 for none
}

func newPDFWriter() *pdfWriter {
	w := &pdfWriter{}
	// The binary comment marks the file as binary for transfer tools.
	w.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	return w
}

func (w *pdfWriter) begin(n int) {
	for len(w.offsets) <= n {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[n] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n", n)
}

// object writes object n with the given body.
func (w *pdfWriter) object(n int, body []byte) {
	w.begin(n)
	w.buf.Write(body)
	w.buf.WriteString("\nendobj\n")
}

// stream writes object n as a stream; dict holds the entries other than
// /Length.
func (w *pdfWriter) stream(n int, dict string, data []byte) {
	w.begin(n)
	fmt.Fprintf(&w.buf, "<< %s /Length %d >>\nstream\n", dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and trailer (info 0: none) and
// returns the file.
func (w *pdfWriter) finish(root, info int) []byte {
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets))
	for _, off := range w.offsets[1:] {
		if off == 0 {
			w.buf.WriteString("0000000000 65535 f \n")
		} else {
			fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
		}
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R", len(w.offsets), root)
	if info > 0 {
		fmt.Fprintf(&w.buf, " /Info %d 0 R", info)
	}
	fmt.Fprintf(&w.buf, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return w.buf.Bytes()
}

// num formats a number of points for a PDF operand.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64) }

// imagePDF assembles pages of images into a PDF: object 1 the catalog, 2 the
// page tree, 3 the document information (a fixed Producer only), then per
// page its image, content and page objects. add is called once per page, in
// order; done returns the file.
type imagePDF struct {
	w     *pdfWriter
	kids  []int
	nextN int
}

// producer is the only document information the output carries.
const producer = "Gongkai redact"

func newImagePDF() *imagePDF {
	p := &imagePDF{w: newPDFWriter(), nextN: 4}
	p.w.object(1, []byte("<< /Type /Catalog /Pages 2 0 R >>"))
	p.w.object(3, []byte("<< /Producer ("+producer+") >>"))
	return p
}

// add appends a page of width x height points showing img stretched over it.
func (p *imagePDF) add(width, height float64, img encoded) {
	im, cs, pg := p.nextN, p.nextN+1, p.nextN+2
	p.nextN += 3
	space := "/DeviceRGB"
	if img.gray {
		space = "/DeviceGray"
	}
	p.w.stream(im, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /%s",
		img.w, img.h, space, img.filter), img.data)
	p.w.stream(cs, "", []byte(fmt.Sprintf("q %s 0 0 %s 0 0 cm /Im0 Do Q", num(width), num(height))))
	p.w.object(pg, []byte(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>",
		num(width), num(height), im, cs)))
	p.kids = append(p.kids, pg)
}

func (p *imagePDF) done() []byte {
	var kids bytes.Buffer
	for i, k := range p.kids {
		if i > 0 {
			kids.WriteByte(' ')
		}
		fmt.Fprintf(&kids, "%d 0 R", k)
	}
	p.w.object(2, []byte(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), len(p.kids))))
	return p.w.finish(1, 3)
}
