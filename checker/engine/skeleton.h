/* skeleton.h - engine-internal: the per-unit skeletons of a whole build (skeleton.c),
 * read by the schedule (schedule.c). The public face is eskel in engine.h. */
#ifndef SSPI_ENGINE_SKELETON_H
#define SSPI_ENGINE_SKELETON_H

#include "engine.h"
#include "../util/strmap.h"

struct arena;
struct members;

typedef struct skel_fn {
  const char *name, *file;   /* interned in the skeleton (name may be NULL) */
  unsigned line, col;
  unsigned index;            /* in the unit as lowered */
  unsigned walk_index;       /* in the unit once compacted (skel_settle) */
  unsigned ntargets;
  const char **targets;      /* names it calls (interned: compare pointers), each once */
  unsigned blocks, branches, unknown; /* --stats counts (ir_unit_stats' rules) */
  unsigned char dropped;     /* a later copy of a header function (skel_settle) */
} skel_fn;

typedef struct skel_unit {
  int present;               /* the unit was lowered (else: excluded, broken, left out) */
  unsigned nfuncs, nkept;
  skel_fn *f;
  struct members *mem;       /* its own member constants (merged in unit order) */
} skel_unit;

struct eskel {
  unsigned n;
  skel_unit *u;
  struct arena *a;
  strmap strs;               /* interned strings */
  int dedupe, settled;
  struct members *merged;    /* the program's member constants (skel_settle) */
};

/* skel_settle: marks duplicate header functions (keeps the first in unit order) and
 * merges the units' member constants. Again after eskel_add_unit; else once. */
void skel_settle(eskel *s);
/* skel_compact: removes unit i's dropped functions from u, the unit read back (its
 * functions then have their walk_index). -1 when u is not the unit of the skeleton. */
int skel_compact(const eskel *s, unsigned i, ir_unit *u);

#endif
