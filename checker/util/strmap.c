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

/* slot_of_n: the slot holding the key equal to key[0..n), or the empty slot it would go to. */
static unsigned slot_of_n(const strmap *m, const char *key, size_t n) {
  unsigned mask = m->cap - 1;
  unsigned i = (unsigned)XXH3_64bits(key, n) & mask;
  while (m->keys[i] && !(strncmp(m->keys[i], key, n) == 0 && m->keys[i][n] == '\0'))
    i = (i + 1) & mask;
  return i;
}

static unsigned slot_of(const strmap *m, const char *key) { return slot_of_n(m, key, strlen(key)); }

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

const char *strmap_key_n(const strmap *m, const char *key, size_t n) {
  if (!m->cap || !key)
    return NULL;
  return m->keys[slot_of_n(m, key, n)];
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
