package tenantio

// readDSC reads a Microsoft365DSC export.
func readDSC(rd *reader) error {
	return &Error{File: rd.src.Name, Msg: "[NotImplemented] reading Microsoft365DSC exports"}
}
