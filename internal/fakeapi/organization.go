package fakeapi

import "net/http"

func (s *Server) getOrganization(_ User, seg []string, _ []byte) response {
	switch id := seg[1]; {
	case id == s.org.ID:
		return response{http.StatusOK, map[string]any{"success": true, "data": s.org}, nil}
	case s.others[id]:
		return response{http.StatusForbidden, map[string]any{"success": false, "data": nil,
			"message": "Access denied: you can only view your own organization"}, nil}
	default:
		return fail(http.StatusNotFound, "Organization not found")
	}
}

// Organization returns the organization the fake serves.
func (s *Server) Organization() Organization {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.org.clone()
}

// SetOrganization replaces the organization's details, its id included
// (the users keep their orgId). MFAEnforced true makes sign-in ask for a
// second factor.
func (s *Server) SetOrganization(org Organization) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.org = org.clone()
}

// AddOrganization makes an organization with that id exist besides the
// caller's: reading it answers 403. OtherOrgID exists from the start.
func (s *Server) AddOrganization(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.others[id] = true
}

// FullOrganization is an organization with every field set, each to a
// value of its own, so that a field read from the wrong key shows.
func FullOrganization(id string) Organization {
	return Organization{
		ID: id, Name: Ptr("Analytical Engines"), Domain: Ptr("engines.example"),
		Address1: Ptr("12 Difference Row"), Address2: Ptr("Floor 3"), City: Ptr("London"),
		Zipcode: Ptr("NW1 2DB"), Phone: Ptr("+44 20 7946 0000"), State: Ptr("Greater London"),
		Country: Ptr("GB"), Website: Ptr("https://engines.example"),
		IsBusiness: Ptr(false), MFAEnforced: Ptr(true), ReposDisabled: Ptr(true),
		DeletedAt: Ptr("2026-01-02T03:04:05.000Z"),
	}
}
