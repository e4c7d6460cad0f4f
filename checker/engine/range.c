/* range.c - interval-with-holes constraints on unknown integers. */
#include "range.h"

range range_full(void) {
  range r;
  r.lo = INT64_MIN;
  r.hi = INT64_MAX;
  r.nholes = 0;
  for (unsigned i = 0; i < RANGE_MAX_HOLES; i++)
    r.holes[i] = 0;
  return r;
}

int range_is_full(const range *r) {
  return r->lo == INT64_MIN && r->hi == INT64_MAX && r->nholes == 0;
}

static int is_hole(const range *r, int64_t c) {
  for (unsigned i = 0; i < r->nholes; i++)
    if (r->holes[i] == c)
      return 1;
  return 0;
}

/* Drop holes that fell outside [lo, hi]; shrink the ends past holes. */
static void normalise(range *r) {
  int changed = 1;
  while (changed && r->lo <= r->hi) {
    changed = 0;
    if (is_hole(r, r->lo) && r->lo < r->hi) {
      r->lo++;
      changed = 1;
    } else if (is_hole(r, r->hi) && r->lo < r->hi) {
      r->hi--;
      changed = 1;
    } else if (r->lo == r->hi && is_hole(r, r->lo)) {
      r->lo = 1; /* empty */
      r->hi = 0;
      r->nholes = 0;
      return;
    }
  }
  unsigned n = 0;
  for (unsigned i = 0; i < r->nholes; i++)
    if (r->holes[i] > r->lo && r->holes[i] < r->hi)
      r->holes[n++] = r->holes[i];
  for (unsigned i = n; i < RANGE_MAX_HOLES; i++)
    r->holes[i] = 0;
  r->nholes = n;
  /* keep holes sorted for a canonical form */
  for (unsigned i = 1; i < n; i++)
    for (unsigned j = i; j > 0 && r->holes[j - 1] > r->holes[j]; j--) {
      int64_t t = r->holes[j];
      r->holes[j] = r->holes[j - 1];
      r->holes[j - 1] = t;
    }
}

int range_refine(range *r, ir_op op, int64_t c) {
  if (r->lo > r->hi)
    return 0;
  switch (op) {
  case IR_EQ:
    if (c < r->lo || c > r->hi || is_hole(r, c))
      return 0;
    r->lo = r->hi = c;
    r->nholes = 0;
    break;
  case IR_NE:
    if (c < r->lo || c > r->hi || is_hole(r, c))
      return 1;
    if (r->lo == r->hi)
      return 0;
    if (c == r->lo)
      r->lo++;
    else if (c == r->hi)
      r->hi--;
    else if (r->nholes < RANGE_MAX_HOLES)
      r->holes[r->nholes++] = c;
    break;
  case IR_LT:
    if (c == INT64_MIN)
      return 0;
    if (c - 1 < r->hi)
      r->hi = c - 1;
    break;
  case IR_LE:
    if (c < r->hi)
      r->hi = c;
    break;
  case IR_GT:
    if (c == INT64_MAX)
      return 0;
    if (c + 1 > r->lo)
      r->lo = c + 1;
    break;
  case IR_GE:
    if (c > r->lo)
      r->lo = c;
    break;
  }
  normalise(r);
  return r->lo <= r->hi;
}

int range_none(const range *r, ir_op op, int64_t c) {
  range t = *r;
  return !range_refine(&t, op, c);
}

int range_all(const range *r, ir_op op, int64_t c) {
  range t = *r;
  return !range_refine(&t, ir_op_negate(op), c);
}

int range_meet(range *r, const range *m) {
  if (m->lo > m->hi || !range_refine(r, IR_GE, m->lo) || !range_refine(r, IR_LE, m->hi))
    return 0;
  for (unsigned i = 0; i < m->nholes; i++)
    if (!range_refine(r, IR_NE, m->holes[i]))
      return 0;
  return 1;
}

int range_has(const range *r, int64_t v) { return r->lo <= v && v <= r->hi && !is_hole(r, v); }

range range_join(const range *a, const range *b) {
  if (a->lo > a->hi)
    return *b;
  if (b->lo > b->hi)
    return *a;
  range j = range_full();
  j.lo = a->lo < b->lo ? a->lo : b->lo;
  j.hi = a->hi > b->hi ? a->hi : b->hi;
  const range *both[2] = {a, b};
  for (unsigned k = 0; k < 2; k++)
    for (unsigned i = 0; i < both[k]->nholes; i++) {
      int64_t h = both[k]->holes[i];
      if (!range_has(a, h) && !range_has(b, h) && !is_hole(&j, h) && j.nholes < RANGE_MAX_HOLES)
        j.holes[j.nholes++] = h;
    }
  normalise(&j);
  return j;
}

int range_eq(const range *a, const range *b) {
  if (a->lo != b->lo || a->hi != b->hi || a->nholes != b->nholes)
    return 0;
  for (unsigned i = 0; i < a->nholes; i++)
    if (a->holes[i] != b->holes[i])
      return 0;
  return 1;
}

ir_op ir_op_negate(ir_op op) {
  switch (op) {
  case IR_EQ: return IR_NE;
  case IR_NE: return IR_EQ;
  case IR_LT: return IR_GE;
  case IR_LE: return IR_GT;
  case IR_GT: return IR_LE;
  case IR_GE: return IR_LT;
  }
  return IR_NE;
}

ir_op ir_op_swap(ir_op op) {
  switch (op) {
  case IR_EQ: return IR_EQ;
  case IR_NE: return IR_NE;
  case IR_LT: return IR_GT;
  case IR_LE: return IR_GE;
  case IR_GT: return IR_LT;
  case IR_GE: return IR_LE;
  }
  return op;
}

int ir_op_eval(int64_t a, ir_op op, int64_t b) {
  switch (op) {
  case IR_EQ: return a == b;
  case IR_NE: return a != b;
  case IR_LT: return a < b;
  case IR_LE: return a <= b;
  case IR_GT: return a > b;
  case IR_GE: return a >= b;
  }
  return 0;
}
