/* unitstore.h - the lowered units of one run, between the per-unit step (lowering,
 * the cache, the -j workers) and the whole-build analysis.
 *
 * Each unit's skeleton (engine.h: eskel) is taken as the unit arrives, and observers
 * (the relevance pre-pass) see it then. Its IR stays in memory while the units held
 * stay within a budget (--max-ir-memory); beyond it, a unit is written to the run's
 * spill file (one anonymous temporary file, gone when the run ends however it ends)
 * and freed, and read back when the analysis walks it (engine_source). During the
 * analysis the same budget holds: past it, the analysis hands back the units it needed
 * least recently (they go to the spill file, to be read back later), and a unit whose
 * functions are all final leaves for good. A run's peak holds the budget plus the
 * units of one component of the call graph, not the IR of the build.
 *
 * Findings do not depend on the budget: the analysis order comes from the skeletons,
 * and a unit read back is the unit written (ir_io.h).
 */
#ifndef SSPI_UNITSTORE_H
#define SSPI_UNITSTORE_H

#include <stddef.h>

#include "engine/engine.h"
#include "ir.h"
#include "rules.h"

typedef struct unitstore unitstore;

/* unitstore_new: a store for units 0..n-1 (owned; unitstore_free). budget: bytes of IR
 * kept in memory before units go to the spill file (0: every unit goes there).
 * keep: keep every unit in memory even after the analysis (--stats=unknown lists
 * them afterwards); the budget is then ignored. */
unitstore *unitstore_new(unsigned n, const rules *r, size_t budget, int keep);
void unitstore_free(unitstore *s);

/* unitstore_observe: fn(ctx, i, u) is called with every unit put from now on, before
 * it may leave memory. One observer. */
typedef void (*unitstore_observer)(void *ctx, unsigned i, const ir_unit *u);
void unitstore_observe(unitstore *s, unitstore_observer fn, void *ctx);

/* unitstore_put: unit i (owned by the store from now on). A second put of i is
 * refused (the unit is freed). */
void unitstore_put(unitstore *s, unsigned i, ir_unit *u);
/* unitstore_set_reloader: fn(ctx, i) gives a unit put with unitstore_put_reloadable
 * again (the unit cache's entry, else the unit lowered again); such units leave memory
 * without a copy in the spill file. fn reports its own failures (NULL). */
typedef ir_unit *(*unitstore_reload_fn)(void *ctx, unsigned i);
void unitstore_set_reloader(unitstore *s, unitstore_reload_fn fn, void *ctx);
void unitstore_put_reloadable(unitstore *s, unsigned i, ir_unit *u);

/* unitstore_trim: units leave memory (in unit order) until at most bytes of IR stay
 * there: before a unit is parsed in this process, whose libclang memory adds to them. */
void unitstore_trim(unitstore *s, size_t bytes);

/* unitstore_rewind: the units an analysis was done with (freed for good) can be had
 * again, for a second analysis of the store: from the spill file, the cache, or
 * lowered again by the reloader. 0, or -1 when a unit could not be had again (no
 * reloader). */
int unitstore_rewind(unitstore *s);

/* unitstore_has: unit i was put. */
int unitstore_has(const unitstore *s, unsigned i);

/* unitstore_skeleton: the skeleton of the units put (borrowed). */
eskel *unitstore_skeleton(unitstore *s);
/* unitstore_source: hands the units to the analysis (borrows s). A unit that cannot be
 * read back is reported (run_error) and counted in unitstore_failed. */
engine_source unitstore_source(unitstore *s);
unsigned unitstore_failed(const unitstore *s);
/* unitstore_spilled: how many units left memory (to the spill file, or to be had
 * again from the reloader) while the analysis still needed them. */
unsigned unitstore_spilled(const unitstore *s);
/* unitstore_resident: unit i if it is in memory now, else NULL. */
const ir_unit *unitstore_resident(const unitstore *s, unsigned i);

#endif
