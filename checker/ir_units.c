/* ir_units.c - operations over the lowered units of one run: their counts (--stats)
 * (the removal of header functions lowered by several units is the skeleton's:
 * engine/skeleton.c). */
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
