package pdfdoc

import (
	"fmt"
	"strings"
	"time"
)

// Notice is one official document (公文 in the sense of GB/T 9704-2012).
type Notice struct {
	// Title is the 标题, centred in 二号 Song; it wraps into balanced lines
	// and a "\n" forces a break.
	Title string
	// DocNumber is the 发文字号 centred under the title, e.g.
	// 莱芜区政府办〔2026〕第12号; optional.
	DocNumber string
	// Recipient is the 主送机关 or applicant; when set the salutation line
	// "Recipient：" opens the body (a body may carry its own instead).
	Recipient string
	// BodyHTML is the body: <p> (indented two characters; class noindent
	// or pre), <div class="pre">, <ol>/<ul>/<li>, bordered <table> with
	// <tr>/<th>/<td> (colspan) in 四号, <strong>/<b>, <br>, <span>. Other
	// elements render their text.
	BodyHTML string
	// Agency is the 发文机关署名 above the date.
	Agency string
	// Date is the 成文日期, set in Chinese (2026年12月4日) and used as the
	// PDF creation date. Required.
	Date time.Time
	// Seal is a PNG (transparent background, at most MaxSealBytes) of the
	// agency's seal, drawn over the signer and date. Without it the space
	// stays empty for a wet seal.
	Seal []byte
	// FootNote is a small line in 10.5 pt at the end, e.g.
	// "查询号：LWZF-2026-00012"; optional.
	FootNote string
	// NoPageNumbers leaves out the "— n —" page numbers.
	NoPageNumbers bool
}

// A4 portrait geometry in points (GB/T 9704-2012 §5.2.1: margins 37 mm
// top, 35 mm bottom, 28 mm left, 26 mm right; text area 156 × 225 mm).
const (
	mm          = 72 / 25.4
	a4W         = 210 * mm
	a4H         = 297 * mm
	marginTop   = 37 * mm
	marginLeft  = 28 * mm
	textW       = 156 * mm
	textH       = 225 * mm
	bodySize    = 16 // 三号
	bodyPitch   = 28 // fixed line pitch
	charsPerRow = 28 // §5.2.2: 28 characters a line, 22 lines a page
	titleSize   = 22 // 二号
	titlePitch  = 32
	tableSize   = 14 // 四号, receipts' tables
	tablePitch  = 18
	tablePad    = 3
	noteSize    = 10.5 // 五号
	pageNoSize  = 14   // 四号
	sealWidth   = 42 * mm
)

// MaxSealBytes bounds the seal PNG.
const MaxSealBytes = 2 << 20

// baseline is where text of size sits in a line box of height pitch whose
// top is y: the CJK em box centred on the box.
func baseline(y, pitch, size float64) float64 {
	return y + pitch/2 + size*0.36
}

// ChineseDate formats t the way a 成文日期 is written: 2026年12月4日.
func ChineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// RenderNotice lays out n on A4 pages and returns the PDF. Text that does
// not fit continues on the next page without repeating the title; the
// signer, date and seal area stay together on the last page with at least
// one line of body above them. Errors wrap ErrInvalid for a missing title,
// agency or date, bad HTML or an unusable seal.
func (r *Renderer) RenderNotice(n Notice) ([]byte, error) {
	if strings.TrimSpace(n.Title) == "" || strings.TrimSpace(n.Agency) == "" || n.Date.IsZero() {
		return nil, fmt.Errorf("%w: a notice needs a title, an agency and a date", ErrInvalid)
	}
	blocks, err := parseBody(n.BodyHTML)
	if err != nil {
		return nil, err
	}
	if n.Recipient != "" {
		blocks = append([]block{para{spans: []span{{text: n.Recipient + "："}}}}, blocks...)
	}
	c := r.newCanvas("P", n.Title, n.Date)
	var seal *sealImage
	if n.Seal != nil {
		if seal, err = c.registerSeal(n.Seal); err != nil {
			return nil, err
		}
	}
	pages := c.layoutNotice(n, blocks, seal, 1)
	for _, vs := range squeezes {
		if len(pages) == 1 {
			break
		}
		if p := c.layoutNotice(n, blocks, seal, vs); len(p) < len(pages) {
			pages = p
			break
		}
	}
	for i, pg := range pages {
		c.pdf.AddPage()
		c.drawPage(pg, marginLeft, marginTop)
		if !n.NoPageNumbers {
			c.pageNumber(i+1, marginLeft, marginTop+textH, textW, true)
		}
	}
	return c.output(true)
}

// squeezes are the line-pitch factors tried, in order, when a notice spills
// onto one more page than it needs; the first that saves a page wins.
var squeezes = []float64{0.97, 0.94, 0.91}

// layoutNotice lays out the notice with line pitches scaled by vs and
// paginates it.
func (c *canvas) layoutNotice(n Notice, blocks []block, seal *sealImage, vs float64) [][]item {
	c.vs = vs
	items := c.headItems(n)
	for _, b := range blocks {
		items = append(items, c.blockItems(b)...)
	}
	tail := c.signatureItem(n, seal)
	return paginate(items, &tail, textH)
}

var (
	bodyStyle  = style{face: faceBody, bold: faceBold, size: bodySize, tracking: textW/charsPerRow - bodySize}
	tableStyle = style{face: faceBody, bold: faceBold, size: tableSize}
	noteStyle  = style{face: faceBody, bold: faceBold, size: noteSize}
)

// headItems are the title lines and the document number.
func (c *canvas) headItems(n Notice) []item {
	st := style{face: faceTitle, bold: faceTitle, size: titleSize}
	var items []item
	tp, lh := c.v(titlePitch), c.v(bodyPitch)
	for _, l := range c.balancedLines(strings.Split(n.Title, "\n"), st, textW) {
		items = append(items, item{h: tp, draw: func(c *canvas, x, y float64, _ placement) {
			c.withStroke(c.r.titleStroke, func() {
				c.drawLine(l, st, x, baseline(y, tp, titleSize), textW, alignCenter)
			})
		}})
	}
	if n.DocNumber != "" {
		for _, l := range c.textLines(n.DocNumber, bodyStyle, textW, 0) {
			items = append(items, item{h: lh, draw: func(c *canvas, x, y float64, _ placement) {
				c.drawLine(l, bodyStyle, x, baseline(y, lh, bodySize), textW, alignCenter)
			}})
		}
	}
	return append(items, item{h: lh / 2, gap: true})
}

// balancedLines breaks each paragraph of a title into as few lines as
// greedy breaking needs, of near-equal length, the longer first (GB/T 9704
// §7.3.1 asks for symmetric, trapezoid or diamond lines).
func (c *canvas) balancedLines(paras []string, st style, w float64) []line {
	var out []line
	for _, p := range paras {
		ps := c.pieces([]span{{text: strings.TrimSpace(p)}}, st, w)
		lines := breakLines(ps, w, 0)
		if n := len(lines); n > 1 {
			total := 0.0
			for _, l := range lines {
				total += l.natural
			}
			for target := total / float64(n); target < w; target += st.size / 2 {
				if ls := breakLines(ps, target, 0); len(ls) <= n {
					lines = ls
					break
				}
			}
		}
		out = append(out, lines...)
	}
	return out
}

// textLines breaks plain text.
func (c *canvas) textLines(s string, st style, w, indent float64) []line {
	return breakLines(c.pieces([]span{{text: s}}, st, w), w, indent)
}

// withStroke draws with fill-then-stroke text of width w (a faux bold).
func (c *canvas) withStroke(w float64, draw func()) {
	if w <= 0 {
		draw()
		return
	}
	c.pdf.SetLineWidth(w)
	c.pdf.SetTextRenderingMode(2)
	draw()
	c.pdf.SetTextRenderingMode(0)
}

// blockItems lays out one body block.
func (c *canvas) blockItems(b block) []item {
	switch b := b.(type) {
	case para:
		return c.paraItems(b)
	case tableBlock:
		return c.tableItems(b)
	}
	return nil
}

func (c *canvas) paraItems(p para) []item {
	indent := 0.0
	if p.indent {
		indent = 2 * (bodySize + bodyStyle.tracking)
	}
	ps := c.pieces(p.spans, bodyStyle, textW)
	lh := c.v(bodyPitch)
	var items []item
	for _, l := range breakLines(ps, textW, indent) {
		items = append(items, item{h: lh, draw: func(c *canvas, x, y float64, _ placement) {
			c.drawLine(l, bodyStyle, x, baseline(y, lh, bodySize), textW, alignJustify)
		}})
	}
	return items
}

// pageNumber draws "— n —" in 四号 7 mm below the text area, one character
// in from the outer edge: right on odd pages, left on even ones (GB/T 9704
// §7.5). Centred when outer is false.
func (c *canvas) pageNumber(n int, x, bottom, w float64, outer bool) {
	st := style{face: faceTitle, bold: faceTitle, size: pageNoSize}
	l := c.textLines(fmt.Sprintf("— %d —", n), st, w, 0)[0]
	y := bottom + 7*mm + pageNoSize*0.8
	switch {
	case !outer:
		c.drawLine(l, st, x, y, w, alignCenter)
	case n%2 == 1:
		c.drawLine(l, st, x, y, w-pageNoSize, alignRight)
	default:
		c.drawLine(l, st, x+pageNoSize, y, w, alignLeft)
	}
}
