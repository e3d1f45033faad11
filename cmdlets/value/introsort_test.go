package value

import (
	"slices"
	"testing"
)

// TestIntroSortOrders checks that IntroSort sorts inputs of every size
// class (the 2- and 3-item exchanges, insertion sort, quicksort) with many
// duplicates, as Array.Sort would.
func TestIntroSortOrders(t *testing.T) {
	cmp := func(a, b int) int { return a - b }
	for _, n := range []int{0, 1, 2, 3, 5, 16, 17, 100, 1000} {
		x := uint32(12345)
		in := make([]int, n)
		for i := range in {
			x = x*1664525 + 1013904223
			in[i] = int(x>>16) % 50
		}
		got := slices.Clone(in)
		IntroSort(got, cmp)
		want := slices.Clone(in)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: got %v, want %v", n, got, want)
		}
	}
}

// TestIntroSortThreeItems follows .NET's exchanges for three items
// (SwapIfGreater 0-1, 0-2, 1-2): of two equal keys the later one can come
// first.
func TestIntroSortThreeItems(t *testing.T) {
	type kv struct{ k, id int }
	in := []kv{{2, 0}, {2, 1}, {1, 2}}
	IntroSort(in, func(a, b kv) int { return b.k - a.k }) // descending
	want := []kv{{2, 0}, {2, 1}, {1, 2}}
	if !slices.Equal(in, want) {
		t.Errorf("got %v, want %v", in, want)
	}
	in = []kv{{1, 0}, {1, 1}, {2, 2}}
	IntroSort(in, func(a, b kv) int { return b.k - a.k })
	want = []kv{{2, 2}, {1, 1}, {1, 0}}
	if !slices.Equal(in, want) {
		t.Errorf("got %v, want %v", in, want)
	}
}
