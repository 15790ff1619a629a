package organization_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// Helpers of the flashback_organization_user acceptance tests: checks of
// the member in state, of the plan, and of the fake organization.

// checkMember asserts one attribute of the member in state.
func checkMember(name string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New(name), want)
}

// roleCodes is the knownvalue check of an org_roles list.
func roleCodes(codes ...int64) knownvalue.Check {
	checks := make([]knownvalue.Check, len(codes))
	for i, c := range codes {
		checks[i] = knownvalue.Int64Exact(c)
	}
	return knownvalue.ListExact(checks)
}

// fakeUser returns the fake's user with an email, failing the test when
// there is none.
func fakeUser(t *testing.T, fake *fakeapi.Server, address string) fakeapi.User {
	t.Helper()
	u, ok := fake.UserByEmail(address)
	if !ok {
		t.Fatalf("the fake has no user %s", address)
	}
	return u
}

// bodiesTo returns the bodies of the calls to method and path, trimmed.
func bodiesTo(fake *fakeapi.Server, method, path string) []string {
	var out []string
	for _, c := range fake.CallsTo(method, path) {
		out = append(out, string(bytes.TrimSpace(c.Body)))
	}
	return out
}

// stateCheckFunc and planCheckFunc make a check of a function.
type stateCheckFunc func(context.Context, statecheck.CheckStateRequest, *statecheck.CheckStateResponse)

func (f stateCheckFunc) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	f(ctx, req, resp)
}

type planCheckFunc func(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse)

func (f planCheckFunc) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	f(ctx, req, resp)
}

// expectDrift checks that the plan's refresh found attr of the member
// changed outside Terraform from one value to another.
func expectDrift(attr string, from, to any) plancheck.PlanCheck {
	return planCheckFunc(func(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
		for _, rc := range req.Plan.ResourceDrift {
			if rc.Address != memberAddr {
				continue
			}
			before, _ := rc.Change.Before.(map[string]any)
			after, _ := rc.Change.After.(map[string]any)
			if fmt.Sprint(before[attr]) == fmt.Sprint(from) && fmt.Sprint(after[attr]) == fmt.Sprint(to) {
				return
			}
			resp.Error = fmt.Errorf("drift of %s is %v -> %v, want %v -> %v", attr, before[attr], after[attr], from, to)
			return
		}
		resp.Error = fmt.Errorf("the plan shows no drift of %s", memberAddr)
	})
}

// jsonHolds reports whether the JSON of v holds s.
func jsonHolds(v any, s string) (bool, error) {
	b, err := json.Marshal(v)
	return bytes.Contains(b, []byte(s)), err
}
