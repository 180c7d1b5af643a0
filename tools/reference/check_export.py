#!/usr/bin/env python3
"""Export lessons with `nv --export` and open each HTML page in headless Chromium.

For every lesson given (default: docs/lessons/*.md) it runs `nv --export OUT LESSON`, loads the
page in a same-origin frame of a small checker page, and reports the number of images, the
images that did not decode (naturalWidth 0), pictures the export could not embed (`.missing`),
external references (the page must be self-contained) and console errors Chromium logged.
With --screenshot PNG it also saves a screenshot of the first lesson's page to look at.
Exits 1 when anything is wrong. Chromium is the Debian package (`apt-get install chromium`).
  python3 tools/reference/check_export.py --nv .build/release/nv --out /tmp/export --screenshot /tmp/lesson01.png
"""
import argparse
import glob
import os
import re
import subprocess
import sys

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0"]

CHECKER = """<!DOCTYPE html><html><body>
<iframe id="page" src="%s" width="1000" height="900"></iframe>
<script>
const frame = document.getElementById("page");
frame.onload = () => {
  const d = frame.contentDocument;
  const images = [...d.images];
  const broken = images.filter(i => !i.complete || i.naturalWidth === 0).length;
  const external = [...d.querySelectorAll("[src]")].filter(e => !e.getAttribute("src").startsWith("data:")).length
    + d.querySelectorAll("link[rel=stylesheet], script[src]").length;
  document.body.setAttribute("data-result",
    `images=${images.length} broken=${broken} missing=${d.querySelectorAll(".missing").length} external=${external}`);
};
</script></body></html>"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*")
    parser.add_argument("--nv", default=".build/release/nv")
    parser.add_argument("--out", default="/tmp/nv-export")
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    lessons = args.lessons or sorted(glob.glob("docs/lessons/*.md"))
    failures = []
    for n, lesson in enumerate(lessons):
        run = subprocess.run([args.nv, "--export", args.out, lesson], capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"{lesson}: nv --export exited {run.returncode}: {run.stderr.strip()[-500:]}")
            continue
        page = os.path.abspath(os.path.join(args.out, os.path.splitext(os.path.basename(lesson))[0] + ".html"))
        checker = os.path.join(args.out, "checker.html")
        with open(checker, "w") as f:
            f.write(CHECKER % ("file://" + page))
        dump = subprocess.run(CHROMIUM + ["--virtual-time-budget=5000", "--dump-dom", "file://" + os.path.abspath(checker)],
                              capture_output=True, text=True, timeout=180)
        result = re.search(r'data-result="([^"]*)"', dump.stdout)
        errors = [line for line in dump.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
        summary = result.group(1) if result else "no result (the page did not load)"
        print(f"{lesson}: {run.stdout.strip()}\n  chromium: {summary}; console errors: {len(errors)}")
        for line in errors[:5]:
            print("   ", line)
        values = dict(item.split("=") for item in summary.split()) if result else {}
        if not result or values.get("broken") != "0" or values.get("missing") != "0" or values.get("external") != "0" \
                or int(values.get("images", "0")) == 0 or errors:
            failures.append(f"{lesson}: {summary}, {len(errors)} console errors")
        if args.screenshot and n == 0:
            shot = subprocess.run(CHROMIUM + ["--window-size=1000,1400", "--screenshot=" + args.screenshot, "file://" + page],
                                  capture_output=True, text=True, timeout=180)
            print(f"  screenshot: {args.screenshot}" if shot.returncode == 0 else f"  screenshot failed: {shot.stderr[-300:]}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
