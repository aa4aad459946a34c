local function r(id, when)
  rule { id = "codified_journey." .. id, title = id, dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
    initiative = { id = id, title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
    when = when }
end
r("pattern", function() return string.find(("a"):rep(30), ("a*"):rep(10) .. "b") end)
r("rep-empty", function() return string.rep("", 1e12) end)
r("move", function() return table.move({}, 1, 2^40, 1) end)
r("lying-len", function() local t = setmetatable({}, { __len = function() return 2^40 end }) table.insert(t, 1, 1) end)
r("gsub-recurse", function() local function g(s) return (s:gsub(".", g)) end return g("abc") end)
r("load-big", function() for i = 1, 100 do load(("x = 1 "):rep(10000)) end end)
