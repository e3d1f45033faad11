package cmdlets_test

import "testing"

// syntaxEvalCases run the syntax forms that the parser accepts since the
// PowerShell Language tests were made to parse: each either does what pwsh
// 7 does or fails with [NotImplemented].
var syntaxEvalCases = []evalCase{
	// assembly-qualified type names resolve to the type when the assembly
	// is one of .NET's (Language/Parser/Parsing.Tests.ps1: "Generic type with
	// assembly name can be resolved"); an assembly pwsh cannot load leaves
	// the type unknown
	{"assembly_qualified_cast", `[System.Int32, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]'42' + 1`, "43\n", "", 0},
	{"assembly_qualified_generic", `[System.Collections.Generic.List[string], System.Private.CoreLib]::new().Count`, "0\n", "", 0},
	{"assembly_qualified_generic_argument", `$l = [System.Collections.Generic.List[[System.Int32, mscorlib]]]::new(); $l.Add('5'); $l[0] + 1`, "6\n", "", 0},
	{"assembly_not_loadable", `[int, No.Such.Assembly]`, "", "Unable to find type [int, No.Such.Assembly]", anyExit},

	// constructors chain to the base class: : base(args) runs the base
	// constructor first, a constructor without it runs the base default
	// constructor, and a class without constructors has a default one
	// (Language/Classes/scripting.Classes.inheritance.tests.ps1 "call base
	// ctor", "call default base ctor implicitly", "cannot call base ctor with
	// the wrong number of parameters")
	{"base_constructor_call", "class A {\n  [int]$a\n  A() { $this.a = 1007 }\n  A([int]$a) { $this.a = $a }\n}\n" +
		"class B : A\n{\n  B([int]$a)\n  :\n  base($a * 2)\n  {\n  }\n  B() {}\n}\nclass C : A {}\n" +
		"[B]::new(101).a\n[B]::new().a\n[C]::new().a", "202\n1007\n1007\n", "", 0},
	{"base_constructor_runs_first", "class A { [string]$log = ''; A([string]$s) { $this.log += \"A$s \" } }\n" +
		"class B : A { B() : base('x') { $this.log += 'B' } }\n[B]::new().log", "Ax B\n", "", 0},
	{"base_constructor_wrong_count", "class A { [int]$a; A([int]$a) { $this.a = $a } }\nclass B : A { B([int]$a) : base($a * 2, 100) {} }\n" +
		"try { [B]::new(101) } catch { $_.FullyQualifiedErrorId }", "MethodCountCouldNotFindBest\n", "", 0},
	// (scripting.Classes.inheritance.tests.ps1: BaseClassNoDefaultCtor for
	// 'class A { A([int]$a) {} }; class B : A {}'); PowerShell finds it
	// when it compiles the script, so nothing of the script runs
	// (PSType.cs DefineTypeHelper reports it as a parse error)
	{"base_without_default_constructor", "class A { A([int]$a) {} }; class B : A {}\n'after'", "", "Base class 'A' does not contain a parameterless constructor.", 1},
	// a class of a script parsed later may name a class the session
	// defined before; a type nobody defined stops that script before it
	// runs (SymbolResolver.cs reports TypeNotFound in a class; the
	// symbol resolver finds types defined earlier through the loaded
	// assemblies, TypeResolver.cs)
	// a hash literal with a key twice is a parse error: nothing of the
	// script runs (SemanticChecks.cs VisitHashtable)
	{"hash_literal_duplicate_key", "'before'\n$h = @{a = 1; A = 2}\n'after'", "", "Duplicate keys 'A' are not allowed in hash literals.", 1},
	{"class_names_session_class", "class A { [int]$x = 1 }\nInvoke-Expression 'class B : A { [A]$other }; [B]::new().x'\n" +
		"Invoke-Expression 'class D : Nope { }; \"ran\"'\n'after'", "1\nafter\n", "Unable to find type [Nope].", 0},
	{"base_constructor_of_dotnet_type", "class L : System.Collections.ArrayList { L() : base(5) {} }\n[L]::new()",
		"", "[NotImplemented] a constructor call to the .NET base class [System.Collections.ArrayList]", anyExit},
	// a property's attributes and type on lines of their own, a method body
	// on the next line (Classes/Scripting.Classes.BasicParsing.Tests.ps1)
	{"class_members_on_several_lines", "class P\n{\n  [ValidateNotNull()]\n  [int]\n  $x = 4\n  [int] Twice()\n  {\n    return $this.x * 2\n  }\n}\n[P]::new().Twice()", "8\n", "", 0},

	// a method that calls itself without end fails instead of exhausting the
	// stack (pwsh: ExecutionContext.CheckStackDepth throws
	// ScriptCallDepthException, "The script failed due to call depth
	// overflow.")
	{"class_method_endless_recursion", "class R { [int] F([int]$n) { return $this.F($n + 1) } }\n[R]::new().F(0)", "", "The script failed due to call depth overflow.", anyExit},

	// enum E : int is the default underlying type; others are not emulated
	// (Language/Classes/scripting.enums.tests.ps1 "Enum with non-default
	// underlying type")
	{"enum_int_underlying_type", "enum E : int { A; B }\n[int][E]::B", "1\n", "", 0},
	{"enum_byte_underlying_type", "enum E : byte { A; B }", "", "[NotImplemented] the enum underlying type [byte]", anyExit},

	// dynamic member names (about_Properties; Language/Scripting/
	// PSSerializer.Tests.ps1 $Breakpoint.$($property.Name))
	{"member_name_variable", `$o = [pscustomobject]@{ Name = 'x'; 'a b' = 2 }; $n = 'Name'; $o.$n; $o.$($n); $o."a $('b')"; $o.{Name}`, "x\nx\n2\nx\n", "", 0},
	{"member_name_assignment", `$o = [pscustomobject]@{ Name = 'x' }; $n = 'Name'; $o.$n = 'y'; $o.$($n.ToLower()) += 'z'; $o.Name`, "yz\n", "", 0},
	{"member_name_method_call", `$s = 'abc'; $m = 'ToUpper'; $s.$m(); $s.$($m)()`, "ABC\nABC\n", "", 0},
	// a member name may start with a digit (Modules/Microsoft.PowerShell.Utility/
	// Add-Member.Tests.ps1 "$results.23")
	{"member_name_digits", `$o = [pscustomobject]@{ '23' = 'Any' }; $o.23`, "Any\n", "", 0},
	// the text of a script block names the member: no method .ctor
	// (Classes/scripting.Classes.inheritance.tests.ps1 MethodNotFound)
	{"member_name_script_block", `$o = [pscustomobject]@{}; $o.{.ctor}()`, "", "does not contain a method named '.ctor'", anyExit},

	// .ForEach{ } and .Where{ } take the script block as their argument
	// (Language/Scripting/Requires.Tests.ps1; about_Arrays ForEach and Where)
	{"foreach_script_block_argument", `@(1, 2, 3).ForEach{ $_ * 2 }`, "2\n4\n6\n", "", 0},
	{"where_script_block_argument", `(1..6).Where{ $_ % 2 }.Count`, "3\n", "", 0},

	// generic method calls are not emulated (Language/Parser/
	// MethodInvocation.Tests.ps1 [Array]::Empty[string]())
	{"generic_method_call", `[Array]::Empty[string]()`, "", "[NotImplemented] the generic method call ::Empty[string]()", anyExit},

	// redirections of an expression (about_Redirection; Language/Scripting/
	// OutErrorVariable.Tests.ps1 "(a | b) 2>&1 > $null"): 2>&1 writes the
	// errors to the output before the value, 2>$null drops them
	{"paren_pipeline_merge_errors", `function f { Write-Error 'bad'; 'v' }; $r = (f | ForEach-Object { $_ }) 2>&1; $r.Count; $r[0].GetType().Name; "$($r[0])"; $r[1]`, "2\nErrorRecord\nbad\nv\n", "", 0},
	{"subexpression_merge_errors", `$r = $(Write-Error 'bad'; 'v') 2>&1; $r.Count; $r[0].GetType().Name; "$($r[0])"; $r[1]`, "2\nErrorRecord\nbad\nv\n", "", 0},
	{"paren_pipeline_errors_to_null", `function f { Write-Error 'inner'; 'out' }; (f | ForEach-Object { $_ }) 2>$null; 'after'`, "out\nafter\n", "", 0},
	{"paren_pipeline_output_to_null", `(1, 2 | ForEach-Object { $_ }) 2>&1 > $null; 'after'`, "after\n", "", 0},
	// every stream merges after an expression as after a command
	// (about_Redirection: "n>&1 Redirects the specified stream to the
	// Success stream"); (1) writes no warning, so only its value comes out
	{"expression_redirect_warning_merge", `(1) 3>&1`, "1\n", "", 0},
	{"range_then_redirect", `1..3 > $null; 'after'`, "after\n", "", 0},

	// a statement may follow a block on the same line (Language/Scripting/
	// TryCatch.Tests.ps1 "Trap shouldn't catch exception")
	{"trap_then_try_on_one_line", `$a = . { trap { 'test failed' } try { 1; throw 'exception'; 'test failed' } catch { 2 } }; $a -join ','`, "1,2\n", "", 0},

	// white space and newlines after a member operator (Language/Interop/
	// DotNet/DotNetInterop.Tests.ps1 ends a line with ').')
	{"member_after_white_space", "$s = 'abc'\n$s. Length\n$s.\n    ToUpper().\n    Length", "3\n3\n", "", 0},

	// `u{...} escapes in names (Language/Parser/Parser.Tests.ps1 "a Unicode
	// escape sequence can be used in a command name / a variable name / an
	// argument")
	{"unicode_escape_function_name", "function xyzzy`u{2195}($p) { $p }\nxyzzy`u{2195} 42\n(Get-Command xyzzy*).Name", "42\nxyzzy↕\n", "", 0},
	{"unicode_escape_variable_name", "${fooxyzzy`u{2195}} = 42\n(Get-Variable -Name fooxyzzy*).Name\n${fooxyzzy`u{2195}}", "fooxyzzy↕\n42\n", "", 0},
	{"unicode_escape_argument", "Write-Output `u{a9}` Acme` Inc", "© Acme Inc\n", "", 0},

	// a here-string whose lines end in a lone CR keeps them (Language/
	// Scripting/LineEndings.Tests.ps1 "CR in double quotes here string")
	{"here_string_cr_lines", "$s = @\"\rThis\ris\r\"@; $s -replace \"`r\", '|'", "This|is\n", "", 0},
	{"literal_here_string_cr_lines", "$s = @'\rThis\ris\r'@; $s -replace \"`r\", '|'", "This|is\n", "", 0},

	// a label on a line of its own (Classes/Scripting.Classes.Break.Tests.ps1)
	{"label_on_own_line", ":outer\nforeach ($i in 1..2) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; \"$i$j\" } }", "11\n21\n", "", 0},

	// digits that run into more than a number are a command name, and a
	// colon in a function name is part of it unless a scope comes before
	// it (Language/Parser/Parsing.Tests.ps1 "Question-mark and colon can
	// be used as command names")
	{"digit_command_names", "function 7z { \"seven $args\" }\n7z a x.zip\n$o = 7z b; $o\n" +
		"function a?b:c { 'a?b:c' }\nfunction 2?3:4 { '2?3:4' }\na?b:c\n2?3:4\nfunction local:lf { 'lf' }\nlf",
		"seven a x.zip\nseven b\na?b:c\n2?3:4\nlf\n", "", 0},

	// the using statements that start a script run before it
	// (about_Using: using namespace lets a type go without its namespace)
	{"using_namespace_short_type_name", "using namespace System.Text\n[Encoding].FullName", "System.Text.Encoding\n", "", 0},
	// a data section runs its body and assigns its variable
	// (about_Data_Sections)
	{"data_section", "data d { 'x' }; $d", "x\n", "", 0},
	// a `u escape past U+10FFFF is a parse error
	// (Language/Parser/Parsing.Tests.ps1 "Unicode escape sequence parsing")
	{"unicode_escape_out_of_range", "\"`u{110000}\"", "", "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.", anyExit},
}

func TestSyntaxEval(t *testing.T) {
	for _, c := range syntaxEvalCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
