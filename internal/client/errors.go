package client

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// ErrorKind says what went wrong in a call to the Flashback API.
type ErrorKind int

// The kinds of error a call can end with.
const (
	KindUnauthorized   ErrorKind = iota + 1 // 401: bad or expired token
	KindForbidden                           // 403: missing role or organization
	KindHTTPStatus                          // any other status that is not retried
	KindRateLimited                         // 429 (retriedStatuses) until the retries ran out
	KindServer                              // another status of retriedStatuses, until the retries ran out
	KindConnection                          // no HTTP answer, until the retries ran out
	KindTimeout                             // request_timeout passed, until the retries ran out
	KindCanceled                            // the caller's context ended
	KindMalformed                           // a 2xx body that is not the documented JSON
	KindUnsuccessful                        // a 2xx body with "success": false
	KindTooLarge                            // a body over the size limit
	KindRedirect                            // a redirect to another host, not followed
	KindTLS                                 // a certificate that cannot be verified, or no TLS at all
	KindNotFound                            // 404: no such object, or base_url is not the API root
	KindRedirectLoop                        // redirected again and again on the API's host
	KindNotHTTP                             // an answer that is not HTTP: another service, or a broken proxy
	KindInvalidRequest                      // a request that cannot be sent as it is, such as a token with a line break
	KindSignIn                              // the sign-in was refused: unknown user, wrong password, inactive user, MFA
	KindNotEmpty                            // a delete refused because the object still holds others: a workspace's buckets or repositories
	KindMismatch                            // an answer about another object than the one asked for (identity.go)
)

// Error is what every failed call returns. Summary is a short headline;
// Detail names the cause and what to do next. Neither ever holds the token.
type Error struct {
	Kind       ErrorKind
	Summary    string
	Detail     string
	StatusCode int // the last HTTP status received, or 0
	// APIMessage is what the API said went wrong, from the answer's
	// "message", "error" and "error_code", such as "Cannot delete yourself";
	// sanitized and redacted, and empty when it said nothing.
	APIMessage string
	// APICode is the answer's error_code, such as "INVALID_PASSWORD", or empty.
	APICode string
	// OutcomeUnknown says that the call was a write that may have taken
	// effect despite the error: an attempt's answer was lost (a connection
	// closed after sending, a timeout, a 5xx that a proxy may have sent
	// after the API acted, a 2xx that could not be read). A refusal after
	// such an attempt, such as a retried create's 409, may be about the
	// write's own effect.
	OutcomeUnknown bool
	cause          error
}

// markOutcome returns e, or when unknown a copy of e marked as the error of
// a write whose outcome is unknown, which its detail says when tell.
func (e *Error) markOutcome(unknown, tell bool) *Error {
	if !unknown || e.OutcomeUnknown {
		return e
	}
	m := *e
	m.OutcomeUnknown = true
	if tell {
		m.Detail += " The change may have been made before its answer was lost: the next plan reads it again and shows what is left to do."
	}
	return &m
}

// OutcomeUnknown reports whether err is the error of a write that may have
// taken effect (Error.OutcomeUnknown).
func OutcomeUnknown(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.OutcomeUnknown
}

func (e *Error) Error() string { return e.Summary + ": " + e.Detail }

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.cause }

// failure describes how one attempt went wrong.
type failure struct {
	kind    ErrorKind
	status  int
	message string // the API's own message, or a transport error
	excerpt string // the start of the body, sanitized
	code    string // the answer's error_code
	// hideBody says that the body must not be quoted: a sign-in's answer
	// holds tokens that are not known as secrets until it is decoded.
	hideBody bool
	location string // the redirect target
	// transient says that the failure may pass: a retry may succeed.
	transient bool
	// unsent says that the server surely did not act on the request, so
	// that even a write may be retried (see mayRetry).
	unsent bool
	// retryAfter is the wait the server's Retry-After header asked for,
	// when retryAfterSet says that there was one.
	retryAfter    time.Duration
	retryAfterSet bool
	fromTokens    bool // the TokenSource failed, with cause
	// renewed says that the call signed in again after a 401 and was
	// rejected once more.
	renewed bool
	// notRetried says that a failure that may pass was not retried, since
	// the request is a write that may have acted (see mayRetry).
	notRetried bool
	// size is, for a body too large, the bytes read before the limit
	// stopped the reading, or those its Content-Length announced (announced).
	size      int64
	announced bool
	cause     error
}

// toError turns the last failure of req into the error a caller sees.
func (f *failure) toError(c *Client, r *Request, attempts int, gaveUpEarly bool) *Error {
	req := c.requestLine(r)
	e := &Error{Kind: f.kind, StatusCode: f.status, cause: f.cause}
	switch f.kind {
	case KindUnauthorized, KindForbidden, KindHTTPStatus, KindNotFound, KindRateLimited, KindServer, KindUnsuccessful:
		if f.status != 0 { // else the message is not the API's: a token source's error
			e.APIMessage, e.APICode = f.message, f.code
		}
	}
	said := apiSaid(f.message)
	tries := fmt.Sprintf("%d attempt%s", attempts, plural(attempts))
	ranOut := "after " + tries
	if gaveUpEarly {
		ranOut = fmt.Sprintf("after %s, stopping because the next wait would pass the %s limit on one call", tries, FormatDuration(c.maxElapsed))
	}
	// notRetried words a write that was not repeated, and what to do.
	notRetried := fmt.Sprintf("It was not retried: a %s is not idempotent, the API may have acted on it before the failure, "+
		"and a repeat could act twice.", r.method())
	if r.signIn {
		notRetried += " Try again later; if it persists, report it to Flashback."
	} else {
		notRetried += " Run terraform plan to see whether it took effect, then run again."
	}
	switch f.kind {
	case KindUnauthorized:
		e.Summary = "Flashback rejected the access token"
		e.Detail = fmt.Sprintf("%s returned %s: the access token is invalid or has expired.%s "+
			"Flashback access tokens last one hour: get a new one and set it in access_token or %s.", req, statusText(f.status), said, EnvAccessToken)
		if f.renewed {
			e.Detail = fmt.Sprintf("%s returned %s to the access token of a new sign-in too.%s The user signed in may have lost "+
				"access since (deactivated, or removed from the organization): check it in Flashback, then run again.", req, statusText(f.status), said)
		}
	case KindForbidden:
		action, needs := r.Action, r.Permission
		if action == "" {
			action = "make this Flashback API call"
		}
		if needs == "" {
			needs = "The call needs a higher organization role"
		}
		e.Summary = "Not allowed to " + action
		e.Detail = fmt.Sprintf("%s returned %s: the token's user lacks the permission, or belongs to no organization.%s "+
			"%s: ask an OWNER or ADMINISTRATOR of the organization to grant it.", req, statusText(f.status), said, needs)
	case KindHTTPStatus, KindNotFound:
		// A 404 keeps the headline of the other statuses: to a user it is
		// one more API error; the kind is for callers that expect it.
		e.Summary = "Flashback API error"
		next := "Check the request and the API's status, then run again."
		if f.status == http.StatusNotFound || f.status == http.StatusMethodNotAllowed {
			next = "Check that base_url points at the Flashback API root, such as " + DefaultBaseURL + "."
		}
		e.Detail = fmt.Sprintf("%s returned %s.%s %s", req, statusText(f.status), said, next)
	case KindRateLimited:
		e.Summary = "Flashback API rate limit exceeded"
		e.Detail = fmt.Sprintf("%s was still rate limited %s: the last returned %s.%s "+
			"Wait a while and run again, or raise max_retries or retry_wait_max.", req, ranOut, statusText(f.status), said)
	case KindServer:
		e.Summary = "Flashback API unavailable"
		if f.notRetried {
			e.Detail = fmt.Sprintf("%s returned %s.%s %s", req, statusText(f.status), said, notRetried)
			break
		}
		e.Detail = fmt.Sprintf("%s kept failing %s: the last returned %s.%s "+
			"The API may be down or overloaded: try again later, or raise max_retries or retry_wait_max.", req, ranOut, statusText(f.status), said)
	case KindConnection:
		e.Summary = "Cannot reach the Flashback API"
		if f.notRetried {
			e.Detail = fmt.Sprintf("%s got no answer; the error: %s. %s", req, f.message, notRetried)
			break
		}
		e.Detail = fmt.Sprintf("%s got no answer %s; the last error: %s. "+
			"Check base_url, the network, and any HTTPS_PROXY or NO_PROXY setting.", req, ranOut, f.message)
	case KindTimeout:
		e.Summary = "Flashback API request timed out"
		if f.notRetried {
			e.Detail = fmt.Sprintf("%s got no complete answer within request_timeout (%s). %s", req, FormatDuration(c.timeout), notRetried)
			break
		}
		e.Detail = fmt.Sprintf("%s got no complete answer within request_timeout (%s), %s. "+
			"Raise request_timeout if the organization is large or the network slow, or check that base_url is right.", req, FormatDuration(c.timeout), ranOut)
	case KindCanceled:
		e.Summary = "Flashback API request canceled"
		inFlight := fmt.Sprintf("while %s was in flight (%s)", req, tries)
		if attempts == 0 {
			inFlight = "while waiting for another read's " + req
		}
		e.Detail = fmt.Sprintf("The operation was canceled %s. Nothing was read; run again when ready.", inFlight)
	case KindMalformed:
		e.Summary = "Unexpected response from the Flashback API"
		e.Detail = fmt.Sprintf("%s returned %s, but its body is not the JSON the API documents: %s.%s "+
			"Check that base_url points at the Flashback API and not at a proxy or web page; if it does, report this to Flashback.", req, statusText(f.status), f.message, f.begins())
	case KindUnsuccessful:
		e.Summary = "Flashback API reported a failure"
		e.Detail = fmt.Sprintf("%s returned %s with \"success\": false.%s%s Try again later; if it persists, report it to Flashback.", req, statusText(f.status), said, f.begins())
	case KindTooLarge:
		e.Summary = "Flashback API response too large"
		e.Detail = tooLargeDetail(req, f, c.maxBody)
	case KindTLS:
		e.Summary = "Cannot set up a secure connection to the Flashback API"
		advice, _ := tlsAdvice(f.cause)
		e.Detail = fmt.Sprintf("%s failed before any request was sent: %s. %s", req, f.message, advice)
	case KindRedirectLoop:
		e.Summary = "Flashback API redirects in a loop"
		e.Detail = fmt.Sprintf("%s was redirected %d times on the same host without an answer (the last redirect was to %s). "+
			"A retry would loop again, so the provider stops. Set base_url to the API's real address, or report the loop to the server's operators.",
			req, maxRedirects, f.location)
	case KindNotHTTP:
		e.Summary = "Flashback API answer is not HTTP"
		e.Detail = fmt.Sprintf("%s got an answer that is not valid HTTP: %s. "+
			"base_url may point at another service (such as SSH) or a wrong port, or a proxy on the way is broken; a retry would not help. "+
			"Check base_url.", req, f.message)
	case KindInvalidRequest:
		e.Summary = "Cannot send the Flashback API request"
		e.Detail = fmt.Sprintf("%s could not be sent as it is: %s. Nothing reached the network, and a retry would not help. "+
			"Check the access token: it must be one line with no spaces or control characters.", req, f.message)
	case KindRedirect:
		if r.signIn {
			e.Summary = "Flashback sign-in redirected"
			e.Detail = fmt.Sprintf("%s was redirected to %s. The provider never follows a redirect of the sign-in, "+
				"so that the password goes to base_url and nowhere else. Set base_url to the API's real address.", req, f.location)
			break
		}
		e.Summary = "Flashback API redirected to another host"
		e.Detail = fmt.Sprintf("%s was redirected to %s. The provider does not follow a redirect to another host or scheme, "+
			"so that the access token is never sent there. Set base_url to the API's real address.", req, f.location)
	}
	e.Detail = c.secrets.redact(e.Detail)
	return e
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("HTTP %d %s", code, t)
	}
	return fmt.Sprintf("HTTP %d", code)
}

// begins quotes the start of the body, or says why it is not quoted.
func (f *failure) begins() string {
	if f.hideBody {
		return " The body is not quoted: a sign-in's answer holds tokens."
	}
	return begins(f.excerpt)
}

func begins(excerpt string) string {
	if excerpt == "" {
		return " The body was empty."
	}
	return " It begins: " + quoteExcerpt(excerpt) + "."
}

func quoteExcerpt(s string) string { return "\u201c" + s + "\u201d" }

// apiSaid is the sentence that quotes the API's message in an error's
// detail, with a space before it; "" when the API gave none.
func apiSaid(message string) string {
	if message == "" {
		return ""
	}
	return " The API said: " + quoteExcerpt(message) + "."
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// tooLargeDetail says how large a body was when the provider gave up on
// it, and what to do: a limit this far above any organization's list means
// that base_url points at something other than the API.
func tooLargeDetail(req string, f *failure, limit int64) string {
	what := fmt.Sprintf("sent more than %s, the most the provider reads from one answer, so it stopped reading after %s", byteSize(limit), byteSize(f.size))
	if f.announced {
		what = fmt.Sprintf("announced a body of %s in its Content-Length header, more than the %s the provider reads from one answer, so it did not read it", byteSize(f.size), byteSize(limit))
	}
	return fmt.Sprintf("%s %s. The users list of an organization takes about %d bytes a user, so the limit holds about %s users: "+
		"an answer this large is not one the Flashback API sends. Check that base_url points at the Flashback API, "+
		"and not at a server or proxy that sends without end. If it does, and the organization really has that many users, "+
		"report it to the provider's maintainers.", req, what, bytesPerUser, roughCount(limit/bytesPerUser))
}

// bytesPerUser is about what one user weighs in the API's users list.
const bytesPerUser = 250

// roughCount words a large count for a person: "4 million", "250,000".
func roughCount(n int64) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%d million", n/1_000_000)
	}
	return groupThousands(n)
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// byteSize words a size: in GiB or MiB when it is a whole number of them,
// otherwise in bytes, with the MiB or GiB it is about past one MiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<30:
		return fmt.Sprintf("%s bytes (%.1f GiB)", groupThousands(n), float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%s bytes (%.1f MiB)", groupThousands(n), float64(n)/(1<<20))
	}
	return groupThousands(n) + " bytes"
}
