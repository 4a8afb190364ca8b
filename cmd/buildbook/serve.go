package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"buildbook/internal/build"
	"buildbook/internal/serve"
)

func init() {
	commands["serve"] = command{"preview the site: build, serve on this machine, rebuild and reload as files change", runServe}
}

// interrupted returns a channel that receives Ctrl+C and SIGTERM.
var interrupted = func() <-chan os.Signal {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	return c
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("buildbook serve", flag.ContinueOnError)
	var cf contentFlags
	cf.register(fs)
	templates := fs.String("templates", "templates", "a `folder` of templates that override the built-in ones")
	addr := fs.String("addr", "127.0.0.1:8080", "the loopback `address` to serve on; requests must name it, localhost or a loopback address")
	drafts := fs.Bool("drafts", false, "include case studies marked draft: true")
	pos, status := parseFlags(fs, args, stderr)
	if status != 0 {
		return flagsDone(status)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "buildbook serve: unexpected argument %q\n", pos[0])
		return 2
	}
	if cf.outsideBook("serve", stderr) {
		return 2
	}
	if info, err := os.Stat(cf.content); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "buildbook serve: the content folder %s does not exist: give its path with --content\n", cf.content)
		return 2
	}
	s, err := serve.Start(serve.Options{
		Build: build.Options{Content: cf.content, Templates: *templates, Drafts: *drafts},
		Addr:  *addr,
		Log:   stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "buildbook serve: %v\n", err)
		return 2
	}
	<-interrupted()
	fmt.Fprintln(stderr, "stopping")
	if err := s.Close(); err != nil {
		fmt.Fprintf(stderr, "buildbook serve: %v\n", err)
		return 1
	}
	return 0
}
