#!/usr/bin/env python3
"""The interpreter benchmark: the same programs in nv, Lua 5.4 and CPython, in one run.

Each program (fib.*, loop.*, kmeans.* beside this file) runs several times in every language,
the languages taking turns so that a change in the machine's load reaches all of them alike.
Printed per program: best and median wall time, and the ratios nv/Lua and nv/CPython of the
medians. Start-up is measured apart (an empty program in each language) and printed too, with
the ratios of the program time alone (median minus that language's start-up median).

    python3 tools/bench/interpreter/run.py [--nv PATH] [--runs N]

Run it at normal priority under the shared lock: flock /tmp/nv-bench.lock python3 ...
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PROGRAMS = ["fib", "loop", "kmeans"]


def wall(command):
    """Runs command once; returns (seconds, stdout)."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nv", default=os.path.join(ROOT, ".build", "release", "nv"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not os.access(args.nv, os.X_OK):
        sys.exit(f"no nv binary at {args.nv}: build it with swift build -c release")
    lua = shutil.which("lua5.4") or sys.exit("lua5.4 not found (apt-get install lua5.4)")
    languages = [("nv", [args.nv], "nv"), ("Lua", [lua], "lua"), ("CPython", [sys.executable], "py")]

    with tempfile.TemporaryDirectory() as scratch:
        empty = {}
        for _, _, ext in languages:
            empty[ext] = os.path.join(scratch, "empty." + ext)
            open(empty[ext], "w").close()
        cases = [("start-up", {ext: empty[ext] for _, _, ext in languages})]
        cases += [(name, {ext: os.path.join(HERE, f"{name}.{ext}") for _, _, ext in languages}) for name in PROGRAMS]

        times = {}  # (case, language) -> [seconds]
        for case, files in cases:
            outputs = {}
            for _ in range(args.runs):
                for language, command, ext in languages:
                    seconds, out = wall(command + [files[ext]])
                    times.setdefault((case, language), []).append(seconds)
                    outputs[language] = out
            if len(set(outputs.values())) != 1:
                sys.exit(f"{case}: the languages disagree: {outputs}")

    print(f"interpreter benchmark: {args.runs} runs each, languages in turn; "
          f"{os.path.basename(sys.executable)} {sys.version.split()[0]}, lua5.4")
    print(f"load average before/after: {load_before} / {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'program':<10}{'language':<9}{'best ms':>9}{'median ms':>11}"
          f"{'nv/Lua':>9}{'nv/CPy':>9}{'program ms':>12}{'nv/Lua':>9}{'nv/CPy':>9}")
    startup = {language: statistics.median(times[("start-up", language)]) for language, _, _ in languages}
    for case, _ in cases:
        median = {language: statistics.median(times[(case, language)]) for language, _, _ in languages}
        alone = {language: max(median[language] - startup[language], 1e-9) for language in median}
        for language, _, _ in languages:
            row = f"{case:<10}{language:<9}{min(times[(case, language)]) * 1e3:>9.1f}{median[language] * 1e3:>11.1f}"
            if language == "nv":
                row += f"{median['nv'] / median['Lua']:>9.2f}{median['nv'] / median['CPython']:>9.2f}"
                if case != "start-up":
                    row += f"{alone['nv'] * 1e3:>12.1f}{alone['nv'] / alone['Lua']:>9.2f}{alone['nv'] / alone['CPython']:>9.2f}"
            elif case != "start-up":
                row += " " * 18 + f"{alone[language] * 1e3:>12.1f}"
            print(row)
    print("ratios are of medians; 'program ms' is the median minus that language's start-up median")


if __name__ == "__main__":
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    main()
