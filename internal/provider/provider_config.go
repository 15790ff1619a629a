package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// This file holds what the provider checks in its settings at plan time,
// beyond what one attribute's validator sees: the access token's
// characters, and the retry settings that cannot work together.

var _ provider.ProviderWithValidateConfig = &FlashbackProvider{}

// ValidateConfig refuses, at plan time and in terraform validate, the
// settings that could never work. Values not known yet are left alone:
// Configure, or the read that needs them, deals with those.
func (p *FlashbackProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var cfg FlashbackProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if v := cfg.AccessToken; !v.IsNull() && !v.IsUnknown() {
		if _, err := client.CleanToken(v.ValueString()); err != nil && strings.TrimSpace(v.ValueString()) != "" {
			addTokenError(&resp.Diagnostics, "access_token", err)
		}
	}
	cfg.checkRetrySettings(&resp.Diagnostics)
}

// accessToken resolves the token: access_token, or else the environment
// variable, cleaned as the client sends it (client.CleanToken). It is empty
// when neither holds one.
func (m *FlashbackProviderModel) accessToken(getenv func(string) string, diags *diag.Diagnostics) string {
	source, raw := "access_token", m.AccessToken.ValueString()
	if strings.TrimSpace(raw) == "" {
		source, raw = "the "+EnvAccessToken+" environment variable", getenv(EnvAccessToken)
	}
	if strings.TrimSpace(raw) == "" {
		return ""
	}
	token, err := client.CleanToken(raw)
	if err != nil {
		addTokenError(diags, source, err)
		return raw
	}
	return token
}

// addTokenError reports a token that cannot be sent, on access_token,
// saying where it came from. The error never holds the token.
func addTokenError(diags *diag.Diagnostics, source string, err error) {
	diags.AddAttributeError(path.Root("access_token"), "Invalid Flashback access token", fmt.Sprintf("In %s, %s.", source, err))
}

// maxRetries reads max_retries. The attribute is a number, so that a
// fraction such as 1.5 is the validator's clear error rather than a failed
// conversion; the validator lets only whole numbers from 0 to
// MaxRetriesLimit through.
func maxRetries(v types.Number) int {
	if v.IsNull() || v.IsUnknown() {
		return client.DefaultMaxRetries
	}
	n, _ := v.ValueBigFloat().Int64()
	return int(n)
}

// wholeNumberIn reports whether n is a whole number from lo to hi.
func wholeNumberIn(n *big.Float, lo, hi int64) bool {
	return n.IsInt() && n.Cmp(big.NewFloat(float64(lo))) >= 0 && n.Cmp(big.NewFloat(float64(hi))) <= 0
}

// retrySetting is one duration setting: its value, or the default when it
// is not set; known is false when it is unknown or not a valid duration,
// which its own validator reports.
type retrySetting struct {
	name  string
	set   bool
	known bool
	value time.Duration
}

func newRetrySetting(name string, v types.String, def time.Duration) retrySetting {
	s := retrySetting{name: name, set: !v.IsNull(), known: !v.IsUnknown(), value: def}
	if s.set && s.known {
		d, err := client.ParsePositiveDuration(v.ValueString())
		s.value, s.known = d, err == nil
	}
	return s
}

// checkRetrySettings refuses the retry settings that cannot work together.
// A wait is never shorter than retry_wait_min nor longer than
// retry_wait_max, and a retry whose wait would take one read past
// client.DefaultMaxElapsed is not made. With retries turned off
// (max_retries = 0), the waits do not matter.
func (m *FlashbackProviderModel) checkRetrySettings(diags *diag.Diagnostics) {
	if m.MaxRetries.IsUnknown() || maxRetries(m.MaxRetries) == 0 {
		return
	}
	timeout := newRetrySetting("request_timeout", m.RequestTimeout, client.DefaultRequestTimeout)
	waitMin := newRetrySetting("retry_wait_min", m.RetryWaitMin, client.DefaultRetryWaitMin)
	waitMax := newRetrySetting("retry_wait_max", m.RetryWaitMax, client.DefaultRetryWaitMax)
	limit := client.DefaultMaxElapsed
	off := "or set max_retries = 0 to turn retries off"
	dur := client.FormatDuration

	if waitMin.known && waitMax.known && waitMax.value < waitMin.value {
		at := blame(waitMax, waitMin)
		diags.AddAttributeError(path.Root(at.name), "Invalid retry wait bounds",
			fmt.Sprintf("retry_wait_max (%s) is shorter than retry_wait_min (%s)%s. Raise retry_wait_max or lower retry_wait_min.",
				dur(waitMax.value), dur(waitMin.value), defaultNote(waitMax, waitMin)))
	}
	if waitMin.known && waitMin.value >= limit {
		diags.AddAttributeError(path.Root(waitMin.name), "Retries could never be made",
			fmt.Sprintf("retry_wait_min (%s) is not shorter than the %s that one read may take, retries included, so no retry "+
				"could ever be made. Set retry_wait_min below %s, %s.", dur(waitMin.value), dur(limit), dur(limit), off))
		return
	}
	if waitMax.known && waitMax.value > limit {
		diags.AddAttributeError(path.Root(waitMax.name), "Retry wait longer than a read may take",
			fmt.Sprintf("retry_wait_max (%s) is longer than the %s that one read may take, retries included, so no wait can be "+
				"that long: a retry that would wait longer is not made. Set retry_wait_max to %s or less.", dur(waitMax.value), dur(limit), dur(limit)))
	}
	if timeout.known && waitMin.known && timeout.value+waitMin.value > limit {
		at := blame(timeout, waitMin)
		diags.AddAttributeError(path.Root(at.name), "Timed-out requests could never be retried",
			fmt.Sprintf("A request that times out after request_timeout (%s), followed by the shortest wait, retry_wait_min (%s), "+
				"takes longer than the %s that one read may take, retries included: a timed-out request could never be retried. "+
				"Lower request_timeout to %s or less, or retry_wait_min, %s.",
				dur(timeout.value), dur(waitMin.value), dur(limit), dur(limit-waitMin.value), off))
	}
}

// blame picks the attribute to report a clash of two settings on: the
// first, unless only the second is set in the configuration.
func blame(first, second retrySetting) retrySetting {
	if !first.set && second.set {
		return second
	}
	return first
}

// defaultNote says which settings of a clash are defaults.
func defaultNote(a, b retrySetting) string {
	var defaults []string
	for _, s := range []retrySetting{a, b} {
		if !s.set {
			defaults = append(defaults, s.name)
		}
	}
	if len(defaults) == 0 {
		return ""
	}
	return " (" + strings.Join(defaults, " and ") + " left at the default)"
}
