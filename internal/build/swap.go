package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// swap puts stage in out's place, and keeps the previous output as the
// spare folder for the next build. Where the system can exchange two
// folders (Linux), out changes from the old output to the new in one
// atomic step; elsewhere out is moved aside first (swapByRenames).
func swap(stage, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, out)
	}
	spare := filepath.Join(filepath.Dir(out), spareName(filepath.Base(out)))
	if exchange(stage, out) == nil {
		// stage now holds the old output.
		if os.Rename(stage, spare) != nil {
			return os.RemoveAll(stage)
		}
		return nil
	}
	return swapByRenames(stage, out, spare)
}
