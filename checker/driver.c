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
 *   relevance.c the pre-pass: which units of a database can matter (token scan)
 *   unitcache.c lowered units kept between runs (warm runs parse only what changed)
 *   pool.c      parse + lower in -j worker processes (else lower_serial here)
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
#include "relevance.h"
#include "unitcache.h"
#include "unitfile.h"
#include "unitstore.h"
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
  *parse_failed = 1;
}

/* lower_serial: parses and lowers every unit not excluded, one after another;
 * with --dump-ir prints each unit and drops it. A unit that fails is reported at once,
 * or its message kept in errs[i] (owned) when errs is not NULL. */
static void lower_serial(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
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
    ir_unit *u = unitcache_lower(cache, cmds->all[i], r, fo, &err);
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

/* lower_units: every unit of cmds that --exclude does not skip (and want[] asks for,
 * when want is not NULL), into the store: from the cache when it has the unit (counted in
 * *cached), else in this process with -j 1 (and --dump-ir), else in worker processes.
 * 0, or -1 after reporting (exit status 2). */
static int lower_units(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
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
    lower_serial(o, cmds, g, r, fo, cache, mask, units, parse_failed, NULL);
  free(todo);
  free(mask);
  return rc;
}

/* Debugging aid and bench (SSPI_CHECK_SHOW_TIMES=1, like SSPI_CHECK_SHOW_PREFIX): the
 * wall time of the run's phases on stderr at its end. */
static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds (user and system) of this process, or of its ended children (the workers). */
static double cpu_s(int who) {
  struct rusage ru;
  if (getrusage(who, &ru) != 0)
    return 0;
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void learn(void *rv, unsigned i, const ir_unit *u) {
  (void)i;
  relevance_learn(rv, u);
}

/* The relevance pre-pass of a run (relevance.h) and what it has lowered so far. */
typedef struct prepass {
  const options *o;
  const cmd_list *cmds;
  const gate *g;
  const rules *r;
  const fe_opts *fo;
  unitcache *cache;
  unitstore *units;
  int *parse_failed;
  relevance *rv;
  unsigned char *tried; /* handed out to be lowered, or excluded (--exclude) */
  unsigned char *want;  /* asked for by the analysis (prepass_more) */
  unsigned long seen;   /* relevance_generation at the last look over the units */
  int look;             /* look again whatever the generation (want[] was set) */
  unsigned considered, lowered, cached;
  unsigned scanned;     /* units 0 .. scanned-1 are token-scanned (relevance_scan) */
  int stream;           /* scan while the workers parse (-j N) */
  int started;          /* prepass_next gave its first units */
  double t_workers;     /* when the workers were started (SSPI_CHECK_SHOW_TIMES) */
} prepass;

/* With workers, the token scan goes on while they parse: the first call scans units
 * until one is wanted (the workers start on it: a PCH is usually its first job),
 * later ones PREPASS_SCAN_CHUNK units each and give nothing until the scan is done,
 * asking to be called again (pool_more_fn); the rest of the first wave is then given
 * at once, so that the pool orders it (PCH builders and large units first). With
 * -j 1 every unit is scanned in the first call. */
#define PREPASS_SCAN_CHUNK 8u

/* scan_some: token-scans units from pp->scanned on (those --exclude leaves out are
 * tried[] already): until one is wanted (until_wanted), else at most max (0: all). */
static void scan_some(prepass *pp, int until_wanted, unsigned max) {
  unsigned n = pp->cmds->n, done = 0;
  while (pp->scanned < n && (!max || done < max)) {
    unsigned i = pp->scanned++;
    if (pp->tried[i])
      continue;
    relevance_scan(pp->rv, i, pp->cmds->all[i], pp->o->extra, pp->o->nextra);
    pp->look = 1; /* a unit scanned now is looked at against everything learnt */
    done++;
    if (until_wanted && relevance_wanted(pp->rv, i))
      break;
  }
}

/* prepass_next: (a pool_more_fn) the units not tried yet that want[] holds or that name
 * something relevant by now, in unit order, marked tried. A unit the cache has is put
 * at once instead (what it makes relevant is looked for again); the others go to out
 * (at most cap), to be lowered. Nothing is looked at while nothing was learnt. */
static unsigned prepass_next(void *ctx, unsigned *out, unsigned cap, int *again) {
  prepass *pp = ctx;
  unsigned n = 0;
  if (!pp->stream) {
    scan_some(pp, 0, 0);
  } else if (!pp->started) {
    scan_some(pp, 1, 0);
  } else if (pp->scanned < pp->cmds->n) {
    scan_some(pp, 0, PREPASS_SCAN_CHUNK);
    if (pp->scanned < pp->cmds->n) {
      *again = 1;
      return 0;
    }
  }
  pp->started = 1;
  while (pp->look || relevance_generation(pp->rv) != pp->seen) {
    pp->look = 0;
    pp->seen = relevance_generation(pp->rv);
    for (unsigned i = 0; i < pp->scanned && n < cap; i++) {
      if (pp->tried[i] || (!pp->want[i] && !relevance_wanted(pp->rv, i)))
        continue;
      pp->tried[i] = 1;
      pp->want[i] = 0;
      pp->lowered++;
      ir_unit *u = pp->cache ? unitcache_get(pp->cache, pp->cmds->all[i], pp->fo) : NULL;
      if (u) {
        unitstore_put_reloadable(pp->units, i, u); /* learnt from at once */
        pp->cached++;
      } else {
        out[n++] = i;
      }
    }
  }
  *again = pp->scanned < pp->cmds->n;
  return n;
}

/* prepass_waves: lowers the units prepass_next gives, learning the names each parsed
 * one adds as it arrives (before it may leave memory), until it gives none. With -j
 * the workers take what an arriving unit makes relevant while they parse the others;
 * else one batch after another. Parse errors are reported at the end, in unit order,
 * either way. The counts go to the --stats line. 0, or -1 after reporting. */
static int prepass_waves(prepass *pp) {
  int rc = 0;
  unsigned n = pp->cmds->n;
  unsigned njobs = pool_jobs(pp->o), left = pp->considered - pp->lowered;
  if (njobs > left)
    njobs = left; /* no more workers than units that may still be parsed */
  unitstore_observe(pp->units, learn, pp->rv);
  if (njobs > 1) {
    unsigned *first = xcalloc(n + 1, sizeof *first);
    pp->stream = 1;
    int again = 1;
    unsigned nfirst = 0;
    while (!nfirst && again) /* none at all: no worker is started */
      nfirst = prepass_next(pp, first, n, &again);
    if (!pp->t_workers) {
      pp->t_workers = now_s();
      if (getenv("SSPI_CHECK_SHOW_RELEVANCE")) /* debugging aid (relevance.c's why) */
        fprintf(stderr, "sspi-check: relevance: workers started after scanning %u of %u units\n",
                pp->scanned, n);
    }
    if (nfirst)
      rc = pool_lower(pp->o, pp->cmds, first, nfirst, njobs, pp->r, pp->fo, pp->cache,
                      pp->units, pp->parse_failed, prepass_next, pp);
    free(first);
  } else {
    unsigned *batch = xcalloc(n + 1, sizeof *batch);
    unsigned char *mask = xcalloc(n + 1, 1);
    char **errs = xcalloc(n + 1, sizeof *errs);
    pp->stream = 0;
    for (unsigned wave = 0; wave <= n; wave++) { /* each adds a unit, or it is the last */
      int again;
      unsigned nb = prepass_next(pp, batch, n, &again);
      if (!nb)
        break;
      memset(mask, 0, n);
      for (unsigned k = 0; k < nb; k++)
        mask[batch[k]] = 1;
      lower_serial(pp->o, pp->cmds, pp->g, pp->r, pp->fo, pp->cache, mask, pp->units,
                   pp->parse_failed, errs);
    }
    for (unsigned i = 0; i < n; i++)
      if (errs[i]) {
        run_error(errs[i]);
        free(errs[i]);
      }
    free(errs);
    free(mask);
    free(batch);
  }
  unitstore_observe(pp->units, NULL, NULL);
  finish_set_counts(pp->lowered - pp->cached, pp->considered - pp->lowered, pp->cached);
  return rc;
}

/* prepass_more: the analysis asks for the units that may hand a struct of these types
 * to code with no body (finish_set_more_units); they are lowered, and with them what
 * they make relevant. Returns how many units were added. */
static unsigned prepass_more(void *ctx, const char *const *types, unsigned n) {
  prepass *pp = ctx;
  unsigned before = pp->lowered, nwant = 0;
  for (unsigned i = 0; i < pp->cmds->n; i++) {
    pp->want[i] = !pp->tried[i] && relevance_names_type(pp->rv, i, types, n);
    nwant += pp->want[i];
  }
  pp->look = 1;
  if (!nwant || prepass_waves(pp) != 0)
    return 0;
  return pp->lowered - before;
}

/* lower_relevant: the relevance pre-pass around lower_units: the waves
 * (prepass_waves), which token-scan the units as they go. pp stays for the analysis
 * (prepass_more). 0, or -1 after reporting. */
static int lower_relevant(prepass *pp) {
  pp->rv = relevance_new(pp->r, pp->cmds->n);
  pp->tried = calloc(pp->cmds->n + 1, 1);
  pp->want = calloc(pp->cmds->n + 1, 1);
  if (!pp->rv || !pp->tried || !pp->want) {
    run_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < pp->cmds->n; i++)
    if (!gate_excluded(pp->g, pp->cmds->all[i]->file))
      pp->considered++;
    else
      pp->tried[i] = 1; /* --exclude: never parsed (nor scanned) */
  pp->look = 1;
  return prepass_waves(pp);
}

static void prepass_free(prepass *pp) {
  relevance_free(pp->rv);
  free(pp->tried);
  free(pp->want);
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
  u = unitcache_lower(rl->cache, cmd, rl->r, rl->fo, &err);
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
  double t_start = now_s(), t_units = 0, t_analysis = 0;
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
  prepass pp;
  memset(&pp, 0, sizeof pp);

  /* Inputs first (a missing file is the likelier mistake), then the configuration,
   * baseline and diff, then the rules. */
  if (make_commands(o, &cmds) != 0 || gate_setup(&g, o, o->files, o->nfiles) != 0 ||
      !(r = load_rules(o, g.cfg)) || gate_check_ids(&g, r) != 0 ||
      check_outputs(o, &cmds, g.cfg) != 0) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  unsigned ncmds = cmds.n;
  t_units = now_s();
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
    pp.o = o;
    pp.cmds = &cmds;
    pp.g = &g;
    pp.r = r;
    pp.fo = &fo;
    pp.cache = cache;
    pp.units = units;
    pp.parse_failed = &parse_failed;
    lrc = lower_relevant(&pp);
    finish_set_more_units(prepass_more, &pp);
  } else {
    unsigned cached = 0, considered = 0;
    lrc = lower_units(o, &cmds, &g, r, &fo, cache, NULL, units, &cached, &parse_failed);
    for (unsigned i = 0; i < ncmds; i++)
      considered += !gate_excluded(&g, cmds.all[i]->file);
    finish_set_counts(considered - cached, 0, cached);
  }
  if (lrc != 0) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  t_analysis = now_s();
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
    status = DRIVER_EXIT_PARSE_ERROR;
  fflush(stdout);
  if (getenv("SSPI_CHECK_SHOW_TIMES"))
    fprintf(stderr,
            "sspi-check: times: inputs %.3f s, units %.3f s (workers from %.3f s), analysis "
            "and report %.3f s; CPU: this process %.3f s, workers %.3f s\n",
            t_units - t_start, t_analysis - t_units, pp.t_workers ? pp.t_workers - t_units : 0,
            now_s() - t_analysis, cpu_s(RUSAGE_SELF), cpu_s(RUSAGE_CHILDREN));

done:
  fe_prefix_plan_free(prefix_plan);
  fe_prefix_dir_remove(prefix_dir);
  free(prefix_dir);
  finish_set_more_units(NULL, NULL);
  prepass_free(&pp);
  unitcache_free(cache);
  gate_free(&g);
  unitstore_free(units);
  free(files);
  cmd_list_free(&cmds);
  if (r)
    rules_free(r);
  return status;
}
