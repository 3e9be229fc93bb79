//go:build noui

// Package frontend embeds the built web UI; this build (tag noui) leaves it
// out.
package frontend

import "io/fs"

// FS returns nil: the UI is not embedded in noui builds.
func FS() fs.FS { return nil }
