package csvsafe

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestCell(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"formula", `=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"DDE", `+cmd|' /C calc'!A0`, `'+cmd|' /C calc'!A0`},
		{"minus expression", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"at", "@SUM(1+1)", "'@SUM(1+1)"},
		{"tab", "\t=1+1", "'\t=1+1"},
		{"carriage return", "\r=1+1", "'\r=1+1"},
		{"line feed", "\n=1+1", "'\n=1+1"},
		{"after spaces", "  =1+1", "'  =1+1"},
		{"after an ideographic space", "\u3000=1+1", "'\u3000=1+1"},
		{"full-width equals", "＝1+1", "'＝1+1"},
		{"full-width plus", "＋1", "'＋1"},
		{"negative integer", "-12", "-12"},
		{"negative decimal", "-3.5", "-3.5"},
		{"percentage", "87.5%", "87.5%"},
		{"negative percentage", "-0.5%", "-0.5%"},
		{"zero", "0", "0"},
		{"empty", "", ""},
		{"minus alone", "-", "'-"},
		{"tracking number", "ZFB-2026-00001", "ZFB-2026-00001"},
		{"date range", "2026-01-01 至 2027-03-01", "2026-01-01 至 2027-03-01"},
		{"text with a formula inside", "信息名称=1+1", "信息名称=1+1"},
		{"already quoted", "'=1", "'=1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Cell(tc.in); got != tc.want {
				t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	recs := [][]string{{"=1+1", "-12", "a,b", "x;y", `"q"`, " lead", "tab\there"}, nil, {"中文", "3"}}
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF'=1+1,-12,\"a,b\",\"x;y\",\"\"\"q\"\"\",\" lead\",\"tab\there\"\r\n\r\n中文,3\r\n"
	if got := buf.String(); got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	// A CSV reader reads back each cell as Cell wrote it.
	rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	rd.FieldsPerRecord = -1
	got, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantRecs := [][]string{{"'=1+1", "-12", "a,b", "x;y", `"q"`, " lead", "tab\there"}, {"中文", "3"}}
	if diff := cmp.Diff(wantRecs, got); diff != "" {
		t.Fatal(diff)
	}
}

// TestGBKWriter: the GBK file has no byte-order mark, CRLF line ends, the
// formula guard, and every character back when read as GB18030 — GBK's
// own characters byte for byte as GBK writes them.
func TestGBKWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewEncodedWriter(&buf, GBK)
	// 𠮷 is beyond GBK; 喆 and 堃 are in it.
	recs := [][]string{{"一、本年新收政府信息公开申请数量", "2"}, {"＝1+1", "张喆堃", "吉𠮷"}}
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"late"}); err == nil {
		t.Error("a write after the end of a GBK file was taken")
	}
	raw := buf.Bytes()
	if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		t.Error("a UTF-8 byte-order mark in a GBK file")
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("一、本年新收政府信息公开申请数量,2\r\n'＝1+1,张喆堃,")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte(gbk)) {
		t.Errorf("not GBK: % x", raw[:min(40, len(raw))])
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	if want := "一、本年新收政府信息公开申请数量,2\r\n'＝1+1,张喆堃,吉𠮷\r\n"; string(text) != want {
		t.Errorf("read back %q, want %q", text, want)
	}
	if NewEncodedWriter(&buf, UTF8).bom != true || GBK.Charset() != "GB18030" || UTF8.Charset() != "utf-8" {
		t.Error("UTF-8 writers start with a byte-order mark; the charsets are utf-8 and GB18030")
	}
}
