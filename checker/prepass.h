/* prepass.h - the relevance pre-pass over a build (prepass.c): which units are
 * parsed, in waves, to the fixpoint of relevance.h. */
#ifndef SSPI_PREPASS_H
#define SSPI_PREPASS_H

#include "fe/fe.h"
#include "gate.h"
#include "inputs.h"
#include "options.h"
#include "rules.h"
#include "unitcache.h"
#include "unitstore.h"

typedef struct prepass prepass;

/* prepass_new: the pre-pass of a run over cmds into units (everything borrowed, and
 * *parse_failed set when a unit fails). Owned: prepass_free. NULL: out of memory. */
prepass *prepass_new(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                     const fe_opts *fo, unitcache *cache, unitstore *units, int *parse_failed);
/* prepass_run: scans and lowers the units that can matter, to the fixpoint; the counts
 * go to the --stats line (finish_set_counts). 0, or -1 after reporting (exit 2). */
int prepass_run(prepass *pp);
/* prepass_more: (a finish_more_fn; ctx is the prepass) the analysis asks for the units
 * that may hand a struct of these types to code with no body; they are lowered, and
 * with them what they make relevant. Returns how many units were added. */
unsigned prepass_more(void *ctx, const char *const *types, unsigned n);
/* prepass_workers_started: when (progress_now) the pool's workers started, or 0. */
double prepass_workers_started(const prepass *pp);
void prepass_free(prepass *pp);

#endif
