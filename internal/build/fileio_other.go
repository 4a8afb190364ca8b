//go:build !(linux || darwin)

package build

// writeFile writes b to the file name, creating it or cutting it short.
func writeFile(name string, b []byte) error { return writeFileOS(name, b) }
