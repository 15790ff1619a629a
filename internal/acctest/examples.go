package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// RepositoryRoot returns the path of the repository's root, where
// examples/, templates/ and docs/ are: the nearest folder above the test's
// own that holds go.mod. A test runs in its package's folder, which may be
// one or two levels below internal/.
func RepositoryRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// ExampleFile reads a file under examples/.
func ExampleFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(RepositoryRoot(t), "examples", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("reading the example: %v", err)
	}
	return string(b)
}

// PolicyFile reads the policy of the example folder name.
func PolicyFile(t *testing.T, name string) string {
	t.Helper()
	return ExampleFile(t, "policies/"+name+"/policy.tf")
}

// NullAnswer is an answer the API may give in which any field but the
// organization's shape may be null: a user with nothing but an id (the
// break-glass account of the data source example), an OWNER with neither
// email nor name, and users with half a name.
func NullAnswer() string {
	return fmt.Sprintf(`{"success": true, "total": 4, "data": [
  {"id": "a1b2c3d4-0002-4000-8000-000000000002", "email": null, "name": null, "lastName": null, "orgId": null,
   "orgRole": null, "validated": null, "deletedAt": null, "orgRoleDescription": null, "orgRoles": null},
  {"id": "nameless-owner", "email": null, "name": null, "lastName": null, "orgId": "org-1",
   "orgRole": 255, "validated": null, "deletedAt": null, "orgRoleDescription": null, "orgRoles": [255]},
  {"id": "ada", "email": %q, "name": "Ada", "lastName": null, "orgId": "org-1",
   "orgRole": 254, "validated": true, "deletedAt": null, "orgRoleDescription": null, "orgRoles": null},
  {"id": null, "email": %q, "name": null, "lastName": "Hopper", "orgId": null,
   "orgRole": 0, "validated": false, "deletedAt": null, "orgRoleDescription": "User", "orgRoles": [0]}
]}`, Email("ada", "example.com"), Email("grace", "example.com"))
}

// ExampleProviderFile is the terraform and provider blocks that the
// examples without their own need to run on their own, as the policy
// examples' provider.tf files hold them.
const ExampleProviderFile = `terraform {
  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

provider "flashback" {}
`

// PolicyUser is one user of a policy test organization; deletedAt is
// empty for an active user.
func PolicyUser(id, address string, role int64, validated bool, deletedAt string) fakeapi.User {
	u := fakeapi.User{
		ID: fakeapi.Ptr(id), Email: fakeapi.Ptr(address), Name: fakeapi.Ptr(id), LastName: fakeapi.Ptr("Test"),
		OrgID: fakeapi.Ptr("org-policy"), OrgRole: fakeapi.Ptr(role), Validated: fakeapi.Ptr(validated),
		OrgRoleDescription: fakeapi.Ptr(client.RoleName(role)), OrgRoles: []int64{client.RoleUser, role},
	}
	if deletedAt != "" {
		u.DeletedAt = fakeapi.Ptr(deletedAt)
	}
	return u
}

// PolicyOrg is an organization that passes every policy example with its
// default variables. Grace's email is in mixed case, which the allow-list
// and the domain rule ignore; Edsger is not validated, which only matters
// for OWNERs and ADMINISTRATORs; and Mallory is a deleted OWNER at another
// domain, whom every policy leaves out.
func PolicyOrg() []fakeapi.User {
	return []fakeapi.User{
		PolicyUser("ada", Email("ada", "example.com"), client.RoleOwner, true, ""),
		PolicyUser("grace", Email("Grace", "Example.com"), client.RoleOwner, true, ""),
		PolicyUser("alan", Email("alan", "example.com"), client.RoleAdministrator, true, ""),
		PolicyUser("katherine", Email("katherine", "example.com"), client.RoleWorkspaces, true, ""),
		PolicyUser("edsger", Email("edsger", "example.com"), client.RoleUser, false, ""),
		PolicyUser("mallory", Email("mallory", "evil.example.net"), client.RoleOwner, false, "2026-03-14T09:26:53.000Z"),
	}
}
