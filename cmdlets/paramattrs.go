package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// scriptSig is what a script block declares about its parameters: the
// parameters, and what [CmdletBinding()] says.
type scriptSig struct {
	params []*parser.Parameter
	defs   []*ParamDef
	// advanced is set by [CmdletBinding()] or a [Parameter()] attribute.
	advanced bool
	// defaultSet is [CmdletBinding(DefaultParameterSetName = ...)].
	defaultSet    string
	shouldProcess bool
	// confirmImpact is [CmdletBinding(ConfirmImpact = ...)]: None, Low,
	// Medium (the default) or High.
	confirmImpact string
}

// The attributes of parameters and param blocks that do not change how a
// script runs, which csemu accepts and otherwise ignores, as PowerShell
// itself gives them no effect on running code:
//
//   - ArgumentCompleter, ArgumentCompletions: tab completion only
//     (about_Functions_Argument_Completion).
//   - SupportsWildcards, PSDefaultValue: what Get-Help shows; binding does
//     not read them (about_Functions_Advanced_Parameters).
//   - OutputType: what Get-Command reports; the output is not checked
//     (about_Functions_OutputTypeAttribute).
//   - SuppressMessage (System.Diagnostics.CodeAnalysis): read by
//     PSScriptAnalyzer only.
//   - DebuggerHidden, Hidden: what the debugger and completion show.
//   - Credential (System.Management.Automation.CredentialAttribute) is
//     honoured: a user name becomes a credential (see credentialArg).
//   - [Parameter()]'s HelpMessage (shown at the mandatory-parameter prompt,
//     which csemu has) and DontShow (completion only);
//     [CmdletBinding()]'s HelpUri and RemotingCapability (Get-Help and
//     Get-Command only).
//
// Any other attribute fails with [NotImplemented] naming it.

// attrName returns an attribute's name as PowerShell resolves it: without
// its namespace (System.Management.Automation.,
// Diagnostics.CodeAnalysis., ...) and the Attribute suffix, in lower case.
func attrName(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		n = n[i+1:]
	}
	if n != "attribute" {
		n = strings.TrimSuffix(n, "attribute")
	}
	return n
}

// signature reads the parameters of a script block body (and those of a
// function Name(params) form) with their attributes. file is the script
// that defines the body, where its attributes' script blocks come from.
func (s *Session) signature(body *parser.ScriptBlockBody, extra []*parser.Parameter, file string) (*scriptSig, error) {
	// attribute arguments are constants and script blocks, so a body's
	// signature is made once, as PowerShell compiles it once
	if sig, ok := s.sigs[body]; ok {
		return sig, nil
	}
	sig, err := s.makeSignature(body, extra, file)
	if err != nil {
		return nil, err
	}
	if s.sigs == nil {
		s.sigs = map[*parser.ScriptBlockBody]*scriptSig{}
	}
	s.sigs[body] = sig
	return sig, nil
}

// makeSignature is signature, made.
func (s *Session) makeSignature(body *parser.ScriptBlockBody, extra []*parser.Parameter, file string) (*scriptSig, error) {
	sig := &scriptSig{confirmImpact: "Medium"}
	sig.params = extra
	positional := true
	if body.Param != nil {
		sig.params = append(append([]*parser.Parameter(nil), extra...), body.Param.Params...)
		for _, a := range body.Param.Attrs {
			switch attrName(a.Name) {
			case "cmdletbinding":
				sig.advanced = true
				for _, arg := range a.Args {
					if arg.Name == "" {
						return nil, attrError(arg.Pos, "MethodCountCouldNotFindBest", "Cannot find an overload for \".ctor\" and the argument count: \"1\".")
					}
					v, err := s.attrArgValue(file, arg)
					if err != nil {
						return nil, err
					}
					switch strings.ToLower(arg.Name) {
					case "supportsshouldprocess":
						sig.shouldProcess = value.ToBool(v)
					case "defaultparametersetname":
						sig.defaultSet = value.ToString(v)
					case "positionalbinding":
						positional = value.ToBool(v)
					case "confirmimpact":
						impact, ok := confirmImpactName(v)
						if !ok {
							return nil, attrError(arg.Pos, "ExceptionConstructingAttribute",
								fmt.Sprintf("Cannot convert value \"%s\" to type \"System.Management.Automation.ConfirmImpact\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\nNone, Low, Medium, High\"", value.ToString(v), value.ToString(v)))
						}
						sig.confirmImpact = impact
					case "helpuri", "remotingcapability":
						// help and Get-Command only
					default:
						return nil, notImplemented(arg.Pos, "", "[CmdletBinding("+arg.Name+")]")
					}
				}
			case "outputtype", "suppressmessage", "debuggerhidden":
				// no effect on running code (see above)
			case "alias":
				// the function's aliases, made when it is defined (see
				// functionAliases)
			default:
				return nil, notImplemented(a.Pos, "", "the ["+a.Name+"()] attribute on a param block")
			}
		}
	}
	defs, adv, err := s.paramDefsOf(sig.params, file, positional)
	if err != nil {
		return nil, err
	}
	sig.defs = defs
	sig.advanced = sig.advanced || adv
	// a command has at most 32 parameter sets (MergedCommandParameterMetadata)
	sets := map[string]bool{}
	if sig.defaultSet != "" && !strings.EqualFold(sig.defaultSet, allParameterSets) {
		sets[strings.ToLower(sig.defaultSet)] = true
	}
	for _, d := range defs {
		for _, ps := range d.Sets {
			sets[strings.ToLower(ps)] = true
		}
	}
	if len(sets) > 32 {
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: body.Pos, ID: "ParsingTooManyParameterSets", Category: MetadataError,
			Msg:       "Cannot get or run the command. The maximum number of parameter sets for this command has been exceeded.",
			Exception: "System.Management.Automation.ParsingMetadataException"}}
	}
	if sig.shouldProcess {
		sig.defs = append(sig.defs, shouldProcessDefs...)
	}
	return sig, nil
}

// confirmImpactName reads a ConfirmImpact value.
func confirmImpactName(v any) (string, bool) {
	str := strings.TrimSpace(value.ToString(v))
	names := []string{"None", "Low", "Medium", "High"}
	if n, err := value.ToInt(v); err == nil && value.IsNumber(v) {
		if n >= 0 && n < len(names) {
			return names[n], true
		}
		return "", false
	}
	for _, n := range names {
		if strings.EqualFold(n, str) {
			return n, true
		}
	}
	return "", false
}

// attrError is the error of an attribute that cannot be made.
func attrError(pos parser.Pos, id, msg string) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: pos, ID: id, Category: MetadataError, Msg: msg,
		Exception: "System.Management.Automation.RuntimeException"}}
}

// attrArgValue evaluates an attribute argument: a constant or a script
// block; a named argument without a value ([Parameter(Mandatory)]) is
// $true.
func (s *Session) attrArgValue(file string, arg *parser.AttrArg) (any, error) {
	if arg.Value == nil {
		return true, nil
	}
	v, err := s.evalExpr(frame{scope: s.global, file: file}, arg.Value)
	if err != nil {
		return nil, err
	}
	if _, ok := v.(voidValue); ok {
		v = nil
	}
	return v, nil
}

// paramDefsOf returns the parameters of a script block: their types,
// attributes and positions. positional is [CmdletBinding()]'s
// PositionalBinding: when no parameter has a Position, the parameters
// other than switches take positions in their order. It reports whether
// a [Parameter()] attribute makes the block advanced.
func (s *Session) paramDefsOf(params []*parser.Parameter, file string, positional bool) ([]*ParamDef, bool, error) {
	var defs []*ParamDef
	advanced := false
	explicitPos := false
	for _, p := range params {
		d := &ParamDef{Name: strings.TrimPrefix(strings.TrimPrefix(p.Name, "script:"), "global:"), Type: "object", Position: -1}
		adv, hasPos, err := s.applyParamAttrs(d, p, file)
		if err != nil {
			return nil, false, err
		}
		advanced = advanced || adv
		explicitPos = explicitPos || hasPos
		defs = append(defs, d)
	}
	if !explicitPos && positional {
		pos := 0
		for _, d := range defs {
			if !d.IsSwitch() {
				d.Position = pos
				pos++
			}
		}
	}
	return defs, advanced, nil
}

// applyParamAttrs reads a parameter's type and attributes into d. It
// reports whether a [Parameter()] attribute is present and whether one
// gives a Position.
func (s *Session) applyParamAttrs(d *ParamDef, p *parser.Parameter, file string) (advanced, hasPos bool, err error) {
	for _, a := range p.Attrs {
		if a.Type != "" {
			d.Type = a.Type
			continue
		}
		attr := a.Attr
		name := attrName(attr.Name)
		switch name {
		case "parameter":
			advanced = true
			pos, err := s.parameterAttr(d, attr, file)
			if err != nil {
				return false, false, err
			}
			hasPos = hasPos || pos
			continue
		case "alias":
			for _, arg := range attr.Args {
				if arg.Name != "" {
					return false, false, propertyNotFound(arg, "Alias")
				}
				v, err := s.attrArgValue(file, arg)
				if err != nil {
					return false, false, err
				}
				for _, it := range value.AsSlice(v) {
					d.Aliases = append(d.Aliases, value.ToString(it))
				}
			}
			continue
		case "allownull":
			d.AllowNull = true
		case "allowemptystring":
			d.AllowEmptyString = true
		case "allowemptycollection":
			d.AllowEmptyCollection = true
		case "pstypename":
			args, err := s.attrArgs(attr, file, nil)
			if err != nil {
				return false, false, err
			}
			if len(args.pos) != 1 {
				return false, false, ctorArgCount(attr, len(args.pos))
			}
			d.PSTypeName = value.ToString(args.pos[0])
			continue
		case "credential":
			if len(attr.Args) > 0 {
				return false, false, ctorArgCount(attr, len(attr.Args))
			}
			d.credential = true
			continue
		case "argumentcompleter", "argumentcompletions", "supportswildcards", "psdefaultvalue", "hidden", "suppressmessage", "debuggerhidden":
			// no effect on running code (see signature)
			continue
		default:
			v, ok, err := s.validatorOf(d, attr, name, file)
			if err != nil {
				return false, false, err
			}
			if !ok {
				return false, false, notImplemented(attr.Pos, "", "the ["+attr.Name+"()] attribute on parameter $"+d.Name)
			}
			d.validators = append(d.validators, v)
			continue
		}
		// AllowNull and the like take no arguments
		if len(attr.Args) > 0 {
			if attr.Args[0].Name != "" {
				return false, false, propertyNotFound(attr.Args[0], attr.Name)
			}
			return false, false, ctorArgCount(attr, len(attr.Args))
		}
	}
	return advanced, hasPos, nil
}

// parameterAttr reads one [Parameter()] attribute. A parameter can have
// several, one per parameter set; Mandatory applies in the set of the
// attribute that says it.
func (s *Session) parameterAttr(d *ParamDef, attr *parser.Attribute, file string) (hasPos bool, err error) {
	set := ""
	mandatory := false
	for _, arg := range attr.Args {
		if arg.Name == "" {
			return false, notImplemented(arg.Pos, "", "an experimental [Parameter()] (positional arguments)")
		}
		v, err := s.attrArgValue(file, arg)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(arg.Name) {
		case "mandatory":
			mandatory = value.ToBool(v)
		case "position":
			n, err := value.ToInt(v)
			if err != nil {
				return false, attrError(arg.Pos, "ExceptionConstructingAttribute", err.Error())
			}
			d.Position, hasPos = n, true
		case "valuefrompipeline":
			d.Pipeline = d.Pipeline || value.ToBool(v)
		case "valuefrompipelinebypropertyname":
			d.ByName = d.ByName || value.ToBool(v)
		case "valuefromremainingarguments":
			d.Remaining = d.Remaining || value.ToBool(v)
		case "parametersetname":
			set = value.ToString(v)
		case "helpmessage":
			d.Help = value.ToString(v)
		case "dontshow":
			// completion only
		default:
			return false, notImplemented(arg.Pos, "", "[Parameter("+arg.Name+")]")
		}
	}
	if set != "" && !strings.EqualFold(set, allParameterSets) {
		d.Sets = append(d.Sets, set)
	}
	if mandatory {
		d.Mandatory = true
		if set == "" {
			set = allParameterSets
		}
		d.MandatoryIn = append(d.MandatoryIn, set)
	}
	return hasPos, nil
}

// allParameterSets is the name of the set every parameter is in.
const allParameterSets = "__AllParameterSets"

// attrArgList is an attribute's evaluated arguments: positional, and
// named ones by lower-case name.
type attrArgList struct {
	pos   []any
	named map[string]any
}

// attrArgs evaluates an attribute's arguments; named ones must be among
// props (lower case).
func (s *Session) attrArgs(attr *parser.Attribute, file string, props []string) (*attrArgList, error) {
	out := &attrArgList{named: map[string]any{}}
	for _, arg := range attr.Args {
		v, err := s.attrArgValue(file, arg)
		if err != nil {
			return nil, err
		}
		if arg.Name == "" {
			out.pos = append(out.pos, v)
			continue
		}
		known := false
		for _, p := range props {
			if strings.EqualFold(p, arg.Name) {
				known = true
			}
		}
		if !known {
			return nil, propertyNotFound(arg, attr.Name)
		}
		out.named[strings.ToLower(arg.Name)] = v
	}
	return out, nil
}

// propertyNotFound is the error of a named attribute argument the
// attribute does not have.
func propertyNotFound(arg *parser.AttrArg, attr string) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: arg.Pos, ID: "PropertyNotFoundForType", Category: InvalidOperation,
		Msg:       fmt.Sprintf("Property '%s' cannot be found for type '%s'.", arg.Name, attrTypeName(attr)),
		Exception: "System.Management.Automation.RuntimeException"}}
}

// ctorArgCount is the error of an attribute given a number of arguments
// none of its constructors takes.
func ctorArgCount(attr *parser.Attribute, n int) *psError {
	return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: attr.Pos, ID: "MethodCountCouldNotFindBest", Category: InvalidOperation,
		Msg:       fmt.Sprintf("Cannot find an overload for \".ctor\" and the argument count: \"%d\".", n),
		Exception: "System.Management.Automation.MethodException"}}
}

// attrTypeName returns the .NET type name of an attribute written name.
func attrTypeName(name string) string {
	n := name
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		n = n[i+1:]
	}
	if !strings.HasSuffix(strings.ToLower(n), "attribute") {
		n += "Attribute"
	}
	return n
}
