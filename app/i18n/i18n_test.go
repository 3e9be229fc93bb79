package i18n

import (
	"strings"
	"testing"
)

// sample holds every name the templates read, with a value of its kind.
var sample = map[string]any{
	"Tracking": "ZFB-2026-00001", "Title": "凤城街道征地补偿安置方案", "Step": T("action.submit"),
	"Notices":  []map[string]any{{"Title": "受理通知书", "DocNumber": "莱芜区政府办〔2026〕1号"}},
	"DaysLeft": T("task.days_left", "Days", 3), "Actor": "陈志远", "Note": "请抓紧办理", "From": "2026-10-30", "To": "2026-11-02",
	"Days": 2, "Due": "2026-10-30", "Party": "某公司", "Year": 2027, "Cases": 12,
}

// TestCatalogue: both languages hold the same ids (Load checks it) and
// every template renders in both with data of the shape the services give.
func TestCatalogue(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Keys()) < 50 {
		t.Fatalf("only %d messages", len(c.Keys()))
	}
	for _, lang := range Languages() {
		for _, key := range c.Keys() {
			got, err := c.Render(lang, Text{Key: key, Data: sample})
			if err != nil {
				t.Errorf("%s %s: %v", lang, key, err)
				continue
			}
			if strings.TrimSpace(got) == "" || strings.Contains(got, "<no value>") {
				t.Errorf("%s %s renders %q", lang, key, got)
			}
		}
	}
	zh, _ := c.Render(ZH, T("case.step.title", "Tracking", "ZFB-1", "Step", T("action.accept")))
	en, _ := c.Render(EN, T("case.step.title", "Tracking", "ZFB-1", "Step", T("action.accept")))
	if zh != "【ZFB-1】申请已受理" || en != "[ZFB-1] application accepted" {
		t.Errorf("nested message: %q, %q", zh, en)
	}
	if other, _ := c.Render("fr", T("action.accept")); other != "申请已受理" {
		t.Errorf("an unknown language reads %q, want Chinese", other)
	}
	if _, err := c.Render(ZH, T("nope")); err == nil {
		t.Error("an unknown id rendered")
	}
	if _, err := c.Render(ZH, T("reminder.due_today.body")); err == nil {
		t.Error("a template missing its data rendered")
	}
}
