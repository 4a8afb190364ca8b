package store

import "sync"

// Memo keeps values by key from one compile to the next: Get finds what
// the last compile Put, and Done makes this compile's values the ones the
// next finds, so that keys no longer Put are forgotten. A nil *Memo keeps
// nothing. It is safe for concurrent use.
type Memo[V any] struct {
	mu   sync.Mutex
	last map[string]V
	next map[string]V
}

// Get returns the value the last compile Put under key, or the zero V.
func (m *Memo[V]) Get(key string) V {
	if m == nil {
		var zero V
		return zero
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.last[key]
}

// Put keeps v under key for the next compile.
func (m *Memo[V]) Put(key string, v V) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.next == nil {
		m.next = map[string]V{}
	}
	m.next[key] = v
}

// Done ends a compile: what it Put is what the next one Gets.
func (m *Memo[V]) Done() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.last, m.next = m.next, nil
}
