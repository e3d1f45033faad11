package cmdlets_test

import "testing"

// parseInput is the start of a script that parses its argument with
// [System.Management.Automation.Language.Parser]::ParseInput into $ast,
// $tokens and $errors.
func parseInput(src string) string {
	return "$tokens = $null; $errors = $null\n$ast = [System.Management.Automation.Language.Parser]::ParseInput(" + src + ", [ref]$tokens, [ref]$errors)\n"
}

// astAPICases use PowerShell's parser API: Parser.ParseInput and
// Parser.ParseFile return a ScriptBlockAst and fill the Token[] and
// ParseError[] given by [ref] (Microsoft Learn: Parser.ParseInput,
// Parser.ParseFile, Ast, Token, ParseError in the
// System.Management.Automation.Language namespace).
var astAPICases = []evalCase{
	// a script without errors: the tree, no errors, the tokens
	{"parse_input_tree", parseInput(`'Get-Process -Name x | Select-Object Id'`) +
		"$ast.GetType().FullName\n$errors.Count\n$ast.EndBlock.Statements[0].PipelineElements.Count\n$ast.EndBlock.Statements[0].PipelineElements[1].GetCommandName()",
		"System.Management.Automation.Language.ScriptBlockAst\n0\n2\nSelect-Object\n", "", 0},
	// the tokens end with EndOfInput; a command name is a Generic token
	// flagged CommandName, a parameter a Parameter token, | a Pipe
	// (token.cs: the TokenKind table and its TokenFlags)
	{"parse_input_tokens", parseInput(`'Get-Process -Name x | Select-Object Id'`) +
		"$tokens | ForEach-Object { '{0} {1} {2}' -f $_.Kind, $_.Text, $_.TokenFlags }",
		"Generic Get-Process CommandName\nParameter -Name None\nGeneric x None\nPipe | SpecialOperator, ParseModeInvariant\n" +
			"Generic Select-Object CommandName\nGeneric Id None\nEndOfInput  ParseModeInvariant\n", "", 0},
	{"parse_input_token_extent", parseInput(`'$a = 10'`) +
		"$t = $tokens[2]\n$t.Kind; $t.Value; $t.Extent.StartOffset; $t.Extent.EndOffset; $t.Extent.StartColumnNumber; $tokens[1].TokenFlags",
		"Number\n10\n5\n7\n6\nAssignmentOperator\n", "", 0},
	// the token classes and what they add: a string's Value, a label,
	// a bare word (a Generic StringLiteralToken), a splatted variable,
	// comments and newlines (token.cs; tokenizer.cs NewGenericToken).
	// The tokens inside an expandable string are [NotImplemented].
	{"parse_input_token_classes", parseInput("\"`\"a `$b`\" + 'c' # note`n:lab foreach (`$i in 1) { break lab } @x\"") +
		"$tokens | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.GetType().Name, $_.Kind, $_.Text, $_.TokenFlags }\n" +
		"$tokens[0].Value\n$tokens[8].Name\ntry { $tokens[0].NestedTokens } catch { $_.Exception.Message }",
		"StringExpandableToken|StringExpandable|\"a $b\"|ParseModeInvariant\n" +
			"Token|Plus|+|BinaryPrecedenceAdd, BinaryOperator, UnaryOperator, CanConstantFold\n" +
			"StringLiteralToken|StringLiteral|'c'|ParseModeInvariant\nToken|Comment|# note|ParseModeInvariant\n" +
			"Token|NewLine|\n|ParseModeInvariant\nLabelToken|Label|:lab|None\n" +
			"Token|Foreach|foreach|Keyword, StatementDoesntSupportAttributes\nToken|LParen|(|ParseModeInvariant\n" +
			"VariableToken|Variable|$i|None\nToken|In|in|Keyword\nNumberToken|Number|1|None\nToken|RParen|)|ParseModeInvariant\n" +
			"Token|LCurly|{|ParseModeInvariant\nToken|Break|break|Keyword, StatementDoesntSupportAttributes\n" +
			"StringLiteralToken|Generic|lab|None\nToken|RCurly|}|ParseModeInvariant\nVariableToken|SplattedVariable|@x|None\n" +
			"Token|EndOfInput||ParseModeInvariant\na $b\ni\n" +
			"[NotImplemented] System.Management.Automation.Language.StringExpandableToken.NestedTokens is not emulated\n", "", 0},
	// a script with errors: the ErrorId, the message, the extent and
	// IncompleteInput (ParserStrings.resx: MissingEndCurlyBrace; PowerShell
	// reports it at the '{' that is not closed)
	{"parse_input_error", parseInput(`"if (`+"`"+`$x) { 'a' "`) +
		"$errors.Count\n$e = $errors[0]\n$e.ErrorId\n$e.Message\n$e.IncompleteInput\n" +
		"$e.Extent.Text; $e.Extent.StartOffset; $e.Extent.EndOffset; $e.Extent.StartLineNumber; $e.Extent.StartColumnNumber; $e.Extent.StartScriptPosition.ColumnNumber\n" +
		"$e.GetType().FullName\n$ast.EndBlock.Statements[0].GetType().Name",
		"1\nMissingEndCurlyBrace\nMissing closing '}' in statement block or type definition.\nTrue\n{\n8\n9\n1\n9\n9\n" +
			"System.Management.Automation.Language.ParseError\nIfStatementAst\n", "", 0},
	// several errors, in the order PowerShell reports them
	// (Language/Parser/Parsing.Tests.ps1: 'switch -abc')
	{"parse_input_several_errors", parseInput(`'switch -abc'`) +
		"$errors | ForEach-Object { '{0} {1}' -f $_.ErrorId, $_.Extent.StartOffset }\n$ast.EndBlock.Statements[0].GetType().Name",
		"InvalidSwitchFlag 7\nPipelineValueRequired 11\nErrorStatementAst\n", "", 0},
	// a ternary expression without its ':' is an ErrorExpressionAst
	// holding what did parse; without the operand after ':' it is a
	// TernaryExpressionAst (Parser.cs ExpressionRule; Language/Parser/
	// Parsing.Tests.ps1 "Incomplete ternary expression")
	{"parse_input_broken_ternary", "foreach ($s in '$true ?', '$true ? 3', '$true ? 3 :') {\n" +
		"$e = $null\n$r = [System.Management.Automation.Language.Parser]::ParseInput($s, [ref]$null, [ref]$e)\n" +
		"$x = $r.EndBlock.Statements[0].PipelineElements[0].Expression\n" +
		"$n = ($x.NestedAst | ForEach-Object { $_.Extent.Text }) -join ','\n" +
		"'{0}|{1}|{2}|{3}|{4}' -f $x.GetType().Name, $x.Extent.Text, $e[0].ErrorId, $e[0].IncompleteInput, $n }",
		"ErrorExpressionAst|$true ?|ExpectedValueExpression|True|$true\n" +
			"ErrorExpressionAst|$true ? 3|MissingColonInTernaryExpression|True|$true,3\n" +
			"TernaryExpressionAst|$true ? 3 :|ExpectedValueExpression|True|\n", "", 0},
	// the file name of ParseInput(input, fileName, ...) is the File of
	// the extents
	{"parse_input_file_name", "$e = $null\n$a = [System.Management.Automation.Language.Parser]::ParseInput('1 +', 'x.ps1', [ref]$null, [ref]$e)\n$e[0].Extent.File\n$a.Extent.File",
		"x.ps1\nx.ps1\n", "", 0},

	// node types: GetType().Name, -is with the base classes
	{"ast_node_types", parseInput(`'@{ a = 1 }; @(1, 2); $o.Name; $o.Go(1); [int]; { 1 }; 1, 2; "s"; 7; -1; $x'`) +
		"$ast.EndBlock.Statements | ForEach-Object { $_.PipelineElements[0].Expression.GetType().Name }",
		"HashtableAst\nArrayExpressionAst\nMemberExpressionAst\nInvokeMemberExpressionAst\nTypeExpressionAst\n" +
			"ScriptBlockExpressionAst\nArrayLiteralAst\nStringConstantExpressionAst\nConstantExpressionAst\nUnaryExpressionAst\nVariableExpressionAst\n", "", 0},
	{"ast_is_base_class", parseInput(`'Get-Date'`) +
		"$c = $ast.EndBlock.Statements[0].PipelineElements[0]\n" +
		"$c -is [System.Management.Automation.Language.CommandAst]\n$c -is [System.Management.Automation.Language.CommandBaseAst]\n" +
		"$c -is [System.Management.Automation.Language.Ast]\n$c -is [System.Management.Automation.Language.ExpressionAst]",
		"True\nTrue\nTrue\nFalse\n", "", 0},
	// the type name of a type literal: a generic one has the open type
	// and the arguments; the open type's .NET type is [NotImplemented]
	// (Language/Parser/Parsing.Tests.ps1 "Should correctly set the cached
	// type for 'GenericTypeName.TypeName'")
	{"ast_type_names", parseInput(`'[System.Collections.Generic.List[string]]; [int[,]]'`) +
		"$g = $ast.EndBlock.Statements[0].PipelineElements[0].Expression.TypeName\n" +
		"$g.GetType().Name; $g.FullName; $g.TypeName.FullName; $g.GenericArguments[0].Name\n" +
		"$a = $ast.EndBlock.Statements[1].PipelineElements[0].Expression.TypeName\n" +
		"$a.GetType().Name; $a.Rank; $a.ElementType.Name\n" +
		"try { $g.TypeName.GetReflectionType() } catch { $_.Exception.Message }",
		"GenericTypeName\nSystem.Collections.Generic.List[string]\nSystem.Collections.Generic.List\nstring\nArrayTypeName\n2\nint\n" +
			"[NotImplemented] System.Management.Automation.Language.TypeName.GetReflectionType() of an open generic type (System.Collections.Generic.List`1) is not emulated\n", "", 0},
	// an assignment: its operator, its left side, and its right side,
	// the statement after the '=' (Parser.cs: AssignmentStatementAst
	// takes StatementRule's pipeline)
	{"ast_assignment", parseInput(`'$a = 1 + 2'`) +
		"$s = $ast.EndBlock.Statements[0]\n$s.GetType().Name\n$s.Operator\n$s.Left.VariablePath.UserPath\n" +
		"$s.Right.GetType().Name\n$b = $s.Right.PipelineElements[0].Expression\n$b.Operator\n$b.Left.Value + $b.Right.Value",
		"AssignmentStatementAst\nEquals\na\nPipelineAst\nPlus\n3\n", "", 0},
	// a function: its name, its parameters with their types and
	// defaults, its extent's lines
	{"ast_function", parseInput(`"function Get-X { param([int]`+"`"+`$n = 2) `+"`"+`$n * 3 }`+"`"+`nGet-X -n 4"`) +
		"$f = $ast.EndBlock.Statements[0]\n$f.GetType().Name; $f.Name\n$p = $f.Body.ParamBlock.Parameters[0]\n" +
		"$p.Name.VariablePath.UserPath; $p.StaticType.Name; $p.DefaultValue.Value; $p.Attributes[0].TypeName.FullName\n" +
		"$ast.EndBlock.Statements[1].Extent.StartLineNumber\n$ast.EndBlock.Statements[1].PipelineElements[0].CommandElements.Count",
		"FunctionDefinitionAst\nGet-X\nn\nInt32\n2\nint\n2\n3\n", "", 0},
	// Parent goes up to the root, whose Parent is $null; the text of a
	// node is its extent's
	{"ast_parent_and_text", parseInput(`'$x = 1; Write-Output $x'`) +
		"$s = $ast.EndBlock.Statements[1]\n$s.Parent.GetType().Name\n$s.Parent.Parent -eq $ast\n$null -eq $ast.Parent\n$s.ToString()\n$s.Extent.Text\n$ast.ToString()",
		"NamedBlockAst\nTrue\nTrue\nWrite-Output $x\nWrite-Output $x\n$x = 1; Write-Output $x\n", "", 0},
	// the named blocks: BlockKind, and a script without named blocks has
	// its statements in an unnamed End block
	{"ast_named_blocks", parseInput(`'begin { 1 } process { 2 }'`) +
		"$ast.BeginBlock.BlockKind; $ast.ProcessBlock.BlockKind; $null -eq $ast.EndBlock\n" +
		"$ast.ProcessBlock.Statements[0].Extent.Text; $ast.BeginBlock.Unnamed\n" +
		"$u = [System.Management.Automation.Language.Parser]::ParseInput('1', [ref]$null, [ref]$null)\n$u.EndBlock.BlockKind; $u.EndBlock.Unnamed",
		"Begin\nProcess\nTrue\n2\nFalse\nEnd\nTrue\n", "", 0},

	// FindAll with and without the nested script blocks; Find returns
	// the first match or $null (Microsoft Learn: Ast.FindAll, Ast.Find)
	{"ast_find_all", parseInput(`'$a = 1; & { $b }; function f { $c }; $d'`) +
		"$isVar = { param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }\n" +
		"($ast.FindAll($isVar, $true) | ForEach-Object { $_.VariablePath.UserPath }) -join ','\n" +
		"($ast.FindAll($isVar, $false) | ForEach-Object { $_.VariablePath.UserPath }) -join ','\n" +
		"$ast.Find($isVar, $true).VariablePath.UserPath\n$null -eq $ast.Find({ $false }, $true)",
		"a,b,c,d\na,d\na\nTrue\n", "", 0},
	// (Language/Parser/Ast.Tests.ps1: SafeGetValue returns a hashtable or
	// an array, and fails with InvalidOperationException on a variable)
	{"ast_safe_get_value", "$h = { @{ one = 1 } }.Ast.Find({ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $true)\n" +
		"$v = $h.SafeGetValue(); $v.GetType().Name; $v.one\n" +
		"$a = { @(1, 2, 3) }.Ast.Find({ $args[0] -is [System.Management.Automation.Language.ArrayExpressionAst] }, $true)\n" +
		"$a.SafeGetValue().Count\n" +
		"$x = { $a }.Ast.Find({ $args[0] -is [System.Management.Automation.Language.VariableExpressionAst] }, $true)\n" +
		"try { $x.SafeGetValue() } catch { $_.FullyQualifiedErrorId }",
		"Hashtable\n1\n3\nInvalidOperationException\n", "", 0},

	// $sb.Ast is the block's ScriptBlockAst; $function:f.Ast and the
	// ScriptBlock of Get-Command's FunctionInfo are the function's
	// FunctionDefinitionAst (Microsoft Learn: ScriptBlock.Ast)
	{"script_block_ast", "$sb = { param($p) \"hi $p\" }\n$sb.Ast.GetType().Name\n$sb.Ast.ParamBlock.Parameters[0].Name.VariablePath.UserPath\n" +
		"$sb.Ast.Extent.Text\n$sb.Ast.EndBlock.Statements[0].PipelineElements[0].Expression.GetType().Name",
		"ScriptBlockAst\np\n{ param($p) \"hi $p\" }\nExpandableStringExpressionAst\n", "", 0},
	{"function_ast", "function Get-Twice([int]$n) { $n * 2 }\n$function:Get-Twice.Ast.GetType().Name\n$function:Get-Twice.Ast.Name\n" +
		"(Get-Command Get-Twice).ScriptBlock.Ast.Extent.Text",
		"FunctionDefinitionAst\nGet-Twice\nfunction Get-Twice([int]$n) { $n * 2 }\n", "", 0},
	{"script_block_create_ast", "[scriptblock]::Create('Get-Date; 1').Ast.EndBlock.Statements.Count", "2\n", "", 0},

	// a text with errors: [scriptblock]::Create throws a ParseException
	// (inside the MethodInvocationException of the call) carrying the
	// ParseErrors; Invoke-Expression fails with the first error's id
	// (Language/Parser/Parsing.Tests.ps1 and Parser.Tests.ps1 read
	// $_.Exception.InnerException.Errors and the ErrorId)
	// (the id names the command by its .NET class, as ComparisonOperator.Tests.ps1
	// expects TypeNotFound,Microsoft.PowerShell.Commands.InvokeExpressionCommand)
	{"script_block_create_parse_exception", "try { [scriptblock]::Create('1 +') } catch {\n$_.FullyQualifiedErrorId\n$_.Exception.GetType().FullName\n" +
		"$_.Exception.InnerException.GetType().FullName\n$_.Exception.InnerException.Errors[0].ErrorId\n$_.Exception.InnerException.Errors[0].Extent.StartOffset }",
		"ParseException\nSystem.Management.Automation.MethodInvocationException\nSystem.Management.Automation.ParseException\nExpectedValueExpression\n3\n", "", 0},
	{"invoke_expression_parse_error", "try { Invoke-Expression 'foreach ($a in' } catch {\n$_.FullyQualifiedErrorId\n$_.Exception.GetType().FullName\n$_.Exception.Errors[0].ErrorId\n$_.CategoryInfo.Category }",
		"MissingForeachExpression,Microsoft.PowerShell.Commands.InvokeExpressionCommand\nSystem.Management.Automation.ParseException\nMissingForeachExpression\nParserError\n", "", 0},

	// the enums of the API
	{"token_enums", "[System.Management.Automation.Language.TokenKind]::Generic\n[int][System.Management.Automation.Language.TokenKind]::EndOfInput\n" +
		"[System.Management.Automation.Language.TokenFlags]::CommandName",
		"Generic\n11\nCommandName\n", "", 0},

	// what the tree cannot tell is [NotImplemented], not $null
	{"ast_member_not_implemented", parseInput(`'class C { [int] M() { return 1 } }'`) +
		"$m = $ast.EndBlock.Statements[0].Members[0]\n$m.GetType().Name\n$m.Name\ntry { $m.Body } catch { $_.Exception.Message }",
		"FunctionMemberAst\nM\n[NotImplemented] System.Management.Automation.Language.FunctionMemberAst.Body is not emulated\n", "", 0},
}

func TestAstAPI(t *testing.T) {
	for _, c := range astAPICases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
