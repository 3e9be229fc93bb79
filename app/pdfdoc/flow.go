package pdfdoc

// item is one unbreakable slice of a page's flow: a line of text, a slice
// of a table row, the signature block. Items stack top to bottom.
type item struct {
	h float64
	// gap items are spacing; they vanish at the top of a page.
	gap  bool
	draw func(c *canvas, x, y float64, at placement)
}

// placement tells an item where it landed, so that a table slice can close
// its borders at a page break.
type placement struct {
	first, last bool
}

// paginate fills pages of height h with items, then places tail (the
// signature block) on the last page. GB/T 9704 §7.3.5.4 forbids a page with
// only the signature and date: when the tail does not fit, the last body
// item moves to the next page with it.
func paginate(items []item, tail *item, h float64) [][]item {
	var pages [][]item
	var cur []item
	y := 0.0
	for _, it := range items {
		if y+it.h > h+0.01 && len(cur) > 0 {
			pages = append(pages, trimGaps(cur))
			cur, y = nil, 0
		}
		if it.gap && len(cur) == 0 {
			continue
		}
		cur = append(cur, it)
		y += it.h
	}
	if tail != nil && y+tail.h > h+0.01 {
		cur = trimGaps(cur)
		var moved []item
		if len(cur) > 1 {
			moved = []item{cur[len(cur)-1]}
			cur = trimGaps(cur[:len(cur)-1])
		}
		pages = append(pages, cur)
		cur = moved
	}
	if tail != nil {
		cur = append(cur, *tail)
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

func trimGaps(its []item) []item {
	for len(its) > 0 && its[len(its)-1].gap {
		its = its[:len(its)-1]
	}
	return its
}

// drawPage draws one page's items from the top-left corner (x, y).
func (c *canvas) drawPage(items []item, x, y float64) {
	for i, it := range items {
		if it.draw != nil {
			it.draw(c, x, y, placement{first: i == 0, last: i == len(items)-1})
		}
		y += it.h
	}
}
