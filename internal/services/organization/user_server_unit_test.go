package organization

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestPlanModifiersKeepAnUnchangedPlan: every plan modifier of the
// resource's attributes leaves a plan that is the prior state as it is,
// asks for no replacement and says nothing, whether the configuration
// writes the value or leaves it out. organizationUserServer's plan of a
// member that does not change relies on it, and does not run them; a
// modifier added that acts on an unchanged plan fails here.
func TestPlanModifiersKeepAnUnchangedPlan(t *testing.T) {
	ctx := context.Background()
	u := &client.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), Name: fakeapi.Ptr("Ada"), LastName: fakeapi.Ptr("Lovelace"),
		OrgID: fakeapi.Ptr("org"), OrgRole: fakeapi.Ptr(client.RoleOwner), Validated: fakeapi.Ptr(true),
		OrgRoleDescription: fakeapi.Ptr("Owner"), OrgRoles: codes(0, 255),
	}
	s := organizationUserSchema()
	values := userResourceValues(u, userArgs{SendInvite: types.BoolValue(false)})
	obj, d := types.ObjectValue(organizationUserAttrTypes(), values)
	if d.HasError() {
		t.Fatal(d)
	}
	raw, err := obj.ToTerraformValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	state, plan := tfsdk.State{Schema: s, Raw: raw}, tfsdk.Plan{Schema: s, Raw: raw}
	modifiers := 0
	for name, a := range s.Attributes {
		value := values[name]
		for _, config := range []attr.Value{value, nil} {
			if config == nil {
				config = nullOf(t, value)
			}
			p := path.Root(name)
			cfg := tfsdk.Config{Schema: s, Raw: raw}
			check := func(kept, replace bool, diags int) {
				modifiers++
				if !kept || replace || diags > 0 {
					t.Errorf("%s (configuration %v): a plan modifier changed an unchanged plan (kept %v, replace %v, %d diagnostics)",
						name, config, kept, replace, diags)
				}
			}
			switch a := a.(type) {
			case schema.StringAttribute:
				for _, m := range a.PlanModifiers {
					req := planmodifier.StringRequest{Path: p, Config: cfg, Plan: plan, State: state,
						ConfigValue: as[types.String](t, config), PlanValue: as[types.String](t, value), StateValue: as[types.String](t, value)}
					r := &planmodifier.StringResponse{PlanValue: req.PlanValue}
					m.PlanModifyString(ctx, req, r)
					check(r.PlanValue.Equal(value), r.RequiresReplace, len(r.Diagnostics))
				}
			case schema.BoolAttribute:
				for _, m := range a.PlanModifiers {
					req := planmodifier.BoolRequest{Path: p, Config: cfg, Plan: plan, State: state,
						ConfigValue: as[types.Bool](t, config), PlanValue: as[types.Bool](t, value), StateValue: as[types.Bool](t, value)}
					r := &planmodifier.BoolResponse{PlanValue: req.PlanValue}
					m.PlanModifyBool(ctx, req, r)
					check(r.PlanValue.Equal(value), r.RequiresReplace, len(r.Diagnostics))
				}
			case schema.Int64Attribute:
				for _, m := range a.PlanModifiers {
					req := planmodifier.Int64Request{Path: p, Config: cfg, Plan: plan, State: state,
						ConfigValue: as[types.Int64](t, config), PlanValue: as[types.Int64](t, value), StateValue: as[types.Int64](t, value)}
					r := &planmodifier.Int64Response{PlanValue: req.PlanValue}
					m.PlanModifyInt64(ctx, req, r)
					check(r.PlanValue.Equal(value), r.RequiresReplace, len(r.Diagnostics))
				}
			case schema.ListAttribute:
				for _, m := range a.PlanModifiers {
					req := planmodifier.ListRequest{Path: p, Config: cfg, Plan: plan, State: state,
						ConfigValue: as[types.List](t, config), PlanValue: as[types.List](t, value), StateValue: as[types.List](t, value)}
					r := &planmodifier.ListResponse{PlanValue: req.PlanValue}
					m.PlanModifyList(ctx, req, r)
					check(r.PlanValue.Equal(value), r.RequiresReplace, len(r.Diagnostics))
				}
			default:
				t.Fatalf("%s is a %T, which this test does not know: teach it, and organizationUserServer, that kind", name, a)
			}
		}
	}
	if modifiers == 0 {
		t.Fatal("no plan modifier ran: the test shows nothing")
	}
}

// nullOf is the null value of v's type.
func nullOf(t *testing.T, v attr.Value) attr.Value {
	t.Helper()
	ctx := context.Background()
	null, err := v.Type(ctx).ValueFromTerraform(ctx, tftypes.NewValue(v.Type(ctx).TerraformType(ctx), nil))
	if err != nil {
		t.Fatal(err)
	}
	return null
}

// as is v as the value type T, which the attribute's kind says it is.
func as[T attr.Value](t *testing.T, v attr.Value) T {
	t.Helper()
	typed, ok := v.(T)
	if !ok {
		t.Fatalf("%v is a %T", v, v)
	}
	return typed
}
