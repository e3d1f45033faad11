package cmdlets

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// cultureLCIDs names the cultures of the LCIDs a -Culture argument may
// give as a number ("1049" or "0x419").
func cultureLCIDs() map[int]string {
	return map[int]string{
		0x7f: "", 0x409: "en-US", 0x809: "en-GB", 0x407: "de-DE", 0x40c: "fr-FR", 0x410: "it-IT", 0x40a: "es-ES",
		0xc0a: "es-ES", 0x413: "nl-NL", 0x416: "pt-BR", 0x816: "pt-PT", 0x419: "ru-RU", 0x41d: "sv-SE", 0x406: "da-DK",
		0x40b: "fi-FI", 0x414: "nb-NO", 0x415: "pl-PL", 0x405: "cs-CZ", 0x41f: "tr-TR", 0x411: "ja-JP", 0x412: "ko-KR",
		0x804: "zh-CN", 0x404: "zh-TW",
	}
}

// orderCollation returns the collation of a Sort-Object, Group-Object or
// Compare-Object call: the current culture's (CLDR root collation for
// en-US), or that of -Culture, which OrderObjectBase reads as a culture
// name or an LCID (decimal, or hexadecimal after "0x").
func orderCollation(c *Call) (*value.Collation, error) {
	if !c.Has("Culture") {
		return value.NewCollation(), nil
	}
	name := strings.TrimSpace(c.String("Culture"))
	lcid, isNum := int64(0), false
	if strings.HasPrefix(strings.ToLower(name), "0x") && len(name) > 2 {
		n, err := strconv.ParseInt(name[2:], 16, 32)
		lcid, isNum = n, err == nil
	} else if n, err := strconv.ParseInt(strings.ReplaceAll(name, ",", ""), 10, 32); err == nil {
		lcid, isNum = n, true
	}
	if isNum {
		known, ok := cultureLCIDs()[int(lcid)]
		if !ok {
			return nil, &methodErr{typ: "NotImplemented", msg: fmt.Sprintf("-Culture %d (an LCID csemu does not map to a culture name)", lcid)}
		}
		name = known
	}
	col, ok := value.NewCultureCollation(name)
	if !ok {
		return nil, &value.RuntimeError{Type: "System.Globalization.CultureNotFoundException",
			Msg: fmt.Sprintf("Culture is not supported. (Parameter 'name')\n%s is an invalid culture identifier.", name)}
	}
	return col, nil
}
