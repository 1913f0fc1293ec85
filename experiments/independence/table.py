#!/usr/bin/env python3
"""Markdown tables for docs/results.md from the reports that run.sh writes (WORK_DIR/reports/*.json).

usage: table.py WORK_DIR/reports          (missing reports print as "…": the run has not got there yet)
"""
import json
import os
import sys

REPORTS = sys.argv[1] if len(sys.argv) > 1 else "reports"


def load(name):
    path = os.path.join(REPORTS, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def fmt(v, digits=2):
    if v is None:
        return "…"
    if isinstance(v, float) and v != v:
        return "n/a"
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def codec_row(name, label):
    r = load("codec-" + name)
    if r is None:
        return f"| {label} |" + " … |" * 9
    c = r["codec"]
    full = c["bandwidth"][-1]
    ent = " / ".join(f"{b['millerMadowEntropyBits']:.2f}" for b in c["codes"]["codebooks"])
    tc = c["codes"]["totalCorrelation"]
    mi_same, mi_delay = tc[0]["pairwise"]["millerMadowBits"], tc[1]["pairwise"]["millerMadowBits"]
    tc_same, tc_delay = tc[0]["coarseGrained"]["millerMadowBits"], tc[1]["coarseGrained"]["millerMadowBits"]
    mmd = {m["alignment"]: m for m in c["mmd"]}
    def m(a):
        x = mmd.get(a)
        return "…" if x is None else f"{x['mean']:.2e} ± {x['std']:.1e} (null {x['nullLevel']:.1e})"
    return (f"| {label} | {full['siSnrDb']:.2f} | {full['melDistance']:.3f} | {ent} | {mi_same:.2f} | {mi_delay:.2f} "
            f"| {tc_same:.3f} | {tc_delay:.3f} | {m('same')} | {m('delay')} |")


def lm_row(name, label):
    r = load("lm-" + name)
    g = load("gen-" + name)
    s = load("gen-seen-" + name)
    nll = "…" if r is None or r.get("lm") is None else " / ".join(f"{b['nats']:.2f}" for b in r["lm"]["codebooks"])
    def adherence(x):
        return "…" if x is None else f"{x['adherence']['genre']:.2f} / {x['adherence']['lead']:.2f}"
    def kl(x):
        return "…" if x is None else f"{x['kl']['genre']:.2f} / {x['kl']['lead']:.2f}"
    fd = "…" if s is None else f"{s['frechetDistance']:.1f}"
    tempo = "…" if s is None else f"{s['tempo']['withinStrict']:.2f} ({s['tempo']['withinOctave']:.2f})"
    speed = "…" if s is None else f"{s['speed']['stepsPerSecond']:.0f}"
    return f"| {label} | {nll} | {adherence(s)} | {adherence(g)} | {kl(s)} | {fd} | {tempo} | {speed} |"


print("| codec | SI-SNR dB | mel dist. | entropy z1/z2/z3/z4 (bits) | ΣMI same | ΣMI delay | TC same | TC delay | MMD² same | MMD² delay |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name, label in [("l0", "λ = 0"), ("same", "λ > 0, same frame"), ("delay", "λ > 0, delay-aligned")]:
    print(codec_row(name, label))
print()
print("| LM | NLL z1/z2/z3/z4 (nats) | adherence genre/lead, seen pairs | adherence genre/lead, held-out pairs | KL genre/lead | FD | tempo within 5% (±octave) | steps/s |")
print("|---|---|---|---|---|---|---|---|")
for name, label in [("l0", "delay on λ = 0"), ("same", "delay on λ same"), ("delay", "delay on λ delay"),
                    ("flat-l0", "flatten on λ = 0")]:
    print(lm_row(name, label))
