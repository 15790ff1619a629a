package client

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strings"
)

// A userStore holds an organization's users compactly, so that the list
// cached for a run costs well under the size of the JSON it came from, and
// the garbage collector has nothing to scan in it: every user is a
// fixed-size record without pointers, whose strings are references into a
// few large blocks of text, and the values that most users share (the
// organization id, each role's description, each orgRoles list) are
// stored once. UserList turns records back into Users on demand.

// userRecord is one user. A string is a strRef (0 for null); the flags say
// which of orgRole and validated the API sent, and validated's value.
type userRecord struct {
	str   [numStrFields]strRef
	role  int64
	roles uint32 // an index into userStore.roles; 0 is null
	flags uint8
}

// The string fields of a userRecord.
const (
	fieldID = iota
	fieldEmail
	fieldName
	fieldLastName
	fieldOrgID
	fieldDeletedAt
	fieldOrgRoleDescription
	numStrFields
)

// The flags of a userRecord.
const (
	hasRole uint8 = 1 << iota
	hasValidated
	isValidated
)

// strRef locates a string in a textArena: its block (plus one, so that 0 is
// null), its offset in the block and its length, packed in 64 bits.
type strRef uint64

const (
	offsetBits = 22 // a block holds at most 4 MiB
	lengthBits = 22
	maxBlock   = 1 << offsetBits
	// wholeBlock, as a length, is a string of maxBlock bytes or more, which
	// has a block to itself.
	wholeBlock = 1<<lengthBits - 1
	// firstBlock is the size of a store's first block; each next one is
	// twice as large, up to maxBlock, so that a small list stays small.
	firstBlock = 4 << 10
)

// textArena is append-only text, in blocks that never move once written:
// a string read from it stays valid, and shares the block's memory.
type textArena struct {
	blocks []*strings.Builder
	cur    int // the block being filled, or -1
	next   int // the capacity of the next block
}

func (t *textArena) add(b []byte) strRef {
	if len(b) >= wholeBlock {
		t.blocks = append(t.blocks, newBlock(len(b)))
		t.blocks[len(t.blocks)-1].Write(b)
		return newStrRef(len(t.blocks)-1, 0, wholeBlock)
	}
	if len(t.blocks) == 0 || t.cur < 0 || t.blocks[t.cur].Len()+len(b) > t.blocks[t.cur].Cap() {
		size := max(t.next, firstBlock)
		for size < len(b) {
			size *= 2
		}
		t.next = min(2*size, maxBlock)
		t.blocks = append(t.blocks, newBlock(size))
		t.cur = len(t.blocks) - 1
	}
	blk := t.blocks[t.cur]
	off := blk.Len()
	blk.Write(b)
	return newStrRef(t.cur, off, len(b))
}

func newBlock(size int) *strings.Builder {
	b := new(strings.Builder)
	b.Grow(size)
	return b
}

func newStrRef(block, off, n int) strRef {
	return strRef(uint64(block+1)<<(offsetBits+lengthBits) | uint64(off)<<lengthBits | uint64(n))
}

// get returns the string that ref locates; ref must not be 0.
func (t *textArena) get(ref strRef) string {
	block := int(ref>>(offsetBits+lengthBits)) - 1
	off := int(ref>>lengthBits) & (maxBlock - 1)
	n := int(ref) & wholeBlock
	s := t.blocks[block].String()
	if n == wholeBlock {
		return s
	}
	return s[off : off+n]
}

// maxInterned bounds each table of shared values, so that a hostile
// answer with a different value for every user cannot grow them past the
// users themselves.
const maxInterned = 4096

// userStore is the users of one list, in the API's order.
type userStore struct {
	text    textArena
	records [][]userRecord // blocks of recordBlock records, the last one filling
	n       int
	// shared holds, for the fields that repeat from user to user, each
	// value seen once.
	shared map[string]strRef
	last   [numStrFields]strRef // the last value of each shared field
	// roles holds each distinct orgRoles list once; roles[0] is null.
	roles     [][]*int64
	rolesSeen map[string]uint32
	key       []byte
}

const (
	recordShift = 13
	recordBlock = 1 << recordShift
)

func newUserStore() *userStore {
	return &userStore{text: textArena{cur: -1}, roles: [][]*int64{nil}}
}

func (s *userStore) len() int { return s.n }

func (s *userStore) at(i int) *userRecord { return &s.records[i>>recordShift][i&(recordBlock-1)] }

// push adds a user, and returns it for the caller to fill.
func (s *userStore) push() *userRecord {
	switch {
	case len(s.records) == 0:
		// The first block grows as it fills, so that a small list stays small.
		s.records = append(s.records, make([]userRecord, 0, 16))
	case len(s.records[len(s.records)-1]) == recordBlock:
		s.records = append(s.records, make([]userRecord, 0, recordBlock))
	}
	last := &s.records[len(s.records)-1]
	*last = append(*last, userRecord{})
	s.n++
	return &(*last)[len(*last)-1]
}

// addString stores a string of a field. A field whose values repeat
// (sharedField) is looked up among the values already stored, first the
// field's last one, and stored only when new.
func (s *userStore) addString(b []byte, field int) strRef {
	if !sharedField(field) {
		return s.text.add(b)
	}
	if last := s.last[field]; last != 0 && s.text.get(last) == string(b) {
		return last
	}
	ref, ok := s.shared[string(b)]
	if !ok {
		ref = s.text.add(b)
		if len(s.shared) < maxInterned {
			if s.shared == nil {
				s.shared = map[string]strRef{}
			}
			s.shared[string(b)] = ref
		}
	}
	s.last[field] = ref
	return ref
}

// addRoles stores an orgRoles list, once for all the users that have it,
// and returns its index. nil is null; an empty list is not; a nil element
// is a null inside the list.
func (s *userStore) addRoles(codes []*int64) uint32 {
	if codes == nil {
		return 0
	}
	s.key = s.key[:0]
	for _, c := range codes {
		if c == nil {
			s.key = append(s.key, 0)
			continue
		}
		s.key = binary.AppendVarint(append(s.key, 1), *c)
	}
	if i, ok := s.rolesSeen[string(s.key)]; ok {
		return i
	}
	values := make([]int64, len(codes))
	list := make([]*int64, len(codes))
	for k, c := range codes {
		if c != nil {
			values[k] = *c
			list[k] = &values[k]
		}
	}
	s.roles = append(s.roles, list)
	i := uint32(len(s.roles) - 1)
	if len(s.rolesSeen) < maxInterned {
		if s.rolesSeen == nil {
			s.rolesSeen = map[string]uint32{}
		}
		s.rolesSeen[string(s.key)] = i
	}
	return i
}

// str returns a string field of r, and whether the API sent one.
func (s *userStore) str(r *userRecord, field int) (string, bool) {
	if r.str[field] == 0 {
		return "", false
	}
	return s.text.get(r.str[field]), true
}

// user returns the record as a User. Its strings and orgRoles share the
// store's memory: like the list, it must not be changed.
func (s *userStore) user(r *userRecord) User {
	box := new(struct {
		strs      [numStrFields]string
		role      int64
		validated bool
	})
	var u User
	ptrs := [numStrFields]**string{&u.ID, &u.Email, &u.Name, &u.LastName, &u.OrgID, &u.DeletedAt, &u.OrgRoleDescription}
	for f, p := range ptrs {
		if r.str[f] != 0 {
			box.strs[f] = s.text.get(r.str[f])
			*p = &box.strs[f]
		}
	}
	if r.flags&hasRole != 0 {
		box.role = r.role
		u.OrgRole = &box.role
	}
	if r.flags&hasValidated != 0 {
		box.validated = r.flags&isValidated != 0
		u.Validated = &box.validated
	}
	u.OrgRoles = s.roles[r.roles]
	return u
}

// putUser stores a User, as the decoder would store it from the API.
func (s *userStore) putUser(u *User) {
	r := s.push()
	for f, p := range [numStrFields]*string{u.ID, u.Email, u.Name, u.LastName, u.OrgID, u.DeletedAt, u.OrgRoleDescription} {
		if p != nil {
			r.str[f] = s.addString([]byte(*p), f)
		}
	}
	if u.OrgRole != nil {
		r.flags |= hasRole
		r.role = *u.OrgRole
	}
	if u.Validated != nil {
		r.flags |= hasValidated
		if *u.Validated {
			r.flags |= isValidated
		}
	}
	r.roles = s.addRoles(u.OrgRoles)
}

// sharedField says whether a string field's values repeat from user to
// user, so that each is worth storing once.
func sharedField(f int) bool {
	return f == fieldOrgID || f == fieldOrgRoleDescription || f == fieldDeletedAt
}

// duplicateID finds two users with the same id, and returns their
// positions, the first pair in the list's order. Users without an id are
// no duplicates of each other. It sorts a hash of each id, 8 bytes a user,
// and compares the ids themselves only where two hashes meet.
func (s *userStore) duplicateID() (first, second int, ok bool) {
	seed := maphash.MakeSeed()
	hashes := make([]uint64, 0, s.n)
	for i := range s.n {
		if id, ok := s.str(s.at(i), fieldID); ok {
			hashes = append(hashes, maphash.String(seed, id))
		}
	}
	slices.Sort(hashes)
	var twice map[uint64]bool
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			if twice == nil {
				twice = map[uint64]bool{}
			}
			twice[hashes[i]] = true
		}
	}
	if twice == nil {
		return 0, 0, false
	}
	seen := map[string]int{}
	for i := range s.n {
		id, ok := s.str(s.at(i), fieldID)
		if !ok || !twice[maphash.String(seed, id)] {
			continue
		}
		if j, dup := seen[id]; dup {
			return j, i, true
		}
		seen[id] = i
	}
	return 0, 0, false // two ids with the same hash
}
