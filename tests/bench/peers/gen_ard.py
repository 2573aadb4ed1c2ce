#!/usr/bin/env python3
"""Translates the peer harness's neutral ruleset.json into one Ardent rule file.

Each neutral rule becomes an Ardent rule of the same id; the harness compares the set of
fired rule ids with its expected conclusions. Booleans absent from a case mean false in the
neutral spec, so the runner sets every boolean explicitly (closed world, as the peers do).

Usage: gen_ard.py RULESET_JSON OUT_ARD
"""
import json
import sys

OPS = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "==": "=", "!=": "!="}
# The neutral spec has four levels; Ardent's four levels in the same order.
TRIAGE = {"routine": "self_care", "soon": "routine", "urgent": "urgent", "emergency": "emergency"}


def expr(node):
    if "all" in node:
        return "(" + " and ".join(expr(n) for n in node["all"]) + ")"
    if "any" in node:
        return "(" + " or ".join(expr(n) for n in node["any"]) + ")"
    if "not" in node:
        return "not " + expr(node["not"])
    if "op" in node:
        return f"{node['fact']} {OPS[node['op']]} {node['value']}"
    return node["fact"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    spec = json.load(open(sys.argv[1]))
    out = [f'ruleset peer_benchmark version "{spec.get("version", "0")}"',
           '  title "Generated from the peer harness rule set"', "  default triage self_care", ""]
    for f in spec["findings"]:
        if f["type"] == "boolean":
            out.append(f"finding {f['id']}: bool")
        else:
            out.append(f"finding {f['id']}: number 0..1000000 integer")
    out.append("")
    for r in spec["rules"]:
        level = TRIAGE.get(r.get("triage", "routine"), "routine")
        out.append(f"rule {r['id']}:")
        out.append(f"  when {expr(r['when'])}")
        out.append(f"  then triage {level}")
        out.append("")
    with open(sys.argv[2], "w") as fh:
        fh.write("\n".join(out))


if __name__ == "__main__":
    main()
