package organization

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The guard rails of flashback_organization_user: what the provider
// refuses before calling the API, and the API's refusals said in words.

// guardLastOwner refuses, at plan time, to remove or demote the
// organization's last active OWNER. doing says what the change would do,
// such as "destroy it". It reads the list afresh: an old list may still
// show an OWNER that this run already removed. The apply makes the same
// check again, with its write, as one step (client.ChangeOwner): see
// ownerChange.
func guardLastOwner(ctx context.Context, c *client.Client, id, email, doing string, diags *diag.Diagnostics) {
	list, err := c.FreshOrganizationUsers(ctx)
	if err != nil {
		framework.AddClientError(diags, err)
		return
	}
	addOwnerRuleError(diags, list.CheckOwnerRule(id), email, doing, false)
}

// ownerChange makes write, a change that removes or demotes the user id,
// through client.ChangeOwner when state says the user is an OWNER: the
// fresh check and the write are then one step that no other such change of
// this run can come between. It returns the write's error; a refusal is
// added to diags, with nil returned, and nothing is written.
func ownerChange(ctx context.Context, c *client.Client, state userArgs, doing string, write func(context.Context) error,
	diags *diag.Diagnostics) error {
	if state.Role.ValueString() != client.RoleName(client.RoleOwner) {
		return write(ctx)
	}
	err := c.ChangeOwner(ctx, state.ID.ValueString(), write)
	if addOwnerRuleError(diags, err, state.Email.ValueString(), doing, true) {
		return nil
	}
	return err
}

// addOwnerRuleError adds the diagnostic of a client.OwnerRuleError, and
// reports whether err was one. inApply says whether the check ran with the
// write, at apply, rather than at plan time.
func addOwnerRuleError(diags *diag.Diagnostics, err error, email, doing string, inApply bool) bool {
	var rule *client.OwnerRuleError
	if !errors.As(err, &rule) {
		return false
	}
	if rule.Incomplete {
		// An answer that cannot be shown complete could leave out the other
		// OWNERs, or this one: the rule cannot be checked, so the change is refused.
		diags.AddError("Cannot check the last-OWNER rule on an incomplete list",
			fmt.Sprintf("%s (id %q) is an OWNER, and this change would %s. %s: the provider cannot tell whether another OWNER "+
				"is still active, and it does not %s unchecked. Run again later, and report it to Flashback if it persists.",
				email, rule.ID, doing, rule.Why, doing))
		return true
	}
	refused := "the provider refuses the change before calling the API"
	if inApply {
		refused = "the provider stops before calling the API (another OWNER was still active when the plan was made, " +
			"and was removed or demoted since, perhaps by another change of this run)"
	}
	diags.AddAttributeError(path.Root("role"), "Cannot remove the organization's last OWNER",
		fmt.Sprintf("%s (id %q) is the only active OWNER of the organization, and this change would %s. %s, so %s. "+
			"Make another user an OWNER first (give a second flashback_organization_user the role \"OWNER\" and apply), "+
			"then run this change again.", email, rule.ID, doing, client.OwnerRule, refused))
	return true
}

// explainRefusal reports a 403 from a write in words: which role the
// caller holds (GET /user/profile) against the role asked for, or the
// role of the user managed. asked is the role the write would grant, or
// nil; target is the user's current role, or nil when unknown. When the
// caller's profile cannot be read, or the roles do not explain the
// refusal, the API's error is reported as it is.
func explainRefusal(ctx context.Context, c *client.Client, err error, asked, target *int64, diags *diag.Diagnostics) {
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Kind != client.KindForbidden {
		framework.AddClientError(diags, err)
		return
	}
	profile, perr := c.GetProfile(ctx)
	if perr != nil || profile.OrgRole == nil {
		framework.AddClientError(diags, err)
		return
	}
	caller := *profile.OrgRole
	who := fmt.Sprintf("The access token belongs to %s, whose role is %s", emailOr(profile.Email, "a user"), client.RoleName(caller))
	said := ""
	if apiErr.APIMessage != "" {
		said = fmt.Sprintf(" (the API said: %q)", apiErr.APIMessage)
	}
	switch {
	case caller < client.RoleWorkspaces:
		diags.AddError("Not allowed to manage organization users",
			fmt.Sprintf("The Flashback API refused%s. %s; managing organization users needs the WORKSPACES role or higher. "+
				"Apply with the token of a user whose role is WORKSPACES or higher.", said, who))
	case asked != nil && *asked > caller:
		diags.AddAttributeError(path.Root("role"), "Not allowed to grant the role "+client.RoleName(*asked),
			fmt.Sprintf("The Flashback API refused to grant the role %s%s. %s, and a user may only grant roles at or below its own. "+
				"Choose a role at or below %s, or apply with the token of a user whose role is %s or higher.",
				client.RoleName(*asked), said, who, client.RoleName(caller), client.RoleName(*asked)))
	case target != nil && *target > caller:
		diags.AddError("Not allowed to manage a user whose role is "+client.RoleName(*target),
			fmt.Sprintf("The Flashback API refused%s. %s, and a user may only manage users whose role is at or below its own. "+
				"Apply with the token of a user whose role is %s.", said, who, client.RoleName(*target)))
	default:
		framework.AddClientError(diags, err)
	}
}

// explainDeleteRefusal says why the API refused a delete with a 400 when
// the reason is that the user is the caller: the API's "Cannot delete
// yourself". It reports whether it explained the error.
func explainDeleteRefusal(ctx context.Context, c *client.Client, id string, err error, diags *diag.Diagnostics) bool {
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return false
	}
	profile, perr := c.GetProfile(ctx)
	if perr != nil || profile.ID == nil || *profile.ID != id {
		return false
	}
	diags.AddError("Cannot delete the access token's own user",
		fmt.Sprintf("The Flashback API refused to delete %s (id %q) because the access token belongs to that user, and no one may "+
			"delete themselves (the API said: %q). Delete it with another user's token, or stop managing it without deleting it: "+
			"remove it from the configuration with a `removed` block (Terraform 1.7+) or `terraform state rm`.",
			emailOr(profile.Email, "the user"), id, apiErr.APIMessage))
	return true
}

func emailOr(email *string, fallback string) string {
	if email == nil || *email == "" {
		return fallback
	}
	return *email
}
