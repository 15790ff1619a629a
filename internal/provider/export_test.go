package provider

// Internals that the tests in package provider_test use.

// AllRoleNames is how the functions' errors list the valid names.
var AllRoleNames = allRoleNames

// NewFlashbackProvider builds the provider with the configuration its
// servers share, as NewServer does.
var NewFlashbackProvider = newFlashbackProvider
