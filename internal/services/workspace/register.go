// Package workspace is the workspace domain of the provider: the
// flashback_workspace resource (a workspace and its name) and the
// flashback_workspace_user resource (a member and its workspace role),
// with the last-ADMIN guard (member_guard.go, on the client's
// ChangeWorkspaceMember), and the mapping from the client's Workspace
// and WorkspaceMember (models.go), which the list resources share.
//
// It imports internal/framework and internal/client, never the provider
// package nor another domain: internal/provider registers the types listed
// below.
package workspace

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the domain's resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewWorkspaceResource, NewMemberResource}
}
