// Command buildbook builds the Going for Great case-study book: a browsable,
// cross-indexed static site and a printable book, from a folder of Markdown
// case studies.
//
// Usage:
//
//	buildbook build  [--content DIR] [--templates DIR] [--out DIR] [--base-url URL] [--drafts] [--downloads DIR]
//	buildbook check  [--content DIR] [--format text|github|json] [--strict]
//	buildbook serve  [--content DIR] [--addr 127.0.0.1:8080]
//	buildbook new    [--content DIR] TITLE
//	buildbook pdf    [--content DIR] [--edition ID] [--out FILE] [--chrome PATH]
//	buildbook epub   [--content DIR] [--edition ID] [--out FILE]
//	buildbook schema [--content DIR]
//	buildbook changes [--content DIR] --since REV [--preview NOTE]
//
// Exit status: 0 success, 1 content errors, 2 usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"unicode"

	"buildbook/internal/content"
	"buildbook/internal/par"
)

// command is one sub-command. run returns the exit status.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands are registered by each sub-command's file.
var commands = map[string]command{}

func main() {
	os.Exit(guard(run, os.Args[1:], os.Stdout, os.Stderr))
}

// guard runs a command with run, and turns a panic, which is a bug in
// buildbook and never the content's fault, into one line on standard
// error and exit status 1: a teacher sees no Go stack trace. With
// BUILDBOOK_DEBUG set, the stack follows the line. Tests call run itself,
// so that a panic fails them with its stack.
func guard(run func(args []string, stdout, stderr io.Writer) int, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		name := "buildbook"
		if len(args) > 0 {
			if _, ok := commands[args[0]]; ok {
				name += " " + args[0]
			}
		}
		fmt.Fprintf(stderr, "%s: internal error: %s. This is a bug in buildbook, not a fault of the content: please report it with this line and the command you ran\n", name, panicLine(v))
		if os.Getenv("BUILDBOOK_DEBUG") != "" {
			stderr.Write(debug.Stack())
			if p, ok := v.(*par.Panic); ok {
				fmt.Fprintf(stderr, "\nraised in a worker:\n%s", p.Stack)
			}
		}
		code = 1
	}()
	return run(args, stdout, stderr)
}

// panicLine is a panic's value as one short line of text.
func panicLine(v any) string {
	if p, ok := v.(*par.Panic); ok {
		v = p.Value
	}
	s := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, fmt.Sprint(v))
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if near := (&content.Suggester{}).Suggest(args[0], commandNames()); near != "" {
			fmt.Fprintf(stderr, "buildbook: unknown command %q (did you mean %q?)\n\n", args[0], near)
		} else {
			fmt.Fprintf(stderr, "buildbook: unknown command %q\n\n", args[0])
		}
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "buildbook builds the case-study book: a static site and a printable book.")
	fmt.Fprintln(w, "\nUsage: buildbook COMMAND [flags]\n\nCommands:")
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %-7s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun buildbook COMMAND -h for the flags of a command.")
}

// commandNames returns the names of the commands, sorted.
func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// parseFlags parses flags that may come before or after the positional
// arguments, as in `buildbook new "Title" --content dir`. It returns the
// positional arguments, or a non-zero exit status.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, int) {
	fs.SetOutput(stderr)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, -1
			}
			return nil, 2
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), 0
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagsDone converts parseFlags' status into a return value: -1 (help) is 0.
func flagsDone(status int) int {
	if status < 0 {
		return 0
	}
	return status
}

func oneOf(v string, allowed []string) bool { return slices.Contains(allowed, v) }

func quoted(vs []string) string { return strings.Join(vs, ", ") }
