#!/usr/bin/env python3
"""Golden catalogs compared item by item, by id, so that a reviewer sees what changed and not
how numbers shifted. usage:
  golden_diff.py OLD.json NEW.json        two JSON catalogs
  golden_diff.py --git REV                every test/golden/*/catalog.json at REV against the work tree
Item numbers, ranks and the library digest are ignored; an item whose severity or body place
changed is reported with the old and new value. Exit 0 when nothing but those differs, 1 otherwise."""
import json
import subprocess
import sys

SECTIONS = ["top_risks", "assumptions", "failure_modes", "policies", "ledger_map", "questions", "breach_coverage"]
IGNORED = {"number", "rank", "policy_number"}


def key(section, item):
    if section == "top_risks":
        return item.get("policy", "")
    if section == "breach_coverage":
        return item.get("breach", "")
    return item.get("id", "")


def strip(item):
    return {k: v for k, v in item.items() if k not in IGNORED}


def compare(old, new, where):
    changes = 0
    for section in SECTIONS:
        a = {key(section, x): strip(x) for x in old.get(section, [])}
        b = {key(section, x): strip(x) for x in new.get(section, [])}
        for k in sorted(a.keys() - b.keys()):
            print(f"{where} {section}: - {k}")
            changes += 1
        for k in sorted(b.keys() - a.keys()):
            print(f"{where} {section}: + {k}")
            changes += 1
        for k in sorted(a.keys() & b.keys()):
            if a[k] == b[k]:
                continue
            changes += 1
            fields = sorted(f for f in a[k].keys() | b[k].keys() if a[k].get(f) != b[k].get(f))
            detail = []
            for f in fields:
                x, y = a[k].get(f), b[k].get(f)
                if isinstance(x, (str, int, bool, type(None))) and isinstance(y, (str, int, bool, type(None))) \
                        and len(str(x)) + len(str(y)) < 160:
                    detail.append(f"{f}: {x!r} -> {y!r}")
                else:
                    detail.append(f"{f} changed")
            print(f"{where} {section}: ~ {k}: " + "; ".join(detail))
    return changes


def git_show(rev, path):
    out = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else {}


def main(argv):
    if len(argv) == 2 and argv[0] == "--git":
        import glob
        total = 0
        for path in sorted(glob.glob("test/golden/*/catalog.json")):
            total += compare(git_show(argv[1], path), json.load(open(path, encoding="utf-8")), path)
        return 1 if total else 0
    if len(argv) != 2:
        print(__doc__.strip())
        return 2
    old, new = (json.load(open(p, encoding="utf-8")) for p in argv)
    return 1 if compare(old, new, argv[1]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
