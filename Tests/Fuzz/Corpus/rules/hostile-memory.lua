local function r(id, when)
  rule { id = "codified_journey." .. id, title = id, dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
    initiative = { id = id, title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
    when = when }
end
r("rep-huge", function() return #string.rep("x", 2^31) > 0 end)
r("table-bomb", function() local t = {} for i = 1, 1e9 do t[i] = { i } end end)
r("concat-bomb", function() local s = "x" while true do s = s .. s end end)
r("big-result", function() local t = {} for i = 1, 1e5 do t[i] = i end return t end)
r("cyclic-reason", function() return true end)
