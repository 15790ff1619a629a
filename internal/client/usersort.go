package client

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// compare is the order of a list's users: by email compared ignoring case
// (as strings.ToLower makes it), then by id, then by the exact email, and,
// between users that share those, by every other field, so that the order
// never depends on the server's. A missing email or id sorts as the empty
// string; elsewhere a null sorts first.
func (s *userStore) compare(a, b *userRecord) int {
	ea, _ := s.str(a, fieldEmail)
	eb, _ := s.str(b, fieldEmail)
	if c := compareFolded(ea, eb); c != 0 {
		return c
	}
	ia, _ := s.str(a, fieldID)
	ib, _ := s.str(b, fieldID)
	if c := cmp.Or(strings.Compare(ia, ib), strings.Compare(ea, eb)); c != 0 {
		return c
	}
	return s.compareRest(a, b)
}

// sortKey is a user's place in a sort: the first 16 bytes of its email,
// lowered, as two numbers, so that most comparisons of a large sort read
// neither the user nor its text. A key that does not stand for the whole
// start of the email (a character beyond ASCII in its first 16 bytes,
// which ToLower may change to anything) has partial set, and compares by
// the users alone.
type sortKey struct {
	hi, lo  uint64
	user    int32
	partial bool
}

func (s *userStore) sortKey(i int) sortKey {
	k := sortKey{user: int32(i)}
	email, _ := s.str(s.at(i), fieldEmail)
	for j := 0; j < 16 && j < len(email); j++ {
		c := email[j]
		if c >= utf8.RuneSelf {
			k.partial = true
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if j < 8 {
			k.hi |= uint64(c) << (56 - 8*j)
		} else {
			k.lo |= uint64(c) << (56 - 8*(j-8))
		}
	}
	return k
}

// compareKeys orders two users by their keys when these tell them apart,
// and by the users themselves otherwise. Lowered ASCII, padded with zero
// bytes, orders as compareFolded does: a shorter start comes first.
func (s *userStore) compareKeys(a, b *sortKey) int {
	if !a.partial && !b.partial {
		if c := cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo)); c != 0 {
			return c
		}
	}
	return s.compare(s.at(int(a.user)), s.at(int(b.user)))
}

// compareRest compares every field, null first, in the order of User's.
func (s *userStore) compareRest(a, b *userRecord) int {
	str := func(f int) int { return s.compareNullString(a.str[f], b.str[f]) }
	return cmp.Or(
		str(fieldID), str(fieldEmail), str(fieldName), str(fieldLastName), str(fieldOrgID),
		compareFlagged(a.flags&hasRole != 0, b.flags&hasRole != 0, func() int { return cmp.Compare(a.role, b.role) }),
		compareFlagged(a.flags&hasValidated != 0, b.flags&hasValidated != 0,
			func() int { return cmp.Compare(a.flags&isValidated, b.flags&isValidated) }),
		str(fieldDeletedAt), str(fieldOrgRoleDescription),
		compareFlagged(a.roles != 0, b.roles != 0, func() int { return slices.CompareFunc(s.roles[a.roles], s.roles[b.roles], compareRole) }),
	)
}

func (s *userStore) compareNullString(a, b strRef) int {
	return compareFlagged(a != 0, b != 0, func() int { return strings.Compare(s.text.get(a), s.text.get(b)) })
}

// sameString reports whether two non-null references hold the same string.
func (s *userStore) sameString(a, b strRef) bool { return a == b || s.text.get(a) == s.text.get(b) }

// compareFlagged orders an absent value first, and two present ones with compare.
func compareFlagged(a, b bool, compare func() int) int {
	switch {
	case a && b:
		return compare()
	case a:
		return 1
	case b:
		return -1
	}
	return 0
}

// compareFolded compares strings.ToLower(a) with strings.ToLower(b), without
// making either while both are ASCII, as emails nearly always are.
func compareFolded(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			// ToLower maps each character on its own, so the ASCII before
			// i compares the same either way.
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	if len(a) == len(b) {
		return 0
	}
	// One is the other's start, but for case; the rest of the longer one
	// stays longer once lowered, as ToLower drops no character.
	return cmp.Compare(len(a), len(b))
}

// compareRole orders a null element of orgRoles first, then the codes.
func compareRole(a, b *int64) int {
	return compareFlagged(a != nil, b != nil, func() int { return cmp.Compare(*a, *b) })
}
