package api

import (
	"fmt"
	"testing"
)

// The register import tests read one field of many case shapes (imported
// and native cases side by side), so they keep generic helpers of their
// own beside the typed bodies.

// act takes an action on the case with its current version and returns
// the raw response (the import tests expect refusals).
func (h *harness) act(t *testing.T, token string, id any, action string, body map[string]any) response {
	t.Helper()
	r := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", id), token, nil)
	if r.Code != 200 {
		t.Fatalf("get case %v: %d %s", id, r.Code, r.Body)
	}
	b := map[string]any{"version": r.Map(t)["version"]}
	for k, v := range body {
		b[k] = v
	}
	return h.do("POST", fmt.Sprintf("/api/v1/applications/%v/actions/%s", id, action), token, b)
}

// clockOf is a case's clock as a generic object.
func clockOf(c map[string]any) map[string]any {
	m, _ := c["clock"].(map[string]any)
	return m
}
