package parser

import (
	"slices"
	"testing"
)

// classCases are scripts with classes and the errors pwsh reports for
// them before running anything: each error's id and the offset where its
// extent starts. They follow the ShouldBeParseError cases of PowerShell's
// test/powershell/Language/Classes/Scripting.Classes.BasicParsing.Tests.ps1
// (its "Negative Parsing Tests" and the Describe blocks after it) and the
// checks of SymbolResolver.cs, SemanticChecks.cs, VariableAnalysis.cs and
// PSType.cs they exercise; a nil want is a script pwsh accepts.
var classCases = []idCase{
	// a member defined twice (PSType.cs DefineProperty and
	// CheckForDuplicateOverload): properties by name, methods by name and
	// parameter types, whatever their return types; the error is at the
	// second property or the second method's name
	{`class foo { $x; $x; }`, []idAt{{"MemberAlreadyDefined", 16}}},
	{`class C { $x; [int]$x; }`, []idAt{{"MemberAlreadyDefined", 14}}},
	{`class C { f(){} f(){} }`, []idAt{{"MemberAlreadyDefined", 16}}},
	{`class C { F(){} F($o){} [int] F($o) {return 1} }`, []idAt{{"MemberAlreadyDefined", 30}}},
	{`class C { f(){} f($a){} f(){} }`, []idAt{{"MemberAlreadyDefined", 24}}},
	{`class C { f([int]$a){} f([int]$b){} }`, []idAt{{"MemberAlreadyDefined", 23}}},
	{`class C { f([int]$a){} f([Int32]$b){} }`, []idAt{{"MemberAlreadyDefined", 23}}},
	{`class C { f([int]$a){} f([string]$b){} f($a, $b){} }`, nil},
	{`class C { f(){} static f(){} }`, []idAt{{"MemberAlreadyDefined", 23}}},
	// an instance and a static constructor may both have no parameters
	{`class C { C(){} static C(){} }`, nil},
	// a static constructor has no parameters (PSType.cs DefineMethod):
	// the error spans them
	{`class C { static C($x) {} }`, []idAt{{"StaticConstructorCantHaveParameters", 19}}},
	{`class C { static C([int]$x = 100) {} }`, []idAt{{"StaticConstructorCantHaveParameters", 19}}},

	// a type that does not exist, in a class (SymbolResolver.cs
	// VisitTypeName): at the type name, inside the brackets
	{`class foo { [zz]$x; }`, []idAt{{"TypeNotFound", 13}}},
	{`class foo { [zz]f() { return 0 } }`, []idAt{{"TypeNotFound", 13}}},
	{`class foo { f([zz]$x) {} }`, []idAt{{"TypeNotFound", 15}}},
	{`class foo { f() { [zz]::new() } }`, []idAt{{"TypeNotFound", 19}}},
	{`class foo { f() { try { } catch [ArgumentException], [zz] { } } }`, []idAt{{"TypeNotFound", 54}}},
	{`class foo { f() { trap [zz] { } } }`, []idAt{{"TypeNotFound", 24}}},
	{`class foo { f() { try { } catch [System.IO.IOException] { } catch [Exception] { } } }`, nil},
	// types of the script, accelerators and System types exist
	{`class A { [B]$b; [string[]]$s; [datetime]$d; [ArgumentException]$e } class B { [A]$a }`, nil},
	{`enum E { a } class foo { [E]$e; [System.Collections.Generic.List[E]]$l }`, nil},
	// outside a class an unknown type is found when the script runs
	{`[zz]$x = 1`, nil},
	// an attribute that does not exist, at its name
	{`[UnknownAttr()]class C{}`, []idAt{{"CustomAttributeTypeNotFound", 1}}},

	// return statements (SemanticChecks.cs CheckForReturnStatement): a
	// method without a return type returns no value, one with a return
	// type returns one
	{`class C {f(){ return 1} }`, []idAt{{"VoidMethodHasReturn", 14}}},
	{`class C {[int] f(){ return } }`, []idAt{{"NonVoidMethodMissingReturnValue", 20}}},
	{`class C { [int]foo() { return; return 1 } }`, []idAt{{"NonVoidMethodMissingReturnValue", 23}}},
	{`class C {f(){ $x=1; if($x -lt 2){ return } elseif($x -gt 0 ) {return 1} else{return 2} return 3 } }`,
		[]idAt{{"VoidMethodHasReturn", 62}, {"VoidMethodHasReturn", 77}, {"VoidMethodHasReturn", 87}}},
	// a return in a script block in a method is the script block's
	{`class C { f() { $s = { return 1 }; $s } }`, nil},

	// every code path of a method with a return type returns or throws
	// (VariableAnalysis.cs AnalyzeMemberFunction): the error is at the
	// method's name
	{`class C {[int] f(){} }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [int]foo() { try { throw "foo"} catch { } } }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [int]foo() { try { throw "foo"} catch [ArgumentException] {} catch {throw $_} } }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [int]foo() { try { throw "foo"} catch [ArgumentException] {return 1} catch {} } }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [int]foo() { while ($false) { return 1 } } }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [int]foo() { try { New-Item -ItemType Directory foo } finally { rm -rec foo } } }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [int]foo() { try { New-Item -ItemType Directory foo; return 1 } catch { } } }`, []idAt{{"MethodHasCodePathNotReturn", 15}}},
	{`class C { [bool] Test() { if ($false) { return $true; } } }`, []idAt{{"MethodHasCodePathNotReturn", 17}}},
	// a switch may run no clause, even with a default
	{`class C { [int] f($x) { switch ($x) { default { return 1 } } } }`, []idAt{{"MethodHasCodePathNotReturn", 16}}},
	{`class C { [int] f($x) { if ($x) { return 1 } elseif ($x -eq 2) { throw "no" } else { return 3 } } }`, nil},
	{`class C { [int] f() { try { return 1 } finally { } } }`, nil},
	{`class C { [int] f() { try { return 1 } catch { return 2 } } }`, nil},
	{`class C { [int] f() { throw "x" } }`, nil},
	{`class C { [int] f() { while ($true) { } return 1 } }`, nil},
	{`class C { [void] f() { } [object] g() { return $null } }`, nil},

	// a method reads only its parameters, the variables it assigned on
	// every path before, automatic variables and scoped ones
	// (SemanticChecks.cs VisitVariableExpression, after VariableAnalysis)
	{`class foo { [int] bar() { $y = $z; return $y} }`, []idAt{{"VariableNotLocal", 31}}},
	{`class foo { bar() { foreach ($zz in $yy) { } } }`, []idAt{{"VariableNotLocal", 36}}},
	{`class foo { bar() { foreach ($zz in $global:yy) { $abc = $zzzzz } } }`, []idAt{{"VariableNotLocal", 57}}},
	{`class foo { bar() { try { $zz = 42 } finally { } $zz } }`, []idAt{{"VariableNotLocal", 49}}},
	{`class foo { bar() { try { $zz = 42 } catch { } $zz } }`, []idAt{{"VariableNotLocal", 47}}},
	{`class foo { bar() { switch (@()) { default { $aa = 42 } } $aa } }`, []idAt{{"VariableNotLocal", 58}}},
	{`class foo { bar() { if ($this) { $a = 1 } $a } }`, []idAt{{"VariableNotLocal", 42}}},
	{`class foo { bar() { if ($this) { $a = 1 } else { $a = 2 } $a } }`, nil},
	{`class foo { bar([int]$p) { $p; $_; $args; $this; $true; $null; $global:g; $script:s; $env:PATH; $Error; $Matches } }`, nil},
	{`class foo { bar() { $x = 1; "$x"; { $notLocal } } }`, nil},
	// a variable assigned on some path with a type conversion and on
	// another without one is dynamic, and every use of it is allowed
	{`class foo { bar() { if ($this) { [int]$a = 1 } else { $a = 'x' } $a } }`, nil},
	// $this in a static method or a static property's initial value
	// (SemanticChecks.cs VisitVariableExpression)
	{`class C { $x; static bar() { $this.x = 1 } }`, []idAt{{"NonStaticMemberAccessInStaticMember", 29}}},
	{`class C { $x; static $y = $this.x }`, []idAt{{"NonStaticMemberAccessInStaticMember", 26}}},
	{`class C { $x; $y = $this.x; bar() { $this.x = 1 } }`, nil},

	// an assignment to a property's name without $this (or the type)
	// (SymbolResolver.cs VisitAssignmentStatement)
	{`class C { [int]$i; [void] foo() {$i = 10} }`, []idAt{{"MissingThis", 33}}},
	{`class C { static [int]$i; [void] foo() {$i = 10} }`, []idAt{{"MissingTypeInStaticPropertyAssignment", 40}}},
	{`class foo { [string ]$path; f() { $path="" } }`, []idAt{{"MissingThis", 34}}},
	{`class foo { [string ]$path; f() { [string] $path="" } }`, []idAt{{"MissingThis", 43}}},
	{`class foo { [string ]$path; f() { [int] [string] $path="" } }`, []idAt{{"MissingThis", 49}}},
	{`class foo { [string]$path; f() { $this.path = ""; $local:path = "" } }`, nil},

	// attributes (SemanticChecks.cs VisitAttribute): where they may be
	// used, their named arguments, constant arguments
	{`class foo { f([Parameter()]$a) {} }`, []idAt{{"AttributeNotAllowedOnDeclaration", 14}}},
	{`[Flags()]class C{}`, []idAt{{"AttributeNotAllowedOnDeclaration", 0}}},
	{`class C { [Flags()]$field; }`, []idAt{{"AttributeNotAllowedOnDeclaration", 10}}},
	{`class C { [Flags()]foo(){} }`, []idAt{{"AttributeNotAllowedOnDeclaration", 10}}},
	{`[Flags()] enum E { a = 1; b = 2 }`, nil},
	{`[Alias('x')][OutputType([int])] class C { [Alias('y')][Hidden()]$p; [Hidden()] f() {} }`, nil},
	{`class C { f([ValidateNotNull()]$a) {} }`, []idAt{{"AttributeNotAllowedOnDeclaration", 12}}},
	{`class C { [ValidateNotNull()][Parameter(Mandatory)][string]$p }`, nil},
	{`[System.Management.Automation.Cmdlet()]class C{}`, []idAt{{"MethodCountCouldNotFindBest", 0}}},
	{`[System.Management.Automation.Cmdlet("zz")]class C{}`, []idAt{{"MethodCountCouldNotFindBest", 0}}},
	{`[System.Management.Automation.Cmdlet("Get", "Thing", Prop=1)]class C{}`, []idAt{{"PropertyNotFoundForAttribute", 53}}},
	{`[System.Management.Automation.Cmdlet("Get", "Thing", ConfirmImpact="foo")]class C{}`, []idAt{{"CannotConvertValue", 67}}},
	{`[System.Management.Automation.Cmdlet("Get", "Thing", NounName="foo")]class C{}`, []idAt{{"ReadOnlyProperty", 53}}},
	{`[System.Management.Automation.Cmdlet("Get", "Thing", ConfirmImpact=$zed)]class C{}`, []idAt{{"ParameterAttributeArgumentNeedsToBeConstant", 67}}},
	{`[System.Management.Automation.Cmdlet("Get", "Thing", ConfirmImpact="High")]class C{}`, nil},
	{`class C{ [ValidateScript({})]$p; }`, []idAt{{"ParameterAttributeArgumentNeedsToBeConstant", 25}}},
	// a function's parameter may have a script block argument
	{`function f { param([ValidateScript({$true})]$p) }`, nil},

	// DSC resources (SemanticChecks.cs DscResourceChecker): errors at the
	// [DscResource()] attribute, or at an invalid Get method
	{`[DscResource()]class C { [bool] Test() { return $false } [C] Get() { return $this } Set() {} }`, []idAt{{"DscResourceMissingKeyProperty", 0}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [C] Get() { return $this } Set() {} }`, []idAt{{"DscResourceMissingTestMethod", 0}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [C] Get() { return $this } Set() {} [int] Test() { return 1 } }`, []idAt{{"DscResourceMissingTestMethod", 0}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [bool] Test() { return $false } Set() {} }`, []idAt{{"DscResourceMissingGetMethod", 0}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [bool] Test() { return $false } Set() {} Get() { } }`, []idAt{{"DscResourceInvalidGetMethod", 98}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [bool] Test() { return $false } Set() {} [int] Get() { return 1 } }`, []idAt{{"DscResourceInvalidGetMethod", 98}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [bool] Test() { return $false } [C] Get() { return $this } Set($a) { } }`, []idAt{{"DscResourceMissingSetMethod", 0}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [bool] Test() { return $false } [C] Get() { return $this } Set() {} C($a) { } }`, []idAt{{"DscResourceMissingDefaultConstructor", 0}}},
	{`[DscResource()]class C { [DscProperty(Key)][string]$Key; [bool] Test() { return $false } [C] Get() { return $this } Set() {} }`, nil},

	// a labeled break or continue in a method leaves a loop of the
	// method (SemanticChecks.cs CheckLabelExists; Language/Classes/
	// Scripting.Classes.Break.Tests.ps1)
	{"class A { static [int] foo() { while (1) { break some_label }\n return 1 } }", []idAt{{"LabelNotFound", 43}}},
	{"class A { static [int] foo() { break some_label\n return 1 } }", []idAt{{"LabelNotFound", 31}}},
	{"class A { static [int] foo() { while (1) { continue some_label }\n return 1 } }", []idAt{{"LabelNotFound", 43}}},
	{"class A { static [int] foo() { :l1 while (1) { while (1) { break l1 } }\n return 1 } }", nil},
	{"class A { static [int] foo() { function f { break x }\n return 1 } }", nil},
	{"while (1) { break some_label }", nil},

	// base types (scripting.Classes.inheritance.tests.ps1 "Classes
	// inheritance syntax errors"; PSType.cs DefineTypeHelper): a base
	// that does not exist is found by the symbol resolver; the others
	// when the types are defined, and only when the script has no other
	// error
	{`class A : NonExistingClass {}`, []idAt{{"TypeNotFound", 10}}},
	{`class A {}; class B : A, NonExistingInterface {}`, []idAt{{"TypeNotFound", 25}}},
	{`class A{} ; class B : A[] {}`, []idAt{{"SubtypeArray", 22}}},
	{`class A {} ; class B {}; class C : A, B {}`, []idAt{{"InterfaceNameExpected", 38}}},
	{`class A{} ; class B : A, System.IDisposable[] {}`, []idAt{{"SubtypeArray", 25}}},
	{`class baz : string {}`, []idAt{{"SealedBaseClass", 12}}},
	{"class A : System.Collections.Generic.List`1 {}", []idAt{{"SubtypeUnclosedGeneric", 10}}},
	// an interface's methods are implemented, with their signatures
	// (inheritance.tests.ps1 "Classes inheritance ctors syntax errors")
	{`class MyComparable : system.IComparable {}`, []idAt{{"TypeCreationError", 0}}},
	{`class MyComparable : system.IComparable { [void] CompareTo([object]$obj) {} }`, []idAt{{"TypeCreationError", 0}}},
	{`class MyComparable : system.IComparable { [int] CompareTo($obj) { return 0 } }`, nil},
	{`class V : IEquatable[int], IDisposable { [bool] Equals([int]$o) { return $true } Dispose() {} }`, nil},
	{`class B { Dispose() {} } class D : B, IDisposable {}`, nil},
	{`class D : System.Collections.ArrayList, IDisposable {}`, nil},
	{"class A : System.Collections.Generic.List[int] {}", nil},
	{`class A : B {}; class B {}`, []idAt{{"TypeNotFound", 10}}},
	{`class A : B {}; class B : A {}`, []idAt{{"TypeNotFound", 10}}},
	{`class A : C {}; class B : A {}; class C : B {}`, []idAt{{"TypeNotFound", 10}}},
	{`class A { A([int]$a) {} }; class B : A {}`, []idAt{{"BaseClassNoDefaultCtor", 27}}},
	{`class A { A([int]$a) {} }; class B : A { B() : base(1) {} }`, nil},
	{`class A { A([int]$a) {} A() {} }; class B : A {}`, nil},
	{`class A {}; class B : A, System.IDisposable { Dispose() {} }`, nil},
	{`class A { A($a){} } ; class B : A { B() : bas {} }`, []idAt{{"MissingBaseCtorCall", 41}}},

	// enums (scripting.enums.tests.ps1 "Basic enum errors"; PSType.cs
	// DefineEnumHelper), found when the types are defined
	{`enum foo { x; x }`, []idAt{{"MemberAlreadyDefined", 14}}},
	{`enum foo { X; x }`, []idAt{{"MemberAlreadyDefined", 14}}},
	{`enum foo1 { x = [foo2]::x } enum foo2 { x = [foo1]::x }`, []idAt{{"CycleInEnumInitializers", 0}, {"CycleInEnumInitializers", 28}}},
	{`enum foo { e = [int]::MaxValue;  e2 }`, []idAt{{"EnumeratorValueOutOfBounds", 33}}},
	{`enum foo { e = [int]::MaxValue + 1 }`, []idAt{{"EnumeratorValueOutOfBounds", 15}}},
	{`enum foo : byte { e = -1 }`, []idAt{{"EnumeratorValueOutOfBounds", 22}}},
	{`enum foo { e = $foo }`, []idAt{{"EnumeratorValueMustBeConstant", 15}}},
	{`enum foo { e = "hello" }`, []idAt{{"CannotConvertValue", 15}}},
	{`enum foo : string { a }`, []idAt{{"InvalidUnderlyingType", 11}}},
	{`enum foo : byte { a = 254; b; c = '7'; d = 0x10 -bor 1; e = 1.5 }`, nil},
	{`enum foo1 { x = [foo2]::y + 1 } enum foo2 { y = 2 }`, nil},
	{`enum foo : long { e = [int]::MaxValue + 1 }`, nil},
	// a literal too large for a long is a decimal, exactly
	{`enum foo : ulong { a = 18446744073709551615 }`, nil},
	{`enum foo : ulong { a = 18446744073709551616 }`, []idAt{{"EnumeratorValueOutOfBounds", 23}}},
	{`[Flags()] enum foo { a = 1; b = 2; c = [System.IO.FileAttributes]::Hidden }`, nil},

	// attributes of an enum (SemanticChecks.cs VisitAttribute)
	{`[DscResource()] enum E { a }`, []idAt{{"AttributeNotAllowedOnDeclaration", 0}}},
	{`[UnknownAttr()] enum E { a }`, []idAt{{"CustomAttributeTypeNotFound", 1}}},

	// [void] is no type of a property (SemanticChecks.cs
	// VisitPropertyMember), of a parameter (CheckForDuplicateParameters;
	// a method's, when the type is defined: PSType.cs GetParameterTypes)
	// or of a variable assigned to (CheckAssignmentTarget)
	{`class C { [void]$x }`, []idAt{{"TypeNotAllowedForProperty", 10}}},
	{`function f([void]$a) {}`, []idAt{{"VoidTypeConstraintNotAllowed", 11}}},
	{`param([void]$a)`, []idAt{{"VoidTypeConstraintNotAllowed", 6}}},
	{`[void]$x = 1`, []idAt{{"VoidTypeConstraintNotAllowed", 0}}},
	{`class C { f([void]$a) {} }`, []idAt{{"TypeNotAllowedForParameter", 12}}},
	{`$list = [System.Collections.ArrayList]::new(); [void]$list.Add(1)`, nil},

	// outside classes an attribute's argument is a constant or a script
	// block (SemanticChecks.cs VisitAttribute,
	// ParameterAttributeArgumentNeedsToBeConstantOrScriptBlock)
	{`function f { param([ValidateSet($x)]$a) }`, []idAt{{"ParameterAttributeArgumentNeedsToBeConstantOrScriptBlock", 32}}},
	{`function f { param([Parameter(HelpMessage = "hi $name")]$a) }`, []idAt{{"ParameterAttributeArgumentNeedsToBeConstantOrScriptBlock", 44}}},
	{`[ValidateRange(1, $max)][int]$n = 1`, []idAt{{"ParameterAttributeArgumentNeedsToBeConstantOrScriptBlock", 18}}},
	{`function f { [CmdletBinding(DefaultParameterSetName = 'a')] param([Parameter(Mandatory, Position = 0)][ValidateScript({ $_ -gt 0 })][ValidateRange(0, [int]::MaxValue)][ValidateSet('a', "b", $true)]$a) }`, nil},

	// a key of a hash literal once, in any case (SemanticChecks.cs
	// VisitHashtable)
	{`@{a = 1; A = 2}`, []idAt{{"DuplicateKeyInHashLiteral", 9}}},
	{`@{'x' = 1; x = 2; 1 = 3; 0x1 = 4}`, []idAt{{"DuplicateKeyInHashLiteral", 11}, {"DuplicateKeyInHashLiteral", 25}}},
	{`@{a = 1; b = @{a = 2}; "$x" = 3; "$x" = 4}`, nil},
}

// TestClassChecks checks the errors of classCases.
func TestClassChecks(t *testing.T) {
	for _, c := range classCases {
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

// TestClassCheckMessages checks some messages, as ParserStrings.resx
// gives them.
func TestClassCheckMessages(t *testing.T) {
	tests := []struct{ src, msg string }{
		{`class C { [int]$i; [void] foo() {$i = 10} }`, "Cannot assign property, use '$this.i'."},
		{`class C { static [int]$i; [void] foo() {$i = 10} }`, "Cannot assign property, use '[C]::i'."},
		{`class foo { [zz]$x; }`, "Unable to find type [zz]."},
		{`class C {[int] f(){} }`, "Not all code path returns value within method."},
		{`class foo { [int] bar() { $y = $z; return $y} }`, "Variable is not assigned in the method."},
		{`class C { $x; static $y = $this.x }`, "Cannot access the non-static member 'this' in a static method or initializer of a static property."},
		{`class foo { $x; $x; }`, "The member 'x' is already defined."},
	}
	for _, tc := range tests {
		_, errs := ParseAll("", tc.src)
		if len(errs) == 0 || errs[0].Msg != tc.msg {
			t.Errorf("%q: got %v, want %q", tc.src, errs, tc.msg)
		}
	}
}
