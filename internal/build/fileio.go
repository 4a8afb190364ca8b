package build

import (
	"io/fs"
	"os"
)

// ContentFS is the content folder dir as a file system that reads nothing
// outside it: every name is opened through an os.Root, which follows
// symbolic links and ".." one name at a time, as the kernel does, and
// refuses any that would leave dir. The loader reports such links with
// their file and the way out (content.Load); ContentFS makes sure that no
// read of the build, even one the loader did not foresee or a link changed
// after it looked, reaches a file outside the folder.
//
// The file system implements fs.ReadFileFS, fs.ReadDirFS, fs.StatFS and
// fs.ReadLinkFS. Its folder stays open until it is garbage collected.
func ContentFS(dir string) (fs.FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return r.FS(), nil
}
