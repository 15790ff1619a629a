package client

import (
	"cmp"
	"encoding/json"
	"slices"
	"testing"
)

// FuzzWorkspacesAnswer decodes any body as GET /workspace's answer: it
// never panics, and what it accepts keeps the promises the resources rely
// on: every id set, members sorted by user id and each listed once, every
// role one of the three, the workspaces sorted by name then id and each
// listed once.
func FuzzWorkspacesAnswer(f *testing.F) {
	for _, seed := range []string{
		workspacesBody,
		`{"success": true, "workspaces": []}`,
		`{"success": true, "workspaces": [{"id": "a", "users": [{"userId": "u", "role": "ADMIN"}, {"userId": "u", "role": "ADMIN"}]}]}`,
		`{"success": true, "workspaces": [{"id": "a", "users": [{"user": {"id": "u"}, "role": "READ"}]}, {"id": "a", "users": []}]}`,
		`{"workspaces": [{"id": "", "users": null}]}`,
		`{"workspaces": [{"id": "b", "name": "x", "users": [{"userId": "v", "role": "admin", "user": {"orgRole": "255"}}]}]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var a workspacesAnswer
		if json.Unmarshal([]byte(body), &a) != nil {
			return
		}
		for i, w := range a.result {
			if w.ID == "" {
				t.Fatalf("a workspace without id: %+v", w)
			}
			if i > 0 && cmp.Or(cmp.Compare(a.result[i-1].Name, w.Name), cmp.Compare(a.result[i-1].ID, w.ID)) >= 0 {
				t.Fatalf("workspaces out of order or twice: %+v then %+v", a.result[i-1], w)
			}
			for j, m := range w.Members {
				if m.UserID == "" || !slices.Contains(workspaceRoles, m.Role) {
					t.Fatalf("member %+v of %q", m, w.ID)
				}
				if j > 0 && w.Members[j-1].UserID >= m.UserID {
					t.Fatalf("members of %q out of order or twice", w.ID)
				}
			}
		}
	})
}
