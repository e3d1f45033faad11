package parser

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestScratch(t *testing.T) {
	f := os.Getenv("SCRATCH")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	for _, src := range strings.Split(string(b), "\n=====\n") {
		_, err := Parse("", src)
		if err != nil {
			var l ErrorList
			l, _ = err.(ErrorList)
			var parts []string
			for _, e := range l {
				parts = append(parts, fmt.Sprintf("%s [inc=%v]", e.Error(), e.Incomplete))
			}
			fmt.Printf("%q\n   => %s\n", src, strings.Join(parts, " | "))
		} else {
			fmt.Printf("%q\n   => OK\n", src)
		}
	}
}
