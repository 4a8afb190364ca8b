//go:build !(linux || darwin)

package build

// readFile reads the regular file name whole.
func readFile(name string) ([]byte, error) { return readFileOS(name) }

// writeFile writes b to the file name, creating it or cutting it short.
func writeFile(name string, b []byte) error { return writeFileOS(name, b) }
