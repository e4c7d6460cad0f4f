/* unitstore.c - the lowered units of one run between lowering and analysis: skeletons
 * taken on arrival, IR in memory up to a budget, the rest in one spill file and read
 * back when the analysis needs them (see unitstore.h).
 *
 * The spill file is created in $TMPDIR (else /tmp) and unlinked at once: it lives as
 * long as its descriptor, so a run that is interrupted or crashes leaves nothing
 * behind. Units are appended in the ir_io.h format; each is read back whole into a
 * buffer (its length is known) and parsed from there. A spill that cannot be written
 * keeps the unit in memory instead (memory degrades, findings do not).
 *
 * Ownership: the store owns the units put (until the analysis is done with them), the
 * spill file and the skeleton; the rules are borrowed.
 */
#define _POSIX_C_SOURCE 200809L
#include "unitstore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "inputs.h"
#include "ir_io.h"
#include "util/arena.h"
#include "util/outfile.h"
#include "util/xalloc.h"

/* A unit's slot: put or not; in memory (u), on disk (a copy in the spill file), gone
 * (the analysis is done with it for good). */
typedef struct slot {
  unsigned char put, on_disk, gone;
  unsigned char reloadable; /* the reloader gives it again: no copy needed on disk */
  unsigned char waited;     /* it left memory at least once while still needed */
  ir_unit *u;          /* in memory, or NULL */
  size_t bytes;        /* its arena's size while in memory */
  off_t off;           /* on disk: where in the spill file */
  size_t len;
  char *name;          /* its main file (messages) */
} slot;

struct unitstore {
  unsigned n, nspilled, nfailed;
  slot *v;
  const rules *r;
  eskel *sk;
  size_t budget, resident;
  int keep;
  FILE *spill;         /* NULL until the first unit goes there */
  int spill_broken;    /* creating or writing it failed: keep units in memory */
  unitstore_observer obs;
  void *obs_ctx;
  unitstore_reload_fn reload;
  void *reload_ctx;
};

unitstore *unitstore_new(unsigned n, const rules *r, size_t budget, int keep) {
  unitstore *s = xmalloc(sizeof *s);
  memset(s, 0, sizeof *s);
  s->n = n;
  s->v = xmalloc((n ? n : 1) * sizeof *s->v);
  memset(s->v, 0, (n ? n : 1) * sizeof *s->v);
  s->r = r;
  s->sk = eskel_new(n, 1);
  s->budget = budget;
  s->keep = keep;
  return s;
}

void unitstore_free(unitstore *s) {
  if (!s)
    return;
  for (unsigned i = 0; i < s->n; i++) {
    ir_unit_free(s->v[i].u);
    free(s->v[i].name);
  }
  free(s->v);
  eskel_free(s->sk);
  if (s->spill)
    fclose(s->spill);
  free(s);
}

void unitstore_observe(unitstore *s, unitstore_observer fn, void *ctx) {
  s->obs = fn;
  s->obs_ctx = ctx;
}

void unitstore_set_reloader(unitstore *s, unitstore_reload_fn fn, void *ctx) {
  s->reload = fn;
  s->reload_ctx = ctx;
}

/* open_spill: the anonymous spill file (NULL when it cannot be made). */
static FILE *open_spill(void) {
  const char *tmp = outfile_tmpdir();
  size_t n = strlen(tmp) + 32;
  char *path = xmalloc(n);
  snprintf(path, n, "%s/sspi-check-spill.XXXXXX", tmp);
  int fd = mkstemp(path);
  FILE *f = NULL;
  if (fd >= 0) {
    unlink(path);
    f = fdopen(fd, "w+");
    if (!f)
      close(fd);
  }
  free(path);
  return f;
}

/* to_disk: a copy of unit i (in memory) in the spill file; 0, or -1 (none: the unit
 * must stay in memory). */
static int to_disk(unitstore *s, unsigned i) {
  slot *sl = &s->v[i];
  if (sl->on_disk)
    return 0;
  if (s->spill_broken)
    return -1;
  if (!s->spill && !(s->spill = open_spill())) {
    s->spill_broken = 1;
    return -1;
  }
  if (fseeko(s->spill, 0, SEEK_END) != 0)
    goto broken;
  off_t off = ftello(s->spill);
  if (off < 0 || ir_write(s->spill, sl->u) != 0 || fflush(s->spill) != 0)
    goto broken;
  off_t end = ftello(s->spill);
  if (end < off)
    goto broken;
  sl->off = off;
  sl->len = (size_t)(end - off);
  sl->on_disk = 1;
  return 0;
broken:
  /* a full disk: what was written stays readable, later units stay in memory */
  s->spill_broken = 1;
  return -1;
}

/* drop: unit i leaves memory. */
static void drop(unitstore *s, unsigned i) {
  slot *sl = &s->v[i];
  if (!sl->u)
    return;
  ir_unit_free(sl->u);
  sl->u = NULL;
  s->resident -= sl->bytes;
}

/* park: unit i leaves memory until it is needed again (unless there is no way to have
 * it again: then it stays). */
static void park(unitstore *s, unsigned i) {
  slot *sl = &s->v[i];
  if (!sl->u || (!(sl->reloadable && s->reload) && to_disk(s, i) != 0))
    return;
  drop(s, i);
  if (!sl->waited) {
    sl->waited = 1;
    s->nspilled++;
  }
}

/* over_budget: the units in memory exceed the budget (never with keep). */
static int over_budget(const unitstore *s) { return !s->keep && s->resident > s->budget; }

static void put_unit(unitstore *s, unsigned i, ir_unit *u, int reloadable) {
  if (!u)
    return;
  if (i >= s->n || s->v[i].put) {
    ir_unit_free(u);
    return;
  }
  slot *sl = &s->v[i];
  sl->put = 1;
  sl->reloadable = (unsigned char)reloadable;
  sl->u = u;
  sl->name = xstrdup(u->main_file ? u->main_file : "unit");
  sl->bytes = arena_bytes(u->arena);
  s->resident += sl->bytes;
  if (s->obs)
    s->obs(s->obs_ctx, i, u);
  eskel_add_unit(s->sk, i, u, s->r);
  if (over_budget(s))
    park(s, i);
}

void unitstore_put(unitstore *s, unsigned i, ir_unit *u) { put_unit(s, i, u, 0); }
void unitstore_put_reloadable(unitstore *s, unsigned i, ir_unit *u) { put_unit(s, i, u, 1); }

int unitstore_rewind(unitstore *s) {
  for (unsigned i = 0; i < s->n && !s->reload; i++)
    if (s->v[i].gone && !s->v[i].on_disk)
      return -1; /* gone for good, and nothing gives it again: the store is left as it was */
  for (unsigned i = 0; i < s->n; i++) {
    slot *sl = &s->v[i];
    if (!sl->gone)
      continue;
    if (!sl->on_disk)
      sl->reloadable = 1; /* from the cache, or lowered again from its source */
    sl->gone = 0;
  }
  return 0;
}

void unitstore_trim(unitstore *s, size_t bytes) {
  for (unsigned i = 0; i < s->n && !s->keep && s->resident > bytes; i++)
    park(s, i);
}

int unitstore_has(const unitstore *s, unsigned i) {
  return i < s->n && s->v[i].put;
}

eskel *unitstore_skeleton(unitstore *s) { return s->sk; }
unsigned unitstore_failed(const unitstore *s) { return s->nfailed; }
unsigned unitstore_spilled(const unitstore *s) { return s->nspilled; }

const ir_unit *unitstore_resident(const unitstore *s, unsigned i) {
  return i < s->n ? s->v[i].u : NULL;
}

/* read_back: unit i from the spill file (owned), or NULL after reporting. */
static ir_unit *read_back(unitstore *s, unsigned i) {
  slot *sl = &s->v[i];
  char err[1400];
  char *buf = malloc(sl->len ? sl->len : 1);
  if (!buf)
    xalloc_fail();
  size_t got = 0;
  while (got < sl->len) {
    ssize_t r = pread(fileno(s->spill), buf + got, sl->len - got, sl->off + (off_t)got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  ir_unit *u = NULL;
  if (got != sl->len) {
    snprintf(err, sizeof err, "%s: cannot read the unit back from the spill file: %s", sl->name,
             got < sl->len && errno ? strerror(errno) : "short read");
  } else {
    FILE *in = fmemopen(buf, sl->len, "r");
    if (!in)
      snprintf(err, sizeof err, "%s: cannot read the unit back: %s", sl->name, strerror(errno));
    else {
      u = ir_read(in, sl->name, err, sizeof err);
      fclose(in);
    }
  }
  free(buf);
  if (!u) {
    run_error(err);
    s->nfailed++;
  }
  return u;
}

static ir_unit *store_load(void *ctx, unsigned i) {
  unitstore *s = ctx;
  if (i >= s->n)
    return NULL;
  slot *sl = &s->v[i];
  if (sl->u || !sl->put || sl->gone)
    return sl->u;
  if (sl->on_disk) {
    sl->u = read_back(s, i);
  } else if (sl->reloadable && s->reload) {
    if (!(sl->u = s->reload(s->reload_ctx, i)))
      s->nfailed++; /* the reloader reported it */
  }
  if (sl->u) {
    sl->bytes = arena_bytes(sl->u->arena);
    s->resident += sl->bytes;
  }
  return sl->u;
}

static void store_done(void *ctx, unsigned i, int again) {
  unitstore *s = ctx;
  if (i >= s->n || s->keep)
    return;
  slot *sl = &s->v[i];
  if (again) {
    park(s, i); /* or it stays in memory: no way to have it again */
    return;
  }
  drop(s, i);
  sl->gone = 1;
}

static int store_full(void *ctx) { return over_budget(ctx); }

engine_source unitstore_source(unitstore *s) {
  engine_source src = {s, store_load, store_done, store_full};
  return src;
}
