-- Books of business above Acme's accounts-per-CSM ceiling get rebalanced before new programs add work to them.
local D = "operating_model.cs_role_structure"

-- Returns the average number of customer accounts per CSM, or nil when the facts to compute it are missing.
local function accounts_per_csm()
  local csms = fact("csm_headcount")
  if not has_fact("customers") or csms == nil or csms == 0 then return nil end
  return fact("customers") / csms
end

-- Returns the accounts-per-CSM ceiling. A value below 1 raises an error that names the parameter.
local function ceiling()
  local value = param("max_accounts_per_csm")
  if value < 1 then
    error(("parameter max_accounts_per_csm must be at least 1, got %d"):format(value), 0)
  end
  return value
end

rule {
  id = "cs_role_structure.book-size-rebalance",
  title = "CSM books hold more accounts than one person can cover",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "book-size-rebalance",
    title = "Bring every CSM book back under the accounts-per-CSM ceiling",
    summary = "Books above the ceiling shed their smallest accounts to a pooled or digital tier, or get a hire in the "
      .. "plan, so each named CSM has the time the coverage model promises.",
    actions = {
      "CS Ops lists every book with its account count, ARR and median contract value, ranked by account count.",
      "For each book above the ceiling, the CS manager moves the lowest-ARR accounts to the pooled or digital tier "
        .. "until the book is at or below the ceiling.",
      "Where moving accounts would break a coverage promise in a contract, the gap goes into the hiring plan with "
        .. "a start date.",
      "CS Ops reports account count per book every quarter, and any book above the ceiling has a named fix.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSM_COV", "CSM_ATTR", "REACTIVE_SHARE" },
    requires = { "coverage-tiers" },
  },
  reason = function()
    local ratio, limit = accounts_per_csm(), ceiling()
    local text = ("Each CSM carries %.0f accounts on average (%d customers across %d CSMs), %s above Acme's "
      .. "ceiling of %d"):format(ratio, fact("customers"), fact("csm_headcount"), percent(ratio / limit - 1), limit)
    if has_fact("arr_usd") then
      text = text .. (", and the average book holds %s of ARR"):format(money(fact("arr_usd") / fact("csm_headcount")))
    end
    return text .. "."
  end,
  when = function()
    local ratio = accounts_per_csm()
    return needs(D, "performing") and ratio ~= nil and ratio > ceiling()
  end,
  priority = function()
    local ratio, limit = accounts_per_csm(), ceiling()
    if ratio >= 1.5 * limit then
      return 1.3, ("books average %.0f accounts, at least half again the ceiling of %d"):format(ratio, limit)
    end
  end,
  examples = {
    fires = {
      { scores = { [D] = 1.5 }, facts = { customers = 850, csm_headcount = 18, arr_usd = 42000000 } },
      { scores = { [D] = 0.5 }, facts = { customers = 340, csm_headcount = 3 }, factor = 1.3 },
    },
    quiet = {
      { scores = { [D] = 1.5 }, facts = { customers = 600, csm_headcount = 18 } },
      { scores = { [D] = 1.5 }, facts = { customers = 850, csm_headcount = 18 }, params = { max_accounts_per_csm = 60 } },
      { scores = { [D] = 2.5 }, facts = { customers = 850, csm_headcount = 18 } },
      { scores = { [D] = 1.5 }, facts = { customers = 850, csm_headcount = 0 } },
      { scores = { [D] = 1.5 }, facts = { customers = 850 } },
    },
  },
}
