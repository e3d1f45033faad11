package state

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// GroupAssignment assigns a policy to the members of a group. Rank 1 is
// the highest priority; the ranks of one policy type are always 1..n.
type GroupAssignment struct {
	GroupID     string
	PolicyType  string
	PolicyName  string
	Rank        int
	CreatedTime time.Time
	CreatedBy   string
}

// AddGroupAssignment adds ga at rank ga.Rank, shifting the assignments at
// that rank and below down by one. A rank of 0 or less, or beyond the last,
// appends. It fails with [ErrExists] when the group already has an
// assignment of ga.PolicyType. It returns the rank given.
func (t *Tenant) AddGroupAssignment(ga GroupAssignment) (int, error) {
	if ga.GroupID == "" || ga.PolicyType == "" {
		return 0, errors.New("group assignment needs a group ID and a policy type")
	}
	k := lower(ga.PolicyType)
	l := t.assign[k]
	for _, a := range l {
		if strings.EqualFold(a.GroupID, ga.GroupID) {
			return 0, fmt.Errorf("group %q already has a %s: %w", ga.GroupID, ga.PolicyType, ErrExists)
		}
	}
	i := ga.Rank - 1
	if i < 0 || i > len(l) {
		i = len(l)
	}
	l = slices.Insert(l, i, ga)
	renumber(l)
	t.assign[k] = l
	t.dirtyAssign[k] = true
	return i + 1, nil
}

// RemoveGroupAssignment removes the assignment of policyType to the group
// and renumbers the ones below it. It reports whether there was one.
func (t *Tenant) RemoveGroupAssignment(groupID, policyType string) bool {
	k := lower(policyType)
	l := t.assign[k]
	for i, a := range l {
		if strings.EqualFold(a.GroupID, groupID) {
			l = slices.Delete(l, i, i+1)
			renumber(l)
			if len(l) == 0 {
				delete(t.assign, k)
			} else {
				t.assign[k] = l
			}
			t.dirtyAssign[k] = true
			return true
		}
	}
	return false
}

func renumber(l []GroupAssignment) {
	for i := range l {
		l[i].Rank = i + 1
	}
}

// GroupAssignments returns a copy of the assignments of policyType sorted
// by rank, or of every policy type (sorted by type, then rank) when
// policyType is "".
func (t *Tenant) GroupAssignments(policyType string) []GroupAssignment {
	if policyType != "" {
		return slices.Clone(t.assign[lower(policyType)])
	}
	keys := make([]string, 0, len(t.assign))
	for k := range t.assign {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []GroupAssignment
	for _, k := range keys {
		out = append(out, t.assign[k]...)
	}
	return out
}

// GroupAssignment returns the assignment of policyType to the group.
func (t *Tenant) GroupAssignment(groupID, policyType string) (GroupAssignment, bool) {
	for _, a := range t.assign[lower(policyType)] {
		if strings.EqualFold(a.GroupID, groupID) {
			return a, true
		}
	}
	return GroupAssignment{}, false
}

// BatchOperation is a batch policy assignment operation
// (New-CsBatchPolicyAssignmentOperation).
type BatchOperation struct {
	ID             string
	OperationName  string
	OverallStatus  string
	CreatedBy      string
	CreatedTime    time.Time
	CompletedTime  time.Time
	ErrorCount     int
	CompletedCount int
	Users          []BatchUserState

	rec recHdr
}

// BatchUserState is the outcome of a batch operation for one user.
type BatchUserState struct {
	ID     string
	State  string
	Result string
}

func (b *BatchOperation) hdr() *recHdr { return &b.rec }

// PutBatch creates op or replaces the operation with the same ID.
func (t *Tenant) PutBatch(op *BatchOperation) error {
	if op == nil || op.ID == "" {
		return errors.New("batch operation needs an ID")
	}
	if _, _, err := t.batches.put(op, lower(op.ID)); err != nil {
		return fmt.Errorf("batch operation %q: %w", op.ID, err)
	}
	return nil
}

// Batch returns the batch operation id.
func (t *Tenant) Batch(id string) (*BatchOperation, bool) { return t.batches.get(lower(id)) }

// Batches returns the batch operations in creation order.
func (t *Tenant) Batches() []*BatchOperation { return t.batches.slice() }
