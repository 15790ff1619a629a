package framework

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// The descriptions of the schemas write the facts the client defines (the
// roles, the retried statuses) through these helpers, so that no
// description restates them by hand.

// JoinAnd joins items as a sentence lists them: "a", "a and b", "a, b and c".
func JoinAnd(items []string) string {
	switch n := len(items); n {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:n-1], ", ") + " and " + items[n-1]
	}
}

// RoleNames lists the organization's role names, lowest first, as code:
// "`USER`, `BILLING`, `WORKSPACES`, `ADMINISTRATOR` and `OWNER`".
func RoleNames() string {
	names := client.RoleNames()
	for i, name := range names {
		names[i] = "`" + name + "`"
	}
	return JoinAnd(names)
}

// RolesWithCodes lists the organization's roles with their codes, lowest
// first: "`USER` (0), `BILLING` (1), … and `OWNER` (255)".
func RolesWithCodes() string {
	names := client.RoleNames()
	for i, name := range names {
		code, _ := client.ParseRole(name) // a name RoleNames returns always parses
		names[i] = fmt.Sprintf("`%s` (%d)", name, code)
	}
	return JoinAnd(names)
}

// RetriedStatuses lists the HTTP statuses a read retries: "429, 500, … and 504".
func RetriedStatuses() string {
	codes := client.RetriedStatuses()
	text := make([]string, len(codes))
	for i, c := range codes {
		text[i] = strconv.Itoa(c)
	}
	return JoinAnd(text)
}
