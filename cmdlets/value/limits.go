package value

import (
	"fmt"
	"math"
	"strings"
)

// .NET's limits on the size of arrays and strings, which PowerShell's
// operators run into, and csemu's own budget: beyond it csemu reports the
// OutOfMemoryException pwsh gives on a machine without the memory, rather
// than allocating gigabytes.
const (
	// MaxArrayLength is Array.MaxLength: a longer array is "Array
	// dimensions exceeded supported range."
	MaxArrayLength = 0x7FFFFFC7
	// MaxStringLength is the longest .NET string, in UTF-16 code units.
	MaxStringLength = 0x3FFFFFDF
	// ElementBudget is the most items csemu puts in one array.
	ElementBudget = 50_000_000
	// StringBudget is the most UTF-16 code units csemu puts in one string.
	StringBudget = 1 << 28
)

// OutOfMemory is the exception of an allocation .NET (or csemu's budget)
// refuses.
func OutOfMemory() error {
	return &RuntimeError{Type: "System.OutOfMemoryException", Msg: "Exception of type 'System.OutOfMemoryException' was thrown."}
}

// ArrayTooLong is the OutOfMemoryException of an array longer than
// Array.MaxLength.
func ArrayTooLong() error {
	return &RuntimeError{Type: "System.OutOfMemoryException", Msg: "Array dimensions exceeded supported range."}
}

// CheckArrayLength reports the error of making an array of n items: past
// Array.MaxLength or past csemu's budget.
func CheckArrayLength(n int64) error {
	switch {
	case n > MaxArrayLength:
		return ArrayTooLong()
	case n > ElementBudget:
		return OutOfMemory()
	}
	return nil
}

// CheckStringLength reports the error of making a string of n UTF-16 code
// units.
func CheckStringLength(n int64) error {
	if n > MaxStringLength || n > StringBudget {
		return OutOfMemory()
	}
	return nil
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int64 { return int64(nfUTF16Len(s)) }

// multiplyString is "s" * times (PowerShell's StringOps.Multiply): the
// count is converted to [int]; a one-character string is new string(c,
// n), a longer one a buffer of len*n code units computed in Int32.
func multiplyString(s string, b any) (any, error) {
	n, err := ToInt(b)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, &RuntimeError{Type: "System.ArgumentOutOfRangeException",
			Msg: fmt.Sprintf("times ('%d') must be a non-negative value. (Parameter 'times')\nActual value was %d.", n, n)}
	}
	if n == 0 || s == "" {
		return "", nil
	}
	l := utf16Len(s)
	total := l * int64(n)
	if l > 1 {
		wrapped := int64(int32(total))
		switch {
		case wrapped < 0:
			return nil, &RuntimeError{Type: "System.ArgumentOutOfRangeException", Msg: "Specified argument was out of the range of valid values. (Parameter 'length')"}
		case wrapped > MaxStringLength:
			return nil, OutOfMemory()
		case wrapped != total:
			return nil, &RuntimeError{Type: "System.ArgumentOutOfRangeException", Msg: "Specified argument was out of the range of valid values."}
		}
	}
	if err := CheckStringLength(total); err != nil {
		return nil, err
	}
	return strings.Repeat(s, n), nil
}

// multiplyArray is @(...) * times (PowerShell's ArrayOps.Multiply): the
// count is converted to [uint32]; one copy is the array itself.
func multiplyArray(a *Array, b any) (any, error) {
	t, err := Convert(b, &Type{Name: TUInt32})
	if err != nil {
		return nil, err
	}
	times := t.(uint32)
	if times == 1 && !a.List {
		return a, nil
	}
	total := int64(len(a.Items)) * int64(times)
	if total > math.MaxInt32 {
		return nil, &RuntimeError{Type: "System.Management.Automation.PSInvalidCastException",
			Msg: fmt.Sprintf(`Cannot convert the "%d" value of type "System.Int64" to type "System.Int32".`, total)}
	}
	if err := CheckArrayLength(total); err != nil {
		return nil, err
	}
	items := make([]any, 0, total)
	for i := uint32(0); i < times; i++ {
		items = append(items, a.Items...)
	}
	if a.List {
		return &Array{Items: items}, nil
	}
	return &Array{Items: items, Elem: a.Elem}, nil
}
