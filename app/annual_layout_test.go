package app

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAnnualLayout lays table 三 out as the official format: 25 lines with
// figures, each covering the three label columns once (counting the
// merged row headers above it), 三 merged down the 22 outcome lines and
// each group with items down its items, no label indented.
func TestAnnualLayout(t *testing.T) {
	lines := AnnualLayout(annualRows())
	if len(lines) != 25 {
		t.Fatalf("%d lines, want 25", len(lines))
	}
	covered := make([]int, len(lines)) // label columns each line has
	merged := map[string][2]int{}      // label → first line, lines
	for i, l := range lines {
		for _, lb := range l.Labels {
			if strings.TrimSpace(lb.Text) != lb.Text || lb.Text == "" {
				t.Errorf("line %d: label %q", i, lb.Text)
			}
			for j := i; j < i+lb.RowSpan; j++ {
				covered[j] += lb.ColSpan
			}
			if lb.RowSpan > 1 {
				merged[lb.Text] = [2]int{i, lb.RowSpan}
			}
		}
		if l.Row.Header {
			t.Errorf("line %d is the header row %s", i, l.Row.Key)
		}
	}
	for i, n := range covered {
		if n != AnnualLabelColumns {
			t.Errorf("line %d (%s) has %d label columns", i, lines[i].Row.Key, n)
		}
	}
	want := map[string][2]int{"三、本年度办理结果": {2, 22}, "（三）不予公开": {4, 8}, "（四）无法提供": {12, 3}, "（五）不予处理": {15, 5}, "（六）其他处理": {20, 3}}
	if d := cmp.Diff(want, merged); d != "" {
		t.Errorf("merged row headers (-want +got):\n%s", d)
	}
	keys := []string{lines[0].Row.Key, lines[1].Row.Key, lines[2].Row.Key, lines[23].Row.Key, lines[24].Row.Key}
	if d := cmp.Diff([]string{"new", "carried_in", "disclosed", "total", "carried_out"}, keys); d != "" {
		t.Errorf("lines (-want +got):\n%s", d)
	}
}
