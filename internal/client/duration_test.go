package client

import (
	"regexp"
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                  "0 seconds",
		time.Second:                        "1 second",
		30 * time.Second:                   "30 seconds",
		5 * time.Minute:                    "5 minutes",
		time.Minute:                        "1 minute",
		90 * time.Second:                   "1 minute 30 seconds",
		4*time.Minute + 59*time.Second:     "4 minutes 59 seconds",
		time.Hour:                          "1 hour",
		2*time.Hour + 3*time.Second:        "2 hours 3 seconds",
		1500 * time.Millisecond:            "1.5 seconds",
		250 * time.Millisecond:             "250 milliseconds",
		time.Millisecond:                   "1 millisecond",
		1500 * time.Microsecond:            "1.5 milliseconds",
		time.Nanosecond:                    "0.000001 milliseconds",
		-30 * time.Second:                  "-30 seconds",
		time.Minute + 500*time.Millisecond: "1 minute 0.5 seconds",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

// goDuration matches a duration as time.Duration.String writes it: "5m0s",
// "30s", "1h0m0s", "1.5s", "250ms".
var goDuration = regexp.MustCompile(`\b\d+(\.\d+)?(h|m|s|ms|µs|ns)\b|\b\d+[hm]\d`)

// TestErrorsWriteDurationsAsPeopleDo fails when an error names a duration
// the way Go writes it ("the 5m0s limit") rather than as people do.
func TestErrorsWriteDurationsAsPeopleDo(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1", retries(0))
	for _, f := range []*failure{{kind: KindTimeout}, {kind: KindTimeout, notRetried: true}, {kind: KindServer, status: 503}} {
		for _, early := range []bool{false, true} {
			e := f.toError(c, &Request{Path: "/organization/users"}, 2, early)
			if m := goDuration.FindString(e.Detail); m != "" {
				t.Errorf("%s: the detail writes the duration %q as Go does: %s", kindName(f.kind), m, e.Detail)
			}
		}
	}
}
