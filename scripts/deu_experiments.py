#!/usr/bin/env python3
"""Attempts to beat the compromise model on the DEU development half (docs/accuracy.md).

Every attempt is a family of forecasters indexed by a grid of parameters. Its expected accuracy
is estimated by leave-one-proposal-out cross-validation: for each of the proposals in turn, the
parameters are chosen by the lowest MAE on the issues of all other proposals, and the held-out
proposal's issues are forecast with them. The script prints, per attempt, the cross-validated
MAE, the in-sample MAE of the best parameters (optimistic: never the expected accuracy), and
the parameters chosen on the whole dev half. Capabilities: council votes (docs/backtest.md).

usage: scripts/deu_experiments.py [DEU.tsv] [per-issue.csv from `fulcrum backtest --per-issue`]
The optional per-issue CSV adds blends with the models the C library runs (EUM presets).
"""
import csv
import itertools
import math
import random
import statistics
import sys

ACTORS = ("com ep at be bu cr cy cz dk ee fi fr de el hu ie it lv lt lu mt nl pl pt ro si sk "
          "es se uk").split()
PRE_NICE = dict(at=4, be=5, dk=3, fi=3, fr=10, de=10, el=5, ie=3, it=10, lu=2, nl=5, pt=5, es=8,
                se=4, uk=10)
NICE = dict(de=29, fr=29, it=29, uk=29, es=27, pl=27, ro=14, nl=13, be=12, cz=12, el=12, hu=12,
            pt=12, at=10, bu=10, se=10, dk=7, ie=7, lt=7, sk=7, fi=7, cr=7, ee=4, lv=4, si=4,
            cy=4, lu=4, mt=3)


def year(intro, prnr):
    last = intro.split("-")[-1]
    y = int(last) if last.isdigit() and len(last) in (2, 4) and last != "999" else int(prnr[1:3])
    return y if y >= 100 else (1900 + y if y >= 50 else 2000 + y)


def load(path):
    issues = []
    with open(path) as f:
        for d in csv.DictReader(f, delimiter="\t"):
            if d["out"] == "":
                continue
            y = year(d["intro"], d["prnr"])
            votes = NICE if y > 2000 else PRE_NICE
            acts = [a for a in ACTORS if d["p" + a] != "" and d["s" + a] != ""
                    and (a in ("com", "ep") or a in votes)]
            if len(acts) < 3:
                continue
            largest = max(votes[a] for a in acts if a not in ("com", "ep"))
            issues.append(dict(
                proposal=d["prnr"], id=d["isnr"], year=y, proc=d["proc"], qmv=d["counvte"] == "QMV",
                out=float(d["out"]), rp=float(d["rp"]) if d["rp"] != "" else None,
                actors=[(a, float(d["p" + a]), float(d["s" + a]) / 100,
                         largest if a in ("com", "ep") else votes[a]) for a in acts]))
    return issues


def wmean(xs, ws):
    t = sum(ws)
    return sum(x * w for x, w in zip(xs, ws)) / t if t > 0 else None


def wmedian(xs, ws):
    pts = sorted((x, w) for x, w in zip(xs, ws) if w > 0)
    if not pts:
        return None
    total = sum(w for _, w in pts)
    tol = 1e-9 * total
    cum = 0
    for i, (x, w) in enumerate(pts):
        cum += w
        if i + 1 < len(pts) and pts[i + 1][0] == x:
            continue
        if 2 * cum - total > tol:
            return x
        if abs(2 * cum - total) <= tol:
            return (x + pts[i + 1][0]) / 2 if i + 1 < len(pts) else x


def compromise(iss, a_cap=1.0, b_sal=1.0, k_com=1.0, k_ep=1.0):
    xs, ws = [], []
    for code, p, s, c in iss["actors"]:
        w = (c ** a_cap) * (s ** b_sal)
        if code == "com":
            w *= k_com
        elif code == "ep":
            w *= k_ep
        xs.append(p)
        ws.append(w)
    m = wmean(xs, ws)
    return m if m is not None else wmean([a[1] for a in iss["actors"]], [1] * len(iss["actors"]))


def median(iss):
    return wmedian([a[1] for a in iss["actors"]], [a[2] * a[3] for a in iss["actors"]])


# ---- cross-validation by proposal over a grid ----

def cv(issues, grid, predict):
    """grid: list of parameter tuples; predict(issue, params) -> forecast.
    Returns (cv_mae, best_in_sample_mae, best_params, cv_errors)."""
    err = [[abs(predict(iss, g) - iss["out"]) for iss in issues] for g in grid]
    props = sorted(set(iss["proposal"] for iss in issues))
    by_prop = {p: [i for i, iss in enumerate(issues) if iss["proposal"] == p] for p in props}
    totals = [sum(e) for e in err]
    cv_err = [None] * len(issues)
    for p in props:
        held = by_prop[p]
        best = min(range(len(grid)), key=lambda g: (totals[g] - sum(err[g][i] for i in held), g))
        for i in held:
            cv_err[i] = err[best][i]
    best_all = min(range(len(grid)), key=lambda g: (totals[g], g))
    return statistics.mean(cv_err), totals[best_all] / len(issues), grid[best_all], cv_err


def boot_diff(issues, cv_err, base_err, n=2000, seed=1):
    """95% percentile interval of mean(cv_err - base_err), resampling proposals."""
    rng = random.Random(seed)
    props = sorted(set(iss["proposal"] for iss in issues))
    by_prop = {p: [i for i, iss in enumerate(issues) if iss["proposal"] == p] for p in props}
    reps = []
    for _ in range(n):
        s = c = 0
        for _ in props:
            for i in by_prop[props[rng.randrange(len(props))]]:
                s += cv_err[i] - base_err[i]
                c += 1
        reps.append(s / c)
    reps.sort()
    return reps[int(0.025 * n)], reps[int(0.975 * n)]


def frange(lo, hi, step):
    n = int(round((hi - lo) / step))
    return [round(lo + k * step, 10) for k in range(n + 1)]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/deu/deu_dev.tsv"
    issues = load(path)
    extra = {}
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            for r in csv.DictReader(f):
                if r["forecast"] != "NA":
                    name = r["model"] + (":" + r["preset"] if r["preset"] else "")
                    extra.setdefault(name, {})[r["issue"]] = float(r["forecast"])
    mean_f = {iss["id"]: compromise(iss) for iss in issues}
    med_f = {iss["id"]: median(iss) for iss in issues}
    print(f"{len(issues)} issues, {len(set(i['proposal'] for i in issues))} proposals; "
          "leave-one-proposal-out cross-validation\n")
    base_err = [abs(mean_f[i["id"]] - i["out"]) for i in issues]
    base = statistics.mean(base_err)

    def attempt(name, grid, predict):
        c, ins, best, e = cv(issues, grid, predict)
        lo, hi = boot_diff(issues, e, base_err)
        print(f"| {name} | {c:.2f} | {c - base:+.2f} [{lo:+.2f}, {hi:+.2f}] | {ins:.2f} | {best} |",
              flush=True)

    print("| attempt | CV MAE | CV minus compromise [95% CI] | in-sample MAE | parameters (whole dev half) |")
    print("|---|---|---|---|---|")

    attempt("compromise (no parameters)", [()], lambda i, g: mean_f[i["id"]])
    attempt("weighted median (no parameters)", [()], lambda i, g: med_f[i["id"]])
    attempt("constant 50 (no parameters)", [()], lambda i, g: 50.0)
    attempt("blend a*compromise + (1-a)*median", [(a,) for a in frange(0, 1, 0.05)],
            lambda i, g: g[0] * mean_f[i["id"]] + (1 - g[0]) * med_f[i["id"]])
    attempt("shrink to the midpoint: l*compromise + (1-l)*50", [(l,) for l in frange(0, 1.5, 0.05)],
            lambda i, g: g[0] * mean_f[i["id"]] + (1 - g[0]) * 50)
    attempt("reference-point pull: compromise + g*(rp - compromise)",
            [(gm,) for gm in frange(-1, 1, 0.05)],
            lambda i, g: mean_f[i["id"]] + (g[0] * (i["rp"] - mean_f[i["id"]]) if i["rp"] is not None else 0))
    caps_grid = [(a, b) for a in frange(0, 2, 0.125) for b in frange(0, 1.5, 0.125)]
    cache = {}

    def powered(i, g):
        k = (i["id"], g)
        if k not in cache:
            cache[k] = compromise(i, a_cap=g[0], b_sal=g[1])
        return cache[k]
    attempt("weights capability^a x salience^b", caps_grid, powered)
    inst_grid = [(kc, ke) for kc in frange(0, 3, 0.25) for ke in frange(0, 3, 0.25)]
    attempt("Commission x kc, Parliament x ke", inst_grid,
            lambda i, g: compromise(i, k_com=g[0], k_ep=g[1]))

    def by_proc(i, g):
        kc, ke_cod, ke_cns = g
        return compromise(i, k_com=kc, k_ep=ke_cod if i["proc"] == "COD" else ke_cns)
    attempt("Commission x kc, Parliament x ke by procedure (COD/CNS)",
            [(kc, a, b) for kc in frange(0, 2, 0.25) for a in frange(0, 3, 0.5) for b in frange(0, 2, 0.5)],
            by_proc)

    def unan_pull(i, g):
        m = mean_f[i["id"]]
        if i["rp"] is None:
            return m
        return m + (g[0] if not i["qmv"] else g[1]) * (i["rp"] - m)
    attempt("reference-point pull by voting rule (unanimity / QMV)",
            [(a, b) for a in frange(-0.5, 0.5, 0.1) for b in frange(-0.5, 0.5, 0.1)], unan_pull)

    def snap(i, g):
        m = mean_f[i["id"]]
        pts = [a[1] for a in i["actors"]] + ([i["rp"]] if i["rp"] is not None else [])
        nearest = min(pts, key=lambda p: (abs(p - m), p))
        return m + g[0] * (nearest - m)
    attempt("pull toward the nearest stated position", [(s,) for s in frange(0, 1, 0.1)], snap)

    def trimmed(i, g):
        # drop the actors whose positions are furthest from the compromise (weight share g)
        xs = [a[1] for a in i["actors"]]
        ws = [a[2] * a[3] for a in i["actors"]]
        m = wmean(xs, ws)
        order = sorted(range(len(xs)), key=lambda k: (-abs(xs[k] - m), k))
        total = sum(ws)
        dropped = 0
        keep = set(range(len(xs)))
        for k in order:
            if dropped + ws[k] > g[0] * total or len(keep) <= 2:
                break
            dropped += ws[k]
            keep.discard(k)
        return wmean([xs[k] for k in keep], [ws[k] for k in keep])
    attempt("trimmed compromise (drop the outlying weight share t)", [(t,) for t in frange(0, 0.4, 0.05)],
            trimmed)

    for name, fc in sorted(extra.items()):
        if name in ("compromise", "median", "status-quo") or len(fc) < len(issues):
            continue
        attempt(f"blend a*compromise + (1-a)*{name}", [(a,) for a in frange(0, 1, 0.05)],
                lambda i, g, fc=fc: g[0] * mean_f[i["id"]] + (1 - g[0]) * fc[i["id"]])

    def smooth(i, a, k):
        return wmean([x[1] for x in i["actors"]], [(x[3] ** a) * (x[2] + k) for x in i["actors"]])
    ks = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 1e6]
    attempt("weights capability x (salience + k)", [(k,) for k in ks], lambda i, g: smooth(i, 1, g[0]))
    attempt("salience exponent b alone (capability^1 x salience^b)", [(b,) for b in frange(0, 1.5, 0.125)],
            lambda i, g: powered(i, (1.0, g[0])))
    attempt("capability-weighted mean, salience ignored (no parameters)", [()],
            lambda i, g: powered(i, (1.0, 0.0)))
    attempt("unweighted mean of positions (no parameters)", [()], lambda i, g: powered(i, (0.0, 0.0)))
    attempt("capability-weighted mean + reference-point pull g", [(gm,) for gm in frange(-0.5, 0.5, 0.05)],
            lambda i, g: (lambda m: m + (g[0] * (i["rp"] - m) if i["rp"] is not None else 0))(powered(i, (1.0, 0.0))))

    def cap_median(i):
        return wmedian([a[1] for a in i["actors"]], [a[3] for a in i["actors"]])
    attempt("capability-weighted median, salience ignored (no parameters)", [()], lambda i, g: cap_median(i))
    attempt("blend a x capability-weighted mean + (1-a) x capability-weighted median",
            [(a,) for a in frange(0, 1, 0.05)],
            lambda i, g: g[0] * powered(i, (1.0, 0.0)) + (1 - g[0]) * cap_median(i))

    def near(i, m, s_):
        nearest = min((a[1] for a in i["actors"]), key=lambda p: (abs(p - m), p))
        return m + s_ * (nearest - m)
    attempt("capability x (salience + k), then pull s toward the nearest position",
            [(k, s_) for k in ks for s_ in frange(0, 0.6, 0.1)], lambda i, g: near(i, smooth(i, 1, g[0]), g[1]))

    # Combination of the two kinds that help most in-sample, chosen jointly (nested in CV).
    def combo(i, g):
        a, b, l = g
        m = powered(i, (a, b))
        return l * m + (1 - l) * 50
    attempt("weights cap^a x sal^b, then shrink to 50",
            [(a, b, l) for a in frange(0, 2, 0.5) for b in frange(0, 3, 0.5) for l in frange(0.7, 1.2, 0.1)],
            combo)


if __name__ == "__main__":
    main()
