#!/usr/bin/env python3
"""One rule in one place: moves every template next to the one rule that uses it.

    tools/one_place.py [--dry-run] [ROOT]

For each rule rules/<area>/<rule-id>.yaml, the templates its `emit` names move, with `git mv`,
from the older layout to files beside the rule, named after the rule and told apart by suffix:

    catalogs/policies/<template-id>.yaml       -> rules/<area>/<rule-id>.policy.yaml
    catalogs/failure-modes/<template-id>.yaml  -> rules/<area>/<rule-id>.failure-mode.yaml
    catalogs/ledger-map/<template-id>.yaml     -> rules/<area>/<rule-id>.ledger-map.yaml

A template keeps its `id` (the rule's `emit` still names it). A template that no rule or
more than one rule uses stays where it is and is listed. Text files of the repository that
name a moved file by its path (test scripts, docs) are rewritten to the new path; goldens and
the generated rule reference are left to be regenerated. The library digest is keyed by kind
and id, not by path, so it does not change; the catalog's JSON `template_file` fields do.
"""
import os
import re
import subprocess
import sys

import yaml

KINDS = [  # emit key, older folder, suffix beside the rule
    ("policy", "catalogs/policies", ".policy.yaml"),
    ("failure_mode", "catalogs/failure-modes", ".failure-mode.yaml"),
    ("ledger_row", "catalogs/ledger-map", ".ledger-map.yaml"),
]
TEMPLATE_SUFFIXES = tuple(k[2] for k in KINDS) + (".test.yaml",)


def git(root, *args, dry=False):
    if dry:
        print("would run: git " + " ".join(args))
        return ""
    return subprocess.run(["git", "-C", root, *args], check=True, capture_output=True, text=True).stdout


def rules_of(root):
    """(path relative to root, rule id, emit) for every rule file under rules/."""
    out = []
    for dirpath, _, files in os.walk(os.path.join(root, "rules")):
        for name in sorted(files):
            if not name.endswith(".yaml") or name.endswith(TEMPLATE_SUFFIXES):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f) or {}
            out.append((os.path.relpath(path, root), doc.get("id", name[:-5]), doc.get("emit") or {}))
    return sorted(out)


def plan(root):
    """The moves to make, and the templates that stay (with why)."""
    users = {}  # (emit key, template id) -> [rule path]
    for path, _, emit in rules_of(root):
        for key, _, _ in KINDS:
            if emit.get(key):
                users.setdefault((key, emit[key]), []).append(path)
    moves, stay = [], []
    for key, folder, suffix in KINDS:
        d = os.path.join(root, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".yaml"):
                continue
            tid = name[:-5]
            rules = users.get((key, tid), [])
            src = os.path.join(folder, name)
            if len(rules) != 1:
                stay.append((src, f"used by {len(rules)} rules" + (": " + ", ".join(rules) if rules else "")))
                continue
            rule = rules[0]
            dst = os.path.join(os.path.dirname(rule), os.path.basename(rule)[:-5] + suffix)
            if os.path.exists(os.path.join(root, dst)):
                stay.append((src, f"{dst} exists"))
                continue
            moves.append((src, dst))
    return moves, stay


def rewrite_references(root, moves, dry):
    """Rewrites the old paths of moved files in tracked text files (not goldens)."""
    files = git(root, "ls-files").split("\n")
    old_to_new = dict(moves)
    pattern = re.compile("|".join(re.escape(src) for src, _ in moves)) if moves else None
    changed = []
    for rel in files:
        if not rel or rel.startswith("test/golden/") or rel == "docs/rules.md" or rel in old_to_new.values():
            continue
        if not rel.endswith((".sh", ".py", ".md", ".cpp", ".h", ".json", ".txt", ".yaml")):
            continue
        path = os.path.join(root, rel)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        new = pattern.sub(lambda m: old_to_new[m.group(0)], text)
        if new != text:
            changed.append(rel)
            if not dry:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    return changed


def main(argv):
    dry = "--dry-run" in argv
    args = [a for a in argv if a != "--dry-run"]
    root = os.path.abspath(args[0] if args else ".")
    if not os.path.isdir(os.path.join(root, "rules")):
        print(f"{root}: no rules/ here", file=sys.stderr)
        return 2
    moves, stay = plan(root)
    for src, dst in moves:
        git(root, "mv", src, dst, dry=dry)
    changed = rewrite_references(root, moves, dry)
    for _, folder, _ in KINDS:  # older folders left empty go (git keeps no empty folders)
        d = os.path.join(root, folder)
        if not dry and os.path.isdir(d) and not os.listdir(d):
            os.rmdir(d)
    for src, why in stay:
        print(f"stays: {src} ({why})")
    for rel in changed:
        print(f"{'would rewrite' if dry else 'rewrote'} paths in {rel}")
    print(f"{len(moves)} templates {'to move' if dry else 'moved'} beside their rule, {len(stay)} stay")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
