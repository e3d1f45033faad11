package tenantio

// readCSV reads a CSV export.
func readCSV(rd *reader) error {
	return &Error{File: rd.src.Name, Msg: "[NotImplemented] reading CSV exports"}
}
