package app

import (
	"reflect"
	"strconv"
	"testing"

	"gongkai/app/clock"
)

// TestExtensionDaysTagIsTheLaw: the extension's day range the API document
// publishes (and the UI enforces) is the clock's Art 33 maximum.
func TestExtensionDaysTagIsTheLaw(t *testing.T) {
	f, ok := fieldByJSON(reflect.TypeFor[ExtensionInput](), "days")
	if !ok {
		t.Fatal("ExtensionInput has no days")
	}
	if got := f.Tag.Get("maximum"); got != strconv.Itoa(clock.MaxExtensionDays) {
		t.Fatalf("days maximum tag %q, the law %d", got, clock.MaxExtensionDays)
	}
	if f.Tag.Get("minimum") != "1" {
		t.Fatalf("days minimum tag %q", f.Tag.Get("minimum"))
	}
}

// TestLimitOf reads the limits from the tags, embedded structs included,
// and panics on a field without them.
func TestLimitOf(t *testing.T) {
	if l := limitOf[ExtensionInput]("reason"); l != (textLimit{4, 500}) {
		t.Fatalf("reason: %+v", l)
	}
	if l := limitOf[ApplicationInput]("purpose"); l != (textLimit{0, 500}) {
		t.Fatalf("purpose: %+v", l)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a field without a limit")
		}
	}()
	limitOf[ExtensionInput]("days")
}
