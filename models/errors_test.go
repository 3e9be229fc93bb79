package models_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"gongkai/models"
)

// TestIsUnavailableByKind: a classified error is judged by its kind, not
// by words in its message; unclassified ones by what they wrap or say.
func TestIsUnavailableByKind(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"a field error quoting a parse error", models.InvalidField("text", models.M("模板无法解析：unexpected EOF", "the template does not parse: unexpected EOF")), false},
		{"an outage", models.Unavailable(errors.New("dial tcp: connection refused")), true},
		{"an unclassified dropped connection", fmt.Errorf("query: %w", io.ErrUnexpectedEOF), true},
		{"an unclassified other error", errors.New("syntax error"), false},
	}
	for _, tt := range tests {
		if got := models.IsUnavailable(tt.err); got != tt.want {
			t.Errorf("%s: IsUnavailable = %v, want %v", tt.name, got, tt.want)
		}
	}
}
