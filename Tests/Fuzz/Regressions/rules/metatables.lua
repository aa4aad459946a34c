local mt = { __index = function(t, k) return k end, __newindex = function() error("no") end,
  __len = function() return -1 end, __eq = function() return true end, __lt = function() error("cmp") end,
  __concat = function() return "c" end, __tostring = function() return 42 end, __call = function() return true end,
  __pairs = function() error("pairs") end, __close = function() end, __name = "Fake" }
local weird = setmetatable({}, mt)
rule { id = "codified_journey.meta", title = weird.title, dimensions = setmetatable({ "customer_lifecycle.codified_journey" }, mt),
  toward = "adopting",
  initiative = setmetatable({ id = "meta", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } }, mt),
  when = weird }
local cyc = {} cyc.self = cyc cyc[1] = cyc
rule { id = "codified_journey.cycle", title = "cycle", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "cycle", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function() return true end, examples = cyc }
local deep = {} local cur = deep for i = 1, 300 do cur.next = {} cur = cur.next end
adjust { id = "priority.deep", title = "deep", initiatives = { "meta" }, factor = 1, when = function() return true end, examples = deep }
