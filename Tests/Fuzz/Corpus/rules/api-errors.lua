rule {
  id = "codified_journey.api-errors", title = "errors", dimensions = { "customer_lifecycle.codified_journey" },
  toward = "performing",
  initiative = { id = "api-errors", title = "t", summary = "s", actions = { "a", "b", "c" }, effort = "large", impact = "medium", kpis = { "CSAT" } },
  when = function()
    pcall(score, "codified_journey")
    pcall(level, "no.such")
    pcall(needs, "customer_lifecycle.codified_journey", "perfoming")
    pcall(fact, "grrr")
    pcall(param, "missing")
    pcall(competency, "nope")
    pcall(weakest, -1)
    pcall(weakest, 1e308, "x")
    pcall(percent, 0/0)
    pcall(money, math.huge)
    pcall(disagree, "customer_lifecycle.codified_journey", "wide")
    pcall(fact_below, "grr", "x")
    pcall(rule, {})
    return score(nil)
  end,
}
