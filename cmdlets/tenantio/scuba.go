package tenantio

// readScuba reads a ScubaGear export.
func readScuba(rd *reader) error {
	return &Error{File: rd.src.Name, Msg: "[NotImplemented] reading ScubaGear exports"}
}
