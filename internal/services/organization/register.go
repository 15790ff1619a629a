// Package organization is the organization domain of the provider: the
// flashback_organization data source; flashback_organization_users, the
// list data source, with the terraform-plugin-go server that reads it
// (users_server.go); flashback_organization_user, as a data source, a
// resource (schema, state, writes, the last-OWNER guards) and a list
// resource; the one table of a user's attributes (user_attributes.go), and
// the filters and the incomplete-list rule of the users list.
//
// It imports internal/framework and internal/client, never the provider
// package nor another domain: internal/provider registers the types listed
// below, and internal/acctest, which only tests import, serves them. Every
// domain plugs in the same way: its DataSources, Resources and
// ListResources, which the provider concatenates, and, when it has one, the
// factory of its own terraform-plugin-go server (NewUsersServer here), which
// the provider's NewServer adds to the mux.
//
// Tests: acceptance tests, and any test that needs internal/acctest, are in
// package organization_test; unit tests of the internals are in package
// organization (export_test.go hands the few internals the former need).
package organization

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// DataSources are the domain's data sources the framework's server serves.
// flashback_organization_users is not among them: it has a server of its
// own (NewUsersServer).
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewOrganizationUserDataSource,
		NewOrganizationDataSource,
	}
}

// Resources are the domain's resources.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewOrganizationUserResource}
}

// ListResources are the domain's list resources, which `terraform query`
// runs (Terraform 1.14+).
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{NewOrganizationUserListResource}
}
