/* predset.c - predicates over sets of an argument's values, derived from a function's
 * exits: a status helper that returns 1 for anything but a few success codes
 *
 *   static int check_err(SECURITY_STATUS st) {
 *     if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED) { log(st); return 1; }
 *     return 0;
 *   }
 *
 * returns 1 only with st outside {0, SEC_I_CONTINUE_NEEDED} and 0 only with st in it. Each
 * exit that returns a constant 0 or 1 (or a 0/1 test of a parameter, `return st >= 0`)
 * records what it knew of the parameters there; the summary's two sets are, per result,
 * the join of what the exits returning it knew (range_join: it may hold more, never
 * less, so a caller refining the argument by the result it tested stays sound). A caller
 * that knows its status is a failure then knows the helper returned 1. */
#include <stdint.h>
#include <string.h>

#include "walk.h"

#define PSET_MAX_PARAMS 4  /* parameters bound to a symbol recorded per exit */
#define PSET_PARAMS 16     /* parameters considered at all */

struct pset_exit {
  signed char ret;          /* 0 or 1: returns that constant; -1: a 0/1 value linked to
                               parameter arg, which is in in[v] when the value is v */
  int arg;
  range in[2];
  unsigned short other;     /* parameter i (< 16) holds something other than its own
                               symbol here (assigned, or never tested as a value) */
  unsigned char np;
  unsigned char parg[PSET_MAX_PARAMS];
  range pr[PSET_MAX_PARAMS]; /* what is known of parameter parg[k]'s symbol here */
};

static range empty_range(void) {
  range e = range_full();
  e.lo = 1;
  e.hi = 0;
  return e;
}

/* The sets of sym[*base] a 0/1 symbol id stands for, along a chain of such symbols
 * (`return !ok(st)`), a bounded number of steps. 0 when id is not linked. */
static int chain_sets(const state *s, unsigned id, unsigned *base, range in[2]) {
  for (int depth = 0; depth < 8; depth++) {
    if (id >= s->ns || !s->s[id].linked)
      return depth > 0;
    const sym *y = &s->s[id];
    range yin[2];
    if (y->link_set) {
      yin[0] = y->link_set[0];
      yin[1] = y->link_set[1];
    } else {
      yin[0] = yin[1] = range_full();
      range_refine(&yin[1], y->link_op, y->link_c);
      range_refine(&yin[0], ir_op_negate(y->link_op), y->link_c);
    }
    if (depth == 0) {
      in[0] = yin[0];
      in[1] = yin[1];
    } else {
      /* the previous symbol's sets were sets of this 0/1 symbol's values */
      for (int v = 0; v < 2; v++) {
        range out = empty_range();
        for (int z = 0; z < 2; z++)
          if (range_has(&in[v], z))
            out = range_join(&out, &yin[z]);
        in[v] = out;
      }
    }
    *base = y->link;
    if (y->link == id)
      return 0;
    id = y->link;
  }
  return 0;
}

pset_exit *pset_exit_note(walk *w, const state *s, const eval_res *rv, unsigned pid) {
  signed char ret;
  unsigned base = UINT32_MAX;
  range in[2];
  if (rv->is_const && (!rv->v || rv->v->k == AV_CONST) && (rv->c == 0 || rv->c == 1))
    ret = (signed char)rv->c;
  else if (pid != UINT32_MAX && chain_sets(s, pid, &base, in))
    ret = -1;
  else
    return NULL;
  pset_exit *x = arena_alloc(w->a, sizeof *x);
  x->ret = ret;
  x->arg = -1;
  for (unsigned i = 0; i < w->f->nparams && i < PSET_PARAMS; i++) {
    const aval *pv = w->f->params[i] ? state_get((state *)s, w->f->params[i]) : NULL;
    if (!pv)
      continue; /* never read as a value on this path: anything */
    if (pv->k != AV_SYM || pv->id >= s->ns || x->np >= PSET_MAX_PARAMS) {
      x->other |= (unsigned short)(1u << i);
      continue;
    }
    if (ret < 0 && pv->id == base) {
      x->arg = (int)i;
      x->in[0] = in[0];
      x->in[1] = in[1];
    }
    x->parg[x->np] = (unsigned char)i;
    x->pr[x->np++] = s->s[pv->id].r;
  }
  return x;
}

/* Parameter i is assigned, declared again, or has its address taken in f: the symbol
 * bound to it at an exit need not be the caller's argument. */
static int param_written(const ir_func *f, unsigned i) {
  const ir_place *p = f->params[i];
  for (unsigned b = 0; b < f->nblocks; b++)
    for (unsigned k = 0; k < f->blocks[b].nev; k++) {
      const ir_event *e = &f->blocks[b].ev[k];
      if (e->kind != IR_E_CALL) {
        if (e->dst && e->dst->root == IR_ROOT_PARAM && e->dst->var == p->var)
          return 1;
        continue;
      }
      for (unsigned a = 0; a < e->call.nargs; a++) {
        const ir_val *v = &e->call.args[a];
        if (v->kind == IR_V_ADDR && v->place && v->place->root == IR_ROOT_PARAM &&
            v->place->var == p->var)
          return 1;
      }
    }
  return 0;
}

int pset_derive(const walk *w, pset_exit *const *ex, unsigned n, rule_fn *fn) {
  if (n == 0 || fn->has_pred || w->cut)
    return 0;
  for (unsigned k = 0; k < n; k++)
    if (!ex[k])
      return 0;
  for (unsigned i = 0; i < w->f->nparams && i < PSET_PARAMS; i++) {
    if (!w->f->params[i] || w->f->params[i]->is_pointer)
      continue;
    range acc[2] = {empty_range(), empty_range()};
    int ok = 1;
    for (unsigned k = 0; k < n; k++) {
      const pset_exit *x = ex[k];
      if (x->other & (1u << i)) {
        ok = 0;
        break;
      }
      range here = range_full();
      for (unsigned j = 0; j < x->np; j++)
        if (x->parg[j] == i)
          here = x->pr[j];
      for (int v = 0; v < 2; v++) {
        if (x->ret >= 0 && x->ret != v)
          continue;
        range r = here;
        if (x->ret < 0 && x->arg == (int)i && !range_meet(&r, &x->in[v]))
          continue; /* never returns v here */
        acc[v] = range_join(&acc[v], &r);
      }
    }
    if (!ok || (range_is_full(&acc[0]) && range_is_full(&acc[1])) || param_written(w->f, i))
      continue;
    fn->has_pred_set = 1;
    fn->pred_arg = (int)i;
    fn->pred_in[0] = acc[0];
    fn->pred_in[1] = acc[1];
    return 1;
  }
  return 0;
}
