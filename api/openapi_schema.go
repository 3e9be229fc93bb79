package api

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The API document's schemas are built from the Go types by reflection,
// so that they cannot drift from what the handlers send and read:
//
//   - every named struct is a component (#/components/schemas/Name, the Go
//     name with its first letter upper-cased; listResponse[X] is XList);
//   - a field is required in a response unless it is omitempty/omitzero;
//     in a request only when it carries `required:"true"` (what the
//     server enforces whatever else the body holds);
//   - a pointer, map or slice field that is not omitempty can be null;
//   - a closed set is an enum component, by its Go type (enumTypes) or by
//     the field's `enum:"Name"` tag (enumSets);
//   - `doc`, `maxLength`, `minLength`, `minimum`, `maximum`, `pattern` and
//     `format` tags become the keywords of those names.

// direction says whether a schema describes what the server reads or what
// it sends.
type direction int

const (
	inResponse direction = iota
	inRequest
)

// docSchemas collects the component schemas of one document.
type docSchemas struct {
	components map[string]any
	// owner remembers which type (and direction) took a component name,
	// so that two types can never share one silently.
	owner map[string]string
}

func newDocSchemas() *docSchemas {
	return &docSchemas{components: map[string]any{}, owner: map[string]string{}}
}

var (
	timeType          = reflect.TypeOf(time.Time{})
	rawMessageType    = reflect.TypeOf(json.RawMessage{})
	textMarshalerType = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

// ref is the schema of t: a $ref for named structs and enums, inline for
// the rest.
func (d *docSchemas) ref(t reflect.Type, dir direction) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if name, values, ok := enumOfType(t); ok {
		return d.enumRef(name, values)
	}
	if sch, ok := textSchema(t); ok {
		return sch
	}
	if sch, ok := scalarSchema(t.Kind()); ok {
		return sch
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": d.ref(t.Elem(), dir)}
	case reflect.Map:
		if t.Elem().Kind() == reflect.Interface {
			return map[string]any{"type": "object", "additionalProperties": true} // any values, null too
		}
		return map[string]any{"type": "object", "additionalProperties": d.ref(t.Elem(), dir)}
	case reflect.Interface:
		return map[string]any{} // any JSON value
	case reflect.Struct:
		if t.Name() == "" {
			return d.object(t, dir)
		}
		return d.structRef(t, dir)
	}
	panic(fmt.Sprintf("openapi: no schema for %s", t))
}

// textSchema is the schema of a type that marshals itself as text.
func textSchema(t reflect.Type) (map[string]any, bool) {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}, true
	case t == rawMessageType:
		return map[string]any{}, true
	case t.Implements(textMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType):
		if t.Name() == "Date" {
			return map[string]any{"type": "string", "format": "date"}, true
		}
		return map[string]any{"type": "string"}, true
	}
	return nil, false
}

// scalarSchema is the schema of a string, boolean or number kind.
func scalarSchema(k reflect.Kind) (map[string]any, bool) {
	switch k {
	case reflect.String:
		return map[string]any{"type": "string"}, true
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}, true
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}, true
	}
	return nil, false
}

// structRef is a reference to the component of a named struct, made on
// first use.
func (d *docSchemas) structRef(t reflect.Type, dir direction) map[string]any {
	name := componentName(t, dir)
	key := t.String() + "/" + strconv.Itoa(int(dir))
	if prev, ok := d.owner[name]; ok {
		if prev != key {
			panic(fmt.Sprintf("openapi: %s and %s would both be schema %s", prev, key, name))
		}
	} else {
		d.owner[name] = key
		d.components[name] = map[string]any{} // a placeholder breaks cycles
		d.components[name] = d.object(t, dir)
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// enumRef is a reference to the enum component name, made on first use.
func (d *docSchemas) enumRef(name string, values []string) map[string]any {
	key := "enum/" + strings.Join(values, ",")
	if prev, ok := d.owner[name]; ok && prev != key {
		panic(fmt.Sprintf("openapi: enum %s has two value sets", name))
	}
	if _, ok := d.owner[name]; !ok {
		d.owner[name] = key
		d.components[name] = map[string]any{"type": "string", "enum": values}
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// object is the inline schema of a struct.
func (d *docSchemas) object(t reflect.Type, dir direction) map[string]any {
	props := map[string]any{}
	var required []string
	d.addFields(t, dir, props, &required)
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		sort.Strings(required)
		s["required"] = required
	}
	return s
}

func (d *docSchemas) addFields(t reflect.Type, dir direction, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			// encoding/json promotes the fields of an embedded struct,
			// exported or not (typicalList embeds listResponse).
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				d.addFields(ft, dir, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		omitted := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		props[name] = d.field(f, dir, omitted)
		if (dir == inResponse && !omitted) || (dir == inRequest && f.Tag.Get("required") == "true") {
			*required = append(*required, name)
		}
	}
}

// field is the schema of one struct field with the keywords of its tags.
func (d *docSchemas) field(f reflect.StructField, dir direction, omitted bool) map[string]any {
	t := f.Type
	var s map[string]any
	if set := f.Tag.Get("enum"); strings.Contains(set, ",") {
		// A small set of its own, written on the field.
		s = map[string]any{"type": "string", "enum": strings.Split(set, ",")}
	} else if set != "" {
		values, ok := enumSets[set]
		if !ok {
			panic(fmt.Sprintf("openapi: field %s names the unknown enum %q", f.Name, set))
		}
		s = d.enumRef(set, values)
		if t.Kind() == reflect.Slice {
			s = map[string]any{"type": "array", "items": s}
		}
	} else {
		s = d.ref(t, dir)
	}
	extra := tagKeywords(f, dir)
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Interface:
		if !omitted || dir == inRequest {
			extra["nullable"] = true
		}
	case reflect.Slice:
		if dir == inRequest && t != rawMessageType {
			extra["nullable"] = true
		}
	}
	if len(extra) == 0 {
		return s
	}
	return d.withKeywords(s, extra)
}

// tagKeywords are the schema keywords of a field's tags.
func tagKeywords(f reflect.StructField, dir direction) map[string]any {
	extra := map[string]any{}
	if doc := f.Tag.Get("doc"); doc != "" {
		extra["description"] = doc
	}
	for _, k := range []string{"maxLength", "minLength", "minimum", "maximum", "minItems", "maxItems"} {
		if v := f.Tag.Get(k); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				panic(fmt.Sprintf("openapi: field %s: %s tag %q is not a number", f.Name, k, v))
			}
			extra[k] = n
		}
	}
	if n, ok := extra["minLength"]; ok && dir == inRequest && f.Tag.Get("required") != "true" {
		// A minimum on a field the body may leave empty applies only when
		// it is given (the server accepts "" where the field is not
		// needed): JSON Schema cannot say so, so the document names it as
		// an extension the UI reads, and in words.
		delete(extra, "minLength")
		extra["x-minLengthWhenGiven"] = n
		desc := fmt.Sprintf("at least %d characters when given", n)
		if d, ok := extra["description"].(string); ok {
			desc = d + "; " + desc
		}
		extra["description"] = desc
	}
	for _, k := range []string{"pattern", "format"} {
		if v := f.Tag.Get(k); v != "" {
			extra[k] = v
		}
	}
	return extra
}

// withKeywords adds keywords to s: beside a wrapped $ref (OpenAPI 3.0
// ignores a $ref's siblings), and the limits of a list on its items.
func (d *docSchemas) withKeywords(s, extra map[string]any) map[string]any {
	if ref, isRef := s["$ref"].(string); isRef {
		typ := "object" // 3.0 wants a type beside nullable
		if c, ok := d.components[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any); ok && c["enum"] != nil {
			typ = "string"
		}
		s = map[string]any{"allOf": []any{s}, "type": typ}
	}
	for k, v := range extra {
		if items, isList := s["items"].(map[string]any); isList && k != "description" && k != "nullable" && k != "minItems" && k != "maxItems" {
			if _, isRef := items["$ref"]; isRef {
				items = map[string]any{"allOf": []any{items}}
				s["items"] = items
			}
			items[k] = v
			continue
		}
		s[k] = v
	}
	return s
}

// componentName is the schema name of a named struct: its Go name with the
// first letter upper-cased; listResponse[X] is XList. A request schema of
// a type not named as one (…Request, …Input, …Update) is …Input.
func componentName(t reflect.Type, dir direction) string {
	n := t.Name()
	if base, arg, ok := strings.Cut(n, "["); ok {
		arg = strings.TrimSuffix(arg, "]")
		if i := strings.LastIndex(arg, "."); i >= 0 {
			arg = arg[i+1:]
		}
		switch base {
		case "listResponse":
			n = upperFirst(arg) + "List"
		case "itemsResponse":
			n = upperFirst(arg) + "Items"
		default:
			n = upperFirst(base) + upperFirst(arg)
		}
	}
	n = upperFirst(n)
	if dir == inRequest && !strings.HasSuffix(n, "Request") && !strings.HasSuffix(n, "Input") && !strings.HasSuffix(n, "Update") {
		n += "Input"
	}
	return n
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
