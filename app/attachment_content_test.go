package app

import (
	"go/build"
	"os"
	"path/filepath"
	"testing"
)

// TestRealLegacyOfficeFiles runs the OLE check on real Word, Excel,
// PowerPoint and Outlook files: the samples shipped with the MS-CFB reader
// in the module cache, when it is there.
func TestRealLegacyOfficeFiles(t *testing.T) {
	dir := filepath.Join(build.Default.GOPATH, "pkg", "mod", "github.com", "richardlehane", "mscfb@v1.0.9", "test")
	if env := os.Getenv("GOMODCACHE"); env != "" {
		dir = filepath.Join(env, "github.com", "richardlehane", "mscfb@v1.0.9", "test")
	}
	tests := []struct {
		file, as string
		ok       bool
	}{
		{"novpapplan.doc", "plan.doc", true},
		{"test.doc", "test.doc", true},
		{"test.xls", "test.xls", true},
		{"test.ppt", "test.ppt", true},
		{"test.xls", "test.doc", false},
		{"test.msg", "test.msg", false},
		{"test.msg", "test.doc", false},
	}
	for _, tc := range tests {
		t.Run(tc.as+" from "+tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Skipf("no sample: %v", err)
			}
			ct, refusal := sniff(tc.as, data)
			if (refusal == nil) != tc.ok {
				t.Fatalf("sniff(%s) = %q, %v; want accepted %v", tc.as, ct, refusal, tc.ok)
			}
		})
	}
}

// FuzzSniff: no upload makes the content check panic.
func FuzzSniff(f *testing.F) {
	f.Add("a.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"))
	f.Add("a.bmp", []byte("BM\x00\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"))
	f.Add("a.docx", []byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		sniff(name, data)
		cleanFilename(name)
	})
}
