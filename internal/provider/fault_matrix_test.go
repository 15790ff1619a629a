package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The fault matrix (templates/guides/fault-matrix.md.tmpl, rendered into
// docs/guides/fault-matrix.md by make generate) names, for each fault, the
// tests that show what the provider does. Its last column cites them as
// `internal/<package>` followed by the test names of that package.

// matrixFiles are the matrix's source and the page generated from it.
var matrixFiles = []string{"templates/guides/fault-matrix.md.tmpl", "docs/guides/fault-matrix.md"}

// citation is one test the matrix cites.
type citation struct {
	pkg, name string
}

var (
	backticked = regexp.MustCompile("`([^`]+)`")
	testName   = regexp.MustCompile(`^(?:Test|Fuzz)[A-Za-z0-9_]+$`)
	// testFunc matches the declaration of a test or a fuzz target.
	testFunc = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]*)\(\w+ \*testing\.[TF]\) \{`)
)

// matrixCitations reads the rows of every table in a matrix file and
// returns, for each row, the tests its last column cites, and what is wrong
// with the rows.
func matrixCitations(text string) (map[string][]citation, []string) {
	rows := map[string][]citation{}
	var problems []string
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| Fault |") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			problems = append(problems, fmt.Sprintf("line %d has %d cells, want 3 (fault, what the provider does, tests): %s", n+1, len(cells), line))
			continue
		}
		fault := strings.TrimSpace(cells[0])
		pkg := ""
		var cited []citation
		for _, m := range backticked.FindAllStringSubmatch(cells[2], -1) {
			switch item := m[1]; {
			case strings.HasPrefix(item, "internal/"):
				pkg = item
			case testName.MatchString(item) && pkg != "":
				cited = append(cited, citation{pkg, item})
			default:
				problems = append(problems, fmt.Sprintf("row %q cites %q, which is neither `internal/<package>` nor a test name after one", fault, item))
			}
		}
		if len(cited) == 0 {
			problems = append(problems, fmt.Sprintf("row %q cites no test", fault))
		}
		if _, dup := rows[fault]; dup {
			problems = append(problems, fmt.Sprintf("two rows for the fault %q", fault))
		}
		rows[fault] = cited
	}
	return rows, problems
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

// TestFaultMatrixCitesExistingTests fails when the fault matrix cites a
// test that the repository does not have, or has a row that cites none, or
// when the generated page and its source cite different tests.
func TestFaultMatrixCitesExistingTests(t *testing.T) {
	root := filepath.Join("..", "..")
	tests := map[string]map[string]bool{}
	var perFile []map[string][]citation
	for _, file := range matrixFiles {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			t.Fatalf("reading the fault matrix: %v (make generate writes the page)", err)
		}
		rows, problems := matrixCitations(string(text))
		for _, p := range problems {
			t.Errorf("%s: %s", file, p)
		}
		if len(rows) < 40 {
			t.Errorf("%s has %d rows; the matrix lists every fault", file, len(rows))
		}
		for fault, cited := range rows {
			for _, c := range cited {
				if tests[c.pkg] == nil {
					tests[c.pkg] = repositoryTests(t, filepath.Join(root, filepath.FromSlash(c.pkg)))
				}
				if !tests[c.pkg][c.name] {
					t.Errorf("%s, row %q: %s has no test %s", file, fault, c.pkg, c.name)
				}
			}
		}
		perFile = append(perFile, rows)
	}
	if !reflect.DeepEqual(perFile[0], perFile[1]) {
		t.Errorf("%s and %s cite different tests: run make generate", matrixFiles[0], matrixFiles[1])
	}
}

// TestFaultMatrixParsing checks the parser on rows it must accept and refuse.
func TestFaultMatrixParsing(t *testing.T) {
	good := "| Fault | What | Shown by |\n|---|---|---|\n" +
		"| A | does | `internal/client` `TestX`, `FuzzY`; `internal/provider` `TestAccZ` |\n"
	rows, problems := matrixCitations(good)
	if len(problems) > 0 {
		t.Errorf("problems with a good row: %q", problems)
	}
	want := []citation{{"internal/client", "TestX"}, {"internal/client", "FuzzY"}, {"internal/provider", "TestAccZ"}}
	if !reflect.DeepEqual(rows["A"], want) {
		t.Errorf("citations = %v, want %v", rows["A"], want)
	}
	for name, bad := range map[string]string{
		"no package":   "| B | does | `TestX` |",
		"no test":      "| C | does | `internal/client` |",
		"two columns":  "| D | `internal/client` `TestX` |",
		"other markup": "| E | does | `internal/client` `max_retries` |",
	} {
		if _, problems := matrixCitations(bad); len(problems) == 0 {
			t.Errorf("%s: the row %q was accepted", name, bad)
		}
	}
}
