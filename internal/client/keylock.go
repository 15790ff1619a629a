package client

import (
	"context"
	"sync"
)

// keyLocks holds one lock per key (an API's base URL, a workspace of an
// API...), which a waiter can leave when its context ends: the locks that
// the guarded changes (ChangeOwner, ChangeWorkspaceMember) take in this
// process, so that two of them never both decide on the same read.
type keyLocks struct {
	locks sync.Map // string → chan struct{}
}

// lock takes the lock of key, calling waiting (when not nil) once it finds
// another holding it. It returns the function that releases the lock, or
// ctx's error when ctx ends before the lock is free.
func (k *keyLocks) lock(ctx context.Context, key string, waiting func()) (unlock func(), err error) {
	v, _ := k.locks.LoadOrStore(key, make(chan struct{}, 1))
	ch, _ := v.(chan struct{})
	unlock = func() { <-ch }
	select {
	case ch <- struct{}{}:
		return unlock, nil
	default:
	}
	if waiting != nil {
		waiting()
	}
	select {
	case ch <- struct{}{}:
		return unlock, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
