package main

import (
	"testing"
	"time"
)

// TestUseLocalZone: the local zone is UTC (as a zone of its own, so that
// local times keep DateTimeKind Local) unless TZ names an IANA zone; an
// unknown name is UTC too.
func TestUseLocalZone(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	useLocalZone(env(nil))
	if time.Local == time.UTC || time.Local.String() != "UTC" {
		t.Errorf("no TZ: local zone %q (time.UTC: %v)", time.Local, time.Local == time.UTC)
	}
	useLocalZone(env(map[string]string{"TZ": "Europe/Berlin"}))
	if _, off := time.Date(2024, 7, 1, 0, 0, 0, 0, time.Local).Zone(); off != 2*3600 {
		t.Errorf("TZ=Europe/Berlin: offset %d in July", off)
	}
	useLocalZone(env(map[string]string{"TZ": "No/Such_Zone"}))
	if _, off := time.Date(2024, 7, 1, 0, 0, 0, 0, time.Local).Zone(); off != 0 || time.Local == time.UTC {
		t.Errorf("unknown TZ: offset %d", off)
	}
}
