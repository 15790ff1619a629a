package fakeapi

// referenceEmail is the email both users have in the API reference's
// example, byte for byte (the page's email obfuscation left it so).
const referenceEmail = "[email\u00a0protected]"

// ReferenceUsers are the two users of the example response in the API reference.
func ReferenceUsers() []User {
	const org = "123e4567-e89b-12d3-a456-426614174000"
	return []User{
		{
			ID: Ptr("550e8400-e29b-41d4-a716-446655440000"), Email: Ptr(referenceEmail),
			Name: Ptr("John"), LastName: Ptr("Doe"), OrgID: Ptr(org), OrgRole: Ptr[int64](2),
			Validated: Ptr(true), OrgRoleDescription: Ptr("WORKSPACES"), OrgRoles: []int64{0, 1, 2},
		},
		{
			ID: Ptr("660e8400-e29b-41d4-a716-446655440001"), Email: Ptr(referenceEmail),
			Name: Ptr("Jane"), LastName: Ptr("Smith"), OrgID: Ptr(org), OrgRole: Ptr[int64](0),
			Validated: Ptr(true), OrgRoleDescription: Ptr("USER"), OrgRoles: []int64{0},
		},
	}
}

// SampleOrgID is the organization of SampleUsers.
const SampleOrgID = "7d9f2c1e-4b8a-4f3e-9c6d-2a1b3c4d5e6f"

// Ids and emails of SampleUsers that tests and the demo refer to.
const (
	// SampleOwnerID is ada@example.com, an OWNER: New's caller for SampleUsers.
	SampleOwnerID = "a1b2c3d4-0001-4000-8000-000000000001"
	// SampleSecondOwnerID is grace@example.com, the other OWNER.
	SampleSecondOwnerID = "a1b2c3d4-0002-4000-8000-000000000002"
	// SampleAdminID is alan@example.com, an ADMINISTRATOR.
	SampleAdminID = "a1b2c3d4-0003-4000-8000-000000000003"
	// SampleWorkspacesID is katherine@example.com, a WORKSPACES user.
	SampleWorkspacesID = "a1b2c3d4-0004-4000-8000-000000000004"
	// SampleBillingID is claude@contractor.example.net, BILLING, not validated.
	SampleBillingID = "a1b2c3d4-0005-4000-8000-000000000005"
	// SampleUserID is edsger@example.com, a USER.
	SampleUserID = "a1b2c3d4-0006-4000-8000-000000000006"
	// SampleDeletedID is mallory@example.com, a deleted ADMINISTRATOR.
	SampleDeletedID = "a1b2c3d4-0007-4000-8000-000000000007"
)

// SampleUsers is a small organization with every role, an unvalidated
// user and a deleted one, served by `make demo`.
func SampleUsers() []User {
	user := func(id, local, domain, name, last string, role int64, validated bool, deletedAt *string) User {
		u := User{
			ID: Ptr(id), Email: Ptr(local + "@" + domain), Name: Ptr(name), LastName: Ptr(last), OrgID: Ptr(SampleOrgID),
			Validated: Ptr(validated), DeletedAt: deletedAt,
		}
		WithRole(&u, role)
		return u
	}
	return []User{
		user(SampleOwnerID, "ada", "example.com", "Ada", "Lovelace", RoleOwner, true, nil),
		user(SampleSecondOwnerID, "grace", "example.com", "Grace", "Hopper", RoleOwner, true, nil),
		user(SampleAdminID, "alan", "example.com", "Alan", "Turing", RoleAdministrator, true, nil),
		user(SampleWorkspacesID, "katherine", "example.com", "Katherine", "Johnson", RoleWorkspaces, true, nil),
		user(SampleBillingID, "claude", "contractor.example.net", "Claude", "Shannon", RoleBilling, false, nil),
		user(SampleUserID, "edsger", "example.com", "Edsger", "Dijkstra", RoleUser, true, nil),
		user(SampleDeletedID, "mallory", "example.com", "Mallory", "Former", RoleAdministrator, true, Ptr("2026-03-14T09:26:53.000Z")),
	}
}

// Ids of the workspaces AddSampleWorkspaces adds.
const (
	// SampleResearchID is "Research": ada ADMIN, alan WRITE, edsger READ.
	SampleResearchID = "b2c3d4e5-0001-4000-8000-000000000001"
	// SamplePaymentsID is "Payments": grace and ada ADMIN, katherine WRITE,
	// and mallory READ, whose organization user is deleted (the membership
	// stays).
	SamplePaymentsID = "b2c3d4e5-0002-4000-8000-000000000002"
	// SampleArchiveID is "Archive": grace alone, so ada, the demo's caller,
	// does not see it.
	SampleArchiveID = "b2c3d4e5-0003-4000-8000-000000000003"
)

// AddSampleWorkspaces gives SampleUsers' organization three workspaces,
// for `make demo`: two that its caller (ada) belongs to and one that it
// does not, which GET /workspace leaves out.
func (s *Server) AddSampleWorkspaces() {
	s.mu.Lock()
	defer s.mu.Unlock()
	add := func(id, name string, members ...WorkspaceMember) {
		s.workspaces = append(s.workspaces, Workspace{ID: id, Name: name, OrgID: s.org.ID, Members: members})
	}
	add(SampleResearchID, "Research",
		WorkspaceMember{SampleOwnerID, WorkspaceAdmin}, WorkspaceMember{SampleAdminID, WorkspaceWrite}, WorkspaceMember{SampleUserID, WorkspaceRead})
	add(SamplePaymentsID, "Payments",
		WorkspaceMember{SampleSecondOwnerID, WorkspaceAdmin}, WorkspaceMember{SampleOwnerID, WorkspaceAdmin},
		WorkspaceMember{SampleWorkspacesID, WorkspaceWrite}, WorkspaceMember{SampleDeletedID, WorkspaceRead})
	add(SampleArchiveID, "Archive", WorkspaceMember{SampleSecondOwnerID, WorkspaceAdmin})
}
