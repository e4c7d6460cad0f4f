/* driver.c - one run: rules -> commands -> (parse, lower) per unit -> whole-build
 * analysis -> sorted findings -> text on stdout.
 *
 * One broken unit never hides the others: its first clang error is reported on
 * stderr, the unit is skipped, and the run ends with DRIVER_EXIT_PARSE_ERROR.
 * Units are kept in memory between lowering and checking so that function summaries
 * can flow between them (a wrapper defined in one file, called in another).
 *
 * The per-unit step (parse + lower) and the link step (analyse + report) can also run
 * apart: --emit-unit writes one lowered unit as a unit file (ir_io.h), --link reads
 * unit files and runs exactly the analysis and report of a normal run, and -j N runs
 * the per-unit step in N forked worker processes that hand their units back to the
 * parent as unit files in a private temporary directory.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "driver.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
#include "ir_io.h"
#include "out_html.h"
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

/* analyse: the whole-build check of the lowered units; findings into out, notices of
 * functions cut short into errs. Returns the number of those functions. */
static unsigned analyse(ir_unit **units, unsigned n, const rules *r, const engine_opts *eo,
                        diag_set *out, FILE *errs) {
  unsigned cut = 0;
  ir_units_drop_duplicates(units, n); /* header functions: once per run */
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
      cut += engine_check_unit_with(units[i], r, eo, sums, pg, out, errs);
  prog_report(pg, r, out);
  prog_free(pg);
  sumtab_free(sums);
  return cut;
}

/* print_stats: the --stats line (and with --stats=unknown every unknown branch first). */
static void print_stats(const options *o, ir_unit **units, unsigned n, unsigned cut) {
  ir_stats st;
  memset(&st, 0, sizeof st);
  for (unsigned i = 0; i < n; i++)
    ir_unit_stats(units[i], &st, o->stats > 1 ? stderr : NULL);
  fprintf(stderr,
          "sspi-check: stats: units=%lu functions=%lu blocks=%lu branches=%lu "
          "unknown-branches=%lu capped-functions=%u\n",
          st.units, st.functions, st.blocks, st.branches, st.unknown, cut);
}

/* load_config: --config FILE, else the .sspi-check.yaml found from the cwd or from the
 * sources srcs (none with --no-config). 0 with *out owned (NULL: no file), or -1
 * after reporting. */
static int load_config(const options *o, const char *const *srcs, unsigned nsrcs,
                       config **out) {
  char err[1200];
  char *cfg_path = NULL;
  *out = NULL;
  if (o->config)
    cfg_path = strdup(o->config);
  else if (!o->no_config)
    cfg_path = config_discover(srcs, nsrcs);
  if (!cfg_path)
    return 0;
  *out = config_load(cfg_path, err, sizeof err);
  free(cfg_path);
  if (!*out) {
    print_error(err);
    return -1;
  }
  return 0;
}

/* ---- the CI gate: selection, suppressions, diff, baseline, report, status ---- */

/* The gate's settings: the command line over .sspi-check.yaml over the defaults. */
typedef struct gate {
  config *cfg;            /* owned, NULL when no config file is used */
  char *root;             /* owned absolute --srcroot */
  int sarif;
  int no_stream;          /* --format=html alone: no text or SARIF report */
  const char *output;     /* NULL: stdout */
  const char *html_dir;   /* the HTML report's directory, NULL: none */
  html_run html;          /* what the HTML report says about the run (finish_run) */
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

/* gate_setup: reads the config file (discovered from the cwd, else from the sources
 * srcs), the baseline and the diff (before any parsing, so that a bad file fails
 * fast). Returns 0, or -1 after reporting (exit status 2). */
static int gate_setup(gate *g, const options *o, const char *const *srcs, unsigned nsrcs) {
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
 * *failing). files are the main files of the run's units (NOLINT comments are looked
 * for in all of them). Returns the number reported, or -1 after reporting an error. */
static int gate_report(gate *g, const options *o, const rules *r, const char *const *files,
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

  if (g->no_stream)
    goto html;
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
html:
  if (g->html_dir) {
    g->html.srcroot = g->root;
    g->html.src = g->src;
    if (html_report_write(g->html_dir, final, &g->html, err, sizeof err) != 0) {
      print_error(err);
      goto done;
    }
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
                             const char *const *files, ir_unit **units, unsigned nunits) {
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
    if (units[i])
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

/* finish_run: analyses units[0..nunits) together (NULL entries: not parsed, excluded
 * or broken), then gates and reports. files are the main files of the run (NOLINT
 * scanning, the summary line). Returns the exit status. */
static int finish_run(gate *g, const options *o, const rules *r, const char *const *files,
                      unsigned nfiles, ir_unit **units, unsigned nunits, int parse_failed) {
  int status = DRIVER_EXIT_CLEAN;
  diag_set *findings = diag_set_new();
  html_notes notes;
  html_notes_begin(&notes, g, o, files, units, nunits);
  unsigned cut = analyse(units, nunits, r, &o->engine, findings, notes.errs);
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
    status = DRIVER_EXIT_PARSE_ERROR;
  return status;
}

/* ---- unit files ---- */

/* save_unit: writes u to path (created or truncated). 0, or -1 with err set. */
static int save_unit(const char *path, const ir_unit *u, char *err, size_t errlen) {
  FILE *f = fopen(path, "w");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  errno = 0;
  int bad = ir_write(f, u) != 0;
  int e = errno;
  bad |= fclose(f) != 0;
  if (bad) {
    if (!e)
      e = errno ? errno : EIO;
    snprintf(err, errlen, "%s: cannot write the unit file: %s", path, strerror(e));
    unlink(path);
    return -1;
  }
  return 0;
}

/* load_unit: reads the unit file at path; owned unit, or NULL with err set. */
static ir_unit *load_unit(const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  ir_unit *u = ir_read(f, path, err, errlen);
  fclose(f);
  return u;
}

/* ---- the per-unit step: --emit-unit ---- */

/* run_emit: parses and lowers the one unit of the command line and writes it to
 * o->emit_unit (through a temporary file and a rename, so that an interrupted run
 * leaves no partial unit file). On a parse error an old unit file is removed. */
static int run_emit(const options *o) {
  char err[1400];
  int status = DRIVER_EXIT_USAGE;
  cmd_list cmds;
  config *cfg = NULL;
  rules *r = NULL;
  char *tmp = NULL;
  if (make_commands(o, &cmds) != 0 || load_config(o, o->files, o->nfiles, &cfg) != 0 ||
      !(r = load_rules(o, cfg)))
    goto done;
  if (cmds.n != 1) {
    snprintf(err, sizeof err, "--emit-unit writes one translation unit, but the command line "
             "selects %u (name one source file)", cmds.n);
    print_error(err);
    goto done;
  }
  fe_opts fo;
  memset(&fo, 0, sizeof fo);
  fo.nextra = o->nextra;
  fo.extra = o->extra;
  fo.keep_target = o->keep_target;
  char *lerr = NULL;
  ir_unit *u = fe_lower(cmds.all[0], r, &fo, &lerr);
  if (!u) {
    print_error(lerr ? lerr : cmds.all[0]->file);
    free(lerr);
    if (unlink(o->emit_unit) != 0 && errno != ENOENT) {
      snprintf(err, sizeof err, "%s: %s", o->emit_unit, strerror(errno));
      print_error(err);
    }
    status = DRIVER_EXIT_PARSE_ERROR;
    goto done;
  }
  free(lerr);
  size_t n = strlen(o->emit_unit) + 16;
  tmp = malloc(n);
  int fd = -1;
  if (tmp) {
    snprintf(tmp, n, "%s.tmpXXXXXX", o->emit_unit);
    fd = mkstemp(tmp);
  }
  if (fd < 0) {
    snprintf(err, sizeof err, "%s: %s", o->emit_unit, tmp ? strerror(errno) : "out of memory");
    print_error(err);
    ir_unit_free(u);
    goto done;
  }
  close(fd);
  int rc = save_unit(tmp, u, err, sizeof err);
  ir_unit_free(u);
  if (rc == 0 && rename(tmp, o->emit_unit) != 0) {
    snprintf(err, sizeof err, "%s: %s", o->emit_unit, strerror(errno));
    unlink(tmp);
    rc = -1;
  }
  if (rc != 0) {
    print_error(err);
    goto done;
  }
  status = DRIVER_EXIT_CLEAN;
done:
  free(tmp);
  cmd_list_free(&cmds);
  config_free(cfg);
  if (r)
    rules_free(r);
  return status;
}

/* ---- the link step: --link ---- */

#define DRIVER_UNIT_EXT ".sspi-unit"
#define DRIVER_MAX_UNIT_FILES (1u << 20)

/* A growing list of owned path strings. */
typedef struct path_list {
  char **v;
  unsigned n, cap;
} path_list;

static int path_list_add(path_list *l, const char *dir, const char *name) {
  if (l->n >= DRIVER_MAX_UNIT_FILES)
    return -1;
  if (l->n == l->cap) {
    unsigned nc = l->cap ? l->cap * 2 : 16;
    char **nv = realloc(l->v, nc * sizeof *nv);
    if (!nv)
      return -1;
    l->v = nv;
    l->cap = nc;
  }
  size_t n = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
  char *p = malloc(n);
  if (!p)
    return -1;
  size_t dl = dir ? strlen(dir) : 0;
  if (dir)
    snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
  else
    snprintf(p, n, "%s", name);
  l->v[l->n++] = p;
  return 0;
}

static void path_list_free(path_list *l) {
  for (unsigned i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
  memset(l, 0, sizeof *l);
}

static int str_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* add_unit_dir: every *.sspi-unit file of dir, sorted by name. -1 after reporting. */
static int add_unit_dir(path_list *l, const char *dir) {
  char msg[1400];
  DIR *d = opendir(dir);
  if (!d) {
    snprintf(msg, sizeof msg, "%s: %s", dir, strerror(errno));
    print_error(msg);
    return -1;
  }
  path_list names = {0};
  struct dirent *de;
  size_t el = strlen(DRIVER_UNIT_EXT);
  int rc = 0;
  while (rc == 0 && (de = readdir(d)) != NULL) {
    size_t n = strlen(de->d_name);
    if (n > el && strcmp(de->d_name + n - el, DRIVER_UNIT_EXT) == 0 && de->d_name[0] != '.')
      rc = path_list_add(&names, NULL, de->d_name);
  }
  closedir(d);
  if (rc == 0 && names.n == 0) {
    snprintf(msg, sizeof msg, "%s: no *%s files in this directory", dir, DRIVER_UNIT_EXT);
    print_error(msg);
    path_list_free(&names);
    return -1;
  }
  if (names.n)
    qsort(names.v, names.n, sizeof *names.v, str_cmp);
  for (unsigned i = 0; rc == 0 && i < names.n; i++)
    rc = path_list_add(l, dir, names.v[i]);
  path_list_free(&names);
  if (rc != 0)
    print_error("too many unit files (or out of memory)");
  return rc;
}

/* link_inputs: the unit files named by the command line (files, and directories
 * standing for their *.sspi-unit files). -1 after reporting. */
static int link_inputs(const options *o, path_list *l) {
  char msg[1400];
  memset(l, 0, sizeof *l);
  for (unsigned i = 0; i < o->nfiles; i++) {
    struct stat st;
    if (stat(o->files[i], &st) != 0) {
      snprintf(msg, sizeof msg, "%s: %s", o->files[i], strerror(errno));
      print_error(msg);
      return -1;
    }
    if (S_ISDIR(st.st_mode)) {
      if (add_unit_dir(l, o->files[i]) != 0)
        return -1;
    } else if (path_list_add(l, NULL, o->files[i]) != 0) {
      print_error("too many unit files (or out of memory)");
      return -1;
    }
  }
  return 0;
}

/* run_link: reads the unit files and runs the analysis and report of a normal run
 * over them (no parsing). With --dump-ir, prints the units read instead. */
static int run_link(const options *o) {
  char err[1400];
  int status = DRIVER_EXIT_USAGE;
  path_list in;
  ir_unit **units = NULL, **active = NULL;
  const char **mains = NULL;
  rules *r = NULL;
  gate g;
  memset(&g, 0, sizeof g);
  if (link_inputs(o, &in) != 0)
    goto done;
  units = calloc(in.n + 1, sizeof *units);
  active = calloc(in.n + 1, sizeof *active);
  mains = calloc(in.n + 1, sizeof *mains);
  if (!units || !active || !mains) {
    print_error("out of memory");
    goto done;
  }
  for (unsigned i = 0; i < in.n; i++) {
    if (!(units[i] = load_unit(in.v[i], err, sizeof err))) {
      print_error(err);
      goto done;
    }
    mains[i] = units[i]->main_file;
  }
  if (o->dump_ir) {
    for (unsigned i = 0; i < in.n; i++)
      ir_dump(stdout, units[i]);
    fflush(stdout);
    status = DRIVER_EXIT_CLEAN;
    goto done;
  }
  /* the configuration is found as for any run: from the cwd, else from the inputs
   * (here the unit files, which a build keeps inside the project's build tree) */
  if (gate_setup(&g, o, o->files, o->nfiles) != 0 || !(r = load_rules(o, g.cfg)))
    goto done;
  for (unsigned i = 0; i < in.n; i++)
    active[i] = gate_excluded(&g, mains[i]) ? NULL : units[i];
  status = finish_run(&g, o, r, mains, in.n, active, in.n, 0);
done:
  gate_free(&g);
  if (units)
    for (unsigned i = 0; i < in.n; i++)
      ir_unit_free(units[i]);
  free(units);
  free(active);
  free(mains);
  path_list_free(&in);
  if (r)
    rules_free(r);
  return status;
}

/* ---- lowering: in this process, or in -j worker processes ---- */

/* lower_serial: parses and lowers every unit not excluded, one after another;
 * with --dump-ir prints each unit and drops it. */
static void lower_serial(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                         const fe_opts *fo, ir_unit **units, int *parse_failed) {
  progress *prog = progress_new(stderr, cmds->n, o->quiet || o->dump_ir);
  for (unsigned i = 0; i < cmds->n; i++) {
    char *err = NULL;
    if (gate_excluded(g, cmds->all[i]->file))
      continue; /* --exclude: not even parsed */
    progress_unit(prog, i + 1, cmds->all[i]->file);
    units[i] = fe_lower(cmds->all[i], r, fo, &err);
    if (!units[i]) {
      progress_clear(prog);
      print_error(err ? err : cmds->all[i]->file);
      *parse_failed = 1;
    }
    free(err);
    if (units[i] && o->dump_ir) {
      ir_dump(stdout, units[i]);
      ir_unit_free(units[i]);
      units[i] = NULL;
    }
  }
  progress_free(prog);
}

#define DRIVER_MAX_JOBS 64u
#define DRIVER_MAX_ERR_FILE 65536u

/* What a worker reports for one unit through the results pipe (one atomic write). */
typedef struct job_result {
  uint32_t unit;
  uint32_t status;
} job_result;

enum { JOB_NONE, JOB_UNIT, JOB_PARSE_ERROR, JOB_WRITE_ERROR };

/* effective_jobs: -j N as a worker count: 0 = the number of CPUs, at most 64. */
static unsigned effective_jobs(const options *o) {
  long n = o->jobs;
  if (n == 0)
    n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    n = 1;
  if (n > (long)DRIVER_MAX_JOBS)
    n = DRIVER_MAX_JOBS;
  return (unsigned)n;
}

/* job_path: "<dir>/<unit index>.<ext>", owned (NULL when out of memory). */
static char *job_path(const char *dir, unsigned unit, const char *ext) {
  size_t n = strlen(dir) + strlen(ext) + 24;
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s/%06u.%s", dir, unit, ext);
  return p;
}

/* write_all: the whole buffer to fd, through EINTR. */
static int write_all(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* worker_unit: the per-unit step of unit i inside a worker: its unit file, or its
 * parse error as text, in dir. Returns the JOB_* status. */
static unsigned worker_unit(const char *dir, unsigned i, const fe_cmd *cmd, const rules *r,
                            const fe_opts *fo) {
  char *err = NULL;
  char msg[1400];
  unsigned st = JOB_WRITE_ERROR;
  ir_unit *u = fe_lower(cmd, r, fo, &err);
  char *path = job_path(dir, i, u ? "sspi-unit" : "err");
  if (path && u) {
    if (save_unit(path, u, msg, sizeof msg) == 0)
      st = JOB_UNIT;
  } else if (path) {
    FILE *f = fopen(path, "w");
    if (f) {
      fputs(err ? err : cmd->file, f);
      if (fclose(f) == 0)
        st = JOB_PARSE_ERROR;
    }
  }
  free(path);
  free(err);
  ir_unit_free(u);
  return st;
}

/* worker_main: takes unit numbers from the shared counter until none is left. */
static int worker_main(const char *dir, const cmd_list *cmds, const unsigned *todo,
                       unsigned ntodo, atomic_uint *next, int out_fd, const rules *r,
                       const fe_opts *fo) {
  for (;;) {
    unsigned k = atomic_fetch_add(next, 1u);
    if (k >= ntodo)
      return 0;
    job_result res;
    res.unit = todo[k];
    res.status = worker_unit(dir, todo[k], cmds->all[todo[k]], r, fo);
    if (write_all(out_fd, &res, sizeof res) != 0)
      return 1;
  }
}

/* read_err_file: the parse error a worker left in path (owned, NULL on failure). */
static char *read_err_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  char *buf = malloc(DRIVER_MAX_ERR_FILE + 1);
  size_t n = buf ? fread(buf, 1, DRIVER_MAX_ERR_FILE, f) : 0;
  fclose(f);
  if (buf)
    buf[n] = 0;
  return buf;
}

/* make_job_dir: a private directory for the workers' unit files (owned path). */
static char *make_job_dir(void) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp)
    tmp = "/tmp";
  size_t n = strlen(tmp) + 32;
  char *dir = malloc(n);
  if (!dir)
    return NULL;
  snprintf(dir, n, "%s/sspi-check.XXXXXX", tmp);
  if (!mkdtemp(dir)) {
    char msg[1400];
    snprintf(msg, sizeof msg, "%s: cannot create a temporary directory: %s", tmp,
             strerror(errno));
    print_error(msg);
    free(dir);
    return NULL;
  }
  return dir;
}

/* remove_job_dir: the files the workers may have written, then the directory. */
static void remove_job_dir(char *dir, const unsigned *todo, unsigned ntodo) {
  static const char *const exts[] = {"sspi-unit", "err"};
  for (unsigned k = 0; k < ntodo; k++)
    for (unsigned e = 0; e < 2; e++) {
      char *p = job_path(dir, todo[k], exts[e]);
      if (p)
        unlink(p);
      free(p);
    }
  rmdir(dir);
  free(dir);
}

/* lower_parallel: the per-unit step of the units in todo (ntodo > 1) in njobs forked
 * workers, which take units from a shared counter and write unit files (or parse
 * errors) into a private temporary directory; the parent then reads them in unit
 * order, so that errors are reported and units analysed exactly as in a serial run.
 * Returns 0, or -1 after reporting a failure of the machinery (exit status 2). */
static int lower_parallel(const options *o, const cmd_list *cmds, const unsigned *todo,
                          unsigned ntodo, unsigned njobs, const rules *r, const fe_opts *fo,
                          ir_unit **units, int *parse_failed) {
  char msg[1400];
  int rc = -1;
  pid_t pids[DRIVER_MAX_JOBS];
  unsigned nworkers = 0;
  int fds[2] = {-1, -1};
  unsigned char *jstat = calloc(cmds->n + 1, 1);
  char *dir = make_job_dir();
  atomic_uint *next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (next == MAP_FAILED)
    next = NULL;
  if (!jstat || !dir || !next || pipe(fds) != 0) {
    if (!jstat)
      print_error("out of memory");
    else if (dir) /* else make_job_dir reported it */
      print_error(next ? "cannot create a pipe for the worker processes"
                       : "cannot map memory shared with the worker processes");
    goto done;
  }
  atomic_init(next, 0u);
  fflush(NULL);
  for (unsigned w = 0; w < njobs; w++) {
    pid_t pid = fork();
    if (pid < 0)
      break; /* fewer workers: the others take the remaining units */
    if (pid == 0) {
      close(fds[0]);
      signal(SIGPIPE, SIG_DFL);
      int wrc = worker_main(dir, cmds, todo, ntodo, next, fds[1], r, fo);
      _exit(wrc);
    }
    pids[nworkers++] = pid;
  }
  close(fds[1]);
  fds[1] = -1;
  if (nworkers == 0) {
    snprintf(msg, sizeof msg, "cannot start worker processes: %s", strerror(errno));
    print_error(msg);
    goto done;
  }

  /* results as they come (the progress line), until every worker has finished */
  progress *prog = progress_new(stderr, cmds->n, o->quiet);
  unsigned ndone = 0;
  for (;;) {
    job_result res;
    size_t got = 0;
    while (got < sizeof res) {
      ssize_t n = read(fds[0], (char *)&res + got, sizeof res - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (size_t)n;
    }
    if (got < sizeof res)
      break;
    if (res.unit < cmds->n && res.status >= JOB_UNIT && res.status <= JOB_WRITE_ERROR &&
        !jstat[res.unit]) {
      jstat[res.unit] = (unsigned char)res.status;
      progress_unit(prog, ++ndone, cmds->all[res.unit]->file);
    }
  }
  progress_free(prog);
  int died = 0;
  for (unsigned w = 0; w < nworkers; w++) {
    int ws;
    while (waitpid(pids[w], &ws, 0) < 0 && errno == EINTR)
      ;
    if (WIFSIGNALED(ws) && !died)
      died = WTERMSIG(ws);
  }

  /* unit order: the same reports and the same units as a serial run */
  rc = 0;
  for (unsigned k = 0; k < ntodo && rc == 0; k++) {
    unsigned i = todo[k];
    const char *file = cmds->all[i]->file;
    char *path = NULL;
    switch (jstat[i]) {
    case JOB_UNIT:
      path = job_path(dir, i, "sspi-unit");
      if (!path || !(units[i] = load_unit(path, msg, sizeof msg))) {
        print_error(path ? msg : "out of memory");
        rc = -1;
      }
      break;
    case JOB_PARSE_ERROR: {
      path = job_path(dir, i, "err");
      char *text = path ? read_err_file(path) : NULL;
      print_error(text && *text ? text : file);
      free(text);
      *parse_failed = 1;
      break;
    }
    case JOB_WRITE_ERROR:
      snprintf(msg, sizeof msg, "%s: a worker process could not write its unit file in %s",
               file, dir);
      print_error(msg);
      rc = -1;
      break;
    default:
      if (died)
        snprintf(msg, sizeof msg, "%s: the worker process lowering this unit was killed by "
                 "signal %d", file, died);
      else
        snprintf(msg, sizeof msg, "%s: no result from the worker processes", file);
      print_error(msg);
      *parse_failed = 1;
      break;
    }
    free(path);
  }
done:
  if (fds[0] >= 0)
    close(fds[0]);
  if (fds[1] >= 0)
    close(fds[1]);
  if (next)
    munmap(next, sizeof *next);
  if (dir)
    remove_job_dir(dir, todo, ntodo);
  free(jstat);
  return rc;
}

/* lower_units: every unit of cmds that --exclude does not skip, into units[]: in this
 * process with -j 1 (and --dump-ir), else in worker processes. 0, or -1 after
 * reporting (exit status 2). */
static int lower_units(const options *o, const cmd_list *cmds, const gate *g, const rules *r,
                       const fe_opts *fo, ir_unit **units, int *parse_failed) {
  unsigned njobs = o->dump_ir ? 1 : effective_jobs(o);
  unsigned *todo = NULL, ntodo = 0;
  if (njobs > 1) {
    todo = calloc(cmds->n + 1, sizeof *todo);
    if (!todo) {
      print_error("out of memory");
      return -1;
    }
    for (unsigned i = 0; i < cmds->n; i++)
      if (!gate_excluded(g, cmds->all[i]->file))
        todo[ntodo++] = i;
    if (njobs > ntodo)
      njobs = ntodo;
  }
  int rc = 0;
  if (njobs > 1)
    rc = lower_parallel(o, cmds, todo, ntodo, njobs, r, fo, units, parse_failed);
  else
    lower_serial(o, cmds, g, r, fo, units, parse_failed);
  free(todo);
  return rc;
}

int driver_run(const options *o) {
  if (o->link)
    return run_link(o);
  if (o->emit_unit)
    return run_emit(o);
  int status = DRIVER_EXIT_CLEAN;
  rules *r = NULL;
  cmd_list cmds;
  memset(&cmds, 0, sizeof cmds);
  ir_unit **units = NULL;
  const char **files = NULL;
  int parse_failed = 0;
  gate g;
  memset(&g, 0, sizeof g);

  /* Inputs first (a missing file is the likelier mistake), then the configuration,
   * baseline and diff, then the rules. */
  if (make_commands(o, &cmds) != 0 || gate_setup(&g, o, o->files, o->nfiles) != 0 ||
      !(r = load_rules(o, g.cfg))) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  unsigned ncmds = cmds.n;
  units = calloc(ncmds, sizeof *units);
  files = calloc(ncmds, sizeof *files);
  if (!units || !files) {
    print_error("out of memory");
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
  if (lower_units(o, &cmds, &g, r, &fo, units, &parse_failed) != 0) {
    status = DRIVER_EXIT_USAGE;
    goto done;
  }
  if (!o->dump_ir)
    status = finish_run(&g, o, r, files, ncmds, units, ncmds, parse_failed);
  else if (parse_failed)
    status = DRIVER_EXIT_PARSE_ERROR;
  fflush(stdout);

done:
  gate_free(&g);
  if (units)
    for (unsigned i = 0; i < cmds.n; i++)
      if (units[i])
        ir_unit_free(units[i]);
  free(units);
  free(files);
  cmd_list_free(&cmds);
  if (r)
    rules_free(r);
  return status;
}
