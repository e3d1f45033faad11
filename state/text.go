package state

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csemu/csemu/state/netfmt"
)

// Text renders a stored property value as PowerShell shows it in a list
// or a message: "" for nil, True and False, numbers as .NET formats them,
// a list as {a, b} and a nested object (an allow list, a domain pattern)
// as Kind{Name=value; ...}. The change log, Test-AnonymousJoin's reasons
// and the -Filter of Get-CsOnlineUser all use it.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return netfmt.Float(x)
	case []any:
		parts := make([]string, len(x))
		for i, it := range x {
			parts[i] = Text(it)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *Object:
		parts := make([]string, 0, len(x.Props))
		for _, p := range x.Props {
			parts = append(parts, p.Name+"="+Text(p.Value))
		}
		return x.Kind + "{" + strings.Join(parts, "; ") + "}"
	}
	return fmt.Sprint(v)
}
