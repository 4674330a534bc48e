#!/usr/bin/env python3
"""Fails when a Go benchmark got over 2x slower or bigger than its recorded figure.

    python3 bench/regress.py            # compare with bench/baseline.txt (make bench runs this)
    python3 bench/regress.py --record   # run the benchmarks and rewrite bench/baseline.txt

Runs `go test -run '^$' -bench . -benchmem ./internal/cli ./lint` once and
compares ns/op, B/op and allocs/op of every benchmark with bench/baseline.txt
(the same output, recorded with --record, with the machine in its header).
Exits 1 when a figure is over --factor (2) times the recorded one, or a
recorded benchmark is gone. Times are only comparable on the machine kind
that recorded them: on another CPU, or under another load, a time can move
by more than that without any change in the code (bytes and allocations do
not depend on the machine). It warns when the CPU or core count differs
from the header; re-record on the new machine kind, in a commit of its own.
Not part of `make test`: a shared CI machine is no measurement.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "baseline.txt"
PACKAGES = ["./internal/cli", "./lint"]
LINE = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+[\d.]+ MB/s)?\s+(\d+) B/op\s+(\d+) allocs/op")


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def machine():
    return f"nproc {os.cpu_count()}; cpu {cpu()}"


def parse(text):
    """{package/benchmark: (ns/op, B/op, allocs/op)} from go test -bench output."""
    out, pkg = {}, ""
    for line in text.splitlines():
        if line.startswith("pkg: "):
            pkg = line[5:].strip().removeprefix("github.com/durablefn/durablefn/")
        m = LINE.match(line)
        if m:
            out[f"{pkg}/{m.group(1)}"] = tuple(float(x) for x in m.group(2, 3, 4))
    return out


def run():
    cmd = ["go", "test", "-run", "^$", "-bench", ".", "-benchmem", *PACKAGES]
    print("$ " + " ".join(cmd), flush=True)
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit("regress: the benchmarks failed")
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--record", action="store_true", help="rewrite bench/baseline.txt from a fresh run")
    ap.add_argument("--factor", type=float, default=2.0, help="the most a figure may grow (default 2)")
    args = ap.parse_args()

    if args.record:
        out = run()
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        header = (f"# Recorded by `python3 bench/regress.py --record`, {date}.\n"
                  f"# machine: {machine()}\n"
                  "# Times are comparable only on this machine kind; see bench/regress.py.\n")
        BASELINE.write_text(header + out)
        print(f"recorded {len(parse(out))} benchmarks in {BASELINE.relative_to(ROOT)}")
        return

    text = BASELINE.read_text()
    base = parse(text)
    recorded = re.search(r"^# machine: (.*)$", text, re.M)
    if recorded and recorded.group(1) != machine():
        print(f"regress: warning: recorded on {recorded.group(1)!r}, running on {machine()!r}: "
              "times may differ by more than the factor for that reason alone")
    now = parse(run())
    failed = False
    names = ("ns/op", "B/op", "allocs/op")
    for name, old in base.items():
        new = now.get(name)
        if new is None:
            print(f"FAIL {name}: recorded, but no longer run")
            failed = True
            continue
        worst = max((n / o if o else (1.0 if n == 0 else float("inf")), k, o, n)
                    for k, o, n in zip(names, old, new))
        status = "FAIL" if worst[0] > args.factor else "ok  "
        failed |= worst[0] > args.factor
        print(f"{status} {name}: " + ", ".join(f"{k} {n:,.0f} (was {o:,.0f})" for k, o, n in zip(names, old, new))
              + (f"  <- {worst[1]} ×{worst[0]:.2f}" if worst[0] > args.factor else ""))
    for name in sorted(set(now) - set(base)):
        print(f"new  {name}: not in the baseline (record it with --record)")
    if failed:
        raise SystemExit(f"regress: a benchmark is over {args.factor:g}× its figure in {BASELINE.relative_to(ROOT)}")
    print(f"regress: every benchmark within {args.factor:g}× of {BASELINE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
