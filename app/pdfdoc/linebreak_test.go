package pdfdoc

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// lineTexts breaks s at width chars (body characters) and returns the
// lines' text.
func lineTexts(tb testing.TB, s string, chars float64) []string {
	tb.Helper()
	c := MustRenderer(tb).newCanvas("P", "t", time.Time{})
	w := chars * (bodySize + bodyStyle.tracking)
	var out []string
	for _, l := range breakLines(c.pieces([]span{{text: s}}, bodyStyle, w), w, 0) {
		var b strings.Builder
		for _, p := range l.ps {
			b.WriteString(p.text)
		}
		out = append(out, b.String())
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		chars float64
		want  []string
	}{
		{"plain", "一二三四五六七八", 4, []string{"一二三四", "五六七八"}},
		{"comma pulls the last character down", "一二三四，五六", 4, []string{"一二三", "四，五六"}},
		{"closing quote and full stop", "一二三“四”。五六", 5, []string{"一二三", "“四”。五", "六"}},
		{"opening bracket does not end a line", "一二三（四五）六", 4, []string{"一二三", "（四五）", "六"}},
		{"book title mark", "甲乙丙《条例》规定", 4, []string{"甲乙丙", "《条例》", "规定"}},
		{"dash kept whole", "一二三——四五", 4, []string{"一二三", "——四五"}},
		{"too long a word is cut", strings.Repeat("A", 40), 10, nil},
		{"spaces break latin", "见 LWZF 2026 00012 号", 6, []string{"见 LWZF", "2026 00012", "号"}},
		{"no room: the mark hangs", "〔2026〕：甲", 4, []string{"〔2026〕：", "甲"}},
		{"forced break", "一二\n三四", 10, []string{"一二", "三四"}},
		{"empty", "", 10, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lineTexts(t, tt.text, tt.chars)
			if tt.want == nil {
				if len(got) < 2 || strings.Join(got, "") != tt.text {
					t.Errorf("got %q", got)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLatinWordsStayWhole(t *testing.T) {
	// From 8 characters on, both fit a line; narrower lines must cut them.
	for chars := 8.0; chars <= 14; chars++ {
		found := false
		for _, l := range lineTexts(t, "本机关编号PDFDOCUMENT的文件，另见LWZF-2026-00012号。", chars) {
			found = found || strings.Contains(l, "PDFDOCUMENT")
			if strings.Contains(l, "LWZF") && !strings.Contains(l, "LWZF-2026-00012") {
				t.Errorf("at %v characters the number is split: %q", chars, l)
			}
		}
		if !found {
			t.Errorf("at %v characters the word is split", chars)
		}
	}
}

// TestBreakLinesRules breaks random Chinese text at every width from 5 to
// 28 characters: no line starts with a closing mark or ends with an opening
// one, no line is too wide, no text is lost and no word is split.
func TestBreakLinesRules(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	c := MustRenderer(t).newCanvas("P", "t", time.Time{})
	// Words, each perhaps followed by a point mark, as real text has them.
	words := []string{"政", "府", "信", "息", "“公开”", "（申请）", "《条例》", "「甲」", "2026年", "ABC ", "PDF", "——", "……", "〔2026〕"}
	marks := []string{"，", "。", "、", "；", "：", "？", "！", "”。"}
	for trial := range 300 {
		var b strings.Builder
		for range 20 + rng.IntN(120) {
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(5) < 2 {
				b.WriteString(marks[rng.IntN(len(marks))])
			}
		}
		text := b.String()
		chars := float64(5 + trial%24)
		w := chars * (bodySize + bodyStyle.tracking)
		ps := c.pieces([]span{{text: text}}, bodyStyle, w)
		lines := breakLines(ps, w, 0)
		var joined strings.Builder
		for i, l := range lines {
			if len(l.ps) == 0 {
				continue
			}
			if hangless(l) > w+0.01 && len(l.ps) > 1 {
				t.Errorf("%q at %v: line %d is %.1f wide, over %.1f", text, chars, i, l.natural, w)
			}
			if first := l.ps[0]; i > 0 && cannotStart(first.first()) {
				t.Errorf("%q at %v: line %d starts with %q", text, chars, i, first.text)
			}
			if last := l.ps[len(l.ps)-1]; i < len(lines)-1 && cannotEnd(last.last()) {
				t.Errorf("%q at %v: line %d ends with %q", text, chars, i, last.text)
			}
			for _, p := range l.ps {
				if p.word && !strings.Contains(text, p.text) {
					t.Errorf("word %q is not from the text", p.text)
				}
				joined.WriteString(p.text)
			}
		}
		if strip(joined.String()) != strip(text) {
			t.Fatalf("text changed:\n%s\n%s", text, joined.String())
		}
	}
}

func strip(s string) string { return strings.ReplaceAll(s, " ", "") }

func TestJustifiedLinesFillTheMeasure(t *testing.T) {
	c := MustRenderer(t).newCanvas("P", "t", time.Time{})
	ps := c.pieces([]span{{text: strings.Repeat("政府信息公开，", 20)}}, bodyStyle, textW)
	lines := breakLines(ps, textW, 2*(bodySize+bodyStyle.tracking))
	for i, l := range lines[:len(lines)-1] {
		if n := len(l.ps); l.natural < textW-2*bodySize || (i > 0 && n < charsPerRow-1) {
			t.Errorf("line %d: %d characters, %.1f of %.1f pt", i, n, l.natural, textW)
		}
	}
	if n := len(lines[1].ps); n != charsPerRow && n != charsPerRow-1 {
		t.Errorf("a full body line holds %d characters, want %d (GB/T 9704 §5.2.2)", n, charsPerRow)
	}
}

// hangless is the width of l without the closing marks hanging at its end.
func hangless(l line) float64 {
	w := l.natural
	for i := len(l.ps) - 1; i > 0 && cannotStart(l.ps[i].first()); i-- {
		w -= l.ps[i].w
	}
	return w
}
