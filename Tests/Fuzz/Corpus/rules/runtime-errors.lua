local D = "customer_lifecycle.codified_journey"
local function r(id, when, priority, reason)
  rule { id = "codified_journey." .. id, title = id, dimensions = { D }, toward = "adopting",
    initiative = { id = id, title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
    when = when, priority = priority, reason = reason }
end
r("err-string", function() error("boom") end)
r("err-table", function() error({ code = 1 }) end)
r("err-nil", function() error() end)
r("returns-number", function() return 1 end)
r("returns-nothing", function() end)
r("prio-bad", function() return true end, function() return "high", 5 end)
r("prio-huge", function() return true end, function() return 1e15, ("x"):rep(1000) end)
r("prio-neg", function() return true end, function() return -1 end)
r("prio-nan", function() return true end, function() return 0/0, nil end)
r("reason-table", function() return true end, nil, function() return {} end)
r("reason-error", function() return true end, nil, function() error("bad reason") end)
r("reason-nul", function() return true end, nil, function() return "a\0b\255\254" end)
