/* engine.h - the path-sensitive handle-state analysis over the IR.
 *
 * For every function of a unit, walks the CFG from the entry with a set of
 * abstract states per block (identical states are merged; the number of states per
 * block and the total work are capped, a cut is reported on the warnings stream),
 * applies the rules to every call, and reports leaks at exits, double releases,
 * uses after release, releases of unacquired handles and mismatched releases.
 * No libclang here.
 */
#ifndef SSPI_ENGINE_H
#define SSPI_ENGINE_H

#include <stdio.h>
#include "../diag.h"
#include "../ir.h"
#include "../rules.h"

typedef struct engine_opts {
  unsigned max_states_per_block; /* default 256 */
  unsigned max_steps;            /* block visits per function; default 200000 */
  int report_release_of_empty;   /* release of a handle explicitly set empty and never
                                    acquired: 0 (default) stays silent */
} engine_opts;

/* engine_default_opts: the defaults above. */
engine_opts engine_default_opts(void);

/* engine_check_unit: analyses every function in u (a whole program of one unit:
 * also the exit/unload check of handles in globals); findings go to out; notices
 * (analysis cut short) go to errs as one line each ("file:line: note: ..."), errs may
 * be NULL. Returns the number of functions that were cut short. */
unsigned engine_check_unit(const ir_unit *u, const rules *r, const engine_opts *o,
                           diag_set *out, FILE *errs);

struct sumtab;
struct prog;

/* ---- the whole build ----
 *
 * An eskel is the skeleton of a build: per unit, what the schedule needs without the
 * unit's IR (functions, what each calls, member constants). Units are added as they
 * are lowered; their IR may then leave memory. The analysis asks an engine_source for
 * a unit when it walks one of its functions (callees first), hands it back when the
 * source is short of memory, and tells it when the unit is no longer needed. */
typedef struct eskel eskel;
struct members;

/* eskel_new: an empty skeleton of nunits units (owned; eskel_free). With
 * drop_duplicates, a function defined in a header and lowered by several units is
 * walked once (its first copy in unit order). */
eskel *eskel_new(unsigned nunits, int drop_duplicates);
void eskel_free(eskel *s);
/* eskel_add_unit: takes the skeleton of unit i (strings copied; u is not kept). */
void eskel_add_unit(eskel *s, unsigned i, const ir_unit *u, const rules *r);
/* eskel_stats: the --stats counts of the units added (duplicates left out). */
void eskel_stats(eskel *s, ir_stats *st);
/* eskel_is_copy: function f of unit i is a later copy of a header function lowered by
 * several units (counted and walked once, as its first copy). */
int eskel_is_copy(eskel *s, unsigned i, unsigned f);
/* eskel_members: the constants the whole build stores in struct members (borrowed). */
const struct members *eskel_members(eskel *s);

typedef struct engine_source {
  void *ctx;
  /* load: unit i, exactly as it was when added to the skeleton; NULL when it cannot be
   * had (the source reports why). */
  ir_unit *(*load)(void *ctx, unsigned i);
  /* done: the analysis is done with unit i (what load returned, if it was loaded) for
   * now (again: it will load it again) or for good. */
  void (*done)(void *ctx, unsigned i, int again);
  /* full: 1 while the units loaded exceed what the source wants in memory (the
   * analysis then hands back the least recently needed ones); NULL: never. */
  int (*full)(void *ctx);
} engine_source;

/* engine_check_build: the whole-build analysis of the units of sk: every function
 * walked in callee-first order across units, with the summaries of what it calls
 * (sums, filled as it goes; it may hold summaries read from files) and the program's
 * global facts (pg, may be NULL). Units are loaded from src when a function of theirs
 * is walked, handed back when memory is short (to be loaded again) and for good once
 * all their functions are final. Findings into out; notices of functions cut short
 * into errs. Returns the number of those functions. */
unsigned engine_check_build(eskel *sk, const engine_source *src, const rules *r,
                            const engine_opts *o, struct sumtab *sums, struct prog *pg,
                            diag_set *out, FILE *errs);

/* engine_check_program: engine_check_build over units[0..n) held in memory (NULL
 * entries are skipped; duplicate header functions are not removed). */
unsigned engine_check_program(ir_unit *const *units, unsigned n, const rules *r, const engine_opts *o,
                              struct sumtab *sums, struct prog *pg, diag_set *out, FILE *errs);

#endif
