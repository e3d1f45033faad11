package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/parser"
)

// What csemu refuses with [NotImplemented] is decided by the tables below,
// which the evaluator consults when it meets a construct and which
// [Unsupported] consults without running anything, so that lint reports
// exactly what a run would refuse.

// blockAttrSupported reports whether csemu runs an attribute of a param
// block (its name as attrName gives it): what it honours, and what pwsh
// itself gives no effect on running code (see signature).
func blockAttrSupported(name string) bool {
	switch name {
	case "cmdletbinding", "outputtype", "suppressmessage", "debuggerhidden", "alias":
		return true
	}
	return false
}

// paramAttrSupported reports whether csemu runs an attribute of a
// parameter (see parameterAttrs and validatorOf).
func paramAttrSupported(name string) bool {
	switch name {
	case "parameter", "alias", "allownull", "allowemptystring", "allowemptycollection", "pstypename", "credential",
		"argumentcompleter", "argumentcompletions", "supportswildcards", "psdefaultvalue", "hidden", "suppressmessage", "debuggerhidden",
		"validatenotnull", "validatenotnullorempty", "validatenotnullorwhitespace", "validateset", "validatecount",
		"validatelength", "validaterange", "validatepattern", "validatescript":
		return true
	}
	return false
}

// cmdletBindingArgSupported reports whether csemu runs a named argument of
// [CmdletBinding()] (lower case).
func cmdletBindingArgSupported(name string) bool {
	switch name {
	case "supportsshouldprocess", "defaultparametersetname", "positionalbinding", "confirmimpact", "helpuri", "remotingcapability":
		return true
	}
	return false
}

// parameterArgSupported reports whether csemu runs a named argument of
// [Parameter()] (lower case).
func parameterArgSupported(name string) bool {
	switch name {
	case "mandatory", "position", "valuefrompipeline", "valuefrompipelinebypropertyname", "valuefromremainingarguments",
		"parametersetname", "helpmessage", "dontshow":
		return true
	}
	return false
}

// backgroundJobWhat names a pipeline run as a job (a trailing &).
const backgroundJobWhat = "a background job (the & operator)"

// unsupportedUsing names a using statement of kind that csemu does not
// run ("" for using namespace and using module).
func unsupportedUsing(kind string) string {
	switch strings.ToLower(kind) {
	case "namespace", "module":
		return ""
	case "assembly":
		return "using assembly"
	}
	return "using " + kind
}

// What a run names for the #requires parameters it refuses.
const (
	requiresSnapinWhat   = "#requires -PSSnapin (snap-ins are not part of PowerShell 7)"
	requiresAssemblyWhat = "#requires -Assembly (loading .NET assemblies)"
)

// UnsupportedRequires lists the #requires comments of a script's source
// that a run refuses with [NotImplemented] (-PSSnapin, -Assembly), at
// the comment; the run reports them at the start of the script.
func UnsupportedRequires(file, src string) []NotEmulated {
	comments := requiresComments(file, src)
	if len(comments) == 0 {
		return nil
	}
	s := NewSession()
	var out []NotEmulated
	for _, c := range comments {
		req := &requirements{}
		s.readRequires(req, src[c[0]+1:c[1]], func(int, int, string, string) {})
		at := posAt(file, src, c[0])
		if len(req.snapins) > 0 {
			out = append(out, NotEmulated{Pos: at, What: requiresSnapinWhat})
		}
		if len(req.assemblies) > 0 {
			out = append(out, NotEmulated{Pos: at, What: requiresAssemblyWhat})
		}
	}
	return out
}

// NotEmulated is a construct of a script that csemu refuses with
// [NotImplemented] when it runs it.
type NotEmulated struct {
	Pos parser.Pos
	// What names the construct, as the run's error does.
	What string
}

// Unsupported lists, in source order, the constructs of script that a run
// would refuse with [NotImplemented]: attributes of param blocks and
// parameters that csemu does not honour and arguments of [Parameter()] and
// [CmdletBinding()] it does not know, dynamicparam blocks, generic
// method calls, background jobs and using assembly. Commands that csemu does not emulate are the command
// table's to tell ([Commands.Lookup], [Commands.IsReal]).
func Unsupported(script *parser.Script) []NotEmulated {
	var out []NotEmulated
	add := func(pos parser.Pos, what string) { out = append(out, NotEmulated{Pos: pos, What: what}) }
	body := func(b *parser.ScriptBlockBody) {
		if b == nil {
			return
		}
		for _, nb := range b.Named {
			if strings.EqualFold(nb.Name, "dynamicparam") {
				add(nb.Pos, "a dynamicparam block")
			}
		}
		if b.Param != nil {
			for _, a := range b.Param.Attrs {
				name := attrName(a.Name)
				if !blockAttrSupported(name) {
					add(a.Pos, "the ["+a.Name+"()] attribute on a param block")
					continue
				}
				if name == "cmdletbinding" {
					for _, arg := range a.Args {
						if arg.Name != "" && !cmdletBindingArgSupported(strings.ToLower(arg.Name)) {
							add(arg.Pos, "[CmdletBinding("+arg.Name+")]")
						}
					}
				}
			}
			params(b.Param.Params, add)
		}
	}
	parser.Walk(script, func(n any) bool {
		switch x := n.(type) {
		case *parser.ScriptBlockBody:
			body(x)
		case *parser.FunctionDefinition:
			params(x.Params, add)
		case *parser.PipelineStatement:
			if x.Background {
				add(x.Pos, backgroundJobWhat)
			}
		case *parser.UsingStatement:
			if what := unsupportedUsing(x.Kind); what != "" {
				add(x.Pos, what)
			}
		case *parser.Unary:
			for _, p := range x.Post {
				if len(p.Generic) > 0 {
					add(p.Pos, "the generic method call "+p.Dot+p.Member+"["+strings.Join(p.Generic, ", ")+"]()")
				}
			}
		}
		return true
	})
	return out
}

// params adds the unsupported attributes of a parameter list.
func params(ps []*parser.Parameter, add func(parser.Pos, string)) {
	for _, p := range ps {
		for _, pa := range p.Attrs {
			a := pa.Attr
			if a == nil {
				continue
			}
			name := attrName(a.Name)
			if !paramAttrSupported(name) {
				add(a.Pos, "the ["+a.Name+"()] attribute on parameter $"+p.Name)
				continue
			}
			if name == "parameter" {
				for _, arg := range a.Args {
					switch {
					case arg.Name == "":
						add(arg.Pos, "an experimental [Parameter()] (positional arguments)")
					case !parameterArgSupported(strings.ToLower(arg.Name)):
						add(arg.Pos, "[Parameter("+arg.Name+")]")
					}
				}
			}
		}
	}
}
