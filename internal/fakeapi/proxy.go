package fakeapi

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Proxy is an HTTP proxy, as HTTPS_PROXY names one, for tests: it tunnels
// CONNECT requests and records them, and the bytes the client sent through
// each tunnel, so that a test can tell what a proxy on the path could see.
type Proxy struct {
	// Route maps a CONNECT target (host:port) to the address to dial, so
	// that a made-up host name can reach a local server. When it is nil,
	// or returns "", the proxy refuses the tunnel with 502.
	Route func(target string) string

	mu       sync.Mutex
	connects []ProxyRequest
	sent     bytes.Buffer
}

// ProxyRequest is one request as the proxy saw it.
type ProxyRequest struct {
	Method string
	// Target is the CONNECT target, host:port, or the URL of another request.
	Target string
	Header http.Header
}

// maxRecorded bounds the tunneled bytes a Proxy keeps.
const maxRecorded = 1 << 20

// Requests returns the requests the proxy received.
func (p *Proxy) Requests() []ProxyRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]ProxyRequest(nil), p.connects...)
}

// Sent returns the bytes clients sent through the tunnels, up to 1 MiB.
func (p *Proxy) Sent() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.sent.Bytes())
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target := r.Host
	if r.Method != http.MethodConnect {
		target = r.URL.String()
	}
	p.mu.Lock()
	p.connects = append(p.connects, ProxyRequest{Method: r.Method, Target: target, Header: r.Header.Clone()})
	p.mu.Unlock()
	if r.Method != http.MethodConnect {
		http.Error(w, "this proxy only tunnels CONNECT requests", http.StatusMethodNotAllowed)
		return
	}
	addr := ""
	if p.Route != nil {
		addr = p.Route(target)
	}
	if addr == "" {
		http.Error(w, "no route to "+target, http.StatusBadGateway)
		return
	}
	upstream, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer func() { _ = upstream.Close() }()
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(conn, upstream)
		_ = conn.Close() // the server is done: end the client's side too
	}()
	// What the client sends may already sit in the server's read buffer.
	_, _ = io.Copy(upstream, io.TeeReader(io.MultiReader(io.LimitReader(buf, int64(buf.Reader.Buffered())), conn), (*recordWriter)(p)))
	if tcp, ok := upstream.(*net.TCPConn); ok {
		_ = tcp.CloseWrite()
	}
	<-done
}

// recordWriter appends what the client sent to the proxy's record.
type recordWriter Proxy

func (rw *recordWriter) Write(b []byte) (int, error) {
	p := (*Proxy)(rw)
	p.mu.Lock()
	defer p.mu.Unlock()
	if room := maxRecorded - p.sent.Len(); room > 0 {
		p.sent.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}
