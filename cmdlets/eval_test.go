package cmdlets_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/csemu/csemu/cmdlets"
)

// evalCase is one script run on a fresh session: its exact standard output,
// a substring its error stream must contain ("" means the error stream must
// stay empty) and its exit code (anyExit: not checked).
type evalCase struct {
	name   string
	script string
	out    string
	errSub string
	code   int
}

// anyExit marks a case whose exit code is deliberately not asserted.
const anyExit = -1

// testEnv is what $env: reads in these tests.
var testEnv = map[string]string{
	"CSEMU_TEST": "yes",
	"TENANT":     "contoso",
}

// newTestSession returns a deterministic session: fixed clock, counting
// GUIDs, a fixed environment and no file writes.
func newTestSession(stdin string, out, errw *bytes.Buffer) *cmdlets.Session {
	n := 0
	ids := func() string {
		n++
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	}
	env := func(name string) (string, bool) {
		v, ok := testEnv[strings.ToUpper(name)]
		return v, ok
	}
	return cmdlets.NewSession(
		cmdlets.WithIO(strings.NewReader(stdin), out, errw),
		cmdlets.WithClock(&cmdlets.FixedClock{T: time.Date(2026, 11, 22, 10, 30, 0, 0, time.UTC)}),
		cmdlets.WithIDs(ids),
		cmdlets.WithEnv(env),
		cmdlets.WithAllowWrite(false),
	)
}

// runEval runs one script and checks its output, errors and exit code.
func runEval(t *testing.T, c evalCase, stdin string, args []any) {
	t.Helper()
	var out, errb bytes.Buffer
	s := newTestSession(stdin, &out, &errb)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var code int
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		code, err = s.Run(ctx, "t.ps1", c.script, args)
	}()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		// the parser does not watch ctx: fail instead of stalling the binary
		t.Fatalf("script:\n%s\nRun did not return", c.script)
	}
	if err != nil && errb.Len() == 0 {
		// parse errors are returned, not printed
		errb.WriteString(err.Error())
	}
	if got := out.String(); got != c.out {
		t.Errorf("script:\n%s\nstdout:\n%q\nwant:\n%q\nstderr: %s", c.script, got, c.out, errb.String())
	}
	switch got := errb.String(); {
	case c.errSub == "" && got != "":
		t.Errorf("script:\n%s\nunexpected stderr:\n%s", c.script, got)
	case c.errSub != "" && !strings.Contains(got, c.errSub):
		t.Errorf("script:\n%s\nstderr:\n%s\nwant it to contain:\n%s", c.script, got, c.errSub)
	}
	if c.code != anyExit && code != c.code {
		t.Errorf("script:\n%s\nexit code %d, want %d (err %v)", c.script, code, c.code, err)
	}
}

func TestEval(t *testing.T) {
	for _, g := range evalTests {
		t.Run(g.group, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					runEval(t, c, "", nil)
				})
			}
		})
	}
}

// TestEvalIO covers standard input and script arguments.
func TestEvalIO(t *testing.T) {
	tests := []struct {
		evalCase
		stdin string
		args  []any
	}{
		{evalCase{"read_host", `$n = Read-Host; "hi $n"`, "hi bob\n", "", 0}, "bob\n", nil},
		{evalCase{"read_host_twice", `$a = Read-Host; $b = Read-Host; "$b,$a"`, "2,1\n", "", 0}, "1\n2\n", nil},
		// At the end of the input pwsh's console host reads null: Read-Host
		// without -Prompt writes $null, and with -Prompt the prompt counts as
		// cancelled and Read-Host writes nothing (ConsoleHostUserInterface.cs,
		// ReadLineFromFile: "EOF - we return null"; PromptReadInput cancels).
		{evalCase{"read_host_eof", `$a = Read-Host; $null -eq $a; @(Read-Host 'Name').Count`, "True\nName: \n0\n", "", 0}, "", nil},
		{evalCase{"read_host_last_line_without_newline", `Read-Host; $null -eq (Read-Host)`, "last\nTrue\n", "", 0}, "last", nil},
		{evalCase{"script_param", `param($x, $y) "x=$x y=$y"`, "x=5 y=six\n", "", 0}, "", []any{"5", "six"}},
		{evalCase{"script_args", `$args.Count; $args[1]`, "2\nb\n", "", 0}, "", []any{"a", "b"}},
		{evalCase{"script_named_param", `param([int]$n) $n + 1`, "8\n", "", 0}, "", []any{"-n", "7"}},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) { runEval(t, c.evalCase, c.stdin, c.args) })
	}
}

var evalTests = []struct {
	group string
	cases []evalCase
}{
	{"conversions", []evalCase{
		{"string_plus_number", `'5' + 3`, "53\n", "", 0},
		{"number_plus_string", `5 + '3'`, "8\n", "", 0},
		{"string_chain", `'3' + 4 + 5`, "345\n", "", 0},
		{"number_chain", `3 + 4 + '5'`, "12\n", "", 0},
		{"cast_int_string", `[int]'42' + 1`, "43\n", "", 0},
		{"cast_int_negative_string", `[int]'-7'`, "-7\n", "", 0},
		{"cast_int_hex_string", `[int]'0x1F'`, "31\n", "", 0},
		{"cast_double_exp", `[double]'1e3'`, "1000\n", "", 0},
		{"cast_double_string", `[double]'3.5' + 1`, "4.5\n", "", 0},
		{"cast_string_number_concat", `[string]123 + 1`, "1231\n", "", 0},
		{"bankers_2_5", `[int]2.5`, "2\n", "", 0},
		{"bankers_3_5", `[int]3.5`, "4\n", "", 0},
		{"bankers_neg_2_5", `[int]-2.5`, "-2\n", "", 0},
		{"bankers_neg_3_5", `[int]-3.5`, "-4\n", "", 0},
		{"bankers_6_5", `[int]6.5`, "6\n", "", 0},
		{"int_2_6", `[int]2.6`, "3\n", "", 0},
		{"long_bankers", `[long]2.5`, "2\n", "", 0},
		{"int_of_division", `[int](7/2)`, "4\n", "", 0},
		{"int_of_10_div_4", `[int](10/4)`, "2\n", "", 0},
		{"bool_false_string", `[bool]'false'`, "True\n", "", 0},
		{"bool_zero_string", `[bool]'0'`, "True\n", "", 0},
		{"bool_empty_string", `[bool]''`, "False\n", "", 0},
		{"bool_zero", `[bool]0`, "False\n", "", 0},
		{"bool_number", `[bool]-1`, "True\n", "", 0},
		{"bool_null", `[bool]$null`, "False\n", "", 0},
		{"bool_empty_array", `[bool]@()`, "False\n", "", 0},
		{"bool_array_of_zero", `[bool]@(0)`, "False\n", "", 0},
		{"bool_array_two_zeros", `[bool]@(0, 0)`, "True\n", "", 0},
		{"bool_hashtable", `[bool]@{}`, "True\n", "", 0},
		{"string_null_empty", `[string]$null -eq ''`, "True\n", "", 0},
		{"string_null_length", `([string]$null).Length`, "0\n", "", 0},
		{"string_true", `[string]$true`, "True\n", "", 0},
		{"string_double", `[string]1.50`, "1.5\n", "", 0},
		{"string_array", `[string]@(1, 2, 3)`, "1 2 3\n", "", 0},
		{"string_array_ofs", `$OFS = '-'; [string]@(1, 2, 3)`, "1-2-3\n", "", 0},
		{"int_null", `[int]$null`, "0\n", "", 0},
		{"int_empty_string", `[int]''`, "0\n", "", 0},
		{"int_true", `[int]$true`, "1\n", "", 0},
		{"char_from_int", `[char]65`, "A\n", "", 0},
		{"int_from_char", `[int][char]'A'`, "65\n", "", 0},
		{"char_array_join", `[char[]]'abc' -join '-'`, "a-b-c\n", "", 0},
		{"int_array_cast", `[int[]]('1', '2') | ForEach-Object { $_ + 1 }`, "2\n3\n", "", 0},
		{"typed_array_name", `[int[]]$a = 1, 2; $a.GetType().Name`, "Int32[]\n", "", 0},
		{"datetime_cast_format", `([datetime]'2024-03-05 14:07:09').ToString('yyyy-MM-dd HH:mm:ss')`, "2024-03-05 14:07:09\n", "", 0},
		{"datetime_dayofweek", `([datetime]'2024-01-15').DayOfWeek`, "Monday\n", "", 0},
		{"datetime_in_string", `$d = [datetime]'2024-01-02'; "$d"`, "01/02/2024 00:00:00\n", "", 0},
		{"datetime_add_days", `([datetime]'2024-02-28').AddDays(1).ToString('yyyy-MM-dd')`, "2024-02-29\n", "", 0},
		{"datetime_subtract", `(([datetime]'2024-03-01') - ([datetime]'2024-02-01')).Days`, "29\n", "", 0},
		{"datetime_compare", `[datetime]'2024-01-02' -gt [datetime]'2024-01-01'`, "True\n", "", 0},
		{"timespan_cast", `([timespan]'01:30:00').TotalMinutes`, "90\n", "", 0},
		{"new_timespan", `(New-TimeSpan -Minutes 90).TotalHours`, "1.5\n", "", 0},
		{"cast_error", "[int]'abc'\n'after'", "after\n", `Cannot convert value "abc" to type "System.Int32".`, 0},
		{"as_int", `'5' -as [int]`, "5\n", "", 0},
		{"as_fails_null", `$null -eq ('x' -as [int])`, "True\n", "", 0},
		{"as_rounds", `1.5 -as [int]`, "2\n", "", 0},
		{"parse_int", `[int]::Parse('12') * 2`, "24\n", "", 0},
		{"decimal_scale", `[decimal]'1.25'`, "1.25\n", "", 0},
	}},
	{"arithmetic", []evalCase{
		{"precedence", `2 + 3 * 4`, "14\n", "", 0},
		{"div_fraction", `7/2`, "3.5\n", "", 0},
		{"div_exact_int", `6/2; (6/2).GetType().Name`, "3\nInt32\n", "", 0},
		{"div_fraction_type", `(7/2).GetType().Name`, "Double\n", "", 0},
		{"div_negative", `-7 / 2`, "-3.5\n", "", 0},
		{"int_overflow_double", `$m = [int]::MaxValue; $m + 1; ($m + 1).GetType().Name`, "2147483648\nDouble\n", "", 0},
		{"int_mul_overflow", `2147483647 * 2`, "4294967294\n", "", 0},
		{"big_literal_long", `(2147483648).GetType().Name`, "Int64\n", "", 0},
		{"long_max", `[long]::MaxValue`, "9223372036854775807\n", "", 0},
		{"mod_positive", `5 % 3`, "2\n", "", 0},
		{"mod_negative_left", `-5 % 3`, "-2\n", "", 0},
		{"mod_negative_right", `5 % -3`, "2\n", "", 0},
		{"string_times_int", `'ab' * 3`, "ababab\n", "", 0},
		{"int_times_string", `3 * '5'`, "15\n", "", 0},
		{"string_digit_times", `'5' * 3`, "555\n", "", 0},
		{"array_times_int", `(@(1, 2) * 2) -join ','`, "1,2,1,2\n", "", 0},
		{"array_plus_scalar", `@(1, 2) + 3`, "1\n2\n3\n", "", 0},
		{"array_plus_array", `(@(1, 2) + @(3, 4)).Count`, "4\n", "", 0},
		{"hashtable_plus_hashtable", `$h = @{a = 1} + @{b = 2}; $h.Count; $h.b`, "2\n2\n", "", 0},
		{"hashtable_plus_duplicate", `$h = @{a = 1} + @{a = 2}`, "", "Item has already been added.", 0},
		{"null_plus_int", `$null + 1`, "1\n", "", 0},
		{"int_plus_null", `1 + $null`, "1\n", "", 0},
		{"null_plus_string", `$null + 'a'`, "a\n", "", 0},
		{"divide_by_zero", "$z = 0\ntry { 1 / $z } catch { $_.Exception.Message }", "Attempted to divide by zero.\n", "", 0},
		// PowerShell prints doubles with 15 significant digits, as before
		// .NET Core 3 (PowerShell PR #9893; issue #15789 shows 1.10000000000036).
		{"one_third", `1/3`, "0.333333333333333\n", "", 0},
		{"two_thirds", `2/3`, "0.666666666666667\n", "", 0},
		{"point_one_plus_point_two", `0.1 + 0.2`, "0.3\n", "", 0},
		{"pi", `[math]::PI`, "3.14159265358979\n", "", 0},
		{"multiplier_suffixes", `1kb; 2mb`, "1024\n2097152\n", "", 0},
		{"hex_literal", `0x10`, "16\n", "", 0},
		{"exponent_literal", `1e3`, "1000\n", "", 0},
		// about_Numeric_Literals: an integer literal too large for [long] is a
		// [decimal] when it fits one, else a [double]
		{"huge_literal_decimal", `100000000000000000000; (100000000000000000000).GetType().Name`, "100000000000000000000\nDecimal\n", "", 0},
		{"huge_literal_double", `1000000000000000000000000000000; (1000000000000000000000000000000).GetType().Name`, "1E+30\nDouble\n", "", 0},
		{"bitwise", `10 -band 6; 10 -bor 5; 5 -bxor 3; 1 -shl 4; 256 -shr 4`, "2\n15\n6\n16\n16\n", "", 0},
		{"math_round_bankers", `[math]::Round(2.5); [math]::Round(3.5)`, "2\n4\n", "", 0},
		{"math_round_digits", `[math]::Round(2.567, 2)`, "2.57\n", "", 0},
		{"math_floor_truncate", `[math]::Floor(-2.5); [math]::Truncate(2.7)`, "-3\n2\n", "", 0},
		{"math_max_abs", `[math]::Max(3, 7); [math]::Abs(-2)`, "7\n2\n", "", 0},
		{"typed_var_converts", `[int]$x = 5; $x += 2.7; $x`, "8\n", "", 0},
		{"typed_var_rejects", "[int]$x = 5\n$x = 'abc'\n$x", "5\n", `Cannot convert value "abc" to type "System.Int32".`, 0},
		{"literal_types", `(1).GetType().FullName; (1.0).GetType().Name; (1, 2).GetType().Name; (@{}).GetType().Name`, "System.Int32\nDouble\nObject[]\nHashtable\n", "", 0},
	}},
	{"comparison", []evalCase{
		{"string_left_lt", `'10' -lt 9`, "True\n", "", 0},
		{"number_left_lt", `10 -lt '9'`, "False\n", "", 0},
		{"case_insensitive_eq", `'abc' -eq 'ABC'`, "True\n", "", 0},
		{"ceq", `'abc' -ceq 'ABC'`, "False\n", "", 0},
		{"string_gt", `'b' -gt 'a'`, "True\n", "", 0},
		{"int_double_eq", `2 -eq 2.0`, "True\n", "", 0},
		{"zero_eq_empty", `0 -eq ''`, "True\n", "", 0},
		{"empty_eq_zero", `'' -eq 0`, "False\n", "", 0},
		{"true_eq_false_string", `$true -eq 'false'`, "True\n", "", 0},
		{"string_eq_true", `'true' -eq $true`, "True\n", "", 0},
		{"null_eq_zero", `$null -eq 0; 0 -eq $null`, "False\nFalse\n", "", 0},
		{"null_eq_null", `$null -eq $null`, "True\n", "", 0},
		{"array_filter_eq", `1, 2, 3, 2 -eq 2`, "2\n2\n", "", 0},
		{"array_filter_ne", `1, 2, 3 -ne 2`, "1\n3\n", "", 0},
		{"array_filter_gt", `1, 5, 3, 7 -gt 4`, "5\n7\n", "", 0},
		{"array_filter_like", `'apple', 'banana', 'cherry' -like '*an*'`, "banana\n", "", 0},
		{"array_filter_match", `'a1', 'b2', 'c' -match '\d'`, "a1\nb2\n", "", 0},
		{"array_filter_empty_is_false", `if (@('a', 'b') -eq 'c') { 't' } else { 'f' }`, "f\n", "", 0},
		{"null_eq_empty_array", `$null -eq @()`, "False\n", "", 0},
		{"empty_array_eq_null", `(@() -eq $null).Count; if (@() -eq $null) { 'y' } else { 'n' }`, "0\nn\n", "", 0},
		{"array_with_null_eq_null", `(@(1, $null, 2) -eq $null).Count`, "1\n", "", 0},
		{"contains_converts", `1, 2, 3 -contains '2'`, "True\n", "", 0},
		{"in_converts", `'2' -in 1, 2, 3`, "True\n", "", 0},
		{"in_case_insensitive", `'a' -in 'A', 'b'`, "True\n", "", 0},
		{"ccontains", `'a', 'b' -ccontains 'B'`, "False\n", "", 0},
		{"notcontains", `1, 2, 3 -notcontains 4`, "True\n", "", 0},
		{"notin", `5 -notin 1, 2`, "True\n", "", 0},
		{"contains_not_substring", `'abc' -contains 'b'`, "False\n", "", 0},
		{"and_or", `5 -gt 3 -and 2 -gt 1; $false -or 'x'`, "True\nTrue\n", "", 0},
		{"not_values", `-not 0; !$null; -not 'false'; -not @(); !@(1)`, "True\nTrue\nFalse\nTrue\nFalse\n", "", 0},
		{"xor", `$true -xor $true; $true -xor $false`, "False\nTrue\n", "", 0},
		{"is_isnot", `5 -is [int]; '5' -is [string]; 5 -isnot [string]; @() -is [array]; $null -is [object]`, "True\nTrue\nTrue\nTrue\nFalse\n", "", 0},
		{"datetime_right_converted", `[datetime]'2024-01-01' -eq '2024-01-01'`, "True\n", "", 0},
	}},
	{"match_replace", []evalCase{
		{"like_wildcards", `'abc' -like 'A*'; 'abc' -clike 'A*'; 'a.c' -like 'a?c'; 'abc' -notlike '*d*'`, "True\nFalse\nTrue\nTrue\n", "", 0},
		{"like_char_class", `'b7' -like '[a-c][0-9]'`, "True\n", "", 0},
		{"match_sets_matches", `'foo123' -match '(\d+)'; $Matches[1]; $Matches[0]`, "True\n123\n123\n", "", 0},
		{"match_named_groups", `'John Smith' -match '(?<first>\w+) (?<last>\w+)' | Out-Null; $Matches.last; $Matches['first']`, "Smith\nJohn\n", "", 0},
		{"match_case", `'ABC' -match 'b'; 'ABC' -cmatch 'b'; 'abc' -notmatch 'x'`, "True\nFalse\nTrue\n", "", 0},
		{"replace_basic", `'Hello' -replace 'l', 'L'`, "HeLLo\n", "", 0},
		{"replace_case_insensitive", `'ABC' -replace 'b', 'x'; 'ABC' -creplace 'b', 'x'`, "AxC\nABC\n", "", 0},
		{"replace_groups", `'John Smith' -replace '(\w+) (\w+)', '$2, $1'`, "Smith, John\n", "", 0},
		{"replace_named_groups", `'John Smith' -replace '(?<f>\w+) (?<l>\w+)', '${l} ${f}'`, "Smith John\n", "", 0},
		{"replace_escaped_dot", `'a.b.c' -replace '\.', '-'`, "a-b-c\n", "", 0},
		{"replace_remove", `'a1b2' -replace '\d'`, "ab\n", "", 0},
		{"replace_dollar_literal", `'x' -replace 'x', '$$'`, "$\n", "", 0},
		{"replace_array", `'a', 'b' -replace 'a', 'z'`, "z\nb\n", "", 0},
		{"replace_scriptblock", `'a1b2' -replace '\d', { [int]$_.Value * 2 }`, "a2b4\n", "", 0},
		{"replace_chain", `'a-b_c' -replace '-', ' ' -replace '_', ' '`, "a b c\n", "", 0},
		{"regex_escape", `[regex]::Escape('a.b*c')`, "a\\.b\\*c\n", "", 0},
		{"regex_matches_count", `([regex]::Matches('a1b22c333', '\d+')).Count`, "3\n", "", 0},
	}},
	{"split_join", []evalCase{
		{"split_keeps_empty", `'a,b,,c' -split ','`, "a\nb\n\nc\n", "", 0},
		{"split_count", `('a b  c' -split ' ').Count`, "4\n", "", 0},
		{"unary_split", `-split ' a  b c '`, "a\nb\nc\n", "", 0},
		{"split_regex_trailing_empty", `('a1b2c3' -split '\d').Count`, "4\n", "", 0},
		{"split_max_count", `'a,b,c,d' -split ',', 2`, "a\nb,c,d\n", "", 0},
		{"split_simplematch", `'a.b.c' -split '.', 0, 'SimpleMatch'`, "a\nb\nc\n", "", 0},
		{"split_dot_regex", `('a.b' -split '.').Count`, "4\n", "", 0},
		{"split_case_insensitive", `('aXbxc' -split 'x').Count; ('aXbxc' -csplit 'x').Count`, "3\n2\n", "", 0},
		{"split_capture_kept", `'a-b' -split '(-)'`, "a\n-\nb\n", "", 0},
		{"split_then_length", `'Hello World' -split ' ' | ForEach-Object { $_.Length }`, "5\n5\n", "", 0},
		{"join_binary", `1, 2, 3 -join ','`, "1,2,3\n", "", 0},
		{"join_unary", `-join ('a', 'b')`, "ab\n", "", 0},
		{"join_range", `1..3 -join ','`, "1,2,3\n", "", 0},
		{"string_join_static", `[string]::Join('-', @('a', 'b'))`, "a-b\n", "", 0},
	}},
	{"format_operator", []evalCase{
		{"align_right", `'{0,5}|' -f 42`, "   42|\n", "", 0},
		{"align_left", `'{0,-5}|' -f 42`, "42   |\n", "", 0},
		{"n2", `'{0:N2}' -f 1234.5`, "1,234.50\n", "", 0},
		{"n0", `'{0:N0}' -f 1234567`, "1,234,567\n", "", 0},
		{"aligned_n1", `'[{0,8:N1}]' -f 1234.56`, "[ 1,234.6]\n", "", 0},
		{"d3", `'{0:D3}' -f 7`, "007\n", "", 0},
		{"hex_upper", `'{0:X}' -f 255`, "FF\n", "", 0},
		{"hex_lower_width", `'{0:x4}' -f 255`, "00ff\n", "", 0},
		{"percent", `'{0:P}' -f 0.25`, "25.00%\n", "", 0},
		{"fixed", `'{0:F2}' -f 3.14159; '{0:0.00}' -f 3.14159`, "3.14\n3.14\n", "", 0},
		{"escaped_braces", `'{{{0}}}' -f 'x'`, "{x}\n", "", 0},
		{"reuse_index", `'{0} {1} {0}' -f 'a', 'b'`, "a b a\n", "", 0},
		{"array_arg", `'{0}-{1}' -f @('a', 'b')`, "a-b\n", "", 0},
		{"date_format", `'{0:yyyy-MM-dd}' -f [datetime]'2024-02-29'`, "2024-02-29\n", "", 0},
		{"tostring_format", `(1234.5).ToString('N1'); (5).ToString('000')`, "1,234.5\n005\n", "", 0},
	}},
	{"ranges", []evalCase{
		{"up", `1..3`, "1\n2\n3\n", "", 0},
		{"down", `3..1`, "3\n2\n1\n", "", 0},
		{"negative", `-1..1`, "-1\n0\n1\n", "", 0},
		{"chars", `'a'..'c'`, "a\nb\nc\n", "", 0},
		{"count", `(1..10).Count`, "10\n", "", 0},
		{"slice", `$a = 1..5; $a[1..2]`, "2\n3\n", "", 0},
		{"variable_bounds", `$n = 3; (1..$n) -join ' '`, "1 2 3\n", "", 0},
	}},
	{"null_ternary", []evalCase{
		{"coalesce_null", `$null ?? 'd'`, "d\n", "", 0},
		{"coalesce_zero", `0 ?? 'd'`, "0\n", "", 0},
		{"coalesce_false", `$false ?? 'd'`, "False\n", "", 0},
		{"coalesce_assign_null", `$x = $null; $x ??= 5; $x`, "5\n", "", 0},
		{"coalesce_assign_set", `$y = 1; $y ??= 5; $y`, "1\n", "", 0},
		{"coalesce_assign_undefined", `$undef ??= 'v'; $undef`, "v\n", "", 0},
		{"ternary_true", `$true ? 'y' : 'n'`, "y\n", "", 0},
		{"ternary_expr", `(1 -gt 2) ? 'y' : 'n'`, "n\n", "", 0},
		{"ternary_nested", `$n = 5; $n -lt 3 ? 'small' : $n -lt 10 ? 'medium' : 'large'`, "medium\n", "", 0},
		{"null_conditional_member", `$o = $null; ${o}?.Name; 'done'`, "done\n", "", 0},
	}},
	{"increment", []evalCase{
		{"post_statement", `$i = 5; $i++; $i`, "6\n", "", 0},
		{"post_value", `$i = 5; $j = $i++; "$i $j"`, "6 5\n", "", 0},
		{"pre_value", `$i = 5; $j = ++$i; "$i $j"`, "6 6\n", "", 0},
		{"decrements", `$i = 5; $i--; --$i; $i`, "3\n", "", 0},
		{"parenthesized_post", `$i = 1; ($i++); $i`, "1\n2\n", "", 0},
		{"undefined", `$u++; $u`, "1\n", "", 0},
		{"property", `$o = [pscustomobject]@{N = 1}; $o.N++; $o.N`, "2\n", "", 0},
		{"array_element", `$a = 1, 2, 3; $a[1]++; $a -join ','`, "1,3,3\n", "", 0},
		{"hashtable_entry", `$h = @{c = 1}; $h.c++; $h['c']++; $h.c`, "3\n", "", 0},
		{"double", `$d = 1.5; $d++; $d`, "2.5\n", "", 0},
	}},
	{"assignment", []evalCase{
		{"string_compound", `$s = 'a'; $s += 'b'; $s *= 2; $s`, "abab\n", "", 0},
		{"array_append", `$a = @(1); $a += 2; $a += 3, 4; $a.Count`, "4\n", "", 0},
		{"array_append_array_nested", `$a = @(1); $a += , @(2, 3); $a.Count; $a[1].Count`, "2\n2\n", "", 0},
		{"hashtable_append", `$h = @{}; $h += @{k = 'v'}; $h.k`, "v\n", "", 0},
		{"number_compound", `$n = 10; $n -= 3; $n /= 2; $n`, "3.5\n", "", 0},
		{"modulo_compound", `$n = 7; $n %= 3; $n`, "1\n", "", 0},
		{"multiple_rest", `$a, $b = 1, 2, 3; $a; $b -join ','`, "1\n2,3\n", "", 0},
		{"multiple_missing", `$a, $b = 1; $null -eq $b`, "True\n", "", 0},
		{"swap", `$a = 1; $b = 2; $a, $b = $b, $a; "$a $b"`, "2 1\n", "", 0},
		{"chained", `$a = $b = 3; $a + $b`, "6\n", "", 0},
		{"assignment_not_output", `$x = 5`, "", "", 0},
		{"parenthesized_assignment_outputs", `($x = 5)`, "5\n", "", 0},
		{"null_assignment_discards", `$null = 'hidden'; [void]'also'; 'shown' | Out-Null; 'end'`, "end\n", "", 0},
		{"arraylist_add_outputs_index", `$al = [System.Collections.ArrayList]@(); $al.Add('x'); [void]$al.Add('y'); $al.Count`, "0\n2\n", "", 0},
		{"generic_list", `$l = [System.Collections.Generic.List[string]]::new(); $l.Add('a'); $l.Add('b'); $l.Count; $l[1]`, "2\nb\n", "", 0},
		{"set_get_variable", `Set-Variable -Name v -Value 3; $v; Get-Variable -Name v -ValueOnly`, "3\n3\n", "", 0},
		{"ref_parameter", `function f([ref]$r) { $r.Value = 9 }; $x = 1; f ([ref]$x); $x`, "9\n", "", 0},
		{"readonly_true", "$true = 1\n'after'", "after\n", "Cannot overwrite variable true because it is read-only or constant.", 0},
	}},
	{"members", []evalCase{
		{"member_enumeration", `$objs = [pscustomobject]@{Name = 'a'}, [pscustomobject]@{Name = 'b'}; $objs.Name`, "a\nb\n", "", 0},
		{"method_enumeration", `$objs = [pscustomobject]@{Name = 'a'}, [pscustomobject]@{Name = 'b'}; $objs.Name.ToUpper()`, "A\nB\n", "", 0},
		{"count_scalar", `(5).Count; 'abc'.Count`, "1\n1\n", "", 0},
		// every scalar object has Count 1, an error record too
		// (about_Intrinsic_Members, "Properties")
		{"count_error_record", `try { throw 'x' } catch { $_.Count }`, "1\n", "", 0},
		{"count_parse_error", `$e = $null; $null = [System.Management.Automation.Language.Parser]::ParseInput('(', [ref]$null, [ref]$e); $one = $e[0]; $one.Count`, "1\n", "", 0},
		{"count_null", `$null.Count; $nothing.Count`, "0\n0\n", "", 0},
		{"length", `'abc'.Length; (1, 2).Length`, "3\n2\n", "", 0},
		{"hashtable_count", `@{a = 1; b = 2}.Count`, "2\n", "", 0},
		{"missing_property_null", `$o = [pscustomobject]@{A = 1}; $null -eq $o.Missing`, "True\n", "", 0},
		{"array_subexpr_counts", `@().Count; @($null).Count; @(1, 2).Count; @(@(1, 2)).Count; @(, (1, 2)).Count; (, 1).Count`, "0\n1\n2\n2\n1\n1\n", "", 0},
		{"property_order", `$o = [pscustomobject]@{Z = 1; A = 2; M = 3}; $o.psobject.Properties.Name -join ','`, "Z,A,M\n", "", 0},
		{"add_member", `$o = [pscustomobject]@{A = 1}; $o | Add-Member -NotePropertyName C -NotePropertyValue 3; $o.C`, "3\n", "", 0},
		{"set_property", `$o = [pscustomobject]@{A = 1}; $o.A = 'x'; $o.A`, "x\n", "", 0},
		{"dynamic_member_name", `$o = [pscustomobject]@{Size = 4}; $p = 'Size'; $o.$p`, "4\n", "", 0},
		{"where_method", `(1..5).Where({ $_ -gt 3 })`, "4\n5\n", "", 0},
		{"where_method_first", `(1..5).Where({ $_ -gt 1 }, 'First')`, "2\n", "", 0},
		{"foreach_method", `(1, 2).ForEach({ $_ * 2 })`, "2\n4\n", "", 0},
		{"version_major", `$PSVersionTable.PSVersion.Major`, "7\n", "", 0},
		{"static_properties", `[int]::MaxValue; [string]::Empty -eq ''`, "2147483647\nTrue\n", "", 0},
		{"new_guid_counter", `"$([guid]::NewGuid())"`, "00000000-0000-4000-8000-000000000001\n", "", 0},
	}},
	{"indexing", []evalCase{
		{"negative", `$a = 10, 20, 30; $a[-1]`, "30\n", "", 0},
		{"list_of_indexes", `$a = 10, 20, 30; $a[0, 2]`, "10\n30\n", "", 0},
		{"range_wraps", `$a = 10, 20, 30; $a[1..-1]`, "20\n10\n30\n", "", 0},
		{"out_of_range_null", `$a = 10, 20, 30; $null -eq $a[5]`, "True\n", "", 0},
		{"string_char", `'hello'[1]; 'hello'[-1]; ('hello'[1]).GetType().Name`, "e\no\nChar\n", "", 0},
		{"string_slice", `'abc'[0..1] -join ''`, "ab\n", "", 0},
		{"nested", `$a = 1, (2, 3); $a[1][0]`, "2\n", "", 0},
		{"hashtable_missing", `$h = @{a = 1}; $null -eq $h['missing']`, "True\n", "", 0},
		{"scalar_index_zero", `$x = 5; $x[0]`, "5\n", "", 0},
		{"index_null_errors", "$n = $null\n$n[0]\n'after'", "after\n", "Cannot index into a null array.", 0},
	}},
	{"string_methods", []evalCase{
		{"upper_lower", `'Hello'.ToUpper(); 'Hello'.ToLower()`, "HELLO\nhello\n", "", 0},
		{"trim", `'[' + '  x '.Trim() + ']'; 'xxaxx'.Trim('x'); '  a'.TrimStart()`, "[x]\na\na\n", "", 0},
		{"split_method", `'a,b'.Split(',')[1]; 'a,b;c'.Split([char[]]',;').Count`, "b\n3\n", "", 0},
		{"substring", `'abc'.Substring(1); 'abc'.Substring(1, 1)`, "bc\nb\n", "", 0},
		{"index_of", `'abc'.IndexOf('c'); 'aaa'.LastIndexOf('a'); 'abc'.IndexOf('z')`, "2\n2\n-1\n", "", 0},
		{"replace_method_literal", `'a.b.c'.Replace('.', '')`, "abc\n", "", 0},
		{"contains_case_sensitive", `'abc'.Contains('B'); 'abc'.Contains('b')`, "False\nTrue\n", "", 0},
		{"starts_ends", `'abc'.StartsWith('ab'); 'abc'.EndsWith('C')`, "True\nFalse\n", "", 0},
		{"pad", `'x'.PadLeft(3, '0'); 'x'.PadRight(3, '.') + '|'`, "00x\nx..|\n", "", 0},
		{"insert_remove", `'abc'.Insert(1, '-'); 'Hello'.Remove(1, 3)`, "a-bc\nHo\n", "", 0},
		{"equals_case_sensitive", `'TeSt'.Equals('test')`, "False\n", "", 0},
		{"is_null_or_empty", `[string]::IsNullOrEmpty(''); [string]::IsNullOrWhiteSpace(' '); [string]::IsNullOrEmpty('a')`, "True\nTrue\nFalse\n", "", 0},
		{"char_array_count", `'Hello'.ToCharArray().Count`, "5\n", "", 0},
		{"capitalize", `$s = 'hello'; $s.Substring(0, 1).ToUpper() + $s.Substring(1)`, "Hello\n", "", 0},
		{"method_chain", `'  Mixed Case  '.Trim().ToLower().Replace(' ', '-')`, "mixed-case\n", "", 0},
		{"no_overload", "'abc'.LastIndexOf()\n'after'", "after\n", `Cannot find an overload for "LastIndexOf" and the argument count: "0".`, 0},
		{"path_methods", `[System.IO.Path]::GetExtension('a/b.txt'); [System.IO.Path]::GetFileNameWithoutExtension('a/b.txt')`, ".txt\nb\n", "", 0},
		{"split_path_leaf", `Split-Path 'a/b/c.txt' -Leaf`, "c.txt\n", "", 0},
	}},
	{"hashtables", []evalCase{
		{"key_case_insensitive", `$h = @{Name = 'x'}; $h.name; $h['NAME']; $h.ContainsKey('nAmE')`, "x\nx\nTrue\n", "", 0},
		{"overwrite_any_case", `$h = @{}; $h['Key'] = 1; $h['KEY'] = 2; $h.Count; $h.key`, "1\n2\n", "", 0},
		{"remove", `$h = @{a = 1}; $h.Remove('A'); $h.Count`, "0\n", "", 0},
		{"add_duplicate", "$h = @{}\n$h.Add('a', 1)\n$h.Add('a', 2)\n$h.a", "1\n", "Item has already been added.", 0},
		{"dot_assign", `$h = @{}; $h.x = 1; $h.x`, "1\n", "", 0},
		{"ordered_keys", `$h = [ordered]@{z = 1; a = 2; m = 3}; $h.Keys -join ','`, "z,a,m\n", "", 0},
		{"ordered_index", `$h = [ordered]@{b = 'first'; a = 'second'}; $h[1]`, "second\n", "", 0},
		{"ordered_type", `([ordered]@{}).GetType().Name`, "OrderedDictionary\n", "", 0},
		{"enumerate_entries", `@{a = 1}.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }`, "a=1\n", "", 0},
		{"sorted_values", `$h = @{b = 2; a = 1}; ($h.GetEnumerator() | Sort-Object Key | ForEach-Object Value) -join ','`, "1,2\n", "", 0},
		{"value_type", `$h = @{a = 1}; $h.a.GetType().Name`, "Int32\n", "", 0},
		{"nested", `$h = @{inner = @{v = 'deep'}}; $h.inner.v`, "deep\n", "", 0},
		{"keys_sorted", `$h = @{c = 3; a = 1; b = 2}; ($h.Keys | Sort-Object) -join ''`, "abc\n", "", 0},
		{"pipe_hashtable_is_one_item", `(@{a = 1; b = 2} | Measure-Object).Count`, "1\n", "", 0},
		{"hashtable_in_string", `$h = @{k = 'v'}; "$h"`, "System.Collections.Hashtable\n", "", 0},
		{"display", `@{a = 1}`, "\nName                           Value\n----                           -----\na                              1\n\n", "", 0},
	}},
	{"pscustomobject", []evalCase{
		{"json_property_order", `[pscustomobject]@{b = 1; a = 2} | ConvertTo-Json -Compress`, "{\"b\":1,\"a\":2}\n", "", 0},
		{"in_string", `$o = [pscustomobject]@{b = 'B'}; "$o"`, "@{b=B}\n", "", 0},
		{"type_name", `([pscustomobject]@{a = 1}).GetType().Name`, "PSCustomObject\n", "", 0},
		{"table_display", `[pscustomobject]@{Name = 'a'; N = 1}`, "\nName N\n---- -\na    1\n\n", "", 0},
		{"list_display", `[pscustomobject]@{A = 1; Bee = 'x'} | Format-List`, "\nA   : 1\nBee : x\n\n", "", 0},
	}},
	{"scopes", []evalCase{
		{"function_local", `$x = 1; function f { $x = 2 }; f; $x`, "1\n", "", 0},
		{"function_reads_parent", `$x = 1; function f { $x }; f`, "1\n", "", 0},
		{"function_local_copy", `$x = 1; function f { $x++; $x }; f; $x`, "2\n1\n", "", 0},
		{"script_scope", `$x = 1; function f { $script:x = 2 }; f; $x`, "2\n", "", 0},
		{"global_scope", `function f { $global:g = 5 }; f; $g`, "5\n", "", 0},
		{"dot_source_block", `$x = 1; . { $x = 2 }; $x`, "2\n", "", 0},
		{"call_block", `$x = 1; & { $x = 2 }; $x`, "1\n", "", 0},
		{"dot_source_function", `function f { $y = 3 }; . f; $y`, "3\n", "", 0},
		{"nested_functions", `function outer { $v = 'o'; function inner { "in:$v" }; inner }; outer`, "in:o\n", "", 0},
		{"closure_late_binding", `$x = 10; $sb = { $x }; $x = 20; & $sb`, "20\n", "", 0},
		{"get_new_closure", `$x = 10; $sb = { $x }.GetNewClosure(); $x = 20; & $sb`, "10\n", "", 0},
		{"catch_block_same_scope", `try { throw 'x' } catch { $e = $_ }; $e.Exception.Message`, "x\n", "", 0},
		{"foreach_variable_persists", `foreach ($i in 1..3) {}; $i`, "3\n", "", 0},
		{"if_block_same_scope", `if ($true) { $v = 'set' }; $v`, "set\n", "", 0},
	}},
	{"automatic_variables", []evalCase{
		{"args", `function f { $args.Count; $args[1] }; f a b c`, "3\nb\n", "", 0},
		{"bound_parameters", `function f { param($a) $PSBoundParameters.ContainsKey('a') }; f -a 1; f`, "True\nFalse\n", "", 0},
		{"bound_parameters_count", `function f { param($a, $b) $PSBoundParameters.Count }; f -b 2`, "1\n", "", 0},
		{"dollar_underscore", `1, 2, 3 | ForEach-Object { $_ * 2 }`, "2\n4\n6\n", "", 0},
		{"psitem", `'x' | ForEach-Object { $PSItem.ToUpper() }`, "X\n", "", 0},
		{"question_ok", `Write-Output x; $?`, "x\nTrue\n", "", 0},
		{"question_after_error", `Write-Error 'e' -ErrorAction SilentlyContinue; $?`, "False\n", "", 0},
		{"error_record", `Write-Error 'boom' -ErrorAction SilentlyContinue; $Error[0].Exception.Message; $Error.Count`, "boom\n1\n", "", 0},
		{"error_newest_first", `Write-Error 'one' -ErrorAction SilentlyContinue; Write-Error 'two' -ErrorAction SilentlyContinue; "$($Error[0])"`, "two\n", "", 0},
		{"error_from_catch", `try { throw 'x' } catch {}; $Error[0].ToString()`, "x\n", "", 0},
		{"ignore_not_recorded", `Write-Error 'x' -ErrorAction Ignore; $Error.Count`, "0\n", "", 0},
		{"matches", `if ('k=v' -match '(\w)=(\w)') { $Matches[2] }`, "v\n", "", 0},
		{"lastexitcode_assign", `$LASTEXITCODE = 3; $LASTEXITCODE`, "3\n", "", 0},
		{"env_read", `$env:CSEMU_TEST; "t=$env:TENANT"; $null -eq $env:NOPE_NOT_SET`, "yes\nt=contoso\nTrue\n", "", 0},
		{"env_write", `$env:NEW_ONE = 'v'; $env:NEW_ONE`, "v\n", "", 0},
		{"true_false_null", `$true; $false; $null; 'end'`, "True\nFalse\nend\n", "", 0},
	}},
	{"functions", []evalCase{
		{"all_output_returned", `function f { 1; 2; return 3; 4 }; (f).Count`, "3\n", "", 0},
		{"output_collected", `function f { Write-Output 'a'; 'b' }; $x = f; $x.Count`, "2\n", "", 0},
		{"return_comma_array", `function f { return , @(1) }; $r = f; $r.GetType().Name`, "Object[]\n", "", 0},
		{"return_array_unrolled", `function g { return @(1) }; $r = g; $r.GetType().Name`, "Int32\n", "", 0},
		{"return_empty_is_null", `function f { @() }; $null -eq (f)`, "True\n", "", 0},
		{"positional_params", `function f($a, $b) { "$a-$b" }; f 1 2`, "1-2\n", "", 0},
		{"param_default", `function f { param($n = 'def') $n }; f; f -n x`, "def\nx\n", "", 0},
		{"switch_param", `function f { param([switch]$Force) if ($Force) { 'forced' } else { 'soft' } }; f; f -Force; f -Force:$false`, "soft\nforced\nsoft\n", "", 0},
		{"splat_hashtable", `function f { param($a, $b) "$a-$b" }; $p = @{a = 1; b = 2}; f @p`, "1-2\n", "", 0},
		{"splat_array", `function f { param($a, $b) "$a-$b" }; $arr = 1, 2; f @arr`, "1-2\n", "", 0},
		{"param_prefix", `function f { param($ComputerName) $ComputerName }; f -Comp x`, "x\n", "", 0},
		{"typed_param_converts", `function f { param([int]$n) $n * 2 }; f '21'`, "42\n", "", 0},
		{"typed_param_error", "function f { param([int]$n) $n }\nf -n abc\n'after'", "after\n", `Cannot process argument transformation on parameter 'n'. Cannot convert value "abc" to type "System.Int32".`, 0},
		{"verbose_passthrough", `function f { [CmdletBinding()] param() Write-Verbose 'v-msg'; 'ran' }; f; f -Verbose`, "ran\nran\n", "VERBOSE: v-msg", 0},
		{"erroraction_silent_passthrough", `function f { [CmdletBinding()] param() Write-Error 'bad'; 'after' }; f -ErrorAction SilentlyContinue`, "after\n", "", 0},
		{"erroraction_stop_passthrough", `function f { [CmdletBinding()] param() Write-Error 'bad'; 'after' }; try { f -ErrorAction Stop } catch { "caught: $_" }`, "caught: bad\n", "", 0},
		{"validateset", "function f { param([ValidateSet('a', 'b')]$x) $x }\nf -x c\n'after'", "after\n", `Cannot validate argument on parameter 'x'. The argument "c" does not belong to the set "a,b" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`, 0},
		{"validateset_ok", `function f { param([ValidateSet('a', 'b')]$x) $x }; f -x B`, "B\n", "", 0},
		{"validatenotnullorempty", "function f { param([ValidateNotNullOrEmpty()][string]$x) $x }\nf -x ''\n'after'", "after\n", "Cannot validate argument on parameter 'x'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.", 0},
		{"validaterange", "function f { param([ValidateRange(1, 5)][int]$n) $n }\nf -n 9\n'after'", "after\n", "Cannot validate argument on parameter 'n'. The 9 argument is greater than the maximum allowed range of 5. Supply an argument that is less than or equal to 5 and then try the command again.", 0},
		{"mandatory_missing", "function f { param([Parameter(Mandatory)]$Name) $Name }\nf\n'after'", "after\n", "Cannot process command because of one or more missing mandatory parameters: Name.", 0},
		{"unknown_parameter", "function f { [CmdletBinding()] param($a) }\nf -Nope 1\n'after'", "after\n", "A parameter cannot be found that matches parameter name 'Nope'.", 0},
		{"simple_function_extra_args", `function f { param($a) "$a|$args" }; f 1 2 3`, "1|2 3\n", "", 0},
		{"scriptblock_invoke", `$sb = { param($x) $x * 2 }; & $sb 4; $sb.Invoke(3)`, "8\n6\n", "", 0},
		{"invoke_command", `Invoke-Command -ScriptBlock { 1 + 1 }`, "2\n", "", 0},
		{"recursion", `function fact($n) { if ($n -le 1) { 1 } else { $n * (fact ($n - 1)) } }; fact 5`, "120\n", "", 0},
		{"function_drive", `function f { 'x' }; Test-Path function:f`, "True\n", "", 0},
	}},
	{"pipelines", []evalCase{
		{"begin_process_end_order", `function A { begin { Write-Host 'A begin' } process { Write-Host "A $_"; $_ } end { Write-Host 'A end' } }
function B { begin { Write-Host 'B begin' } process { Write-Host "B $_" } end { Write-Host 'B end' } }
1, 2 | A | B`, "A begin\nB begin\nA 1\nB 1\nA 2\nB 2\nA end\nB end\n", "", 0},
		{"input_enumerator", `function f { $input | ForEach-Object { $_ * 10 } }; 1, 2 | f`, "10\n20\n", "", 0},
		{"input_count", `function f { @($input).Count }; 1, 2, 3 | f`, "3\n", "", 0},
		{"by_property_name", `function f { param([Parameter(ValueFromPipelineByPropertyName)]$Name) process { "hi $Name" } }
[pscustomobject]@{Name = 'x'}, [pscustomobject]@{Name = 'y'} | f`, "hi x\nhi y\n", "", 0},
		{"value_from_pipeline", `function f { param([Parameter(ValueFromPipeline)][int]$n) process { $n * 2 } }; 1, 2 | f`, "2\n4\n", "", 0},
		{"filter", `filter dbl { $_ * 2 }; 1, 2 | dbl`, "2\n4\n", "", 0},
		{"where_foreach", `1..5 | Where-Object { $_ % 2 } | ForEach-Object { $_ * $_ }`, "1\n9\n25\n", "", 0},
		{"where_simple_syntax", `[pscustomobject]@{N = 'a'; V = 1}, [pscustomobject]@{N = 'b'; V = 2} | Where-Object V -gt 1 | ForEach-Object N`, "b\n", "", 0},
		{"foreach_begin_end", `1..3 | ForEach-Object -Begin { 'b' } -Process { $_ } -End { 'e' }`, "b\n1\n2\n3\ne\n", "", 0},
		{"foreach_member_name", `'a', 'b' | ForEach-Object ToUpper`, "A\nB\n", "", 0},
		{"null_is_piped", `$null | ForEach-Object { 'ran' }`, "ran\n", "", 0},
		{"empty_array_not_piped", `@() | ForEach-Object { 'ran' }; 'end'`, "end\n", "", 0},
		{"foreach_over_null", `foreach ($x in $null) { 'ran' }; 'end'`, "end\n", "", 0},
		{"write_output_noenumerate", `(Write-Output -NoEnumerate @(1, 2) | Measure-Object).Count; (Write-Output 1, 2 | Measure-Object).Count`, "1\n2\n", "", 0},
		{"unary_comma_pipes_array", `(, @(1, 2, 3) | Measure-Object).Count`, "1\n", "", 0},
		{"select_first_last_skip", `1..10 | Select-Object -First 3; 1..10 | Select-Object -Last 2; 1..10 | Select-Object -Skip 8`, "1\n2\n3\n9\n10\n9\n10\n", "", 0},
		{"select_unique", `1, 1, 2 | Select-Object -Unique`, "1\n2\n", "", 0},
		{"statement_output_to_variable", `$r = foreach ($i in 1..3) { $i * 2 }; $r -join ','`, "2,4,6\n", "", 0},
		{"if_as_value", `$v = if ($true) { 'yes' } else { 'no' }; $v`, "yes\n", "", 0},
	}},
	{"errors", []evalCase{
		{"write_error_continues", "Write-Error 'bad thing'\n'after'", "after\n", "t.ps1:1:1: Write-Error: bad thing", 0},
		{"throw_exits_1", "throw 'boom'\n'after'", "", "boom", 1},
		{"throw_position", "'a'\n  throw 'boom'", "a\n", "t.ps1:2:3:", 1},
		{"erroraction_stop_in_try", `try { Write-Error 'e' -ErrorAction Stop; 'no' } catch { "caught $_" }`, "caught e\n", "", 0},
		{"preference_stop_in_try", `$ErrorActionPreference = 'Stop'; try { Write-Error 'e'; 'no' } catch { 'caught' }`, "caught\n", "", 0},
		{"preference_stop_ends_script", "$ErrorActionPreference = 'Stop'\nWrite-Error 'fatal'\n'after'", "", "fatal", 1},
		{"preference_silent", `$ErrorActionPreference = 'SilentlyContinue'; Write-Error 'x'; 'ok'`, "ok\n", "", 0},
		{"try_catch_finally_order", `try { 'a'; throw 'x'; 'b' } catch { 'c' } finally { 'f' }; 'end'`, "a\nc\nf\nend\n", "", 0},
		{"try_finally_no_error", `try { 'x' } finally { 'f' }`, "x\nf\n", "", 0},
		{"typed_catch", `try { throw [System.ArgumentException]::new('bad arg') } catch [System.InvalidOperationException] { 'ioe' } catch [System.ArgumentException] { "arg: $($_.Exception.Message)" } catch { 'other' }`, "arg: bad arg\n", "", 0},
		{"typed_catch_base", `try { throw [System.ArgumentNullException]::new('p') } catch [System.ArgumentException] { $_.Exception.GetType().Name }`, "ArgumentNullException\n", "", 0},
		{"throw_string_type", `try { throw 'x' } catch { $_.Exception.GetType().FullName }`, "System.Management.Automation.RuntimeException\n", "", 0},
		{"catch_binding_error", `try { Get-Date -Bogus } catch { 'caught' }`, "caught\n", "", 0},
		{"catch_cast_error", `try { [int]'abc'; 'no' } catch { 'caught' }`, "caught\n", "", 0},
		{"binding_error_continues", "Get-Date -Bogus\n'after'", "after\n", "A parameter cannot be found that matches parameter name 'Bogus'.", 0},
		{"non_terminating_not_caught", `try { Write-Error 'nt'; 'cont' } catch { 'caught' }`, "cont\n", "nt", 0},
		{"trap_continue", `trap { "trapped: $_"; continue }; throw 'x'; 'after'`, "trapped: x\nafter\n", "", 0},
		{"trap_break", "trap { 'trapped'; break }\nthrow 'x'\n'after'", "trapped\n", "x", 1},
		{"nested_try", `try { try { throw 'inner' } finally { 'f1' } } catch { "outer $_" }`, "f1\nouter inner\n", "", 0},
		{"rethrow", `try { try { throw 'inner' } catch { throw } } catch { "re: $_" }`, "re: inner\n", "", 0},
		{"function_error_to_caller", `function f { throw 'fx' }; try { f; 'no' } catch { "caught $_" }`, "caught fx\n", "", 0},
		{"function_stop_to_caller", `function f { Write-Error 'we' -ErrorAction Stop }; try { f } catch { $_.Exception.Message }`, "we\n", "", 0},
		{"throw_object_target", `try { throw [pscustomobject]@{Code = 42} } catch { $_.TargetObject.Code }`, "42\n", "", 0},
		{"finally_after_return", `function f { try { return 'r' } finally { $script:log = 'fin' } }; $v = f; $v; $log`, "r\nfin\n", "", 0},
		{"error_in_string", `try { throw 'msg' } catch { "[$_]" }`, "[msg]\n", "", 0},
		{"strict_mode_undefined", "Set-StrictMode -Version Latest\n$undefinedVar\n'after'", "after\n", "The variable '$undefinedVar' cannot be retrieved because it has not been set.", 0},
		{"command_not_found", "Nope-Command\n'after'", "after\n", "The term 'Nope-Command' is not recognized as a name of a cmdlet, function, script file, or executable program.", 0},
		{"method_on_null", "$n = $null\n$n.Foo()\n'after'", "after\n", "You cannot call a method on a null-valued expression.", 0},
	}},
	{"control_flow", []evalCase{
		{"labeled_break", `:outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { break outer }; "$i$j" } }`, "11\n", "", 0},
		{"labeled_continue", `:o foreach ($i in 1..2) { foreach ($j in 1..3) { if ($j -eq 2) { continue o }; "$i$j" } }`, "11\n21\n", "", 0},
		{"continue_foreach", `foreach ($i in 1..4) { if ($i % 2) { continue }; $i }`, "2\n4\n", "", 0},
		{"break_for", `for ($i = 0; $i -lt 10; $i++) { if ($i -eq 2) { break } }; $i`, "2\n", "", 0},
		{"for_loop", `for ($i = 0; $i -lt 3; $i++) { $i }`, "0\n1\n2\n", "", 0},
		{"while_loop", `$i = 0; while ($i -lt 3) { $i; $i++ }`, "0\n1\n2\n", "", 0},
		{"do_until", `$i = 0; do { $i++ } until ($i -ge 3); $i`, "3\n", "", 0},
		{"do_while_runs_once", `$i = 5; do { $i } while ($i -lt 3)`, "5\n", "", 0},
		{"do_until_then_while_loop", "$a = 0\ndo { $a++ } until ($a -ge 3)\nwhile ($a -lt 5) { $a++ }\n$a", "5\n", "", 0},
		{"do_then_while_on_next_line", "$a = 0\ndo { $a++ }\nwhile ($a -lt 3)\n$a", "3\n", "", 0},
		{"elseif", `$n = 5; if ($n -lt 3) { 'a' } elseif ($n -lt 6) { 'b' } else { 'c' }`, "b\n", "", 0},
		{"break_in_while_true", `$i = 0; while ($true) { $i++; if ($i -ge 4) { break } }; $i`, "4\n", "", 0},
	}},
	{"switch", []evalCase{
		{"case_insensitive", `switch ('abc') { 'ABC' { 'eq' } }`, "eq\n", "", 0},
		{"case_sensitive", `switch -CaseSensitive ('abc') { 'ABC' { 'eq' } default { 'no' } }`, "no\n", "", 0},
		{"wildcard", `switch -Wildcard ('report.txt') { '*.txt' { 'text' } '*.csv' { 'csv' } }`, "text\n", "", 0},
		{"regex_matches", `switch -Regex ('abc123') { '^\d' { 'starts digit' } '\d+$' { "ends $($Matches[0])" } }`, "ends 123\n", "", 0},
		{"scriptblock_and_value", `switch (5) { { $_ -gt 3 } { 'big' } 5 { 'five' } }`, "big\nfive\n", "", 0},
		{"array_input", `switch (1, 2) { 1 { 'one' } 2 { 'two' } }`, "one\ntwo\n", "", 0},
		{"break", `switch (1, 2, 3) { 2 { 'two'; break } default { "d$_" } }`, "d1\ntwo\n", "", 0},
		{"continue", `switch (1, 2, 3) { 2 { continue } default { $_ } }`, "1\n3\n", "", 0},
		{"as_value", `$r = switch (3) { 1 { 'a' } default { 'z' } }; $r`, "z\n", "", 0},
		{"no_match", `switch ('x') { 'y' { 1 } }; 'end'`, "end\n", "", 0},
		{"exact_no_wildcard", `switch ('a*') { 'a*' { 'lit' } }; switch ('ab') { 'a*' { 'wild' } default { 'exact' } }`, "lit\nexact\n", "", 0},
		{"multiple_matches", `$v = switch ('b') { 'a' { 1 } 'b' { 2 } 'b' { 3 } }; $v -join ','`, "2,3\n", "", 0},
		{"empty_input", `switch (@()) { default { 'd' } }; 'end'`, "end\n", "", 0},
		{"number_vs_string", `switch ('1') { 1 { 'num' } }`, "num\n", "", 0},
	}},
	{"classes_enums", []evalCase{
		// no ';' after a method: pwsh's parser takes none there (Parser.cs
		// ClassMemberRule; PowerShell issue #2779)
		{"constructor_method", `class P { [string]$Name; P([string]$n) { $this.Name = $n } [string] Greet() { return "hi $($this.Name)" } }
[P]::new('x').Greet()`, "hi x\n", "", 0},
		{"static_method", `class C { static [int] Twice([int]$x) { return $x * 2 } }; [C]::Twice(4)`, "8\n", "", 0},
		{"property_default", `class C { [int]$N = 5 }; ([C]::new()).N`, "5\n", "", 0},
		{"inheritance_override", `class A { [string] Who() { return 'A' } }
class B : A { [string] Who() { return 'B' } }
[A]$x = [B]::new(); $x.Who(); $x -is [A]`, "B\nTrue\n", "", 0},
		{"hashtable_to_class", `class C { [int]$N; [string]$S }; $c = [C]@{N = 3; S = 'x'}; $c.N + 1; $c.S`, "4\nx\n", "", 0},
		{"method_only_returns", `class C { [int] F() { 'noise'; return 1 } }; [C]::new().F()`, "1\n", "", 0},
		{"typed_property_converts", `class C { [int]$N }; $c = [C]::new(); $c.N = '7'; $c.N.GetType().Name`, "Int32\n", "", 0},
		{"tostring_override", `class P { [string]$N; [string] ToString() { return "P:$($this.N)" } }; "$([P]@{N = 'a'})"`, "P:a\n", "", 0},
		{"enum_values", `enum Color {
    Red
    Green = 5
    Blue
}
[Color]::Blue; [int][Color]::Blue`, "Blue\n6\n", "", 0},
		{"enum_from_string", `enum Color {
    Red
    Green
}
[Color]'green'`, "Green\n", "", 0},
		{"enum_compare_int", `enum E {
    A
    B
}
[E]::B -eq 1`, "True\n", "", 0},
		{"enum_in_string", `enum E {
    A
    B
}
$e = [E]::A; "v=$e"`, "v=A\n", "", 0},
		{"static_property", `class K { static [int]$Count = 0 }; [K]::Count++; [K]::Count++; [K]::Count`, "2\n", "", 0},
	}},
	{"strings", []evalCase{
		{"here_string_expands", "$n = 'x'\n@\"\na $n\nb\n\"@", "a x\nb\n", "", 0},
		{"here_string_literal", "@'\na $n \"q\"\n'@", "a $n \"q\"\n", "", 0},
		{"subexpression_member", `$o = [pscustomobject]@{b = 'B'}; "v=$($o.b)"`, "v=B\n", "", 0},
		{"member_not_expanded", `$o = [pscustomobject]@{b = 'B'}; "v=$o.b"`, "v=@{b=B}.b\n", "", 0},
		{"dot_after_variable", `$a = 'A'; "$a.b"`, "A.b\n", "", 0},
		{"braced_variable", `$name = 'n'; "${name}x"`, "nx\n", "", 0},
		{"index_not_expanded", `$h = @{k = 'v'}; "$h['k']"`, "System.Collections.Hashtable['k']\n", "", 0},
		{"array_expands_with_spaces", `$arr = 1, 2, 3; "$arr"; "$($arr.Count) items"`, "1 2 3\n3 items\n", "", 0},
		{"null_expands_empty", `"a$($null)b|$null|"`, "ab||\n", "", 0},
		{"expression_in_string", `"$(1 + 2)"; "$(0.1 + 0.2)"`, "3\n0.3\n", "", 0}, // doubles convert with 15 digits (PowerShell PR #9893)
		{"tab_escape", "\"a`tb\"", "a\tb\n", "", 0},
		{"newline_escape", "\"x`ny\"", "x\ny\n", "", 0},
		{"dollar_escape", "$x = 1; \"`$x=$x\"", "$x=1\n", "", 0},
		{"backtick_escape", "\"a``b\"", "a`b\n", "", 0},
		{"single_quotes_literal", "'a`tb $x'", "a`tb $x\n", "", 0},
		{"doubled_quotes", `"He said ""hi"""; 'it''s'`, "He said \"hi\"\nit's\n", "", 0},
		{"colon_after_variable", `$h = 'srv'; "${h}:80"`, "srv:80\n", "", 0},
		{"empty_string_line", `''; 'x'`, "\nx\n", "", 0},
		{"string_multiply_empty", `$s = 'ab' * 0; $s.Length`, "0\n", "", 0},
	}},
	{"output", []evalCase{
		{"write_output_number", `Write-Output 42`, "42\n", "", 0},
		{"doubles", `1.0; [double]2; 1.5; -0.5; 123456789.123`, "1\n2\n1.5\n-0.5\n123456789.123\n", "", 0},
		{"large_double", `1e20`, "1E+20\n", "", 0},
		{"booleans", `$true; 1 -eq 2`, "True\nFalse\n", "", 0},
		{"null_prints_nothing", `$null`, "", "", 0},
		{"array_enumerated", `, @(1, 2)`, "1\n2\n", "", 0},
		{"char", `[char]'a'`, "a\n", "", 0},
		{"datetime_long_form", `[datetime]'2024-01-15 13:45:00'`, "\nMonday, January 15, 2024 1:45:00 PM\n\n", "", 0},
		{"get_date_fixed_clock", `(Get-Date).ToString('yyyy-MM-dd HH:mm'); (Get-Date).Year`, "2026-11-22 10:30\n2026\n", "", 0},
		{"get_date_format", `Get-Date -Format 'yyyy-MM-dd'`, "2026-11-22\n", "", 0},
		{"start_sleep_advances_clock", `$a = Get-Date; Start-Sleep -Seconds 5; ((Get-Date) - $a).TotalSeconds`, "5\n", "", 0},
		{"write_host_join", `Write-Host 'a' 'b'; Write-Host 1, 2, 3; Write-Host (1, 2) 3`, "a b\n1 2 3\n1 2 3\n", "", 0},
		{"write_host_dollar_bareword", `Write-Host price 5$`, "price 5$\n", "", 0},
		{"write_host_nonewline", `Write-Host -NoNewline 'a'; Write-Host 'b'`, "ab\n", "", 0},
		{"write_host_separator", `Write-Host a b -Separator ','`, "a,b\n", "", 0},
		{"write_host_not_captured", `$x = Write-Host 'shown'; $null -eq $x`, "shown\nTrue\n", "", 0},
		{"write_warning_stderr", `Write-Warning 'careful'; 'out'`, "out\n", "WARNING: careful", 0},
		{"out_string", `(1, 2 | Out-String) -eq "1` + "`n" + `2` + "`n" + `"`, "True\n", "", 0},
	}},
	{"cmdlets", []evalCase{
		{"sort_numbers", `3, 1, 2 | Sort-Object; 3, 1, 2 | Sort-Object -Descending`, "1\n2\n3\n3\n2\n1\n", "", 0},
		{"sort_strings_case_insensitive", `'b', 'A', 'c' | Sort-Object`, "A\nb\nc\n", "", 0},
		{"sort_strings_not_numeric", `'10', '9', '1' | Sort-Object`, "1\n10\n9\n", "", 0},
		{"sort_numbers_numeric", `10, 9, 1 | Sort-Object`, "1\n9\n10\n", "", 0},
		{"sort_unique", `'b', 'a', 'b' | Sort-Object -Unique`, "a\nb\n", "", 0},
		{"sort_property", `[pscustomobject]@{N = 'x'; V = 2}, [pscustomobject]@{N = 'y'; V = 1} | Sort-Object V | ForEach-Object N`, "y\nx\n", "", 0},
		{"sort_property_descending", `[pscustomobject]@{N = 'a'; V = 1}, [pscustomobject]@{N = 'b'; V = 3}, [pscustomobject]@{N = 'c'; V = 2} | Sort-Object V -Descending | ForEach-Object N`, "b\nc\na\n", "", 0},
		{"measure_sum", `(1..10 | Measure-Object -Sum).Sum`, "55\n", "", 0},
		{"measure_sum_type", `(1..4 | Measure-Object -Sum).Sum.GetType().Name`, "Double\n", "", 0},
		{"measure_average", `(1, 2, 3 | Measure-Object -Average).Average`, "2\n", "", 0},
		{"measure_min_max", `$m = 1, 5, 3 | Measure-Object -Maximum -Minimum; "$($m.Minimum) $($m.Maximum)"`, "1 5\n", "", 0},
		{"measure_count", `('a', 'b' | Measure-Object).Count`, "2\n", "", 0},
		{"measure_property", `([pscustomobject]@{V = 2}, [pscustomobject]@{V = 3} | Measure-Object -Property V -Sum).Sum`, "5\n", "", 0},
		{"group_counts", `'a', 'b', 'a' | Group-Object | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }`, "a=2\nb=1\n", "", 0},
		{"group_scriptblock", `1..6 | Group-Object { $_ % 2 } | Sort-Object Name | ForEach-Object { "$($_.Name):$($_.Group -join ',')" }`, "0:2,4,6\n1:1,3,5\n", "", 0},
		{"group_as_hashtable", `$g = 'a', 'bb', 'cc' | Group-Object Length -AsHashTable; $g[2].Count`, "2\n", "", 0},
		{"select_properties_order", `[pscustomobject]@{a = 1; b = 2; c = 3} | Select-Object b, a | ConvertTo-Json -Compress`, "{\"b\":2,\"a\":1}\n", "", 0},
		{"select_calculated", `[pscustomobject]@{a = 1} | Select-Object @{n = 'x'; e = { $_.a * 10 }} | ForEach-Object x`, "10\n", "", 0},
		{"select_expand", `[pscustomobject]@{a = 1}, [pscustomobject]@{a = 2} | Select-Object -ExpandProperty a`, "1\n2\n", "", 0},
		{"join_path", `Join-Path 'a' 'b'`, "a/b\n", "", 0},
		{"new_object_psobject", `$o = New-Object PSObject -Property @{K = 'v'}; $o.K`, "v\n", "", 0},
		{"foreach_object_alias", `1, 2 | % { $_ + 1 }; 1, 2 | ? { $_ -gt 1 }`, "2\n3\n2\n", "", 0},
	}},
	{"json", []evalCase{
		{"hashtable_compress", `@{a = 1} | ConvertTo-Json -Compress`, "{\"a\":1}\n", "", 0},
		{"ordered_types", `[ordered]@{a = 1; b = 'x'; c = $true; d = $null; e = @(1, 2)} | ConvertTo-Json -Compress`, "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":null,\"e\":[1,2]}\n", "", 0},
		{"indented", `[ordered]@{a = 1; b = 2} | ConvertTo-Json`, "{\n  \"a\": 1,\n  \"b\": 2\n}\n", "", 0},
		{"piped_array", `@(1, 2) | ConvertTo-Json -Compress`, "[1,2]\n", "", 0},
		{"single_item_array_param", `ConvertTo-Json -InputObject @(1) -Compress`, "[1]\n", "", 0},
		{"scalars", `1 | ConvertTo-Json; 'x' | ConvertTo-Json`, "1\n\"x\"\n", "", 0},
		{"escape_quote", `@{s = 'a"b'} | ConvertTo-Json -Compress`, "{\"s\":\"a\\\"b\"}\n", "", 0},
		{"from_json_array_member", `'{"a":1,"b":[1,2]}' | ConvertFrom-Json | ForEach-Object { $_.b[1] }`, "2\n", "", 0},
		{"from_json_values", `$o = '{"n":"x","v":1.5}' | ConvertFrom-Json; "$($o.n) $($o.v)"`, "x 1.5\n", "", 0},
		{"from_json_nested", `('{"a":{"b":"c"}}' | ConvertFrom-Json).a.b`, "c\n", "", 0},
		{"from_json_int64", `('{"n":5}' | ConvertFrom-Json).n.GetType().Name`, "Int64\n", "", 0},
		{"from_json_enumerates", `'[1,2,3]' | ConvertFrom-Json | Measure-Object -Sum | ForEach-Object Sum`, "6\n", "", 0},
		{"round_trip", `$j = [pscustomobject]@{a = 1; b = @('x', 'y')} | ConvertTo-Json -Compress; $j; ($j | ConvertFrom-Json).b -join '+'`, "{\"a\":1,\"b\":[\"x\",\"y\"]}\nx+y\n", "", 0},
		{"from_json_bool_null", `$o = '{"t":true,"z":null}' | ConvertFrom-Json; $o.t -is [bool]; $null -eq $o.z`, "True\nTrue\n", "", 0},
	}},
	{"exit", []evalCase{
		{"exit_code", `exit 3`, "", "", 3},
		{"exit_stops_script", `'a'; exit 3; 'b'`, "a\n", "", 3},
		{"exit_in_function", `function f { exit 4 }; f; 'after'`, "", "", 4},
		{"bare_exit", `'a'; exit; 'b'`, "a\n", "", 0},
		{"exit_runs_finally", `try { exit 2 } finally { 'fin' }`, "fin\n", "", 2},
		{"exit_in_scriptblock", `& { exit 5 }; 'after'`, "", "", 5},
	}},
	{"not_implemented", []evalCase{
		{"add_type", "Add-Type -TypeDefinition 'public class X {}'\n'after'", "after\n", "Add-Type: [NotImplemented]", anyExit},
		{"native_command", "ping localhost\n'after'", "after\n", "[NotImplemented]", anyExit},
		{"native_command_named", "ping localhost", "", "ping", anyExit},
	}},
}
