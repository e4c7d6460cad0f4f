/* finish.c - the link step shared by every way of running: the whole-build
 * analysis of lowered units (summaries cross units), --stats, then the gate and the
 * report, and the exit status.
 */
#define _POSIX_C_SOURCE 200809L
#include "finish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"
#include "engine/engine.h"
#include "engine/program.h"
#include "engine/summary.h"
#include "inputs.h"
#include "unitstore.h"

static finish_more_fn more_fn;
static void *more_ctx;

void finish_set_more_units(finish_more_fn fn, void *ctx) {
  more_fn = fn;
  more_ctx = ctx;
}

#define FINISH_MAX_TYPES 64u

/* analyse: the whole-build check of the units in the store (header functions lowered
 * by several units walked once); findings into out, notices of functions cut short
 * into errs. Returns the number of those functions. A second analysis when the
 * pre-pass left out units that the first one shows can matter (finish_set_more_units):
 * the first one's findings and notices are then dropped. */
static unsigned analyse(unitstore *units, const rules *r, const engine_opts *eo, diag_set *out,
                        FILE *errs) {
  unsigned cut = 0;
  for (int round = 0; round < 2; round++) {
    int last = round == 1 || !more_fn;
    char *ebuf = NULL;
    size_t elen = 0;
    FILE *e = last ? errs : open_memstream(&ebuf, &elen);
    if (!e)
      e = errs, last = 1;
    eskel *sk = unitstore_skeleton(units);
    sumtab *sums = sumtab_new();
    sumtab_set_members(sums, eskel_members(sk)); /* constants stored in struct members */
    prog *pg = prog_new();
    engine_source src = unitstore_source(units);
    diag_set *found = diag_set_new();
    cut = engine_check_build(sk, &src, r, eo, sums, pg, found, e);
    int again = 0;
    if (!last) {
      const char *types[FINISH_MAX_TYPES];
      unsigned n = prog_unreleased_types(pg, types, FINISH_MAX_TYPES);
      if (n > FINISH_MAX_TYPES)
        n = FINISH_MAX_TYPES; /* the rest are asked for by the same units, or reported */
      again = n && unitstore_rewind(units) == 0 && more_fn(more_ctx, types, n) > 0;
      fclose(e);
      if (!again && ebuf)
        fputs(ebuf, errs);
      free(ebuf);
    }
    if (!again) {
      prog_report(pg, r, found);
      diag_merge(out, found);
    }
    diag_set_free(found);
    prog_free(pg);
    sumtab_free(sums);
    if (!again)
      break;
  }
  return cut;
}

static unsigned n_parsed, n_skipped, n_cached;
static int have_counts;

void finish_set_counts(unsigned parsed, unsigned skipped, unsigned cached) {
  n_parsed = parsed;
  n_skipped = skipped;
  n_cached = cached;
  have_counts = 1;
}

/* print_stats: the --stats line (and with --stats=unknown every unknown branch first:
 * the store then kept every unit in memory). */
static void print_stats(const options *o, unitstore *units, unsigned n, unsigned cut) {
  ir_stats st;
  memset(&st, 0, sizeof st);
  eskel_stats(unitstore_skeleton(units), &st);
  if (o->stats > 1) {
    /* the store kept every unit; a header function lowered by several units is listed
     * once, like it is counted */
    eskel *sk = unitstore_skeleton(units);
    ir_stats listed;
    memset(&listed, 0, sizeof listed);
    for (unsigned i = 0; i < n; i++) {
      const ir_unit *u = unitstore_resident(units, i);
      for (unsigned f = 0; u && f < u->nfuncs; f++)
        if (!eskel_is_copy(sk, i, f))
          ir_func_stats(&u->funcs[f], &listed, stderr, u->main_file);
    }
  }
  fprintf(stderr,
          "sspi-check: stats: units=%lu functions=%lu blocks=%lu branches=%lu "
          "unknown-branches=%lu capped-functions=%u",
          st.units, st.functions, st.blocks, st.branches, st.unknown, cut);
  if (have_counts)
    fprintf(stderr, " parsed=%u skipped=%u cached=%u spilled=%u", n_parsed, n_skipped, n_cached,
            unitstore_spilled(units));
  fputc('\n', stderr);
}

/* ---- the link step: analysis, gate and report of lowered units ---- */

/* What the HTML report tells about the run besides the findings: the version, the
 * command line, the units that did not parse and the notices of functions cut short
 * (kept from the analysis' notices, which still go to stderr as they would). */
typedef struct html_notes {
  FILE *errs;        /* where the analysis writes its notices */
  char *buf;         /* owned text of the notices (open_memstream) */
  size_t len;
  char *version;     /* owned "sspi-check X (libclang Y)" */
  const char **failed, **capped; /* owned arrays of borrowed strings */
} html_notes;

static void html_notes_begin(html_notes *h, gate *g, const options *o,
                             const char *const *files, const unitstore *units, unsigned nunits) {
  memset(h, 0, sizeof *h);
  h->errs = stderr;
  if (!g->html_dir)
    return;
  FILE *v = open_memstream(&h->version, &h->len);
  if (v) {
    options_print_version(v);
    fclose(v);
    h->version[strcspn(h->version, "\n")] = '\0';
  }
  h->failed = calloc(nunits + 1, sizeof *h->failed);
  if (!h->failed)
    return;
  for (unsigned i = 0; i < nunits; i++) {
    if (unitstore_has(units, i))
      continue;
    if (gate_excluded(g, files[i]))
      g->html.nexcluded++;
    else
      h->failed[g->html.nfailed++] = files[i];
  }
  g->html.version = h->version;
  g->html.argc = o->argc;
  g->html.argv = o->argv;
  g->html.nunits = nunits;
  g->html.failed = h->failed;
  FILE *m = open_memstream(&h->buf, &h->len);
  if (m)
    h->errs = m;
}

/* html_notes_end: passes the notices on to stderr and keeps them, one per line. */
static void html_notes_end(html_notes *h, gate *g) {
  if (h->errs == stderr)
    return;
  fclose(h->errs);
  h->errs = stderr;
  if (!h->buf)
    return;
  fputs(h->buf, stderr);
  unsigned n = 0;
  for (char *p = h->buf; *p; p++)
    n += *p == '\n';
  h->capped = calloc(n + 1, sizeof *h->capped);
  for (char *p = h->buf; h->capped && *p;) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    if (*p)
      h->capped[g->html.ncapped++] = p;
    if (!nl)
      break;
    p = nl + 1;
  }
  g->html.capped = h->capped;
}

static void html_notes_free(html_notes *h) {
  free(h->buf);
  free(h->version);
  free(h->failed);
  free(h->capped);
}

/* finish_run: analyses the units of the store together (those never put: not parsed,
 * excluded or broken), then gates and reports. files are the main files of the run
 * (NOLINT scanning, the summary line), one per unit. Returns the exit status. */
int finish_run(gate *g, const options *o, const rules *r, const char *const *files,
               unsigned nfiles, unitstore *units, int parse_failed) {
  unsigned nunits = nfiles;
  int status = DRIVER_EXIT_CLEAN;
  diag_set *findings = diag_set_new();
  html_notes notes;
  html_notes_begin(&notes, g, o, files, units, nunits);
  unsigned cut = analyse(units, r, &o->engine, findings, notes.errs);
  html_notes_end(&notes, g);
  if (o->stats)
    print_stats(o, units, nunits, cut);
  diag_finish(findings);
  unsigned failing = 0;
  int nfound = gate_report(g, o, r, files, nfiles, findings, !parse_failed, &failing);
  diag_set_free(findings);
  html_notes_free(&notes);
  if (nfound < 0)
    return DRIVER_EXIT_USAGE;
  if (isatty(fileno(stderr)) && !o->quiet)
    fprintf(stderr, "%d warning%s in %u file%s\n", nfound, nfound == 1 ? "" : "s", nfiles,
            nfiles == 1 ? "" : "s");
  if (failing)
    status = DRIVER_EXIT_FINDINGS;
  fflush(stdout);
  if (parse_failed)
    status = units_failed_status(parse_failed);
  if (unitstore_failed(units))
    status = DRIVER_EXIT_USAGE; /* a unit could not be read back: reported, not analysed */
  return status;
}
