/* driver.c - one run: rules -> commands -> (parse, lower) per unit -> whole-build
 * analysis -> sorted findings -> text on stdout.
 *
 * One broken unit never hides the others: its first clang error is reported on
 * stderr, the unit is skipped, and the run ends with DRIVER_EXIT_PARSE_ERROR.
 * Units are kept in memory between lowering and checking so that function summaries
 * can flow between them (a wrapper defined in one file, called in another).
 */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "checks.h"
#include "config.h"
#include "diag.h"
#include "engine/engine.h"
#include "engine/program.h"
#include "engine/summary.h"
#include "fe/fe.h"
#include "ir.h"
#include "out_sarif.h"
#include "progress.h"
#include "rules.h"
#include "select.h"
#include "suppress.h"

#ifndef SSPI_CHECK_VERSION
#define SSPI_CHECK_VERSION "0.0.0"
#endif

/* Rounds of cross-unit summary propagation before the final check (a wrapper chain
 * spanning more units than this is seen as far as the rounds reached). */
#define DRIVER_SUMMARY_ROUNDS 3

static void print_error(const char *msg) {
  fprintf(stderr, "sspi-check: error: %s\n", msg);
}

/* load_rules: the bundled defaults, the config file's rules, then every --rules
 * file. NULL after reporting. */
static rules *load_rules(const options *o, const config *cfg) {
  rules *r = rules_new();
  char err[1024];
  const char *def = rules_default_path();
  if (!def || rules_load_file(r, def, err, sizeof err) != 0) {
    if (!def)
      snprintf(err, sizeof err, "no default rules file found (set SSPI_CHECK_RULES)");
    print_error(err);
    rules_free(r);
    return NULL;
  }
  for (unsigned i = 0; cfg && i < cfg->nrules; i++) {
    if (rules_load_file(r, cfg->rules[i], err, sizeof err) != 0) {
      print_error(err);
      rules_free(r);
      return NULL;
    }
  }
  for (unsigned i = 0; i < o->nrules; i++) {
    if (rules_load_file(r, o->rules[i], err, sizeof err) != 0) {
      print_error(err);
      rules_free(r);
      return NULL;
    }
  }
  return r;
}

/* check_input_file: 0 when path names a readable regular file; else reports it. */
static int check_input_file(const char *path) {
  struct stat st;
  char msg[1200];
  if (stat(path, &st) != 0 || access(path, R_OK) != 0) {
    snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
    print_error(msg);
    return -1;
  }
  if (S_ISDIR(st.st_mode)) {
    snprintf(msg, sizeof msg, "%s: is a directory", path);
    print_error(msg);
    return -1;
  }
  return 0;
}

/* The compile commands of a run: a database's array, or one command per file. */
typedef struct cmd_list {
  fe_cmd *db;           /* owned (fe_cmd_free(db, ndb)) */
  unsigned ndb;
  fe_cmd **singles;     /* owned, each from fe_cmd_for_file (fe_cmd_free(c, 1)) */
  unsigned nsingles;
  const fe_cmd **all;   /* owned array of borrowed pointers, in command-line order */
  unsigned n;
} cmd_list;

static void cmd_list_free(cmd_list *l) {
  if (l->db)
    fe_cmd_free(l->db, l->ndb);
  for (unsigned i = 0; i < l->nsingles; i++)
    fe_cmd_free(l->singles[i], 1);
  free(l->singles);
  free(l->all);
  memset(l, 0, sizeof *l);
}

/* make_commands: fills *l with the commands of this run, or returns -1 after
 * reporting a bad database or an unreadable file. */
static int make_commands(const options *o, cmd_list *l) {
  char err[1200];
  memset(l, 0, sizeof *l);
  if (o->build_dir) {
    if (fe_cdb_load(o->build_dir, o->files, o->nfiles, &l->db, &l->ndb, err, sizeof err) != 0) {
      print_error(err);
      return -1;
    }
    if (l->ndb == 0) {
      snprintf(err, sizeof err, "%s/compile_commands.json: no compile commands", o->build_dir);
      print_error(err);
      return -1;
    }
    l->all = calloc(l->ndb, sizeof *l->all);
    if (!l->all) {
      print_error("out of memory");
      return -1;
    }
    for (unsigned i = 0; i < l->ndb; i++)
      l->all[l->n++] = &l->db[i];
    return 0;
  }
  int bad = 0;
  for (unsigned i = 0; i < o->nfiles; i++)
    bad |= check_input_file(o->files[i]) != 0;
  if (bad)
    return -1;
  l->singles = calloc(o->nfiles, sizeof *l->singles);
  l->all = calloc(o->nfiles, sizeof *l->all);
  if (!l->singles || !l->all) {
    print_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < o->nfiles; i++) {
    fe_cmd *c = fe_cmd_for_file(o->files[i], 0, NULL);
    if (!c) {
      snprintf(err, sizeof err, "%s: cannot build a compile command", o->files[i]);
      print_error(err);
      return -1;
    }
    l->singles[l->nsingles++] = c;
    l->all[l->n++] = c;
  }
  return 0;
}

/* analyse: the whole-build check of the lowered units; findings into out. */
static void analyse(ir_unit **units, unsigned n, const rules *r, const engine_opts *eo,
                    diag_set *out) {
  sumtab *sums = sumtab_new();
  prog *pg = prog_new();
  if (n > 1) {
    /* Let summaries cross units: callee units may come after their callers. */
    for (unsigned round = 0; round < DRIVER_SUMMARY_ROUNDS; round++) {
      int changed = 0;
      for (unsigned i = 0; i < n; i++)
        if (units[i])
          changed |= engine_summarize_unit(units[i], r, eo, sums);
      if (!changed)
        break;
    }
  }
  for (unsigned i = 0; i < n; i++)
    if (units[i])
      engine_check_unit_with(units[i], r, eo, sums, pg, out, stderr);
  prog_report(pg, r, out);
  prog_free(pg);
  sumtab_free(sums);
}

/* ---- the CI gate: selection, suppressions, diff, baseline, report, status ---- */

/* The gate's settings: the command line over .sspi-check.yaml over the defaults. */
typedef struct gate {
  config *cfg;            /* owned, NULL when no config file is used */
  char *root;             /* owned absolute --srcroot */
  int sarif;
  const char *output;     /* NULL: stdout */
  select_globs *checks;   /* owned: "*", then the config's list, then --checks */
  select_globs *fail_on;  /* owned */
  const char **exclude;   /* owned array of borrowed strings: config's, then --exclude */
  unsigned nexclude;
  baseline *base;         /* owned, NULL without --baseline */
  select_diff *diff;      /* owned, NULL without --diff */
  int warn_unused;
  select_src *src;        /* owned source cache (fingerprints, NOLINT, SARIF columns) */
} gate;

static void gate_free(gate *g) {
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

/* gate_setup: reads the config file, the baseline and the diff (before any parsing,
 * so that a bad file fails fast). Returns 0, or -1 after reporting (exit status 2). */
static int gate_setup(gate *g, const options *o) {
  char err[1200];
  memset(g, 0, sizeof *g);
  g->src = select_src_new();
  char *cfg_path = NULL;
  if (o->config)
    cfg_path = strdup(o->config);
  else if (!o->no_config)
    cfg_path = config_discover(o->files, o->nfiles);
  if (cfg_path) {
    g->cfg = config_load(cfg_path, err, sizeof err);
    free(cfg_path);
    if (!g->cfg) {
      print_error(err);
      return -1;
    }
  }
  const config *c = g->cfg;
  g->root = select_abspath(o->srcroot ? o->srcroot : ".");
  const char *fmt = o->format ? o->format : (c && c->format) ? c->format : "text";
  g->sarif = strcmp(fmt, "sarif") == 0;
  g->output = o->output;
  g->checks = select_globs_new();
  if (select_globs_add(g->checks, "*", err, sizeof err) != 0 ||
      select_globs_add(g->checks, c ? c->checks : NULL, err, sizeof err) != 0 ||
      select_globs_add(g->checks, o->checks, err, sizeof err) != 0) {
    print_error(err);
    return -1;
  }
  const char *fail = o->fail_on ? o->fail_on : (c && c->fail_on) ? c->fail_on : "any";
  if (!(g->fail_on = select_fail_on(fail, err, sizeof err))) {
    print_error(err);
    return -1;
  }
  unsigned ncfg = c ? c->nexclude : 0;
  g->exclude = calloc(ncfg + o->nexclude + 1, sizeof *g->exclude);
  if (!g->exclude) {
    print_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < ncfg; i++)
    g->exclude[g->nexclude++] = c->exclude[i];
  for (unsigned i = 0; i < o->nexclude; i++)
    g->exclude[g->nexclude++] = o->exclude[i];
  const char *base = o->baseline ? o->baseline : c ? c->baseline : NULL;
  if (base && !(g->base = baseline_load(base, err, sizeof err))) {
    print_error(err);
    return -1;
  }
  if (o->diff && !(g->diff = select_diff_load(o->diff, err, sizeof err))) {
    print_error(err);
    return -1;
  }
  g->warn_unused = o->warn_unused || (c && c->warn_unused > 0);
  return 0;
}

/* gate_excluded: the unit or finding file path matches --exclude. */
static int gate_excluded(const gate *g, const char *path) {
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

/* gate_report: the whole gate over the finished findings of all units:
 * --checks/--exclude -> NOLINT -> (--write-baseline) -> --diff -> --baseline -> the
 * report (text or SARIF, stdout or -o) -> how many findings --fail-on selects (in
 * *failing). Returns the number reported, or -1 after reporting an error. */
static int gate_report(gate *g, const options *o, const rules *r, const cmd_list *cmds,
                       const diag_set *all, int exec_ok, unsigned *failing) {
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

  /* every analysed file, so that unused and unmatched NOLINTs are seen everywhere */
  for (unsigned i = 0; i < cmds->n; i++)
    if (!gate_excluded(g, cmds->all[i]->file))
      suppress_scan_file(sup, cmds->all[i]->file);
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
      print_error(err);
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

  if (g->output && !(out = fopen(g->output, "w"))) {
    snprintf(err, sizeof err, "%s: %s", g->output, strerror(errno));
    print_error(err);
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
  werr |= fflush(out) != 0;
  if (out != stdout)
    werr |= fclose(out) != 0;
  out = NULL;
  if (werr) {
    snprintf(err, sizeof err, "%s: write error", g->output ? g->output : "<stdout>");
    print_error(err);
    goto done;
  }
  rc = (int)nf;
done:
  if (out && out != stdout)
    fclose(out);
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

int driver_run(const options *o) {
  int status = DRIVER_EXIT_CLEAN;
  rules *r = NULL;
  cmd_list cmds;
  memset(&cmds, 0, sizeof cmds);
  ir_unit **units = NULL;
  diag_set *findings = NULL;
  int parse_failed = 0;
  gate g;
  memset(&g, 0, sizeof g);
  progress *prog = NULL;

  /* Inputs first (a missing file is the likelier mistake), then the configuration,
   * baseline and diff, then the rules. */
  if (make_commands(o, &cmds) != 0 || gate_setup(&g, o) != 0 ||
      !(r = load_rules(o, g.cfg))) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  unsigned ncmds = cmds.n;
  units = calloc(ncmds, sizeof *units);
  if (!units) {
    print_error("out of memory");
    status = DRIVER_EXIT_USAGE;
    goto done;
  }

  fe_opts fo;
  memset(&fo, 0, sizeof fo);
  fo.nextra = o->nextra;
  fo.extra = o->extra;
  prog = progress_new(stderr, ncmds, o->quiet || o->dump_ir);
  for (unsigned i = 0; i < ncmds; i++) {
    char *err = NULL;
    if (gate_excluded(&g, cmds.all[i]->file))
      continue; /* --exclude: not even parsed */
    progress_unit(prog, i + 1, cmds.all[i]->file);
    units[i] = fe_lower(cmds.all[i], r, &fo, &err);
    if (!units[i]) {
      progress_clear(prog);
      print_error(err ? err : cmds.all[i]->file);
      parse_failed = 1;
    }
    free(err);
    if (units[i] && o->dump_ir) {
      ir_dump(stdout, units[i]);
      ir_unit_free(units[i]);
      units[i] = NULL;
    }
  }

  progress_free(prog);
  prog = NULL;
  if (!o->dump_ir) {
    findings = diag_set_new();
    analyse(units, ncmds, r, &o->engine, findings);
    diag_finish(findings);
    unsigned failing = 0;
    int nfound = gate_report(&g, o, r, &cmds, findings, !parse_failed, &failing);
    if (nfound < 0) {
      status = DRIVER_EXIT_USAGE;
      goto done;
    }
    if (isatty(fileno(stderr)) && !o->quiet)
      fprintf(stderr, "%d warning%s in %u file%s\n", nfound, nfound == 1 ? "" : "s", ncmds,
              ncmds == 1 ? "" : "s");
    if (failing)
      status = DRIVER_EXIT_FINDINGS;
  }
  fflush(stdout);
  if (parse_failed)
    status = DRIVER_EXIT_PARSE_ERROR;

done:
  progress_free(prog);
  gate_free(&g);
  if (units)
    for (unsigned i = 0; i < cmds.n; i++)
      if (units[i])
        ir_unit_free(units[i]);
  free(units);
  if (findings)
    diag_set_free(findings);
  cmd_list_free(&cmds);
  if (r)
    rules_free(r);
  return status;
}
