#!/usr/bin/env python3
"""Run the csm rule files from Python with lupa, the way a Python user would.

Python reads each assessment with json.loads, computes scores, levels, targets
and gaps itself, hands the result to Lua as tables, and collects the fired rule
ids. The rules run inside lupa's Lua 5.4 through the same rule API as the
pure-Lua floor (bench/lua/harness.lua), so the two differ only in who decodes,
scores and builds the tables.

    bench/.venv/bin/python bench/lupa_bench.py --rules rules [--rules DIR]... [--fired] INPUT...

INPUT is a JSON Lines file (*.jsonl, *.ndjson), an assessment (*.json) or a
directory searched for *.json. With --fired it prints one line per assessment:
the organization name, a tab and the sorted fired rule ids. It always ends with
a summary line on standard error.
"""

import argparse
import json
import math
import sys
import time
from pathlib import Path

from lupa import lua54

BENCH_DIRECTORY = Path(__file__).resolve().parent
DIMENSION_IDS = [
    "customer_lifecycle.codified_journey", "customer_lifecycle.customer_centric_culture",
    "customer_lifecycle.proactive_engagement", "operating_model.data_driven_insights",
    "operating_model.cs_role_structure", "operating_model.cx_metrics_alignment",
    "economic_model.value_measurement", "economic_model.executive_investment",
    "economic_model.customer_paid_success", "enablement_scale.process_enablement",
    "enablement_scale.tool_leverage", "enablement_scale.cs_career_culture",
]
THRESHOLDS = {"reactive": 0.0, "adopting": 1.0, "performing": 2.0, "optimizing": 3.0}
DEFAULT_TARGET = 2.0


def round4(value):
    """Round a non-negative number half away from zero to four decimals, as csm does."""
    return math.floor(value * 10000 + 0.5) / 10000


def level_of(score):
    if score >= 3:
        return "optimizing"
    if score >= 2:
        return "performing"
    if score >= 1:
        return "adopting"
    return "reactive"


def score_number(value):
    if value is None:
        return None
    if isinstance(value, str):
        return THRESHOLDS[value]
    return float(value)


def respondent_spreads(respondents):
    collected = {}
    for respondent in respondents or []:
        for dimension_id, value in respondent["scores"].items():
            score = score_number(value)
            if score is not None:
                collected.setdefault(dimension_id, []).append(score)
    spreads = {}
    for dimension_id, scores in collected.items():
        mean = sum(scores) / len(scores)
        variance = sum((score - mean) ** 2 for score in scores) / len(scores)
        spreads[dimension_id] = {"count": len(scores), "min": min(scores), "max": max(scores),
                                 "mean": round4(mean), "stddev": round4(math.sqrt(variance))}
    return spreads


def score_assessment(assessment):
    """Return the view the rule API reads: dimensions by id, facts, organization."""
    file_target = score_number(assessment.get("target"))
    if file_target is None:
        file_target = DEFAULT_TARGET
    inputs = assessment.get("dimensions") or {}
    spreads = respondent_spreads(assessment.get("respondents"))
    dimensions = {}
    for dimension_id in DIMENSION_IDS:
        entry = inputs.get(dimension_id) or {}
        spread = spreads.get(dimension_id)
        score = score_number(entry.get("score"))
        if score is not None:
            score = round4(score)
        elif spread is not None:
            score = round4(spread["mean"])
        target = score_number(entry.get("target"))
        if target is None:
            target = file_target
        dimension = {"id": dimension_id, "competency": dimension_id.split(".")[0], "assessed": score is not None,
                     "target": target, "target_level": level_of(target)}
        if spread is not None:
            dimension["spread"] = spread
        if score is not None:
            dimension.update(score=score, level=level_of(score), gap=round4(max(0.0, target - score)))
        dimensions[dimension_id] = dimension

    facts = {}
    for fact_id, value in (assessment.get("facts") or {}).items():
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)  # csm hands rules numeric facts as floats
        facts[fact_id] = value
    return {"dimensions": dimensions, "facts": facts, "organization": assessment["organization"],
            "assessed_on": assessment["assessed_on"]}


def documents(path):
    """Yield the text of every assessment in a JSON Lines file, an assessment file or a directory."""
    path = Path(path)
    if path.suffix in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                if line.strip():
                    yield line
    elif path.is_dir():
        for file in sorted(path.rglob("*.json")):
            yield file.read_text(encoding="utf-8")
    else:
        yield path.read_text(encoding="utf-8")


def list_files(directory, suffix):
    """List files under `directory` ending in `suffix`, skipping hidden ones, sorted by path."""
    paths = (str(path) for path in Path(directory).rglob(f"*{suffix}") if path.is_file())
    return sorted(path for path in paths if "/." not in path[len(directory):])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", action="append", required=True, metavar="DIR",
                        help="a rule pack directory; the first is the built-in pack (rules/)")
    parser.add_argument("--fired", action="store_true", help="print the fired rule ids of every assessment")
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    arguments = parser.parse_args()

    started = time.process_time()
    lua = lua54.LuaRuntime(unpack_returned_tuples=True)
    harness = lua.execute((BENCH_DIRECTORY / "lua" / "harness.lua").read_text(encoding="utf-8"))
    harness.set_json(lua.execute((BENCH_DIRECTORY / "lua" / "json.lua").read_text(encoding="utf-8")))
    harness.list_files = lambda directory, suffix: lua.table_from(list_files(directory, suffix))
    rules = harness.load_packs(lua.table_from(arguments.rules))
    rule_count = len(rules)

    count = fired_total = 0
    output = sys.stdout
    for input_path in arguments.inputs:
        for text in documents(input_path):
            assessment = json.loads(text)
            if not isinstance(assessment, dict) or assessment.get("schema") != "csm.assessment/v1":
                sys.stderr.write(f"lupa: skipped a document that is not a csm.assessment/v1 assessment in {input_path}\n")
                continue
            view = lua.table_from(score_assessment(assessment), recursive=True)
            fired = list(harness.evaluate(rules, view).values())
            count += 1
            fired_total += len(fired)
            if arguments.fired:
                output.write(f"{assessment['organization']['name']}\t{','.join(sorted(fired))}\n")
    sys.stderr.write(f"lupa: {count} assessments, {rule_count} rules, {fired_total} fired, "
                     f"{time.process_time() - started:.3f} s CPU\n")


if __name__ == "__main__":
    main()
