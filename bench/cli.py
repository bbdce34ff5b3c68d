#!/usr/bin/env python3
"""Times the `akplan validate` process on 1 and on 1,000 files, next to cfn-lint on the
equivalent CloudFormation template, and prints the ratios.

Also times it on task definitions: one real-world-shaped file, and 1,000 files cycled from
`tests/fixtures/real-world/` (named `*.taskdef.json`, as a repository would name them).

Usage: python3 bench/cli.py  (from the repository root; builds akplan in release mode first).
Goals: one spec under 20 ms of wall time, at least 50x faster than cfn-lint (issue 2); one task
definition under 5 ms and 1,000 under 0.5 s (issue 9).
A benchmark, not a test: the machines are shared and noisy, so it reports, it does not assert.
"""
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "agent-kernel.yaml"
REAL_WORLD = ROOT / "tests" / "fixtures" / "real-world"
ONE_TASKDEF = REAL_WORLD / "ok-fargate-appmesh.json"
CFN = ROOT / "bench" / "agent-kernel.cfn.yaml"
AKPLAN = ROOT / "target" / "release" / "akplan"


def wall(cmd, runs):
    """Median wall time of `cmd` over `runs` runs, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "akplan"], cwd=ROOT, check=True)
    cfn_lint = shutil.which("cfn-lint")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        specs, templates = tmp / "specs", tmp / "cfn"
        specs.mkdir()
        templates.mkdir()
        for i in range(1000):
            shutil.copy(SPEC, specs / f"s{i:04}.akplan.yaml")
            shutil.copy(CFN, templates / f"t{i:04}.yaml")
        rows = []
        one = wall([str(AKPLAN), "validate", str(SPEC)], 20)
        many = wall([str(AKPLAN), "validate", str(specs)], 5)
        rows.append(("akplan, 1 file", one))
        rows.append(("akplan, 1000 files", many))
        if cfn_lint:
            c_one = wall([cfn_lint, str(CFN)], 3)
            c_many = wall([cfn_lint, str(templates / "*.yaml")], 1)
            rows.append(("cfn-lint, 1 template", c_one))
            rows.append(("cfn-lint, 1000 templates", c_many))
        taskdefs = tmp / "taskdefs"
        taskdefs.mkdir()
        sources = sorted(REAL_WORLD.glob("*.json"))
        for i in range(1000):
            shutil.copy(sources[i % len(sources)], taskdefs / f"t{i:04}.taskdef.json")
        td_one = wall([str(AKPLAN), "validate", str(ONE_TASKDEF)], 20)
        td_many = wall([str(AKPLAN), "validate", str(taskdefs)], 5)
        rows.append(("akplan, 1 task definition", td_one))
        rows.append(("akplan, 1000 task definitions", td_many))
        for name, seconds in rows:
            print(f"{name:30} {seconds * 1000:10.1f} ms")
        print(f"akplan 1 file under 20 ms: {'yes' if one < 0.020 else 'NO'}")
        print(f"akplan 1 task definition under 5 ms: {'yes' if td_one < 0.005 else 'NO'}")
        print(f"akplan 1000 task definitions under 500 ms: {'yes' if td_many < 0.5 else 'NO'}")
        if cfn_lint:
            print(f"ratio cfn-lint/akplan, 1 file:     {c_one / one:8.1f}x")
            print(f"ratio cfn-lint/akplan, 1000 files: {c_many / many:8.1f}x")
        else:
            print("cfn-lint not found: pip install cfn-lint to compare", file=sys.stderr)


if __name__ == "__main__":
    main()
