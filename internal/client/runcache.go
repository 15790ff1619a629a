package client

import (
	"context"
	"sync"
)

// runCache holds the result of a read that a Client makes once for its
// life, a Terraform run: the one call that succeeded, or the call in flight
// (flight) that other callers wait for. The workspaces list uses it. A
// failed call is not kept, so the next caller tries again.
type runCache[T any] struct {
	mu     sync.Mutex
	value  T
	ok     bool // value holds the result of a successful call
	flight flight[T]
}

// cached returns the cached value, if any.
func (r *runCache[T]) cached() (T, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.value, r.ok
}

// get returns the cached value, or waits for the call in flight, or makes
// the call with fetch. Each caller's cancellation ends its own wait only;
// when the caller making the call is canceled, a waiting caller makes the
// call itself. req names the call in the error of a canceled wait.
func (r *runCache[T]) get(ctx context.Context, c *Client, req *Request, fetch func(context.Context) (T, error)) (T, error) {
	if v, ok := r.cached(); ok {
		return v, nil
	}
	return r.flight.run(ctx, func(ctx context.Context, current func() bool) (T, error) {
		// A call may have ended between the check above and this one.
		if v, ok := r.cached(); ok {
			return v, nil
		}
		v, err := fetch(ctx)
		r.mu.Lock()
		// A write since the call began forgot it (forget): its result
		// may predate the write, so it is not kept.
		if err == nil && current() {
			r.value, r.ok = v, true
		}
		r.mu.Unlock()
		return v, err
	}, func(err error) error {
		return (&failure{kind: KindCanceled, cause: err}).toError(c, req, 0, false)
	})
}

// forget drops the cached value after a write, so that the next read calls
// the API again and sees the write. A call already in flight may have read
// before the write: its result is not kept, and later callers do not wait
// for it.
func (r *runCache[T]) forget() {
	r.mu.Lock()
	defer r.mu.Unlock()
	var zero T
	r.value, r.ok = zero, false
	r.flight.forget()
}
