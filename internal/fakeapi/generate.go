package fakeapi

import (
	"encoding/json"
	"fmt"
)

// GenerateUsers makes a deterministic organization of n users, for
// benchmarks: every role, a few unvalidated and a few deleted users, and
// emails in mixed case so that sorting has work to do. A user weighs about
// 250 bytes of JSON, as the API sends it.
func GenerateUsers(n int) []User {
	const org = "5f0c6f4e-9a4b-4c7e-8d2a-1b3c5d7e9f10"
	roles := []struct {
		code int64
		name string
	}{{0, "USER"}, {1, "BILLING"}, {2, "WORKSPACES"}, {0xfe, "ADMINISTRATOR"}, {0xff, "OWNER"}}
	users := make([]User, n)
	for i := range users {
		// A cheap permutation so that the API's order is not the sorted one.
		k := (i*7919 + 13) % max(n, 1)
		r := roles[0]
		switch {
		case k%50 == 0:
			r = roles[4]
		case k%20 == 0:
			r = roles[3]
		case k%7 == 0:
			r = roles[2]
		case k%11 == 0:
			r = roles[1]
		}
		local := fmt.Sprintf("user%07d", k)
		if k%3 == 0 {
			local = fmt.Sprintf("User%07d", k)
		}
		u := User{
			ID:                 Ptr(fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", k, k%65536, k%4096, (k*7)%4096, k*2654435761%(1<<48))),
			Email:              Ptr(local + "@" + "example.com"),
			Name:               Ptr(fmt.Sprintf("Given%d", k)),
			LastName:           Ptr(fmt.Sprintf("Family%d", k)),
			OrgID:              Ptr(org),
			OrgRole:            Ptr(r.code),
			Validated:          Ptr(k%13 != 0),
			OrgRoleDescription: Ptr(r.name),
			OrgRoles:           []int64{0, r.code},
		}
		if k%41 == 0 {
			u.DeletedAt = Ptr("2026-02-03T04:05:06.000Z")
		}
		users[i] = u
	}
	return users
}

// UsersBody encodes users as the API's 200 answer to GET /organization/users,
// byte for byte as the server sends it.
func UsersBody(users []User) []byte { return usersBody(users, int64(len(users))) }

func usersBody(users []User, total int64) []byte {
	if users == nil {
		users = []User{}
	}
	b, err := json.Marshal(map[string]any{"success": true, "data": users, "total": total})
	if err != nil {
		panic(err) // the types above always encode
	}
	return b
}
