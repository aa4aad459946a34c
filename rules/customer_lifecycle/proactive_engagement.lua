-- Proactive engagement: from reacting to tickets and cancellations to acting on risk and opportunity early.
local D = "customer_lifecycle.proactive_engagement"

rule {
  id = "proactive_engagement.top-account-risk-register",
  title = "Risk on the largest accounts is discovered at renewal time",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "top-account-risk-register",
    title = "Review a risk register for the top accounts every week",
    summary = "The accounts that carry most of the ARR get an explicit risk status, cause and next action reviewed "
      .. "weekly, so surprises surface months before the renewal date.",
    actions = {
      "The CS leader lists the accounts that make up the top half of ARR in a shared risk register.",
      "Each owning CSM sets a risk status (green, amber, red), the cause and the next action with a date.",
      "CS managers review amber and red accounts in a weekly thirty-minute meeting.",
      "Red accounts above an agreed ARR level are escalated to an executive with a written save plan.",
    },
    effort = "small",
    impact = "high",
    kpis = { "GRR", "EARLY_RISK" },
    requires = {},
  },
  reason = function()
    return ("Proactive engagement scores %.3g against a target of %.3g, so at-risk revenue is found late.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 1.5 } }, { scores = { [D] = 0.5 }, targets = { [D] = "reactive" } } },
  },
}

rule {
  id = "proactive_engagement.health-score-v1",
  title = "No account health score exists",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "health-score-v1",
    title = "Launch a first health score from a few signals",
    summary = "A simple score built from three to five signals (usage where available, support load, sentiment, "
      .. "engagement, renewal proximity) gives every CSM the same first view of risk.",
    actions = {
      "CS Ops picks three to five signals available today and writes down how each one is scored.",
      "Where product usage data is missing, the score uses support tickets, survey answers and meeting cadence instead.",
      "The score is calculated for all named accounts, at first in a spreadsheet if needed, and refreshed weekly.",
      "After one quarter CS Ops checks how many churned or downgraded accounts were red or amber beforehand.",
    },
    effort = "small",
    impact = "high",
    kpis = { "HEALTH_COV", "EARLY_RISK" },
    requires = { "metric-dictionary" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against a target of %.3g, and a shared health view is the first step "
      .. "out of firefighting."):format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.0 }, facts = { usage_telemetry = false } } },
    quiet = { { scores = { [D] = 1.0 } } },
  },
}

rule {
  id = "proactive_engagement.renewal-lead-time-calendar",
  title = "Renewals are worked in the last weeks before they are due",
  dimensions = { D },
  toward = "adopting",
  initiative = {
    id = "renewal-lead-time-calendar",
    title = "Start renewal work at a fixed lead time",
    summary = "A renewal calendar opens every renewal above a threshold a fixed number of days before it is due, "
      .. "leaving time to fix problems instead of discounting.",
    actions = {
      "CS and finance agree lead times by ARR band, for example 120 days for the largest accounts and 60 days for "
        .. "mid-sized ones.",
      "CS Ops creates renewal tasks automatically in the CRM at the agreed lead time.",
      "Each renewal task starts with a short risk check recorded by the owner.",
      "CS managers report every month how many renewals started on time.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "FCST_ACC", "GRR" },
    requires = {},
  },
  reason = function()
    return ("Proactive engagement scores %.3g with a target of %.3g, so renewals still arrive as deadlines.")
      :format(score(D), target(D))
  end,
  when = function() return needs(D, "adopting") end,
  examples = {
    fires = { { scores = { [D] = 0.7 } } },
    quiet = { { scores = { [D] = 0.7 }, target = "reactive" }, { scores = {} } },
  },
}

rule {
  id = "proactive_engagement.health-triggered-plays",
  title = "Health signals do not trigger any action",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "health-triggered-plays",
    title = "Trigger plays automatically from health signals",
    summary = "Rules in the CS platform open a task or a digital play when a signal fires, such as a usage drop, a "
      .. "champion leaving or a detractor score, for every segment.",
    actions = {
      "CS Ops and CS managers choose the five signals that most often preceded churn last year.",
      "Each signal is linked to a written play with an owner, a deadline and a digital variant for unassigned accounts.",
      "CS Ops configures the trigger rules in the CS platform and tests them on historical data.",
      "A monthly report shows triggered plays, completion on time and the outcome of each account.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "EARLY_RISK", "GRR", "REACTIVE_SHARE" },
    requires = { "health-score-v1", "platform-embedded-playbooks" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against a target of %.3g, a gap of %.3g, so risk still waits for a "
      .. "person to notice it."):format(score(D), target(D), gap(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.3 } } },
    quiet = { { scores = { [D] = 2.4 } }, { scores = { [D] = 1.3 }, targets = { [D] = "adopting" } } },
  },
}

rule {
  id = "proactive_engagement.joint-success-plans",
  title = "High-touch customers have no agreed plan for the outcomes they bought",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "joint-success-plans",
    title = "Agree a joint success plan with every high-touch customer",
    summary = "Each high-touch customer signs off measurable outcomes, milestones and owners on both sides, and "
      .. "business reviews report progress against that plan.",
    actions = {
      "CS enablement publishes a one-page success plan template: outcome, baseline, target, date and owners.",
      "CSMs complete a plan with each high-touch customer within 60 days of kick-off or at the next business review.",
      "Business review decks open with progress against the plan instead of product usage statistics.",
      "CS managers report the share of high-touch accounts with a current, customer-approved plan.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "NRR", "ADOPTION", "NPS" },
    requires = { "outcome-based-onboarding" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against a target of %.3g, and engagement without agreed outcomes "
      .. "drifts back to firefighting."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  examples = {
    fires = { { scores = { [D] = 1.8 } } },
    quiet = { { scores = { [D] = 2.0 } } },
  },
}

rule {
  id = "proactive_engagement.reactive-work-reduction",
  title = "Nobody knows how much CSM time goes to firefighting",
  dimensions = { D },
  toward = "performing",
  initiative = {
    id = "reactive-work-reduction",
    title = "Measure firefighting time and set a target to reduce it",
    summary = "CSM activities are tagged as reactive or proactive, the reactive share is reported monthly, and "
      .. "recurring break-fix work is routed back to support.",
    actions = {
      "CS Ops adds a reactive or proactive tag to CSM activity logging, or runs a two-week time sample.",
      "The CS leader sets a target for the reactive share per segment and reports it monthly.",
      "CS and support agree which ticket types go to support and publish the routing rule to customers.",
      "CS managers review the five largest sources of reactive time each quarter and assign a fix for each.",
    },
    effort = "small",
    impact = "medium",
    kpis = { "REACTIVE_SHARE", "CSM_ATTR" },
    requires = { "cs-charter-and-scope" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against a target of %.3g, and proactive work is what slips when time "
      .. "is unmeasured."):format(score(D), target(D))
  end,
  when = function() return needs(D, "performing") end,
  priority = function()
    local ceiling = param("reactive_share_ceiling")
    if fact_at_least("reactive_share", ceiling) then
      return 1.4, ("CSMs spend %.0f %% of their time firefighting, at or above %.0f %%")
        :format(fact("reactive_share") * 100, ceiling * 100)
    end
  end,
  examples = {
    fires = { { scores = { [D] = 1.1 }, facts = { reactive_share = 0.6 } }, { scores = { [D] = 0.5 } } },
    quiet = { { scores = { [D] = 2.2 }, facts = { reactive_share = 0.6 } } },
  },
}

rule {
  id = "proactive_engagement.predictive-risk-models",
  title = "Risk is judged by rules of thumb rather than validated predictions",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "predictive-risk-models",
    title = "Build validated churn and expansion prediction models",
    summary = "Statistical models trained on past renewals predict churn and expansion likelihood per account, and "
      .. "their scores decide where CSM time goes.",
    actions = {
      "A data analyst trains churn and expansion models on at least two years of renewal outcomes and account signals.",
      "The models are validated on a held-out period and their precision and recall are published to CS leadership.",
      "The CS platform shows model scores next to the health score and ranks CSM work queues by them.",
      "Model accuracy is re-checked every quarter and the models are retrained when it drops.",
    },
    effort = "large",
    impact = "high",
    kpis = { "HEALTH_ACC", "EARLY_RISK", "GRR" },
    requires = { "calibrated-health-score", "customer-360" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against an optimizing target of %.3g, a level where validated "
      .. "predictions rank where CSMs intervene."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.1 }, target = "optimizing" } },
    quiet = { { scores = { [D] = 2.1 } } },
  },
}

rule {
  id = "proactive_engagement.expansion-and-advocacy-plays",
  title = "Proactive work covers risk only, not growth and advocacy",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "expansion-and-advocacy-plays",
    title = "Add expansion and advocacy plays next to the risk plays",
    summary = "Healthy accounts trigger plays for adoption of more features, expansion conversations and references, "
      .. "with qualified leads passed to sales.",
    actions = {
      "CS Ops defines signals of expansion readiness, such as license utilization above 85 % or a new use case.",
      "CS managers write plays for expansion, reference requests and case studies with entry criteria and owners.",
      "Expansion plays end in a CS-qualified lead logged in the CRM and accepted or rejected by sales.",
      "A quarterly report shows leads created, accepted and converted per play.",
    },
    effort = "medium",
    impact = "high",
    kpis = { "CSQL", "NRR", "EXPANSION_ARR" },
    requires = { "csql-process", "joint-success-plans" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against an optimizing target of %.3g, a level where proactive plays "
      .. "cover growth and advocacy, not only saves."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.7 }, targets = { [D] = 3 } } },
    quiet = { { scores = { [D] = 2.7 }, targets = { [D] = 2.5 } } },
  },
}

rule {
  id = "proactive_engagement.low-touch-renewals",
  title = "Every renewal is still negotiated as an event",
  dimensions = { D },
  toward = "optimizing",
  initiative = {
    id = "low-touch-renewals",
    title = "Make renewals of healthy accounts a formality",
    summary = "Healthy accounts renew through an automated, low-touch path while commercial conversations, including "
      .. "multi-year options, move to mid-term business reviews.",
    actions = {
      "CS and finance define the health and usage criteria that qualify an account for automated renewal.",
      "CS Ops sets up renewal notices and quotes that go out automatically for qualifying accounts.",
      "CSMs raise multi-year and expansion options in the mid-term business review instead of the renewal month.",
      "The renewal team reports the share of ARR renewed without a discount or a late-stage escalation.",
    },
    effort = "medium",
    impact = "medium",
    kpis = { "FCST_ACC", "GRR" },
    requires = { "health-triggered-plays", "forecast-accuracy-cadence" },
  },
  reason = function()
    return ("Proactive engagement scores %.3g against an optimizing target of %.3g, a level where renewals of "
      .. "healthy accounts follow from earlier work."):format(score(D), target(D))
  end,
  when = function() return needs(D, "optimizing") end,
  examples = {
    fires = { { scores = { [D] = 2.0 }, target = 3 } },
    quiet = { { scores = { [D] = 3.0 }, target = 3 } },
  },
}
