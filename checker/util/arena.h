/* arena.h - bump allocator; everything allocated from an arena is freed at once by
 * arena_free(). Lifetimes in sspi-check: static tables, one arena per translation
 * unit (the IR and its strings), one arena per function walk (analysis states). */
#ifndef SSPI_ARENA_H
#define SSPI_ARENA_H
#include <stddef.h>

typedef struct arena arena;

/* arena_new: returns an owned arena (release with arena_free). Never NULL: aborts on OOM. */
arena *arena_new(void);
/* arena_free: releases the arena and every block allocated from it. NULL is fine. */
void arena_free(arena *a);
/* arena_alloc: zero-filled memory owned by the arena, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
/* arena_strdup / arena_strndup: copy of s owned by the arena (s may be NULL -> NULL). */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* arena_printf: formatted string owned by the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* arena_grow: grows an arena-owned array *p of *cap elements of size elt so that it
 * holds at least need elements (old contents copied; old block is simply abandoned). */
void arena_grow(arena *a, void **p, size_t *cap, size_t need, size_t elt);
/* arena_bytes: total bytes handed out (for caps and statistics). */
size_t arena_bytes(const arena *a);

#endif
