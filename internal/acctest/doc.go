// Package acctest is the support the tests of every package of the
// provider share: the provider factories that serve the provider
// in-process (acctest.go), the fake API started on loopback, the provider
// block that points at it, the test token, a harness that drives the
// served provider over the protocol (protocol.go), the CLI runner and the
// helpers that watch a real CLI run (cli_runner.go, cli_commands.go), the
// examples read from examples/ (examples.go), and the sample organization's
// ids and checks (sample.go).
//
// It imports internal/provider, which imports every domain, so only test
// files import it, and only from an external test package (package
// provider_test, organization_test): a domain's internal tests (package
// organization) cannot, as that would be an import cycle. Those keep the
// few helpers they need beside them, and expose an internal to the external
// tests through an export_test.go where one needs it.
package acctest
