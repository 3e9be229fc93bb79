package app

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// textLimit is how many characters a text may have.
type textLimit struct{ min, max int }

// limits caches limitOf by type and field.
var limits sync.Map // "type.field" → textLimit

// limitOf is the length limit of the field of input type T named json in
// JSON, read from its minLength and maxLength tags: the API document
// publishes the same tags (api/openapi_schema.go) and the web UI's forms
// take their limits from the document, so a limit is written once, on the
// input. A missing field or tag is a programming error and panics.
func limitOf[T any](json string) textLimit {
	t := reflect.TypeFor[T]()
	key := t.String() + "." + json
	if l, ok := limits.Load(key); ok {
		return l.(textLimit)
	}
	f, ok := fieldByJSON(t, json)
	if !ok {
		panic(fmt.Sprintf("limitOf: %s has no field %q", t, json))
	}
	max, err := strconv.Atoi(f.Tag.Get("maxLength"))
	if err != nil {
		panic(fmt.Sprintf("limitOf: %s.%s has no maxLength tag", t, f.Name))
	}
	l := textLimit{max: max}
	if v := f.Tag.Get("minLength"); v != "" {
		if l.min, err = strconv.Atoi(v); err != nil {
			panic(fmt.Sprintf("limitOf: %s.%s: minLength %q", t, f.Name, v))
		}
	}
	limits.Store(key, l)
	return l
}

// fieldByJSON finds the field of struct t (or of a struct it embeds) that
// JSON names name.
func fieldByJSON(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		n, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && n == "" && f.Type.Kind() == reflect.Struct {
			if g, ok := fieldByJSON(f.Type, name); ok {
				return g, true
			}
			continue
		}
		if n == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
