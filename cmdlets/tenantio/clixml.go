package tenantio

// readClixml reads a CLIXML export.
func readClixml(rd *reader) error {
	return &Error{File: rd.src.Name, Msg: "[NotImplemented] reading CLIXML exports"}
}
