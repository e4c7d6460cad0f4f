/* lowering.c - the per-unit step of a run over its units: in this process one after
 * another (lowering_serial), or from the cache and in the worker pool (lowering_all).
 * The pre-pass (prepass.c) uses lowering_serial for its waves with -j 1. */
#define _POSIX_C_SOURCE 200809L
#include "lowering.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "inputs.h"
#include "pool.h"
#include "progress.h"
#include "util/xalloc.h"

/* unit_failed: unit i failed with msg: reported now, or kept in errs[i] (owned) to be
 * reported later when errs is not NULL. */
static void unit_failed(progress *prog, char **errs, unsigned i, const char *msg,
                        int *parse_failed) {
  if (errs) {
    errs[i] = xstrdup(msg);
  } else {
    progress_clear(prog);
    run_error(msg);
  }
  *parse_failed |= UNITS_FAILED_PARSE;
}

/* lowering_serial: see lowering.h. Parses and lowers every unit not excluded, one after another;
 * with --dump-ir prints each unit and drops it. A unit that fails is reported at once,
 * or its message kept in errs[i] (owned) when errs is not NULL. */
void lowering_serial(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                         const fe_opts *fo, unitcache *cache, const unsigned char *want,
                         unitstore *units, int *parse_failed, char **errs) {
  progress *prog = progress_new(stderr, cmds->n, o->quiet || o->dump_ir);
  for (unsigned i = 0; i < cmds->n; i++) {
    char *err = NULL;
    if (gate_excluded(g, cmds->all[i]->file) || (want && !want[i]))
      continue; /* --exclude, or left out by the pre-pass: not even parsed */
    progress_unit(prog, i + 1, cmds->all[i]->file);
    char why[1400];
    if (unit_source_check(cmds->all[i], o->extra, o->nextra, why, sizeof why) != 0) {
      unit_failed(prog, errs, i, why, parse_failed); /* a FIFO, a device, too large, unreadable */
      continue;
    }
    /* libclang's memory for this unit adds to the IR kept: keep a quarter of the budget */
    unitstore_trim(units, ((size_t)o->max_ir_mb << 20) / 4);
    ir_unit *u = unitcache_lower(cache, cmds->all[i], r, fo, &err, NULL, NULL);
    if (!u)
      unit_failed(prog, errs, i, err ? err : cmds->all[i]->file, parse_failed);
    free(err);
    if (u && o->dump_ir) {
      ir_dump(stdout, u);
      ir_unit_free(u);
    } else if (u && cache) {
      unitstore_put_reloadable(units, i, u); /* its cache entry has it again */
    } else if (u) {
      unitstore_put(units, i, u);
    }
  }
  progress_free(prog);
}

/* lowering_all: see lowering.h. Every unit of cmds that --exclude does not skip (and want[] asks for,
 * when want is not NULL), into the store: from the cache when it has the unit (counted in
 * *cached), else in this process with -j 1 (and --dump-ir), else in worker processes.
 * 0, or -1 after reporting (exit status 2). */
int lowering_all(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                       const fe_opts *fo, unitcache *cache, const unsigned char *want,
                       unitstore *units, unsigned *cached, int *parse_failed) {
  unsigned njobs = o->dump_ir ? 1 : pool_jobs(o);
  unsigned *todo = calloc(cmds->n + 1, sizeof *todo), ntodo = 0;
  unsigned char *mask = calloc(cmds->n + 1, 1);
  if (!todo || !mask) {
    free(todo);
    free(mask);
    run_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < cmds->n; i++) {
    if (gate_excluded(g, cmds->all[i]->file) || (want && !want[i]))
      continue;
    ir_unit *u = cache ? unitcache_get(cache, cmds->all[i], fo) : NULL;
    if (u) {
      unitstore_put_reloadable(units, i, u);
      (*cached)++;
      continue;
    }
    mask[i] = 1;
    todo[ntodo++] = i;
  }
  if (njobs > ntodo)
    njobs = ntodo;
  int rc = 0;
  if (njobs > 1)
    rc = pool_lower(o, cmds, todo, ntodo, njobs, r, fo, cache, units, parse_failed, NULL, NULL);
  else if (ntodo)
    lowering_serial(o, cmds, g, r, fo, cache, mask, units, parse_failed, NULL);
  free(todo);
  free(mask);
  return rc;
}
