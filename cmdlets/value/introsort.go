package value

import "math/bits"

// IntroSort sorts keys in place as .NET's ArraySortHelper<T>.IntrospectiveSort
// does (Array.Sort, List<T>.Sort): insertion sort for up to 16 items (with
// fixed exchanges for 2 and 3), else quicksort with a median-of-three
// pivot, falling back to heapsort past a depth limit. It is not stable;
// items that compare equal end up where .NET puts them, which Sort-Object
// -Unique depends on to choose which of them it keeps.
func IntroSort[T any](keys []T, cmp func(a, b T) int) {
	if len(keys) > 1 {
		introSort(keys, 2*(bits.Len(uint(len(keys)))), cmp)
	}
}

func introSort[T any](keys []T, depthLimit int, cmp func(a, b T) int) {
	size := len(keys)
	for size > 1 {
		if size <= 16 {
			switch size {
			case 2:
				swapIfGreater(keys, cmp, 0, 1)
				return
			case 3:
				swapIfGreater(keys, cmp, 0, 1)
				swapIfGreater(keys, cmp, 0, 2)
				swapIfGreater(keys, cmp, 1, 2)
				return
			}
			insertionSort(keys[:size], cmp)
			return
		}
		if depthLimit == 0 {
			heapSort(keys[:size], cmp)
			return
		}
		depthLimit--
		p := pickPivotAndPartition(keys[:size], cmp)
		introSort(keys[p+1:size], depthLimit, cmp)
		size = p
	}
}

func swapIfGreater[T any](keys []T, cmp func(a, b T) int, i, j int) {
	if cmp(keys[i], keys[j]) > 0 {
		keys[i], keys[j] = keys[j], keys[i]
	}
}

func pickPivotAndPartition[T any](keys []T, cmp func(a, b T) int) int {
	hi := len(keys) - 1
	middle := hi >> 1
	swapIfGreater(keys, cmp, 0, middle)
	swapIfGreater(keys, cmp, 0, hi)
	swapIfGreater(keys, cmp, middle, hi)
	pivot := keys[middle]
	keys[middle], keys[hi-1] = keys[hi-1], keys[middle]
	left, right := 0, hi-1
	for left < right {
		for left++; cmp(keys[left], pivot) < 0; left++ {
		}
		for right--; cmp(pivot, keys[right]) < 0; right-- {
		}
		if left >= right {
			break
		}
		keys[left], keys[right] = keys[right], keys[left]
	}
	if left != hi-1 {
		keys[left], keys[hi-1] = keys[hi-1], keys[left]
	}
	return left
}

func heapSort[T any](keys []T, cmp func(a, b T) int) {
	n := len(keys)
	for i := n >> 1; i >= 1; i-- {
		downHeap(keys, i, n, cmp)
	}
	for i := n; i > 1; i-- {
		keys[0], keys[i-1] = keys[i-1], keys[0]
		downHeap(keys, 1, i-1, cmp)
	}
}

func downHeap[T any](keys []T, i, n int, cmp func(a, b T) int) {
	d := keys[i-1]
	for i <= n>>1 {
		child := 2 * i
		if child < n && cmp(keys[child-1], keys[child]) < 0 {
			child++
		}
		if !(cmp(d, keys[child-1]) < 0) {
			break
		}
		keys[i-1] = keys[child-1]
		i = child
	}
	keys[i-1] = d
}

func insertionSort[T any](keys []T, cmp func(a, b T) int) {
	for i := 0; i < len(keys)-1; i++ {
		t := keys[i+1]
		j := i
		for j >= 0 && cmp(t, keys[j]) < 0 {
			keys[j+1] = keys[j]
			j--
		}
		keys[j+1] = t
	}
}
