#!/usr/bin/env python3
"""SARIF 2.1.0: generate --format sarif for every sample must validate against the official
OASIS schema (schemas/vendor/sarif/, Draft 4) with a real JSON Schema validator, and every
result must point at a line of the model. usage: sarif.py BINARY (from the repository root)."""
import glob
import json
import subprocess
import sys

import jsonschema


def main(binary):
    schema = json.load(open("schemas/vendor/sarif/sarif-schema-2.1.0.json", encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema)
    failures, checked = [], 0
    for model in sorted(glob.glob("samples/*/model.yaml")):
        out = subprocess.run([binary, "generate", model, "--format", "sarif", "--lang", "en"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            failures.append(f"{model}: exit {out.returncode}: {out.stderr[:300]}")
            continue
        log = json.loads(out.stdout)
        checked += 1
        for e in sorted(validator.iter_errors(log), key=lambda e: list(e.path))[:5]:
            failures.append(f"{model}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
        run = log["runs"][0]
        lines = open(model, encoding="utf-8").read().count("\n") + 1
        rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        if not run["results"]:
            failures.append(f"{model}: no results")
        for r in run["results"]:
            loc = r["locations"][0]["physicalLocation"]
            if loc["artifactLocation"]["uri"] != model:
                failures.append(f"{model}: result {r['properties']['id']} points at {loc['artifactLocation']['uri']}")
            if not 1 <= loc["region"]["startLine"] <= lines:
                failures.append(f"{model}: result {r['properties']['id']} at line {loc['region']['startLine']}")
            if rule_ids[r["ruleIndex"]] != r["ruleId"]:
                failures.append(f"{model}: result {r['properties']['id']} has a wrong ruleIndex")
            if r["level"] not in ("error", "warning", "note"):
                failures.append(f"{model}: level {r['level']}")
    for f in failures:
        print("FAIL", f)
    print(f"{checked} SARIF logs checked, {len(failures)} failures")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
