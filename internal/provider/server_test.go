package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// protoHarness drives a provider server over the protocol, as Terraform does.
type protoHarness struct {
	server         tfprotov6.ProviderServer
	providerConfig *tfprotov6.DynamicValue
	dsType         tftypes.Type
}

func newProtoHarness(tb testing.TB, server tfprotov6.ProviderServer, url string) *protoHarness {
	tb.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	return &protoHarness{
		server: server,
		providerConfig: dynamicValue(tb, schemas.Provider.ValueType(), map[string]tftypes.Value{
			"base_url":     tftypes.NewValue(tftypes.String, url),
			"access_token": tftypes.NewValue(tftypes.String, testToken),
		}),
		dsType: schemas.DataSourceSchemas[organizationUsersTypeName].ValueType(),
	}
}

func (h *protoHarness) configure(tb testing.TB) {
	tb.Helper()
	resp, err := h.server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: h.providerConfig})
	if err != nil || len(resp.Diagnostics) > 0 {
		tb.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
}

// read reads flashback_organization_users with the given arguments set.
func (h *protoHarness) read(tb testing.TB, args map[string]tftypes.Value) *tfprotov6.ReadDataSourceResponse {
	tb.Helper()
	resp, err := h.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: organizationUsersTypeName, Config: dynamicValue(tb, h.dsType, args),
	})
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// dynamicValue encodes an object of type typ with the given attributes set
// and every other one null.
func dynamicValue(tb testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	vals := nullAttributes(typ)
	for name, v := range set {
		vals[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// TestServerFastPathMatchesFramework shows that the server's fast path for
// flashback_organization_users gives exactly the state and diagnostics that
// the framework's own path gives, for each kind of argument.
func TestServerFastPathMatchesFramework(t *testing.T) {
	fake, url := startFakeAPI(t, append(fakeapi.SampleUsers(), fakeapi.User{ID: fakeapi.Ptr("nulls")}))
	fake.SetTotal(20) // more than returned: both paths must warn
	roles := tftypes.Set{ElementType: tftypes.String}
	cases := map[string]map[string]tftypes.Value{
		"no arguments": nil,
		"every argument": {
			"roles":           tftypes.NewValue(roles, []tftypes.Value{tftypes.NewValue(tftypes.String, "OWNER"), tftypes.NewValue(tftypes.String, "ADMINISTRATOR")}),
			"min_role":        tftypes.NewValue(tftypes.String, "ADMINISTRATOR"),
			"validated":       tftypes.NewValue(tftypes.Bool, true),
			"include_deleted": tftypes.NewValue(tftypes.Bool, true),
		},
		"nothing kept": {"min_role": tftypes.NewValue(tftypes.String, "OWNER"), "validated": tftypes.NewValue(tftypes.Bool, false)},
	}
	fast := newProtoHarness(t, NewServer("test")(), url)
	framework := newProtoHarness(t, providerserver.NewProtocol6(New("test")())(), url)
	fast.configure(t)
	framework.configure(t)
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			got, want := fast.read(t, args), framework.read(t, args)
			if len(got.Diagnostics) != len(want.Diagnostics) {
				t.Fatalf("diagnostics: fast path %v, framework %v", got.Diagnostics, want.Diagnostics)
			}
			for i := range want.Diagnostics {
				g, w := got.Diagnostics[i], want.Diagnostics[i]
				if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail {
					t.Errorf("diagnostic %d: fast path %+v, framework %+v", i, g, w)
				}
			}
			gotState, err := got.State.Unmarshal(fast.dsType)
			if err != nil {
				t.Fatal(err)
			}
			wantState, err := want.State.Unmarshal(framework.dsType)
			if err != nil {
				t.Fatal(err)
			}
			if !gotState.Equal(wantState) {
				t.Errorf("states differ:\nfast path: %v\nframework: %v", gotState, wantState)
			}
			var attrs map[string]tftypes.Value
			if err := gotState.As(&attrs); err != nil || attrs["users"].IsNull() || !attrs["total"].Equal(tftypes.NewValue(tftypes.Number, 20)) {
				t.Errorf("the state lacks the users or the total: %v", gotState)
			}
		})
	}
}

// TestServerFallsBackWhenNotConfigured shows that a read before Configure
// goes to the framework, which reports it.
func TestServerFallsBackWhenNotConfigured(t *testing.T) {
	_, url := startFakeAPI(t, fakeapi.SampleUsers())
	h := newProtoHarness(t, NewServer("test")(), url)
	resp := h.read(t, nil)
	if len(resp.Diagnostics) == 0 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("want an error diagnostic, got %v", resp.Diagnostics)
	}
}

// nullAttributes returns a null value for each attribute of an object type.
func nullAttributes(typ tftypes.Type) map[string]tftypes.Value {
	obj, _ := typ.(tftypes.Object) // not an object: no attributes
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return vals
}
