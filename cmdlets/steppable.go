package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// Steppable pipelines (ScriptBlock.GetSteppablePipeline, the heart of
// proxy functions): the one pipeline of a script block, driven a step at a
// time. Begin runs the begin blocks, Process feeds one input (or none)
// through, End runs the end blocks and then the clean blocks; Clean and
// Dispose run the clean blocks if they have not run. A step that fails
// runs the clean blocks before its error goes on (PipelineBehaviour.Tests.ps1
// "Steppable pipeline"). Each call returns what the pipeline wrote since
// the call before.

type steppablePipeline struct {
	s       *Session
	stages  []stage
	out     []any
	cleaned bool
}

func (p *steppablePipeline) PSTypeName() string {
	return "System.Management.Automation.SteppablePipeline"
}
func (p *steppablePipeline) PSTypeNames() []string {
	return []string{"System.Management.Automation.SteppablePipeline", value.TObject}
}
func (p *steppablePipeline) PSString() string {
	return "System.Management.Automation.SteppablePipeline"
}

func (p *steppablePipeline) psPropertyNames() []string             { return nil }
func (p *steppablePipeline) psMember(*Session, string) (any, bool) { return nil, false }
func (p *steppablePipeline) psNotImplemented(string) string        { return "" }

// getSteppablePipeline makes the steppable pipeline of a script block
// whose body is one pipeline of commands.
func (s *Session) getSteppablePipeline(fr frame, sb *ScriptBlock, args []any) (any, error) {
	if len(args) > 0 {
		return nil, &methodErr{typ: "NotImplemented", msg: "ScriptBlock.GetSteppablePipeline(commandOrigin, args)"}
	}
	body := sb.Body
	var stmts []parser.Statement
	if body != nil && body.Stmts != nil && len(body.Named) == 0 && body.Param == nil {
		stmts = body.Stmts.Stmts
	}
	var pipe *parser.Pipeline
	if len(stmts) == 1 {
		if ps, ok := stmts[0].(*parser.PipelineStatement); ok && ps.Op == "" && len(ps.Chain) == 0 && ps.Left != nil {
			pipe = ps.Left
			for _, el := range pipe.Elems {
				if _, isCmd := el.(*parser.Command); !isCmd {
					pipe = nil
					break
				}
			}
		}
	}
	if pipe == nil {
		return nil, &methodErr{typ: "System.InvalidOperationException",
			msg: "Only a script block that contains exactly one pipeline or command can be converted. Expressions or control structures are not permitted. Verify that the script block contains exactly one pipeline or command."}
	}
	p := &steppablePipeline{s: s}
	own := frame{scope: newScope(fr.scope), file: fr.file}
	stages := make([]stage, len(pipe.Elems))
	down := func(v any) error { p.out = append(p.out, v); return nil }
	for i := len(pipe.Elems) - 1; i >= 0; i-- {
		st, err := s.makeStage(own, pipe.Elems[i], down, i, len(pipe.Elems))
		if err != nil {
			return nil, err
		}
		stages[i] = st
		next := st
		down = func(v any) error { return next.process(v, true) }
	}
	p.stages = stages
	return p, nil
}

// fail runs the clean blocks after a step failed and gives its error.
func (p *steppablePipeline) fail(err error) error {
	p.clean()
	return err
}

// clean runs the clean blocks once.
func (p *steppablePipeline) clean() error {
	if p.cleaned {
		return nil
	}
	p.cleaned = true
	err := cleanStages(p.stages)
	for _, st := range p.stages {
		st.streams().teardown()
	}
	return err
}

// take returns the output written since the last call.
func (p *steppablePipeline) take() any {
	out := p.out
	p.out = nil
	return &value.Array{Items: append([]any{}, out...)}
}

func (p *steppablePipeline) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	switch strings.ToLower(name) {
	case "begin":
		if len(args) != 1 {
			return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: "Cannot find an overload for \"Begin\" and the argument count: \"" + itoa(len(args)) + "\"."}
		}
		for _, st := range p.stages {
			if err := st.begin(); err != nil {
				return nil, p.fail(err)
			}
		}
		return voidValue{}, nil
	case "process":
		var err error
		switch len(args) {
		case 0:
			err = p.stages[0].process(nil, false)
		case 1:
			err = p.stages[0].process(args[0], true)
		default:
			return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: "Cannot find an overload for \"Process\" and the argument count: \"" + itoa(len(args)) + "\"."}
		}
		if err != nil {
			return nil, p.fail(err)
		}
		return p.take(), nil
	case "end":
		for _, st := range p.stages {
			if err := st.end(); err != nil {
				return nil, p.fail(err)
			}
		}
		if err := p.clean(); err != nil {
			return nil, err
		}
		return p.take(), nil
	case "clean", "dispose":
		if err := p.clean(); err != nil {
			return nil, err
		}
		return voidValue{}, nil
	}
	return nil, notFoundMethod(p, name)
}

func itoa(n int) string {
	if n < 10 && n >= 0 {
		return string(rune('0' + n))
	}
	return value.ToString(n)
}
