package client

import (
	"fmt"
	"strings"
	"testing"
)

// TestTextArena stores strings of every size around the blocks' limits,
// and reads each back after all the others were added.
func TestTextArena(t *testing.T) {
	var arena textArena
	arena.cur = -1
	var want []string
	var refs []strRef
	for i, n := range []int{0, 1, firstBlock - 1, firstBlock, firstBlock + 1, 3, maxBlock - 1, 5, wholeBlock - 1, wholeBlock, wholeBlock + 7, 0, 2} {
		s := strings.Repeat(string(rune('a'+i)), n)
		want = append(want, s)
		refs = append(refs, arena.add([]byte(s)))
	}
	for i, ref := range refs {
		if ref == 0 {
			t.Fatalf("string %d has the null reference", i)
		}
		if got := arena.get(ref); got != want[i] {
			t.Errorf("string %d: got %d bytes (%.8q), want %d (%.8q)", i, len(got), got, len(want[i]), want[i])
		}
	}
}

// TestStoreSharesRepeatedValues: values that every user repeats are stored
// once, so that the text holds little more than each user's own strings,
// and the tables of shared values stop growing at their bound.
func TestStoreSharesRepeatedValues(t *testing.T) {
	const n = 5000
	s := newUserStore()
	own := 0
	for i := range n {
		id, mail := fmt.Sprintf("id-%05d", i), fmt.Sprintf("user%05d@example.com", i)
		own += len(id) + len(mail)
		s.putUser(&User{ID: &id, Email: &mail, OrgID: ptr("5f0c6f4e-9a4b-4c7e-8d2a-1b3c5d7e9f10"),
			OrgRoleDescription: ptr([]string{"USER", "OWNER"}[i%2]), OrgRoles: [][]*int64{Codes(0), Codes(0, 255)}[i%2]})
	}
	if text := textBytes(&s.text); text > own+100 {
		t.Errorf("the text holds %d bytes for %d bytes of the users' own strings: repeated values are stored again", text, own)
	}
	if len(s.roles) != 3 {
		t.Errorf("%d orgRoles lists stored, want null and the two distinct ones", len(s.roles))
	}

	// A different value for every user: the table stops at its bound,
	// and every value still reads back.
	s = newUserStore()
	for i := range 2 * maxInterned {
		s.putUser(&User{OrgID: ptr(fmt.Sprint("org-", i)), OrgRoles: Codes(int64(i))})
	}
	if len(s.shared) != maxInterned || len(s.rolesSeen) != maxInterned {
		t.Errorf("the tables hold %d strings and %d lists, want %d each", len(s.shared), len(s.rolesSeen), maxInterned)
	}
	for i := range s.len() {
		u := s.user(s.at(i))
		if *u.OrgID != fmt.Sprint("org-", i) || len(u.OrgRoles) != 1 || *u.OrgRoles[0] != int64(i) {
			t.Fatalf("user %d reads back as %s", i, dumpUsers([]User{u}))
		}
	}
}

func textBytes(t *textArena) int {
	n := 0
	for _, b := range t.blocks {
		n += b.Len()
	}
	return n
}

// TestStoreKeepsNullEmptyAndValues: each field reads back null, empty or
// with its value, as it was stored.
func TestStoreKeepsNullEmptyAndValues(t *testing.T) {
	users := []User{
		{},
		{ID: ptr(""), Email: ptr(""), Name: ptr(""), LastName: ptr(""), OrgID: ptr(""), OrgRole: ptr[int64](0),
			Validated: ptr(false), DeletedAt: ptr(""), OrgRoleDescription: ptr(""), OrgRoles: Codes()},
		{ID: ptr("i"), Email: ptr("e"), Name: ptr("n"), LastName: ptr("l"), OrgID: ptr("o"), OrgRole: ptr[int64](-9223372036854775808),
			Validated: ptr(true), DeletedAt: ptr("d"), OrgRoleDescription: ptr("r"), OrgRoles: Codes(9223372036854775807, 0)},
	}
	got := NewUserList(users, 3).Users()
	if !sameUsers(got, users) {
		t.Errorf("users read back as\n%s\nwant\n%s", dumpUsers(got), dumpUsers(users))
	}
}

// FuzzCompareFolded holds compareFolded to what it stands for: comparing
// the strings once strings.ToLower made them.
func FuzzCompareFolded(f *testing.F) {
	for _, pair := range [][2]string{
		{"a@example.com", "B@example.com"}, {"ABC", "abc"}, {"abc", "abcd"}, {"ABC", "abc\u00e9"}, {"\u00c9", "\u00e9"},
		{"\u0130", "i"}, {"K", "\u212a"}, {"a\xff", "A\xfe"}, {"", "a"}, {"z", "\u017f"}, {"x\u0345", "X\u03b9"},
	} {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareFolded(a, b); got != want {
			t.Fatalf("compareFolded(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
