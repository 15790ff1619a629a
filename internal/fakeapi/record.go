package fakeapi

import (
	"bytes"
	"io"
	"net/http"
)

// Call is one request as the fake received it.
type Call struct {
	Method string
	// Path is the request's path, PathPrefix included.
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	// request is the received request, for Requests.
	request *http.Request
}

// record keeps a request and its body; s.mu is held.
func (s *Server) record(r *http.Request, body []byte) {
	s.calls = append(s.calls, Call{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(),
		Body: bytes.Clone(body), request: r.Clone(r.Context()),
	})
}

// Calls returns the requests received so far, with their bodies.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		c.Header = c.Header.Clone()
		c.Body = bytes.Clone(c.Body)
		out[i] = c
	}
	return out
}

// CallsTo returns the requests received with that method and path (after
// PathPrefix), such as CallsTo("POST", "/organization/users").
func (s *Server) CallsTo(method, path string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Method == method && c.Path == s.PathPrefix+path {
			out = append(out, c)
		}
	}
	return out
}

// Requests returns the requests received so far; each one's Body reads
// what the client sent.
func (s *Server) Requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*http.Request, len(s.calls))
	for i, c := range s.calls {
		r := c.request.Clone(c.request.Context())
		r.Body = io.NopCloser(bytes.NewReader(c.Body))
		out[i] = r
	}
	return out
}

// RequestCount returns how many requests reached the server.
func (s *Server) RequestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}
