package workspace

import (
	"context"
	"sync"
)

// keyedLock lets one holder at a time hold each key, for the whole
// provider process: the guarded member writes of a workspace take its
// lock, so that the fresh read the last-ADMIN guard decides on and the
// write it allows are one step that no other such change of the same
// workspace can come between. Different workspaces do not wait for each
// other.
type keyedLock struct {
	mu    sync.Mutex
	slots map[string]*slot
	// waiting, when set (in tests), is called as a caller starts to wait.
	waiting func(key string)
}

// slot is one key's lock: a channel with room for one holder, and how many
// callers hold it or wait for it, so that an idle key is dropped.
type slot struct {
	held  chan struct{}
	users int
}

// workspaceLocks holds the process's locks, by workspace id.
var workspaceLocks = &keyedLock{}

// lock waits until the key is free, or ctx ends, and returns the function
// that frees it.
func (k *keyedLock) lock(ctx context.Context, key string) (func(), error) {
	k.mu.Lock()
	if k.slots == nil {
		k.slots = map[string]*slot{}
	}
	s := k.slots[key]
	if s == nil {
		s = &slot{held: make(chan struct{}, 1)}
		k.slots[key] = s
	}
	s.users++
	waiting := k.waiting
	k.mu.Unlock()

	select {
	case s.held <- struct{}{}:
	default:
		if waiting != nil {
			waiting(key)
		}
		select {
		case s.held <- struct{}{}:
		case <-ctx.Done():
			k.leave(key, s)
			return nil, ctx.Err()
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-s.held
			k.leave(key, s)
		})
	}, nil
}

// leave counts a caller out of the key's slot, and drops an idle slot.
func (k *keyedLock) leave(key string, s *slot) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s.users--
	if s.users == 0 {
		delete(k.slots, key)
	}
}
