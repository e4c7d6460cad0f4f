/* xalloc.h - malloc-family wrappers for memory outside arenas: they never return NULL
 * (out of memory prints one line and aborts). The caller owns and frees the result. */
#ifndef SSPI_XALLOC_H
#define SSPI_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
/* xstrdup / xstrndup: an owned copy of s (the first n bytes), NUL-terminated. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
