package parser

import "github.com/alecthomas/participle/v2/lexer"

// Pos is a position in a source file. Lines and columns start at 1;
// columns count runes.
type Pos = lexer.Position

// Script is a parsed script file: the body of its top-level script block.
type Script struct {
	Pos    Pos
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
	Pos    Pos
	Usings []*UsingStatement
	Param  *ParamBlock
	Named  []*NamedBlock
	Stmts  *StatementList
}

// StatementList is a sequence of statements.
type StatementList struct {
	Pos   Pos
	Stmts []Statement
}

// NamedBlock is begin, process, end, dynamicparam or clean.
type NamedBlock struct {
	Pos  Pos
	Name string
	Body *StatementBlock
}

// StatementBlock is { statements }.
type StatementBlock struct {
	Pos    Pos
	EndPos Pos
	List   *StatementList `parser:"LBrace @@ RBrace"`
}

// UsingStatement is using namespace X, using module X.
type UsingStatement struct {
	Pos  Pos
	Kind string
	Name string
}

// ParamBlock is [attributes] param( parameters ).
type ParamBlock struct {
	Pos    Pos
	Attrs  []*Attribute
	Params []*Parameter
}

// Attribute is [Name(args)].
type Attribute struct {
	Pos  Pos
	Name string
	Args []*AttrArg
}

// AttrArg is one attribute argument: Name, Name = value, or value.
type AttrArg struct {
	Pos   Pos
	Name  string
	Value *Expr
}

// Parameter is one parameter of a param block or function.
type Parameter struct {
	Pos     Pos
	Attrs   []*ParamAttr
	Name    string
	Default *Expr
}

// ParamAttr is an attribute or a type constraint of a parameter.
type ParamAttr struct {
	Pos  Pos
	Attr *Attribute
	Type string
}

// Statement is any statement.
type Statement interface{ statement() }

// PipelineStatement is a pipeline, maybe assigned or chained with && and ||.
type PipelineStatement struct {
	Pos    Pos
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
	Op   string
	Next *Pipeline
}

// Pipeline is elements joined by |.
type Pipeline struct {
	Pos    Pos
	EndPos Pos
	Elems  []PipeElement
}

// PipeElement is a command or an expression in a pipeline.
type PipeElement interface{ pipeElement() }

// Command is a command invocation: a name or a call operator and target,
// then its elements.
type Command struct {
	Pos      Pos
	EndPos   Pos
	Call     string
	Target   *Unary
	Name     string
	Elements []CommandElement
}

// CommandExpression is an expression used as a pipeline element.
type CommandExpression struct {
	Pos    Pos
	Expr   *Expr
	Redirs []*Redirection
}

// CommandElement is a parameter, argument, splat or redirection.
type CommandElement interface{ commandElement() }

// CommandParameter is -Name, or -Name:value.
type CommandParameter struct {
	Pos  Pos
	Name string
	Arg  *Unary
}

// CommandArgument is an argument (an array when commas join several).
type CommandArgument struct {
	Pos  Pos
	Expr *Expr
}

// Splat is @name in a command.
type Splat struct {
	Pos  Pos
	Name string
}

// Redirection is > file, >> file, 2> file or a stream merge such as 2>&1.
type Redirection struct {
	Pos    Pos
	Op     string
	Target *Unary
	Merge  string
}

// Expr is a flat list of operands and binary operators (parsed by hand, see
// expr.go); the check pass folds it by precedence into Tree.
type Expr struct {
	Pos   Pos
	First *Unary
	Rest  []*BinRest
	// Ternary is "? then : else" (PowerShell 7), the loosest operator.
	Ternary *Ternary
	// Tree is the expression folded by operator precedence.
	Tree Node
}

// Ternary is the "? a : b" tail of an expression.
type Ternary struct {
	Pos  Pos
	Then *Expr
	Else *Expr
}

// BinRest is one binary operator and its right operand.
type BinRest struct {
	Pos   Pos
	Op    string
	Right *Unary
}

// Unary is prefix operators applied to a postfix expression.
type Unary struct {
	Pos     Pos
	Prefix  []string
	Primary Primary
	Post    []*PostOp
}

// PostOp is a member access, static member access, index or ++/--.
type PostOp struct {
	Pos     Pos
	Dot     string
	Member  string
	DynVar  string
	DynStr  *StringLit
	DynExp  *ExpandString
	DynExpr *ParenExpr
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
	Name string
}

// NumberLit is a number literal.
type NumberLit struct {
	Pos  Pos
	Text string
	// Value is the parsed number.
	Value Number
}

// StringLit is a string with no expansion: single-quoted, or double-quoted
// with nothing to expand.
type StringLit struct {
	Pos   Pos
	Value string
}

// ExpandString is a double-quoted string with variables or sub-expressions.
type ExpandString struct {
	Pos   Pos
	Open  string
	Parts []*StringPart
}

// StringPart is literal text, a variable or a sub-expression.
type StringPart struct {
	Pos  Pos
	Text string
	Var  string
	Sub  *StatementList
}

// ParenExpr is ( pipeline ).
type ParenExpr struct {
	Pos  Pos
	Stmt *PipelineStatement
}

// SubExpr is $( statements ).
type SubExpr struct {
	Pos  Pos
	List *StatementList
}

// ArrayExpr is @( statements ).
type ArrayExpr struct {
	Pos  Pos
	List *StatementList
}

// HashLiteral is @{ key = value; ... }.
type HashLiteral struct {
	Pos     Pos
	Entries []*HashEntry
}

// HashEntry is key = statement.
type HashEntry struct {
	Pos   Pos
	Key   *Unary
	Value Statement
}

// ScriptBlockExpr is { param(...) statements }.
type ScriptBlockExpr struct {
	Pos    Pos
	EndPos Pos
	Body   *ScriptBlockBody
}

// TypeExpr is [Type], a cast [Type]operand, or [Type]::Member; Attrs are
// attributes written before it ([ValidateNotNullOrEmpty()][string]$x).
type TypeExpr struct {
	Pos     Pos
	Name    string
	Operand *Unary
	Attrs   []*Attribute
}

// BareWord is an unquoted argument.
type BareWord struct {
	Pos   Pos
	Value string
}

// CompoundArg is an argument glued from several parts: pre'fix'$x.
type CompoundArg struct {
	Pos   Pos
	Parts []*CompoundPart
}

// CompoundPart is one part of a compound argument.
type CompoundPart struct {
	Pos  Pos
	Word string
	Str  *StringLit
	Var  string
	Exp  *ExpandString
	Sub  *StatementList
}

// IfStatement is if / elseif / else.
type IfStatement struct {
	Pos    Pos
	EndPos Pos
	Cond   *PipelineStatement `parser:"'if':Kw LParen @@ RParen"`
	Then   *StatementBlock    `parser:"@@"`
	ElseIf []*ElseIfClause    `parser:"@@*"`
	Else   *StatementBlock    `parser:"('else':Kw @@)?"`
}

// ElseIfClause is one elseif.
type ElseIfClause struct {
	Pos  Pos
	Cond *PipelineStatement `parser:"'elseif':Kw LParen @@ RParen"`
	Then *StatementBlock    `parser:"@@"`
}

// LabeledStatement is :label loop.
type LabeledStatement struct {
	Pos    Pos
	EndPos Pos
	Label  string    `parser:"@Label"`
	Loop   Statement `parser:"@@"`
}

// ForeachStatement is foreach ($x in pipeline) { }.
type ForeachStatement struct {
	Pos    Pos
	EndPos Pos
	Flags  []string           `parser:"'foreach':Kw @Param*"`
	Var    string             `parser:"LParen @Var 'in':Kw"`
	In     *PipelineStatement `parser:"@@ RParen"`
	Body   *StatementBlock    `parser:"@@"`
	Label  string
}

// ForStatement is for (init; cond; iter) { }.
type ForStatement struct {
	Pos    Pos
	EndPos Pos
	Init   *PipelineStatement `parser:"'for':Kw LParen @@?"`
	Cond   *PipelineStatement `parser:"(Semi @@?"`
	Iter   *PipelineStatement `parser:"(Semi @@?)?)? RParen"`
	Body   *StatementBlock    `parser:"@@"`
	Label  string
}

// WhileStatement is while (cond) { }.
type WhileStatement struct {
	Pos    Pos
	EndPos Pos
	Cond   *PipelineStatement `parser:"'while':Kw LParen @@ RParen"`
	Body   *StatementBlock    `parser:"@@"`
	Label  string
}

// DoStatement is do { } while (cond) or do { } until (cond).
type DoStatement struct {
	Pos    Pos
	EndPos Pos
	Body   *StatementBlock    `parser:"'do':Kw @@"`
	Kind   string             `parser:"@('while':Kw | 'until':Kw)"`
	Cond   *PipelineStatement `parser:"LParen @@ RParen"`
	Label  string
}

// SwitchStatement is switch [-regex|-wildcard|-exact|-casesensitive] (value) { clauses }.
type SwitchStatement struct {
	Pos     Pos
	EndPos  Pos
	Flags   []string           `parser:"'switch':Kw @Param*"`
	Value   *PipelineStatement `parser:"( LParen @@ RParen"`
	File    *Unary             `parser:"| @@ )"`
	Clauses []*SwitchClause    `parser:"LBrace @@* RBrace"`
	Label   string
}

// SwitchClause is pattern { action }.
type SwitchClause struct {
	Pos    Pos
	Cond   *Unary          `parser:"@@"`
	Action *StatementBlock `parser:"@@"`
}

// TryStatement is try { } catch [T] { } finally { }.
type TryStatement struct {
	Pos     Pos
	EndPos  Pos
	Body    *StatementBlock `parser:"'try':Kw @@"`
	Catches []*CatchClause  `parser:"@@*"`
	Finally *StatementBlock `parser:"('finally':Kw @@)?"`
}

// CatchClause is catch [T1], [T2] { }.
type CatchClause struct {
	Pos   Pos
	Types []string        `parser:"'catch':Kw (@Type (Comma @Type)*)?"`
	Body  *StatementBlock `parser:"@@"`
}

// TrapStatement is trap [T] { }.
type TrapStatement struct {
	Pos  Pos
	Type string          `parser:"'trap':Kw @Type?"`
	Body *StatementBlock `parser:"@@"`
}

// FlowStatement is return, throw or exit with an optional pipeline.
type FlowStatement struct {
	Pos    Pos
	EndPos Pos
	Kind   string             `parser:"@('return':Kw | 'throw':Kw | 'exit':Kw)"`
	Value  *PipelineStatement `parser:"@@?"`
}

// BreakStatement is break or continue with an optional label.
type BreakStatement struct {
	Pos    Pos
	EndPos Pos
	Kind   string `parser:"@('break':Kw | 'continue':Kw)"`
	Label  string `parser:"@Word?"`
}

// FunctionDefinition is function Name (params) { body } (or filter).
type FunctionDefinition struct {
	Pos    Pos
	EndPos Pos
	Kind   string           `parser:"@('function':Kw | 'filter':Kw)"`
	Name   string           `parser:"@Word"`
	Params []*Parameter     `parser:"(LParen (@@ (ArgSep @@)*)? RParen)?"`
	Body   *ScriptBlockBody `parser:"LBrace @@ RBrace"`
}

// ClassDefinition is class Name : Base { members }.
type ClassDefinition struct {
	Pos     Pos
	Name    string         `parser:"'class':Kw @Word"`
	Bases   []string       `parser:"(Colon @Word ((ArgSep | Comma) @Word)*)?"`
	Members []*ClassMember `parser:"LBrace Term* (@@ Term*)* RBrace"`
}

// ClassMember is a property or a method (or constructor) of a class.
type ClassMember struct {
	Pos    Pos
	Attrs  []*ParamAttr       `parser:"@@*"`
	Mods   []string           `parser:"@('static':Kw | 'hidden':Kw)*"`
	Attrs2 []*ParamAttr       `parser:"@@*"`
	Prop   string             `parser:"( @Var"`
	Init   *PipelineStatement `parser:"  (Assign @@)?"`
	Method string             `parser:"| @Word"`
	Params []*Parameter       `parser:"  LParen (@@ (ArgSep @@)*)? RParen"`
	Base   *BaseCall          `parser:"  @@?"`
	Body   *StatementBlock    `parser:"  @@ )"`
}

// BaseCall is the ": base(arguments)" of a constructor (parsed by hand,
// see stmt.go).
type BaseCall struct {
	Pos  Pos
	Args []*Expr
}

// EnumDefinition is enum Name : UnderlyingType { A; B = 2 }.
type EnumDefinition struct {
	Pos     Pos
	Name    string        `parser:"'enum':Kw @Word"`
	Base    string        `parser:"(Colon @Word)?"`
	Members []*EnumMember `parser:"LBrace Term* (@@ Term*)* RBrace"`
}

// EnumMember is one enum value.
type EnumMember struct {
	Pos   Pos
	Name  string `parser:"@Word"`
	Value *Expr  `parser:"(Assign @@)?"`
}

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
