/* ir_units.c - the counts of lowered units and functions (--stats); the skeleton
 * (engine/skeleton.c) counts each function as the unit arrives. */
#include <stdio.h>

#include "ir.h"

/* ir_func_stats: see ir.h. */
void ir_func_stats(const ir_func *f, ir_stats *st, FILE *list, const char *main_file) {
  st->functions++;
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
      fprintf(list, "%s:%u:%u: unknown branch (%s) in '%s'\n", l->file ? l->file : main_file,
              l->line, l->col, ir_why_name(bb->cond->why), f->name ? f->name : "");
    }
  }
}
