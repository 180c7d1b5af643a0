#!/usr/bin/env python3
"""The interpreter benchmark: the same programs in nv, Lua 5.4 and CPython, in one run.

Each program (fib.*, loop.*, kmeans.* beside this file) runs several times in every language,
the languages taking turns so that a change in the machine's load reaches all of them alike.
Printed per program: best and median wall time and the ratios nv/Lua and nv/CPython of the
medians; the median CPU time of the process (user + system, steadier than wall time on a busy
machine) and its ratios; and the ratios of the program's CPU time alone (the median minus that
language's start-up median). Start-up is measured apart, as an empty program in each language.

    python3 tools/bench/interpreter/run.py [--nv PATH] [--runs N]

Run it at normal priority under the shared lock: flock /tmp/nv-bench.lock python3 ...
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PROGRAMS = ["fib", "loop", "kmeans"]


def measure(command):
    """Runs command once; returns (wall seconds, CPU seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, cpu, done.stdout.strip()


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

        times = {}  # (case, language) -> [wall seconds]
        cpus = {}  # (case, language) -> [CPU seconds]
        for case, files in cases:
            outputs = {}
            for _ in range(args.runs):
                for language, command, ext in languages:
                    seconds, cpu, out = measure(command + [files[ext]])
                    times.setdefault((case, language), []).append(seconds)
                    cpus.setdefault((case, language), []).append(cpu)
                    outputs[language] = out
            if len(set(outputs.values())) != 1:
                sys.exit(f"{case}: the languages disagree: {outputs}")

    print(f"interpreter benchmark: {args.runs} runs each, languages in turn; "
          f"{os.path.basename(sys.executable)} {sys.version.split()[0]}, lua5.4")
    print(f"load average before/after: {load_before} / {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    names = [language for language, _, _ in languages]
    print(f"{'':<19}{'--------------- wall ---------------':>38}{'----------- CPU -----------':>29}"
          f"{'---- CPU minus start-up ----':>30}")
    print(f"{'program':<10}{'language':<9}{'best ms':>9}{'median ms':>11}{'nv/Lua':>9}{'nv/CPy':>9}"
          f"{'median ms':>11}{'nv/Lua':>9}{'nv/CPy':>9}{'ms':>12}{'nv/Lua':>9}{'nv/CPy':>9}")
    startup = {language: statistics.median(cpus[("start-up", language)]) for language in names}
    for case, _ in cases:
        wall = {language: statistics.median(times[(case, language)]) for language in names}
        cpu = {language: statistics.median(cpus[(case, language)]) for language in names}
        alone = {language: max(cpu[language] - startup[language], 1e-9) for language in names}
        for language in names:
            row = f"{case:<10}{language:<9}{min(times[(case, language)]) * 1e3:>9.1f}{wall[language] * 1e3:>11.1f}"
            row += ratios(wall) if language == "nv" else " " * 18
            row += f"{cpu[language] * 1e3:>11.1f}"
            row += ratios(cpu) if language == "nv" else " " * 18
            if case != "start-up":
                row += f"{alone[language] * 1e3:>12.1f}"
                row += ratios(alone) if language == "nv" else ""
            print(row.rstrip())
    print("ratios are of medians")


def ratios(times):
    return f"{times['nv'] / times['Lua']:>9.2f}{times['nv'] / times['CPython']:>9.2f}"


if __name__ == "__main__":
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    main()
