-- When net revenue retention misses Acme's target, account-level growth work moves up the list.

-- Returns the NRR target. A value outside 0 to 3 raises an error that names the parameter.
local function nrr_target()
  local value = param("nrr_target")
  if value <= 0 or value > 3 then
    error(("parameter nrr_target is a ratio between 0 and 3 (1.05 means 105 %%), got %s"):format(value), 0)
  end
  return value
end

-- Returns how far NRR is below the target, as a ratio (0.08 is 8 percentage points).
local function nrr_shortfall()
  return nrr_target() - fact("nrr")
end

adjust {
  id = "priority.acme-nrr-gap-expansion-first",
  title = "Net revenue retention below Acme's target raises expansion plans and joint success plans",
  -- The built-in priority.nrr-gap-with-healthy-grr already raises CS-qualified leads and commercial ownership.
  -- This rule names other initiatives, so the two factors do not multiply on the same one.
  initiatives = { "nrr-gap-expansion-plan", "joint-success-plans", "expansion-and-advocacy-plays" },
  when = function() return fact_below("nrr", nrr_target()) end,
  factor = function()
    if nrr_shortfall() >= 0.05 then return 1.4 end
    return 1.2
  end,
  reason = function()
    return ("Net revenue retention is %s, %.3g percentage points below Acme's target of %s, so expansion work comes earlier.")
      :format(percent(fact("nrr")), nrr_shortfall() * 100, percent(nrr_target()))
  end,
  examples = {
    fires = {
      { facts = { nrr = 0.97 }, factor = 1.4 },
      { facts = { nrr = 1.06 }, factor = 1.2 },
      { facts = { nrr = 1.08 }, params = { nrr_target = 1.15 }, factor = 1.4 },
    },
    quiet = {
      { facts = { nrr = 1.09 } },
      { facts = { nrr = 0.97 }, params = { nrr_target = 0.95 } },
      { facts = {} },
    },
  },
}
