/* checks.c - the static table of check ids and their descriptions. */
#include "checks.h"

#include <stdio.h>
#include <string.h>

static const check_info checks_table[] = {
  {"sspi-credential-leak",
   "Credential handle not released",
   "A credential handle obtained from AcquireCredentialsHandle is still held when a path "
   "leaves the function (return, end of function, exception or a call that ends the "
   "process), or is overwritten by a new acquisition. Each successful "
   "AcquireCredentialsHandle call must be paired with FreeCredentialsHandle.",
   "Call FreeCredentialsHandle(&cred) on every path after the acquisition succeeded, for "
   "example in a single cleanup block reached by goto, or hand the handle over to an "
   "owner (a struct reached through a parameter, a global, the caller).",
   0},
  {"sspi-context-leak",
   "Security context not deleted",
   "A security context created by InitializeSecurityContext, AcceptSecurityContext or "
   "ImportSecurityContext (including a partial context after SEC_I_CONTINUE_NEEDED) is "
   "still held when a path leaves the function, or is overwritten while held. Each "
   "context must be released with DeleteSecurityContext.",
   "Call DeleteSecurityContext(&ctx) on every path once the first InitializeSecurityContext "
   "or AcceptSecurityContext call succeeded, including the error paths of the handshake "
   "loop.",
   0},
  {"sspi-buffer-leak",
   "SSPI-allocated buffer not freed",
   "A buffer allocated by the security package (an output token requested with "
   "ISC_REQ_ALLOCATE_MEMORY / ASC_REQ_ALLOCATE_MEMORY, a QueryContextAttributes result "
   "such as SecPkgContext_Names.sUserName, the EnumerateSecurityPackages array) is not "
   "passed to FreeContextBuffer before the function returns.",
   "Call FreeContextBuffer on the buffer after use (after sending the token), on every "
   "path, including the error paths.",
   0},
  {"sspi-token-leak",
   "Access token not closed",
   "The access token that QuerySecurityContextToken returns for a client's security "
   "context is still open when a path leaves the function, or is overwritten while open. "
   "It is a kernel handle and must be closed with CloseHandle.",
   "Call CloseHandle(token) on every path after QuerySecurityContextToken succeeded (after "
   "ImpersonateLoggedOnUser / CreateProcessAsUser / the access check that needed it).",
   0},
  {"sspi-double-release",
   "SSPI handle released twice",
   "The same credential handle, security context or SSPI buffer is released twice on "
   "one path. The second release acts on a stale handle value, which may by then belong "
   "to another object.",
   "Release the handle once; after releasing, invalidate it (SecInvalidateHandle) or "
   "clear the pointer, and test it before a second release.",
   0},
  {"sspi-use-after-release",
   "SSPI handle used after release",
   "A credential handle, security context or SSPI buffer is passed to an SSPI function "
   "after it was released on the same path.",
   "Move the release after the last use, or acquire a new handle before using it again.",
   0},
  {"sspi-release-unacquired",
   "SSPI handle released but never acquired",
   "A handle is released on a path where it was never acquired (an uninitialised "
   "variable) or where the acquiring call failed. Releasing an invalid handle is an "
   "error, and releasing uninitialised memory may release an unrelated handle.",
   "Release only on the paths where the acquisition succeeded, or initialise the handle "
   "(SecInvalidateHandle or = {0}) and test it with SecIsValidHandle before releasing.",
   0},
  {"sspi-mismatched-release",
   "SSPI handle released with the wrong function",
   "A handle is released with the release function of another kind: FreeCredentialsHandle "
   "on a security context, DeleteSecurityContext on a credential handle, or "
   "FreeContextBuffer on a handle, FreeCredentialsHandle or FreeContextBuffer on an access "
   "token. CredHandle and CtxtHandle are the same C type, so the compiler cannot catch this.",
   "Release credentials with FreeCredentialsHandle, contexts with DeleteSecurityContext, "
   "package-allocated buffers with FreeContextBuffer and access tokens with CloseHandle.",
   0},
  {CHECK_UNUSED_SUPPRESSION,
   "NOLINT comment suppresses nothing",
   "A NOLINT, NOLINTNEXTLINE or NOLINTBEGIN/NOLINTEND comment that names sspi-check "
   "checks (or names none) did not suppress any finding in this run. Reported only with "
   "--warn-unused-suppressions.",
   "Remove the stale comment, or narrow its check list to the finding it is meant for.",
   1},
  {CHECK_UNMATCHED_SUPPRESSION,
   "Unmatched NOLINTBEGIN or NOLINTEND comment",
   "A NOLINTBEGIN comment has no later NOLINTEND with the same check list, or a "
   "NOLINTEND has no earlier NOLINTBEGIN. An unmatched NOLINTBEGIN suppresses nothing.",
   "Close every NOLINTBEGIN(list) with a NOLINTEND(list) carrying the same list.",
   1},
};

#define CHECKS_N (sizeof checks_table / sizeof checks_table[0])

/* checks_count: number of entries of the static table. */
unsigned checks_count(void) { return (unsigned)CHECKS_N; }

/* checks_at: borrowed entry i of the static table, NULL when out of range. */
const check_info *checks_at(unsigned i) { return i < CHECKS_N ? &checks_table[i] : NULL; }

/* checks_find: borrowed table entry for id, NULL when unknown. */
const check_info *checks_find(const char *id) {
  if (!id) return NULL;
  for (unsigned i = 0; i < CHECKS_N; i++)
    if (strcmp(checks_table[i].id, id) == 0) return &checks_table[i];
  return NULL;
}

/* checks_describe_kind: a generic entry for a user kind's leak check; the texts live
 * in buf (caller-owned). */
const check_info *checks_describe_kind(check_info *out, const char *leak_check,
                                       const char *describe, char *buf, size_t buflen) {
  const char *what = (describe && *describe) ? describe : "handle";
  memset(out, 0, sizeof *out);
  out->id = leak_check;
  if (buflen < 4) {
    out->short_desc = out->full_desc = out->help = "";
    return out;
  }
  /* Three NUL-separated texts packed into buf. */
  size_t third = buflen / 3;
  char *s = buf, *f = buf + third, *h = buf + 2 * third;
  snprintf(s, third, "%s not released", what);
  snprintf(f, third,
           "A %s acquired by a function named in a user rules file is still held when a "
           "path leaves the function, or is overwritten while held.",
           what);
  snprintf(h, buflen - 2 * third,
           "Release the %s with the release function named in the rules on every path.", what);
  out->short_desc = s;
  out->full_desc = f;
  out->help = h;
  return out;
}

/* checks_help_uri: documentation URI of id, written into the caller's buf. */
const char *checks_help_uri(const char *id, char *buf, size_t buflen) {
  if (buflen) snprintf(buf, buflen, "%s%s.md", CHECKS_DOCS_URL, id ? id : "");
  return buf;
}
