package render

import "slices"

// filters lists the groups of the case-studies page's filter form: one per
// taxonomy, in taxonomy order, then region and year when any case study
// has them. A group's key is its URL query parameter: the taxonomy id, or
// "region" and "year"; "q" is the search. A built-in key that a taxonomy
// id already takes gets a trailing "-" so that every key stays distinct.
func (m *models) filters(l *ListPage) []FilterGroup {
	var gs []FilterGroup
	taken := map[string]bool{"q": true}
	for i, f := range l.Facets {
		g := FilterGroup{Key: f.Taxonomy.ID, Title: f.Taxonomy.Title, Field: "terms", Taxonomy: f.Taxonomy.ID, Open: i < 2}
		for _, t := range f.Terms {
			g.Options = append(g.Options, FilterOption{Value: t.ID, Label: t.Short, Title: t.Label, Count: t.Count})
		}
		taken[g.Key] = true
		gs = append(gs, g)
	}
	key := func(k string) string {
		for taken[k] {
			k += "-"
		}
		taken[k] = true
		return k
	}
	if len(l.Regions) > 0 {
		g := FilterGroup{Key: key("region"), Title: "Region", Field: "region"}
		for _, r := range l.Regions {
			g.Options = append(g.Options, FilterOption{Value: r.Value, Label: r.Value, Count: r.Count})
		}
		gs = append(gs, g)
	}
	if len(l.Years) > 0 {
		g := FilterGroup{Key: key("year"), Title: "Year", Field: "year"}
		for _, y := range l.Years {
			g.Options = append(g.Options, FilterOption{Value: y.Value, Label: y.Value, Count: y.Count})
		}
		gs = append(gs, g)
	}
	return slices.Clip(gs)
}
