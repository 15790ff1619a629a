// Package workspace is the workspace domain of the provider: who may do
// what in each Flashback workspace. It holds the flashback_workspace
// resource (a workspace and its name) and the flashback_workspace_user
// resource (a member and its workspace role), with the last-ADMIN guard
// (member_guard.go, on the client's ChangeWorkspaceMember) and the mapping
// from the client's Workspace and WorkspaceMember (models.go), which the
// list resources share; and the flashback_workspaces and
// flashback_workspace data sources, with one table of a workspace's
// attributes for both (workspace_attributes.go).
//
// It imports internal/framework and internal/client, never the provider
// package nor another domain: internal/provider registers the types listed
// below.
package workspace

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the domain's resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewWorkspaceResource, NewMemberResource}
}

// DataSources are the domain's data sources.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewWorkspacesDataSource, NewWorkspaceDataSource}
}

// ListResources are the domain's list resources, which `terraform query`
// runs (Terraform 1.14+).
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{NewWorkspaceListResource, NewWorkspaceUserListResource}
}
