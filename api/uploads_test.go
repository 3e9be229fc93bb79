package api

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// cfbEntry is a stream (or, with storage set, an empty storage) at the
// root of a compound file.
type cfbEntry struct {
	name    string
	data    []byte
	storage bool
}

const (
	cfbSector     = 512
	cfbEndOfChain = 0xFFFFFFFE
	cfbFreeSect   = 0xFFFFFFFF
	cfbNoStream   = 0xFFFFFFFF
)

// cfbFile writes a minimal MS-CFB version 3 file (512-byte sectors, one
// FAT sector) holding entries at its root. Streams are padded to the
// mini-stream cutoff (4096 bytes) so that they live in regular sectors.
func cfbFile(entries ...cfbEntry) []byte {
	dirSectors := (len(entries) + 1 + 3) / 4
	fat := []uint32{0xFFFFFFFD} // sector 0 is the FAT
	chain := func(n int) uint32 {
		start := uint32(len(fat))
		for i := 1; i <= n; i++ {
			fat = append(fat, start+uint32(i))
		}
		fat[len(fat)-1] = cfbEndOfChain
		return start
	}
	chain(dirSectors)
	starts := make([]uint32, len(entries))
	var body []byte
	for i, e := range entries {
		if e.storage {
			continue
		}
		d := append([]byte(nil), e.data...)
		for len(d) < 4096 || len(d)%cfbSector != 0 {
			d = append(d, 0)
		}
		entries[i].data = d
		starts[i] = chain(len(d) / cfbSector)
		body = append(body, d...)
	}
	for len(fat) < cfbSector/4 {
		fat = append(fat, cfbFreeSect)
	}
	fatBytes := make([]byte, cfbSector)
	for i, v := range fat[:cfbSector/4] {
		binary.LittleEndian.PutUint32(fatBytes[4*i:], v)
	}
	return bytes.Join([][]byte{cfbHeader(), fatBytes, cfbDirectory(entries, starts, dirSectors), body}, nil)
}

// cfbHeader is the header of a file whose FAT is sector 0 and whose
// directory starts at sector 1.
func cfbHeader() []byte {
	le := binary.LittleEndian
	head := make([]byte, cfbSector)
	copy(head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	le.PutUint16(head[0x18:], 0x3E)
	le.PutUint16(head[0x1A:], 3)
	le.PutUint16(head[0x1C:], 0xFFFE)
	le.PutUint16(head[0x1E:], 9)
	le.PutUint16(head[0x20:], 6)
	le.PutUint32(head[0x2C:], 1)
	le.PutUint32(head[0x30:], 1)
	le.PutUint32(head[0x38:], 4096)
	le.PutUint32(head[0x3C:], cfbEndOfChain)
	le.PutUint32(head[0x44:], cfbEndOfChain)
	for i := 1; i < 109; i++ {
		le.PutUint32(head[0x4C+4*i:], cfbFreeSect)
	}
	return head
}

// cfbDirectory writes the root and entries as its children, each the
// right sibling of the one before.
func cfbDirectory(entries []cfbEntry, starts []uint32, sectors int) []byte {
	le := binary.LittleEndian
	dir := make([]byte, sectors*cfbSector)
	entry := func(i int, name string, typ byte, child, right, start uint32, size uint64) {
		b := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(b[2*j:], c)
		}
		le.PutUint16(b[64:], uint16(2*(len(u)+1)))
		b[66], b[67] = typ, 1
		le.PutUint32(b[68:], cfbNoStream)
		le.PutUint32(b[72:], right)
		le.PutUint32(b[76:], child)
		le.PutUint32(b[116:], start)
		le.PutUint64(b[120:], size)
	}
	for i := len(entries) + 1; i < sectors*4; i++ {
		entry(i, "", 0, cfbNoStream, cfbNoStream, 0, 0)
		le.PutUint16(dir[128*i+64:], 0)
	}
	child := uint32(cfbNoStream)
	if len(entries) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, child, cfbNoStream, cfbEndOfChain, 0)
	for i, e := range entries {
		right := uint32(cfbNoStream)
		if i+1 < len(entries) {
			right = uint32(i + 2)
		}
		if e.storage {
			entry(i+1, e.name, 1, cfbNoStream, right, 0, 0)
		} else {
			entry(i+1, e.name, 2, cfbNoStream, right, starts[i], uint64(len(e.data)))
		}
	}
	return dir
}

func zipFile(names ...string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		f, _ := w.Create(n)
		f.Write([]byte("<x/>"))
	}
	w.Close()
	return buf.Bytes()
}

func encoded(enc func(*bytes.Buffer, image.Image) error) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// bmpFile is a 1×1 24-bit BMP with an information header of dib bytes
// (whose size field says dib).
func bmpFile(dib uint32) []byte {
	le := binary.LittleEndian
	b := make([]byte, 14+max(dib, 40)+4)
	copy(b, "BM")
	le.PutUint32(b[2:], uint32(len(b)))
	le.PutUint32(b[10:], 14+max(dib, 40))
	le.PutUint32(b[14:], dib)
	le.PutUint32(b[18:], 1)
	le.PutUint32(b[22:], 1)
	le.PutUint16(b[26:], 1)
	le.PutUint16(b[28:], 24)
	return b
}

func xlsxFile() []byte {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "征地补偿")
	var buf bytes.Buffer
	f.Write(&buf)
	return buf.Bytes()
}

var (
	wordStream  = append([]byte{0xEC, 0xA5, 0xC1, 0x00}, bytes.Repeat([]byte{1}, 60)...)
	excelStream = append([]byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00}, bytes.Repeat([]byte{1}, 60)...)
)

var acceptedUploads = []struct {
	name, filename string
	data           []byte
	contentType    string
}{
	{"PDF", "申请书.pdf", []byte("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), "application/pdf"},
	{"PNG", "身份证.png", encoded(func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }), "image/png"},
	{"JPEG", "身份证.jpg", encoded(func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }), "image/jpeg"},
	{"GIF", "图.gif", encoded(func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }), "image/gif"},
	{"BMP", "扫描.bmp", bmpFile(40), "image/bmp"},
	{"BMP, V5 header", "扫描.bmp", bmpFile(124), "image/bmp"},
	{"TIFF", "扫描.tif", append([]byte("II*\x00\x08\x00\x00\x00"), make([]byte, 32)...), "image/tiff"},
	{"WebP", "图.webp", append([]byte("RIFF\x1a\x00\x00\x00WEBPVP8 "), make([]byte, 20)...), "image/webp"},
	{"Word 97", "材料.doc", cfbFile(cfbEntry{name: "WordDocument", data: wordStream}, cfbEntry{name: "1Table", data: []byte{1}}), "application/msword"},
	{"WPS 文字", "材料.wps", cfbFile(cfbEntry{name: "WordDocument", data: wordStream}), "application/vnd.ms-works"},
	{"Excel 97", "台账.xls", cfbFile(cfbEntry{name: "Workbook", data: excelStream}), "application/vnd.ms-excel"},
	{"PowerPoint 97", "汇报.ppt", cfbFile(cfbEntry{name: "PowerPoint Document", data: []byte{0, 0, 0xE8, 0x03}}, cfbEntry{name: "Current User", data: []byte{1}}), "application/vnd.ms-powerpoint"},
	{"DOCX", "材料.docx", zipFile("[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"XLSX", "台账.xlsx", xlsxFile(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"PPTX", "汇报.pptx", zipFile("[Content_Types].xml", "ppt/presentation.xml"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	{"OFD", "公文.ofd", zipFile("OFD.xml", "Doc_0/Document.xml"), "application/ofd"},
	{"ZIP", "材料.zip", zipFile("a.pdf", "b.pdf"), "application/zip"},
}
var refusedUploads = []struct {
	name, filename string
	data           []byte
	zh, en         string
}{
	{"two letters BM", "图.bmp", append([]byte("BM"), bytes.Repeat([]byte("x"), 40)...), "BMP", "BMP"},
	{"BMP with a header size that does not exist", "图.bmp", bmpFile(99), "BMP", "BMP"},
	{"BMP whose pixels lie beyond the file", "图.bmp", func() []byte { b := bmpFile(40); binary.LittleEndian.PutUint32(b[10:], 4096); return b }(), "BMP", "BMP"},
	{"HTML named PDF", "答复.pdf", []byte("<!doctype html><html><script>alert(1)</script></html>"), "只接受", "only PDF"},
	{"SVG named PNG", "图.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "只接受", "only PDF"},
	{"Windows executable", "申请书.pdf", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 60)...), "只接受", "only PDF"},
	{"ELF executable", "申请书.doc", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 60)...), "只接受", "only PDF"},
	{"shell script", "申请书.pdf", []byte("#!/bin/sh\nrm -rf /\n"), "只接受", "only PDF"},
	{"installer (OLE) named MSI", "setup.msi", cfbFile(cfbEntry{name: "\u4840\u3f3f\u4577", data: []byte{1}}), "旧版 Office", "legacy Office"},
	{"installer (OLE) named DOC", "setup.doc", cfbFile(cfbEntry{name: "\u4840\u3f3f\u4577", data: []byte{1}}), "旧版 Office", "legacy Office"},
	{"Outlook message named MSG", "邮件.msg", cfbFile(cfbEntry{name: "__substg1.0_0037001F", data: []byte{1}}), "旧版 Office", "legacy Office"},
	{"Word stream without its signature", "材料.doc", cfbFile(cfbEntry{name: "WordDocument", data: []byte("MZ not a FIB")}), "旧版 Office", "legacy Office"},
	{"Excel file named DOC", "材料.doc", cfbFile(cfbEntry{name: "Workbook", data: excelStream}), "旧版 Office", "legacy Office"},
	{"Word file named XLS", "台账.xls", cfbFile(cfbEntry{name: "WordDocument", data: wordStream}), "旧版 Office", "legacy Office"},
	{"Word with macros", "材料.doc", cfbFile(cfbEntry{name: "WordDocument", data: wordStream}, cfbEntry{name: "Macros", storage: true}), "宏", "macros"},
	{"Excel with macros", "台账.xls", cfbFile(cfbEntry{name: "Workbook", data: excelStream}, cfbEntry{name: "_VBA_PROJECT_CUR", storage: true}), "宏", "macros"},
	{"encrypted DOCX", "材料.docx", cfbFile(cfbEntry{name: "EncryptionInfo", data: []byte{4, 0, 4, 0}}, cfbEntry{name: "EncryptedPackage", data: []byte{1}}), "旧版 Office", "legacy Office"},
	{"truncated OLE", "材料.doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 100)...), "旧版 Office", "legacy Office"},
	{"DOCX without a document", "材料.docx", zipFile("[Content_Types].xml", "evil.html"), "Office 文档", "Office document"},
	{"DOCX with a VBA project", "材料.docx", zipFile("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "宏", "macros"},
	{"broken ZIP", "材料.zip", append([]byte("PK\x03\x04"), make([]byte, 30)...), "ZIP", "ZIP"},
	{"a name of control characters only", "\u202e\u200f\u0007", []byte("%PDF-1.7 x"), "文件名无效", "invalid file name"},
}

// TestUploadsAreWhatTheyClaim: each accepted kind of file by its content,
// and the refused ones with a 422 naming the file field in both
// languages; names lose bidirectional overrides and other control and
// format characters.
func TestUploadsAreWhatTheyClaim(t *testing.T) {
	eachDB(t, func(t *testing.T, h *harness) {
		up := uploader{h: h, token: h.token("demo-applicant")}
		for _, tc := range acceptedUploads {
			t.Run(tc.name, func(t *testing.T) { up.accepted(t, tc.filename, tc.data, tc.contentType) })
		}
		for _, tc := range refusedUploads {
			t.Run("refused: "+tc.name, func(t *testing.T) {
				for lang, want := range map[string]string{"zh-CN": tc.zh, "en": tc.en} {
					r := up.upload(tc.filename, tc.data, lang)
					body := r.Body.String()
					if r.Code != http.StatusUnprocessableEntity || !strings.HasPrefix(r.Header().Get("Content-Type"), "application/problem+json") ||
						!strings.Contains(body, `"field":"file"`) || !strings.Contains(body, want) {
						t.Fatalf("%s: %d %s", lang, r.Code, body)
					}
				}
			})
		}
		t.Run("names lose bidirectional overrides and control characters", func(t *testing.T) {
			for in, want := range map[string]string{
				"身份证\u202e\u2066明\u2069\u200f.pdf\u0000": "身份证明.pdf",
				"invoice\u202efdp.exe":                   "invoicefdp.exe",
				"a\u0007b\u200b\u2028c\u0085.pdf":        "abc.pdf",
				"\u202a报告\u202c\u061c.pdf":               "报告.pdf",
			} {
				r := up.upload(in, []byte("%PDF-1.7 x"), "zh-CN")
				if r.Code != 201 || r.Map(t)["filename"] != want {
					t.Errorf("%q: %d %s, want %q", in, r.Code, r.Body, want)
				}
			}
		})
	})
}

// uploader uploads files as one user.
type uploader struct {
	h     *harness
	token string
}

// upload sends a file under its name as RFC 5987 UTF-8 (filename*),
// which is how control characters get through multipart parsing at all.
func (u uploader) upload(filename string, data []byte, lang string) response {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	hdr := textproto.MIMEHeader{}
	hdr.Set("Content-Disposition", `form-data; name="file"; filename*=UTF-8''`+url.PathEscape(filename))
	hdr.Set("Content-Type", "application/octet-stream")
	fw, _ := w.CreatePart(hdr)
	fw.Write(data)
	w.WriteField("purpose", "application")
	w.Close()
	return u.h.do("POST", "/api/v1/attachments", u.token, buf.Bytes(), "Content-Type", w.FormDataContentType(), "Accept-Language", lang)
}

// accepted uploads a file that must be stored as contentType, and
// downloads it back as an attachment that browsers neither sniff nor run.
func (u uploader) accepted(t *testing.T, filename string, data []byte, contentType string) {
	r := u.upload(filename, data, "zh-CN")
	if r.Code != http.StatusCreated {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	a := r.Map(t)
	if a["contentType"] != contentType || a["filename"] != filename {
		t.Fatalf("stored as %v %v", a["filename"], a["contentType"])
	}
	d := u.h.do("GET", fmt.Sprintf("/api/v1/attachments/%v", a["id"]), u.token, nil)
	hd := d.Header()
	if d.Code != 200 || !bytes.Equal(d.Body.Bytes(), data) || hd.Get("Content-Type") != contentType || hd.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(hd.Get("Content-Disposition"), "attachment;") || !strings.Contains(hd.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("download: %d %v", d.Code, hd)
	}
}
