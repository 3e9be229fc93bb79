package redact

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// This file builds the test PDFs by hand, object by object, so that each
// hiding place of a secret is known exactly.

// pdfBuilder collects numbered objects and writes a classic-xref PDF.
type pdfBuilder struct {
	objs map[int]string
	next int
	root int // the catalog, once buildPDF has run
}

func newBuilder() *pdfBuilder { return &pdfBuilder{objs: map[int]string{}, next: 1} }

func (b *pdfBuilder) reserve() int { n := b.next; b.next++; return n }

func (b *pdfBuilder) add(body string) int { n := b.reserve(); b.objs[n] = body; return n }

func (b *pdfBuilder) set(n int, body string) { b.objs[n] = body }

// stream returns a stream object body; with flate the data is compressed.
func stream(dict string, data []byte, flate bool) string {
	if flate {
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		w.Write(data)
		w.Close()
		data = buf.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// bytes writes the file; trailer holds the entries besides /Size.
func (b *pdfBuilder) bytes(trailer string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	off := writeObjects(&buf, b.objs, 0)
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", b.next)
	for i := 1; i < b.next; i++ {
		if o, ok := off[i]; ok {
			fmt.Fprintf(&buf, "%010d 00000 n \n", o)
		} else {
			buf.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", b.next, trailer, xref)
	return buf.Bytes()
}

func writeObjects(buf *bytes.Buffer, objs map[int]string, base int) map[int]int {
	keys := make([]int, 0, len(objs))
	for k := range objs {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	off := map[int]int{}
	for _, k := range keys {
		off[k] = base + buf.Len()
		fmt.Fprintf(buf, "%d 0 obj\n%s\nendobj\n", k, objs[k])
	}
	return off
}

var startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// appendRevision adds an incremental update to base that replaces objs; the
// earlier objects stay in the file, as an editor's "save" leaves them.
func appendRevision(tb testing.TB, base []byte, objs map[int]string, size int, trailer string) []byte {
	tb.Helper()
	m := startxrefRE.FindSubmatch(base)
	if m == nil {
		tb.Fatal("no startxref in base")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	var buf bytes.Buffer
	off := writeObjects(&buf, objs, len(base))
	xref := len(base) + buf.Len()
	buf.WriteString("xref\n")
	keys := make([]int, 0, len(off))
	for k := range off {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		fmt.Fprintf(&buf, "%d 1\n%010d 00000 n \n", k, off[k])
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Prev %d %s >>\nstartxref\n%d\n%%%%EOF\n", size, prev, trailer, xref)
	return append(append([]byte{}, base...), buf.Bytes()...)
}

// pdfString is a PDF literal string.
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// utf16Hex is s as a UTF-16BE hex string, with the byte order mark when bom.
func utf16Hex(s string, bom bool) string {
	var b strings.Builder
	b.WriteString("<")
	if bom {
		b.WriteString("FEFF")
	}
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String() + ">"
}

// Fonts every fixture page may use: /Fc Courier (0.6 em per character,
// which makes positions easy to predict) and /Fz the Adobe CJK font
// STSong-Light, never embedded, which needs a substitute font to render.
const (
	courierFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
	songFont    = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [-250 -143 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >> /DW 1000 >>] >>"
)

// courier draws text in Courier with its baseline origin at (x, y).
func courier(x, y, size float64, text string) string {
	return fmt.Sprintf("BT /Fc %g Tf %g %g Td %s Tj ET\n", size, x, y, pdfString(text))
}

// song draws Chinese text in the non-embedded STSong-Light.
func song(x, y, size float64, text string) string {
	return fmt.Sprintf("BT /Fz %g Tf %g %g Td %s Tj ET\n", size, x, y, utf16Hex(text, false))
}

// fixturePage is one page of a built document.
type fixturePage struct {
	content   string
	extra     string // more page dictionary entries (/Rotate, /CropBox, /Annots)
	mediaBox  string // default A4
	resources string // more resource entries (/ExtGState)
}

// buildPDF writes pages sharing the two fonts; catalogExtra and trailerExtra
// are added to the catalog and the trailer.
func buildPDF(b *pdfBuilder, pages []fixturePage, catalogExtra, trailerExtra string) []byte {
	pagesRef := b.reserve()
	catRef := b.reserve()
	b.root = catRef
	fc := b.add(courierFont)
	fz := b.add(songFont)
	var kids []string
	for _, p := range pages {
		cs := b.add(stream("", []byte(p.content), true))
		mb := p.mediaBox
		if mb == "" {
			mb = "[0 0 595 842]"
		}
		pg := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox %s /Resources << /Font << /Fc %d 0 R /Fz %d 0 R >> %s >> /Contents %d 0 R %s >>",
			pagesRef, mb, fc, fz, p.resources, cs, p.extra))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	b.set(pagesRef, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	b.set(catRef, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R %s >>", pagesRef, catalogExtra))
	return b.bytes(fmt.Sprintf("/Root %d 0 R %s", catRef, trailerExtra))
}

// textPDF is n A4 pages of Courier lines, like a typed letter.
func textPDF(n int, lines []string) []byte {
	pages := make([]fixturePage, n)
	for i := range pages {
		var c strings.Builder
		c.WriteString("BT /Fc 11 Tf 14 TL 72 770 Td\n")
		fmt.Fprintf(&c, "%s Tj T*\n", pdfString(fmt.Sprintf("Page %d", i+1)))
		for j := 0; j < 48; j++ {
			fmt.Fprintf(&c, "%s Tj T*\n", pdfString(lines[(i+j)%len(lines)]))
		}
		c.WriteString("ET\n0 0 1 rg 400 60 100 30 re f\n")
		pages[i] = fixturePage{content: c.String()}
	}
	return buildPDF(newBuilder(), pages, "", "")
}

// secrets of the leak fixture, each hidden in one place.
const (
	secretPhone     = "13812345678"         // visible, pages 1 and 2
	secretID        = "110101199003078515"  // visible, pages 1 and 3
	secretName      = "张三丰"                 // visible Chinese, page 1
	secretOCR       = "13987654321"         // invisible text (render mode 3), page 1
	secretCovered   = "COVERED-SECRET-4711" // text under a black box the PDF draws itself
	secretOld       = "OLD-REVISION-13700001111"
	secretAnnot     = "ANNOT-SECRET-13611112222"
	secretAttach    = "ATTACH-SECRET-13522223333"
	secretForm      = "FORM-SECRET-13433334444"
	secretXMP       = "XMP-SECRET-13344445555"
	secretInfo      = "INFO-SECRET-13255556666"
	secretInfoCJK   = "李四秘密"
	secretOutline   = "OUTLINE-SECRET-13166667777"
	secretJS        = "JS-SECRET-13077778888"
	secretAnnotCJK  = "王五批注"
	secretAttachCJK = "附件秘密内容"
)

// allSecrets is every string that must not survive redaction.
var allSecrets = []string{secretPhone, secretID, secretName, secretOCR, secretCovered, secretOld,
	secretAnnot, secretAttach, secretForm, secretXMP, secretInfo, secretInfoCJK, secretOutline,
	secretJS, secretAnnotCJK, secretAttachCJK}

// visibleSecrets are the ones in the text layer of the current revision,
// which Find must locate.
var visibleSecrets = []string{secretPhone, secretID, secretName, secretOCR, secretCovered}

// page1 is the first page of the leak fixture; oldRevision adds the line
// that the later revision removed.
func page1(oldRevision bool) string {
	var c strings.Builder
	c.WriteString(courier(72, 700, 12, "Phone "+secretPhone+" ID "+secretID))
	c.WriteString(courier(72, 670, 12, "Applicant:"))
	c.WriteString(song(160, 668, 16, "申请人"+secretName+"，身份证号码见上"))
	// The OCR layer of a scan: present, searchable, not drawn.
	c.WriteString("q BT 3 Tr /Fc 12 Tf 72 640 Td " + pdfString("OCR "+secretOCR) + " Tj ET Q\n")
	// The classic leak: a black box drawn over text that is still there.
	c.WriteString(courier(72, 610, 12, secretCovered))
	c.WriteString("0 0 0 rg 68 604 150 16 re f\n")
	if oldRevision {
		c.WriteString(courier(72, 580, 12, secretOld))
	}
	c.WriteString(courier(72, 400, 12, "This line stays readable."))
	c.WriteString("0 0 1 rg 400 100 100 50 re f\n")
	return c.String()
}

// leakPDF is the fixture of the leak test: three pages, with an earlier
// revision, document information, XMP, an annotation, an attachment, a form
// field, an outline and a script, each holding a secret.
func leakPDF(tb testing.TB) []byte {
	tb.Helper()
	b := newBuilder()
	xmp := fmt.Sprintf(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`, secretXMP, secretName)
	meta := b.add(stream("/Type /Metadata /Subtype /XML", []byte(xmp), false))
	info := b.add(fmt.Sprintf("<< /Title %s /Author %s /Subject %s /Keywords %s /Creator (fixture) >>",
		pdfString(secretInfo), utf16Hex(secretInfoCJK, true), pdfString(secretPhone), utf16Hex(secretName, true)))
	ef := b.add(stream("/Type /EmbeddedFile /Subtype /text#2Fplain", []byte(secretAttach+"\n"+secretAttachCJK+"\n"), true))
	spec := b.add(fmt.Sprintf("<< /Type /Filespec /F (secret.txt) /UF %s /EF << /F %d 0 R >> /Desc %s >>", utf16Hex("secret.txt", true), ef, pdfString(secretAttach)))
	annot := b.add(fmt.Sprintf("<< /Type /Annot /Subtype /Text /Rect [520 780 540 800] /Contents %s /T %s /Open false >>",
		pdfString(secretAnnot), utf16Hex(secretAnnotCJK, true)))
	field := b.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (phone) /V %s /DV %s /Rect [300 300 500 320] /F 4 >>",
		pdfString(secretForm), pdfString(secretForm)))
	outlines := b.reserve()
	item := b.add(fmt.Sprintf("<< /Title %s /Parent %d 0 R >>", pdfString(secretOutline), outlines))
	b.set(outlines, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count 1 >>", item, item))
	js := b.add(fmt.Sprintf("<< /S /JavaScript /JS %s >>", pdfString("var s = '"+secretJS+"';")))

	pages := []fixturePage{
		{content: page1(true), extra: fmt.Sprintf("/Annots [%d 0 R %d 0 R]", annot, field)},
		{content: courier(100, 400, 14, "Phone "+secretPhone), extra: "/Rotate 90 /CropBox [50 60 545 782]"},
		{content: courier(100, 300, 14, "ID "+secretID), extra: "/Rotate 270"},
	}
	catalog := fmt.Sprintf("/Metadata %d 0 R /Outlines %d 0 R /Names << /EmbeddedFiles << /Names [(secret.txt) %d 0 R] >> >> /AcroForm << /Fields [%d 0 R] >> /OpenAction %d 0 R",
		meta, outlines, spec, field, js)
	base := buildPDF(b, pages, catalog, fmt.Sprintf("/Info %d 0 R", info))

	// Revision 2 rewrites page 1's content without the old line; the old
	// stream stays in the file, readable by anyone who looks.
	content1 := contentObject(tb, b, 0)
	return appendRevision(tb, base, map[int]string{content1: stream("", []byte(page1(false)), true)},
		b.next, fmt.Sprintf("/Root %d 0 R /Info %d 0 R", b.root, info))
}

// contentObject finds the object number of page i's content stream.
func contentObject(tb testing.TB, b *pdfBuilder, i int) int {
	tb.Helper()
	var pagesNums []int
	for n, body := range b.objs {
		if strings.HasPrefix(body, "<< /Type /Page /Parent") {
			pagesNums = append(pagesNums, n)
		}
	}
	sort.Ints(pagesNums)
	m := regexp.MustCompile(`/Contents (\d+) 0 R`).FindStringSubmatch(b.objs[pagesNums[i]])
	n, _ := strconv.Atoi(m[1])
	return n
}

// rotationPDF has four pages, rotated 0, 90, 180 and 270 degrees, each with a
// crop box inside its media box and the same line of Courier.
func rotationPDF() []byte {
	var pages []fixturePage
	for _, rot := range []int{0, 90, 180, 270} {
		pages = append(pages, fixturePage{
			content:  courier(60, 300, 20, "No. "+secretPhone),
			mediaBox: "[0 0 400 600]",
			extra:    fmt.Sprintf("/Rotate %d /CropBox [20 30 380 560]", rot),
		})
	}
	return buildPDF(newBuilder(), pages, "", "")
}

// cjkEmbeddedPDF is one page of Chinese text in an embedded TrueType font
// (the whole font file, Identity-H, with a ToUnicode map).
func cjkEmbeddedPDF(tb testing.TB, fontPath, text string) []byte {
	tb.Helper()
	ttf, err := os.ReadFile(fontPath)
	if err != nil {
		tb.Fatal(err)
	}
	gids := make([]uint16, 0, len(text))
	var cmap strings.Builder
	var hex strings.Builder
	for _, r := range text {
		g := ttfGlyph(tb, ttf, r)
		gids = append(gids, g)
		fmt.Fprintf(&hex, "%04X", g)
		fmt.Fprintf(&cmap, "<%04X> %s\n", g, utf16Hex(string(r), false))
	}
	toUnicode := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange " +
		fmt.Sprintf("%d beginbfchar\n%sendbfchar endcmap CMapName currentdict /CMap defineresource pop end end", len(gids), cmap.String())
	b := newBuilder()
	file := b.add(stream(fmt.Sprintf("/Length1 %d", len(ttf)), ttf, true))
	desc := b.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /AR-PL-SungtiL-GB /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", file))
	cid := b.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AR-PL-SungtiL-GB /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /CIDToGIDMap /Identity >>", desc))
	tu := b.add(stream("", []byte(toUnicode), true))
	font := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /AR-PL-SungtiL-GB /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, tu))
	content := fmt.Sprintf("BT /Fe 24 Tf 72 700 Td <%s> Tj ET\n", hex.String())
	cs := b.add(stream("", []byte(content), true))
	pagesRef := b.reserve()
	pg := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /Fe %d 0 R >> >> /Contents %d 0 R >>", pagesRef, font, cs))
	b.set(pagesRef, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	cat := b.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesRef))
	return b.bytes(fmt.Sprintf("/Root %d 0 R", cat))
}

// ttfGlyph looks r up in the (3,1) format-4 cmap of a TrueType font.
func ttfGlyph(tb testing.TB, ttf []byte, r rune) uint16 {
	tb.Helper()
	be := binary.BigEndian
	for i := 0; i < int(be.Uint16(ttf[4:])); i++ {
		rec := ttf[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		cm := ttf[be.Uint32(rec[8:]):]
		for j := 0; j < int(be.Uint16(cm[2:])); j++ {
			e := cm[4+8*j:]
			if be.Uint16(e) != 3 || be.Uint16(e[2:]) != 1 {
				continue
			}
			st := cm[be.Uint32(e[4:]):]
			if be.Uint16(st) != 4 {
				continue
			}
			segs := int(be.Uint16(st[6:])) / 2
			ends, starts := st[14:], st[16+2*segs:]
			deltas, offs := st[16+4*segs:], st[16+6*segs:]
			for s := 0; s < segs; s++ {
				end, start := rune(be.Uint16(ends[2*s:])), rune(be.Uint16(starts[2*s:]))
				if r < start || r > end {
					continue
				}
				delta, ro := be.Uint16(deltas[2*s:]), int(be.Uint16(offs[2*s:]))
				if ro == 0 {
					return uint16(r) + delta
				}
				g := be.Uint16(offs[2*s+ro+2*int(r-start):])
				if g == 0 {
					break
				}
				return g + delta
			}
		}
	}
	tb.Fatalf("font has no glyph for %q", r)
	return 0
}
