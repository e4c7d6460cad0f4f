/* xalloc.c - allocation that cannot fail (see xalloc.h). */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int quiet; /* xalloc_quiet */

void xalloc_quiet(void) { quiet = 1; }

void xalloc_fail(void) {
  /* one line and a status of its own, never an abort (exit 134) that a CI log shows as a
   * crash; _exit: a forked worker must not flush its parent's buffers */
  static const char msg[] = "sspi-check: error: out of memory\n";
  if (!quiet && write(2, msg, sizeof msg - 1) < 0) {
  }
  _exit(XALLOC_EXIT_OOM);
}

static void out_of_memory(void) { xalloc_fail(); }

/* fault injection for the tests: SSPI_CHECK_ALLOC_LIMIT=N makes the N+1st allocation
 * through these wrappers fail, so the out-of-memory path can be tested without a real
 * shortage (docs/usage.md, Environment) */
static int injected_failure(void) {
  static long budget = -2;
  if (budget == -2) {
    const char *e = getenv("SSPI_CHECK_ALLOC_LIMIT");
    budget = e && *e ? atol(e) : -1;
  }
  if (budget < 0)
    return 0;
  return budget-- == 0;
}

void *xmalloc(size_t n) {
  void *p = injected_failure() ? NULL : malloc(n ? n : 1);
  if (!p)
    out_of_memory();
  return p;
}

void *xcalloc(size_t n, size_t sz) {
  void *p = injected_failure() ? NULL : calloc(n ? n : 1, sz);
  if (!p)
    out_of_memory();
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = injected_failure() ? NULL : realloc(p, n ? n : 1);
  if (!q)
    out_of_memory();
  return q;
}

char *xstrndup(const char *s, size_t n) {
  char *d = xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }
