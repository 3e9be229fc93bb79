package api

import (
	"bytes"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"gongkai/app/csvsafe"
	"gongkai/models"
)

// pdfType is the media type of the PDF documents.
const pdfType = "application/pdf"

// attachmentName sends a download under name, with an ASCII fallback
// made of name's ASCII characters ("download" when it has none).
func attachmentName(c echo.Context, name string) {
	attachmentNameASCII(c, name, asciiStem(name, "download"))
}

// attachmentNameASCII sends a download under name: filename* (RFC 6266,
// RFC 5987) carries the name in UTF-8, and filename the ASCII stem ascii
// with name's extension, for clients that do not read filename*. Every
// download is sandboxed and never sniffed.
func attachmentNameASCII(c echo.Context, name, ascii string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, contentDisposition(name, ascii))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", downloadCSP)
}

func contentDisposition(name, ascii string) string {
	stem, ext := asciiPart(ascii), asciiPart(path.Ext(name))
	if stem == "" {
		stem = "download"
	}
	if ext == "." {
		ext = ""
	}
	return `attachment; filename="` + stem + ext + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// asciiStem is the ASCII part of name without its extension, or def when
// it has none.
func asciiStem(name, def string) string {
	if s := asciiPart(strings.TrimSuffix(name, path.Ext(name))); s != "" {
		return s
	}
	return def
}

// asciiPart keeps the letters, digits, dots, hyphens and underscores of
// s; every other run of characters becomes one underscore, and the ends
// lose their underscores and hyphens. What it returns needs no quoting.
func asciiPart(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		ok := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_')
		switch {
		case ok:
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
		default:
			gap = true
		}
	}
	return strings.Trim(b.String(), "_-")
}

// csvEncoding reads ?encoding=.
func csvEncoding(c echo.Context) (csvsafe.Encoding, error) {
	switch c.QueryParam("encoding") {
	case "", "utf-8":
		return csvsafe.UTF8, nil
	case "gbk":
		return csvsafe.GBK, nil
	}
	return "", badRequest("encoding", models.M("编码无效，可选 utf-8 或 gbk", "unknown encoding: utf-8 or gbk"))
}

// csvBlob sends a CSV file written by write in enc.
func csvBlob(c echo.Context, name, ascii string, enc csvsafe.Encoding, write func(*csvsafe.Writer)) error {
	var buf bytes.Buffer
	w := csvsafe.NewEncodedWriter(&buf, enc)
	write(w)
	if err := w.Flush(); err != nil {
		return err
	}
	attachmentNameASCII(c, name, ascii)
	return c.Blob(http.StatusOK, csvType+"; charset="+enc.Charset(), buf.Bytes())
}

// yesNo is a yes-or-no cell: 是 or 否.
func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
