package organization

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// emailPattern is the plan-time check of an email: something, one @,
// something, no white space. The API checks the rest.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

func (r *OrganizationUserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"email": schema.StringAttribute{
			MarkdownDescription: "The user's email address. The API cannot change it, so another address replaces the user; " +
				"a change of case in ASCII letters, or of Unicode normalization, is recorded without replacing it.",
			Required:      true,
			PlanModifiers: []planmodifier.String{replacedByAnotherEmail()},
			Validators: []validator.String{stringvalidator.RegexMatches(emailPattern,
				"must be an email address, such as name@example.com")},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The user's first name.",
			Required:            true,
			Validators:          []validator.String{framework.NotBlank},
		},
		"last_name": schema.StringAttribute{
			MarkdownDescription: "The user's last name.",
			Required:            true,
			Validators:          []validator.String{framework.NotBlank},
		},
		"role": schema.StringAttribute{
			MarkdownDescription: "The user's organization role, one of " + framework.RoleNames() + "; defaults to `" + client.RoleName(client.RoleUser) +
				"`, and a change is made in place. The access token's user may only grant roles up to its own, and the " +
				"organization's last active `OWNER` keeps that role.",
			Optional:   true,
			Computed:   true,
			Default:    stringdefault.StaticString(client.RoleName(client.RoleUser)),
			Validators: []validator.String{stringvalidator.OneOf(client.RoleNames()...)},
		},
		"send_invite": schema.BoolAttribute{
			MarkdownDescription: "Whether Flashback emails the new user an invitation to set a password; defaults to `true`. " +
				"It is used on create only: changing it, or leaving it out, later sends nothing.",
			Optional:      true,
			Computed:      true,
			Default:       booldefault.StaticBool(true),
			PlanModifiers: []planmodifier.Bool{keepStateWhenUnset{}},
		},
		"password_wo": schema.StringAttribute{
			MarkdownDescription: "The user's first password, sent on create only and kept in no plan or state (write-only: " +
				"Terraform 1.11 or later). Without it, a random password that nobody keeps is sent, and the user gets in through the invitation.",
			Optional:   true,
			WriteOnly:  true,
			Sensitive:  true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
	for _, c := range userResourceComputed {
		attrs[c.name] = userAttributesByName[c.name].resourceAttribute(c.keep)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A member of the caller's Flashback organization: its email, name and role. Creating one creates " +
			"the user, or reactivates a deleted user with the same email and id; destroying one deletes the user, which " +
			"Flashback keeps as deleted. The organization's last active `OWNER` can be neither destroyed nor demoted.",
		Attributes: attrs,
	}
}

// IdentitySchema is the user's identity (Terraform 1.12+): its id, with
// which an import block's identity, and a list resource, name the user.
func (r *OrganizationUserResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description:       "The user's id.",
				RequiredForImport: true,
			},
		},
	}
}

// keepStateWhenUnset plans the state's value when the configuration leaves
// the attribute out, instead of the default: for send_invite, which only
// matters on create, so that dropping it later shows no change.
type keepStateWhenUnset struct{}

func (keepStateWhenUnset) Description(context.Context) string {
	return "Once set, leaving the attribute out keeps the value in state."
}

func (m keepStateWhenUnset) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepStateWhenUnset) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if req.State.Raw.IsNull() || !req.ConfigValue.IsNull() || req.StateValue.IsNull() {
		return
	}
	resp.PlanValue = req.StateValue
}

// replacedByAnotherEmail replaces the user when the email changes to
// another address, and not when it only changes as SameEmail ignores:
// the user is the same.
func replacedByAnotherEmail() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = emailChanged(req.StateValue, req.PlanValue)
	}, "Changing the email to another address replaces the user.", "Changing the email to another address replaces the user.")
}

// emailChanged reports whether a planned email is another address than
// the one in state; an unknown one may be.
func emailChanged(state, plan types.String) bool {
	return plan.IsUnknown() || !client.SameEmail(state.ValueString(), plan.ValueString())
}
