// Rule tool tests live here.
