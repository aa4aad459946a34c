for i = 1, 5 do
  rule { id = "codified_journey.r" .. i, title = "r" .. i, dimensions = { "customer_lifecycle.codified_journey" },
    toward = ({ "adopting", "performing", "optimizing" })[i % 3 + 1],
    initiative = { id = "init-" .. i, title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high",
      kpis = { "GRR" }, requires = i > 1 and { "init-" .. (i - 1) } or {} },
    when = function() return i % 2 == 0 end }
end
adjust { id = "priority.a", title = "a", initiatives = { "init-1" }, factor = 0, when = function() return true end }
adjust { id = "priority.b", title = "b", dimensions = { "customer_lifecycle.codified_journey" }, factor = 10, when = function() return true end }
