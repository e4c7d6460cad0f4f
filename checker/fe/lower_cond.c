/* lower_cond.c - conditions to IR branches: comparisons, status macros, && || !,
 * and the reasons a condition stays unknown.
 *
 * Part of the expression lowering (lower_expr.c has the values; the helpers all four
 * parts share are declared in fe_internal.h, "lower_expr.c and its parts"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ---- conditions ------------------------------------------------------------------------ */

static ir_cond *new_cond(fe_fn *fn, ir_cond_kind k, CXCursor at) {
  ir_cond *c = arena_alloc(fn->a, sizeof *c);
  c->kind = k;
  c->loc = fe_cursor_loc(fn->fu, at);
  return c;
}

static fe_cond_res emit_branch(fe_fn *fn, ir_cond *c, unsigned t, unsigned f, ir_cond **out) {
  fe_term_branch(fn, c, t, f, c->loc);
  if (out)
    *out = c;
  return FE_COND_ATOMIC;
}

/* fe_find_member_visit: see fe_internal.h. */

enum CXChildVisitResult fe_find_member_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  fe_find_member *fm = d;
  if (clang_getCursorKind(c) == CXCursor_MemberRefExpr) {
    fm->found = c;
    fm->ok = 1;
    return CXChildVisit_Break;
  }
  return CXChildVisit_Recurse;
}

/* A rules' status macro (FAILED(x)): the non-constant operand of the comparison
 * it expands to, descending through operators hidden in the macro body
 * (IS_ERROR: ((unsigned long)(x) >> 31 == 1)) but not through operators written
 * in the argument (FAILED(ss = f()) keeps the assignment). */
static int status_operand(fe_fn *fn, CXCursor c, CXCursor *arg) {
  int found = 0;
  for (int level = 0; level < 16; level++) {
    CXCursor inner;
    for (int guard = 0; guard < 64 && fe_wrapper_inner(fn, c, &inner); guard++)
      c = inner;
    if (fe_kind_of(c) != CXCursor_BinaryOperator)
      return found;
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 2 || (found && !fe_op_in_macro_body(c)))
      return found;
    int64_t v;
    unsigned pick = kk.n;
    for (unsigned i = 0; i < kk.n && pick == kk.n; i++)
      if (!fe_try_const(fn, kk.v[i], &v))
        pick = i;
    if (pick == kk.n)
      return found;
    *arg = kk.v[pick];
    found = 1;
    c = kk.v[pick];
  }
  return found;
}

static ir_op negate(ir_op op) {
  switch (op) {
  case IR_EQ:
    return IR_NE;
  case IR_NE:
    return IR_EQ;
  case IR_LT:
    return IR_GE;
  case IR_LE:
    return IR_GT;
  case IR_GT:
    return IR_LE;
  case IR_GE:
    return IR_LT;
  }
  return op;
}

static fe_cond_res lower_cond_inner(fe_fn *fn, CXCursor c, unsigned t, unsigned f, ir_cond **out);

static int is_float_type(CXType t) {
  t = clang_getCanonicalType(t);
  return t.kind == CXType_Float || t.kind == CXType_Double || t.kind == CXType_LongDouble ||
         t.kind == CXType_Half || t.kind == CXType_Float16 || t.kind == CXType_Float128;
}

/* Why condition c has no value in the IR (for --stats=unknown). */
static ir_why unknown_why(fe_fn *fn, CXCursor c) {
  CXCursor st = fe_strip(c);
  if (is_float_type(clang_getCursorType(st)))
    return IR_WHY_FLOAT;
  const char *op = NULL;
  if (fe_kind_of(st) == CXCursor_BinaryOperator || fe_kind_of(st) == CXCursor_CompoundAssignOperator) {
    fe_kids kk = fe_expr_kids(fn, st);
    for (unsigned i = 0; i < kk.n; i++)
      if (is_float_type(clang_getCursorType(kk.v[i])))
        return IR_WHY_FLOAT;
    op = fe_binary_op(fn, st);
  } else if (fe_kind_of(st) == CXCursor_UnaryOperator) {
    op = fe_unary_op(fn, st);
  }
  if (op && (!strcmp(op, "&") || !strcmp(op, "|") || !strcmp(op, "^") || !strcmp(op, "~") ||
             !strcmp(op, "<<") || !strcmp(op, ">>") || !strcmp(op, "&=") || !strcmp(op, "|=")))
    return IR_WHY_BITS;
  if (op && (!strcmp(op, "+") || !strcmp(op, "-") || !strcmp(op, "*") || !strcmp(op, "/") ||
             !strcmp(op, "%")))
    return IR_WHY_ARITH;
  return IR_WHY_EXPR;
}

/* fe_lower_cond: see fe_internal.h. */
fe_cond_res fe_lower_cond(fe_fn *fn, CXCursor c, unsigned t, unsigned f, ir_cond **out) {
  if (out)
    *out = NULL;
  if (fn->overflow != FE_NONE) {
    fn->cur = FE_NONE;
    return FE_COND_COMPLEX;
  }
  if (!fe_depth_enter(fn)) {
    ir_cond *deep = new_cond(fn, IR_C_UNKNOWN, c);
    deep->why = IR_WHY_DEPTH;
    fe_term_branch(fn, deep, t, f, fe_cursor_loc(fn->fu, c));
    return FE_COND_COMPLEX;
  }
  fe_cond_res r = lower_cond_inner(fn, c, t, f, out);
  fn->depth--;
  return r;
}

static fe_cond_res lower_cond_inner(fe_fn *fn, CXCursor c, unsigned t, unsigned f, ir_cond **out) {
  /* A rules macro spanning exactly this expression. */
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (s.file && e.file == s.file) {
    const fe_mexp *m = fe_macro_exact(fn->fu, s.file, s.off, e.off);
    if (m && m->rm && m->rm->kind == RM_STATUS) {
      CXCursor arg;
      if (status_operand(fn, c, &arg)) {
        ir_cond *cd = new_cond(fn, IR_C_CMP, c);
        cd->lhs = fe_lower_val(fn, arg);
        cd->op = m->rm->op;
        cd->rhs = fe_val_const(m->rm->value, NULL);
        return emit_branch(fn, cd, t, f, out);
      }
    }
    if (m && m->rm && m->rm->kind == RM_VALID) {
      fe_find_member fm = {clang_getNullCursor(), 0};
      clang_visitChildren(c, fe_find_member_visit, &fm);
      if (fm.ok) {
        fe_kids mk = fe_expr_kids(fn, fm.found);
        ir_cond *cd = new_cond(fn, IR_C_VALID, c);
        if (mk.n) {
          ir_val bv = fe_lower_val(fn, mk.v[0]);
          if (bv.kind == IR_V_ADDR || bv.kind == IR_V_PLACE)
            cd->place = fe_deref(fn, bv);
        }
        if (!cd->place) {
          cd->kind = IR_C_UNKNOWN;
          cd->why = IR_WHY_VALID_ARG;
        }
        return emit_branch(fn, cd, t, f, out);
      }
    }
  }
  enum CXCursorKind k = fe_kind_of(c);
  int64_t cv;
  if (fe_may_be_const(k) && fe_try_const(fn, c, &cv)) {
    fe_term_goto(fn, cv ? t : f);
    return cv ? FE_COND_TRUE : FE_COND_FALSE;
  }
  CXCursor inner;
  if (fe_wrapper_inner(fn, c, &inner))
    return fe_lower_cond(fn, inner, t, f, out);
  if (k == CXCursor_CallExpr) {
    CXCursor ref = clang_getCursorReferenced(c);
    if (fe_kind_of(ref) == CXCursor_FunctionDecl && clang_Cursor_getNumArguments(c) >= 1) {
      CXString rs = clang_getCursorSpelling(ref);
      int expect = clang_getCString(rs) && strcmp(clang_getCString(rs), "__builtin_expect") == 0;
      clang_disposeString(rs);
      if (expect)
        return fe_lower_cond(fn, clang_Cursor_getArgument(c, 0), t, f, out);
    }
  }
  if (k == CXCursor_UnaryOperator) {
    fe_kids kk = fe_expr_kids(fn, c);
    const char *op = kk.n == 1 ? fe_unary_op(fn, c) : NULL;
    if (op && strcmp(op, "!") == 0) {
      ir_cond *ic = NULL;
      fe_cond_res r = fe_lower_cond(fn, kk.v[0], f, t, &ic);
      if (r == FE_COND_TRUE)
        return FE_COND_FALSE;
      if (r == FE_COND_FALSE)
        return FE_COND_TRUE;
      if (r == FE_COND_ATOMIC && ic && (ic->kind == IR_C_CMP || ic->kind == IR_C_MASK)) {
        ir_cond *n = arena_alloc(fn->a, sizeof *n);
        *n = *ic;
        n->op = negate(ic->op);
        n->loc = fe_cursor_loc(fn->fu, c);
        /* the branch as written: on !x itself, true when the if's body runs (the
         * path notes say "taking the true branch" at the '!', not "false" at x) */
        for (unsigned i = fn->nbbs, guard = 0; i-- > 0 && guard < 8; guard++) {
          ir_block *b = &fn->bbs[i].b;
          if (b->term == IR_T_BRANCH && b->cond == ic && b->succ[0] == f && b->succ[1] == t) {
            b->cond = n;
            b->succ[0] = t;
            b->succ[1] = f;
            b->term_loc = n->loc;
            break;
          }
        }
        if (out)
          *out = n;
        return FE_COND_ATOMIC;
      }
      return FE_COND_COMPLEX;
    }
  }
  if (k == CXCursor_BinaryOperator) {
    fe_kids kk = fe_expr_kids(fn, c);
    const char *op = kk.n == 2 ? fe_binary_op(fn, c) : NULL;
    ir_op cop;
    if (op && strcmp(op, "&&") == 0) {
      unsigned mid = fe_new_block(fn);
      fe_lower_cond(fn, kk.v[0], mid, f, NULL);
      fn->cur = mid;
      fn->cond_depth++;
      fe_lower_cond(fn, kk.v[1], t, f, NULL);
      fn->cond_depth--;
      return FE_COND_COMPLEX;
    }
    if (op && strcmp(op, "||") == 0) {
      unsigned mid = fe_new_block(fn);
      fe_lower_cond(fn, kk.v[0], t, mid, NULL);
      fn->cur = mid;
      fn->cond_depth++;
      fe_lower_cond(fn, kk.v[1], t, f, NULL);
      fn->cond_depth--;
      return FE_COND_COMPLEX;
    }
    if (op && strcmp(op, ",") == 0) {
      (void)fe_lower_val(fn, kk.v[0]);
      return fe_lower_cond(fn, kk.v[1], t, f, out);
    }
    if (op && strcmp(op, "&") == 0) { /* if (flags & HAVE_CTX) */
      ir_cond *cd = new_cond(fn, IR_C_MASK, c);
      cd->lhs = fe_lower_val(fn, kk.v[0]);
      cd->rhs = fe_lower_val(fn, kk.v[1]);
      cd->op = IR_NE;
      return emit_branch(fn, cd, t, f, out);
    }
    int64_t zero;
    CXCursor bits = fe_strip(kk.v[0]);
    if (fe_is_cmp(op, &cop) && (cop == IR_EQ || cop == IR_NE) && fe_try_const(fn, kk.v[1], &zero) &&
        zero == 0 && fe_kind_of(bits) == CXCursor_BinaryOperator && fe_binary_op(fn, bits) &&
        strcmp(fe_binary_op(fn, bits), "&") == 0) { /* (flags & HAVE_CTX) != 0 */
      fe_kids bk = fe_expr_kids(fn, bits);
      if (bk.n == 2) {
        ir_cond *cd = new_cond(fn, IR_C_MASK, c);
        cd->lhs = fe_lower_val(fn, bk.v[0]);
        cd->rhs = fe_lower_val(fn, bk.v[1]);
        cd->op = cop;
        return emit_branch(fn, cd, t, f, out);
      }
    }
    if (fe_is_cmp(op, &cop) &&
        (is_float_type(clang_getCursorType(kk.v[0])) || is_float_type(clang_getCursorType(kk.v[1])))) {
      (void)fe_lower_val(fn, kk.v[0]); /* their calls still happen */
      (void)fe_lower_val(fn, kk.v[1]);
      ir_cond *cd = new_cond(fn, IR_C_UNKNOWN, c);
      cd->why = IR_WHY_FLOAT;
      return emit_branch(fn, cd, t, f, out);
    }
    if (fe_is_cmp(op, &cop)) {
      ir_cond *cd = new_cond(fn, IR_C_CMP, c);
      cd->lhs = fe_lower_val(fn, kk.v[0]);
      cd->rhs = fe_lower_val(fn, kk.v[1]);
      cd->op = cop;
      return emit_branch(fn, cd, t, f, out);
    }
  }
  if (k == CXCursor_ConditionalOperator) {
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n == 3) {
      unsigned a = fe_new_block(fn), b = fe_new_block(fn);
      fe_lower_cond(fn, kk.v[0], a, b, NULL);
      fn->cur = a;
      fn->cond_depth++;
      fe_lower_cond(fn, kk.v[1], t, f, NULL);
      fn->cur = b;
      fe_lower_cond(fn, kk.v[2], t, f, NULL);
      fn->cond_depth--;
      return FE_COND_COMPLEX;
    }
  }
  ir_val v = fe_lower_val(fn, c);
  if (fn->cur == FE_NONE)
    return FE_COND_COMPLEX; /* the path ended inside (throw, unreachable) */
  ir_cond *cd = new_cond(fn, IR_C_UNKNOWN, c);
  if (v.kind == IR_V_UNKNOWN)
    cd->why = unknown_why(fn, c);
  if (v.kind != IR_V_UNKNOWN) {
    cd->kind = IR_C_CMP;
    cd->lhs = v;
    cd->op = IR_NE;
    cd->rhs = fe_val_const(0, NULL);
  }
  return emit_branch(fn, cd, t, f, out);
}
