package cmdlets_test

import "testing"

// dotnetValueTests covers .NET values as .NET computes them: System.Decimal,
// culture-aware string order, the generic collections, System.String's
// overloads. Each group names the reference its expectations come from.
var dotnetValueTests = []struct {
	group string
	cases []evalCase
}{
	// System.Decimal (learn.microsoft.com/dotnet/api/system.decimal): a
	// 96-bit integer and a scaling factor 0..28 that "also preserves any
	// trailing zeros"; arithmetic is exact where it fits, else rounded
	// (Decimal.Divide: 28 significant digits after the point at most);
	// Decimal.MaxValue is 79,228,162,514,264,337,593,543,950,335.
	// PowerShell's DecimalOps (NumericOps.cs) use these operators.
	{"decimal_arith", []evalCase{
		{"exact_sum", `0.1d + 0.2d`, "0.3\n", "", 0},
		{"scale_kept_by_multiply", `1.10d * 3`, "3.30\n", "", 0},
		{"scale_of_sum_is_larger", `1.1d + 2.25d; 2.50d - 0.5d`, "3.35\n2.00\n", "", 0},
		{"divide_28_digits", `[decimal]1/3; [decimal]2/3; 100/3d`, "0.3333333333333333333333333333\n0.6666666666666666666666666667\n33.333333333333333333333333333\n", "", 0},
		// an exact quotient keeps the dividend's scale less the divisor's;
		// an inexact one has no trailing zeros
		{"divide_exact", `10.00d/4; 1d/8; 1d/0.5d; 4.0d/2.0d`, "2.50\n0.125\n2\n2\n", "", 0},
		{"max_min_value", `[decimal]::MaxValue; [decimal]::MinValue`, "79228162514264337593543950335\n-79228162514264337593543950335\n", "", 0},
		{"overflow", `[decimal]::MaxValue * 2`, "", "Value was either too large or too small for a Decimal.", 0},
		{"overflow_by_one", `79228162514264337593543950335d + 1`, "", "Value was either too large or too small for a Decimal.", 0},
		{"divide_by_zero", `1d / 0`, "", "Attempted to divide by zero.", 0},
		// Decimal.Remainder: the sign of the dividend, the larger scale
		{"remainder", `5.5d % 2; -7d % 3; 1.5d % 2.00d`, "1.5\n-1\n1.5\n", "", 0},
		{"negate_keeps_scale", `-1.10d; (-1.10d).GetType().Name`, "-1.10\nDecimal\n", "", 0},
		{"many_digits", `1.2345678901234567890123456789d; 0.0000000000000000000000000001d`, "1.2345678901234567890123456789\n0.0000000000000000000000000001\n", "", 0},
		// the operand types of a mixed operation (about_Arithmetic_Operators):
		// an integer or a double with a decimal computes as decimal
		{"mixed_types", `(1d + 1).GetType().Name; (1d * 1.5).GetType().Name; 1d * 1.5; (2 / 4d).GetType().Name`, "Decimal\nDecimal\n1.5\nDecimal\n", "", 0},
		{"compare_with_double", `0.1d -eq 0.1; 1.10d -eq 1.1; 1d -lt 1.5; 2.0d -gt 1.99`, "True\nTrue\nTrue\nTrue\n", "", 0},
		{"sort_by_value", `2.0d, 1.50d, 1.1d | Sort-Object`, "1.1\n1.50\n2.0\n", "", 0},
	}},
	// Parser.Tests.ps1 ("Should be able to use decimal literals"): 0.0d is
	// "0.0", 15e3d is 15000, 1dkb is 1024; Conversions.Tests.ps1 casts.
	{"decimal_literals_and_casts", []evalCase{
		{"literal_forms", `0.0d; 1.5d; -1.5d; 15e3d; 1dkb; 1.5dkb`, "0.0\n1.5\n-1.5\n15000\n1024\n1536.0\n", "", 0},
		{"huge_integer_literal", `18446744073709551616; (18446744073709551616).GetType().Name`, "18446744073709551616\nDecimal\n", "", 0},
		// Convert.ToDecimal(Double): at most 15 significant digits
		{"from_double", `[decimal]0.1; [decimal](0.1 + 0.2); [decimal](1/3)`, "0.1\n0.3\n0.333333333333333\n", "", 0},
		// a string is read as a PowerShell number ('1.10' is the double 1.1),
		// with the d suffix as a decimal, else by Decimal.Parse
		{"from_string", `[decimal]'1.10'; [decimal]'1.10d'; [decimal]'1e3'; [decimal]'1,000.50'; [decimal]''`, "1.1\n1.10\n1000\n1000.50\n0\n", "", 0},
		{"from_string_bad", `[decimal]'abc'`, "", `Cannot convert value "abc" to type "System.Decimal". Error: "The input string 'abc' was not in a correct format."`, 0},
		{"from_double_too_large", `[decimal]1e30`, "", `Cannot convert value "1E+30" to type "System.Decimal". Error: "Value was either too large or too small for a Decimal."`, 0},
		// Convert.ToInt32(Decimal) rounds to the nearest even integer
		{"to_integers", `[int]2.5d; [int]3.5d; [long]-2.5d; [byte]255.4d`, "2\n4\n-2\n255\n", "", 0},
		{"to_integer_overflow", `[int]3000000000d`, "", "Value was either too large or too small for an Int32.", 0},
		{"to_double_and_string", `[double]1.10d; [string]1.10d; "x $(1.10d) y"`, "1.1\n1.10\nx 1.10 y\n", "", 0},
		{"bigint_truncates", `[bigint]1.5d; [bigint]-2.5d`, "1\n-2\n", "", 0},
		{"bool", `[bool]0.00d; [bool]0.01d`, "False\nTrue\n", "", 0},
	}},
	// Decimal.ToString and composite formatting (Standard numeric format
	// strings: C, F, N keep the requested digits, rounding half away from
	// zero; G without precision shows every digit of the scale).
	{"decimal_format", []evalCase{
		{"tostring", `(1.10d).ToString(); (1.10d).ToString('F4'); (0.00d).ToString()`, "1.10\n1.1000\n0.00\n", "", 0},
		{"format_operator", `'{0:N2}' -f 1234.005d; '{0:C}' -f 1.10d; '{0:F3}' -f 1.10d; '{0}' -f 1.10d; '{0:0.0}' -f 2.25d`, "1,234.01\n$1.10\n1.100\n1.10\n2.3\n", "", 0},
		// ConvertTo-Json.Tests.ps1: a decimal is written as its digits
		{"json", `@{a = 1.10d; b = 123.456d} | ConvertTo-Json -Compress`, "{\"a\":1.10,\"b\":123.456}\n", "", 0},
	}},
	// Math.Round, Decimal.Round (MidpointRounding.ToEven by default),
	// Math.Floor/Ceiling/Truncate/Abs/Sign: the Decimal overloads return a
	// Decimal.
	{"decimal_math", []evalCase{
		{"round_to_even", `[math]::Round(2.5d); [math]::Round(3.5d); [math]::Round(2.345d, 2)`, "2\n4\n2.34\n", "", 0},
		{"round_modes", `[math]::Round(2.345d, 2, 'AwayFromZero'); [math]::Round(-2.55d, 1, [MidpointRounding]::ToNegativeInfinity); [decimal]::Round(1.2345d, 2)`, "2.35\n-2.6\n1.23\n", "", 0},
		{"round_keeps_type", `[math]::Round(2.5d).GetType().Name; [math]::Round(1.25d, 5)`, "Decimal\n1.25\n", "", 0},
		{"round_range", `[math]::Round(1d, 29)`, "", "Decimal can only round to between 0 and 28 digits of precision.", 0},
		{"floor_ceiling_truncate", `[math]::Floor(-1.5d); [math]::Ceiling(1.2d); [math]::Truncate(-1.7d); [math]::Floor(-1.5d).GetType().Name`, "-2\n2\n-1\nDecimal\n", "", 0},
		{"abs_sign", `[math]::Abs(-1.50d); [math]::Sign(-0.5d); [math]::Abs(-1.50d).GetType().Name`, "1.50\n-1\nDecimal\n", "", 0},
		{"decimal_statics", `[decimal]::Parse('1.10'); [decimal]::Add(1.1d, 2.20d); [decimal]::Divide(1, 4); [decimal]::Remainder(7, 3); [decimal]::Negate(1.5d); [decimal]::Truncate(9.99d)`, "1.10\n3.30\n0.25\n1\n-1.5\n9\n", "", 0},
		{"tryparse", `$r = 0d; [decimal]::TryParse('2.50', [ref]$r); $r; [decimal]::TryParse('x', [ref]$r); $r`, "True\n2.50\nFalse\n0\n", "", 0},
		// Math.Round(Double, Int32, MidpointRounding)
		{"double_round_modes", `[math]::Round(2.5, [MidpointRounding]::AwayFromZero); [math]::Round(-1.25, 1, 'ToZero'); [math]::Round(1.5, 16)`, "3\n-1.2\n", "Rounding digits must be between 0 and 15, inclusive.", 0},
	}},
	// Culture-aware string order. about_Comparison_Operators: -lt, -gt,
	// -le, -ge compare strings case-insensitively, -clt... case-sensitively;
	// PowerShell compares them with the invariant culture
	// (LanguagePrimitives.Compare), Sort-Object, Group-Object and
	// Measure-Object with the current culture (Sort-Object's page: "the
	// current culture"). On .NET 5+ both are ICU's CLDR root collation
	// ("Globalization and ICU", learn.microsoft.com/dotnet/core/extensions/
	// globalization-icu): punctuation before digits before letters, letters
	// alphabetically ignoring accents and case first, then accents, then
	// case with lower case first.
	{"culture_string_order", []evalCase{
		{"case_sensitive_operators", `'a' -clt 'A'; 'Z' -clt 'a'; 'a' -cgt 'A'; 'B' -cgt 'a'`, "True\nFalse\nFalse\nTrue\n", "", 0},
		{"case_insensitive_operators", `'a' -lt 'B'; 'a' -le 'A'; 'a' -lt 'A'; 'Z' -gt 'a'`, "True\nTrue\nFalse\nTrue\n", "", 0},
		{"punctuation_digits_letters", `'_x' -lt '-y'; '-y' -lt '1'; '1' -lt 'a'; 'a-b' -lt 'a_b'`, "True\nTrue\nTrue\nFalse\n", "", 0},
		// -eq stays ordinal-ignore-case (about_Comparison_Operators)
		{"equality_is_not_collation", `'a-b' -eq 'ab'; 'é' -eq 'e'; 'a' -eq 'A'`, "False\nFalse\nTrue\n", "", 0},
		{"sort_case_sensitive", `('b','A','a','B' | Sort-Object -CaseSensitive) -join ' '`, "a A b B\n", "", 0},
		{"sort_root_order", `('item10','_x','-y','1','Item1' | Sort-Object) -join ' '`, "_x -y 1 Item1 item10\n", "", 0},
		{"sort_accents", `('Élodie','Zoe','Eve','eve' | Sort-Object) -join ' '; ('Eve','Éve','eve' | Sort-Object -CaseSensitive) -join ' '`, "Élodie Eve eve Zoe\neve Eve Éve\n", "", 0},
		{"sort_descending_unique", `('b','a','B','c' | Sort-Object -Descending -Unique) -join ' '`, "c b a\n", "", 0},
		// MeasureObjectCommand compares with LanguagePrimitives.Compare,
		// ignoreCase false, in the current culture
		{"measure_min_max", `$m = 'b','A','a','B' | Measure-Object -Minimum -Maximum; $m.Minimum; $m.Maximum`, "a\nB\n", "", 0},
		// GroupObjectCommand orders the groups when the values share a type
		// (Group-Object.Tests.ps1: -CaseSensitive groups aA before AA)
		{"group_order", `('b','_','A','1','a' | Group-Object | ForEach-Object Name) -join ' '; ('aA','AA','aA' | Group-Object -CaseSensitive | ForEach-Object Name) -join ' '; (3,1,2,1 | Group-Object | ForEach-Object Name) -join ' '`, "_ 1 A b\naA AA\n1 2 3\n", "", 0},
		{"group_mixed_types_keep_order", `(2,'a',1 | Group-Object | ForEach-Object Name) -join ' '`, "2 a 1\n", "", 0},
		// Array.Sort and List<T>.Sort use Comparer.Default: String.CompareTo,
		// the current culture, case-sensitive
		{"array_sort", `$a = [string[]]('b','_','B','1','a'); [array]::Sort($a); $a -join ' '; $n = 3,1,2; [array]::Sort($n); $n -join ' '`, "_ 1 a b B\n1 2 3\n", "", 0},
		{"list_sort", `$l = [System.Collections.Generic.List[string]]::new(); $l.AddRange([string[]]('b','_','B','1','a')); $l.Sort(); $l -join ' '; $al = [System.Collections.ArrayList]('b','A','a'); $al.Sort(); $al -join ' '`, "_ 1 a b B\na A b\n", "", 0},
		// String.Compare (learn.microsoft.com/dotnet/api/system.string.compare):
		// culture comparisons return -1, 0, 1; Ordinal the difference of the
		// first differing code units; null is less than any string
		{"string_compare", `[string]::Compare('a','B'); [string]::Compare('a','A'); [string]::Compare('a','A',$true); [string]::Compare($null,'a'); [string]::Compare('a',$null)`, "-1\n-1\n0\n-1\n1\n", "", 0},
		{"string_compare_comparison", `[string]::Compare('a','A',[StringComparison]::Ordinal); [string]::Compare('b','A','OrdinalIgnoreCase'); [string]::Compare('é','f',[StringComparison]::InvariantCulture); [string]::Compare('a','A',[StringComparison]::CurrentCultureIgnoreCase)`, "32\n1\n-1\n0\n", "", 0},
		{"string_compare_culture", `[string]::Compare('a','A',$false,[cultureinfo]::InvariantCulture)`, "-1\n", "", 0},
		{"compare_ordinal", `[string]::CompareOrdinal('a','B'); [string]::CompareOrdinal('abc','ab'); [string]::CompareOrdinal($null,'a')`, "31\n1\n-1\n", "", 0},
		{"compare_to", `'a'.CompareTo('B'); 'b'.CompareTo('B'); 'a'.CompareTo($null)`, "-1\n-1\n1\n", "", 0},
	}},
	// Generic collections (learn.microsoft.com/dotnet/api/
	// system.collections.generic.dictionary-2): a Dictionary<TKey,TValue>
	// made without a comparer uses EqualityComparer<TKey>.Default, for
	// strings ordinal and case-sensitive; Add of a key already there throws
	// ArgumentException ("An item with the same key has already been added.
	// Key: a" in .NET 8); TryGetValue writes default(TValue) when the key is
	// missing; Remove(key) returns whether it removed. PowerShell converts
	// method arguments and indexer values to the parameter types and names
	// the runtime type by Type.FullName in "Method invocation failed".
	{"generic_dictionary", []evalCase{
		{"type_name", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.GetType().Name; $d.GetType().FullName`,
			"Dictionary`2\nSystem.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e],[System.Int32, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e]]\n", "", 0},
		{"keys_case_sensitive", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $null -eq $d['A']; $d.ContainsKey('A'); $d['A'] = 2; $d.Count`, "True\nFalse\n2\n", "", 0},
		{"value_converted", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = '5'; $d['a'].GetType().Name; $d.b = 2.6; $d['b']`, "Int32\n3\n", "", 0},
		{"value_not_convertible", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 'x'`, "", `Cannot convert value "x" to type "System.Int32". Error: "The input string 'x' was not in a correct format."`, 0},
		{"add_converts_arguments", `$d = [System.Collections.Generic.Dictionary[int,string]]::new(); $d.Add('1', 2); $d[1].GetType().Name; $d.Add('x', 'y')`, "String\n", `Cannot convert argument "key", with value: "x", for "Add" to type "System.Int32"`, 0},
		{"add_duplicate", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.Add('a', 1); $d.Add('a', 2)`, "", `Exception calling "Add" with "2" argument(s): "An item with the same key has already been added. Key: a"`, 0},
		{"try_get_value", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 7; $v = 0; $d.TryGetValue('a', [ref]$v); $v; $d.TryGetValue('b', [ref]$v); $v`, "True\n7\nFalse\n0\n", "", 0},
		{"remove_try_add", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d.Remove('a'); $d.Remove('a'); $d.TryAdd('b', 2); $d.TryAdd('b', 3); $d['b']`, "True\nFalse\nTrue\nFalse\n2\n", "", 0},
		{"enumerate_pairs", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['x'] = 1; $d['y'] = 2; foreach ($kv in $d.GetEnumerator()) { "$($kv.Key)=$($kv.Value) $($kv.GetType().Name)" }`, "x=1 KeyValuePair`2\ny=2 KeyValuePair`2\n", "", 0},
		{"to_string", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); "$d"`, "System.Collections.Generic.Dictionary`2[System.String,System.Int32]\n", "", 0},
		{"missing_method", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.Frob()`, "", "Method invocation failed because [System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e],[System.Int32, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e]]] does not contain a method named 'Frob'.", 0},
		// Hashtable's Clone is no member of Dictionary
		{"no_clone", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d.Clone()`, "", "does not contain a method named 'Clone'.", 0},
		// the Dictionary(IDictionary<TKey,TValue>, IEqualityComparer<TKey>) and capacity constructors
		{"comparer_and_copy", `$d = [System.Collections.Generic.Dictionary[string,int]]::new([StringComparer]::OrdinalIgnoreCase); $d['a'] = 1; $d['A']; $c = [System.Collections.Generic.Dictionary[string,int]]::new($d, [StringComparer]::Ordinal); $c.ContainsKey('A'); $c.Comparer.GetType().FullName; [System.Collections.Generic.Dictionary[string,int]]::new(16).Count`, "1\nFalse\nSystem.OrdinalComparer\n0\n", "", 0},
		// SortedDictionary<TKey,TValue> keeps its keys sorted by
		// Comparer<TKey>.Default (strings by the current culture)
		{"sorted_dictionary", `$s = [System.Collections.Generic.SortedDictionary[string,int]]::new(); $s['b'] = 2; $s['a'] = 1; $s['B'] = 3; $s.Keys -join ','; $n = [System.Collections.Generic.SortedDictionary[int,string]]::new(); $n[10] = 'x'; $n[9] = 'y'; $n.Keys -join ','`, "a,b,B\n9,10\n", "", 0},
	}},
	// System.StringComparer (learn.microsoft.com/dotnet/api/system.stringcomparer):
	// Ordinal, OrdinalIgnoreCase, InvariantCulture(IgnoreCase),
	// CurrentCulture(IgnoreCase), with Equals(x, y) and Compare(x, y).
	{"string_comparer", []evalCase{
		{"equals_compare", `[StringComparer]::OrdinalIgnoreCase.Equals('a','A'); [StringComparer]::Ordinal.Equals('a','A'); [StringComparer]::CurrentCulture.Compare('a','B'); [StringComparer]::InvariantCultureIgnoreCase.Compare('a','A'); [StringComparer]::Ordinal.Compare('a','B')`, "True\nFalse\n-1\n0\n31\n", "", 0},
		{"runtime_types", `[StringComparer]::Ordinal.GetType().FullName; [StringComparer]::OrdinalIgnoreCase.GetType().FullName; [StringComparer]::InvariantCulture.GetType().FullName`, "System.OrdinalComparer\nSystem.OrdinalIgnoreCaseComparer\nSystem.CultureAwareComparer\n", "", 0},
	}},
	// Hashtable (learn.microsoft.com/dotnet/api/system.collections.hashtable):
	// Add of a key already there throws ArgumentException, .NET 8 naming the
	// key in the table and the key being added; Hashtable(IEqualityComparer)
	// compares keys with that comparer. OrderedDictionary.Insert(index, key,
	// value) adds an entry at a position.
	{"hashtable_and_ordered", []evalCase{
		{"add_duplicate", `$h = @{a = 1}; $h.Add('A', 2)`, "", `"Item has already been added. Key in dictionary: 'a'  Key being added: 'A'"`, 0},
		{"comparer", `$h = [hashtable]::new([StringComparer]::Ordinal); $h['a'] = 1; $h['A'] = 2; $h.Count; $i = [hashtable]::new([StringComparer]::OrdinalIgnoreCase); $i['a'] = 1; $i['A'] = 2; $i.Count`, "2\n1\n", "", 0},
		{"ordered_insert", `$o = [ordered]@{a = 1; c = 3}; $o.Insert(1, 'b', 2); $o.Keys -join ','; $o[1]; $o.RemoveAt(0); $o.Keys -join ','`, "a,b,c\n2\nb,c\n", "", 0},
		{"ordered_insert_bad_index", `$o = [ordered]@{a = 1}; $o.Insert(5, 'b', 2)`, "", "Specified argument was out of the range of valid values.", 0},
	}},
	// List<T>, HashSet<T>, Queue<T>, Stack<T>: items convert to T (the
	// method binder's argument conversion); HashSet<T> compares with
	// EqualityComparer<T>.Default (strings ordinal) or the comparer given.
	{"generic_lists_and_sets", []evalCase{
		{"list_add_converts", `$l = [System.Collections.Generic.List[int]]::new(); $l.Add('5'); $l[0].GetType().Name; $l.Add('x')`, "Int32\n", `Cannot convert argument "item", with value: "x", for "Add" to type "System.Int32"`, 0},
		{"list_contains_ordinal", `$l = [System.Collections.Generic.List[string]]::new(); $l.Add('a'); $l.Contains('A'); $l.IndexOf('a')`, "False\n0\n", "", 0},
		{"hashset_ordinal", `$s = [System.Collections.Generic.HashSet[string]]::new(); $s.Add('a'); $s.Add('A'); $s.Add('a'); $s.Count`, "True\nTrue\nFalse\n2\n", "", 0},
		{"hashset_comparer", `$s = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase); $s.Add('a'); $s.Add('A'); $s.Contains('A'); $s.Remove('A'); $s.Count`, "True\nFalse\nTrue\nTrue\n0\n", "", 0},
		{"hashset_from_collection", `$s = [System.Collections.Generic.HashSet[int]]::new([int[]](1, 2, 2, 3)); $s.Count; $c = [System.Collections.Generic.HashSet[int]]@(1, 2, 2); $c.Count; $c.GetType().Name`, "3\n2\nHashSet`1\n", "", 0},
		{"queue_stack_convert", `$q = [System.Collections.Generic.Queue[int]]::new(); $q.Enqueue('3'); $q.Peek().GetType().Name; $st = [System.Collections.Generic.Stack[string]]::new(); $st.Push(1); $st.Pop().GetType().Name`, "Int32\nString\n", "", 0},
	}},
	// System.String overloads (learn.microsoft.com/dotnet/api/system.string.split,
	// .indexof, .lastindexof, .contains, .startswith, .endswith, .replace,
	// .equals; StringComparison and StringSplitOptions): PowerShell's method
	// binder picks the overload by the argument types, so a string separator
	// is Split(String, StringSplitOptions = None) and splits at the whole
	// string, a [char[]] at each character; StringSplitOptions.TrimEntries
	// (.NET 5) trims each substring; a count keeps the rest in the last one.
	{"string_overloads", []evalCase{
		{"split_remove_empty", `'a,,b'.Split(',', [System.StringSplitOptions]::RemoveEmptyEntries) -join '|'`, "a|b\n", "", 0},
		{"split_trim_entries", `'a, b ,c'.Split(',', [StringSplitOptions]::TrimEntries) -join '|'; ' a , ,b'.Split(',', 'RemoveEmptyEntries, TrimEntries') -join '|'`, "a|b|c\na|b\n", "", 0},
		{"split_string_is_one_separator", `'1x2y3xy4'.Split('xy') -join '|'; 'a--b--c'.Split([string[]]@('--'), [StringSplitOptions]::None) -join '|'`, "1x2y3|4\na|b|c\n", "", 0},
		{"split_char_array", `'a b,c'.Split([char[]]' ,') -join '|'; 'a,b;c'.Split([char[]]@(',', ';'), 2) -join '|'`, "a|b|c\na|b;c\n", "", 0},
		{"split_count", `'a,b,c'.Split(',', 2) -join '|'; 'a,,b,c'.Split(',', 2, 'RemoveEmptyEntries') -join '|'; 'a,b'.Split(',', 0).Count; 'a,b'.Split(',', -1)`, "a|b,c\na|b,c\n0\n", "Count cannot be less than zero.", 0},
		{"split_white_space", `'a b  c'.Split() -join '|'`, "a|b||c\n", "", 0},
		{"index_of_comparison", `'abc'.IndexOf('B', [StringComparison]::OrdinalIgnoreCase); 'abc'.IndexOf('B'); 'abcabc'.IndexOf('C', 3, 'OrdinalIgnoreCase'); 'abc'.IndexOf('c', 1, 1)`, "1\n-1\n5\n-1\n", "", 0},
		{"last_index_of", `'abcabc'.LastIndexOf('B', [StringComparison]::OrdinalIgnoreCase); 'abcabc'.LastIndexOf('b', 3); 'abcabc'.LastIndexOf('b', 0)`, "4\n1\n-1\n", "", 0},
		{"index_of_bad_start", `'abc'.IndexOf('c', 5)`, "", "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')", 0},
		{"equals_comparison", `'abc'.Equals('ABC', [StringComparison]::OrdinalIgnoreCase); 'abc'.Equals('ABC'); [string]::Equals('a', 'A', 'CurrentCultureIgnoreCase'); [string]::Equals('a', 'A')`, "True\nFalse\nTrue\nFalse\n", "", 0},
		{"starts_ends_contains", `'abc'.StartsWith('AB', [StringComparison]::OrdinalIgnoreCase); 'abc'.StartsWith('AB'); 'abc'.EndsWith('BC', 'OrdinalIgnoreCase'); 'abc'.EndsWith('C', $true, $null); 'abc'.Contains('B', [StringComparison]::OrdinalIgnoreCase); 'abc'.Contains('B')`, "True\nFalse\nTrue\nTrue\nTrue\nFalse\n", "", 0},
		{"replace_comparison", `'aXbxc'.Replace('x', '-', [StringComparison]::OrdinalIgnoreCase); 'aXbxc'.Replace('x', '-'); 'abc'.Replace('B', $null, $true, $null)`, "a-b-c\naXb-c\nac\n", "", 0},
		{"replace_empty_old", `'abc'.Replace('', 'x')`, "", "The value cannot be an empty string. (Parameter 'oldValue')", 0},
		// IndexOfAny/LastIndexOfAny(char[] anyOf, startIndex, count)
		{"index_of_any", `'abcabc'.IndexOfAny([char[]]'c', 3); 'abcabc'.IndexOfAny([char[]]'cb'); 'abcabc'.LastIndexOfAny([char[]]'ab'); 'abcabc'.LastIndexOfAny([char[]]'a', 2); 'abc'.IndexOfAny([char[]]'c', 0, 2)`, "5\n1\n4\n0\n-1\n", "", 0},
		// ToCharArray(startIndex, length); PadLeft(totalWidth, char paddingChar)
		{"to_char_array_range", `'abc'.ToCharArray(1, 1) -join ','; 'abc'.ToCharArray(2, 5)`, "b\n", "Must be non-negative and less than or equal to the size of the collection. (Parameter 'length')", 0},
		{"pad_char", `'abc'.PadLeft(5, 'x'); 'abc'.PadRight(5, [char]'-'); 'abc'.PadLeft(5, 'xy')`, "xxabc\nabc--\n", `Cannot convert argument "paddingChar", with value: "xy", for "PadLeft" to type "System.Char"`, 0},
		{"trim_chars", `'xxabcxx'.Trim([char[]]'x'); 'xyabcyx'.Trim('x', 'y'); 'xxabc'.TrimStart('x')`, "abc\nabc\nabc\n", "", 0},
	}},
	// -is with interfaces (about_Type_Operators: -is is true when the object
	// is of the type or derives from it; each type's "Implements" list in the
	// .NET API reference): arrays are IList and ICollection, ArrayList and
	// List[T] are IList but no System.Array, HashSet[T] is no ICollection,
	// Hashtable and the dictionaries are IDictionary, strings and numbers
	// IComparable and IConvertible, strings no IFormattable.
	{"interfaces", []evalCase{
		{"ilist", `(1, 2) -is [System.Collections.IList]; [System.Collections.ArrayList]::new() -is [System.Collections.IList]; [System.Collections.Generic.List[int]]::new() -is [System.Collections.IList]; @{} -is [System.Collections.IList]; 'x' -is [System.Collections.IList]`, "True\nTrue\nTrue\nFalse\nFalse\n", "", 0},
		{"only_arrays_are_arrays", `[System.Collections.ArrayList]::new() -is [array]; [System.Collections.Generic.List[int]]::new() -is [array]; (1, 2) -is [array]; [string[]]('a') -is [object[]]; [int[]](1) -is [object[]]`, "False\nFalse\nTrue\nTrue\nFalse\n", "", 0},
		{"idictionary", `@{} -is [System.Collections.IDictionary]; [ordered]@{} -is [System.Collections.IDictionary]; [ordered]@{} -is [System.Collections.Specialized.IOrderedDictionary]; [System.Collections.Generic.Dictionary[string,int]]::new() -is [System.Collections.IDictionary]; (1, 2) -is [System.Collections.IDictionary]`, "True\nTrue\nTrue\nTrue\nFalse\n", "", 0},
		{"icollection_ienumerable", `'x' -is [System.Collections.IEnumerable]; 'x' -is [System.Collections.ICollection]; [System.Collections.Generic.HashSet[int]]::new() -is [System.Collections.ICollection]; 1 -is [System.Collections.IEnumerable]; @{} -is [System.Collections.ICollection]`, "True\nFalse\nFalse\nFalse\nTrue\n", "", 0},
		{"icomparable_iconvertible", `'x' -is [System.IComparable]; 1 -is [System.IComparable]; (1, 2) -is [System.IComparable]; 'x' -is [System.IConvertible]; [timespan]0 -is [System.IConvertible]; 'x' -is [System.IFormattable]; 1.5 -is [System.IFormattable]`, "True\nTrue\nFalse\nTrue\nFalse\nFalse\nTrue\n", "", 0},
		{"generic_interfaces", `$l = [System.Collections.Generic.List[int]]::new(); $l -is [System.Collections.Generic.IList[int]]; $l -is [System.Collections.Generic.IList[string]]; $l -is [System.Collections.Generic.IEnumerable[int]]; [System.Collections.Generic.Dictionary[string,int]]::new() -is [System.Collections.Generic.IDictionary[string,int]]; 'x' -is [System.IEquatable[string]]`, "True\nFalse\nTrue\nTrue\nTrue\n", "", 0},
	}},
	// TimeSpan.Microseconds and Nanoseconds (.NET 7, learn.microsoft.com/
	// dotnet/api/system.timespan.microseconds): the microsecond and
	// nanosecond components; FromTicks.
	{"timespan_components", []evalCase{
		{"micro_nano", `$t = [timespan]::FromTicks(12345); $t.Microseconds; $t.Nanoseconds; $t.TotalMicroseconds; (New-TimeSpan -Minutes 1).Microseconds`, "234\n500\n1234.5\n0\n", "", 0},
	}},
	// System.Net.IPAddress (learn.microsoft.com/dotnet/api/system.net.ipaddress):
	// Parse throws FormatException "An invalid IP address was specified.",
	// TryParse writes the address or $null, AddressFamily is InterNetwork or
	// InterNetworkV6, ToString gives the canonical text.
	{"ipaddress", []evalCase{
		{"parse", `$a = [ipaddress]::Parse('10.0.0.1'); $a.AddressFamily; "$a"; ([ipaddress]'2001:0db8::0001').ToString(); ([ipaddress]'::1').AddressFamily`, "InterNetwork\n10.0.0.1\n2001:db8::1\nInterNetworkV6\n", "", 0},
		{"try_parse", `$ip = $null; [System.Net.IPAddress]::TryParse('192.168.1.10', [ref]$ip); $ip.ToString(); [System.Net.IPAddress]::TryParse('nope', [ref]$ip); $null -eq $ip`, "True\n192.168.1.10\nFalse\nTrue\n", "", 0},
		{"parse_bad", `[ipaddress]::Parse('300.1.1.1')`, "", `Exception calling "Parse" with "1" argument(s): "An invalid IP address was specified."`, 0},
		{"bytes_and_mapping", `([ipaddress]'1.2.3.4').GetAddressBytes() -join '.'; ([ipaddress]'::ffff:1.2.3.4').MapToIPv4().ToString(); [ipaddress]::Loopback.ToString(); [ipaddress]::IsLoopback([ipaddress]'127.0.0.1')`, "1.2.3.4\n1.2.3.4\n127.0.0.1\nTrue\n", "", 0},
	}},
	// SortObjectCommand (Sort-Object.cs, ObjectCommandComparer.cs): values
	// compare with LanguagePrimitives.TryCompare, where null is after
	// negative numbers and before everything else (CompareObjectToNull);
	// without -Stable, -Top or -Bottom the sort is List<T>.Sort, .NET's
	// unstable introsort, and -Unique keeps the first of each run of equal
	// items it leaves (Sort-Object.Tests.ps1: "Sort-Object with object array
	// should work", "Sort-Object with Non Case-Sensitive Unique should work").
	{"sort_object_order", []evalCase{
		{"null_between_negative_and_positive", `(3, $null, -2, 1 | Sort-Object | ForEach-Object { "[$_]" }) -join ''`, "[-2][][1][3]\n", "", 0},
		{"unique_keeps_introsort_first", `$e = @([pscustomobject]@{F = 'john'; L = 'smith'}, [pscustomobject]@{F = 'joesph'; L = 'smith'}, [pscustomobject]@{F = 'john'; L = 'smyth'}); ($e | Sort-Object -Property L -Descending -Unique | ForEach-Object F) -join ','`, "john,joesph\n", "", 0},
		{"stable_keeps_input_order", `$e = @([pscustomobject]@{F = 'john'; L = 'smith'}, [pscustomobject]@{F = 'joesph'; L = 'smith'}, [pscustomobject]@{F = 'john'; L = 'smyth'}); ($e | Sort-Object -Property L -Descending -Stable | ForEach-Object F) -join ','`, "john,john,joesph\n", "", 0},
		{"many_items", `((20..1) + (1..20) | Sort-Object -Unique) -join ','`, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\n", "", 0},
	}},
	// Object.ReferenceEquals (learn.microsoft.com/dotnet/api/system.object.referenceequals):
	// true for the same instance or two nulls (Sort-Object.Tests.ps1 compares
	// sorted arrays with it).
	{"object_statics", []evalCase{
		{"reference_equals", `$a = 1, 2; $b = $a; [object]::ReferenceEquals($a, $b); [object]::ReferenceEquals($a, @(1, 2)); [object]::ReferenceEquals($null, $null); [object]::ReferenceEquals($a, $null)`, "True\nFalse\nTrue\nFalse\n", "", 0},
		{"equals", `[object]::Equals(1, 1); [object]::Equals(1, 1L); [object]::Equals('a', 'a'); [object]::Equals($null, $null)`, "True\nFalse\nTrue\nTrue\n", "", 0},
	}},
	// System.Collections.ObjectModel.Collection<T> (Conversions.Tests.ps1,
	// "Cast object[] to more narrow generic collection": the cast converts
	// each item; learn.microsoft.com/dotnet/api/system.collections.objectmodel.collection-1
	// for its members, which are fewer than List<T>'s).
	{"object_model_collection", []evalCase{
		{"cast", `$r = [System.Collections.ObjectModel.Collection[int]]@('4', '5'); $r.GetType().Name; $r.GetType().GetGenericArguments()[0].Name; $r -join ';'; ([System.Collections.ObjectModel.Collection[int]]'4').Count`, "Collection`1\nInt32\n4;5\n1\n", "", 0},
		{"members", `$c = [System.Collections.ObjectModel.Collection[string]]::new(); $c.Add(1); $c[0].GetType().Name; $c.Insert(0, 'z'); $c -join ','; $c.IndexOf('1'); $c -is [System.Collections.IList]`, "String\nz,1\n1\nTrue\n", "", 0},
		{"no_list_methods", `$c = [System.Collections.ObjectModel.Collection[string]]::new(); $c.AddRange(@('a'))`, "", "does not contain a method named 'AddRange'.", 0},
	}},
	// Dictionary<TKey,TValue> enumerates its entries array: Remove puts the
	// entry on a free list and the next Add takes the last entry freed
	// (dotnet/runtime, System/Collections/Generic/Dictionary.cs, Remove and
	// TryInsert), so an added key can come before older ones.
	{"dictionary_entry_order", []evalCase{
		{"reuses_freed_entries", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); 'a', 'b', 'c' | ForEach-Object { $d[$_] = 1 }; $null = $d.Remove('a'); $null = $d.Remove('c'); $d['x'] = 2; $d['w'] = 3; $d['z'] = 4; $d.Keys -join ','`, "w,b,x,z\n", "", 0},
		{"clear_starts_over", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d['b'] = 2; $null = $d.Remove('a'); $d.Clear(); $d['q'] = 1; $d['r'] = 2; $d.Keys -join ','`, "q,r\n", "", 0},
	}},
	// HashSet<T> set operations (learn.microsoft.com/dotnet/api/system.collections.generic.hashset-1).
	{"hashset_operations", []evalCase{
		{"union_intersect", `$s = [System.Collections.Generic.HashSet[int]]::new([int[]](1, 2, 3)); $s.UnionWith([int[]](3, 4)); $s -join ','; $s.IntersectWith([int[]](2, 3, 4, 9)); $s -join ','; $s.ExceptWith([int[]](3)); $s -join ','`, "1,2,3,4\n2,3,4\n2,4\n", "", 0},
		{"predicates", `$s = [System.Collections.Generic.HashSet[int]]::new([int[]](1, 2)); $s.IsSubsetOf([int[]](1, 2, 3)); $s.IsProperSupersetOf([int[]](1)); $s.Overlaps([int[]](9)); $s.SetEquals([int[]](2, 1, 1))`, "True\nTrue\nFalse\nTrue\n", "", 0},
	}},
	// Math.DivRem (.NET 6 returns a (Quotient, Remainder) tuple; the
	// out-parameter overload returns the quotient), Math.Clamp (throws
	// "'min' cannot be greater than max."), Math.BigMul(int, int) gives an
	// Int64 (learn.microsoft.com/dotnet/api/system.math).
	{"math_more", []evalCase{
		{"divrem", `$t = [math]::DivRem(7, 2); $t.Item1; $t.Item2; $r = 0; [math]::DivRem(-7, 2, [ref]$r); $r; [math]::DivRem(7L, 2).Item1.GetType().Name`, "3\n1\n-3\n-1\nInt64\n", "", 0},
		{"clamp", `[math]::Clamp(5, 1, 3); [math]::Clamp(0, 1, 3); [math]::Clamp(2, 1, 3.5).GetType().Name; [math]::Clamp(1, 3, 1)`, "3\n1\nDouble\n", "'3' cannot be greater than 1.", 0},
		{"bigmul", `[math]::BigMul(2000000000, 3); [math]::BigMul(2, 3).GetType().Name`, "6000000000\nInt64\n", "", 0},
	}},
	// TimeSpan.Multiply/Divide (.NET Core 2.0: the ticks scaled and rounded,
	// NaN refused), Duration, CompareTo (learn.microsoft.com/dotnet/api/system.timespan).
	{"timespan_methods", []evalCase{
		{"scale", `$t = New-TimeSpan -Minutes 3; $t.Multiply(1.5).ToString(); $t.Divide(2).ToString(); $t.Divide((New-TimeSpan -Minutes 1))`, "00:04:30\n00:01:30\n3\n", "", 0},
		{"duration_compare", `(New-TimeSpan -Minutes -2).Duration().ToString(); (New-TimeSpan -Minutes 3).CompareTo((New-TimeSpan -Minutes 5))`, "00:02:00\n-1\n", "", 0},
		{"nan", `(New-TimeSpan -Minutes 3).Multiply([double]::NaN)`, "", "TimeSpan does not accept floating point Not-a-Number values.", 0},
	}},
	// -Culture of Sort-Object, Group-Object and Compare-Object (Sort-Object's
	// page: "Specifies the cultural configuration to use for sorts";
	// OrderObjectBase.Culture takes a name or an LCID, decimal or "0x" hex,
	// as Group-Object.Tests.ps1's "0x419" and "1049" cases do). Under ICU a
	// culture's CLDR tailoring applies: Swedish sorts "ä" after "z", Czech
	// "ch" after "h".
	{"culture_parameter", []evalCase{
		{"swedish", `('z', 'ä', 'a' | Sort-Object -Culture 'sv-SE') -join ','; ('z', 'ä', 'a' | Sort-Object) -join ','`, "a,z,ä\na,ä,z\n", "", 0},
		{"czech", `('ch', 'h', 'i' | Sort-Object -Culture cs-CZ) -join ','; ('ch', 'h', 'i' | Sort-Object) -join ','`, "h,ch,i\nch,h,i\n", "", 0},
		{"lcid", `('b', 'a' | Group-Object -Culture 0x419 | ForEach-Object Name) -join ','; ('b', 'a' | Group-Object -Culture 1049 | ForEach-Object Name) -join ','`, "a,b\na,b\n", "", 0},
		{"invalid", `'a' | Sort-Object -Culture 'x'`, "", "x is an invalid culture identifier.", 0},
	}},
	// List<T>.Sort(IComparer<T>) / Sort(Comparison<T>) and Array.Sort(Array,
	// IComparer) (learn.microsoft.com/dotnet/api/system.collections.generic.list-1.sort):
	// a StringComparer orders the strings its way; PowerShell converts a
	// script block to the Comparison delegate.
	{"sort_with_comparer", []evalCase{
		{"string_comparer", `$l = [System.Collections.Generic.List[string]]::new(); $l.AddRange([string[]]('b', 'A', 'a', 'B')); $l.Sort([StringComparer]::Ordinal); $l -join ','; $a = [string[]]('b', 'C', 'a'); [array]::Sort($a, [StringComparer]::OrdinalIgnoreCase); $a -join ','`, "A,B,a,b\na,b,C\n", "", 0},
		{"comparison_script_block", `$l = [System.Collections.Generic.List[int]]::new(); $l.AddRange([int[]](2, 3, 1)); $l.Sort({ param($x, $y) $y.CompareTo($x) }); $l -join ','`, "3,2,1\n", "", 0},
		{"null_is_default", `$n = [int[]](3, 1, 2); [array]::Sort($n, $null); $n -join ','`, "1,2,3\n", "", 0},
	}},
	// String.Normalize / IsNormalized (learn.microsoft.com/dotnet/api/system.string.normalize):
	// FormC unless a System.Text.NormalizationForm is given (FormC = 1,
	// FormD = 2, FormKC = 5, FormKD = 6).
	{"string_normalize", []evalCase{
		{"forms", `("e" + [char]0x301).Normalize().Length; 'é'.Normalize('FormD').Length; 'é'.Normalize([System.Text.NormalizationForm]::FormD).IsNormalized(); 'é'.IsNormalized([Text.NormalizationForm]::FormD); [int][System.Text.NormalizationForm]::FormKD`, "1\n2\nFalse\nFalse\n6\n", "", 0},
		{"compatibility", `([string][char]0xFB01).Normalize('FormKC')`, "fi\n", "", 0},
		{"undefined_value", `'x'.Normalize(3)`, "", "due to enumeration values that are not valid", 0},
		{"enum_names", `[Enum]::GetNames([System.Text.NormalizationForm]) -join ','; ([Enum]::GetValues([System.Text.NormalizationForm]) | ForEach-Object { [int]$_ }) -join ','`, "FormC,FormD,FormKC,FormKD\n1,2,5,6\n", "", 0},
	}},
	// List<T> methods with a Predicate<T> (a script block PowerShell converts
	// to the delegate) and ranges (learn.microsoft.com/dotnet/api/system.collections.generic.list-1):
	// Find returns default(T) when nothing matches, FindIndex -1, RemoveAll
	// the number removed; GetRange/RemoveRange check their range;
	// BinarySearch returns the bitwise complement of the insertion point;
	// ToArray is a T[].
	{"list_methods", []evalCase{
		{"predicates", `$l = [System.Collections.Generic.List[int]]::new(); $l.AddRange([int[]](1, 2, 3)); $l.Find({ param($x) $x -gt 1 }); $l.Find({ param($x) $x -gt 9 }); $l.FindIndex({ param($x) $x -gt 1 }); $l.FindLast({ param($x) $x -lt 3 }); $l.FindAll({ param($x) $x -ne 2 }) -join ','; $l.Exists({ param($x) $x -eq 3 }); $l.TrueForAll({ param($x) $x -gt 1 })`, "2\n0\n1\n2\n1,3\nTrue\nFalse\n", "", 0},
		{"remove_all", `$n = 0; $l = [System.Collections.Generic.List[int]]::new(); $l.AddRange([int[]](1, 2, 3)); $l.RemoveAll({ param($x) $script:n++; $x -gt 1 }); $l -join ','; $n`, "2\n1\n3\n", "", 0},
		{"ranges", `$l = [System.Collections.Generic.List[int]]::new(); $l.AddRange([int[]](1, 2, 3)); $l.GetRange(1, 2) -join ','; $l.InsertRange(0, [int[]](9, 8)); $l -join ','; $l.RemoveRange(1, 2); $l -join ','; $l.GetRange(2, 5)`, "2,3\n9,8,1,2,3\n9,2,3\n", "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.", 0},
		{"search", `$l = [System.Collections.Generic.List[int]]::new(); $l.AddRange([int[]](1, 3, 5, 3)); $l.LastIndexOf(3); $l.RemoveAt(3); $l.BinarySearch(3); $l.BinarySearch(4); $l.ToArray().GetType().Name`, "3\n1\n-3\nInt32[]\n", "", 0},
	}},
}

func TestDotnetValues(t *testing.T) {
	for _, g := range dotnetValueTests {
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
