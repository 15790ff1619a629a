package client

import (
	"context"
	"errors"
	"sync"
)

// runCache holds the result of a read that a Client makes once for its
// life, a Terraform run: the one call that succeeded, or the call in flight
// that other callers wait for. The workspaces list uses it; it follows the
// users list's cache (users.go) rule for rule.
type runCache[T any] struct {
	mu       sync.Mutex
	value    T
	ok       bool             // value holds the result of a successful call
	inflight *runCacheCall[T] // the call being made, if any
}

// runCacheCall is a call in flight, which other callers wait for.
type runCacheCall[T any] struct {
	done  chan struct{}
	value T
	err   error
}

// get returns the cached value, or waits for the call in flight, or makes
// the call with fetch. A failed call is not kept, so the next caller tries
// again. Each caller's cancellation ends its own wait only; when the
// caller making the call is canceled, a waiting caller makes the call
// itself. req names the call in the error of a canceled wait.
func (r *runCache[T]) get(ctx context.Context, c *Client, req *Request, fetch func(context.Context) (T, error)) (T, error) {
	for {
		r.mu.Lock()
		if r.ok {
			v := r.value
			r.mu.Unlock()
			return v, nil
		}
		call := r.inflight
		leader := call == nil
		if leader {
			call = &runCacheCall[T]{done: make(chan struct{})}
			r.inflight = call
		}
		r.mu.Unlock()

		if leader {
			call.value, call.err = fetch(ctx)
			r.mu.Lock()
			// A write since the call began forgot it (forget): its result
			// may predate the write, so it is not kept.
			if r.inflight == call {
				if call.err == nil {
					r.value, r.ok = call.value, true
				}
				r.inflight = nil
			}
			r.mu.Unlock()
			close(call.done)
			return call.value, call.err
		}

		if c.hooks.waiting != nil {
			c.hooks.waiting()
		}
		select {
		case <-call.done:
		case <-ctx.Done():
			var zero T
			return zero, (&failure{kind: KindCanceled, cause: ctx.Err()}).toError(c, req, 0, false)
		}
		var apiErr *Error
		if errors.As(call.err, &apiErr) && apiErr.Kind == KindCanceled && ctx.Err() == nil {
			// The caller that made the call was canceled, this one was not: try again.
			continue
		}
		return call.value, call.err
	}
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
	r.inflight = nil
}
