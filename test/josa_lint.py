#!/usr/bin/env python3
"""Korean particles after a code span: a placeholder that renders as inline code (a model
element: `checkout.hold_seats`, a list of them) takes no particle that depends on the final
consonant (이/가, 을/를, 은/는, 과/와, 으로/로, 이나/나, 이며/며, 이고/고, 이라/라, and the copula
forms 이란/란, 이면/면, 이므로/므로, 이었/였, 이다): the reader cannot tell which one a Latin key
takes, so the Korean text writes the kind's noun in between ("{step} 단계가", "{ledger} 원장과",
"{operation} 호출을"; the nouns of `noun_*` in catalogs/format.yaml). Particles that take any
noun (에서, 에, 의, 도, 만, 까지, 부터, 처럼, 보다) are fine. A remark in parentheses between the
placeholder and the particle changes nothing ("{step}({step.do})가" is checked like "{step}가").

Which placeholders render as code is read the way the engine reads it: a placeholder's path
starts from a name the rule binds (the matched kind, `service`, `matches`, `let:` names,
`before`/`after` binds) and walks the attribute tables of docs/rule-language.md; it is code
when it ends on a ref<kind> or a list of a kind. Strings, numbers, durations, booleans and
lists of strings (state names, findings, breach ids) are plain text and not checked here; an
untyped `list` (breach.targets: elements of several kinds) renders as code and is checked.
Templates are checked with the bindings of every rule that emits them.

usage: josa_lint.py [LIBRARY]  (LIBRARY holds rules/ and catalogs/; default: the repository
root this script sits in). Prints file:line and the text for each hit; exit 1 when any.
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The particle, then either a word boundary (no Hangul syllable next) or one of the endings such
# a particle takes on (로의, 로만, 과의, 이라는, 였어야...). Longer forms first. Not here: 에서, 에,
# 의, 도, 만, 까지, 부터, 처럼, 보다, 인, 일 (the same after any noun).
PARTICLES = ["이므로", "이나", "이며", "이고", "이라", "이란", "이면", "이든", "이었", "이다", "으로", "므로",
             "이", "가", "을", "를", "은", "는", "과", "와", "로", "나", "며", "고", "라", "란", "면", "든", "였"]
JOSA = re.compile(r"(?:%s)(?:의|만|는|도|서|써|부터|고|면|지|어야|다|던)?(?![가-힣])" % "|".join(PARTICLES))
# 였 and 이었 are the copula's past whatever follows (였다, 였어야, 였던).
COPULA_PAST = re.compile(r"(?:이었|였)")
PAREN = re.compile(r"\([^()]*\)")
PLACEHOLDER = re.compile(r"\{([^{}|]+)(\|[^{}]*)?\}")
TEMPLATE_SUFFIXES = (".policy.yaml", ".failure-mode.yaml", ".ledger-map.yaml")
SKIP_SUFFIXES = (".test.yaml", ".fixture-base.yaml")


def vocabulary():
    """kind -> attribute -> type text, from the attribute tables of docs/rule-language.md (read
    as the build reads them, engine/facts/gen_vocabulary.py)."""
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.path.join(ROOT, "engine", "facts"))
    from gen_vocabulary import attribute_tables
    tables = attribute_tables(os.path.join(ROOT, "docs", "rule-language.md"))
    return {kind: {name: typ for name, typ in attrs} for kind, attrs in tables.items()}


def parse_type(text):
    """('ref'|'list'|'scalar', kind or None)."""
    m = re.fullmatch(r"(ref|list)<(\w+)>", text)
    if m:
        return (m.group(1), None if m.group(2) == "str" else m.group(2))
    if text == "list":  # breach.targets: elements of any kind, rendered as code like the rest
        return ("list", "*")
    return ("scalar", None)


class Types:
    def __init__(self):
        self.vocab = vocabulary()

    def walk(self, start, parts):
        """The type a path ends on from a start type, or None when it leaves the vocabulary."""
        t = start
        for part in parts:
            shape, kind = t
            if shape == "scalar" or kind is None or kind not in self.vocab:
                return None
            attr = self.vocab[kind].get(part)
            if attr is None:
                return None
            nt = parse_type(attr)
            if shape == "list" and nt[0] == "ref":
                nt = ("list", nt[1])
            t = nt
        return t

    def bindings(self, rule):
        match = rule.get("match") or {}
        each = match.get("each", "service")
        b = {"service": ("ref", "service"), each: ("ref", each), "matches": ("list", each),
             "findings": ("list", None), "breaches": ("list", None)}

        def binds(conds):
            for c in conds or []:
                if not isinstance(c, dict):
                    continue
                for k, v in c.items():
                    if k in ("before", "after") and isinstance(v, dict) and v.get("bind"):
                        b[v["bind"]] = ("ref", "step")
                    if k == "any" and isinstance(v, list):
                        binds(v)

        binds(match.get("where"))
        for name, path in (match.get("let") or {}).items():
            path = str(path)
            if path.startswith("$"):
                parts = path[1:].split(".")
                start = b.get(parts[0])
                t = self.walk(start, parts[1:]) if start else None
            else:
                t = self.walk(("ref", each), path.split("."))
            b[name] = t
        return b

    def is_code(self, path, bindings):
        """True / False, or None when the path's type is unknown."""
        parts = path.strip().split(".")
        if parts[0] not in bindings or bindings[parts[0]] is None:
            return None
        t = self.walk(bindings[parts[0]], parts[1:])
        if t is None:
            return None
        return t[0] in ("ref", "list") and t[1] is not None


def ko_scalars(node, under_ko=False):
    """Every scalar node under a `ko` key."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from ko_scalars(v, under_ko or (isinstance(k, yaml.ScalarNode) and k.value == "ko"))
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            yield from ko_scalars(v, under_ko)
    elif isinstance(node, yaml.ScalarNode) and under_ko:
        yield node


def hit_line(lines, node, needle):
    """The file line holding needle within the node's lines (1-based), else the node's first."""
    for i in range(node.start_mark.line, min(node.end_mark.line + 1, len(lines))):
        if needle in lines[i]:
            return i + 1
    return node.start_mark.line + 1


def main():
    lib = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ROOT)
    types = Types()
    rule_files, template_files = [], []
    for base in ("rules", "catalogs"):
        for dirpath, _, names in os.walk(os.path.join(lib, base)):
            for n in sorted(names):
                if not n.endswith(".yaml") or n.endswith(SKIP_SUFFIXES):
                    continue
                p = os.path.join(dirpath, n)
                (template_files if n.endswith(TEMPLATE_SUFFIXES) or base == "catalogs" else rule_files).append(p)
    # Bindings per rule; a template gets those of every rule that emits it.
    own, by_template = {}, {}
    for p in sorted(rule_files):
        rule = yaml.safe_load(open(p, encoding="utf-8"))
        if not isinstance(rule, dict) or "emit" not in rule:
            continue
        b = types.bindings(rule)
        own[p] = [b]
        emit = rule.get("emit") or {}
        for key in ("failure_mode", "policy", "ledger_row"):
            if emit.get(key):
                by_template.setdefault(emit[key], []).append(b)
    hits, unknown = [], set()
    for p in sorted(rule_files) + sorted(template_files):
        text = open(p, encoding="utf-8").read()
        root = yaml.compose(text)
        if root is None:
            continue
        if p in own:
            binding_sets = own[p]
        else:
            tid = yaml.safe_load(text).get("id") if p.endswith(TEMPLATE_SUFFIXES) else None
            binding_sets = by_template.get(tid, [])
        lines = text.splitlines()
        rel = os.path.relpath(p, lib)
        for node in ko_scalars(root):
            s = node.value
            for m in PLACEHOLDER.finditer(s):
                after = s[m.end():]
                # "{step}({step.do})가": the particle still follows the key, past the remark.
                paren = PAREN.match(after)
                if paren:
                    after = after[paren.end():]
                j = JOSA.match(after) or COPULA_PAST.match(after)
                if not j:
                    continue
                verdicts = [types.is_code(m.group(1), b) for b in binding_sets]
                if True not in verdicts:
                    if None in verdicts or not binding_sets:
                        unknown.add((rel, m.group(0)))
                    continue
                needle = m.group(0) + (paren.group(0) if paren else "") + j.group(0)
                whole = " ".join(s.split())
                shown = whole if len(whole) <= 100 else whole[:100] + "…"
                hits.append(f"{rel}:{hit_line(lines, node, needle)}: {needle} (in \"{shown}\")")
    if os.environ.get("JOSA_LINT_VERBOSE"):
        for u in sorted(unknown):
            print("unknown type, not checked: %s %s" % u, file=sys.stderr)
    for h in hits:
        print(h)
    if hits:
        print(f"josa lint: {len(hits)} code span(s) followed by a particle that depends on the final consonant; "
              "write the kind's noun in between (\"{step} 단계가\", \"{ledger} 원장과\", \"{operation} 호출을\")")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
