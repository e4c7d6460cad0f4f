/* ir_units.c - operations over the lowered units of one run: their counts (--stats)
 * and the removal of header functions lowered by several units. */
#include <stdlib.h>
#include <string.h>

#include "ir.h"
#include "util/xalloc.h"

/* ir_unit_stats: see ir.h. */
void ir_unit_stats(const ir_unit *u, ir_stats *st, FILE *list) {
  if (!u)
    return;
  st->units++;
  st->functions += u->nfuncs;
  for (unsigned i = 0; i < u->nfuncs; i++) {
    const ir_func *f = &u->funcs[i];
    st->blocks += f->nblocks;
    for (unsigned b = 0; b < f->nblocks; b++) {
      const ir_block *bb = &f->blocks[b];
      if (bb->term != IR_T_BRANCH || !bb->cond)
        continue;
      if (bb->cond->kind == IR_C_UNKNOWN && bb->cond->why == IR_WHY_STRUCTURAL)
        continue;
      st->branches++;
      if (bb->cond->kind != IR_C_UNKNOWN)
        continue;
      st->unknown++;
      if (list) {
        const ir_loc *l = bb->cond->loc.file ? &bb->cond->loc : &bb->term_loc;
        fprintf(list, "%s:%u:%u: unknown branch (%s) in '%s'\n", l->file ? l->file : u->main_file,
                l->line, l->col, ir_why_name(bb->cond->why), f->name ? f->name : "");
      }
    }
  }
}

/* zeroed array of n elements of size sz (n * sz is bounded by the units' own sizes) */
static void *zalloc(size_t n, size_t sz) {
  void *p = xmalloc(n * sz);
  memset(p, 0, n * sz);
  return p;
}

typedef struct fkey {
  const ir_func *f;
  unsigned unit, index; /* order of appearance */
} fkey;

static int str_cmp(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "");
}

static int fkey_cmp(const void *pa, const void *pb) {
  const fkey *a = pa, *b = pb;
  int c = str_cmp(a->f->name, b->f->name);
  if (!c)
    c = str_cmp(a->f->loc.file, b->f->loc.file);
  if (!c && a->f->loc.line != b->f->loc.line)
    c = a->f->loc.line < b->f->loc.line ? -1 : 1;
  if (!c && a->f->loc.col != b->f->loc.col)
    c = a->f->loc.col < b->f->loc.col ? -1 : 1;
  if (!c && a->unit != b->unit)
    c = a->unit < b->unit ? -1 : 1;
  if (!c && a->index != b->index)
    c = a->index < b->index ? -1 : 1;
  return c;
}

static int same_def(const ir_func *a, const ir_func *b) {
  return !str_cmp(a->name, b->name) && !str_cmp(a->loc.file, b->loc.file) &&
         a->loc.line == b->loc.line && a->loc.col == b->loc.col;
}

/* ir_units_drop_duplicates: see ir.h. */
unsigned ir_units_drop_duplicates(ir_unit **units, unsigned n) {
  size_t total = 0;
  for (unsigned i = 0; i < n; i++)
    if (units[i])
      total += units[i]->nfuncs;
  if (total < 2)
    return 0;
  fkey *keys = zalloc(total, sizeof *keys);
  size_t k = 0;
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; units[i] && j < units[i]->nfuncs; j++)
      keys[k++] = (fkey){&units[i]->funcs[j], i, j};
  qsort(keys, total, sizeof *keys, fkey_cmp);
  /* drop[u] marks, per unit, the functions to remove */
  unsigned char **drop = zalloc(n, sizeof *drop);
  unsigned removed = 0;
  for (size_t i = 1; i < total; i++) {
    if (!keys[i].f->loc.file || !same_def(keys[i - 1].f, keys[i].f))
      continue;
    unsigned u = keys[i].unit;
    if (!drop[u])
      drop[u] = zalloc(units[u]->nfuncs, 1);
    drop[u][keys[i].index] = 1;
    removed++;
  }
  for (unsigned u = 0; u < n; u++) {
    if (!drop[u])
      continue;
    unsigned w = 0;
    for (unsigned j = 0; j < units[u]->nfuncs; j++)
      if (!drop[u][j])
        units[u]->funcs[w++] = units[u]->funcs[j];
    units[u]->nfuncs = w;
    free(drop[u]);
  }
  free(drop);
  free(keys);
  return removed;
}
