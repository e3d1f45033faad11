package cmdlets_test

import "testing"

// The attributes of script parameters. What pwsh 7 does comes from
// about_Functions_Advanced_Parameters (Microsoft Learn), from
// test/powershell/Language/Scripting/ParameterBinding.Tests.ps1, and for
// the exact messages from PowerShell's Metadata and ParameterBinderStrings
// resources: a failed validation is "Cannot validate argument on
// parameter 'X'. " followed by the attribute's message, a statement-
// terminating error (the script goes on).
var attrTests = []evalCase{
	// ValidatePattern: the argument must match; matching ignores case by
	// default, Options replaces that, ErrorMessage formats {0} (the value)
	// and {1} (the pattern).
	{"pattern_ok", `function f { param([ValidatePattern('^ab\d$')][string]$s) $s }; f AB1`, "AB1\n", "", 0},
	{"pattern_fails", "function f { param([ValidatePattern('^ab\\d$')][string]$s) $s }\nf abc\n'after'", "after\n",
		`f: Cannot validate argument on parameter 's'. The argument "abc" does not match the "^ab\d$" pattern. Supply an argument that matches "^ab\d$" and try the command again.`, 0},
	{"pattern_options_none", "function f { param([ValidatePattern('^ab$', Options = 'None')]$s) $s }\nf AB", "",
		`The argument "AB" does not match the "^ab$" pattern.`, 0},
	{"pattern_error_message", "function f { [CmdletBinding()] param([ValidatePattern('\\s+', ErrorMessage = \"Item '{0}' failed '{1}' regex\")] $p) $p }\nf -p 2", "",
		`Cannot validate argument on parameter 'p'. Item '2' failed '\s+' regex`, 0},
	{"pattern_each_item", "function f { param([ValidatePattern('^\\d+$')][string[]]$s) $s.Count }\nf 1, 22\nf 1, x", "2\n",
		`The argument "x" does not match the "^\d+$" pattern.`, 0},

	// ValidateScript: $_ is the value (each item of a collection); the
	// script must return true; its own error becomes the message.
	{"script_ok", `function f { param([ValidateScript({ $_ -gt 2 })][int]$n) $n }; f 3`, "3\n", "", 0},
	{"script_fails", "function f { param([ValidateScript({ $_ -gt 2 })][int]$n) $n }\nf 2\n'after'", "after\n",
		`Cannot validate argument on parameter 'n'. The " $_ -gt 2 " validation script for the argument with value "2" did not return a result of True. Determine why the validation script failed, and then try the command again.`, 0},
	{"script_error_message", "function f { [CmdletBinding()] param([ValidateScript({$_ -gt 2}, ErrorMessage = \"Item '{0}' failed '{1}' validation\")] $p) $p }\nf -p 2", "",
		`Cannot validate argument on parameter 'p'. Item '2' failed '$_ -gt 2' validation`, 0},
	{"script_throws", "function f { param([ValidateScript({ if ($_ -eq 'x') { throw \"no $_ here\" }; $true })]$s) $s }\nf y\nf x", "y\n",
		`Cannot validate argument on parameter 's'. no x here`, 0},
	{"script_each_item", "function f { param([ValidateScript({ $_ -lt 5 })][int[]]$n) $n.Count }\nf 1, 2\nf 1, 9", "2\n",
		`with value "9" did not return a result of True`, 0},

	// ValidateLength: the character length of a string (each string of
	// a string[]).
	{"length_ok", `function f { param([ValidateLength(2, 4)][string]$s) $s }; f abc`, "abc\n", "", 0},
	{"length_short", "function f { param([ValidateLength(2, 4)][string]$s) $s }\nf a", "",
		`Cannot validate argument on parameter 's'. The character length (1) of the argument is too short. Specify an argument with a length that is greater than or equal to "2", and then try the command again.`, 0},
	{"length_long", "function f { param([ValidateLength(2, 4)][string[]]$s) $s }\nf ab, abcde", "",
		`The character length (5) of the argument is too long. Specify an argument with a length that is shorter than or equal to "4", and then try the command again.`, 0},
	{"length_not_string", "function f { param([ValidateLength(1, 4)]$s) $s }\nf 5", "",
		`The ValidateLength attribute cannot be applied to a parameter that is not a string or string[] parameter.`, 0},
	{"length_bad_limits", "function f { param([ValidateLength(4, 2)][string]$s) $s }\nf abc", "",
		`The specified maximum character length of the argument is shorter than the specified minimum argument character length.`, 0},

	// ValidateCount: how many values a collection parameter gets.
	{"count_ok", `function f { param([ValidateCount(1, 3)][string[]]$s) $s.Count }; f a, b`, "2\n", "", 0},
	{"count_too_many", "function f { param([ValidateCount(1, 2)][string[]]$s) $s.Count }\nf a, b, c", "",
		`Cannot validate argument on parameter 's'. The parameter requires at least 1 value(s) and no more than 2 value(s) - 3 value(s) were provided.`, 0},
	{"count_exact", "function f { param([ValidateCount(2, 2)][int[]]$n) $n.Count }\nf 1", "",
		`The parameter requires exactly 2 value(s) - 1 value(s) were provided.`, 0},
	{"count_not_array", "function f { param([ValidateCount(1, 2)]$n) $n }\nf 1", "",
		`The ValidateCount attribute cannot be applied to a non-array parameter.`, 0},

	// ValidateRange: limits of the parameter's type; the value converts
	// to the limits' type; default values are not validated
	// (ParameterBinding.Tests.ps1 "Validation attributes should not run on
	// default values").
	{"range_ok", `function f { param([ValidateRange(1, 10)][int]$n) $n }; f 10`, "10\n", "", 0},
	{"range_too_small", "function f { param([ValidateRange(1, 10)][int]$n) $n }\nf 0", "",
		`Cannot validate argument on parameter 'n'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.`, 0},
	{"range_too_big", "function f { param([ValidateRange(1, 10)][int[]]$n) $n }\nf 1, 11", "",
		`The 11 argument is greater than the maximum allowed range of 10.`, 0},
	{"range_string_converts", `function f { param([ValidateRange(1, 10)]$n) "ok $n" }; f '5'`, "ok 5\n", "", 0},
	{"range_wrong_type", "function f { param([ValidateRange(1, 10)]$n) $n }\nf abc", "",
		`The argument cannot be validated because its type "String" is not the same type (Int32) as the maximum and minimum limits of the parameter. Make sure the argument is of type Int32 and then try the command again.`, 0},
	{"range_default_not_validated", `function f { param([ValidateRange(1, 42)] $p = 55) $p }; f`, "55\n", "", 0},
	{"range_unbound_not_validated", `function f { [CmdletBinding()] param([ValidateRange(1, 42)] $p) "none[$p]" }; f`, "none[]\n", "", 0},
	{"range_double_limits", "function f { param([ValidateRange(0.5, 2)]$n) $n }\nf 1.5\nf 3", "1.5\n",
		`The 3 argument is greater than the maximum allowed range of 2.`, 0},
	{"range_bad_limits", "function f { param([ValidateRange(5, 1)]$n) $n }\nf 3", "",
		`The specified maximum range cannot be accepted because it is less than the specified minimum range.`, 0},
	// the ValidateRangeKind forms
	{"range_positive", "function f { param([ValidateRange('Positive')][int]$n) $n }\nf 1\nf 0", "1\n",
		`Cannot validate argument on parameter 'n'. The argument "0" cannot be validated because its value is not greater than zero.`, 0},
	{"range_nonnegative", "function f { param([ValidateRange('NonNegative')][int]$n) $n }\nf 0\nf -1", "0\n",
		`The argument "-1" cannot be validated because its value is not greater than or equal to zero.`, 0},
	{"range_negative", "function f { param([ValidateRange('Negative')][int]$n) $n }\nf -1\nf 0", "-1\n",
		`The argument "0" cannot be validated because its value is not less than zero.`, 0},
	{"range_nonpositive", "function f { param([ValidateRange('NonPositive')][double]$n) $n }\nf 0\nf 0.5", "0\n",
		`The argument "0.5" cannot be validated because its value is not less than or equal to zero.`, 0},

	// ValidateNotNull, ValidateNotNullOrEmpty, ValidateNotNullOrWhiteSpace
	{"notnull", "function f { param([ValidateNotNull()]$o) 'ran' }\nf -o $null", "",
		`Cannot validate argument on parameter 'o'. The argument is null. Provide a valid value for the argument, and then try running the command again.`, 0},
	{"notnull_item", "function f { param([ValidateNotNull()][object[]]$o) 'ran' }\nf -o 1, $null", "",
		`The argument has a null value, or an element of the argument collection contains a null value.`, 0},
	{"notnull_empty_string_ok", `function f { param([ValidateNotNull()][string]$s) "[$s]" }; f ''`, "[]\n", "", 0},
	{"notnullorempty_empty_array", "function f { param([ValidateNotNullOrEmpty()][string[]]$s) 'ran' }\nf -s @()", "",
		`The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.`, 0},
	{"notnullorempty_hashtable", "function f { param([ValidateNotNullOrEmpty()][hashtable]$h) 'ran' }\nf -h @{}", "",
		`The argument is null, empty, or an element of the argument collection contains a null value.`, 0},
	{"notnullorwhitespace", "function f { param([ValidateNotNullOrWhiteSpace()][string]$s) 'ran' }\nf ' '", "",
		`Cannot validate argument on parameter 's'. The argument is null, empty, or consists of only white-space characters. Provide an argument that contains non white-space characters, and then try the command again.`, 0},
	{"notnullorwhitespace_item", "function f { param([ValidateNotNullOrWhiteSpace()][string[]]$s) 'ran' }\nf a, ' '", "",
		`An element of the argument collection is null, empty, or consists of only white-space characters.`, 0},

	// ValidateSet: IgnoreCase and ErrorMessage (ParameterBinding.Tests.ps1
	// "ValidateSet can use custom ErrorMessage")
	{"set_case_sensitive", "function f { param([ValidateSet('A', 'B', IgnoreCase = $false)]$p) $p }\nf A\nf a", "A\n",
		`The argument "a" does not belong to the set "A,B" specified by the ValidateSet attribute.`, 0},
	{"set_error_message", "function f { param([ValidateSet('A', 'B', ErrorMessage = \"Item '{0}' is not in '{1}'\")]$p) $p }\nf 2", "",
		`Cannot validate argument on parameter 'p'. Item '2' is not in 'A,B'`, 0},

	// the attributes run in their order, after the type conversion
	{"attrs_in_order", "function f { param([ValidateLength(1, 2)][ValidatePattern('^\\d+$')][string]$s) $s }\nf abc", "",
		`The character length (3) of the argument is too long.`, 0},

	// PSTypeName: the value's type names must include it
	{"pstypename", "function f { param([PSTypeName('System.String')]$s) \"ok $s\" }\nf x\nf 5", "ok x\n",
		`Cannot bind argument to parameter 's', because PSTypeNames of the argument do not match the PSTypeName required by the parameter: System.String.`, 0},

	// AllowNull, AllowEmptyString, AllowEmptyCollection: each lets a
	// mandatory parameter take its own case only (ParameterBinding.Tests.ps1
	// "Null is allowed when Allownull attribute is set" and the like)
	{"mandatory_null", "function f { param([Parameter(Mandatory)]$a) 'ran' }\nf -a $null", "",
		`f: Cannot bind argument to parameter 'a' because it is null.`, 0},
	{"allownull", `function f { param([Parameter(Mandatory)][AllowNull()]$a) "ran[$a]" }; f -a $null`, "ran[]\n", "", 0},
	{"mandatory_empty_string", "function f { param([Parameter(Mandatory)][string]$a) 'ran' }\nf -a ''", "",
		`Cannot bind argument to parameter 'a' because it is an empty string.`, 0},
	// a [string] parameter converts $null to "", which AllowNull does not allow
	{"allownull_string_null", "function f { param([Parameter(Mandatory)][AllowNull()][string]$a) 'ran' }\nf -a $null", "",
		`Cannot bind argument to parameter 'a' because it is an empty string.`, 0},
	{"allowemptystring", `function f { param([Parameter(Mandatory)][AllowEmptyString()][string]$a) "ran[$a]" }; f -a ''`, "ran[]\n", "", 0},
	{"allowemptystring_not_null", "function f { param([Parameter(Mandatory)][AllowEmptyString()]$a) 'ran' }\nf -a $null", "",
		`Cannot bind argument to parameter 'a' because it is null.`, 0},
	{"mandatory_empty_array", "function f { param([Parameter(Mandatory)][string[]]$a) 'ran' }\nf -a @()", "",
		`Cannot bind argument to parameter 'a' because it is an empty array.`, 0},
	{"allowemptycollection", `function f { param([Parameter(Mandatory)][AllowEmptyCollection()][string[]]$a) "ran $($a.Count)" }; f -a @()`, "ran 0\n", "", 0},
	{"allowemptycollection_not_empty_string", "function f { param([Parameter(Mandatory)][AllowEmptyCollection()][string[]]$a) 'ran' }\nf -a ''", "",
		`Cannot bind argument to parameter 'a' because it is an empty string.`, 0},
	// an untyped mandatory parameter takes "" and @()
	{"mandatory_object_empty", `function f { param([Parameter(Mandatory)]$a) "ran[$a]" }; f -a ''; f -a @()`, "ran[]\nran[]\n", "", 0},
	// a non-mandatory parameter takes all of them
	{"optional_takes_empty", `function f { param([string]$a, [string[]]$b) "ran[$a]" }; f -a '' -b @()`, "ran[]\n", "", 0},

	// a parameter's validation attributes check what the variable is
	// assigned later too (PSVariable; Metadata InvalidValueFailure)
	{"variable_keeps_validation", "function f { param([ValidateSet('a', 'b')]$x) $x = 'b'; $x; $x = 'c'; \"still $x\" }\nf a", "b\nstill b\n",
		`The variable cannot be validated because the value c is not a valid value for the x variable.`, 0},
	{"variable_validation_null", "function f { param([ValidateNotNull()]$o) $o = $null; 'after' }\nf 1", "after\n",
		`The variable cannot be validated because the value $null is not a valid value for the o variable.`, 0},

	// attributes csemu does not honour say so; the informational ones
	// are accepted
	{"unknown_attribute", "function f { param([ValidateDrive('C')]$p) $p }\nf x\n'after'", "after\n",
		`[NotImplemented] the [ValidateDrive()] attribute on parameter $p is not emulated`, 0},
	{"obsolete_attribute", "function f { param([Obsolete('old')]$p) $p }\nf x", "",
		`[NotImplemented] the [Obsolete()] attribute on parameter $p is not emulated`, 0},
	{"informational_attributes", `function f {
    [OutputType([string])]
    param([ArgumentCompleter({ 'a' })][SupportsWildcards()][PSDefaultValue(Help = 'x')][string]$p)
    "got $p"
}
f y`, "got y\n", "", 0},
	{"suppress_message", `function f {
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingPlainTextForPassword', '')]
    [CmdletBinding()]
    param([System.Diagnostics.CodeAnalysis.SuppressMessage('PSUseDeclaredVarsMoreThanAssignments', '')][string]$Password)
    "ok $Password"
}
f x`, "ok x\n", "", 0},
	// [Credential()] (CredentialAttribute, about_Functions_Advanced_Parameters
	// "Credential attribute"): a user name becomes a credential; a
	// credential stays; [pscredential]::Empty is one object
	{"credential_attribute", `function f {
    param([System.Management.Automation.PSCredential][System.Management.Automation.Credential()]$Credential = [System.Management.Automation.PSCredential]::Empty)
    if ($Credential -ne [System.Management.Automation.PSCredential]::Empty) { $Credential.UserName } else { 'none' }
}
f; f -Credential ann; f -Credential (New-Object System.Management.Automation.PSCredential 'bob', $null)`, "none\nann\nbob\n", "", 0},
	{"cmdletbinding_unknown", "function f { [CmdletBinding(SupportsPaging)] param($p) $p }\nf x", "",
		`[NotImplemented] [CmdletBinding(SupportsPaging)] is not emulated`, 0},
	{"parameter_unknown_property", "function f { param([Parameter(HelpMessageBaseName = 'x')]$p) $p }\nf x", "",
		`[NotImplemented] [Parameter(HelpMessageBaseName)] is not emulated`, 0},
	// [Alias()] on a function's param block names aliases of the function
	// (about_Functions_Advanced, Alias attribute)
	{"function_alias", `function Get-Thing { [CmdletBinding()] [Alias('gth')] param($x) "thing $x $($MyInvocation.InvocationName)" }
gth 1; (Get-Command gth).Name`, "thing 1 gth\ngth -> Get-Thing\n", "", 0},
	{"attribute_full_name", `function f { param([System.Management.Automation.ValidateNotNullOrEmptyAttribute()][string]$s) "[$s]" }; f a`, "[a]\n", "", 0},
}

func TestScriptParameterAttributes(t *testing.T) {
	for _, c := range attrTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// Binding rules of script functions: ValueFromRemainingArguments,
// parameter sets, pipeline input.
var bindingTests = []evalCase{
	// ParameterBinding.Tests.ps1 "Value from remaining arguments": the
	// arguments nothing else takes, unknown parameter names as text, in
	// their order
	{"remaining", `function f { param([Parameter(Position = 1)]$a, [Parameter(ValueFromRemainingArguments)]$rest) $rest -join ',' }
f a b c d
f a b -a c d
f a b -a c -q d`, "b,c,d\na,b,d\na,b,-q,d\n", "", 0},
	// one collection is taken as it is
	{"remaining_one_array", `function f { param([Parameter(ValueFromRemainingArguments)]$rest) $rest.Count }; f 1, 2, 3`, "3\n", "", 0},
	// ParameterBinding.Tests.ps1 "Multiple parameter sets with Value from
	// remaining arguments"
	{"remaining_sets", `function f {
    param([Parameter(ParameterSetName = 'set1', Position = 1)]$a,
          [Parameter(ParameterSetName = 'set2', Position = 1)]$b,
          [Parameter(ValueFromRemainingArguments)]$rest)
    $rest -join ','
}
f -a a b c d
f -b b a c d
f -a a -b b c d`, "b,c,d\na,c,d\n", `f: Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.`, 0},
	// ParameterBinding.Tests.ps1 "Default parameter set with value from
	// remaining argument case 2": a positional value binds to the
	// default set's parameter
	{"default_set_positional", `function f {
    [CmdletBinding(DefaultParameterSetName = 'set2')]
    param([Parameter(ParameterSetName = 'set1', Position = 1)]$a,
          [Parameter(ParameterSetName = 'set2', Position = 1)]$b,
          [Parameter(ValueFromRemainingArguments)]$rest)
    "a=$a b=$b rest=$($rest -join ',') set=$($PSCmdlet.ParameterSetName)"
}
f x y z`, "a= b=x rest=y,z set=set2\n", "", 0},
	// about_Functions_CmdletBindingAttribute: PositionalBinding = $false
	// makes the parameters named only
	{"positional_binding_off", "function f { [CmdletBinding(PositionalBinding = $false)] param($a) $a }\nf -a 1\nf 2", "1\n",
		`A positional parameter cannot be found that accepts argument '2'.`, 0},
	// Mandatory in one parameter set only
	{"mandatory_per_set", `function f {
    [CmdletBinding(DefaultParameterSetName = 'A')]
    param([Parameter(Mandatory, ParameterSetName = 'B')]$x, [Parameter(ParameterSetName = 'A')]$y)
    "set=$($PSCmdlet.ParameterSetName)"
}
f -y 1`, "set=A\n", "", 0},
	// ParameterBinding.Tests.ps1 "Unspecified non-mandatory bool should
	// not cause exception": without a process block the pipeline object
	// still binds
	{"pipeline_no_process_block", `function f { param([Parameter(Mandatory, Position = 0, ValueFromPipeline)]$a, [bool]$b) $a }; 42 | f`, "42\n", "", 0},
	// ParameterBinding.Tests.ps1 "Parameter binding failure on Parameter1
	// should not cause parameter binding failure on Length": a string's
	// Length binds by property name
	{"pipeline_by_name_string_length", `function f {
    param([Parameter(ValueFromPipeline)][int]$Parameter1 = 10, [Parameter(ValueFromPipelineByPropertyName)][int]$Length = 100)
    process { $Length }
}
'abc' | f`, "3\n", "", 0},
	// ParameterBinding.Tests.ps1 "Binding array of string to array of bool
	// should fail (cmdletbinding)" / "... should succeed"
	{"bool_array_advanced", "function f { [CmdletBinding()] param([bool[]]$p) $p }\nf 'a', 'b'", "",
		`f: Cannot process argument transformation on parameter 'p'. Cannot convert value "System.String" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`, 0},
	{"bool_array_simple", `function f { param([bool[]]$p) $p }; f 'a', 'b'`, "True\nTrue\n", "", 0},
	// [switch] takes only Booleans and numbers (ArgumentTypeConverterAttribute)
	{"switch_value", "function f([switch]$s) { \"s=$s\" }\nf -s; f -s:$false; f -s:0\nf -s:'abc'", "s=True\ns=False\ns=False\n",
		`Cannot convert value "System.String" to type "System.Management.Automation.SwitchParameter". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`, 0},
	// an advanced function's [string] takes no array
	{"string_array_advanced", "function f { [CmdletBinding()] param([string]$s) $s }\nf a, b", "",
		`Cannot process argument transformation on parameter 's'. Cannot convert value to type System.String.`, 0},
	{"string_array_simple", `function f { param([string]$s) $s }; f a, b`, "a b\n", "", 0},
	// a typed parameter converts $null as the type does
	{"null_to_int", `function f { param([int]$n) $n; $PSBoundParameters['n'] }; f -n $null`, "0\n0\n", "", 0},
	// ParameterBinding.Tests.ps1 "Too many parameter sets defined": 32
	// sets at most
	{"parameter_sets_limit", `$sb = { param($n) $p = (1..$n | ForEach-Object { "[Parameter(ParameterSetName = 'set$_')]` + "`" + `$a$_" }) -join ', '
    & ([scriptblock]::Create("param($p) 'working'")) -a1 123 }
& $sb 32
& $sb 33`, "working\n", "Cannot get or run the command. The maximum number of parameter sets for this command has been exceeded.", 0},
	// a mandatory parameter missing from a command with no console is an
	// error before the command runs (its begin block does not run)
	{"missing_before_begin", "function f { param([Parameter(Mandatory)]$a) begin { 'begin' } end { $a } }\nf\n'after'", "after\n",
		`f: Cannot process command because of one or more missing mandatory parameters: a.`, 0},
	{"missing_several", "function f { param([Parameter(Mandatory)]$a, [Parameter(Mandatory)]$b) 'ran' }\nf", "",
		`Cannot process command because of one or more missing mandatory parameters: a b.`, 0},
}

// A script's arguments on the command line: -Name:value reads true,
// false, $true and $false as Booleans (pwsh -File,
// CommandLineParameterParser); about_Pwsh shows -File script.ps1
// -Switch:$false.
func TestScriptCommandLineArgs(t *testing.T) {
	c := evalCase{"cli_args", `param([switch]$Force, [string]$Name) "force=$Force name=$Name"`, "force=False name=x\n", "", 0}
	runEval(t, c, "", []any{"-Force:$false", "-Name:x"})
	c = evalCase{"cli_args_true", `param([switch]$Force) "force=$Force"`, "force=True\n", "", 0}
	runEval(t, c, "", []any{"-Force:true"})
}

func TestScriptBinding(t *testing.T) {
	for _, c := range bindingTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// Pipelines and $?.
var pipelineOrderTests = []evalCase{
	// PipelineBehaviour.Tests.ps1 "Permits output from named block": an
	// upstream begin block that writes runs the downstream begin block
	// first, then its process block (PowerShell's ScriptCommandProcessor
	// runs a begin block not yet run when input arrives)
	{"upstream_begin_output", `function f { begin { 'f begin' } process { "f got $_" } }
& { begin { Write-Host 'up begin'; 10 } } | f`, "up begin\nf begin\nf got 10\n", "", 0},
	// DollarHook.Tests.ps1: $? given as an argument is the status of the
	// statement before
	{"question_as_argument", `function Hook { param([bool]$Value) "hook $Value" }
Write-Error 'Bad' 2>$null; Hook $?; Hook $?`, "hook False\nhook True\n", "", 0},
	{"question_after_success", `function Hook { param([bool]$Value) "hook $Value" }
Write-Output 'Hi' | Out-Null; Hook $?`, "hook True\n", "", 0},
	// DollarHook.Tests.ps1: an expression statement sets $? to true when
	// it has run, except $(...) with statements, a paren expression
	// around a command and @(...) with a command last
	{"question_expression_statements", `function Hook { param([bool]$Value) "hook $Value" }
"Hi $(Write-Error 'Bad')"; Hook $?
$(Write-Error 'Bad'); Hook $?
Write-Error 'Bad'; ('Hi'); Hook $?
(Write-Error 'Bad'); Hook $?
Write-Error 'Bad'; @(); Hook $?
@('Hi'; Write-Error 'Bad'); Hook $?
Write-Error 'Bad'; $x = "Hi $(Write-Error 'Bad')"; Hook $?`, "Hi \nhook True\nhook False\nHi\nhook True\nhook False\nhook True\nHi\nhook False\nhook True\n", "Bad", 0},
}

// The clean block (about_Functions_Advanced_Methods; PipelineBehaviour.Tests.ps1):
// it runs last, also after a terminating error, only when another block
// of the function ran; its output is discarded, its other streams are
// not; exit in it ends only the block.
var cleanTests = []evalCase{
	{"clean_after_end", `function f { begin { 'BEGIN' } process { 'PROCESS' } end { 'END' } clean { Write-Host 'clean'; 'discarded' } }; f`,
		"BEGIN\nPROCESS\nEND\nclean\n", "", 0},
	{"clean_needs_a_block", `function t1 { clean { Write-Host 't1 clean' } }; t1; 'after'`, "after\n", "", 0},
	{"clean_no_input", `function t2 { process { "t2 $_" } clean { Write-Host 't2 clean' } }; @() | t2; 1 | t2`, "t2 1\nt2 clean\n", "", 0},
	{"clean_after_throw", `function f { process { throw 'boom' } clean { Write-Host 'cleaned' } }; try { 1 | f } catch { "caught $_" }`, "cleaned\ncaught boom\n", "", 0},
	{"clean_in_pipeline_order", `function a { end { 1 } clean { Write-Host 'a clean' } }; function b { process { $_ } clean { Write-Host 'b clean' } }; a | b`,
		"1\na clean\nb clean\n", "", 0},
	{"clean_exit_stays", `function f { end {} clean { Write-Host 'in clean'; exit; Write-Host 'not here' } }; f; 'after'`, "in clean\nafter\n", "", 0},
	{"clean_script_block", `& { end { 'sb end' } clean { Write-Host 'sb clean'; 'discarded' } }`, "sb end\nsb clean\n", "", 0},
	{"clean_script_file", "end { 'e' } clean { Write-Host 'file clean' }", "e\nfile clean\n", "", 0},
	{"dynamicparam", "function f { dynamicparam { } end { 'x' } }\nf\n'after'", "after\n", "[NotImplemented] a dynamicparam block is not emulated", 0},
}

// PipelineChainOperator.Tests.ps1 "1,2 | Test-NonTerminatingError &&
// ...": a command that wrote a non-terminating error failed ($? is false),
// even when the function's last statement succeeded
var commandStatusTests = []evalCase{
	{"function_wrote_error", `filter nt { [CmdletBinding()] param([Parameter(ValueFromPipeline)][object[]]$in)
    if ($in -ne 2) { return $in }
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('NTERROR'), 'NTERROR', 'NotSpecified', $null))
}
1, 2 | nt && 'second'
1, 2 | nt || 'other'`, "1\n1\nother\n", "NTERROR", 0},
	{"function_handled_error", `function hnd { try { 1 / 0 } catch { 'handled' } }; hnd && 'next'`, "handled\nnext\n", "", 0},
}

func TestCommandStatus(t *testing.T) {
	for _, c := range commandStatusTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

func TestCleanBlock(t *testing.T) {
	for _, c := range cleanTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

func TestPipelineOrder(t *testing.T) {
	for _, c := range pipelineOrderTests {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
