package models

import (
	"regexp"
	"slices"
	"testing"
)

// TestOpenConditionListsOpenStatuses: the literal condition of the
// open-case indexes names exactly OpenStatuses.
func TestOpenConditionListsOpenStatuses(t *testing.T) {
	var got []Status
	for _, m := range regexp.MustCompile(`'([a-z_]+)'`).FindAllStringSubmatch(openCondition, -1) {
		got = append(got, Status(m[1]))
	}
	if !slices.Equal(got, OpenStatuses) {
		t.Fatalf("openCondition names %v, OpenStatuses are %v", got, OpenStatuses)
	}
}
