rule { id = "codified_journey.p", title = "p", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "p", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() return true end, priority = function() return 1e308 end }
