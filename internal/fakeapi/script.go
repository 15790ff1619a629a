package fakeapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Reply is one scripted answer, served instead of what the organization
// would answer.
type Reply struct {
	Status int
	Header map[string]string
	Body   string
	// Delay holds the answer back, to make the client time out.
	Delay time.Duration
	// Act makes the organization act on the request first, as it would
	// without the reply, and then serves the reply instead of its answer:
	// the answer of a write that took effect is lost, as when a proxy
	// answers 503 after the API acted.
	Act bool
	// Hangup closes the connection without an answer (after acting, with
	// Act): the client cannot tell whether its request took effect.
	Hangup bool
	// Omit makes the organization act and answer as it would, but with
	// these keys left out of the user in its answer (in "data", or the bare
	// user of GET /organization/users/{id}): an answer sparser than the
	// fake's, which the reference allows (every field is optional). Status,
	// Header and Body are not used.
	Omit []string
	// Method and Path, when set, limit the reply to requests with that
	// method and that path (after PathPrefix); others pass it by.
	Method string
	Path   string
}

// Script queues replies to serve, in order, before the organization
// answers: each request takes the first queued reply that matches it.
func (s *Server) Script(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, replies...)
}

// Always makes the server answer every matching request with reply, once
// the scripted replies are used up, instead of answering from the
// organization.
func (s *Server) Always(reply Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always = &reply
}

// nextReply takes the scripted reply for r, if any; s.mu is held.
func (s *Server) nextReply(r *http.Request) *Reply {
	for i := range s.replies {
		if s.matches(s.replies[i], r) {
			reply := s.replies[i]
			s.replies = append(s.replies[:i:i], s.replies[i+1:]...)
			return &reply
		}
	}
	if s.always != nil && s.matches(*s.always, r) {
		reply := *s.always
		return &reply
	}
	return nil
}

func (s *Server) matches(reply Reply, r *http.Request) bool {
	if reply.Method != "" && reply.Method != r.Method {
		return false
	}
	return reply.Path == "" || reply.Path == strings.TrimPrefix(r.URL.Path, s.PathPrefix)
}

func serveReply(w http.ResponseWriter, r *http.Request, reply Reply) {
	if reply.Delay > 0 {
		select {
		case <-time.After(reply.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if reply.Hangup {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
		panic(http.ErrAbortHandler) // a server that cannot hijack: net/http closes the connection
	}
	for k, v := range reply.Header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" && strings.HasPrefix(strings.TrimSpace(reply.Body), "{") {
		w.Header().Set("Content-Type", "application/json")
	}
	status := reply.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(reply.Body))
}

// omit leaves keys out of the user in an answer body: its "data" object
// when it has one, else the body itself.
func omit(body any, keys []string) any {
	raw, err := json.Marshal(body)
	if err != nil {
		return body
	}
	var answer map[string]any
	if json.Unmarshal(raw, &answer) != nil {
		return body
	}
	user := answer
	if data, ok := answer["data"].(map[string]any); ok {
		user = data
	}
	for _, k := range keys {
		delete(user, k)
	}
	return answer
}
