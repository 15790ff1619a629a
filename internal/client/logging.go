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
		"http.headers": redactedHeaders(req.Header, t.redact, false),
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
	// The tokens of a sign-in's answer are not known as secrets until its
	// body is decoded: show only the headers that cannot hold one.
	signIn := ctx.Value(signInKey{}) != nil
	fields["http.headers"] = redactedHeaders(resp.Header, t.redact, signIn)
	tflog.Debug(ctx, "Received Flashback API response", fields)
	return resp, nil
}

// redactedHeaders flattens headers for a log line, hiding credentials;
// with onlySafe, it hides every value but those of safeHeaders.
func redactedHeaders(h http.Header, redact func(string) string, onlySafe bool) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		switch key := http.CanonicalHeaderKey(k); {
		case key == "Authorization", key == "Proxy-Authorization", key == "Cookie", key == "Set-Cookie",
			onlySafe && !safeHeaders[key]:
			out[k] = redacted
		case len(v) > 0:
			out[k] = redact(v[0])
		}
	}
	return out
}

// safeHeaders are the response headers that never carry a token.
var safeHeaders = map[string]bool{"Content-Type": true, "Content-Length": true, "Date": true, "Retry-After": true}
