package content

// Section is one of the headings every case study is written under.
type Section struct {
	Heading string // the ## heading
	Note    string // what to write under it, for the writer
}

// Sections are the four headings of a case study, in order: `new` writes
// them into a new file and the submit form asks for the text of each.
var Sections = []Section{
	{"Context", "Your school and the problem you set out to solve: who your pupils are, what was not working, and how you knew."},
	{"What we did", "What you changed, step by step, in enough detail that another school could try it: who led it, what it cost in time and money, and what you tried that did not work."},
	{"Evidence", "What changed, and how you know: attendance, results, survey answers or what pupils, staff and parents said. Give real figures and say what you compare them with."},
	{"Lessons", "What you would tell a school that wants to do the same, including what you would do differently."},
}
