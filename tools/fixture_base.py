#!/usr/bin/env python3
"""Rewrites rule fixtures (rules/**/*.test.yaml) so that cases state only their differences:
the model preamble every case repeats (`version: 1`, a `service:` that is only a name) is dropped
(the fixture runner starts every case from `version: 1` and `service: {name: Fixture}`), and a
top-level model key that every case of a file writes the same is moved to the file's `base:`.
Then a file whose base repeats keys of a shared base (rules/fixture-bases/NAME.fixture-base.yaml,
the same value for the key) names it with `from: NAME` and keeps only the rest of its base.
Text-level, so comments and layout stay as written; each rewritten file is checked to give
every case the same model as before (but the service's name) and is left alone otherwise.
usage: tools/fixture_base.py [--check] [FILE...]   (default: every fixture under rules/)"""
import glob
import re
import sys

import yaml

CASE = re.compile(r"^  - ")
KEY6 = re.compile(r"^      [A-Za-z_][A-Za-z0-9_]*:")


def shared_bases():
    out = {}
    for path in sorted(glob.glob("rules/**/*.fixture-base.yaml", recursive=True)):
        name = path.rsplit("/", 1)[-1][: -len(".fixture-base.yaml")]
        out[name] = yaml.safe_load(open(path, encoding="utf-8"))
    return out


SHARED = shared_bases()


def effective(doc):
    """Each case's model as the fixture runner builds it, the service name aside."""
    out = []
    base = doc.get("base") or {}
    for c in doc.get("cases", []):
        m = {"version": 1, "service": {"name": "Fixture"}}
        m.update(SHARED[doc["from"]] if "from" in doc else {})
        m.update(base)
        m.update(c.get("model") or {})
        m = dict(m)
        if isinstance(m.get("service"), dict) and set(m["service"]) == {"name"}:
            m["service"] = {"name": "Fixture"}
        out.append((c.get("name"), c.get("expect"), c.get("keys"), m))
    return out


def split_cases(lines):
    """(head lines before `cases:` body, [case line lists], tail)"""
    i = lines.index("cases:\n") + 1
    head, cases = lines[:i], []
    for line in lines[i:]:
        if CASE.match(line):
            cases.append([line])
        elif cases:
            cases[-1].append(line)
        else:
            head.append(line)
    return head, cases


def model_chunks(case):
    """The case's lines before `model:`, its model split into top-level key chunks, and the rest."""
    try:
        at = case.index("    model:\n")
    except ValueError:
        return None
    chunks, pending, j = key_chunks(case, at + 1, 6, KEY6)
    return case[:at], chunks, pending + case[j:]


def key_chunks(lines, start, indent, key):
    """Lines from `start` split into one chunk per key at `indent` spaces (`key` matches its
    line), each with the comments and blank lines before it; then the trailing comments and
    blank lines, and the index of the first line that is not part of the block."""
    chunks, pending = [], []  # comments and blank lines wait for the key they precede
    j = start
    while j < len(lines):
        line = lines[j]
        if line.strip() == "" or line.startswith(" " * indent + "#"):
            pending.append(line)
        elif key.match(line):
            chunks.append(pending + [line])
            pending = []
        elif line.startswith(" " * (indent + 1)) and chunks:
            chunks[-1].extend(pending + [line])
            pending = []
        else:
            break
        j += 1
    return chunks, pending, j


def key_of(chunk):
    for line in chunk:
        m = KEY6.match(line)
        if m:
            return line.strip().split(":", 1)[0]
    return None


def dropped(chunk):
    """The preamble: `version: 1`, and a service that is only a name."""
    body = "".join(l for l in chunk if not l.strip().startswith("#"))
    v = yaml.safe_load(textwrap_dedent(body))
    if not isinstance(v, dict) or len(v) != 1:
        return False
    k, x = next(iter(v.items()))
    return (k == "version" and x == 1) or (k == "service" and isinstance(x, dict) and set(x) == {"name"})


def textwrap_dedent(text):
    import textwrap
    return textwrap.dedent(text)


def rewrite(text):
    lines = text.splitlines(keepends=True)
    if not text.endswith("\n") or "cases:\n" not in lines:
        return None
    if any(l.startswith("base:") for l in lines):
        has_base = True
    else:
        has_base = False
    head, cases = split_cases(lines)
    parsed = [model_chunks(c) for c in cases]
    if any(p is None for p in parsed) and not has_base:
        return None
    keyed = []
    for p in parsed:
        if p is None:
            keyed.append(None)
            continue
        before, chunks, after = p
        kept = [c for c in chunks if not dropped(c)]
        keyed.append((before, kept, after))
    # keys written the same (text, comments included) by every case go to the base
    common = []
    if not has_base and len(keyed) > 1:
        first = keyed[0][1]
        for chunk in first:
            k = key_of(chunk)
            same = all(any(key_of(c) == k and "".join(c) == "".join(chunk) for c in kc[1]) for kc in keyed[1:])
            if same:
                common.append(chunk)
    common_text = {"".join(c) for c in common}
    out = []
    cases_at = head.index("cases:\n")
    out.extend(head[:cases_at])
    if common:
        out.append("base:\n")
        for chunk in common:
            out.extend(l[4:] if l.strip() else l for l in chunk)
    out.extend(head[cases_at:])
    for case, kc in zip(cases, keyed):
        if kc is None:
            out.extend(case)
            continue
        before, kept, after = kc
        kept = [c for c in kept if "".join(c) not in common_text]
        out.extend(before)
        if kept:
            out.append("    model:\n")
            for c in kept:
                out.extend(c)
        elif not common and not has_base:
            return None  # nothing would be left for this case to run
        out.extend(after)
    return "".join(out)


KEY2 = re.compile(r"^  [A-Za-z_][A-Za-z0-9_]*:")


def share(text, name):
    """The file with the keys of its base that shared base `name` holds alike left out."""
    lines = text.splitlines(keepends=True)
    if "base:\n" not in lines or any(l.startswith("from:") for l in lines):
        return None
    at = lines.index("base:\n")
    chunks, pending, end = key_chunks(lines, at + 1, 2, KEY2)
    end -= len(pending)
    kept, moved = [], 0
    for chunk in chunks:
        v = yaml.safe_load(textwrap_dedent("".join(l for l in chunk if not l.strip().startswith("#"))))
        (k, x), = v.items()
        if k in SHARED[name] and SHARED[name][k] == x:
            moved += 1
        else:
            kept.append(chunk)
    if not moved:
        return None
    body = [f"from: {name}\n"] + (["base:\n"] + [l for c in kept for l in c] if kept else [])
    return "".join(lines[:at] + body + lines[end:])


def main(argv):
    check = "--check" in argv
    files = [a for a in argv if a != "--check"] or sorted(glob.glob("rules/**/*.test.yaml", recursive=True))
    changed = 0
    for path in files:
        text = open(path, encoding="utf-8").read()
        new = rewrite(text) or text
        # the shared base that takes the most keys off the file's base, then the one adding the fewest
        fits = []
        for name in sorted(SHARED):
            shared = share(new, name)
            if shared and effective(yaml.safe_load(shared)) == effective(yaml.safe_load(text)):
                fits.append((len(shared.splitlines()), len(SHARED[name]), name, shared))
        if fits:
            new = min(fits)[3]
        if new == text:
            continue
        if effective(yaml.safe_load(text)) != effective(yaml.safe_load(new)):
            print(f"{path}: a case's model would change; left alone", file=sys.stderr)
            continue
        changed += 1
        if check:
            print(f"{path}: cases repeat what the base could hold")
        else:
            open(path, "w", encoding="utf-8").write(new)
    print(f"{changed} fixture file(s) {'to rewrite' if check else 'rewritten'}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
