#!/usr/bin/env python3
"""many-held.py N OUT - one function holding N credentials at once (all acquired, then
all released; no early exit, so nothing leaks): more handles at one point than a state
tracks when N > 48."""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
lines = ["#define SECURITY_WIN32", "#include <windows.h>", "#include <sspi.h>", "",
         "int hold_all(void) {"]
lines += ["  CredHandle h%d;" % i for i in range(n)]
for i in range(n):
    lines += ["  AcquireCredentialsHandleW(NULL, L\"Negotiate\", SECPKG_CRED_OUTBOUND, NULL, NULL,"
              " NULL, NULL, &h%d, NULL);" % i]
lines += ["  FreeCredentialsHandle(&h%d);" % i for i in range(n)]
lines += ["  return 0;", "}", ""]
with open(out, "w") as f:
    f.write("\n".join(lines))
