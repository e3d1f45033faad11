package tenantio

// roundTripFormats are the formats of the round-trip property test.
func roundTripFormats() []roundTripFormat {
	return []roundTripFormat{
		{format: FormatCsJSON},
	}
}
