package pdfdoc

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// Renderer turns notices and tables into PDF. It holds the font files in
// memory; it is safe for concurrent use, every call writing its own
// document.
type Renderer struct {
	faces       [numFaces]*face
	titleStroke float64
}

// NewRenderer loads and checks the font files of f. It returns an error
// wrapping ErrInvalid when a file is not a single TrueType font the PDF
// writer can embed.
func NewRenderer(f Fonts) (*Renderer, error) {
	faces, err := loadFaces(f)
	if err != nil {
		return nil, err
	}
	// The writer has a TrueType parser of its own; try each face with it
	// now rather than fail on the first document.
	for _, fc := range faces {
		if fc == nil {
			continue
		}
		pdf := fpdf.New("P", "pt", "A4", "")
		pdf.AddUTF8FontFromBytes(fc.family, "", fc.data)
		pdf.SetFont(fc.family, "", 12)
		if pdf.Err() {
			return nil, fmt.Errorf("%w: font %s: %v", ErrInvalid, fc.family, pdf.Error())
		}
	}
	return &Renderer{faces: faces, titleStroke: f.TitleStroke}, nil
}

// producer is the one Info entry besides Title.
const producer = "Gongkai pdfdoc"

// canvas is one document being written: the PDF writer plus the per-rune
// caches that layout needs.
type canvas struct {
	r          *Renderer
	pdf        *fpdf.Fpdf
	registered [numFaces]bool
	buf        sfnt.Buffer
	resolved   map[faceRune]faceID
	widths     map[faceRune]float64
	curFace    faceID
	curSize    float64
	// vs scales the line pitches of the layout being built: below 1 when a
	// notice is squeezed onto fewer pages (GB/T 9704 §7.3.5.4 allows
	// adjusting the line spacing). Items keep the pitch they were built with.
	vs float64
}

type faceRune struct {
	f faceID
	r rune
}

// newCanvas starts a document in points; orientation is "P" or "L".
func (r *Renderer) newCanvas(orientation, title string, date time.Time) *canvas {
	pdf := fpdf.New(orientation, "pt", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetProducer(producer, true)
	pdf.SetTitle(strings.ReplaceAll(title, "\n", ""), true)
	// The writer always writes both dates; finish blanks them when the input
	// has none, so that output never depends on the clock.
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	return &canvas{r: r, pdf: pdf, resolved: map[faceRune]faceID{}, widths: map[faceRune]float64{}, curFace: -1, vs: 1}
}

// v scales a vertical distance by the squeeze factor.
func (c *canvas) v(x float64) float64 { return x * c.vs }

// register makes face f known to the writer on first use.
func (c *canvas) register(f faceID) {
	if c.registered[f] {
		return
	}
	fc := c.r.faces[f]
	c.pdf.AddUTF8FontFromBytes(fc.family, "", fc.data)
	for i, o := range c.r.faces {
		if o == fc {
			c.registered[i] = true
		}
	}
}

// setFont selects face f at size points for the text that follows.
func (c *canvas) setFont(f faceID, size float64) {
	if c.curFace == f && c.curSize == size {
		return
	}
	c.register(f)
	c.pdf.SetFont(c.r.faces[f].family, "", size)
	c.curFace, c.curSize = f, size
}

// resolve picks the face that draws r: want, else the fallback when it has
// the glyph. Runes outside the BMP, which the writer cannot encode, become
// 〓 (the typesetter's mark for a missing character).
func (c *canvas) resolve(want faceID, r rune) (faceID, rune) {
	if r > 0xFFFF {
		r = '〓'
	}
	k := faceRune{want, r}
	if f, ok := c.resolved[k]; ok {
		return f, r
	}
	f := want
	fb := c.r.faces[faceFallback]
	if !c.r.faces[want].has(&c.buf, r) && fb != nil && fb.has(&c.buf, r) {
		f = faceFallback
	}
	c.resolved[k] = f
	return f, r
}

// width is the advance of r in face f at size points.
func (c *canvas) width(f faceID, r rune, size float64) float64 {
	k := faceRune{f, r}
	w, ok := c.widths[k]
	if !ok {
		c.setFont(f, 1000)
		w = c.pdf.GetStringWidth(string(r)) / 1000
		c.widths[k] = w
	}
	return w * size
}

// text draws s with its baseline at (x, y).
func (c *canvas) text(f faceID, size, x, y float64, s string) {
	c.setFont(f, size)
	c.pdf.Text(x, y, s)
}

// output finishes the document and returns its bytes.
func (c *canvas) output(dated bool) ([]byte, error) {
	var buf bytes.Buffer
	if err := c.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return finish(buf.Bytes(), dated)
}
