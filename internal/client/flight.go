package client

import (
	"context"
	"sync"
)

// flight makes one call at a time on behalf of every caller that wants its
// result: the first caller (the leader) makes it, and the callers that
// come while it is in flight wait for it and share its result. It is the
// one wait-for-the-one-in-flight of the client: the users list and the
// sign-in use it, and any later cache of one call per run should too.
//
// It differs from golang.org/x/sync/singleflight in two ways that both
// users need: each caller's cancellation ends its own wait only (when the
// leader is canceled, a waiting caller that is not makes the call itself),
// and a cache can drop the call in flight (forget), so that the callers
// after a write do not wait for a call that may predate it. What to keep
// of a result is the caller's business: run's fn stores it, under the
// caller's own lock, and tells the leader whether it still leads.
type flight[T any] struct {
	mu   sync.Mutex
	call *flightCall[T]
	// waiting, when set (in tests), is called as a caller starts to wait.
	waiting func()
}

// flightCall is a call in flight, which other callers wait for.
type flightCall[T any] struct {
	done chan struct{}
	val  T
	err  error
}

// run returns the result of the call in flight, or makes the call with fn
// when there is none. fn gets current, which reports whether the call is
// still the one that later callers wait for (false once forget dropped it):
// fn keeps its result only then. When ctx ends while a caller waits, run
// returns waitErr(ctx.Err()). When the leader's call ended in its own
// cancellation (canceled reports it) and ctx has not, the caller tries
// again: it then leads a call of its own, or waits for another's.
func (f *flight[T]) run(ctx context.Context, fn func(ctx context.Context, current func() bool) (T, error),
	waitErr func(error) error) (T, error) {
	for {
		f.mu.Lock()
		call := f.call
		leader := call == nil
		if leader {
			call = &flightCall[T]{done: make(chan struct{})}
			f.call = call
		}
		f.mu.Unlock()

		if leader {
			call.val, call.err = fn(ctx, func() bool {
				f.mu.Lock()
				defer f.mu.Unlock()
				return f.call == call
			})
			f.mu.Lock()
			if f.call == call {
				f.call = nil
			}
			f.mu.Unlock()
			close(call.done)
			return call.val, call.err
		}

		if f.waiting != nil {
			f.waiting()
		}
		select {
		case <-call.done:
		case <-ctx.Done():
			var zero T
			return zero, waitErr(ctx.Err())
		}
		if canceled(call.err) && ctx.Err() == nil {
			continue // the leader was canceled, this caller was not
		}
		return call.val, call.err
	}
}

// forget drops the call in flight: the callers after it do not wait for
// it, and its fn's current reports false. Those waiting for it already
// still get its result.
func (f *flight[T]) forget() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.call = nil
}

// busy reports whether a call is in flight.
func (f *flight[T]) busy() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.call != nil
}
