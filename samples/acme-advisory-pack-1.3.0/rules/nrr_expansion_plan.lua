-- Net revenue retention below Acme's target: account-level expansion plans owned jointly by CS and sales.
local D = "customer_lifecycle.proactive_engagement"

-- Returns the NRR target. A value outside 0 to 3 raises an error that names the parameter.
local function nrr_target()
  local value = param("nrr_target")
  if value <= 0 or value > 3 then
    error(("parameter nrr_target is a ratio between 0 and 3 (1.05 means 105 %%), got %s"):format(value), 0)
  end
  return value
end

rule {
  id = "proactive_engagement.nrr-gap-expansion-plan",
  title = "Net revenue retention is below the target Acme coaches toward",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "nrr-gap-expansion-plan",
    title = "Close the NRR gap with account-level expansion plans",
    summary = "CS and sales agree an expansion plan for every account with room to grow, sized so the plans "
      .. "together close the gap between today's net revenue retention and the target.",
    actions = {
      "CS Ops sizes the gap in dollars: the NRR target minus actual NRR, times ARR at the start of the year.",
      "Each CSM lists the accounts in their book with unused licenses, new teams or new use cases, with a dollar "
        .. "estimate per account.",
      "CSM and account executive write a one-page expansion plan for each of those accounts, with the next step "
        .. "and a date.",
      "The CS leader and the head of sales review plan totals against the dollar gap every month and rebalance "
        .. "effort where plans fall short.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "EXPANSION_ARR", "CSQL" },
    requires = { "book-level-retention-report", "csql-process" },
  },
  reason = function()
    local nrr, goal = fact("nrr"), nrr_target()
    local text = ("Net revenue retention is %s against Acme's target of %s, a shortfall of %.3g percentage points")
      :format(percent(nrr), percent(goal), (goal - nrr) * 100)
    if has_fact("arr_usd") then
      text = text .. (", or about %s of expansion a year on %s of ARR")
        :format(money((goal - nrr) * fact("arr_usd")), money(fact("arr_usd")))
    end
    return text .. "."
  end,
  when = function()
    return below(D, "optimizing") and fact_below("nrr", nrr_target())
  end,
  priority = function()
    local floor = param("expansion_grr_floor")
    if fact_below("grr", floor) then
      return 0.7, ("gross revenue retention is %s, below %s, so stopping churn comes before expansion")
        :format(percent(fact("grr")), percent(floor))
    end
  end,
  examples = {
    fires = {
      { scores = { [D] = 1.5 }, facts = { nrr = 0.97, arr_usd = 42000000 } },
      { scores = { [D] = 0.5 }, facts = { nrr = 0.88, grr = 0.79 }, factor = 0.7 },
      { scores = { [D] = 2.4 }, facts = { nrr = 1.08 }, params = { nrr_target = 1.10 } },
    },
    quiet = {
      { scores = { [D] = 1.5 }, facts = { nrr = 1.08 } },
      { scores = { [D] = 1.5 }, facts = { nrr = 0.97 }, params = { nrr_target = 0.95 } },
      { scores = { [D] = 3.0 }, facts = { nrr = 0.90 } },
      { scores = { [D] = 1.5 } },
      { facts = { nrr = 0.90 } },
    },
  },
}
