package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The acceptance suite runs `go test -run '^TestAcc'` once per CLI, and the
// unit pass runs every test without TF_ACC, where acceptance tests skip.
// So a test runs where it should only when its name says what it is: an
// acceptance test named otherwise never runs, and a unit test named
// TestAcc… runs again on every CLI for nothing.

// acceptanceEntries are the calls that make a test an acceptance test, one
// that runs a CLI: terraform-plugin-testing's (resource.UnitTest runs the
// CLI too, without needing TF_ACC), and the CLI runner's.
var acceptanceEntries = map[string]bool{
	"resource.Test": true, "resource.ParallelTest": true, "resource.UnitTest": true, "acctest.NewCLIRunner": true,
}

// testFolders are the folders whose tests the check reads: this package's,
// the shared framework's, and each domain's.
func testFolders(t *testing.T) []string {
	t.Helper()
	domains, err := filepath.Glob(filepath.Join("..", "services", "*"))
	if err != nil || len(domains) == 0 {
		t.Fatalf("no domain folders under internal/services (%v)", err)
	}
	return append([]string{".", filepath.Join("..", "framework")}, domains...)
}

// packageCalls parses the test files of the package in dir and returns, for
// each function declared in them, the calls its body makes: a plain
// function name, or package.Name for a qualified one.
func packageCalls(t *testing.T, dir string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files in %s (%v)", dir, err)
	}
	calls := map[string][]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Recv != nil {
				continue
			}
			var called []string
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch e := n.(type) {
				case *ast.CallExpr:
					called = append(called, callName(e.Fun))
				case *ast.Ident:
					// A function passed as a value, such as a helper given to t.Run.
					called = append(called, e.Name)
				}
				return true
			})
			calls[fn.Name.Name] = called
		}
	}
	return calls
}

func callName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if pkg, ok := f.X.(*ast.Ident); ok {
			return pkg.Name + "." + f.Sel.Name
		}
		return f.Sel.Name
	}
	return ""
}

// reachesAcceptance reports whether fn calls an acceptance entry, itself or
// through the package's functions.
func reachesAcceptance(calls map[string][]string, fn string, seen map[string]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	for _, c := range calls[fn] {
		if acceptanceEntries[c] || reachesAcceptance(calls, c, seen) {
			return true
		}
	}
	return false
}

// TestTestNamesSayWhatTheyRun fails when a test named TestAcc… runs no
// acceptance test, or when a test that runs one has another name.
func TestTestNamesSayWhatTheyRun(t *testing.T) {
	checked := 0
	for _, dir := range testFolders(t) {
		calls := packageCalls(t, dir)
		for fn := range calls {
			if !strings.HasPrefix(fn, "Test") || fn == "TestMain" {
				continue
			}
			checked++
			named, runs := strings.HasPrefix(fn, "TestAcc"), reachesAcceptance(calls, fn, map[string]bool{})
			switch {
			case named && !runs:
				t.Errorf("%s (%s) is named as an acceptance test but runs none: rename it, so that it runs once, in the unit pass", fn, dir)
			case runs && !named:
				t.Errorf("%s (%s) runs an acceptance test but is not named TestAcc…: the acceptance suite (-run '^TestAcc') never runs it", fn, dir)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d tests found; the parse missed the packages' tests", checked)
	}
}
