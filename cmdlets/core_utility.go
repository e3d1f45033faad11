package cmdlets

import (
	"crypto/md5"
	crand "crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/big"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csemu/csemu/cmdlets/value"
)

// utilityCmdlets are more cmdlets of Microsoft.PowerShell.Utility:
// ConvertFrom-StringData, Get-Unique, Get-Verb, Get-Random and
// Get-SecureRandom.
func utilityCmdlets() []*Cmdlet {
	random := func() []*ParamDef {
		return []*ParamDef{sets(p("Maximum", "object", 0), "RandomNumberParameterSet"), sets(p("Minimum", "object", -1), "RandomNumberParameterSet"),
			allowNull(mand(sets(pipe(p("InputObject", "object[]", 0)), "RandomListItemParameterSet", "ShuffleParameterSet"))),
			positive(sets(p("Count", "int", -1), "RandomNumberParameterSet", "RandomListItemParameterSet")),
			mand(sets(p("Shuffle", "switch", -1), "ShuffleParameterSet"))}
	}
	return []*Cmdlet{
		{
			Name: "ConvertFrom-StringData", Synopsis: "Converts a string containing one or more key and value pairs to a hash table.",
			Doc:     "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertfrom-stringdata",
			Params:  []*ParamDef{allowEmpty(mand(pipe(p("StringData", "string", 0)))), p("Delimiter", "char", 1)},
			Process: convertFromStringDataProcess,
		},
		{
			Name: "Get-Unique", Synopsis: "Returns unique items from a sorted list.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-unique",
			Params: []*ParamDef{pipe(p("InputObject", "object", -1)), sets(p("AsString", "switch", -1), "AsString"),
				sets(p("OnType", "switch", -1), "UniqueByType"), p("CaseInsensitive", "switch", -1)},
			Process: getUniqueProcess,
		},
		{
			Name: "Get-Verb", Synopsis: "Gets approved PowerShell verbs.",
			Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-verb",
			Params: []*ParamDef{byName(pipe(p("Verb", "string[]", 0))),
				values(byName(pipe(p("Group", "string[]", 1))), "Common", "Communications", "Data", "Diagnostic", "Lifecycle", "Other", "Security")},
			Process: getVerbProcess,
		},
		{
			Name: "Get-Random", Synopsis: "Gets a random number, or selects objects randomly from a collection.",
			Doc:    "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-random",
			Params: append(random(), sets(p("SetSeed", "int", -1), "RandomNumberParameterSet", "RandomListItemParameterSet", "ShuffleParameterSet")),
			// with no argument it is a number
			DefaultSet: "RandomNumberParameterSet",
			Begin:      randomBegin, Process: randomProcess, End: randomEnd,
		},
		{
			Name: "Get-SecureRandom", Synopsis: "Gets a random number, or selects objects randomly from a collection, from a cryptographically secure source.",
			Doc:        "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-securerandom",
			Params:     random(),
			DefaultSet: "RandomNumberParameterSet",
			Begin:      randomBegin, Process: randomProcess, End: randomEnd,
		},
	}
}

// convertFromStringDataProcess is ConvertFrom-StringData: each line
// name=value (or with -Delimiter) of the text becomes an entry of a
// hashtable whose keys ignore case; empty lines and lines starting with #
// are skipped; the value's escapes are read as Regex.Unescape reads them.
func convertFromStringDataProcess(c *Call) error {
	h := value.NewHashtable()
	text := c.String("StringData")
	delim := '='
	if c.Has("Delimiter") {
		if r, _ := utf8.DecodeRuneInString(value.ToString(c.Arg("Delimiter"))); r != utf8.RuneError {
			delim = r
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.IndexRune(line, delim)
		if i <= 0 {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "InvalidOperation", Category: InvalidOperation,
				Exception: "System.Management.Automation.PSInvalidOperationException", Msg: fmt.Sprintf("Data line '%s' is not in 'name=value' format. ", line)}}
		}
		name := strings.TrimSpace(line[:i])
		if h.Has(name) {
			return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "InvalidOperation", Category: InvalidOperation,
				Exception: "System.Management.Automation.PSInvalidOperationException", Msg: fmt.Sprintf("Data item '%s' in line '%s' is already defined. ", name, line)}}
		}
		h.Set(name, regexUnescape(strings.TrimSpace(line[i+utf8.RuneLen(delim):])))
	}
	return c.Write(h)
}

// regexUnescape reads the escapes of a regular expression's text as
// Regex.Unescape does: \t \n \r \f \v \a \e, \b (backspace), \0 and octal
// digits, \xhh, \uhhhh, \cX, and a backslash before any other character
// stands for that character.
func regexUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch ch := s[i]; ch {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'a':
			b.WriteByte('\a')
		case 'e':
			b.WriteByte(0x1b)
		case 'b':
			b.WriteByte('\b')
		case 'x', 'u':
			n := 2
			if ch == 'u' {
				n = 4
			}
			if i+n < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32); err == nil {
					b.WriteRune(rune(v))
					i += n
					continue
				}
			}
			b.WriteByte(ch)
		case 'c':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i] & 0x1f)
				continue
			}
			b.WriteByte(ch)
		default:
			if ch >= '0' && ch <= '7' {
				v, j := 0, i
				for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
					v = v*8 + int(s[j]-'0')
					j++
				}
				b.WriteRune(rune(v & 0xff))
				i = j - 1
				continue
			}
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// uniqueState is what Get-Unique keeps: the last object it wrote.
type uniqueState struct {
	last    any
	lastStr string
	have    bool
}

// getUniqueProcess is Get-Unique: an object is written when it differs
// from the last one written (as Sort-Object compares them, or with
// -AsString as text, or with -OnType by type name), so that a sorted list
// loses its repeats. -InputObject given as an argument is one object.
func getUniqueProcess(c *Call) error {
	st, _ := c.State.(*uniqueState)
	if st == nil {
		st = &uniqueState{}
		c.State = st
	}
	if !c.Has("InputObject") {
		return nil
	}
	in := c.Arg("InputObject")
	cs := !c.Bool("CaseInsensitive")
	unique := true
	switch {
	case !st.have:
	case c.Bool("OnType"):
		unique = typeNameOf(in) != typeNameOf(st.last)
	case c.Bool("AsString"):
		text := c.s.toString(in)
		if cs && text == st.lastStr || !cs && strings.EqualFold(text, st.lastStr) {
			unique = false
		} else {
			st.lastStr = text
		}
	default:
		unique = sortCompare(in, st.last, cs, nil) != 0
	}
	if !unique {
		return nil
	}
	if !st.have || !c.Bool("AsString") {
		st.lastStr = c.s.toString(in)
	}
	st.last, st.have = in, true
	return c.Write(in)
}

// typeNameOf is the first of a value's type names.
func typeNameOf(v any) string {
	if names := typeNamesOf(v); names != nil && len(names.Items) > 0 {
		return value.ToString(names.Items[0])
	}
	return ""
}

// verbTable lists the approved verbs, each "Verb|Group|AliasPrefix|
// Description", in the order Get-Verb writes them (PowerShell's Verbs
// classes and their descriptions).
func verbTable() string {
	return `Add|Common|a|Adds a resource to a container, or attaches an item to another item
Clear|Common|cl|Removes all the resources from a container but does not delete the container
Close|Common|cs|Changes the state of a resource to make it inaccessible, unavailable, or unusable
Copy|Common|cp|Copies a resource to another name or to another container
Enter|Common|et|Specifies an action that allows the user to move into a resource
Exit|Common|ex|Sets the current environment or context to the most recently used context
Find|Common|fd|Looks for an object in a container that is unknown, implied, optional, or specified
Format|Common|f|Arranges objects in a specified form or layout
Get|Common|g|Specifies an action that retrieves a resource
Hide|Common|h|Makes a resource undetectable
Join|Common|j|Combines resources into one resource
Lock|Common|lk|Secures a resource
Move|Common|m|Moves a resource from one location to another
New|Common|n|Creates a resource
Open|Common|op|Changes the state of a resource to make it accessible, available, or usable
Optimize|Common|om|Increases the effectiveness of a resource
Push|Common|pu|Adds an item to the top of a stack
Pop|Common|pop|Removes an item from the top of a stack
Redo|Common|re|Resets a resource to the state that was undone
Remove|Common|r|Deletes a resource from a container
Rename|Common|rn|Changes the name of a resource
Reset|Common|rs|Sets a resource back to its original state
Resize|Common|rz|Changes the size of a resource
Search|Common|sr|Creates a reference to a resource in a container
Select|Common|sc|Locates a resource in a container
Set|Common|s|Replaces data on an existing resource or creates a resource that contains some data
Show|Common|sh|Makes a resource visible to the user
Skip|Common|sk|Bypasses one or more resources or points in a sequence
Split|Common|sl|Separates parts of a resource
Step|Common|st|Moves to the next point or resource in a sequence
Switch|Common|sw|Specifies an action that alternates between two resources, such as to change between two locations, responsibilities, or states
Undo|Common|un|Sets a resource to its previous state
Unlock|Common|uk|Releases a resource that was locked
Watch|Common|wc|Continually inspects or monitors a resource for changes
Connect|Communications|cc|Creates a link between a source and a destination
Disconnect|Communications|dc|Breaks the link between a source and a destination
Read|Communications|rd|Acquires information from a source
Receive|Communications|rc|Accepts information sent from a source
Send|Communications|sd|Delivers information to a destination
Write|Communications|wr|Adds information to a target
Backup|Data|ba|Stores data by replicating it
Checkpoint|Data|ch|Creates a snapshot of the current state of the data or of its configuration
Compare|Data|cr|Evaluates the data from one resource against the data from another resource
Compress|Data|cm|Compacts the data of a resource
Convert|Data|cv|Changes the data from one representation to another when the cmdlet supports bidirectional conversion or when the cmdlet supports conversion between multiple data types
ConvertFrom|Data|cf|Converts one primary type of input (the cmdlet noun indicates the input) to one or more supported output types
ConvertTo|Data|ct|Converts from one or more types of input to a primary output type (the cmdlet noun indicates the output type)
Dismount|Data|dm|Detaches a named entity from a location
Edit|Data|ed|Modifies existing data by adding or removing content
Expand|Data|en|Restores the data of a resource that has been compressed to its original state
Export|Data|ep|Encapsulates the primary input into a persistent data store, such as a file, or into an interchange format
Group|Data|gp|Arranges or associates one or more resources
Import|Data|ip|Creates a resource from data that is stored in a persistent data store (such as a file) or in an interchange format
Initialize|Data|in|Prepares a resource for use, and sets it to a default state
Limit|Data|l|Applies constraints to a resource
Merge|Data|mg|Creates a single resource from multiple resources
Mount|Data|mt|Attaches a named entity to a location
Out|Data|o|Sends data out of the environment
Publish|Data|pb|Makes a resource available to others
Restore|Data|rr|Sets a resource to a predefined state, such as a state set by Checkpoint
Save|Data|sv|Preserves data to avoid loss
Sync|Data|sy|Assures that two or more resources are in the same state
Unpublish|Data|ub|Makes a resource unavailable to others
Update|Data|ud|Brings a resource up-to-date to maintain its state, accuracy, conformance, or compliance
Debug|Diagnostic|db|Examines a resource to diagnose operational problems
Measure|Diagnostic|ms|Identifies resources that are consumed by a specified operation, or retrieves statistics about a resource
Ping|Diagnostic|pi|Use the Test verb
Repair|Diagnostic|rp|Restores a resource to a usable condition
Resolve|Diagnostic|rv|Maps a shorthand representation of a resource to a more complete representation
Test|Diagnostic|t|Verifies the operation or consistency of a resource
Trace|Diagnostic|tr|Tracks the activities of a resource
Approve|Lifecycle|ap|Confirms or agrees to the status of a resource or process
Assert|Lifecycle|as|Affirms the state of a resource
Build|Lifecycle|bd|Creates an artifact (usually a binary or document) out of some set of input files (usually source code or declarative documents)
Complete|Lifecycle|cmp|Concludes an operation
Confirm|Lifecycle|cn|Acknowledges, verifies, or approves the state of a resource or process
Deny|Lifecycle|dn|Refuses, objects, blocks, or opposes the state of a resource or process
Deploy|Lifecycle|dp|Sends an application, website, or solution to a remote target[s] in such a way that a consumer of that solution can access it after deployment is complete
Disable|Lifecycle|d|Configures a resource to an unavailable or inactive state
Enable|Lifecycle|e|Configures a resource to an available or active state
Install|Lifecycle|is|Places a resource in a location, and optionally initializes it
Invoke|Lifecycle|i|Performs an action, such as running a command or a method
Register|Lifecycle|rg|Creates an entry for a resource in a repository such as a database
Request|Lifecycle|rq|Asks for a resource or asks for permissions
Restart|Lifecycle|rt|Stops an operation and then starts it again
Resume|Lifecycle|ru|Starts an operation that has been suspended
Start|Lifecycle|sa|Initiates an operation
Stop|Lifecycle|sp|Discontinues an activity
Submit|Lifecycle|sb|Presents a resource for approval
Suspend|Lifecycle|ss|Pauses an activity
Uninstall|Lifecycle|us|Removes a resource from an indicated location
Unregister|Lifecycle|ur|Removes the entry for a resource from a repository
Wait|Lifecycle|w|Pauses an operation until a specified event occurs
Use|Other|u|Uses or includes a resource to do something
Block|Security|bl|Restricts access to a resource
Grant|Security|gr|Allows access to a resource
Protect|Security|pt|Safeguards a resource from attack or loss
Revoke|Security|rk|Specifies an action that does not allow access to a resource
Unblock|Security|ul|Removes restrictions to a resource
Unprotect|Security|up|Removes safeguards from a resource that were added to prevent it from attack or loss
`
}

// getVerbProcess is Get-Verb: the approved verbs of the -Group groups
// whose names match -Verb (wildcards), each once.
func getVerbProcess(c *Call) error {
	verbs, groups := c.Strings("Verb"), c.Strings("Group")
	for _, line := range strings.Split(strings.TrimSpace(verbTable()), "\n") {
		f := strings.SplitN(line, "|", 4)
		if len(groups) > 0 && !containsFold(groups, f[1]) || len(verbs) > 0 && !likeAnyOf(f[0], verbs) {
			continue
		}
		o := value.NewObject("System.Management.Automation.VerbInfo")
		o.Set("Verb", f[0])
		o.Set("AliasPrefix", f[2])
		o.Set("Group", f[1])
		o.Set("Description", f[3])
		o.SetToString(f[0])
		o.DefaultDisplay = []string{"Verb", "AliasPrefix", "Group", "Description"}
		if err := c.Write(o); err != nil {
			return err
		}
	}
	return nil
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// randomSource is the generator of a Get-Random or Get-SecureRandom
// call: a seeded one for -SetSeed, else the system's cryptographic one.
type randomSource struct {
	seeded *rand.Rand
}

// uint64 is a random 64-bit number.
func (r *randomSource) uint64() uint64 {
	if r.seeded != nil {
		return r.seeded.Uint64()
	}
	var b [8]byte
	if _, err := crand.Read(b[:]); err != nil {
		return rand.Uint64()
	}
	return binary.LittleEndian.Uint64(b[:])
}

// below is a random number in [0, n), n > 0.
func (r *randomSource) below(n uint64) uint64 {
	if n&(n-1) == 0 {
		return r.uint64() & (n - 1)
	}
	limit := math.MaxUint64 - math.MaxUint64%n
	for {
		if v := r.uint64(); v < limit {
			return v % n
		}
	}
}

// float is a random number in [0, 1).
func (r *randomSource) float() float64 { return float64(r.uint64()>>11) / (1 << 53) }

// randomState is what a Get-Random call keeps between its blocks.
type randomState struct {
	src   *randomSource
	list  bool
	items []any
}

// randomBegin picks the generator, and in the number set writes the
// numbers: [int] between two [int]s (the default, 0 to [int]::MaxValue),
// [long] when a bound is a [long], [double] when one is not an integer;
// a string bound is read as a number literal ('1kb', '0x10').
func randomBegin(c *Call) error {
	st := &randomState{src: &randomSource{}}
	c.State = st
	if c.Has("SetSeed") {
		seed := uint64(int64(c.Int("SetSeed", 0)))
		st.src.seeded = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	}
	maxArg, hasMax := c.Lookup("Maximum")
	if c.Has("InputObject") || c.Has("Shuffle") || c.HasInput && !hasMax && !c.Has("Minimum") {
		st.list = true
		return nil
	}
	if a, ok := maxArg.(*value.Array); ok && hasMax {
		// Get-Random 1,2,3: the list is the maximum's
		st.list = true
		st.items = append(st.items, a.Items...)
		return nil
	}
	minV, err := randomOperand(c, c.Arg("Minimum"))
	if err != nil {
		return err
	}
	maxV, err := randomOperand(c, maxArg)
	if err != nil {
		return err
	}
	count := c.Int("Count", 1)
	isInt := func(v any) bool { _, ok := v.(int); return v == nil || ok }
	isLong := func(v any) bool { _, ok := v.(int64); return v == nil || ok || isInt(v) }
	minMax := func(lo, hi any) error {
		return &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "MinGreaterThanOrEqualMax", Category: InvalidArgument,
			Exception: "System.ArgumentException",
			Msg:       fmt.Sprintf("The Minimum value (%s) cannot be greater than or equal to the Maximum value (%s).", value.ToString(lo), value.ToString(hi))}}
	}
	switch {
	case isInt(minV) && isInt(maxV):
		lo, hi := 0, math.MaxInt32
		if minV != nil {
			lo = minV.(int)
		}
		if maxV != nil {
			hi = maxV.(int)
		}
		if lo >= hi {
			return minMax(lo, hi)
		}
		for i := 0; i < count; i++ {
			if err := c.Write(lo + int(st.src.below(uint64(hi-lo)))); err != nil {
				return err
			}
		}
	case isLong(minV) && isLong(maxV):
		lo, hi := int64(0), int64(math.MaxInt64)
		if minV != nil {
			lo, _ = value.ToInt64(minV)
		}
		if maxV != nil {
			hi, _ = value.ToInt64(maxV)
		}
		if lo >= hi {
			return minMax(lo, hi)
		}
		span := new(big.Int).Sub(big.NewInt(hi), big.NewInt(lo)).Uint64()
		for i := 0; i < count; i++ {
			if err := c.Write(lo + int64(st.src.below(span))); err != nil {
				return err
			}
		}
	default:
		lo, hi := 0.0, math.MaxFloat64
		if minV != nil {
			if lo, err = value.ToFloat(minV); err != nil {
				return err
			}
		}
		if maxV != nil {
			if hi, err = value.ToFloat(maxV); err != nil {
				return err
			}
		}
		if lo >= hi {
			return minMax(lo, hi)
		}
		for i := 0; i < count; i++ {
			var n float64
			for {
				r := st.src.float()
				// lo + r*(hi-lo) without overflowing when the span is past
				// [double]::MaxValue
				n = lo + r*hi - r*lo
				if n < hi {
					break
				}
			}
			if err := c.Write(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// randomOperand reads a bound of Get-Random: a string as a number
// literal, any other value as it is.
func randomOperand(c *Call, v any) (any, error) {
	s, ok := v.(string)
	if !ok {
		if v != nil {
			if _, isNum := v.(int); !isNum {
				if _, isLong := v.(int64); !isLong {
					if f, err := value.ToFloat(v); err == nil {
						return f, nil
					}
				}
			}
		}
		return v, nil
	}
	t := strings.TrimSpace(s)
	n, ok := value.ParseNumber(t)
	if !ok && len(t) > 2 && strings.EqualFold(t[:2], "0x") {
		// Parser.ScanNumber reads hexadecimal digits into a UInt32 first
		return nil, &psError{kind: statementTerminating, rec: &ErrorRecord{Pos: c.Pos, Command: c.cmd.Name, ID: "System.OverflowException", Category: NotSpecified,
			Exception: "System.OverflowException", Msg: "Value was either too large or too small for a UInt32."}}
	}
	if !ok {
		return nil, c.FailBinding("InvalidCastFromStringToInteger", "Cannot convert value \"%s\" to type \"System.Int32\". Error: \"The input string '%s' was not in a correct format.\"", s, s)
	}
	return n, nil
}

// randomProcess collects the list items.
func randomProcess(c *Call) error {
	st := c.State.(*randomState)
	if !st.list {
		return nil
	}
	if !c.Has("InputObject") {
		if c.HasInput {
			st.items = append(st.items, c.Input)
		}
		return nil
	}
	in := c.Arg("InputObject")
	if in == nil {
		st.items = append(st.items, nil)
		return nil
	}
	st.items = append(st.items, value.AsSlice(in)...)
	return nil
}

// randomEnd writes -Count items of the list picked at random (all of
// them, in a random order, with -Shuffle).
func randomEnd(c *Call) error {
	st := c.State.(*randomState)
	if !st.list {
		return nil
	}
	items := st.items
	n := c.Int("Count", 1)
	if c.Bool("Shuffle") || n > len(items) {
		n = len(items)
	}
	for i := 0; i < n; i++ {
		j := i + int(st.src.below(uint64(len(items)-i)))
		items[i], items[j] = items[j], items[i]
		if err := c.Write(items[i]); err != nil {
			return err
		}
	}
	return nil
}

// fileHashCmdlet is Get-FileHash: the hash of each file, as a
// FileHashInfo (Algorithm, Hash in upper-case hexadecimal, Path).
func fileHashCmdlet() *Cmdlet {
	return &Cmdlet{
		Name: "Get-FileHash", Synopsis: "Computes the hash value for a file by using a specified hash algorithm.",
		Doc: "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/get-filehash",
		Params: []*ParamDef{mand(sets(byName(pipe(p("Path", "string[]", 0))), "Path")),
			mand(sets(byName(alias(p("LiteralPath", "string[]", 0), "PSPath", "LP")), "LiteralPath")),
			mand(sets(p("InputStream", "object", 0), "StreamParameterSet")),
			values(p("Algorithm", "string", 1), "SHA1", "SHA256", "SHA384", "SHA512", "MD5")},
		DefaultSet: "Path",
		Process:    fileHashProcess,
	}
}

// fileHashProcess hashes the files -Path (wildcards) or -LiteralPath
// name: a path that names nothing is FileNotFound, a folder
// UnauthorizedAccessError, both non-terminating.
func fileHashProcess(c *Call) error {
	if err := c.refused(); err != nil {
		return err
	}
	algo := strings.ToUpper(c.String("Algorithm"))
	if algo == "" {
		algo = "SHA256"
	}
	literal := c.Has("LiteralPath")
	paths := c.Strings("Path")
	if literal {
		paths = c.Strings("LiteralPath")
	}
	for _, given := range paths {
		var targets []psPath
		if literal {
			pp, err := c.s.parsePSPath(c.fr, given)
			if err != nil {
				if err := c.writeProblem(err); err != nil {
					return err
				}
				continue
			}
			targets = []psPath{pp}
		} else {
			found, err := c.resolve(given, false)
			if err != nil || len(found) == 0 {
				if !value.HasWildcard(given) {
					if err := c.WriteError(&ErrorRecord{ID: "FileNotFound", Category: ObjectNotFound, Target: given,
						Exception: "System.Management.Automation.ItemNotFoundException",
						Msg:       fmt.Sprintf("Cannot find path '%s' because it does not exist.", given)}); err != nil {
						return err
					}
				}
				continue
			}
			targets = found
		}
		for _, pp := range targets {
			if err := c.hashFile(pp, algo); err != nil {
				return err
			}
		}
	}
	return nil
}

// hashFile writes the FileHashInfo of one file, or its error.
func (c *Call) hashFile(pp psPath, algo string) error {
	if pp.prov != provFS {
		return c.WriteError(&ErrorRecord{ID: "FileNotFound", Category: ObjectNotFound, Target: pp.String(), Exception: "System.IO.FileNotFoundException",
			Msg: fmt.Sprintf("Could not find file '%s'.", pp.String())})
	}
	if st, err := c.s.host.files.Stat(pp.path); err == nil && st.IsDir() {
		return c.WriteError(&ErrorRecord{ID: "UnauthorizedAccessError", Category: InvalidData, Target: pp.path, Exception: "System.UnauthorizedAccessException",
			Msg: fmt.Sprintf("Access to the path '%s' is denied.", pp.path)})
	}
	data, err := c.s.readFile(pp.path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return c.WriteError(&ErrorRecord{ID: "FileNotFound", Category: ObjectNotFound, Target: pp.path, Exception: "System.IO.FileNotFoundException",
				Msg: fmt.Sprintf("Could not find file '%s'.", pp.path)})
		}
		return c.WriteError(&ErrorRecord{ID: "FileReadError", Category: ReadError, Target: pp.path, Exception: "System.IO.IOException",
			Msg: fsErrorMessage(err, pp.path)})
	}
	var sum []byte
	switch algo {
	case "SHA1":
		h := sha1.Sum(data)
		sum = h[:]
	case "SHA384":
		h := sha512.Sum384(data)
		sum = h[:]
	case "SHA512":
		h := sha512.Sum512(data)
		sum = h[:]
	case "MD5":
		h := md5.Sum(data)
		sum = h[:]
	default:
		h := sha256.Sum256(data)
		sum = h[:]
	}
	o := value.NewObject("Microsoft.Powershell.Utility.FileHash")
	o.Set("Algorithm", algo)
	o.Set("Hash", strings.ToUpper(hex.EncodeToString(sum)))
	o.Set("Path", pp.path)
	return c.Write(o)
}

// newTemporaryFileCmdlet is New-TemporaryFile: an empty file of a new
// name (tmpXXXXXX.tmp, as Path.GetTempFileName makes it on Unix) in the
// temporary folder, written through the session's file hooks; it writes
// the file's FileInfo.
func newTemporaryFileCmdlet() *Cmdlet {
	return &Cmdlet{
		Name: "New-TemporaryFile", Synopsis: "Creates a temporary file.",
		Doc:           "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/new-temporaryfile",
		ShouldProcess: true, Writes: true,
		Process: func(c *Call) error {
			dir := c.s.tempDir()
			// the target is Path.GetTempPath(), which ends with a separator
			if !c.ShouldProcess(strings.TrimSuffix(dir, "/")+"/", "New-TemporaryFile") {
				return nil
			}
			src := &randomSource{}
			const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
			for try := 0; try < 100; try++ {
				var b strings.Builder
				b.WriteString("tmp")
				for i := 0; i < 6; i++ {
					b.WriteByte(letters[src.below(uint64(len(letters)))])
				}
				b.WriteString(".tmp")
				path := filepath.Join(dir, b.String())
				if _, err := c.s.host.files.Stat(path); err == nil {
					continue
				}
				if err := c.s.writeFile(c.fr, c.Pos, c.cmd.Name, path, nil, false); err != nil {
					return err
				}
				if _, err := c.s.host.files.Stat(path); err != nil {
					// not written (writes are off: a warning said so)
					return nil
				}
				o, err := c.s.itemObject(c.fr, psPath{prov: provFS, path: path})
				if err != nil {
					return err
				}
				return c.Write(o)
			}
			return c.Fail("NewTemporaryFileWriteError", WriteError, "The temporary file could not be created in %s.", dir)
		},
	}
}
