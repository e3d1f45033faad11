package state

import "testing"

// The count of writes that changed nothing lives in memory only: a clone
// starts at zero and a commit does not save it.
func TestUnchangedCount(t *testing.T) {
	s := NewMemory()
	tn, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	tn.NoteUnchanged()
	tn.NoteUnchanged()
	if tn.Unchanged() != 2 {
		t.Errorf("Unchanged = %d, want 2", tn.Unchanged())
	}
	if c := tn.Clone(); c.Unchanged() != 0 {
		t.Errorf("clone Unchanged = %d, want 0", c.Unchanged())
	}
	if tn.Dirty() {
		t.Error("a write that changed nothing made the tenant dirty")
	}
	if err := s.Commit(tn); err != nil {
		t.Fatal(err)
	}
	again, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged() != 0 {
		t.Errorf("loaded Unchanged = %d, want 0", again.Unchanged())
	}
}
