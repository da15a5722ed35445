#!/usr/bin/env python3
"""Writes the largest models the limits accept, to measure time and memory against the
budget (1 GB, 30 s; docs/limits.md). Not part of ctest: run by hand after changing a limit.

  ledgers.yaml   7,950 ledgers with one invariant each, and 1 flow of 95 steps (16,000 elements)
  steps.yaml     2 flows of 7,990 steps over 8 ledgers, every step holding, charging or writing
  text.yaml      7.8 MB input: 60 ledgers with 64 KB descriptions and invariant texts

usage: gen_largest.py OUTDIR
then:  /usr/bin/time -v build/policyforge generate OUTDIR/X.yaml [--format json] >/dev/null
"""
import os
import sys

HEAD = "version: 1\nservice: {name: Largest, domain: limits}\n"


def write(out, name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def main(out):
    os.makedirs(out, exist_ok=True)
    kinds = ["inventory", "payment", "order", "points", "wallet", "settlement", "coupon", "account"]

    w = [HEAD, "ledgers:\n"]
    for i in range(7_950):
        w.append(f"  - {{id: l{i}, kind: {kinds[i % 8]}, invariants: [{{id: i{i}, text: balance of l{i} >= 0}}]}}\n")
    w.append("flows:\n  - id: f\n    trigger: user\n    steps:\n")
    acts = ["reserve", "charge", "write", "credit"]
    for s in range(16_000 - 2 * 7_950 - 5):
        w.append(f"      - {{id: s{s}, do: {acts[s % 4]}, ledger: l{s % 7_950}}}\n")
    write(out, "ledgers.yaml", "".join(w))

    w = [HEAD, "ledgers:\n"] + [f"  - {{id: l{i}, kind: {k}}}\n" for i, k in enumerate(kinds)]
    w.append("flows:\n")
    for f in range(2):
        w.append(f"  - id: f{f}\n    trigger: user\n    steps:\n")
        for s in range(7_990):
            a = ["reserve", "charge", "write", "allocate", "capture"][s % 5]
            ledger = {"reserve": 0, "charge": 1, "write": 2, "allocate": 0, "capture": 1}[a]
            w.append(f"      - {{id: s{s}, do: {a}, ledger: l{ledger}, retries: 2, timeout_ms: 3000}}\n")
    write(out, "steps.yaml", "".join(w))

    w = [HEAD, "ledgers:\n"]
    long = "x" * 65_000
    for i in range(60):
        w.append(f"  - id: l{i}\n    kind: {kinds[i % 8]}\n    description: {long}\n"
                 f"    invariants: [{{id: inv, text: {long}}}]\n")
    w.append("flows:\n  - id: f\n    steps:\n      - {id: s, do: reserve, ledger: l0}\n")
    write(out, "text.yaml", "".join(w))


if __name__ == "__main__":
    main(sys.argv[1])
