/* strmap.c - see strmap.h. Linear probing at most half full. */
#include "strmap.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

void strmap_init(strmap *m) { memset(m, 0, sizeof *m); }

void strmap_free(strmap *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

static unsigned slot_of(const strmap *m, const char *key) {
  unsigned mask = m->cap - 1;
  unsigned i = (unsigned)XXH3_64bits(key, strlen(key)) & mask;
  while (m->keys[i] && strcmp(m->keys[i], key) != 0)
    i = (i + 1) & mask;
  return i;
}

int strmap_get(const strmap *m, const char *key, unsigned *val) {
  if (!m->cap || !key)
    return 0;
  unsigned i = slot_of(m, key);
  if (!m->keys[i])
    return 0;
  *val = m->vals[i];
  return 1;
}

const char *strmap_key(const strmap *m, const char *key) {
  if (!m->cap || !key)
    return NULL;
  return m->keys[slot_of(m, key)];
}

static void grow(strmap *m) {
  strmap old = *m;
  m->cap = old.cap ? old.cap * 2 : 64;
  m->n = 0;
  m->keys = calloc(m->cap, sizeof *m->keys);
  m->vals = calloc(m->cap, sizeof *m->vals);
  if (!m->keys || !m->vals)
    xalloc_fail();
  for (unsigned i = 0; i < old.cap; i++)
    if (old.keys[i])
      strmap_put(m, old.keys[i], old.vals[i]);
  free(old.keys);
  free(old.vals);
}

void strmap_put(strmap *m, const char *key, unsigned val) {
  if (2 * (m->n + 1) > m->cap)
    grow(m);
  unsigned i = slot_of(m, key);
  if (!m->keys[i]) {
    m->keys[i] = key;
    m->n++;
  }
  m->vals[i] = val;
}
