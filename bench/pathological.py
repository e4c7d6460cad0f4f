#!/usr/bin/env python3
"""pathological.py - C files in the shapes that stress an analysis, for bench/ratio.py.

  bench/pathological.py OUTDIR [--scale S]
  bench/ratio.py --sspi-check build/sspi-check OUTDIR/*.c

Each file is SSPI code that compiles with the mingw-w64 headers and has exactly one leak
planted at its end (so a finished run shows one finding per file):
  ifs.c        one function, 4,000*S sequential status tests
  nesting.c    ifs nested 200*S deep (clang allows 256 levels of brackets)
  goto.c       a goto ladder of 10,000*S labels (cleanup in reverse order)
  switch.c     a switch of 5,000*S cases
  handles.c    1,000*S credentials acquired in one function
  recursion.c  a chain of 2,000*S functions, each calling the next, the last recursing
"""
import argparse
import os

HEAD = "#define SECURITY_WIN32\n#include <windows.h>\n#include <sspi.h>\nint step(int);\n"
ACQ = ("AcquireCredentialsHandleW(NULL, L\"Negotiate\", SECPKG_CRED_OUTBOUND, NULL, NULL, "
       "NULL, NULL, &{h}, NULL)")


def leak_tail(indent="  "):
    return (f"{indent}CredHandle leaked;\n"
            f"{indent}if ({ACQ.format(h='leaked')} != SEC_E_OK)\n{indent}  return -1;\n"
            f"{indent}return 0;\n")


def ifs(n):
    body = "".join(f"  if (step({i}) < 0)\n    r++;\n" for i in range(n))
    return HEAD + "int ifs(void) {\n  int r = 0;\n" + body + leak_tail() + "}\n"


def nesting(n):
    opens = "".join("  " * (i + 1) + f"if (step({i}) >= 0) {{\n" for i in range(n))
    closes = "".join("  " * (i + 1) + "}\n" for i in reversed(range(n)))
    return HEAD + "int nesting(void) {\n" + opens + closes + leak_tail() + "}\n"


def gotos(n):
    out = [HEAD, "int ladder(void) {\n  int r = -1;\n"]
    out += [f"  if (step({i}) < 0)\n    goto fail{i};\n" for i in range(n)]
    out.append("  r = 0;\n")
    out += [f"fail{i}:\n  step(-{i});\n" for i in reversed(range(n))]
    out.append(leak_tail().replace("return 0;", "return r;"))
    out.append("}\n")
    return "".join(out)


def switch(n):
    cases = "".join(f"  case {i}:\n    r = step({i});\n    break;\n" for i in range(n))
    return (HEAD + "int sw(int x) {\n  int r = 0;\n  switch (x) {\n" + cases +
            "  default:\n    break;\n  }\n" + leak_tail() + "}\n")


def handles(n):
    decl = "".join(f"  CredHandle h{i};\n" for i in range(n))
    acq = "".join(f"  if ({ACQ.format(h=f'h{i}')} != SEC_E_OK)\n    return -1;\n"
                  f"  FreeCredentialsHandle(&h{i});\n" for i in range(n))
    return HEAD + "int many(void) {\n" + decl + acq + leak_tail() + "}\n"


def recursion(n):
    out = [HEAD] + [f"int r{i}(int x);\n" for i in range(n)]
    out += [f"int r{i}(int x) {{ return x > 0 ? r{i + 1}(x - 1) : step(x); }}\n" for i in range(n - 1)]
    out.append(f"int r{n - 1}(int x) {{ return x > 0 ? r0(x - 1) : step(x); }}\n")
    out.append("int top(void) {\n  if (r0(5) < 0)\n    return -1;\n" + leak_tail() + "}\n")
    return "".join(out)


SHAPES = {"ifs": (ifs, 4000), "nesting": (nesting, 200), "goto": (gotos, 10000),
          "switch": (switch, 5000), "handles": (handles, 1000), "recursion": (recursion, 2000)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", nargs="*", default=list(SHAPES))
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    for name in a.only:
        gen, n = SHAPES[name]
        with open(os.path.join(a.outdir, name + ".c"), "w") as f:
            f.write(gen(max(2, int(n * a.scale))))


if __name__ == "__main__":
    main()
