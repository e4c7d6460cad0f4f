#!/usr/bin/env python3
"""long-twins.py OUT: two units that each define a static release helper with the same
600-character name; the first releases the credential it is given, the second does not
(summaries of same-named functions in several units, summary.c, with a name longer than
a scoped entry holds)."""
import sys

NAME = "release_" + "x" * 600
UNIT = """#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static void {name}(CredHandle *cred) {{ {body} }}

int {run}(void) {{
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  {name}(&cred);
  return 0;
}}
"""
out = sys.argv[1]
with open(out + "/frees.c", "w") as f:
    f.write(UNIT.format(name=NAME, body="FreeCredentialsHandle(cred);", run="run_frees"))
with open(out + "/keeps.c", "w") as f:
    f.write(UNIT.format(name=NAME, body="(void)cred;", run="run_keeps"))
