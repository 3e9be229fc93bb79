package api

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/google/go-cmp/cmp"
)

// TestEnumsListEveryConstant: each enum of the API document lists exactly
// the string constants its Go type declares, so a new status, action or
// role cannot be missing from the document (or from the UI's generated
// types).
func TestEnumsListEveryConstant(t *testing.T) {
	declared := map[string][]string{} // "pkgpath.Type" → values
	for dir, pkg := range map[string]string{"../models": "gongkai/models", "../app": "gongkai/app", "../app/clock": "gongkai/app/clock"} {
		fset := token.NewFileSet()
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			{
				for _, d := range f.Decls {
					g, ok := d.(*ast.GenDecl)
					if !ok || g.Tok != token.CONST {
						continue
					}
					for _, spec := range g.Specs {
						v := spec.(*ast.ValueSpec)
						id, ok := v.Type.(*ast.Ident)
						if !ok {
							continue
						}
						for _, val := range v.Values {
							if lit, ok := val.(*ast.BasicLit); ok && lit.Kind == token.STRING {
								s, _ := strconv.Unquote(lit.Value)
								declared[pkg+"."+id.Name] = append(declared[pkg+"."+id.Name], s)
							}
						}
					}
				}
			}
		}
	}
	for typ, e := range enumTypes {
		key := typ.PkgPath() + "." + typ.Name()
		want := slices.Sorted(slices.Values(declared[key]))
		got := slices.Sorted(slices.Values(e.values))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("enum %s (%s): (-declared +documented)\n%s", e.name, key, diff)
		}
	}
	// Every string type with constants that the API's types reach is an
	// enum of the document.
	reached := map[reflect.Type]bool{}
	s := &Server{}
	for _, r := range s.routeTable() {
		for _, v := range []any{r.body, r.resp, r.query, r.form} {
			if v != nil {
				walkTypes(reflect.TypeOf(v), reached)
			}
		}
		for _, b := range r.bodies {
			walkTypes(reflect.TypeOf(b), reached)
		}
	}
	for typ := range reached {
		if typ.Kind() != reflect.String || typ.Name() == "" || typ.PkgPath() == "" {
			continue
		}
		if _, ok := enumTypes[typ]; !ok && len(declared[typ.PkgPath()+"."+typ.Name()]) > 0 {
			t.Errorf("%s has constants but is not an enum of the document (openapi_enums.go)", typ)
		}
	}
}

func walkTypes(t reflect.Type, seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		walkTypes(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			walkTypes(t.Field(i).Type, seen)
		}
	}
}

// TestCommittedDocumentIsServed: the copy of the document the web UI's
// types are generated from (frontend/src/api/generated/openapi.yaml, see
// `make api-types`) is the document the server serves.
func TestCommittedDocumentIsServed(t *testing.T) {
	const path = "../frontend/src/api/generated/openapi.yaml"
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run make api-types)", err)
	}
	if string(committed) != string(Document()) {
		t.Fatalf("%s differs from the served document: run make api-types and commit the result", path)
	}
}

// TestApplicationBodyVariants: the document requires what the server
// requires of each caller — staff registering an application give its
// channel and arrival time; an applicant filing online gives neither.
func TestApplicationBodyVariants(t *testing.T) {
	v, err := loadValidator(Document())
	if err != nil {
		t.Fatal(err)
	}
	base := `"agencyId":1,"title":"2025年凤城街道土地征收补偿安置方案","description":"申请公开征地补偿安置方案及批准文件。","formats":["electronic"],"delivery":"online"`
	for _, c := range []struct {
		name, body string
		valid      bool
	}{
		{"an applicant online", `{` + base + `}`, true},
		{"an applicant naming the online channel", `{` + base + `,"channel":"online"}`, true},
		{"staff with channel and arrival", `{` + base + `,"channel":"in_person","arrivedAt":"2026-10-09T09:00:00+08:00","applicantId":7}`, true},
		{"staff without the arrival time", `{` + base + `,"channel":"in_person","applicantId":7}`, false},
		{"staff without the channel", `{` + base + `,"arrivedAt":"2026-10-09T09:00:00+08:00","applicantId":7}`, false},
		{"an applicant giving an arrival time", `{` + base + `,"arrivedAt":"2026-10-09T09:00:00+08:00"}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "/api/v1/applications", strings.NewReader(c.body))
			req.Header.Set("Content-Type", "application/json")
			route, params, err := v.router.FindRoute(req)
			if err != nil {
				t.Fatal(err)
			}
			err = openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}})
			if (err == nil) != c.valid {
				t.Fatalf("valid %v, the document says: %v", c.valid, err)
			}
		})
	}
}
