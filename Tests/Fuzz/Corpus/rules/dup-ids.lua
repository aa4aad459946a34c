for i = 1, 2 do
  rule { id = "codified_journey.same", title = "same", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
    initiative = { id = "same", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" }, requires = { "same" } },
    when = function() return true end }
end
rule { id = "codified_journey.cyc-a", title = "a", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "cyc-a", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" }, requires = { "cyc-b" } },
  when = function() return true end }
rule { id = "codified_journey.cyc-b", title = "b", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "cyc-b", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" }, requires = { "cyc-a" } },
  when = function() return true end }
