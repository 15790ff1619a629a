package provider_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// firstTerraformBlock is the first ```terraform block of a Markdown text.
var firstTerraformBlock = regexp.MustCompile("(?s)```terraform\n(.*?)```")

// TestAccExamples_workWhenCopied runs, through the CLI, the configurations
// a new user copies first: the README's, and the registry index's minimal
// example (examples/provider/provider.tf), each as it is, with only the
// access token (and here the fake's URL) in the environment. Without
// required_providers the CLI would look for hashicorp/flashback and stop.
// The index's options example (examples/provider/options.tf) must pass
// terraform validate beside that example's terraform block.
func TestAccExamples_workWhenCopied(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	readme, err := os.ReadFile(filepath.Join(acctest.RepositoryRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := firstTerraformBlock.FindSubmatch(readme)
	if block == nil {
		t.Fatal("README.md has no ```terraform block")
	}
	minimal := acctest.ExampleFile(t, "provider/provider.tf")
	for name, config := range map[string]string{"README.md": string(block[1]), "examples/provider/provider.tf": minimal} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(config, `source = "flashbacknetwork/flashback"`) {
				t.Errorf("the configuration does not name the provider's source:\n%s", config)
			}
			res := cli.Plan(t, map[string]string{"main.tf": config}, url)
			if res.Failed {
				t.Fatalf("terraform plan failed on the configuration as written:\n%s", res.Output)
			}
			if !strings.Contains(res.Output, `"resource_type":"flashback_organization_users"`) || !strings.Contains(res.Output, "Refresh complete") {
				t.Errorf("the plan read no users:\n%s", res.Output)
			}
		})
	}

	t.Run("examples/provider/options.tf", func(t *testing.T) {
		terraformBlock := minimal[strings.Index(minimal, "terraform {"):strings.Index(minimal, `provider "flashback"`)]
		run := cli.Run(t, map[string]string{"versions.tf": terraformBlock, "main.tf": acctest.ExampleFile(t, "provider/options.tf")},
			nil, "validate", "-no-color")
		if run.Failed {
			t.Fatalf("terraform validate failed on the options example:\n%s%s", run.Stdout, run.Stderr)
		}
	})
}
