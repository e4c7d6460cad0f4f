/* arena.c - bump allocator in large chunks. */
#include "arena.h"
#include "xalloc.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64u * 1024u)
#define ARENA_ALIGN 16u

struct chunk {
  struct chunk *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
};

struct arena {
  struct chunk *head;
  size_t total;
};

arena *arena_new(void) {
  arena *a = xmalloc(sizeof *a);
  a->head = NULL;
  a->total = 0;
  return a;
}

void arena_free(arena *a) {
  if (!a)
    return;
  struct chunk *c = a->head;
  while (c) {
    struct chunk *n = c->next;
    free(c);
    c = n;
  }
  free(a);
}

void *arena_alloc(arena *a, size_t size) {
  size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (need == 0)
    need = ARENA_ALIGN;
  struct chunk *c = a->head;
  if (!c || c->size - c->used < need) {
    size_t sz = need > ARENA_CHUNK ? need : ARENA_CHUNK;
    c = xmalloc(sizeof *c + sz);
    c->size = sz;
    c->used = 0;
    c->next = a->head;
    a->head = c;
  }
  void *p = c->data + c->used;
  c->used += need;
  a->total += need;
  memset(p, 0, size);
  return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  if (!s)
    return NULL;
  char *d = arena_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

char *arena_strdup(arena *a, const char *s) {
  return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return arena_strdup(a, "");
  char *d = arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(d, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return d;
}

void arena_grow(arena *a, void **p, size_t *cap, size_t need, size_t elt) {
  if (need <= *cap)
    return;
  size_t nc = *cap ? *cap * 2 : 8;
  while (nc < need)
    nc *= 2;
  void *np = arena_alloc(a, nc * elt);
  if (*p && *cap)
    memcpy(np, *p, *cap * elt);
  *p = np;
  *cap = nc;
}

size_t arena_bytes(const arena *a) { return a->total; }
