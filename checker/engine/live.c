/* live.c - which locals and call results may still be read from a block on.
 *
 * Classic backward liveness with kills: a variable is live at a block's entry if some
 * path from there reads it before writing it whole. A read is any mention of the
 * variable in a value, a condition, a call argument, or as the base of a partial
 * write (x.f = v, p->f = v); a kill is a whole write (x = v, a declaration, a clear)
 * or, for a call result, the call that produces it. Facts about dead variables are
 * dropped at block entry so that paths that differ only in them merge (a temporary of
 * a condition used as a value, a macro's block-scoped local in a loop). Also counts
 * how often conditions test each variable (walk.test_count).
 *
 * Members, by name: which member names may still be mentioned from a block on
 * (live_field). A member is reached through pointers the walk cannot always follow
 * (config->x, per->outs.x, the caller's objects), so it is not tracked by place: a
 * member named x can only be read again by a place that names x, in this function's
 * text or in the effect paths of the rules and summaries of its calls (a cleanup's
 * summary releases param0.cred). Mentioned means any place with the name anywhere on
 * its path, in a block reachable from here, but for the member a plain write writes
 * (x->f = v, a declaration, a clear: the constant it replaces is not read). */
#include <string.h>

#include "summary.h"
#include "walk.h"
#include "../util/strmap.h"

/* Member names a function mentions past this many: every member counts as live. */
#define LIVE_MAX_FIELDS 4096
/* Words of member bitsets propagated in all, at most (a huge function with many
 * members: every member counts as live rather than the analysis taking long). */
#define LIVE_FIELD_WORK (1u << 26)
/* Pointer look-ups cached per walk (a member name's pointer -> its id). */
#define LIVE_FIELD_CACHE 1024

struct live_info {
  unsigned nblocks, nkeys, words;
  uint64_t *bits; /* nblocks rows of `words` words */
  unsigned ncalls_base;
  /* members by name: fbits is nblocks rows of fwords words (NULL: all live) */
  unsigned nfields, fwords;
  uint64_t *fbits;
  strmap fids;                      /* member name -> id (keys borrowed) */
  const char *ckey[LIVE_FIELD_CACHE]; /* name pointer -> id + 1, or 0: not mentioned */
  unsigned cval[LIVE_FIELD_CACHE];
};

typedef struct keyspace {
  unsigned maxvar, maxcall;
} keyspace;

static void scan_place(keyspace *k, const ir_place *p) {
  if (p && (p->root == IR_ROOT_LOCAL || p->root == IR_ROOT_PARAM) && p->var > k->maxvar)
    k->maxvar = p->var;
}

static void scan_val(keyspace *k, const ir_val *v, unsigned depth) {
  if (!v || depth > 32)
    return;
  if (v->kind == IR_V_PLACE || v->kind == IR_V_ADDR || v->kind == IR_V_BITS)
    scan_place(k, v->place);
  if (v->kind == IR_V_CALL && v->call > k->maxcall)
    k->maxcall = v->call;
  if (v->kind == IR_V_CHOICE) {
    if (v->cond) {
      scan_val(k, &v->cond->lhs, depth + 1);
      scan_val(k, &v->cond->rhs, depth + 1);
      scan_place(k, v->cond->place);
    }
    scan_val(k, v->a, depth + 1);
    scan_val(k, v->b, depth + 1);
  }
}

typedef void (*place_fn)(void *ctx, const ir_place *p);
typedef void (*call_fn)(void *ctx, unsigned id);

/* visit_val: pf on each place v reads, cf on each call result. 0 when v nests deeper
 * than 32 levels of ?: (what is below was not visited). */
static int visit_val(const ir_val *v, place_fn pf, call_fn cf, void *ctx, unsigned depth) {
  if (!v)
    return 1;
  if (depth > 32)
    return 0;
  if ((v->kind == IR_V_PLACE || v->kind == IR_V_ADDR || v->kind == IR_V_BITS) && v->place)
    pf(ctx, v->place);
  if (v->kind == IR_V_CALL)
    cf(ctx, v->call);
  int whole = 1;
  if (v->kind == IR_V_CHOICE) {
    if (v->cond) {
      whole &= visit_val(&v->cond->lhs, pf, cf, ctx, depth + 1);
      whole &= visit_val(&v->cond->rhs, pf, cf, ctx, depth + 1);
      if (v->cond->place)
        pf(ctx, v->cond->place);
    }
    whole &= visit_val(v->a, pf, cf, ctx, depth + 1);
    whole &= visit_val(v->b, pf, cf, ctx, depth + 1);
  }
  return whole;
}

typedef struct setctx {
  live_info *l;
  uint64_t *row;   /* use: read before any kill in the block */
  uint64_t *kill;  /* written whole in the block (NULL: no kills tracked) */
} setctx;

static int key_of_place(const live_info *l, const ir_place *p, unsigned *k) {
  if ((p->root == IR_ROOT_LOCAL || p->root == IR_ROOT_PARAM) && p->var < l->ncalls_base) {
    *k = p->var;
    return 1;
  }
  return 0;
}

static int has_bit(const uint64_t *row, unsigned k) { return (row[k / 64] >> (k % 64)) & 1; }
static void add_bit(uint64_t *row, unsigned k) { row[k / 64] |= 1ULL << (k % 64); }

/* a read of key k: a use unless the block already killed it */
static void use_key(setctx *s, unsigned k) {
  if (!s->kill || !has_bit(s->kill, k))
    add_bit(s->row, k);
}

static void set_place(void *c, const ir_place *p) {
  setctx *s = c;
  unsigned k;
  if (key_of_place(s->l, p, &k))
    use_key(s, k);
}

static void set_call(void *c, unsigned id) {
  setctx *s = c;
  unsigned k = s->l->ncalls_base + id;
  if (k < s->l->nkeys)
    use_key(s, k);
}

/* The uses and kills of one block, in event order. */
static void block_use_kill(const ir_block *b, setctx *sc) {
  for (unsigned i = 0; i < b->nev; i++) {
    const ir_event *e = &b->ev[i];
    if (e->kind == IR_E_ASSIGN)
      visit_val(&e->src, set_place, set_call, sc, 0);
    if (e->kind == IR_E_CALL)
      for (unsigned a = 0; a < e->call.nargs; a++)
        visit_val(&e->call.args[a], set_place, set_call, sc, 0);
    unsigned k;
    if (e->dst && key_of_place(sc->l, e->dst, &k)) {
      int whole = e->dst->nsteps == 0 &&
                  (e->kind == IR_E_ASSIGN || e->kind == IR_E_DECL || e->kind == IR_E_CLEAR);
      if (whole)
        add_bit(sc->kill, k);
      else
        use_key(sc, k);
    }
    if (e->kind == IR_E_CALL) {
      unsigned ck = sc->l->ncalls_base + e->call.id;
      if (ck < sc->l->nkeys)
        add_bit(sc->kill, ck);
    }
  }
  if (b->term == IR_T_BRANCH && b->cond) {
    visit_val(&b->cond->lhs, set_place, set_call, sc, 0);
    visit_val(&b->cond->rhs, set_place, set_call, sc, 0);
    if (b->cond->place)
      set_place(sc, b->cond->place);
  }
  if (b->term == IR_T_SWITCH)
    visit_val(&b->sval, set_place, set_call, sc, 0);
  if (b->term == IR_T_RETURN && b->has_retval)
    visit_val(&b->retval, set_place, set_call, sc, 0);
}

static void count_place(void *c, const ir_place *p) {
  walk *w = c;
  if ((p->root == IR_ROOT_LOCAL || p->root == IR_ROOT_PARAM) && p->nsteps == 0 && p->var < w->nvars)
    w->test_count[p->var]++;
}

static void ignore_call(void *c, unsigned id) {
  (void)c;
  (void)id;
}

/* ---- members by name ---- */

typedef struct fieldctx {
  walk *w;
  live_info *l;
  uint64_t *row; /* the block's row, or NULL: collecting the names */
  int all;       /* too deep or too many names: every member is live */
} fieldctx;

static void field_name(fieldctx *fc, const char *name) {
  if (!name)
    return;
  unsigned id;
  if (!strmap_get(&fc->l->fids, name, &id)) {
    if (fc->row || fc->l->nfields >= LIVE_MAX_FIELDS) {
      fc->all = 1;
      return;
    }
    id = fc->l->nfields++;
    strmap_put(&fc->l->fids, name, id);
  }
  if (fc->row)
    add_bit(fc->row, id);
}

static void field_place(fieldctx *fc, const ir_place *p) {
  for (unsigned i = 0; p && i < p->nsteps; i++)
    if (p->steps[i].kind == IR_STEP_FIELD)
      field_name(fc, p->steps[i].field);
}

static void field_place_of(void *c, const ir_place *p) { field_place(c, p); }

static void field_val(fieldctx *fc, const ir_val *v) {
  if (!visit_val(v, field_place_of, ignore_call, fc, 0))
    fc->all = 1; /* nested too deep to read whole */
}

/* The member names in the effect paths of what a call may apply (walk_call's rule or
 * summary, whichever it finds: all of them). */
static void field_fn(fieldctx *fc, const rule_fn *rf) {
  for (unsigned k = 0; rf && k < rf->neffects; k++)
    for (unsigned i = 0; i < rf->effects[k].npath; i++)
      if (rf->effects[k].path[i].kind == IR_STEP_FIELD)
        field_name(fc, rf->effects[k].path[i].field);
}

static void field_call(fieldctx *fc, const ir_call *c) {
  walk *w = fc->w;
  field_fn(fc, walk_call_rule(w, c));
  const char *target = c->indirect ? NULL : c->name;
  for (unsigned i = 0; c->indirect && c->name && i < w->nfptrs; i++)
    if (w->fptr_fn[i] && strcmp(w->fptr_slot[i], c->name) == 0)
      target = w->fptr_fn[i];
  if (target) {
    field_fn(fc, rules_fn_by_name(w->r, target));
    if (w->sums)
      field_fn(fc, walk_summary(w, target, NULL));
  }
  for (unsigned a = 0; a < c->nargs; a++)
    field_val(fc, &c->args[a]);
}

/* field_written: the member names of a place an event writes: the last one is
 * written, not read (x->f = v reads nothing of the constant f held), unless the event
 * is not a plain write. */
static void field_written(fieldctx *fc, const ir_event *e) {
  const ir_place *p = e->dst;
  if (!p)
    return;
  unsigned n = p->nsteps;
  int plain = e->kind == IR_E_ASSIGN || e->kind == IR_E_DECL || e->kind == IR_E_CLEAR;
  if (plain && n > 0 && p->steps[n - 1].kind == IR_STEP_FIELD)
    n--;
  for (unsigned i = 0; i < n; i++)
    if (p->steps[i].kind == IR_STEP_FIELD)
      field_name(fc, p->steps[i].field);
}

static void field_block(fieldctx *fc, const ir_block *b) {
  for (unsigned i = 0; i < b->nev; i++) {
    const ir_event *e = &b->ev[i];
    field_written(fc, e);
    if (e->kind == IR_E_ASSIGN)
      field_val(fc, &e->src);
    if (e->kind == IR_E_CALL)
      field_call(fc, &e->call);
  }
  if (b->term == IR_T_BRANCH && b->cond) {
    field_val(fc, &b->cond->lhs);
    field_val(fc, &b->cond->rhs);
    field_place(fc, b->cond->place);
  }
  if (b->term == IR_T_SWITCH)
    field_val(fc, &b->sval);
  if (b->term == IR_T_RETURN && b->has_retval)
    field_val(fc, &b->retval);
}

/* fields_compute: the names (first pass), each block's own mentions (second), then
 * what is reachable, backwards to the fixpoint (bounded like the liveness above). On
 * any limit fbits stays NULL: every member is live, as without this analysis. */
static void fields_compute(walk *w, live_info *l) {
  const ir_func *f = w->f;
  strmap_init(&l->fids);
  fieldctx fc = {w, l, NULL, 0};
  for (unsigned b = 0; b < f->nblocks && !fc.all; b++)
    field_block(&fc, &f->blocks[b]);
  if (fc.all || l->nfields == 0)
    return;
  l->fwords = (l->nfields + 63) / 64;
  uint64_t *fb = arena_alloc(w->a, (size_t)f->nblocks * l->fwords * sizeof(uint64_t) + 8);
  memset(fb, 0, (size_t)f->nblocks * l->fwords * sizeof(uint64_t));
  for (unsigned b = 0; b < f->nblocks && !fc.all; b++) {
    fc.row = fb + (size_t)b * l->fwords;
    field_block(&fc, &f->blocks[b]);
  }
  if (fc.all)
    return;
  unsigned max_pass = f->nblocks + 2;
  int changed = 1;
  size_t work = 0;
  for (unsigned pass = 0; changed && pass < max_pass; pass++) {
    changed = 0;
    for (unsigned bi = f->nblocks; bi-- > 0;) {
      const ir_block *bl = &f->blocks[bi];
      uint64_t *row = fb + (size_t)bi * l->fwords;
      unsigned nsucc = bl->term == IR_T_GOTO ? 1 : bl->term == IR_T_BRANCH ? 2 : bl->term == IR_T_SWITCH ? 1 : 0;
      unsigned ncase = bl->term == IR_T_SWITCH ? bl->ncases : 0;
      for (unsigned j = 0; j < nsucc + ncase; j++) {
        unsigned sb = j < nsucc ? bl->succ[j] : bl->case_succ[j - nsucc];
        if (sb >= f->nblocks)
          continue;
        const uint64_t *srow = fb + (size_t)sb * l->fwords;
        if ((work += l->fwords) > LIVE_FIELD_WORK)
          return; /* every member is live */
        for (unsigned wd = 0; wd < l->fwords; wd++)
          if ((srow[wd] & ~row[wd]) != 0) {
            row[wd] |= srow[wd];
            changed = 1;
          }
      }
    }
  }
  if (changed)
    return; /* not converged within the bound: every member is live */
  l->fbits = fb;
}

/* live_field: see walk.h. */
int live_field(live_info *l, unsigned block, const char *name) {
  if (!l->fbits || block >= l->nblocks || !name)
    return 1;
  unsigned slot = (unsigned)(((uintptr_t)name >> 3) * 2654435761u) % LIVE_FIELD_CACHE;
  unsigned id1;
  if (l->ckey[slot] == name) {
    id1 = l->cval[slot];
  } else {
    unsigned id;
    id1 = strmap_get(&l->fids, name, &id) ? id + 1 : 0;
    l->ckey[slot] = name;
    l->cval[slot] = id1;
  }
  if (!id1)
    return 0; /* a member this function never names */
  unsigned id = id1 - 1;
  return (l->fbits[(size_t)block * l->fwords + id / 64] >> (id % 64)) & 1;
}

/* live_free: see walk.h. */
void live_free(live_info *l) {
  if (l)
    strmap_free(&l->fids);
}

live_info *live_compute(walk *w) {
  const ir_func *f = w->f;
  keyspace k = {0, 0};
  for (unsigned b = 0; b < f->nblocks; b++) {
    const ir_block *bl = &f->blocks[b];
    for (unsigned i = 0; i < bl->nev; i++) {
      const ir_event *e = &bl->ev[i];
      scan_place(&k, e->dst);
      scan_val(&k, &e->src, 0);
      if (e->kind == IR_E_CALL) {
        if (e->call.id > k.maxcall)
          k.maxcall = e->call.id;
        for (unsigned a = 0; a < e->call.nargs; a++)
          scan_val(&k, &e->call.args[a], 0);
      }
    }
    if (bl->cond) {
      scan_val(&k, &bl->cond->lhs, 0);
      scan_val(&k, &bl->cond->rhs, 0);
      scan_place(&k, bl->cond->place);
    }
    scan_val(&k, &bl->sval, 0);
    scan_val(&k, &bl->retval, 0);
  }
  for (unsigned i = 0; i < f->nparams; i++)
    scan_place(&k, f->params[i]);

  live_info *l = arena_alloc(w->a, sizeof *l);
  memset(l, 0, sizeof *l);
  l->nblocks = f->nblocks;
  l->ncalls_base = k.maxvar + 1;
  l->nkeys = l->ncalls_base + k.maxcall + 1;
  l->words = (l->nkeys + 63) / 64;
  l->bits = arena_alloc(w->a, (size_t)l->nblocks * l->words * sizeof(uint64_t) + 8);

  w->nvars = k.maxvar + 1;
  w->test_count = arena_alloc(w->a, w->nvars * sizeof(unsigned));
  uint64_t *kills = arena_alloc(w->a, (size_t)l->nblocks * l->words * sizeof(uint64_t) + 8);
  for (unsigned b = 0; b < f->nblocks; b++) {
    const ir_block *bl = &f->blocks[b];
    setctx sc = {l, l->bits + (size_t)b * l->words, kills + (size_t)b * l->words};
    block_use_kill(bl, &sc);
    if (bl->term == IR_T_BRANCH && bl->cond) {
      visit_val(&bl->cond->lhs, count_place, ignore_call, w, 0);
      visit_val(&bl->cond->rhs, count_place, ignore_call, w, 0);
    }
    if (bl->term == IR_T_SWITCH)
      visit_val(&bl->sval, count_place, ignore_call, w, 0);
  }
  /* propagate backwards to a fixpoint; bounded: each pass only adds bits */
  unsigned max_pass = f->nblocks + 2;
  for (unsigned pass = 0, changed = 1; changed && pass < max_pass; pass++) {
    changed = 0;
    for (unsigned bi = f->nblocks; bi-- > 0;) {
      const ir_block *bl = &f->blocks[bi];
      uint64_t *row = l->bits + (size_t)bi * l->words;
      unsigned ns = 0;
      unsigned succ[2 + 1];
      const unsigned *cs = NULL;
      unsigned ncs = 0;
      if (bl->term == IR_T_GOTO)
        succ[ns++] = bl->succ[0];
      else if (bl->term == IR_T_BRANCH) {
        succ[ns++] = bl->succ[0];
        succ[ns++] = bl->succ[1];
      } else if (bl->term == IR_T_SWITCH) {
        succ[ns++] = bl->succ[0];
        cs = bl->case_succ;
        ncs = bl->ncases;
      }
      for (unsigned j = 0; j < ns + ncs; j++) {
        unsigned sb = j < ns ? succ[j] : cs[j - ns];
        if (sb >= f->nblocks)
          continue;
        const uint64_t *srow = l->bits + (size_t)sb * l->words;
        const uint64_t *krow = kills + (size_t)bi * l->words;
        for (unsigned wd = 0; wd < l->words; wd++) {
          uint64_t nv = row[wd] | (srow[wd] & ~krow[wd]);
          if (nv != row[wd]) {
            row[wd] = nv;
            changed = 1;
          }
        }
      }
    }
    if (pass + 1 == max_pass && changed) {
      /* not converged within the bound: everything is live (sound) */
      memset(l->bits, 0xff, (size_t)l->nblocks * l->words * sizeof(uint64_t));
    }
  }
  fields_compute(w, l);
  return l;
}

int live_var(const live_info *l, unsigned block, unsigned var) {
  if (block >= l->nblocks || var >= l->ncalls_base)
    return 1;
  return (l->bits[(size_t)block * l->words + var / 64] >> (var % 64)) & 1;
}

int live_call(const live_info *l, unsigned block, unsigned call_id) {
  unsigned k = l->ncalls_base + call_id;
  if (block >= l->nblocks || k >= l->nkeys)
    return 1;
  return (l->bits[(size_t)block * l->words + k / 64] >> (k % 64)) & 1;
}
