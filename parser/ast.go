package parser

import "github.com/alecthomas/participle/v2/lexer"

// Pos is a position in a source file. Lines and columns start at 1;
// columns count runes.
type Pos = lexer.Position

// Every node records where it starts (Pos) and, in End, the byte offset
// just after its last token: the two bound its text, PowerShell's
// Extent. Where a node also has EndPos, that is where the token after the
// node starts.

// Script is a parsed script file: the body of its top-level script block.
type Script struct {
	Pos    Pos
	End    int
	EndPos Pos
	Body   *ScriptBlockBody
	// Source is the text the script was parsed from.
	Source string
	// File is the file name given to Parse.
	File string
}

// ScriptBlockBody is what a script block holds: usings, a param block and
// named blocks or a statement list.
type ScriptBlockBody struct {
	// Pos is where the body starts (after its '{'); Open is the offset
	// of its '{', or -1 for the body of a whole script.
	Pos    Pos
	Open   int
	End    int
	Usings []*UsingStatement
	Param  *ParamBlock
	Named  []*NamedBlock
	Stmts  *StatementList
}

// StatementList is a sequence of statements.
type StatementList struct {
	Pos   Pos
	End   int
	Stmts []Statement
}

// NamedBlock is begin, process, end, dynamicparam or clean.
type NamedBlock struct {
	Pos  Pos
	End  int
	Name string
	Body *StatementBlock
}

// StatementBlock is { statements }.
type StatementBlock struct {
	Pos    Pos
	End    int
	EndPos Pos
	List   *StatementList
	// Missing marks the empty stand-in for a block that is missing
	// (in the tree of a script with errors).
	Missing bool
}

// UsingStatement is using namespace X, using module X.
type UsingStatement struct {
	Pos  Pos
	End  int
	Kind string
	Name string
	// NameAt and NameEnd bound the name (quotes and all); Alias, when
	// set, is the alias of "using namespace Alias = Name", which AliasAt
	// and AliasEnd bound.
	NameAt, NameEnd   int
	Alias             string
	AliasAt, AliasEnd int
}

// ParamBlock is [attributes] param( parameters ).
type ParamBlock struct {
	Pos    Pos
	End    int
	Attrs  []*Attribute
	Params []*Parameter
}

// Attribute is [Name(args)].
type Attribute struct {
	Pos  Pos
	End  int
	Name string
	Args []*AttrArg
}

// AttrArg is one attribute argument: Name, Name = value, or value.
type AttrArg struct {
	Pos   Pos
	End   int
	Name  string
	Value *Expr
}

// Parameter is one parameter of a param block or function.
type Parameter struct {
	Pos   Pos
	End   int
	Attrs []*ParamAttr
	Name  string
	// VarAt and VarEnd bound the variable token; Splat marks @name,
	// which a parameter may not be.
	VarAt   int
	VarEnd  int
	Splat   bool
	Default *Expr
}

// ParamAttr is an attribute or a type constraint of a parameter.
type ParamAttr struct {
	Pos  Pos
	End  int
	Attr *Attribute
	Type string
}

// Statement is any statement.
type Statement interface{ statement() }

// PipelineStatement is a pipeline, maybe assigned or chained with && and ||.
type PipelineStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Left   *Pipeline
	Op     string
	Right  Statement
	Chain  []*ChainOp
	// Background is set by a trailing & (run as a job).
	Background bool
}

// ChainOp is && or || followed by a pipeline.
type ChainOp struct {
	Pos  Pos
	End  int
	Op   string
	Next *Pipeline
}

// Pipeline is elements joined by |.
type Pipeline struct {
	Pos    Pos
	End    int
	EndPos Pos
	Elems  []PipeElement
}

// PipeElement is a command or an expression in a pipeline.
type PipeElement interface{ pipeElement() }

// Command is a command invocation: a name or a call operator and target,
// then its elements.
type Command struct {
	Pos    Pos
	End    int
	EndPos Pos
	Call   string
	Target *Unary
	Name   string
	// NameAt and NameEnd bound the name token.
	NameAt   int
	NameEnd  int
	Elements []CommandElement
}

// CommandExpression is an expression used as a pipeline element.
type CommandExpression struct {
	Pos    Pos
	End    int
	Expr   *Expr
	Redirs []*Redirection
}

// CommandElement is a parameter, argument, splat or redirection.
type CommandElement interface{ commandElement() }

// CommandParameter is -Name, or -Name:value.
type CommandParameter struct {
	Pos  Pos
	End  int
	Name string
	// NameEnd is where the -Name token ends.
	NameEnd int
	Arg     *Unary
}

// CommandArgument is an argument (an array when commas join several).
type CommandArgument struct {
	Pos  Pos
	End  int
	Expr *Expr
}

// Splat is @name in a command.
type Splat struct {
	Pos  Pos
	End  int
	Name string
}

// Redirection is > file, >> file, 2> file or a stream merge such as 2>&1.
type Redirection struct {
	Pos    Pos
	End    int
	Op     string
	Target *Unary
	Merge  string
}

// Expr is a flat list of operands and binary operators (parsed by hand, see
// expr.go); the check pass folds it by precedence into Tree.
type Expr struct {
	Pos   Pos
	End   int
	First *Unary
	Rest  []*BinRest
	// Ternary is "? then : else" (PowerShell 7), the loosest operator.
	Ternary *Ternary
	// Tree is the expression folded by operator precedence.
	Tree Node
	// Bad holds a stray token read as part of the expression (a
	// parameter where an operator should be), in the tree of a script
	// with errors.
	Bad []string
}

// Ternary is the "? a : b" tail of an expression.
type Ternary struct {
	Pos  Pos
	End  int
	Then *Expr
	Else *Expr
	// NoColon is set when the ':' is missing (Else is then an ErrorExpr).
	NoColon bool
}

// BinRest is one binary operator and its right operand.
type BinRest struct {
	Pos Pos
	End int
	Op  string
	// OpEnd is where the operator token ends.
	OpEnd int
	Right *Unary
}

// Unary is prefix operators applied to a postfix expression.
type Unary struct {
	Pos    Pos
	End    int
	Prefix []string
	// PrefixAt holds where each prefix operator starts.
	PrefixAt []int
	Primary  Primary
	Post     []*PostOp
}

// PostOp is a member access, static member access, index or ++/--.
type PostOp struct {
	Pos    Pos
	End    int
	Dot    string
	Member string
	// MemberAt and MemberEnd bound the member name (of any kind);
	// Missing marks a member operator with no name after it.
	MemberAt  int
	MemberEnd int
	Missing   bool
	DynVar    string
	DynStr    *StringLit
	DynExp    *ExpandString
	DynExpr   *ParenExpr
	// DynSub is the $( ) of a member name: $o.$($name).
	DynSub *SubExpr
	// DynBlock is a script block whose text names the member: $o.{name}.
	DynBlock *ScriptBlockExpr
	// Generic holds the type arguments of a generic method call
	// .M[T1, T2](), as written.
	Generic []string
	Call    bool
	Args    []*Expr
	Index   *Expr
	// NullCond marks ?[ (an index that gives $null on $null).
	NullCond bool
	IncDec   string
}

// Primary is an operand.
type Primary interface{ primary() }

// VarExpr is $name.
type VarExpr struct {
	Pos  Pos
	End  int
	Name string
	// Splat marks @name, which only a command argument may be.
	Splat bool
}

// NumberLit is a number literal.
type NumberLit struct {
	Pos  Pos
	End  int
	Text string
	// Value is the parsed number.
	Value Number
}

// StringLit is a string with no expansion: single-quoted, or double-quoted
// with nothing to expand.
type StringLit struct {
	Pos   Pos
	End   int
	Value string
}

// ExpandString is a double-quoted string with variables or sub-expressions.
type ExpandString struct {
	Pos   Pos
	End   int
	Open  string
	Parts []*StringPart
}

// StringPart is literal text, a variable or a sub-expression.
type StringPart struct {
	Pos  Pos
	End  int
	Text string
	Var  string
	Sub  *StatementList
}

// ParenExpr is ( pipeline ).
type ParenExpr struct {
	Pos  Pos
	End  int
	Stmt *PipelineStatement
	// Implicit marks the parentheses a command parameter's comma list
	// (-Name:a,b) is read in; Missing marks "( )" with nothing in it
	// (in the tree of a script with errors).
	Implicit bool
	Missing  bool
}

// SubExpr is $( statements ).
type SubExpr struct {
	Pos  Pos
	End  int
	List *StatementList
}

// ArrayExpr is @( statements ).
type ArrayExpr struct {
	Pos  Pos
	End  int
	List *StatementList
}

// HashLiteral is @{ key = value; ... }.
type HashLiteral struct {
	Pos     Pos
	End     int
	Entries []*HashEntry
}

// HashEntry is key = statement.
type HashEntry struct {
	Pos   Pos
	End   int
	Key   *Unary
	Value Statement
}

// ScriptBlockExpr is { param(...) statements }.
type ScriptBlockExpr struct {
	Pos    Pos
	End    int
	EndPos Pos
	Body   *ScriptBlockBody
	// Source is the whole text the block was parsed from (a file, or the
	// string given to [scriptblock]::Create): Pos and End are offsets
	// into it.
	Source string
}

// TypeExpr is [Type], a cast [Type]operand, or [Type]::Member; Attrs are
// attributes written before it ([ValidateNotNullOrEmpty()][string]$x).
type TypeExpr struct {
	Pos Pos
	End int
	// TypeAt and TypeEnd bound the type literal; TypeAt is -1 when
	// there is none (attributes before an operand: the type is Object).
	TypeAt  int
	TypeEnd int
	Name    string
	Operand *Unary
	Attrs   []*Attribute
}

// BareWord is an unquoted argument.
type BareWord struct {
	Pos   Pos
	End   int
	Value string
}

// CompoundArg is an argument glued from several parts: pre'fix'$x.
type CompoundArg struct {
	Pos   Pos
	End   int
	Parts []*CompoundPart
}

// CompoundPart is one part of a compound argument.
type CompoundPart struct {
	Pos  Pos
	End  int
	Word string
	Str  *StringLit
	Var  string
	Exp  *ExpandString
	Sub  *StatementList
}

// IfStatement is if / elseif / else.
type IfStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Cond   *PipelineStatement
	Then   *StatementBlock
	ElseIf []*ElseIfClause
	Else   *StatementBlock
}

// ElseIfClause is one elseif.
type ElseIfClause struct {
	Pos  Pos
	End  int
	Cond *PipelineStatement
	Then *StatementBlock
}

// LabeledStatement is :label loop.
type LabeledStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Label  string
	Loop   Statement
}

// ForeachStatement is foreach ($x in pipeline) { }.
type ForeachStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Flags  []string
	Var    string
	// VarAt and VarEnd bound the variable token; VarSplat marks @name.
	VarAt    int
	VarEnd   int
	VarSplat bool
	In       *PipelineStatement
	Body     *StatementBlock
	Label    string
}

// ForStatement is for (init; cond; iter) { }.
type ForStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Init   *PipelineStatement
	Cond   *PipelineStatement
	Iter   *PipelineStatement
	Body   *StatementBlock
	Label  string
}

// WhileStatement is while (cond) { }.
type WhileStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Cond   *PipelineStatement
	Body   *StatementBlock
	Label  string
}

// DoStatement is do { } while (cond) or do { } until (cond).
type DoStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Body   *StatementBlock
	Kind   string
	Cond   *PipelineStatement
	Label  string
}

// SwitchStatement is switch [-regex|-wildcard|-exact|-casesensitive] (value) { clauses }.
type SwitchStatement struct {
	Pos     Pos
	End     int
	EndPos  Pos
	Flags   []string
	Value   *PipelineStatement
	File    *Unary
	Clauses []*SwitchClause
	Label   string
}

// SwitchClause is pattern { action }.
type SwitchClause struct {
	Pos    Pos
	End    int
	Cond   *Unary
	Action *StatementBlock
}

// TryStatement is try { } catch [T] { } finally { }.
type TryStatement struct {
	Pos     Pos
	End     int
	EndPos  Pos
	Body    *StatementBlock
	Catches []*CatchClause
	Finally *StatementBlock
}

// CatchClause is catch [T1], [T2] { }.
type CatchClause struct {
	Pos   Pos
	End   int
	Types []string
	// TypeSpans bound the type literals, in order.
	TypeSpans [][2]int
	Body      *StatementBlock
}

// TrapStatement is trap [T] { }.
type TrapStatement struct {
	Pos  Pos
	End  int
	Type string
	// TypeAt and TypeEnd bound the type literal.
	TypeAt  int
	TypeEnd int
	Body    *StatementBlock
}

// FlowStatement is return, throw or exit with an optional pipeline.
type FlowStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Kind   string
	Value  *PipelineStatement
}

// BreakStatement is break or continue with an optional label.
type BreakStatement struct {
	Pos    Pos
	End    int
	EndPos Pos
	Kind   string
	Label  string
	// LabelAt is where the label starts; LabelExpr is a label given by
	// an expression (break $label).
	LabelAt   int
	LabelExpr *Unary
}

// FunctionDefinition is function Name (params) { body } (or filter).
type FunctionDefinition struct {
	Pos    Pos
	End    int
	EndPos Pos
	Kind   string
	Name   string
	// NameAt and NameEnd bound the name token; HasParens marks the
	// function Name(parameters) form.
	NameAt    int
	NameEnd   int
	HasParens bool
	Params    []*Parameter
	Body      *ScriptBlockBody
}

// ClassDefinition is class Name : Base { members }.
type ClassDefinition struct {
	Pos   Pos
	End   int
	Name  string
	Bases []string
	// BaseSpans bound the base type names; Attrs are the attributes
	// written before the class.
	BaseSpans [][2]int
	Attrs     []*ParamAttr
	EndPos    Pos
	Members   []*ClassMember
}

// ClassMember is a property or a method (or constructor) of a class.
type ClassMember struct {
	Pos    Pos
	End    int
	Attrs  []*ParamAttr
	Mods   []string
	Attrs2 []*ParamAttr
	Prop   string
	Init   *PipelineStatement
	Method string
	// NameAt and NameEnd bound the method's name token.
	NameAt, NameEnd int
	Params          []*Parameter
	Base            *BaseCall
	Body            *StatementBlock
	// Script is the method body read as a script block when it has a
	// param block or named blocks, which a method may not have (Body then
	// holds its statements, if any).
	Script *ScriptBlockBody
}

// BaseCall is the ": base(arguments)" of a constructor (parsed by hand,
// see stmt.go).
type BaseCall struct {
	Pos  Pos
	End  int
	Args []*Expr
}

// EnumDefinition is enum Name : UnderlyingType { A; B = 2 }.
type EnumDefinition struct {
	Pos  Pos
	End  int
	Name string
	Base string
	// BaseAt is where the underlying type's name starts.
	BaseAt int
	// Attrs are the attributes written before the enum.
	Attrs   []*ParamAttr
	Members []*EnumMember
}

// EnumMember is one enum value.
type EnumMember struct {
	Pos   Pos
	End   int
	Name  string
	Value *Expr
}

// ErrorStatement stands for a statement that did not parse, in the tree
// of a script with errors (PowerShell's ErrorStatementAst). Kind is the
// keyword of the statement, if any; Nested holds its parts that did parse.
type ErrorStatement struct {
	Pos    Pos
	End    int
	Kind   string
	Nested []any
	// A broken switch statement keeps its parts apart: KindAt is where
	// its keyword starts, Flags are its flags, Conditions the value in
	// its parentheses and Bodies its clauses' patterns and blocks.
	KindAt     int
	Flags      []*ErrorFlag
	Conditions []any
	Bodies     []any
}

// ErrorFlag is a flag of a broken switch statement: its canonical name,
// the bounds of its token, and its value (the -file name), if any.
type ErrorFlag struct {
	Name     string
	TokenAt  int
	TokenEnd int
	Value    *Unary
}

// ErrorExpr stands for an operand that is missing, in the tree of a script
// with errors (PowerShell's ErrorExpressionAst).
type ErrorExpr struct {
	Pos Pos
	End int
}

// DataStatement is data [Name] [-SupportedCommand commands] { body }.
type DataStatement struct {
	Pos      Pos
	End      int
	EndPos   Pos
	Variable string
	Commands []*Unary
	Body     *StatementBlock
}

func (*DataStatement) statement()      {}
func (*ErrorStatement) statement()     {}
func (*PipelineStatement) statement()  {}
func (*IfStatement) statement()        {}
func (*LabeledStatement) statement()   {}
func (*ForeachStatement) statement()   {}
func (*ForStatement) statement()       {}
func (*WhileStatement) statement()     {}
func (*DoStatement) statement()        {}
func (*SwitchStatement) statement()    {}
func (*TryStatement) statement()       {}
func (*TrapStatement) statement()      {}
func (*FlowStatement) statement()      {}
func (*BreakStatement) statement()     {}
func (*FunctionDefinition) statement() {}
func (*ClassDefinition) statement()    {}
func (*EnumDefinition) statement()     {}
func (*UsingStatement) statement()     {}

func (*Command) pipeElement()           {}
func (*CommandExpression) pipeElement() {}

func (*CommandParameter) commandElement() {}
func (*CommandArgument) commandElement()  {}
func (*Splat) commandElement()            {}
func (*Redirection) commandElement()      {}

func (*VarExpr) primary()         {}
func (*NumberLit) primary()       {}
func (*StringLit) primary()       {}
func (*ExpandString) primary()    {}
func (*ParenExpr) primary()       {}
func (*SubExpr) primary()         {}
func (*ArrayExpr) primary()       {}
func (*HashLiteral) primary()     {}
func (*ScriptBlockExpr) primary() {}
func (*TypeExpr) primary()        {}
func (*BareWord) primary()        {}
func (*CompoundArg) primary()     {}
func (*ErrorExpr) primary()       {}
