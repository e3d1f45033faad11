package tenantio

// readCsJSON reads a Get-Cs JSON export.
func readCsJSON(rd *reader) error {
	return &Error{File: rd.src.Name, Msg: "[NotImplemented] reading Get-Cs JSON exports"}
}
