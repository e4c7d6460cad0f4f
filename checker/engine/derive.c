/* derive.c - derives a function's summary from the states at its returning exits
 * (see summary.h for what a summary says). */
#include <stdint.h>
#include <string.h>

#include "walk.h"

#define REC_MAX_KEYS 64
#define REC_MAX_EXITS 256

typedef enum cls { C_ACQ, C_PASS, C_UNSURE, C_FAIL, C_REL, C_LIVE, C_NONE } cls;

#define KIND_EMPTY (-2) /* key kind of a caller's place seen empty at an exit */
/* key kind of a caller's place that holds pointer parameter j's value at an exit
 * (d->pBuffers = arr): KIND_STORE(j), for j < 16 */
#define KIND_STORE(j) (-16 - (j))
#define IS_KIND_STORE(k) ((k) <= -16 && (k) > -32)
#define STORE_FROM(k) (-16 - (k))

typedef struct key {
  int param;           /* index, or RULE_ARG_RETURN */
  int pass_value;
  int kind;
  unsigned npath;
  const ir_step *path;
} key;

typedef struct retinfo {
  int is_const;
  int64_t c;
  int passthrough_ok; /* filled per key */
} retinfo;

/* What one exit of the walk left (sum_rec_exit), per exit. */
typedef struct exit_rec {
  retinfo ret;
  int ret_sym;               /* symbol id returned (state-local), or -1 */
  unsigned char ret_ranged;
  int64_t ret_lo, ret_hi;    /* what the exit can return */
  unsigned char present[REC_MAX_KEYS];
  unsigned char klass[REC_MAX_KEYS];
  unsigned char nullp[16];   /* pointer parameter i was NULL at this exit */
  /* C_REL exits: the place was then cleared (1: set to zero/NULL, 2: invalidated), or
   * 0: still holds the released handle or is unknown */
  unsigned char cleared[REC_MAX_KEYS];
  /* the exit returns fresh heap memory of this call (1), NULL (2), or anything else (0) */
  unsigned char ret_heap;
  /* the exit returns 1 iff parameter rp_arg satisfies  rp_op rp_val, else 0 */
  unsigned char rp_ok;
  int rp_arg;
  ir_op rp_op;
  int64_t rp_val;
  pset_exit *ps; /* for a predicate over sets (predset.c), or NULL */
} exit_rec;

/* The record of one walk. The exits' rows grow with the exits (most functions have a
 * few): a record with rows for REC_MAX_EXITS exits up front was about 70 KB, zeroed per
 * function walked (8% of the instructions of a warm run over Wine's modules, whose
 * headers give 62,000 functions). */
struct sum_rec {
  unsigned nkeys;
  key keys[REC_MAX_KEYS];
  unsigned nexits;
  exit_rec *ex;              /* arena-owned, excap rows, zero-filled */
  size_t excap;
  ir_op pred_op[REC_MAX_KEYS];
  int64_t pred_val[REC_MAX_KEYS];
  unsigned char has_pred[REC_MAX_KEYS];
  unsigned char used[REC_MAX_KEYS];
  unsigned char escaped[REC_MAX_KEYS];
  unsigned char escaped_unknown[REC_MAX_KEYS]; /* only into unknown callees */
  /* C_REL notes of a handle whose kind was a guess (any_kind), and of one whose was not */
  unsigned char rel_guessed[REC_MAX_KEYS], rel_known[REC_MAX_KEYS];
  int overflow;
};

static int steps_eq(const ir_step *a, const ir_step *b, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    if (a[i].kind != b[i].kind)
      return 0;
    if ((a[i].field || b[i].field) && (!a[i].field || !b[i].field || strcmp(a[i].field, b[i].field)))
      return 0;
  }
  return 1;
}

static int key_index(sum_rec *r, const key *k) {
  for (unsigned i = 0; i < r->nkeys; i++) {
    const key *x = &r->keys[i];
    if (x->param == k->param && x->pass_value == k->pass_value && x->kind == k->kind &&
        x->npath == k->npath && steps_eq(x->path, k->path, k->npath))
      return (int)i;
  }
  if (r->nkeys >= REC_MAX_KEYS) {
    r->overflow = 1;
    return -1;
  }
  r->keys[r->nkeys] = *k;
  return (int)r->nkeys++;
}

static int param_index(const ir_func *f, const ir_place *p) {
  if (p->root != IR_ROOT_PARAM)
    return -1;
  for (unsigned i = 0; i < f->nparams; i++)
    if (f->params[i] && f->params[i]->var == p->var)
      return (int)i;
  return -1;
}

/* The key of a caller-visible place, or 0 when the place is not visible to callers. */
static int place_key(walk *w, const ir_place *p, int kind, key *k) {
  int pi = param_index(w->f, p);
  if (pi < 0)
    return 0;
  memset(k, 0, sizeof *k);
  k->param = pi;
  k->kind = kind;
  if (p->nsteps >= 1 && p->steps[0].kind == IR_STEP_DEREF) {
    k->npath = p->nsteps - 1;
    k->path = p->steps + 1;
    return 1;
  }
  if (p->nsteps == 0 && kind >= 0 && (unsigned)kind < w->r->nkinds &&
      w->r->kinds[kind].storage == RULE_STORE_POINTER) {
    k->pass_value = 1;
    return 1;
  }
  if (p->nsteps == 0 && kind < 0) {
    /* a struct passed by value (a CredHandle argument), or a pointer whose value is
     * itself the handle (a token stored in an object: t->pending = buf) */
    k->pass_value = 1;
    return 1;
  }
  return 0;
}

sum_rec *sum_rec_new(walk *w) {
  sum_rec *r = arena_alloc(w->a, sizeof *r);
  return r;
}

void sum_rec_use(walk *w, const ir_place *p, int kind) {
  if (!w->rec || !p)
    return;
  key k;
  if (!place_key(w, p, kind, &k))
    return;
  int i = key_index(w->rec, &k);
  if (i >= 0)
    w->rec->used[i] = 1;
}

/* escape_flag: the record's escape flag (or escape-to-unknown flag) of p's key, or NULL. */
static unsigned char *escape_flag(walk *w, const ir_place *p, int unknown) {
  if (!w->rec || !p)
    return NULL;
  key k;
  if (!place_key(w, p, -1, &k))
    return NULL;
  int i = key_index(w->rec, &k);
  if (i < 0)
    return NULL;
  return unknown ? &w->rec->escaped_unknown[i] : &w->rec->escaped[i];
}

void sum_rec_escape(walk *w, const ir_place *p) {
  unsigned char *f = escape_flag(w, p, 0);
  if (f)
    *f = 1;
}

void sum_rec_escape_unknown(walk *w, const ir_place *p) {
  unsigned char *f = escape_flag(w, p, 1);
  if (f)
    *f = 1;
}

static void note(sum_rec *r, unsigned ex, int ki, cls c, const sym *y) {
  if (ki < 0)
    return;
  r->ex[ex].present[ki] = 1;
  r->ex[ex].klass[ki] = (unsigned char)c;
  if (c == C_PASS && y && !r->has_pred[ki]) {
    r->has_pred[ki] = 1;
    r->pred_op[ki] = y->succ_op;
    r->pred_val[ki] = y->succ_val;
  }
}

/* Sym id is a 0/1 value linked to another symbol ("1 iff sym[link] op c"), perhaps
 * through other such values (!sspi_ok(s)): the symbol at the end of the chain and
 * the test on it that makes id 1. 0 when id is not such a value. */
static int linked_pred(const state *s, unsigned id, unsigned *base, ir_op *op, int64_t *c) {
  if (id >= s->ns || !s->s[id].linked)
    return 0;
  const sym *y = &s->s[id];
  *base = y->link;
  *op = y->link_op;
  *c = y->link_c;
  for (int depth = 0; depth < 8; depth++) {
    if (*base >= s->ns || !s->s[*base].linked || *base == id)
      return *base < s->ns;
    /* base is itself 0/1: "base op c" is "base == 1", "base == 0", or no test */
    int t1 = ir_op_eval(1, *op, *c), t0 = ir_op_eval(0, *op, *c);
    if (t1 == t0)
      return 0;
    const sym *z = &s->s[*base];
    *op = t1 ? z->link_op : ir_op_negate(z->link_op);
    *c = z->link_c;
    *base = z->link;
  }
  return 0;
}

void sum_rec_exit(walk *w, state *s, const ir_block *b) {
  sum_rec *r = w->rec;
  if (!r)
    return;
  if (state_get(s, walk_call_place(w, WALK_RECURSION_MARK)))
    return; /* this path depends on a summary not computed yet */
  if (r->nexits >= REC_MAX_EXITS) {
    r->overflow = 1;
    return;
  }
  if (r->nexits >= r->excap)
    arena_grow(w->a, (void **)&r->ex, &r->excap, r->nexits + 1, sizeof *r->ex);
  unsigned ex = r->nexits++;
  exit_rec *x = &r->ex[ex]; /* this exit's row */
  x->ret_sym = -1;
  eval_res rv;
  memset(&rv, 0, sizeof rv);
  if (b->has_retval)
    rv = walk_eval(w, s, &b->retval);
  if (rv.is_const && (!rv.v || rv.v->k == AV_CONST)) {
    x->ret.is_const = 1;
    x->ret.c = rv.c;
  }
  if (rv.v && rv.v->k == AV_SYM)
    x->ret_sym = (int)rv.v->id;
  if (rv.v && rv.v->k == AV_ADDR && rv.v->to && rv.v->to->root == IR_ROOT_LOCAL &&
      rv.v->to->var >= WALK_HEAP_BASE && rv.v->to->nsteps == 1 &&
      rv.v->to->steps[0].kind == IR_STEP_DEREF)
    x->ret_heap = 1; /* return malloc'd storage (an allocation wrapper) */
  else if (x->ret.is_const && x->ret.c == 0)
    x->ret_heap = 2;
  /* a predicate of a parameter: return s >= 0; return !sspi_ok(s); */
  unsigned pbase;
  aval bv;
  unsigned pid = rv.v && rv.v->k == AV_SYM ? rv.v->id : UINT32_MAX;
  if (pid == UINT32_MAX && b->has_retval && b->retval.kind == IR_V_CHOICE &&
      walk_bool_of(w, s, &b->retval, &bv))
    pid = bv.id;
  if (pid != UINT32_MAX && linked_pred(s, pid, &pbase, &x->rp_op, &x->rp_val)) {
    for (unsigned i = 0; i < w->f->nparams; i++) {
      aval *pv = w->f->params[i] ? state_get(s, w->f->params[i]) : NULL;
      if (pv && pv->k == AV_SYM && pv->id == pbase) {
        x->rp_ok = 1;
        x->rp_arg = (int)i;
        break;
      }
    }
  }
  x->ps = pset_exit_note(w, s, &rv, pid);
  if (x->ret.is_const) {
    x->ret_ranged = 1;
    x->ret_lo = x->ret_hi = x->ret.c;
  } else if (rv.v && rv.v->k == AV_SYM && rv.v->id < s->ns) {
    x->ret_ranged = 1;
    x->ret_lo = s->s[rv.v->id].init.lo;
    x->ret_hi = s->s[rv.v->id].init.hi;
  }
  for (unsigned i = 0; i < w->f->nparams && i < 16; i++) {
    aval *pv = w->f->params[i] ? state_get(s, w->f->params[i]) : NULL;
    if (pv && pv->k == AV_CONST && pv->c == 0 && w->f->params[i]->is_pointer)
      x->nullp[i] = 1;
  }

  for (unsigned i = 0; i < s->nb; i++) {
    if (s->b[i].v.k != AV_HANDLE)
      continue;
    const hnd *h = &s->h[s->b[i].v.id];
    key k;
    if (!place_key(w, s->b[i].place, h->kind, &k))
      continue;
    int ki = key_index(r, &k);
    h_state e = walk_eff(s, h);
    const sym *y = h->st == H_COND && h->sym < s->ns ? &s->s[h->sym] : NULL;
    if (h->owned) {
      if (h->st == H_COND && y && x->ret_sym >= 0 && (unsigned)x->ret_sym == h->sym)
        note(r, ex, ki, C_PASS, y); /* returns the acquiring call's own status */
      else if (e == H_HELD)
        note(r, ex, ki, C_ACQ, NULL);
      else if (e == H_COND)
        note(r, ex, ki, x->ret_sym >= 0 && (unsigned)x->ret_sym == h->sym ? C_PASS : C_UNSURE, y);
      else
        note(r, ex, ki, C_FAIL, NULL);
    } else {
      note(r, ex, ki, e == H_RELEASED ? C_REL : C_LIVE, NULL);
      if (e == H_RELEASED && ki >= 0)
        (h->any_kind ? r->rel_guessed : r->rel_known)[ki] = 1;
    }
  }
  /* a caller's handle released on this path and no longer bound: cleared after the
   * release (t->pvBuffer = NULL, SecInvalidateHandle) or freed with its container */
  for (unsigned i = 0; i < s->nh; i++) {
    const hnd *h = &s->h[i];
    if (h->owned || h->st != H_RELEASED || !h->home || state_handle_refs(s, i) > 0)
      continue;
    key k;
    if (!place_key(w, h->home, h->kind, &k))
      continue;
    int ki = key_index(r, &k);
    if (ki < 0 || x->present[ki])
      continue;
    note(r, ex, ki, C_REL, NULL);
    (h->any_kind ? r->rel_guessed : r->rel_known)[ki] = 1;
    aval *now = state_get(s, h->home);
    if (now && (now->k == AV_EMPTY || (now->k == AV_CONST && now->c == 0)))
      x->cleared[ki] = now->k == AV_EMPTY && now->c == -1 ? 2 : 1;
  }
  /* caller's places that are empty (tested NULL / invalid, or cleared) on this path */
  for (unsigned i = 0; i < s->nb; i++) {
    if (s->b[i].v.k != AV_EMPTY || r->nkeys + 8 >= REC_MAX_KEYS)
      continue;
    key k;
    if (!place_key(w, s->b[i].place, KIND_EMPTY, &k))
      continue;
    int ki = key_index(r, &k);
    if (ki >= 0 && !x->present[ki])
      note(r, ex, ki, C_NONE, NULL);
  }
  /* caller's places that hold a pointer parameter's own value (d->pBuffers = arr: do_assign
   * binds them to what the parameter points to) */
  for (unsigned i = 0; i < s->nb; i++) {
    const aval *v = &s->b[i].v;
    if (v->k != AV_ADDR || !v->to || v->to->root != IR_ROOT_PARAM || v->to->nsteps != 1 ||
        v->to->steps[0].kind != IR_STEP_DEREF || r->nkeys + 8 >= REC_MAX_KEYS)
      continue;
    int from = param_index(w->f, v->to);
    const ir_place *p = s->b[i].place;
    if (from < 0 || from >= 16 || p->nsteps < 1 || p->steps[0].kind != IR_STEP_DEREF)
      continue;
    key k;
    if (!place_key(w, p, KIND_STORE(from), &k) || k.param == from)
      continue;
    int ki = key_index(r, &k);
    if (ki >= 0)
      note(r, ex, ki, C_ACQ, NULL);
  }
  /* a handle returned as the function's value */
  if (rv.v && rv.v->k == AV_HANDLE) {
    const hnd *h = &s->h[rv.v->id];
    key k;
    memset(&k, 0, sizeof k);
    k.param = RULE_ARG_RETURN;
    k.kind = h->kind;
    int ki = key_index(r, &k);
    h_state e = walk_eff(s, h);
    if (h->owned && e == H_HELD)
      note(r, ex, ki, C_ACQ, NULL);
    else if (h->owned && e == H_COND && h->sym < s->ns) {
      /* the value itself carries success: pass its own test through */
      note(r, ex, ki, C_PASS, &s->s[h->sym]);
      x->ret_sym = (int)h->sym;
    } else if (h->owned)
      note(r, ex, ki, C_FAIL, NULL);
  }
}

/* The KIND_EMPTY key of the same place as k, or -1. */
static int empty_key(const sum_rec *r, const key *k) {
  for (unsigned i = 0; i < r->nkeys; i++) {
    const key *x = &r->keys[i];
    if (x->kind != KIND_EMPTY || x->param != k->param || x->npath > k->npath ||
        !steps_eq(x->path, k->path, x->npath))
      continue;
    /* the place itself, or a struct around it zeroed as a whole */
    int fields_only = 1;
    for (unsigned j = x->npath; j < k->npath; j++)
      if (k->path[j].kind != IR_STEP_FIELD)
        fields_only = 0;
    if (fields_only)
      return (int)i;
  }
  return -1;
}

/* The one constant that exits holding key ki return and no exit without it returns (an
 * open function returns -1 both before and after acquiring, 1 only when all went well):
 * a caller that sees it knows the handle is held. 0 when there is no such constant, or
 * more than one. Exits whose pointer parameter was NULL are left out, as elsewhere. */
static int only_acquired_value(const sum_rec *r, const key *k, unsigned ki, int64_t *out) {
  int found = 0;
  int64_t v = 0;
  for (unsigned ex = 0; ex < r->nexits; ex++) {
    const exit_rec *x = &r->ex[ex];
    if ((k->param >= 0 && k->param < 16 && x->nullp[k->param]) || !x->ret.is_const ||
        !(x->present[ki] && x->klass[ki] == C_ACQ) || (found && x->ret.c == v))
      continue;
    int clean = 1;
    for (unsigned ey = 0; ey < r->nexits && clean; ey++) {
      const exit_rec *y = &r->ex[ey];
      if (k->param >= 0 && k->param < 16 && y->nullp[k->param])
        continue;
      if (y->ret.c == x->ret.c && !(y->present[ki] && y->klass[ki] == C_ACQ))
        clean = 0;
    }
    if (!clean)
      continue;
    if (found)
      return 0;
    found = 1;
    v = x->ret.c;
  }
  *out = v;
  return found;
}

static rule_effect *add_effect(walk *w, rule_fn *fn, const key *k, rule_fx_kind fx, int unconditional) {
  rule_effect *e = &fn->effects[fn->neffects++];
  memset(e, 0, sizeof *e);
  e->fx = fx;
  e->kind = k->kind;
  e->arg = k->param;
  e->pass_value = k->pass_value;
  e->cont_arg = e->flag_arg = e->attr_arg = -1;
  e->npath = k->npath;
  e->path = arena_alloc(w->a, (k->npath + 1) * sizeof(ir_step));
  if (k->npath)
    memcpy(e->path, k->path, k->npath * sizeof(ir_step));
  e->unconditional = unconditional;
  return e;
}

/* A store key (KIND_STORE) that every exit holds, where neither the caller's place nor the
 * stored pointer was NULL: the function stores that argument there (RX_STORE). An exit that
 * does not (another value, or none) leaves the caller's place unknown, as before. */
static void store_effect(walk *w, rule_fn *fn, unsigned ki) {
  const sum_rec *r = w->rec;
  const key *k = &r->keys[ki];
  int from = STORE_FROM(k->kind);
  unsigned n = 0;
  for (unsigned ex = 0; ex < r->nexits; ex++) {
    const exit_rec *x = &r->ex[ex];
    if ((k->param >= 0 && k->param < 16 && x->nullp[k->param]) || x->nullp[from])
      continue;
    if (!x->present[ki])
      return;
    n++;
  }
  if (!n)
    return;
  rule_effect *e = add_effect(w, fn, k, RX_STORE, 0);
  e->kind = -1;
  e->from_arg = from;
}

int sum_rec_finish(walk *w, rule_fn *fn) {
  sum_rec *r = w->rec;
  memset(fn, 0, sizeof *fn);
  if (!r)
    return 0;
  if (r->overflow) {
    /* too many exits or places to record: what it does to its arguments is unknown,
     * not nothing (a caller's handle it releases must not be reported as leaked) */
    fn->opaque = 1;
    return 1;
  }
  if (r->nexits == 0 && w->noreturn_ends > 0) {
    fn->noreturn = 1; /* every path ends in exit(), abort(), ...: so does a call to it */
    return 1;
  }
  /* what the function can return: constants (TRUE/FALSE, 0/-1) and statuses passed
   * through with the range their API can return */
  int all_const = r->nexits > 0;
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (unsigned ex = 0; ex < r->nexits && all_const; ex++) {
    if (!r->ex[ex].ret_ranged) {
      all_const = 0;
      break;
    }
    if (r->ex[ex].ret_lo < lo)
      lo = r->ex[ex].ret_lo;
    if (r->ex[ex].ret_hi > hi)
      hi = r->ex[ex].ret_hi;
  }
  fn->effects = arena_alloc(w->a, (3 * r->nkeys + 2) * sizeof(rule_effect));
  for (unsigned ki = 0; ki < r->nkeys; ki++) {
    const key *k = &r->keys[ki];
    if (k->kind == KIND_EMPTY)
      continue;
    if (IS_KIND_STORE(k->kind)) {
      store_effect(w, fn, ki);
      continue;
    }
    int ke = empty_key(r, k);
    unsigned nacq = 0, npass = 0, nuns = 0, nfail = 0, nrel = 0, nlive = 0, nabs = 0, nnone = 0;
    unsigned ncleared = 0, clear_how = 0;
    unsigned nexits = 0;
    for (unsigned ex = 0; ex < r->nexits; ex++) {
      if (k->param >= 0 && k->param < 16 && r->ex[ex].nullp[k->param])
        continue; /* the caller passed NULL on this path: nothing to say */
      nexits++;
      if (!r->ex[ex].present[ki]) {
        if (ke >= 0 && r->ex[ex].present[ke])
          nnone++;
        else
          nabs++;
        continue;
      }
      if (r->ex[ex].klass[ki] == C_REL && r->ex[ex].cleared[ki]) {
        if (!ncleared || clear_how == r->ex[ex].cleared[ki])
          clear_how = r->ex[ex].cleared[ki];
        else
          clear_how = 1;
        ncleared++;
      }
      switch ((cls)r->ex[ex].klass[ki]) {
      case C_ACQ: nacq++; break;
      case C_PASS: npass++; break;
      case C_UNSURE: nuns++; break;
      case C_FAIL: nfail++; break;
      case C_REL: nrel++; break;
      case C_LIVE: nlive++; break;
      case C_NONE: nnone++; break;
      }
    }
    if (r->escaped[ki] || r->escaped_unknown[ki])
      continue; /* added last, below */
    if (r->used[ki] && k->param != RULE_ARG_RETURN)
      add_effect(w, fn, k, RX_USE, 0);
    if (nrel) {
      if (nacq || npass || nuns) {
        add_effect(w, fn, k, RX_ESCAPE, 0);
      } else if (nrel + nnone == nexits) {
        /* released on every exit, or wherever the caller's handle was not empty:
         * "releases it if held" (and clears it after, when every release does) */
        rule_effect *e = add_effect(w, fn, k, RX_RELEASE, 0);
        e->if_held = nnone > 0;
        e->any_handle = r->rel_guessed[ki] && !r->rel_known[ki]; /* a handle of a guessed kind */
        e->clears = ncleared == nrel ? (int)clear_how : 0;
      } else {
        add_effect(w, fn, k, RX_ESCAPE, 0);
      }
      continue;
    }
    if (!(nacq || npass || nuns))
      continue;
    if (nuns) {
      add_effect(w, fn, k, RX_ESCAPE, 0);
      continue;
    }
    if (nacq == nexits) {
      add_effect(w, fn, k, RX_ACQUIRE, 1);
      continue;
    }
    /* conditional: find a test on the return value that separates the exits */
    ir_op op = IR_GE;
    int64_t val = 0;
    int ok = 1, partial = 0;
    if (npass) {
      op = r->pred_op[ki];
      val = r->pred_val[ki];
      for (unsigned ex = 0; ex < r->nexits && ok; ex++) {
        if (k->param >= 0 && k->param < 16 && r->ex[ex].nullp[k->param])
          continue;
        int acquired = r->ex[ex].present[ki] &&
                       (r->ex[ex].klass[ki] == C_ACQ || r->ex[ex].klass[ki] == C_PASS);
        if (r->ex[ex].present[ki] && r->ex[ex].klass[ki] == C_PASS)
          continue;
        if (r->ex[ex].ret_sym >= 0 && !acquired)
          continue; /* returns some status; the acquisition failed here */
        if (!r->ex[ex].ret.is_const)
          ok = 0;
        else if (ir_op_eval(r->ex[ex].ret.c, op, val) != acquired)
          ok = 0;
      }
    } else if (k->param == RULE_ARG_RETURN) {
      /* the handle is the value: failure exits return NULL */
      op = IR_NE;
      val = 0;
      for (unsigned ex = 0; ex < r->nexits && ok; ex++) {
        int acquired = r->ex[ex].present[ki] && r->ex[ex].klass[ki] == C_ACQ;
        if (!acquired && !(r->ex[ex].ret.is_const && r->ex[ex].ret.c == 0))
          ok = 0;
      }
    } else {
      int have_a = 0, have_f = 0, single_a = 1, single_f = 1;
      int64_t a = 0, f = 0;
      int all_a_nonneg = 1, all_f_neg = 1;
      for (unsigned ex = 0; ex < r->nexits && ok; ex++) {
        if (k->param >= 0 && k->param < 16 && r->ex[ex].nullp[k->param])
          continue;
        int acquired = r->ex[ex].present[ki] && r->ex[ex].klass[ki] == C_ACQ;
        if (!r->ex[ex].ret.is_const) {
          ok = 0;
          break;
        }
        int64_t c = r->ex[ex].ret.c;
        if (acquired) {
          if (have_a && c != a)
            single_a = 0;
          a = c;
          have_a = 1;
          if (c < 0)
            all_a_nonneg = 0;
        } else {
          if (have_f && c != f)
            single_f = 0;
          f = c;
          have_f = 1;
          if (c >= 0)
            all_f_neg = 0;
        }
      }
      if (ok) {
        /* every success exit returns a, and no failure exit does */
        int a_clean = single_a && have_a;
        for (unsigned ex = 0; ex < r->nexits && a_clean; ex++) {
          if (k->param >= 0 && k->param < 16 && r->ex[ex].nullp[k->param])
            continue;
          int acquired = r->ex[ex].present[ki] && r->ex[ex].klass[ki] == C_ACQ;
          if (!acquired && r->ex[ex].ret.c == a)
            a_clean = 0;
        }
        int f_clean = single_f && have_f;
        for (unsigned ex = 0; ex < r->nexits && f_clean; ex++) {
          if (k->param >= 0 && k->param < 16 && r->ex[ex].nullp[k->param])
            continue;
          int acquired = r->ex[ex].present[ki] && r->ex[ex].klass[ki] == C_ACQ;
          if (acquired && r->ex[ex].ret.c == f)
            f_clean = 0;
        }
        if (a_clean) {
          op = IR_EQ;
          val = a;
        } else if (f_clean) {
          op = IR_NE;
          val = f;
        } else if (all_a_nonneg && all_f_neg) {
          op = IR_GE;
          val = 0;
        } else if (only_acquired_value(r, k, ki, &val)) {
          op = IR_EQ; /* an open that fails half way: held where it returns val */
          partial = 1;
        } else {
          ok = 0;
        }
      }
    }
    if (!ok || (fn->has_success && (fn->success.op != op || fn->success.value != val))) {
      add_effect(w, fn, k, RX_ESCAPE, 0);
      continue;
    }
    fn->has_success = 1;
    fn->success.op = op;
    fn->success.value = val;
    rule_effect *e = add_effect(w, fn, k, RX_ACQUIRE, 0);
    if (e)
      e->fail_unknown = partial;
  }
  for (unsigned ki = 0; ki < r->nkeys; ki++)
    if (r->escaped[ki] || r->escaped_unknown[ki]) {
      rule_effect *e = add_effect(w, fn, &r->keys[ki], RX_ESCAPE, 0);
      if (e && !r->escaped[ki])
        e->as_unknown_call = 1;
    }
  /* an allocation wrapper: every exit returns its fresh heap memory or NULL */
  int nheap = 0, heap_ok = r->nexits > 0;
  for (unsigned ex = 0; ex < r->nexits && heap_ok; ex++) {
    heap_ok = r->ex[ex].ret_heap != 0;
    nheap += r->ex[ex].ret_heap == 1;
  }
  if (heap_ok && nheap > 0) {
    rule_effect *e = &fn->effects[fn->neffects++];
    memset(e, 0, sizeof *e);
    e->fx = RX_ALLOC;
    e->kind = -1;
    e->arg = RULE_ARG_RETURN;
    e->cont_arg = e->flag_arg = e->attr_arg = e->from_arg = -1;
  }
  /* a predicate of one argument: every exit returns the same test of it */
  int pred = r->nexits > 0;
  for (unsigned ex = 0; ex < r->nexits && pred; ex++)
    pred = r->ex[ex].rp_ok && r->ex[ex].rp_arg == r->ex[0].rp_arg &&
           r->ex[ex].rp_op == r->ex[0].rp_op && r->ex[ex].rp_val == r->ex[0].rp_val;
  if (pred) {
    fn->has_pred = 1;
    fn->pred_arg = r->ex[0].rp_arg;
    fn->pred_op = r->ex[0].rp_op;
    fn->pred_val = r->ex[0].rp_val;
  }
  if (!pred && !w->cut) {
    pset_exit **pe = arena_alloc(w->a, (r->nexits + 1) * sizeof *pe);
    for (unsigned ex = 0; ex < r->nexits; ex++)
      pe[ex] = r->ex[ex].ps;
    pset_derive(w, pe, r->nexits, fn);
  }
  if (fn->neffects > 0 && all_const && fn->has_success && lo <= hi &&
      !(lo == INT64_MIN && hi == INT64_MAX)) {
    fn->has_range = 1;
    fn->range_lo = lo;
    fn->range_hi = hi;
    /* only constants, and few of them: the values in between that no exit returns
     * (return 1 / return -1 and a caller that tests != -1) */
    int only_consts = 1;
    for (unsigned ex = 0; ex < r->nexits && only_consts; ex++)
      only_consts = r->ex[ex].ret.is_const;
    if (only_consts && hi - lo > 0 && hi - lo <= 8) {
      for (int64_t v = lo + 1; v < hi; v++) {
        int seen = 0;
        for (unsigned ex = 0; ex < r->nexits && !seen; ex++)
          seen = r->ex[ex].ret.c == v;
        if (!seen && fn->nrange_holes < sizeof fn->range_holes / sizeof fn->range_holes[0])
          fn->range_holes[fn->nrange_holes++] = v;
      }
    }
  }
  return fn->neffects > 0 || fn->has_pred || fn->has_pred_set;
}
