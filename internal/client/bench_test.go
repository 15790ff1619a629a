package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// benchSizes are the organization sizes the benchmarks run at.
var benchSizes = []int{1_000, 10_000, 100_000}

// reportPerUser adds per-user figures, the ones BENCHMARKS.md compares.
func reportPerUser(b *testing.B, users int) {
	b.Helper()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(users), "ns/user")
}

// plainUser is the floor's target: plain fields, no null tracking.
type plainUser struct {
	ID                 string  `json:"id"`
	Email              string  `json:"email"`
	Name               string  `json:"name"`
	LastName           string  `json:"lastName"`
	OrgID              string  `json:"orgId"`
	OrgRole            int64   `json:"orgRole"`
	Validated          bool    `json:"validated"`
	DeletedAt          *string `json:"deletedAt"`
	OrgRoleDescription string  `json:"orgRoleDescription"`
	OrgRoles           []int64 `json:"orgRoles"`
}

// BenchmarkFloor is plain encoding/json decoding of the same payload into
// plain Go structs: the least any decoder of this payload can cost.
func BenchmarkFloor(b *testing.B) {
	for _, n := range benchSizes {
		payload := fakeapi.UsersBody(fakeapi.GenerateUsers(n))
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				var env struct {
					Success bool        `json:"success"`
					Data    []plainUser `json:"data"`
					Total   int64       `json:"total"`
				}
				if err := json.NewDecoder(bytes.NewReader(payload)).Decode(&env); err != nil || len(env.Data) != n {
					b.Fatalf("decode: %v, %d users", err, len(env.Data))
				}
			}
			reportPerUser(b, n)
		})
	}
}

// BenchmarkDecode is the client's decoding of a 200 body, bounded and
// streaming, with the null tracking and the sort it does.
func BenchmarkDecode(b *testing.B) {
	c, err := New(Config{BaseURL: "https://api.example.com", Token: "t"})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes {
		payload := fakeapi.UsersBody(fakeapi.GenerateUsers(n))
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				list, f := c.decodeBody(bytes.NewReader(payload))
				if f != nil || list.Len() != n {
					b.Fatalf("decode: %+v", f)
				}
			}
			reportPerUser(b, n)
		})
	}
}
