package parser

import (
	"slices"
	"testing"
)

// TestDataStatement checks the parts of a data section
// (about_Data_Sections: data [name] [-SupportedCommand cmds] { body }).
func TestDataStatement(t *testing.T) {
	src := "data msgs -SupportedCommand ConvertFrom-StringData, Get-X {\n 'a'\n}"
	s, errs := ParseAll("", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d, ok := s.Body.Stmts.Stmts[0].(*DataStatement)
	if !ok {
		t.Fatalf("got %T, want *DataStatement", s.Body.Stmts.Stmts[0])
	}
	if d.Variable != "msgs" || len(d.Commands) != 2 || d.Body == nil || len(d.Body.List.Stmts) != 1 {
		t.Errorf("got variable %q, %d commands, body %v", d.Variable, len(d.Commands), d.Body)
	}
	if d.Pos.Offset != 0 || d.End != len(src) {
		t.Errorf("extent %d..%d, want 0..%d", d.Pos.Offset, d.End, len(src))
	}
	// a data section without a name or commands
	s, errs = ParseAll("", "data { 1 }")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d := s.Body.Stmts.Stmts[0].(*DataStatement); d.Variable != "" || d.Commands != nil {
		t.Errorf("got variable %q, commands %v", d.Variable, d.Commands)
	}
}

// TestBrokenSwitchParts checks that a broken switch statement keeps its
// flags, condition and clauses apart, as ErrorStatementAst does.
func TestBrokenSwitchParts(t *testing.T) {
	s, errs := ParseAll("", "switch -regex ($x) { 'a' { 1 } 'b'")
	if len(errs) == 0 {
		t.Fatal("no error")
	}
	es, ok := s.Body.Stmts.Stmts[0].(*ErrorStatement)
	if !ok {
		t.Fatalf("got %T, want *ErrorStatement", s.Body.Stmts.Stmts[0])
	}
	if es.Kind != "switch" || es.KindAt != 0 {
		t.Errorf("kind %q at %d", es.Kind, es.KindAt)
	}
	var flags []string
	for _, f := range es.Flags {
		flags = append(flags, f.Name)
	}
	if !slices.Equal(flags, []string{"regex"}) || es.Flags[0].TokenAt != 7 || es.Flags[0].TokenEnd != 13 {
		t.Errorf("flags %v", es.Flags)
	}
	if len(es.Conditions) != 1 {
		t.Errorf("conditions %v", es.Conditions)
	}
	// the clause read whole: its pattern and its block, then the pattern
	// without a block
	if len(es.Bodies) != 3 {
		t.Errorf("bodies %v", es.Bodies)
	}
}

// TestLexemes checks the tokens the tokenizer reads where PowerShell
// has tokens of their own: a splatted variable in an expression, the data
// keyword, digits that are no number.
func TestLexemes(t *testing.T) {
	tests := []struct {
		src  string
		want []Lexeme
	}{
		{"$x = @a", []Lexeme{{"Var", "x", 0, 2}, {"Assign", "=", 3, 4}, {"Splat", "a", 5, 7}, {"EOF", "", 7, 7}}},
		{"data { }", []Lexeme{{"Kw", "data", 0, 4}, {"LBrace", "{", 5, 6}, {"RBrace", "}", 7, 8}, {"EOF", "", 8, 8}}},
		// a number must end before a character that may follow one
		{"1?2:3", []Lexeme{{"Cmd", "1?2:3", 0, 5}, {"EOF", "", 5, 5}}},
		{"1+2", []Lexeme{{"Num", "1", 0, 1}, {"Op", "+", 1, 2}, {"Num", "2", 2, 3}, {"EOF", "", 3, 3}}},
		{"$t ? 1:2", []Lexeme{{"Var", "t", 0, 2}, {"Question", "?", 3, 4}, {"Num", "1", 5, 6}, {"Colon", ":", 6, 7}, {"Num", "2", 7, 8}, {"EOF", "", 8, 8}}},
	}
	for _, tc := range tests {
		got, err := Lexemes("", tc.src)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q:\n got  %v\n want %v", tc.src, got, tc.want)
		}
	}
}

// TestUnicodeEscapes checks the characters `u escapes stand for: a bad
// escape stands for U+FFFF and ends where it broke.
func TestUnicodeEscapes(t *testing.T) {
	tests := []struct{ src, want string }{
		{"\"`u{2195}\"", "\u2195"},
		{"\"`u{1F600}\"", "\U0001F600"},
		{"\"`u{219z}\"", "\uFFFFz}"},
		{"\"`u2195\"", "\uFFFF2195"},
	}
	for _, tc := range tests {
		toks, err := Tokenize("", tc.src)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if toks[0].Value != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, toks[0].Value, tc.want)
		}
	}
}

// TestExprTree checks that operators fold by precedence.
func TestExprTree(t *testing.T) {
	s, errs := ParseAll("", "1 + 2 * 3")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	e := s.Body.Stmts.Stmts[0].(*PipelineStatement).Left.Elems[0].(*CommandExpression).Expr
	b, ok := ExprTree(e).(*BinaryExpr)
	if !ok {
		t.Fatalf("got %T, want *BinaryExpr", ExprTree(e))
	}
	if b.Op != "+" || b.OpAt != 2 || b.OpEnd != 3 {
		t.Errorf("top operator %q at %d..%d", b.Op, b.OpAt, b.OpEnd)
	}
	if r, ok := b.Right.(*BinaryExpr); !ok || r.Op != "*" {
		t.Errorf("right operand %#v", b.Right)
	}
}
