#!/usr/bin/env python3
"""corpus.py - score sspi-check on tests/realistic against the ground truth in the tests.

Each program in tests/realistic encodes every real defect it contains as an expectation
line under the reported line: `// CHECK:` / `// CHECK-DAG:` (the library of a multi-file
program uses `// CORE:`), or `// GT-LIMIT:` for a defect sspi-check does not report by
design. A warning is a true positive when a ground-truth line names the same file, line
and check id; extra warnings on one ground-truth line count as false positives.

The Clang Static Analyzer and cppcheck are run on the same files for comparison (their
warning counts only: neither knows the SSPI handle rules).

  bench/corpus.py [--sspi-check build/sspi-check] [--no-others] [--details]

Prints a Markdown table (the one in bench/corpus.md).
"""
import argparse
import os
import re
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "tests", "realistic")

# (name, files checked together, files holding the ground truth)
PROGRAMS = [
    ("webclient-schannel", ["webclient-schannel.c"], ["webclient-schannel.c"]),
    ("curl-schannel", ["curl-schannel.c"], ["curl-schannel.c"]),
    ("curl-spnego", ["curl-spnego.c"], ["curl-spnego.c"]),
    ("libpq-sspi", ["libpq-sspi.c"], ["libpq-sspi.c"]),
    ("putty-wingss", ["putty-wingss.c"], ["putty-wingss.c"]),
    ("sock-client", ["sock-client.c"], ["sock-client.c"]),
    ("sock-server", ["sock-server.c"], ["sock-server.c"]),
    ("auth-module-dll", ["auth-module-dll.c"], ["auth-module-dll.c"]),
    ("schannel-server", ["schannel-server.c"], ["schannel-server.c"]),
    ("ntlm-loopback", ["ntlm-loopback.c"], ["ntlm-loopback.c"]),
    ("tlsw (app + core)", ["tlsw-app.c", "Inputs/tlsw-core.c"],
     ["tlsw-app.c", "Inputs/tlsw-core.c"]),
]

EXPECT = re.compile(r"//\s*(CHECK|CHECK-DAG|CORE|GT-LIMIT):\s*([\w.-]+):\[\[@LINE([+-]\d+)?\]\]:"
                    r"(\d+): warning: .*\[([\w-]+)\]")
WARNING = re.compile(r"^(.*?):(\d+):(\d+): warning: (.*) \[([\w-]+)\]$")
TARGET = ["--target=x86_64-w64-mingw32", "--sysroot=/usr", "-fms-extensions"]


def ground_truth(path):
    """(file, line, check) of every expectation line of one source file."""
    truth = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            m = EXPECT.search(text)
            if m:
                truth.append((m.group(2), number + int(m.group(3) or 0), m.group(5), m.group(1)))
    return truth


def run_sspi_check(binary, files):
    proc = subprocess.run([binary, *files], cwd=DIR, capture_output=True, text=True)
    found = set()
    for text in proc.stdout.splitlines():
        m = WARNING.match(text)
        if m:
            found.add((os.path.basename(m.group(1)), int(m.group(2)), int(m.group(3)),
                       m.group(5), m.group(4)))
    return sorted(found), proc.stderr.count("cut short")


def count_clang(files):
    n = 0
    for f in files:
        proc = subprocess.run(["clang", "--analyze", *TARGET, "-I.", f, "-o", os.devnull],
                              cwd=DIR, capture_output=True, text=True)
        n += proc.stderr.count("warning:")
    return n


def count_cppcheck(files):
    proc = subprocess.run(["cppcheck", "--enable=all", "--quiet",
                           "--template={file}:{line}:{severity}:{id}", *files],
                          cwd=DIR, capture_output=True, text=True)
    lines = [l for l in proc.stderr.splitlines()
             if l and "missingInclude" not in l and "checkersReport" not in l]
    return len(lines)


def score(binary, files, truth_files):
    truth = []
    for f in truth_files:
        truth += ground_truth(os.path.join(DIR, f))
    found, cut = run_sspi_check(binary, files)
    keys = {(t[0], t[1], t[2]) for t in truth}
    tp, fp, matched = [], [], set()
    for w in found:
        key = (w[0], w[1], w[3])
        if key in keys and key not in matched:
            tp.append(w)
            matched.add(key)
        else:
            fp.append(w)
    fn = [t for t in truth if (t[0], t[1], t[2]) not in matched]
    return truth, tp, fp, fn, cut


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sspi-check", default=os.path.join(ROOT, "build", "sspi-check"))
    ap.add_argument("--no-others", action="store_true", help="skip clang --analyze and cppcheck")
    ap.add_argument("--details", action="store_true", help="list every TP, FP and FN")
    args = ap.parse_args()
    others = not args.no_others and shutil.which("clang") and shutil.which("cppcheck")

    print("| program | defects | TP | FP | FN | cut short | clang --analyze | cppcheck |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    total = [0] * 7
    details = []
    for name, files, truth_files in PROGRAMS:
        truth, tp, fp, fn, cut = score(args.sspi_check, files, truth_files)
        clang = count_clang(files) if others else "-"
        cpp = count_cppcheck(files) if others else "-"
        row = [len(truth), len(tp), len(fp), len(fn), cut]
        total = [a + b for a, b in zip(total, row + [clang if others else 0, cpp if others else 0])]
        print("| %s | %d | %d | %d | %d | %d | %s | %s |" % (name, *row, clang, cpp))
        details += ["%s TP %s:%d:%d [%s] %s" % (name, *w) for w in tp]
        details += ["%s FP %s:%d:%d [%s] %s" % (name, *w) for w in fp]
        details += ["%s FN %s:%d [%s] (%s)" % (name, *t) for t in fn]
    print("| **total** | %d | %d | %d | %d | %d | %s | %s |" % (
        *total[:5], total[5] if others else "-", total[6] if others else "-"))
    if args.details:
        print()
        for d in details:
            print("- " + d)


if __name__ == "__main__":
    main()
