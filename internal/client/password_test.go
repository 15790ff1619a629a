package client

import (
	"context"
	"strings"
	"testing"
)

func TestRandomPasswordIsStrong(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		pw, err := randomPassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != randomPasswordLength || seen[pw] {
			t.Fatalf("password %q: wrong length, or made twice", pw)
		}
		seen[pw] = true
		for _, class := range passwordClasses {
			if !strings.ContainsAny(pw, class) {
				t.Fatalf("password %q has none of %q", pw, class)
			}
		}
	}
}

// TestCreateUserWithoutPasswordSendsARandomOne: each user created without a
// password gets its own strong one, which the client does not keep.
func TestCreateUserWithoutPasswordSendsARandomOne(t *testing.T) {
	fake, c := sampleOrg(t)
	var got []string
	for _, local := range []string{"barbara", "frances"} {
		m := newMember(local)
		m.Password = ""
		if _, err := c.CreateUser(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		pw, ok := fake.Password(email(local, "example.com"))
		if !ok || len(pw) != randomPasswordLength {
			t.Fatalf("the fake holds %q (%v), want a random password", pw, ok)
		}
		got = append(got, pw)
	}
	if got[0] == got[1] {
		t.Error("two users got the same password")
	}
	if len(c.secrets.all()) != 1 {
		t.Error("the client kept a made-up password")
	}
}
