package pdfdoc

import (
	"fmt"
	"strings"
	"unicode"
)

// gridCell is a cell placed on the grid of columns and rows.
type gridCell struct {
	row, col, rows, cols int
	lines                []line
	align                align
	textH                float64
}

// grid is a laid-out Table: column edges, header and body cells, row heights.
type grid struct {
	xs      []float64
	header  []gridCell
	headH   []float64
	body    []gridCell
	rowH    []float64
	headerH float64
	// starts lists, for each body row, the cells that start in it.
	starts [][]int
}

func (c *canvas) layoutGrid(t Table) (*grid, error) {
	if len(t.Header) == 0 && len(t.Rows) == 0 {
		return nil, fmt.Errorf("%w: empty table", ErrInvalid)
	}
	head, nh, hc, err := placeCells(t.Header, true)
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	body, nb, bc, err := placeCells(t.Rows, false)
	if err != nil {
		return nil, fmt.Errorf("rows: %w", err)
	}
	cols := max(hc, bc)
	if len(t.Widths) > 0 && len(t.Widths) != cols {
		return nil, fmt.Errorf("%w: %d widths for %d columns", ErrInvalid, len(t.Widths), cols)
	}
	g := &grid{xs: columnXs(t.Widths, cols, landTextW)}
	g.header, g.headH = c.measureCells(head, nh, g.xs)
	g.body, g.rowH = c.measureCells(body, nb, g.xs)
	for _, h := range g.headH {
		g.headerH += h
	}
	g.starts = make([][]int, nb)
	for i, gc := range g.body {
		g.starts[gc.row] = append(g.starts[gc.row], i)
	}
	return g, nil
}

func columnXs(widths []float64, cols int, total float64) []float64 {
	xs := make([]float64, cols+1)
	sum := 0.0
	for i := range cols {
		if len(widths) == cols && widths[i] > 0 {
			sum += widths[i]
		} else {
			sum++
		}
	}
	acc := 0.0
	for i := range cols {
		if len(widths) == cols && widths[i] > 0 {
			acc += widths[i]
		} else {
			acc++
		}
		xs[i+1] = total * acc / sum
	}
	return xs
}

// placedCell is a Cell with its grid position, before measuring.
type placedCell struct {
	Cell
	row, col, rows, cols int
	header               bool
}

// placeCells puts each cell in the first free column of its row, as HTML
// tables do, and returns the cells, the row count and the column count.
func placeCells(rows [][]Cell, header bool) ([]placedCell, int, int, error) {
	taken := map[[2]int]bool{}
	var out []placedCell
	nRows, nCols := len(rows), 0
	for r, row := range rows {
		col := 0
		for _, cell := range row {
			for taken[[2]int{r, col}] {
				col++
			}
			rs, cs := max(cell.RowSpan, 1), max(cell.ColSpan, 1)
			for i := range rs {
				for j := range cs {
					k := [2]int{r + i, col + j}
					if taken[k] {
						return nil, 0, 0, fmt.Errorf("%w: cell %q overlaps another at row %d", ErrInvalid, cell.Text, r+i+1)
					}
					taken[k] = true
				}
			}
			out = append(out, placedCell{Cell: cell, row: r, col: col, rows: rs, cols: cs, header: header})
			nRows = max(nRows, r+rs)
			col += cs
			nCols = max(nCols, col)
		}
	}
	return out, nRows, nCols, nil
}

// measureCells breaks each cell's text into lines and sizes the rows: a row
// is as tall as its tallest one-row cell; a spanning cell taller than its
// rows makes the last of them taller.
func (c *canvas) measureCells(cells []placedCell, nRows int, xs []float64) ([]gridCell, []float64) {
	out := make([]gridCell, len(cells))
	rowH := make([]float64, nRows)
	for i := range rowH {
		rowH[i] = gridPitch + 2*gridPad
	}
	for i, pc := range cells {
		if pc.col+pc.cols >= len(xs) {
			pc.cols = len(xs) - 1 - pc.col
		}
		inner := xs[pc.col+pc.cols] - xs[pc.col] - 2*gridPad
		st := gridStyle
		if pc.Bold {
			st.face = faceBold
		}
		lines := breakLines(c.pieces([]span{{text: pc.Text}}, st, inner), inner, 0)
		out[i] = gridCell{row: pc.row, col: pc.col, rows: pc.rows, cols: pc.cols, lines: lines,
			align: cellAlign(pc), textH: float64(len(lines) * gridPitch)}
		if pc.rows == 1 {
			rowH[pc.row] = max(rowH[pc.row], out[i].textH+2*gridPad)
		}
	}
	for _, gc := range out {
		if gc.rows > 1 {
			last := gc.row + gc.rows - 1
			if need := gc.textH + 2*gridPad - sum(rowH[gc.row:last+1]); need > 0 {
				rowH[last] += need
			}
		}
	}
	return out, rowH
}

func cellAlign(pc placedCell) align {
	switch pc.Align {
	case "left":
		return alignLeft
	case "center":
		return alignCenter
	case "right":
		return alignRight
	}
	if pc.header || isNumeric(pc.Text) {
		return alignCenter
	}
	return alignJustify
}

func isNumeric(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsDigit(r) && !strings.ContainsRune(".,%-—", r)
	}) < 0
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// span is the height of body rows [from, to).
func (g *grid) span(from, to int) float64 {
	return sum(g.rowH[from:min(to, len(g.rowH))])
}

// keepEnd is the last row of the group that must stay on one page with row
// i: the rows of every merged cell starting in the group, as long as the
// group fits a page of height capacity. A merged cell taller than that may
// break.
func (g *grid) keepEnd(i int, capacity float64) int {
	if i >= len(g.rowH) {
		return i
	}
	end := i
	for j := i; j <= end; j++ {
		for _, k := range g.starts[j] {
			e := g.body[k].row + g.body[k].rows - 1
			if e > end && g.span(i, e+1) <= capacity {
				end = e
			}
		}
	}
	return end
}

// drawCells draws the parts of cells that fall in rows [from, to), with row
// from at y. A merged cell cut by a page break is drawn on each page, its
// text repeated where it fits.
func (c *canvas) drawCells(cells []gridCell, rowH, xs []float64, from, to int, x, y float64) {
	c.pdf.SetLineWidth(tableRule)
	for _, gc := range cells {
		r0, r1 := max(gc.row, from), min(gc.row+gc.rows, to)
		if r0 >= r1 {
			continue
		}
		top := y + sum(rowH[from:r0])
		h := sum(rowH[r0:r1])
		x0, w := x+xs[gc.col], xs[gc.col+gc.cols]-xs[gc.col]
		c.pdf.Rect(x0, top, w, h, "D")
		if gc.textH+2*gridPad > h+0.01 && r0 != gc.row {
			continue
		}
		ty := top + max((h-gc.textH)/2, gridPad)
		for _, l := range gc.lines {
			c.drawLine(l, gridStyle, x0+gridPad, baseline(ty, gridPitch, gridSize), w-2*gridPad, gc.align)
			ty += gridPitch
		}
	}
}
