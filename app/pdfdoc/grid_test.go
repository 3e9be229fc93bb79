package pdfdoc

import (
	"errors"
	"strings"
	"testing"
)

// outcomeLabels are the 22 outcome rows of 三、本年度办理结果.
var outcomeLabels = []string{
	"（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
	"5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
	"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
	"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
	"5.要求行政机关确认或重新出具已获取信息",
	"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
	"（七）总计",
}

func TestRenderTables(t *testing.T) {
	if len(outcomeLabels) != 22 {
		t.Fatalf("%d outcome labels", len(outcomeLabels))
	}
	r := MustRenderer(t)
	d := MustAnnualReport(t)
	pdf, err := r.RenderTables(d)
	if err != nil {
		t.Fatal(err)
	}
	path := MustWrite(t, pdf)
	pages := MustPages(t, path, "841.89 x 595.28 pts (A4)")
	if pages < 2 {
		t.Fatalf("pages = %d; the outcome table is taller than a page", pages)
	}
	var all strings.Builder
	for p := 1; p <= pages; p++ {
		text := pageText(t, path, p)
		all.WriteString(text)
		// The header repeats on every page the first table spans.
		if p <= 2 && !strings.Contains(text, "申请人情况") {
			t.Errorf("page %d lacks the repeated header", p)
		}
	}
	text := all.String()
	for _, want := range append([]string{d.Title, squash(d.Subtitle), "三、本年度办理结果", "（三）不予公开", "四、结转下年度继续办理",
		"未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼"}, outcomeLabels...) {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("text lacks %q", want)
		}
	}
	// 15 remedy columns: 5 under 行政复议 and 5 under each kind of suit.
	for _, leaf := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结"} {
		if n := strings.Count(text, leaf); n != 3 {
			t.Errorf("%q appears %d times, want 3", leaf, n)
		}
	}
	if n := strings.Count(text, "总计"); n < 3+2 {
		t.Errorf("总计 appears %d times", n)
	}
}

// TestGridKeepsGroups checks that a merged row group that fits a page is
// not split: every 不予公开 sub-row is on the page of the group label.
func TestGridKeepsGroups(t *testing.T) {
	r := MustRenderer(t)
	path := MustWrite(t, must(r.RenderTables(MustAnnualReport(t))))
	for p := 1; p <= 2; p++ {
		text := pageText(t, path, p)
		for _, group := range [][]string{outcomeLabels[2:10], outcomeLabels[10:13], outcomeLabels[13:18], outcomeLabels[18:21]} {
			n := 0
			for _, l := range group {
				if strings.Contains(text, squash(l)) {
					n++
				}
			}
			if n != 0 && n != len(group) {
				t.Errorf("page %d holds %d of the %d rows of a group starting %q", p, n, len(group), group[0])
			}
		}
	}
}

func TestRenderTablesRejects(t *testing.T) {
	r := MustRenderer(t)
	tests := []struct {
		name string
		d    TableDocument
	}{
		{"no title", TableDocument{Tables: []Table{{Rows: [][]Cell{{{Text: "1"}}}}}}},
		{"no table", TableDocument{Title: "表"}},
		{"overlapping spans", TableDocument{Title: "表", Tables: []Table{{Rows: [][]Cell{
			{{Text: "a", RowSpan: 2}, {Text: "b"}},
			{{Text: "c", ColSpan: 2}, {Text: "d"}},
			{{Text: "e"}, {Text: "f", RowSpan: 2, ColSpan: 2}},
			{{Text: "g", ColSpan: 2}},
		}}}}},
		{"widths do not match", TableDocument{Title: "表", Tables: []Table{{Widths: []float64{1, 2, 3}, Rows: [][]Cell{{{Text: "a"}, {Text: "b"}}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := r.RenderTables(tt.d); !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
