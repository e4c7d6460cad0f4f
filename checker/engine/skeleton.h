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
  unsigned index;            /* in the unit */
  unsigned ntargets;
  const char **targets;      /* names it calls (interned: compare pointers), each once */
  unsigned blocks, branches, unknown; /* --stats counts (ir_func_stats) */
  unsigned char dropped;     /* a later copy of a header function (skel_settle) */
  unsigned first_unit;       /* the unit of its first copy (itself when not dropped) */
  unsigned first_index;      /* and that copy's index in its unit */
} skel_fn;

typedef struct skel_unit {
  int present;               /* the unit was lowered (else: excluded, broken, left out) */
  unsigned nfuncs;
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

/* skel_settle: links the copies of each header function lowered by several units to
 * the first (same name and location; first in unit order) and merges the units'
 * member constants. Again after eskel_add_unit; else once. */
void skel_settle(eskel *s);

#endif
