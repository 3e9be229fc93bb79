package jobs

import (
	"slices"
	"testing"

	"gongkai/app"
)

// TestJobNamesAreDocumented: the jobs scheduled are exactly the names the
// API document lists (app.JobNames, its JobName enum).
func TestJobNamesAreDocumented(t *testing.T) {
	var names []string
	for _, d := range All(&app.Services{}, Schedules{}) {
		names = append(names, d.Name)
	}
	if !slices.Equal(names, app.JobNames) {
		t.Fatalf("jobs %v, documented %v", names, app.JobNames)
	}
}
