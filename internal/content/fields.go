package content

import (
	"strconv"
	"strings"
)

// Kind is what a front-matter field holds. It decides how check reads the
// field, how buildbook schema describes it, what buildbook new writes for
// it, and how the submit form asks for it.
type Kind int

// The kinds of front-matter field.
const (
	Text      Kind = iota + 1 // one line of text (a number is read as its text)
	Paragraph                 // one paragraph of plain text, of at most Max characters
	List                      // text values, as a list [a, b] or a single value; each at most Max characters, if Max is set
	People                    // people, each a bare name or the fields of Sub (name: and role:)
	Date                      // a day, written YYYY-MM-DD
	Bool                      // true or false
	Slug                      // lower-case letters, digits and single hyphens
	File                      // a path relative to the file, inside the content folder
	Terms                     // terms of one taxonomy of taxonomies.yaml: Taxonomy says which, and whether it takes one or several
	Markdown                  // Markdown text, such as a term's description
	Number                    // a whole number
	URL                       // a web address
	Choice                    // one of Choices, ignoring case
	Groups                    // a list of items, each written as the fields of Sub
)

// Field describes one front-matter field: what check accepts, what
// buildbook schema and buildbook new write, and what the submit form asks.
type Field struct {
	Key      string // the key, as written in front matter
	Kind     Kind
	Required bool
	Label    string // a short name, as a form labels it: "Partner schools"
	// Help says what to write, in a sentence or two for the teacher who
	// fills it in, starting with a capital letter. buildbook new writes
	// it as a note, buildbook schema as the description, and the submit
	// form as the hint.
	Help string
	// Example is a value as a teacher would write it: a string, a
	// []string for a List, or a bool. Messages about the field suggest it,
	// and buildbook schema offers it.
	Example any
	// Placeholder is what buildbook new writes for a required field, in
	// angle brackets, such as <the name of your school>; check accepts it
	// with a warning.
	Placeholder string
	Max         int       // the most characters of a Paragraph, or of each item of a List; 0 for no limit
	Choices     []string  // the values a Choice may take
	Sub         []Field   // the fields of each item of Groups, or of People written as fields
	Taxonomy    *Taxonomy // the taxonomy of a Terms field; nil in CaseStudyFields' slot for the taxonomies

	// read reads the field of a case study into c, reporting what is wrong
	// with it. index is the place of a Terms field's taxonomy in
	// Site.Taxonomies.
	read  readFunc
	index int
}

// caseStudyFields are the front-matter fields of a case study, in the order
// that the contract lists them and buildbook new writes them. The entry of
// Kind Terms without a Taxonomy stands for the taxonomies of
// taxonomies.yaml, one field each, in their order (see CaseStudyFields).
// CaseStudy's yaml tags name the same keys (TestCaseStudyFieldsInStep).
var caseStudyFields = []Field{
	{Key: "title", Kind: Text, Required: true, Label: "Title",
		Help:    "The headline of your case study, without quotation marks around it.",
		Example: "Art for all: a holistic approach to GCSE art", read: readTitle},
	{Key: "school", Kind: Text, Required: true, Label: "School",
		Help:    "The name of your school, as it should appear in the book.",
		Example: "Plashet School", Placeholder: "<the name of your school>", read: textInto(func(c *CaseStudy) *string { return &c.School })},
	{Key: "partners", Kind: List, Label: "Partner schools",
		Help:    "Other schools that took part.",
		Example: []string{"Lister Community School"}, read: listInto(func(c *CaseStudy) *[]string { return &c.Partners })},
	{Key: "authors", Kind: People, Required: true, Label: "Authors",
		Help:    "Who wrote it: at least one person, each with a role if you like (such as Head of English).",
		Example: "A. Teacher", read: readAuthors, Sub: authorFields},
	{Key: "date", Kind: Date, Required: true, Label: "Date",
		Help:    "The day you finished writing.",
		Example: "2024-06-30", read: readDate},
	{Key: "region", Kind: Text, Label: "Region",
		Help:    "Your local authority or area.",
		Example: "Newham", read: textInto(func(c *CaseStudy) *string { return &c.Region })},
	{Key: "cohort", Kind: Text, Label: "Cohort",
		Help:    "The year of the work, such as 2023-24.",
		Example: "2015-16", read: textInto(func(c *CaseStudy) *string { return &c.Cohort })},
	{Key: "summary", Kind: Paragraph, Required: true, Label: "Summary", Max: MaxSummary,
		Help:        "One paragraph of plain text, at most " + strconv.Itoa(MaxSummary) + " characters: what changed and why it matters. It is shown in lists, in search results and in the book.",
		Example:     "One paragraph that says what changed and why it matters.",
		Placeholder: "<one paragraph on what changed and why it matters>", read: readSummary},
	{Kind: Terms, read: readTerms},
	{Key: "image", Kind: File, Label: "Picture",
		Help:    "A picture for the top of the page: a file beside this one.",
		Example: "cover.jpg", read: readImage},
	{Key: "keywords", Kind: List, Label: "Keywords", Max: MaxKeyword,
		Help:    "Subject terms for the book's index, search and metadata, each a word or a short phrase of at most " + strconv.Itoa(MaxKeyword) + " characters.",
		Example: []string{"oracy", "coaching"}, read: readKeywords},
	{Key: "draft", Kind: Bool, Label: "Draft",
		Help:    "True keeps the case study out of the site until it is ready.",
		Example: false, read: readDraft},
	{Key: "slug", Kind: Slug, Label: "Slug",
		Help:    "The name of the page in the web address; the file name by default.",
		Example: "art-for-all", read: readSlug},
}

// authorFields are the fields of an author written as fields rather than
// as a bare name. Author's yaml tags name the same keys.
var authorFields = []Field{
	{Key: "name", Kind: Text, Required: true, Label: "Name", Help: "The author's name.", Example: "A. Teacher", Placeholder: "<your name>"},
	{Key: "role", Kind: Text, Label: "Role", Help: "The author's role, such as Head of Art.", Example: "Head of Art"},
}

// CaseStudyFields returns the front-matter fields of a case study whose
// site has the given taxonomies: those of caseStudyFields, with a field
// of Kind Terms for each taxonomy in the place of the taxonomies' slot.
func CaseStudyFields(taxonomies []*Taxonomy) []Field {
	out := make([]Field, 0, len(caseStudyFields)+len(taxonomies))
	for _, fd := range caseStudyFields {
		if fd.Kind != Terms || fd.Taxonomy != nil {
			out = append(out, fd)
			continue
		}
		for i, tx := range taxonomies {
			out = append(out, taxonomyField(fd, tx, i))
		}
	}
	return out
}

// taxonomyField is the field of slot for taxonomy tx, the i-th of the site.
func taxonomyField(slot Field, tx *Taxonomy, i int) Field {
	fd := slot
	fd.Key, fd.Required, fd.Label, fd.Taxonomy, fd.index = tx.ID, tx.Required, tx.Title, tx, i
	what := strings.TrimPrefix(strings.ToLower(tx.Title), "the ")
	first := "term"
	if len(tx.Terms) > 0 {
		first = tx.Terms[0].ID
	}
	if tx.Multiple {
		fd.Help = "The " + what + " this case study is about, one or more."
		fd.Example = []string{first}
		if tx.Required {
			fd.Placeholder = "<one or more ids from the list above>"
		}
	} else {
		fd.Help = "One term of " + what + "."
		fd.Example = first
		if tx.Required {
			fd.Placeholder = "<one id from the list above>"
		}
	}
	return fd
}

// isCaseStudyKey reports whether key is a field of every case study, which
// no taxonomy may take as its id.
func isCaseStudyKey(key string) bool {
	for _, fd := range caseStudyFields {
		if fd.Key == key && key != "" {
			return true
		}
	}
	return false
}

// fieldKeys returns the keys of fields, in order.
func fieldKeys(fields []Field) []string {
	keys := make([]string, 0, len(fields))
	for _, fd := range fields {
		keys = append(keys, fd.Key)
	}
	return keys
}

// Need is "Required" or "Optional", as notes and descriptions start.
func (fd Field) Need() string {
	if fd.Required {
		return "Required"
	}
	return "Optional"
}

// Multiple reports whether the field takes several values.
func (fd Field) Multiple() bool {
	switch fd.Kind {
	case List, People, Groups:
		return true
	case Terms:
		return fd.Taxonomy == nil || fd.Taxonomy.Multiple
	}
	return false
}

// Hint says how the field is written in YAML, where its Kind needs more
// than its Help says, with its example; or "". buildbook new and
// buildbook schema write it after the help; the submit form, which writes
// the YAML itself, does not.
func (fd Field) Hint() string {
	switch fd.Kind {
	case Date:
		return "Write it as YYYY-MM-DD, such as " + fd.ExampleYAML() + "."
	case List:
		return "Write a list in square brackets, such as " + fd.ExampleYAML() + "."
	case People:
		return "Write each as a name, or as name: and role: lines; add another person with another \"- name:\" line."
	case Terms:
		if fd.Multiple() {
			return "Write their ids as a list, such as " + fd.ExampleYAML() + "."
		}
		return "Write its id, such as " + fd.ExampleYAML() + "."
	}
	return ""
}

// ExampleYAML is the field's example as written after "key: " in YAML:
// quoted where YAML needs quotes, and a list in square brackets.
func (fd Field) ExampleYAML() string {
	switch v := fd.Example.(type) {
	case string:
		if fd.Multiple() {
			return "[" + QuoteYAML(v) + "]"
		}
		return QuoteYAML(v)
	case []string:
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = QuoteYAML(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	}
	return ""
}

// ExampleValue is the field's example as a value of the field: a list
// for a field that takes several values.
func (fd Field) ExampleValue() any {
	if s, ok := fd.Example.(string); ok && fd.Multiple() {
		return []string{s}
	}
	return fd.Example
}

// Fix is the line a message suggests for the field when it is missing or
// empty: its example, or for a field of several lines their shape.
func (fd Field) Fix() string {
	var keys []string
	for _, sub := range fd.Sub {
		if sub.Required || fd.Kind == People {
			keys = append(keys, sub.Key+": ...")
		}
	}
	switch fd.Kind {
	case People:
		return fd.Line() + ", or a list of - " + strings.Join(keys, " ")
	case Groups:
		return fd.Key + ": followed by a list of - " + strings.Join(keys, " ")
	}
	return fd.Line()
}

// Line is the field with its example, as a message suggests it:
// title: "Art for all".
func (fd Field) Line() string { return fd.Key + ": " + fd.ExampleYAML() }

// QuoteYAML quotes s for YAML when it needs quotes, so that it reads back
// as the same text.
func QuoteYAML(s string) string {
	plain := s != "" && !strings.ContainsAny(s, ":#[]{},&*!|>'\"%@`\\") && strings.TrimSpace(s) == s
	if plain {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			plain = false
		}
		switch strings.ToLower(s) {
		case "true", "false", "yes", "no", "on", "off", "null", "~":
			plain = false
		}
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
			plain = false
		}
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}

// bookFields are the fields of book.yaml. Book's yaml tags name the same
// keys.
var bookFields = []Field{
	{Key: "title", Kind: Text, Required: true, Label: "Title", Help: "The title of the site and of the book.", Example: "Going for Great"},
	{Key: "subtitle", Kind: Text, Label: "Subtitle", Help: "A line under the title.", Example: "Case studies from outstanding schools"},
	{Key: "description", Kind: Paragraph, Label: "Description", Help: "One paragraph for the home page, feeds and search engines.", Example: "What outstanding schools changed, and how."},
	{Key: "publisher", Kind: Text, Label: "Publisher", Help: "Who publishes the book.", Example: "London Leadership Strategy"},
	{Key: "language", Kind: Text, Label: "Language", Help: "The language of the text, as a language tag; en-GB when not given.", Example: "en-GB"},
	{Key: "base_url", Kind: URL, Label: "Address", Help: "The site's full address, which may end in a folder; / when not given.", Example: "https://example.org/going-for-great/"},
	{Key: "licence", Kind: Text, Label: "Licence", Help: "The licence's name, shown on every page, in the feed and in the book's imprint.", Example: "CC BY-NC-SA 4.0"},
	{Key: "licence_url", Kind: URL, Label: "Licence address", Help: "Where the licence's name links.", Example: "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
	{Key: "copyright", Kind: Text, Label: "Copyright", Help: "A copyright line for every page and the book's imprint.", Example: "© 2024 London Leadership Strategy"},
	{Key: "repository", Kind: URL, Label: "Repository", Help: "The GitHub repository where case studies are submitted: the submit form opens a new file there.", Example: "https://github.com/OWNER/REPO"},
	{Key: "icon", Kind: File, Label: "Icon", Help: "The site's icon, an SVG or PNG file beside book.yaml; a default is made when there is none.", Example: "icon.svg"},
	{Key: "cover", Kind: File, Label: "Cover", Help: "A picture for the printed book's cover, a file of the content folder from book.yaml; the cover is type alone when not given.", Example: "cover.jpg"},
	{Key: "image_hosts", Kind: List, Label: "Image hosts", Help: "The hosts that pictures in case studies may be loaded from.", Example: []string{"images.example.org"}},
}

// taxonomyFields are the fields of each taxonomy of taxonomies.yaml, and
// termFields those of each of its terms. Taxonomy's and Term's yaml tags
// name the same keys.
var (
	taxonomyFields = []Field{
		{Key: "id", Kind: Slug, Required: true, Label: "Id", Help: "The taxonomy's web address and its key in front matter.", Example: "pillars"},
		{Key: "title", Kind: Text, Required: true, Label: "Title", Help: "The taxonomy's name, for menus and headings.", Example: "Pillars of Greatness"},
		{Key: "singular", Kind: Text, Label: "Singular", Help: "One term's kind, as in Pillar 3; the title when not given.", Example: "Pillar"},
		{Key: "description", Kind: Paragraph, Label: "Description", Help: "A sentence or two of plain text on what the taxonomy sorts.", Example: "The nine pillars of a great school."},
		{Key: "required", Kind: Bool, Label: "Required", Help: "True: every case study names at least one term.", Example: true},
		{Key: "multiple", Kind: Bool, Label: "Multiple", Help: "False: a case study names one term at most; true when not given.", Example: true},
		{Key: "terms", Kind: Groups, Required: true, Label: "Terms", Help: "The terms, in order.", Sub: termFields},
	}
	termFields = []Field{
		{Key: "id", Kind: Slug, Required: true, Label: "Id", Help: "The term's web address and how front matter names it.", Example: "curriculum"},
		{Key: "title", Kind: Text, Required: true, Label: "Title", Help: "The term's name.", Example: "A rich curriculum"},
		{Key: "short", Kind: Text, Label: "Short title", Help: "A short name for tags; the title when not given.", Example: "Curriculum"},
		{Key: "number", Kind: Number, Label: "Number", Help: "A number, shown as in Pillar 7.", Example: 7},
		{Key: "aliases", Kind: List, Label: "Aliases", Help: "Other names that front matter may give the term by.", Example: []string{"pillar-7"}},
		{Key: "abbreviation", Kind: Text, Label: "Abbreviation", Help: "A short form, such as NLE, that front matter may name the term by.", Example: "RC"},
		{Key: "description", Kind: Markdown, Label: "Description", Help: "Markdown, one or two paragraphs, on the term's page.", Example: "A curriculum that reaches beyond the classroom."},
	}
)

// pageFields are the front-matter fields of a free page of pages/. Page's
// yaml tags name the same keys.
var pageFields = []Field{
	{Key: "title", Kind: Text, Required: true, Label: "Title", Help: "The page's title.", Example: "About this book"},
	{Key: "weight", Kind: Number, Label: "Weight", Help: "Its place in the menu: lighter pages come first.", Example: 1},
	{Key: "description", Kind: Paragraph, Label: "Description", Help: "A sentence for search engines and link previews.", Example: "Who wrote this book, and why."},
}

// editionFields are the fields of a print edition of editions/, and
// partFields those of each of its parts. Edition's and Part's yaml tags
// name the same keys.
var (
	editionFields = []Field{
		{Key: "title", Kind: Text, Required: true, Label: "Title", Help: "The title of the printed book.", Example: "Going for Great 2024"},
		{Key: "subtitle", Kind: Text, Label: "Subtitle", Help: "A line under the title.", Example: "Case studies from the 2023-24 cohort"},
		{Key: "description", Kind: Paragraph, Label: "Description", Help: "The back cover's text; the book's description when not given.", Example: "Twelve schools on what they changed, and what they learned."},
		{Key: "cover", Kind: File, Label: "Cover", Help: "A picture for this edition's cover, a path from the edition's file; the book's cover when not given.", Example: "../cover.jpg"},
		{Key: "publisher", Kind: Text, Label: "Publisher", Help: "The publisher of this edition, if not the book's.", Example: "London Leadership Strategy"},
		{Key: "date", Kind: Date, Label: "Date", Help: "The day of publication.", Example: "2024-11-01"},
		{Key: "foreword", Kind: Slug, Label: "Foreword", Help: "A page of pages/, by its slug, printed before the first part.", Example: "foreword"},
		{Key: "page_size", Kind: Choice, Label: "Page size", Help: "The size of the printed page; A4 when not given.", Example: "A4", Choices: PageSizes},
		{Key: "isbn", Kind: Text, Label: "ISBN", Help: "The book's ISBN, printed on the imprint page, as a bar code on the back cover, and in the EPUB.", Example: "978-1-7384991-0-7"},
		{Key: "open", Kind: Choice, Label: "Open", Help: "Where a case study starts: on a right-hand page (right, when not given) or on the next page (any).", Example: "right", Choices: []string{"right", "any"}},
		{Key: "parts", Kind: Groups, Required: true, Label: "Parts", Help: "The parts of the book, in order.", Sub: partFields},
	}
	partFields = []Field{
		{Key: "title", Kind: Text, Required: true, Label: "Title", Help: "The part's title.", Example: "Leading with others"},
		{Key: "intro", Kind: Markdown, Label: "Introduction", Help: "Markdown printed at the start of the part.", Example: "Schools that lead with others."},
		{Key: "case-studies", Kind: List, Required: true, Label: "Case studies", Help: "The case studies of the part, by their slugs, in order.", Example: []string{"slug-one", "slug-two"}},
	}
)
