/* strmap.h - a string -> unsigned map (open addressing, xxHash), for name look-ups
 * on hot paths (summaries by function name).
 *
 * Ownership: the map borrows its keys; they must outlive it (arena strings). The map
 * owns its table; strmap_free releases it. */
#ifndef SSPI_UTIL_STRMAP_H
#define SSPI_UTIL_STRMAP_H

#include <stddef.h>

typedef struct strmap {
  unsigned cap, n;     /* cap: 0 or a power of two */
  const char **keys;   /* NULL: empty slot */
  unsigned *vals;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* strmap_get: 1 and *val when key is in the map, else 0. */
int strmap_get(const strmap *m, const char *key, unsigned *val);
/* strmap_key: the key stored for a string equal to key (the map's own pointer), or
 * NULL: a map used as a string interner or a set. strmap_key_n: the same for the n
 * bytes at key (not NUL-terminated: a token in a buffer). */
const char *strmap_key(const strmap *m, const char *key);
const char *strmap_key_n(const strmap *m, const char *key, size_t n);
/* strmap_put: binds key (borrowed) to val, replacing an earlier value. */
void strmap_put(strmap *m, const char *key, unsigned val);

#endif
