package render

import "testing"

func TestInvertName(t *testing.T) {
	for in, want := range map[string]string{
		"Nadia Farouk":            "Farouk, Nadia",
		"Dr Nadia Farouk":         "Farouk, Nadia",
		"A. Example":              "Example, A.",
		"Rachel Adebayo-Finch":    "Adebayo-Finch, Rachel",
		"Anna van der Berg":       "van der Berg, Anna",
		"Madonna":                 "Madonna",
		"Smith, Jane":             "Smith, Jane",
		"Dr Who":                  "Who, Dr",
		"Mary  Ann   Evans":       "Evans, Mary Ann",
		"Prof. Sir Tim Brighouse": "Brighouse, Tim",
	} {
		if got := invertName(in); got != want {
			t.Errorf("invertName(%q) = %q, want %q", in, got, want)
		}
	}
}
