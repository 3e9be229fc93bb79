package api

import (
	"encoding/json"
	"testing"
)

// Map decodes the body as a generic JSON object, for the few tests that
// read one field of many response shapes (the exposure matrix, the CSP and
// session checks); new tests decode into the typed bodies of
// harness_bodies_test.go.
func (r response) Map(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body.Bytes(), &m); err != nil {
		t.Fatalf("decode %s: %v", r.Body.String(), err)
	}
	return m
}
