package pdfdoc

// Body tables are bordered grids in 四号 set in slices one text line high,
// so that a tall row (a long description) can continue on the next page;
// a slice at a page break closes its borders.

const (
	tableRule       = 0.6 // border width in points
	centredRowLines = 12
)

// bodyCell is a laid-out cell: its columns and lines.
type bodyCell struct {
	col, span int
	lines     []line
	align     align
	offset    int // blank lines above, to centre the cell in its row
}

func (c *canvas) tableItems(t tableBlock) []item {
	cols := 0
	for _, row := range t.rows {
		n := 0
		for _, cell := range row {
			n += cell.colspan
		}
		cols = max(cols, n)
	}
	xs := c.columnEdges(t, cols)
	var items []item
	for _, row := range t.rows {
		items = append(items, c.rowItems(row, xs)...)
	}
	return items
}

// columnEdges gives the x offsets of the column borders. A two-column table
// is label and value: the label column takes its widest label, at least
// four characters and at most two fifths of the width.
func (c *canvas) columnEdges(t tableBlock, cols int) []float64 {
	xs := make([]float64, cols+1)
	if cols == 2 {
		labelW := float64(4*tableSize + 2*tablePad)
		for _, row := range t.rows {
			if len(row) > 1 && row[0].colspan == 1 {
				w := 0.0
				for _, p := range c.pieces(row[0].spans, tableStyle, textW) {
					w += p.w
				}
				labelW = max(labelW, w+2*tablePad+tableSize)
			}
		}
		xs[1], xs[2] = min(labelW, textW*2/5), textW
		return xs
	}
	for i := range xs {
		xs[i] = textW * float64(i) / float64(cols)
	}
	return xs
}

// rowItems lays out one row as slices of one line each.
func (c *canvas) rowItems(row []tableCell, xs []float64) []item {
	var cells []bodyCell
	col, n := 0, 1
	for _, tc := range row {
		if col >= len(xs)-1 {
			break
		}
		span := min(tc.colspan, len(xs)-1-col)
		inner := xs[col+span] - xs[col] - 2*tablePad
		a := alignJustify
		if tc.header {
			a = alignCenter
		}
		lines := breakLines(c.pieces(tc.spans, tableStyle, inner), inner, 0)
		cells = append(cells, bodyCell{col: col, span: span, lines: lines, align: a})
		n = max(n, len(lines))
		col += span
	}
	// Centre short cells in their row, unless the row is tall enough to
	// break across pages: then its label stays at the top, where it starts.
	if n <= centredRowLines {
		for i := range cells {
			cells[i].offset = (n - len(cells[i].lines)) / 2
		}
	}
	items := make([]item, n)
	for k := range n {
		pitch := c.v(tablePitch)
		h := pitch
		if k == 0 {
			h += tablePad
		}
		if k == n-1 {
			h += tablePad
		}
		items[k] = item{h: h, draw: func(c *canvas, x, y float64, at placement) {
			c.drawSlice(cells, xs, k, n, x, y, h, pitch, at)
		}}
	}
	return items
}

// drawSlice draws line k of every cell of a row of n lines, its vertical
// borders, and a horizontal border at the row's ends and at page breaks.
func (c *canvas) drawSlice(cells []bodyCell, xs []float64, k, n int, x, y, h, pitch float64, at placement) {
	top := y
	if k == 0 {
		top += tablePad
	}
	for _, cell := range cells {
		i := k - cell.offset
		if i < 0 || i >= len(cell.lines) {
			continue
		}
		x0 := x + xs[cell.col] + tablePad
		w := xs[cell.col+cell.span] - xs[cell.col] - 2*tablePad
		c.drawLine(cell.lines[i], tableStyle, x0, baseline(top, pitch, tableSize), w, cell.align)
	}
	c.pdf.SetLineWidth(tableRule)
	edges := []int{0}
	for _, cell := range cells {
		edges = append(edges, cell.col+cell.span)
	}
	edges = append(edges, len(xs)-1)
	for _, e := range edges {
		c.pdf.Line(x+xs[e], y, x+xs[e], y+h)
	}
	if k == 0 || at.first {
		c.pdf.Line(x, y, x+xs[len(xs)-1], y)
	}
	if k == n-1 || at.last {
		c.pdf.Line(x, y+h, x+xs[len(xs)-1], y+h)
	}
}
