package client

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// proxiedHost is a made-up API host: Go never sends a loopback address
// through a proxy, so the API must go by a name that only the proxy can
// reach.
const proxiedHost = "api.flashback.test"

// TestProxyFromEnvironment shows that the client sends its requests
// through the proxy that HTTPS_PROXY names, as a tunnel: the proxy sees the
// host it must reach, and never the token, which travels inside TLS. With
// the host in NO_PROXY, the proxy is left out.
func TestProxyFromEnvironment(t *testing.T) {
	if inChild() {
		c := newTestClient(t, "https://"+proxiedHost, trusting(t, os.Getenv("FLASHBACK_TEST_CA")))
		switch os.Getenv("FLASHBACK_TEST_MODE") {
		case "proxied":
			if n := mustList(t, c).Len(); n != len(fakeapi.SampleUsers()) {
				t.Errorf("got %d users through the proxy, want %d", n, len(fakeapi.SampleUsers()))
			}
		case "bypassed":
			// The made-up host does not resolve: the client must fail on its own.
			_, err := listUsers(t, t.Context(), c)
			if e := wantError(t, err, KindConnection); e.StatusCode != 0 {
				t.Errorf("got HTTP %d without the proxy", e.StatusCode)
			}
		default:
			t.Fatal("FLASHBACK_TEST_MODE is not set")
		}
		return
	}

	ca := newCA(t, "Example Corp private CA")
	api, apiRec := serveTLS(t, fakeapi.New(testToken, fakeapi.SampleUsers()), issue(t, ca, proxiedHost))
	proxy := &fakeapi.Proxy{Route: func(target string) string {
		if target == proxiedHost+":443" {
			return api.Listener.Addr().String()
		}
		return ""
	}}
	proxySrv := httptest.NewServer(proxy)
	t.Cleanup(proxySrv.Close)
	env := []string{"HTTPS_PROXY=" + proxySrv.URL, "FLASHBACK_TEST_CA=" + ca.PEM}

	t.Run("proxied", func(t *testing.T) {
		runChild(t, append(env, "FLASHBACK_TEST_MODE=proxied")...)
		reqs := proxy.Requests()
		if len(reqs) != 1 || reqs[0].Method != http.MethodConnect || reqs[0].Target != proxiedHost+":443" {
			t.Fatalf("the proxy got %+v, want one CONNECT to %s:443", reqs, proxiedHost)
		}
		for name, values := range reqs[0].Header {
			if strings.Contains(strings.Join(values, " "), testToken) {
				t.Errorf("the proxy saw the token in the CONNECT request's %s header", name)
			}
		}
		sent := proxy.Sent()
		if len(sent) == 0 {
			t.Fatal("nothing went through the tunnel")
		}
		if bytes.Contains(sent, []byte(testToken)) || bytes.Contains(sent, []byte("/organization/users")) {
			t.Error("the proxy could read the request in the tunnel: it must be inside TLS")
		}
		if h := apiRec.all(); len(h) != 1 || h[0].header.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("the API got %d requests, want one with the token, through the tunnel", len(h))
		}
	})

	t.Run("bypassed with NO_PROXY", func(t *testing.T) {
		before := len(proxy.Requests())
		// A domain in NO_PROXY covers its subdomains.
		runChild(t, append(env, "NO_PROXY=flashback.test", "FLASHBACK_TEST_MODE=bypassed")...)
		if n := len(proxy.Requests()) - before; n != 0 {
			t.Errorf("the proxy got %d requests for a host in NO_PROXY", n)
		}
	})
}
