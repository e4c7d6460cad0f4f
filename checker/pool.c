/* pool.c - the per-unit step (parse + lower) in -j N forked worker processes that
 * take units from a queue shared with the parent and hand them back as unit files in a
 * private temporary directory. The parent reads each unit file as it arrives, and may
 * add units to the queue meanwhile (the relevance pre-pass: what an arriving unit
 * makes relevant is parsed by the same workers, without waiting for the others); parse
 * errors are reported in unit order at the end, so that a parallel run reports exactly
 * what a serial run does.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "pool.h"

#include <errno.h>
#include <poll.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "inputs.h"
#include "progress.h"
#include "unitfile.h"
#include "unitstore.h"
#include "util/janitor.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#define POOL_MAX_JOBS 64u
#define POOL_MAX_ERR_FILE 65536u

/* What a worker reports through the results pipe (one atomic write each): that it
 * took a unit (JOB_STARTED), then how the unit went. */
typedef struct job_result {
  uint32_t unit;
  uint32_t status;
  uint32_t worker;
} job_result;

enum { JOB_NONE, JOB_UNIT, JOB_PARSE_ERROR, JOB_WRITE_ERROR, JOB_STARTED };

/* The queue shared with the workers (one MAP_SHARED mapping): the parent fills slot[]
 * in order and posts `items` once per slot filled; a worker waits for an item, then
 * takes the next slot (head). After the last unit, one POOL_STOP per worker. */
#define POOL_STOP 0xffffffffu
typedef struct pool_queue {
  sem_t items;
  atomic_uint head;
  unsigned slot[];
} pool_queue;

/* How long the parent waits for a result before it looks for workers that died. */
#define POOL_POLL_MS 200

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
  char *bytes = NULL; /* u as a unit file, when the cache entry was written of it */
  size_t nbytes = 0;
  if (unit_source_check(cmd, fo->extra, fo->nextra, msg, sizeof msg) != 0)
    err = strdup(msg); /* a FIFO, a device, too large: never handed to libclang */
  else
    u = unitcache_lower(cache, cmd, r, fo, &err, &bytes, &nbytes);
  char *path = job_path(dir, i, u ? "sspi-unit" : "err");
  if (path && u) {
    if ((bytes ? unitfile_save_bytes(path, bytes, nbytes, msg, sizeof msg)
               : unitfile_save(path, u, msg, sizeof msg)) == 0)
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
  free(bytes);
  ir_unit_free(u);
  return st;
}

/* Fault injection for the tests (like SSPI_CHECK_ALLOC_LIMIT): a worker that takes a
 * unit whose file name ends with SSPI_CHECK_WORKER_DIE dies of SIGKILL, as a crash or
 * the kernel's OOM killer would end it: after it said it took the unit, or before
 * that when the value starts with '!'. With "oom:" first, it runs out of memory
 * instead (xalloc_fail), after it said it took the unit. */
static void maybe_die(const fe_cmd *cmd, int early) {
  const char *e = getenv("SSPI_CHECK_WORKER_DIE");
  int oom = e && strncmp(e, "oom:", 4) == 0;
  if (oom)
    e += 4;
  if (!e || !*e || (*e == '!') != early || (oom && early))
    return;
  e += early;
  size_t n = strlen(e), f = strlen(cmd->file);
  if (n <= f && strcmp(cmd->file + f - n, e) == 0) {
    if (oom)
      xalloc_fail();
    raise(SIGKILL);
  }
}

/* next_item: waits for the next slot of the queue; 0, or -1 when the parent is gone
 * (killed outright: nothing will be posted again, and a worker left waiting would keep
 * the janitor from removing the temporary files). */
static int next_item(pool_queue *q, pid_t parent) {
  for (;;) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += 1;
    if (sem_timedwait(&q->items, &t) == 0)
      return 0;
    if (errno != EINTR && errno != ETIMEDOUT)
      return -1;
    if (getppid() != parent)
      return -1;
  }
}

/* worker_main: takes units from the queue until it takes a POOL_STOP. */
static int worker_main(const char *dir, const cmd_list *cmds, pool_queue *q, uint32_t self,
                       int out_fd, const rules *r, const fe_opts *fo, unitcache *cache,
                       pid_t parent) {
  for (;;) {
    if (next_item(q, parent) != 0)
      return 1;
    unsigned k = atomic_fetch_add(&q->head, 1u);
    unsigned unit = q->slot[k];
    if (unit == POOL_STOP || unit >= cmds->n)
      return 0;
    maybe_die(cmds->all[unit], 1);
    job_result res = {unit, JOB_STARTED, self};
    if (write_all(out_fd, &res, sizeof res) != 0)
      return 1;
    maybe_die(cmds->all[unit], 0);
    res.status = worker_unit(dir, unit, cmds->all[unit], r, fo, cache);
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

/* The parent's side of one pool_lower. */
typedef struct pool_run {
  const cmd_list *cmds;
  const fe_opts *fo;
  pool_queue *q;
  size_t qbytes;
  unsigned cap;         /* slots: every unit once, then a stop per worker */
  unsigned posted;      /* slots filled */
  unsigned outstanding; /* units posted that no result (or lost worker) has answered */
  unsigned *sent;       /* the units posted, in posting order */
  unsigned nsent;
  unsigned char *jstat; /* per unit: JOB_* (JOB_NONE: no result) */
  char **load_err;      /* per unit: why its unit file did not load */
  pid_t pids[POOL_MAX_JOBS];
  unsigned cur[POOL_MAX_JOBS]; /* the unit each worker took and has not answered */
  unsigned char alive[POOL_MAX_JOBS];
  unsigned nworkers, nalive;
  unsigned quiet;       /* waits in a row with no record, after a worker died */
  int died;             /* the first signal a worker died of */
  unsigned char oom_w[POOL_MAX_JOBS]; /* the worker ended with xalloc's out-of-memory status */
  unsigned char *oom_unit; /* per unit: an out-of-memory worker held it (may be NULL) */
  /* shared prefixes (see post): each group's PCH builder, and the units held back */
  struct pch_group *groups;
  unsigned ngroups;
  unsigned *held;       /* units waiting for their group's builder, in work order */
  unsigned nheld;
} pool_run;

/* A group of units that share a PCH (fe_prefix_plan_group): the unit posted first
 * builds it, the others parse with it. */
typedef struct pch_group {
  uint64_t g;
  unsigned builder;
  unsigned char open;   /* the builder has not answered */
} pch_group;

static void enqueue(pool_run *pr, unsigned unit) {
  if (pr->posted >= pr->cap)
    return;
  pr->q->slot[pr->posted++] = unit;
  pr->sent[pr->nsent++] = unit;
  pr->outstanding++;
  sem_post(&pr->q->items);
}

static uint64_t group_of(const pool_run *pr, unsigned unit) {
  return pr->fo && pr->fo->prefix ? fe_prefix_plan_group(pr->fo->prefix, pr->cmds->all[unit])
                                   : 0;
}

/* held_back: unit (of group g) waits for its group's PCH: another unit of the group
 * was posted first and has not answered. The first unit of a group is its builder. */
static int held_back(pool_run *pr, uint64_t g, unsigned unit) {
  for (unsigned i = 0; i < pr->ngroups; i++)
    if (pr->groups[i].g == g)
      return pr->groups[i].open;
  if (pr->groups && pr->ngroups < pr->cmds->n)
    pr->groups[pr->ngroups++] = (pch_group){g, unit, 1};
  return 0;
}

static unsigned builder_of(const pool_run *pr, uint64_t g) {
  for (unsigned i = 0; i < pr->ngroups; i++)
    if (pr->groups[i].g == g)
      return pr->groups[i].builder;
  return 0;
}

/* post: units[0..n) into the queue, in the order of work (work_order). A unit whose
 * PCH another worker is building is held back until that builder answers: taken
 * earlier, it would only wait for the PCH (flock, prefix.c), while units that need
 * nothing are left in the queue (curl's pre-pass: 0.16 s of a worker's time at the
 * start); the held units go to the queue as soon as the builder answers, or at once
 * when the queue is otherwise empty or a worker died. */
static void post(pool_run *pr, const unsigned *units, unsigned n) {
  if (!n)
    return;
  unsigned *order = work_order(pr->cmds, units, n, pr->fo);
  const unsigned *use = order ? order : units;
  for (unsigned k = 0; k < n; k++) {
    uint64_t g = group_of(pr, use[k]);
    if (g && pr->held && held_back(pr, g, use[k])) {
      pr->held[pr->nheld++] = use[k];
      if (getenv("SSPI_CHECK_SHOW_PREFIX")) /* debugging aid and tests, as in prefix.c */
        fprintf(stderr, "sspi-check: prefix: %s held back until %s answers\n",
                pr->cmds->all[use[k]]->file, pr->cmds->all[builder_of(pr, g)]->file);
    } else
      enqueue(pr, use[k]);
  }
  free(order);
}

/* release: the held units of the groups whose builder is unit (every group when unit
 * is POOL_STOP) go to the queue, in the order they were held. */
static void release(pool_run *pr, unsigned unit) {
  int any = 0;
  for (unsigned i = 0; i < pr->ngroups; i++)
    if (pr->groups[i].open && (unit == POOL_STOP || pr->groups[i].builder == unit)) {
      pr->groups[i].open = 0;
      any = 1;
    }
  if (!any || !pr->nheld)
    return;
  unsigned keep = 0;
  for (unsigned k = 0; k < pr->nheld; k++) {
    unsigned u = pr->held[k];
    uint64_t g = group_of(pr, u);
    int open = 0;
    for (unsigned i = 0; i < pr->ngroups && !open; i++)
      open = pr->groups[i].g == g && pr->groups[i].open;
    if (open)
      pr->held[keep++] = u;
    else
      enqueue(pr, u);
  }
  pr->nheld = keep;
}

/* need_held: the held units must go to the queue now: it is empty and a worker idles
 * (it would only have waited for the PCH, as a held unit will), nothing else is
 * outstanding, or a worker died (its builder's answer may never come). */
static int need_held(pool_run *pr) {
  if (pr->nalive < pr->nworkers || pr->outstanding == 0)
    return 1;
  unsigned taken = atomic_load(&pr->q->head);
  if (pr->posted > taken)
    return 0;
  for (unsigned w = 0; w < pr->nworkers; w++)
    if (pr->alive[w] && pr->cur[w] == POOL_STOP)
      return 1;
  return 0;
}

/* reap: workers that died while the parent waited (a crash, the OOM killer); the unit
 * each held is answered (no result: reported below). Once none is left, nothing more
 * will be answered. */
static void reap(pool_run *pr, int all_gone) {
  for (unsigned w = 0; w < pr->nworkers; w++) {
    if (!pr->alive[w])
      continue;
    int ws;
    pid_t got = waitpid(pr->pids[w], &ws, all_gone ? 0 : WNOHANG);
    if (got == 0 || (got < 0 && errno == EINTR))
      continue;
    pr->alive[w] = 0;
    pr->nalive--;
    if (got > 0 && WIFSIGNALED(ws) && !pr->died)
      pr->died = WTERMSIG(ws);
    if (got > 0 && WIFEXITED(ws) && WEXITSTATUS(ws) == XALLOC_EXIT_OOM) {
      /* the unit it held ran it out of memory, unless its answer is still in the pipe
       * (then the unit it said it took next, when that record is read: take) */
      pr->oom_w[w] = 1;
      if (pr->oom_unit && pr->cur[w] < pr->cmds->n)
        pr->oom_unit[pr->cur[w]] = 1;
    }
    if (pr->cur[w] != POOL_STOP) {
      pr->cur[w] = POOL_STOP;
      pr->outstanding--;
    }
  }
  if (pr->nalive == 0 || all_gone)
    pr->outstanding = 0;
}

/* take: one result from a worker (a unit file is read into the store at once, while
 * the workers go on). */
static void take(pool_run *pr, const job_result *res, const char *dir, unitstore *units,
                 unitcache *cache, progress *prog, unsigned *ndone) {
  char msg[1400];
  if (res->unit >= pr->cmds->n || res->worker >= pr->nworkers)
    return;
  if (res->status == JOB_STARTED) {
    if (pr->oom_w[res->worker] && pr->oom_unit)
      pr->oom_unit[res->unit] = 1; /* read after the worker ran out of memory */
    pr->cur[res->worker] = res->unit;
    return;
  }
  if (res->status < JOB_UNIT || res->status > JOB_WRITE_ERROR || pr->jstat[res->unit])
    return;
  if (pr->cur[res->worker] == res->unit) {
    pr->cur[res->worker] = POOL_STOP;
    pr->outstanding--;
  }
  pr->jstat[res->unit] = (unsigned char)res->status;
  progress_unit(prog, ++*ndone, pr->cmds->all[res->unit]->file);
  if (res->status != JOB_UNIT)
    return;
  char *path = job_path(dir, res->unit, "sspi-unit");
  ir_unit *u = path ? unitfile_load(path, msg, sizeof msg) : NULL;
  if (u) {
    if (cache)
      unitstore_put_reloadable(units, res->unit, u); /* the worker wrote its entry */
    else
      unitstore_put(units, res->unit, u);
    unlink(path); /* read: the store keeps it from now on */
  } else {
    pr->load_err[res->unit] = strdup(path ? msg : "out of memory");
  }
  free(path);
}

/* unanswered: after a worker died, units it took from the queue without saying so (it
 * was killed between the two) are answered by nobody: when twice in a row nothing came
 * for POOL_POLL_MS, what the living workers hold and the queue still has is all that
 * is outstanding. */
static void unanswered(pool_run *pr) {
  if (pr->nalive == pr->nworkers)
    return;
  unsigned busy = 0, taken = atomic_load(&pr->q->head);
  for (unsigned w = 0; w < pr->nworkers; w++)
    busy += pr->alive[w] && pr->cur[w] != POOL_STOP;
  unsigned held = busy + (pr->posted > taken ? pr->posted - taken : 0);
  if (pr->outstanding <= held)
    pr->quiet = 0;
  else if (++pr->quiet >= 2)
    pr->outstanding = held;
}

/* result_ready: a result (or the end of the pipe) can be read from fd at once. */
static int result_ready(int fd) {
  struct pollfd pfd = {fd, POLLIN, 0};
  return poll(&pfd, 1, 0) > 0;
}

/* wait_result: the next record from the workers: 1, or 0 when every worker is gone
 * (end of file) or a signal arrived. While none comes, workers that died are reaped. */
static int wait_result(pool_run *pr, int fd, job_result *res) {
  size_t got = 0;
  while (got < sizeof *res) {
    if (pool_signal)
      return 0;
    if (got == 0 && pr->outstanding > 0) {
      struct pollfd pfd = {fd, POLLIN, 0};
      int pn = poll(&pfd, 1, POOL_POLL_MS);
      if (pn == 0) {
        reap(pr, 0);
        unanswered(pr);
        if (pr->outstanding == 0)
          return 0;
        continue;
      }
      if (pn < 0 && errno == EINTR)
        continue;
    }
    ssize_t n = read(fd, (char *)res + got, sizeof *res - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return 0;
    got += (size_t)n;
  }
  pr->quiet = 0;
  return 1;
}

static int unit_cmp(const void *a, const void *b) {
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return x < y ? -1 : x > y;
}

/* report: every unit posted, in unit order: a parse error, or what went wrong with the
 * machinery (-1). */
static int report(pool_run *pr, const char *dir, unitstore *units, int *parse_failed) {
  char msg[1400];
  int rc = 0;
  qsort(pr->sent, pr->nsent, sizeof *pr->sent, unit_cmp);
  for (unsigned k = 0; k < pr->nsent && rc == 0; k++) {
    unsigned i = pr->sent[k];
    const char *file = pr->cmds->all[i]->file;
    char *path = NULL;
    switch (pr->jstat[i]) {
    case JOB_UNIT:
      if (!unitstore_has(units, i)) {
        run_error(pr->load_err[i] ? pr->load_err[i] : "out of memory");
        rc = -1;
      }
      break;
    case JOB_PARSE_ERROR: {
      path = job_path(dir, i, "err");
      char *text = path ? read_err_file(path) : NULL;
      run_error(text && *text ? text : file);
      free(text);
      *parse_failed |= UNITS_FAILED_PARSE;
      break;
    }
    case JOB_WRITE_ERROR:
      snprintf(msg, sizeof msg, "%s: a worker process could not write its unit file in %s",
               file, dir);
      run_error(msg);
      rc = -1;
      break;
    default:
      if (pr->oom_unit && pr->oom_unit[i]) {
        snprintf(msg, sizeof msg, "%s: out of memory in the worker process lowering this unit",
                 file);
        run_error(msg);
        *parse_failed |= UNITS_FAILED_OOM;
        break;
      }
      if (pr->died)
        snprintf(msg, sizeof msg, "%s: the worker process lowering this unit was killed by "
                 "signal %d", file, pr->died);
      else
        snprintf(msg, sizeof msg, "%s: no result from the worker processes", file);
      run_error(msg);
      *parse_failed |= UNITS_FAILED_PARSE;
      break;
    }
    free(path);
  }
  return rc;
}

/* pool_lower: see pool.h. The parent posts todo, then reads results as they come;
 * whenever fewer units wait in the queue than there are workers, it asks more() for
 * units to add (after a result: what that unit made relevant; while more() has work
 * that needs no result, whenever none is waiting), and once every unit posted is
 * answered and more() has none and nothing left to do, it stops the workers. */
int pool_lower(const options *o, const cmd_list *cmds, const unsigned *todo, unsigned ntodo,
               unsigned njobs, const rules *r, const fe_opts *fo, unitcache *cache,
               unitstore *units, int *parse_failed, pool_more_fn more, void *more_ctx) {
  char msg[1400];
  int rc = -1;
  int fds[2] = {-1, -1};
  struct sigaction old_sa[POOL_NSIG];
  int caught = 0;
  if (njobs > POOL_MAX_JOBS)
    njobs = POOL_MAX_JOBS;
  pool_run pr;
  memset(&pr, 0, sizeof pr);
  pr.cmds = cmds;
  pr.fo = fo;
  pr.cap = cmds->n + njobs;
  pr.qbytes = sizeof(pool_queue) + (size_t)pr.cap * sizeof(unsigned);
  pr.jstat = calloc(cmds->n + 1, 1);
  pr.load_err = calloc(cmds->n + 1, sizeof *pr.load_err);
  pr.sent = calloc(cmds->n + 1, sizeof *pr.sent);
  /* optional: without them no unit is held back */
  pr.groups = calloc(cmds->n + 1, sizeof *pr.groups);
  pr.held = pr.groups ? calloc(cmds->n + 1, sizeof *pr.held) : NULL;
  pr.oom_unit = calloc(cmds->n + 1, 1); /* optional: without it, no unit is named as such */
  unsigned *extra = more ? calloc(cmds->n + 1, sizeof *extra) : NULL;
  char *dir = make_job_dir();
  pr.q = mmap(NULL, pr.qbytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (pr.q == MAP_FAILED)
    pr.q = NULL;
  int sem_ok = pr.q && sem_init(&pr.q->items, 1, 0) == 0;
  if (!pr.jstat || !pr.load_err || !pr.sent || (more && !extra) || !dir || !sem_ok ||
      pipe(fds) != 0) {
    if (!pr.jstat || !pr.load_err || !pr.sent || (more && !extra))
      run_error("out of memory");
    else if (dir) /* else make_job_dir reported it */
      run_error(pr.q ? "cannot create a pipe or a semaphore for the worker processes"
                     : "cannot map memory shared with the worker processes");
    goto done;
  }
  atomic_init(&pr.q->head, 0u);
  post(&pr, todo, ntodo);
  pool_catch(old_sa);
  caught = 1;
  fflush(NULL);
  pid_t parent = getpid();
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
      xalloc_quiet(); /* the main process reports the unit this worker held */
      signal(SIGPIPE, SIG_DFL);
      for (unsigned s = 0; s < POOL_NSIG; s++)
        signal(pool_signals[s], SIG_DFL);
#ifdef __linux__
      prctl(PR_SET_PDEATHSIG, SIGKILL); /* the parent killed outright: the worker too */
#endif
      if (getppid() != parent)
        _exit(1);
      _exit(worker_main(dir, cmds, pr.q, w, fds[1], r, fo, cache, parent));
    }
    pr.pids[pr.nworkers] = pid;
    pr.cur[pr.nworkers] = POOL_STOP;
    pr.alive[pr.nworkers++] = 1;
  }
  pr.nalive = pr.nworkers;
  close(fds[1]);
  fds[1] = -1;
  if (pr.nworkers == 0) {
    snprintf(msg, sizeof msg, "cannot start worker processes: %s", strerror(errno));
    run_error(msg);
    goto done;
  }

  /* results as they come (the progress line); more units while the queue runs short */
  progress *prog = progress_new(stderr, cmds->n, o->quiet);
  unsigned ndone = 0;
  int ask = more != NULL, again = 0;
  for (;;) {
    if ((ask || again) && !pool_signal) {
      unsigned taken = atomic_load(&pr.q->head);
      unsigned waiting = pr.posted > taken ? pr.posted - taken : 0;
      if (waiting < pr.nalive || again) {
        again = 0;
        unsigned n = more(more_ctx, extra, pr.cap - njobs - pr.nsent, &again);
        post(&pr, extra, n);
      }
      ask = 0;
    }
    if (pr.nheld && need_held(&pr))
      release(&pr, POOL_STOP);
    if (pr.nalive == 0 || (pr.outstanding == 0 && !again) || pool_signal)
      break;
    if (again && !result_ready(fds[0]))
      continue; /* more() has work that needs no result: it goes on meanwhile */
    job_result res;
    if (!wait_result(&pr, fds[0], &res))
      break;
    take(&pr, &res, dir, units, cache, prog, &ndone);
    if (res.status != JOB_STARTED && res.unit < cmds->n)
      release(&pr, res.unit);
    ask = more && res.status != JOB_STARTED;
  }
  progress_free(prog);
  /* the workers stop: at the stops in the queue, or at once when interrupted */
  for (unsigned w = 0; w < pr.nworkers; w++)
    if (pr.posted < pr.cap)
      pr.q->slot[pr.posted++] = POOL_STOP;
  for (unsigned w = 0; w < pr.nworkers; w++)
    sem_post(&pr.q->items);
  if (pool_signal)
    for (unsigned w = 0; w < pr.nworkers; w++)
      if (pr.alive[w])
        kill(pr.pids[w], SIGTERM);
  reap(&pr, 1);

  if (pool_signal)
    goto done; /* interrupted: clean up below, then die of the same signal */
  rc = report(&pr, dir, units, parse_failed);
done:
  if (fds[0] >= 0)
    close(fds[0]);
  if (fds[1] >= 0)
    close(fds[1]);
  if (pr.q) {
    if (sem_ok)
      sem_destroy(&pr.q->items);
    munmap(pr.q, pr.qbytes);
  }
  if (dir)
    remove_job_dir(dir);
  free(pr.jstat);
  for (unsigned i = 0; pr.load_err && i < cmds->n; i++)
    free(pr.load_err[i]);
  free(pr.load_err);
  free(pr.sent);
  free(pr.groups);
  free(pr.held);
  free(pr.oom_unit);
  free(extra);
  if (caught) {
    pool_release(old_sa);
    if (pool_signal) {
      signal(pool_signal, SIG_DFL);
      raise(pool_signal);
    }
  }
  return rc;
}
