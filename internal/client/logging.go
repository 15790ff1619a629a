package client

import (
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// loggingTransport logs each request and response through tflog, with the
// Authorization header replaced by a marker. redact hides the token in the
// other header values: tflog masks only string fields, not the header map,
// and a server may echo the token in a response header such as Location.
type loggingTransport struct {
	next   http.RoundTripper
	redact func(string) string
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	tflog.Debug(ctx, "Sending Flashback API request", map[string]any{
		"http.method":  req.Method,
		"http.url":     t.redact(req.URL.Redacted()),
		"http.headers": redactedHeaders(req.Header, t.redact),
	})
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{"http.url": t.redact(req.URL.Redacted()), "duration_ms": time.Since(start).Milliseconds()}
	if err != nil {
		fields["error"] = t.redact(err.Error())
		tflog.Debug(ctx, "Flashback API request failed", fields)
		return nil, err
	}
	fields["http.status"] = resp.StatusCode
	fields["http.content_length"] = resp.ContentLength
	fields["http.headers"] = redactedHeaders(resp.Header, t.redact)
	tflog.Debug(ctx, "Received Flashback API response", fields)
	return resp, nil
}

// redactedHeaders flattens headers for a log line, hiding credentials.
func redactedHeaders(h http.Header, redact func(string) string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		switch http.CanonicalHeaderKey(k) {
		case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
			out[k] = "[REDACTED]"
		default:
			if len(v) > 0 {
				out[k] = redact(v[0])
			}
		}
	}
	return out
}
