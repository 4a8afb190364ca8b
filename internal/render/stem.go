package render

// A query and the text meet on a word itself or on its key: the word
// with its British spelling made American (Respell), then cut to its
// Porter2 stem (the Snowball English stemmer). "Collaborating" and
// "collaboration" share the key "collabor"; "behaviour" and "behavior"
// share "behavior". assets/search.js makes the same keys in the browser,
// with its own Porter2; TestKeysAgreeWithJS compares the two on the words
// of the sample book, the generated corpus and Snowball's vocabulary.

import (
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
)

// Key is the form on which w (a folded word, as Words makes them) meets
// its other forms: Stem(Respell(w)).
func Key(w string) string { return Stem(Respell(w)) }

// Stem is the Porter2 stem of w. Only words of three or more ASCII
// letters are stemmed; others are their own stem.
func Stem(w string) string {
	if len(w) <= 2 || !asciiLetters(w) {
		return w
	}
	return english.Stem(w, true)
}

// asciiLetters reports whether s is all of a to z.
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// respellWords are words whose American spelling is not made by a rule
// below, British form first.
var respellWords = map[string]string{
	"aeroplane": "airplane", "aeroplanes": "airplanes",
	"ageing":  "aging",
	"centred": "centered",
	"cheque":  "check", "cheques": "checks",
	"defence": "defense", "defences": "defenses",
	"draught": "draft", "draughts": "drafts",
	"enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment", "enrolments": "enrollments",
	"fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
	"grey": "gray", "greys": "grays",
	"instil": "instill", "instils": "instills",
	"jewellery": "jewelry",
	"judgement": "judgment", "judgements": "judgments",
	"acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
	"licence": "license", "licences": "licenses",
	"manoeuvre": "maneuver", "manoeuvres": "maneuvers", "manoeuvred": "maneuvered", "manoeuvring": "maneuvering",
	"mould": "mold", "moulds": "molds",
	"odour": "odor", "odours": "odors",
	"offence": "offense", "offences": "offenses",
	"plough": "plow", "ploughs": "plows",
	"practise": "practice", "practises": "practices", "practised": "practiced", "practising": "practicing",
	"pretence":  "pretense",
	"programme": "program", "programmes": "programs",
	"sceptic": "skeptic", "sceptics": "skeptics", "sceptical": "skeptical", "scepticism": "skepticism",
	"skilful": "skillful", "skilfully": "skillfully",
	"tyre": "tire", "tyres": "tires",
	"wilful": "willful", "wilfully": "willfully",
}

// respellDoubled are the words whose l is doubled before a suffix in
// British spelling only: travelled, modelling, counsellor.
var respellDoubled = []string{"cancel", "channel", "counsel", "dial", "equal", "fuel", "funnel", "initial", "jewel",
	"label", "level", "marvel", "model", "panel", "pedal", "pencil", "quarrel", "rival", "signal", "total", "travel", "tunnel"}

// respellDoubledEnds are the suffixes after respellDoubled's words.
var respellDoubledEnds = []string{"ed", "ing", "er", "ers", "or", "ors", "ous"}

// respellPrefixes are British beginnings of words, and their American
// form: paediatric, anaemia, foetal.
var respellPrefixes = [][2]string{{"anaem", "anem"}, {"anaest", "anest"}, {"encyclopaed", "encycloped"},
	{"foet", "fet"}, {"oesophag", "esophag"}, {"oestr", "estr"}, {"orthopaed", "orthoped"}, {"paed", "ped"}}

// respellRule changes the British ending From into To: a word is its
// beginning (Min letters or more), From, and one of Ends. A beginning
// followed by From in Except is left alone: words spelt the same way on
// both sides of the Atlantic (supervise, exercise).
type respellRule struct {
	From, To string
	Min      int
	Ends     []string
	Except   []string
}

// respellRules are tried in order; the first that applies is used.
var respellRules = []respellRule{
	{From: "our", To: "or", Min: 3, Ends: []string{"", "s", "ed", "ing", "er", "ers", "ful", "fully", "less", "able", "ably",
		"ite", "ites", "itism", "al", "ally", "ism", "ist", "ists", "y", "hood", "hoods", "ly"}},
	{From: "is", To: "iz", Min: 3, Ends: []string{"e", "es", "ed", "ing", "er", "ers", "ation", "ations", "ational", "able"},
		Except: []string{"advertis", "advis", "apprais", "bruis", "chastis", "clockwis", "compris", "compromis", "concis",
			"cruis", "despis", "devis", "disguis", "enterpris", "excis", "exercis", "expertis", "franchis", "improvis",
			"incis", "likewis", "merchandis", "otherwis", "paradis", "porpois", "prais", "precis", "premis", "promis",
			"revis", "supervis", "surmis", "surpris", "televis", "tortois", "treatis"}},
	{From: "ys", To: "yz", Min: 2, Ends: []string{"e", "es", "ed", "ing", "er", "ers"}},
	{From: "ogue", To: "og", Min: 3, Ends: []string{"", "s"}},
	{From: "ogu", To: "og", Min: 3, Ends: []string{"ed", "ing"}},
	{From: "tre", To: "ter", Min: 2, Ends: []string{"", "s"}},
	{From: "bre", To: "ber", Min: 2, Ends: []string{"", "s"}},
}

func init() {
	for _, w := range respellDoubled {
		for _, e := range respellDoubledEnds {
			respellWords[w+"l"+e] = w + e
		}
	}
}

// Respell gives a word of British spelling its American form (behaviour,
// behavior; organisation, organization; centre, center; catalogue,
// catalog; analyse, analyze; programme, program; travelled, traveled), by
// the tables above. Other words, and words that are not all ASCII
// letters, are returned as they are.
func Respell(w string) string {
	if !asciiLetters(w) {
		return w
	}
	if r, ok := respellWords[w]; ok {
		return r
	}
	for _, p := range respellPrefixes {
		if strings.HasPrefix(w, p[0]) {
			w = p[1] + w[len(p[0]):]
			break
		}
	}
	for _, r := range respellRules {
		for _, e := range r.Ends {
			n := len(w) - len(e) - len(r.From)
			if n < r.Min || !strings.HasSuffix(w, e) || w[n:len(w)-len(e)] != r.From {
				continue
			}
			if slices.Contains(r.Except, w[:n+len(r.From)]) {
				return w
			}
			return w[:n] + r.To + e
		}
	}
	return w
}
