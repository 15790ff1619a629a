package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// serveTLS runs h, recorded, on a loopback TLS server for the length of
// the test, with cert, or httptest's own certificate when cert is nil.
func serveTLS(t *testing.T, h http.Handler, cert *tls.Certificate) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{next: h}
	return fakeapi.StartTLS(t, rec, cert), rec
}

func newCA(t testing.TB, name string) *fakeapi.CA {
	t.Helper()
	ca, err := fakeapi.NewCA(name)
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

func issue(t testing.TB, ca *fakeapi.CA, hosts ...string) *tls.Certificate {
	t.Helper()
	cert, err := ca.Issue(hosts...)
	if err != nil {
		t.Fatal(err)
	}
	return &cert
}

// trusting configures the client with the pool ParseCACertificates makes of pemText.
func trusting(t *testing.T, pemText string) func(*Config) {
	t.Helper()
	pool, err := ParseCACertificates(pemText)
	if err != nil {
		t.Fatalf("ParseCACertificates: %v", err)
	}
	return func(c *Config) { c.RootCAs = pool }
}

func TestTLSUnknownAuthorityRefused(t *testing.T) {
	srv, rec := serveTLS(t, fakeapi.New(testToken, fakeapi.SampleUsers()), nil)
	e := mustFail(t, newTestClient(t, srv.URL, retries(2)), KindTLS)
	if rec.count() != 0 {
		t.Errorf("server got %d requests; want 0 and 1: no request is sent, and the failure is not retried", rec.count())
	}
	wantContains(t, "detail", e.Detail, "GET "+srv.URL+"/organization/users failed before any request was sent",
		"certificate signed by unknown authority", "set ca_certificate", "PEM")
	if e.Summary != "Cannot set up a secure connection to the Flashback API" {
		t.Errorf("summary = %q", e.Summary)
	}
	var unknown x509.UnknownAuthorityError
	if !errors.As(e, &unknown) {
		t.Errorf("the error does not wrap x509.UnknownAuthorityError: %v", e.Unwrap())
	}
}

// TestTLSCertificateAuthorities shows which certificates the client
// accepts: a server's certificate is refused until ca_certificate holds the
// CA that signed it (or the certificate itself, for a self-signed one).
func TestTLSCertificateAuthorities(t *testing.T) {
	private := newCA(t, "Example Corp private CA")
	other := newCA(t, "Another CA")
	privateCert := issue(t, private, "127.0.0.1", "localhost")
	tests := []struct {
		name string
		cert *tls.Certificate // nil: httptest's self-signed certificate
		ca   func(*httptest.Server) string
		ok   bool
	}{
		{"self-signed, its certificate given", nil, func(s *httptest.Server) string { return fakeapi.CertPEM(s.Certificate()) }, true},
		{"private CA, given", privateCert, func(*httptest.Server) string { return private.PEM }, true},
		{"private CA, given in a bundle after another", privateCert, func(*httptest.Server) string {
			return "# Another CA\n" + other.PEM + "\n# Example Corp\n" + private.PEM
		}, true},
		{"private CA, another CA given", privateCert, func(*httptest.Server) string { return other.PEM }, false},
		{"self-signed, a CA given", nil, func(*httptest.Server) string { return private.PEM }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, rec := serveTLS(t, fakeapi.New(testToken, fakeapi.SampleUsers()), tt.cert)
			c := newTestClient(t, srv.URL, trusting(t, tt.ca(srv)))
			if !tt.ok {
				e := mustFail(t, c, KindTLS)
				wantContains(t, "detail", e.Detail, "certificate signed by unknown authority", "ca_certificate")
				if rec.count() != 0 {
					t.Errorf("server got %d requests over an unverified connection", rec.count())
				}
				return
			}
			list := mustList(t, c)
			if list.Len() != len(fakeapi.SampleUsers()) {
				t.Errorf("got %d users, want %d", list.Len(), len(fakeapi.SampleUsers()))
			}
			if h := rec.all(); len(h) != 1 || h[0].header.Get("Authorization") != "Bearer "+testToken {
				t.Errorf("the server did not get one request with the token: %d requests", len(h))
			}
		})
	}
}

func TestTLSHostnameMismatch(t *testing.T) {
	ca := newCA(t, "Example Corp private CA")
	srv, rec := serveTLS(t, fakeapi.New(testToken, nil), issue(t, ca, "api.example.com"))
	e := mustFail(t, newTestClient(t, srv.URL, trusting(t, ca.PEM), retries(1)), KindTLS)
	wantContains(t, "detail", e.Detail, "x509: cannot validate certificate for 127.0.0.1", "not issued for the host in base_url")
	if rec.count() != 0 {
		t.Errorf("server got %d requests; want 0 and 1", rec.count())
	}
}

func TestTLSToAServerWithoutTLS(t *testing.T) {
	base, rec := serve(t, fakeapi.New(testToken, nil))
	e := mustFail(t, newTestClient(t, strings.Replace(base, "http://", "https://", 1), retries(1)), KindTLS)
	wantContains(t, "detail", e.Detail, "did not answer with TLS", "scheme and port")
	if rec.count() != 0 {
		t.Errorf("server got %d requests; want 0 and 1", rec.count())
	}
}

// caSeeds are PEM texts good and bad, for the table test and the fuzz seeds.
func caSeeds(t testing.TB) []string {
	ca := newCA(t, "Seed CA")
	other := newCA(t, "Other seed CA")
	block := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }
	return []string{
		ca.PEM,
		"subject=CN = Seed CA\n" + ca.PEM + "\n\n" + other.PEM + "trailing comment\n",
		"  \n" + ca.PEM + "  \n",
		strings.ReplaceAll(ca.PEM, "\n", "\r\n"),
		"",
		" \n\t",
		"ca.pem",
		"/etc/ssl/certs/corp-ca.pem",
		"not a certificate",
		block("PRIVATE KEY", []byte("not really a key")),
		ca.PEM + block("RSA PRIVATE KEY", []byte("x")),
		block("CERTIFICATE", []byte("junk that is not DER")),
		strings.TrimSuffix(strings.TrimSpace(ca.PEM), "-----END CERTIFICATE-----"),
		ca.PEM[:len(ca.PEM)/2],
		ca.PEM[:len(ca.PEM)/2] + "\n" + other.PEM,
		strings.Replace(ca.PEM, "M", "*", 1),
		block("TRUSTED CERTIFICATE", ca.Cert.Raw),
	}
}

func TestParseCACertificates(t *testing.T) {
	seeds := caSeeds(t)
	tests := []struct {
		name    string
		text    string
		certs   int
		wantErr []string
	}{
		{"one CA", seeds[0], 1, nil},
		{"two CAs with comments around", seeds[1], 2, nil},
		{"white space around", seeds[2], 1, nil},
		{"CRLF line ends", seeds[3], 1, nil},
		{"empty", seeds[4], 0, []string{"empty", "-----BEGIN CERTIFICATE-----"}},
		{"blank", seeds[5], 0, []string{"empty"}},
		{"a file name", seeds[6], 0, []string{"no PEM certificate", `ca_certificate = file("ca.pem")`}},
		{"a file path", seeds[7], 0, []string{`file("/etc/ssl/certs/corp-ca.pem")`}},
		{"prose", seeds[8], 0, []string{"no PEM certificate"}},
		{"a private key", seeds[9], 0, []string{"PEM block 1 is a PRIVATE KEY, not a CERTIFICATE"}},
		{"a CA and a private key", seeds[10], 0, []string{"PEM block 2 is a RSA PRIVATE KEY"}},
		{"not DER", seeds[11], 0, []string{"certificate 1 cannot be read"}},
		{"no END line", seeds[12], 0, []string{"1 of its 1 PEM blocks are damaged or cut short", "-----END CERTIFICATE-----"}},
		{"cut in half", seeds[13], 0, []string{"damaged or cut short"}},
		{"cut in half, then a good one", seeds[14], 0, []string{"1 of its 2 PEM blocks are damaged"}},
		{"bad base64", seeds[15], 0, []string{"damaged or cut short"}},
		{"OpenSSL trusted certificate", seeds[16], 0, []string{"is a TRUSTED CERTIFICATE, not a CERTIFICATE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			certs, err := parsePEMCertificates(tt.text)
			pool, poolErr := ParseCACertificates(tt.text)
			if (err == nil) != (poolErr == nil) || (pool == nil) != (poolErr != nil) {
				t.Fatalf("ParseCACertificates and parsePEMCertificates disagree: %v, %v", poolErr, err)
			}
			if tt.wantErr == nil {
				if err != nil || len(certs) != tt.certs {
					t.Fatalf("got %d certificates, %v; want %d", len(certs), err, tt.certs)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted %q: %d certificates", tt.text, len(certs))
			}
			wantContains(t, "error", err.Error(), tt.wantErr...)
		})
	}
}

// The tests below need an environment of their own, which Go reads once
// per process: they run this test binary again with it.

// childEnv is set in the environment of a test binary run by runChild.
const childEnv = "FLASHBACK_TEST_CHILD"

// inChild reports whether this process is a child run by runChild.
func inChild() bool { return os.Getenv(childEnv) != "" }

// runChild runs the calling test (its top-level test, for a subtest)
// again in a new process of this test binary, with env added to an environment free of proxy and certificate
// settings, and fails the test when the child fails.
func runChild(t *testing.T, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 6*safetyTimeout)
	defer cancel()
	// The child runs the top-level test, which takes the child's part at once.
	test, _, _ := strings.Cut(t.Name(), "/")
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUEST_METHOD":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(append(cmd.Env, childEnv+"=1"), env...)
	out, runErr := cmd.CombinedOutput()
	if runErr != nil || !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatalf("the child process failed (%v):\n%s", runErr, out)
	}
}

// TestCACertificateAddsToTheSystemPool shows that ca_certificate adds to
// the system's certificate authorities rather than replacing them: with
// it, a server signed by a CA the system trusts is still accepted, and one
// signed by the given CA is accepted too.
func TestCACertificateAddsToTheSystemPool(t *testing.T) {
	if inChild() {
		systemURL, privateURL := os.Getenv("FLASHBACK_TEST_SYSTEM_URL"), os.Getenv("FLASHBACK_TEST_PRIVATE_URL")
		// Without ca_certificate: the system's CA only.
		mustList(t, newTestClient(t, systemURL))
		_ = mustFail(t, newTestClient(t, privateURL), KindTLS)
		// With it: both.
		with := trusting(t, os.Getenv("FLASHBACK_TEST_CA"))
		mustList(t, newTestClient(t, systemURL, with))
		mustList(t, newTestClient(t, privateURL, with))
		return
	}
	system, private := newCA(t, "System CA"), newCA(t, "Private CA")
	systemSrv, systemRec := serveTLS(t, fakeapi.New(testToken, nil), issue(t, system, "127.0.0.1"))
	privateSrv, privateRec := serveTLS(t, fakeapi.New(testToken, nil), issue(t, private, "127.0.0.1"))
	dir := t.TempDir()
	systemFile := filepath.Join(dir, "system.pem")
	if err := os.WriteFile(systemFile, []byte(system.PEM), 0o600); err != nil {
		t.Fatal(err)
	}
	runChild(t,
		"SSL_CERT_FILE="+systemFile, "SSL_CERT_DIR="+t.TempDir(),
		"FLASHBACK_TEST_SYSTEM_URL="+systemSrv.URL, "FLASHBACK_TEST_PRIVATE_URL="+privateSrv.URL,
		"FLASHBACK_TEST_CA="+private.PEM,
	)
	if systemRec.count() != 2 || privateRec.count() != 1 {
		t.Errorf("servers got %d and %d requests, want 2 and 1", systemRec.count(), privateRec.count())
	}
}
