package cmdlets

import "math/bits"

// introSort sorts n items in place as .NET's ArraySortHelper does
// (List<T>.Sort with a comparer: introspective sort, insertion sort for
// 16 items or fewer, a sorting network for 2 and 3, heap sort past the
// depth limit). It is not stable, and items that compare equal end up in
// the order .NET leaves them in, which is what Sort-Object without
// -Stable writes (SortObjectCommand.FullSort).
func introSort(n int, cmp func(i, j int) int, swap func(i, j int)) {
	if n > 1 {
		introSortRange(0, n, 2*(bits.Len(uint(n))), cmp, swap)
	}
}

func introSortRange(lo, n, depth int, cmp func(i, j int) int, swap func(i, j int)) {
	swapIfGreater := func(i, j int) {
		if cmp(i, j) > 0 {
			swap(i, j)
		}
	}
	for n > 1 {
		if n <= 16 {
			switch n {
			case 2:
				swapIfGreater(lo, lo+1)
			case 3:
				swapIfGreater(lo, lo+1)
				swapIfGreater(lo, lo+2)
				swapIfGreater(lo+1, lo+2)
			default:
				// insertion sort, moving the item left while it is less
				for i := lo; i < lo+n-1; i++ {
					for j := i; j >= lo && cmp(j+1, j) < 0; j-- {
						swap(j, j+1)
					}
				}
			}
			return
		}
		if depth == 0 {
			heapSortRange(lo, n, cmp, swap)
			return
		}
		depth--
		p := pickPivotAndPartition(lo, n, cmp, swap)
		introSortRange(p+1, lo+n-(p+1), depth, cmp, swap)
		n = p - lo
	}
}

// pickPivotAndPartition is ArraySortHelper.PickPivotAndPartition: the
// median of the first, middle and last items is the pivot, kept at
// hi-1 while the rest is partitioned. It returns the pivot's index.
func pickPivotAndPartition(lo, n int, cmp func(i, j int) int, swap func(i, j int)) int {
	hi := lo + n - 1
	mid := lo + (n-1)>>1
	swapIfGreater := func(i, j int) {
		if cmp(i, j) > 0 {
			swap(i, j)
		}
	}
	swapIfGreater(lo, mid)
	swapIfGreater(lo, hi)
	swapIfGreater(mid, hi)
	swap(mid, hi-1)
	pivot := hi - 1
	left, right := lo, hi-1
	for left < right {
		for left++; cmp(left, pivot) < 0; left++ {
		}
		for right--; cmp(pivot, right) < 0; right-- {
		}
		if left >= right {
			break
		}
		swap(left, right)
	}
	if left != hi-1 {
		swap(left, hi-1)
	}
	return left
}

// heapSortRange is ArraySortHelper.HeapSort on n items from lo.
func heapSortRange(lo, n int, cmp func(i, j int) int, swap func(i, j int)) {
	down := func(i, n int) {
		for i <= n>>1 {
			child := 2 * i
			if child < n && cmp(lo+child-1, lo+child) < 0 {
				child++
			}
			if !(cmp(lo+i-1, lo+child-1) < 0) {
				break
			}
			swap(lo+i-1, lo+child-1)
			i = child
		}
	}
	for i := n >> 1; i >= 1; i-- {
		down(i, n)
	}
	for i := n; i > 1; i-- {
		swap(lo, lo+i-1)
		down(1, i-1)
	}
}
