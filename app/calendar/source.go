package calendar

import "sync/atomic"

// Source holds the calendar currently in force. Readers call Get for each
// computation; an admin edit of the overrides builds a new Calendar and Sets
// it, which takes effect at once without a restart. Safe for concurrent use.
type Source struct {
	p atomic.Pointer[Calendar]
}

// NewSource returns a Source holding c, which must not be nil.
func NewSource(c *Calendar) *Source {
	s := &Source{}
	s.Set(c)
	return s
}

// Get returns the calendar in force.
func (s *Source) Get() *Calendar { return s.p.Load() }

// Set replaces the calendar in force. It panics if c is nil: a missing
// calendar is a wiring bug, not a state to run in.
func (s *Source) Set(c *Calendar) {
	if c == nil {
		panic("calendar: Source.Set(nil)")
	}
	s.p.Store(c)
}
