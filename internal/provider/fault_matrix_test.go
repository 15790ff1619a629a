package provider

import (
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The fault matrix is written for two readers. The contributor's matrix
// (FAULTS.md, beside this file) has, for each fault, a row: the fault, what
// the provider does, and the tests that show it, cited as
// `internal/<package>` followed by the test names of that package. The user
// guide (templates/guides/troubleshooting.md.tmpl, rendered into
// docs/guides/troubleshooting.md by make generate) has, for each error a
// user may see, its summary in italics and what to do. Both are tables
// under `## ` sections, one table per area.

const faultsMap = "internal/provider/FAULTS.md"

// guideFiles are the troubleshooting guide's source and the page generated from it.
var guideFiles = []string{"templates/guides/troubleshooting.md.tmpl", "docs/guides/troubleshooting.md"}

// faultRow is one row of a table: its section, its first cell (the fault,
// or the error a user sees), and the cells after it.
type faultRow struct {
	section, fault string
	cells          []string
}

func (r faultRow) key() string { return r.section + " / " + r.fault }

// citation is one test the contributor's matrix cites.
type citation struct {
	pkg, name string
}

var (
	backticked = regexp.MustCompile("`([^`]+)`")
	italics    = regexp.MustCompile(`\*([^*]+)\*`)
	testName   = regexp.MustCompile(`^(?:Test|Fuzz)[A-Za-z0-9_]+$`)
	// testFunc matches the declaration of a test or a fuzz target.
	testFunc = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]*)\(\w+ \*testing\.[TF]\) \{`)
)

// faultTable reads the rows of every table in text whose header starts with
// header ("| Fault |" or "| You see |"). Each row must have width non-empty
// cells, and a first cell may appear once in a section.
func faultTable(text, header string, width int) ([]faultRow, []string) {
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
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") || strings.HasPrefix(line, header) {
			continue
		}
		parts := strings.Split(strings.Trim(line, "|"), "|")
		if len(parts) != width {
			problems = append(problems, fmt.Sprintf("line %d has %d cells, want %d: %s", n+1, len(parts), width, line))
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
			problems = append(problems, fmt.Sprintf("two rows for %q", row.key()))
		}
		seen[row.key()] = true
		rows = append(rows, row)
	}
	return rows, problems
}

// citations returns the tests one cell of the contributor's matrix cites,
// and what is wrong with it.
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
// users, and names no test; and each error it names (in italics in the
// first cell) is one the code can report: a part of one of the code's
// strings, or two of them joined ("Not allowed to " + an action). A
// trailing " …" stands for the part the code fills in.
func guideProblems(rows []faultRow, literals []string) []string {
	var problems []string
	for _, r := range rows {
		for _, cell := range append([]string{r.fault}, r.cells...) {
			for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
				if testName.MatchString(m[1]) || strings.HasPrefix(m[1], "internal/") {
					problems = append(problems, fmt.Sprintf("row %q names %q: the tests belong in %s", r.key(), m[1], faultsMap))
				}
			}
		}
		named := italics.FindAllStringSubmatch(r.fault, -1)
		if len(named) == 0 {
			problems = append(problems, fmt.Sprintf("row %q names no error in italics", r.key()))
		}
		for _, m := range named {
			if summary := strings.TrimSuffix(m[1], " …"); !producedBy(summary, literals) {
				problems = append(problems, fmt.Sprintf("row %q names the error %q, which no string of the code produces", r.key(), summary))
			}
		}
	}
	return problems
}

// producedBy reports whether summary is part of one of literals, or two of
// them joined.
func producedBy(summary string, literals []string) bool {
	for _, l := range literals {
		if strings.Contains(l, summary) {
			return true
		}
		if rest, ok := strings.CutPrefix(summary, l); ok && l != "" && slices.Contains(literals, rest) {
			return true
		}
	}
	return false
}

// codeStrings returns the string literals of the Go files under dir, test
// files left out.
func codeStrings(t *testing.T, dir string) []string {
	t.Helper()
	var literals []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		var s scanner.Scanner
		s.Init(fset.AddFile(path, -1, len(src)), src, nil, 0)
		for {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				return nil
			}
			if tok == token.STRING {
				if text, err := strconv.Unquote(lit); err == nil {
					literals = append(literals, text)
				}
			}
		}
	})
	if err != nil || len(literals) == 0 {
		t.Fatalf("reading the string literals under %s: %d found (%v)", dir, len(literals), err)
	}
	return literals
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

// fromRoot turns a path from the repository's root into one from here.
func fromRoot(file string) string {
	return filepath.Join("..", "..", filepath.FromSlash(file))
}

// readRoot reads a file by its path from the repository's root.
func readRoot(t *testing.T, file string) string {
	t.Helper()
	text, err := os.ReadFile(fromRoot(file))
	if err != nil {
		t.Fatalf("reading the fault matrix: %v (make generate writes the guide's page)", err)
	}
	return string(text)
}

// TestFaultMatrixCitesExistingTests fails when a row of the contributor's
// matrix cites no test, or a test that its package does not declare; when
// the troubleshooting guide names a test, or an error the code cannot
// report; or when the guide's generated page differs from its source.
func TestFaultMatrixCitesExistingTests(t *testing.T) {
	literals := codeStrings(t, fromRoot("internal"))
	var guides [][]faultRow
	for _, file := range guideFiles {
		rows, problems := faultTable(readRoot(t, file), "| You see |", 2)
		problems = append(problems, guideProblems(rows, literals)...)
		for _, p := range problems {
			t.Errorf("%s: %s", file, p)
		}
		if len(rows) < 20 {
			t.Errorf("%s has %d rows; the guide lists the errors users see", file, len(rows))
		}
		guides = append(guides, rows)
	}
	if !reflect.DeepEqual(guides[0], guides[1]) {
		t.Errorf("%s and %s differ: run make generate", guideFiles[0], guideFiles[1])
	}

	mapped, problems := faultTable(readRoot(t, faultsMap), "| Fault |", 3)
	for _, p := range problems {
		t.Errorf("%s: %s", faultsMap, p)
	}
	if len(mapped) < 70 {
		t.Errorf("%s has %d rows; it lists every fault", faultsMap, len(mapped))
	}
	tests := map[string]map[string]bool{}
	for _, r := range mapped {
		cited, problems := citations(r.cells[1])
		for _, p := range problems {
			t.Errorf("%s, row %q: %s", faultsMap, r.key(), p)
		}
		for _, c := range cited {
			if tests[c.pkg] == nil {
				tests[c.pkg] = repositoryTests(t, fromRoot(c.pkg))
			}
			if !tests[c.pkg][c.name] {
				t.Errorf("%s, row %q: %s has no test %s", faultsMap, r.key(), c.pkg, c.name)
			}
		}
	}
}

// TestFaultMatrixParsing checks the parsers on rows they must accept and refuse.
func TestFaultMatrixParsing(t *testing.T) {
	good := "## S\n\n| Fault | Does | Tests |\n|---|---|---|\n" +
		"| A | retries | `internal/client` `TestX`, `FuzzY`; `internal/provider` `TestAccZ` |\n"
	rows, problems := faultTable(good, "| Fault |", 3)
	if len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("rows %v, problems %q, want one row and none", rows, problems)
	}
	if rows[0].key() != "S / A" {
		t.Errorf("key = %q, want %q", rows[0].key(), "S / A")
	}
	cited, problems := citations(rows[0].cells[1])
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
		"two columns":    "| D | `internal/client` `TestX` |",
		"an empty cell":  "| E |  | x |",
		"the same fault": "| F | a | b |\n| F | c | d |",
		"one column":     "| G |",
	} {
		if _, problems := faultTable(bad, "| Fault |", 3); len(problems) == 0 {
			t.Errorf("%s: the table %q was accepted", name, bad)
		}
	}

	literals := []string{"Flashback sign-in failed: wrong password", "Not allowed to ", "list the users"}
	for _, ok := range []string{"*Flashback sign-in failed: wrong password*", "*wrong password*", "*Not allowed to list the users*", "*Not allowed to …*"} {
		if p := guideProblems([]faultRow{{"S", ok, []string{"do this"}}}, literals); len(p) > 0 {
			t.Errorf("the error %s was refused: %q", ok, p)
		}
	}
	for name, row := range map[string]faultRow{
		"a test named":            {"S", "*wrong password*", []string{"shown by `TestX`"}},
		"an error the code lacks": {"S", "*Flashback sign-in failed: bad luck*", []string{"do this"}},
		"no error in italics":     {"S", "wrong password", []string{"do this"}},
		"a join of non-literals":  {"S", "*Not allowed to read the users*", []string{"do this"}},
	} {
		if p := guideProblems([]faultRow{row}, literals); len(p) == 0 {
			t.Errorf("%s: the row %v was accepted", name, row)
		}
	}
}
