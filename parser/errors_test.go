package parser

import (
	"strconv"
	"strings"
	"testing"
)

// errCase is a script that must fail to parse. want lists every error in
// its Error() form ("line:col: message", filename ""), in order; an empty
// want means pwsh parses the script without error. incomplete is what
// IsIncomplete must report: more input could complete the script.
type errCase struct {
	name       string
	src        string
	want       []string
	incomplete bool
	note       string
}

const (
	msgAssign    = "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property."
	msgDriveVar  = "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name."
	msgCurly     = "Missing closing '}' in statement block or type definition."
	msgForeachOK = "\nThe correct form is: foreach ($a in $b) {...}"
)

// errorCases must produce exactly these errors, as pwsh 7 reports them
// (ParserStrings.resx wording; positions from Parser.cs / tokenizer.cs).
var errorCases = []errCase{
	// unclosed brackets and strings: Incomplete
	{name: "unclosed brace", src: "{", want: []string{"1:1: " + msgCurly}, incomplete: true},
	{name: "unclosed brace multiline", src: "if ($x) {\n  Write-Host 1\n", want: []string{"1:9: " + msgCurly}, incomplete: true},
	{name: "unclosed foreach body", src: "foreach ($u in $users) {", want: []string{"1:24: " + msgCurly}, incomplete: true},
	{name: "unclosed function body", src: "function Get-X {", want: []string{"1:16: " + msgCurly}, incomplete: true},
	{name: "unclosed scriptblock arg", src: "Get-Process | Where-Object {", want: []string{"1:28: " + msgCurly}, incomplete: true},
	{name: "unclosed double quote", src: `"abc`, want: []string{`1:1: The string is missing the terminator: ".`}, incomplete: true},
	{name: "unclosed double quote arg", src: `Get-Date -Format "yyyy`, want: []string{`1:18: The string is missing the terminator: ".`}, incomplete: true},
	{name: "unclosed single quote", src: `'abc`, want: []string{`1:1: The string is missing the terminator: '.`}, incomplete: true},
	{name: "unclosed here-string", src: "@\"\nabc", want: []string{`1:1: The string is missing the terminator: "@.`}, incomplete: true},
	{name: "unclosed literal here-string", src: "@'\nabc", want: []string{`1:1: The string is missing the terminator: '@.`}, incomplete: true},

	// trailing operators: Incomplete
	{name: "trailing pipe", src: "Get-Process |", want: []string{"1:14: An empty pipe element is not allowed."}, incomplete: true},
	{name: "trailing pipe after scriptblock", src: "$a | % { $_ } |", want: []string{"1:16: An empty pipe element is not allowed."}, incomplete: true},
	{name: "trailing pipe after strings", src: "Write-Host 'a' 'b' |", want: []string{"1:21: An empty pipe element is not allowed."}, incomplete: true},
	{name: "trailing plus", src: "$a = 1 +", want: []string{"1:9: You must provide a value expression following the '+' operator."}, incomplete: true},
	{name: "trailing plus bare", src: "1 +", want: []string{"1:4: You must provide a value expression following the '+' operator."}, incomplete: true},
	{name: "trailing plus after string", src: `$a = "x" +`, want: []string{"1:11: You must provide a value expression following the '+' operator."}, incomplete: true},
	{name: "trailing -eq", src: "$a -eq", want: []string{"1:7: You must provide a value expression following the '-eq' operator."}, incomplete: true},
	{name: "trailing -and", src: "$a = $b -and", want: []string{"1:13: You must provide a value expression following the '-and' operator."}, incomplete: true},
	{name: "trailing -f", src: `"a" -f`, want: []string{"1:7: You must provide a value expression following the '-f' operator."}, incomplete: true},
	{name: "trailing ??", src: "$a = $b ??", want: []string{"1:11: You must provide a value expression following the '??' operator."}, incomplete: true},
	{name: "trailing range", src: "1..", want: []string{"1:4: You must provide a value expression following the '..' operator."}, incomplete: true},
	{name: "trailing comma", src: "$a = 1,", want: []string{"1:8: Missing expression after ','."}, incomplete: true},

	// variable references
	{name: "drive-qualified empty name in string", src: `"$Identity: x"`, want: []string{"1:2: " + msgDriveVar}},
	{name: "drive-qualified empty name as argument", src: "Write-Host $Identity:", want: []string{"1:12: " + msgDriveVar}},

	// unexpected closers and juxtaposed expressions
	{name: "unexpected rbrace", src: "}", want: []string{"1:1: Unexpected token '}' in expression or statement."}},
	{name: "unexpected rparen", src: ")", want: []string{"1:1: Unexpected token ')' in expression or statement."}},
	{name: "extra rbrace", src: "{ } }", want: []string{"1:5: Unexpected token '}' in expression or statement."}},
	{name: "two expressions", src: "$a $b", want: []string{"1:4: Unexpected token '$b' in expression or statement."}},

	// assignments and pipelines
	{name: "assign to constant", src: "1 = 2", want: []string{"1:1: " + msgAssign}},
	{name: "expression after pipe", src: "a | 1", want: []string{"1:5: Expressions are only allowed as the first element of a pipeline."}},

	// recovery: every broken top-level statement is reported, in order
	{name: "recovery three errors", src: "$a $b\n}\nGet-Process | 1", want: []string{
		"1:4: Unexpected token '$b' in expression or statement.",
		"2:1: Unexpected token '}' in expression or statement.",
		"3:15: Expressions are only allowed as the first element of a pipeline.",
	}},
	// the invalid assignment comes last: pwsh checks the finished tree
	// after parsing (Parser.cs: ParseTask, then PerformPostParseChecks)
	{name: "recovery three errors with good lines between", src: "Write-Host ok\n$a $b\n$c = 1\n1 = 2\nGet-Date\n$d $e\n", want: []string{
		"2:4: Unexpected token '$b' in expression or statement.",
		"6:4: Unexpected token '$e' in expression or statement.",
		"4:1: " + msgAssign,
	}},

	// parser bugs: pwsh reports an error, the parser reports none
	{name: "try without catch or finally", src: "try { 1 }", want: []string{"1:10: The Try statement is missing its Catch or Finally block."}, incomplete: true,
		note: "parser accepts it; pwsh: MissingCatchOrFinally at After(body)"},
	{name: "param in function with parameter list", src: "function f($a) { param($b) }", want: []string{"1:18: The param statement cannot be used if arguments were specified in the function declaration."},
		note: "parser accepts it"},

	// : base(...) is for instance constructors only, and needs 'base'
	// (Language/Classes/scripting.Classes.inheritance.tests.ps1:
	// MissingFunctionBody at offsets 41 and 47, MissingBaseCtorCall at 41)
	{name: "base call after a method", src: "class A { A($a){} } ; class B : A { foo() : base(1) {} }", want: []string{"1:42: Missing function body in function declaration."}},
	{name: "base call after a static constructor", src: "class A { static A() {} }; class B { static B() : base() {} }", want: []string{"1:48: Missing function body in function declaration."}},
	{name: "base call without base", src: "class A { A($a){} } ; class B : A { B() : bas {} }", want: []string{"1:42: Missing 'base' after ':' in a base class constructor call."}},

	// a member operator followed by white space and nothing else
	// (Language/Parser/Parsing.Tests.ps1: '${x}?.' is MissingPropertyName at
	// offset 6, right after the operator)
	{name: "null-conditional member operator at end", src: "${x}?.", want: []string{"1:7: Missing property name after reference operator."}, incomplete: true},
	{name: "member operator then white space at end", src: "$a. \t", want: []string{"1:4: Missing property name after reference operator."}, incomplete: true},
	{name: "member operator then a comment at end", src: "$a. # c", want: []string{"1:4: Missing property name after reference operator."}, incomplete: true},

	// formerly known differences: errors now found as Parser.cs finds them
	// (where pwsh reports at the token found instead of a closer and that
	// token is the end of input, the error is one past the script: the
	// EndOfInput token starts there, tokenizer.cs; Parsing.Tests.ps1:
	// '$hello ??? $what' has MissingColonInTernaryExpression at 17)
	{name: "unclosed paren empty", src: "(", want: []string{"1:2: An expression was expected after '('.", "1:2: Missing closing ')' in expression."}, incomplete: true},
	{name: "unclosed paren", src: "$a = (1 + 2", want: []string{"1:12: Missing closing ')' in expression."}, incomplete: true},
	{name: "unclosed paren argument", src: "Write-Host (", want: []string{"1:13: An expression was expected after '('.", "1:13: Missing closing ')' in expression."}, incomplete: true},
	{name: "unclosed paren next line", src: "$a = 1\n$b = (\n", want: []string{"2:7: An expression was expected after '('.", "2:7: Missing closing ')' in expression."}, incomplete: true},
	{name: "unclosed index", src: "$a[1", want: []string{"1:5: Missing ']' after array index expression."}, incomplete: true},
	{name: "empty index", src: "$x[", want: []string{"1:4: Array index expression is missing or not valid."}, incomplete: true},
	{name: "unclosed hash", src: "@{ a = 1", want: []string{"1:3: " + msgCurly}, incomplete: true},
	{name: "unclosed empty hash", src: "@{", want: []string{"1:3: " + msgCurly}, incomplete: true},
	{name: "unclosed hash multiline", src: "$h = @{\n a = 1\n", want: []string{"1:8: " + msgCurly}, incomplete: true},
	{name: "unclosed subexpression", src: "$(Get-Date", want: []string{"1:12: Missing closing ')' in subexpression."}, incomplete: true},
	{name: "unclosed array expression", src: "@(1, 2", want: []string{"1:8: Missing closing ')' in subexpression."}, incomplete: true},
	{name: "unclosed array expression after assign", src: "$a = @(", want: []string{"1:9: Missing closing ')' in subexpression."}, incomplete: true},
	{name: "unclosed method call", src: "$a.Method(", want: []string{"1:11: Missing ')' in method call."}, incomplete: true},
	{name: "method call trailing comma", src: "$a.Method(1,", want: []string{"1:13: Missing expression after ','."}, incomplete: true},
	{name: "unclosed switch body", src: "switch ($x) {", want: []string{"1:14: Missing condition in switch statement clause."}, incomplete: true},
	{name: "unclosed class body", src: "class Foo {", want: []string{"1:12: " + msgCurly}, incomplete: true},
	{name: "unclosed block comment", src: "<#", want: []string{"1:1: The terminator '#>' is missing from the multiline comment."}, incomplete: true},
	// reported before the end of input token, which starts one past the
	// end (Parser.cs Before(); Language/Parser/Parsing.Tests.ps1 "Parsing
	// array that has too many dimensions" has it at the script's length)
	{name: "unclosed type literal", src: "[int", want: []string{"1:5: Missing ] at end of attribute or type literal."}},
	{name: "unclosed param block", src: "param(", want: []string{"1:7: Missing ')' in function parameter list."}, incomplete: true},
	{name: "unclosed param block after attribute", src: "[CmdletBinding()]\nparam(\n", want: []string{"2:7: Missing ')' in function parameter list."}, incomplete: true},
	{name: "unclosed function parameter list", src: "function f(", want: []string{"1:12: Missing ')' in function parameter list."}, incomplete: true},
	{name: "unclosed param in function", src: "function Get-Foo {\n param(\n  [string]$Name\n", want: []string{"3:16: Missing ')' in function parameter list.", "1:18: " + msgCurly}, incomplete: true},
	{name: "trailing backtick", src: "Write-Host `", want: []string{"1:14: Incomplete string token."}, incomplete: true,
		note: "tokenizer reports at _currentIndex, one past EOF"},
	{name: "trailing pipe then comment", src: "Get-Process | # comment", want: []string{"1:14: An empty pipe element is not allowed."}, incomplete: true},
	{name: "trailing pipe then newline", src: "Get-Process |\n", want: []string{"1:14: An empty pipe element is not allowed."}, incomplete: true},
	{name: "trailing assign", src: "$x = ", want: []string{"1:5: You must provide a value expression following the '=' operator."}, incomplete: true},
	{name: "trailing ??=", src: "$a ??= ", want: []string{"1:7: You must provide a value expression following the '??=' operator."}, incomplete: true},
	{name: "trailing unary minus", src: "$a = -", want: []string{"1:7: Missing expression after unary operator '-'."}, incomplete: true},
	{name: "trailing -not", src: "-not", want: []string{"1:5: Missing expression after unary operator '-not'."}, incomplete: true},
	{name: "trailing !", src: "!", want: []string{"1:2: Missing expression after unary operator '!'."}, incomplete: true},
	{name: "lone comma", src: ",", want: []string{"1:2: Missing expression after unary operator ','."}, incomplete: true},
	{name: "unary comma after assign", src: "$a = ,", want: []string{"1:7: Missing expression after unary operator ','."}, incomplete: true},
	{name: "trailing comma in arguments", src: "Write-Host a,", want: []string{"1:14: Missing expression after ',' in pipeline element."}, incomplete: true},
	{name: "trailing &&", src: "Get-Date &&", want: []string{"1:12: A pipeline chain operator must be followed by a pipeline."}, incomplete: true},
	{name: "ternary without colon", src: "$x ? 1", want: []string{"1:8: Missing ':' in the ternary expression."}, incomplete: true},
	{name: "member access at end", src: "$a.", want: []string{"1:4: Missing property name after reference operator."}, incomplete: true},
	{name: "static member missing name", src: "$a = [int]::", want: []string{"1:13: Missing property name after reference operator."}, incomplete: true},
	{name: "variable static member missing name", src: "$a::", want: []string{"1:5: Missing property name after reference operator."}, incomplete: true},
	// pwsh reports a missing operand right after its operator (After(token)
	// in Parser.cs; Parsing.Tests.ps1: '1+' is ExpectedValueExpression at
	// offset 2)
	{name: "missing operand inside parens", src: "(1 +)", want: []string{"1:5: You must provide a value expression following the '+' operator."}},
	{name: "missing operand in scriptblock", src: "Get-ChildItem | Where-Object { $_.Length -gt }", want: []string{"1:45: You must provide a value expression following the '-gt' operator."}},
	{name: "call operator alone", src: "& ", want: []string{"1:1: Missing expression after '&' in pipeline element."}},
	{name: "colon parameter without argument", src: "Get-Item -Path:", want: []string{"1:16: Parameter -Path: requires an argument."}},
	{name: "colon parameter without argument 2", src: "Write-Host -Object:", want: []string{"1:20: Parameter -Object: requires an argument."}},
	{name: "redirection without file", src: `"done" >>`, want: []string{"1:10: Missing file specification after redirection operator."}},
	{name: "parameter inside expression", src: "$a -foo $b", want: []string{"1:4: Unexpected token '-foo' in expression or statement.", "1:9: Unexpected token '$b' in expression or statement."}},
	{name: "hash key without equals", src: "@{ a }", want: []string{"1:5: Missing '=' operator after key in hash literal."}},
	{name: "hash key without value", src: "@{ a = }", want: []string{"1:7: Missing statement after '=' in hash literal."}},
	{name: "hash key without value 2", src: "$h = @{ Name = 'x'; Value = }", want: []string{"1:28: Missing statement after '=' in hash literal."}},
	{name: "if without block", src: "if ($x)", want: []string{"1:7: Missing statement block after if ( condition )."}, incomplete: true},
	{name: "if without block then command", src: "if ($x) Write-Host", want: []string{"1:7: Missing statement block after if ( condition )."}},
	{name: "if alone", src: "if", want: []string{"1:3: Missing '(' after 'if' in if statement."}, incomplete: true},
	// after the broken if, pwsh parses "$x {}" as the next statement, where
	// the '{' is unexpected (Parser.cs: IfStatementRule returns an error
	// statement without reading on; PipelineRule reports the '{')
	{name: "if without paren", src: "if $x {}", want: []string{"1:3: Missing '(' after 'if' in if statement.", "1:7: Unexpected token '{' in expression or statement."}},
	{name: "if open paren", src: "if (", want: []string{"1:5: Missing condition in if statement after 'if ('."}, incomplete: true},
	{name: "if unclosed condition", src: "if ($x", want: []string{"1:8: Missing closing ')' after expression in 'if' statement."}, incomplete: true},
	{name: "else without block", src: "if ($x) {} else", want: []string{"1:16: Missing statement block after 'else' keyword."}, incomplete: true},
	{name: "elseif without condition", src: "if ($x) {} elseif", want: []string{"1:18: Missing '(' after 'elseif' in if statement."}, incomplete: true},
	{name: "if value else without block", src: "$x = if ($a) { 1 } else", want: []string{"1:24: Missing statement block after 'else' keyword."}, incomplete: true},
	{name: "foreach without body", src: "foreach ($x in $y)", want: []string{"1:19: Missing statement body in foreach loop." + msgForeachOK}, incomplete: true},
	// pwsh goes on with "$y) {}": the ')' ends the statement list, and the
	// top level reports it (Parser.cs: ForeachStatementRule, then
	// CompleteScriptBlockBody)
	{name: "foreach without in", src: "foreach ($x $y) {}", want: []string{"1:12: Missing 'in' after variable in foreach loop." + msgForeachOK, "1:15: Unexpected token ')' in expression or statement."}},
	{name: "while without body", src: "while ($true)", want: []string{"1:14: Missing statement body in while loop."}, incomplete: true},
	{name: "while alone", src: "while", want: []string{"1:6: Missing opening '(' after keyword 'while'."}, incomplete: true},
	{name: "while unclosed condition", src: "while ($x", want: []string{"1:10: Missing closing ')' after expression in 'while' statement."}, incomplete: true},
	{name: "for without body", src: "for ($i=0; $i -lt 3; $i++)", want: []string{"1:27: Missing statement body in for loop."}, incomplete: true},
	{name: "do without while", src: "do { 1 }", want: []string{"1:9: Missing while or until keyword in do loop."}, incomplete: true},
	{name: "do while without paren", src: "do {} while", want: []string{"1:12: Missing opening '(' after keyword 'while'."}, incomplete: true},
	{name: "do until unclosed", src: "do {} until ($x", want: []string{"1:16: Missing closing ')' after expression in 'until' statement."}, incomplete: true},
	{name: "function without body", src: "function f", want: []string{"1:11: Missing function body in function declaration."}, incomplete: true},
	{name: "function without name", src: "function", want: []string{"1:9: Missing name after function keyword."}, incomplete: true},
	{name: "switch without body", src: "switch ($x)", want: []string{"1:12: Missing '{' in switch statement."}, incomplete: true},
	{name: "switch clause without block", src: "switch ($x) { 1 }", want: []string{"1:16: Missing statement block in switch statement clause."}},
	{name: "try alone", src: "try", want: []string{"1:4: The Try statement is missing its statement block."}, incomplete: true},
	{name: "try then command", src: "try { 1 } Write-Host", want: []string{"1:10: The Try statement is missing its Catch or Finally block."}},
	{name: "catch without block", src: "try {} catch", want: []string{"1:13: The Catch block is missing its statement block."}, incomplete: true},
	{name: "finally without block", src: "try {} finally", want: []string{"1:15: The Finally block is missing its statement block."}, incomplete: true},
	{name: "trap without block", src: "trap", want: []string{"1:5: The 'trap' statement was incomplete. A trap statement requires a body."}, incomplete: true},
	{name: "class without name", src: "class", want: []string{"1:6: Missing name after class keyword."}, incomplete: true},
	{name: "class without body", src: "class Foo", want: []string{"1:10: Missing 'class' body in 'class' declaration."}, incomplete: true},
	{name: "enum without body", src: "enum E", want: []string{"1:7: Missing 'enum' body in 'enum' declaration."}, incomplete: true},
	{name: "named block without body", src: "end", want: []string{"1:4: Missing statement block after 'end'."}, incomplete: true},
	{name: "statement after named block", src: "begin { } Write-Host", want: []string{"1:11: unexpected token 'Write-Host', expected 'begin', 'process', 'end', 'clean', or 'dynamicparam'."}},
	{name: "statement after named block in function", src: "function f { param($a) process { $a } 1 }", want: []string{
		"1:39: unexpected token '1', expected 'begin', 'process', 'end', 'clean', or 'dynamicparam'.",
		"1:41: Unexpected token '}' in expression or statement.",
	}},
	{name: "attribute alone", src: "[Parameter(Mandatory)]", want: []string{"1:1: Unexpected attribute 'Parameter'."}, incomplete: true},
	{name: "param trailing comma", src: "param($a,)", want: []string{"1:10: Missing expression after ','."}},
	{name: "param twice", src: "param($a) param($b)", want: nil, note: "pwsh: the second 'param' is a command name"},
	{name: "param after statement", src: "Write-Host hi; param($a)", want: nil, note: "pwsh: 'param' is a command name here"},
	// the extent of BadNumericConstant is the number token (tokenizer.cs
	// ScanNumber; Parsing.Tests.ps1 "Should get correct offsets for number
	// constant parsing error": StartOffset 5 for '$n = 0x10000000000000000')
	{name: "long literal overflow", src: "$a = 99999999999999999999l", want: []string{"1:6: The numeric constant 99999999999999999999l is not valid."}},
	{name: "hex without digits", src: "0x", want: []string{"1:1: The numeric constant 0x is not valid."}},
	{name: "hex overflow", src: "0xFFFFFFFFFFFFFFFFFFFF", want: []string{"1:1: The numeric constant 0xFFFFFFFFFFFFFFFFFFFF is not valid."}},
	{name: "sbyte suffix overflow", src: "$a = 300y", want: []string{"1:6: The numeric constant 300y is not valid."}},
	{name: "indented here-string terminator", src: "$x = @\"\nabc\n  \"@", want: []string{"3:3: White space is not allowed before the string terminator."}, incomplete: true},
	{name: "indented literal here-string terminator", src: "$a = @'\nabc\n '@", want: []string{"3:2: White space is not allowed before the string terminator."}, incomplete: true},
	{name: "else alone is a command", src: "else { }", want: nil},
	{name: "catch alone is a command", src: "catch {}", want: nil},

	// a lone '@' (tokenizer.cs: UnrecognizedToken)
	{name: "lone at sign", src: "@", want: []string{"1:1: Unrecognized token in source text."}},

	// digits that run into more than a number where a pipeline starts are
	// a generic token, a command name (tokenizer.cs ScanNumberHelper; the
	// tokens of '1?2:3' in Language/Parser/Parsing.Tests.ps1)
	{name: "digits then letters is a command", src: "$a = 1abc", want: nil},
	{name: "7z after assignment is a command", src: "$out = 7z a x.zip", want: nil},
	{name: "exponent without digits is a command", src: "$a = 12e", want: nil},
	{name: "bad hex is a command", src: "$x = 0xZZ", want: nil},
	{name: "multiplier then digit is a command", src: "$a = 1kb2", want: nil},
	{name: "number then ternary characters is a command", src: "1?2:3", want: nil},
}

// knownParseDiffs are scripts where the parser's errors differ from pwsh
// 7's (message, position or Incomplete flag). want is pwsh's answer; an
// empty want means pwsh parses the script (it fails at run time). The
// test logs every difference instead of failing.
var knownParseDiffs = []errCase{
	// an unclosed $( ) in a string: pwsh reports both
	{name: "unclosed subexpression in string", src: `"$(Get-Date"`, want: []string{"1:2: $(subexpression) is missing the closing ')'.", `1:1: The string is missing the terminator: ".`}, incomplete: true},
	{name: "unclosed subexpression in string arg", src: `Write-Host "$($x"`, want: []string{"1:13: $(subexpression) is missing the closing ')'.", `1:12: The string is missing the terminator: ".`}, incomplete: true},

	// == and != (pwsh has no such operators)
	{name: "double equals", src: "$a == $b", want: nil,
		note: "pwsh parses '$a = (= $b)': an assignment of the command named '='"},
	{name: "not equals", src: "$a != $b", want: []string{
		"1:4: Unexpected token '!' in expression or statement.",
		"1:5: Missing expression after unary operator '!'.",
	}, note: "pwsh may also add an invalid-assignment error for the rest '!= $b'"},

	// a generic token may end in a backtick
	{name: "word with trailing backtick", src: "x`", want: nil},
}

func checkErrCase(t *testing.T, c errCase) (got []string, gotInc bool, ok bool) {
	t.Helper()
	_, err, ok := mustParseGuarded(t, c.src)
	if !ok {
		return nil, false, false
	}
	got, lerr := errorStrings(err)
	if lerr != nil {
		t.Errorf("%s: %v", c.name, lerr)
		return nil, false, false
	}
	return got, IsIncomplete(err), true
}

func TestParseErrors(t *testing.T) {
	for _, c := range errorCases {
		t.Run(c.name, func(t *testing.T) {
			got, gotInc, ok := checkErrCase(t, c)
			if !ok {
				return
			}
			if !equalStrings(got, c.want) {
				t.Errorf("Parse(%q):\n got  %q\n want %q", c.src, got, c.want)
			}
			if len(got) > 0 && gotInc != c.incomplete {
				t.Errorf("Parse(%q): IsIncomplete = %v, want %v", c.src, gotInc, c.incomplete)
			}
		})
	}
}

// TestKnownParseDiffs reports, without failing, where the parser still
// differs from pwsh 7.
func TestKnownParseDiffs(t *testing.T) {
	var diffs, same int
	for _, c := range knownParseDiffs {
		got, gotInc, ok := checkErrCase(t, c)
		if !ok {
			continue
		}
		if equalStrings(got, c.want) && (len(got) == 0 || gotInc == c.incomplete) {
			same++
			t.Logf("%s: now matches pwsh; move it to errorCases", c.name)
			continue
		}
		diffs++
		var b strings.Builder
		b.WriteString(c.name + ":\n  src:  " + quote(c.src))
		b.WriteString("\n  got:  " + quoteList(got))
		if len(got) > 0 {
			b.WriteString(" incomplete=" + boolStr(gotInc))
		}
		b.WriteString("\n  pwsh: " + quoteList(c.want))
		if len(c.want) > 0 {
			b.WriteString(" incomplete=" + boolStr(c.incomplete))
		}
		if c.note != "" {
			b.WriteString("\n  note: " + c.note)
		}
		t.Log(b.String())
	}
	t.Logf("%d known differences from pwsh, %d now matching", diffs, same)
}

// TestErrorPositionsInsideInput checks that every error of every table
// points inside its input.
func TestErrorPositionsInsideInput(t *testing.T) {
	for _, list := range [][]errCase{errorCases, knownParseDiffs} {
		for _, c := range list {
			r, hung := parseGuarded(c.src)
			if hung || r.panic != nil {
				continue // reported by the other tests
			}
			if msg := checkErrorPositions(c.src, r.err); msg != "" {
				t.Errorf("%s: %s", c.name, msg)
			}
		}
	}
}

func quote(s string) string { return strconv.Quote(s) }

func quoteList(l []string) string {
	if len(l) == 0 {
		return "(parses without error)"
	}
	parts := make([]string, len(l))
	for i, s := range l {
		parts[i] = strconv.Quote(s)
	}
	return strings.Join(parts, ", ")
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
