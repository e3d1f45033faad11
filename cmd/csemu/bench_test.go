package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkStartup measures a whole `csemu -c 1` process: start-up,
// building the grammar, parsing and running one statement.
func BenchmarkStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "csemu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for b.Loop() {
		out, err := exec.Command(bin, "-c", "1").Output()
		if err != nil || string(out) != "1\n" {
			b.Fatalf("csemu -c 1: %q, %v", out, err)
		}
	}
}
