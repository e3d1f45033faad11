package parser

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestErrorIDsHaveTexts checks that every error id the parser and the
// tokenizer report has its message: an id without one is a slip.
func TestErrorIDsHaveTexts(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?:report|reportInc|errorAt|fail)\("([A-Za-z]+)"`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if errorFormat(m[1]) == "" {
				t.Errorf("%s: error id %s has no message", f, m[1])
			}
		}
	}
	if n < 50 {
		t.Errorf("found only %d error sites", n)
	}
}

// idCase is a script and the errors pwsh reports for it: each error's id
// and the offset (from 0) where its extent starts.
type idCase struct {
	src  string
	want []idAt
}

type idAt struct {
	id  string
	off int
}

// idCases come from the cases of PowerShell's parser tests
// (test/powershell/Language/Parser/Parsing.Tests.ps1, ShouldBeParseError):
// the error ids pwsh reports and where. Offsets count from 0; one past
// the end of the script is PowerShell's end of input.
var idCases = []idCase{
	// loops: a missing '(' is reported after the keyword, a missing ')'
	// after what was read, a missing body after the ')'
	{"for", []idAt{{"MissingOpenParenthesisAfterKeyword", 3}}},
	{"for(;;", []idAt{{"MissingEndParenthesisAfterStatement", 6}}},
	{"for($a;$b;$c)", []idAt{{"MissingLoopStatement", 13}}},
	{":lab for($a;$b", []idAt{{"MissingEndParenthesisAfterStatement", 14}}},
	{"foreach (", []idAt{{"MissingVariableNameAfterForeach", 9}}},
	{"foreach ($a into", []idAt{{"MissingInInForeach", 11}}},
	{"foreach ($a in", []idAt{{"MissingForeachExpression", 14}}},
	{"foreach ($a in $x", []idAt{{"MissingEndParenthesisAfterForeach", 17}}},
	{"foreach ($a in $x)", []idAt{{"MissingForeachStatement", 18}}},
	{"do", []idAt{{"MissingLoopStatement", 2}}},
	{"do {} until (", []idAt{{"MissingExpressionAfterKeyword", 13}}},
	{"do {} while (1", []idAt{{"MissingEndParenthesisAfterStatement", 14}}},
	{"while", []idAt{{"MissingOpenParenthesisAfterKeyword", 5}}},

	// named blocks, trap, try
	{"begin process end clean", []idAt{{"MissingNamedStatementBlock", 5}, {"MissingNamedStatementBlock", 13}, {"MissingNamedStatementBlock", 17}, {"MissingNamedStatementBlock", 23}}},
	{"trap [int]", []idAt{{"MissingTrapStatement", 10}}},
	{"try", []idAt{{"MissingTryStatementBlock", 3}}},
	{"try {}", []idAt{{"MissingCatchOrFinally", 6}}},
	{"try {} catch [int]", []idAt{{"MissingCatchHandlerBlock", 18}}},
	{"try {} catch [int],", []idAt{{"MissingTypeLiteralToken", 19}}},
	{"try {} finally { return }", []idAt{{"ControlLeavingFinally", 17}}},
	// a break or continue may leave a loop or switch inside the finally
	// block, not the block (SemanticChecks.cs CheckForFlowOutOfFinally;
	// Language/Scripting/TryCatch.Tests.ps1 "break in finally normal
	// execution")
	{"try {} finally { foreach ($i in 1) { break } }", nil},
	{"try {} finally { switch (1) { 1 { continue } } }", nil},
	{"try {} finally { :a while (1) { foreach ($i in 1) { continue a } } }", nil},
	{"try {} finally { foreach ($i in 1) { break b } }", []idAt{{"ControlLeavingFinally", 37}}},
	{"try {} finally { foreach ($i in 1) { break $x } }", []idAt{{"ControlLeavingFinally", 37}}},

	// switch: a bad flag and then no value; a second default
	{"switch -abc", []idAt{{"InvalidSwitchFlag", 7}, {"PipelineValueRequired", 11}}},
	{"switch -file a (1)", []idAt{{"PipelineValueRequired", 15}, {"MissingCurlyBraceInSwitchStatement", 18}}},
	{"switch ()", []idAt{{"PipelineValueRequired", 8}, {"MissingCurlyBraceInSwitchStatement", 9}}},
	{`switch ("abc")  { 1 }`, []idAt{{"MissingSwitchStatementClause", 19}}},
	{"switch (1) {default {} default {}}", []idAt{{"MultipleSwitchDefaultClauses", 23}}},

	// functions
	{"function", []idAt{{"MissingNameAfterKeyword", 8}}},
	{"function foo(", []idAt{{"MissingEndParenthesisInFunctionParameterList", 13}}},
	{"function foo {", []idAt{{"MissingEndCurlyBrace", 13}}},
	{"function f($a,[int]$a){}", []idAt{{"DuplicateFormalParameter", 19}}},

	// assignments, pipelines, commands
	{"$a,$b += 1,2", []idAt{{"InvalidLeftHandSide", 0}}},
	{"$cricket ?= $soccer", []idAt{{"ExpectedValueExpression", 10}, {"InvalidLeftHandSide", 0}}},
	{"${x}?[0] = 1", []idAt{{"InvalidLeftHandSide", 0}}},
	{"|gps", []idAt{{"EmptyPipeElement", 0}}},
	{"gps| |foreach name", []idAt{{"EmptyPipeElement", 4}}},
	{"1|1", []idAt{{"ExpressionsMustBeFirstInPipeline", 2}}},
	{"gcm -a:", []idAt{{"ParameterRequiresArgument", 7}}},
	{"gcm ,", []idAt{{"MissingArgument", 4}}},
	{"   }", []idAt{{"UnexpectedToken", 3}}},

	// expressions
	{"1+", []idAt{{"ExpectedValueExpression", 2}}},
	{"$hello ??? $what", []idAt{{"ExpectedValueExpression", 9}, {"MissingColonInTernaryExpression", 17}}},
	{"[datetime]?[0]", []idAt{{"MissingTypename", 12}, {"ExpectedValueExpression", 11}, {"UnexpectedToken", 11}}},
	{"${x}?[-]", []idAt{{"MissingExpressionAfterOperator", 7}}},
	{"${x}?[             ]", []idAt{{"MissingArrayIndexExpression", 6}}},
	{"[a()][b]2", []idAt{{"UnexpectedAttribute", 0}}},
	{"[int][ref]$x = 42", []idAt{{"ReferenceNeedsToBeByItselfInTypeConstraint", 5}}},
	{"[ref][ref]$x", []idAt{{"ReferenceNeedsToBeByItselfInTypeSequence", 5}}},
	{"@{ a=1;b=2;c=3;", []idAt{{"MissingEndCurlyBrace", 2}}},
	{"@a", []idAt{{"SplattingNotPermitted", 0}}},
	{"foreach (@a in $b) {}", []idAt{{"SplattingNotPermitted", 9}}},
	{"[datetime]?::now", []idAt{{"ExpectedValueExpression", 11}, {"UnexpectedToken", 11}}},

	// data sections: a bad parameter is the only error; the statement
	// ends there and what follows is a statement of its own
	{"data", []idAt{{"MissingStatementBlockForDataSection", 4}}},
	{"data -abc & {}", []idAt{{"InvalidParameterForDataSectionStatement", 5}}},
	{"data -s ) {}", []idAt{{"MissingValueForSupportedCommandInDataSectionStatement", 7}, {"UnexpectedToken", 8}}},
	{"data -sup a,", []idAt{{"MissingValueForSupportedCommandInDataSectionStatement", 12}}},
	{"data -sup a,b", []idAt{{"MissingStatementBlockForDataSection", 13}}},

	// an array type of more than 32 dimensions; a missing ']' at the end
	// (Parsing.Tests.ps1 "Parsing array that has too many dimensions")
	{"[int[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,", []idAt{{"ArrayHasTooManyDimensions", 5}, {"EndSquareBracketExpectedAtEndOfAttribute", 37}}},
	{"[int[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,]", []idAt{{"ArrayHasTooManyDimensions", 5}, {"EndSquareBracketExpectedAtEndOfAttribute", 38}}},
	{"[int[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,]]", []idAt{{"ArrayHasTooManyDimensions", 5}}},
	{"[int[,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,]]", nil},

	// a using alias that is a comma or an '&' (Parsing.Tests.ps1 "Parsing
	// using statement with alias and linebreak and comma"): the '&' is
	// then a statement of its own
	{"using namespace x = ,", []idAt{{"UnexpectedUnaryOperator", 20}}},
	{"using namespace x = &", []idAt{{"InvalidValueForUsingItemName", 20}, {"MissingExpression", 20}}},
	{"using namespace x = ;", []idAt{{"MissingNamespaceAlias", 19}}},
	{"using module ,x", []idAt{{"MissingUsingItemName", 12}}},
	// an alias is not supported; a namespace must be identifiers joined
	// by dots; a name may be quoted (Language/Parser/UsingNamespace.
	// Tests.ps1; SemanticChecks.cs VisitUsingStatement)
	{"using namespace Foo = System", []idAt{{"UsingStatementNotSupported", 0}}},
	{"using namespace ''", []idAt{{"InvalidNamespaceValue", 16}}},
	{"using namespace [System]", []idAt{{"InvalidNamespaceValue", 16}}},
	{"using namespace ',System'", []idAt{{"InvalidNamespaceValue", 16}}},
	{"using namespace 'System.Text'", nil},
	{"using module './m.psm1'", nil},
	{"1; using namespace System", []idAt{{"UsingMustBeAtStartOfScript", 3}}},

	// a type defined twice in a script block; a class or enum body not
	// closed, reported after its '{' (Language/Classes/scripting.enums.
	// tests.ps1, Scripting.Classes.BasicParsing.Tests.ps1)
	{"enum foo {} enum foo {}", []idAt{{"MemberAlreadyDefined", 12}}},
	{"class C {} class c {}", []idAt{{"MemberAlreadyDefined", 11}}},
	{"class C {}; & { class C {} }", nil},
	{"enum foo {", []idAt{{"MissingEndCurlyBrace", 10}}},
	{"enum foo { x =", []idAt{{"ExpectedValueExpression", 14}, {"MissingEndCurlyBrace", 10}}},
	{"class foo {", []idAt{{"MissingEndCurlyBrace", 11}}},
	// a class method is no script block: no param block, no named
	// blocks; a constructor has no return type, a method parameter one
	// type (Scripting.Classes.BasicParsing.Tests.ps1 "Negative methods
	// Tests"; SemanticChecks.cs VisitFunctionMember, VisitParameter)
	{"class foo { f() { param($x) } }", []idAt{{"ParamBlockNotAllowedInMethod", 18}}},
	{"class foo { f() { begin {} } }", []idAt{{"NamedBlockNotAllowedInMethod", 18}}},
	{"class foo { f() { end {} process {} } }", []idAt{{"NamedBlockNotAllowedInMethod", 25}}},
	{"class foo { [int] foo() { return 1 }}", []idAt{{"ConstructorCantHaveReturnType", 12}}},
	{"class foo { [void] bar($a, [string][int]$b, $c) {} }", []idAt{{"MultipleTypeConstraintsOnMethodParam", 35}}},
	{"class foo { [int] f([int]$a) { return $a } foo() {} }", nil},
	// after a broken base call the method's '{' is read, so its '}'
	// closes the class (scripting.Classes.inheritance.tests.ps1)
	{"class A { A($a){} } ; class B : A { B() : base {} }", []idAt{{"MissingMethodParameterList", 46}, {"UnexpectedToken", 50}}},
	{"class A { A($a){} } ; class B : A { B() : bas {} }", []idAt{{"MissingBaseCtorCall", 41}}},
	// $global: names no variable; $env: no variable on its drive
	{"class foo { $private: }", []idAt{{"InvalidVariableReference", 12}}},
	{"$env:", []idAt{{"InvalidVariableReferenceWithDrive", 0}}},

	// `u escapes: the tokenizer goes on after a bad one
	{"\"`u{}\"", []idAt{{"InvalidUnicodeEscapeSequence", 1}}},
	{"\"`u{219z}\"", []idAt{{"InvalidUnicodeEscapeSequence", 7}}},
	{"\"`u{1234567}\"", []idAt{{"TooManyDigitsInUnicodeEscapeSequence", 10}}},
	{"\"`u{110000}\"", []idAt{{"InvalidUnicodeEscapeSequenceValue", 4}}},
	{"\"`u2195}\"", []idAt{{"InvalidUnicodeEscapeSequence", 1}}},
	{"\"`u{123456", []idAt{{"MissingUnicodeEscapeSequenceTerminator", 10}, {"TerminatorExpectedAtEndOfString", 0}}},
}

// TestParseErrorIDs checks the error ids and where their extents start.
func TestParseErrorIDs(t *testing.T) {
	for _, c := range idCases {
		_, errs := ParseAll("", c.src)
		var got []idAt
		for _, e := range errs {
			got = append(got, idAt{e.ID, e.Pos.Offset})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("ParseAll(%q):\n got  %v\n want %v", c.src, got, c.want)
		}
	}
}

// TestParseErrorExtents checks the end of some extents and the
// IncompleteInput flag (Parsing.Tests.ps1 and PipelineChainOperator.Tests.ps1).
func TestParseErrorExtents(t *testing.T) {
	tests := []struct {
		src        string
		id         string
		start, end int
		incomplete bool
	}{
		// the number token is the extent of a bad number
		{"$n = 0x10000000000000000", "BadNumericConstant", 5, 24, false},
		// a pipeline chain operator at the end wants more input
		{"testexe -returncode 0 && ", "EmptyPipelineChainElement", 24, 24, true},
		{"gps &&", "EmptyPipelineChainElement", 6, 6, true},
		// a background operator before a chain operator
		{"a & && b", "BackgroundOperatorInPipelineChain", 4, 6, false},
		// an unexpected token is its own extent
		{"$a $b", "UnexpectedToken", 3, 5, false},
		// a missing closer after a newline: the input is complete
		{"Get-Process |\n", "EmptyPipeElement", 13, 13, false},
		{"Get-Process |", "EmptyPipeElement", 13, 13, true},
		// a code point out of range: the error marks the digits
		{"\"`u{110000}\"", "InvalidUnicodeEscapeSequenceValue", 4, 10, false},
		// a missing data section body wants more input
		{"data foo", "MissingStatementBlockForDataSection", 8, 8, true},
	}
	for _, tc := range tests {
		_, errs := ParseAll("", tc.src)
		if len(errs) == 0 {
			t.Errorf("%q: no error", tc.src)
			continue
		}
		e := errs[0]
		if e.ID != tc.id || e.Pos.Offset != tc.start || e.End.Offset != tc.end || e.IncompleteInput != tc.incomplete {
			t.Errorf("%q: got %s %d..%d incomplete=%v, want %s %d..%d incomplete=%v",
				tc.src, e.ID, e.Pos.Offset, e.End.Offset, e.IncompleteInput, tc.id, tc.start, tc.end, tc.incomplete)
		}
	}
}
