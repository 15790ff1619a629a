package client

import (
	"fmt"
	"strings"
)

// Organization role codes, as the Flashback API sends them in orgRole.
const (
	RoleUser          int64 = 0x00
	RoleBilling       int64 = 0x01
	RoleWorkspaces    int64 = 0x02
	RoleAdministrator int64 = 0xfe
	RoleOwner         int64 = 0xff
)

// UnknownRoleName is the name given to a role code outside the documented set.
const UnknownRoleName = "UNKNOWN"

// A role code is one byte. The codes between the documented ones
// (0x03 to 0xfd) are reserved: the API may use them for roles to come.
const (
	MinRoleCode int64 = 0x00
	MaxRoleCode int64 = 0xff
)

// roles lists the documented roles from the lowest to the highest.
var roles = []struct {
	name string
	code int64
}{
	{"USER", RoleUser},
	{"BILLING", RoleBilling},
	{"WORKSPACES", RoleWorkspaces},
	{"ADMINISTRATOR", RoleAdministrator},
	{"OWNER", RoleOwner},
}

// RoleNames returns the documented role names, from the lowest role to the highest.
func RoleNames() []string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.name
	}
	return names
}

// RoleName returns the name of a role code, or UnknownRoleName.
func RoleName(code int64) string {
	for _, r := range roles {
		if r.code == code {
			return r.name
		}
	}
	return UnknownRoleName
}

// ParseRole returns the code of a role name. Names are exact: "OWNER", not "owner".
func ParseRole(name string) (int64, error) {
	for _, r := range roles {
		if r.name == name {
			return r.code, nil
		}
	}
	return 0, fmt.Errorf("%q is not a Flashback organization role; use one of %s", name, strings.Join(RoleNames(), ", "))
}

// RoleAtLeast reports whether the role code is the minimum or higher. Roles
// are ordered by their code: a higher role holds every permission of the
// lower ones, and a reserved code falls between the documented roles by its
// number. The users filter's MinRole uses the same order.
func RoleAtLeast(code, minimum int64) bool {
	return code >= minimum
}

// CheckRoleCode returns an error when code cannot be a role code: a role
// code is one byte, from MinRoleCode to MaxRoleCode.
func CheckRoleCode(code int64) error {
	if code < MinRoleCode || code > MaxRoleCode {
		return fmt.Errorf("%d is not a Flashback role code; role codes are whole numbers from %d to %d", code, MinRoleCode, MaxRoleCode)
	}
	return nil
}
