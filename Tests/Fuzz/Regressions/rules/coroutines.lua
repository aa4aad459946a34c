rule { id = "codified_journey.co", title = "co", dimensions = { "customer_lifecycle.codified_journey" }, toward = "adopting",
  initiative = { id = "co", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "small", impact = "high", kpis = { "GRR" } },
  when = function()
    local co = coroutine.create(function() while true do coroutine.yield(score("customer_lifecycle.codified_journey")) end end)
    for i = 1, 10 do coroutine.resume(co) end
    local inner = coroutine.wrap(function() while true do end end)
    pcall(inner)
    coroutine.yield()
    return coroutine.isyieldable()
  end }
