#!/usr/bin/env python3
"""Generate a synthetic rule pack of N rules for the per-rule cost benchmark.

The pack layers over the built-in one and reads like a consultancy's pack:
proposing rules with needs() and fact checks over parameters, reasons, some
priority functions, prerequisites and examples, plus one adjust rule in ten.
Files hold 40 rules each. The same --count and --seed give the same files.
Python 3 standard library only.

Rules come in 40 shapes, drawn from the seed, and rule n takes shape
(n - 1) mod 40 with its own rule and initiative ids; prerequisites point to
rules of the same file. A pack of 1,000 rules therefore contains each rule of the
40-rule pack 25 times over, so both packs do the same work per rule and the
per-rule cost benchmark shows how the engine scales with the pack's size, not
how two random samples of rules differ.

    bench/generate_rules.py --count 1000 --out /tmp/bench-1000 && csm rules check /tmp/bench-1000
"""

import argparse
import json
import random
from pathlib import Path

DEFAULT_SEED = 7
RULES_PER_FILE = 40

DIMENSIONS = [
    ("CJ", "customer_lifecycle.codified_journey"), ("CC", "customer_lifecycle.customer_centric_culture"),
    ("PE", "customer_lifecycle.proactive_engagement"), ("DI", "operating_model.data_driven_insights"),
    ("RS", "operating_model.cs_role_structure"), ("MA", "operating_model.cx_metrics_alignment"),
    ("VM", "economic_model.value_measurement"), ("EI", "economic_model.executive_investment"),
    ("PS", "economic_model.customer_paid_success"), ("PR", "enablement_scale.process_enablement"),
    ("TL", "enablement_scale.tool_leverage"), ("CA", "enablement_scale.cs_career_culture"),
]
LEVELS = [("adopting", 1.0), ("performing", 2.0), ("optimizing", 3.0)]
KPIS = ["GRR", "NRR", "LOGO_CHURN", "FIRST_YEAR_CHURN", "TTFV", "ADOPTION", "HEALTH_COV", "EARLY_RISK", "CSQL",
        "FCST_ACC", "NPS", "CSAT", "CSM_ATTR", "ONB_COMP", "REACTIVE_SHARE", "DIGITAL_REACH", "CS_COST", "CS_ROI"]
CORE_INITIATIVES = ["metric-dictionary", "health-score-v1", "journey-mapping-workshop", "cs-cost-baseline",
                    "lifecycle-stage-definitions", "customer-360", "core-playbook-library"]

# (fact, parameter, default, fires value): the fact is below the parameter's default.
FLOORS = [("grr", "grr_floor", 0.9, 0.82), ("nrr", "nrr_floor", 1.05, 0.95),
          ("onboarding_completion", "onboarding_floor", 0.7, 0.5), ("nps", "nps_floor", 30.0, 12)]
# (fact, parameter, default, fires value): the fact is at or above the parameter's default.
CEILINGS = [("first_year_churn", "churn_ceiling", 0.15, 0.25), ("csm_attrition", "attrition_ceiling", 0.25, 0.35),
            ("reactive_share", "reactive_ceiling", 0.5, 0.7), ("ttfv_days", "ttfv_ceiling_days", 45.0, 70)]

VERBS = ["Run", "Introduce", "Standardize", "Pilot", "Publish", "Automate", "Review", "Launch", "Measure", "Align"]
OBJECTS = ["a quarterly renewal risk review", "segment-specific onboarding plans", "a value realization checklist",
           "executive business reviews for the top accounts", "a churn post-mortem for every lost logo",
           "a CSM capacity model", "health score alerts in the CRM", "a customer outcomes library",
           "a digital adoption campaign", "a cross-functional escalation path", "a CS operations backlog",
           "success plans for strategic accounts", "a product feedback routine", "a renewal playbook"]
OWNERS = ["The CS leader", "CS Ops", "Each CSM", "The VP Customer Success", "The finance lead",
          "The onboarding team", "Product operations", "CS managers"]
STEPS = ["writes down the current practice and its owners in the shared wiki",
         "agrees the success criteria with the heads of sales, support and product",
         "pilots the change with ten accounts and records what changed",
         "reports progress in the monthly CS leadership meeting",
         "adds the required fields and reports to the CRM",
         "trains every customer-facing role in a one-hour session",
         "reviews the results after one quarter and adjusts the plan"]


def lua_string(text):
    return json.dumps(text, ensure_ascii=False)


def score_key(local):
    return f"[{local}]"


def make_condition(rng, local, level):
    """Return (Lua condition, example facts that make it true, extra example fields)."""
    kind = rng.choices(["needs", "floor", "ceiling", "choice", "pair"], weights=[35, 20, 20, 10, 15])[0]
    base = f'needs({local}, "{level}")'
    if kind == "floor":
        fact, parameter, _, value = rng.choice(FLOORS)
        return f'{base} and fact_below("{fact}", param("{parameter}"))', {fact: value}, {}
    if kind == "ceiling":
        fact, parameter, _, value = rng.choice(CEILINGS)
        return f'{base} and fact_at_least("{fact}", param("{parameter}"))', {fact: value}, {}
    if kind == "choice":
        if rng.random() < 0.5:
            return f'{base} and fact_is("usage_telemetry", false)', {"usage_telemetry": False}, {}
        return f'{base} and (fact_is("pricing_model", "usage") or fact_is("pricing_model", "hybrid"))', \
            {"pricing_model": "usage"}, {}
    if kind == "pair":
        other_local, _ = rng.choice(DIMENSIONS)
        if other_local != local:
            return f'{base} and at_least({other_local}, "adopting")', {}, {other_local: 1.5}
    return base, {}, {}


def lua_facts(facts):
    parts = []
    for name, value in facts.items():
        if isinstance(value, bool):
            parts.append(f"{name} = {'true' if value else 'false'}")
        elif isinstance(value, str):
            parts.append(f"{name} = {lua_string(value)}")
        else:
            parts.append(f"{name} = {value}")
    return "{ " + ", ".join(parts) + " }"


def make_example(scores, facts, level):
    fields = ["scores = { " + ", ".join(f"{score_key(local)} = {value}" for local, value in scores.items()) + " }"]
    if facts:
        fields.append("facts = " + lua_facts(facts))
    if level == "optimizing":
        fields.append('target = "optimizing"')
    return "{ " + ", ".join(fields) + " }"


def make_rule(rng, pack, number, earlier_initiatives):
    local, _ = rng.choice(DIMENSIONS)
    level, threshold = rng.choices(LEVELS, weights=[35, 45, 20])[0]
    condition, facts, extra_scores = make_condition(rng, local, level)
    initiative_id = f"{pack}-{number:04d}"
    requires = []
    if earlier_initiatives and rng.random() < 0.25:
        requires.append(rng.choice(earlier_initiatives))
    if rng.random() < 0.1:
        requires.append(rng.choice(CORE_INITIATIVES))
    subject = rng.choice(OBJECTS)
    title = f"{rng.choice(VERBS)} {subject}"
    actions = [f"{rng.choice(OWNERS)} {step}." for step in rng.sample(STEPS, rng.randint(2, 4))]
    fires = make_example({local: threshold - 0.5, **extra_scores}, facts, level)
    quiet = make_example({local: threshold, **extra_scores}, facts, level)

    lines = [
        "rule {",
        f'  id = "{pack}.rule-{number:04d}",',
        f"  title = {lua_string(f'Not yet in place: {subject}')},",
        f"  dimensions = {{ {local} }},",
        f'  toward = "{level}",',
        "  initiative = {",
        f'    id = "{initiative_id}",',
        f"    title = {lua_string(title)},",
        f"    summary = {lua_string(title + ' so the team closes the gap on this dimension within two quarters.')},",
        "    actions = {",
        *[f"      {lua_string(action)}," for action in actions],
        "    },",
        f'    effort = "{rng.choice(["small", "medium", "large"])}",',
        f'    impact = "{rng.choice(["low", "medium", "high"])}",',
        "    kpis = { " + ", ".join(lua_string(kpi) for kpi in rng.sample(KPIS, rng.randint(1, 3))) + " },",
        "    requires = {" + ", ".join(f" {lua_string(item)}" for item in requires) + (" }," if requires else "},"),
        "  },",
        "  reason = function()",
        f'    return ("%s scores %.1f against a target of %.1f."):format(name({local}), score({local}), target({local}))',
        "  end,",
        f"  when = function() return {condition} end,",
    ]
    if rng.random() < 0.3:
        lines += [
            "  priority = function()",
            '    if fact_at_least("arr_growth", 0.3) then return 1.2, "ARR grows fast, so the gap widens quickly" end',
            "  end,",
        ]
    lines += [f"  examples = {{ fires = {{ {fires} }}, quiet = {{ {quiet} }} }},", "}", ""]
    return lines, initiative_id


def make_adjust(rng, pack, number):
    locals_ = [local for local, _ in rng.sample(DIMENSIONS, rng.randint(1, 3))]
    check, limits = rng.choice([("fact_below", FLOORS), ("fact_at_least", CEILINGS)])
    fact, parameter, _, value = rng.choice(limits)
    return [
        "adjust {",
        f'  id = "{pack}.adjust-{number:04d}",',
        f"  title = {lua_string(f'{fact} past its limit raises related work')},",
        "  dimensions = { " + ", ".join(locals_) + " },",
        f'  toward = {{ "adopting", "performing" }},',
        f'  when = function() return {check}("{fact}", param("{parameter}")) end,',
        f"  factor = {rng.choice(['1.2', '1.3', '0.8'])},",
        "  reason = function()",
        f'    return ("{fact} is %.2f against a limit of %.2f."):format(fact("{fact}"), param("{parameter}"))',
        "  end,",
        f"  examples = {{ fires = {{ {{ facts = {lua_facts({fact: value})} }} }}, quiet = {{ {{ facts = {{}} }} }} }},",
        "}",
        "",
    ]


def write_pack(directory, count, seed):
    pack = f"bench-{count}"
    directory.mkdir(parents=True, exist_ok=True)
    parameters = {}
    for fact, parameter, default, _ in FLOORS + CEILINGS:
        parameters[parameter] = {"type": "number", "default": default, "description": f"Limit for the fact {fact}."}
    manifest = {"schema": "csm.pack/v1", "name": pack, "version": "1.0.0", "api_version": 1,
                "description": f"Synthetic pack of {count} rules for the csm benchmarks.", "parameters": parameters}
    (directory / "pack.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    header = [f"-- Synthetic rules for the csm benchmarks (bench/generate_rules.py, seed {seed}).", ""]
    header += [f'local {local} = "{dimension_id}"' for local, dimension_id in DIMENSIONS] + [""]
    for file_number, first in enumerate(range(1, count + 1, RULES_PER_FILE), start=1):
        lines = list(header)
        initiatives = []  # of this file, for prerequisites
        for number in range(first, min(first + RULES_PER_FILE, count + 1)):
            rng = random.Random(f"{seed}:{(number - 1) % RULES_PER_FILE}")  # the rule's shape
            if number % 10 == 0:
                lines += make_adjust(rng, pack, number)
            else:
                rule_lines, initiative_id = make_rule(rng, pack, number, initiatives)
                lines += rule_lines
                initiatives.append(initiative_id)
        (directory / f"part-{file_number:03d}.lua").write_text("\n".join(lines), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="number of rules in the pack")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="the pack directory to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    arguments = parser.parse_args()
    if arguments.count < 1:
        parser.error(f"--count must be 1 or more, got {arguments.count}")
    write_pack(arguments.out, arguments.count, arguments.seed)


if __name__ == "__main__":
    main()
