package client

// OwnerRule is the API's rule on owners, in words, for errors and docs.
const OwnerRule = "An organization must keep at least one active OWNER"

// LastActiveOwner reports whether the user with that id is the only active
// OWNER among users: removing it or lowering its role would leave the
// organization without an owner. It is false for a user not among users,
// deleted, or not an OWNER.
func LastActiveOwner(users []User, id string) bool {
	found := false
	for i := range users {
		u := &users[i]
		if u.Deleted() || u.OrgRole == nil || *u.OrgRole != RoleOwner {
			continue
		}
		if u.ID != nil && *u.ID == id {
			found = true
			continue
		}
		return false
	}
	return found
}
