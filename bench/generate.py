#!/usr/bin/env python3
"""Generate synthetic csm.assessment/v1 files for the benchmarks.

Assessment i depends only on the seed and i, so `--count 100` gives the first
100 assessments of `--count 1000000`. Python 3 standard library only.

    bench/generate.py --count 500 --out /tmp/clients       # 500 pretty-printed files
    bench/generate.py --count 1000000 --jsonl - | csm batch - --output out
"""

import argparse
import json
import random
import sys
from pathlib import Path

DEFAULT_SEED = 20261101

DIMENSIONS = {
    "customer_lifecycle": ["codified_journey", "customer_centric_culture", "proactive_engagement"],
    "operating_model": ["data_driven_insights", "cs_role_structure", "cx_metrics_alignment"],
    "economic_model": ["value_measurement", "executive_investment", "customer_paid_success"],
    "enablement_scale": ["process_enablement", "tool_leverage", "cs_career_culture"],
}
DIMENSION_IDS = [f"{competency}.{dimension}" for competency, dimensions in DIMENSIONS.items() for dimension in dimensions]
LEVEL_NAMES = ["reactive", "adopting", "performing", "optimizing"]

NAME_FIRST = [
    "Northwind", "Helio", "Atlas", "BrightPath", "Cobalt", "Lumen", "Quarry", "Tidal", "Juniper", "Vantage",
    "Orchard", "Keystone", "Summit", "Harbor", "Nimbus", "Fable", "Granite", "Beacon", "Pioneer", "Saffron",
    "Meridian", "Willow", "Ember", "Polaris", "Canopy", "Sterling", "Ridge", "Aurora", "Cascade", "Mosaic",
]
NAME_SECOND = [
    "Cloud", "Analytics", "Planning", "Scheduling", "Health", "Payroll", "Logistics", "Security", "Learning",
    "Commerce", "Labs", "Software", "Systems", "Insights", "Data", "Works", "Networks", "Billing", "CRM", "HR",
]
INDUSTRIES = [
    "HR software", "Marketing analytics software", "Supply chain planning software", "Field service scheduling software",
    "Healthcare practice management", "Payments infrastructure", "Learning management system", "Security operations",
    "E-commerce platform", "Construction project management", "Legal document automation", "Fleet telematics",
]
REGIONS = ["North America", "EMEA", "APAC", "LATAM", "DACH", "Nordics", "UK and Ireland", "Global"]
ASSESSORS = [
    "Keystone CS Advisory", "Priya Raman, Keystone CS Advisory", "Internal self-assessment",
    "Acme Advisory, mentored self-assessment", "Northstar Consulting",
]
ROLES = [
    ("ceo", "CEO"), ("cfo", "CFO"), ("cro", "Chief Revenue Officer"), ("vp-cs", "VP Customer Success"),
    ("cs-ops", "CS Operations lead"), ("senior-csm", "Senior CSM"), ("cs-manager", "CS Manager"),
    ("head-support", "Head of Support"), ("vp-product", "VP Product"), ("onboarding-lead", "Onboarding lead"),
]
PEOPLE = [
    "Daniel Osei", "Mei Tanaka", "Ravi Menon", "Sofia Alvarez", "Liam O'Connor", "Amara Nwosu", "Jonas Berg",
    "Chloé Martin", "Hiroshi Sato", "Fatima Zahra", "Noah Schmidt", "Isabela Costa", "Wei Chen", "Ana Kovač",
]
EVIDENCE = [
    "A journey map exists for enterprise customers only.",
    "CSMs hear about at-risk accounts from cancellation emails.",
    "The health dashboard creates no tasks for pooled accounts.",
    "GRR and NRR appear in every board pack since Q2.",
    "Finance and CS count churned customers differently.",
    "Renewal and onboarding playbooks exist; only onboarding is used.",
    "A CS platform went live last year; adoption by CSMs is uneven.",
    "There is no career ladder for CSMs beyond senior CSM.",
    "Quarterly business reviews follow a template with value delivered.",
    "Paid success plans are offered to enterprise customers only.",
    "Product usage data reaches CS through a weekly export.",
    "The CEO joins a monthly churn review with CS and product.",
]
NOT_ASSESSED_REASONS = [
    "No one in the workshop could judge this dimension.",
    "Deferred to the next assessment; the CS Ops lead was absent.",
    "The company has no paid success offering to assess yet.",
]

# Segment profiles: (ARR range in USD, median ACV range in USD, base maturity range).
SEGMENTS = {
    "smb": ((1e6, 2.5e7), (3e3, 2.5e4), (0.2, 1.6)),
    "mid-market": ((1e7, 1.5e8), (1.5e4, 1.2e5), (0.6, 2.2)),
    "enterprise": ((1e8, 2e9), (8e4, 1e6), (1.2, 2.8)),
}


def maybe(rng, probability):
    return rng.random() < probability


def log_uniform(rng, low, high):
    return low * (high / low) ** rng.random()


def clamp(value, low, high):
    return max(low, min(high, value))


def score_value(rng, score):
    """Write a 0-3 score the way assessors do: halves, tenths, or a level name for a whole number."""
    score = clamp(score, 0.0, 3.0)
    style = rng.random()
    if style < 0.55:
        value = round(score * 2) / 2
    else:
        value = round(score, 1)
    if value == int(value) and maybe(rng, 0.4):
        return LEVEL_NAMES[int(value)]
    return int(value) if value == int(value) else value


def target_value(rng):
    choice = rng.random()
    if choice < 0.5:
        return rng.choice(["adopting", "performing", "optimizing"])
    return rng.choice([1, 1.5, 2, 2.5, 3])


def make_facts(rng, segment, maturity):
    arr_range, acv_range, _ = SEGMENTS[segment]
    arr = int(round(log_uniform(rng, *arr_range), -4))
    acv = int(round(log_uniform(rng, *acv_range), -2))
    customers = max(1, int(arr / acv))
    grr = round(clamp(rng.gauss(0.78 + 0.06 * maturity, 0.04), 0.55, 0.99), 2)
    nrr = round(clamp(grr + rng.gauss(0.08 + 0.05 * maturity, 0.06), 0.5, 1.6), 2)
    logo_churn = round(clamp(rng.gauss(1.0 - grr + 0.03, 0.03), 0.01, 0.6), 2)
    csms = max(1, int(arr / log_uniform(rng, 1.2e6, 6e6)))
    facts = {
        "arr_usd": arr,
        "arr_growth": round(clamp(rng.gauss(0.25, 0.18), -0.3, 2.0), 2),
        "customers": customers,
        "acv_median_usd": acv,
        "grr": grr,
        "nrr": nrr,
        "logo_churn": logo_churn,
        "first_year_churn": round(clamp(logo_churn * rng.uniform(1.0, 1.8), 0.01, 0.8), 2),
        "csm_headcount": csms,
        "cs_ops_headcount": int(csms * rng.uniform(0, 0.12)),
        "cs_cost_usd": int(round(arr * rng.uniform(0.05, 0.2), -3)),
        "csm_attrition": round(clamp(rng.gauss(0.22, 0.08), 0.0, 0.8), 2),
        "ttfv_days": rng.randint(10, 120),
        "onboarding_completion": round(clamp(rng.gauss(0.45 + 0.15 * maturity, 0.1), 0.1, 1.0), 2),
        "health_score_coverage": round(clamp(rng.gauss(0.2 + 0.3 * maturity, 0.15), 0.0, 1.0), 2),
        "forecast_accuracy": round(clamp(rng.gauss(0.6 + 0.1 * maturity, 0.08), 0.3, 0.99), 2),
        "nps": rng.randint(-20, 70),
        "csat": round(clamp(rng.gauss(0.82, 0.06), 0.5, 0.99), 2),
        "reactive_share": round(clamp(rng.gauss(0.75 - 0.2 * maturity, 0.1), 0.05, 0.95), 2),
        "digital_reach": round(clamp(rng.gauss(0.1 + 0.2 * maturity, 0.1), 0.0, 1.0), 2),
        "paid_success_offering": maybe(rng, 0.15 + 0.2 * maturity),
        "usage_telemetry": maybe(rng, 0.3 + 0.25 * maturity),
        "retention_in_board_pack": maybe(rng, 0.3 + 0.25 * maturity),
        "cs_platform": maybe(rng, 0.25 + 0.25 * maturity),
        "pricing_model": rng.choice(["seat", "seat", "tier", "usage", "hybrid"]),
        "multi_year_share": round(clamp(rng.gauss(0.1 + 0.1 * maturity, 0.08), 0.0, 0.9), 2),
    }
    if facts["paid_success_offering"]:
        facts["paid_attach_rate"] = round(clamp(rng.gauss(0.2, 0.1), 0.01, 0.9), 2)
    # Real assessments leave out what the company does not track.
    for fact_id in list(facts):
        if fact_id not in ("arr_usd", "customers") and maybe(rng, 0.15):
            del facts[fact_id]
    if maybe(rng, 0.03):
        facts["grr"] = None
    if maybe(rng, 0.1):
        facts["x_partner_sourced_share"] = round(rng.random(), 2)
    if maybe(rng, 0.05):
        facts["x_crm"] = rng.choice(["Salesforce", "HubSpot", "Dynamics"])
    return facts


def make_respondents(rng, true_scores, skipped):
    respondents = []
    for role_id, role in rng.sample(ROLES, rng.randint(2, 6)):
        bias = rng.gauss(0, 0.3)
        scores = {}
        for dimension_id in DIMENSION_IDS:
            if dimension_id in skipped or maybe(rng, 0.06):
                scores[dimension_id] = None  # "don't know"
            else:
                scores[dimension_id] = score_value(rng, true_scores[dimension_id] + bias + rng.gauss(0, 0.45))
        respondent = {"id": role_id, "role": role}
        if maybe(rng, 0.6):
            respondent["name"] = rng.choice(PEOPLE)
        respondent["scores"] = scores
        respondents.append(respondent)
    return respondents


def make_dimensions(rng, true_scores, style):
    """Return the dimensions object and the ids left without any score."""
    dimensions = {}
    skipped = set()
    for dimension_id in DIMENSION_IDS:
        entry = {}
        if maybe(rng, 0.07):
            skipped.add(dimension_id)
            entry["score"] = None
            entry["reason"] = rng.choice(NOT_ASSESSED_REASONS)
        elif style == "direct" or (style == "mixed" and maybe(rng, 0.3)):
            entry["score"] = score_value(rng, true_scores[dimension_id])
        if maybe(rng, 0.2):
            entry["target"] = target_value(rng)
        if maybe(rng, 0.45):
            entry["evidence"] = rng.choice(EVIDENCE)
        if entry:
            dimensions[dimension_id] = entry
    return dimensions, skipped


def make_assessment(seed, index):
    rng = random.Random(f"{seed}:{index}")
    segment = rng.choice(["smb", "smb", "mid-market", "mid-market", "enterprise"])
    maturity = rng.uniform(*SEGMENTS[segment][2])
    true_scores = {dimension_id: clamp(rng.gauss(maturity, 0.55), 0, 3) for dimension_id in DIMENSION_IDS}

    organization = {"name": f"{rng.choice(NAME_FIRST)} {rng.choice(NAME_SECOND)} {index}"}
    if maybe(rng, 0.9):
        organization["segment"] = segment
    if maybe(rng, 0.7):
        organization["industry"] = rng.choice(INDUSTRIES)
    if maybe(rng, 0.6):
        organization["region"] = rng.choice(REGIONS)

    assessment = {
        "schema": "csm.assessment/v1",
        "organization": organization,
        "assessed_on": f"{rng.choice([2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    if maybe(rng, 0.5):
        assessment["assessor"] = rng.choice(ASSESSORS)
    if maybe(rng, 0.7):
        assessment["target"] = rng.choice(["adopting", "performing", "performing", "optimizing", 2, 2.5])
    assessment["facts"] = make_facts(rng, segment, maturity)

    # Most assessments give consensus scores; about a third are scored by respondents.
    style = rng.choices(["direct", "respondents", "mixed"], weights=[60, 25, 15])[0]
    dimensions, skipped = make_dimensions(rng, true_scores, style)
    assessment["dimensions"] = dimensions
    if style != "direct" or maybe(rng, 0.1):
        assessment["respondents"] = make_respondents(rng, true_scores, skipped)
    if len(skipped) == len(DIMENSION_IDS):
        first = DIMENSION_IDS[0]
        dimensions[first] = {"score": score_value(rng, true_scores[first])}
    if maybe(rng, 0.2):
        assessment["notes"] = "Synthetic assessment for csm benchmarks."
    return assessment


def write_directory(directory, seed, count):
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        path = directory / f"client-{index + 1:07d}.json"
        path.write_text(json.dumps(make_assessment(seed, index), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_jsonl(stream, seed, count):
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    lines = []
    for index in range(count):
        lines.append(encoder.encode(make_assessment(seed, index)))
        if len(lines) == 256:  # a bounded buffer keeps memory flat for any count
            stream.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        stream.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="number of assessments to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    output = parser.add_mutually_exclusive_group(required=True)
    output.add_argument("--out", type=Path, metavar="DIR", help="write one pretty-printed DIR/client-NNNNNNN.json per assessment")
    output.add_argument("--jsonl", metavar="FILE", help="write one compact assessment per line to FILE, or to standard output with -")
    arguments = parser.parse_args()
    if arguments.count < 0:
        parser.error(f"--count must be 0 or more, got {arguments.count}")

    if arguments.out is not None:
        write_directory(arguments.out, arguments.seed, arguments.count)
    elif arguments.jsonl == "-":
        try:
            write_jsonl(sys.stdout, arguments.seed, arguments.count)
            sys.stdout.flush()
        except BrokenPipeError:
            sys.stderr.write("generate.py: the reader closed the pipe early\n")
            sys.exit(1)
    else:
        with open(arguments.jsonl, "w", encoding="utf-8") as stream:
            write_jsonl(stream, arguments.seed, arguments.count)


if __name__ == "__main__":
    main()
