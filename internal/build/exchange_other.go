//go:build !linux

package build

import "errors"

// exchange swaps folders a and b in one step where the system can; here
// it cannot, and swap renames them one after the other.
func exchange(a, b string) error { return errors.ErrUnsupported }
