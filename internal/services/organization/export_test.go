package organization

// Internals that the tests in package organization_test use.

// GuardLastOwner is guardLastOwner, for the unit test of its apply-time
// check, which needs the fake API that internal/acctest starts.
var GuardLastOwner = guardLastOwner

// The benchmarks' fake API, sizes and figure, for BenchmarkReadDataSource.
var (
	BenchAPI      = benchAPI
	BenchSizes    = benchSizes
	ReportPerUser = reportPerUser
)
