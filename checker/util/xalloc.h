/* xalloc.h - malloc-family wrappers for memory outside arenas: they never return NULL
 * (out of memory prints "sspi-check: error: out of memory" and exits with
 * XALLOC_EXIT_OOM). The caller owns and frees the result. */
#ifndef SSPI_XALLOC_H
#define SSPI_XALLOC_H
#include <stddef.h>

/* The exit status of a run that ran out of memory (README: exit status). */
#define XALLOC_EXIT_OOM 4

/* xalloc_fail: reports running out of memory and ends the process (status 4). Every
 * allocation failure that cannot degrade ends here. */
_Noreturn void xalloc_fail(void);
/* xalloc_quiet: xalloc_fail no longer prints (a -j worker: the main process reports
 * the unit it held, from its exit status). */
void xalloc_quiet(void);

void *xmalloc(size_t n);
/* xcalloc: n zeroed elements of sz bytes (n == 0: one, so the result is never NULL). */
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
/* xstrdup / xstrndup: an owned copy of s (the first n bytes), NUL-terminated. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
