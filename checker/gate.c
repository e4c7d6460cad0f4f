/* gate.c - the CI gate over the finished findings of a run: --checks, --exclude,
 * NOLINT comments, --write-baseline, --diff, --baseline, then the report (text or
 * SARIF on stdout or -o, and the HTML report) and how many findings --fail-on selects.
 */
#define _POSIX_C_SOURCE 200809L
#include "gate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "inputs.h"
#include "out_sarif.h"
#include "suppress.h"
#include "util/outfile.h"

#ifndef SSPI_CHECK_VERSION
#define SSPI_CHECK_VERSION "0.0.0"
#endif

void gate_free(gate *g) {
  config_free(g->cfg);
  free(g->root);
  select_globs_free(g->checks);
  select_globs_free(g->fail_on);
  free(g->exclude);
  baseline_free(g->base);
  select_diff_free(g->diff);
  select_src_free(g->src);
  memset(g, 0, sizeof *g);
}

/* gate_setup: reads the config file (discovered from the cwd, else from the sources
 * srcs), the baseline and the diff (before any parsing, so that a bad file fails
 * fast). Returns 0, or -1 after reporting (exit status 2). */
int gate_setup(gate *g, const options *o, const char *const *srcs, unsigned nsrcs) {
  char err[1200];
  memset(g, 0, sizeof *g);
  g->src = select_src_new();
  if (load_config(o, srcs, nsrcs, &g->cfg) != 0)
    return -1;
  const config *c = g->cfg;
  g->root = select_abspath(o->srcroot ? o->srcroot : ".");
  const char *fmt = o->format ? o->format : (c && c->format) ? c->format : "text";
  g->sarif = strcmp(fmt, "sarif") == 0;
  g->no_stream = o->format_html && !o->format;
  g->output = o->output;
  g->html_dir = o->html_dir;
  g->checks = select_globs_new();
  if (select_globs_add(g->checks, "*", err, sizeof err) != 0 ||
      select_globs_add(g->checks, c ? c->checks : NULL, err, sizeof err) != 0 ||
      select_globs_add(g->checks, o->checks, err, sizeof err) != 0) {
    run_error(err);
    return -1;
  }
  const char *fail = o->fail_on ? o->fail_on : (c && c->fail_on) ? c->fail_on : "any";
  if (!(g->fail_on = select_fail_on(fail, err, sizeof err))) {
    run_error(err);
    return -1;
  }
  unsigned ncfg = c ? c->nexclude : 0;
  g->exclude = calloc(ncfg + o->nexclude + 1, sizeof *g->exclude);
  if (!g->exclude) {
    run_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < ncfg; i++)
    g->exclude[g->nexclude++] = c->exclude[i];
  for (unsigned i = 0; i < o->nexclude; i++)
    g->exclude[g->nexclude++] = o->exclude[i];
  const char *base = o->baseline ? o->baseline : c ? c->baseline : NULL;
  if (base && !(g->base = baseline_load(base, err, sizeof err))) {
    run_error(err);
    return -1;
  }
  if (o->diff && !(g->diff = select_diff_load(o->diff, err, sizeof err))) {
    run_error(err);
    return -1;
  }
  g->warn_unused = o->warn_unused || (c && c->warn_unused > 0);
  return 0;
}

/* gate_excluded: the unit or finding file path matches --exclude. */
int gate_excluded(const gate *g, const char *path) {
  return select_excluded(g->exclude, g->nexclude, g->root, path);
}

/* One finding on its way through the gate, with its fingerprint (borrowed). */
typedef struct gate_item {
  const diag *d;
  const char *fp;
} gate_item;

static int gate_item_cmp(const void *a, const void *b) {
  return select_diag_cmp(((const gate_item *)a)->d, ((const gate_item *)b)->d);
}

/* gate_ids: the enabled check ids (table and rule kinds), for judging NOLINT lists.
 * Owned array of borrowed strings in *ids. */
static unsigned gate_ids(const gate *g, const rules *r, const char ***ids) {
  unsigned cap = checks_count() + r->nkinds, n = 0;
  const char **v = calloc(cap ? cap : 1, sizeof *v);
  for (unsigned i = 0; v && i < checks_count(); i++)
    if (select_globs_enabled(g->checks, checks_at(i)->id))
      v[n++] = checks_at(i)->id;
  for (unsigned k = 0; v && k < r->nkinds; k++)
    if (r->kinds[k].leak_check && !checks_find(r->kinds[k].leak_check) &&
        select_globs_enabled(g->checks, r->kinds[k].leak_check))
      v[n++] = r->kinds[k].leak_check;
  *ids = v;
  return v ? n : 0;
}

int gate_check_ids(const gate *g, const rules *r) {
  unsigned cap = checks_count() + r->nkinds, n = 0;
  const char **v = calloc(cap ? cap : 1, sizeof *v);
  if (!v)
    return 0;
  for (unsigned i = 0; i < checks_count(); i++)
    v[n++] = checks_at(i)->id;
  for (unsigned k = 0; k < r->nkinds; k++)
    if (r->kinds[k].leak_check)
      v[n++] = r->kinds[k].leak_check;
  const char *bad = select_globs_unmatched(g->fail_on, v, n);
  free(v);
  if (!bad)
    return 0;
  char err[600];
  snprintf(err, sizeof err, "--fail-on: '%s' matches no check id (the ids are listed in README.md, 'Checks')",
           bad);
  run_error(err);
  return -1;
}

/* gate_report: the whole gate over the finished findings of all units:
 * --checks/--exclude -> NOLINT -> (--write-baseline) -> --diff -> --baseline -> the
 * report (text or SARIF, stdout or -o) -> how many findings --fail-on selects (in
 * *failing). files are the main files of the run's units (NOLINT comments are looked
 * for in all of them). Returns the number reported, or -1 after reporting an error. */
int gate_report(gate *g, const options *o, const rules *r, const char *const *files,
                       unsigned nfiles, const diag_set *all, int exec_ok, unsigned *failing) {
  char err[1200];
  int rc = -1;
  unsigned n = diag_count(all);
  char **fps = baseline_fingerprints(all, g->root, g->src);
  suppress *sup = suppress_new(g->src);
  diag_set *gen = diag_set_new(), *final = diag_set_new();
  char **gfps = NULL;
  const char **ids = NULL;
  gate_item *items = NULL;
  const char **ffps = NULL;
  FILE *out = stdout;
  outfile of; /* -o: written beside the target, renamed over it when complete */
  memset(&of, 0, sizeof of);

  /* every analysed file, so that unused and unmatched NOLINTs are seen everywhere */
  for (unsigned i = 0; i < nfiles; i++)
    if (!gate_excluded(g, files[i]))
      suppress_scan_file(sup, files[i]);
  unsigned nids = gate_ids(g, r, &ids);
  items = calloc(n + 1, sizeof *items);
  if (!items)
    goto done;
  unsigned k = 0;
  for (unsigned i = 0; i < n; i++) {
    const diag *d = diag_get(all, i);
    if (!select_globs_enabled(g->checks, d->check) ||
        (d->loc.file && gate_excluded(g, d->loc.file)) ||
        suppress_match(sup, d->loc.file, d->loc.line, d->check))
      continue;
    items[k].d = d;
    items[k++].fp = fps[i];
  }
  suppress_report(sup, g->warn_unused, ids, nids, gen);
  diag_finish(gen);
  unsigned ngen = diag_count(gen);
  gfps = baseline_fingerprints(gen, g->root, g->src);
  gate_item *grown = realloc(items, (k + ngen + 1) * sizeof *items);
  if (!grown)
    goto done;
  items = grown;
  for (unsigned i = 0; i < ngen; i++) {
    const diag *d = diag_get(gen, i);
    if (!select_globs_enabled(g->checks, d->check))
      continue;
    items[k].d = d;
    items[k++].fp = gfps[i];
  }
  qsort(items, k, sizeof *items, gate_item_cmp);

  if (o->write_baseline) {
    const diag **ds = calloc(k + 1, sizeof *ds);
    const char **fs = calloc(k + 1, sizeof *fs);
    int wrc = -1;
    if (ds && fs) {
      for (unsigned i = 0; i < k; i++) {
        ds[i] = items[i].d;
        fs[i] = items[i].fp;
      }
      wrc = baseline_write(o->write_baseline, ds, fs, k, g->root, err, sizeof err);
    } else {
      snprintf(err, sizeof err, "out of memory");
    }
    free(ds);
    free(fs);
    if (wrc != 0) {
      run_error(err);
      goto done;
    }
  }

  ffps = calloc(k + 1, sizeof *ffps);
  if (!ffps)
    goto done;
  unsigned nf = 0;
  *failing = 0;
  for (unsigned i = 0; i < k; i++) {
    const diag *d = items[i].d;
    if (g->diff && !select_diff_touches(g->diff, g->root, d))
      continue;
    if (g->base && baseline_has(g->base, items[i].fp))
      continue;
    diag_add(final, d);
    ffps[nf++] = items[i].fp;
    if (select_globs_enabled(g->fail_on, d->check))
      (*failing)++;
  }

  if (g->no_stream)
    goto html;
  if (g->output && !(out = outfile_open(&of, g->output, err, sizeof err))) {
    run_error(err);
    out = NULL;
    goto done;
  }
  int werr;
  if (g->sarif) {
    out_sarif_opts so;
    memset(&so, 0, sizeof so);
    so.srcroot = g->root;
    so.version = SSPI_CHECK_VERSION;
    so.rules = r;
    so.fingerprints = ffps;
    so.src = g->src;
    so.execution_successful = exec_ok;
    werr = out_sarif_write(out, final, &so) != 0;
  } else {
    diag_print_text(out, final, out == stdout && options_use_color(o, stdout));
    werr = ferror(out);
  }
  if (out != stdout) {
    out = NULL;
    if (werr) {
      snprintf(err, sizeof err, "%s: write error", g->output);
      outfile_discard(&of);
    }
    if (werr || outfile_commit(&of, err, sizeof err) != 0) {
      run_error(err);
      goto done;
    }
  } else {
    werr |= fflush(out) != 0;
    out = NULL;
    if (werr) {
      snprintf(err, sizeof err, "<stdout>: write error");
      run_error(err);
      goto done;
    }
  }
html:
  if (g->html_dir) {
    g->html.srcroot = g->root;
    g->html.src = g->src;
    if (html_report_write(g->html_dir, final, &g->html, err, sizeof err) != 0) {
      run_error(err);
      goto done;
    }
  }
  rc = (int)nf;
done:
  if (out && out != stdout)
    outfile_discard(&of);
  free(ffps);
  free(items);
  free(ids);
  baseline_fingerprints_free(gfps, gfps ? diag_count(gen) : 0);
  baseline_fingerprints_free(fps, n);
  diag_set_free(final);
  diag_set_free(gen);
  suppress_free(sup);
  return rc;
}
