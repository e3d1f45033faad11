package state

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:generate go run ./internal/gendefaults -in reference/cmdlets.json -supplement reference/defaults-supplement.json -out defaults.json

// defaultsJSON holds the Global defaults that a new tenant starts from,
// taken by go generate from the cmdlet reference reference/cmdlets.json and
// the researched supplement reference/defaults-supplement.json.
//
//go:embed defaults.json
var defaultsJSON string

// defaults is the decoded form of defaultsJSON: the Global objects, and per
// kind the properties whose default no source gives (null in the objects),
// with the reason.
type defaults struct {
	objs    []*Object
	unknown map[string]map[string]string
}

// DefaultObjects returns new copies of the Global configurations and
// policies that a new tenant starts from, with their properties in the
// documented order.
func DefaultObjects() ([]*Object, error) {
	d, err := decodedDefaults()
	if err != nil {
		return nil, err
	}
	out := make([]*Object, len(d.objs))
	for i, o := range d.objs {
		out[i] = o.Clone()
	}
	return out, nil
}

// decodedDefaults decodes the embedded defaults once; callers get clones.
var decodedDefaults = sync.OnceValues(decodeDefaults)

func decodeDefaults() (defaults, error) {
	v, err := decodeJSONFrom(strings.NewReader(defaultsJSON))
	if err != nil {
		return defaults{}, fmt.Errorf("embedded defaults.json: %w", err)
	}
	top, _ := v.(*Object)
	if top == nil {
		return defaults{}, errors.New("embedded defaults.json: not an object")
	}
	list, _ := top.Get("objects")
	items, _ := list.([]any)
	d := defaults{objs: make([]*Object, 0, len(items)), unknown: map[string]map[string]string{}}
	for _, it := range items {
		e, _ := it.(*Object)
		if e == nil {
			return defaults{}, errors.New("embedded defaults.json: bad entry")
		}
		kind, _ := e.Get("kind")
		id, _ := e.Get("identity")
		props, _ := e.Get("properties")
		o := &Object{Kind: str(kind), Identity: str(id)}
		if p, ok := props.(*Object); ok {
			o.Props = p.Props
		}
		if o.Kind == "" || o.Identity == "" {
			return defaults{}, errors.New("embedded defaults.json: entry without kind or identity")
		}
		if u, ok := e.Get("unknown"); ok {
			reasons, _ := u.(*Object)
			if reasons == nil {
				return defaults{}, fmt.Errorf("embedded defaults.json: %s: bad unknown list", o.Kind)
			}
			m := map[string]string{}
			for _, p := range reasons.Props {
				m[p.Name] = str(p.Value)
			}
			d.unknown[o.Kind] = m
		}
		d.objs = append(d.objs, o)
	}
	return d, nil
}

// DefaultObject returns a new copy of the Global defaults of kind.
func DefaultObject(kind string) (*Object, bool) {
	d, err := decodedDefaults()
	if err != nil {
		return nil, false
	}
	for _, o := range d.objs {
		if o.Kind == kind {
			return o.Clone(), true
		}
	}
	return nil, false
}

// UnknownDefault reports why the Global default of a property of kind is
// unknown (its value in DefaultObject is nil): no source gives it. It
// returns false for a property whose default is known.
func UnknownDefault(kind, property string) (reason string, ok bool) {
	d, err := decodedDefaults()
	if err != nil {
		return "", false
	}
	reason, ok = d.unknown[kind][property]
	return reason, ok
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// DecodeJSON decodes one JSON value into property values, keeping the
// order of object members: an object becomes an *Object (without kind or
// identity), an integer an int64, any other number a float64.
func DecodeJSON(data []byte) (any, error) {
	return decodeJSONFrom(bytes.NewReader(data))
}

func decodeJSONFrom(r io.Reader) (any, error) {
	d := json.NewDecoder(r)
	d.UseNumber()
	v, err := decodeJSON(d, 0)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

func decodeJSON(d *json.Decoder, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("JSON nested too deeply")
	}
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			l := []any{}
			for d.More() {
				v, err := decodeJSON(d, depth+1)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := d.Token()
			return l, err
		case '{':
			o := &Object{}
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeJSON(d, depth+1)
				if err != nil {
					return nil, err
				}
				o.Props = append(o.Props, Prop{Name: k.(string), Value: v})
			}
			_, err := d.Token()
			return o, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		if !strings.ContainsAny(t.String(), ".eE") {
			if i, err := t.Int64(); err == nil {
				return i, nil
			}
		}
		return t.Float64()
	}
	return tok, nil // nil, bool or string
}
