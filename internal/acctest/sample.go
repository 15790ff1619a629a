package acctest

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The sample organization (fakeapi.SampleUsers) as the tests of more than
// one package see it, and the checks they share.

// UsersAddr is the address of the users data source the tests declare.
const UsersAddr = "data.flashback_organization_users.test"

// Ids of fakeapi.SampleUsers.
const (
	AdaID     = "a1b2c3d4-0001-4000-8000-000000000001"
	GraceID   = "a1b2c3d4-0002-4000-8000-000000000002"
	MalloryID = "a1b2c3d4-0007-4000-8000-000000000007"
)

// OddIDs are the ids of OddUsers.
var OddIDs = []string{
	"a1b2c3d4-0008-4000-8000-000000000008",
	"a1b2c3d4-0009-4000-8000-000000000009",
	"a1b2c3d4-0010-4000-8000-000000000010",
	"a1b2c3d4-0011-4000-8000-000000000011",
	"a1b2c3d4-0012-4000-8000-000000000012",
}

// CheckUsers asserts one attribute of data.flashback_organization_users.test.
func CheckUsers(path tfjsonpath.Path, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(UsersAddr, path, want)
}

// Top is the path of a top-level attribute.
func Top(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// EmailsAre checks the emails list, in order, for the sample organization.
func EmailsAre(locals ...string) statecheck.StateCheck {
	checks := make([]knownvalue.Check, len(locals))
	for i, l := range locals {
		domain := "example.com"
		if l == "claude" {
			domain = "contractor.example.net"
		}
		checks[i] = knownvalue.StringExact(Email(l, domain))
	}
	return CheckUsers(Top("emails"), knownvalue.ListExact(checks))
}

// ErrorLike matches an error message whose words may be wrapped across lines.
func ErrorLike(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// Sample builds an email of the sample organization.
func Sample(local string) string {
	if local == "claude" {
		return Email(local, "contractor.example.net")
	}
	return Email(local, "example.com")
}

// OddUsers are users that the API may send and that no configuration can
// import without changes, one for each reason: no last name, a role code
// with no name, no first name, no role, no email. Each would plan a
// change, or fail, if it were written as configuration.
func OddUsers() []fakeapi.User {
	user := func(id, local, name, last string, role int64, change func(*fakeapi.User)) fakeapi.User {
		u := fakeapi.User{ID: fakeapi.Ptr(id), Email: fakeapi.Ptr(Email(local, "example.com")), Name: fakeapi.Ptr(name),
			LastName: fakeapi.Ptr(last), OrgID: fakeapi.Ptr(fakeapi.SampleOrgID), Validated: fakeapi.Ptr(true)}
		fakeapi.WithRole(&u, role)
		change(&u)
		return u
	}
	return []fakeapi.User{
		user(OddIDs[0], "barbara", "Barbara", "Liskov", fakeapi.RoleUser, func(u *fakeapi.User) { u.LastName = nil }),
		user(OddIDs[1], "frances", "Frances", "Allen", fakeapi.RoleUser, func(u *fakeapi.User) { u.OrgRole = fakeapi.Ptr[int64](3) }),
		user(OddIDs[2], "ken", "Ken", "Thompson", fakeapi.RoleWorkspaces, func(u *fakeapi.User) { u.Name = nil }),
		user(OddIDs[3], "margaret", "Margaret", "Hamilton", fakeapi.RoleUser, func(u *fakeapi.User) { u.OrgRole = nil }),
		user(OddIDs[4], "", "Build", "Robot", fakeapi.RoleUser, func(u *fakeapi.User) { u.Email = nil }),
	}
}
