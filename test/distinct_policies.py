#!/usr/bin/env python3
"""No two policies of one catalog share a field text word for word (issue 3): for every sample
and every model in test/models, in both languages, every field value and runbook step of a
policy appears in no other policy of that catalog. usage: distinct_policies.py BINARY"""
import collections
import glob
import json
import subprocess
import sys

FIELDS = ["name", "intent", "protects", "trigger", "enforcement", "idempotency", "retry", "reconciliation",
          "compensation", "exceptions", "metrics"]


def main(binary):
    failed = checked = 0
    for model in sorted(glob.glob("samples/*/model.yaml") + glob.glob("test/models/*.yaml")):
        for lang in ("ko", "en"):
            out = subprocess.run([binary, "generate", model, "--format", "json", "--lang", lang],
                                 capture_output=True, text=True)
            checked += 1
            if out.returncode != 0:
                print(f"FAIL {model} ({lang}): generate failed: {out.stderr[:300]}")
                failed += 1
                continue
            seen = collections.defaultdict(set)
            for p in json.loads(out.stdout)["policies"]:
                for f in FIELDS:
                    seen[p[f]].add(p["id"])
                for step in p["runbook"]:
                    seen[step].add(p["id"])
            shared = {text: ids for text, ids in seen.items() if len(ids) > 1}
            if shared:
                failed += 1
                print(f"FAIL {model} ({lang}): {len(shared)} texts shared by several policies, e.g.:")
                for text, ids in list(shared.items())[:3]:
                    print(f"    {sorted(ids)}: {text[:120]}")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
