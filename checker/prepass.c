/* prepass.c - the relevance pre-pass of a -p run: the units are token-scanned
 * (relevance.c, relscan.c) and lowered in waves, what each lowered unit makes relevant
 * joining the next (with -j, the pool's queue while the workers parse), to the
 * fixpoint; the analysis may ask for more (prepass_more). The rules of relevance are
 * relevance.h's; this file only runs them over a build. */
#define _POSIX_C_SOURCE 200809L
#include "prepass.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finish.h"
#include "lowering.h"
#include "pool.h"
#include "progress.h"
#include "relevance.h"
#include "util/xalloc.h"

static void learn(void *rv, unsigned i, const ir_unit *u) {
  (void)i;
  relevance_learn(rv, u);
}

/* Before the scan ends, a unit found wanted whose shared prefix no unit given so far
 * has (or that has none) is given at once, up to one per worker: the first worker
 * builds its PCH, the second idled until the scan's end (curl: 40-60 ms) while a unit
 * of the same prefix would only have waited for that PCH. */
#define PREPASS_MAX_STARTERS 64u

/* The relevance pre-pass of a run (relevance.h) and what it has lowered so far. */
struct prepass {
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
  unsigned nstarters;   /* units given before the scan ended (at most the workers) */
  uint64_t starter_group[PREPASS_MAX_STARTERS]; /* their shared prefixes (0: none) */
  double t_workers;     /* when the workers were started (progress_now; 0: not) */
};

/* With workers, the token scan goes on while they parse: the first call scans units
 * until one is wanted (the workers start on it: a PCH is usually its first job),
 * later ones PREPASS_SCAN_CHUNK units each and give nothing until the scan is done
 * but a unit for an idle worker (starter, below), asking to be called again
 * (pool_more_fn); the rest of the first wave is then given
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

/* give: unit i is handed out (tried); a unit the cache has is put at once, else it goes
 * to out[*n] to be lowered. */
static void give(prepass *pp, unsigned i, unsigned *out, unsigned *n) {
  pp->tried[i] = 1;
  pp->want[i] = 0;
  pp->lowered++;
  ir_unit *u = pp->cache ? unitcache_get(pp->cache, pp->cmds->all[i], pp->fo) : NULL;
  if (u) {
    unitstore_put_reloadable(pp->units, i, u); /* learnt from at once */
    pp->cached++;
  } else {
    out[(*n)++] = i;
  }
}

/* group: the shared prefix unit i is planned for (0: none). */
static uint64_t group(const prepass *pp, unsigned i) {
  return pp->fo && pp->fo->prefix ? fe_prefix_plan_group(pp->fo->prefix, pp->cmds->all[i]) : 0;
}

/* starter: a wanted unit among those scanned from `from` on whose prefix is new, given
 * while workers may idle (PREPASS_MAX_STARTERS); 0 or 1 units into out. */
static unsigned starter(prepass *pp, unsigned from, unsigned *out) {
  unsigned n = 0, njobs = pool_jobs(pp->o);
  for (unsigned i = from; i < pp->scanned && !n; i++) {
    if (pp->nstarters >= njobs || pp->nstarters >= PREPASS_MAX_STARTERS)
      break;
    if (pp->tried[i] || !relevance_wanted(pp->rv, i))
      continue;
    uint64_t g = group(pp, i);
    int seen = 0;
    for (unsigned k = 0; g && k < pp->nstarters && !seen; k++)
      seen = pp->starter_group[k] == g;
    if (seen)
      continue;
    give(pp, i, out, &n);
    if (!n)
      continue; /* from the cache: no worker needed */
    pp->starter_group[pp->nstarters++] = g;
    if (getenv("SSPI_CHECK_SHOW_RELEVANCE")) /* debugging aid, as for the workers' start */
      fprintf(stderr, "sspi-check: relevance: unit %u given to a worker after scanning %u of %u units\n",
              i, pp->scanned, pp->cmds->n);
  }
  return n;
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
    unsigned from = pp->scanned;
    scan_some(pp, 0, PREPASS_SCAN_CHUNK);
    if (pp->scanned < pp->cmds->n) {
      *again = 1;
      return cap ? starter(pp, from, out) : 0;
    }
  }
  pp->started = 1;
  while (pp->look || relevance_generation(pp->rv) != pp->seen) {
    pp->look = 0;
    pp->seen = relevance_generation(pp->rv);
    for (unsigned i = 0; i < pp->scanned && n < cap; i++) {
      if (pp->tried[i] || (!pp->want[i] && !relevance_wanted(pp->rv, i)))
        continue;
      unsigned had = n;
      give(pp, i, out, &n);
      /* the first unit, given to a worker before the scan ends, is a starter too */
      if (n > had && pp->stream && pp->scanned < pp->cmds->n && pp->nstarters < PREPASS_MAX_STARTERS)
        pp->starter_group[pp->nstarters++] = group(pp, i);
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
    if (nfirst && !pp->t_workers) {
      pp->t_workers = progress_now();
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
      lowering_serial(pp->o, pp->cmds, pp->g, pp->r, pp->fo, pp->cache, mask, pp->units,
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

/* prepass_more: see prepass.h. */
unsigned prepass_more(void *ctx, const char *const *types, unsigned n) {
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

/* prepass_new: see prepass.h. */
prepass *prepass_new(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                     const fe_opts *fo, unitcache *cache, unitstore *units, int *parse_failed) {
  prepass *pp = calloc(1, sizeof *pp);
  if (!pp)
    return NULL;
  pp->o = o;
  pp->cmds = cmds;
  pp->g = g;
  pp->r = r;
  pp->fo = fo;
  pp->cache = cache;
  pp->units = units;
  pp->parse_failed = parse_failed;
  return pp;
}

/* prepass_run: see prepass.h. */
int prepass_run(prepass *pp) {
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

double prepass_workers_started(const prepass *pp) { return pp ? pp->t_workers : 0; }

void prepass_free(prepass *pp) {
  if (!pp)
    return;
  relevance_free(pp->rv);
  free(pp->tried);
  free(pp->want);
  free(pp);
}
