package api

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Every request the API tests make goes through harness.serve, which
// checks the request and the response against the document the server
// serves (kin-openapi's openapi3filter):
//
//   - a response must match its operation's schema, status and media type,
//     whatever the request was;
//   - a request the document calls invalid must be refused (4xx): if the
//     server accepts what the document forbids, one of them is wrong;
//   - a request to a path the document does not name must fail too.
//
// TestMain then checks that the whole suite reached every operation.

func init() {
	// The annual report's CSV has rows of different lengths (its header
	// spans two rows): read it as text, as a spreadsheet does.
	openapi3filter.RegisterBodyDecoder(csvType, openapi3filter.PlainBodyDecoder)
	for _, t := range []string{htmlType, "application/zip", xlsxType, pdfType} {
		if openapi3filter.RegisteredBodyDecoder(t) == nil {
			if t == htmlType {
				openapi3filter.RegisterBodyDecoder(t, openapi3filter.PlainBodyDecoder)
			} else {
				openapi3filter.RegisterBodyDecoder(t, openapi3filter.FileBodyDecoder)
			}
		}
	}
}

// docValidator validates against one document.
type docValidator struct {
	router routers.Router
	doc    *openapi3.T
}

var (
	validators sync.Map // document text → *docValidator
	// covered records the operations the suite's requests reached.
	covered sync.Map // "METHOD path-template" → true
)

// validatorOf is the validator of the document s serves, loaded once per
// distinct document.
func validatorOf(t testing.TB, s *Server) *docValidator {
	s.openAPIOnce.Do(func() { s.openAPIDoc = s.buildOpenAPI() })
	key := string(s.openAPIDoc)
	if v, ok := validators.Load(key); ok {
		return v.(*docValidator)
	}
	v, err := loadValidator(s.openAPIDoc)
	if err != nil {
		t.Fatalf("the API document: %v", err)
	}
	validators.Store(key, v)
	return v
}

func loadValidator(doc []byte) (*docValidator, error) {
	loader := openapi3.NewLoader()
	d, err := loader.LoadFromData(doc)
	if err != nil {
		return nil, err
	}
	if err := d.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("invalid: %w", err)
	}
	r, err := gorillamux.NewRouter(d)
	if err != nil {
		return nil, err
	}
	return &docValidator{router: r, doc: d}, nil
}

// check validates one exchange; body is the request body that was sent.
func (v *docValidator) check(req *http.Request, body []byte, rec *httptest.ResponseRecorder) error {
	if !strings.HasPrefix(req.URL.Path, "/api/") && !isOpsPath(req.URL.Path) {
		return nil // the web UI's files are not API operations
	}
	vreq := req.Clone(context.Background())
	vreq.Body = nopCloser{bytes.NewReader(body)}
	vreq.ContentLength = int64(len(body))
	route, params, err := v.router.FindRoute(vreq)
	if err != nil {
		if rec.Code < 400 {
			return fmt.Errorf("%s %s is not in the document, yet answered %d", req.Method, req.URL.Path, rec.Code)
		}
		return nil
	}
	covered.Store(req.Method+" "+route.Path, true)
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true, IncludeResponseStatus: true}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: opts}
	if reqErr := openapi3filter.ValidateRequest(context.Background(), in); reqErr != nil && rec.Code < 400 {
		return fmt.Errorf("%s %s: the document refuses the request, the server answered %d: %v", req.Method, req.URL.Path, rec.Code, reqErr)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(), Options: opts}
	out.SetBodyBytes(rec.Body.Bytes())
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return fmt.Errorf("%s %s → %d: the response does not match the document: %v\nbody: %.600s", req.Method, req.URL.Path, rec.Code, err, rec.Body.String())
	}
	return nil
}

func isOpsPath(p string) bool {
	return p == "/healthz" || p == "/readyz" || p == "/metrics"
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// serve sends req (whose body is body) to the harness's server and checks
// the exchange against the API document.
func (h *harness) serve(req *http.Request, body []byte) *httptest.ResponseRecorder {
	h.t.Helper()
	rec := httptest.NewRecorder()
	h.srv.Echo.ServeHTTP(rec, req)
	if err := validatorOf(h.t, h.srv).check(req, body, rec); err != nil {
		h.t.Errorf("API document: %v", err)
	}
	return rec
}

// TestMain runs the suite and then, when it ran whole and passed, checks
// that its requests reached every operation of the document.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		if err := checkCoverage(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// checkCoverage lists the operations of the default document that no
// request of the suite reached.
func checkCoverage() error {
	v, err := loadValidator(Document())
	if err != nil {
		return err
	}
	var missing []string
	for path, item := range v.doc.Paths.Map() {
		for method := range item.Operations() {
			if _, ok := covered.Load(method + " " + path); !ok {
				missing = append(missing, method+" "+path)
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return errors.New("API document: no test request reached these operations:\n  " + strings.Join(missing, "\n  "))
	}
	return nil
}
