package cmdlets_test

import "testing"

// classInheritanceCases follow about_Classes_Inheritance and PowerShell's
// scripting.Classes.inheritance.tests.ps1 ("Classes methods with
// inheritance", "Classes inheritance ctors", "Type creation"): a method
// called on a cast to a base class, ([Base]$this).M(), runs the base's
// method and not the override; static methods and properties are
// inherited and shared with the base; $script: in a method is the
// script scope of the code running it; among overloads with as many
// parameters the one whose types fit the arguments is called.
var classInheritanceCases = []evalCase{
	{"base_method_call", `class A { [string]GetName() { return "A" } }
class B : A { [string]GetName() { return "B" } }
class C : B { [string]GetName() { return "C" } }
$c = [C]::new()
([A]$c).GetName(); ([B]$c).GetName(); ([C]$c).GetName(); $c.GetName()
class Base { [int] foo() { return 100 } }
class Derived : Base {
    [int] $calls
    [int] foo() {
        if ($this.calls++ -gt 0) { throw 'Recursion happens' }
        return 2 * ([bASE]$this).FOO()
    }
}
[Derived]::new().foo()`, "A\nB\nC\nC\n200\n", "", 0},
	{"method_script_scope", `$script:log = $null
class A { [void]Set([int]$a) { $script:log = "A$a" } }
class B : A { [void]Set([int]$a) { $script:log = "B$a" } }
$b = [B]::new()
([A]$b).Set(1); $script:log
$b.Set(2); $script:log`, "A1\nB2\n", "", 0},
	{"static_inheritance", `class Bar {
    static [int] Foo() { return 100500 }
    static [int] $Shared
}
class Baz : Bar { [void] SetShared() { $this::Shared = 7 } }
[Baz]::Foo()
[Baz]::new().SetShared()
[Bar]::Shared; [Baz]::Shared`, "100500\n7\n7\n", "", 0},
	{"overload_by_type", `class A {
    [int] $i
    [string] $s
    A([int] $a) { $this.i = $a }
    A([string] $a) { $this.s = $a }
    [string] F([int] $x) { return 'int' }
    [string] F([string] $x) { return 'string' }
    [string] F([hashtable] $x) { return 'hashtable' }
}
class B : A { B($a) : base($a) {} }
[B]::new('foo').s; [B]::new(1001).i
$a = [A]::new(1); $a.F(1); $a.F('x'); $a.F(@{})`, "foo\n1001\nint\nstring\nhashtable\n", "", 0},
}

func TestClassInheritance(t *testing.T) {
	for _, c := range classInheritanceCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// classBaseTypeCases follow scripting.Classes.inheritance.tests.ps1
// "Base types": a class's type has the class it derives from as
// BaseType, System.Object without one, and an enum's is System.Enum.
var classBaseTypeCases = []evalCase{
	{"class_base_type", `class C1 {}
class C2a : C1 {}
class C2b:C1 {}
enum E { a }
[C2a]::new().GetType().BaseType.Name; [C2b].BaseType.Name; [C1].BaseType.FullName; [E].BaseType.FullName`,
		"C1\nC1\nSystem.Object\nSystem.Enum\n", "", 0},
}

func TestClassBaseType(t *testing.T) {
	for _, c := range classBaseTypeCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

// classMemberCases follow PowerShell's class tests:
// Scripting.Classes.Exceptions.Tests.ps1 (assigning a static property a
// class does not have is PropertyAssignmentException; an instance
// property whose initializer does not convert to its type fails the
// construction with InvalidCastFromStringToInteger), scripting.enums.tests.ps1
// (value__ is an enum value's number), Scripting.Classes.MiscOps.Tests.ps1
// (foreach ($PSItem in ...) sets $PSItem, which is $_, about_PSItem).
var classMemberCases = []evalCase{
	{"class_static_assignment", `class P { static [int] $S }
try { [P]::NoSuch = 1 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
[P]::S = '42'; [P]::S.GetType().Name
try { [P]::S = 'zz' } catch { 'not converted' }
[P]::S`, "PropertyAssignmentException\nThe property 'NoSuch' cannot be found on this object. Verify that the property exists and can be set.\nInt32\nnot converted\n42\n", "", 0},
	{"class_initializer_error", `class A { [int] $a = "zz" }
try { [A]::new() } catch { $_.FullyQualifiedErrorId }
class B { [int] $b = "5" }
[B]::new().b
class O { [B] $inner; [int] $n }
$o = [O]::new(); $null -eq $o.inner; $o.n`, "InvalidCastFromStringToInteger\n5\nTrue\n0\n", "", 0},
	// a static initializer that does not convert fails the type
	// initializer: using the class is a TypeInitializationException
	// around the initializer's error ("Exception from initializer",
	// static member)
	{"class_static_initializer_error", `class C { static [int] $a = "zz" }
try { $null = [C]::a } catch {
    $_.Exception.GetType().FullName; $_.Exception.Message
    $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId
}
try { [C]::new() } catch { $_.Exception.GetType().Name }
class D { static [int] $b = "7" }
[D]::b.GetType().Name`, "System.TypeInitializationException\nThe type initializer for 'C' threw an exception.\nInvalidCastFromStringToInteger\n" +
		"TypeInitializationException\nInt32\n", "", 0},
	{"enum_value_number", `enum V1 {
    A = -4
    B = [int]::MinValue
    C
}
[V1]::A.value__; [V1]::B.value__; [V1]::C.value__`, "-4\n-2147483648\n-2147483647\n", "", 0},
	{"foreach_psitem", `class C1 {
    [int[]] $Wheels = @(1, 2, 3)
    [string] Foo() { $ret = ''; foreach ($PSItem in $this.Wheels) { $ret += "$PSItem;" }; return $ret }
}
[C1]::new().Foo()
foreach ($PSItem in 'a', 'b') { "$_$PSItem" }`, "1;2;3;\naa\nbb\n", "", 0},
}

// objectToStringCases follow Conversions.Tests.ps1 "calls virtual
// method non-virtually" and Scripting.Classes.BasicParsing.Tests.ps1
// "Base class method call": ToString on a cast to [object] is
// Object.ToString, the full name of the value's type.
var objectToStringCases = []evalCase{
	{"object_tostring_non_virtual", `([object]"abc").ToString(); "abc".ToString(); ([object]5).ToString()
([System.Management.Automation.ActionPreference]"Stop").ToString()`, "System.String\nabc\nSystem.Int32\nStop\n", "", 0},
}

func TestObjectToString(t *testing.T) {
	for _, c := range objectToStringCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}

func TestClassMembers(t *testing.T) {
	for _, c := range classMemberCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			runEval(t, c, "", nil)
		})
	}
}
