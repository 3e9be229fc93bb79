package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMetricsSettings: the operators' listener and the metrics token
// (a secret, with its _FILE twin) are read, checked and never logged.
func TestMetricsSettings(t *testing.T) {
	token := "metrics-token-0123456789abcdefghijklmnop"
	file := filepath.Join(t.TempDir(), "metrics-token")
	os.WriteFile(file, []byte(token+"\n"), 0o600)
	cfg, err := Load(env(map[string]string{"GONGKAI_METRICS_ADDR": "127.0.0.1:9090", "GONGKAI_METRICS_TOKEN_FILE": file}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MetricsAddr != "127.0.0.1:9090" || cfg.MetricsToken != token {
		t.Fatalf("%q %q", cfg.MetricsAddr, cfg.MetricsToken)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if r := cfg.Redacted(); r.MetricsToken != "***" {
		t.Fatalf("redacted: %q", r.MetricsToken)
	}
	if d := Default(); d.MetricsAddr != "" || d.MetricsToken != "" {
		t.Fatalf("metrics are off by default: %+v", d)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"short token", map[string]string{"GONGKAI_METRICS_TOKEN": "short"}, "GONGKAI_METRICS_TOKEN"},
		{"the public address", map[string]string{"GONGKAI_METRICS_ADDR": ":8080"}, "GONGKAI_METRICS_ADDR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Load(env(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "short\"") {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
}
