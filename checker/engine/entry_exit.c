/* entry_exit.c - the end of an entry point's path selected by one argument (see
 * entry_exit.h). Two walks over the CFG, each bounded by the number of blocks: one
 * with the argument constrained to the `when` test, one with it constrained to the
 * opposite; branches and switches on the argument follow only the feasible sides.
 * The blocks of the first walk that the second never reaches are the path's own. */
#include "entry_exit.h"

#include <stdlib.h>

#include "range.h"

/* What is known of the argument on a walk: an interval [lo, hi] or "anything but ne". */
typedef struct arg_set {
  int is_ne;
  int64_t lo, hi, ne;
} arg_set;

static arg_set set_of(ir_op op, int64_t v) {
  arg_set s = {0, INT64_MIN, INT64_MAX, 0};
  switch (op) {
  case IR_EQ: s.lo = s.hi = v; break;
  case IR_NE: s.is_ne = 1; s.ne = v; break;
  case IR_LT: s.hi = v == INT64_MIN ? v : v - 1; break;
  case IR_LE: s.hi = v; break;
  case IR_GT: s.lo = v == INT64_MAX ? v : v + 1; break;
  case IR_GE: s.lo = v; break;
  }
  return s;
}

/* decide: 1/0 when `x op c` has one answer for every x in s, -1 otherwise. */
static int decide(const arg_set *s, ir_op op, int64_t c) {
  if (s->is_ne) {
    if (c != s->ne)
      return -1;
    return op == IR_EQ ? 0 : op == IR_NE ? 1 : -1;
  }
  if (s->lo == s->hi)
    return ir_op_eval(s->lo, op, c);
  if (op == IR_EQ || op == IR_NE) {
    if (c < s->lo || c > s->hi)
      return op == IR_NE;
    return -1;
  }
  int a = ir_op_eval(s->lo, op, c), b = ir_op_eval(s->hi, op, c);
  return a == b ? a : -1; /* < <= > >= are monotonic in x */
}

static int may_be(const arg_set *s, int64_t v) {
  return s->is_ne ? v != s->ne : v >= s->lo && v <= s->hi;
}

static int is_arg(const ir_val *v, const ir_place *p) {
  return v->kind == IR_V_PLACE && v->place && v->place->root == IR_ROOT_PARAM &&
         v->place->nsteps == 0 && v->place->var == p->var;
}

/* walk: marks in seen[] the blocks reachable with the argument in s. */
static void walk(const ir_func *f, const ir_place *p, const arg_set *s, unsigned char *seen,
                 unsigned *stack) {
  unsigned n = 0;
  if (f->entry >= f->nblocks)
    return;
  seen[f->entry] = 1;
  stack[n++] = f->entry;
  while (n) {
    const ir_block *b = &f->blocks[stack[--n]];
    unsigned next[2], nn = 0;
    switch (b->term) {
    case IR_T_GOTO:
      next[nn++] = b->succ[0];
      break;
    case IR_T_BRANCH: {
      int d = -1;
      const ir_cond *c = b->cond;
      if (c && c->kind == IR_C_CMP) {
        if (is_arg(&c->lhs, p) && c->rhs.kind == IR_V_CONST)
          d = decide(s, c->op, c->rhs.c);
        else if (is_arg(&c->rhs, p) && c->lhs.kind == IR_V_CONST)
          d = decide(s, ir_op_swap(c->op), c->lhs.c);
      }
      if (d != 0)
        next[nn++] = b->succ[0];
      if (d != 1)
        next[nn++] = b->succ[1];
      break;
    }
    case IR_T_SWITCH: {
      int on_arg = is_arg(&b->sval, p);
      int dflt = 1;
      for (unsigned i = 0; i < b->ncases; i++) {
        if (on_arg && !may_be(s, b->case_vals[i]))
          continue;
        if (on_arg && !s->is_ne && s->lo == s->hi)
          dflt = 0; /* the one value has its case */
        unsigned t = b->case_succ[i];
        if (t < f->nblocks && !seen[t]) {
          seen[t] = 1;
          stack[n++] = t;
        }
      }
      if (dflt)
        next[nn++] = b->succ[0];
      break;
    }
    default:
      break;
    }
    for (unsigned i = 0; i < nn; i++)
      if (next[i] < f->nblocks && !seen[next[i]]) {
        seen[next[i]] = 1;
        stack[n++] = next[i];
      }
  }
}

static int later(ir_loc a, ir_loc b) {
  return a.line > b.line || (a.line == b.line && a.col > b.col);
}

/* last_loc: the last location written in block b (its terminator or its last event). */
static ir_loc last_loc(const ir_block *b) {
  ir_loc l = {0};
  if (b->term_loc.file)
    l = b->term_loc;
  for (unsigned i = 0; i < b->nev; i++)
    if (b->ev[i].loc.file && (!l.file || later(b->ev[i].loc, l)))
      l = b->ev[i].loc;
  return l;
}

int entry_when_exit(const ir_func *f, unsigned arg, ir_op op, int64_t val, ir_loc *out) {
  if (arg >= f->nparams || !f->params[arg] || f->nblocks == 0)
    return 0;
  unsigned char *in = calloc(f->nblocks, 1), *other = calloc(f->nblocks, 1);
  unsigned *stack = malloc(f->nblocks * sizeof *stack);
  int found = 0;
  if (in && other && stack) {
    arg_set s = set_of(op, val), ns = set_of(ir_op_negate(op), val);
    walk(f, f->params[arg], &s, in, stack);
    walk(f, f->params[arg], &ns, other, stack);
    for (unsigned i = 0; i < f->nblocks; i++) {
      const ir_block *b = &f->blocks[i];
      if (!in[i] || other[i])
        continue;
      int ends = b->term == IR_T_RETURN;
      for (unsigned k = 0; !ends && k < 2; k++) {
        int has = b->term == IR_T_GOTO ? k == 0 : b->term == IR_T_BRANCH;
        if (has && b->succ[k] < f->nblocks && other[b->succ[k]])
          ends = 1;
      }
      for (unsigned k = 0; !ends && b->term == IR_T_SWITCH && k < b->ncases; k++)
        ends = b->case_succ[k] < f->nblocks && other[b->case_succ[k]];
      if (!ends && b->term == IR_T_SWITCH)
        ends = b->succ[0] < f->nblocks && other[b->succ[0]];
      ir_loc l = last_loc(b);
      if (ends && l.file && (!found || later(l, *out))) {
        *out = l;
        found = 1;
      }
    }
  }
  free(in);
  free(other);
  free(stack);
  return found;
}
