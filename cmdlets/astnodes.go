package cmdlets

import (
	"fmt"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// langAst is one node of the parser API's syntax tree.
type langAst struct {
	kind       string // the node's type: "CommandAst"
	tree       *astTree
	parent     *langAst
	start, end int // the extent, byte offsets
	node       any // the csemu node, or a view of part of one (astbuild.go)
	// props holds the node's properties by lower-case name, kids its
	// child nodes in PowerShell's visiting order; both are made on first
	// use (expand).
	props    map[string]any
	kids     []*langAst
	expanded bool
}

// astBase returns the base type of an AST type (ast.cs), or "".
func astBase(kind string) string {
	switch kind {
	case "Ast":
		return ""
	case "ScriptBlockAst", "ParamBlockAst", "NamedBlockAst", "NamedAttributeArgumentAst", "AttributeBaseAst",
		"ParameterAst", "StatementBlockAst", "StatementAst", "MemberAst", "CatchClauseAst", "CommandElementAst",
		"RedirectionAst":
		return "Ast"
	case "AttributeAst", "TypeConstraintAst":
		return "AttributeBaseAst"
	case "TypeDefinitionAst", "UsingStatementAst", "FunctionDefinitionAst", "IfStatementAst", "DataStatementAst",
		"LabeledStatementAst", "TryStatementAst", "TrapStatementAst", "BreakStatementAst", "ContinueStatementAst",
		"ReturnStatementAst", "ExitStatementAst", "ThrowStatementAst", "PipelineBaseAst", "CommandBaseAst",
		"ConfigurationDefinitionAst", "DynamicKeywordStatementAst", "BlockStatementAst":
		return "StatementAst"
	case "PropertyMemberAst", "FunctionMemberAst":
		return "MemberAst"
	case "LoopStatementAst", "SwitchStatementAst":
		return "LabeledStatementAst"
	case "ForEachStatementAst", "ForStatementAst", "DoWhileStatementAst", "DoUntilStatementAst", "WhileStatementAst":
		return "LoopStatementAst"
	case "ErrorStatementAst", "ChainableAst", "AssignmentStatementAst":
		return "PipelineBaseAst"
	case "PipelineChainAst", "PipelineAst":
		return "ChainableAst"
	case "CommandParameterAst", "ExpressionAst":
		return "CommandElementAst"
	case "CommandAst", "CommandExpressionAst":
		return "CommandBaseAst"
	case "MergingRedirectionAst", "FileRedirectionAst":
		return "RedirectionAst"
	case "ConvertExpressionAst":
		return "AttributedExpressionAst"
	case "InvokeMemberExpressionAst":
		return "MemberExpressionAst"
	case "BaseCtorInvokeMemberExpressionAst":
		return "InvokeMemberExpressionAst"
	case "StringConstantExpressionAst":
		return "ConstantExpressionAst"
	}
	// the other expression types
	return "ExpressionAst"
}

// astOwnMembers lists the public members an AST type declares (ast.cs),
// space-separated; with its base types' they are all it has.
func astOwnMembers(kind string) string {
	switch kind {
	case "Ast":
		return "Extent Parent Copy Find FindAll SafeGetValue ToString Visit"
	case "ErrorStatementAst":
		return "Bodies Conditions Flags Kind NestedAst"
	case "ErrorExpressionAst":
		return "NestedAst"
	case "ScriptBlockAst":
		return "Attributes BeginBlock CleanBlock DynamicParamBlock EndBlock ParamBlock ProcessBlock ScriptRequirements UsingStatements GetHelpContent GetScriptBlock"
	case "ParamBlockAst":
		return "Attributes Parameters"
	case "NamedBlockAst":
		return "BlockKind Statements Traps Unnamed"
	case "NamedAttributeArgumentAst":
		return "Argument ArgumentName ExpressionOmitted"
	case "AttributeBaseAst":
		return "TypeName"
	case "AttributeAst":
		return "NamedArguments PositionalArguments"
	case "ParameterAst":
		return "Attributes DefaultValue Name StaticType"
	case "StatementBlockAst":
		return "Statements Traps"
	case "TypeDefinitionAst":
		return "Attributes BaseTypes IsClass IsEnum IsInterface Members Name TypeAttributes"
	case "UsingStatementAst":
		return "Alias ModuleSpecification Name UsingStatementKind"
	case "MemberAst":
		return "Name"
	case "PropertyMemberAst":
		return "Attributes InitialValue IsHidden IsPrivate IsPublic IsStatic PropertyAttributes PropertyType"
	case "FunctionMemberAst":
		return "Attributes Body IsConstructor IsHidden IsPrivate IsPublic IsStatic MethodAttributes Parameters ReturnType"
	case "FunctionDefinitionAst":
		return "Body IsFilter IsWorkflow Name Parameters GetHelpContent"
	case "IfStatementAst":
		return "Clauses ElseClause"
	case "DataStatementAst":
		return "Body CommandsAllowed Variable"
	case "ConfigurationDefinitionAst":
		return "Body ConfigurationType InstanceName"
	case "DynamicKeywordStatementAst":
		return "CommandElements"
	case "LabeledStatementAst":
		return "Condition Label"
	case "LoopStatementAst":
		return "Body"
	case "ForEachStatementAst":
		return "Flags ThrottleLimit Variable"
	case "ForStatementAst":
		return "Initializer Iterator"
	case "SwitchStatementAst":
		return "Clauses Default Flags"
	case "CatchClauseAst":
		return "Body CatchTypes IsCatchAll"
	case "TryStatementAst":
		return "Body CatchClauses Finally"
	case "TrapStatementAst":
		return "Body TrapType"
	case "BreakStatementAst", "ContinueStatementAst":
		return "Label"
	case "ReturnStatementAst", "ExitStatementAst":
		return "Pipeline"
	case "ThrowStatementAst":
		return "IsRethrow Pipeline"
	case "PipelineBaseAst":
		return "GetPureExpression"
	case "PipelineChainAst":
		return "Background LhsPipelineChain Operator RhsPipeline"
	case "PipelineAst":
		return "Background PipelineElements"
	case "CommandParameterAst":
		return "Argument ErrorPosition ParameterName"
	case "CommandBaseAst":
		return "Redirections"
	case "CommandAst":
		return "CommandElements DefiningKeyword InvocationOperator GetCommandName"
	case "CommandExpressionAst":
		return "Expression"
	case "RedirectionAst":
		return "FromStream"
	case "MergingRedirectionAst":
		return "ToStream"
	case "FileRedirectionAst":
		return "Append Location"
	case "AssignmentStatementAst":
		return "ErrorPosition Left Operator Right GetAssignmentTargets"
	case "ExpressionAst":
		return "StaticType"
	case "TernaryExpressionAst":
		return "Condition IfFalse IfTrue"
	case "BinaryExpressionAst":
		return "ErrorPosition Left Operator Right"
	case "UnaryExpressionAst":
		return "Child TokenKind"
	case "AttributedExpressionAst":
		return "Attribute Child"
	case "ConvertExpressionAst":
		return "Type"
	case "MemberExpressionAst":
		return "Expression Member NullConditional Static"
	case "InvokeMemberExpressionAst":
		return "Arguments GenericTypeArguments"
	case "TypeExpressionAst":
		return "TypeName"
	case "VariableExpressionAst":
		return "Splatted VariablePath IsConstantVariable"
	case "ConstantExpressionAst":
		return "Value"
	case "StringConstantExpressionAst":
		return "StringConstantType"
	case "ExpandableStringExpressionAst":
		return "NestedExpressions StringConstantType Value"
	case "ScriptBlockExpressionAst":
		return "ScriptBlock"
	case "ArrayLiteralAst":
		return "Elements"
	case "HashtableAst":
		return "KeyValuePairs"
	case "ArrayExpressionAst", "SubExpressionAst":
		return "SubExpression"
	case "ParenExpressionAst":
		return "Pipeline"
	case "UsingExpressionAst":
		return "SubExpression ExtractUsingVariable"
	case "IndexExpressionAst":
		return "Index NullConditional Target"
	case "BlockStatementAst":
		return "Body Kind"
	}
	return ""
}

// astTypeNames lists the full names of kind and its base types, most
// specific first, then System.Object.
func astTypeNames(kind string) []string {
	var out []string
	for k := kind; k != ""; k = astBase(k) {
		out = append(out, value.LanguageNS+k)
	}
	return append(out, value.TObject)
}

// hasMember reports whether member name (any case) is a public member of
// the AST type kind or its bases.
func hasMember(kind, name string) bool {
	for k := kind; k != ""; k = astBase(k) {
		for _, m := range strings.Fields(astOwnMembers(k)) {
			if strings.EqualFold(m, name) {
				return true
			}
		}
	}
	return false
}

func (a *langAst) PSTypeName() string    { return value.LanguageNS + a.kind }
func (a *langAst) PSTypeNames() []string { return astTypeNames(a.kind) }

// PSString is the text of the node's extent (Ast.ToString()).
func (a *langAst) PSString() string { return a.extent().text() }

func (a *langAst) extent() *astExtent { return &astExtent{t: a.tree, start: a.start, end: a.end} }

// prop returns property name (lower-case) after expanding the node.
func (a *langAst) prop(name string) (any, bool) {
	a.expand()
	v, ok := a.props[name]
	return v, ok
}

func (a *langAst) psPropertyNames() []string {
	a.expand()
	var out []string
	for k := a.kind; k != ""; k = astBase(k) {
		for _, m := range strings.Fields(astOwnMembers(k)) {
			if _, ok := a.props[strings.ToLower(m)]; ok || m == "Extent" || m == "Parent" {
				out = append(out, m)
			}
		}
	}
	return out
}

func (a *langAst) psMember(s *Session, name string) (any, bool) {
	switch ln := strings.ToLower(name); ln {
	case "extent":
		return a.extent(), true
	case "parent":
		if a.parent == nil {
			return nil, true
		}
		return a.parent, true
	default:
		if v, ok := a.prop(ln); ok {
			return v, true
		}
	}
	return nil, false
}

func (a *langAst) psNotImplemented(name string) string {
	if _, ok := a.prop(strings.ToLower(name)); ok {
		return ""
	}
	if hasMember(a.kind, name) {
		return value.LanguageNS + a.kind
	}
	return ""
}

func (a *langAst) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	switch strings.ToLower(name) {
	case "find", "findall":
		if len(args) != 2 {
			break
		}
		sb, ok := args[0].(*ScriptBlock)
		if !ok {
			return nil, &methodErr{typ: "System.Management.Automation.MethodException",
				msg: fmt.Sprintf("Cannot convert argument \"predicate\", with value: \"%s\", for \"%s\" to type \"System.Func`2[System.Management.Automation.Language.Ast,System.Boolean]\".", s.toString(args[0]), name)}
		}
		nested := value.ToBool(args[1])
		first := strings.EqualFold(name, "find")
		var found []any
		err := a.search(func(n *langAst) (bool, error) {
			r, err := s.invokeScriptBlockValue(fr, sb, nil, []any{n}, false)
			if err != nil {
				return false, err
			}
			if value.ToBool(r) {
				found = append(found, n)
				return first, nil
			}
			return false, nil
		}, nested)
		if err != nil {
			return nil, err
		}
		if first {
			if len(found) == 0 {
				return nil, nil
			}
			return found[0], nil
		}
		return &value.Array{Items: found, List: true, Elem: value.LanguageNS + "Ast"}, nil
	case "tostring":
		if len(args) == 0 {
			return a.PSString(), nil
		}
	case "safegetvalue":
		if len(args) == 0 {
			return a.safeValue()
		}
	case "getcommandname":
		if a.kind == "CommandAst" && len(args) == 0 {
			els, _ := a.prop("commandelements")
			if arr, ok := els.(*value.Array); ok && len(arr.Items) > 0 {
				if n, ok := arr.Items[0].(*langAst); ok && n.kind == "StringConstantExpressionAst" {
					v, _ := n.prop("value")
					return v, nil
				}
			}
			return nil, nil
		}
	case "getpureexpression":
		if len(args) == 0 && astIs(a.kind, "PipelineBaseAst") {
			return a.pureExpression(), nil
		}
	case "getscriptblock":
		if a.kind == "ScriptBlockAst" && len(args) == 0 {
			return a.scriptBlock()
		}
	}
	if hasMember(a.kind, name) {
		return nil, &methodErr{typ: "NotImplemented", msg: value.LanguageNS + a.kind + "." + name + "()"}
	}
	return nil, notFoundMethod(a, name)
}

// astIs reports whether AST type kind is base or derives from it.
func astIs(kind, base string) bool {
	for k := kind; k != ""; k = astBase(k) {
		if k == base {
			return true
		}
	}
	return false
}

// search visits the node and those below it in PowerShell's order,
// calling f on each until it reports true. Without nested, the script
// blocks of function definitions, traps and script block expressions are
// not searched (PowerShell's AstSearcher).
func (a *langAst) search(f func(*langAst) (bool, error), nested bool) error {
	_, err := a.walk(f, nested)
	return err
}

func (a *langAst) walk(f func(*langAst) (bool, error), nested bool) (bool, error) {
	stop, err := f(a)
	if err != nil || stop {
		return true, err
	}
	if !nested {
		switch a.kind {
		case "FunctionDefinitionAst", "TrapStatementAst", "ScriptBlockExpressionAst":
			return false, nil
		}
	}
	a.expand()
	for _, k := range a.kids {
		if stop, err := k.walk(f, nested); stop || err != nil {
			return true, err
		}
	}
	return false, nil
}

// pureExpression returns the expression a pipeline is when it is one
// expression and no redirection, or nil (PipelineAst.GetPureExpression).
func (a *langAst) pureExpression() any {
	if a.kind != "PipelineAst" {
		return nil
	}
	els, _ := a.prop("pipelineelements")
	arr, ok := els.(*value.Array)
	if !ok || len(arr.Items) != 1 {
		return nil
	}
	ce, ok := arr.Items[0].(*langAst)
	if !ok || ce.kind != "CommandExpressionAst" {
		return nil
	}
	if r, _ := ce.prop("redirections"); r != nil {
		if ra, ok := r.(*value.Array); ok && len(ra.Items) > 0 {
			return nil
		}
	}
	e, _ := ce.prop("expression")
	return e
}

// scriptBlock returns the script block of a ScriptBlockAst
// (GetScriptBlock): a script with parse errors has none.
func (a *langAst) scriptBlock() (any, error) {
	if len(a.tree.errs) > 0 {
		return nil, &value.RuntimeError{Type: "System.Management.Automation.PSInvalidOperationException",
			Msg: "Operation is not valid due to the current state of the object.", ID: "PSInvalidOperationException"}
	}
	body, ok := a.node.(*parser.ScriptBlockBody)
	if !ok {
		return nil, &methodErr{typ: "NotImplemented", msg: value.LanguageNS + "ScriptBlockAst.GetScriptBlock() of this script block"}
	}
	sb := &ScriptBlock{Body: body, File: a.tree.file, Source: a.tree.src, ast: a}
	if body.Open >= 0 {
		sb.Text = a.tree.src[body.Open+1 : max(body.Open+1, a.end-1)]
	} else {
		sb.Text = a.tree.src
	}
	return sb, nil
}

// unsafe is the error of SafeGetValue on what is not a constant.
func unsafeValue(what string) error {
	return &value.RuntimeError{Type: "System.InvalidOperationException", ID: "InvalidOperationException",
		Msg: fmt.Sprintf("Cannot generate a PowerShell object for a ScriptBlock evaluating %s.", what)}
}

// safeValue is SafeGetValue: the value of a node that holds only
// constants (numbers, strings, arrays and hashtables of them).
func (a *langAst) safeValue() (any, error) {
	a.expand()
	switch a.kind {
	case "ConstantExpressionAst", "StringConstantExpressionAst":
		v, _ := a.prop("value")
		return v, nil
	case "ArrayLiteralAst":
		els, _ := a.prop("elements")
		return safeItems(els)
	case "ArrayExpressionAst":
		sub, _ := a.prop("subexpression")
		sb, ok := sub.(*langAst)
		if !ok {
			break
		}
		stmts, _ := sb.prop("statements")
		arr, ok := stmts.(*value.Array)
		if !ok {
			break
		}
		var out []any
		for _, st := range arr.Items {
			v, err := st.(*langAst).safeValue()
			if err != nil {
				return nil, err
			}
			out = append(out, value.AsSlice(v)...)
		}
		return value.NewArray(out...), nil
	case "HashtableAst":
		pairs, _ := a.prop("keyvaluepairs")
		h := value.NewHashtable()
		for _, p := range pairs.(*value.Array).Items {
			t := p.(*astTuple)
			k, err := t.item1.(*langAst).safeValue()
			if err != nil {
				return nil, err
			}
			v, err := t.item2.(*langAst).safeValue()
			if err != nil {
				return nil, err
			}
			h.Set(k, v)
		}
		return h, nil
	case "PipelineAst":
		if e, ok := a.pureExpression().(*langAst); ok {
			return e.safeValue()
		}
	case "CommandExpressionAst", "ParenExpressionAst":
		for _, k := range a.kids {
			return k.safeValue()
		}
	case "UnaryExpressionAst":
		kind, _ := a.prop("tokenkind")
		if ev, ok := kind.(*enumValue); ok && (ev.name == "Minus" || ev.name == "Plus") && len(a.kids) == 1 {
			v, err := a.kids[0].safeValue()
			if err != nil {
				return nil, err
			}
			if ev.name == "Minus" {
				return value.Arith("-", 0, v)
			}
			return v, nil
		}
	case "VariableExpressionAst":
		if vp, _ := a.prop("variablepath"); vp != nil {
			switch strings.ToLower(a.PSString()) {
			case "$true":
				return true, nil
			case "$false":
				return false, nil
			case "$null":
				return nil, nil
			}
		}
		return nil, unsafeValue("the variable " + a.PSString())
	}
	return nil, unsafeValue("the expression " + a.PSString())
}

// safeItems returns the safe values of an array of nodes.
func safeItems(v any) (any, error) {
	arr, ok := v.(*value.Array)
	if !ok {
		return nil, unsafeValue("an array")
	}
	out := make([]any, len(arr.Items))
	for i, it := range arr.Items {
		n, ok := it.(*langAst)
		if !ok {
			return nil, unsafeValue("an array")
		}
		x, err := n.safeValue()
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return value.NewArray(out...), nil
}

// astTuple is a Tuple`2 of the tree (an if clause, a hashtable entry, a
// switch clause): Item1 and Item2.
type astTuple struct {
	item1, item2 any
	t1, t2       string // their declared types, for the tuple's type name
}

func (t *astTuple) PSTypeName() string {
	return "System.Tuple`2[[" + value.LanguageNS + t.t1 + "],[" + value.LanguageNS + t.t2 + "]]"
}

func (t *astTuple) PSString() string {
	return "(" + valueText(t.item1) + ", " + valueText(t.item2) + ")"
}

func valueText(v any) string {
	if f, ok := v.(value.Formatter); ok {
		return f.PSString()
	}
	return value.ToString(v)
}

func (t *astTuple) psPropertyNames() []string { return []string{"Item1", "Item2"} }

func (t *astTuple) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "item1":
		return t.item1, true
	case "item2":
		return t.item2, true
	}
	return nil, false
}

func (t *astTuple) psNotImplemented(string) string { return "" }

func (t *astTuple) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	return nil, notFoundMethod(t, name)
}
