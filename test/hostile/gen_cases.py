#!/usr/bin/env python3
"""Writes the large hostile cases into a folder (they are generated, not committed).

Each case carries the same header as the committed ones: `# exit:`, `# expect:` (repeatable),
`# timeout:` (seconds) and `# args:` (the command; default `generate MODEL -o OUT`).
Usage: gen_cases.py OUTDIR
"""
import os
import sys

HEAD = "version: 1\nservice: {name: Shop}\n"


def case(out, name, body, exit_code, expects, timeout=20, args=None):
    lines = [f"# exit: {exit_code}"] + [f"# expect: {e}" for e in expects] + [f"# timeout: {timeout}"]
    if args:
        lines.append(f"# args: {args}")
    with open(os.path.join(out, name + ".yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n" + body)


def steps(n, fmt):
    return "".join(fmt.format(i=i) for i in range(n))


def main(out):
    os.makedirs(out, exist_ok=True)
    flow = "flows:\n  - id: buy\n    trigger: user\n    steps:\n"
    one_step = "      - {id: save, do: write, ledger: orders}\n"

    # Nesting: yaml-cpp recurses per level; refused before it parses.
    deep = HEAD + "ledgers: " + "[" * 100000 + "]" * 100000 + "\n"
    case(out, "deep-flow-nesting", deep, 2, ["deep-flow-nesting.yaml:6:74: error: nesting deeper than 64 levels"])
    block = HEAD + "".join(" " * i + f"k{i}:\n" for i in range(200))
    case(out, "deep-block-nesting", block, 2, ["error: nesting deeper than 64 levels"])

    # 20,000 unknown references: "did you mean" is bounded (hints for the first 20 only).
    body = HEAD + "ledgers:\n" + "".join(f"  - {{id: ledger_{i:05d}, kind: other}}\n" for i in range(1000))
    body += flow + steps(5000, "      - {{id: s{i}, do: write, ledgers: [leger_{i:05d}a, leger_{i:05d}b, leger_{i:05d}c, leger_{i:05d}d]}}\n")
    case(out, "many-unknown-references", body, 2,
         ["error: unknown ledger 'leger_00000a' in flow 'buy' step 's0'", "note: did you mean 'ledger_00000'?",
          "20000 errors"], args="validate MODEL")

    # A compensations map with 7,000 keys: the duplicate check is a set, not a scan.
    body = HEAD + "ledgers: [{id: orders, kind: order}]\n" + flow
    body += steps(7000, "      - {{id: s{i}, do: write, ledger: orders}}\n") + one_step.replace("save", "undo")
    body += "    compensations:\n" + steps(7000, "      s{i}: undo\n")
    case(out, "many-compensations", body, 0, [], args="validate MODEL")

    # Text length: a 300 KB name is refused at once; a 60 KB one full of comment markers is
    # accepted and rendered in time (the renderer's neutralisation must stay linear).
    body = HEAD.replace("Shop", "x" * 300_000) + "ledgers: [{id: orders, kind: order}]\n" + flow + one_step
    case(out, "name-300k", body, 2, ["name-300k.yaml:5:17: error: value too long: 300000 bytes, the limit is 65536"],
         timeout=10)
    body = HEAD.replace("Shop", "'" + "-->" * 10_000 + "<!--" * 7_000 + "'") + "ledgers: [{id: orders, kind: order}]\n"
    body += flow + one_step
    case(out, "name-comment-markers", body, 0, [], timeout=15)

    # Input size.
    body = HEAD + "ledgers: [{id: orders, kind: order}]\n" + flow + one_step + ("#" + "x" * 1000 + "\n") * 9000
    case(out, "too-large", body, 2, ["too-large.yaml:1:1: error: file too large: 9018277 bytes, the limit is 8388608"], timeout=10)

    # A list longer than the limit: reported at its first item past the limit.
    body = HEAD + "ledgers: [{id: orders, kind: order}]\n" + flow + steps(10001, "      - {{id: s{i}, do: write, ledger: orders}}\n")
    case(out, "list-too-long", body, 2,
         ["list-too-long.yaml:10012:9: error: 'steps' of flow 'buy' has more than 10000 items"], args="validate MODEL")

    # Elements: 17 flows of 1,000 steps.
    body = HEAD + "ledgers: [{id: orders, kind: order}]\nflows:\n"
    for f in range(17):
        body += f"  - id: f{f}\n    steps:\n" + steps(1000, "      - {{id: s{i}, do: write, ledger: orders}}\n")
    case(out, "too-many-elements", body, 2, ["error: too many elements: the model holds more than 16000"],
         args="validate MODEL")

    # Aliases the reader does walk: 10,000 ledgers, each the same one with 10,000 invariants
    # (10^8 nodes from 100 KB): stopped by the node budget.
    body = HEAD + "i: &i {id: x, text: y}\nl: &l {id: l, kind: other, invariants: [" + ", ".join(["*i"] * 10000) + "]}\n"
    body += "ledgers: [" + ", ".join(["*l"] * 10000) + "]\nflows: []\n"
    case(out, "alias-expansion", body, 2, ["error: document too large: more nodes than the limit"], timeout=10,
         args="validate MODEL")

    # A key of 100 KB: yaml-cpp refuses keys past 1024 characters; no hint is searched for it.
    body = HEAD + "k" * 100_000 + ": 1\nledgers: [{id: orders, kind: order}]\n" + flow + one_step
    case(out, "long-key", body, 2, ["long-key.yaml:6:100001: error: YAML syntax error: illegal map value"], timeout=10)


if __name__ == "__main__":
    main(sys.argv[1])
