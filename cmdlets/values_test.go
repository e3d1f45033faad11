package cmdlets_test

import "testing"

// valueTests covers PowerShell's numeric types, conversions and operators
// on values. Each group names the documentation or PowerShell test file its
// expectations come from.
var valueTests = []struct {
	group string
	cases []evalCase
}{
	// about_Numeric_Literals: the type accelerators, the suffixes and the
	// table of literals with their types and values.
	{"numeric_literals", []evalCase{
		{"suffix_types", `foreach ($n in 100, 100u, 100D, 100l, 100uL, 100us, 100uy, 100y, 1e2, 1.e2, 0x1e2, 0x1e2L, 0x1e2D, 482D, 482gb, 482ngb, 0x1e2lgb, 0b1011011, 0xFFFFs, 0xFFFFFFFF, 0xFFFFFFFFu) { '{0} {1}' -f $n.GetType().Name, $n }`,
			"Int32 100\nUInt32 100\nDecimal 100\nInt64 100\nUInt64 100\nUInt16 100\nByte 100\nSByte 100\nDouble 100\nDouble 100\nInt32 482\nInt64 482\nInt32 7725\nDecimal 482\nInt64 517543559168\nBigInteger 517543559168\nInt64 517543559168\nInt32 91\nInt16 -1\nInt32 -1\nUInt32 4294967295\n", "", 0},
		{"negated_hex", `-0xFFFFFFFF; (-0xFFFFFFFF).GetType().Name`, "1\nInt32\n", "", 0},
		{"multipliers", `1kb; 0x10Gb; 0x12Lpb; 1.4e23tb`, "1024\n17179869184\n20266198323167232\n1.5393162788864E+35\n", "", 0},
		{"u_by_size", `(4294967295u).GetType().Name; (4294967296u).GetType().Name`, "UInt32\nUInt64\n", "", 0},
		{"member_of_suffixed_literal", `2uL.GetType().Name; 1.234.GetType().Name`, "UInt64\nDouble\n", "", 0},
		{"bigint_literal", `111111111111111111111111111111111111111111111111111111n`, "111111111111111111111111111111111111111111111111111111\n", "", 0},
		{"long_suffix_on_real", `1.2L; 1.2345e1L; (1.2L).GetType().Name`, "1\n12\nInt64\n", "", 0},
		{"malformed_is_parse_error", `1usgb`, "", "The numeric constant 1usgb is not valid.", 1},
		{"value_outside_suffix_type", `$x = 300uy`, "", "The numeric constant 300uy is not valid.", 1},
		{"string_hex_forms", `[int] '0xF' -eq 0xF; [int] '0b1111' -eq 15`, "True\nTrue\n", "", 0},
		{"accelerators", `[short], [ushort], [uint], [ulong], [bigint], [single], [float] | ForEach-Object FullName`,
			"System.Int16\nSystem.UInt16\nSystem.UInt32\nSystem.UInt64\nSystem.Numerics.BigInteger\nSystem.Single\nSystem.Single\n", "", 0},
	}},
	// Conversions.Tests.ps1 ("Correctly casts <Number> to value <Value> as
	// type <Type>", "Fails to cast invalid PowerShell-Style suffixed
	// numeral", "Casting Behaviour of Boolean/Null to Numeral").
	{"numeric_conversions", []evalCase{
		{"suffixed_strings_cast", `foreach ($c in ('100y', [int]), ('100uy', [double]), ('1200u', [short]), ('1200L', [int]), ('127ul', [ulong]), ('127d', [byte]), ('127s', [sbyte]), ('127y', [uint]), ('100n', [int]), ('1234s', [bigint])) { $r = $c[0] -as $c[1]; '{0} {1}' -f $r, $r.GetType().Name }`,
			"100 Int32\n100 Double\n1200 Int16\n1200 Int32\n127 UInt64\n127 Byte\n127 SByte\n127 UInt32\n100 Int32\n1234 BigInteger\n", "", 0},
		{"invalid_suffixed_strings", `foreach ($n in '200y', '300uy', '70000us', '40000s') { $null -eq ($n -as [int]) }`, "True\nTrue\nTrue\nTrue\n", "", 0},
		{"null_and_bool_to_numbers", `foreach ($t in [sbyte], [byte], [short], [ushort], [int], [uint], [long], [ulong], [decimal], [float], [double], [bigint]) { $n = $null -as $t; $o = $true -as $t; '{0} {1} {2}' -f $t.Name, $n, $o; $n.GetType() -eq $t }`,
			"SByte 0 1\nTrue\nByte 0 1\nTrue\nInt16 0 1\nTrue\nUInt16 0 1\nTrue\nInt32 0 1\nTrue\nUInt32 0 1\nTrue\nInt64 0 1\nTrue\nUInt64 0 1\nTrue\nDecimal 0 1\nTrue\nSingle 0 1\nTrue\nDouble 0 1\nTrue\nBigInteger 0 1\nTrue\n", "", 0},
		// .NET's Convert rounds to even and fails with OverflowException's
		// message outside the type's range
		{"round_to_even", `[byte]2.5; [byte]3.5; [sbyte]-2.5; [uint16]65534.5`, "2\n4\n-2\n65534\n", "", 0},
		{"byte_overflow", `[byte]300`, "", `Cannot convert value "300" to type "System.Byte". Error: "Value was either too large or too small for an unsigned byte."`, 0},
		{"sbyte_overflow", `[sbyte]200`, "", `Error: "Value was either too large or too small for a signed byte."`, 0},
		{"int16_overflow", `[int16]'40000'`, "", `Cannot convert value "40000" to type "System.Int16". Error: "Value was either too large or too small for an Int16."`, 0},
		{"uint16_overflow", `[uint16]-1`, "", `Error: "Value was either too large or too small for a UInt16."`, 0},
		{"uint32_overflow", `[uint32]-1`, "", `Error: "Value was either too large or too small for a UInt32."`, 0},
		{"uint64_overflow", `[uint64]-1`, "", `Error: "Value was either too large or too small for a UInt64."`, 0},
		{"int64_overflow", `[long]1e19`, "", `Error: "Value was either too large or too small for an Int64."`, 0},
		{"uint64_max_from_string", `[uint64]'18446744073709551615'`, "18446744073709551615\n", "", 0},
		{"bigint_from_string", `[bigint]'18446744073709551615'; [bigint]'-123456789012345678901234567890'`, "18446744073709551615\n-123456789012345678901234567890\n", "", 0},
		// about_Arithmetic_Operators ("Bigint arithmetic"): a [double]
		// converted to [bigint] is truncated
		{"bigint_truncates", `[bigint]1.9; [bigint]-1.9`, "1\n-1\n", "", 0},
		{"min_max_values", `[byte]::MinValue; [byte]::MaxValue; [sbyte]::MinValue; [int16]::MaxValue; [uint16]::MaxValue; [uint32]::MaxValue; [uint64]::MaxValue; ([uint64]::MaxValue).GetType().Name`,
			"0\n255\n-128\n32767\n65535\n4294967295\n18446744073709551615\nUInt64\n", "", 0},
		{"single_range", `[float]::MaxValue; [float]::MinValue; ([float]::MaxValue).GetType().Name`, "3.402823E+38\n-3.402823E+38\nSingle\n", "", 0},
		{"get_type_names", `foreach ($v in [byte]1, [sbyte]1, [int16]1, [uint16]1, [uint32]1, [uint64]1, [bigint]1, [float]1, [single]1) { $v.GetType().FullName }`,
			"System.Byte\nSystem.SByte\nSystem.Int16\nSystem.UInt16\nSystem.UInt32\nSystem.UInt64\nSystem.Numerics.BigInteger\nSystem.Single\nSystem.Single\n", "", 0},
		{"is_operator", `[byte]1 -is [byte]; [byte]1 -is [int]; 1 -is [byte]; [bigint]1 -is [bigint]; [float]1 -is [double]`, "True\nFalse\nFalse\nTrue\nFalse\n", "", 0},
		{"typed_variable", `[byte]$b = 7; $b = $b + 1; $b.GetType().Name; [byte]$c = 1; $c = 256`, "Byte\n", "Value was either too large or too small for an unsigned byte.", 0},
	}},
	// Conversions.Tests.ps1 ("float/double precision when converting to
	// string"): [string] of a [single] uses G7, its ToString() the
	// shortest round-trip digits.
	{"single_strings", []evalCase{
		{"g7", `[float]0.1; [float](1/3); "$([float]2.5)"`, "0.1\n0.3333333\n2.5\n", "", 0},
		{"to_string_round_trip", `[float]$f = 1.1; $x = ($f * 3).ToSingle($null); $x.ToString(); "$x"; $x.GetType().Name`, "3.3000002\n3.3\nSingle\n", "", 0},
		{"max_value_to_string", `[float]::MaxValue.ToString()`, "3.4028235E+38\n", "", 0},
		{"format_specifiers", `'{0:N2} {1:X} {2:D5}' -f [float]1.5, [byte]255, [uint16]42`, "1.50 FF 00042\n", "", 0},
	}},
	// about_Arithmetic_Operators ("Type conversion to accommodate result",
	// "Potential loss of precision", "Bigint arithmetic").
	{"numeric_arithmetic", []evalCase{
		{"doc_examples", `(2 + 3.1).GetType().FullName; (512MB * 512MB).GetType().FullName; ([int32]::MinValue + [uint32]::MaxValue).GetType().FullName; (9223372036854775807 + 2).GetType().FullName`,
			"System.Double\nSystem.Double\nSystem.Int64\nSystem.Double\n", "", 0},
		{"ulong_no_precision_loss", `9223372036854775807ul + 2; ([ulong]::MaxValue + 1).GetType().FullName`, "9223372036854775809\nSystem.Double\n", "", 0},
		{"bigint_division", `[bigint]1 / 1.9; 1 / [bigint]1.9; 1 / 1.9; 1 / [int]1.9`, "1\n1\n0.526315789473684\n0.5\n", "", 0},
		{"bigint_stays_bigint", `$b = [bigint]'18446744073709551615' * 2 + 1; $b; $b.GetType().Name; [bigint]7 / 2; [bigint]7 % 4`, "36893488147419103231\nBigInteger\n3\n3\n", "", 0},
		// the smaller integer types compute as Int32
		{"small_types_widen_to_int32", `([byte]200 + [byte]100).GetType().Name; [byte]200 + [byte]100; ([int16]5 * [sbyte]3).GetType().Name; (-[byte]5).GetType().Name`, "Int32\n300\nInt32\nInt32\n", "", 0},
		{"uint32_arithmetic", `([uint32]5 + 3).GetType().Name; [uint32]5 - 7; ([uint32]5 - 7).GetType().Name; ([uint32]4000000000 * 2).GetType().Name`, "UInt32\n-2\nDouble\nDouble\n", "", 0},
		{"single_computes_as_double", `([float]1 + [float]1).GetType().Name`, "Double\n", "", 0},
		{"comparisons_across_types", `[uint64]::MaxValue -eq -1; [uint64]::MaxValue -gt -1; 5uy -eq 5; [bigint]10 -gt 9.5; [byte]3 -lt [int16]-1`, "False\nTrue\nTrue\nTrue\nFalse\n", "", 0},
		{"decimal_overflow", `[decimal]::MaxValue + [decimal]::MaxValue`, "", "Value was either too large or too small for a Decimal.", 0},
		// about_Arithmetic_Operators: -band and -bor on integer types
		{"bitwise_types", `(10 -band 6).GetType().Name; ([uint32]10 -band 6).GetType().Name; -1 -band [uint32]5; [byte]1 -shl 3; -bnot [uint32]0; 0xFFFFFFFF -shr 4`, "Int32\nUInt32\n5\n8\n4294967295\n-1\n", "", 0},
	}},
	// RangeOperator.Tests.ps1: [char] ranges from single characters that
	// are not digits, [int] ranges otherwise ("0".."9" and decimals too).
	{"range_operator", []evalCase{
		{"digit_strings_are_ints", `$r = "0".."9"; $r.Count; $r.Where({$_ -is [int]}).Count; $r = '0'..'9'; $r.Where({$_ -is [int]}).Count`, "10\n10\n10\n", "", 0},
		{"char_of_digits", `$r = [char]'0'..[char]'9'; $r.Where({$_ -is [char]}).Count`, "10\n", "", 0},
		{"letters_are_chars", `$r = 'a'..'e'; $r -join ','; $r[0].GetType().Name; ('C'..'A') -join ''`, "a,b,c,d,e\nChar\nCBA\n", "", 0},
		{"mixed_char_and_string", `([char]'a'..'c') -join ''; ("C"..[char]"A") -join ''`, "abc\nCBA\n", "", 0},
		{"unicode_chars", "$r = \"`u{0110}\"..\"`u{0114}\"; $r.Count; $r.Where({$_ -is [char]}).Count", "5\n5\n", "", 0},
		{"decimal_bounds_round", `$r = 1.1d..3.9d; $r -join ','; $r.Where({$_ -is [int]}).Count`, "1,2,3,4\n4\n", "", 0},
		{"descending_negative", `(-2..2) -join ','; (4..3) -join ','`, "-2,-1,0,1,2\n4,3\n", "", 0},
	}},
	// Allocations .NET refuses fail as in pwsh, without allocating: the
	// range operator converts its bounds with Convert.ToInt32 (an
	// OverflowException past Int32) and makes an object[] of that many
	// items; .NET's Array.MaxLength is 0x7FFFFFC7 and a string holds at
	// most 0x3FFFFFDF characters; "s" * n and @() * n convert n to [int]
	// and [uint32] (about_Arithmetic_Operators: multiplying strings and
	// arrays).
	{"allocation_limits", []evalCase{
		{"range_past_int32", `try { $a = 1..3e9 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }`, "Value was either too large or too small for an Int32.\nSystem.OverflowException\n", "", 0},
		{"range_past_array_max", `try { $a = 1..[int]::MaxValue } catch { $_.Exception.Message }`, "Array dimensions exceeded supported range.\n", "", 0},
		{"range_too_wide", `try { $a = [int]::MinValue..[int]::MaxValue } catch { $_.Exception.Message }`, "Arithmetic operation resulted in an overflow.\n", "", 0},
		{"range_out_of_memory", `try { $a = 1..2e9 } catch { $_.Exception.Message }`, "Exception of type 'System.OutOfMemoryException' was thrown.\n", "", 0},
		{"string_times_huge", `try { $s = "a" * 2e9 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }`, "Exception of type 'System.OutOfMemoryException' was thrown.\nSystem.OutOfMemoryException\n", "", 0},
		{"string_times_past_int32", `try { $s = "a" * 3e9 } catch { $_.Exception.Message }`, "Cannot convert value \"3000000000\" to type \"System.Int32\". Error: \"Value was either too large or too small for an Int32.\"\n", "", 0},
		{"array_times_huge", `try { $a = ,0 * 2e9 } catch { $_.Exception.Message }`, "Exception of type 'System.OutOfMemoryException' was thrown.\n", "", 0},
		{"array_times_past_int32", `try { $a = ,0 * 3e9 } catch { $_.Exception.Message }`, "Cannot convert the \"3000000000\" value of type \"System.Int64\" to type \"System.Int32\".\n", "", 0},
		{"array_times_past_array_max", `try { $a = ,0 * [int]::MaxValue } catch { $_.Exception.Message }`, "Array dimensions exceeded supported range.\n", "", 0},
		{"array_times_negative", `try { $a = ,0 * -1 } catch { $_.Exception.Message }`, "Cannot convert value \"-1\" to type \"System.UInt32\". Error: \"Value was either too large or too small for a UInt32.\"\n", "", 0},
		{"array_times_small", `(,0 * 3).Count; ('ab' * 3)`, "3\nababab\n", "", 0},
		{"string_new_past_int32", `[string]::new('a', 3e9)`, "", `Cannot convert argument "count", with value: "3000000000", for ".ctor" to type "System.Int32": "Cannot convert value "3000000000" to type "System.Int32". Error: "Value was either too large or too small for an Int32.""`, 0},
		{"string_new_huge", `[string]::new('a', 2e9)`, "", `Exception calling ".ctor" with "2" argument(s): "Exception of type 'System.OutOfMemoryException' was thrown."`, 0},
		{"string_new", `[string]::new('a', 3)`, "aaa\n", "", 0},
		{"pad_huge", `try { 'a'.PadLeft(2e9) } catch { $_.Exception.Message }`, "Exception calling \"PadLeft\" with \"1\" argument(s): \"Exception of type 'System.OutOfMemoryException' was thrown.\"\n", "", 0},
	}},
	// about_PSCustomObject: a plain value is no [psobject] (1 -is
	// [psobject] is False); objects PowerShell wraps are, and -is
	// [pscustomobject] is the same test.
	{"psobject_test", []evalCase{
		{"string_is_not_psobject", `"hello" -is [psobject]; 1 -is [psobject]; @(1) -is [psobject]`, "False\nFalse\nFalse\n", "", 0},
		{"objects_are", `[pscustomobject]@{a=1} -is [psobject]; [pscustomobject]@{a=1} -is [pscustomobject]`, "True\nTrue\n", "", 0},
	}},
	// about_Type_Conversion: $null converts to $null for an array type (not
	// to an empty array), so @() of it holds one $null.
	{"null_to_array", []evalCase{
		{"object_array", `@([object[]]$null).Count; $null -eq [object[]]$null; @([string[]]$null).Count`, "1\nTrue\n1\n", "", 0},
	}},
	// Parser.Tests.ps1 ("Tests accessing using null as index"): a single
	// $null index is NullArrayIndex, read or assigned, on a hashtable too.
	{"null_index", []evalCase{
		{"hashtable_assign", `$h = @{}; try { $h[$null] = 1 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }; $h.Count`, "Index operation failed; the array index evaluated to null.\nNullArrayIndex\n0\n", "", 0},
		{"array_read", `$a = 1, 2; $a[$null]`, "", "Index operation failed; the array index evaluated to null.", 0},
		{"slice_with_nulls", `$a = 1, 2; @($a[$null, $null]).Count`, "0\n", "", 0},
	}},
	// SplitOperator.Tests.ps1: a negative count splits from the right; a
	// script block is a predicate on each character; options as text.
	{"split_operator", []evalCase{
		{"negative_count", `("a b c d" -split " ", -2) -join '|'; ("a b c d" -split " ", -1) -join '|'; ("a b c d" -split " ", -8) -join '|'; (" " -split " ", -2).Count`, "a b c|d\na b c d\na|b|c|d\n2\n", "", 0},
		{"negative_regex", `("a2b3c4d" -split '\d+', -2) -join '|'; ("a2b3c4d" -split '\d+', 2) -join '|'`, "a2b3c|d\na|b3c4d\n", "", 0},
		{"predicate", `("a b c d" -split {$_ -like ' '}, -2) -join '|'; ("a b c d" -split {$_ -like ' '}, 2) -join '|'; ("folder/path/to/file" -split {$_ -like '/'}, -2) -join '|'`, "a b c|d\na|b c d\nfolder/path/to|file\n", "", 0},
		{"options", `("a.b.c" -split ".", 0, "SimpleMatch") -join '|'; ("aXbxc" -csplit "x") -join '|'; ("aXbxc" -csplit "x", 0, "IgnoreCase") -join '|'`, "a|b|c\naXb|c\na|b|c\n", "", 0},
		{"options_with_predicate", `"a" -split {$_}, 0, "SimpleMatch"`, "", "Options are not allowed on the -split operator with a predicate.", 0},
		{"captures_kept", `("a1:b1:c" -split "(1:)") -join '|'`, "a|1:|b|1:|c\n", "", 0},
	}},
	// about_Regular_Expressions: named groups in $Matches and in a match's
	// Groups collection, which is indexed by name.
	{"regex_groups", []evalCase{
		{"matches_named", `if ("John Smith" -match '(?<first>\w+) (?<last>\w+)') { $Matches.first; $Matches['last'] }`, "John\nSmith\n", "", 0},
		{"groups_by_name", `$m = [regex]::Match("John Smith", '(?<first>\w+) (?<last>\w+)'); $m.Groups['first'].Value; $m.Groups['last'].Value; $m.Groups[1].Value; $m.Groups.Count; $m.Groups['nope'].Success`, "John\nSmith\nJohn\n3\nFalse\n", "", 0},
	}},
	// about_Type_Conversion: [uri] converts a string to System.Uri
	// (relative or absolute).
	{"uri_cast", []evalCase{
		{"absolute", `$u = [uri]'https://contoso.com:8080/path/to/file.txt?q=1#frag'; $u.Host; $u.Scheme; $u.AbsolutePath; $u.Segments -join '|'; $u.Port; $u.Query; $u.Fragment; $u.IsAbsoluteUri; $u.GetType().FullName`,
			"contoso.com\nhttps\n/path/to/file.txt\n/|path/|to/|file.txt\n8080\n?q=1\n#frag\nTrue\nSystem.Uri\n", "", 0},
		{"default_port_and_case", `$u = [uri]'HTTPS://Contoso.COM'; $u.AbsoluteUri; $u.Port; $u.IsDefaultPort; "$u"`, "https://contoso.com/\n443\nTrue\nhttps://contoso.com/\n", "", 0},
		{"relative", `$u = [uri]'foo/bar'; $u.IsAbsoluteUri; $u.OriginalString; try { $u.Host } catch { $_.Exception.Message }`, "False\nfoo/bar\nException getting \"Host\": \"This operation is not supported for a relative URI.\"\n", "", 0},
		{"bad", `[uri]'http://'`, "", `Cannot convert value "http://" to type "System.Uri". Error: "Invalid URI: The hostname could not be parsed."`, 0},
	}},
	// ConvertTo-Json.Tests.ps1 and its Learn page: enums are numbers
	// unless -EnumsAsStrings; -Depth 0 writes nested objects as strings;
	// no input writes nothing; -AsArray always writes an array; numbers of
	// every type are written as numbers.
	{"convertto_json", []evalCase{
		{"enums", `[ConsoleColor]::Red | ConvertTo-Json; [DayOfWeek]::Monday | ConvertTo-Json -EnumsAsStrings; @{a = [ConsoleColor]::Red} | ConvertTo-Json -Compress; (Get-Date '2024-01-01').DayOfWeek | ConvertTo-Json`, "12\n\"Monday\"\n{\"a\":12}\n1\n", "", 0},
		{"depth_zero", `[pscustomobject]@{ First = @{ Child = 0 }; Integer = 10; Bool = $false } | ConvertTo-Json -Depth 0`, "{\n  \"First\": \"System.Collections.Hashtable\",\n  \"Integer\": 10,\n  \"Bool\": false\n}\n", "Resulting JSON is truncated as serialization has exceeded the set depth of 0.", 0},
		{"depth_range", `1 | ConvertTo-Json -Depth 101`, "", "The 101 argument is greater than the maximum allowed range of 100.", 0},
		{"no_input", `@() | ConvertTo-Json; 'after'`, "after\n", "", 0},
		{"empty_array_input_object", `ConvertTo-Json -InputObject @() -Compress`, "[]\n", "", 0},
		{"as_array", `1 | ConvertTo-Json -AsArray -Compress; 1, 2 | ConvertTo-Json -AsArray -Compress; 1 | ConvertTo-Json`, "[1]\n[1,2]\n1\n", "", 0},
		{"numbers", `[byte]255, [sbyte]-128, [uint16]65535, [uint32]::MaxValue, [uint64]::MaxValue, [float]3.14, [float]::NaN, 18446744073709551615n | ConvertTo-Json -Compress`, "[255,-128,65535,4294967295,18446744073709551615,3.14,\"NaN\",18446744073709551615]\n", "", 0},
		{"truncation_warning", `@{a = @{b = @{c = 1}}} | ConvertTo-Json -Compress -Depth 1`, "{\"a\":{\"b\":\"System.Collections.Hashtable\"}}\n", "WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 1.", 0},
	}},
	// A member the .NET type has but csemu does not implement is a
	// [NotImplemented] error naming it; a name that is no member of the
	// type is $null as in pwsh; property bags keep giving $null.
	{"dotnet_members", []evalCase{
		{"type_assembly", `[type].Assembly`, "", "[NotImplemented] System.Type.Assembly is not emulated", 0},
		{"string_type_assembly", `[string].Assembly`, "", "[NotImplemented] System.Type.Assembly is not emulated", 0},
		{"string_method", `"x".GetTypeCode()`, "", "[NotImplemented] System.String.GetTypeCode() is not emulated", 0},
		{"datetime_method", `(Get-Date).ToOADate()`, "", "[NotImplemented] System.DateTime.ToOADate() is not emulated", 0},
		{"timespan_method", `(New-TimeSpan -Minutes 1).TryFormat()`, "", "[NotImplemented] System.TimeSpan.TryFormat() is not emulated", 0},
		{"guid_method", `[guid]::NewGuid().ToByteArray()`, "", "[NotImplemented] System.Guid.ToByteArray() is not emulated", 0},
		{"version_property", `$PSVersionTable.PSVersion.MajorRevision`, "", "[NotImplemented] System.Version.MajorRevision is not emulated", 0},
		{"array_method", `@(1, 2).GetLength(0)`, "", "[NotImplemented] System.Object[].GetLength() is not emulated", 0},
		{"hashtable_method", `@{a = 1}.CopyTo($null, 0)`, "", "[NotImplemented] System.Collections.Hashtable.CopyTo() is not emulated", 0},
		{"match_method", `[regex]::Match('ab', 'a').NextMatch()`, "", "[NotImplemented] System.Text.RegularExpressions.Match.NextMatch() is not emulated", 0},
		{"exception_property", `try { throw 'x' } catch { $_.Exception.TargetSite }`, "", "[NotImplemented] System.Exception.TargetSite is not emulated", 0},
		{"invocation_info", `try { throw 'x' } catch { $_.InvocationInfo.PipelineLength }`, "", "[NotImplemented] System.Management.Automation.InvocationInfo.PipelineLength is not emulated", 0},
		// ErrorRecord.InvocationInfo (Learn: System.Management.Automation.ErrorRecord.InvocationInfo,
		// InvocationInfo.MyCommand "basic information about the command", a
		// CommandInfo): the command that failed, its line and position.
		{"error_invocation_command", "try { Get-Item /no/such/item -ErrorAction Stop } catch {\n  $i = $_.InvocationInfo\n  $i.MyCommand.Name; $i.MyCommand.CommandType; $i.InvocationName; $i.ScriptLineNumber; $i.OffsetInLine; $i.Line\n}",
			"Get-Item\nCmdlet\nGet-Item\n1\n7\ntry { Get-Item /no/such/item -ErrorAction Stop } catch {\n", "", 0},
		{"error_invocation_function", "function Test-It { [CmdletBinding()] param() Write-Error 'bad' }\ntry { Test-It -ErrorAction Stop } catch { $_.InvocationInfo.MyCommand.Name; $_.InvocationInfo.MyCommand.CommandType }",
			"Test-It\nFunction\n", "", 0},
		{"error_invocation_throw", "try {\n  throw 'x' } catch { $null -eq $_.InvocationInfo.MyCommand; ($_.InvocationInfo.PositionMessage -split \"\\n\")[0] -match ':2 char:3$' }",
			"True\nTrue\n", "", 0},
		{"member_enumeration", `@('a', 'b').Chars`, "", "[NotImplemented] System.String.Chars is not emulated", 0},
		{"not_a_member_is_null", `$null -eq "hello".Foo; $null -eq (Get-Date).Foo; $null -eq @(1).Foo`, "True\nTrue\nTrue\n", "", 0},
		{"property_bags_are_null", `$null -eq ([pscustomobject]@{a = 1}).Assembly; $null -eq @{a = 1}.Assembly; $null -eq @{a = 1}.Keys.Foo`, "True\nTrue\nTrue\n", "", 0},
		{"not_a_method", `"x".Foo()`, "", "Method invocation failed because [System.String] does not contain a method named 'Foo'.", 0},
		{"strict_mode", `Set-StrictMode -Version 2; "x".Foo`, "", "The property 'Foo' cannot be found on this object. Verify that the property exists.", 0},
		// Set-StrictMode's Learn page: 1.0 checks variables (not in
		// strings), 2.0 also properties, 3.0 also array indexes
		{"strict_mode_1", `Set-StrictMode -Version 1.0; $null -eq "x".Foo; "[$nosuch]"; $a = @(1); $null -eq $a[5]`, "True\n[]\nTrue\n", "", 0},
		{"strict_mode_1_variable", `Set-StrictMode -Version 1.0; $nosuch`, "", "The variable '$nosuch' cannot be retrieved because it has not been set.", 0},
		{"strict_mode_2_index", `Set-StrictMode -Version 2.0; $a = @(1); $null -eq $a[5]; "[$nosuch]"`, "True\n", "The variable '$nosuch' cannot be retrieved because it has not been set.", 0},
		{"strict_mode_latest_index", `Set-StrictMode -Version Latest; $a = @(1); $a[5]`, "", "Index was outside the bounds of the array.", 0},
		{"more_types", `try { (5).GetTypeCode() } catch { $_.Exception.Message }; try { [System.Text.StringBuilder]::new().Capacity } catch { $_.Exception.Message }; try { ([uri]'http://a.com/x').GetLeftPart(0) } catch { $_.Exception.Message }; try { {1}.StartPosition } catch { $_.Exception.Message }; try { ([regex]'a').GetGroupNames() } catch { $_.Exception.Message }; try { $e = try { 1/0 } catch { $_ }; $e.CategoryInfo.GetMessage() } catch { $_.Exception.Message }`,
			"[NotImplemented] System.Int32.GetTypeCode() is not emulated\n[NotImplemented] System.Text.StringBuilder.Capacity is not emulated\n[NotImplemented] System.Uri.GetLeftPart() is not emulated\n[NotImplemented] System.Management.Automation.ScriptBlock.StartPosition is not emulated\n[NotImplemented] System.Text.RegularExpressions.Regex.GetGroupNames() is not emulated\n[NotImplemented] System.Management.Automation.ErrorCategoryInfo.GetMessage() is not emulated\n", "", 0},
		{"lists_and_records", `try { [System.Collections.ArrayList]::new().SetRange(0, @()) } catch { $_.Exception.Message }; try { $e = try { 1/0 } catch { $_ }; $e.GetObjectData($null, $null) } catch { $_.Exception.Message }; try { (1..2 -as [System.Collections.Generic.List[int]]).AsReadOnly() } catch { $_.Exception.Message }`,
			"[NotImplemented] System.Collections.ArrayList.SetRange() is not emulated\n[NotImplemented] System.Management.Automation.ErrorRecord.GetObjectData() is not emulated\n[NotImplemented] System.Collections.Generic.List`1.AsReadOnly() is not emulated\n", "", 0},
		{"implemented_members", `"abc".Length; (Get-Date '2024-03-05').Year; (New-TimeSpan -Hours 2).TotalMinutes; [string].Name; @(1, 2).Rank`, "3\n2024\n120\nString\n1\n", "", 0},
	}},
	// LineEndings.Tests.ps1: CR, LF and CRLF inside strings are kept, in a
	// file and through Invoke-Expression.
	// The exception classes' constructors and messages are .NET's
	// (Learn: ArgumentException(String, String) "the message ... and the
	// name of the parameter", ArgumentNullException(String) "Value cannot be
	// null.", ArgumentOutOfRangeException(String, Object, String),
	// FileNotFoundException(String, String), and the Exception.Message
	// remarks); catch [T] also catches what derives from T
	// (about_Try_Catch_Finally).
	{"exceptions", []evalCase{
		{"argument_param_name", `$e = [System.ArgumentException]::new('Bad value', 'Identity'); $e.Message; $e.ParamName`,
			"Bad value (Parameter 'Identity')\nIdentity\n", "", 0},
		{"argument_null", `$e = [ArgumentNullException]::new('Identity'); $e.Message; $e.ParamName; [ArgumentNullException]::new('p', 'Give one').Message`,
			"Value cannot be null. (Parameter 'Identity')\nIdentity\nGive one (Parameter 'p')\n", "", 0},
		{"argument_out_of_range", `[ArgumentOutOfRangeException]::new('Rank', 70, 'Rank is 1 to 64').Message; [ArgumentOutOfRangeException]::new('Rank').Message`,
			"Rank is 1 to 64 (Parameter 'Rank')\nActual value was 70.\nSpecified argument was out of the range of valid values. (Parameter 'Rank')\n", "", 0},
		{"default_messages", `[InvalidOperationException]::new().Message; [NotImplementedException]::new().Message; [System.IO.FileNotFoundException]::new('Missing', '/x.csv').FileName`,
			"Operation is not valid due to the current state of the object.\nThe method or operation is not implemented.\n/x.csv\n", "", 0},
		{"inner_exception", `[InvalidOperationException]::new('outer', [Exception]::new('inner')).InnerException.Message`, "inner\n", "", 0},
		{"catch_base_type", `try { throw [ArgumentNullException]::new('x') } catch [ArgumentException] { 'argument' }
try { throw [ArgumentOutOfRangeException]::new('x') } catch [SystemException] { 'system' }
try { Get-Item /no/such/item -ErrorAction Stop } catch [System.Management.Automation.SessionStateException] { $_.Exception.GetType().Name }
try { throw [FormatException]::new('f') } catch [ArgumentException] { 'wrong' } catch [FormatException] { 'format' }`,
			"argument\nsystem\nItemNotFoundException\nformat\n", "", 0},
		{"is_base_type", `[ArgumentNullException]::new('x') -is [ArgumentException]; [ArgumentNullException]::new('x') -is [FormatException]`, "True\nFalse\n", "", 0},
	}},
	// System.Diagnostics.Stopwatch (Learn: Stopwatch class: StartNew,
	// Start, Stop, Restart, Reset, Elapsed, ElapsedMilliseconds, IsRunning;
	// Elapsed is read-only). csemu's stopwatch reads the session's clock,
	// which Start-Sleep advances.
	{"stopwatch", []evalCase{
		{"measures_sleep", `$sw = [System.Diagnostics.Stopwatch]::StartNew(); Start-Sleep -Seconds 2; $sw.IsRunning; $sw.Stop(); Start-Sleep 1; $sw.ElapsedMilliseconds; $sw.Elapsed.TotalSeconds`,
			"True\n2000\n2\n", "", 0},
		{"new_is_stopped", `$w = [Diagnostics.Stopwatch]::new(); $w.IsRunning; Start-Sleep 1; $w.ElapsedMilliseconds; $w.Start(); Start-Sleep -Milliseconds 250; $w.Restart(); $w.ElapsedMilliseconds; Start-Sleep 1; $w.Reset(); $w.IsRunning; $w.ElapsedTicks`,
			"False\n0\n0\nFalse\n0\n", "", 0},
		{"read_only", `$w = [Diagnostics.Stopwatch]::new(); $w.Elapsed = 0`, "", "'Elapsed' is a ReadOnly property.", 0},
	}},
	// DateTime.AddMonths and AddYears: "if the resulting day is not a
	// valid day in the resulting month, the last valid day of the resulting
	// month is used" (Learn: DateTime.AddMonths, DateTime.AddYears).
	{"date_add_months", []evalCase{
		{"clamped", `([datetime]'2026-01-31').AddMonths(1).ToString('yyyy-MM-dd'); ([datetime]'2024-02-29').AddYears(1).ToString('yyyy-MM-dd'); ([datetime]'2026-03-31').AddMonths(-1).ToString('yyyy-MM-dd'); ([datetime]'2026-01-15 10:30').AddMonths(13).ToString('yyyy-MM-dd HH:mm')`,
			"2026-02-28\n2025-02-28\n2026-02-28\n2027-02-15 10:30\n", "", 0},
	}},
	// PSTypeNames is a list of the object's own that scripts change: a
	// PSTypeName key of a [pscustomobject] hashtable goes first in it and is
	// no property (HashtableToPSCustomObjectConversion.Tests.ps1, "Add a new
	// type name to PSTypeNames property"), Insert and Add-Member -TypeName
	// add names (Add-Member page, -TypeName), and GetType() stays
	// PSCustomObject; Get-Member names the object by PSTypeNames[0].
	{"ps_type_names", []evalCase{
		{"pstypename_key", `$o = [pscustomobject]@{ PSTypeName = 'Mytype'; a = 1 }; $o.PSTypeNames[0]; $o.PSTypeNames.Count; $o.GetType().FullName; "$o"; @($o.psobject.Properties).Count`,
			"Mytype\n3\nSystem.Management.Automation.PSCustomObject\n@{a=1}\n1\n", "", 0},
		{"insert_and_add_member", `$p = [pscustomobject]@{ a = 1 }; $p.PSTypeNames.Insert(0, 'My.Type'); $p.PSTypeNames -join ','; $p | Add-Member -TypeName Other; $p.PSTypeNames[0]; $p.GetType().Name; ($p | Get-Member)[0].TypeName`,
			"My.Type,System.Management.Automation.PSCustomObject,System.Object\nOther\nPSCustomObject\nOther\n", "", 0},
	}},
	// [System.Management.Automation.Platform] says what $IsLinux and
	// $IsWindows say (PowerShell's Platform class; Format-Hex.Tests.ps1
	// reads IsLinux and IsMacOS, other tests IsIoT and IsNanoServer).
	{"platform", []evalCase{
		{"same_as_variables", `$p = [System.Management.Automation.Platform]; $p::IsLinux -eq $IsLinux; $p::IsWindows -eq $IsWindows; $p::IsMacOS -eq $IsMacOS; $p::IsCoreCLR; $p::IsIoT -or $p::IsNanoServer -or $p::IsWindowsDesktop`,
			"True\nTrue\nTrue\nTrue\nFalse\n", "", 0},
	}},
	// a typed dictionary enumerates KeyValuePair entries, which have no
	// view in pwsh's DotNetTypes.format.ps1xml (only DictionaryEntry, a
	// hashtable's entry, has the Name/Value view): they show as a table of
	// their properties Key and Value.
	{"dictionary_view", []evalCase{
		{"key_value_table", `$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d['bb'] = 22; $d | Out-String`,
			"\nKey Value\n--- -----\na       1\nbb     22\n\n\n", "", 0},
	}},
	// Regex.Unescape reads the escapes of a pattern: \t is a tab, \x41 is
	// A, a backslash before another character stands for that character
	// (Learn: Regex.Unescape).
	{"regex_unescape", []evalCase{
		{"escapes", `[regex]::Unescape('a\tb\x41\\c\.d') -eq "a` + "`" + `tbA\c.d"; [regex]::Unescape('\u0041')`, "True\nA\n", "", 0},
	}},
	// Enum.GetNames and Enum.GetValues (Learn: Enum.GetValues: "an array
	// of the values of the constants in enumType", sorted by value; the
	// array's type is the enum's array type).
	{"enum_names_values", []evalCase{
		{"day_of_week", `[Enum]::GetValues([System.DayOfWeek]).Count; [Enum]::GetValues([DayOfWeek]).GetType().FullName; [Enum]::GetValues([DayOfWeek])[6]; [int][Enum]::GetValues([DayOfWeek])[6]`,
			"7\nSystem.DayOfWeek[]\nSaturday\n6\n", "", 0},
		{"names", `[Enum]::GetNames([System.StringComparison]) -join ','`,
			"CurrentCulture,CurrentCultureIgnoreCase,InvariantCulture,InvariantCultureIgnoreCase,Ordinal,OrdinalIgnoreCase\n", "", 0},
	}},
	// [System.Management.Automation.LanguagePrimitives] (Learn:
	// LanguagePrimitives class): ConvertTo converts as a cast does and a
	// failure is a PSInvalidCastException inside the method call's
	// MethodInvocationException (Conversions.Tests.ps1 expects the error id
	// PSInvalidCastException); TryConvertTo writes its out parameter;
	// Compare and Equals ignore case unless told not to.
	{"language_primitives", []evalCase{
		{"convert_to", `[System.Management.Automation.LanguagePrimitives]::ConvertTo('42', [int]).GetType().Name; [System.Management.Automation.LanguagePrimitives]::ConvertTo(@(1, 2), [string])`,
			"Int32\n1 2\n", "", 0},
		{"convert_to_fails", `try { [System.Management.Automation.LanguagePrimitives]::ConvertTo('x', [int]) } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().Name }`,
			"PSInvalidCastException\nMethodInvocationException\nPSInvalidCastException\n", "", 0},
		{"try_convert_to", `$r = $null; [System.Management.Automation.LanguagePrimitives]::TryConvertTo('3.5', [double], [cultureinfo]::InvariantCulture, [ref]$r); $r; [System.Management.Automation.LanguagePrimitives]::TryConvertTo('x', [int], [ref]$r); $null -eq $r`,
			"True\n3.5\nFalse\nTrue\n", "", 0},
		{"truth_and_compare", `$lp = [System.Management.Automation.LanguagePrimitives]; $lp::IsTrue(@(0)); $lp::IsTrue('x'); $lp::Compare('a', 'B'); $lp::Equals('a', 'A'); $lp::Equals('a', 'A', $false)`,
			"False\nTrue\n-1\nTrue\nFalse\n", "", 0},
	}},
	// ConvertTo-Csv writes a property that holds a collection as the
	// collection's ToString(), its .NET type name (ConvertTo-Csv page:
	// "the ToString() method of the object ... System.Object[]"; .NET:
	// ArrayList and List`1[System.String] print their type).
	{"csv_collections", []evalCase{
		{"type_names", `$o = [pscustomobject]@{ a = [System.Collections.ArrayList]::new(); b = [System.Collections.Generic.List[string]]::new(); c = @(1); d = [int[]]@(1) }
($o | ConvertTo-Csv)[1]`, "\"System.Collections.ArrayList\",\"System.Collections.Generic.List`1[System.String]\",\"System.Object[]\",\"System.Int32[]\"\n", "", 0},
	}},
	{"line_endings", []evalCase{
		{"crlf_through_invoke_expression", "$nl = \"`r`n\"; $e = \"a$($nl)b\"; foreach ($q in @(\"'\", \"'\"), @('\"', '\"'), @(\"@'$nl\", \"$nl'@\"), @(\"@`\"$nl\", \"$nl`\"@\")) { (Invoke-Expression ($q[0] + $e + $q[1])) -ceq $e }", "True\nTrue\nTrue\nTrue\n", "", 0},
		{"lf_and_cr_through_invoke_expression", "foreach ($nl in \"`n\", \"`r\") { $e = \"a$($nl)b\"; (Invoke-Expression (\"'\" + $e + \"'\")) -ceq $e; (Invoke-Expression ('\"' + $e + '\"')) -ceq $e }", "True\nTrue\nTrue\nTrue\n", "", 0},
		{"crlf_in_script", "$s = 'a\r\nb'\r\n$h = @'\r\nc\r\nd\r\n'@\r\n$s.Length; $h.Length; $h.Contains(\"`r`n\")", "4\n4\nTrue\n", "", 0},
	}},
	// ParameterBinding.Tests.ps1 ("Roundtrippable Conversions for
	// Bare-string Numeric Literals passed to [string] Parameters"): a bare
	// number argument keeps its text for a [string] parameter.
	{"number_argument_text", []evalCase{
		{"string_parameter", `function f([string]$v) { $v }; f -v 34uy; f 0x10; f -v 6n; function g { [CmdletBinding()] param([string]$Value) $Value }; g -Value 24l`, "34uy\n0x10\n6n\n24l\n", "", 0},
		{"other_parameters", `function g([int]$n) { $n + 1 }; g 0x10; (Write-Output 34uy).GetType().Name`, "17\nByte\n", "", 0},
	}},
	// ConvertTo-Json.Tests.ps1: -EscapeHandling, a [uri] as its original
	// string, [Enum]::Parse values.
	{"convertto_json_more", []evalCase{
		{"escape_html", `@{ 'abc' = "'def'<" } | ConvertTo-Json -EscapeHandling EscapeHtml -Compress`, "{\"abc\":\"\\u0027def\\u0027\\u003c\"}\n", "", 0},
		{"escape_non_ascii", `@{ 'abc' = "é" } | ConvertTo-Json -EscapeHandling EscapeNonAscii -Compress`, "{\"abc\":\"\\u00e9\"}\n", "", 0},
		{"escape_bad", `1 | ConvertTo-Json -EscapeHandling Bogus`, "", `Cannot convert value "Bogus" to type "Newtonsoft.Json.StringEscapeHandling".`, 0},
		{"datetime_kinds", `[DateTime]::new(2024, 6, 15, 10, 30, 0, [DateTimeKind]::Utc) | ConvertTo-Json; [DateTime]::new(2024, 6, 15, 10, 30, 0) | ConvertTo-Json; [DateTime]::new(2024, 6, 15, 10, 30, 0, [DateTimeKind]::Utc).Kind`, "\"2024-06-15T10:30:00Z\"\n\"2024-06-15T10:30:00\"\nUtc\n", "", 0},
		{"truncated_array_of_objects", `[PSCustomObject]@{ L0 = @{ L1 = [PSCustomObject]@{ L2 = @([PSCustomObject]@{ L3 = 'deep' }) } } } | ConvertTo-Json -Compress -Depth 2`, "{\"L0\":{\"L1\":{\"L2\":\"\"}}}\n", "truncated", 0},
		{"uri", `[uri]'http://example.com' | ConvertTo-Json`, "\"http://example.com\"\n", "", 0},
		{"enum_parse", `[Enum]::Parse('System.DayOfWeek', 'Monday') | ConvertTo-Json; [Enum]::Parse([ConsoleColor], 'red', $true) | ConvertTo-Json -EnumsAsStrings`, "1\n\"Red\"\n", "", 0},
	}},
	// Conversions.Tests.ps1 and Array.Tests.ps1: an enum is true when its
	// number is not 0; $null to a list type is $null; a list type's
	// generic arguments.
	{"conversions_more", []evalCase{
		{"enum_to_bool", `[bool]@([ConsoleColor]::Black); [bool]@([ConsoleColor]::Yellow)`, "False\nTrue\n", "", 0},
		{"null_list", `@([System.Collections.Generic.List[object]]$null).Count`, "1\n", "", 0},
		{"generic_arguments", `$r = [Collections.Generic.List[int]]@(1, 2); $r.GetType().Name; $r.GetType().GetGenericArguments()[0].Name`, "List`1\nInt32\n", "", 0},
		{"psbase", `"abc".psbase; (1).PSTypeNames -join ','`, "abc\nSystem.Int32,System.ValueType,System.Object\n", "", 0},
		// ComparisonOperator.Tests.ps1: [WildcardPattern]::Escape escapes
		// the backtick too
		{"wildcard_escape", "'abc`def' -like [WildcardPattern]::Escape('abc`def'); [WildcardPattern]::Escape('a*b')", "True\na`*b\n", "", 0},
		{"split_option_ids", `try { "a" -split "a", 0, "RegexMatch,SimpleMatch" } catch { $_.FullyQualifiedErrorId }`, "InvalidSplitOptionCombination\n", "", 0},
	}},
}

func TestValues(t *testing.T) {
	for _, g := range valueTests {
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
