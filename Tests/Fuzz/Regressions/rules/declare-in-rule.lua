rule { id = "codified_journey.nested", title = "nested", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "nested", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() rule { id = "codified_journey.inner" } return true end }
local saved = rule
rule = nil
saved { id = "codified_journey.saved", title = "saved", dimensions = { "customer_lifecycle.codified_journey" }, toward = "performing",
  initiative = { id = "saved", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() return at_least("customer_lifecycle.codified_journey", "reactive") end }
