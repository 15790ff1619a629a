package client

import (
	"fmt"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// LookupField names the field a single-user lookup matches on.
type LookupField string

// The fields a user can be looked up by.
const (
	ByID    LookupField = "id"
	ByEmail LookupField = "email"
)

// LookupErrorKind says why a lookup found no single user.
type LookupErrorKind int

// The ways a lookup can fail.
const (
	LookupNotFound  LookupErrorKind = iota + 1 // no user matched
	LookupAmbiguous                            // several users matched, and the rules left more than one
	// LookupLookAlike: no user has the email exactly, but one has an
	// email that only a Unicode normalization or case folding would make
	// the same (U+212A KELVIN SIGN for K, "ſ" for s): another account,
	// which the provider must never take for the one asked for.
	LookupLookAlike
)

// maxListedIDs bounds how many ids an ambiguous lookup's error lists.
const maxListedIDs = 20

// LookupError is what UserList.Find returns when it cannot pick one user.
// Summary is a short headline; Detail names the value asked for and says
// what to do next.
type LookupError struct {
	Kind LookupErrorKind
	// Field and Value are what was asked for.
	Field   LookupField
	Value   string
	Summary string
	Detail  string
}

func (e *LookupError) Error() string { return e.Summary + ": " + e.Detail }

// EmailMatchRule says, for people, how UserList.Find compares emails.
const EmailMatchRule = "compared exactly, ignoring the case of ASCII letters only"

// SameEmail reports whether two emails are the same address for a lookup:
// equal, with ASCII letters compared ignoring case. Every other character
// must match exactly, byte for byte: the API keeps "ken@" and "\u212Aen@"
// (KELVIN SIGN) apart, and so must the provider, or a configuration could
// take over, reactivate and promote an account it never named.
func SameEmail(a, b string) bool { return emailKey(a) == emailKey(b) }

// emailKey is the form of an email that SameEmail compares.
func emailKey(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// lookAlikeKey is the form of an email after the normalizations that
// SameEmail does not make: compatibility composition (NFKC) and full
// Unicode case folding. Two emails with the same lookAlikeKey but not the
// same emailKey look alike, or may to some system, and are two accounts.
func lookAlikeKey(s string) string {
	return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(s)))
}

// Find picks the one user whose field equals value: the id exactly, or
// the email as SameEmail compares it. Deleted users are found too. When
// several users match, the active one wins; when that still leaves more
// than one (or none of them is active), it returns a LookupError that lists
// their ids, in the list's order.
func (l *UserList) Find(field LookupField, value string) (User, error) {
	s := l.store
	match := func(r *userRecord) bool { id, ok := s.str(r, fieldID); return ok && id == value }
	if field == ByEmail {
		key := emailKey(value)
		match = func(r *userRecord) bool { email, ok := s.str(r, fieldEmail); return ok && emailKey(email) == key }
	}
	found := l.users(l.sorted(match))
	matches := make([]*User, len(found))
	for i := range found {
		matches[i] = &found[i]
	}
	if len(matches) == 0 && field == ByEmail {
		key := lookAlikeKey(value)
		alike := l.users(l.sorted(func(r *userRecord) bool {
			email, ok := s.str(r, fieldEmail)
			return ok && lookAlikeKey(email) == key
		}))
		if len(alike) > 0 {
			return User{}, lookAlike(value, alike)
		}
	}
	if len(matches) == 0 {
		return User{}, notFound(field, value, l.Len())
	}
	if len(matches) == 1 {
		return *matches[0], nil
	}
	var active []*User
	for _, u := range matches {
		if !u.Deleted() {
			active = append(active, u)
		}
	}
	if len(active) == 1 {
		return *active[0], nil
	}
	if len(active) > 1 {
		return User{}, ambiguous(field, value, active, "active users")
	}
	return User{}, ambiguous(field, value, matches, "deleted users, and no active one,")
}

func notFound(field LookupField, value string, total int) *LookupError {
	e := &LookupError{Kind: LookupNotFound, Field: field, Value: value, Summary: "Flashback user not found"}
	searched := fmt.Sprintf("the %d user%s the API returned for the organization, deleted ones included", total, plural(total))
	switch field {
	case ByEmail:
		e.Detail = fmt.Sprintf("No user has the email %q ("+EmailMatchRule+") among %s. "+
			"Check the address for a typo, and that the access token belongs to the right organization; "+
			"to find a user whose email changed, look it up by id.", value, searched)
	default:
		e.Detail = fmt.Sprintf("No user has the id %q among %s. "+
			"Check the id, and that the access token belongs to the right organization.", value, searched)
	}
	return e
}

// lookAlike refuses an email that only look-alike accounts match, and
// names each, with its characters spelled out where they are not ASCII.
func lookAlike(value string, users []User) *LookupError {
	e := &LookupError{Kind: LookupLookAlike, Field: ByEmail, Value: value,
		Summary: "Flashback user email only looks alike"}
	var named []string
	for _, u := range users[:min(len(users), maxListedIDs)] {
		state := "active"
		if u.Deleted() {
			state = "deleted"
		}
		named = append(named, fmt.Sprintf("%+q (id %q, %s)", deref(u.Email), deref(u.ID), state))
	}
	list := strings.Join(named, ", ")
	if more := len(users) - len(named); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	e.Detail = fmt.Sprintf("No user has the email %+q ("+EmailMatchRule+"), but the organization has %s, "+
		"which only a Unicode normalization or case folding makes the same: another account, which the provider does not "+
		"take for this one, nor reactivate. If that account is the one meant, use its id (look it up, or import it, by id); "+
		"otherwise write the email as the person's account should have it.", value, list)
	return e
}

func ambiguous(field LookupField, value string, users []*User, which string) *LookupError {
	e := &LookupError{Kind: LookupAmbiguous, Field: field, Value: value}
	quoted := make([]string, 0, min(len(users), maxListedIDs))
	for _, u := range users[:min(len(users), maxListedIDs)] {
		quoted = append(quoted, fmt.Sprintf("%q", deref(u.ID)))
	}
	ids := strings.Join(quoted, ", ")
	if more := len(users) - len(quoted); more > 0 {
		ids += fmt.Sprintf(" and %d more", more)
	}
	switch field {
	case ByEmail:
		e.Summary = "Several Flashback users share this email"
		e.Detail = fmt.Sprintf("%d %s have the email %q ("+EmailMatchRule+"): ids %s. "+
			"Look the user up by id instead, with one of these ids.", len(users), which, value, ids)
	default:
		e.Summary = "Several Flashback users share this id"
		e.Detail = fmt.Sprintf("The API returned %d %s with the id %q, which should be unique. "+
			"Look the user up by email instead, and report this to Flashback.", len(users), which, value)
	}
	return e
}
