package api

import (
	"fmt"
	"testing"
)

// The map-based helpers of the tests not yet converted to typed bodies;
// this file goes when the last of them is.

func (h *harness) fileMap(t *testing.T, token string, body map[string]any) map[string]any {
	t.Helper()
	r := h.do("POST", "/api/v1/applications", token, body)
	if r.Code != 201 {
		t.Fatalf("file application: %d %s", r.Code, r.Body)
	}
	return r.Map(t)
}

func (h *harness) getCaseMap(t *testing.T, token string, id any) map[string]any {
	t.Helper()
	r := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", id), token, nil)
	if r.Code != 200 {
		t.Fatalf("get case %v: %d %s", id, r.Code, r.Body)
	}
	return r.Map(t)
}

func (h *harness) actMap(t *testing.T, token string, id any, action string, body map[string]any) response {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["version"]; !ok {
		c := h.do("GET", fmt.Sprintf("/api/v1/applications/%v", id), token, nil)
		if c.Code == 200 {
			body["version"] = c.Map(t)["version"]
		} else {
			body["version"] = 1
		}
	}
	return h.do("POST", fmt.Sprintf("/api/v1/applications/%v/actions/%s", id, action), token, body)
}

func (h *harness) mustActMap(t *testing.T, token string, id any, action string, body map[string]any) map[string]any {
	t.Helper()
	r := h.actMap(t, token, id, action, body)
	if r.Code != 200 {
		t.Fatalf("%s: %d %s", action, r.Code, r.Body)
	}
	return r.Map(t)
}

func clockOf(c map[string]any) map[string]any { return c["clock"].(map[string]any) }
