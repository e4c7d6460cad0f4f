#!/usr/bin/env python3
"""bench.py - how much slower than parsing is checking?

Prints the ratio of the wall-clock time of `sspi-check` to that of
`clang-19 -fsyntax-only` on the same files with the same flags (best of --repeat runs
each). Both parse every file once for the mingw-w64 target; sspi-check then lowers
and analyses. A ratio near 1 means the analysis costs little next to parsing.

  bench/bench.py [--sspi-check build/sspi-check] [--clang /usr/lib/llvm-19/bin/clang]
                 [--repeat 3] [file.c ...]

Without files: the example project and every C/C++ test input that clang parses
cleanly with the flags below (files that do not parse are skipped and counted).
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# As sspi-check parses a file (docs/frontend.md "Commands"), errors clang 16+ added turned back
# into warnings.
TARGET = ["--target=x86_64-w64-mingw32", "--sysroot=/usr", "-fms-extensions",
          "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
          "-Wno-error=int-conversion", "-Wno-error=incompatible-function-pointer-types"]
FLAGS = ["-DWIN32", "-DUNICODE", "-D_UNICODE",
         "-I" + os.path.join(ROOT, "examples", "include"),
         "-I" + os.path.join(ROOT, "tests", "cdb", "Inputs", "proj", "include"),
         "-I" + os.path.join(ROOT, "tests", "Inputs")]


def default_clang():
    # clang 19, the version of the libclang sspi-check is built with (not /usr/bin/clang).
    c = "/usr/lib/llvm-19/bin/clang"
    return c if os.access(c, os.X_OK) else (shutil.which("clang-19") or c)


def default_inputs():
    pats = ["examples/src/*.c", "tests/**/*.c", "tests/**/*.cpp"]
    files = []
    for p in pats:
        files += glob.glob(os.path.join(ROOT, p), recursive=True)
    return sorted(f for f in set(files) if "/unit/" not in f)


def parses(clang, f):
    r = subprocess.run([clang] + TARGET + ["-fsyntax-only", "-w"] + FLAGS + [f],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def best_time(cmd, repeat, ok_codes):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if r.returncode not in ok_codes:
            sys.exit("bench: %s exited with %d:\n%s" % (cmd[0], r.returncode,
                                                      r.stderr.decode(errors="replace")[-2000:]))
        best = dt if best is None else min(best, dt)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sspi-check", default=os.path.join(ROOT, "build", "sspi-check"))
    ap.add_argument("--clang", default=default_clang())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if not os.access(a.clang, os.X_OK):
        sys.exit("bench: %s is not an executable (install clang-19, or pass --clang)" % a.clang)
    if not os.access(a.sspi_check, os.X_OK):
        sys.exit("bench: %s is not an executable (build first, or pass --sspi-check)"
                 % a.sspi_check)
    cands = [os.path.abspath(f) for f in a.files] or default_inputs()
    files = [f for f in cands if parses(a.clang, f)]
    if not files:
        sys.exit("bench: no input parses")
    clang_cmd = [a.clang] + TARGET + ["-fsyntax-only", "-w"] + FLAGS + files
    # Project config files (.sspi-check.yaml) among the test inputs would change what
    # is checked: ignore them when this build knows --no-config.
    helptext = subprocess.run([a.sspi_check, "--help"], stdout=subprocess.PIPE).stdout
    extra = ["--no-config"] if b"--no-config" in helptext else []
    check_cmd = [a.sspi_check, "--color=never"] + extra + files + ["--"] + FLAGS
    t_clang = best_time(clang_cmd, a.repeat, {0})
    t_check = best_time(check_cmd, a.repeat, {0, 1})
    print("files:                 %d (%d skipped: clang cannot parse them)"
          % (len(files), len(cands) - len(files)))
    print("clang -fsyntax-only:   %.3f s" % t_clang)
    print("sspi-check:            %.3f s" % t_check)
    print("ratio sspi-check/clang: %.2f" % (t_check / t_clang))


if __name__ == "__main__":
    main()
