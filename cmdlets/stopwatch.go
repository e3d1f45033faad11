package cmdlets

import (
	"time"

	"github.com/csemu/csemu/cmdlets/value"
)

// typeStopwatch is the .NET type of a stopwatch.
const typeStopwatch = "System.Diagnostics.Stopwatch"

// stopwatchFrequency is Stopwatch.Frequency on Linux and macOS: its
// ticks are nanoseconds.
const stopwatchFrequency = int64(time.Second)

// stopwatch is the state of a System.Diagnostics.Stopwatch; it measures
// the session's clock, so Start-Sleep advances it as it advances Get-Date.
type stopwatch struct {
	s       *Session
	elapsed time.Duration
	started time.Time
	running bool
}

func (w *stopwatch) now() time.Duration {
	if w.running {
		return w.elapsed + w.s.clock.Now().Sub(w.started)
	}
	return w.elapsed
}

// newStopwatch makes a System.Diagnostics.Stopwatch (Learn: Stopwatch
// class): Start, Stop, Reset, Restart, Elapsed, ElapsedMilliseconds,
// ElapsedTicks and IsRunning.
func (s *Session) newStopwatch(start bool) *value.Object {
	w := &stopwatch{s: s}
	if start {
		w.started, w.running = s.clock.Now(), true
	}
	o := value.NewObject(typeStopwatch, "System.Object")
	o.AddGetter("IsRunning", func() any { return w.running })
	o.AddGetter("Elapsed", func() any { return w.now() })
	o.AddGetter("ElapsedMilliseconds", func() any { return w.now().Milliseconds() })
	o.AddGetter("ElapsedTicks", func() any { return int64(w.now()) * stopwatchFrequency / int64(time.Second) })
	o.DefaultDisplay = []string{"IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks"}
	o.SetToStringGetter(func() any { return typeStopwatch })
	return s.behaveAs(o, &objBehaviour{
		call: func(s *Session, o *value.Object, lname string, args []any) (any, error) {
			switch lname {
			case "start":
				if !w.running {
					w.started, w.running = s.clock.Now(), true
				}
				return voidValue{}, nil
			case "stop":
				w.elapsed, w.running = w.now(), false
				return voidValue{}, nil
			case "reset":
				w.elapsed, w.running = 0, false
				return voidValue{}, nil
			case "restart":
				w.elapsed, w.started, w.running = 0, s.clock.Now(), true
				return voidValue{}, nil
			case "tostring":
				return typeStopwatch, nil
			}
			return nil, notFoundMethod(o, lname)
		},
		set: readOnlySetter,
	})
}

// stopwatchStatics implements [System.Diagnostics.Stopwatch]'s static
// members: StartNew(), GetTimestamp(), Frequency, IsHighResolution.
func stopwatchStatics(c *staticCall) (any, error) {
	switch c.lname {
	case "startnew":
		return c.s.newStopwatch(true), nil
	case "gettimestamp":
		return c.s.clock.Now().UnixNano(), nil
	case "frequency":
		return stopwatchFrequency, nil
	case "ishighresolution":
		return true, nil
	case "getelapsedtime":
		from, _ := value.ToInt64(c.arg(0))
		to := c.s.clock.Now().UnixNano()
		if len(c.args) > 1 {
			to, _ = value.ToInt64(c.arg(1))
		}
		return time.Duration(to - from), nil
	}
	return c.notImplemented()
}
