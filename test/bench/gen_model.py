#!/usr/bin/env python3
"""Writes a synthetic service model with about N flow steps, for the benchmark.

Proportional to N: ledgers (N/20), integrations (N/50), flows of 10 steps with holds,
charges, awaits, allocations and compensations, lifecycles, tools, jobs and bottlenecks.
usage: gen_model.py STEPS OUT.yaml"""
import sys


def main(steps, out):
    flows = max(1, steps // 10)
    ledgers = max(4, steps // 20)
    integ = max(1, steps // 50)
    w = []
    w.append("version: 1\nservice: {name: Synthetic, domain: benchmark, jurisdictions: [KR]}\nledgers:")
    kinds = ["inventory", "payment", "order", "points"]
    for i in range(ledgers):
        k = kinds[i % 4]
        extra = ", entity: e%d" % i if k == "order" else ""
        w.append("  - {id: l%d, kind: %s, retention: P5Y%s}" % (i, k, extra))
    w.append("integrations:")
    for i in range(integ):
        w.append("  - id: g%d\n    kind: payment_gateway\n    operations: [{id: op, timeout_ms: 5000, retries: 2, "
                 "idempotency: key, rate_limit_rps: 300}]\n    events: [{id: ev, max_delay: PT72H}]\n"
                 "    report: {kind: settlement_file, cadence: daily}" % i)
    w.append("flows:")
    for f in range(flows):
        inv, pay, order = (4 * f) % ledgers, (4 * f + 1) % ledgers, (4 * f + 2) % ledgers
        g = f % integ
        w.append("  - id: f%d\n    peak_rps: %d\n    steps:" % (f, 50 + f % 200))
        w.append("      - {id: hold, do: reserve, ledger: l%d, ttl: PT10M}" % inv)
        w.append("      - {id: create, do: write, ledger: l%d}" % order)
        w.append("      - {id: pay, do: charge, ledger: l%d, call: g%d.op, retries: 1}" % (pay, g))
        w.append("      - {id: wait, do: await, event: g%d.ev, timeout: PT30M}" % g)
        w.append("      - {id: issue, do: allocate, ledger: l%d}" % inv)
        w.append("      - {id: mark, do: write, ledger: l%d}" % order)
        w.append("      - {id: notify_a, do: notify, after: [mark]}")
        w.append("      - {id: notify_b, do: notify, after: [mark]}")
        w.append("      - {id: release, do: release, ledger: l%d, after: [notify_a, notify_b]}" % inv)
        w.append("      - {id: refund, do: refund, ledger: l%d}" % pay)
        w.append("    compensations: {hold: [release], pay: [refund]}")
    w.append("lifecycles:")
    for i in range(2, ledgers, 4):
        w.append("  - entity: e%d\n    ledger: l%d\n    states: [new, paid, shipped, cancelled, done]\n"
                 "    initial: new\n    terminal: [done, cancelled]\n    transitions:\n"
                 "      - {from: new, to: paid, by: user}\n      - {from: paid, to: shipped, by: operator}\n"
                 "      - {from: shipped, to: cancelled, by: user}\n      - {from: shipped, to: done, by: timer}" % (i, i))
    w.append("operations:")
    for i in range(max(1, ledgers // 10)):
        w.append("  - {id: t%d, touches: [l%d, l%d], approvals: 0}" % (i, i, (i + 1) % ledgers))
    w.append("jobs:")
    for i in range(max(1, ledgers // 10)):
        w.append("  - {id: j%d, kind: reconciliation, ledgers: [l%d, l%d], integration: g0}" % (i, i, (i + 1) % ledgers))
    w.append("charter:\n  bottlenecks:")
    for i in range(0, min(ledgers, 40), 4):
        w.append("    - {resource: l%d, peak_rps: 5000, capacity: 10000, hot_keys: top items}" % i)
    w.append("  limits: [one primary database]")
    open(out, "w").write("\n".join(w) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
