#!/usr/bin/env python3
"""Times durablefn beside the tools people use for the same job, as whole processes.

    bash bench/bench.sh            # what `make bench` runs: this, then bench/regress.py
    python3 bench/run.py [--sizes 1,10,100,max] [--runs 5] [--slow-runs 3] [--no-cdk-app] [--no-write]
                         [--tools synth-cfn,sam-transform]

For each size N it writes the spec of an application of N durable functions
with S3 code (nothing to build), checks it with `durablefn validate`, and
times, each as its own process, after one warm-up run:

  synth cfn / synth sam   bin/durablefn synth --format cfn|sam -o FILE SPEC
  SAM transform           bench/sam_transform.py on the SAM output (the real
                          aws-sam-translator, Python start and import included)
  cfn-lint / durablefn lint  on the CloudFormation output
  synth cdk               bin/durablefn synth --format cdk (the Go CDK construct,
                          through jsii and Node)
  cdk synth construct / hand-wired
                          `cdk synth` of the Go app bin/durable-bench -app ...
                          (constructs/durable/bench): N durable functions through
                          the construct, and the same template wired by hand from
                          aws-cdk-lib (inline code; a test proves the templates equal)

"max" is the largest N that `durablefn validate` accepts for this shape (5
resources and 2 outputs per function: CloudFormation's 500 resources and 200
outputs). The fast tools run --runs times, the slow ones (cfn-lint and the
three CDK paths) --slow-runs times. Wall time is measured around the process;
peak memory is ru_maxrss from wait4, the largest resident set of any single
process in the tree (not their sum): for the CDK paths, the larger of the Go
program and Node.

Prints the table, and unless --no-write replaces the part of
docs/performance.md between <!-- bench:begin --> and <!-- bench:end -->,
writes docs/bench-time.svg (time against N, log scales) and bench/results.json.
Uses only bash, Python 3's standard library and the tools it measures.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "bin" / "durablefn"
APP = ROOT / "bin" / "durable-bench"
DOC = ROOT / "docs" / "performance.md"
SVG = ROOT / "docs" / "bench-time.svg"
RESULTS = ROOT / "bench" / "results.json"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

# key, label, slow
TOOLS = [
    ("synth-cfn", "durablefn synth --format cfn", False),
    ("synth-sam", "durablefn synth --format sam", False),
    ("sam-transform", "SAM transform (aws-sam-translator)", False),
    ("durablefn-lint", "durablefn lint (cfn output)", False),
    ("cfn-lint", "cfn-lint (cfn output)", True),
    ("synth-cdk", "durablefn synth --format cdk (Go construct)", True),
    ("cdk-construct", "cdk synth, Go app with the construct", True),
    ("cdk-hand", "cdk synth, Go app wired by hand", True),
]
LABEL = {k: l for k, l, _ in TOOLS}
RATIOS = [
    ("SAM transform ÷ synth cfn", "sam-transform", "synth-cfn"),
    ("SAM transform ÷ synth sam", "sam-transform", "synth-sam"),
    ("cfn-lint ÷ durablefn lint", "cfn-lint", "durablefn-lint"),
    ("synth cdk ÷ synth cfn", "synth-cdk", "synth-cfn"),
    ("cdk synth: construct ÷ by hand", "cdk-construct", "cdk-hand"),
]


def spec(n):
    """The application: n durable functions with S3 code, log settings and an environment."""
    out = ["functions:"]
    for i in range(n):
        out.append(
            f"""  Fn{i}:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bench-artifacts/fn{i}.zip
    memorySize: 512
    environment: {{STAGE: prod}}
    durable: {{executionTimeout: 7d, retentionDays: 30}}
    logs: {{retentionDays: 30, format: JSON}}"""
        )
    return "\n".join(out) + "\n"


def valid(n, work):
    p = work / f"probe{n}.yaml"
    p.write_text(spec(n))
    r = subprocess.run([str(BIN), "validate", str(p)], capture_output=True)
    return r.returncode == 0


def largest(work):
    """The largest n that validate accepts: doubling, then bisection."""
    lo, hi = 1, 2
    while valid(hi, work):
        lo, hi = hi, hi * 2
        if hi > 1 << 16:
            raise SystemExit("bench: validate accepts any size: no limit found")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if valid(mid, work) else (lo, mid)
    return lo


def become_subreaper():
    """Makes this process the reaper of its orphaned descendants (Linux).

    durablefn synth --format cdk exits without waiting for its jsii Node
    process; as the subreaper, bench reaps that process itself and counts
    its peak memory. Returns False where prctl is not available.
    """
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def run_once(argv, env, cwd, log):
    """Runs argv; returns (seconds, peak RSS in bytes). Fails on a non-zero exit.

    The time ends when the process exits; orphans it left (re-parented to
    bench, see become_subreaper) are then waited for, up to 60 s, and their
    memory counted, so that they do not run into the next measurement.
    """
    with open(log, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd)
        _, status, ru = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t0
    peak = ru.ru_maxrss
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            pid, _, ru2 = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.02)
            continue
        peak = max(peak, ru2.ru_maxrss)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.stderr.write(Path(log).read_text(errors="replace")[-3000:])
        raise SystemExit(f"bench: {' '.join(argv)} exited {p.returncode}")
    return elapsed, peak * 1024  # Linux: kilobytes


def commands(n, d):
    """The argv of each tool for size n, in work directory d."""
    s, cfn, sam = d / "durable.yaml", d / "out.cfn.yaml", d / "out.sam.yaml"
    app = lambda way: [  # noqa: E731
        "cdk", "synth", "--no-notices", "--quiet", "--no-version-reporting", "--no-path-metadata",
        "--no-asset-metadata", "-o", str(d / f"cdk.out.{way}"),
        "--app", f"{APP} -app {way} -functions {n}",
    ]
    return {
        "synth-cfn": [str(BIN), "synth", "--format", "cfn", "-o", str(d / "t.cfn.yaml"), str(s)],
        "synth-sam": [str(BIN), "synth", "--format", "sam", "-o", str(d / "t.sam.yaml"), str(s)],
        "sam-transform": [sys.executable, str(ROOT / "bench" / "sam_transform.py"), str(sam), str(d / "t.json")],
        "durablefn-lint": [str(BIN), "lint", str(cfn)],
        "cfn-lint": ["cfn-lint", str(cfn)],
        "synth-cdk": [str(BIN), "synth", "--format", "cdk", "-o", str(d / "t.cdk.yaml"), str(s)],
        "cdk-construct": app("construct"),
        "cdk-hand": app("hand-wired"),
    }


def sh(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return "not found"


def machine():
    cpu = "unknown"
    mem = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.0f GiB" % (int(line.split()[1]) / 2**20)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "os": platform.platform(terse=True)}


def versions():
    cdkgo = re.search(r"github.com/aws/aws-cdk-go/awscdk/v2 (\S+)", (ROOT / "go.mod").read_text())
    return {
        "durablefn": sh(str(BIN), "--version").removeprefix("durablefn "),
        "go": sh("go", "env", "GOVERSION"),
        "python": platform.python_version(),
        "aws-sam-translator": sh(sys.executable, "-c", "import samtranslator; print(samtranslator.__version__)"),
        "cfn-lint": sh("cfn-lint", "--version").removeprefix("cfn-lint "),
        "node": sh("node", "--version"),
        "aws-cdk (CLI)": sh("cdk", "--version").split(" ")[0],
        "aws-cdk-go (bundles aws-cdk-lib of its version)": cdkgo.group(1) if cdkgo else "?",
    }


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,100,max", help="comma-separated N; 'max' is the largest N validate accepts")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of the fast tools, after one warm-up")
    ap.add_argument("--slow-runs", type=int, default=3, help="timed runs of cfn-lint and the CDK paths, after one warm-up")
    ap.add_argument("--no-cdk-app", action="store_true", help="leave out the two cdk synth runs of the Go app")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/ and bench/results.json alone")
    ap.add_argument("--tools", help="time only these tools (comma-separated: " + ",".join(t[0] for t in TOOLS)
                    + "); implies --no-write, as the section in docs/performance.md holds them all")
    ap.add_argument("--from-results", action="store_true",
                    help="measure nothing: rewrite the section and chart from bench/results.json")
    args = ap.parse_args()
    if args.from_results:
        info = json.loads(RESULTS.read_text())
        SVG.write_text(chart(info))
        replace_section(markdown(info))
        print(markdown(info))
        return

    for tool in ("cfn-lint", "cdk", "node"):
        if not shutil.which(tool):
            raise SystemExit(f"bench: {tool} not on PATH (run bash scripts/setup.sh, and source scripts/node-env.sh)")
    tools = [t for t in TOOLS if not (args.no_cdk_app and t[0].startswith("cdk-"))]
    if args.tools:
        only = set(args.tools.split(","))
        if only - set(LABEL):
            raise SystemExit(f"bench: unknown tools {sorted(only - set(LABEL))}")
        tools = [t for t in tools if t[0] in only]
        args.no_write = True
    reaper = become_subreaper()
    env = dict(os.environ, AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1", PYTHONIOENCODING="utf-8")

    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = loadavg()
    with tempfile.TemporaryDirectory(prefix="durablefn-bench-") as tmp:
        work = Path(tmp)
        top = largest(work)
        sizes = sorted({top if s.strip() == "max" else int(s) for s in args.sizes.split(",")})
        print(f"largest N validate accepts: {top} ({top * 5} resources); sizes {sizes}", flush=True)
        results = {}
        for n in sizes:
            d = work / f"n{n}"
            d.mkdir()
            (d / "durable.yaml").write_text(spec(n))
            # The inputs of the transform and the linters, made once.
            for fmt, out in (("cfn", "out.cfn.yaml"), ("sam", "out.sam.yaml")):
                subprocess.run([str(BIN), "synth", "--format", fmt, "-o", str(d / out), str(d / "durable.yaml")],
                               check=True, capture_output=True)
            cmds = commands(n, d)
            for key, _, slow in tools:
                runs = args.slow_runs if slow else args.runs
                log = d / f"{key}.log"
                run_once(cmds[key], env, d, log)  # warm-up: page cache, Python bytecode, V8 code cache
                times, rss = [], []
                for _ in range(runs):
                    t, m = run_once(cmds[key], env, d, log)
                    times.append(t)
                    rss.append(m)
                results.setdefault(key, {})[str(n)] = {
                    "runs": runs, "times": times, "median": statistics.median(times),
                    "min": min(times), "max": max(times), "peak_rss": max(rss),
                }
                r = results[key][str(n)]
                print(f"  N={n:<4} {LABEL[key]:<45} median {ms(r['median']):>9}  "
                      f"({ms(r['min'])}–{ms(r['max'])}, {runs} runs)  peak {mb(r['peak_rss'])}", flush=True)
    finished = datetime.datetime.now(datetime.timezone.utc)
    info = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "duration_s": round((finished - started).total_seconds()),
        "load": f"{load_before} before, {loadavg()} after",
        "machine": machine(),
        "versions": versions(),
        "sizes": sizes,
        "largest": top,
        "runs": args.runs,
        "slow_runs": args.slow_runs,
        "tools": [t[0] for t in tools],
        "orphans_counted": reaper,
        "results": results,
    }
    section = markdown(info)
    print()
    print(section)
    if not args.no_write:
        RESULTS.write_text(json.dumps(info, indent=1) + "\n")
        SVG.write_text(chart(info))
        replace_section(section)
        print(f"wrote {DOC.relative_to(ROOT)}, {SVG.relative_to(ROOT)}, {RESULTS.relative_to(ROOT)}")


def ms(s):
    v = s * 1000
    return f"{v:,.0f} ms" if v >= 100 else f"{v:.1f} ms"


def mb(b):
    return f"{b / 2**20:,.0f} MB"


def markdown(info):
    res, sizes = info["results"], info["sizes"]
    m, v = info["machine"], info["versions"]
    out = [
        f"Generated by `make bench` (bench/run.py), {info['date']}, in {info['duration_s']} s. "
        f"Machine: `nproc` {m['nproc']}, \"{m['cpu']}\" (`/proc/cpuinfo`), {m['memory']}, {m['os']}; "
        f"**shared** with other jobs (load average {info['load']}): read the ratios, not the last digit.",
        "",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "",
        f"The application: N durable functions with S3 code (`bench/run.py`, `spec`), each 5 resources and "
        f"2 outputs; N = {info['largest']} is the largest `durablefn validate` accepts "
        f"({info['largest'] * 5} resources, {info['largest'] * 2} outputs). Each figure is a whole process "
        f"(start-up included) after one warm-up run: the median of {info['runs']} runs, "
        f"{info['slow_runs']} for cfn-lint and the CDK paths; the spread is min–max; memory is the peak "
        "resident set of the largest single process (for the CDK paths, the larger of Go and Node"
        + ("" if info.get("orphans_counted") else "; here without the jsii Node of `synth --format cdk`, which was not reaped")
        + ").",
        "",
        "| tool | " + " | ".join(f"N={n}" for n in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for key in info["tools"]:
        cells = []
        for n in sizes:
            r = res[key][str(n)]
            cells.append(f"**{ms(r['median'])}** ({ms(r['min'])}–{ms(r['max'])}), {mb(r['peak_rss'])}")
        out.append(f"| {LABEL[key]} | " + " | ".join(cells) + " |")
    noisy = [f"{LABEL[k]} at N={n}" for k in info["tools"] for n in sizes
             if res[k][str(n)]["max"] > 1.5 * res[k][str(n)]["min"]]
    if noisy:
        out += ["", f"**Noisy in this run** (slowest run over 1.5× the fastest): {'; '.join(noisy)}. "
                "Their medians, and the ratios built on them, moved with the other jobs on the machine "
                "more than with N: re-run on an idle machine before reading anything into them."]
    out += ["", "Ratios of the medians:", "", "| ratio | " + " | ".join(f"N={n}" for n in sizes) + " |",
            "|---|" + "---|" * len(sizes)]
    for label, a, b in RATIOS:
        if a in res and b in res:
            out.append(f"| {label} | " + " | ".join(
                f"{res[a][str(n)]['median'] / res[b][str(n)]['median']:.2f}" for n in sizes) + " |")
    out += ["", "![time against N, log scales](bench-time.svg)"]
    return "\n".join(out)


def replace_section(section):
    text = DOC.read_text()
    if BEGIN not in text or END not in text:
        raise SystemExit(f"bench: {DOC} has no {BEGIN} … {END} section")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{section}\n{END}{tail}")


def chart(info):
    """An SVG line chart of median time against N, both axes log10."""
    import math

    W, H, L, R, T, B = 760, 440, 70, 290, 30, 50
    res, sizes = info["results"], info["sizes"]
    ys = [res[k][str(n)]["median"] * 1000 for k in info["tools"] for n in sizes]
    x0, x1 = math.log10(min(sizes)), math.log10(max(sizes))
    if x1 == x0:
        x1 = x0 + 1
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    px = lambda n: L + (math.log10(n) - x0) / (x1 - x0) * (W - L - R)  # noqa: E731
    py = lambda v: T + (y1 - math.log10(v)) / (y1 - y0) * (H - T - B)  # noqa: E731
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
    e = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
         'font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="18" font-size="14">Median wall time of one process against N durable functions '
         f'({info["date"][:10]})</text>']
    for p in range(y0, y1 + 1):
        y = py(10**p)
        label = f"{10**p:g} ms" if p < 3 else f"{10**(p - 3):g} s"
        e.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
        e.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for n in sizes:
        x = px(n)
        e.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
        e.append(f'<text x="{x:.1f}" y="{H - B + 16}" text-anchor="middle">{n}</text>')
    e.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 12}" text-anchor="middle">N (functions, log scale)</text>')
    e.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="#333"/>')
    for i, key in enumerate(info["tools"]):
        c = colors[i % len(colors)]
        pts = [(px(n), py(res[key][str(n)]["median"] * 1000)) for n in sizes]
        e.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
        e += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{c}"/>' for x, y in pts]
        ly = T + 10 + i * 20
        e.append(f'<line x1="{W - R + 12}" y1="{ly}" x2="{W - R + 32}" y2="{ly}" stroke="{c}" stroke-width="2"/>')
        e.append(f'<text x="{W - R + 38}" y="{ly + 4}">{escape(LABEL[key])}</text>')
    e.append("</svg>")
    return "\n".join(e) + "\n"


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    main()
