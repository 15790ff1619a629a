// Command fakeflashback serves a sample Flashback organization on loopback,
// for `make demo` and `make bench`. It is a stand-in for the API, not a part
// of the provider: see package fakeapi for the rules it honours.
//
// The -token token belongs to an OWNER (ada@example.com in the sample
// organization); -login-email and -login-password sign in with POST
// /user/login, for demos of sign-in.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	token := flag.String("token", "demo-token", "a bearer token that never expires, held by an OWNER of the organization")
	urlFile := flag.String("url-file", "", "write the server's base URL to this file once it is ready")
	generated := flag.Int("users", 0, "serve this many generated users instead of the sample organization")
	adminEvery := flag.Int("admin-every", 0, "with -users: 1 user in this many is an ADMINISTRATOR, one is the OWNER, "+
		"and the rest hold lesser roles (0: every role, many of each)")
	bodyFile := flag.String("body-file", "", "also write the body served to this file, for comparisons")
	loginEmail := flag.String("login-email", "ada@example.com", "a user who may sign in with -login-password")
	loginPassword := flag.String("login-password", "demo-password", "the password of -login-email")
	mfa := flag.Bool("mfa-enforced", false, "the organization enforces MFA, so sign-in asks for a second factor")
	rateLimit := flag.Int("rate-limit", 0, "allow this many requests a minute, and answer the rest 429 with Retry-After (0: no limit)")
	latency := flag.Duration("latency", 0, "answer each request this long after it arrives, as an API across a network would (0: at once)")
	requestLog := flag.String("request-log", "", "append a line per request to this file: the method, the path and the status")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !isLoopback(host) {
		log.Fatalf("fakeflashback: -addr must be a loopback address, got %q", *addr)
	}

	users := fakeapi.SampleUsers()
	if *generated > 0 {
		users = fakeapi.GenerateOrganization(*generated, *adminEvery)
	}
	fake := fakeapi.New(*token, users)
	if *generated == 0 {
		fake.AddSampleWorkspaces()
	}
	if *mfa {
		org := fake.Organization()
		org.MFAEnforced = fakeapi.Ptr(true)
		fake.SetOrganization(org)
	}
	fake.SetRateLimit(*rateLimit)
	if *loginEmail != "" {
		if err := fake.SetPassword(*loginEmail, *loginPassword); err != nil {
			fmt.Fprintf(os.Stderr, "fakeflashback: nobody can sign in: %v\n", err)
		}
	}
	// Encode the list once now, so that timing runs measure the provider, not this server.
	body := fake.ListBody()
	if *bodyFile != "" {
		if err := os.WriteFile(*bodyFile, body, 0o600); err != nil {
			log.Fatalf("fakeflashback: %v", err)
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("fakeflashback: %v", err)
	}
	url := "http://" + ln.Addr().String()
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o600); err != nil {
			log.Fatalf("fakeflashback: %v", err)
		}
	}
	fmt.Fprintf(os.Stderr, "fakeflashback: serving an organization at %s\n", url)
	var handler http.Handler = fake
	if *requestLog != "" {
		f, err := os.OpenFile(*requestLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			log.Fatalf("fakeflashback: %v", err)
		}
		handler = &logRequests{next: fake, out: f}
	}
	if *latency > 0 {
		handler = delayed{next: handler, by: *latency}
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}

// logRequests writes a line per request, "METHOD PATH STATUS", for a
// benchmark to count the calls a run made.
type logRequests struct {
	next http.Handler
	mu   sync.Mutex
	out  io.Writer
}

func (l *logRequests) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	l.next.ServeHTTP(rec, r)
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = fmt.Fprintf(l.out, "%s %s %d\n", r.Method, r.URL.Path, rec.status)
}

// delayed answers each request a fixed time after it arrives: the round
// trip and the server time that a benchmark on loopback would otherwise
// leave out. Requests wait side by side, as at a real API.
type delayed struct {
	next http.Handler
	by   time.Duration
}

func (d delayed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(d.by):
		d.next.ServeHTTP(w, r)
	case <-r.Context().Done():
	}
}

// statusRecorder keeps the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// isLoopback accepts literal loopback addresses and the name localhost.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
