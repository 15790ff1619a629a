package fakeapi

import (
	"strconv"
	"strings"
)

// generatedOrgID is the organization of every generated user.
const generatedOrgID = "5f0c6f4e-9a4b-4c7e-8d2a-1b3c5d7e9f10"

// GenerateUsers makes a deterministic organization of n users, for
// benchmarks: every role, a few unvalidated and a few deleted users, and
// emails in mixed case so that sorting has work to do. A user weighs about
// 250 bytes of JSON, as the API sends it.
func GenerateUsers(n int) []User { return GenerateOrganization(n, 0) }

// GenerateOrganization is GenerateUsers with another spread of roles when
// adminEvery is above zero: 1 user in adminEvery is an ADMINISTRATOR, one is
// the OWNER (the holder of the fake's token), and the rest are USER, BILLING
// or WORKSPACES. It is the organization of a policy check that looks for
// the few users with the most power among many.
//
// It takes about a second for a million users: the values repeated by
// every user (the organization id, each role's description and roles) are
// shared, which the server allows since it never writes through a user's
// pointers.
func GenerateOrganization(n, adminEvery int) []User {
	type role struct {
		code  *int64
		name  *string
		codes []int64
	}
	var roles [5]role
	for i, r := range roleNames {
		roles[i] = role{Ptr(r.code), Ptr(r.name), []int64{RoleUser, r.code}}
	}
	org := Ptr(generatedOrgID)
	deleted := Ptr("2026-02-03T04:05:06.000Z")
	validated, unvalidated := Ptr(true), Ptr(false)

	users := make([]User, n)
	// Each user's strings live in one allocation, cut into pieces.
	var buf []byte
	for i := range users {
		// A cheap permutation so that the API's order is not the sorted one.
		k := (i*7919 + 13) % max(n, 1)
		r := roles[0]
		switch {
		case adminEvery > 0 && k == 1:
			r = roles[4]
		case adminEvery > 0 && k%adminEvery == 0:
			r = roles[3]
		case adminEvery <= 0 && k%50 == 0:
			r = roles[4]
		case adminEvery <= 0 && k%20 == 0:
			r = roles[3]
		case k%7 == 0:
			r = roles[2]
		case k%11 == 0:
			r = roles[1]
		}
		buf = generatedStrings(buf[:0], k)
		s := string(buf)
		// The pieces, by the lengths generatedStrings wrote them with.
		id, rest := s[:36], s[37:]
		email, rest, _ := strings.Cut(rest, " ")
		name, lastName, _ := strings.Cut(rest, " ")
		u := User{
			ID: &id, Email: &email, Name: &name, LastName: &lastName,
			OrgID: org, OrgRole: r.code, OrgRoleDescription: r.name, OrgRoles: r.codes,
			Validated: validated,
		}
		if k%13 == 0 {
			u.Validated = unvalidated
		}
		if k%41 == 0 {
			u.DeletedAt = deleted
		}
		users[i] = u
	}
	return users
}

// generatedStrings appends the id, email, name and last name of generated
// user k: the id, then the others separated by spaces. The id reads like a
// UUID: %08x-%04x-4%03x-8%03x-%012x of values drawn from k.
func generatedStrings(b []byte, k int) []byte {
	b = appendHex(b, uint64(k), 8)
	b = append(b, '-')
	b = appendHex(b, uint64(k%65536), 4)
	b = append(b, "-4"...)
	b = appendHex(b, uint64(k%4096), 3)
	b = append(b, "-8"...)
	b = appendHex(b, uint64((k*7)%4096), 3)
	b = append(b, '-')
	b = appendHex(b, uint64(k*2654435761%(1<<48)), 12)
	if k%3 == 0 {
		b = append(b, " User"...)
	} else {
		b = append(b, " user"...)
	}
	b = appendPadded(b, k, 7)
	b = append(b, "@example.com Given"...)
	b = strconv.AppendInt(b, int64(k), 10)
	b = append(b, " Family"...)
	return strconv.AppendInt(b, int64(k), 10)
}

// appendHex appends v in lower-case hex, with leading zeros up to width digits.
func appendHex(b []byte, v uint64, width int) []byte {
	digits := strconv.FormatUint(v, 16)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// appendPadded appends k in decimal, with leading zeros up to width digits.
func appendPadded(b []byte, k, width int) []byte {
	digits := strconv.Itoa(k)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// UsersBody encodes users as the API's 200 answer to GET /organization/users,
// byte for byte as the server sends it.
func UsersBody(users []User) []byte { return usersBody(users, int64(len(users))) }
