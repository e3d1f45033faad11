package cmdlets

import "github.com/csemu/csemu/parser"

// parserOptions tells the parser what the session knows: the types a
// class in a script may name besides the script's own and the ones the
// parser knows, such as the classes scripts run before defined.
func (s *Session) parserOptions() parser.Options {
	return parser.Options{TypeExists: func(name string) bool {
		_, ok := s.resolveType(name)
		return ok
	}}
}

// parse parses a script for the session, as parser.Parse does.
func (s *Session) parse(file, src string) (*parser.Script, error) {
	script, errs := parser.ParseAllWith(file, src, s.parserOptions())
	if len(errs) > 0 {
		return nil, errs
	}
	return script, nil
}
