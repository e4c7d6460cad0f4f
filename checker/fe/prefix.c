/* prefix.c - shared prefixes: the units of a build whose main files begin with the same
 * #include and #define lines under the same compiler command share one precompiled
 * header (PCH) of those lines. Most of a Windows unit's parse is <windows.h> and the
 * project's setup header, the same for every unit; with the PCH, libclang reads it once
 * and each unit parses only its own text (curl: 0.18 s -> 0.04 s a unit).
 *
 * The prefix of a main file is its leading run of `#include "x"`, `#include <x>` and
 * `#define` lines (comments and blank lines between them); it ends at the first other
 * token or directive (#if, #undef, #pragma, code). The PCH is built from a header of
 * our own holding those lines (a quoted include found next to the main file named by
 * its absolute path, so it resolves where the unit's own line does), with the unit's
 * command; the unit is then parsed with -include-pch and its own prefix lines change
 * nothing: each header they include must be guarded (#ifndef guard or #pragma once,
 * libclang's clang_isFileMultipleIncludeGuarded) or the PCH is not used, and a
 * #define repeated with the same text is no redefinition.
 *
 * Which prefix a unit shares is planned over the whole database before anything is
 * parsed (fe_prefix_plan_new): a unit's first line, extended line by line while at
 * least half the units of the same command that begin with that first line share the
 * longer prefix, and only when FE_PREFIX_MIN_SHARE units share it (a PCH costs about
 * one parse to build). The run's PCHs live in one directory (fe_prefix_dir_new),
 * shared by the forked workers through files named by the key, an XXH3-128 of
 * libclang's version, the working directory, the command as libclang gets it (without
 * its main file) and the prefix text:
 *   KEY.lock   a process is building it, and holds an flock(2) on it meanwhile; a
 *              unit that needs the PCH waits for it (up to FE_PREFIX_WAIT_S): a
 *              parse without it costs many parses with it, and the wait ends when
 *              the builder does, however it ends (the kernel drops a dead
 *              process's lock)
 *   KEY.h      the prefix text the PCH was built from
 *   KEY.pch    the PCH; KEY.deps, written last, the files it read (the unit cache's
 *              dependencies: libclang does not report a PCH's files as inclusions)
 *   KEY.bad    the prefix is not shared (an error, an unguarded header, headers that
 *              take under FE_PREFIX_MIN_COST to read, or the run has built
 *              FE_PREFIX_MAX_PCH already: slot.N, one a PCH)
 * A unit whose parse with the PCH reports an error is parsed again without it
 * (tu.c), so a PCH can make a run faster, never different.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "fe_internal.h"
#include "../prefixscan.h"
#include "../util/janitor.h"
#include "../util/outfile.h"
#include "../util/xalloc.h"

#define DEPS_MAX_FILES 8192         /* files listed in KEY.deps */
#define PREFIX_MAX_CONSTS 4096      /* lines of KEY.consts read */
#define FE_PREFIX_MAX_PCH 16        /* PCHs built in one run */
#define FE_PREFIX_WAIT_S 120        /* the longest wait for a PCH another process builds */
#define FE_PREFIX_MIN_COST 0.02     /* CPU seconds to read the prefix's headers, at least */
#define FE_PREFIX_MIN_SHARE 3       /* units that must begin with a prefix for its PCH */

/* fe_prefix_key: 32 hex digits naming the PCH of text under argv (the main file,
 * argv[skip], left out) in directory wd. */
void fe_prefix_key(char *const *argv, int argc, int skip, const char *wd, const char *text,
                   char hex[33]) {
  XXH3_state_t *st = XXH3_createState();
  if (!st)
    xalloc_fail();
  XXH3_128bits_reset(st);
  const char *ver = fe_version();
  XXH3_128bits_update(st, "sspi-check prefix 1", 20);
  XXH3_128bits_update(st, ver, strlen(ver) + 1);
  XXH3_128bits_update(st, wd ? wd : "", strlen(wd ? wd : "") + 1);
  for (int i = 0; i < argc; i++)
    if (i != skip)
      XXH3_128bits_update(st, argv[i], strlen(argv[i]) + 1);
  XXH3_128bits_update(st, text, strlen(text) + 1);
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  snprintf(hex, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}

static char *key_path(const char *dir, const char *key, const char *ext) {
  size_t n = strlen(dir) + strlen(key) + strlen(ext) + 3;
  char *p = xmalloc(n);
  snprintf(p, n, "%s/%s.%s", dir, key, ext);
  return p;
}

static int exists(const char *p) { return access(p, F_OK) == 0; }

/* claim: creates p, which must not exist yet (the one process that does wins). */
static int claim(const char *p) {
  int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return 0;
  close(fd);
  return 1;
}

/* claim_locked: claim, keeping p open with an exclusive flock(2) until the caller
 * closes the descriptor (-1: another process won). The file is locked under a name of
 * its own first and then linked to p, so p never exists unlocked while it is built. */
static int claim_locked(const char *p) {
  size_t n = strlen(p) + 24;
  char *tmp = xmalloc(n);
  snprintf(tmp, n, "%s.%ld", p, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
      ;
    if (link(tmp, p) != 0) {
      close(fd);
      fd = -1;
    }
    unlink(tmp);
  }
  free(tmp);
  return fd;
}

/* wait_unlocked: waits until no process holds an flock on p (its builder finished or
 * died), at most FE_PREFIX_WAIT_S. */
static void wait_unlocked(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return;
  struct timespec nap = {0, 5 * 1000 * 1000};
  for (unsigned k = 0; k < FE_PREFIX_WAIT_S * 200u; k++) {
    if (flock(fd, LOCK_SH | LOCK_NB) == 0 || (errno != EWOULDBLOCK && errno != EINTR))
      break;
    nanosleep(&nap, NULL);
  }
  close(fd);
}

typedef struct deps_ctx {
  FILE *f;
  const char *skip; /* our own header */
  unsigned n;
  int bad;
  CXTranslationUnit tu;
} deps_ctx;

static void deps_visit(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData d) {
  (void)stack;
  deps_ctx *c = d;
  CXString real = clang_File_tryGetRealPathName(file);
  CXString name = clang_getFileName(file);
  const char *p = clang_getCString(real);
  if (!p || !*p)
    p = clang_getCString(name);
  if (p && *p && strcmp(p, c->skip) != 0) {
    /* a header our own includes directly is included again by the unit's own lines */
    if (depth == 1 && !clang_isFileMultipleIncludeGuarded(c->tu, file)) {
      c->bad = 1;
      if (getenv("SSPI_CHECK_SHOW_PREFIX"))
        fprintf(stderr, "sspi-check: prefix: not guarded: %s\n", p);
    }
    if (strchr(p, '\n') || ++c->n > DEPS_MAX_FILES)
      c->bad = 1;
    else
      fprintf(c->f, "%s\n", p);
  }
  clang_disposeString(real);
  clang_disposeString(name);
}

/* write_consts: KEY.consts, what a unit parsed with the PCH needs of its macro
 * definitions, which the PCH does not keep (a PCH with the preprocessing record makes
 * every unit visit the thousands of definitions of <windows.h> again): whether the
 * headers are C++, then the rules' constants they define, "NAME VALUE" a line. */
static int write_consts(CXTranslationUnit tu, const rules *r, const char *path) {
  arena *a = arena_new();
  ir_const *cs = NULL;
  int cxx = 0;
  unsigned n = fe_unit_consts(tu, r, a, &cs, &cxx);
  FILE *f = fopen(path, "w");
  int rc = f ? 0 : -1;
  if (f) {
    fprintf(f, "cxx %d\n", cxx);
    for (unsigned i = 0; i < n; i++)
      if (!strpbrk(cs[i].name, " \n"))
        fprintf(f, "%s %lld\n", cs[i].name, (long long)cs[i].value);
    if (fclose(f) != 0)
      rc = -1;
  }
  arena_free(a);
  return rc;
}

FILE *fe_prefix_open(const char *deps, const char *ext) {
  size_t len = strlen(deps);
  if (len < 5 || strcmp(deps + len - 5, ".deps") != 0)
    return NULL;
  char *path = xmalloc(len + strlen(ext));
  memcpy(path, deps, len - 4);
  strcpy(path + len - 4, ext);
  FILE *f = fopen(path, "r");
  free(path);
  return f;
}

int fe_prefix_consts(const char *deps, arena *a, ir_const **out, unsigned *n, int *is_cxx) {
  *out = NULL;
  *n = 0;
  FILE *f = fe_prefix_open(deps, "consts");
  if (!f)
    return -1;
  char line[512];
  int cxx = -1;
  unsigned cap = 0;
  while (fgets(line, sizeof line, f) && *n < PREFIX_MAX_CONSTS) {
    char name[256];
    long long v;
    if (cxx < 0) {
      if (sscanf(line, "cxx %d", &cxx) != 1)
        break;
      continue;
    }
    if (sscanf(line, "%255s %lld", name, &v) != 2)
      continue;
    if (*n == cap) {
      unsigned nc = cap ? 2 * cap : 32;
      ir_const *ns = arena_alloc(a, nc * sizeof *ns);
      if (*n)
        memcpy(ns, *out, *n * sizeof *ns);
      *out = ns;
      cap = nc;
    }
    (*out)[*n].name = arena_strdup(a, name);
    (*out)[*n].value = (int64_t)v;
    (*n)++;
  }
  fclose(f);
  if (cxx < 0)
    return -1;
  *is_cxx = cxx;
  return 0;
}

/* is_cxx_source: the driver takes this file for C++ (by its name; a command with -x
 * has no prefix: tu.c). */
static int is_cxx_source(const char *f) {
  const char *dot = strrchr(f, '.');
  static const char *const ext[] = {".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C", NULL};
  for (unsigned k = 0; dot && ext[k]; k++)
    if (strcmp(dot, ext[k]) == 0)
      return 1;
  return 0;
}

static double cpu_seconds(void) {
  struct timespec t;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
    return 0;
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* parse_ok: av parsed with flags, or NULL when it fails or reports an error. */
static CXTranslationUnit parse_ok(CXIndex ix, const char **av, int ac, unsigned flags) {
  CXTranslationUnit tu = NULL;
  if (clang_parseTranslationUnit2FullArgv(ix, NULL, av, ac, NULL, 0, flags, &tu) != CXError_Success)
    return NULL;
  for (unsigned i = 0, nd = tu ? clang_getNumDiagnostics(tu) : 0; i < nd; i++) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    int err = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
    clang_disposeDiagnostic(d);
    if (err) {
      clang_disposeTranslationUnit(tu);
      return NULL;
    }
  }
  return tu;
}

/* build: KEY.h from text, KEY.pch from it with argv (argv[skip] becomes KEY.h as a C
 * header), then KEY.deps. 0 when every file is in place. */
static int build(CXIndex ix, const char *dir, const char *key, char *const *argv, int argc,
                 int skip, const char *text, const rules *r) {
  char *h = key_path(dir, key, "h"), *pch = key_path(dir, key, "pch"),
       *tmp = key_path(dir, key, "pch.tmp"), *deps = key_path(dir, key, "deps"),
       *dtmp = key_path(dir, key, "deps.tmp"), *consts = key_path(dir, key, "consts"),
       *fns = key_path(dir, key, "fns");
  int rc = -1;
  FILE *hf = fopen(h, "w");
  if (!hf || fputs(text, hf) < 0) {
    if (hf)
      fclose(hf);
    goto out;
  }
  if (fclose(hf) != 0)
    goto out;
  const char **av = xmalloc(((size_t)argc + 2) * sizeof *av);
  int ac = 0;
  for (int i = 0; i < argc; i++) {
    if (i == skip) {
      av[ac++] = is_cxx_source(argv[i]) ? "-xc++-header" : "-xc-header";
      av[ac++] = h;
    } else
      av[ac++] = argv[i];
  }
  /* Two parses: one with the preprocessing record and no function bodies for what
   * the units need of the headers' macros (write_consts) and the list of files; the
   * PCH itself, and the list of its project-header functions, from one with bodies
   * and without the record (a PCH with it makes every unit visit the
   * thousands of macro definitions of <windows.h> again: curl ran 3x slower). */
  double t0 = cpu_seconds();
  CXTranslationUnit info = parse_ok(ix, av, ac,
                                    CXTranslationUnit_DetailedPreprocessingRecord |
                                        CXTranslationUnit_Incomplete |
                                        CXTranslationUnit_SkipFunctionBodies);
  /* headers this cheap to read are no cheaper through a PCH (loading one and checking
   * its files costs a few milliseconds a unit, building it two parses): not shared */
  double t_info = cpu_seconds() - t0;
  int ok = info != NULL && t_info >= FE_PREFIX_MIN_COST;
  FILE *df = ok ? fopen(dtmp, "w") : NULL;
  if (df) {
    deps_ctx c = {df, h, 0, 0, info};
    clang_getInclusions(info, deps_visit, &c);
    ok = !c.bad;
    if (fclose(df) != 0)
      ok = 0;
  } else
    ok = 0;
  if (ok)
    ok = write_consts(info, r, consts) == 0;

  if (info)
    clang_disposeTranslationUnit(info);
  CXTranslationUnit tu =
      ok ? parse_ok(ix, av, ac, CXTranslationUnit_Incomplete | CXTranslationUnit_ForSerialization)
         : NULL;
  free(av);
  if (tu) { /* the functions of its project headers (with bodies: this parse has them) */
    FILE *ff = fopen(fns, "w");
    ok = ff && fe_header_fns(tu, ff) == 0;
    if (ff && fclose(ff) != 0)
      ok = 0;
  }
  if (tu && ok && clang_saveTranslationUnit(tu, tmp, clang_defaultSaveOptions(tu)) == CXSaveError_None &&
      rename(tmp, pch) == 0 && rename(dtmp, deps) == 0)
    rc = 0;
  if (tu)
    clang_disposeTranslationUnit(tu);
  if (getenv("SSPI_CHECK_SHOW_PREFIX"))
    fprintf(stderr, "sspi-check: prefix: %s: %s (headers %.3f s, %.3f s in all)\n", key,
            rc == 0 ? "built" : "not shared", t_info, cpu_seconds() - t0);
out:
  unlink(tmp);
  unlink(dtmp);
  free(h);
  free(pch);
  free(tmp);
  free(deps);
  free(dtmp);
  free(consts);
  free(fns);
  return rc;
}

/* take_slot: one of the run's FE_PREFIX_MAX_PCH PCHs (files slot.N, shared by the
 * workers): a PCH is 5 to 40 MB of $TMPDIR, often a tmpfs in CI. 0 when all are taken. */
static int take_slot(const char *dir) {
  char name[16];
  for (unsigned k = 0; k < FE_PREFIX_MAX_PCH; k++) {
    snprintf(name, sizeof name, "%u", k);
    char *p = key_path(dir, "slot", name);
    int won = claim(p);
    free(p);
    if (won)
      return 1;
  }
  return 0;
}

static unsigned count_lines(const char *t) {
  unsigned n = 0;
  for (; *t; t++)
    n += *t == '\n';
  return n;
}

char *fe_prefix_pch(CXIndex ix, const char *dir, char *const *argv, int argc, int skip,
                    const char *wd, const char *text, const rules *r, char **deps_out) {
  *deps_out = NULL;
  char key[33];
  fe_prefix_key(argv, argc, skip, wd, text, key);
  char *pch = key_path(dir, key, "pch"), *deps = key_path(dir, key, "deps"),
       *bad = key_path(dir, key, "bad"), *lock = key_path(dir, key, "lock");
  int ready = exists(deps);
  if (!ready && !exists(bad)) {
    int fd = claim_locked(lock);
    if (fd >= 0 && getenv("SSPI_CHECK_PCH_BUILDER_DIE"))
      raise(SIGKILL); /* fault injection for the tests: the builder dies holding the lock */
    if (fd >= 0) {
      ready = take_slot(dir) && build(ix, dir, key, argv, argc, skip, text, r) == 0;
      if (!ready)
        claim(bad);
      close(fd); /* KEY.deps or KEY.bad exists: the waiting units go on */
    } else {
      wait_unlocked(lock); /* another process builds it */
      ready = exists(deps);
    }
  }
  if (getenv("SSPI_CHECK_SHOW_PREFIX")) /* debugging aid and tests: which units share */
    fprintf(stderr, "sspi-check: prefix: %s: %s, %u lines\n", argv[skip], ready ? key : "parsed alone",
            count_lines(text));
  free(bad);
  free(lock);
  if (!ready) {
    free(pch);
    free(deps);
    return NULL;
  }
  *deps_out = deps;
  return pch;
}

void fe_prefix_deps(const char *deps, void (*on_file)(void *, const char *), void *ctx) {
  FILE *f = fopen(deps, "r");
  if (!f)
    return;
  char line[PATH_MAX + 2];
  unsigned n = 0;
  while (n++ < DEPS_MAX_FILES && fgets(line, sizeof line, f)) {
    size_t len = strlen(line);
    if (len && line[len - 1] == '\n')
      line[--len] = '\0';
    if (len)
      on_file(ctx, line);
  }
  fclose(f);
}

char *fe_prefix_dir_new(void) {
  const char *t = outfile_tmpdir();
  size_t n = strlen(t) + 32;
  char *d = xmalloc(n);
  snprintf(d, n, "%s/sspi-check-pch-XXXXXX", t);
  if (!mkdtemp(d)) {
    free(d);
    return NULL;
  }
  janitor_watch(d); /* removed even if the run is killed */
  return d;
}

void fe_prefix_dir_remove(const char *d) {
  if (!d)
    return;
  janitor_forget(d);
  janitor_remove_dir(d);
}

/* The plan: how many prefix lines each command's PCH holds (0: parsed alone). */
struct fe_prefix_plan {
  char *dir;
  unsigned n;
  const fe_cmd **cmd; /* sorted by address */
  unsigned *lines;
  uint64_t *group;    /* the prefix shared (its command and lines), never 0 */
};

typedef struct cand {
  XXH64_hash_t h; /* command group and the first `len` lines */
  unsigned unit, len;
  unsigned share; /* units that begin with them */
} cand;

static int cand_unit_cmp(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->unit != y->unit)
    return x->unit < y->unit ? -1 : 1;
  return x->len < y->len ? -1 : x->len > y->len;
}

static int cand_cmp(const void *a, const void *b) {
  const cand *x = a, *y = b;
  return x->h < y->h ? -1 : x->h > y->h ? 1 : 0;
}

typedef struct pick {
  const fe_cmd *cmd;
  unsigned lines;
  uint64_t group;
} pick;

static int pick_cmp(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const pick *)a)->cmd, y = (uintptr_t)((const pick *)b)->cmd;
  return x < y ? -1 : x > y;
}

/* group_hash: the command as libclang gets it (no -o, no dependency-file options),
 * without its main file (path, or as the command names it when run from its own
 * directory), in its directory. */
static XXH64_hash_t group_hash(const fe_cmd *c, const char *path) {
  int argc = 0;
  char **argv = fe_rewrite_argv(c, 0, NULL, 0, &argc);
  XXH3_state_t *st = XXH3_createState();
  if (!st)
    xalloc_fail();
  XXH3_64bits_reset(st);
  const char *wd = c->directory ? c->directory : "";
  XXH3_64bits_update(st, wd, strlen(wd) + 1);
  for (int i = 0; i < argc; i++)
    if (argv[i] && strcmp(argv[i], path) != 0 && strcmp(argv[i], c->file) != 0)
      XXH3_64bits_update(st, argv[i], strlen(argv[i]) + 1);
  XXH64_hash_t h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  fe_argv_free(argv, argc);
  return h;
}

fe_prefix_plan *fe_prefix_plan_new(const fe_cmd *const *cmds, unsigned n, const char *dir) {
  fe_prefix_plan *p = xcalloc(1, sizeof *p);
  p->dir = xstrdup(dir);
  cand *cs = NULL;
  size_t nc = 0, capc = 0;
  for (unsigned u = 0; u < n; u++) {
    const fe_cmd *c = cmds[u];
    if (!c || !c->file)
      continue;
    char path[PATH_MAX * 2];
    fe_main_path(c, path, sizeof path);
    unsigned nl = 0;
    char *text = prefix_scan(path, PREFIX_SCAN_MAX_LINES, &nl);
    if (!text)
      continue;
    XXH64_hash_t g = group_hash(c, path);
    const char *e = text;
    for (unsigned len = 1; len <= nl; len++) {
      e = strchr(e, '\n') + 1; /* each line of the text ends in one */
      if (nc == capc) {
        capc = capc ? 2 * capc : 256;
        cs = xrealloc(cs, capc * sizeof *cs);
      }
      cs[nc].h = XXH3_64bits_withSeed(text, (size_t)(e - text), g);
      cs[nc].unit = u;
      cs[nc].len = len;
      nc++;
    }
    free(text);
  }
  /* Each unit: its first line and the lines after it while at least half the units
   * that begin with that first line share them (and FE_PREFIX_MIN_SHARE do): one or
   * two PCHs for the units of a command and first line.
   * The setup header every unit begins with (<windows.h> inside) is most of a parse;
   * a longer prefix shared by few units means one more PCH to build for little. */
  unsigned *best = xcalloc(n ? n : 1, sizeof *best);
  uint64_t *bestg = xcalloc(n ? n : 1, sizeof *bestg);
  if (nc)
    qsort(cs, nc, sizeof *cs, cand_cmp);
  for (size_t i = 0; i < nc;) {
    size_t j = i;
    while (j < nc && cs[j].h == cs[i].h)
      j++;
    for (size_t k = i; k < j; k++)
      cs[k].share = (unsigned)(j - i);
    i = j;
  }
  if (nc)
    qsort(cs, nc, sizeof *cs, cand_unit_cmp);
  for (size_t i = 0; i < nc;) {
    size_t j = i;
    while (j < nc && cs[j].unit == cs[i].unit)
      j++;
    for (size_t k = i; k < j; k++) {
      if (cs[k].share < FE_PREFIX_MIN_SHARE || 2 * cs[k].share < cs[i].share)
        break;
      best[cs[k].unit] = cs[k].len;
      bestg[cs[k].unit] = cs[k].h | 1;
    }
    i = j;
  }
  free(cs);
  pick *pk = xcalloc(n ? n : 1, sizeof *pk);
  for (unsigned u = 0; u < n; u++)
    if (best[u]) {
      pk[p->n].cmd = cmds[u];
      pk[p->n].lines = best[u];
      pk[p->n].group = bestg[u];
      p->n++;
    }
  free(best);
  free(bestg);
  qsort(pk, p->n, sizeof *pk, pick_cmp);
  p->cmd = xcalloc(p->n ? p->n : 1, sizeof *p->cmd);
  p->lines = xcalloc(p->n ? p->n : 1, sizeof *p->lines);
  p->group = xcalloc(p->n ? p->n : 1, sizeof *p->group);
  for (unsigned k = 0; k < p->n; k++) {
    p->cmd[k] = pk[k].cmd;
    p->lines[k] = pk[k].lines;
    p->group[k] = pk[k].group;
  }
  free(pk);
  return p;
}

/* plan_find: c's index in p, or p->n. */
static unsigned plan_find(const fe_prefix_plan *p, const fe_cmd *c) {
  unsigned lo = 0, hi = p ? p->n : 0;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    if (p->cmd[mid] == c)
      return mid;
    if ((uintptr_t)p->cmd[mid] < (uintptr_t)c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return p ? p->n : 0;
}

unsigned fe_prefix_plan_lines(const fe_prefix_plan *p, const fe_cmd *c, const char **dir) {
  *dir = p ? p->dir : NULL;
  unsigned k = plan_find(p, c);
  return p && k < p->n ? p->lines[k] : 0;
}

uint64_t fe_prefix_plan_group(const fe_prefix_plan *p, const fe_cmd *c) {
  unsigned k = plan_find(p, c);
  return p && k < p->n ? p->group[k] : 0;
}

void fe_prefix_plan_free(fe_prefix_plan *p) {
  if (!p)
    return;
  free(p->dir);
  free(p->cmd);
  free(p->lines);
  free(p->group);
  free(p);
}
