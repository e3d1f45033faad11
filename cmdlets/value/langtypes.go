package value

import "strings"

// LanguageNS is the namespace of PowerShell's parser API.
const LanguageNS = "System.Management.Automation.Language."

// languageTypes lists the types of PowerShell's parser API
// (System.Management.Automation.Language) that csemu models, and the
// parser's exceptions: the AST node types of ast.cs, the parser, tokens
// and parse errors. Short names, space-separated, each followed by a space.
const languageTypes = "" +
	// the nodes, abstract ones included (for -is)
	"Ast ScriptBlockAst ParamBlockAst NamedBlockAst NamedAttributeArgumentAst AttributeBaseAst " +
	"AttributeAst TypeConstraintAst ParameterAst StatementBlockAst StatementAst ErrorStatementAst " +
	"ErrorExpressionAst TypeDefinitionAst UsingStatementAst MemberAst PropertyMemberAst " +
	"FunctionMemberAst FunctionDefinitionAst IfStatementAst DataStatementAst LabeledStatementAst " +
	"LoopStatementAst ForEachStatementAst ForStatementAst DoWhileStatementAst DoUntilStatementAst " +
	"WhileStatementAst SwitchStatementAst CatchClauseAst TryStatementAst TrapStatementAst " +
	"BreakStatementAst ContinueStatementAst ReturnStatementAst ExitStatementAst ThrowStatementAst " +
	"ChainableAst PipelineChainAst PipelineBaseAst PipelineAst CommandElementAst CommandParameterAst " +
	"CommandBaseAst CommandAst CommandExpressionAst RedirectionAst MergingRedirectionAst " +
	"FileRedirectionAst AssignmentStatementAst ConfigurationDefinitionAst DynamicKeywordStatementAst " +
	"ExpressionAst TernaryExpressionAst BinaryExpressionAst UnaryExpressionAst BlockStatementAst " +
	"AttributedExpressionAst ConvertExpressionAst MemberExpressionAst InvokeMemberExpressionAst " +
	"BaseCtorInvokeMemberExpressionAst TypeExpressionAst VariableExpressionAst ConstantExpressionAst " +
	"StringConstantExpressionAst ExpandableStringExpressionAst ScriptBlockExpressionAst " +
	"ArrayLiteralAst HashtableAst ArrayExpressionAst ParenExpressionAst SubExpressionAst " +
	"UsingExpressionAst IndexExpressionAst " +
	// the parser, its tokens and errors, positions
	"Parser Token TokenKind TokenFlags ParseError IScriptExtent IScriptPosition ScriptExtent " +
	"ScriptPosition InternalScriptExtent InternalScriptPosition ITypeName TypeName ArrayTypeName " +
	"GenericTypeName StringConstantType NumberToken ParameterToken VariableToken StringToken " +
	"StringLiteralToken StringExpandableToken LabelToken RedirectionToken "

// languageType returns the canonical full name of a type of the parser
// API named by full (case-insensitive), or false.
func languageType(full string) (string, bool) {
	if len(full) <= len(LanguageNS) || !strings.EqualFold(full[:len(LanguageNS)], LanguageNS) {
		switch strings.ToLower(full) {
		case "system.management.automation.parseexception":
			return "System.Management.Automation.ParseException", true
		case "system.management.automation.incompleteparseexception":
			return "System.Management.Automation.IncompleteParseException", true
		}
		return "", false
	}
	short := full[len(LanguageNS):]
	for rest := languageTypes; rest != ""; {
		i := strings.IndexByte(rest, ' ')
		if strings.EqualFold(rest[:i], short) {
			return LanguageNS + rest[:i], true
		}
		rest = rest[i+1:]
	}
	return "", false
}
