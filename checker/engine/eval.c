/* eval.c - places, values and conditions under an abstract state. */
#include <string.h>

#include "walk.h"

/* A place with only the root of p (no steps). Arena-owned. */
static ir_place *root_of(walk *w, const ir_place *p) {
  ir_place *r = arena_alloc(w->a, sizeof *r);
  *r = *p;
  r->nsteps = 0;
  r->steps = NULL;
  return r;
}

const ir_place *walk_resolve(walk *w, state *s, const ir_place *p, int *through_unknown) {
  int need = 0;
  for (unsigned i = 0; i < p->nsteps; i++)
    if (p->steps[i].kind != IR_STEP_FIELD)
      need = 1;
  if (!need)
    return p;
  const ir_place *cur = root_of(w, p);
  for (unsigned i = 0; i < p->nsteps; i++) {
    const ir_step *st = &p->steps[i];
    if (st->kind == IR_STEP_FIELD) {
      cur = ir_place_extend(w->a, cur, IR_STEP_FIELD, st->field);
      continue;
    }
    aval *v = state_get(s, cur);
    if (v && v->k == AV_ADDR && v->to) {
      /* p[i] with p pointing at one object: an element of the array that object may
       * start, which one unknown (a summary place: releasing p[i] for every i of a
       * loop is not a double release); into an array element, that element place */
      const ir_place *to = v->to;
      if (st->kind == IR_STEP_INDEX && !(to->nsteps && to->steps[to->nsteps - 1].kind == IR_STEP_INDEX))
        to = ir_place_extend(w->a, to, IR_STEP_INDEX, NULL);
      cur = to;
      continue;
    }
    if (st->kind == IR_STEP_DEREF && through_unknown)
      *through_unknown = 1;
    cur = ir_place_extend(w->a, cur, st->kind, NULL);
  }
  return cur;
}

const ir_place *walk_call_place(walk *w, unsigned call_id) {
  ir_place *p = arena_alloc(w->a, sizeof *p);
  p->root = IR_ROOT_UNKNOWN;
  p->name = "";
  p->var = call_id + 1;
  return p;
}

eval_res walk_eval(walk *w, state *s, const ir_val *v) {
  eval_res r;
  memset(&r, 0, sizeof r);
  if (!v)
    return r;
  switch (v->kind) {
  case IR_V_UNKNOWN:
    break;
  case IR_V_CONST:
    r.is_const = 1;
    r.c = v->c;
    r.const_name = v->const_name;
    break;
  case IR_V_PLACE:
    if (!v->place)
      break;
    r.place = walk_resolve(w, s, v->place, &r.unknown_ptr);
    r.v = state_get(s, r.place);
    if (r.v && r.v->k == AV_CONST) {
      r.is_const = 1;
      r.c = r.v->c;
    } else if (!r.v && walk_zeroed_around(s, r.place)) {
      r.is_const = 1; /* a member of a struct zeroed as a whole */
      r.c = 0;
    }
    break;
  case IR_V_ADDR:
    if (!v->place)
      break;
    r.addr = walk_resolve(w, s, v->place, &r.unknown_ptr);
    break;
  case IR_V_CALL:
    r.v = state_get(s, walk_call_place(w, v->call));
    if (r.v && r.v->k == AV_CONST) {
      r.is_const = 1;
      r.c = r.v->c;
    }
    break;
  case IR_V_BITS: {
    /* x | C: a constant when x is one; else only C's bits are known */
    r.bits_set = v->c;
    if (!v->place)
      break;
    const ir_place *p = walk_resolve(w, s, v->place, NULL);
    aval *pv = state_get(s, p);
    if (pv && pv->k == AV_CONST) {
      r.is_const = 1;
      r.c = pv->c | v->c;
    } else if (!pv && walk_zeroed_around(s, p)) {
      r.is_const = 1;
      r.c = v->c;
    }
    break;
  }
  case IR_V_CHOICE: {
    int d = v->cond ? walk_decide(w, s, v->cond) : -1;
    if (d == 1 && v->a)
      return walk_eval(w, s, v->a);
    if (d == 0 && v->b)
      return walk_eval(w, s, v->b);
    /* both arms the same constant: still a constant */
    if (v->a && v->b && v->a->kind == IR_V_CONST && v->b->kind == IR_V_CONST && v->a->c == v->b->c) {
      r.is_const = 1;
      r.c = v->a->c;
    }
    break;
  }
  }
  return r;
}

const ir_place *walk_pointee(walk *w, state *s, const ir_val *v, int *unknown_ptr) {
  eval_res e = walk_eval(w, s, v);
  if (e.addr)
    return e.addr;
  if (e.is_const)
    return NULL; /* NULL or an integer */
  if (e.v && e.v->k == AV_ADDR)
    return e.v->to;
  if (e.place && !e.v && e.place->root != IR_ROOT_UNKNOWN) {
    if (unknown_ptr)
      *unknown_ptr = 1;
    return ir_place_extend(w->a, e.place, IR_STEP_DEREF, NULL);
  }
  return NULL;
}

h_state walk_eff(const state *s, const hnd *h) {
  if (h->st != H_COND)
    return h->st;
  if (h->sym >= s->ns)
    return H_COND;
  const sym *y = &s->s[h->sym];
  if (state_status_excepted(s, h))
    return H_FAILED; /* SEC_I_INCOMPLETE_CREDENTIALS: no output token */
  if (!y->has_succ)
    return H_HELD;
  if (range_all(&y->r, y->succ_op, y->succ_val))
    return H_HELD;
  if (range_none(&y->r, y->succ_op, y->succ_val))
    return H_FAILED;
  return H_COND;
}

int walk_untested(const state *s, const hnd *h) {
  if (h->st != H_COND || h->sym >= s->ns)
    return 0;
  const sym *y = &s->s[h->sym];
  return range_eq(&y->r, &y->init) && !y->opaque;
}

int walk_place_escapes(const ir_place *p) {
  if (p->root == IR_ROOT_GLOBAL || p->root == IR_ROOT_UNKNOWN || p->is_static)
    return 1;
  unsigned first = 0;
  if (p->root == IR_ROOT_LOCAL && p->var >= WALK_HEAP_BASE)
    first = 1; /* the heap object itself is ours until its address escapes */
  for (unsigned i = first; i < p->nsteps; i++)
    if (p->steps[i].kind == IR_STEP_DEREF)
      return 1;
  return 0;
}

/* The heap object (root + first DEREF) a place lies in, as a stack place; 0 if none. */
static int heap_object(const ir_place *p, ir_place *obj) {
  if (!p || p->root != IR_ROOT_LOCAL || p->var < WALK_HEAP_BASE || p->nsteps < 1)
    return 0;
  *obj = *p;
  obj->nsteps = 1;
  return 1;
}

void walk_heap_escape(walk *w, state *s, const ir_place *to) {
  ir_place obj;
  if (!heap_object(to, &obj))
    return;
  aval *v = state_get(s, &obj);
  if (v && v->k == AV_EMPTY) {
    v->k = AV_ESCAPED; /* zeroed storage escapes: what it holds is no longer known */
    v->c = 0;
    return;
  }
  if (v)
    return; /* already marked, or the object itself holds a value */
  ir_place *keep = arena_alloc(w->a, sizeof *keep);
  *keep = obj;
  aval nv;
  memset(&nv, 0, sizeof nv);
  nv.k = AV_ESCAPED;
  state_set(s, keep, nv);
}

int walk_place_escapes_in(state *s, const ir_place *p) {
  if (walk_place_escapes(p))
    return 1;
  ir_place obj;
  if (!heap_object(p, &obj))
    return 0;
  aval *v = state_get(s, &obj);
  return v && v->k == AV_ESCAPED;
}

void walk_escape_from(walk *w, state *s, const ir_place *p, int only_escaping_kinds) {
  for (unsigned i = 0; i < s->nb; i++) {
    if (s->b[i].v.k != AV_HANDLE || !ir_place_is_prefix(p, s->b[i].place))
      continue;
    hnd *h = &s->h[s->b[i].v.id];
    if (only_escaping_kinds && h->kind >= 0 && (unsigned)h->kind < w->r->nkinds &&
        !w->r->kinds[h->kind].unknown_call_escapes)
      continue;
    h->escaped = h->given = 1;
  }
}

/* The binding of the nearest enclosing struct of p (through members and elements). */
static aval *around(state *s, const ir_place *p) {
  ir_place q = *p;
  while (q.nsteps > 0) {
    if (q.steps[q.nsteps - 1].kind == IR_STEP_DEREF)
      return NULL;
    q.nsteps--;
    aval *v = state_get(s, &q);
    if (v)
      return v;
  }
  return NULL;
}

/* walk_zeroed_around: see walk.h. */
int walk_zeroed_around(state *s, const ir_place *p) {
  aval *v = around(s, p);
  return v && v->k == AV_EMPTY && v->c == 0;
}

/* walk_handle_empty_around: see walk.h. */
int walk_handle_empty_around(state *s, const ir_place *p) {
  aval *v = around(s, p);
  return v && v->k == AV_EMPTY && (v->c == 0 || v->c == AV_EMPTY_HANDLES);
}

/* walk_shadow_unknown: see walk.h. */
void walk_shadow_unknown(state *s, const ir_place *p) {
  if (!p || state_get(s, p) || !walk_zeroed_around(s, p))
    return;
  int id = state_new_sym(s);
  if (id < 0)
    return;
  s->s[id].opaque = 1;
  aval nv = {.k = AV_SYM, .id = (unsigned)id};
  state_set(s, p, nv);
}

/* ---- conditions ---- */

/* Refine symbol id with x op c; 0 when infeasible. A 0/1 symbol linked to a
 * status passes what it learnt on (ok = (ss == SEC_E_OK); if (!ok) ...). */
static int refine_sym(state *s, unsigned id, ir_op op, int64_t c) {
  if (id >= s->ns)
    return 1;
  if (!range_refine(&s->s[id].r, op, c))
    return 0;
  /* a decided 0/1 value decides what it is linked to, along a chain of such values
   * (!sspi_ok(ss)), a bounded number of steps */
  for (int depth = 0; depth < 8; depth++) {
    sym *y = &s->s[id];
    if (!y->linked || y->link >= s->ns || y->link == id || y->r.lo != y->r.hi)
      return 1;
    unsigned next = y->link;
    if (y->link_set) {
      if (y->r.lo != 0 && y->r.lo != 1)
        return 1;
      if (!range_meet(&s->s[next].r, &y->link_set[y->r.lo]))
        return 0;
    } else {
      ir_op lop = y->r.lo != 0 ? y->link_op : ir_op_negate(y->link_op);
      if (!range_refine(&s->s[next].r, lop, y->link_c))
        return 0;
    }
    id = next;
  }
  return 1;
}

/* walk_param_sym: see walk.h. */
int walk_param_sym(state *s, eval_res *e) {
  if (e->v || !e->place || e->unknown_ptr || e->place->root != IR_ROOT_PARAM || e->place->nsteps)
    return 0;
  int id = state_new_sym(s);
  if (id < 0)
    return 0;
  aval pv = {.k = AV_SYM, .id = (unsigned)id};
  state_set(s, e->place, pv);
  e->v = state_get(s, e->place);
  return e->v != NULL;
}

int walk_bool_of(walk *w, state *s, const ir_val *v, aval *out) {
  if (!v || v->kind != IR_V_CHOICE || !v->cond || v->cond->kind != IR_C_CMP || !v->a || !v->b ||
      v->a->kind != IR_V_CONST || v->b->kind != IR_V_CONST)
    return 0;
  int64_t ta = v->a->c, tb = v->b->c;
  if (!((ta != 0 && tb == 0) || (ta == 0 && tb != 0)))
    return 0;
  eval_res l = walk_eval(w, s, &v->cond->lhs);
  eval_res r = walk_eval(w, s, &v->cond->rhs);
  ir_op op = v->cond->op;
  if (l.is_const && !(l.v && l.v->k == AV_CONST) && r.v && r.v->k == AV_SYM) {
    eval_res t = l;
    l = r;
    r = t;
    op = ir_op_swap(op);
  }
  if (r.is_const && !(r.v && r.v->k != AV_CONST))
    walk_param_sym(s, &l); /* return s >= 0; */
  if (!(l.v && l.v->k == AV_SYM) || !r.is_const || (r.v && r.v->k != AV_CONST))
    return 0;
  int id = state_new_sym(s);
  if (id < 0)
    return 0;
  sym *y = &s->s[id];
  y->r.lo = 0;
  y->r.hi = 1;
  y->linked = 1;
  y->link = l.v->id;
  y->link_op = ta != 0 ? op : ir_op_negate(op);
  y->link_c = r.c;
  memset(out, 0, sizeof *out);
  out->k = AV_SYM;
  out->id = (unsigned)id;
  return 1;
}

static const rule_kind *kind_of(walk *w, const hnd *h) {
  if (h->kind < 0 || (unsigned)h->kind >= w->r->nkinds)
    return NULL;
  return &w->r->kinds[h->kind];
}

/* The handle's validity is tested (valid == 1: it looks valid). 0 when infeasible. */
static int assume_valid(walk *w, state *s, hnd *h, int valid) {
  (void)w;
  h_state e = walk_eff(s, h);
  switch (e) {
  case H_HELD:
  case H_LIVE:
  case H_RELEASED:
    return valid;
  case H_NONE:
    return !valid;
  case H_FAILED:
    return h->prev_empty && !h->weak ? !valid : 1;
  case H_COND: {
    sym *y = &s->s[h->sym];
    if (valid)
      return range_refine(&y->r, y->succ_op, y->succ_val);
    return range_refine(&y->r, ir_op_negate(y->succ_op), y->succ_val);
  }
  }
  return 1;
}

/* A pointer-valued handle compared with NULL (is_null: the branch where it is NULL). */
static int assume_null(walk *w, state *s, hnd *h, int is_null) {
  (void)w;
  h_state e = walk_eff(s, h);
  if (is_null) {
    if (e == H_HELD || e == H_COND || e == H_LIVE)
      h->st = H_NONE;
    return 1;
  }
  if (e == H_NONE)
    return 0;
  if (e == H_COND || e == H_FAILED)
    h->st = H_HELD;
  return 1;
}

/* Parent of a place whose last step is a field: the struct; NULL otherwise. */
static const ir_place *field_parent(walk *w, const ir_place *p, const char **field) {
  if (!p || p->nsteps == 0 || p->steps[p->nsteps - 1].kind != IR_STEP_FIELD)
    return NULL;
  ir_place *q = arena_alloc(w->a, sizeof *q);
  *q = *p;
  q->nsteps = p->nsteps - 1;
  q->is_pointer = 0;
  q->type_name = NULL;
  *field = p->steps[p->nsteps - 1].field;
  return q;
}

static int tested_often(walk *w, const ir_place *p) {
  if (!p || (p->root != IR_ROOT_LOCAL && p->root != IR_ROOT_PARAM) || p->nsteps != 0)
    return 0;
  return p->var < w->nvars && w->test_count[p->var] >= 2;
}

/* place op c, with truth already folded into op. */
static int assume_place_cmp(walk *w, state *s, const eval_res *l, ir_op op, int64_t c) {
  aval *v = l->v;
  if (v) {
    switch (v->k) {
    case AV_CONST:
      return ir_op_eval(v->c, op, c);
    case AV_SYM:
      return refine_sym(s, v->id, op, c);
    case AV_HANDLE: {
      hnd *h = &s->h[v->id];
      const rule_kind *k = kind_of(w, h);
      if (h->st == H_COND && h->sym < s->ns && !s->s[h->sym].has_succ)
        return 1;
      if (h->st == H_COND && h->sym < s->ns && k && k->storage == RULE_STORE_POINTER &&
          (op == IR_EQ || op == IR_NE) && c == 0 && h->is_value)
        return refine_sym(s, h->sym, op, c); /* the handle is the call's value */
      if (k && k->storage == RULE_STORE_POINTER && c == 0 && (op == IR_EQ || op == IR_NE))
        return assume_null(w, s, h, op == IR_EQ);
      if (k && k->storage == RULE_STORE_POINTER && c == 0 && (op == IR_GT || op == IR_LE))
        return assume_null(w, s, h, op == IR_LE);
      return 1;
    }
    case AV_EMPTY:
      return v->c == AV_EMPTY_HANDLES ? 1 : ir_op_eval(v->c, op, c);
    case AV_ADDR:
      if (c == 0 && (op == IR_EQ || op == IR_NE)) {
        /* a pointer parameter (bound to its own target) or fresh heap storage may be
         * NULL: in that branch it is NULL; the address of a variable never is */
        const ir_place *to = v->to;
        int maybe_null = to && ((to->root == IR_ROOT_PARAM && l->place && to->var == l->place->var &&
                                 to->nsteps == 1) ||
                                (to->root == IR_ROOT_LOCAL && to->var >= WALK_HEAP_BASE));
        /* heap storage already written through cannot be NULL on this path */
        if (maybe_null && to->root == IR_ROOT_LOCAL && to->var >= WALK_HEAP_BASE)
          for (unsigned i = 0; i < s->nb && maybe_null; i++)
            if (ir_place_is_prefix(to, s->b[i].place) && s->b[i].v.k != AV_ESCAPED &&
                !(s->b[i].v.k == AV_EMPTY && place_cmp(s->b[i].place, to) == 0))
              maybe_null = 0;
        if (!maybe_null)
          return op == IR_NE;
        if (op == IR_EQ && l->place) {
          aval nv;
          memset(&nv, 0, sizeof nv);
          nv.k = AV_CONST;
          nv.c = 0;
          state_set(s, l->place, nv);
        }
        return 1;
      }
      return 1;
    case AV_UNINIT:
    case AV_ESCAPED:
      return 1;
    }
  }
  /* a field of a struct we know something about */
  const char *field = NULL;
  const ir_place *parent = l->place ? field_parent(w, l->place, &field) : NULL;
  if (parent) {
    aval *pv = state_get(s, parent);
    if (pv && pv->k == AV_HANDLE) {
      hnd *h = &s->h[pv->id];
      const rule_kind *k = kind_of(w, h);
      if (k && k->storage == RULE_STORE_STRUCT && rules_kind_invalid(k, c) &&
          (op == IR_EQ || op == IR_NE))
        return assume_valid(w, s, h, op == IR_NE);
      return 1;
    }
    if (pv && pv->k == AV_EMPTY && pv->c != AV_EMPTY_HANDLES)
      return ir_op_eval(pv->c, op, c);
    /* size field next to a pointer-kind handle: cbBuffer == 0 means no buffer */
    if (c == 0 && (op == IR_EQ || op == IR_NE || op == IR_GT || op == IR_LE)) {
      for (unsigned i = 0; i < s->nb; i++) {
        const ir_place *q = s->b[i].place;
        if (s->b[i].v.k != AV_HANDLE || q->nsteps != parent->nsteps + 1 ||
            !ir_place_is_prefix(parent, q) || q->steps[q->nsteps - 1].kind != IR_STEP_FIELD)
          continue;
        hnd *h = &s->h[s->b[i].v.id];
        const rule_kind *k = kind_of(w, h);
        if (k && k->size_field && strcmp(k->size_field, field) == 0)
          return assume_null(w, s, h, op == IR_EQ || op == IR_LE);
      }
    }
  }
  /* an unknown scalar tested more than once: remember what this branch learnt */
  if (l->place && (!v || v->k == AV_UNINIT) && tested_often(w, l->place)) {
    int id = state_new_sym(s);
    if (id < 0)
      return 1;
    aval nv = {.k = AV_SYM, .id = (unsigned)id};
    state_set(s, l->place, nv);
    return refine_sym(s, (unsigned)id, op, c);
  }
  return 1;
}

/* A test of a caller's handle that this function releases on some path (if
 * (t->pvBuffer), SecIsValidHandle(&c->ctx)): on the side where it is empty, the
 * caller's place is bound "empty", so that the summary can tell "released if held"
 * from "released on some paths". */
static int tests_released_place(walk *w, const ir_place *written, const ir_place *resolved) {
  if (!written || !resolved || resolved->root != IR_ROOT_PARAM || resolved->nsteps < 1 ||
      resolved->steps[0].kind != IR_STEP_DEREF)
    return 0;
  for (unsigned i = 0; i < w->nrelp; i++)
    if (ir_place_eq(w->relp[i], written))
      return 1;
  return 0;
}

static void bind_empty(state *s, const ir_place *p) {
  aval nv;
  memset(&nv, 0, sizeof nv);
  nv.k = AV_EMPTY;
  state_kill_under(s, p);
  state_set(s, p, nv);
}

/* first_round: the unread input place p of a context call (ISC(cred, conn->ctx, ...,
 * &newctx)) is tested against NULL: where it is NULL, the call started a new context
 * that this function owns (it is no longer a maybe-continuation); where it is not, the
 * call continued the caller's context. */
static void first_round(state *s, const ir_place *p, int is_null) {
  for (unsigned i = 0; i < s->nh; i++) {
    hnd *h = &s->h[i];
    if (!h->first_if_null || place_cmp(h->first_if_null, p) != 0)
      continue;
    h->first_if_null = NULL;
    if (!is_null)
      continue;
    h->weak = 0;
    h->escaped = h->home ? (unsigned char)walk_place_escapes_in(s, h->home) : 0;
  }
}

/* none_by_count: the element count place p is known 0 on this branch: a buffer whose
 * count it holds (EnumerateSecurityPackages(&n, &pkgs); if (n == 0) return;) was not
 * allocated. */
static void none_by_count(state *s, const ir_place *p) {
  for (unsigned i = 0; i < s->nh; i++) {
    hnd *h = &s->h[i];
    if (!h->none_if_zero || place_cmp(h->none_if_zero, p) != 0)
      continue;
    h->none_if_zero = NULL;
    h_state e = walk_eff(s, h);
    if (h->owned && (e == H_HELD || e == H_COND))
      h->st = H_NONE;
  }
}

static void mark_opaque(state *s, const eval_res *e) {
  if (e->v && e->v->k == AV_SYM && e->v->id < s->ns)
    s->s[e->v->id].opaque = 1;
}

int walk_assume(walk *w, state *s, const ir_cond *c, int truth) {
  switch (c->kind) {
  case IR_C_UNKNOWN:
    return 1;
  case IR_C_MASK: {
    /* known flags decide the test; anything else leaves both sides open */
    eval_res l = walk_eval(w, s, &c->lhs);
    eval_res r = walk_eval(w, s, &c->rhs);
    if (l.is_const && r.is_const && (!l.v || l.v->k == AV_CONST) && (!r.v || r.v->k == AV_CONST)) {
      int set = (l.c & r.c) != 0;
      int want = c->op == IR_NE ? truth : !truth;
      return set == want;
    }
    return 1;
  }
  case IR_C_VALID: {
    if (!c->place)
      return 1;
    const ir_place *p = walk_resolve(w, s, c->place, NULL);
    aval *v = state_get(s, p);
    if (!v && walk_handle_empty_around(s, p))
      return !truth; /* a handle member of a struct zeroed as a whole */
    if (!v && !truth && tests_released_place(w, c->place, p))
      bind_empty(s, p);
    if (!v)
      return 1;
    if (v->k == AV_HANDLE)
      return assume_valid(w, s, &s->h[v->id], truth);
    if (v->k == AV_EMPTY)
      return !truth;
    return 1;
  }
  case IR_C_CMP: {
    eval_res l = walk_eval(w, s, &c->lhs);
    eval_res r = walk_eval(w, s, &c->rhs);
    ir_op op = truth ? c->op : ir_op_negate(c->op);
    if (l.is_const && r.is_const && (!l.v || l.v->k == AV_CONST) && (!r.v || r.v->k == AV_CONST))
      return ir_op_eval(l.c, op, r.c);
    const ir_val *lv = &c->lhs;
    if (l.is_const && !(l.v && l.v->k == AV_CONST) && !r.is_const) {
      eval_res t = l;
      l = r;
      r = t;
      op = ir_op_swap(op);
      lv = &c->rhs;
    } else if (l.is_const && r.v && !r.is_const) {
      eval_res t = l;
      l = r;
      r = t;
      op = ir_op_swap(op);
      lv = &c->rhs;
    }
    if (l.addr && r.is_const && r.c == 0)
      return op == IR_NE || op == IR_GT; /* &x != NULL */
    if (!r.is_const || (r.v && r.v->k != AV_CONST)) {
      /* comparing two unknowns: whatever status was involved is no longer "untested" */
      mark_opaque(s, &l);
      mark_opaque(s, &r);
      return 1;
    }
    if (!l.v && !l.unknown_ptr && r.c == 0 && (op == IR_EQ || op == IR_LE) && lv->kind == IR_V_PLACE &&
        tests_released_place(w, lv->place, l.place)) {
      bind_empty(s, l.place);
      return 1;
    }
    if (r.c == 0 && (op == IR_EQ || op == IR_NE) && l.place && !l.v)
      first_round(s, l.place, op == IR_EQ);
    if (l.place && ((r.c == 0 && (op == IR_EQ || op == IR_LE)) || (r.c == 1 && op == IR_LT)))
      none_by_count(s, l.place);
    return assume_place_cmp(w, s, &l, op, r.c);
  }
  }
  return 1;
}

/* walk_assume_val: see walk.h. */
int walk_assume_val(walk *w, state *s, const ir_val *v, ir_op op, int64_t c) {
  aval b;
  if (v->kind == IR_V_CHOICE && walk_bool_of(w, s, v, &b))
    return refine_sym(s, b.id, op, c); /* ok(ret == SEC_E_OK, ...) */
  ir_cond t;
  memset(&t, 0, sizeof t);
  t.kind = IR_C_CMP;
  t.op = op;
  t.lhs = *v;
  t.rhs.kind = IR_V_CONST;
  t.rhs.c = c;
  return walk_assume(w, s, &t, 1);
}

int walk_decide(walk *w, state *s, const ir_cond *c) {
  state *t = state_copy(s);
  int can_true = walk_assume(w, t, c, 1);
  state_free(t);
  t = state_copy(s);
  int can_false = walk_assume(w, t, c, 0);
  state_free(t);
  if (can_true && !can_false)
    return 1;
  if (!can_true && can_false)
    return 0;
  return -1;
}
