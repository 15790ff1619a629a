package main

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestReleasePlatforms checks that the release build (.goreleaser.yml) and
// `make release-check` (RELEASE_PLATFORMS in GNUmakefile) cover the same
// platforms, so that release-check cross-compiles what a release ships.
func TestReleasePlatforms(t *testing.T) {
	fromMake := makefilePlatforms(t, "GNUmakefile")
	fromGoreleaser := goreleaserPlatforms(t, ".goreleaser.yml")
	if len(fromMake) == 0 || len(fromGoreleaser) == 0 {
		t.Fatalf("no platforms read: GNUmakefile %q, .goreleaser.yml %q", fromMake, fromGoreleaser)
	}
	if !slices.Equal(fromMake, fromGoreleaser) {
		t.Errorf("RELEASE_PLATFORMS in GNUmakefile = %q,\nbut .goreleaser.yml builds %q", fromMake, fromGoreleaser)
	}
}

// makefilePlatforms reads RELEASE_PLATFORMS, continuation lines included,
// sorted.
func makefilePlatforms(t *testing.T, name string) []string {
	t.Helper()
	var platforms []string
	in := false
	for _, line := range readLines(t, name) {
		if !in {
			rest, ok := strings.CutPrefix(line, "RELEASE_PLATFORMS :=")
			if !ok {
				continue
			}
			in, line = true, rest
		}
		more := strings.HasSuffix(line, "\\")
		platforms = append(platforms, strings.Fields(strings.TrimSuffix(line, "\\"))...)
		if !more {
			break
		}
	}
	slices.Sort(platforms)
	return platforms
}

// goreleaserPlatforms reads the goos and goarch lists and the ignore entries
// of the one build in name, and returns goos x goarch less the ignores,
// sorted.
func goreleaserPlatforms(t *testing.T, name string) []string {
	t.Helper()
	text, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		Builds []struct {
			Goos   []string `yaml:"goos"`
			Goarch []string `yaml:"goarch"`
			Ignore []struct {
				Goos   string `yaml:"goos"`
				Goarch string `yaml:"goarch"`
			} `yaml:"ignore"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(text, &config); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(config.Builds) != 1 {
		t.Fatalf("%s has %d builds, want one", name, len(config.Builds))
	}
	build := config.Builds[0]
	ignored := map[string]bool{}
	for _, i := range build.Ignore {
		ignored[i.Goos+"/"+i.Goarch] = true
	}
	var platforms []string
	for _, o := range build.Goos {
		for _, a := range build.Goarch {
			if !ignored[o+"/"+a] {
				platforms = append(platforms, o+"/"+a)
			}
		}
	}
	slices.Sort(platforms)
	return platforms
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
