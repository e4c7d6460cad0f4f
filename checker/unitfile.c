/* unitfile.c - lowered units as files: --emit-unit (parse and lower one unit, write
 * it) and --link (read unit files, then the analysis and report of a normal run);
 * also the reading and writing of one unit file used by the -j worker pool.
 */
#define _POSIX_C_SOURCE 200809L
#include "unitfile.h"
#include "unitstore.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "finish.h"
#include "gate.h"
#include "inputs.h"
#include "ir_io.h"
#include "util/infile.h"
#include "util/outfile.h"

/* ---- unit files ---- */

/* save: u written by ir_write, or the n bytes of a unit file already written out. */
static int save(const char *path, const ir_unit *u, const char *bytes, size_t n, char *err,
                size_t errlen) {
  FILE *f = fopen(path, "w");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  errno = 0;
  int bad = u ? ir_write(f, u) != 0 : !bytes || fwrite(bytes, 1, n, f) != n;
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

int unitfile_save(const char *path, const ir_unit *u, char *err, size_t errlen) {
  return save(path, u, NULL, 0, err, errlen);
}

int unitfile_save_bytes(const char *path, const char *bytes, size_t n, char *err,
                        size_t errlen) {
  return save(path, NULL, bytes, n, err, errlen);
}

/* unitfile_load: reads the unit file at path; owned unit, or NULL with err set. */
ir_unit *unitfile_load(const char *path, char *err, size_t errlen) {
  FILE *f = infile_open(path, INFILE_MAX_UNIT, err, errlen);
  if (!f)
    return NULL;
  ir_unit *u = ir_read(f, path, err, errlen);
  fclose(f);
  return u;
}

/* ---- the per-unit step: --emit-unit ---- */

/* unitfile_emit: parses and lowers the one unit of the command line and writes it to
 * o->emit_unit (util/outfile.h: through a temporary file and a rename, so that an
 * interrupted run leaves no partial unit file). On a parse error an existing unit file
 * is left as it was. */
int unitfile_emit(const options *o) {
  char err[1400];
  int status = DRIVER_EXIT_USAGE;
  cmd_list cmds;
  config *cfg = NULL;
  rules *r = NULL;
  if (make_commands(o, &cmds) != 0 || load_config(o, o->files, o->nfiles, &cfg) != 0 ||
      !(r = load_rules(o, cfg)))
    goto done;
  if (cmds.n != 1) {
    snprintf(err, sizeof err, "--emit-unit writes one translation unit, but the command line "
             "selects %u (name one source file)", cmds.n);
    run_error(err);
    goto done;
  }
  fe_opts fo;
  memset(&fo, 0, sizeof fo);
  fo.nextra = o->nextra;
  fo.extra = o->extra;
  fo.keep_target = o->keep_target;
  /* the unit file is an output: never an input of this run, never a device */
  if (check_outputs(o, &cmds, cfg) != 0)
    goto done;
  if (unit_source_check(cmds.all[0], o->extra, o->nextra, err, sizeof err) != 0) {
    run_error(err);
    status = DRIVER_EXIT_PARSE_ERROR;
    goto done;
  }
  char *lerr = NULL;
  ir_unit *u = fe_lower(cmds.all[0], r, &fo, &lerr);
  if (!u) {
    /* an existing unit file is left as it was (a failed run changes no output) */
    run_error(lerr ? lerr : cmds.all[0]->file);
    free(lerr);
    status = DRIVER_EXIT_PARSE_ERROR;
    goto done;
  }
  free(lerr);
  outfile of;
  FILE *f = outfile_open(&of, o->emit_unit, err, sizeof err);
  int rc = -1;
  if (f) {
    errno = 0;
    if (ir_write(f, u) != 0) {
      snprintf(err, sizeof err, "%s: cannot write the unit file: %s", o->emit_unit,
               strerror(errno ? errno : EIO));
      outfile_discard(&of);
    } else {
      rc = outfile_commit(&of, err, sizeof err);
    }
  }
  ir_unit_free(u);
  if (rc != 0) {
    run_error(err);
    goto done;
  }
  status = DRIVER_EXIT_CLEAN;
done:
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
    run_error(msg);
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
    run_error(msg);
    path_list_free(&names);
    return -1;
  }
  if (names.n)
    qsort(names.v, names.n, sizeof *names.v, str_cmp);
  for (unsigned i = 0; rc == 0 && i < names.n; i++)
    rc = path_list_add(l, dir, names.v[i]);
  path_list_free(&names);
  if (rc != 0)
    run_error("too many unit files (or out of memory)");
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
      run_error(msg);
      return -1;
    }
    if (S_ISDIR(st.st_mode)) {
      if (add_unit_dir(l, o->files[i]) != 0)
        return -1;
    } else if (path_list_add(l, NULL, o->files[i]) != 0) {
      run_error("too many unit files (or out of memory)");
      return -1;
    }
  }
  return 0;
}

/* link_reload: a unit file of --link read again for the analysis. */
static ir_unit *link_reload(void *ctx, unsigned i) {
  const path_list *in = ctx;
  char err[1400];
  ir_unit *u = unitfile_load(in->v[i], err, sizeof err);
  if (!u)
    run_error(err);
  return u;
}

/* unitfile_link: reads the unit files and runs the analysis and report of a normal run
 * over them (no parsing). With --dump-ir, prints the units read instead. */
int unitfile_link(const options *o) {
  char err[1400];
  int status = DRIVER_EXIT_USAGE;
  path_list in;
  unitstore *store = NULL;
  char **mains = NULL;
  rules *r = NULL;
  gate g;
  memset(&g, 0, sizeof g);
  if (link_inputs(o, &in) != 0)
    goto done;
  mains = calloc(in.n + 1, sizeof *mains);
  if (!mains) {
    run_error("out of memory");
    goto done;
  }
  if (o->dump_ir) {
    for (unsigned i = 0; i < in.n; i++) {
      ir_unit *u = unitfile_load(in.v[i], err, sizeof err);
      if (!u) {
        run_error(err);
        goto done;
      }
      ir_dump(stdout, u);
      ir_unit_free(u);
    }
    fflush(stdout);
    status = DRIVER_EXIT_CLEAN;
    goto done;
  }
  /* the configuration is found as for any run: from the cwd, else from the inputs
   * (here the unit files, which a build keeps inside the project's build tree) */
  if (gate_setup(&g, o, o->files, o->nfiles) != 0 || !(r = load_rules(o, g.cfg)) ||
      gate_check_ids(&g, r) != 0)
    goto done;
  /* one unit at a time into the store (which may keep it on disk until the analysis) */
  store = unitstore_new(in.n, r, (size_t)o->max_ir_mb << 20, o->stats > 1);
  unitstore_set_reloader(store, link_reload, &in); /* the unit files are the copies */
  for (unsigned i = 0; i < in.n; i++) {
    ir_unit *u = unitfile_load(in.v[i], err, sizeof err);
    if (!u) {
      run_error(err);
      goto done;
    }
    mains[i] = xstrdup(u->main_file ? u->main_file : in.v[i]);
    if (gate_excluded(&g, mains[i]))
      ir_unit_free(u);
    else
      unitstore_put_reloadable(store, i, u);
  }
  status = finish_run(&g, o, r, (const char *const *)mains, in.n, store, 0);
done:
  gate_free(&g);
  unitstore_free(store);
  for (unsigned i = 0; mains && i < in.n; i++)
    free(mains[i]);
  free(mains);
  path_list_free(&in);
  if (r)
    rules_free(r);
  return status;
}
