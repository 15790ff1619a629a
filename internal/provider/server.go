package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-mux/tf6muxserver"
)

// NewServer returns a factory for the provider's protocol 6 server, as
// main.go serves it and the acceptance tests run it. Each call makes one
// provider instance: two servers combined by terraform-plugin-mux, each
// owning its types end to end:
//   - the framework's server, for the provider's configuration and every
//     type but one;
//   - organizationUsersServer, a terraform-plugin-go server for
//     flashback_organization_users, whose reads of large organizations
//     need none of the framework's handling of a new state (see
//     organization_users_server.go).
//
// The mux forwards every call, the optional ones too (list resources,
// actions, state stores), to the server that owns the type;
// TestServedProviderExposesEveryFrameworkCapability shows that the served
// provider hides none of the framework's. Both servers share one
// configuration: the framework provider's Configure makes the client, and
// every read of either server uses it.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		shared := &configuration{}
		mux, err := tf6muxserver.NewMuxServer(context.Background(),
			providerserver.NewProtocol6(newFlashbackProvider(version, shared)),
			newOrganizationUsersServer(version, shared),
		)
		if err != nil {
			return nil, err
		}
		return mux.ProviderServer(), nil
	}
}

// configuration is what the provider's Configure made, shared by the
// servers of one provider instance: the data it gives the data sources (a
// client, or the settings not known yet; see providerClientFrom), and
// whether it deferred every read because the provider's configuration is
// not known yet and Terraform can wait for it.
type configuration struct {
	mu       sync.RWMutex
	data     any
	deferred bool
}

func (c *configuration) set(data any, deferred bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data, c.deferred = data, deferred
}

// get returns what set recorded last.
func (c *configuration) get() (any, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data, c.deferred
}
