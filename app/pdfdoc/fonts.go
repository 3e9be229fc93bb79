package pdfdoc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/image/font/sfnt"
)

// Fonts names the TrueType font files a Renderer embeds. Each must be a
// single TrueType font with glyf outlines (.ttf): collections (.ttc) and
// CFF-flavoured OpenType (.otf, as in Noto CJK) cannot be embedded by the PDF
// writer. An agency that owns licensed official faces points Title at
// 方正小标宋 and Body at 仿宋_GB2312 here.
type Fonts struct {
	// Title is the Song-style face for titles (小标宋), page numbers and
	// the cells of statistical tables.
	Title string `json:"title" yaml:"title"`
	// Body is the face for running text (仿宋 in GB/T 9704).
	Body string `json:"body" yaml:"body"`
	// Bold is the face for <strong> and <b>.
	Bold string `json:"bold" yaml:"bold"`
	// Fallback, if set, supplies the characters the other faces lack
	// (uncommon given-name characters such as 喆 or 堃 are outside GB 2312).
	Fallback string `json:"fallback" yaml:"fallback"`
	// TitleStroke is the outline width in points drawn around title glyphs
	// to give a light Song face the weight of 小标宋; 0 for a real 小标宋.
	TitleStroke float64 `json:"titleStroke" yaml:"titleStroke"`
}

// fontCandidate is one Debian file that DefaultFonts may pick.
type fontCandidate struct {
	pkg, path string
}

// Debian has no free simplified-Chinese FangSong: cwTeX 仿宋 (fonts-cwtex-fs)
// covers Big5 only and lacks 开, 请, 执, 补 …, so the body falls back to a
// Kai face, the nearest in style (GB/T 9704 itself uses 楷体 for second-level
// headings). Noto CJK would be the better Song but ships as CFF in .ttc.
var (
	titleCandidates = []fontCandidate{
		{"fonts-arphic-gbsn00lp", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"},
	}
	bodyCandidates = []fontCandidate{
		{"fonts-arphic-gkai00mp", "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"},
		{"fonts-lxgw-wenkai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"},
	}
	boldCandidates = []fontCandidate{
		{"fonts-lxgw-wenkai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf"},
	}
	fallbackCandidates = []fontCandidate{
		{"fonts-lxgw-wenkai", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"},
	}
)

// defaultTitleStroke thickens AR PL SungtiL GB, a light newspaper Song, to
// about the weight of 小标宋.
const defaultTitleStroke = 0.45

// DefaultFonts finds the free faces installed from Debian packages
// (fonts-arphic-gbsn00lp for the title, fonts-arphic-gkai00mp for the body,
// fonts-lxgw-wenkai for bold and missing characters). It returns an error
// naming the packages to install when a required face is missing; a missing
// fallback is not an error.
func DefaultFonts() (Fonts, error) {
	var missing []string
	pick := func(cs []fontCandidate, required bool) string {
		for _, c := range cs {
			if _, err := os.Stat(c.path); err == nil {
				return c.path
			}
		}
		if required {
			missing = append(missing, cs[0].pkg)
		}
		return ""
	}
	f := Fonts{
		Title:       pick(titleCandidates, true),
		Body:        pick(bodyCandidates, true),
		Bold:        pick(boldCandidates, true),
		Fallback:    pick(fallbackCandidates, false),
		TitleStroke: defaultTitleStroke,
	}
	if len(missing) > 0 {
		return f, fmt.Errorf("pdfdoc: fonts not found; install the Debian packages %s", strings.Join(missing, " "))
	}
	return f, nil
}

// faceID names a role; faces are registered with the PDF writer lazily, in
// the order they are first used.
type faceID int

const (
	faceTitle faceID = iota
	faceBody
	faceBold
	faceFallback
	numFaces
)

// face is one loaded font file.
type face struct {
	family string // the PDF writer's family key, see subsetFamilyPrefix
	data   []byte
	font   *sfnt.Font
}

// subsetFamilyPrefix starts every family key. The writer names a font
// "utf8"+key; finish replaces "utf8"+prefix+digit, seven bytes, with a
// six-letter subset tag and "+" (ISO 32000-1 §9.6.4) without moving a byte.
const subsetFamilyPrefix = "gk"

// loadFaces reads and checks the files of f. Two roles naming the same file
// share one face, so the PDF embeds it once.
func loadFaces(f Fonts) ([numFaces]*face, error) {
	var faces [numFaces]*face
	paths := [numFaces]string{f.Title, f.Body, f.Bold, f.Fallback}
	names := [numFaces]string{"title", "body", "bold", "fallback"}
	byPath := map[string]*face{}
	for i, p := range paths {
		if p == "" {
			if faceID(i) != faceFallback {
				return faces, fmt.Errorf("%w: no %s font", ErrInvalid, names[i])
			}
			continue
		}
		if fc := byPath[p]; fc != nil {
			faces[i] = fc
			continue
		}
		fc, err := loadFace(p, i)
		if err != nil {
			return faces, fmt.Errorf("%s font: %w", names[i], err)
		}
		byPath[p] = fc
		faces[i] = fc
	}
	return faces, nil
}

func loadFace(path string, role int) (*face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 {
		return nil, fmt.Errorf("%w: %s is not a font", ErrInvalid, path)
	}
	switch magic := data[:4]; {
	case bytes.Equal(magic, []byte("ttcf")):
		return nil, fmt.Errorf("%w: %s is a font collection; extract one TrueType font", ErrInvalid, path)
	case bytes.Equal(magic, []byte("OTTO")):
		return nil, fmt.Errorf("%w: %s has CFF outlines; a TrueType (glyf) font is needed", ErrInvalid, path)
	case !bytes.Equal(magic, []byte{0, 1, 0, 0}) && !bytes.Equal(magic, []byte("true")):
		return nil, fmt.Errorf("%w: %s is not a TrueType font", ErrInvalid, path)
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInvalid, path, err)
	}
	return &face{family: familyKey(sf, path, role), data: data, font: sf}, nil
}

// familyKey is subsetFamilyPrefix, the role digit and the PostScript name in
// the lower case the writer forces, restricted to characters a PDF name
// takes without escapes.
func familyKey(sf *sfnt.Font, path string, role int) string {
	name, err := sf.Name(nil, sfnt.NameIDPostScript)
	if err != nil || name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		}
		if b.Len() >= 32 {
			break
		}
	}
	return fmt.Sprintf("%s%d%s", subsetFamilyPrefix, role, b.String())
}

// has reports whether the face maps r to a glyph.
func (f *face) has(buf *sfnt.Buffer, r rune) bool {
	gi, err := f.font.GlyphIndex(buf, r)
	return err == nil && gi != 0
}

// ErrInvalid is returned (wrapped) for input the package cannot render or
// sign: missing required fields, an unusable font, a seal that is not a PNG.
var ErrInvalid = errors.New("pdfdoc: invalid input")

// dirFontNames are the file names FontsFromDir looks for, by role: a plain
// role name an installation may give its files, then the names under which
// the licensed official faces are commonly installed.
var dirFontNames = [numFaces][]string{
	faceTitle:    {"title.ttf", "FZXBSJW.TTF", "FZXBSK.TTF", "方正小标宋简体.ttf", "方正小标宋_GBK.ttf"},
	faceBody:     {"body.ttf", "FS_GB2312.ttf", "仿宋_GB2312.ttf", "FangSong_GB2312.ttf", "SIMFANG.TTF", "仿宋.ttf"},
	faceBold:     {"bold.ttf", "SIMHEI.TTF", "黑体.ttf", "FZHTJW.TTF"},
	faceFallback: {"fallback.ttf"},
}

// FontsFromDir replaces the faces of base by the fonts found in dir, role
// by role, matching the names of dirFontNames without regard to case. A
// title face from dir is taken to be a true 小标宋, drawn without the
// stroke that thickens the free one. It returns the roles it replaced; a
// directory holding none of the names is an error, so that a misplaced
// font does not go unnoticed.
func FontsFromDir(dir string, base Fonts) (Fonts, []string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return base, nil, err
	}
	byLower := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() {
			byLower[strings.ToLower(e.Name())] = filepath.Join(dir, e.Name())
		}
	}
	found := func(role faceID) string {
		for _, n := range dirFontNames[role] {
			if p, ok := byLower[strings.ToLower(n)]; ok {
				return p
			}
		}
		return ""
	}
	f := base
	var roles []string
	for role, dst := range map[faceID]*string{faceTitle: &f.Title, faceBody: &f.Body, faceBold: &f.Bold, faceFallback: &f.Fallback} {
		if p := found(role); p != "" {
			*dst = p
			roles = append(roles, [numFaces]string{"title", "body", "bold", "fallback"}[role])
		}
	}
	if len(roles) == 0 {
		var names []string
		for _, ns := range dirFontNames {
			names = append(names, ns...)
		}
		return base, nil, fmt.Errorf("pdfdoc: %s holds none of the font files %s", dir, strings.Join(names, ", "))
	}
	if found(faceTitle) != "" {
		f.TitleStroke = 0
	}
	sort.Strings(roles)
	return f, roles, nil
}
