package client

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// How the refreshes of flashback_organization_user read their users.
//
// A refresh reads one user. Reading it by id costs one small call; reading
// the list costs one call whose size grows with the organization (about a
// second for a million users), and then serves every refresh of the run.
// So a few refreshes go by id, and many go through the list. Terraform
// sends its refreshes together, up to its parallelism (10 by default):
// the refreshes that arrive while no list is at hand wait for each other
// in a round, which ends
//   - when refreshGather of them wait together, or when the run's by-id
//     reads would pass refreshByID: the run then reads the list, once, and
//     every later refresh reads from it;
//   - when none has arrived for refreshQuiet: the round's refreshes each
//     read their user by id.
//
// A plan over 5 members makes 5 by-id calls and no list call; over 1,000
// members, one list call. A list this run read for another reason (a data
// source), or is reading, serves the refreshes without a round. What the
// run's writes told of a user is used first (users_known.go).
const (
	refreshGather = 8
	refreshByID   = 16
	refreshQuiet  = 250 * time.Millisecond
)

// refreshChooser holds the rounds of a run.
type refreshChooser struct {
	mu      sync.Mutex
	useList bool // decided: the run's refreshes read through the list
	byID    int  // refreshes sent to read by id so far
	round   *refreshRound
	// quiet, when set (in tests), replaces refreshQuiet.
	quiet time.Duration
	// arrived, when set (in tests), is called as a refresh joins a round,
	// with the number waiting in it.
	arrived func(n int)
}

// refreshRound is the refreshes waiting together for a choice.
type refreshRound struct {
	done  chan struct{}
	n     int
	list  bool // the choice, once done is closed
	timer *time.Timer
	timed int // which timer may end the round; an older one that fires late may not
}

// choose waits for the round the caller joins to end, and reports whether
// the caller reads through the list (true) or by id.
func (r *refreshChooser) choose(ctx context.Context) (bool, error) {
	r.mu.Lock()
	if r.useList {
		r.mu.Unlock()
		return true, nil
	}
	round := r.round
	if round == nil {
		round = &refreshRound{done: make(chan struct{})}
		r.round = round
	}
	round.n++
	n := round.n
	if n >= refreshGather || r.byID+n > refreshByID {
		r.decide(round, true)
	} else {
		if round.timer != nil {
			round.timer.Stop()
		}
		round.timed++
		timed := round.timed
		round.timer = time.AfterFunc(r.quietFor(), func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.round == round && round.timed == timed {
				r.decide(round, false)
			}
		})
	}
	hook := r.arrived
	r.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	select {
	case <-round.done:
		return round.list, nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// decide ends a round with a choice; r.mu is held.
func (r *refreshChooser) decide(round *refreshRound, list bool) {
	if round.timer != nil {
		round.timer.Stop()
	}
	round.list = list
	if list {
		r.useList = true
	} else {
		r.byID += round.n
	}
	r.round = nil
	close(round.done)
}

func (r *refreshChooser) quietFor() time.Duration {
	if r.quiet > 0 {
		return r.quiet
	}
	return refreshQuiet
}

// base returns the list as read, without what the run learned since.
func (u *usersCache) base() *UserList {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.list
}

// RefreshUser reads one user to refresh the state, at the least cost for
// the run: from what the run's writes told of it, from the users list
// when the run has it or many users refresh together (see refreshChooser),
// or else by id (GET /organization/users/{id}). A user the API does not
// have is an *Error of KindNotFound (see IsNotFound). A list proves a user
// gone only when it is Complete: a user missing from a list whose total
// says more exist, or that has no total, is read by id.
func (c *Client) RefreshUser(ctx context.Context, id string) (*User, error) {
	if k, ok := c.users.lookup(id); ok {
		if k.user != nil {
			u := *k.user
			return &u, nil
		}
		return c.readKnown(ctx, id, k)
	}
	list := c.users.base()
	if list == nil {
		viaList := c.users.flight.busy()
		if !viaList {
			var err error
			if viaList, err = c.users.refresh.choose(ctx); err != nil {
				return nil, (&failure{kind: KindCanceled, cause: err}).toError(c, userRequest(id), 0, false)
			}
		}
		if viaList {
			var err error
			if list, err = c.ListOrganizationUsers(ctx); canceled(err) {
				return nil, err
			} else if err != nil {
				tflog.Warn(ctx, "Flashback users list could not be read; reading the user by id", map[string]any{"user_id": id, "error": err.Error()})
			}
		}
	}
	if list != nil {
		if u, ok := list.byID(id); ok {
			return &u, nil
		}
		if complete, _ := list.Complete(); complete {
			return nil, notInList(id, list)
		}
	}
	return c.GetUser(ctx, id)
}

// notInList is the KindNotFound error of a user that a complete list
// does not have.
func notInList(id string, list *UserList) *Error {
	return &Error{Kind: KindNotFound, Summary: "Flashback user not found",
		Detail: fmt.Sprintf("No user has the id %q among the %d users that GET %s returned, which is every user of the organization "+
			"(its total is %d).", id, list.Len(), UsersPath, list.Total)}
}
