-- Acme's version of the built-in book-level retention report: a monthly ledger per CSM book that finance signs off.
local D = "economic_model.value_measurement"

rule {
  id = "value_measurement.book-level-retention-report",
  override = true,
  title = "Nobody can say what each CSM book retained, lost or grew last month",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    -- Same initiative id as the built-in rule, so built-in prerequisites such as simple-cs-roi-model still point here.
    id = "book-level-retention-report",
    title = "Close a retention ledger for every CSM book each month",
    summary = "CS Ops closes a retention ledger per book of business every month, with the same cut-off and "
      .. "sign-off as the revenue close, so each CSM's retained, lost and expanded ARR is a number finance accepts.",
    actions = {
      "CS Ops assigns every account to exactly one CSM book or coverage pool in the CRM and freezes the list on "
        .. "the first working day of each month.",
      "The ledger lists opening ARR, churn, contraction, expansion and closing ARR per book, and GRR and NRR per book.",
      "The controller reconciles the ledger totals with the revenue close and signs it off within ten working days.",
      "Each CS manager reviews the signed ledger with every CSM in the monthly one-to-one and records one action "
        .. "per book.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "GRR", "NRR", "EXPANSION_ARR" },
    requires = { "monthly-retention-reporting" },
  },
  reason = function()
    local text = ("%s scores %.3g against a target of %.3g"):format(name(D), score(D), target(D))
    local csms = fact("csm_headcount")
    if has_fact("arr_usd") and csms ~= nil and csms > 0 then
      text = text .. (", and each of the %d CSM books carries about %s of ARR that no report accounts for")
        :format(csms, money(fact("arr_usd") / csms))
    end
    return text .. "."
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = {
      { scores = { [D] = 0.0 } },
      { scores = { [D] = 0.5 }, facts = { arr_usd = 42000000, csm_headcount = 18 } },
    },
    quiet = {
      { scores = { [D] = 1.0 } },
      { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } },
      { scores = {} },
    },
  },
}
