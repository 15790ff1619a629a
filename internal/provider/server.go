package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-mux/tf6muxserver"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// NewServer returns a factory for the provider's protocol 6 server, as
// main.go serves it and the acceptance tests run it. Each call makes one
// provider instance: two servers combined by terraform-plugin-mux, each
// owning its types end to end:
//   - the framework's server, for the provider's configuration and every
//     type but one; organization.NewUserServer answers for it the refresh
//     and the unchanged plan of flashback_organization_user, with the
//     resource's own Read and ModifyPlan (see
//     internal/services/organization/user_server.go);
//   - organization.NewUsersServer, a terraform-plugin-go server for
//     flashback_organization_users, whose reads of large organizations
//     need none of the framework's handling of a new state (see
//     internal/services/organization/users_server.go).
//
// The mux forwards every call, the optional ones too (list resources,
// actions, state stores), to the server that owns the type;
// TestServedProviderExposesEveryFrameworkCapability shows that the served
// provider hides none of the framework's. Both servers share one
// configuration: the framework provider's Configure makes the client, and
// every read of either server uses it.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		shared := &framework.Configuration{}
		fw, ok := providerserver.NewProtocol6(newFlashbackProvider(version, shared))().(organization.FrameworkServer)
		if !ok {
			return nil, errors.New("the framework's server lacks a call of the protocol: terraform-plugin-framework and terraform-plugin-go disagree")
		}
		served, err := organization.NewUserServer(fw, shared)
		if err != nil {
			return nil, err
		}
		mux, err := tf6muxserver.NewMuxServer(context.Background(),
			func() tfprotov6.ProviderServer { return served },
			organization.NewUsersServer(newFlashbackProvider(version, shared), shared),
		)
		if err != nil {
			return nil, err
		}
		return mux.ProviderServer(), nil
	}
}
