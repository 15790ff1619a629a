package client

// OwnerRule is the API's rule on owners, in words, for errors and docs.
const OwnerRule = "An organization must keep at least one active OWNER"

// LastActiveOwner reports whether the user with that id is the list's only
// active OWNER: removing it or lowering its role would leave the
// organization without an owner. It is false for a user not in the list,
// deleted, or not an OWNER.
func (l *UserList) LastActiveOwner(id string) bool {
	owners := l.Select(&Filter{Roles: []int64{RoleOwner}})
	return len(owners) == 1 && owners[0].ID != nil && *owners[0].ID == id
}
