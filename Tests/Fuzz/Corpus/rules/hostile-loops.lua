rule { id = "codified_journey.loop", title = "loop", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "loop", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() while true do end end }
rule { id = "codified_journey.pcall-loop", title = "pcall loop", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "pcall-loop", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() while true do pcall(function() while true do end end) end end }
rule { id = "codified_journey.xpcall-loop", title = "xpcall", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "xpcall-loop", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() return xpcall(function() while true do end end, function(m) while true do end end) end }
rule { id = "codified_journey.recurse", title = "recurse", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "recurse", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() local function f(n) return f(n + 1) + 1 end return f(1) end }
