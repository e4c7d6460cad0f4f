/* lower_expr.c - expressions to IR values and events (the places they name are
 * lower_place.c's, calls lower_call.c's, conditions lower_cond.c's).
 *
 * Operators come from libclang's operator-kind API (LLVM 17+), so they are known
 * wherever they were written: in the function, in a macro body or argument, in a
 * header. Calls are emitted as events in evaluation order (callee side, then arguments left
 * to right, then the call); && || ?: are control flow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

ir_val fe_val_unknown(void) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_UNKNOWN;
  return v;
}

ir_val fe_val_const(int64_t c, const char *name) {
  ir_val v = fe_val_unknown();
  v.kind = IR_V_CONST;
  v.c = c;
  v.const_name = name;
  return v;
}

ir_val fe_val_place(ir_val_kind k, ir_place *p) {
  if (!p)
    return fe_val_unknown();
  ir_val v = fe_val_unknown();
  v.kind = k;
  v.place = p;
  return v;
}

enum CXCursorKind fe_kind_of(CXCursor c) { return clang_getCursorKind(c); }

static int is_cast_kind(enum CXCursorKind k) {
  return k == CXCursor_CStyleCastExpr || k == CXCursor_CXXStaticCastExpr ||
         k == CXCursor_CXXReinterpretCastExpr || k == CXCursor_CXXConstCastExpr ||
         k == CXCursor_CXXDynamicCastExpr || k == CXCursor_CXXFunctionalCastExpr;
}

/* The expression children of c (casts also have TypeRef children). */
fe_kids fe_expr_kids(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  unsigned n = 0;
  for (unsigned i = 0; i < k.n; i++)
    if (clang_isExpression(fe_kind_of(k.v[i])))
      k.v[n++] = k.v[i];
  k.n = n;
  return k;
}

/* A single-operand wrapper (parens, implicit or explicit cast): its operand. */
int fe_wrapper_inner(fe_fn *fn, CXCursor c, CXCursor *inner) {
  enum CXCursorKind k = fe_kind_of(c);
  if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && !is_cast_kind(k))
    return 0;
  fe_kids kk = fe_expr_kids(fn, c);
  if (kk.n != 1)
    return 0;
  *inner = kk.v[0];
  return 1;
}

/* Scratch-free strip used where no fe_fn is at hand. */
typedef struct strip_ctx {
  CXCursor only;
  unsigned n;
} strip_ctx;

static enum CXChildVisitResult strip_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  strip_ctx *s = d;
  if (clang_isExpression(clang_getCursorKind(c))) {
    s->only = c;
    s->n++;
  }
  return s->n > 1 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* fe_strip: skips parentheses and casts (a single expression operand). */
CXCursor fe_strip(CXCursor c) {
  for (int guard = 0; guard < 256; guard++) {
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && !is_cast_kind(k))
      return c;
    strip_ctx s = {clang_getNullCursor(), 0};
    clang_visitChildren(c, strip_visit, &s);
    if (s.n != 1)
      return c;
    c = s.only;
  }
  return c;
}

static int is_array_kind(enum CXTypeKind k) {
  return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray ||
         k == CXType_DependentSizedArray;
}

int fe_is_pointerish(CXType t) {
  enum CXTypeKind k = clang_getCanonicalType(t).kind;
  return k == CXType_Pointer || k == CXType_BlockPointer || is_array_kind(k);
}

/* fe_type_name: interned spelling of t (NULL if invalid). */
const char *fe_type_name(fe_unit *fu, CXType t) {
  if (t.kind == CXType_Invalid)
    return NULL;
  CXString s = clang_getTypeSpelling(t);
  const char *c = clang_getCString(s);
  const char *r = c && *c ? fe_intern(fu, c) : NULL;
  clang_disposeString(s);
  return r;
}

/* Typedef spelling of a function-pointer type (through elaborated sugar and one
 * pointer level), or NULL. */
const char *fe_typedef_name(fe_unit *fu, CXType t) {
  for (int i = 0; i < 4; i++) {
    if (t.kind == CXType_Typedef)
      return fe_type_name(fu, t);
    if (t.kind == CXType_Elaborated)
      t = clang_Type_getNamedType(t);
    else if (t.kind == CXType_Pointer)
      t = clang_getPointeeType(t);
    else
      return NULL;
  }
  return NULL;
}

int fe_depth_enter(fe_fn *fn) {
  if (fn->depth >= FE_MAX_DEPTH) {
    fe_truncate(fn, "expression nested deeper than 64 levels");
    return 0;
  }
  fn->depth++;
  return 1;
}

/* ---- operators ------------------------------------------------------------------------- */

/* The spelling of the operator of a BinaryOperator / CompoundAssignOperator cursor
 * ("=", "==", "&&", "+=", ...), or NULL for any other cursor. libclang (17+) knows it
 * wherever it was written: in the function, in a macro body, in a header. Interned. */
const char *fe_binary_op(fe_fn *fn, CXCursor c) {
  enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(c);
  if (k == CXBinaryOperator_Invalid)
    return NULL;
  CXString s = clang_getBinaryOperatorKindSpelling(k);
  const char *r = fe_intern(fn->fu, clang_getCString(s) ? clang_getCString(s) : "");
  clang_disposeString(s);
  return r;
}

/* The spelling of the operator of a UnaryOperator cursor ("&", "*", "!", "++" for
 * both increments, ...), or NULL. Interned. */
const char *fe_unary_op(fe_fn *fn, CXCursor c) {
  enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(c);
  if (k == CXUnaryOperator_Invalid)
    return NULL;
  CXString s = clang_getUnaryOperatorKindSpelling(k);
  const char *r = fe_intern(fn->fu, clang_getCString(s) ? clang_getCString(s) : "");
  clang_disposeString(s);
  return r;
}

/* The operator of expression c was written in a macro body (FAILED(x): its '<'),
 * not in the code or in a macro argument: its spelling location is elsewhere than
 * the file position it maps to. */
int fe_op_in_macro_body(CXCursor c) {
  CXSourceLocation l = clang_getCursorLocation(c);
  CXFile sf, ff;
  unsigned soff, foff;
  clang_getSpellingLocation(l, &sf, NULL, NULL, &soff);
  clang_getFileLocation(l, &ff, NULL, NULL, &foff);
  return sf != ff || soff != foff;
}

/* ---- constants --------------------------------------------------------------------- */

/* No calls, assignments, increments or other side effects inside c. */
static int is_pure(fe_fn *fn, CXCursor c, unsigned depth) {
  if (depth > 128)
    return 0;
  enum CXCursorKind k = fe_kind_of(c);
  switch (k) {
  case CXCursor_CallExpr:
  case CXCursor_CompoundAssignOperator:
  case CXCursor_StmtExpr:
  case CXCursor_CXXThrowExpr:
  case CXCursor_CXXNewExpr:
  case CXCursor_CXXDeleteExpr:
  case CXCursor_LambdaExpr:
    return 0;
  default:
    break;
  }
  fe_kids kk = fe_expr_kids(fn, c);
  if (k == CXCursor_BinaryOperator && kk.n == 2) {
    const char *op = fe_binary_op(fn, c);
    if (op && (strcmp(op, "=") == 0 || strcmp(op, ",") == 0))
      return 0;
  }
  if (k == CXCursor_UnaryOperator && kk.n == 1) {
    const char *op = fe_unary_op(fn, c);
    if (op && (strcmp(op, "++") == 0 || strcmp(op, "--") == 0))
      return 0;
  }
  for (unsigned i = 0; i < kk.n; i++)
    if (!is_pure(fn, kk.v[i], depth + 1))
      return 0;
  return 1;
}

static int eval_int(CXCursor c, int64_t *v) {
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (!r)
    return 0;
  int ok = clang_EvalResult_getKind(r) == CXEval_Int;
  if (ok)
    *v = clang_EvalResult_isUnsignedInt(r) ? (int64_t)clang_EvalResult_getAsUnsigned(r)
                                           : (int64_t)clang_EvalResult_getAsLongLong(r);
  clang_EvalResult_dispose(r);
  return ok;
}

int fe_may_be_const(enum CXCursorKind k) {
  return k == CXCursor_IntegerLiteral || k == CXCursor_CharacterLiteral ||
         k == CXCursor_CXXBoolLiteralExpr || k == CXCursor_ParenExpr ||
         k == CXCursor_UnexposedExpr || is_cast_kind(k) || k == CXCursor_UnaryOperator ||
         k == CXCursor_BinaryOperator || k == CXCursor_ConditionalOperator ||
         k == CXCursor_UnaryExpr || k == CXCursor_DeclRefExpr || k == CXCursor_GNUNullExpr;
}

/* fe_try_const: c is an integer constant expression (or a null pointer constant). */
int fe_try_const(fe_fn *fn, CXCursor c, int64_t *v) {
  for (int guard = 0; guard < 64; guard++) {
    enum CXCursorKind k = fe_kind_of(c);
    if (k == CXCursor_CXXNullPtrLiteralExpr) {
      *v = 0;
      return 1;
    }
    if (!fe_may_be_const(k))
      return 0;
    if (k == CXCursor_DeclRefExpr) {
      CXCursor ref = clang_getCursorReferenced(c);
      if (fe_kind_of(ref) != CXCursor_EnumConstantDecl)
        return 0;
      *v = (int64_t)clang_getEnumConstantDeclValue(ref);
      return 1;
    }
    if (!is_pure(fn, c, 0))
      return 0;
    if (eval_int(c, v))
      return 1;
    /* (void *)0 and friends: a cast to a pointer of a constant */
    CXCursor inner;
    if (!fe_wrapper_inner(fn, c, &inner))
      return 0;
    if (k != CXCursor_ParenExpr && !fe_is_pointerish(clang_getCursorType(c)))
      return 0;
    c = inner;
  }
  return 0;
}

/* The name a constant expression is written as: a macro spanning exactly c, or an
 * enumerator. */
static const char *const_name(fe_fn *fn, CXCursor c) {
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (s.file && e.file == s.file) {
    /* exact extent; inside another macro's argument libclang reports an empty
     * extent (end == start) for the expansion of a constant macro */
    const fe_mexp *m = fe_macro_at(fn->fu, s.file, s.off);
    if (m && !m->fn_like && (m->end == e.off || e.off == s.off))
      return m->name;
  }
  CXCursor st = fe_strip(c);
  if (fe_kind_of(st) == CXCursor_DeclRefExpr) {
    CXCursor ref = clang_getCursorReferenced(st);
    if (fe_kind_of(ref) == CXCursor_EnumConstantDecl)
      return fe_str(fn->a, clang_getCursorSpelling(ref));
  }
  return NULL;
}

/* ---- values ---------------------------------------------------------------------------- */

static ir_val lower_val_inner(fe_fn *fn, CXCursor c);

/* fe_lower_val: the value of expression c; emits the events of its calls and
 * assignments in evaluation order. */
ir_val fe_lower_val(fe_fn *fn, CXCursor c) {
  if (fn->overflow != FE_NONE)
    return fe_val_unknown();
  enum CXCursorKind k = fe_kind_of(c);
  int64_t cv;
  if (fe_may_be_const(k) && k != CXCursor_DeclRefExpr && fe_try_const(fn, c, &cv))
    return fe_val_const(cv, const_name(fn, c));
  CXCursor inner;
  if (fe_wrapper_inner(fn, c, &inner)) {
    /* array-to-pointer decay: &a[any] */
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    CXType it = clang_getCanonicalType(clang_getCursorType(inner));
    if (k == CXCursor_UnexposedExpr && t.kind == CXType_Pointer && is_array_kind(it.kind)) {
      ir_place *p = fe_lower_place(fn, inner);
      if (!p)
        return fe_val_unknown();
      ir_place *q = fe_extend(fn, p, IR_STEP_INDEX, NULL);
      q->type_name = fe_type_name(fn->fu, clang_getArrayElementType(it));
      q->is_pointer = (unsigned char)fe_is_pointerish(clang_getArrayElementType(it));
      return fe_val_place(IR_V_ADDR, q);
    }
    return fe_lower_val(fn, inner);
  }
  if (!fe_depth_enter(fn))
    return fe_val_unknown();
  ir_val v = lower_val_inner(fn, c);
  fn->depth--;
  return v;
}

static ir_val lower_effects(fe_fn *fn, CXCursor c) {
  fe_kids kk = fe_expr_kids(fn, c);
  for (unsigned i = 0; i < kk.n; i++)
    (void)fe_lower_val(fn, kk.v[i]);
  return fe_val_unknown();
}

/* A new-expression (through casts and parentheses), or a null cursor. */
static CXCursor new_expr(CXCursor c) {
  CXCursor s = fe_strip(c);
  return fe_kind_of(s) == CXCursor_CXXNewExpr ? s : clang_getNullCursor();
}

static ir_val lower_assign(fe_fn *fn, CXCursor whole, CXCursor l, CXCursor r) {
  CXCursor ne = new_expr(r);
  if (!clang_Cursor_isNull(ne)) {
    ir_place *dst = fe_lower_place(fn, l);
    if (dst) /* p = new T(...): p holds the storage before T's constructor runs */
      return fe_cxx_new(fn, ne, dst, fe_cursor_loc(fn->fu, whole));
  }
  ir_val v = fe_lower_val(fn, r);
  ir_place *p = fe_lower_place(fn, l);
  ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, whole));
  e->dst = p;
  e->src = v;
  return v;
}

/* fe_temp_place: a synthetic local ("$t1"): the value of a condition computed by
 * several branches (type int, never a handle), or a C++ temporary object. */
ir_place *fe_temp_place(fe_fn *fn, const char *type_name) {
  ir_place *p = arena_alloc(fn->a, sizeof *p);
  p->root = IR_ROOT_LOCAL;
  p->name = arena_printf(fn->a, "$t%u", ++fn->ntemps);
  p->var = ++fn->nvars;
  p->type_name = type_name ? type_name : "int";
  return p;
}

static ir_place *temp_place(fe_fn *fn) { return fe_temp_place(fn, NULL); }

/* A condition used as a value (ok = ss == SEC_E_OK; return !x; a && b): lowered as
 * control flow so that each path knows its value: (cond ? 1 : 0) for an atomic
 * condition, else a temporary assigned 1 or 0 on the two sides. */
static ir_val value_of_cond(fe_fn *fn, CXCursor c) {
  unsigned t = fe_new_block(fn), f = fe_new_block(fn), j = fe_new_block(fn);
  ir_cond *ac = NULL;
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_ensure_cur(fn);
  fe_cond_res r = fe_lower_cond(fn, c, t, f, &ac);
  ir_place *tmp = r == FE_COND_COMPLEX || (r == FE_COND_ATOMIC && !ac) ? temp_place(fn) : NULL;
  fn->cur = t;
  if (tmp) {
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
    e->dst = tmp;
    e->src = fe_val_const(1, NULL);
  }
  fe_term_goto(fn, j);
  fn->cur = f;
  if (tmp) {
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
    e->dst = tmp;
    e->src = fe_val_const(0, NULL);
  }
  fe_term_goto(fn, j);
  fn->cur = j;
  if (tmp)
    return fe_val_place(IR_V_PLACE, tmp);
  if (r == FE_COND_TRUE || r == FE_COND_FALSE)
    return fe_val_const(r == FE_COND_TRUE, NULL);
  ir_val v = fe_val_unknown();
  v.kind = IR_V_CHOICE;
  v.cond = ac;
  v.a = arena_alloc(fn->a, sizeof *v.a);
  v.b = arena_alloc(fn->a, sizeof *v.b);
  *v.a = fe_val_const(1, NULL);
  *v.b = fe_val_const(0, NULL);
  return v;
}

int fe_is_cmp(const char *op, ir_op *out) {
  static const struct {
    const char *s;
    ir_op op;
  } t[] = {{"==", IR_EQ}, {"!=", IR_NE}, {"<", IR_LT}, {"<=", IR_LE}, {">", IR_GT}, {">=", IR_GE}};
  for (size_t i = 0; op && i < sizeof t / sizeof t[0]; i++)
    if (strcmp(op, t[i].s) == 0) {
      *out = t[i].op;
      return 1;
    }
  return 0;
}

/* bits_val: x | c (IR_V_BITS), x the place p or unknown (p NULL). */
static ir_val bits_val(int64_t c, const char *name, ir_place *p) {
  ir_val v = fe_val_unknown();
  v.kind = IR_V_BITS;
  v.c = c;
  v.const_name = name;
  v.place = p;
  return v;
}

static ir_val lower_val_inner(fe_fn *fn, CXCursor c) {
  enum CXCursorKind k = fe_kind_of(c);
  switch (k) {
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = fe_kind_of(ref);
    if (rk == CXCursor_EnumConstantDecl)
      return fe_val_const((int64_t)clang_getEnumConstantDeclValue(ref),
                       fe_str(fn->a, clang_getCursorSpelling(ref)));
    if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl)
      return fe_val_place(IR_V_PLACE, fe_var_object(fn, ref));
    if (rk == CXCursor_FunctionDecl) {
      /* a function used as a value (ops->close = conn_close): a global place named
       * after it, so that the engine can resolve calls through the pointer */
      ir_place *fp = arena_alloc(fn->a, sizeof *fp);
      fp->root = IR_ROOT_GLOBAL;
      fp->name = fe_str(fn->a, clang_getCursorSpelling(ref));
      fp->is_pointer = 1;
      return fe_val_place(IR_V_PLACE, fp);
    }
    return fe_val_unknown();
  }
  case CXCursor_MemberRefExpr:
  case CXCursor_ArraySubscriptExpr:
    return fe_val_place(IR_V_PLACE, fe_lower_place(fn, c));
  case CXCursor_CXXNullPtrLiteralExpr:
    return fe_val_const(0, NULL);
  case CXCursor_CXXThisExpr:
    return fe_val_place(IR_V_PLACE, fe_this_place(fn));
  case CXCursor_UnaryOperator: {
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 1)
      return lower_effects(fn, c);
    CXCursor o = kk.v[0];
    const char *op = fe_unary_op(fn, c);
    if (op && strcmp(op, "&") == 0) {
      CXCursor so = fe_strip(o);
      if (fe_kind_of(so) == CXCursor_UnaryOperator) {
        fe_kids sk = fe_expr_kids(fn, so);
        const char *sop = sk.n == 1 ? fe_unary_op(fn, so) : NULL;
        if (sop && strcmp(sop, "*") == 0)
          return fe_lower_val(fn, sk.v[0]); /* &*p == p */
      }
      return fe_addr_of(fn, fe_lower_place(fn, o)); /* &r of a reference r is r */
    }
    if (op && strcmp(op, "*") == 0)
      return fe_val_place(IR_V_PLACE, fe_lower_place(fn, c));
    if (op && strcmp(op, "!") == 0)
      return value_of_cond(fn, c);
    if (op && (strcmp(op, "++") == 0 || strcmp(op, "--") == 0)) {
      ir_place *p = fe_lower_place(fn, o);
      ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
      e->dst = p;
      e->src = fe_val_unknown();
      return fe_val_unknown();
    }
    (void)fe_lower_val(fn, o);
    return fe_val_unknown();
  }
  case CXCursor_BinaryOperator: {
    {
      /* a rules macro used as a value (return SUCCEEDED(ss);): its operator has no
       * token here, the macro says what it tests */
      fe_pos ms, me;
      fe_extent_pos(c, &ms, &me);
      if (ms.file && me.file == ms.file) {
        const fe_mexp *m = fe_macro_exact(fn->fu, ms.file, ms.off, me.off);
        if (m && m->rm && (m->rm->kind == RM_STATUS || m->rm->kind == RM_VALID))
          return value_of_cond(fn, c);
      }
    }
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 2)
      return lower_effects(fn, c);
    const char *op = fe_binary_op(fn, c);
    if (op && strcmp(op, "=") == 0)
      return lower_assign(fn, c, kk.v[0], kk.v[1]);
    ir_op cop;
    if (op && (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0 || fe_is_cmp(op, &cop)))
      return value_of_cond(fn, c);
    if (op && strcmp(op, ",") == 0) {
      (void)fe_lower_val(fn, kk.v[0]);
      return fe_lower_val(fn, kk.v[1]);
    }
    if (op && strcmp(op, "|") == 0) {
      /* flags | ISC_REQ_ALLOCATE_MEMORY: the constant's bits are set, whatever the other
       * operand holds */
      for (unsigned side = 0; side < 2; side++) {
        int64_t cv;
        if (!fe_may_be_const(fe_kind_of(kk.v[side])) || !fe_try_const(fn, kk.v[side], &cv))
          continue;
        ir_val o = fe_lower_val(fn, kk.v[1 - side]);
        return bits_val(cv, const_name(fn, kk.v[side]), o.kind == IR_V_PLACE ? o.place : NULL);
      }
    }
    (void)fe_lower_val(fn, kk.v[0]);
    (void)fe_lower_val(fn, kk.v[1]);
    return fe_val_unknown();
  }
  case CXCursor_CompoundAssignOperator: {
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 2)
      return lower_effects(fn, c);
    /* flags |= C: the old value with C's bits set; any other operator: unknown */
    const char *op = fe_binary_op(fn, c);
    int64_t cv;
    int bits = op && strcmp(op, "|=") == 0 && fe_may_be_const(fe_kind_of(kk.v[1])) &&
               fe_try_const(fn, kk.v[1], &cv);
    if (!bits)
      (void)fe_lower_val(fn, kk.v[1]);
    ir_place *p = fe_lower_place(fn, kk.v[0]);
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
    e->dst = p;
    e->src = bits ? bits_val(cv, const_name(fn, kk.v[1]), p) : fe_val_unknown();
    return fe_val_unknown();
  }
  case CXCursor_ConditionalOperator: {
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 3)
      return lower_effects(fn, c);
    unsigned t = fe_new_block(fn), f = fe_new_block(fn), j = fe_new_block(fn);
    ir_cond *ac = NULL;
    fe_ensure_cur(fn);
    fe_cond_res r = fe_lower_cond(fn, kk.v[0], t, f, &ac);
    fn->cur = t;
    fn->cond_depth++;
    ir_val va = fe_lower_val(fn, kk.v[1]);
    fe_term_goto(fn, j);
    fn->cur = f;
    ir_val vb = fe_lower_val(fn, kk.v[2]);
    fn->cond_depth--;
    fe_term_goto(fn, j);
    fn->cur = j;
    if (r == FE_COND_TRUE)
      return va;
    if (r == FE_COND_FALSE)
      return vb;
    if (r == FE_COND_ATOMIC && ac) {
      ir_val v = fe_val_unknown();
      v.kind = IR_V_CHOICE;
      v.cond = ac;
      v.a = arena_alloc(fn->a, sizeof *v.a);
      v.b = arena_alloc(fn->a, sizeof *v.b);
      *v.a = va;
      *v.b = vb;
      return v;
    }
    return fe_val_unknown();
  }
  case CXCursor_CallExpr:
    return fe_lower_call(fn, c);
  case CXCursor_CXXNewExpr:
    return fe_cxx_new(fn, c, NULL, (ir_loc){0});
  case CXCursor_CXXDeleteExpr:
    fe_cxx_delete(fn, c);
    return fe_val_unknown();
  case CXCursor_StmtExpr: {
    fe_kids kk = fe_children(fn, c);
    if (kk.n && fe_kind_of(kk.v[0]) == CXCursor_CompoundStmt)
      return fe_lower_compound_value(fn, kk.v[0]);
    return fe_val_unknown();
  }
  case CXCursor_CXXThrowExpr: {
    fe_kids kk = fe_expr_kids(fn, c);
    const char *thrown = NULL;
    if (kk.n) {
      thrown = fe_catch_type(fn, clang_getCursorType(kk.v[0]));
      fe_cleanup *mark = fn->cleanup;
      (void)fe_lower_val(fn, kk.v[0]);
      fn->cleanup = mark; /* the exception object lives on */
    }
    fe_route_throw(fn, fe_cursor_loc(fn->fu, c), thrown);
    return fe_val_unknown();
  }
  case CXCursor_LambdaExpr:
  case CXCursor_UnaryExpr: /* sizeof: not evaluated */
  case CXCursor_StringLiteral:
  case CXCursor_FloatingLiteral:
    return fe_val_unknown();
  default:
    return lower_effects(fn, c);
  }
}

/* ---- statements made of expressions -------------------------------------------------- */

/* The handle a SecInvalidateHandle-like expansion writes: the base of the first
 * member access in the statement ((PSecHandle)&h)->dwLower -> h. */
static ir_place *invalidated_place(fe_fn *fn, CXCursor c) {
  fe_find_member fm = {clang_getNullCursor(), 0};
  if (fe_kind_of(c) == CXCursor_MemberRefExpr) {
    fm.found = c;
    fm.ok = 1;
  } else {
    clang_visitChildren(c, fe_find_member_visit, &fm);
  }
  if (!fm.ok)
    return NULL;
  fe_kids mk = fe_expr_kids(fn, fm.found);
  if (!mk.n)
    return NULL;
  ir_val bv = fe_lower_val(fn, mk.v[0]);
  if (bv.kind != IR_V_ADDR && bv.kind != IR_V_PLACE)
    return NULL;
  return fe_deref(fn, bv);
}

/* fe_lower_expr_stmt: see fe_internal.h. */
void fe_lower_expr_stmt(fe_fn *fn, CXCursor c) {
  if (fn->overflow != FE_NONE)
    return;
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (s.file && !fn->no_invalidate) {
    const fe_mexp *m = fe_macro_at(fn->fu, s.file, s.off);
    if (m && m->rm && m->rm->kind == RM_INVALIDATE && e.file == s.file && e.off <= m->end) {
      ir_place *p = invalidated_place(fn, c);
      if (p) {
        ir_event *ev = fe_emit(fn, IR_E_INVALIDATE, fe_cursor_loc(fn->fu, c));
        ev->dst = p;
        return;
      }
    }
  }
  (void)fe_lower_val(fn, c);
}

/* ---- declarations ---------------------------------------------------------------------- */

static int all_zero(fe_fn *fn, CXCursor list, unsigned depth) {
  if (depth > 32)
    return 0;
  fe_kids kk = fe_children(fn, list);
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = kk.v[i];
    enum CXCursorKind k = fe_kind_of(x);
    if (!clang_isExpression(k))
      continue;
    if (k == CXCursor_InitListExpr) {
      if (!all_zero(fn, x, depth + 1))
        return 0;
      continue;
    }
    if (k == CXCursor_UnexposedExpr && fe_expr_kids(fn, x).n == 0)
      continue; /* implicit value initialisation */
    int64_t v;
    if (!fe_try_const(fn, x, &v) || v != 0)
      return 0;
  }
  return 1;
}

typedef struct field_list {
  fe_fn *fn;
  const char *names[256];
  unsigned n;
} field_list;

static enum CXVisitorResult field_visit(CXCursor c, CXClientData d) {
  field_list *fl = d;
  if (fl->n >= 256)
    return CXVisit_Break;
  fl->names[fl->n++] = fe_str(fl->fn->scratch, clang_getCursorSpelling(c));
  return CXVisit_Continue;
}

static void assign_at(fe_fn *fn, ir_place *p, ir_val v, ir_loc loc) {
  ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
  e->dst = p;
  e->src = v;
}

/* Non-zero braced initialiser of place p (already cleared): field-wise assignments. */
static void init_list(fe_fn *fn, ir_place *p, CXCursor list, ir_loc loc, unsigned depth) {
  if (depth > 16 || !p) {
    (void)lower_effects(fn, list);
    if (p)
      assign_at(fn, p, fe_val_unknown(), loc);
    return;
  }
  CXType t = clang_getCanonicalType(clang_getCursorType(list));
  int is_record = t.kind == CXType_Record;
  int is_array = is_array_kind(t.kind);
  field_list fl;
  fl.fn = fn;
  fl.n = 0;
  if (is_record)
    clang_Type_visitFields(t, field_visit, &fl);
  fe_kids kk = fe_expr_kids(fn, list);
  unsigned pos = 0;
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = kk.v[i];
    ir_place *target = NULL;
    /* designated initialiser: MemberRef children name the path */
    fe_kids dk = fe_children(fn, x);
    if (fe_kind_of(x) == CXCursor_UnexposedExpr && dk.n >= 2 &&
        fe_kind_of(dk.v[0]) == CXCursor_MemberRef) {
      target = p;
      for (unsigned j = 0; j + 1 < dk.n && fe_kind_of(dk.v[j]) == CXCursor_MemberRef; j++) {
        const char *fname = fe_str(fn->scratch, clang_getCursorSpelling(dk.v[j]));
        target = fe_extend(fn, target, IR_STEP_FIELD, fname);
        if (j == 0)
          for (unsigned q = 0; q < fl.n; q++)
            if (strcmp(fl.names[q], fname) == 0)
              pos = q + 1;
      }
      x = dk.v[dk.n - 1];
    } else if (is_array && fe_kind_of(x) == CXCursor_UnexposedExpr && dk.n >= 2 &&
               clang_isExpression(fe_kind_of(dk.v[dk.n - 1]))) {
      target = fe_extend(fn, p, IR_STEP_INDEX, NULL); /* [i] = value */
      x = dk.v[dk.n - 1];
    } else if (is_record && pos < fl.n) {
      target = fe_extend(fn, p, IR_STEP_FIELD, fl.names[pos++]);
    } else if (is_array) {
      target = fe_extend(fn, p, IR_STEP_INDEX, NULL);
    } else if (!is_record && !is_array && i == 0) {
      target = p;
    }
    if (!target) {
      (void)fe_lower_val(fn, x);
      continue;
    }
    if (fe_kind_of(x) == CXCursor_InitListExpr) {
      if (!all_zero(fn, x, 0))
        init_list(fn, target, x, loc, depth + 1);
      continue;
    }
    int64_t v;
    if (fe_try_const(fn, x, &v) && v == 0)
      continue; /* already cleared */
    assign_at(fn, target, fe_lower_val(fn, x), loc);
  }
}

/* fe_lower_init: see fe_internal.h. */
void fe_lower_init(fe_fn *fn, ir_place *p, CXType t, CXCursor init, ir_loc loc) {
  (void)t;
  CXCursor si = init, inner;
  for (int guard = 0; guard < 64 && fe_kind_of(si) == CXCursor_UnexposedExpr &&
                      fe_wrapper_inner(fn, si, &inner);
       guard++)
    si = inner;
  if (fe_kind_of(si) == CXCursor_InitListExpr) {
    ir_event *e = fe_emit(fn, IR_E_CLEAR, loc);
    e->dst = p;
    if (!all_zero(fn, si, 0))
      init_list(fn, p, si, loc, 0);
    return;
  }
  CXCursor call;
  if (p && fe_cxx_ctor_of(fn, init, &call)) {
    ir_event *e = fe_emit(fn, IR_E_DECL, loc);
    e->dst = p;
    fe_cxx_construct(fn, call, fe_addr_of(fn, p), p);
    return;
  }
  ir_val v = fe_lower_val(fn, init);
  assign_at(fn, p, v, loc);
}

/* fe_lower_addr: see fe_internal.h. */
ir_val fe_lower_addr(fe_fn *fn, CXCursor c) {
  if (fn->overflow != FE_NONE)
    return fe_val_unknown();
  CXCursor call;
  if (fe_cxx_ctor_of(fn, c, &call)) {
    ir_val tv = fe_cxx_temporary(fn, call);
    return tv.kind == IR_V_PLACE ? fe_addr_of(fn, tv.place) : tv;
  }
  ir_place *p = fe_lower_place(fn, c);
  return p ? fe_addr_of(fn, p) : fe_val_unknown();
}

/* fe_lower_var_decl: see fe_internal.h. */
void fe_lower_var_decl(fe_fn *fn, CXCursor d) {
  if (fn->overflow != FE_NONE)
    return;
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(d);
  if (sc == CX_SC_Static || sc == CX_SC_Extern)
    return; /* zero-initialised once / defined elsewhere */
  ir_place *p = fe_var_place(fn, d);
  ir_loc loc = fe_name_loc(fn->fu, d);
  CXType t = clang_getCursorType(d);
  fe_pos np = fe_pos_of(clang_getCursorLocation(d));
  CXCursor init = clang_Cursor_getVarDeclInitializer(d);
  if (clang_Cursor_isNull(init) || !clang_isExpression(fe_kind_of(init))) {
    ir_event *e = fe_emit(fn, IR_E_DECL, loc);
    e->dst = p;
    if (!fe_is_ref(t))
      fe_cxx_push(fn, p, t, np.off, 0, loc);
    return;
  }
  fe_cleanup *mark = fn->cleanup;
  CXCursor ne = new_expr(init);
  if (!clang_Cursor_isNull(ne) && !fe_is_ref(t)) {
    /* T *p = new T(...): p holds the storage before T's constructor runs */
    (void)fe_cxx_new(fn, ne, p, loc);
    fe_cxx_full_expr_end(fn, mark, NULL, loc);
    return;
  }
  if (fe_is_ref(t)) {
    /* a reference holds the address of its referent; a temporary bound to it
     * lives as long as the reference */
    ir_val v = fe_lower_addr(fn, init);
    assign_at(fn, p, v, loc);
    fe_cxx_full_expr_end(fn, mark, v.kind == IR_V_ADDR ? v.place : NULL, loc);
    return;
  }
  fe_lower_init(fn, p, t, init, loc);
  if (fn->fu->is_cxx && fe_cxx_needs_dtor(fn, t))
    fe_exc_flush(fn); /* an exception from the initialiser: the object was not constructed */
  fe_cxx_full_expr_end(fn, mark, NULL, loc);
  fe_cxx_push(fn, p, t, np.off, 0, loc);
}
