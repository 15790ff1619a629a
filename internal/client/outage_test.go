package client

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// clock is a test's time, which only the test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (k *clock) Now() time.Time { k.mu.Lock(); defer k.mu.Unlock(); return k.now }

func (k *clock) Add(d time.Duration) { k.mu.Lock(); defer k.mu.Unlock(); k.now = k.now.Add(d) }

// withClock makes c read the time from a clock the test moves.
func withClock(c *Client) *clock {
	k := &clock{now: time.Unix(1_800_000_000, 0)}
	c.now = k.Now
	return k
}

var unavailable = fakeapi.Reply{Status: http.StatusServiceUnavailable, Body: `{"success": false, "message": "down"}`}

// TestDeadAPIGetsOneProbeAPause: once the budget is spent on a dead API,
// the calls fail at once; after each pause one call probes, with one
// request, and the rest still fail at once. Thirty calls over three
// pauses send the budget's 3 requests and 3 probes.
func TestDeadAPIGetsOneProbeAPause(t *testing.T) {
	fake := fakeapi.New(testToken, nil)
	fake.Always(unavailable)
	base, rec := serve(t, fake)
	c := newTestClient(t, base, retries(2))
	k := withClock(c)
	first := mustFail(t, c, KindServer)
	for pause := range 3 {
		for i := range 10 {
			if i == 5 {
				k.Add(c.probeWait)
			}
			err := c.Do(context.Background(), Request{Path: "/user/profile"}, nil)
			_ = wantError(t, err, KindServer)
		}
		if want := 3 + pause + 1; rec.count() != want {
			t.Fatalf("after pause %d, %d requests, want %d: the budget's 3 and one probe a pause", pause+1, rec.count(), want)
		}
	}
	if c.down.Load() != first {
		t.Error("the failed probes replaced the run's first error")
	}
	k.Add(c.probeWait - time.Nanosecond)
	_ = mustFail(t, c, KindServer)
	if rec.count() != 6 {
		t.Errorf("a call before the pause ended probed: %d requests", rec.count())
	}
}

// TestAPIBackAfterAnOutageWinsTheRunBack: the API fails long enough to
// spend the budget, then comes back. After the pause, the next call
// probes and succeeds, and later calls have their retries again: a
// transient failure after that is retried, not failed at once.
func TestAPIBackAfterAnOutageWinsTheRunBack(t *testing.T) {
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	fake.Script(repeat(3, unavailable)...)
	base, rec := serve(t, fake)
	c := newTestClient(t, base, retries(2))
	k := withClock(c)
	_ = mustFail(t, c, KindServer)
	_ = mustFail(t, c, KindServer) // within the pause: at once
	if rec.count() != 3 {
		t.Fatalf("%d requests during the pause, want the budget's 3", rec.count())
	}
	k.Add(c.probeWait)
	if err := c.Do(context.Background(), Request{Path: "/user/profile"}, nil); err != nil {
		t.Fatalf("the probe to an API that is back failed: %v", err)
	}
	list := mustList(t, c)
	if list.Len() == 0 {
		t.Fatal("the list after the outage is empty")
	}
	fake.Script(unavailable, unavailable)
	if _, err := c.GetUser(context.Background(), fakeapi.SampleUserID); err != nil {
		t.Errorf("a read after the API came back did not get its retries: %v", err)
	}
	if want := 3 + 1 + 1 + 3; rec.count() != want {
		t.Errorf("%d requests, want %d: the outage's 3, the probe, the list, a read and its 2 retries", rec.count(), want)
	}
}

// TestAProbeTheAPIRefusesStillWinsTheRunBack: any answer that is not the
// outage's (here a 404) shows the API is there.
func TestAProbeTheAPIRefusesStillWinsTheRunBack(t *testing.T) {
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	fake.Script(repeat(3, unavailable)...)
	base, _ := serve(t, fake)
	c := newTestClient(t, base, retries(2))
	k := withClock(c)
	_ = mustFail(t, c, KindServer)
	k.Add(c.probeWait)
	_, err := c.GetUser(context.Background(), "no-such-user")
	_ = wantError(t, err, KindNotFound)
	if c.down.Load() != nil {
		t.Error("the budget is still spent after the API answered")
	}
}
