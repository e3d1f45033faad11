package cmdlets

import (
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
	"github.com/csemu/csemu/parser"
)

// stageIO is what a pipeline stage (a cmdlet, a function, a script block
// or an expression) does with its streams: the stream context its code
// runs in, its redirections, its -OutBuffer and its -PipelineVariable.
type stageIO struct {
	s *Session
	// caller is the frame the command was called from: redirected
	// variables and files are written there.
	caller frame
	ctx    *streamContext
	redirs *redirects
	pv     *pipelineVar
	buf    *outBuffer
}

// enter makes the stage's stream context the session's; leave puts back
// the one enter returned and passes on the error of the stage's code (see
// failed).
func (io *stageIO) enter() *streamContext {
	prev := io.s.streams
	io.s.streams = io.ctx
	return prev
}

func (io *stageIO) leave(prev *streamContext, err error) error {
	io.s.streams = prev
	return io.failed(err)
}

// failed puts a terminating error that comes out of the stage in the
// -ErrorVariable lists of its context, as pwsh records the exception that
// stops a command in its error variable.
func (io *stageIO) failed(err error) error {
	var pe *psError
	if err != nil && io.ctx != nil && len(io.ctx.errVars) > 0 && asPSError(err, &pe) && !pe.listed {
		pe.listed = true
		for _, l := range io.ctx.errVars {
			l.Items = append(l.Items, pe.rec)
		}
	}
	return err
}

// close ends the stage's output: it sends on what -OutBuffer holds and
// writes the files and variables of its redirections. It runs in the
// caller's stream context.
func (io *stageIO) close() error {
	var err error
	if io.buf != nil {
		err = io.buf.flush()
	}
	if ferr := io.redirs.finish(io.s, io.caller); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// teardown runs when the whole pipeline is done or has failed: the
// redirections write what they got, and the pipeline variable goes.
func (io *stageIO) teardown() {
	_ = io.redirs.finish(io.s, io.caller)
	if io.pv != nil {
		io.pv.remove()
	}
}

// setupStageInto prepares the streams of a command called from fr: its
// redirections rs (expr for an expression), and for a command that takes
// the common parameters, those of cp (-OutVariable, -ErrorVariable,
// -WarningVariable, -InformationVariable, -PipelineVariable, -OutBuffer).
// It fills io, which the stage holds, and returns the function that
// receives what the command writes to its success stream. last is set for
// the last element of a pipeline.
func (s *Session) setupStageInto(io *stageIO, fr frame, rs []*parser.Redirection, emit emitFn, expr bool, cp *commonParams, last bool) (emitFn, error) {
	*io = stageIO{s: s, caller: fr, ctx: s.streams}
	out := emit
	if len(rs) > 0 {
		r, err := s.redirections(fr, rs, emit, expr)
		if err != nil {
			return nil, err
		}
		io.redirs = r
		out = r.out
	}
	var errList, warnList, infoList *value.Array
	if cp != nil {
		if cp.outBuffer > 0 && !last && io.redirs == nil {
			io.buf = &outBuffer{size: cp.outBuffer, next: out}
			out = io.buf.add
		}
		if cp.pipelineVar != "" && !isDiscard(io.redirs) {
			io.pv = s.newPipelineVar(fr, cp.pipelineVar)
			pv, next := io.pv, out
			out = func(v any) error {
				pv.v.Value = v
				return next(v)
			}
		}
		if cp.outVar != "" {
			list := s.setupVarList(fr, cp.outVar)
			next := out
			out = func(v any) error {
				list.Items = append(list.Items, v)
				return next(v)
			}
		}
		if cp.errorVar != "" {
			errList = s.setupVarList(fr, cp.errorVar)
		}
		if cp.warningVar != "" {
			warnList = s.setupVarList(fr, cp.warningVar)
		}
		if cp.infoVar != "" {
			infoList = s.setupVarList(fr, cp.infoVar)
		}
	}
	io.ctx = io.ctx.derive(io.redirs, last, errList, warnList, infoList)
	return out, nil
}

// isDiscard reports whether redirections send the success stream to $null.
func isDiscard(r *redirects) bool { return r != nil && r.discardsOutput }

// setupVarList makes the list of a -OutVariable, -ErrorVariable,
// -WarningVariable or -InformationVariable and sets the variable to it, in
// the caller's scope, when the command starts: a new ArrayList, or with
// "+name" the variable's ArrayList to add to (a copy of its items when it
// holds something else).
func (s *Session) setupVarList(fr frame, name string) *value.Array {
	list := &value.Array{List: true}
	if rest, ok := strings.CutPrefix(name, "+"); ok {
		name = rest
		old, _ := s.getVar(fr.scope, name)
		switch x := old.(type) {
		case nil:
		case *value.Array:
			if x.List && x.Elem == "" && x.Kind == "" {
				list = x // an ArrayList grows in place
			} else {
				list.Items = append(list.Items, x.Items...)
			}
		default:
			list.Items = append(list.Items, x)
		}
	}
	_ = s.setVar(fr.scope, name, list)
	return list
}

// pipelineVar is the variable of a -PipelineVariable: it holds the last
// object the command sent down the pipeline, for the later commands of
// the pipeline (about_CommonParameters). It is $null when the pipeline
// starts, and when the pipeline ends it is $null again, or gone if the
// pipeline made it.
type pipelineVar struct {
	sc      *Scope
	key     string
	v       *Variable
	created bool
}

func (s *Session) newPipelineVar(fr frame, name string) *pipelineVar {
	key := strings.ToLower(name)
	pv := &pipelineVar{sc: fr.scope, key: key}
	if v, ok := fr.scope.vars[key]; ok {
		pv.v = v
		v.Value = nil
	} else {
		pv.v = &Variable{Name: name}
		pv.created = true
		fr.scope.vars[key] = pv.v
	}
	return pv
}

func (pv *pipelineVar) remove() {
	pv.v.Value = nil
	if pv.created && pv.sc.vars[pv.key] == pv.v {
		delete(pv.sc.vars, pv.key)
	}
}

// outBuffer holds what a command with -OutBuffer n writes and sends it on
// in batches of n+1 (about_CommonParameters), and the rest when the
// command ends.
type outBuffer struct {
	size  int
	items []any
	next  emitFn
}

func (b *outBuffer) add(v any) error {
	b.items = append(b.items, v)
	if len(b.items) > b.size {
		return b.flush()
	}
	return nil
}

func (b *outBuffer) flush() error {
	items := b.items
	b.items = nil
	for _, it := range items {
		if err := b.next(it); err != nil {
			return err
		}
	}
	return nil
}
