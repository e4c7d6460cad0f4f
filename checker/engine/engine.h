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

/* engine_check_program: the whole-build analysis of units[0..n) (NULL entries are
 * skipped): every function walked in callee-first order across units, with the
 * summaries of what it calls (sums, filled as it goes; it may hold summaries read
 * from files) and the program's global facts (pg, may be NULL). Findings into out;
 * notices of functions cut short into errs. Returns the number of those functions. */
unsigned engine_check_program(ir_unit *const *units, unsigned n, const rules *r, const engine_opts *o,
                              struct sumtab *sums, struct prog *pg, diag_set *out, FILE *errs);

#endif
