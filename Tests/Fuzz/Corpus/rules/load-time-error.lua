rule { id = "codified_journey.before", title = "b", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "before", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() return true end }
local x = nil
x.field = 1
