#!/usr/bin/env python3
"""EUM switch search on the DEU development half (docs/accuracy.md).

Reads per-issue CSVs written by `fulcrum backtest --models eum:scholz --set eum.K=V --per-issue
DIR/K=V.csv` (one per switch setting, plus DIR/base.csv for the preset) and reports each
configuration's MAE, the leave-one-proposal-out CV MAE of choosing the configuration on the
training proposals, and of blending the chosen configuration with the compromise model.

usage: scripts/deu_eum_switches.py DIR
"""
import csv
import glob
import os
import statistics
import sys


def read(path):
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["issue"], {})[r["model"]] = r
    return rows


def main():
    d = sys.argv[1]
    configs = {}
    meta = None
    for path in sorted(glob.glob(os.path.join(d, "*.csv"))):
        rows = read(path)
        name = os.path.basename(path)[:-4]
        configs[name] = {i: float(r["eum"]["forecast"]) for i, r in rows.items()}
        if meta is None:
            meta = {i: (r["compromise"]["proposal"], float(r["compromise"]["outcome"]),
                        float(r["compromise"]["forecast"])) for i, r in rows.items()}
    issues = sorted(meta)
    props = sorted(set(m[0] for m in meta.values()))
    base = statistics.mean(abs(meta[i][2] - meta[i][1]) for i in issues)
    print(f"compromise MAE {base:.2f}")
    for name, fc in sorted(configs.items(), key=lambda kv: statistics.mean(abs(kv[1][i] - meta[i][1]) for i in issues)):
        print(f"  eum:scholz {name:35s} MAE {statistics.mean(abs(fc[i] - meta[i][1]) for i in issues):6.2f}")

    def cv(grid):
        # grid: list of (label, {issue: forecast})
        err = [{i: abs(fc[i] - meta[i][1]) for i in issues} for _, fc in grid]
        tot = [sum(e.values()) for e in err]
        out = []
        chosen = []
        for p in props:
            held = [i for i in issues if meta[i][0] == p]
            g = min(range(len(grid)), key=lambda g: (tot[g] - sum(err[g][i] for i in held), g))
            chosen.append(grid[g][0])
            out += [err[g][i] for i in held]
        return statistics.mean(out), max(set(chosen), key=chosen.count)
    grid = list(configs.items())
    print("CV of choosing one configuration: %.2f (most chosen: %s)" % cv(grid))
    blends = []
    for name, fc in configs.items():
        for a in [k / 20 for k in range(21)]:
            blends.append((f"{name} a={a}", {i: a * meta[i][2] + (1 - a) * fc[i] for i in issues}))
    print("CV of a blend a*compromise + (1-a)*configuration: %.2f (most chosen: %s)" % cv(blends))


if __name__ == "__main__":
    main()
