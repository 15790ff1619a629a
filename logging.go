package main

import (
	"cmp"
	"path"
	"strings"
)

// The variables that set the provider's loggers: the SDK's, the SDK's
// subsystems (the protocol, the framework and the mux), and the provider's
// own tflog, which terraform-plugin-go names after the provider's type:
// TF_LOG_PROVIDER_FLASHBACK.
var (
	envSDKLevel      = "TF_LOG_SDK"
	envSDKSubsystems = []string{"TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_MUX"}
	envProviderLevel = "TF_LOG_PROVIDER_" + strings.ToUpper(strings.ReplaceAll(path.Base(address), "-", "_"))
)

// quietLogLevels returns the levels to give the provider's loggers that no
// variable sets, so that the provider writes no line the CLI would drop.
//
// A provider's loggers log at TRACE unless a variable says otherwise, and
// write every line as JSON to the CLI, which keeps only what TF_LOG_PROVIDER,
// or else TF_LOG, asks for (Terraform and OpenTofu alike: unset means none,
// JSON means TRACE, and a level they do not know means TRACE). Lines
// that nobody keeps cost both processes: on a plan over 1,000 members they
// were about half of the provider's CPU and a third of the CLI's
// (BENCHMARKS.md). Levels that a variable sets are left as they are.
//
// A subsystem whose variable is unset writes at the SDK's level, but
// terraform-plugin-log then prepares every trace line (its fields, their
// masking) before the SDK's logger drops it, since it cannot tell that the
// line will be dropped: that work was a tenth of the provider's CPU on the
// same plan. So each unset subsystem variable gets the SDK's level too,
// which writes the same lines.
func quietLogLevels(getenv func(string) string) map[string]string {
	level := strings.ToUpper(getenv("TF_LOG_PROVIDER"))
	if level == "" {
		level = strings.ToUpper(getenv("TF_LOG"))
	}
	switch level {
	case "":
		level = "OFF"
	case "DEBUG", "INFO", "WARN", "ERROR", "OFF":
	default: // TRACE, JSON, or a level the CLI reads as TRACE: the loggers' own default
		return nil
	}
	set := map[string]string{}
	for _, name := range []string{envSDKLevel, envProviderLevel} {
		if getenv(name) == "" {
			set[name] = level
		}
	}
	sdk := cmp.Or(getenv(envSDKLevel), level)
	for _, name := range envSDKSubsystems {
		if getenv(name) == "" {
			set[name] = sdk
		}
	}
	return set
}
