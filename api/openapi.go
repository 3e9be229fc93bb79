package api

import (
	"encoding"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"gopkg.in/yaml.v3"
)

var pathParamRe = regexp.MustCompile(`:([A-Za-z]+)`)

// openAPIPath turns an Echo path (/x/:id) into an OpenAPI one (/x/{id}).
func openAPIPath(p string) string { return pathParamRe.ReplaceAllString(p, "{$1}") }

func (s *Server) openAPI(c echo.Context) error {
	s.openAPIOnce.Do(func() { s.openAPIDoc = s.buildOpenAPI() })
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", s.openAPIDoc)
}

// Document is the API document as a server with the default options
// serves it (version "dev"), built without services or a database: the
// front end's types are generated from it (frontend: npm run gen:api).
func Document() []byte {
	s := &Server{opt: Options{Version: "dev"}}
	s.routes = s.servedRoutes()
	return s.buildOpenAPI()
}

// buildOpenAPI generates an OpenAPI 3.1 document from the route table and
// the request and response types, so it cannot drift from the code.
func (s *Server) buildOpenAPI() []byte {
	paths := map[string]map[string]any{}
	for _, r := range s.routes {
		p := openAPIPath(r.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     r.summary,
			"tags":        []string{r.tag},
			"operationId": strings.ToLower(r.method) + strings.NewReplacer("/", "_", ":", "", "-", "_", ".", "_").Replace(r.path),
		}
		var params []any
		for _, m := range pathParamRe.FindAllStringSubmatch(r.path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		if r.query != nil {
			t := reflect.TypeOf(r.query)
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				name := f.Tag.Get("query")
				if name == "" {
					continue
				}
				q := map[string]any{"name": name, "in": "query", "schema": schemaOf(f.Type, map[reflect.Type]bool{})}
				if d := f.Tag.Get("doc"); d != "" {
					q["description"] = d
				}
				params = append(params, q)
			}
		}
		if params != nil {
			op["parameters"] = params
		}
		switch {
		case r.body != nil:
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(r.body), map[reflect.Type]bool{})}}}
		case r.bodies != nil:
			names := make([]string, 0, len(r.bodies))
			for n := range r.bodies {
				names = append(names, n)
			}
			sort.Strings(names)
			var one []any
			for _, n := range names {
				sch := schemaOf(reflect.TypeOf(r.bodies[n]), map[reflect.Type]bool{})
				sch["title"] = n
				one = append(one, sch)
			}
			op["requestBody"] = map[string]any{"required": true, "description": "The body of the action named in the path: " + strings.Join(names, ", "),
				"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"oneOf": one}}}}
		case r.consumes != "":
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{r.consumes: map[string]any{"schema": map[string]any{
				"type": "object", "properties": map[string]any{"file": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}, "purpose": map[string]any{"type": "string"}}}}}}
		}
		status := r.status
		if status == 0 {
			status = http.StatusOK
		}
		okResp := map[string]any{"description": http.StatusText(status)}
		if r.resp != nil {
			okResp["content"] = map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(r.resp), map[reflect.Type]bool{})}}
		} else if r.produces != "" {
			okResp["content"] = map[string]any{r.produces: map[string]any{"schema": map[string]any{"type": "string"}}}
		}
		responses := map[string]any{strconv.Itoa(status): okResp, "default": map[string]any{"$ref": "#/components/responses/Problem"}}
		op["responses"] = responses
		if r.auth {
			op["security"] = []any{map[string]any{"bearer": []string{}}}
			if len(r.roles) > 0 {
				var rs []string
				for _, x := range r.roles {
					rs = append(rs, string(x))
				}
				op["description"] = "Roles: " + strings.Join(rs, ", ")
			}
		}
		paths[p][strings.ToLower(r.method)] = op
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Gongkai 公开 API",
			"version":     s.opt.Version,
			"description": "政府信息依申请公开办理平台 API. Errors are application/problem+json (RFC 9457) with a stable code and field errors; messages follow Accept-Language (Chinese by default).",
		},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
			"responses": map[string]any{"Problem": map[string]any{
				"description": "An error (RFC 9457)",
				"content":     map[string]any{"application/problem+json": map[string]any{"schema": schemaOf(reflect.TypeOf(problem{}), map[reflect.Type]bool{})}},
			}},
		},
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

var (
	timeType          = reflect.TypeOf(time.Time{})
	textMarshalerType = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

// schemaOf describes a Go type as a JSON Schema (OpenAPI 3.1 dialect).
func schemaOf(t reflect.Type, seen map[reflect.Type]bool) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return map[string]any{"type": "string", "format": "date-time"}
	}
	if t.Implements(textMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType) {
		if t.Name() == "Date" {
			return map[string]any{"type": "string", "format": "date"}
		}
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "contentEncoding": "base64"}
		}
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), seen)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), seen)}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		if seen[t] {
			return map[string]any{"type": "object"}
		}
		seen[t] = true
		defer delete(seen, t)
		props := map[string]any{}
		var required []string
		addStructFields(t, props, &required, seen)
		s := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			sort.Strings(required)
			s["required"] = required
		}
		return s
	}
	return map[string]any{}
}

func addStructFields(t reflect.Type, props map[string]any, required *[]string, seen map[reflect.Type]bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addStructFields(ft, props, required, seen)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		sch := schemaOf(f.Type, seen)
		if d := f.Tag.Get("doc"); d != "" {
			sch["description"] = d
		}
		props[name] = sch
		if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}
