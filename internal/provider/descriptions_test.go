package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// description is one description the provider serves: of the provider, a
// type, an attribute, a function or a parameter.
type description struct {
	at, text string
	// block is true for the description of the provider, a type or a
	// function, which may take a sentence more than an attribute's.
	block bool
}

// servedDescriptions returns every description the provider serves to
// Terraform and to tfplugindocs, nested attributes included.
func servedDescriptions(t *testing.T) []description {
	t.Helper()
	served, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := served.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("GetProviderSchema: %s: %s", d.Summary, d.Detail)
	}
	var out []description
	var attributes func(at string, attrs []*tfprotov6.SchemaAttribute)
	attributes = func(at string, attrs []*tfprotov6.SchemaAttribute) {
		for _, a := range attrs {
			out = append(out, description{at: at + "." + a.Name, text: a.Description})
			if a.NestedType != nil {
				attributes(at+"."+a.Name, a.NestedType.Attributes)
			}
		}
	}
	var block func(at string, b *tfprotov6.SchemaBlock)
	block = func(at string, b *tfprotov6.SchemaBlock) {
		out = append(out, description{at: at, text: b.Description, block: true})
		attributes(at, b.Attributes)
		for _, nested := range b.BlockTypes {
			block(at+"."+nested.TypeName, nested.Block)
		}
	}
	schemas := func(kind string, m map[string]*tfprotov6.Schema) {
		for name, s := range m {
			block(kind+" "+name, s.Block)
		}
	}
	block("provider", resp.Provider.Block)
	schemas("data source", resp.DataSourceSchemas)
	schemas("resource", resp.ResourceSchemas)
	schemas("list resource", resp.ListResourceSchemas)
	for name, f := range resp.Functions {
		at := "function " + name
		out = append(out, description{at: at, text: f.Description, block: true}, description{at: at + " summary", text: f.Summary})
		for _, p := range f.Parameters {
			out = append(out, description{at: at + "." + p.Name, text: p.Description})
		}
	}
	return out
}

var (
	// inCode is text in backticks, where a full stop ends no sentence.
	inCode = regexp.MustCompile("`[^`]*`")
	// sentenceEnd is the end of a sentence: a stop, then the end of the
	// text or a space before what starts the next one.
	sentenceEnd = regexp.MustCompile("[.!?](?:$|\\s+[A-Z`(\"])")
	// goDurationForm matches durations as time.Duration.String writes them
	// and people do not: "5m0s", "1h0m0s", "0s".
	goDurationForm = regexp.MustCompile(`\b\d+[hm]0[ms]|\b\d+h\d+m\d+s\b|\b0s\b`)
	// defaultInGoForm matches a default written as a Go duration, such as
	// "defaults to `\"30s\"`", which people write "30 seconds".
	defaultInGoForm = regexp.MustCompile("(?i)defaults to `?\"?\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h)\\b")
)

// sentences counts the sentences of a description.
func sentences(text string) int {
	return len(sentenceEnd.FindAllString(inCode.ReplaceAllString(text, "`x`"), -1))
}

// TestDescriptionsAreShortAndPlain fails when a description the provider
// serves (of the provider, a data source, a resource, a list resource, a
// function, or any of their attributes, nested ones included) is missing, runs past two sentences (three for a type's or a
// function's), or writes a duration as Go does ("5m0s") rather than as
// people do ("5 minutes").
func TestDescriptionsAreShortAndPlain(t *testing.T) {
	all := servedDescriptions(t)
	// The walk must reach what the docs show: every kind of type, the
	// provider's settings and nested attributes.
	for _, at := range []string{
		"provider.access_token",
		"data source flashback_organization_user.email",
		"data source flashback_organization_users.users.email",
		"resource flashback_organization_user.role",
		"list resource flashback_organization_user.min_role",
		"function role_at_least.minimum",
	} {
		if !slices.ContainsFunc(all, func(d description) bool { return d.at == at }) {
			t.Errorf("the walk never reached %s", at)
		}
	}
	for _, d := range all {
		limit := 2
		if d.block {
			limit = 3
		}
		switch n := sentences(d.text); {
		case strings.TrimSpace(d.text) == "":
			t.Errorf("%s has no description", d.at)
		case n > limit:
			t.Errorf("%s has %d sentences, at most %d: %s", d.at, n, limit, d.text)
		}
		if m := goDurationForm.FindString(d.text); m != "" {
			t.Errorf("%s writes the duration %q as Go does: %s", d.at, m, d.text)
		}
		if m := defaultInGoForm.FindString(d.text); m != "" {
			t.Errorf("%s gives a default as a Go duration (%q): write it as FormatDuration does: %s", d.at, m, d.text)
		}
	}
	// Each default duration is shown as people write it.
	for name, d := range map[string]string{
		"request_timeout": client.FormatDuration(client.DefaultRequestTimeout),
		"retry_wait_min":  client.FormatDuration(client.DefaultRetryWaitMin),
		"retry_wait_max":  client.FormatDuration(client.DefaultRetryWaitMax),
	} {
		i := slices.IndexFunc(all, func(x description) bool { return x.at == "provider."+name })
		if i < 0 || !strings.Contains(all[i].text, "defaults to "+d) {
			t.Errorf("provider.%s does not say it defaults to %s", name, d)
		}
	}
}

// TestDescriptionsParsing checks the sentence count and the duration checks
// on texts they must accept and refuse.
func TestDescriptionsParsing(t *testing.T) {
	for text, want := range map[string]int{
		"One.":                                  1,
		"One, with `a.b` and `\"30s\"`. Two.":   2,
		"Roles: `USER` (0) and `OWNER` (255).":  1,
		"From 0 (never) to 100. `0` turns off.": 2,
		"A number such as 1.5 seconds; more.":   1,
		"One. Two. Three.":                      3,
	} {
		if got := sentences(text); got != want {
			t.Errorf("sentences(%q) = %d, want %d", text, got, want)
		}
	}
	for _, bad := range []string{"at most 5m0s", "within 1h0m0s", "after 0s", "after 1h2m3s"} {
		if !goDurationForm.MatchString(bad) {
			t.Errorf("%q was taken for a duration as people write it", bad)
		}
	}
	for _, bad := range []string{"Defaults to `\"30s\"`.", "defaults to 1s", "defaults to `\"1m\"`"} {
		if !defaultInGoForm.MatchString(bad) {
			t.Errorf("%q was taken for a default as people write it", bad)
		}
	}
	for _, good := range []string{"defaults to 30 seconds", "such as `\"30s\"` or `\"2m\"`", "at most 5 minutes", "from 0 (never) to 100"} {
		if goDurationForm.MatchString(good) || defaultInGoForm.MatchString(good) {
			t.Errorf("%q was refused", good)
		}
	}
}

// handWritten says what a string of the code restates by hand of the facts
// the client defines once, or "": two role names or more (a list of roles,
// which framework.RoleNames or RolesWithCodes writes), a role name beside
// its code, or two retried statuses or more (framework.RetriedStatuses).
func handWritten(literal string) string {
	var names []string
	for _, name := range client.RoleNames() {
		code, _ := client.ParseRole(name)
		word := regexp.MustCompile(`\b` + name + `\b`)
		if word.MatchString(literal) {
			names = append(names, name)
		}
		c := regexp.QuoteMeta(strconv.FormatInt(code, 10))
		if regexp.MustCompile(`\b` + name + "\\W{0,3}" + c + `\b|\b` + c + "\\W{0,3}" + name + `\b`).MatchString(literal) {
			return fmt.Sprintf("the role %s with its code", name)
		}
	}
	if len(names) > 1 {
		return "the roles " + strings.Join(names, ", ")
	}
	var statuses []string
	for _, code := range client.RetriedStatuses() {
		if regexp.MustCompile(`\b` + strconv.Itoa(code) + `\b`).MatchString(literal) {
			statuses = append(statuses, strconv.Itoa(code))
		}
	}
	if len(statuses) > 1 {
		return "the retried statuses " + strings.Join(statuses, ", ")
	}
	return ""
}

// TestFactsAreDerivedNotRestated fails when a string of the provider's
// code, outside the client that defines them, lists the roles or the
// retried statuses by hand: such a list would go stale when the client's
// changes. The descriptions write them with the framework's helpers.
func TestFactsAreDerivedNotRestated(t *testing.T) {
	for _, dir := range []string{"internal/provider", "internal/framework", "internal/services"} {
		for _, literal := range codeStrings(t, fromRoot(dir)) {
			if what := handWritten(literal); what != "" {
				t.Errorf("%s: a string restates %s by hand: %q", filepath.FromSlash(dir), what, literal)
			}
		}
	}
}

// TestHandWrittenParsing checks handWritten on strings it must refuse and accept.
func TestHandWrittenParsing(t *testing.T) {
	for _, bad := range []string{
		"one of `USER`, `BILLING` and `OWNER`",
		"`254` ADMINISTRATOR",
		"OWNER (255)",
		"on HTTP 429, 500 and 503",
	} {
		if handWritten(bad) == "" {
			t.Errorf("%q was accepted", bad)
		}
	}
	for _, good := range []string{
		"the organization's last active `OWNER` keeps that role",
		"needs the `WORKSPACES` role or higher",
		"a whole number from 0 to 255",
		"HTTP 503 Service Unavailable",
		"an ADMIN of the workspace, with WRITE and READ",
	} {
		if what := handWritten(good); what != "" {
			t.Errorf("%q was refused: %s", good, what)
		}
	}
}
