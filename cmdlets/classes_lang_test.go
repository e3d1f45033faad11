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
