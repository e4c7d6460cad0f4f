/* driver.c - one run: rules -> commands -> (parse, lower) per unit -> whole-build
 * analysis -> sorted findings -> text on stdout.
 *
 * One broken unit never hides the others: its first clang error is reported on
 * stderr, the unit is skipped, and the run ends with DRIVER_EXIT_PARSE_ERROR.
 * Lowered units go to the run's unit store (unitstore.c), which keeps their skeletons
 * for the whole-build analysis (function summaries flow between units: a wrapper
 * defined in one file, called in another) and their IR in memory or on disk until the
 * analysis reaches them.
 *
 * The per-unit step (parse + lower) and the link step (analyse + report) can also run
 * apart: --emit-unit writes one lowered unit as a unit file (ir_io.h), --link reads
 * unit files and runs exactly the analysis and report of a normal run, and -j N runs
 * the per-unit step in N forked worker processes that hand their units back to the
 * parent as unit files in a private temporary directory.
 *
 * The pipeline, one module per stage (docs/architecture.md):
 *   inputs.c    rules, configuration, compile commands
 *   gate.c      the CI gate's settings (read before parsing) and the report
 *   prepass.c   the pre-pass: which units of a database can matter, lowered in waves
 *               (relevance.c: the token scan and the names learnt)
 *   lowering.c  the per-unit step over the units (in this process, or in pool.c)
 *   unitcache.c lowered units kept between runs (warm runs parse only what changed)
 *   pool.c      parse + lower in -j worker processes
 *   unitstore.c the lowered units until the analysis (memory budget, spill file)
 *   finish.c    whole-build analysis, --stats, gate, exit status
 *   unitfile.c  --emit-unit and --link (the per-unit step and the link step apart)
 */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <time.h>

#include "fe/fe.h"
#include "finish.h"
#include "gate.h"
#include "inputs.h"
#include "ir.h"
#include "pool.h"
#include "progress.h"
#include "prepass.h"
#include "lowering.h"
#include "unitcache.h"
#include "unitfile.h"
#include "unitstore.h"
#include "util/xalloc.h"

/* Debugging aid and bench (SSPI_CHECK_SHOW_TIMES=1, like SSPI_CHECK_SHOW_PREFIX): the
 * wall time of the run's phases (progress_now) and the CPU seconds on stderr at its
 * end. CPU seconds (user and system) of this process, or of its ended children (the workers). */
static double cpu_s(int who) {
  struct rusage ru;
  if (getrusage(who, &ru) != 0)
    return 0;
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* What a unit that left memory is had again from: its cache entry, else (the entry was
 * not written, or was removed meanwhile) lowered again. */
typedef struct reloader {
  unitcache *cache;
  const cmd_list *cmds;
  const fe_opts *fo;
  const rules *r;
} reloader;

static ir_unit *reload_unit(void *ctx, unsigned i) {
  reloader *rl = ctx;
  const fe_cmd *cmd = rl->cmds->all[i];
  ir_unit *u = unitcache_reload(rl->cache, cmd, rl->fo);
  if (u)
    return u;
  char *err = NULL;
  u = unitcache_lower(rl->cache, cmd, rl->r, rl->fo, &err, NULL, NULL);
  if (!u) {
    char msg[1600];
    snprintf(msg, sizeof msg, "%s: cannot have the unit again for the analysis: %s", cmd->file,
             err ? err : "it no longer parses");
    run_error(msg);
  }
  free(err);
  return u;
}

/* open_cache: the cache of lowered units: --cache-dir, else <build-dir>/.sspi-check-cache
 * with -p; none with --no-cache, --dump-ir or without -p. Keyed by the rules files in the
 * order load_rules reads them. NULL: no cache (the run parses every unit). */
static unitcache *open_cache(const options *o, const gate *g) {
  if (o->no_cache || o->dump_ir || (!o->cache_dir && !o->build_dir))
    return NULL;
  char dir[4096];
  int w = o->cache_dir ? snprintf(dir, sizeof dir, "%s", o->cache_dir)
                       : snprintf(dir, sizeof dir, "%s/.sspi-check-cache", o->build_dir);
  if (w < 0 || (size_t)w >= sizeof dir)
    return NULL;
  unsigned ncfg = g->cfg ? g->cfg->nrules : 0, n = 0;
  const char **files = calloc(1 + ncfg + o->nrules, sizeof *files);
  if (!files)
    return NULL;
  files[n++] = rules_default_path();
  for (unsigned i = 0; i < ncfg; i++)
    files[n++] = g->cfg->rules[i];
  for (unsigned i = 0; i < o->nrules; i++)
    files[n++] = o->rules[i];
  unitcache *c = files[0] ? unitcache_new(dir, files, n) : NULL;
  free(files);
  return c;
}

int driver_run(const options *o) {
  if (o->link)
    return unitfile_link(o);
  if (o->emit_unit)
    return unitfile_emit(o);
  int status = DRIVER_EXIT_CLEAN;
  double t_start = progress_now(), t_units = 0, t_analysis = 0;
  rules *r = NULL;
  cmd_list cmds;
  memset(&cmds, 0, sizeof cmds);
  unitstore *units = NULL;
  const char **files = NULL;
  int parse_failed = 0;
  gate g;
  memset(&g, 0, sizeof g);
  unitcache *cache = NULL;
  char *prefix_dir = NULL;
  fe_prefix_plan *prefix_plan = NULL;
  prepass *pp = NULL;

  /* Inputs first (a missing file is the likelier mistake), then the configuration,
   * baseline and diff, then the rules. */
  if (make_commands(o, &cmds) != 0 || gate_setup(&g, o, o->files, o->nfiles) != 0 ||
      !(r = load_rules(o, g.cfg)) || gate_check_ids(&g, r) != 0 ||
      check_outputs(o, &cmds, g.cfg) != 0) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  unsigned ncmds = cmds.n;
  t_units = progress_now();
  units = unitstore_new(ncmds, r, (size_t)o->max_ir_mb << 20, o->stats > 1);
  files = calloc(ncmds, sizeof *files);
  if (!files) {
    run_error("out of memory");
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  for (unsigned i = 0; i < ncmds; i++)
    files[i] = cmds.all[i]->file;

  fe_opts fo;
  memset(&fo, 0, sizeof fo);
  fo.nextra = o->nextra;
  fo.extra = o->extra;
  fo.keep_target = o->keep_target;
  /* shared prefixes: only a database has units to share them (and --dump-ir, a
   * debugging aid, parses each unit as written) */
  if (o->build_dir && !o->no_pch && !o->dump_ir && ncmds > 1 &&
      (prefix_dir = fe_prefix_dir_new()) != NULL)
    fo.prefix = prefix_plan = fe_prefix_plan_new(cmds.all, ncmds, prefix_dir);
  cache = open_cache(o, &g);
  reloader rl = {cache, &cmds, &fo, r};
  int use_prepass = o->build_dir && !o->all_units && !o->dump_ir;
  /* with the pre-pass, a second analysis may need every unit again (prepass_more) */
  if (cache || use_prepass)
    unitstore_set_reloader(units, reload_unit, &rl);
  int lrc;
  if (use_prepass) {
    pp = prepass_new(o, &cmds, &g, r, &fo, cache, units, &parse_failed);
    if (!pp) {
      run_error("out of memory");
      lrc = -1;
    } else {
      lrc = prepass_run(pp);
      finish_set_more_units(prepass_more, pp);
    }
  } else {
    unsigned cached = 0, considered = 0;
    lrc = lowering_all(o, &cmds, &g, r, &fo, cache, NULL, units, &cached, &parse_failed);
    for (unsigned i = 0; i < ncmds; i++)
      considered += !gate_excluded(&g, cmds.all[i]->file);
    finish_set_counts(considered - cached, 0, cached);
  }
  if (lrc != 0) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  t_analysis = progress_now();
#ifdef __GLIBC__
  /* The units are lowered: what libclang freed (each unit's AST, with -j 1) and the
   * IR that went to the spill file lies free in the heap, and the analysis allocates
   * far less than that; given back, the run's peak is the larger of the two phases,
   * not their sum (Wine's 160 modules, pre-pass, -j 1: 180-190 MB -> 161 MB; curl
   * 165 -> 158 MB; the analysis takes as long). */
  malloc_trim(0);
#endif
  if (!o->dump_ir)
    status = finish_run(&g, o, r, files, ncmds, units, parse_failed);
  else if (parse_failed)
    status = units_failed_status(parse_failed);
  fflush(stdout);
  if (getenv("SSPI_CHECK_SHOW_TIMES"))
    fprintf(stderr,
            "sspi-check: times: inputs %.3f s, units %.3f s (workers from %.3f s), analysis "
            "and report %.3f s; CPU: this process %.3f s, workers %.3f s\n",
            t_units - t_start, t_analysis - t_units, prepass_workers_started(pp) ? prepass_workers_started(pp) - t_units : 0,
            progress_now() - t_analysis, cpu_s(RUSAGE_SELF), cpu_s(RUSAGE_CHILDREN));

done:
  fe_prefix_plan_free(prefix_plan);
  fe_prefix_dir_remove(prefix_dir);
  free(prefix_dir);
  finish_set_more_units(NULL, NULL);
  prepass_free(pp);
  unitcache_free(cache);
  gate_free(&g);
  unitstore_free(units);
  free(files);
  cmd_list_free(&cmds);
  if (r)
    rules_free(r);
  return status;
}
