package provider_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// tokenTrap is a server on another host that records every request that
// reaches it, and whether it carried the token.
type tokenTrap struct {
	mu       sync.Mutex
	requests int
	tokens   int
}

func (tr *tokenTrap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tr.mu.Lock()
	tr.requests++
	if strings.Contains(r.Header.Get("Authorization"), acctest.TestToken) || strings.Contains(r.URL.String(), acctest.TestToken) {
		tr.tokens++
	}
	tr.mu.Unlock()
	_, _ = w.Write(fakeapi.UsersBody(fakeapi.SampleUsers()))
}

func (tr *tokenTrap) counts() (requests, tokens int) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.requests, tr.tokens
}

// startTrap serves a tokenTrap on addr ("127.0.0.2:0", another loopback
// address, or "127.0.0.1:0", another port).
func startTrap(t *testing.T, addr string) (*tokenTrap, string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil && !strings.HasPrefix(addr, "127.0.0.1:") {
		// Stock macOS routes only 127.0.0.1 of the loopback range.
		t.Skipf("cannot listen on %s, a loopback address this system lacks (%v); on macOS: sudo ifconfig lo0 alias %s up", addr, err, strings.Split(addr, ":")[0])
	}
	if err != nil {
		t.Fatalf("cannot listen on %s: %v", addr, err)
	}
	trap := &tokenTrap{}
	srv := httptest.NewUnstartedServer(trap)
	_ = srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return trap, srv.URL
}

// TestAccOrganizationUsers_redirectToAnotherHost has the API redirect to
// another host, another loopback address or another port, with every
// redirect status: Terraform fails with an error that names the target,
// and the token never reaches it.
func TestAccOrganizationUsers_redirectToAnotherHost(t *testing.T) {
	for _, target := range []struct{ name, addr string }{
		{"another loopback address", "127.0.0.2:0"},
		{"another port", "127.0.0.1:0"},
	} {
		t.Run(target.name, func(t *testing.T) {
			trap, trapURL := startTrap(t, target.addr)
			for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
				fake, url := acctest.StartFakeAPI(t, nil)
				fake.Always(fakeapi.Reply{Status: status, Header: map[string]string{"Location": trapURL + "/organization/users?token=" + acctest.TestToken}})
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config: acctest.ProviderBlock(url, "max_retries = 3") + `data "flashback_organization_users" "test" {}`,
						ExpectError: acctest.ErrorLike("Flashback API redirected to another host",
							"was redirected to "+trapURL+"/organization/users.", "base_url"),
					}},
				})
				if fake.RequestCount() == 0 {
					t.Fatal("the API got no request: the test shows nothing")
				}
			}
			if requests, tokens := trap.counts(); requests != 0 || tokens != 0 {
				t.Errorf("the other host got %d requests, %d of them with the token; want none", requests, tokens)
			}
		})
	}
}
