package cmdlets

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/csemu/csemu/cmdlets/value"
)

// measureStat is what Measure-Object gathers for one property (or for
// the objects themselves, "$_").
type measureStat struct {
	count                  int
	sum, sumPrev, variance float64
	min, max               any
	lines, words, chars    int
}

// measureTarget is one -Property expression: a name (maybe with
// wildcards) or a script block.
type measureTarget struct {
	name string
	sb   *ScriptBlock
}

// measureObjects is Measure-Object's end block, as Measure-Object.cs
// computes it: per property (wildcards resolved on each object, a
// hashtable's keys being its properties; a script block's value, named by
// its text) the count, the sum and average, the standard deviation
// (updated as each value comes), the minimum and maximum (as numbers when
// both are, else compared as text), or the lines, words and characters of
// the text. A value that is not a number is NonNumericInputObject and
// leaves the sums out.
func measureObjects(c *Call) error {
	items, _ := c.State.([]any)
	text := c.Bool("Line") || c.Bool("Word") || c.Bool("Character")
	all := c.Bool("AllStats")
	wantSum, wantAvg, wantSD := c.Bool("Sum") || all, c.Bool("Average") || all, c.Bool("StandardDeviation") || all
	wantMin, wantMax := c.Bool("Minimum") || all, c.Bool("Maximum") || all
	var targets []measureTarget
	for _, pv := range value.AsSlice(c.Arg("Property")) {
		if sb, ok := pv.(*ScriptBlock); ok {
			targets = append(targets, measureTarget{name: strings.TrimSpace(sb.Text), sb: sb})
		} else {
			targets = append(targets, measureTarget{name: value.ToString(pv)})
		}
	}
	hasProps := c.Has("Property")
	stats := map[string]*measureStat{}
	var order []string
	entry := func(name string) *measureStat {
		key := strings.ToLower(name)
		if st, ok := stats[key]; ok {
			return st
		}
		st := &measureStat{}
		stats[key] = st
		order = append(order, name)
		return st
	}
	nonNumeric := false
	col := value.NewCollation()
	analyze := func(name string, v any) error {
		st := entry(name)
		st.count++
		if text {
			s := ""
			if v != nil {
				s = c.s.toString(v)
			}
			st.chars += countChars(s, c.Bool("IgnoreWhiteSpace"))
			st.words += countWords(s)
			st.lines += countLines(s)
		}
		if wantSum || wantAvg || wantSD {
			f, err := value.ToFloat(v)
			if err != nil {
				nonNumeric = true
				return c.WriteError(&ErrorRecord{ID: "NonNumericInputObject", Category: InvalidType, Target: c.s.toString(v),
					Exception: "System.InvalidOperationException", Msg: fmt.Sprintf("Input object \"%s\" is not numeric.", c.s.toString(v))})
			}
			st.sumPrev = st.sum
			st.sum += f
			if st.count > 1 {
				avgPrev := st.sumPrev / float64(st.count-1)
				st.variance *= (float64(st.count) - 2.0) / float64(st.count-1)
				st.variance += (f - avgPrev) * (f - avgPrev) / float64(st.count)
			}
		}
		if wantMin {
			st.min = measureCompare(v, st.min, true, col)
		}
		if wantMax {
			st.max = measureCompare(v, st.max, false, col)
		}
		return nil
	}
	for _, it := range items {
		if it == nil {
			continue
		}
		if !hasProps {
			if err := analyze("$_", it); err != nil {
				return err
			}
			continue
		}
		counted := map[string]bool{}
		for _, t := range targets {
			if t.sb != nil {
				if counted[strings.ToLower(t.name)] {
					continue
				}
				counted[strings.ToLower(t.name)] = true
				v, err := c.s.invokeScriptBlockValue(c.fr, t.sb, it, nil, true)
				if err != nil {
					return err
				}
				if err := analyze(t.name, v); err != nil {
					return err
				}
				continue
			}
			names := measureResolve(it, t.name)
			if len(names) == 0 {
				if !value.HasWildcard(t.name) {
					entry(t.name)
				}
				continue
			}
			for _, n := range names {
				if counted[strings.ToLower(n)] {
					continue
				}
				counted[strings.ToLower(n)] = true
				if err := analyze(n, measureValue(c, it, n)); err != nil {
					return err
				}
			}
		}
	}
	if len(items) == 0 && !hasProps {
		entry("$_")
	}
	for _, name := range order {
		st := stats[strings.ToLower(name)]
		if st.count == 0 && hasProps {
			if c.s.strict && c.s.strictVersion >= 2 {
				id := "GenericMeasurePropertyNotFound"
				if text {
					id = "TextMeasurePropertyNotFound"
				}
				if err := c.WriteError(&ErrorRecord{ID: id, Category: ObjectNotFound, Exception: "System.Management.Automation.PSArgumentException",
					Msg: fmt.Sprintf("The property \"%s\" cannot be found in the input for any objects.", name)}); err != nil {
					return err
				}
			}
			continue
		}
		var o *value.Object
		if text {
			o = value.NewObject("Microsoft.PowerShell.Commands.TextMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo")
			var lines, words, chars any
			if c.Bool("Line") {
				lines = st.lines
			}
			if c.Bool("Word") {
				words = st.words
			}
			if c.Bool("Character") {
				chars = st.chars
			}
			o.Set("Lines", lines)
			o.Set("Words", words)
			o.Set("Characters", chars)
		} else {
			var sum, avg, sd any
			if !nonNumeric {
				if wantSum {
					sum = st.sum
				}
				if wantAvg && st.count > 0 {
					avg = st.sum / float64(st.count)
				}
				if wantSD {
					sd = math.Sqrt(st.variance)
				}
			}
			minF, minNum := measureDouble(st.min)
			maxF, maxNum := measureDouble(st.max)
			if (st.min == nil || minNum) && (st.max == nil || maxNum) {
				o = value.NewObject("Microsoft.PowerShell.Commands.GenericMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo")
				o.Set("Count", st.count)
				o.Set("Average", avg)
				o.Set("Sum", sum)
				o.Set("Maximum", nilUnless(st.max != nil, maxF))
				o.Set("Minimum", nilUnless(st.min != nil, minF))
				o.Set("StandardDeviation", sd)
			} else {
				o = value.NewObject("Microsoft.PowerShell.Commands.GenericObjectMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo")
				o.Set("Count", st.count)
				o.Set("Average", avg)
				o.Set("Sum", sum)
				o.Set("Maximum", st.max)
				o.Set("Minimum", st.min)
			}
		}
		var prop any
		if hasProps {
			prop = name
		}
		o.Set("Property", prop)
		if err := c.Write(o); err != nil {
			return err
		}
	}
	return nil
}

// nilUnless is v when ok, else $null.
func nilUnless(ok bool, v any) any {
	if ok {
		return v
	}
	return nil
}

// measureDouble converts a minimum or maximum to a double when it can.
func measureDouble(v any) (float64, bool) {
	if v == nil {
		return 0, false
	}
	f, err := value.ToFloat(v)
	return f, err == nil
}

// measureCompare keeps the minimum (isMin) or maximum of v and the one
// so far: both as doubles when they convert, else as text when their
// types differ (MeasureObjectCommand.Compare).
func measureCompare(v, cur any, isMin bool, col *value.Collation) any {
	if cur == nil {
		return v
	}
	a, b := any(cur), any(v)
	if f, ok := measureDouble(cur); ok {
		a = f
	}
	if f, ok := measureDouble(v); ok {
		b = f
	}
	if a != nil && b != nil && value.TypeName(a) != value.TypeName(b) {
		a, b = value.ToString(a), value.ToString(b)
	}
	r := sortCompare(a, b, true, col)
	if !isMin {
		r = -r
	}
	if r > 0 {
		return v
	}
	return cur
}

// measureResolve lists the property names of v that pattern names (a
// hashtable's keys are its properties).
func measureResolve(v any, pattern string) []string {
	var names []string
	if h, ok := v.(*value.Hashtable); ok {
		for _, k := range h.Keys() {
			names = append(names, value.ToString(k))
		}
	} else {
		names = propertyNames(v)
	}
	var out []string
	for _, n := range names {
		if value.Like(n, pattern, false) {
			out = append(out, n)
		}
	}
	return out
}

// measureValue is property name of v (a hashtable's entry).
func measureValue(c *Call, v any, name string) any {
	if h, ok := v.(*value.Hashtable); ok {
		for i, k := range h.Keys() {
			if strings.EqualFold(value.ToString(k), name) {
				return h.Values()[i]
			}
		}
	}
	pv, _ := c.s.getMember(v, name)
	return pv
}

// countChars, countWords and countLines are Measure-Object's text
// counts: characters (less white space with -IgnoreWhiteSpace), runs of
// non-space characters, and lines ("\n" ends one; a last line without it
// counts too).
func countChars(s string, ignoreWhiteSpace bool) int {
	n := 0
	for _, r := range s {
		if ignoreWhiteSpace && unicode.IsSpace(r) {
			continue
		}
		// a .NET string's length counts UTF-16 code units
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func countWords(s string) int {
	n, space := 0, true
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			n++
		}
		space = false
	}
	return n
}

func countLines(s string) int {
	if s == "" {
		return 0
	}
	n := strings.Count(s, "\n")
	if s[len(s)-1] != '\n' {
		n++
	}
	return n
}
