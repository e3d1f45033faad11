package cmdlets

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/csemu/csemu/cmdlets/value"
)

// typeIPAddress is System.Net.IPAddress ([ipaddress]).
const typeIPAddress = "System.Net.IPAddress"

// ipAddress is a System.Net.IPAddress.
type ipAddress struct{ addr netip.Addr }

func (a *ipAddress) PSTypeName() string { return typeIPAddress }

// PSString is IPAddress.ToString: dotted quad, or RFC 5952 text for IPv6.
func (a *ipAddress) PSString() string { return a.addr.String() }

// addressFamily is the AddressFamily enum value of the address.
func (a *ipAddress) addressFamily() *enumValue {
	if a.addr.Is4() {
		return &enumValue{typ: "System.Net.Sockets.AddressFamily", name: "InterNetwork", n: 2}
	}
	return &enumValue{typ: "System.Net.Sockets.AddressFamily", name: "InterNetworkV6", n: 23}
}

func (a *ipAddress) psMember(s *Session, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "addressfamily":
		return a.addressFamily(), true
	case "isipv4mappedtoipv6":
		return a.addr.Is4In6(), true
	case "isipv6linklocal":
		return a.addr.Is6() && a.addr.IsLinkLocalUnicast(), true
	case "isipv6multicast":
		return a.addr.Is6() && a.addr.IsMulticast(), true
	case "isipv6sitelocal":
		b := a.addr.As16()
		return a.addr.Is6() && !a.addr.Is4In6() && b[0] == 0xfe && b[1]&0xc0 == 0xc0, true
	case "isipv6teredo":
		b := a.addr.As16()
		return a.addr.Is6() && b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0, true
	case "isipv6uniquelocal":
		b := a.addr.As16()
		return a.addr.Is6() && !a.addr.Is4In6() && b[0]&0xfe == 0xfc, true
	case "scopeid":
		if a.addr.Is4() {
			return nil, false
		}
		return int64(0), true
	}
	return nil, false
}

func (a *ipAddress) psPropertyNames() []string {
	return []string{"AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal", "IsIPv6SiteLocal", "IsIPv6Teredo", "IsIPv6UniqueLocal", "IsIPv4MappedToIPv6"}
}

func (a *ipAddress) psNotImplemented(name string) string {
	switch strings.ToLower(name) {
	case "address", "tryformat", "trywritebytes":
		return typeIPAddress
	}
	return ""
}

func (a *ipAddress) psCall(s *Session, fr frame, name string, args []any) (any, error) {
	switch strings.ToLower(name) {
	case "tostring":
		if len(args) == 0 {
			return a.PSString(), nil
		}
	case "getaddressbytes":
		var raw []byte
		if a.addr.Is4() {
			b := a.addr.As4()
			raw = b[:]
		} else {
			b := a.addr.As16()
			raw = b[:]
		}
		items := make([]any, len(raw))
		for i, b := range raw {
			items[i] = b
		}
		return &value.Array{Items: items, Elem: value.TByte}, nil
	case "maptoipv4":
		if a.addr.Is4In6() {
			return &ipAddress{addr: a.addr.Unmap()}, nil
		}
		if a.addr.Is4() {
			return a, nil
		}
		b := a.addr.As16()
		return &ipAddress{addr: netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})}, nil
	case "maptoipv6":
		if a.addr.Is4() {
			return &ipAddress{addr: netip.AddrFrom16(a.addr.As16())}, nil
		}
		return a, nil
	case "equals":
		if len(args) == 1 {
			o, ok := args[0].(*ipAddress)
			return ok && o.addr == a.addr, nil
		}
	case "gethashcode":
		return int(fnvHash(a.PSString())), nil
	case "gettype":
		return &value.Type{Name: typeIPAddress}, nil
	default:
		return nil, notFoundMethod(a, name)
	}
	return nil, &methodErr{typ: "MethodCountCouldNotFindBest", msg: fmt.Sprintf("Cannot find an overload for \"%s\" and the argument count: \"%d\".", name, len(args))}
}

// parseIPAddress reads an address as IPAddress.Parse does: a dotted quad
// or IPv6 text (with an optional %scope or [brackets]).
func parseIPAddress(str string) (*ipAddress, bool) {
	t := strings.TrimSpace(str)
	if strings.HasPrefix(t, "[") {
		if i := strings.IndexByte(t, ']'); i > 0 {
			t = t[1:i]
		}
	}
	addr, err := netip.ParseAddr(t)
	if err != nil {
		return nil, false
	}
	return &ipAddress{addr: addr.WithZone("")}, true
}

// ipAddressFrom converts a value to [ipaddress] as PowerShell does (by
// IPAddress.Parse for a string).
func ipAddressFrom(v any) (any, error) {
	switch x := v.(type) {
	case *ipAddress:
		return x, nil
	case nil:
		return nil, nil
	case string:
		if a, ok := parseIPAddress(x); ok {
			return a, nil
		}
		return nil, &value.ConversionError{Value: v, Type: typeIPAddress, Detail: "An invalid IP address was specified."}
	}
	return nil, &value.ConversionError{Value: v, Type: typeIPAddress}
}

// ipAddressStatics implements [ipaddress]'s static members.
func ipAddressStatics(c *staticCall) (any, error) {
	fixed := func(s string) (any, error) {
		if c.call {
			return c.notImplemented()
		}
		a, _ := parseIPAddress(s)
		return a, nil
	}
	switch c.lname {
	case "parse":
		if err := c.wantArgs(1); err != nil {
			return nil, err
		}
		if c.arg(0) == nil {
			return nil, &methodErr{typ: "System.ArgumentNullException", msg: "Value cannot be null. (Parameter 'ipString')"}
		}
		a, ok := parseIPAddress(c.argS(0))
		if !ok {
			return nil, &methodErr{typ: "System.FormatException", msg: "An invalid IP address was specified."}
		}
		return a, nil
	case "tryparse":
		if err := c.wantArgs(2); err != nil {
			return nil, err
		}
		var a *ipAddress
		ok := false
		if c.arg(0) != nil {
			a, ok = parseIPAddress(c.argS(0))
		}
		var out any
		if ok {
			out = a
		}
		if err := c.outArg(1, out); err != nil {
			return nil, err
		}
		return ok, nil
	case "isloopback":
		a, ok := c.arg(0).(*ipAddress)
		if !ok {
			return nil, argConvErr("address", c.arg(0), "IsLoopback", typeIPAddress, fmt.Errorf("cannot convert"))
		}
		return a.addr.Unmap().IsLoopback(), nil
	case "any":
		return fixed("0.0.0.0")
	case "loopback":
		return fixed("127.0.0.1")
	case "broadcast", "none":
		return fixed("255.255.255.255")
	case "ipv6any", "ipv6none":
		return fixed("::")
	case "ipv6loopback":
		return fixed("::1")
	}
	return c.notImplemented()
}
