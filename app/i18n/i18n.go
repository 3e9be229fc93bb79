// Package i18n is Gongkai's message catalogue: the texts of notifications,
// reminders and e-mail in Chinese (zh-CN, the default) and English (en),
// as text/template strings keyed by message id, embedded from
// messages.<language>.yaml. Go code holds the ids; the sentences live
// here. It imports no project package.
package i18n

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"
)

// The languages of the catalogue. Chinese is the default: an unknown
// language reads Chinese.
const (
	ZH = "zh-CN"
	EN = "en"
)

// Languages lists the catalogue's languages, the default first.
func Languages() []string { return []string{ZH, EN} }

//go:embed messages.zh-CN.yaml messages.en.yaml
var files embed.FS

// Text is a message id with the data its template reads. A data value that
// is itself a Text is rendered first, in the same language, so that one
// message can name another (a step of a case inside a notification).
type Text struct {
	Key  string
	Data map[string]any
}

// T builds a Text from its id and pairs of names and values.
func T(key string, kv ...any) Text {
	t := Text{Key: key, Data: make(map[string]any, len(kv)/2)}
	for i := 0; i+1 < len(kv); i += 2 {
		t.Data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return t
}

// Catalogue holds every message in every language.
type Catalogue struct {
	msgs map[string]map[string]*template.Template
}

// Load parses the embedded catalogue. Every language must hold the same
// ids, and every template must parse; a template that reads a name its
// data lacks fails when rendered.
func Load() (*Catalogue, error) {
	c := &Catalogue{msgs: map[string]map[string]*template.Template{}}
	for _, lang := range Languages() {
		b, err := files.ReadFile("messages." + lang + ".yaml")
		if err != nil {
			return nil, err
		}
		var raw map[string]string
		if err := yaml.Unmarshal(b, &raw); err != nil {
			return nil, fmt.Errorf("messages.%s.yaml: %w", lang, err)
		}
		m := make(map[string]*template.Template, len(raw))
		for key, text := range raw {
			t, err := template.New(key).Option("missingkey=error").Parse(text)
			if err != nil {
				return nil, fmt.Errorf("messages.%s.yaml: %w", lang, err)
			}
			m[key] = t
		}
		c.msgs[lang] = m
	}
	if missing := c.unmatched(); len(missing) > 0 {
		return nil, fmt.Errorf("message catalogue: ids not in every language: %s", strings.Join(missing, ", "))
	}
	return c, nil
}

// unmatched lists the ids some language lacks.
func (c *Catalogue) unmatched() []string {
	var out []string
	for _, lang := range Languages() {
		for key := range c.msgs[lang] {
			for _, other := range Languages() {
				if _, ok := c.msgs[other][key]; !ok {
					out = append(out, other+":"+key)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// Keys lists the ids of the catalogue, sorted.
func (c *Catalogue) Keys() []string {
	keys := make([]string, 0, len(c.msgs[ZH]))
	for k := range c.msgs[ZH] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Has reports whether the catalogue holds the id.
func (c *Catalogue) Has(key string) bool {
	_, ok := c.msgs[ZH][key]
	return ok
}

// Language returns lang if the catalogue has it, else the default.
func Language(lang string) string {
	if lang == EN {
		return EN
	}
	return ZH
}

// Render writes t in lang (Chinese when lang is unknown). An unknown id or
// a name the data lacks is an error.
func (c *Catalogue) Render(lang string, t Text) (string, error) {
	lang = Language(lang)
	tpl, ok := c.msgs[lang][t.Key]
	if !ok {
		return "", fmt.Errorf("message %q not in the catalogue", t.Key)
	}
	data := make(map[string]any, len(t.Data))
	for k, v := range t.Data {
		if sub, ok := v.(Text); ok {
			s, err := c.Render(lang, sub)
			if err != nil {
				return "", fmt.Errorf("message %q: %w", t.Key, err)
			}
			v = s
		}
		data[k] = v
	}
	var b strings.Builder
	if err := tpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("message %q in %s: %w", t.Key, lang, err)
	}
	return b.String(), nil
}
