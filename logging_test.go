package main

import (
	"maps"
	"testing"
)

func TestQuietLogLevels(t *testing.T) {
	if envProviderLevel != "TF_LOG_PROVIDER_FLASHBACK" {
		t.Fatalf("the provider's logger variable is %q, want TF_LOG_PROVIDER_FLASHBACK", envProviderLevel)
	}
	// subsystems are the SDK's subsystems' variables, each at level.
	subsystems := func(level string, others map[string]string) map[string]string {
		all := map[string]string{"TF_LOG_SDK_PROTO": level, "TF_LOG_SDK_FRAMEWORK": level, "TF_LOG_SDK_MUX": level}
		maps.Copy(all, others)
		return all
	}
	cases := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"no variable: the CLI keeps nothing", nil,
			subsystems("OFF", map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_PROVIDER_FLASHBACK": "OFF"})},
		{"TF_LOG sets the level", map[string]string{"TF_LOG": "warn"},
			subsystems("WARN", map[string]string{"TF_LOG_SDK": "WARN", "TF_LOG_PROVIDER_FLASHBACK": "WARN"})},
		{"TF_LOG_PROVIDER wins over TF_LOG", map[string]string{"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "ERROR"},
			subsystems("ERROR", map[string]string{"TF_LOG_SDK": "ERROR", "TF_LOG_PROVIDER_FLASHBACK": "ERROR"})},
		{"TF_LOG_PROVIDER=off", map[string]string{"TF_LOG": "DEBUG", "TF_LOG_PROVIDER": "off"},
			subsystems("OFF", map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_PROVIDER_FLASHBACK": "OFF"})},
		{"TRACE: the loggers' default", map[string]string{"TF_LOG": "TRACE"}, map[string]string{}},
		{"JSON is TRACE to the CLI", map[string]string{"TF_LOG": "JSON"}, map[string]string{}},
		{"a level the CLI does not know is TRACE to it", map[string]string{"TF_LOG": "loud"}, map[string]string{}},
		{"a variable already set is kept, and the subsystems follow the SDK's", map[string]string{"TF_LOG_SDK": "TRACE"},
			subsystems("TRACE", map[string]string{"TF_LOG_PROVIDER_FLASHBACK": "OFF"})},
		{"a subsystem's own variable is kept", map[string]string{"TF_LOG_SDK_PROTO": "DEBUG"},
			map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_PROVIDER_FLASHBACK": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_SDK_MUX": "OFF"}},
		{"all set: nothing to do", subsystems("INFO", map[string]string{"TF_LOG_SDK": "DEBUG", "TF_LOG_PROVIDER_FLASHBACK": "INFO"}),
			map[string]string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := quietLogLevels(func(name string) string { return tc.env[name] })
			if got == nil {
				got = map[string]string{}
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("quietLogLevels = %v, want %v", got, tc.want)
			}
		})
	}
}
