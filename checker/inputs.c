/* inputs.c - what a run reads before parsing: the rules (bundled, config, --rules),
 * the configuration file, and the compile commands (a database's, or one per file
 * named on the command line). Every function reports its own errors on stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "inputs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void run_error(const char *msg) {
  fprintf(stderr, "sspi-check: error: %s\n", msg);
}

/* load_rules: the bundled defaults, the config file's rules, then every --rules
 * file. NULL after reporting. */
rules *load_rules(const options *o, const config *cfg) {
  rules *r = rules_new();
  char err[1024];
  const char *def = rules_default_path();
  if (!def || rules_load_file(r, def, err, sizeof err) != 0) {
    if (!def)
      snprintf(err, sizeof err, "no default rules file found (set SSPI_CHECK_RULES)");
    run_error(err);
    rules_free(r);
    return NULL;
  }
  for (unsigned i = 0; cfg && i < cfg->nrules; i++) {
    if (rules_load_file(r, cfg->rules[i], err, sizeof err) != 0) {
      run_error(err);
      rules_free(r);
      return NULL;
    }
  }
  for (unsigned i = 0; i < o->nrules; i++) {
    if (rules_load_file(r, o->rules[i], err, sizeof err) != 0) {
      run_error(err);
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
    run_error(msg);
    return -1;
  }
  if (S_ISDIR(st.st_mode)) {
    snprintf(msg, sizeof msg, "%s: is a directory", path);
    run_error(msg);
    return -1;
  }
  return 0;
}

void cmd_list_free(cmd_list *l) {
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
int make_commands(const options *o, cmd_list *l) {
  char err[1200];
  memset(l, 0, sizeof *l);
  if (o->build_dir) {
    if (fe_cdb_load(o->build_dir, o->files, o->nfiles, &l->db, &l->ndb, err, sizeof err) != 0) {
      run_error(err);
      return -1;
    }
    if (l->ndb == 0) {
      snprintf(err, sizeof err, "%s/compile_commands.json: no compile commands", o->build_dir);
      run_error(err);
      return -1;
    }
    l->all = calloc(l->ndb, sizeof *l->all);
    if (!l->all) {
      run_error("out of memory");
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
    run_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < o->nfiles; i++) {
    fe_cmd *c = fe_cmd_for_file(o->files[i], 0, NULL);
    if (!c) {
      snprintf(err, sizeof err, "%s: cannot build a compile command", o->files[i]);
      run_error(err);
      return -1;
    }
    l->singles[l->nsingles++] = c;
    l->all[l->n++] = c;
  }
  return 0;
}

/* load_config: --config FILE, else the .sspi-check.yaml found from the cwd or from the
 * sources srcs (none with --no-config). 0 with *out owned (NULL: no file), or -1
 * after reporting. */
int load_config(const options *o, const char *const *srcs, unsigned nsrcs,
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
    run_error(err);
    return -1;
  }
  return 0;
}
