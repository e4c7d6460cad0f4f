/* finish.h - the link step of every run: analysis, --stats, gate, report. */
#ifndef SSPI_FINISH_H
#define SSPI_FINISH_H

#include "gate.h"
#include "ir.h"
#include "options.h"
#include "rules.h"
#include "unitstore.h"

/* finish_run: analyses the units of the store together (an index never put: not
 * parsed, excluded or broken), then gates and reports. files are the main files of the
 * run, one per index of the store. Returns the exit status (DRIVER_EXIT_*). */
int finish_run(gate *g, const options *o, const rules *r, const char *const *files,
               unsigned nfiles, unitstore *units, int parse_failed);

/* finish_set_more_units: with the relevance pre-pass, units were left out. Before the
 * report, fn is given the struct types whose members the analysis would report as
 * released by no function (a skipped unit may hand such a struct to code with no
 * body, which silences the report); it returns how many more units it put into the
 * store, and when it put any, the store is analysed again with them. */
typedef unsigned (*finish_more_fn)(void *ctx, const char *const *types, unsigned n);
void finish_set_more_units(finish_more_fn fn, void *ctx);

/* finish_set_counts: what the per-unit step did, for the --stats line: units parsed,
 * units the relevance pre-pass left out, units read from the cache. */
void finish_set_counts(unsigned parsed, unsigned skipped, unsigned cached);

#endif
