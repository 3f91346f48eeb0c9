#!/usr/bin/env python3
"""Independent reference figures for the DEU backtest (docs/backtest.md).

Reads the DEU table with nothing but the standard library and prints, for each capability
scheme, the number of scored issues and the MAE of the compromise model (capability x salience
weighted mean) and of the weighted median, on the data's own 0-100 integer saliences. The C
backtest (src/analysis/backtest.c) must agree; tests/unit/test_backtest.c checks the figures.

usage: scripts/deu_reference.py [DEU.tsv] [council_votes.csv]
"""
import csv
import statistics
import sys

ACTORS = ("com ep at be bu cr cy cz dk ee fi fr de el hu ie it lv lt lu mt nl pl pt ro si sk "
          "es se uk").split()


def votes_table(path):
    rows = csv.reader(line for line in open(path) if not line.startswith("#"))
    next(rows)
    return {r[0]: (float(r[1]) if r[1] else None, float(r[2]) if r[2] else None) for r in rows}


def year(intro, prnr):
    last = intro.split("-")[-1]
    if last.isdigit() and len(last) in (2, 4) and last != "999":
        y = int(last)
    else:
        y = int(prnr[1:3])
    return y if y >= 100 else (1900 + y if y >= 50 else 2000 + y)


def weighted_median(x, w):
    pts = sorted((a, b) for a, b in zip(x, w) if b > 0)
    total = sum(b for _, b in pts)
    cum = 0
    for i, (a, b) in enumerate(pts):
        cum += b
        if i + 1 < len(pts) and pts[i + 1][0] == a:
            continue
        if 2 * cum > total:
            return a
        if 2 * cum == total:
            return (a + pts[i + 1][0]) / 2 if i + 1 < len(pts) else a


def main():
    data_path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/deu/deu_dev.tsv"
    votes_path = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/deu/council_votes.csv"
    votes = votes_table(votes_path)
    with open(data_path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for scheme in ("council-votes", "equal"):
        mean_err, median_err = [], []
        for d in rows:
            if d["out"] == "":
                continue
            nice = year(d["intro"], d["prnr"]) > 2000
            present = [a for a in ACTORS if d["p" + a] != "" and d["s" + a] != ""]
            if scheme == "council-votes":
                present = [a for a in present
                           if a in ("com", "ep") or votes[a][nice] is not None]
                states = [votes[a][nice] for a in present if a not in ("com", "ep")]
                largest = max(states) if states else 0
            if len(present) < 3:
                continue
            x, w = [], []
            for a in present:
                if scheme == "equal":
                    c = 1
                else:
                    c = largest if a in ("com", "ep") else votes[a][nice]
                x.append(float(d["p" + a]))
                w.append(c * float(d["s" + a]))
            out = float(d["out"])
            mean_err.append(abs(sum(a * b for a, b in zip(x, w)) / sum(w) - out))
            median_err.append(abs(weighted_median(x, w) - out))
        print(f"{scheme}: {len(mean_err)} issues, compromise MAE {statistics.mean(mean_err):.4f}, "
              f"median MAE {statistics.mean(median_err):.4f}")


if __name__ == "__main__":
    main()
