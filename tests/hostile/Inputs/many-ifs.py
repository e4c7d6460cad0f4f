# many-ifs.py DIR NFILES NFUNCS NIFS: C files u<k>.c, each with NFUNCS functions of NIFS
# sequential status tests (slow enough to interrupt, nothing to report).
import sys
out, nfiles, nfuncs, nifs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for k in range(nfiles):
    with open(f"{out}/u{k}.c", "w") as f:
        f.write("#define SECURITY_WIN32\n#include <windows.h>\n#include <sspi.h>\nint g(int);\n")
        for j in range(nfuncs):
            f.write(f"int f{j}(int x) {{\n  int r = 0;\n")
            for i in range(nifs):
                f.write(f"  if (g(x + {i}))\n    r += {i};\n")
            f.write("  return r;\n}\n")
