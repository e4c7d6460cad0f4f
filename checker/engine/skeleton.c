/* skeleton.c - what the whole-build schedule needs of each unit without its IR: its
 * functions (name, location, counts), the functions each one calls (by name, and
 * through the function pointers the unit fills), and the constants the unit stores
 * in struct members. A unit's skeleton is taken when the unit is lowered or read;
 * the IR itself may then leave memory (the run's unit store keeps it on disk) and be
 * read back when the schedule walks the unit. A skeleton is a few hundred bytes per
 * function where the IR is tens of kilobytes.
 *
 * Duplicates: a function defined in a header is lowered by every unit that includes
 * it. skel_settle links every copy after the first (same name and location, in unit
 * order) to the first; the schedule keeps every copy in the call graph (each unit's
 * calls reach its own copy, so a header function does not make every unit wait for
 * the first one) and walks one copy per run.
 *
 * Ownership: the skeleton owns its arena (strings interned there), its tables and the
 * per-unit member tables. No libclang here.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "members.h"
#include "skeleton.h"
#include "walk.h"
#include "../util/arena.h"
#include "../util/strmap.h"
#include "../util/xalloc.h"

eskel *eskel_new(unsigned nunits, int drop_duplicates) {
  eskel *s = xcalloc(1, sizeof *s);
  s->n = nunits;
  s->u = xcalloc(nunits, sizeof *s->u);
  s->a = arena_new();
  s->dedupe = drop_duplicates;
  strmap_init(&s->strs);
  return s;
}

void eskel_free(eskel *s) {
  if (!s)
    return;
  for (unsigned i = 0; i < s->n; i++)
    members_free(s->u[i].mem);
  free(s->u);
  strmap_free(&s->strs);
  arena_free(s->a);
  members_free(s->merged);
  free(s);
}

/* intern: one copy of each string in the skeleton's arena. */
static const char *intern(eskel *s, const char *str) {
  if (!str)
    return NULL;
  const char *k = strmap_key(&s->strs, str);
  if (k)
    return k;
  char *d = arena_strdup(s->a, str);
  strmap_put(&s->strs, d, 0);
  return d;
}

/* The name a call event reaches: a direct callee, or the one function the unit's
 * function pointer receives (unit_ctx_fptr). NULL for anything else. */
static const char *call_target(const unit_ctx *uc, const ir_event *ev) {
  if (ev->kind != IR_E_CALL || !ev->call.name)
    return NULL;
  if (!ev->call.indirect)
    return ev->call.name;
  return unit_ctx_fptr(uc, ev->call.name);
}

static void count_blocks(skel_fn *sf, const ir_func *f) {
  ir_stats st;
  memset(&st, 0, sizeof st);
  ir_func_stats(f, &st, NULL, NULL);
  sf->blocks = (unsigned)st.blocks;
  sf->branches = (unsigned)st.branches;
  sf->unknown = (unsigned)st.unknown;
}

/* eskel_add_unit: see skeleton.h. */
void eskel_add_unit(eskel *s, unsigned i, const ir_unit *u, const rules *r) {
  if (!s || !u || i >= s->n || s->u[i].present)
    return;
  skel_unit *su = &s->u[i];
  su->present = 1;
  su->nfuncs = u->nfuncs;
  su->f = arena_alloc(s->a, (u->nfuncs ? u->nfuncs : 1) * sizeof *su->f);
  unit_ctx uc;
  unit_ctx_init(&uc, u, r);
  const char **tmp = NULL;
  size_t cap = 0;
  for (unsigned fi = 0; fi < u->nfuncs; fi++) {
    const ir_func *f = &u->funcs[fi];
    skel_fn *sf = &su->f[fi];
    sf->name = intern(s, f->name);
    sf->file = intern(s, f->loc.file);
    sf->line = f->loc.line;
    sf->col = f->loc.col;
    sf->index = fi;
    count_blocks(sf, f);
    unsigned n = 0;
    for (unsigned b = 0; b < f->nblocks; b++)
      for (unsigned e = 0; e < f->blocks[b].nev; e++) {
        const char *t = call_target(&uc, &f->blocks[b].ev[e]);
        if (!t)
          continue;
        t = intern(s, t);
        unsigned k;
        for (k = 0; k < n && tmp[k] != t; k++)
          ;
        if (k < n)
          continue; /* interned: one pointer per name */
        if (n == cap) {
          cap = cap ? 2 * cap : 16;
          tmp = realloc(tmp, cap * sizeof *tmp);
          if (!tmp)
            xalloc_fail();
        }
        tmp[n++] = t;
      }
    sf->ntargets = n;
    sf->targets = arena_alloc(s->a, (n ? n : 1) * sizeof *sf->targets);
    if (n)
      memcpy(sf->targets, tmp, n * sizeof *tmp);
  }
  free(tmp);
  unit_ctx_free(&uc);
  su->mem = members_new();
  members_add_unit(su->mem, u);
  s->settled = 0;
}

typedef struct fkey {
  const skel_fn *f;
  unsigned unit;
} fkey;

static int str_cmp(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "");
}

static int fkey_cmp(const void *pa, const void *pb) {
  const fkey *a = pa, *b = pb;
  int c = str_cmp(a->f->name, b->f->name);
  if (!c)
    c = str_cmp(a->f->file, b->f->file);
  if (!c && a->f->line != b->f->line)
    c = a->f->line < b->f->line ? -1 : 1;
  if (!c && a->f->col != b->f->col)
    c = a->f->col < b->f->col ? -1 : 1;
  if (!c && a->unit != b->unit)
    c = a->unit < b->unit ? -1 : 1;
  if (!c && a->f->index != b->f->index)
    c = a->f->index < b->f->index ? -1 : 1;
  return c;
}

static int same_def(const skel_fn *a, const skel_fn *b) {
  return !str_cmp(a->name, b->name) && !str_cmp(a->file, b->file) && a->line == b->line &&
         a->col == b->col;
}

/* skel_settle: see skeleton.h. */
void skel_settle(eskel *s) {
  if (s->settled)
    return;
  s->settled = 1;
  size_t total = 0;
  for (unsigned i = 0; i < s->n; i++)
    for (unsigned j = 0; j < s->u[i].nfuncs; j++) {
      skel_fn *f = &s->u[i].f[j];
      f->dropped = 0;
      f->first_unit = i;
      f->first_index = j;
      total++;
    }
  if (s->dedupe && total > 1) {
    fkey *keys = xcalloc(total, sizeof *keys);
    size_t k = 0;
    for (unsigned i = 0; i < s->n; i++)
      for (unsigned j = 0; j < s->u[i].nfuncs; j++)
        keys[k++] = (fkey){&s->u[i].f[j], i};
    qsort(keys, total, sizeof *keys, fkey_cmp);
    size_t first = 0;
    for (size_t i = 1; i < total; i++) {
      if (!keys[i].f->file || !same_def(keys[first].f, keys[i].f)) {
        first = i;
        continue;
      }
      skel_fn *f = (skel_fn *)keys[i].f;
      f->dropped = 1;
      f->first_unit = keys[first].unit;
      f->first_index = keys[first].f->index;
    }
    free(keys);
  }
  /* the program's member constants: every unit's, in unit order */
  members_free(s->merged);
  s->merged = members_new();
  for (unsigned i = 0; i < s->n; i++)
    if (s->u[i].mem)
      members_merge(s->merged, s->u[i].mem);
}

/* eskel_stats: see engine.h. */
void eskel_stats(eskel *s, ir_stats *st) {
  skel_settle(s);
  for (unsigned i = 0; i < s->n; i++) {
    if (!s->u[i].present)
      continue;
    st->units++;
    for (unsigned j = 0; j < s->u[i].nfuncs; j++) {
      const skel_fn *f = &s->u[i].f[j];
      if (f->dropped)
        continue;
      st->functions++;
      st->blocks += f->blocks;
      st->branches += f->branches;
      st->unknown += f->unknown;
    }
  }
}

/* eskel_is_copy: see engine.h. */
int eskel_is_copy(eskel *s, unsigned i, unsigned f) {
  skel_settle(s);
  return i < s->n && f < s->u[i].nfuncs && s->u[i].f[f].dropped;
}

/* eskel_members: see engine.h. */
const members *eskel_members(eskel *s) {
  skel_settle(s);
  return s->merged;
}
