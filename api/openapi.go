package api

import (
	"cmp"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

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

// buildOpenAPI generates the OpenAPI 3.0.3 document from the route table
// and the request and response types (openapi_schema.go), so it cannot
// drift from the code; the API tests validate every request and response
// they make against it (openapi_validate_test.go). 3.0.3 rather than 3.1:
// the client generators agencies use and the validator read 3.0 fully.
func (s *Server) buildOpenAPI() []byte {
	d := newDocSchemas()
	paths := map[string]map[string]any{}
	tags := map[string]bool{}
	for _, r := range s.routes {
		tags[r.tag] = true
		if r.bodies != nil {
			// One operation per action: a client sees each action's body,
			// and the server's one route serves them all.
			names := make([]string, 0, len(r.bodies))
			for n := range r.bodies {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				p := openAPIPath(strings.Replace(r.path, ":action", n, 1))
				op := s.operation(d, r, reflect.TypeOf(r.bodies[n]))
				op["operationId"] = "act_" + strings.ReplaceAll(n, "-", "_")
				op["summary"] = "Action " + n
				op["description"] = r.summary + ". " + strings.TrimSpace(op["description"].(string))
				paths[p] = map[string]any{"post": op}
			}
			continue
		}
		p := openAPIPath(r.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		var body reflect.Type
		if r.body != nil {
			body = reflect.TypeOf(r.body)
		}
		paths[p][strings.ToLower(r.method)] = s.operation(d, r, body)
	}
	var tagList []any
	for _, t := range slices.Sorted(maps.Keys(tags)) {
		tagList = append(tagList, map[string]any{"name": t, "description": tagDescriptions[t]})
	}
	d.ref(reflect.TypeOf(problem{}), inResponse) // #/components/schemas/Problem
	doc := map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "Gongkai 公开 API",
			"version":     cmp.Or(s.opt.Version, "dev"),
			"description": "政府信息依申请公开办理平台 API. Errors are application/problem+json (RFC 9457) with a stable code and field errors; messages follow Accept-Language (Chinese by default).",
			"license":     map[string]any{"name": "Proprietary: the licence of the agency's deployment", "url": "https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm"},
		},
		"servers":  []any{map[string]any{"url": "/", "description": "The Gongkai server that serves this document"}},
		"security": []any{map[string]any{"bearer": []string{}}},
		"tags":     tagList,
		"paths":    paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
			"schemas":         d.components,
			"responses":       problemResponses(),
		},
	}
	b, err := yaml.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

// tagDescriptions name the groups of operations.
var tagDescriptions = map[string]string{
	"ops": "Liveness, readiness, metrics and this document", "auth": "Accounts and sessions",
	"agencies": "The agencies that answer applications", "applications": "Applications (依申请公开) and their actions, notices and files",
	"reports": "The statutory annual report and the deadline report", "library": "Typical cases (典型案例) and answer standards (答复标准)",
	"register": "The agency's register (台账): template, import, export", "notifications": "The caller's in-app notifications",
	"conversion": "Conversion to proactive disclosure (Art 44)", "public": "Public lookups without an account",
	"calendar": "The working-day calendar", "admin": "Administration",
}

// problemStatuses are the error responses the document names; every one
// is application/problem+json.
var problemStatuses = map[int]string{
	400: "The request cannot be read (malformed JSON, a bad parameter)",
	401: "No valid access token",
	403: "The caller may not do this",
	404: "No such object, or not one the caller may see",
	409: "The object changed since it was read (version), or the step conflicts with its state",
	413: "The body or file is too large",
	415: "The file's type is not accepted",
	422: "A field is invalid (fields names each)",
	423: "The account is locked for a while",
	429: "Too many requests; Retry-After says when to try again",
}

func problemResponses() map[string]any {
	content := map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}
	out := map[string]any{
		"ServerError": map[string]any{"description": "The server failed or the database is unavailable (503, Retry-After)", "content": content},
		"ClientError": map[string]any{"description": "Any other refusal of the request", "content": content},
	}
	for code, desc := range problemStatuses {
		out["Problem"+strconv.Itoa(code)] = map[string]any{"description": desc, "content": content}
	}
	return out
}

// operation documents one route; body is the JSON request body's type.
func (s *Server) operation(d *docSchemas, r route, body reflect.Type) map[string]any {
	op := map[string]any{
		"summary":     r.summary,
		"tags":        []string{r.tag},
		"operationId": strings.ToLower(r.method) + strings.NewReplacer("/", "_", ":", "", "-", "_", ".", "_").Replace(r.path),
	}
	params := parameters(d, r)
	if params != nil {
		op["parameters"] = params
	}
	switch {
	case body != nil:
		sch := d.ref(body, inRequest)
		if len(r.variants) > 0 {
			sch = d.variantsSchema(sch, r.variants)
		}
		op["requestBody"] = map[string]any{"required": !r.bodyOptional, "content": map[string]any{
			"application/json": map[string]any{"schema": sch}}}
	case r.form != nil:
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"multipart/form-data": map[string]any{"schema": d.ref(reflect.TypeOf(r.form), inRequest)}}}
	}
	status := r.status
	if status == 0 {
		status = http.StatusOK
	}
	okResp := map[string]any{"description": http.StatusText(status)}
	content := map[string]any{}
	if r.resp != nil {
		content["application/json"] = map[string]any{"schema": d.ref(reflect.TypeOf(r.resp), inResponse)}
	} else if r.produces != "" {
		content[r.produces] = map[string]any{"schema": mediaSchema(r.produces)}
	}
	for _, m := range r.alt {
		content[m] = map[string]any{"schema": mediaSchema(m)}
	}
	if len(content) > 0 {
		okResp["content"] = content
	}
	responses := map[string]any{strconv.Itoa(status): okResp,
		"4XX": map[string]any{"$ref": "#/components/responses/ClientError"},
		"5XX": map[string]any{"$ref": "#/components/responses/ServerError"}}
	for _, st := range r.also {
		responses[strconv.Itoa(st)] = map[string]any{"description": http.StatusText(st), "content": content}
	}
	problems := problemCodes(r, len(params) > 0)
	for _, code := range problems {
		responses[strconv.Itoa(code)] = map[string]any{"$ref": "#/components/responses/Problem" + strconv.Itoa(code)}
	}
	op["responses"] = responses
	describeAccess(op, r)
	return op
}

// parameters are the path and query parameters of a route.
func parameters(d *docSchemas, r route) []any {
	var params []any
	for _, m := range pathParamRe.FindAllStringSubmatch(r.path, -1) {
		if m[1] == "action" && r.bodies != nil {
			continue
		}
		sch := map[string]any{"type": "string"}
		if m[1] == "id" || m[1] == "year" {
			sch = map[string]any{"type": "integer", "minimum": 1}
		}
		if set, ok := r.paramEnums[m[1]]; ok {
			sch = d.enumRef(set, enumSets[set])
		}
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": sch})
	}
	if r.query != nil {
		t := reflect.TypeOf(r.query)
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := f.Tag.Get("query")
			if name == "" {
				continue
			}
			q := map[string]any{"name": name, "in": "query", "schema": d.field(f, inResponse, true)}
			if sch := q["schema"].(map[string]any); sch["description"] != nil {
				q["description"] = sch["description"]
				delete(sch, "description")
			}
			if f.Tag.Get("required") == "true" {
				q["required"] = true
			}
			params = append(params, q)
		}
	}
	return params
}

// problemRules say when an operation documents an error status by name
// (4XX and 5XX cover the rest).
var problemRules = []struct {
	code int
	when func(r route, hasParams bool) bool
}{
	{400, func(r route, p bool) bool {
		return r.bodies != nil || r.body != nil || r.form != nil || r.query != nil || p
	}},
	{401, func(r route, _ bool) bool { return r.auth }},
	{403, func(r route, _ bool) bool { return r.auth }},
	{404, func(r route, _ bool) bool { return strings.Contains(r.path, ":") }},
	{409, func(r route, _ bool) bool { return r.method != http.MethodGet }},
	{413, func(r route, _ bool) bool { return r.body != nil || r.bodies != nil || r.form != nil }},
	{415, func(r route, _ bool) bool { return r.form != nil }},
	{422, func(r route, p bool) bool {
		return r.bodies != nil || r.body != nil || r.form != nil || r.query != nil || p
	}},
	{423, func(r route, _ bool) bool { return r.path == "/api/v1/auth/login" }},
	{429, func(r route, _ bool) bool { return r.limit != "" || r.path == "/api/v1/auth/login" }},
}

func problemCodes(r route, hasParams bool) []int {
	var out []int
	for _, rule := range problemRules {
		if rule.when(r, hasParams) {
			out = append(out, rule.code)
		}
	}
	return out
}

// describeAccess says who may call the operation.
func describeAccess(op map[string]any, r route) {
	if r.auth {
		if len(r.roles) > 0 {
			var rs []string
			for _, x := range r.roles {
				rs = append(rs, string(x))
			}
			op["description"] = "Roles: " + strings.Join(rs, ", ")
		} else {
			op["description"] = "Any signed-in account"
		}
	} else {
		op["security"] = []any{}
		op["description"] = "Public: no account needed"
	}
}

// variantsSchema is a body that is one of its variants, each the body's
// schema with its own required and forbidden fields (each field named
// with its schema, so that a linter sees what it requires).
func (d *docSchemas) variantsSchema(ref map[string]any, variants []bodyVariant) map[string]any {
	props := map[string]any{}
	if c, ok := d.components[strings.TrimPrefix(ref["$ref"].(string), "#/components/schemas/")].(map[string]any); ok {
		props, _ = c["properties"].(map[string]any)
	}
	pick := func(names ...string) map[string]any {
		out := map[string]any{}
		for _, n := range names {
			out[n] = props[n]
		}
		return out
	}
	var one []any
	for _, v := range variants {
		alt := map[string]any{"title": v.title, "type": "object", "allOf": []any{ref}}
		if len(v.required) > 0 {
			alt["required"] = v.required
			alt["properties"] = pick(v.required...)
		}
		if len(v.forbidden) > 0 {
			var anyOf []any
			for _, f := range v.forbidden {
				anyOf = append(anyOf, map[string]any{"required": []string{f}, "properties": pick(f)})
			}
			alt["not"] = map[string]any{"anyOf": anyOf}
		}
		one = append(one, alt)
	}
	return map[string]any{"oneOf": one}
}

// mediaSchema is the schema of a response that is not JSON: text as a
// string, anything else as binary.
func mediaSchema(mediaType string) map[string]any {
	if mediaType == "application/yaml" {
		return map[string]any{"type": "object", "description": "an OpenAPI 3.0 document"}
	}
	if strings.HasPrefix(mediaType, "text/") {
		return map[string]any{"type": "string"}
	}
	return map[string]any{"type": "string", "format": "binary"}
}
