package pdfdoc

import (
	"fmt"
	"strings"
	"time"
)

// TableDocument is a landscape A4 document of statistical tables, such as
// the tables of the annual report on government information disclosure
// (政府信息公开工作年度报告).
type TableDocument struct {
	// Title is centred on the first page.
	Title string `json:"title"`
	// Subtitle is a line under the title, e.g. the agency and the year.
	Subtitle string `json:"subtitle,omitempty"`
	// Date, if set, is the PDF creation date; without it there is none.
	Date time.Time `json:"date,omitzero"`
	// Tables follow one another; each starts on a new page only when its
	// caption, header and first rows do not fit.
	Tables []Table `json:"tables"`
	// NoPageNumbers leaves out the "— n —" page numbers.
	NoPageNumbers bool `json:"noPageNumbers,omitempty"`
}

// Table is a bordered table whose header rows repeat on every page it
// spans. Cells span columns and rows as in HTML: a row lists only the cells
// that start in it, left to right, skipping columns taken by cells from
// rows above.
type Table struct {
	// Caption is a heading above the table, e.g. 三、收到和处理政府信息公开申请情况.
	Caption string `json:"caption,omitempty"`
	// Widths are relative column widths; without them columns are equal.
	Widths []float64 `json:"widths,omitempty"`
	// Header rows repeat at the top of every page.
	Header [][]Cell `json:"header"`
	// Rows are the body rows.
	Rows [][]Cell `json:"rows"`
}

// Cell is one cell of a Table.
type Cell struct {
	// Text is plain text; it wraps within the cell.
	Text string `json:"text"`
	// ColSpan and RowSpan merge the cell over columns to the right and rows
	// below; 0 counts as 1.
	ColSpan int `json:"colSpan,omitempty"`
	RowSpan int `json:"rowSpan,omitempty"`
	// Align is "left", "center" or "right". By default header cells and
	// numbers are centred and other text is justified.
	Align string `json:"align,omitempty"`
	Bold  bool   `json:"bold,omitempty"`
}

// Landscape A4 geometry in points, and the table type (五号 Song).
const (
	landMarginTop  = 20 * mm
	landMarginSide = 20 * mm
	landTextW      = 297*mm - 2*landMarginSide
	landTextH      = 210*mm - landMarginTop - 25*mm
	gridSize       = 10.5
	gridPitch      = 14
	gridPad        = 3
	gridTitleSize  = 18 // 小二
	gridTitlePitch = 28
	captionSize    = 12
	captionPitch   = 22
	tableGap       = 12
)

var (
	gridStyle    = style{face: faceTitle, bold: faceBold, size: gridSize}
	captionStyle = style{face: faceBold, bold: faceBold, size: captionSize}
)

// RenderTables lays out d on landscape A4 pages and returns the PDF. Errors
// wrap ErrInvalid for a missing title or a table whose spans overlap or
// overflow its columns.
func (r *Renderer) RenderTables(d TableDocument) ([]byte, error) {
	if strings.TrimSpace(d.Title) == "" || len(d.Tables) == 0 {
		return nil, fmt.Errorf("%w: a table document needs a title and a table", ErrInvalid)
	}
	c := r.newCanvas("L", d.Title, d.Date)
	grids := make([]*grid, len(d.Tables))
	for i, t := range d.Tables {
		g, err := c.layoutGrid(t)
		if err != nil {
			return nil, fmt.Errorf("table %d: %w", i+1, err)
		}
		grids[i] = g
	}
	p := &gridPager{c: c, numbers: !d.NoPageNumbers}
	p.newPage()
	p.heading(d)
	for i, g := range grids {
		p.table(d.Tables[i].Caption, g)
	}
	return c.output(!d.Date.IsZero())
}

// gridPager places tables on pages, y being the cursor below the top margin.
type gridPager struct {
	c       *canvas
	numbers bool
	page    int
	y       float64
}

func (p *gridPager) newPage() {
	p.c.pdf.AddPage()
	p.page++
	p.y = 0
	if p.numbers {
		p.c.pageNumber(p.page, landMarginSide, landMarginTop+landTextH, landTextW, false)
	}
}

func (p *gridPager) heading(d TableDocument) {
	c := p.c
	st := style{face: faceTitle, bold: faceTitle, size: gridTitleSize}
	for _, l := range c.balancedLines(strings.Split(d.Title, "\n"), st, landTextW) {
		c.withStroke(c.r.titleStroke*gridTitleSize/titleSize, func() {
			c.drawLine(l, st, landMarginSide, baseline(landMarginTop+p.y, gridTitlePitch, gridTitleSize), landTextW, alignCenter)
		})
		p.y += gridTitlePitch
	}
	if d.Subtitle != "" {
		sub := style{face: faceBody, bold: faceBold, size: tableSize}
		for _, l := range c.textLines(d.Subtitle, sub, landTextW, 0) {
			c.drawLine(l, sub, landMarginSide, baseline(landMarginTop+p.y, 22, tableSize), landTextW, alignCenter)
			p.y += 22
		}
	}
	p.y += tableGap / 2
}

// table places one table: caption, header, then rows in keep groups,
// repeating the header after every page break.
func (p *gridPager) table(caption string, g *grid) {
	c := p.c
	var capLines []line
	if caption != "" {
		capLines = c.textLines(caption, captionStyle, landTextW, 0)
	}
	capH := float64(len(capLines) * captionPitch)
	first := g.keepEnd(0, landTextH-g.headerH)
	if p.y > 0 && p.y+capH+g.headerH+g.span(0, first+1) > landTextH {
		p.newPage()
	}
	for _, l := range capLines {
		c.drawLine(l, captionStyle, landMarginSide, baseline(landMarginTop+p.y, captionPitch, captionSize), landTextW, alignLeft)
		p.y += captionPitch
	}
	p.drawHeader(g)
	from, top := 0, p.y
	for i := 0; i < len(g.rowH); {
		end := g.keepEnd(i, landTextH-g.headerH)
		h := g.span(i, end+1)
		if p.y+h > landTextH+0.01 && i > from {
			c.drawCells(g.body, g.rowH, g.xs, from, i, landMarginSide, landMarginTop+top)
			p.newPage()
			p.drawHeader(g)
			from, top = i, p.y
		}
		p.y += h
		i = end + 1
	}
	c.drawCells(g.body, g.rowH, g.xs, from, len(g.rowH), landMarginSide, landMarginTop+top)
	p.y += tableGap
}

func (p *gridPager) drawHeader(g *grid) {
	p.c.drawCells(g.header, g.headH, g.xs, 0, len(g.headH), landMarginSide, landMarginTop+p.y)
	p.y += g.headerH
}
