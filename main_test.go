package main

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
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
// sorted. It reads the file's own simple layout, not YAML at large: a key
// alone on its line opens a list of "- value" items.
func goreleaserPlatforms(t *testing.T, name string) []string {
	t.Helper()
	var goos, goarch []string
	ignored := map[string]bool{}
	var list *[]string
	var ignoreOS string
	section := ""
	for _, line := range readLines(t, name) {
		text := strings.TrimSpace(line)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, value, isKey := strings.Cut(strings.TrimPrefix(text, "- "), ":")
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		switch {
		case isKey && value == "" && !strings.HasPrefix(text, "- "):
			section, list = key, nil
			switch key {
			case "goos":
				list = &goos
			case "goarch":
				list = &goarch
			}
		case section == "ignore" && isKey && key == "goos":
			ignoreOS = value
		case section == "ignore" && isKey && key == "goarch":
			ignored[ignoreOS+"/"+value] = true
		case list != nil && strings.HasPrefix(text, "- "):
			*list = append(*list, strings.Trim(strings.TrimPrefix(text, "- "), `"'`))
		default:
			list = nil
		}
	}
	var platforms []string
	for _, o := range goos {
		for _, a := range goarch {
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
