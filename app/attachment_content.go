package app

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"

	"gongkai/models"
)

// What an upload may be, decided by its bytes, not by its name: PDF,
// images (PNG, JPEG, GIF, TIFF, BMP, WebP), Office documents (OOXML, and
// legacy Word, Excel and PowerPoint files that parse as such), OFD and
// ZIP. HTML, SVG, scripts and executables are none of these and are
// refused, as are OLE files that are not one of the three documents
// (installers, Outlook messages, encrypted packages) and documents with
// macros. Every file is served back as a download with nosniff and a
// sandboxing Content-Security-Policy.

// contentTypes of the accepted documents by extension.
var officeExt = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".wps":  "application/vnd.ms-works",
	".ofd":  "application/ofd",
	".zip":  "application/zip",
}

// contentRefusal says why an upload's content was refused, in both
// languages; it becomes the file field's error.
type contentRefusal struct{ zh, en string }

var (
	refuseUnknown = contentRefusal{"只接受 PDF、图片、Office 文档、OFD 或 ZIP 文件", "only PDF, images, Office documents, OFD or ZIP are accepted"}
	refuseBMP     = contentRefusal{"BMP 图片的文件头无效", "the BMP image's header is invalid"}
	refuseOLE     = contentRefusal{"旧版 Office 文件（.doc、.xls、.ppt、.wps）须能解析为相应的 Word、Excel 或 PowerPoint 文档，且扩展名与内容一致",
		"a legacy Office file (.doc, .xls, .ppt, .wps) must parse as the Word, Excel or PowerPoint document its extension names"}
	refuseOOXML  = contentRefusal{"Office 文档（.docx、.xlsx、.pptx）须能解析且扩展名与内容一致", "an Office document (.docx, .xlsx, .pptx) must parse and match its extension"}
	refuseMacros = contentRefusal{"不接受含宏（VBA）的文档", "documents with macros (VBA) are not accepted"}
	refuseZIP    = contentRefusal{"ZIP 文件无法解析", "the ZIP file does not parse"}
)

// sniff decides an upload's content type from its bytes, or why it is
// refused.
func sniff(name string, data []byte) (string, *contentRefusal) {
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return "application/pdf", nil
	}
	if bytes.HasPrefix(data, []byte("BM")) {
		if !validBMP(data) {
			return "", &refuseBMP
		}
		return "image/bmp", nil
	}
	if ct, ok := sniffImage(data); ok {
		return ct, nil
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")): // OLE compound file (MS-CFB)
		return sniffOLE(ext, data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return sniffZIP(ext, data)
	}
	return "", &refuseUnknown
}

// sniffImage recognises PNG, JPEG, GIF, TIFF and WebP by their signatures.
func sniffImage(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", true
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg", true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif", true
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff", true
	case len(data) > 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return "image/webp", true
	}
	return "", false
}

// dibHeaderSizes are the sizes of the bitmap information headers that
// exist: BITMAPCOREHEADER, OS/2 2.x (16 and 64), BITMAPINFOHEADER, the
// Adobe V2 and V3 headers, BITMAPV4HEADER and BITMAPV5HEADER.
var dibHeaderSizes = map[uint32]bool{12: true, 16: true, 40: true, 52: true, 56: true, 64: true, 108: true, 124: true}

// validBMP checks the BITMAPFILEHEADER (BM, the file size, the offset of
// the pixels) and the size of the information header after it: two
// letters are not an image.
func validBMP(data []byte) bool {
	if len(data) < 14+12 {
		return false
	}
	le := binary.LittleEndian
	size, offset, dib := le.Uint32(data[2:6]), le.Uint32(data[10:14]), le.Uint32(data[14:18])
	if !dibHeaderSizes[dib] || uint64(14+dib) > uint64(len(data)) {
		return false
	}
	if offset < 14+dib || uint64(offset) > uint64(len(data)) {
		return false
	}
	// The file size is the whole file; some writers leave it 0.
	return size == 0 || (size >= offset && uint64(size) <= uint64(len(data)))
}

// oleDocuments are the main stream of each legacy document by extension,
// and the signature that stream starts with (nil: none checked).
var oleDocuments = map[string]struct {
	streams []string
	magic   [][]byte
}{
	// Word 97–2003 (and WPS 文字, which writes the same format): the FIB's
	// wIdent 0xA5EC, or 0xA5DC for Word 6/95.
	".doc": {[]string{"WordDocument"}, [][]byte{{0xEC, 0xA5}, {0xDC, 0xA5}}},
	".wps": {[]string{"WordDocument"}, [][]byte{{0xEC, 0xA5}, {0xDC, 0xA5}}},
	// Excel: a BIFF BOF record (BIFF8 0x0809, BIFF5 in Book).
	".xls": {[]string{"Workbook", "Book"}, [][]byte{{0x09, 0x08}, {0x09, 0x04}, {0x09, 0x02}, {0x09, 0x00}}},
	".ppt": {[]string{"PowerPoint Document"}, nil},
}

// macroStorages hold VBA projects.
var macroStorages = map[string]bool{"Macros": true, "_VBA_PROJECT_CUR": true, "_VBA_PROJECT": true, "VBA": true}

// maxOLEEntries bounds the directory walked.
const maxOLEEntries = 10_000

// sniffOLE accepts an OLE compound file only as the Word, Excel or
// PowerPoint document its extension names: its directory parses
// (MS-CFB), holds the document's main stream at the root, and no VBA
// project.
func sniffOLE(ext string, data []byte) (ct string, refusal *contentRefusal) {
	doc, ok := oleDocuments[ext]
	if !ok {
		return "", &refuseOLE
	}
	defer func() {
		// A malformed directory must not take the request down.
		if recover() != nil {
			ct, refusal = "", &refuseOLE
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil || len(r.File) > maxOLEEntries {
		return "", &refuseOLE
	}
	found := false
	for _, f := range r.File {
		if macroStorages[f.Name] {
			return "", &refuseMacros
		}
		if len(f.Path) == 0 && !f.FileInfo().IsDir() && f.Size > 0 && contains(doc.streams, f.Name) && startsWithAny(f, doc.magic) {
			found = true
		}
	}
	if !found {
		return "", &refuseOLE
	}
	return officeExt[ext], nil
}

// startsWithAny reports whether stream f starts with one of magic (any
// start when magic is nil).
func startsWithAny(f *mscfb.File, magic [][]byte) bool {
	if magic == nil {
		return true
	}
	head := make([]byte, 2)
	if n, err := f.ReadAt(head, 0); n < 2 && err != nil {
		return false
	}
	for _, m := range magic {
		if bytes.Equal(head, m) {
			return true
		}
	}
	return false
}

// ooxmlMainParts is the part each OOXML document must have.
var ooxmlMainParts = map[string]string{".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}

// sniffZIP tells OOXML (its content types and main part, matching the
// extension) and OFD from a plain ZIP; OOXML with a VBA project is
// refused.
func sniffZIP(ext string, data []byte) (string, *contentRefusal) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", &refuseZIP
	}
	has := func(n string) bool {
		for _, f := range zr.File {
			if strings.EqualFold(f.Name, n) {
				return true
			}
		}
		return false
	}
	if main, ok := ooxmlMainParts[ext]; ok {
		if !has("[Content_Types].xml") || !has(main) {
			return "", &refuseOOXML
		}
		for _, f := range zr.File {
			if strings.EqualFold(filepath.Base(f.Name), "vbaProject.bin") {
				return "", &refuseMacros
			}
		}
		return officeExt[ext], nil
	}
	if has("OFD.xml") {
		return "application/ofd", nil
	}
	return "application/zip", nil
}

// cleanFilename keeps an upload's base name without what could make it
// read as something else: Unicode bidirectional overrides, embeddings and
// isolates (U+202A–U+202E, U+2066–U+2069), the directional marks
// (U+200E, U+200F, U+061C), and every other control or format character
// (C0, DEL, C1, zero-width characters, line and paragraph separators).
// "invoice\u202Efdp.exe" would show as "invoiceexe.pdf".
func cleanFilename(filename string) string {
	name := filepath.Base(strings.ReplaceAll(strings.TrimSpace(filename), `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	return strings.TrimSpace(name)
}

// checkUpload checks an upload's name and content, adding the file
// field's errors to f; it returns the cleaned name and the content type.
func checkUpload(f *models.Fields, filename string, data []byte) (string, string) {
	name := cleanFilename(filename)
	if name == "" || name == "." || name == "/" || strings.Trim(name, ".") == "" || utf8.RuneCountInString(name) > 200 {
		f.Add("file", "文件名无效", "invalid file name")
	}
	if len(data) == 0 {
		f.Add("file", "文件为空", "the file is empty")
		return name, ""
	}
	ct, refusal := sniff(name, data)
	if refusal != nil {
		judged := http.DetectContentType(data)
		f.Add("file", fmt.Sprintf("%s（按文件内容判断：%s）", refusal.zh, judged), fmt.Sprintf("%s (judged by content: %s)", refusal.en, judged))
	}
	return name, ct
}
