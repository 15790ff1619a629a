package workspace_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// Helpers of the flashback_workspace and flashback_workspace_user
// acceptance tests. The fake's caller is ada (fakeapi.SampleOwnerID), an
// OWNER of the sample organization.

const (
	ada       = fakeapi.SampleOwnerID
	alan      = fakeapi.SampleAdminID
	edsger    = fakeapi.SampleUserID
	katherine = fakeapi.SampleWorkspacesID
)

// sampleOrg starts the fake with the sample organization and no workspace.
func sampleOrg(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	return acctest.StartFakeAPI(t, fakeapi.SampleUsers())
}

// roles returns the workspace's members and roles as the fake keeps them,
// and whether it is deleted.
func roles(t *testing.T, fake *fakeapi.Server, id string) (map[string]string, bool) {
	t.Helper()
	w, ok := fake.Workspace(id)
	if !ok {
		t.Fatalf("the fake has no workspace %q", id)
	}
	out := map[string]string{}
	for _, m := range w.Members {
		out[m.UserID] = m.Role
	}
	return out, w.DeletedAt != nil
}

// expectRoles checks the workspace's members and roles in the fake, and
// that it is not deleted.
func expectRoles(t *testing.T, fake *fakeapi.Server, id *string, want map[string]string) func() error {
	return func() error {
		got, deleted := roles(t, fake, *id)
		if deleted {
			return fmt.Errorf("workspace %s is deleted", *id)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("members of %s = %v, want %v", *id, got, want)
		}
		return nil
	}
}

// captureID stores the id of a resource in state into *id. It comes first
// among a step's state checks, as those after it read *id. (A TestCheckFunc
// cannot: terraform-plugin-testing's legacy state holds no for_each
// instance.)
func captureID(address string, id *string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
		*id = v
		return nil
	}))
}

// callsUnder counts the calls of method whose path starts with prefix.
func callsUnder(fake *fakeapi.Server, method, prefix string) int {
	n := 0
	for _, c := range fake.Calls() {
		if c.Method == method && strings.HasPrefix(c.Path, prefix) {
			n++
		}
	}
	return n
}

// workspaceConfig declares the workspace "ops" named name, and a member
// per entry of members (resource name -> user id and role).
func workspaceConfig(url, name string, members ...member) string {
	var b strings.Builder
	b.WriteString(acctest.ProviderBlock(url))
	fmt.Fprintf(&b, "resource \"flashback_workspace\" \"ops\" {\n  name = %q\n}\n", name)
	for _, m := range members {
		fmt.Fprintf(&b, "resource \"flashback_workspace_user\" %q {\n  workspace_id = flashback_workspace.ops.id\n  user_id = %q\n  role = %q\n}\n",
			m.name, m.user, m.role)
	}
	return b.String()
}

// member is one flashback_workspace_user of workspaceConfig.
type member struct{ name, user, role string }
