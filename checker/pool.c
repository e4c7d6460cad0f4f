/* pool.c - the per-unit step (parse + lower) in -j N forked worker processes that
 * take units from a shared counter and hand them back as unit files in a private
 * temporary directory; the parent reads them in unit order, so that a parallel run
 * reports exactly what a serial run does.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "pool.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "inputs.h"
#include "progress.h"
#include "unitfile.h"
#include "unitstore.h"
#include "util/janitor.h"
#include "util/outfile.h"

#define POOL_MAX_JOBS 64u
#define POOL_MAX_ERR_FILE 65536u

/* What a worker reports for one unit through the results pipe (one atomic write). */
typedef struct job_result {
  uint32_t unit;
  uint32_t status;
} job_result;

enum { JOB_NONE, JOB_UNIT, JOB_PARSE_ERROR, JOB_WRITE_ERROR };

/* pool_jobs: -j N as a worker count: 0 = the number of CPUs, at most 64. */
unsigned pool_jobs(const options *o) {
  long n = o->jobs;
  if (n == 0)
    n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    n = 1;
  if (n > (long)POOL_MAX_JOBS)
    n = POOL_MAX_JOBS;
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
                            const fe_opts *fo, unitcache *cache) {
  char *err = NULL;
  char msg[1400];
  unsigned st = JOB_WRITE_ERROR;
  ir_unit *u = NULL;
  if (unit_source_check(cmd, fo->extra, fo->nextra, msg, sizeof msg) != 0)
    err = strdup(msg); /* a FIFO, a device, too large: never handed to libclang */
  else
    u = unitcache_lower(cache, cmd, r, fo, &err);
  char *path = job_path(dir, i, u ? "sspi-unit" : "err");
  if (path && u) {
    if (unitfile_save(path, u, msg, sizeof msg) == 0)
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
                       const fe_opts *fo, unitcache *cache) {
  for (;;) {
    unsigned k = atomic_fetch_add(next, 1u);
    if (k >= ntodo)
      return 0;
    job_result res;
    res.unit = todo[k];
    res.status = worker_unit(dir, todo[k], cmds->all[todo[k]], r, fo, cache);
    if (write_all(out_fd, &res, sizeof res) != 0)
      return 1;
  }
}

/* read_err_file: the parse error a worker left in path (owned, NULL on failure). */
static char *read_err_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  char *buf = malloc(POOL_MAX_ERR_FILE + 1);
  size_t n = buf ? fread(buf, 1, POOL_MAX_ERR_FILE, f) : 0;
  fclose(f);
  if (buf)
    buf[n] = 0;
  return buf;
}

/* make_job_dir: a private directory for the workers' unit files (owned path). */
static char *make_job_dir(void) {
  const char *tmp = outfile_tmpdir();
  size_t n = strlen(tmp) + 32;
  char *dir = malloc(n);
  if (!dir)
    return NULL;
  snprintf(dir, n, "%s/sspi-check.XXXXXX", tmp);
  if (!mkdtemp(dir)) {
    char msg[1400];
    snprintf(msg, sizeof msg, "%s: cannot create a temporary directory: %s", tmp,
             strerror(errno));
    run_error(msg);
    free(dir);
    return NULL;
  }
  janitor_watch(dir); /* removed even if the run is killed */
  return dir;
}

/* remove_job_dir: the directory and the files the workers wrote in it (as the janitor
 * would, had the run been killed). */
static void remove_job_dir(char *dir) {
  janitor_forget(dir);
  janitor_remove_dir(dir);
  free(dir);
}

/* An interrupt (Ctrl-C, a CI job cancelled) while the workers run: the parent stops
 * them, removes the temporary directory, then dies of the same signal. */
static volatile sig_atomic_t pool_signal;
static const int pool_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define POOL_NSIG (sizeof pool_signals / sizeof pool_signals[0])

static void pool_on_signal(int sig) { pool_signal = sig; }

static void pool_catch(struct sigaction *old) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = pool_on_signal; /* no SA_RESTART: the blocking read returns EINTR */
  sigemptyset(&sa.sa_mask);
  pool_signal = 0;
  for (unsigned i = 0; i < POOL_NSIG; i++)
    sigaction(pool_signals[i], &sa, &old[i]);
}

static void pool_release(const struct sigaction *old) {
  for (unsigned i = 0; i < POOL_NSIG; i++)
    sigaction(pool_signals[i], &old[i], NULL);
}

/* The order the workers take units in. Results are read in unit order whatever the
 * order of work, so it changes only how long the run takes:
 *  1. the first unit of each shared prefix (fe_prefix_plan_group), so that the PCHs are
 *     built side by side at the start instead of one worker building while the others
 *     parse alone what would be cheap a moment later;
 *  2. the units that parse alone (no shared prefix: their headers are parsed again),
 *  3. the units of a shared prefix;
 * each class largest source file first, so that the units left for the end, when a
 * worker may have nothing else to take, are the cheap ones (longest job first). */
typedef struct work_item {
  unsigned unit, cls;
  unsigned long long bytes;
} work_item;

static int work_cmp(const void *a, const void *b) {
  const work_item *x = a, *y = b;
  if (x->cls != y->cls)
    return x->cls < y->cls ? -1 : 1;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* work_order: todo in that order (owned), or NULL when out of memory (todo's own
 * order then). */
static unsigned *work_order(const cmd_list *cmds, const unsigned *todo, unsigned ntodo,
                            const fe_opts *fo) {
  work_item *w = malloc(ntodo * sizeof *w);
  uint64_t *seen = malloc(ntodo * sizeof *seen);
  unsigned *order = malloc(ntodo * sizeof *order);
  if (!w || !seen || !order) {
    free(w);
    free(seen);
    free(order);
    return NULL;
  }
  unsigned nseen = 0;
  for (unsigned k = 0; k < ntodo; k++) {
    unsigned i = todo[k];
    uint64_t g = fo && fo->prefix ? fe_prefix_plan_group(fo->prefix, cmds->all[i]) : 0;
    unsigned j = 0;
    while (j < nseen && seen[j] != g)
      j++;
    w[k].unit = i;
    w[k].bytes = cmds->bytes ? cmds->bytes[i] : 0;
    w[k].cls = !g ? 1u : j < nseen ? 2u : 0u;
    if (g && j == nseen)
      seen[nseen++] = g;
  }
  qsort(w, ntodo, sizeof *w, work_cmp);
  for (unsigned k = 0; k < ntodo; k++)
    order[k] = w[k].unit;
  free(w);
  free(seen);
  return order;
}

/* pool_lower: the per-unit step of the units in todo (ntodo > 1) in njobs forked
 * workers, which take units from a shared counter and write unit files (or parse
 * errors) into a private temporary directory; the parent then reads them in unit
 * order, so that errors are reported and units analysed exactly as in a serial run.
 * Returns 0, or -1 after reporting a failure of the machinery (exit status 2). */
int pool_lower(const options *o, const cmd_list *cmds, const unsigned *todo,
                          unsigned ntodo, unsigned njobs, const rules *r, const fe_opts *fo,
                          unitcache *cache, unitstore *units, int *parse_failed) {
  char msg[1400];
  int rc = -1;
  pid_t pids[POOL_MAX_JOBS];
  unsigned nworkers = 0;
  int fds[2] = {-1, -1};
  struct sigaction old_sa[POOL_NSIG];
  int caught = 0;
  unsigned char *jstat = calloc(cmds->n + 1, 1);
  char **load_err = calloc(cmds->n + 1, sizeof *load_err); /* why a unit file did not load */
  char *dir = make_job_dir();
  unsigned *order = NULL;
  atomic_uint *next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (next == MAP_FAILED)
    next = NULL;
  if (!jstat || !load_err || !dir || !next || pipe(fds) != 0) {
    if (!jstat || !load_err)
      run_error("out of memory");
    else if (dir) /* else make_job_dir reported it */
      run_error(next ? "cannot create a pipe for the worker processes"
                       : "cannot map memory shared with the worker processes");
    goto done;
  }
  atomic_init(next, 0u);
  order = work_order(cmds, todo, ntodo, fo);
  pool_catch(old_sa);
  caught = 1;
  fflush(NULL);
  for (unsigned w = 0; w < njobs; w++) {
    pid_t pid = fork();
    if (pid < 0)
      break; /* fewer workers: the others take the remaining units */
    if (pid == 0) {
      close(fds[0]);
#ifdef __GLIBC__
      /* a worker frees each unit's AST and allocates the next one's: with glibc's
       * default (the heap's free top above 128 KB goes back to the system) each unit
       * faulted its memory in again, twice the page faults of -j 1 in all. The heap
       * keeps up to 16 MB free instead (a worker's peak stays under the main
       * process's, which holds the units). */
      mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
      signal(SIGPIPE, SIG_DFL);
      for (unsigned s = 0; s < POOL_NSIG; s++)
        signal(pool_signals[s], SIG_DFL);
      int wrc = worker_main(dir, cmds, order ? order : todo, ntodo, next, fds[1], r, fo, cache);
      _exit(wrc);
    }
    pids[nworkers++] = pid;
  }
  close(fds[1]);
  fds[1] = -1;
  if (nworkers == 0) {
    snprintf(msg, sizeof msg, "cannot start worker processes: %s", strerror(errno));
    run_error(msg);
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
      if (n < 0 && errno == EINTR && !pool_signal)
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
      /* read each unit file as it arrives, while the workers parse the next units
       * (a failure is reported below, in unit order) */
      if (res.status == JOB_UNIT) {
        char *path = job_path(dir, res.unit, "sspi-unit");
        ir_unit *u = path ? unitfile_load(path, msg, sizeof msg) : NULL;
        if (u) {
          if (cache)
            unitstore_put_reloadable(units, res.unit, u); /* the worker wrote its entry */
          else
            unitstore_put(units, res.unit, u);
          unlink(path); /* read: the store keeps it from now on */
        } else {
          load_err[res.unit] = strdup(path ? msg : "out of memory");
        }
        free(path);
      }
    }
  }
  progress_free(prog);
  if (pool_signal)
    for (unsigned w = 0; w < nworkers; w++)
      kill(pids[w], SIGTERM);
  int died = 0;
  for (unsigned w = 0; w < nworkers; w++) {
    int ws;
    while (waitpid(pids[w], &ws, 0) < 0 && errno == EINTR)
      ;
    if (WIFSIGNALED(ws) && !died)
      died = WTERMSIG(ws);
  }

  if (pool_signal)
    goto done; /* interrupted: clean up below, then die of the same signal */

  /* unit order: the same reports and the same units as a serial run */
  rc = 0;
  for (unsigned k = 0; k < ntodo && rc == 0; k++) {
    unsigned i = todo[k];
    const char *file = cmds->all[i]->file;
    char *path = NULL;
    switch (jstat[i]) {
    case JOB_UNIT:
      if (!unitstore_has(units, i)) {
        run_error(load_err[i] ? load_err[i] : "out of memory");
        rc = -1;
      }
      break;
    case JOB_PARSE_ERROR: {
      path = job_path(dir, i, "err");
      char *text = path ? read_err_file(path) : NULL;
      run_error(text && *text ? text : file);
      free(text);
      *parse_failed = 1;
      break;
    }
    case JOB_WRITE_ERROR:
      snprintf(msg, sizeof msg, "%s: a worker process could not write its unit file in %s",
               file, dir);
      run_error(msg);
      rc = -1;
      break;
    default:
      if (died)
        snprintf(msg, sizeof msg, "%s: the worker process lowering this unit was killed by "
                 "signal %d", file, died);
      else
        snprintf(msg, sizeof msg, "%s: no result from the worker processes", file);
      run_error(msg);
      *parse_failed = 1;
      break;
    }
    free(path);
  }
done:
  free(order);
  if (fds[0] >= 0)
    close(fds[0]);
  if (fds[1] >= 0)
    close(fds[1]);
  if (next)
    munmap(next, sizeof *next);
  if (dir)
    remove_job_dir(dir);
  free(jstat);
  for (unsigned i = 0; load_err && i < cmds->n; i++)
    free(load_err[i]);
  free(load_err);
  if (caught) {
    pool_release(old_sa);
    if (pool_signal) {
      signal(pool_signal, SIG_DFL);
      raise(pool_signal);
    }
  }
  return rc;
}
