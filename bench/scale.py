#!/usr/bin/env python3
"""scale.py - sspi-check at scale, as ratios to clang-19 -fsyntax-only over the same units.

One run prints, for a compile_commands.json (-p DIR) or for a generated project of
--generate N units (default 300: about a tenth call SSPI, directly or through wrappers
in other units; every unit includes windows.h, as Windows code does):

  clang     clang-19 -fsyntax-only over every unit, one after another (sum of wall
            and CPU time; peak RSS of the largest unit)
  all       sspi-check -p DIR --all-units --no-cache -j 1    every unit parsed
  prepass   sspi-check -p DIR --no-cache -j 1                the relevance pre-pass on
  warm      sspi-check -p DIR --cache-dir=T -j 1             after a cold run filled T
  j2        sspi-check -p DIR --all-units --no-cache -j 2    (speed-up against 'all')
  j2pre     sspi-check -p DIR --no-cache -j 2                (speed-up against 'prepass':
            the default mode, where what the parsed units make relevant is parsed next)
  memory    peak RSS of 'all' and of 'prepass' against clang's largest unit
  ceiling   clang-19 -fsyntax-only over a sample of the units (--ceiling-units, default
            40, evenly spaced; 0: not measured) one after another, then by two
            processes taking units from one queue as sspi-check's workers do: the
            speed-up two processes get on this machine from the same kind of work,
            against which 'j2' and 'j2pre' are read (on a machine whose two CPUs share
            a core, or a busy host, no program gets 2x)

  bench/scale.py [--sspi-check build/sspi-check] [-p DIR | --generate N] [--repeat K]
                 [--json]

Each sspi-check run is the best of K runs (--repeat, default 3: one machine's timings
vary by 10 to 20% from minute to minute); 'all' and 'j2' are run in turn, so the
speed-up is also given for each pair of runs made side by side (their median and
range), not only best against best; so are 'prepass' and 'j2pre'. The ceiling is
measured in each round too, after the two pairs, so that all three see the machine in
the same minutes.

Each sspi-check run's findings (stdout) are compared with those of 'all': a difference
is an error (the modes must agree).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ratio as R  # noqa: E402

HEADER = """#ifndef PROJ_H
#define PROJ_H
#define SECURITY_WIN32
#include <windows.h>
struct item { int id; char name[32]; struct item *next; };
int item_count(const struct item *it);
#endif
"""

SSPI_UNIT = """#include "proj.h"
#include <sspi.h>

int w{i}_open(void *h) {{
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, (PCredHandle)h, NULL) != SEC_E_OK)
    return -1;
  return 0;
}}

void w{i}_close(void *h) {{ FreeCredentialsHandle((PCredHandle)h); }}
"""

CHAIN_UNIT = """#include "proj.h"
int w{i}_open(void *h);
void w{i}_close(void *h);
struct slot {{ unsigned long lo, hi; }};

int use{i}(void) {{
  struct slot s;
  if (w{i}_open(&s) != 0)
    return -1;
  if ({leak})
    return 1;
  w{i}_close(&s);
  return 0;
}}
"""

NOISE_UNIT = """#include "proj.h"

int item_sum{i}(const struct item *it) {{
  int n = 0;
  for (; it; it = it->next) {{
    if (it->id < 0)
      continue;
    n += it->id * {i};
    if (n > 100000)
      break;
  }}
  return n;
}}

DWORD noise{i}(HANDLE h) {{
  DWORD got = 0;
  char buf[64];
  if (!ReadFile(h, buf, sizeof buf, &got, NULL))
    return GetLastError();
  return got;
}}
"""


def generate(root, n):
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    os.makedirs(os.path.join(root, "include"), exist_ok=True)
    with open(os.path.join(root, "include", "proj.h"), "w") as f:
        f.write(HEADER)
    entries = []
    for i in range(n):
        if i % 20 == 0:
            text = SSPI_UNIT.format(i=i)
        elif i % 20 == 1:
            text = CHAIN_UNIT.format(i=i - 1, leak="s.lo == %d" % i)
        else:
            text = NOISE_UNIT.format(i=i)
        name = "src/u%04d.c" % i
        with open(os.path.join(root, name), "w") as f:
            f.write(text)
        entries.append({"directory": root, "file": name,
                        "command": "gcc -Iinclude -c %s -o build/u%04d.o" % (name, i)})
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


def measure(cmd, cwd, repeat=1):
    """(wall, rss KiB, cpu) best of repeat, and stdout of the last run."""
    best = None
    out = b""
    for _ in range(repeat):
        with tempfile.TemporaryFile() as o:
            import subprocess
            import time
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, cwd=cwd, stdout=o, stderr=subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            dt = time.perf_counter() - t0
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):
                R.die("%s: exit status %d" % (" ".join(cmd), code))
            o.seek(0)
            out = o.read()
        r = (dt, ru.ru_maxrss, ru.ru_utime + ru.ru_stime)
        best = r if best is None else tuple(map(min, best, r))
    return best, out


def clang_pass(units, jobs):
    """Wall seconds of clang-19 -fsyntax-only over units by `jobs` processes taking
    them from one queue in order (as sspi-check's pool does); None if one failed."""
    import threading
    import time
    todo = list(units)
    lock = threading.Lock()
    failed = []

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                u = todo.pop(0)
            if R.run(u["clang"], u["dir"], (0,))[1]:
                failed.append(u["file"])

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    dt = time.perf_counter() - t0
    return None if failed else dt


def sample(units, k):
    """k of units, evenly spaced in database order (all of them when k >= len)."""
    if k <= 0:
        return []
    if k >= len(units):
        return list(units)
    return [units[i * len(units) // k] for i in range(k)]


def parsed_units(cmd, cwd):
    """The --stats counts of units parsed and skipped by the pre-pass (its set must not
    depend on -j, whatever the findings)."""
    import re
    import subprocess
    p = subprocess.run(cmd + ["--stats"], cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    m = re.search(rb"units=(\d+).* parsed=(\d+) skipped=(\d+)", p.stderr)
    return m.groups() if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-p", dest="build_dir")
    ap.add_argument("--generate", type=int, default=300)
    ap.add_argument("--sspi-check", default=os.path.join(R.ROOT, "build", "sspi-check"))
    ap.add_argument("--clang", default=R.default_clang())
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ceiling-units", type=int, default=40)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rep = max(1, a.repeat)
    check = os.path.abspath(a.sspi_check)
    tmp = tempfile.mkdtemp(prefix="sspi-scale.")
    try:
        bdir = a.build_dir
        if not bdir:
            bdir = os.path.join(tmp, "proj")
            generate(bdir, a.generate)
        bdir = os.path.abspath(bdir)
        units = R.units_from_cdb(bdir, a.clang, [check])
        clang_t = clang_cpu = 0.0
        clang_rss = 0
        nunits = 0
        clang_ok = []
        for u in units:
            if not u["clang"]:
                continue
            r, fail = R.run(u["clang"], u["dir"], (0,))
            if fail:
                continue
            nunits += 1
            clang_ok.append(u)
            clang_t += r[0]
            clang_cpu += r[2]
            clang_rss = max(clang_rss, r[1])
        base = [check, "-p", bdir, "-q"]
        cache = os.path.join(tmp, "cache")
        res = {}
        res = {"all": None, "prepass": None, "warm": None, "j2": None, "j2pre": None}
        same = {"prepass": True, "warm": True, "j2": True, "j2pre": True}
        pairs = []
        pairs_pre = []
        ceiling = []
        ceil_units = sample(clang_ok, a.ceiling_units)
        ref = None
        for _ in range(rep):  # -j 1 and -j 2 side by side; then the pre-pass; the ceiling
            r1, out = measure(base + ["--all-units", "--no-cache", "-j", "1"], bdir)
            if ref is None:
                ref = out
            same["j2"] = same["j2"] and out == ref
            r2, out = measure(base + ["--all-units", "--no-cache", "-j", "2"], bdir)
            same["j2"] = same["j2"] and out == ref
            pairs.append(R.ratio(r1[0], r2[0]))
            res["all"] = r1 if res["all"] is None else tuple(map(min, res["all"], r1))
            res["j2"] = r2 if res["j2"] is None else tuple(map(min, res["j2"], r2))
            r1, out = measure(base + ["--no-cache", "-j", "1"], bdir)
            same["prepass"] = same["prepass"] and out == ref
            r2, out = measure(base + ["--no-cache", "-j", "2"], bdir)
            same["j2pre"] = same["j2pre"] and out == ref
            pairs_pre.append(R.ratio(r1[0], r2[0]))
            res["prepass"] = r1 if res["prepass"] is None else tuple(map(min, res["prepass"], r1))
            res["j2pre"] = r2 if res["j2pre"] is None else tuple(map(min, res["j2pre"], r2))
            if ceil_units:
                c1 = clang_pass(ceil_units, 1)
                c2 = clang_pass(ceil_units, 2)
                if c1 and c2:
                    ceiling.append(R.ratio(c1, c2))
        pre1 = parsed_units(base + ["--no-cache", "-j", "1"], bdir)
        same["j2pre_units"] = pre1 is not None and pre1 == parsed_units(
            base + ["--no-cache", "-j", "2"], bdir)
        measure(base + ["--cache-dir=" + cache, "-j", "1"], bdir)  # cold: fills the cache
        res["warm"], out = measure(base + ["--cache-dir=" + cache, "-j", "1"], bdir, rep)
        same["warm"] = out == ref
        pairs.sort()
        pairs_pre.sort()
        ceiling.sort()
        report = {
            "units": len(units), "clang_units": nunits,
            "clang_s": round(clang_t, 3), "clang_cpu_s": round(clang_cpu, 3),
            "clang_largest_mb": round(clang_rss / 1024, 1),
            "runs": {k: {"s": round(v[0], 3), "cpu_s": round(v[2], 3),
                         "mb": round(v[1] / 1024, 1),
                         "ratio": round(R.ratio(v[0], clang_t), 3),
                         "cpu_ratio": round(R.ratio(v[2], clang_cpu), 3)}
                     for k, v in res.items()},
            "j2_speedup": round(R.ratio(res["all"][0], res["j2"][0]), 2),
            "j2_speedup_pairs": [round(x, 2) for x in pairs],
            "j2pre_speedup": round(R.ratio(res["prepass"][0], res["j2pre"][0]), 2),
            "j2pre_speedup_pairs": [round(x, 2) for x in pairs_pre],
            "ceiling_units": len(ceil_units),
            "ceiling_speedup_pairs": [round(x, 2) for x in ceiling],
            "repeat": rep,
            "memory_ratio": round(R.ratio(res["all"][1], clang_rss), 2),
            "memory_ratio_prepass": round(R.ratio(res["prepass"][1], clang_rss), 2),
            "same_findings": same,  # j2pre_units: the same units parsed, not findings
        }
        if a.json:
            json.dump(report, sys.stdout, indent=1)
            print()
        else:
            print("%d units (%d parsed by clang): clang-19 -fsyntax-only %.2f s (CPU %.2f s), "
                  "largest unit %.0f MB" % (len(units), nunits, clang_t, clang_cpu,
                                             clang_rss / 1024))
            print("| run | s | ratio | CPU ratio | peak MB |")
            print("| --- | --- | --- | --- | --- |")
            for k, v in report["runs"].items():
                print("| %s | %.2f | %.3f | %.3f | %.0f |" % (k, v["s"], v["ratio"],
                                                              v["cpu_ratio"], v["mb"]))
            print("best of %d runs each; -j 2 vs -j 1 (every unit): %.2fx best against best, "
                  "%.2fx median of the pairs run side by side (%.2f to %.2f); with the "
                  "pre-pass: %.2fx, pairs %.2fx (%.2f to %.2f); peak memory "
                  "(-j 1) vs clang's largest unit: every unit %.2f, pre-pass %.2f; same "
                  "findings: %s" % (
                      rep, report["j2_speedup"], pairs[len(pairs) // 2], pairs[0], pairs[-1],
                      report["j2pre_speedup"], pairs_pre[len(pairs_pre) // 2], pairs_pre[0],
                      pairs_pre[-1],
                      report["memory_ratio"], report["memory_ratio_prepass"],
                      ", ".join("%s %s" % (k, "yes" if v else "NO") for k, v in same.items())))
            if ceiling:
                print("ceiling: clang-19 -fsyntax-only on %d of the units, two processes vs "
                      "one: %.2fx median (%.2f to %.2f); -j 2 against it: every unit %.2f, "
                      "pre-pass %.2f (medians)" % (
                          len(ceil_units), ceiling[len(ceiling) // 2], ceiling[0],
                          ceiling[-1], pairs[len(pairs) // 2] / ceiling[len(ceiling) // 2],
                          pairs_pre[len(pairs_pre) // 2] / ceiling[len(ceiling) // 2]))
        if not all(same.values()):
            sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
