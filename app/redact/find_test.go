package redact

import (
	"context"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// line lays out text as characters 10 pt wide on one line of page 1 at y,
// from x; spaces get a box too (they are real characters in the PDF).
func line(x, y float64, text string) []Char {
	var cs []Char
	for _, r := range text {
		cs = append(cs, Char{Page: 1, Text: string(r), Box: Box{Page: 1, X: x, Y: y, W: 10, H: 12}})
		x += 10
	}
	return cs
}

// lineBreak is the break PDFium generates between two lines.
var lineBreak = Char{Page: 1, Text: "\n", Generated: true, Box: Box{Page: 1}}

func TestFind(t *testing.T) {
	doc := append(line(0, 0, "电话 138 1234 5678，ABC"), lineBreak)
	doc = append(doc, line(0, 20, "申请人张")...)
	doc = append(doc, lineBreak)
	doc = append(doc, line(0, 40, "三丰")...)
	page2 := line(0, 0, "１３８")
	for i := range page2 {
		page2[i].Page, page2[i].Box.Page = 2, 2
	}
	doc = append(doc, page2...)
	tests := []struct {
		name   string
		phrase string
		want   []Box
	}{
		{"spaces in the text", "13812345678", []Box{{Page: 1, X: 30, Y: 0, W: 130, H: 12}}},
		{"spaces in the phrase", "电 话", []Box{{Page: 1, X: 0, Y: 0, W: 20, H: 12}}},
		{"case", "abc", []Box{{Page: 1, X: 170, Y: 0, W: 30, H: 12}}},
		{"across a line break", "张三丰", []Box{{Page: 1, X: 30, Y: 20, W: 10, H: 12}, {Page: 1, X: 0, Y: 40, W: 20, H: 12}}},
		{"full-width digits, only on their page", "138", []Box{{Page: 1, X: 30, Y: 0, W: 30, H: 12}, {Page: 2, X: 0, Y: 0, W: 30, H: 12}}},
		{"pages are not joined", "三丰138", nil},
		{"absent", "李四", nil},
		{"blank", " \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Find(doc, tt.phrase)); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.phrase, diff)
			}
		})
	}
}

func TestLineBoxesDirections(t *testing.T) {
	// Four characters 10 wide, 12 high going down (vertical text) and
	// going left (a page turned 180°).
	var down, left []Char
	for i := 0; i < 4; i++ {
		down = append(down, Char{Page: 1, Text: "字", Box: Box{Page: 1, X: 50, Y: 10 + 12*float64(i), W: 12, H: 12}})
		left = append(left, Char{Page: 1, Text: "a", Box: Box{Page: 1, X: 100 - 10*float64(i), Y: 5, W: 10, H: 12}})
	}
	if got := lineBoxes(down, 0, 3); !cmp.Equal(got, []Box{{Page: 1, X: 50, Y: 10, W: 12, H: 48}}) {
		t.Errorf("down: %+v", got)
	}
	if got := lineBoxes(left, 0, 3); !cmp.Equal(got, []Box{{Page: 1, X: 70, Y: 5, W: 40, H: 12}}) {
		t.Errorf("left: %+v", got)
	}
}

// phoneMatcher and idMatcher are what a caller passes to FindFunc: a
// regular expression and a validator (digits may not continue either side;
// the ID's check digit per GB 11643-1999).
func phoneMatcher(text string) [][2]int {
	return digitRuns(text, regexp.MustCompile(`1[3-9]\d{9}`), func(string) bool { return true })
}

func idMatcher(text string) [][2]int {
	return digitRuns(text, regexp.MustCompile(`\d{17}[\dXx]`), validID)
}

func digitRuns(text string, re *regexp.Regexp, valid func(string) bool) [][2]int {
	var out [][2]int
	for _, m := range re.FindAllStringIndex(text, -1) {
		before := m[0] > 0 && text[m[0]-1] >= '0' && text[m[0]-1] <= '9'
		after := m[1] < len(text) && text[m[1]] >= '0' && text[m[1]] <= '9'
		if !before && !after && valid(text[m[0]:m[1]]) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

func validID(id string) bool {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(id[i]-'0') * w
	}
	c := "10X98765432"[sum%11]
	return id[17] == c || (c == 'X' && id[17] == 'x')
}

func TestFindFunc(t *testing.T) {
	doc := append(line(0, 0, "电话：１３８12345678，身份证110101199003078515"), lineBreak)
	doc = append(doc, line(0, 20, "备用138123")...)
	doc = append(doc, lineBreak)
	doc = append(doc, line(0, 40, "45678号 错号110101199003078514 长号1381234567890")...)
	tests := []struct {
		name  string
		match func(string) [][2]int
		want  []Box
	}{
		{"phones, one wrapped", phoneMatcher, []Box{
			{Page: 1, X: 30, Y: 0, W: 110, H: 12},
			{Page: 1, X: 20, Y: 20, W: 60, H: 12}, {Page: 1, X: 0, Y: 40, W: 50, H: 12},
		}},
		{"valid IDs only", idMatcher, []Box{{Page: 1, X: 180, Y: 0, W: 180, H: 12}}},
		{"out of range ignored", func(string) [][2]int { return [][2]int{{-1, 2}, {5, 3}, {0, 1 << 20}} }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FindFunc(doc, tt.match)); diff != "" {
				t.Errorf("FindFunc (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFindFuncOnPDF runs the matchers over the leak fixture's text layer,
// the way the case service will.
func TestFindFuncOnPDF(t *testing.T) {
	chars, err := MustFontEngine(t).Chars(context.Background(), leakPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	pages := func(boxes []Box) []int {
		var ps []int
		for _, b := range boxes {
			ps = append(ps, b.Page)
		}
		return ps
	}
	// Phones: page 1's line and OCR layer, page 2 (turned, one box per
	// line fragment); IDs: pages 1 and 3.
	if got := pages(FindFunc(chars, phoneMatcher)); !cmp.Equal(got, []int{1, 1, 2}) {
		t.Errorf("phones on pages %v", got)
	}
	if got := pages(FindFunc(chars, idMatcher)); !cmp.Equal(got, []int{1, 3}) {
		t.Errorf("IDs on pages %v", got)
	}
}
