package api

import (
	"context"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"gongkai/migrations"
	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// tcpProxy forwards connections to a PostgreSQL server until stopped, so a
// test can take the database away and bring it back on the same address.
type tcpProxy struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	p := &tcpProxy{t: t, target: target}
	p.start("127.0.0.1:0")
	t.Cleanup(p.stop)
	return p
}

func (p *tcpProxy) start(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
}

// stop refuses new connections and cuts the open ones, as a database that
// went down would.
func (p *tcpProxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestDatabaseOutageIs503: while PostgreSQL refuses connections, every
// API request gets 503 problem+json with Retry-After, not 500 (issue 4/10),
// and the service recovers at once when it is back.
func TestDatabaseOutageIs503(t *testing.T) {
	dsn := dbtest.PostgresSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	px := newTCPProxy(t, u.Host)
	u.Host = px.addr
	db, err := models.Open(u.String(), models.OpenOptions{MaxOpenConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			s.Close()
		}
	})
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, db)
	officer, applicant := h.token("demo-officer"), h.token("demo-applicant")
	id := h.file(t, applicant, applicationBody(1)).ID
	down := func(name, method, url, token string, body any) scenario {
		return scenario{name: name, method: method, url: url, token: token, body: body,
			wantStatus: 503, wantHeaders: map[string]string{"Retry-After": present}, wantProblem: &wantProblem{code: "unavailable"}}
	}
	px.stop()
	t.Run("down", func(t *testing.T) {
		h.run(t, []scenario{
			down("login", "POST", "/api/v1/auth/login", "", map[string]string{"username": "demo-officer", "password": "gongkai-demo"}),
			down("queue", "GET", "/api/v1/applications?status=registered", officer, nil),
			down("case", "GET", appURL(id), officer, nil),
			down("action", "POST", appURL(id, "/actions/accept"), officer, map[string]any{"version": 1}),
			down("file", "POST", "/api/v1/applications", applicant, applicationBody(1)),
			down("public track", "GET", "/api/v1/public/track?trackingNumber=ZFB-2026-00001&queryCode=ABCDEFGH", "", nil),
			down("agencies", "GET", "/api/v1/agencies", "", nil),
			down("annual report", "GET", "/api/v1/reports/annual?year=2026&agencyId=1", officer, nil),
		})
	})
	px.start(px.addr)
	h.step(t, scenario{name: "after the database came back", method: "GET", url: appURL(id), token: officer, wantStatus: 200})
}
