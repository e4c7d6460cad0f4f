/* live.c - which locals and call results may still be mentioned from a block on.
 *
 * "Mentioned later" liveness (no kills): a variable is live at a block if the block
 * or any block reachable from it mentions it. Facts about dead variables are dropped
 * at block entry so that paths that differ only in them merge. Also counts how often
 * conditions test each variable (walk.test_count). */
#include <string.h>

#include "walk.h"

struct live_info {
  unsigned nblocks, nkeys, words;
  uint64_t *bits; /* nblocks rows of `words` words */
  unsigned ncalls_base;
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
  if (v->kind == IR_V_PLACE || v->kind == IR_V_ADDR)
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

static void visit_val(const ir_val *v, place_fn pf, call_fn cf, void *ctx, unsigned depth) {
  if (!v || depth > 32)
    return;
  if ((v->kind == IR_V_PLACE || v->kind == IR_V_ADDR) && v->place)
    pf(ctx, v->place);
  if (v->kind == IR_V_CALL)
    cf(ctx, v->call);
  if (v->kind == IR_V_CHOICE) {
    if (v->cond) {
      visit_val(&v->cond->lhs, pf, cf, ctx, depth + 1);
      visit_val(&v->cond->rhs, pf, cf, ctx, depth + 1);
      if (v->cond->place)
        pf(ctx, v->cond->place);
    }
    visit_val(v->a, pf, cf, ctx, depth + 1);
    visit_val(v->b, pf, cf, ctx, depth + 1);
  }
}

/* Every place and call result a block mentions. */
static void visit_block(const ir_block *b, place_fn pf, call_fn cf, void *ctx) {
  for (unsigned i = 0; i < b->nev; i++) {
    const ir_event *e = &b->ev[i];
    if (e->dst)
      pf(ctx, e->dst);
    if (e->kind == IR_E_ASSIGN)
      visit_val(&e->src, pf, cf, ctx, 0);
    if (e->kind == IR_E_CALL)
      for (unsigned a = 0; a < e->call.nargs; a++)
        visit_val(&e->call.args[a], pf, cf, ctx, 0);
  }
  if (b->term == IR_T_BRANCH && b->cond) {
    visit_val(&b->cond->lhs, pf, cf, ctx, 0);
    visit_val(&b->cond->rhs, pf, cf, ctx, 0);
    if (b->cond->place)
      pf(ctx, b->cond->place);
  }
  if (b->term == IR_T_SWITCH)
    visit_val(&b->sval, pf, cf, ctx, 0);
  if (b->term == IR_T_RETURN && b->has_retval)
    visit_val(&b->retval, pf, cf, ctx, 0);
}

typedef struct setctx {
  live_info *l;
  uint64_t *row;
} setctx;

static void set_place(void *c, const ir_place *p) {
  setctx *s = c;
  if ((p->root == IR_ROOT_LOCAL || p->root == IR_ROOT_PARAM) && p->var < s->l->ncalls_base)
    s->row[p->var / 64] |= 1ULL << (p->var % 64);
}

static void set_call(void *c, unsigned id) {
  setctx *s = c;
  unsigned k = s->l->ncalls_base + id;
  if (k < s->l->nkeys)
    s->row[k / 64] |= 1ULL << (k % 64);
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
  l->nblocks = f->nblocks;
  l->ncalls_base = k.maxvar + 1;
  l->nkeys = l->ncalls_base + k.maxcall + 1;
  l->words = (l->nkeys + 63) / 64;
  l->bits = arena_alloc(w->a, (size_t)l->nblocks * l->words * sizeof(uint64_t) + 8);

  w->nvars = k.maxvar + 1;
  w->test_count = arena_alloc(w->a, w->nvars * sizeof(unsigned));
  for (unsigned b = 0; b < f->nblocks; b++) {
    const ir_block *bl = &f->blocks[b];
    setctx sc = {l, l->bits + (size_t)b * l->words};
    visit_block(bl, set_place, set_call, &sc);
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
        for (unsigned wd = 0; wd < l->words; wd++) {
          uint64_t nv = row[wd] | srow[wd];
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
