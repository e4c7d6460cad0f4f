/* inputs.c - what a run reads before parsing: the rules (bundled, config, --rules),
 * the configuration file, and the compile commands (a database's, or one per file
 * named on the command line). Every function reports its own errors on stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include "inputs.h"
#include "cdb_check.h"
#include "util/infile.h"
#include "util/outfile.h"

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
/* seen_file: path is a file an earlier entry of seen[0..*n) named (by device and
 * inode); else it is added. A rules file named many times is read once, at its first
 * place. */
static int seen_file(struct stat *seen, unsigned *n, unsigned cap, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0)
    return 0; /* the loader reports it */
  for (unsigned i = 0; i < *n; i++)
    if (seen[i].st_dev == st.st_dev && seen[i].st_ino == st.st_ino)
      return 1;
  if (*n < cap)
    seen[(*n)++] = st;
  return 0;
}

rules *load_rules(const options *o, const config *cfg) {
  rules *r = rules_new();
  char err[1024];
  unsigned cap = 1 + (cfg ? cfg->nrules : 0) + o->nrules, nseen = 0;
  struct stat *seen = calloc(cap, sizeof *seen);
  if (!seen) {
    run_error("out of memory");
    rules_free(r);
    return NULL;
  }
  const char *def = rules_default_path();
  if (!def || rules_load_file(r, def, err, sizeof err) != 0) {
    if (!def)
      snprintf(err, sizeof err, "no default rules file found (set SSPI_CHECK_RULES)");
    run_error(err);
    rules_free(r);
    free(seen);
    return NULL;
  }
  seen_file(seen, &nseen, cap, def);
  for (unsigned i = 0; cfg && i < cfg->nrules; i++) {
    if (seen_file(seen, &nseen, cap, cfg->rules[i]))
      continue;
    if (rules_load_file(r, cfg->rules[i], err, sizeof err) != 0) {
      run_error(err);
      rules_free(r);
      free(seen);
      return NULL;
    }
  }
  for (unsigned i = 0; i < o->nrules; i++) {
    if (seen_file(seen, &nseen, cap, o->rules[i]))
      continue;
    if (rules_load_file(r, o->rules[i], err, sizeof err) != 0) {
      run_error(err);
      rules_free(r);
      free(seen);
      return NULL;
    }
  }
  free(seen);
  return r;
}

/* check_input_file: 0 when path names a readable regular file; else reports it. */
static int check_input_file(const char *path) {
  char msg[1200];
  if (infile_check(path, INFILE_MAX_SOURCE, msg, sizeof msg) != 0) {
    run_error(msg);
    return -1;
  }
  return 0;
}

static int check_in_dir(const char *dir, const char *file, char *err, size_t errlen) {
  char path[4200];
  if (file[0] == '/' || !dir || !*dir)
    snprintf(path, sizeof path, "%s", file);
  else
    snprintf(path, sizeof path, "%s/%s", dir, file);
  return infile_check(path, INFILE_MAX_SOURCE, err, errlen);
}

/* forced_includes_check: the files named by -include/-imacros (gcc, clang) and /FI
 * (cl.exe), attached or separate, must be regular files too: clang reads them before
 * the source. Ordinary #include lines are left to clang. */
static int forced_includes_check(const char *dir, const char *const *argv, int argc, char *err,
                                 size_t errlen) {
  static const char *const opts[] = {"-include", "-imacros", "/FI", "-FI", "--include", NULL};
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (!a || strcmp(a, "-include-pch") == 0) /* clang's, not a forced include */
      continue;
    for (unsigned k = 0; opts[k]; k++) {
      size_t n = strlen(opts[k]);
      if (strncmp(a, opts[k], n) != 0)
        continue;
      const char *f = a[n] ? a + n : (i + 1 < argc ? argv[i + 1] : NULL);
      if (f && *f == '=')
        f++;
      if (f && *f && check_in_dir(dir, f, err, errlen) != 0)
        return -1;
      break;
    }
  }
  return 0;
}

int unit_source_check(const fe_cmd *c, const char *const *extra, int nextra, char *err,
                      size_t errlen) {
  if (check_in_dir(c->directory, c->file, err, errlen) != 0)
    return -1;
  if (forced_includes_check(c->directory, (const char *const *)c->argv, c->argc, err, errlen) != 0)
    return -1;
  return forced_includes_check(NULL, extra, nextra, err, errlen);
}

/* add_input: one more path to the list (NULL and duplicates of the pointer are fine). */
static void add_input(const char ***v, unsigned *n, unsigned *cap, const char *p) {
  if (!p)
    return;
  if (*n == *cap) {
    unsigned nc = *cap ? *cap * 2 : 64;
    const char **nv = realloc(*v, nc * sizeof *nv);
    if (!nv)
      return;
    *v = nv;
    *cap = nc;
  }
  (*v)[(*n)++] = p;
}

int check_outputs(const options *o, const cmd_list *cmds, const config *cfg) {
  const char **in = NULL;
  unsigned n = 0, cap = 0;
  char cdb[4200] = "";
  for (unsigned i = 0; i < o->nfiles; i++)
    add_input(&in, &n, &cap, o->files[i]);
  for (unsigned i = 0; cmds && i < cmds->n; i++)
    add_input(&in, &n, &cap, cmds->all[i]->file);
  add_input(&in, &n, &cap, rules_default_path());
  for (unsigned i = 0; i < o->nrules; i++)
    add_input(&in, &n, &cap, o->rules[i]);
  for (unsigned i = 0; cfg && i < cfg->nrules; i++)
    add_input(&in, &n, &cap, cfg->rules[i]);
  if (cfg) {
    add_input(&in, &n, &cap, cfg->path);
    add_input(&in, &n, &cap, cfg->baseline);
  }
  add_input(&in, &n, &cap, o->config);
  add_input(&in, &n, &cap, o->baseline);
  if (o->diff && strcmp(o->diff, "-") != 0)
    add_input(&in, &n, &cap, o->diff);
  if (o->build_dir) {
    snprintf(cdb, sizeof cdb, "%s/compile_commands.json", o->build_dir);
    add_input(&in, &n, &cap, cdb);
  }
  const char *outs[3] = {o->output, o->write_baseline, o->emit_unit};
  char err[4600];
  int rc = 0;
  for (unsigned k = 0; k < 3 && rc == 0; k++)
    if (outs[k] && outfile_check(outs[k], in, n, err, sizeof err) != 0) {
      run_error(err);
      rc = -1;
    }
  if (rc == 0 && o->html_dir) {
    struct stat st;
    if (lstat(o->html_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
      snprintf(err, sizeof err, "%s: the HTML report's directory exists and is not a directory",
               o->html_dir);
      run_error(err);
      rc = -1;
    }
  }
  free(in);
  return rc;
}

void cmd_list_free(cmd_list *l) {
  if (l->db)
    fe_cmd_free(l->db, l->ndb);
  for (unsigned i = 0; i < l->nsingles; i++)
    fe_cmd_free(l->singles[i], 1);
  free(l->singles);
  free(l->all);
  free(l->bytes);
  memset(l, 0, sizeof *l);
}

/* A unit's source file as the file system knows it (two spellings of one path match);
 * ok = 0 when it cannot be read (such a unit never matches another). */
typedef struct file_id {
  dev_t dev;
  ino_t ino;
  unsigned long long bytes;
  int ok;
} file_id;

static file_id file_id_of(const fe_cmd *c) {
  char path[4200];
  struct stat st;
  file_id id = {0, 0, 0, 0};
  fe_main_path(c, path, sizeof path);
  if (stat(path, &st) == 0) {
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.bytes = st.st_size > 0 ? (unsigned long long)st.st_size : 0;
    id.ok = 1;
  }
  return id;
}

/* same_unit_before: c (whose file is cid) is a unit l already holds (their files are
 * ids[0 .. l->n)): the same source file compiled with the same arguments besides the
 * file's own name. The same unit named twice is checked once. One stat(2) per command;
 * the comparison is quadratic in the worst case but cheap per pair (two integers). */
static int same_unit_before(const cmd_list *l, const file_id *ids, const fe_cmd *c,
                            file_id cid) {
  if (!cid.ok)
    return 0;
  for (unsigned i = 0; i < l->n; i++) {
    const fe_cmd *d = l->all[i];
    if (d->argc != c->argc || !ids[i].ok || ids[i].ino != cid.ino || ids[i].dev != cid.dev)
      continue;
    int same = 1;
    for (int k = 0; k < c->argc && same; k++)
      same = strcmp(c->argv[k], d->argv[k]) == 0 || strcmp(c->argv[k], c->file) == 0 ||
             strstr(c->argv[k], c->file) != NULL;
    if (same)
      return 1;
  }
  return 0;
}

/* add_unit: c goes to l->all unless l holds it already (ids: the files of l->all). */
static void add_unit(cmd_list *l, file_id *ids, const fe_cmd *c) {
  file_id cid = file_id_of(c);
  if (same_unit_before(l, ids, c, cid))
    return;
  ids[l->n] = cid;
  l->bytes[l->n] = cid.bytes;
  l->all[l->n++] = c;
}

/* make_commands: fills *l with the commands of this run, or returns -1 after
 * reporting a bad database or an unreadable file. */
int make_commands(const options *o, cmd_list *l) {
  char err[1200];
  memset(l, 0, sizeof *l);
  if (o->build_dir) {
    /* libclang reads the database itself: it must be a regular file of a sane size
     * (never a FIFO that would block, never /dev/zero) holding exactly one complete
     * array of entries (cdb_check.h) */
    snprintf(err, sizeof err, "%s/compile_commands.json", o->build_dir);
    char path[1200];
    snprintf(path, sizeof path, "%s", err);
    if (cdb_check_file(path, err, sizeof err) != 0) {
      run_error(err);
      return -1;
    }
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
    l->bytes = calloc(l->ndb, sizeof *l->bytes);
    file_id *ids = calloc(l->ndb, sizeof *ids);
    if (!l->all || !l->bytes || !ids) {
      free(ids);
      run_error("out of memory");
      return -1;
    }
    for (unsigned i = 0; i < l->ndb; i++)
      add_unit(l, ids, &l->db[i]);
    free(ids);
    return 0;
  }
  int bad = 0;
  for (unsigned i = 0; i < o->nfiles; i++)
    bad |= check_input_file(o->files[i]) != 0;
  if (bad)
    return -1;
  l->singles = calloc(o->nfiles, sizeof *l->singles);
  l->all = calloc(o->nfiles, sizeof *l->all);
  l->bytes = calloc(o->nfiles + 1, sizeof *l->bytes);
  file_id *ids = calloc(o->nfiles + 1, sizeof *ids);
  if (!l->singles || !l->all || !l->bytes || !ids) {
    free(ids);
    run_error("out of memory");
    return -1;
  }
  for (unsigned i = 0; i < o->nfiles; i++) {
    fe_cmd *c = fe_cmd_for_file(o->files[i], 0, NULL);
    if (!c) {
      snprintf(err, sizeof err, "%s: cannot build a compile command", o->files[i]);
      run_error(err);
      free(ids);
      return -1;
    }
    l->singles[l->nsingles++] = c;
    add_unit(l, ids, c);
  }
  free(ids);
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
