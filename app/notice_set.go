package app

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Where a notice body template comes from.
const (
	// TemplateBuiltin is the file shipped in configs/notices.
	TemplateBuiltin = "builtin"
	// TemplateInstallation is the installation's file of the same name in
	// GONGKAI_TEMPLATES_DIR.
	TemplateInstallation = "installation"
	// TemplateAgency is a version an administrator saved for one agency.
	TemplateAgency = "agency"
)

// templateSource is the text of one template file and where it came from.
type templateSource struct {
	text, origin, sha256 string
}

func newTemplateSource(text, origin string) templateSource {
	sum := sha256.Sum256([]byte(text))
	return templateSource{text: text, origin: origin, sha256: hex.EncodeToString(sum[:])}
}

// Notices holds the notice templates: page.html (the printable page),
// shared.html (salutation, caseRef, remedy, provisional …) and one
// body_<kind>.html per notice kind. Each built-in file of configs/notices
// is replaced by a file of the same name in the installation's directory
// (GONGKAI_TEMPLATES_DIR); an agency's own versions of body templates,
// kept in the database, replace the body of their kind for that agency.
type Notices struct {
	// base is never executed, since html/template clones only a set that
	// has not run; std, a clone of it, renders with the installation's
	// bodies.
	base, std *template.Template
	sources   map[string]templateSource // by file name
	mu        sync.Mutex
	// agency caches the template set of each agency template version
	// (versions are never changed, so neither are their sets).
	agency map[uint]*template.Template
}

// bodyFile is the file name of a kind's body template.
func bodyFile(kind string) string { return "body_" + kind + ".html" }

// templateFiles are the files a template set has: every one is built in,
// and a directory may replace any of them but add no other.
func templateFiles() []string {
	files := []string{"page.html", "shared.html"}
	for _, k := range NoticeKinds() {
		files = append(files, bodyFile(k))
	}
	return files
}

// NewNotices reads the built-in templates (builtin holds notices/*.html)
// and replaces each with the file of the same name in installation, which
// may be nil; a file there that is not a template name is an error, so a
// misspelt override does not go unnoticed.
func NewNotices(builtin, installation fs.FS) (*Notices, error) {
	known := map[string]bool{}
	sources := map[string]templateSource{}
	for _, name := range templateFiles() {
		known[name] = true
		b, err := fs.ReadFile(builtin, path.Join("notices", name))
		if err != nil {
			return nil, fmt.Errorf("notice templates: %w", err)
		}
		sources[name] = newTemplateSource(string(b), TemplateBuiltin)
	}
	if installation != nil {
		names, err := fs.Glob(installation, "*")
		if err != nil {
			return nil, fmt.Errorf("notice templates: %w", err)
		}
		for _, name := range names {
			if !known[name] {
				return nil, fmt.Errorf("notice templates: %s in the templates directory is not a template (want one of %s)", name, strings.Join(templateFiles(), ", "))
			}
			b, err := fs.ReadFile(installation, name)
			if err != nil {
				return nil, fmt.Errorf("notice templates: %w", err)
			}
			sources[name] = newTemplateSource(string(b), TemplateInstallation)
		}
	}
	base, err := parseTemplateSet(sources)
	if err != nil {
		return nil, err
	}
	std, err := base.Clone()
	if err != nil {
		return nil, err
	}
	return &Notices{base: base, std: std, sources: sources, agency: map[uint]*template.Template{}}, nil
}

// parseTemplateSet parses the page and shared files, whose definitions
// name their templates, and each body file as the template body_<kind>.
func parseTemplateSet(sources map[string]templateSource) (*template.Template, error) {
	t := template.New("notices").Funcs(templateFuncs)
	for _, name := range []string{"page.html", "shared.html"} {
		if _, err := t.New(name).Parse(sources[name].text); err != nil {
			return nil, fmt.Errorf("notice templates: %s (%s): %w", name, sources[name].origin, err)
		}
	}
	for _, name := range []string{"page", "printNote", "salutation", "caseRef", "remedy", "provisional"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("notice templates: the template %q is missing", name)
		}
	}
	for _, k := range NoticeKinds() {
		src := sources[bodyFile(k)]
		if err := checkBodyText(src.text); err != nil {
			return nil, fmt.Errorf("notice templates: %s (%s): %w", bodyFile(k), src.origin, err)
		}
		if _, err := t.New("body_" + k).Parse(src.text); err != nil {
			return nil, fmt.Errorf("notice templates: %s (%s): %w", bodyFile(k), src.origin, err)
		}
	}
	return t, nil
}

// checkBodyText parses a body template alone: it must parse and define no
// templates of its own, which would replace the shared pieces.
func checkBodyText(text string) error {
	t, err := template.New("body").Funcs(templateFuncs).Parse(text)
	if err != nil {
		return err
	}
	var defined []string
	for _, x := range t.Templates() {
		if x.Name() != "body" {
			defined = append(defined, x.Name())
		}
	}
	if len(defined) > 0 {
		sort.Strings(defined)
		return fmt.Errorf("a body template may not define templates (%s)", strings.Join(defined, ", "))
	}
	return nil
}

// bodySource is the installation's body template of kind (built in or
// from the templates directory).
func (n *Notices) bodySource(kind string) templateSource {
	return n.sources[bodyFile(kind)]
}

// withBody is the template set with kind's body replaced by text.
func (n *Notices) withBody(kind, text string) (*template.Template, error) {
	if err := checkBodyText(text); err != nil {
		return nil, err
	}
	t, err := n.base.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.New("body_" + kind).Parse(text); err != nil {
		return nil, err
	}
	return t, nil
}

// forVersion is the template set of an agency's template version id with
// body text, cached.
func (n *Notices) forVersion(id uint, kind, text string) (*template.Template, error) {
	n.mu.Lock()
	t, ok := n.agency[id]
	n.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := n.withBody(kind, text)
	if err != nil {
		return nil, err
	}
	n.mu.Lock()
	n.agency[id] = t
	n.mu.Unlock()
	return t, nil
}
