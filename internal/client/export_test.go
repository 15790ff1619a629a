package client

import "slices"

// Helpers that only tests use.

// all returns the secrets known now.
func (s *secrets) all() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.list)
}
