package content

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
)

// maxLinks is how many symbolic links one path may pass through before it
// is taken for a loop: the limit Linux sets (macOS allows 32).
const maxLinks = 40

// linkFault is why a symbolic link of the content folder cannot be used.
type linkFault int

const (
	linkInside     linkFault = iota // it leads to a file or folder inside the folder
	linkOutside                     // it leads out of the folder
	linkLoop                        // it never ends: a loop of links
	linkMissing                     // it leads to nothing
	linkUnreadable                  // a link on the way cannot be read
)

// resolution is where a symbolic link of the content folder leads.
type resolution struct {
	fault linkFault
	// real is the path, inside the folder, that the link leads to, with
	// every link on the way followed (when fault is linkInside).
	real string
	// via is the link whose target leaves the folder, and target that
	// target (when fault is linkOutside).
	via, target string
	err         error // when fault is linkUnreadable
}

// resolveLink follows the path name of fsys as the operating system does:
// one name at a time from the top of the folder, each symbolic link
// replaced by its target, and ".." taken after the links before it are
// followed (so "up/.." is the folder that contains up's target, not the
// folder that contains up). A path that climbs above the top of fsys, or
// a link to an absolute path, leads outside. Following links as text
// instead (path.Join(dir, target)) trusts a name that the kernel reads
// differently.
func resolveLink(fsys fs.FS, name string) resolution {
	var done []string // the real path so far: each a folder, not a link
	todo := strings.Split(name, "/")
	hops := 0
	via, target := "", ""
	for len(todo) > 0 {
		c := todo[0]
		todo = todo[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return resolution{fault: linkOutside, via: via, target: target}
			}
			done = done[:len(done)-1]
			continue
		}
		p := path.Join(path.Join(done...), c)
		info, err := fs.Lstat(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			return resolution{fault: linkMissing}
		}
		if err != nil {
			return resolution{fault: linkUnreadable, err: err}
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			if !info.IsDir() && len(todo) > 0 {
				return resolution{fault: linkMissing} // a file used as a folder
			}
			done = append(done, c)
			continue
		}
		if hops++; hops > maxLinks {
			return resolution{fault: linkLoop}
		}
		t, err := fs.ReadLink(fsys, p)
		if err != nil {
			return resolution{fault: linkUnreadable, err: err}
		}
		via, target = p, t
		if isAbsLink(t) {
			return resolution{fault: linkOutside, via: via, target: target}
		}
		todo = append(strings.Split(filepath.ToSlash(t), "/"), todo...)
	}
	return resolution{fault: linkInside, real: path.Join(done...)}
}

// isAbsLink reports whether a link's target is an absolute path ("/etc";
// on Windows also `C:\x`, `\\host\share` and `\x`).
func isAbsLink(t string) bool {
	return path.IsAbs(filepath.ToSlash(t)) || filepath.IsAbs(t) || filepath.VolumeName(t) != ""
}
