#!/usr/bin/env python3
"""Fills the measured tables in docs/*.md by running the command each one names.

A table's place in a page is marked like this:

    <!-- MEASURE: ./workbook lesson 04 --threshold-sweep --n 1e9 --workers 2 -->
    (anything: a placeholder, or the output of an earlier run)
    <!-- /MEASURE -->

The script runs every command, one after another (run it on a quiet machine: nothing else should
compete for the cores), and puts the command's standard output between the markers, followed by a
line naming the command, the date and the machine. A block that has no closing marker yet ends at
its first blank line.

    python3 scripts/measure-docs.py                 # every page
    python3 scripts/measure-docs.py docs/04-forkjoin.md
    python3 scripts/measure-docs.py --only threshold-sweep   # blocks whose command contains this
"""
import argparse
import datetime
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OPEN = re.compile(r"^<!-- MEASURE: (?P<command>.+?) -->\s*$")
CLOSE = "<!-- /MEASURE -->"


def machine_summary():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def run(command):
    started = time.monotonic()
    print(f"measure-docs: running {command}", file=sys.stderr, flush=True)
    result = subprocess.run(command, shell=True, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    took = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"measure-docs: '{command}' exited with {result.returncode} after {took:.0f} s")
    print(f"measure-docs: done in {took:.0f} s", file=sys.stderr, flush=True)
    return result.stdout.rstrip("\n")


def fill(page, only, java):
    lines = page.read_text(encoding="utf-8").split("\n")
    out = []
    i = 0
    changed = False
    while i < len(lines):
        match = OPEN.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        command = match.group("command")
        end = i + 1
        while end < len(lines) and lines[end] != CLOSE and not OPEN.match(lines[end]):
            end += 1
        has_close = end < len(lines) and lines[end] == CLOSE
        if not has_close:  # never filled: the placeholder ends at the first blank line
            end = i + 1
            while end < len(lines) and lines[end].strip() != "":
                end += 1
        out.append(lines[i])
        if only and only not in command:
            out.extend(lines[i + 1:end + (1 if has_close else 0)])
        else:
            stdout = run(command)
            if not any(line.startswith("|") for line in stdout.split("\n")):
                stdout = "```\n" + stdout + "\n```"  # a plain report, not a Markdown table
            today = datetime.date.today().isoformat()
            out.extend([stdout, "",
                        f"<sub>Measured with `{command}` on {today}: {machine_summary()}, {java}.</sub>",
                        CLOSE])
            changed = True
        i = end + 1 if has_close else end
    if changed:
        page.write_text("\n".join(out), encoding="utf-8")
        print(f"measure-docs: updated {page.relative_to(ROOT)}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=pathlib.Path)
    parser.add_argument("--only", help="only blocks whose command contains this text")
    args = parser.parse_args()
    pages = args.pages or sorted((ROOT / "docs").glob("*.md"))
    java = subprocess.run(
        ["bash", "-c", "source scripts/find-jdk.sh && find_jdk && java -version 2>&1 | head -1"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout.strip() or "unknown Java"
    for page in pages:
        fill(page.resolve(), args.only, java)


if __name__ == "__main__":
    main()
