#!/usr/bin/env python3
"""ratio.py - per-unit cost of sspi-check relative to clang-19 -fsyntax-only.

For each unit: wall time, peak RSS and CPU time (user+sys; steadier than wall time
on a loaded machine), the best of --repeat runs, each measured with wait4 on its own
process, of

  clang-19 --target=x86_64-w64-mingw32 --sysroot=/usr -fms-extensions -fsyntax-only <unit flags>
  sspi-check -p BUILD_DIR <file>            (or: sspi-check <file> -- <flags>)

then the whole run (sspi-check on all units, with -j 1 and -j 2) against clang over all
units (sum of the per-unit clang times; peak RSS is that of the largest process).

  bench/ratio.py -p BUILD_DIR [--sspi-check build/sspi-check] [--repeat 3] [--json]
  bench/ratio.py [options] file.c ... [-- compiler flags]

The unit's own flags are rewritten the way sspi-check rewrites a database command
(docs/frontend.md "Commands", simplified): argv[0] becomes clang-19, a compiler wrapper
is dropped, -o X / -c / -S / -E / dependency output / -Werror* are dropped, and
--target=x86_64-w64-mingw32 --sysroot=/usr are added unless the command has a target.
Units whose clang parse fails are skipped and counted; cl-style commands are skipped too.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = ["--target=x86_64-w64-mingw32", "--sysroot=/usr"]
ALWAYS = ["-fms-extensions", "-fsyntax-only",
          # errors in clang 16+ that sspi-check turns back into warnings
          "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
          "-Wno-error=int-conversion", "-Wno-error=incompatible-function-pointer-types"]
WRAPPERS = {"ccache", "sccache", "distcc", "icecc"}
DROP_WITH_ARG = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-S", "-E", "-pedantic-errors"}


def die(msg):
    sys.exit("ratio: " + msg)


def default_clang():
    c = "/usr/lib/llvm-19/bin/clang"
    return c if os.access(c, os.X_OK) else (shutil.which("clang-19") or c)


def clang_argv(clang, args):
    """The unit's compiler command as clang-19 -fsyntax-only, or None for cl-style."""
    while args and os.path.basename(args[0]) in WRAPPERS:
        args = args[1:]
    name = os.path.basename(args[0]).lower()
    if name.removesuffix(".exe") in ("cl", "clang-cl"):
        return None
    out, i = [], 1
    while i < len(args):
        a = args[i]
        if a in DROP_WITH_ARG:
            i += 2
            continue
        i += 1
        if a in DROP or a.startswith(("-Werror", "-Wl,", "-M")) or \
           (a.startswith("-o") and len(a) > 2):
            continue
        out.append(a)
    has_target = any(a.startswith(("--target", "-target")) for a in out)
    return [clang] + ([] if has_target else TARGET) + ALWAYS + out


def run(cmd, cwd, ok):
    """Wall seconds and peak RSS (KiB) of one run of cmd, or die on an unexpected exit."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        except OSError as e:
            die("%s: %s" % (cmd[0], e.strerror))
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in ok:
            err.seek(0)
            msg = err.read().decode(errors="replace").strip().splitlines()
            return None, (p.returncode, msg[0] if msg else "")
    return (dt, ru.ru_maxrss, ru.ru_utime + ru.ru_stime), None


def best(cmd, cwd, ok, repeat):
    """Best wall time, peak RSS and CPU time over repeat runs; (None, failure) on failure."""
    b = None
    for _ in range(repeat):
        r, fail = run(cmd, cwd, ok)
        if fail:
            return None, fail
        b = r if b is None else tuple(map(min, b, r))
    return b, None


def units_from_cdb(build_dir, clang, check):
    path = os.path.join(build_dir, "compile_commands.json")
    try:
        with open(path) as f:
            db = json.load(f)
    except (OSError, ValueError) as e:
        die("%s: %s" % (path, e))
    units = []
    for e in db:
        d = e.get("directory", ".")
        args = e.get("arguments") or shlex.split(e.get("command", ""))
        if not args or "file" not in e:
            die("%s: an entry has no file or command" % path)
        f = os.path.normpath(os.path.join(d, e["file"]))
        units.append({"file": f, "dir": d, "clang": clang_argv(clang, args),
                      "check": check + ["-p", build_dir, f]})
    return units


def units_from_files(files, flags, clang, check):
    return [{"file": os.path.abspath(f), "dir": os.getcwd(),
             "clang": [clang] + ([] if any(a.startswith(("--target", "-target")) for a in flags)
                                 else TARGET) + ALWAYS + flags + [f],
             "check": check + [f, "--"] + flags} for f in files]


def ratio(a, b):
    return a / b if b else float("inf")


def main():
    argv = sys.argv[1:]
    flags = []
    if "--" in argv:
        i = argv.index("--")
        argv, flags = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-p", dest="build_dir", help="directory of compile_commands.json")
    ap.add_argument("--sspi-check", default=os.path.join(ROOT, "build", "sspi-check"))
    ap.add_argument("--clang", default=default_clang())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args(argv)
    if bool(a.build_dir) == bool(a.files):
        die("give either -p BUILD_DIR or files (see --help)")
    if a.build_dir and flags:
        die("compiler flags after '--' are for files, not -p")
    for exe in (a.sspi_check, a.clang):
        if not os.access(exe, os.X_OK):
            die("%s is not an executable (build first, or pass --sspi-check / --clang)" % exe)
    a.sspi_check = os.path.abspath(a.sspi_check)
    helptext = subprocess.run([a.sspi_check, "--help"], stdout=subprocess.PIPE).stdout
    check = [a.sspi_check, "-q", "--color=never"] + \
        (["--no-config"] if b"--no-config" in helptext else []) + \
        (["--no-cache", "--all-units"] if b"--no-cache" in helptext else [])  # cold: every unit parsed
    if a.build_dir:
        a.build_dir = os.path.abspath(a.build_dir)
        units = units_from_cdb(a.build_dir, a.clang, check)
    else:
        units = units_from_files(a.files, flags, a.clang, check)

    rows, skipped = [], []
    for u in units:
        if u["clang"] is None:
            skipped.append({"file": u["file"], "reason": "cl-style command"})
            continue
        c, fail = best(u["clang"], u["dir"], {0}, a.repeat)
        if fail:
            skipped.append({"file": u["file"], "reason": "clang: " + fail[1]})
            continue
        s, fail = best(u["check"], u["dir"], {0, 1}, a.repeat)
        if fail:
            die("sspi-check failed on %s (exit %d): %s" % (u["file"], fail[0], fail[1]))
        rows.append({"file": u["file"], "clang_s": c[0], "clang_kib": c[1], "clang_cpu_s": c[2],
                     "check_s": s[0], "check_kib": s[1], "check_cpu_s": s[2],
                     "time_ratio": ratio(s[0], c[0]), "mem_ratio": ratio(s[1], c[1]),
                     "cpu_ratio": ratio(s[2], c[2])})
    if not rows:
        die("no unit parses with clang (%d skipped)" % len(skipped))
    rows.sort(key=lambda r: max(r["time_ratio"], r["mem_ratio"]), reverse=True)

    # The whole run: every unit clang parsed, in one sspi-check process (and with -j 2).
    parsed = [r["file"] for r in rows]
    if a.build_dir:
        whole = check + ["-p", a.build_dir] + (parsed if skipped else [])
    else:
        whole = check + parsed + ["--"] + flags
    clang_s = sum(r["clang_s"] for r in rows)
    clang_kib = max(r["clang_kib"] for r in rows)
    totals = {"units": len(rows), "skipped": len(skipped),
              "clang_s": clang_s, "clang_max_kib": clang_kib,
              "check_units_s": sum(r["check_s"] for r in rows),
              "clang_cpu_s": sum(r["clang_cpu_s"] for r in rows),
              "check_units_cpu_s": sum(r["check_cpu_s"] for r in rows)}
    totals["units_time_ratio"] = ratio(totals["check_units_s"], clang_s)
    totals["units_cpu_ratio"] = ratio(totals["check_units_cpu_s"], totals["clang_cpu_s"])
    for jobs in (1, 2):
        w, fail = best(whole + ["-j", str(jobs)], os.getcwd(), {0, 1}, a.repeat)
        if fail:
            die("sspi-check (whole run, -j %d) exited with %d: %s" % (jobs, fail[0], fail[1]))
        totals["whole_j%d" % jobs] = {"s": w[0], "kib": w[1], "cpu_s": w[2],
                                      "time_ratio": ratio(w[0], clang_s),
                                      "mem_ratio": ratio(w[1], clang_kib),
                                      "cpu_ratio": ratio(w[2], totals["clang_cpu_s"])}
    worst_t = max(rows, key=lambda r: r["time_ratio"])
    worst_m = max(rows, key=lambda r: r["mem_ratio"])
    result = {"clang": a.clang, "sspi_check": a.sspi_check, "repeat": a.repeat,
              "units": rows, "skipped": skipped, "totals": totals,
              "worst_time": worst_t["file"], "worst_mem": worst_m["file"]}
    if a.json:
        json.dump(result, sys.stdout, indent=1)
        print()
        return

    base = os.path.commonpath([r["file"] for r in rows] + [s["file"] for s in skipped])
    base = base if os.path.isdir(base) else os.path.dirname(base)
    rel = lambda f: os.path.relpath(f, base)
    w = max(len(rel(r["file"])) for r in rows)
    print("%-*s %8s %8s %5s %8s %8s %5s %5s" % (
        w, "unit (in %s)" % base if len(base) < w else "unit",
        "clang s", "check s", "time", "clang MB", "check MB", "mem", "cpu"))
    for r in rows:
        print("%-*s %8.3f %8.3f %5.2f %8.1f %8.1f %5.2f %5.2f" % (
            w, rel(r["file"]), r["clang_s"], r["check_s"], r["time_ratio"],
            r["clang_kib"] / 1024, r["check_kib"] / 1024, r["mem_ratio"], r["cpu_ratio"]))
    for s in skipped:
        print("skipped %s: %s" % (rel(s["file"]), s["reason"]))
    print("units: %d (%d skipped)   clang %s, best of %d" % (len(rows), len(skipped), a.clang, a.repeat))
    print("sum of units:     clang %.3f s, sspi-check %.3f s, time ratio %.2f (cpu %.2f)" % (
        clang_s, totals["check_units_s"], totals["units_time_ratio"], totals["units_cpu_ratio"]))
    for jobs in (1, 2):
        t = totals["whole_j%d" % jobs]
        print("whole run -j %d:   sspi-check %.3f s (ratio %.2f to clang's sum, cpu %.2f), peak %.1f MB "
              "(ratio %.2f to clang's largest unit)" % (jobs, t["s"], t["time_ratio"], t["cpu_ratio"],
                                                        t["kib"] / 1024, t["mem_ratio"]))
    print("worst time ratio: %.2f %s" % (worst_t["time_ratio"], rel(worst_t["file"])))
    print("worst mem ratio:  %.2f %s" % (worst_m["mem_ratio"], rel(worst_m["file"])))


if __name__ == "__main__":
    main()
