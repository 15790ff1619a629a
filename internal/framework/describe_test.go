package framework

import "testing"

func TestJoinAnd(t *testing.T) {
	for _, tc := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := JoinAnd(tc.items); got != tc.want {
			t.Errorf("JoinAnd(%q) = %q, want %q", tc.items, got, tc.want)
		}
	}
}

// TestFactsAsWritten shows what the descriptions say, from the client's
// one definition of each.
func TestFactsAsWritten(t *testing.T) {
	for got, want := range map[string]string{
		RoleNames():       "`USER`, `BILLING`, `WORKSPACES`, `ADMINISTRATOR` and `OWNER`",
		RolesWithCodes():  "`USER` (0), `BILLING` (1), `WORKSPACES` (2), `ADMINISTRATOR` (254) and `OWNER` (255)",
		RetriedStatuses(): "429, 500, 502, 503 and 504",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
