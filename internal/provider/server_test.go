package provider_test

import (
	"context"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"reflect"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// optionalServerInterfaces are the interfaces of terraform-plugin-go that a
// protocol 6 server implements beside tfprotov6.ProviderServer, each for a
// feature Terraform only uses when the server has it. terraform-plugin-go
// marks them deprecated because their methods will move into
// ProviderServer one day; until then, tf6server serves a feature only to a
// server that implements its interface, which is what this test checks.
var optionalServerInterfaces = map[string]reflect.Type{
	"list resources": reflect.TypeFor[tfprotov6.ProviderServerWithListResource](), //nolint:staticcheck // see above
	"actions":        reflect.TypeFor[tfprotov6.ProviderServerWithActions](),      //nolint:staticcheck // see above
	"state stores":   reflect.TypeFor[tfprotov6.ProviderServerWithStateStores](),  //nolint:staticcheck // see above
}

// missingCapabilities names what the framework's server offers Terraform
// and served does not: each optional interface, and, for interfaces
// terraform-plugin-go adds later, each RPC method (context in, error out).
func missingCapabilities(served, framework tfprotov6.ProviderServer) []string {
	st, ft := reflect.TypeOf(served), reflect.TypeOf(framework)
	var missing []string
	for name, iface := range optionalServerInterfaces {
		if ft.Implements(iface) && !st.Implements(iface) {
			missing = append(missing, name)
		}
	}
	ctxType, errType := reflect.TypeFor[context.Context](), reflect.TypeFor[error]()
	for i := range ft.NumMethod() {
		m := ft.Method(i)
		rpc := m.Type.NumIn() == 3 && m.Type.In(1) == ctxType && m.Type.NumOut() == 2 && m.Type.Out(1) == errType
		if _, ok := st.MethodByName(m.Name); rpc && !ok {
			missing = append(missing, m.Name)
		}
	}
	sort.Strings(missing)
	return missing
}

// TestServedProviderExposesEveryFrameworkCapability fails when the server
// main.go serves hides a feature the framework's server offers, as a
// wrapper that embeds tfprotov6.ProviderServer does: the first list
// resource would then silently not work.
func TestServedProviderExposesEveryFrameworkCapability(t *testing.T) {
	framework := providerserver.NewProtocol6(provider.New("test"))()
	for _, name := range []string{"list resources", "actions"} {
		if !reflect.TypeOf(framework).Implements(optionalServerInterfaces[name]) {
			t.Fatalf("the framework's server no longer offers %s: update optionalServerInterfaces", name)
		}
	}
	if missing := missingCapabilities(acctest.ServedProvider(t), framework); len(missing) > 0 {
		t.Errorf("the served provider hides what the framework's server offers: %v", missing)
	}
}

// TestMissingCapabilitiesSeesAWrapper shows that the check above fails for
// a server that embeds the interface.
func TestMissingCapabilitiesSeesAWrapper(t *testing.T) {
	wrapper := struct{ tfprotov6.ProviderServer }{acctest.ServedProvider(t)}
	framework := providerserver.NewProtocol6(provider.New("test"))()
	missing := missingCapabilities(wrapper, framework)
	for _, want := range []string{"list resources", "actions", "ListResource", "InvokeAction"} {
		found := false
		for _, m := range missing {
			found = found || m == want
		}
		if !found {
			t.Errorf("a wrapper hides %s, and the check missed it (it found %v)", want, missing)
		}
	}
}

// TestUsersServerMatchesFramework shows that the served provider's own
// server for flashback_organization_users gives exactly the state and
// diagnostics that the framework's Read of the same data source gives: for
// each kind of argument, a warning, an API error, a read before Configure,
// and a read deferred because the provider's configuration is not known.
func TestUsersServerMatchesFramework(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, append(fakeapi.SampleUsers(), fakeapi.User{ID: fakeapi.Ptr("nulls")}))
	fake.SetTotal(20) // more than returned: an error, or with allow_incomplete a warning
	failing, failingURL := acctest.StartFakeAPI(t, nil)
	failing.Always(fakeapi.Reply{Status: 403})
	roles := tftypes.Set{ElementType: tftypes.String}
	unknown := map[string]tftypes.Value{"base_url": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}
	allow := tftypes.NewValue(tftypes.Bool, true)
	cases := []struct {
		name      string
		configure func(t *testing.T, h *acctest.ProtoHarness)
		args      map[string]tftypes.Value
		// users is whether the state must hold users: a state without
		// any would match whatever the served one holds.
		users bool
	}{
		{name: "no arguments but allow_incomplete", args: map[string]tftypes.Value{"allow_incomplete": allow}, users: true},
		{name: "every argument", users: true, args: map[string]tftypes.Value{
			"roles":            tftypes.NewValue(roles, []tftypes.Value{tftypes.NewValue(tftypes.String, "OWNER"), tftypes.NewValue(tftypes.String, "ADMINISTRATOR")}),
			"min_role":         tftypes.NewValue(tftypes.String, "ADMINISTRATOR"),
			"validated":        tftypes.NewValue(tftypes.Bool, true),
			"include_deleted":  tftypes.NewValue(tftypes.Bool, true),
			"allow_incomplete": allow,
		}},
		{name: "nothing kept", args: map[string]tftypes.Value{"roles": tftypes.NewValue(roles, []tftypes.Value{tftypes.NewValue(tftypes.String, "OWNER")}),
			"validated": tftypes.NewValue(tftypes.Bool, false), "allow_incomplete": allow}},
		{name: "incomplete list"},
		{name: "API error", configure: func(t *testing.T, h *acctest.ProtoHarness) { h.Configure(t, failingURL) }},
		{name: "not configured", configure: func(*testing.T, *acctest.ProtoHarness) {}},
		{name: "deferred", configure: func(t *testing.T, h *acctest.ProtoHarness) {
			req := &tfprotov6.ConfigureProviderRequest{ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: true}}
			if resp := h.ConfigureWith(t, req, url, unknown); len(resp.Diagnostics) > 0 {
				t.Fatalf("ConfigureProvider:%s", acctest.DiagnosticsText(resp.Diagnostics))
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			served, framework := acctest.NewProtoHarness(t, acctest.ServedProvider(t)), acctest.NewProtoHarness(t, acctest.FrameworkOnlyServer())
			for _, h := range []*acctest.ProtoHarness{served, framework} {
				if tc.configure != nil {
					tc.configure(t, h)
				} else {
					h.Configure(t, url)
				}
			}
			got, want := served.Read(t, organization.UsersTypeName, tc.args), framework.Read(t, organization.UsersTypeName, tc.args)
			if len(want.Diagnostics) == 0 && want.Deferred == nil {
				t.Fatal("the framework's read gave no diagnostic and no deferral: the case shows less than it should")
			}
			if len(got.Diagnostics) != len(want.Diagnostics) {
				t.Fatalf("diagnostics: served%s\nframework%s", acctest.DiagnosticsText(got.Diagnostics), acctest.DiagnosticsText(want.Diagnostics))
			}
			for i := range want.Diagnostics {
				g, w := got.Diagnostics[i], want.Diagnostics[i]
				if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail || !g.Attribute.Equal(w.Attribute) {
					t.Errorf("diagnostic %d: served%s\nframework%s", i, acctest.DiagnosticsText(got.Diagnostics[i:i+1]), acctest.DiagnosticsText(want.Diagnostics[i:i+1]))
				}
			}
			if !reflect.DeepEqual(got.Deferred, want.Deferred) {
				t.Errorf("deferred: served %v, framework %v", got.Deferred, want.Deferred)
			}
			if hasError(want.Diagnostics) {
				return // Terraform keeps no state of a failed read
			}
			gotState, wantState := served.State(t, organization.UsersTypeName, got), framework.State(t, organization.UsersTypeName, want)
			if !gotState.Equal(wantState) {
				t.Errorf("states differ:\nserved:    %v\nframework: %v", gotState, wantState)
			}
			if n := usersIn(t, wantState); tc.users && n == 0 {
				t.Errorf("the framework's state holds no users: the comparison shows less than it should")
			}
		})
	}
}

// usersIn counts the users of a flashback_organization_users state; 0
// when the list is null or unknown.
func usersIn(t *testing.T, state tftypes.Value) int {
	t.Helper()
	if !state.IsKnown() || state.IsNull() {
		return 0
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if !attrs["users"].IsKnown() || attrs["users"].IsNull() {
		return 0
	}
	var users []tftypes.Value
	if err := attrs["users"].As(&users); err != nil {
		t.Fatal(err)
	}
	return len(users)
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
