package workspace

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The Terraform values of the two resources, and how each is made from the
// client's types. The list resources build their results with the same
// functions, so that an imported object and a listed one agree.

// WorkspaceModel is flashback_workspace's state.
type WorkspaceModel struct {
	ID    types.String `tfsdk:"id"`
	Name  types.String `tfsdk:"name"`
	OrgID types.String `tfsdk:"org_id"`
}

// WorkspaceIdentity is flashback_workspace's identity (Terraform 1.12+).
type WorkspaceIdentity struct {
	ID types.String `tfsdk:"id"`
}

// WorkspaceModelOf maps a workspace to flashback_workspace's state.
func WorkspaceModelOf(w *client.Workspace) WorkspaceModel {
	return WorkspaceModel{ID: types.StringValue(w.ID), Name: types.StringValue(w.Name), OrgID: types.StringPointerValue(w.OrgID)}
}

// MemberModel is flashback_workspace_user's state.
type MemberModel struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
	UserID      types.String `tfsdk:"user_id"`
	Role        types.String `tfsdk:"role"`
	Email       types.String `tfsdk:"email"`
	Name        types.String `tfsdk:"name"`
	LastName    types.String `tfsdk:"last_name"`
}

// MemberIdentity is flashback_workspace_user's identity (Terraform 1.12+).
type MemberIdentity struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
	UserID      types.String `tfsdk:"user_id"`
}

// MemberModelOf maps a member of the workspace with id workspaceID to
// flashback_workspace_user's state.
func MemberModelOf(workspaceID string, m client.WorkspaceMember) MemberModel {
	return MemberModel{
		WorkspaceID: types.StringValue(workspaceID), UserID: types.StringValue(m.UserID), Role: types.StringValue(m.Role),
		Email: types.StringPointerValue(m.Email), Name: types.StringPointerValue(m.Name), LastName: types.StringPointerValue(m.LastName),
	}
}

// identity returns the member's identity.
func (m MemberModel) identity() MemberIdentity {
	return MemberIdentity{WorkspaceID: m.WorkspaceID, UserID: m.UserID}
}

// configured is what each resource keeps of the provider's Configure.
type configured struct {
	provider framework.ProviderClient
}

// ready returns the client, or reports why the resource cannot call the
// API.
func (c configured) ready(typeName string, diags *diag.Diagnostics) *client.Client {
	return c.provider.ForResource(typeName, diags)
}

// configure takes what the provider's Configure made.
func (c *configured) configure(data any, diags *diag.Diagnostics) {
	c.provider = framework.ProviderClientFrom(data, diags)
}

// callerID returns the id of the access token's user (GET /user/profile).
func callerID(ctx context.Context, c *client.Client) (string, error) {
	p, err := c.GetProfile(ctx)
	if err != nil {
		return "", err
	}
	if p.ID == nil {
		return "", nil
	}
	return *p.ID, nil
}
