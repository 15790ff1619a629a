package client

import (
	"strconv"
	"strings"
	"time"
)

// FormatDuration writes d as people write it, for docs and errors: "5
// minutes", "30 seconds", "1 minute 30 seconds", "1.5 seconds", "250
// milliseconds", where d.String() writes "5m0s". Every unit of d shows: hours
// and minutes as whole numbers, then seconds with their fraction; a
// duration under a second is in milliseconds.
func FormatDuration(d time.Duration) string {
	if d < 0 {
		return "-" + FormatDuration(-d)
	}
	if d == 0 {
		return "0 seconds"
	}
	if d < time.Second {
		return count(float64(d)/float64(time.Millisecond), "millisecond")
	}
	var parts []string
	if h := d / time.Hour; h > 0 {
		parts = append(parts, count(float64(h), "hour"))
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		parts = append(parts, count(float64(m), "minute"))
		d -= m * time.Minute
	}
	if d > 0 {
		parts = append(parts, count(d.Seconds(), "second"))
	}
	return strings.Join(parts, " ")
}

// count writes n units, "1 second" or "1.5 seconds", n in its shortest form.
func count(n float64, unit string) string {
	text := strconv.FormatFloat(n, 'f', -1, 64) + " " + unit
	if n != 1 {
		text += "s"
	}
	return text
}
