package value

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// uriDefaultPorts are the default ports of the schemes System.Uri knows.
func uriDefaultPort(scheme string) int {
	switch scheme {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	case "ftp":
		return 21
	case "mailto":
		return 25
	case "ldap":
		return 389
	case "news", "nntp":
		return 119
	case "gopher":
		return 70
	case "telnet":
		return 23
	case "net.tcp":
		return 808
	}
	return -1
}

// UriRelativeOnly lists the members a relative System.Uri has; the others
// throw "This operation is not supported for a relative URI."
const UriRelativeOnly = "OriginalString IsAbsoluteUri UserEscaped "

// ParseUri converts a string to a System.Uri as PowerShell does (new
// Uri(s, UriKind.RelativeOrAbsolute)): an object with the properties of
// System.Uri for an absolute URI, and only OriginalString, IsAbsoluteUri
// and UserEscaped for a relative one.
func ParseUri(s string) (*Object, error) {
	fail := func(why string) error {
		return &ConversionError{Value: s, Type: TUri, Detail: "Invalid URI: " + why}
	}
	if s == "" {
		return relativeUri(s), nil
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 {
		if strings.Contains(s, "://") {
			return nil, fail("The format of the URI could not be determined.")
		}
		return relativeUri(s), nil
	}
	scheme := strings.ToLower(u.Scheme)
	hierarchical := u.Opaque == ""
	if hierarchical && u.Host == "" && scheme != "file" {
		return nil, fail("The hostname could not be parsed.")
	}
	host := strings.ToLower(u.Hostname())
	port := uriDefaultPort(scheme)
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n > 65535 {
			return nil, fail("Invalid port specified.")
		}
		port = n
	}
	isDefault := port == uriDefaultPort(scheme)
	hostText := host
	hostType := "Dns"
	if ip := net.ParseIP(host); ip != nil {
		if ip.To4() != nil {
			hostType = "IPv4"
		} else {
			hostType = "IPv6"
			hostText = "[" + host + "]"
		}
	} else if host == "" {
		hostType = "Basic"
	}
	authority := hostText
	if !isDefault && port >= 0 {
		authority += ":" + strconv.Itoa(port)
	}
	path := u.EscapedPath()
	if !hierarchical {
		path = u.Opaque
	} else if path == "" {
		path = "/"
	}
	query := ""
	if u.RawQuery != "" || u.ForceQuery {
		query = "?" + u.RawQuery
	}
	fragment := ""
	if u.Fragment != "" {
		fragment = "#" + u.EscapedFragment()
	}
	userInfo := ""
	if u.User != nil {
		userInfo = u.User.String()
	}
	abs := scheme + ":"
	if hierarchical {
		abs += "//"
		if userInfo != "" {
			abs += userInfo + "@"
		}
		abs += authority
	}
	abs += path + query + fragment
	var segments []any
	if hierarchical {
		for rest := path; rest != ""; {
			i := strings.IndexByte(rest, '/')
			if i < 0 {
				segments = append(segments, rest)
				break
			}
			segments = append(segments, rest[:i+1])
			rest = rest[i+1:]
		}
	}
	local, err := url.PathUnescape(path)
	if err != nil {
		local = path
	}
	if hierarchical && scheme != "file" {
		local = path
	}
	loopback := host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1"
	o := NewObject(TUri, TObject)
	for _, p := range []struct {
		name string
		v    any
	}{
		{"AbsolutePath", path}, {"AbsoluteUri", abs}, {"LocalPath", local}, {"Authority", authority},
		{"HostNameType", hostType}, {"IsDefaultPort", isDefault}, {"IsFile", scheme == "file"},
		{"IsLoopback", loopback}, {"PathAndQuery", path + query}, {"Segments", &Array{Items: segments, Elem: TString}},
		{"IsUnc", scheme == "file" && host != ""}, {"Host", hostText}, {"Port", port}, {"Query", query},
		{"Fragment", fragment}, {"Scheme", scheme}, {"OriginalString", s}, {"DnsSafeHost", host},
		{"IdnHost", host}, {"IsAbsoluteUri", true}, {"UserEscaped", false}, {"UserInfo", userInfo},
	} {
		o.Set(p.name, p.v)
	}
	o.DefaultDisplay = o.Names()
	o.SetToString(abs)
	return o, nil
}

func relativeUri(s string) *Object {
	o := NewObject(TUri, TObject)
	o.Set("OriginalString", s)
	o.Set("IsAbsoluteUri", false)
	o.Set("UserEscaped", false)
	o.DefaultDisplay = o.Names()
	o.SetToString(s)
	return o
}
