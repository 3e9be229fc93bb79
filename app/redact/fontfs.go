package redact

import (
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
)

// fontGuestDir is where PDFium looks for system fonts on Linux.
const fontGuestDir = "usr/share/fonts"

// fontFS is the renderer's whole file system: FontDir appears at
// /usr/share/fonts and nothing else exists. It is mounted at the guest root,
// not at /usr/share/fonts itself, because PDFium stats "." and ".." of every
// folder it scans and stops at the first failure, and the parent of a
// mount point cannot be stat'ed.
type fontFS struct{ fonts fs.FS }

func newFontFS(dir string) fontFS { return fontFS{fonts: os.DirFS(dir)} }

// parents are the synthetic folders above fontGuestDir, each with its one
// child.
var parents = map[string]string{".": "usr", "usr": "share", "usr/share": "fonts"}

// Open implements fs.FS.
func (f fontFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if child, ok := parents[name]; ok {
		base := name[strings.LastIndex(name, "/")+1:]
		return &stubDir{info: dirInfo(base), child: dirInfo(child)}, nil
	}
	if name == fontGuestDir {
		return f.fonts.Open(".")
	}
	if rest, ok := strings.CutPrefix(name, fontGuestDir+"/"); ok {
		return f.fonts.Open(rest)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// stubDir is a read-only folder holding one folder.
type stubDir struct {
	info  dirInfo
	child dirInfo
	read  bool
}

func (d *stubDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *stubDir) Read([]byte) (int, error)   { return 0, io.EOF }
func (d *stubDir) Close() error               { return nil }

func (d *stubDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.read {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	d.read = true
	return []fs.DirEntry{fs.FileInfoToDirEntry(d.child)}, nil
}

// dirInfo describes a synthetic folder.
type dirInfo string

func (i dirInfo) Name() string       { return string(i) }
func (i dirInfo) Size() int64        { return 0 }
func (i dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (i dirInfo) ModTime() time.Time { return time.Time{} }
func (i dirInfo) IsDir() bool        { return true }
func (i dirInfo) Sys() any           { return nil }
