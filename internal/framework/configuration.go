package framework

import "sync"

// Configuration is what the provider's Configure made, shared by the
// servers of one provider instance: the data it gives the data sources (a
// client, or the settings not known yet; see ProviderClientFrom), and
// whether it deferred every read because the provider's configuration is
// not known yet and Terraform can wait for it.
type Configuration struct {
	mu       sync.RWMutex
	data     any
	deferred bool
}

// Set records what Configure made.
func (c *Configuration) Set(data any, deferred bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data, c.deferred = data, deferred
}

// Get returns what Set recorded last.
func (c *Configuration) Get() (any, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data, c.deferred
}
