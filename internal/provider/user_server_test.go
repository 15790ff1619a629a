package provider_test

import (
	"context"
	"maps"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// delegations counts the calls of flashback_organization_user that
// organization.NewUserServer leaves to the framework's server.
type delegations struct {
	organization.FrameworkServer
	reads, plans int
}

func (d *delegations) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	d.reads++
	return d.FrameworkServer.ReadResource(ctx, req)
}

func (d *delegations) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	d.plans++
	return d.FrameworkServer.PlanResourceChange(ctx, req)
}

// userServers are the server of flashback_organization_user as NewServer
// builds it, with a count of what it leaves to the framework, and the
// framework's own server of the same provider: the reference. Both are
// configured for the API at url.
func userServers(t *testing.T, url string) (served, reference *acctest.ProtoHarness, delegated *delegations) {
	t.Helper()
	shared := &framework.Configuration{}
	fw, ok := providerserver.NewProtocol6(provider.NewFlashbackProvider("test", shared))().(organization.FrameworkServer)
	if !ok {
		t.Fatal("the framework's server is not an organization.FrameworkServer")
	}
	delegated = &delegations{FrameworkServer: fw}
	server, err := organization.NewUserServer(delegated, shared)
	if err != nil {
		t.Fatal(err)
	}
	served = acctest.NewProtoHarness(t, server)
	reference = acctest.NewProtoHarness(t, providerserver.NewProtocol6(provider.New("test"))())
	served.Configure(t, url)
	reference.Configure(t, url)
	return served, reference, delegated
}

// userIdentityType is the type of the resource's identity.
var userIdentityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}

// userState is the state the framework's Read gives the user with id, read
// as after an import (the id alone, and send_invite's default).
func userState(t *testing.T, h *acctest.ProtoHarness, id string) tftypes.Value {
	t.Helper()
	typ := h.Schemas.ResourceSchemas[organization.UserTypeName].ValueType()
	resp, err := h.Server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName: organization.UserTypeName,
		CurrentState: acctest.DynamicValue(t, typ, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, id), "send_invite": tftypes.NewValue(tftypes.Bool, true),
		}),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("reading %s: %v%s", id, err, acctest.DiagnosticsText(resp.Diagnostics))
	}
	state, err := resp.NewState.Unmarshal(typ)
	if err != nil || state.IsNull() {
		t.Fatalf("reading %s gave no state (%v)", id, err)
	}
	return state
}

// withAttributes is v, an object, with the given attributes replaced.
func withAttributes(t *testing.T, v tftypes.Value, set map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	attrs = maps.Clone(attrs) // As gives the value's own map
	maps.Copy(attrs, set)
	return tftypes.NewValue(v.Type(), attrs)
}

func encode(t *testing.T, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func identityOf(t *testing.T, id string) *tfprotov6.ResourceIdentityData {
	t.Helper()
	return &tfprotov6.ResourceIdentityData{IdentityData: encode(t, tftypes.NewValue(userIdentityType,
		map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)}))}
}

// decoded is a value on the wire as a value; null when there is none.
func decoded(t *testing.T, typ tftypes.Type, dv *tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	if dv == nil {
		return tftypes.NewValue(typ, nil)
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sameIdentity fails unless the served provider answered an identity
// when, and only when, the framework did, and the same one.
func sameIdentity(t *testing.T, got, want *tfprotov6.ResourceIdentityData) {
	t.Helper()
	if (got == nil) != (want == nil) || got != nil && (got.IdentityData == nil) != (want.IdentityData == nil) {
		t.Fatalf("identity given: served %v, framework %v", got != nil && got.IdentityData != nil, want != nil && want.IdentityData != nil)
	}
	if got == nil {
		return
	}
	if g, w := decoded(t, userIdentityType, got.IdentityData), decoded(t, userIdentityType, want.IdentityData); !g.Equal(w) {
		t.Errorf("identities differ: served %v, framework %v", g, w)
	}
}

// callBoth makes the call req makes of the served provider and of the
// reference, and checks that the served one left it to the framework
// (counted in delegated) when, and only when, it should.
func callBoth[Req, Resp any](t *testing.T, served, reference func(context.Context, Req) (Resp, error), req func() Req,
	delegated *int, shouldDelegate bool) (got, want Resp) {
	t.Helper()
	before := *delegated
	got, err := served(context.Background(), req())
	if err != nil {
		t.Fatal(err)
	}
	if want, err = reference(context.Background(), req()); err != nil {
		t.Fatal(err)
	}
	if n := *delegated - before; n != map[bool]int{false: 0, true: 1}[shouldDelegate] {
		t.Errorf("the framework answered %d of the served provider's calls, want it to answer %v", n, shouldDelegate)
	}
	return got, want
}

// sameDiagnostics compares diagnostics by severity and summary, and by
// detail unless summaryOnly.
func sameDiagnostics(t *testing.T, got, want []*tfprotov6.Diagnostic, summaryOnly bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("diagnostics: served%s\nframework%s", acctest.DiagnosticsText(got), acctest.DiagnosticsText(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Severity != w.Severity || g.Summary != w.Summary || !summaryOnly && g.Detail != w.Detail || !g.Attribute.Equal(w.Attribute) {
			t.Errorf("diagnostic %d: served%s\nframework%s", i, acctest.DiagnosticsText(got[i:i+1]), acctest.DiagnosticsText(want[i:i+1]))
		}
	}
}

// TestUserServerMatchesFramework shows that the refresh and the plan of
// flashback_organization_user, as the served provider answers them, are
// what the framework's server answers: the same state, identity, private
// state, replacement and diagnostics, for a member that stays, drifts, is
// deleted or gone, or whose read fails; and for each kind of plan. It also
// shows which calls the served provider answers without the framework's
// handling: every refresh but the one after an import, and the plans that
// change nothing.
func TestUserServerMatchesFramework(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	served, reference, delegated := userServers(t, url)
	failing, failingURL := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	failing.Always(fakeapi.Reply{Status: 403})
	typ := reference.Schemas.ResourceSchemas[organization.UserTypeName].ValueType()
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	owner, user := userState(t, reference, fakeapi.SampleOwnerID), userState(t, reference, fakeapi.SampleUserID)

	t.Run("refresh", func(t *testing.T) {
		cases := []struct {
			name     string
			state    tftypes.Value
			identity *tfprotov6.ResourceIdentityData
			private  []byte
			// delegated is whether the framework answers.
			delegated bool
			// identityError is whether the answer is the framework's
			// error for an identity that changes, which the served
			// provider says in words of its own.
			identityError bool
			// refused is whether the API refuses every call.
			refused bool
		}{
			{name: "a member that stays", state: owner, identity: identityOf(t, fakeapi.SampleOwnerID)},
			{name: "Terraform before 1.12: no identity", state: user},
			{name: "drift", state: withAttributes(t, user, map[string]tftypes.Value{"name": str("Ed"), "role": str("ADMINISTRATOR")}),
				identity: identityOf(t, fakeapi.SampleUserID)},
			{name: "deleted", state: withAttributes(t, user, map[string]tftypes.Value{"id": str(fakeapi.SampleDeletedID)})},
			{name: "gone", state: withAttributes(t, user, map[string]tftypes.Value{"id": str("no-such-user")}),
				identity: identityOf(t, "no-such-user")},
			{name: "another identity in state", state: user, identity: identityOf(t, fakeapi.SampleOwnerID), identityError: true},
			{name: "after an import: the private state marks it", state: user, private: []byte(`{"importing":"dHJ1ZQ=="}`), delegated: true},
			{name: "the API refuses", state: owner, refused: true},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				served, reference, delegated := served, reference, delegated
				if tc.refused {
					served, reference, delegated = userServers(t, failingURL)
				}
				req := func() *tfprotov6.ReadResourceRequest {
					return &tfprotov6.ReadResourceRequest{TypeName: organization.UserTypeName, CurrentState: encode(t, tc.state),
						CurrentIdentity: tc.identity, Private: tc.private}
				}
				got, want := callBoth(t, served.Server.ReadResource, reference.Server.ReadResource, req, &delegated.reads, tc.delegated)
				sameDiagnostics(t, got.Diagnostics, want.Diagnostics, tc.identityError)
				if (tc.identityError || tc.refused) && !hasError(want.Diagnostics) {
					t.Fatal("the framework gave no error: the case shows less than it should")
				}
				if hasError(want.Diagnostics) {
					return // Terraform keeps nothing of a failed read
				}
				if g, w := decoded(t, typ, got.NewState), decoded(t, typ, want.NewState); !g.Equal(w) {
					t.Errorf("states differ:\nserved:    %v\nframework: %v", g, w)
				}
				sameIdentity(t, got.NewIdentity, want.NewIdentity)
				if !reflect.DeepEqual(got.Private, want.Private) || !reflect.DeepEqual(got.Deferred, want.Deferred) {
					t.Errorf("private state or deferral differ: served %q %v, framework %q %v", got.Private, got.Deferred, want.Private, want.Deferred)
				}
			})
		}
	})

	t.Run("plan", func(t *testing.T) {
		// config is what a configuration that wrote state's arguments
		// holds, with set replacing some; proposed merges it with the
		// prior state, as Terraform does.
		arguments := []string{"email", "name", "last_name", "role", "send_invite", "password_wo"}
		config := func(state tftypes.Value, set map[string]tftypes.Value) tftypes.Value {
			var attrs map[string]tftypes.Value
			if err := state.As(&attrs); err != nil {
				t.Fatal(err)
			}
			c := acctest.NullAttributes(typ)
			for _, name := range arguments {
				c[name] = attrs[name]
			}
			for name, v := range set {
				c[name] = v
			}
			return tftypes.NewValue(typ, c)
		}
		proposed := func(state, config tftypes.Value) tftypes.Value {
			var c map[string]tftypes.Value
			if err := config.As(&c); err != nil {
				t.Fatal(err)
			}
			set := map[string]tftypes.Value{}
			for name, v := range c {
				if !v.IsNull() || name == "email" || name == "name" || name == "last_name" || name == "password_wo" {
					set[name] = v // an argument, or written: the configuration's
				}
			}
			return withAttributes(t, state, set)
		}
		obj, ok := typ.(tftypes.Object)
		if !ok {
			t.Fatalf("the resource's type is a %T", typ)
		}
		null := func(name string) tftypes.Value { return tftypes.NewValue(obj.AttributeTypes[name], nil) }
		asUser := withAttributes(t, user, map[string]tftypes.Value{"send_invite": tftypes.NewValue(tftypes.Bool, false)})
		cases := []struct {
			name      string
			prior     tftypes.Value
			set       map[string]tftypes.Value
			identity  *tfprotov6.ResourceIdentityData
			private   []byte
			destroy   bool
			delegated bool
		}{
			{name: "no change", prior: owner, identity: identityOf(t, fakeapi.SampleOwnerID)},
			{name: "no change, Terraform before 1.12", prior: owner},
			{name: "role left to its default, which it has", prior: user, set: map[string]tftypes.Value{"role": null("role")}},
			{name: "a password, which is write-only", prior: user, set: map[string]tftypes.Value{"password_wo": str("s3cret-Pa55")}},
			{name: "role left to its default, which it has not", prior: owner, set: map[string]tftypes.Value{"role": null("role")}, delegated: true},
			{name: "send_invite left out after false", prior: asUser, set: map[string]tftypes.Value{"send_invite": null("send_invite")}, delegated: true},
			{name: "a new name", prior: user, set: map[string]tftypes.Value{"name": str("Ed")}, delegated: true},
			{name: "a promotion", prior: user, set: map[string]tftypes.Value{"role": str("OWNER")}, delegated: true},
			{name: "an email in other case", prior: user, set: map[string]tftypes.Value{"email": str("EDSGER@example.com")}, delegated: true},
			{name: "another email", prior: owner, set: map[string]tftypes.Value{"email": str("ada2@example.com")}, delegated: true},
			{name: "a private state", prior: user, private: []byte(`{"k":"dg=="}`), delegated: true},
			{name: "destroy", prior: owner, destroy: true, delegated: true},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				cfg := config(tc.prior, tc.set)
				next := proposed(tc.prior, cfg)
				if tc.destroy {
					cfg, next = tftypes.NewValue(typ, nil), tftypes.NewValue(typ, nil)
				}
				req := func() *tfprotov6.PlanResourceChangeRequest {
					return &tfprotov6.PlanResourceChangeRequest{TypeName: organization.UserTypeName, PriorState: encode(t, tc.prior),
						ProposedNewState: encode(t, next), Config: encode(t, cfg), PriorIdentity: tc.identity, PriorPrivate: tc.private}
				}
				got, want := callBoth(t, served.Server.PlanResourceChange, reference.Server.PlanResourceChange, req, &delegated.plans, tc.delegated)
				sameDiagnostics(t, got.Diagnostics, want.Diagnostics, false)
				if g, w := decoded(t, typ, got.PlannedState), decoded(t, typ, want.PlannedState); !g.Equal(w) {
					t.Errorf("plans differ:\nserved:    %v\nframework: %v", g, w)
				}
				sameIdentity(t, got.PlannedIdentity, want.PlannedIdentity)
				if len(got.RequiresReplace)+len(want.RequiresReplace) > 0 && !reflect.DeepEqual(got.RequiresReplace, want.RequiresReplace) {
					t.Errorf("replacement differs: served %v, framework %v", got.RequiresReplace, want.RequiresReplace)
				}
				if len(got.PlannedPrivate)+len(want.PlannedPrivate) > 0 && string(got.PlannedPrivate) != string(want.PlannedPrivate) {
					t.Errorf("private state differs: served %q, framework %q", got.PlannedPrivate, want.PlannedPrivate)
				}
				if !reflect.DeepEqual(got.Deferred, want.Deferred) {
					t.Errorf("deferral differs: served %v, framework %v", got.Deferred, want.Deferred)
				}
			})
		}
	})
}
