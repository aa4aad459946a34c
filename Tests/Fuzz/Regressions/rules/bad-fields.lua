rule { id = "bad id!", title = 1, dimensions = "customer_lifecycle.codified_journey", toward = "great",
  initiative = { id = "Not_Kebab", title = "", actions = {}, effort = "tiny", impact = "huge", kpis = { "XYZ" }, requires = "x", extra = 1 },
  when = true, priority = 2, examples = 3, override = "yes", unknown = {} }
adjust { id = "", title = "t", factor = 11, when = function() end, toward = "adopting", initiatives = { "Bad Id" } }
adjust { id = "priority.nan", title = "t", dimensions = { "nope.nope" }, factor = 0/0, when = function() end }
rule { }
adjust "string"
rule(nil)
