package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The fault matrix is written twice over, for two readers. The user guide
// (templates/guides/fault-matrix.md.tmpl, rendered into
// docs/guides/fault-matrix.md by make generate) says, for each fault, what
// the provider does and what to do. The contributor map (FAULTS.md, beside
// this file) cites, for each fault of the guide, the tests that show it, as
// `internal/<package>` followed by the test names of that package. Both are
// tables under the same `## ` sections, whose first column is the fault.

const faultsMap = "internal/provider/FAULTS.md"

// guideFiles are the guide's source and the page generated from it.
var guideFiles = []string{"templates/guides/fault-matrix.md.tmpl", "docs/guides/fault-matrix.md"}

// faultRow is one row of a fault table: its section, its fault, and the
// cells after the fault.
type faultRow struct {
	section, fault string
	cells          []string
}

func (r faultRow) key() string { return r.section + " / " + r.fault }

// citation is one test the contributor map cites.
type citation struct {
	pkg, name string
}

var (
	backticked = regexp.MustCompile("`([^`]+)`")
	testName   = regexp.MustCompile(`^(?:Test|Fuzz)[A-Za-z0-9_]+$`)
	// testFunc matches the declaration of a test or a fuzz target.
	testFunc = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]*)\(\w+ \*testing\.[TF]\) \{`)
)

// faultTable reads the rows of every table in a fault file whose header
// starts with "| Fault |". Each row must have two non-empty cells (the
// fault, then what the provider does or the tests), and a fault may appear
// once in a section.
func faultTable(text string) ([]faultRow, []string) {
	var rows []faultRow
	var problems []string
	seen := map[string]bool{}
	section := ""
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if title, ok := strings.CutPrefix(line, "## "); ok {
			section = title
			continue
		}
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| Fault |") {
			continue
		}
		parts := strings.Split(strings.Trim(line, "|"), "|")
		if len(parts) != 2 {
			problems = append(problems, fmt.Sprintf("line %d has %d cells, want 2: %s", n+1, len(parts), line))
			continue
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
			if parts[i] == "" {
				problems = append(problems, fmt.Sprintf("line %d has an empty cell: %s", n+1, line))
			}
		}
		row := faultRow{section: section, fault: parts[0], cells: parts[1:]}
		if seen[row.key()] {
			problems = append(problems, fmt.Sprintf("two rows for the fault %q", row.key()))
		}
		seen[row.key()] = true
		rows = append(rows, row)
	}
	return rows, problems
}

// citations returns the tests one cell of the contributor map cites, and
// what is wrong with it.
func citations(cell string) ([]citation, []string) {
	var cited []citation
	var problems []string
	pkg := ""
	for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
		switch item := m[1]; {
		case strings.HasPrefix(item, "internal/"):
			pkg = item
		case testName.MatchString(item) && pkg != "":
			cited = append(cited, citation{pkg, item})
		default:
			problems = append(problems, fmt.Sprintf("cites %q, which is neither `internal/<package>` nor a test name after one", item))
		}
	}
	if len(cited) == 0 {
		problems = append(problems, "cites no test")
	}
	return cited, problems
}

// guideProblems returns what is wrong with the guide's rows: a guide is for
// users, and names no test.
func guideProblems(rows []faultRow) []string {
	var problems []string
	for _, r := range rows {
		for _, cell := range r.cells {
			for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
				if testName.MatchString(m[1]) || strings.HasPrefix(m[1], "internal/") {
					problems = append(problems, fmt.Sprintf("row %q names %q: the tests belong in %s", r.key(), m[1], faultsMap))
				}
			}
		}
	}
	return problems
}

// keys returns the sorted keys of rows.
func keys(rows []faultRow) []string {
	var k []string
	for _, r := range rows {
		k = append(k, r.key())
	}
	slices.Sort(k)
	return k
}

// repositoryTests returns the tests and fuzz targets declared in the
// *_test.go files of a package folder.
func repositoryTests(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files in %s (%v)", dir, err)
	}
	found := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range testFunc.FindAllStringSubmatch(string(src), -1) {
			found[m[1]] = true
		}
	}
	return found
}

// readRoot reads a file by its path from the repository's root.
func readRoot(t *testing.T, file string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(file)))
	if err != nil {
		t.Fatalf("reading the fault matrix: %v (make generate writes the guide's page)", err)
	}
	return string(text)
}

// TestFaultMatrixCitesExistingTests fails when the contributor map cites a
// test that the repository does not have, or has a row that cites none;
// when the guide and the map list different faults; when the guide names a
// test; or when the generated page differs from its source.
func TestFaultMatrixCitesExistingTests(t *testing.T) {
	var guides [][]faultRow
	for _, file := range guideFiles {
		rows, problems := faultTable(readRoot(t, file))
		problems = append(problems, guideProblems(rows)...)
		for _, p := range problems {
			t.Errorf("%s: %s", file, p)
		}
		if len(rows) < 40 {
			t.Errorf("%s has %d rows; the guide lists every fault", file, len(rows))
		}
		guides = append(guides, rows)
	}
	if !reflect.DeepEqual(guides[0], guides[1]) {
		t.Errorf("%s and %s list different faults: run make generate", guideFiles[0], guideFiles[1])
	}

	mapped, problems := faultTable(readRoot(t, faultsMap))
	for _, p := range problems {
		t.Errorf("%s: %s", faultsMap, p)
	}
	tests := map[string]map[string]bool{}
	for _, r := range mapped {
		cited, problems := citations(r.cells[0])
		for _, p := range problems {
			t.Errorf("%s, row %q: %s", faultsMap, r.key(), p)
		}
		for _, c := range cited {
			if tests[c.pkg] == nil {
				tests[c.pkg] = repositoryTests(t, filepath.Join("..", "..", filepath.FromSlash(c.pkg)))
			}
			if !tests[c.pkg][c.name] {
				t.Errorf("%s, row %q: %s has no test %s", faultsMap, r.key(), c.pkg, c.name)
			}
		}
	}

	inGuide, inMap := keys(guides[0]), keys(mapped)
	for _, k := range inGuide {
		if _, found := slices.BinarySearch(inMap, k); !found {
			t.Errorf("the guide's fault %q has no row in %s: add one citing its tests", k, faultsMap)
		}
	}
	for _, k := range inMap {
		if _, found := slices.BinarySearch(inGuide, k); !found {
			t.Errorf("%s cites tests for %q, which is no fault of %s", faultsMap, k, guideFiles[0])
		}
	}
}

// TestFaultMatrixParsing checks the parsers on rows they must accept and refuse.
func TestFaultMatrixParsing(t *testing.T) {
	good := "## S\n\n| Fault | Tests |\n|---|---|\n" +
		"| A | `internal/client` `TestX`, `FuzzY`; `internal/provider` `TestAccZ` |\n"
	rows, problems := faultTable(good)
	if len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("rows %v, problems %q, want one row and none", rows, problems)
	}
	if rows[0].key() != "S / A" {
		t.Errorf("key = %q, want %q", rows[0].key(), "S / A")
	}
	cited, problems := citations(rows[0].cells[0])
	want := []citation{{"internal/client", "TestX"}, {"internal/client", "FuzzY"}, {"internal/provider", "TestAccZ"}}
	if len(problems) > 0 || !reflect.DeepEqual(cited, want) {
		t.Errorf("citations = %v (problems %q), want %v", cited, problems, want)
	}
	for name, bad := range map[string]string{
		"no package":   "`TestX`",
		"no test":      "`internal/client`",
		"other markup": "`internal/client` `max_retries`",
	} {
		if _, problems := citations(bad); len(problems) == 0 {
			t.Errorf("%s: the cell %q was accepted", name, bad)
		}
	}
	for name, bad := range map[string]string{
		"three columns":   "| D | does | `internal/client` `TestX` |",
		"an empty cell":   "| E |  |",
		"the same fault":  "| F | a |\n| F | b |",
		"one column only": "| G |",
	} {
		if _, problems := faultTable(bad); len(problems) == 0 {
			t.Errorf("%s: the table %q was accepted", name, bad)
		}
	}
	if p := guideProblems([]faultRow{{"S", "H", []string{"shown by `TestX`"}}}); len(p) == 0 {
		t.Error("a guide row naming a test was accepted")
	}
}
