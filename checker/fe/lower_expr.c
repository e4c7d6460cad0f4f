/* lower_expr.c - expressions to IR values, places, conditions and events.
 *
 * Operators come from libclang's operator-kind API (LLVM 17+), so they are known
 * wherever they were written: in the function, in a macro body or argument, in a
 * header. Calls are emitted as events in evaluation order (callee side, then arguments left
 * to right, then the call); && || ?: are control flow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

static ir_val val_unknown(void) {
  ir_val v;
  memset(&v, 0, sizeof v);
  v.kind = IR_V_UNKNOWN;
  return v;
}

static ir_val val_const(int64_t c, const char *name) {
  ir_val v = val_unknown();
  v.kind = IR_V_CONST;
  v.c = c;
  v.const_name = name;
  return v;
}

static ir_val val_place(ir_val_kind k, ir_place *p) {
  if (!p)
    return val_unknown();
  ir_val v = val_unknown();
  v.kind = k;
  v.place = p;
  return v;
}

static enum CXCursorKind kind_of(CXCursor c) { return clang_getCursorKind(c); }

static int is_cast_kind(enum CXCursorKind k) {
  return k == CXCursor_CStyleCastExpr || k == CXCursor_CXXStaticCastExpr ||
         k == CXCursor_CXXReinterpretCastExpr || k == CXCursor_CXXConstCastExpr ||
         k == CXCursor_CXXDynamicCastExpr || k == CXCursor_CXXFunctionalCastExpr;
}

/* The expression children of c (casts also have TypeRef children). */
static fe_kids expr_kids(fe_fn *fn, CXCursor c) {
  fe_kids k = fe_children(fn, c);
  unsigned n = 0;
  for (unsigned i = 0; i < k.n; i++)
    if (clang_isExpression(kind_of(k.v[i])))
      k.v[n++] = k.v[i];
  k.n = n;
  return k;
}

/* A single-operand wrapper (parens, implicit or explicit cast): its operand. */
static int wrapper_inner(fe_fn *fn, CXCursor c, CXCursor *inner) {
  enum CXCursorKind k = kind_of(c);
  if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && !is_cast_kind(k))
    return 0;
  fe_kids kk = expr_kids(fn, c);
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

static int is_pointerish(CXType t) {
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
static const char *typedef_name(fe_unit *fu, CXType t) {
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

static int depth_enter(fe_fn *fn) {
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
static const char *binary_op(fe_fn *fn, CXCursor c) {
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
static const char *unary_op(fe_fn *fn, CXCursor c) {
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
static int op_in_macro_body(CXCursor c) {
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
  enum CXCursorKind k = kind_of(c);
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
  fe_kids kk = expr_kids(fn, c);
  if (k == CXCursor_BinaryOperator && kk.n == 2) {
    const char *op = binary_op(fn, c);
    if (op && (strcmp(op, "=") == 0 || strcmp(op, ",") == 0))
      return 0;
  }
  if (k == CXCursor_UnaryOperator && kk.n == 1) {
    const char *op = unary_op(fn, c);
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

static int may_be_const(enum CXCursorKind k) {
  return k == CXCursor_IntegerLiteral || k == CXCursor_CharacterLiteral ||
         k == CXCursor_CXXBoolLiteralExpr || k == CXCursor_ParenExpr ||
         k == CXCursor_UnexposedExpr || is_cast_kind(k) || k == CXCursor_UnaryOperator ||
         k == CXCursor_BinaryOperator || k == CXCursor_ConditionalOperator ||
         k == CXCursor_UnaryExpr || k == CXCursor_DeclRefExpr || k == CXCursor_GNUNullExpr;
}

/* fe_try_const: c is an integer constant expression (or a null pointer constant). */
int fe_try_const(fe_fn *fn, CXCursor c, int64_t *v) {
  for (int guard = 0; guard < 64; guard++) {
    enum CXCursorKind k = kind_of(c);
    if (k == CXCursor_CXXNullPtrLiteralExpr) {
      *v = 0;
      return 1;
    }
    if (!may_be_const(k))
      return 0;
    if (k == CXCursor_DeclRefExpr) {
      CXCursor ref = clang_getCursorReferenced(c);
      if (kind_of(ref) != CXCursor_EnumConstantDecl)
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
    if (!wrapper_inner(fn, c, &inner))
      return 0;
    if (k != CXCursor_ParenExpr && !is_pointerish(clang_getCursorType(c)))
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
  if (kind_of(st) == CXCursor_DeclRefExpr) {
    CXCursor ref = clang_getCursorReferenced(st);
    if (kind_of(ref) == CXCursor_EnumConstantDecl)
      return fe_str(fn->a, clang_getCursorSpelling(ref));
  }
  return NULL;
}

/* ---- places ------------------------------------------------------------------------- */

static int is_function_like(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction ||
         k == CXCursor_FunctionTemplate || k == CXCursor_LambdaExpr;
}

/* fe_var_place: the root place of variable/parameter declaration decl (cached). */
ir_place *fe_var_place(fe_fn *fn, CXCursor decl) {
  enum CXCursorKind k = kind_of(decl);
  if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
    return NULL;
  unsigned h = clang_hashCursor(decl) % FE_VAR_BUCKETS;
  for (fe_var *v = fn->vars[h]; v; v = v->next)
    if (clang_equalCursors(v->decl, decl))
      return v->root;
  ir_place *p = arena_alloc(fn->a, sizeof *p);
  CXCursor parent = clang_getCursorSemanticParent(decl);
  int local = k == CXCursor_ParmDecl || is_function_like(kind_of(parent));
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
  if (k == CXCursor_ParmDecl)
    p->root = IR_ROOT_PARAM;
  else if (local && sc == CX_SC_Extern)
    p->root = IR_ROOT_GLOBAL;
  else if (local)
    p->root = IR_ROOT_LOCAL;
  else
    p->root = IR_ROOT_GLOBAL;
  p->is_static = p->root == IR_ROOT_LOCAL && sc == CX_SC_Static;
  p->name = fe_str(fn->a, clang_getCursorSpelling(decl));
  CXType t = clang_getCursorType(decl);
  p->type_name = fe_type_name(fn->fu, t);
  p->is_pointer = (unsigned char)(is_pointerish(t) || fe_is_ref(t));
  if (p->root != IR_ROOT_GLOBAL)
    p->var = ++fn->nvars;
  fe_var *v = arena_alloc(fn->scratch, sizeof *v);
  v->decl = decl;
  v->root = p;
  v->id = p->var;
  v->next = fn->vars[h];
  fn->vars[h] = v;
  return p;
}

static ir_place *unknown_place(fe_fn *fn) {
  ir_place *p = arena_alloc(fn->a, sizeof *p);
  p->root = IR_ROOT_UNKNOWN;
  p->name = "";
  return p;
}

/* fe_is_ref: see fe_internal.h. */
int fe_is_ref(CXType t) {
  return t.kind == CXType_LValueReference || t.kind == CXType_RValueReference;
}

/* The place a variable or parameter designates: the variable itself, or for a
 * reference the object it refers to (*r). */
static ir_place *var_object(fe_fn *fn, CXCursor decl) {
  ir_place *p = fe_var_place(fn, decl);
  CXType t = clang_getCursorType(decl);
  if (!p || !fe_is_ref(t))
    return p;
  ir_place *d = ir_place_extend(fn->a, p, IR_STEP_DEREF, NULL);
  CXType pt = clang_getPointeeType(t);
  d->type_name = fe_type_name(fn->fu, pt);
  d->is_pointer = (unsigned char)is_pointerish(pt);
  return d;
}

/* fe_this_place: see fe_internal.h. */
ir_place *fe_this_place(fe_fn *fn) {
  if (!fn->this_place) {
    ir_place *p = arena_alloc(fn->a, sizeof *p);
    p->root = IR_ROOT_PARAM;
    p->name = "this";
    p->var = ++fn->nvars;
    p->is_pointer = 1;
    fn->this_place = p;
  }
  return fn->this_place;
}

static ir_place *this_place(fe_fn *fn) { return fe_this_place(fn); }

static void set_type(fe_fn *fn, ir_place *p, CXCursor c) {
  CXType t = clang_getCursorType(c);
  p->type_name = fe_type_name(fn->fu, t);
  p->is_pointer = (unsigned char)is_pointerish(t);
}

static ir_place *extend(fe_fn *fn, ir_place *base, ir_step_kind k, const char *field) {
  return ir_place_extend(fn->a, base, k, field);
}

/* fe_deref: *v as a place: &q -> q, p -> p[deref], anything else -> ?[deref]. */
ir_place *fe_deref(fe_fn *fn, ir_val v) {
  if (v.kind == IR_V_ADDR && v.place)
    return v.place;
  if (v.kind == IR_V_PLACE && v.place)
    return extend(fn, v.place, IR_STEP_DEREF, NULL);
  return extend(fn, unknown_place(fn), IR_STEP_DEREF, NULL);
}

static ir_place *deref_of(fe_fn *fn, ir_val v) { return fe_deref(fn, v); }

/* fe_addr_of: &p as a value; &*q is q. */
ir_val fe_addr_of(fe_fn *fn, ir_place *p) {
  if (!p)
    return val_unknown();
  if (p->nsteps && p->steps[p->nsteps - 1].kind == IR_STEP_DEREF) {
    ir_place *q = arena_alloc(fn->a, sizeof *q);
    *q = *p;
    q->nsteps--;
    q->type_name = NULL;
    q->is_pointer = 1;
    if (q->nsteps == 0 && p->root != IR_ROOT_UNKNOWN) {
      /* the root variable itself: keep its declared type */
      if (p->root == IR_ROOT_PARAM && p->name && strcmp(p->name, "this") == 0 && fn->this_place)
        return val_place(IR_V_PLACE, fn->this_place);
    }
    return val_place(IR_V_PLACE, q);
  }
  return val_place(IR_V_ADDR, p);
}

static ir_place *lower_place_inner(fe_fn *fn, CXCursor c);

/* fe_lower_place: the place an lvalue expression designates (NULL when it has
 * none we can name); calls inside it are emitted. */
ir_place *fe_lower_place(fe_fn *fn, CXCursor c) {
  CXCursor inner;
  for (int guard = 0; guard < 64 && wrapper_inner(fn, c, &inner); guard++)
    c = inner;
  if (!depth_enter(fn))
    return NULL;
  ir_place *p = lower_place_inner(fn, c);
  fn->depth--;
  return p;
}

static ir_place *lower_place_inner(fe_fn *fn, CXCursor c) {
  enum CXCursorKind k = kind_of(c);
  switch (k) {
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    return var_object(fn, ref);
  }
  case CXCursor_CallExpr: {
    /* a call that returns a reference designates *result; a prvalue of class
     * type is a temporary object */
    CXCursor ctor;
    if (fe_cxx_ctor_of(fn, c, &ctor)) {
      ir_val tv = fe_cxx_temporary(fn, ctor);
      return tv.kind == IR_V_PLACE ? tv.place : NULL;
    }
    CXCursor ref = clang_getCursorReferenced(c);
    ir_val sv;
    if (is_function_like(kind_of(ref)) && fe_cxx_special_call(fn, c, ref, &sv))
      return fe_is_ref(clang_getCursorResultType(ref)) &&
                     (sv.kind == IR_V_ADDR || sv.kind == IR_V_PLACE)
                 ? deref_of(fn, sv)
                 : NULL;
    int by_ref = is_function_like(kind_of(ref)) && fe_is_ref(clang_getCursorResultType(ref));
    ir_val v = fe_lower_val(fn, c);
    if (!by_ref || v.kind != IR_V_CALL)
      return NULL;
    /* the IR cannot root a place at a call result: name it through a temporary */
    ir_place *t = fe_temp_place(fn, NULL);
    t->type_name = fe_type_name(fn->fu, clang_getCursorResultType(ref));
    t->is_pointer = 1;
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
    e->dst = t;
    e->src = v;
    ir_place *d = extend(fn, t, IR_STEP_DEREF, NULL);
    set_type(fn, d, c);
    return d;
  }
  case CXCursor_MemberRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = kind_of(ref);
    if (rk != CXCursor_FieldDecl && rk != CXCursor_VarDecl)
      return NULL;
    const char *field = fe_str(fn->scratch, clang_getCursorSpelling(c));
    fe_kids kk = expr_kids(fn, c);
    ir_place *p;
    if (rk == CXCursor_VarDecl) { /* static data member */
      if (kk.n)
        (void)fe_lower_val(fn, kk.v[0]);
      return fe_var_place(fn, ref);
    }
    if (kk.n == 0) { /* implicit this->field */
      p = extend(fn, this_place(fn), IR_STEP_DEREF, NULL);
      p = extend(fn, p, IR_STEP_FIELD, field);
    } else {
      CXCursor base = kk.v[0];
      int arrow = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
      if (arrow) {
        ir_val bv = fe_lower_val(fn, base);
        p = extend(fn, deref_of(fn, bv), IR_STEP_FIELD, field);
      } else {
        ir_place *bp = fe_lower_place(fn, base);
        p = extend(fn, bp ? bp : unknown_place(fn), IR_STEP_FIELD, field);
      }
    }
    if (fe_is_ref(clang_getCursorType(ref))) { /* a reference member: its referent */
      p->type_name = fe_type_name(fn->fu, clang_getCursorType(ref));
      p->is_pointer = 1;
      p = extend(fn, p, IR_STEP_DEREF, NULL);
    }
    set_type(fn, p, c);
    return p;
  }
  case CXCursor_ArraySubscriptExpr: {
    fe_kids kk = expr_kids(fn, c);
    if (kk.n != 2)
      return NULL;
    CXCursor base = kk.v[0], idx = kk.v[1];
    if (!is_pointerish(clang_getCursorType(base)) && is_pointerish(clang_getCursorType(idx))) {
      CXCursor t = base; /* i[a] */
      base = idx;
      idx = t;
    }
    ir_val bv = fe_lower_val(fn, base);
    (void)fe_lower_val(fn, idx);
    ir_place *p;
    if (bv.kind == IR_V_ADDR && bv.place && bv.place->nsteps &&
        bv.place->steps[bv.place->nsteps - 1].kind == IR_STEP_INDEX) {
      /* a decayed array &a[]: the element place a[] itself (a copy: its type is set below) */
      p = ir_place_extend(fn->a, bv.place, IR_STEP_INDEX, NULL);
      p->nsteps--;
    } else if (bv.kind == IR_V_PLACE && bv.place)
      p = extend(fn, bv.place, IR_STEP_INDEX, NULL);
    else if (bv.kind == IR_V_ADDR && bv.place)
      p = extend(fn, bv.place, IR_STEP_INDEX, NULL);
    else
      p = extend(fn, unknown_place(fn), IR_STEP_INDEX, NULL);
    set_type(fn, p, c);
    return p;
  }
  case CXCursor_UnaryOperator: {
    fe_kids kk = expr_kids(fn, c);
    if (kk.n != 1)
      return NULL;
    const char *op = unary_op(fn, c);
    if (op && strcmp(op, "*") == 0) {
      ir_val v = fe_lower_val(fn, kk.v[0]);
      ir_place *p = deref_of(fn, v);
      if (v.kind != IR_V_ADDR) {
        set_type(fn, p, c);
      }
      return p;
    }
    (void)fe_lower_val(fn, c);
    return NULL;
  }
  default:
    (void)fe_lower_val(fn, c);
    return NULL;
  }
}

/* fe_catch_type: canonical spelling of t without references and cv-qualifiers
 * (interned), the key that matches a throw to a catch handler; NULL if invalid. */
const char *fe_catch_type(fe_fn *fn, CXType t) {
  t = clang_getCanonicalType(t);
  if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  if (t.kind == CXType_Invalid)
    return NULL;
  CXString s = clang_getTypeSpelling(t);
  const char *c = clang_getCString(s);
  char buf[512];
  snprintf(buf, sizeof buf, "%s", c ? c : "");
  clang_disposeString(s);
  for (int again = 1; again;) {
    again = 0;
    static const char *const quals[] = {"const ", "volatile "};
    for (size_t i = 0; i < 2; i++) {
      size_t n = strlen(quals[i]);
      if (strncmp(buf, quals[i], n) == 0) {
        memmove(buf, buf + n, strlen(buf + n) + 1);
        again = 1;
      }
    }
  }
  return buf[0] ? fe_intern(fn->fu, buf) : NULL;
}

/* ---- calls ---------------------------------------------------------------------------- */

typedef struct overload_ctx {
  CXCursor fn;
  const char *name;
  unsigned n;
} overload_ctx;

static enum CXChildVisitResult overload_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  overload_ctx *o = d;
  enum CXCursorKind k = kind_of(c);
  if (k != CXCursor_CXXMethod && k != CXCursor_Constructor && k != CXCursor_ConversionFunction &&
      k != CXCursor_FunctionTemplate)
    return CXChildVisit_Continue;
  CXString s = clang_getCursorSpelling(c);
  const char *cs = clang_getCString(s);
  if (cs && strcmp(cs, o->name) == 0)
    o->n++;
  clang_disposeString(s);
  return o->n > 1 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* The class that declares method c has several members of its name. */
static int overloaded(CXCursor c, const char *name) {
  CXCursor cls = clang_getCursorSemanticParent(c);
  CXCursor def = clang_getCursorDefinition(cls);
  overload_ctx o = {c, name, 0};
  clang_visitChildren(clang_Cursor_isNull(def) ? cls : def, overload_visit, &o);
  return o.n > 1;
}

static int word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Callee names have no blanks (summary files and rules separate words by them):
 * a blank between two words becomes '_' ("operator_bool", "const_Cred&"), any
 * other one is dropped ("Cred(int,int)"). */
static void no_blanks(char *s) {
  char *w = s;
  for (char *r = s; *r; r++) {
    if (*r != ' ') {
      *w++ = *r;
      continue;
    }
    if (w > s && word_char(w[-1]) && word_char(r[1]))
      *w++ = '_';
  }
  *w = 0;
}

/* fe_function_name: see fe_internal.h. */
const char *fe_function_name(fe_unit *fu, CXCursor ref) {
  enum CXCursorKind rk = kind_of(ref);
  CXString s = clang_getCursorSpelling(ref);
  const char *name = clang_getCString(s);
  const char *r;
  if (rk == CXCursor_CXXMethod || rk == CXCursor_Constructor || rk == CXCursor_Destructor ||
      rk == CXCursor_ConversionFunction) {
    CXString ps = clang_getCursorSpelling(clang_getCursorSemanticParent(ref));
    const char *pn = clang_getCString(ps);
    char buf[512];
    if (rk != CXCursor_Destructor && overloaded(ref, name ? name : "")) {
      /* overloads (constructors, above all) get their parameter types: Cred::Cred(int) */
      CXString ds = clang_getCursorDisplayName(ref);
      snprintf(buf, sizeof buf, "%s::%s", pn ? pn : "?",
               clang_getCString(ds) ? clang_getCString(ds) : "?");
      clang_disposeString(ds);
    } else {
      snprintf(buf, sizeof buf, "%s::%s", pn ? pn : "?", name ? name : "?");
    }
    no_blanks(buf);
    r = fe_intern(fu, buf);
    clang_disposeString(ps);
  } else {
    r = fe_intern(fu, name ? name : "");
  }
  clang_disposeString(s);
  return r;
}

/* fe_method_name: see fe_internal.h. */
const char *fe_method_name(fe_fn *fn, CXCursor ref) { return fe_function_name(fn->fu, ref); }

static const char *callee_method_name(fe_fn *fn, CXCursor ref) { return fe_method_name(fn, ref); }

/* fe_has_definition: see fe_internal.h. */
int fe_has_definition(CXCursor ref) {
  CXCursor d = clang_getCursorDefinition(ref);
  return !clang_Cursor_isNull(d) && clang_isCursorDefinition(d);
}

static int has_definition(CXCursor ref) { return fe_has_definition(ref); }

/* Whether a call may throw a C++ exception (for the edges to the handlers of an
 * enclosing try): not for the rules' APIs (C APIs returning a status), functions with
 * C language linkage (as with MSVC's /EHsc) and noexcept functions. */
static int may_throw(fe_fn *fn, CXCursor call, const ir_call *ic) {
  if (fn->fu->r && rules_match_call(fn->fu->r, ic))
    return 0;
  if (ic->indirect)
    return 1;
  CXCursor ref = clang_getCursorReferenced(call);
  if (clang_Cursor_isNull(ref) || clang_isInvalid(clang_getCursorKind(ref)))
    return 1;
  int es = clang_getCursorExceptionSpecificationType(ref);
  if (es == CXCursor_ExceptionSpecificationKind_BasicNoexcept ||
      es == CXCursor_ExceptionSpecificationKind_DynamicNone ||
      es == CXCursor_ExceptionSpecificationKind_NoThrow)
    return 0;
  if (clang_getCursorKind(ref) != CXCursor_FunctionDecl)
    return 1;
  CXString m = clang_Cursor_getMangling(ref);
  const char *ms = clang_getCString(m);
  int cxx = ms && strncmp(ms, "_Z", 2) == 0; /* Itanium mangling: C++ linkage */
  clang_disposeString(m);
  return cxx;
}

/* The function declaration says it never returns: in its type (__declspec(noreturn),
 * __attribute__((noreturn))) or as a keyword/attribute before its name (_Noreturn,
 * [[noreturn]]). */
static int decl_noreturn(fe_fn *fn, CXCursor ref) {
  enum CXCursorKind rk = clang_getCursorKind(ref);
  if (rk != CXCursor_FunctionDecl && rk != CXCursor_CXXMethod)
    return 0;
  CXString ts = clang_getTypeSpelling(clang_getCursorType(ref));
  const char *t = clang_getCString(ts);
  int nr = t && strstr(t, "noreturn") != NULL;
  clang_disposeString(ts);
  if (nr)
    return 1;
  CXTranslationUnit tu = clang_Cursor_getTranslationUnit(ref);
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(tu, clang_getCursorExtent(ref), &toks, &n);
  CXString name = clang_getCursorSpelling(ref);
  const char *nm = clang_getCString(name);
  for (unsigned i = 0; i < n && i < 64 && !nr; i++) {
    CXString sp = clang_getTokenSpelling(tu, toks[i]);
    const char *x = clang_getCString(sp);
    if (x && nm && strcmp(x, nm) == 0) {
      clang_disposeString(sp);
      break;
    }
    if (x && (strcmp(x, "_Noreturn") == 0 || strcmp(x, "noreturn") == 0))
      nr = 1;
    clang_disposeString(sp);
  }
  clang_disposeString(name);
  if (toks)
    clang_disposeTokens(tu, toks, n);
  (void)fn;
  return nr;
}

static ir_event *new_call_event(fe_fn *fn, const char *name, ir_loc loc) {
  ir_event *e = fe_emit(fn, IR_E_CALL, loc);
  e->call.id = fn->next_call++;
  e->call.name = name ? name : "";
  return e;
}

/* fe_emit_call: see fe_internal.h. */
ir_val fe_emit_call(fe_fn *fn, CXCursor c, const char *name, const char *type_name, int indirect,
                    int has_body, int first_arg, const ir_val *self, CXType fty) {
  int na = clang_Cursor_getNumArguments(c);
  if (na < 0)
    na = 0;
  unsigned n = na > first_arg ? (unsigned)(na - first_arg) : 0;
  unsigned off = self ? 1u : 0u;
  ir_val *args = n + off ? arena_alloc(fn->a, (n + off) * sizeof *args) : NULL;
  if (self)
    args[0] = *self;
  int nparams = fty.kind == CXType_FunctionProto ? clang_getNumArgTypes(fty) : 0;
  for (unsigned i = 0; i < n; i++) {
    CXCursor a = clang_Cursor_getArgument(c, (unsigned)first_arg + i);
    int by_ref = (int)i < nparams && fe_is_ref(clang_getArgType(fty, i));
    args[off + i] = by_ref ? fe_lower_addr(fn, a) : fe_lower_val(fn, a);
  }
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  int before = fn->edge_before;
  fn->edge_before = 0;
  ir_call probe;
  memset(&probe, 0, sizeof probe);
  probe.name = name ? name : "";
  probe.type_name = type_name;
  probe.indirect = (unsigned char)indirect;
  int throws = fn->scope && fn->scope->kind == FE_SC_CXXTRY && may_throw(fn, c, &probe);
  if (throws && before) {
    /* a constructor that throws has built nothing: the edge leaves before it */
    fn->exc_loc = loc;
    fe_note_call(fn);
    fe_exc_flush(fn);
  }
  ir_event *e = new_call_event(fn, name, loc);
  e->call.type_name = type_name;
  e->call.indirect = (unsigned char)indirect;
  e->call.has_body = (unsigned char)has_body;
  if (!indirect)
    e->call.noreturn = (unsigned char)decl_noreturn(fn, clang_getCursorReferenced(c));
  e->call.nargs = n + off;
  e->call.args = args;
  unsigned id = e->call.id;
  if (throws && !before) {
    fn->exc_loc = loc;
    fe_note_call(fn);
  }
  ir_val v = val_unknown();
  v.kind = IR_V_CALL;
  v.call = id;
  return v;
}

/* fe_emit_synth_call: see fe_internal.h. */
unsigned fe_emit_synth_call(fe_fn *fn, const char *name, int has_body, const ir_val *args,
                            unsigned nargs, ir_loc loc) {
  ir_val *a = nargs ? arena_alloc(fn->a, nargs * sizeof *a) : NULL;
  if (nargs)
    memcpy(a, args, nargs * sizeof *a);
  ir_event *e = new_call_event(fn, name, loc);
  e->call.has_body = (unsigned char)has_body;
  e->call.nargs = nargs;
  e->call.args = a;
  return e->call.id;
}

static ir_val emit_call(fe_fn *fn, CXCursor c, const char *name, const char *type_name,
                        int indirect, int has_body, int first_arg, CXType fty) {
  return fe_emit_call(fn, c, name, type_name, indirect, has_body, first_arg, NULL, fty);
}

/* The function type of a callee expression (through one pointer level). */
static CXType callee_fty(CXCursor callee) {
  CXType t = clang_getCanonicalType(clang_getCursorType(callee));
  if (t.kind == CXType_Pointer)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  return t;
}

static ir_val lower_call(fe_fn *fn, CXCursor c) {
  CXCursor ref = clang_getCursorReferenced(c);
  enum CXCursorKind rk = kind_of(ref);
  int na = clang_Cursor_getNumArguments(c);
  if (rk == CXCursor_Constructor) {
    if (na == 1 && (clang_CXXConstructor_isCopyConstructor(ref) ||
                    clang_CXXConstructor_isMoveConstructor(ref))) {
      CXCursor tc;
      if (fe_cxx_ctor_of(fn, clang_Cursor_getArgument(c, 0), &tc))
        return fe_cxx_temporary(fn, tc); /* a copy of a temporary is elided */
      if (fe_cxx_ctor_of(fn, c, &tc))
        return fe_cxx_temporary(fn, tc); /* a user copy/move constructor, std::unique_ptr */
      return fe_lower_val(fn, clang_Cursor_getArgument(c, 0));
    }
    return fe_cxx_temporary(fn, c);
  }
  fe_kids kk = expr_kids(fn, c);
  if ((clang_Cursor_isNull(ref) || clang_isInvalid(rk)) && na == 1 && kk.n == 1 &&
      clang_equalCursors(kk.v[0], clang_Cursor_getArgument(c, 0)))
    return fe_lower_val(fn, kk.v[0]); /* an implicit copy/move of a temporary */
  CXType rty = is_function_like(rk) ? clang_getCursorType(ref) : clang_getCursorType(c);
  ir_val special;
  if (is_function_like(rk) && fe_cxx_special_call(fn, c, ref, &special)) {
    /* a reference result is given as an address: the value is the referent's */
    if (fe_is_ref(clang_getCursorResultType(ref)) &&
        (special.kind == IR_V_ADDR || special.kind == IR_V_PLACE))
      return val_place(IR_V_PLACE, deref_of(fn, special));
    return special;
  }
  const char *spell = NULL;
  if (rk == CXCursor_FunctionDecl || rk == CXCursor_CXXMethod)
    spell = callee_method_name(fn, ref);
  if (spell && strncmp(spell, "__builtin_unreachable", 21) == 0 && rk == CXCursor_FunctionDecl) {
    fe_term_unreachable(fn);
    return val_unknown();
  }
  if (spell && strcmp(spell, "__builtin_expect") == 0 && na >= 1) {
    ir_val v = fe_lower_val(fn, clang_Cursor_getArgument(c, 0));
    if (na >= 2)
      (void)fe_lower_val(fn, clang_Cursor_getArgument(c, 1));
    return v;
  }
  /* Overloaded operators (C++): operator= on a copy is an assignment. */
  if (spell && (rk == CXCursor_CXXMethod || rk == CXCursor_FunctionDecl)) {
    CXString rs = clang_getCursorSpelling(ref);
    const char *rn = clang_getCString(rs);
    int is_op = rn && strncmp(rn, "operator", 8) == 0 &&
                (rn[8] == '=' || rn[8] == '(' || rn[8] == '[' || rn[8] == '-' || rn[8] == '+' ||
                 rn[8] == '*' || rn[8] == '<' || rn[8] == '>' || rn[8] == '!' || rn[8] == '&' ||
                 rn[8] == '|' || rn[8] == '^' || rn[8] == '%' || rn[8] == '/' || rn[8] == '~' ||
                 rn[8] == ',' || rn[8] == ' ');
    int is_assign = rn && strcmp(rn, "operator=") == 0;
    clang_disposeString(rs);
    /* a.operator=(b) is a member call (the callee names the method); a = b an
     * operator call whose arguments are all the operands */
    int member_syntax = kk.n && kind_of(fe_strip(kk.v[0])) == CXCursor_MemberRefExpr &&
                        clang_equalCursors(clang_getCursorReferenced(fe_strip(kk.v[0])), ref);
    if (is_op && na >= 1 && !member_syntax) {
      /* CXXOperatorCallExpr: every operand is an argument */
      if (is_assign && na == 2 && clang_CXXMethod_isDefaulted(ref)) {
        ir_val v = fe_lower_val(fn, clang_Cursor_getArgument(c, 1));
        ir_place *p = fe_lower_place(fn, clang_Cursor_getArgument(c, 0));
        ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
        e->dst = p;
        e->src = v;
        return v;
      }
      if (rk == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(ref)) {
        /* a member operator: the first operand is the object */
        ir_val self = fe_lower_addr(fn, clang_Cursor_getArgument(c, 0));
        return fe_emit_call(fn, c, spell, NULL, 0, has_definition(ref), 1, &self, rty);
      }
      return emit_call(fn, c, spell, NULL, 0, has_definition(ref), 0, rty);
    }
  }
  if (!kk.n)
    return emit_call(fn, c, spell ? spell : "", NULL, spell == NULL,
                     spell && has_definition(ref), 0, rty);
  /* The callee expression: f, t->Fn, t.Fn, pfn, (*pfn), obj.method */
  CXCursor callee = kk.v[0];
  for (int guard = 0; guard < 64; guard++) {
    CXCursor inner;
    if (wrapper_inner(fn, callee, &inner)) {
      callee = inner;
      continue;
    }
    if (kind_of(callee) == CXCursor_UnaryOperator) {
      fe_kids uk = expr_kids(fn, callee);
      if (uk.n == 1) {
        const char *op = unary_op(fn, callee);
        if (op && strcmp(op, "*") == 0) {
          callee = uk.v[0];
          continue;
        }
      }
    }
    break;
  }
  enum CXCursorKind ck = kind_of(callee);
  if (ck == CXCursor_DeclRefExpr) {
    CXCursor cref = clang_getCursorReferenced(callee);
    enum CXCursorKind crk = kind_of(cref);
    if (crk == CXCursor_FunctionDecl || crk == CXCursor_CXXMethod)
      return emit_call(fn, c, callee_method_name(fn, cref), NULL, 0, has_definition(cref), 0,
                       clang_getCursorType(cref));
    if (crk == CXCursor_VarDecl || crk == CXCursor_ParmDecl) {
      const char *nm = fe_str(fn->a, clang_getCursorSpelling(cref));
      const char *tn = typedef_name(fn->fu, clang_getCursorType(callee));
      return emit_call(fn, c, fe_intern(fn->fu, nm), tn, 1, 0, 0, callee_fty(callee));
    }
  } else if (ck == CXCursor_MemberRefExpr) {
    CXCursor mref = clang_getCursorReferenced(callee);
    enum CXCursorKind mk = kind_of(mref);
    fe_kids mk_kids = expr_kids(fn, callee);
    if (mk == CXCursor_CXXMethod || mk == CXCursor_Destructor || mk == CXCursor_ConversionFunction) {
      /* obj.m(a) -> Class::m(&obj, a); p->m(a) -> Class::m(p, a); m(a) in a method ->
       * Class::m(this, a). The object is evaluated first. */
      ir_val self = val_place(IR_V_PLACE, this_place(fn));
      if (mk_kids.n) {
        CXCursor base = mk_kids.v[0];
        int arrow = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
        self = arrow ? fe_lower_val(fn, base) : fe_lower_addr(fn, base);
      }
      int is_static = mk == CXCursor_CXXMethod && clang_CXXMethod_isStatic(mref);
      return fe_emit_call(fn, c, callee_method_name(fn, mref), NULL, 0, has_definition(mref), 0,
                          is_static ? NULL : &self, clang_getCursorType(mref));
    }
    if (mk_kids.n)
      (void)fe_lower_val(fn, mk_kids.v[0]); /* the object: calls in it happen first */
    const char *nm = fe_str(fn->scratch, clang_getCursorSpelling(callee));
    const char *tn = typedef_name(fn->fu, clang_getCursorType(callee));
    return emit_call(fn, c, fe_intern(fn->fu, nm), tn, 1, 0, 0, callee_fty(callee));
  }
  (void)fe_lower_val(fn, callee);
  return emit_call(fn, c, "", typedef_name(fn->fu, clang_getCursorType(callee)), 1, 0, 0,
                   callee_fty(callee));
}

/* ---- values ---------------------------------------------------------------------------- */

static ir_val lower_val_inner(fe_fn *fn, CXCursor c);

/* fe_lower_val: the value of expression c; emits the events of its calls and
 * assignments in evaluation order. */
ir_val fe_lower_val(fe_fn *fn, CXCursor c) {
  if (fn->overflow != FE_NONE)
    return val_unknown();
  enum CXCursorKind k = kind_of(c);
  int64_t cv;
  if (may_be_const(k) && k != CXCursor_DeclRefExpr && fe_try_const(fn, c, &cv))
    return val_const(cv, const_name(fn, c));
  CXCursor inner;
  if (wrapper_inner(fn, c, &inner)) {
    /* array-to-pointer decay: &a[any] */
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    CXType it = clang_getCanonicalType(clang_getCursorType(inner));
    if (k == CXCursor_UnexposedExpr && t.kind == CXType_Pointer && is_array_kind(it.kind)) {
      ir_place *p = fe_lower_place(fn, inner);
      if (!p)
        return val_unknown();
      ir_place *q = extend(fn, p, IR_STEP_INDEX, NULL);
      q->type_name = fe_type_name(fn->fu, clang_getArrayElementType(it));
      q->is_pointer = (unsigned char)is_pointerish(clang_getArrayElementType(it));
      return val_place(IR_V_ADDR, q);
    }
    return fe_lower_val(fn, inner);
  }
  if (!depth_enter(fn))
    return val_unknown();
  ir_val v = lower_val_inner(fn, c);
  fn->depth--;
  return v;
}

static ir_val lower_effects(fe_fn *fn, CXCursor c) {
  fe_kids kk = expr_kids(fn, c);
  for (unsigned i = 0; i < kk.n; i++)
    (void)fe_lower_val(fn, kk.v[i]);
  return val_unknown();
}

/* A new-expression (through casts and parentheses), or a null cursor. */
static CXCursor new_expr(CXCursor c) {
  CXCursor s = fe_strip(c);
  return kind_of(s) == CXCursor_CXXNewExpr ? s : clang_getNullCursor();
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

static int is_cmp(const char *op, ir_op *out);

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
    e->src = val_const(1, NULL);
  }
  fe_term_goto(fn, j);
  fn->cur = f;
  if (tmp) {
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, loc);
    e->dst = tmp;
    e->src = val_const(0, NULL);
  }
  fe_term_goto(fn, j);
  fn->cur = j;
  if (tmp)
    return val_place(IR_V_PLACE, tmp);
  if (r == FE_COND_TRUE || r == FE_COND_FALSE)
    return val_const(r == FE_COND_TRUE, NULL);
  ir_val v = val_unknown();
  v.kind = IR_V_CHOICE;
  v.cond = ac;
  v.a = arena_alloc(fn->a, sizeof *v.a);
  v.b = arena_alloc(fn->a, sizeof *v.b);
  *v.a = val_const(1, NULL);
  *v.b = val_const(0, NULL);
  return v;
}

static int is_cmp(const char *op, ir_op *out) {
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

static ir_val lower_val_inner(fe_fn *fn, CXCursor c) {
  enum CXCursorKind k = kind_of(c);
  switch (k) {
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = kind_of(ref);
    if (rk == CXCursor_EnumConstantDecl)
      return val_const((int64_t)clang_getEnumConstantDeclValue(ref),
                       fe_str(fn->a, clang_getCursorSpelling(ref)));
    if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl)
      return val_place(IR_V_PLACE, var_object(fn, ref));
    if (rk == CXCursor_FunctionDecl) {
      /* a function used as a value (ops->close = conn_close): a global place named
       * after it, so that the engine can resolve calls through the pointer */
      ir_place *fp = arena_alloc(fn->a, sizeof *fp);
      fp->root = IR_ROOT_GLOBAL;
      fp->name = fe_str(fn->a, clang_getCursorSpelling(ref));
      fp->is_pointer = 1;
      return val_place(IR_V_PLACE, fp);
    }
    return val_unknown();
  }
  case CXCursor_MemberRefExpr:
  case CXCursor_ArraySubscriptExpr:
    return val_place(IR_V_PLACE, fe_lower_place(fn, c));
  case CXCursor_CXXNullPtrLiteralExpr:
    return val_const(0, NULL);
  case CXCursor_CXXThisExpr:
    return val_place(IR_V_PLACE, this_place(fn));
  case CXCursor_UnaryOperator: {
    fe_kids kk = expr_kids(fn, c);
    if (kk.n != 1)
      return lower_effects(fn, c);
    CXCursor o = kk.v[0];
    const char *op = unary_op(fn, c);
    if (op && strcmp(op, "&") == 0) {
      CXCursor so = fe_strip(o);
      if (kind_of(so) == CXCursor_UnaryOperator) {
        fe_kids sk = expr_kids(fn, so);
        const char *sop = sk.n == 1 ? unary_op(fn, so) : NULL;
        if (sop && strcmp(sop, "*") == 0)
          return fe_lower_val(fn, sk.v[0]); /* &*p == p */
      }
      return fe_addr_of(fn, fe_lower_place(fn, o)); /* &r of a reference r is r */
    }
    if (op && strcmp(op, "*") == 0)
      return val_place(IR_V_PLACE, fe_lower_place(fn, c));
    if (op && strcmp(op, "!") == 0)
      return value_of_cond(fn, c);
    if (op && (strcmp(op, "++") == 0 || strcmp(op, "--") == 0)) {
      ir_place *p = fe_lower_place(fn, o);
      ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
      e->dst = p;
      e->src = val_unknown();
      return val_unknown();
    }
    (void)fe_lower_val(fn, o);
    return val_unknown();
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
    fe_kids kk = expr_kids(fn, c);
    if (kk.n != 2)
      return lower_effects(fn, c);
    const char *op = binary_op(fn, c);
    if (op && strcmp(op, "=") == 0)
      return lower_assign(fn, c, kk.v[0], kk.v[1]);
    ir_op cop;
    if (op && (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0 || is_cmp(op, &cop)))
      return value_of_cond(fn, c);
    if (op && strcmp(op, ",") == 0) {
      (void)fe_lower_val(fn, kk.v[0]);
      return fe_lower_val(fn, kk.v[1]);
    }
    (void)fe_lower_val(fn, kk.v[0]);
    (void)fe_lower_val(fn, kk.v[1]);
    return val_unknown();
  }
  case CXCursor_CompoundAssignOperator: {
    fe_kids kk = expr_kids(fn, c);
    if (kk.n != 2)
      return lower_effects(fn, c);
    (void)fe_lower_val(fn, kk.v[1]);
    ir_place *p = fe_lower_place(fn, kk.v[0]);
    ir_event *e = fe_emit(fn, IR_E_ASSIGN, fe_cursor_loc(fn->fu, c));
    e->dst = p;
    e->src = val_unknown();
    return val_unknown();
  }
  case CXCursor_ConditionalOperator: {
    fe_kids kk = expr_kids(fn, c);
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
      ir_val v = val_unknown();
      v.kind = IR_V_CHOICE;
      v.cond = ac;
      v.a = arena_alloc(fn->a, sizeof *v.a);
      v.b = arena_alloc(fn->a, sizeof *v.b);
      *v.a = va;
      *v.b = vb;
      return v;
    }
    return val_unknown();
  }
  case CXCursor_CallExpr:
    return lower_call(fn, c);
  case CXCursor_CXXNewExpr:
    return fe_cxx_new(fn, c, NULL, (ir_loc){0});
  case CXCursor_CXXDeleteExpr:
    fe_cxx_delete(fn, c);
    return val_unknown();
  case CXCursor_StmtExpr: {
    fe_kids kk = fe_children(fn, c);
    if (kk.n && kind_of(kk.v[0]) == CXCursor_CompoundStmt)
      return fe_lower_compound_value(fn, kk.v[0]);
    return val_unknown();
  }
  case CXCursor_CXXThrowExpr: {
    fe_kids kk = expr_kids(fn, c);
    const char *thrown = NULL;
    if (kk.n) {
      thrown = fe_catch_type(fn, clang_getCursorType(kk.v[0]));
      fe_cleanup *mark = fn->cleanup;
      (void)fe_lower_val(fn, kk.v[0]);
      fn->cleanup = mark; /* the exception object lives on */
    }
    fe_route_throw(fn, fe_cursor_loc(fn->fu, c), thrown);
    return val_unknown();
  }
  case CXCursor_LambdaExpr:
  case CXCursor_UnaryExpr: /* sizeof: not evaluated */
  case CXCursor_StringLiteral:
  case CXCursor_FloatingLiteral:
    return val_unknown();
  default:
    return lower_effects(fn, c);
  }
}

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

/* The first MemberRefExpr in c (pre-order), for SecIsValidHandle-like macros. */
typedef struct find_member {
  CXCursor found;
  int ok;
} find_member;

static enum CXChildVisitResult find_member_visit(CXCursor c, CXCursor p, CXClientData d) {
  (void)p;
  find_member *fm = d;
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
    for (int guard = 0; guard < 64 && wrapper_inner(fn, c, &inner); guard++)
      c = inner;
    if (kind_of(c) != CXCursor_BinaryOperator)
      return found;
    fe_kids kk = expr_kids(fn, c);
    if (kk.n != 2 || (found && !op_in_macro_body(c)))
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
  if (kind_of(st) == CXCursor_BinaryOperator || kind_of(st) == CXCursor_CompoundAssignOperator) {
    fe_kids kk = expr_kids(fn, st);
    for (unsigned i = 0; i < kk.n; i++)
      if (is_float_type(clang_getCursorType(kk.v[i])))
        return IR_WHY_FLOAT;
    op = binary_op(fn, st);
  } else if (kind_of(st) == CXCursor_UnaryOperator) {
    op = unary_op(fn, st);
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
  if (!depth_enter(fn)) {
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
        cd->rhs = val_const(m->rm->value, NULL);
        return emit_branch(fn, cd, t, f, out);
      }
    }
    if (m && m->rm && m->rm->kind == RM_VALID) {
      find_member fm = {clang_getNullCursor(), 0};
      clang_visitChildren(c, find_member_visit, &fm);
      if (fm.ok) {
        fe_kids mk = expr_kids(fn, fm.found);
        ir_cond *cd = new_cond(fn, IR_C_VALID, c);
        if (mk.n) {
          ir_val bv = fe_lower_val(fn, mk.v[0]);
          if (bv.kind == IR_V_ADDR || bv.kind == IR_V_PLACE)
            cd->place = deref_of(fn, bv);
        }
        if (!cd->place) {
          cd->kind = IR_C_UNKNOWN;
          cd->why = IR_WHY_VALID_ARG;
        }
        return emit_branch(fn, cd, t, f, out);
      }
    }
  }
  enum CXCursorKind k = kind_of(c);
  int64_t cv;
  if (may_be_const(k) && fe_try_const(fn, c, &cv)) {
    fe_term_goto(fn, cv ? t : f);
    return cv ? FE_COND_TRUE : FE_COND_FALSE;
  }
  CXCursor inner;
  if (wrapper_inner(fn, c, &inner))
    return fe_lower_cond(fn, inner, t, f, out);
  if (k == CXCursor_CallExpr) {
    CXCursor ref = clang_getCursorReferenced(c);
    if (kind_of(ref) == CXCursor_FunctionDecl && clang_Cursor_getNumArguments(c) >= 1) {
      CXString rs = clang_getCursorSpelling(ref);
      int expect = clang_getCString(rs) && strcmp(clang_getCString(rs), "__builtin_expect") == 0;
      clang_disposeString(rs);
      if (expect)
        return fe_lower_cond(fn, clang_Cursor_getArgument(c, 0), t, f, out);
    }
  }
  if (k == CXCursor_UnaryOperator) {
    fe_kids kk = expr_kids(fn, c);
    const char *op = kk.n == 1 ? unary_op(fn, c) : NULL;
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
    fe_kids kk = expr_kids(fn, c);
    const char *op = kk.n == 2 ? binary_op(fn, c) : NULL;
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
    if (is_cmp(op, &cop) && (cop == IR_EQ || cop == IR_NE) && fe_try_const(fn, kk.v[1], &zero) &&
        zero == 0 && kind_of(bits) == CXCursor_BinaryOperator && binary_op(fn, bits) &&
        strcmp(binary_op(fn, bits), "&") == 0) { /* (flags & HAVE_CTX) != 0 */
      fe_kids bk = expr_kids(fn, bits);
      if (bk.n == 2) {
        ir_cond *cd = new_cond(fn, IR_C_MASK, c);
        cd->lhs = fe_lower_val(fn, bk.v[0]);
        cd->rhs = fe_lower_val(fn, bk.v[1]);
        cd->op = cop;
        return emit_branch(fn, cd, t, f, out);
      }
    }
    if (is_cmp(op, &cop) &&
        (is_float_type(clang_getCursorType(kk.v[0])) || is_float_type(clang_getCursorType(kk.v[1])))) {
      (void)fe_lower_val(fn, kk.v[0]); /* their calls still happen */
      (void)fe_lower_val(fn, kk.v[1]);
      ir_cond *cd = new_cond(fn, IR_C_UNKNOWN, c);
      cd->why = IR_WHY_FLOAT;
      return emit_branch(fn, cd, t, f, out);
    }
    if (is_cmp(op, &cop)) {
      ir_cond *cd = new_cond(fn, IR_C_CMP, c);
      cd->lhs = fe_lower_val(fn, kk.v[0]);
      cd->rhs = fe_lower_val(fn, kk.v[1]);
      cd->op = cop;
      return emit_branch(fn, cd, t, f, out);
    }
  }
  if (k == CXCursor_ConditionalOperator) {
    fe_kids kk = expr_kids(fn, c);
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
    cd->rhs = val_const(0, NULL);
  }
  return emit_branch(fn, cd, t, f, out);
}

/* ---- statements made of expressions -------------------------------------------------- */

/* The handle a SecInvalidateHandle-like expansion writes: the base of the first
 * member access in the statement ((PSecHandle)&h)->dwLower -> h. */
static ir_place *invalidated_place(fe_fn *fn, CXCursor c) {
  find_member fm = {clang_getNullCursor(), 0};
  if (kind_of(c) == CXCursor_MemberRefExpr) {
    fm.found = c;
    fm.ok = 1;
  } else {
    clang_visitChildren(c, find_member_visit, &fm);
  }
  if (!fm.ok)
    return NULL;
  fe_kids mk = expr_kids(fn, fm.found);
  if (!mk.n)
    return NULL;
  ir_val bv = fe_lower_val(fn, mk.v[0]);
  if (bv.kind != IR_V_ADDR && bv.kind != IR_V_PLACE)
    return NULL;
  return deref_of(fn, bv);
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
    enum CXCursorKind k = kind_of(x);
    if (!clang_isExpression(k))
      continue;
    if (k == CXCursor_InitListExpr) {
      if (!all_zero(fn, x, depth + 1))
        return 0;
      continue;
    }
    if (k == CXCursor_UnexposedExpr && expr_kids(fn, x).n == 0)
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
      assign_at(fn, p, val_unknown(), loc);
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
  fe_kids kk = expr_kids(fn, list);
  unsigned pos = 0;
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = kk.v[i];
    ir_place *target = NULL;
    /* designated initialiser: MemberRef children name the path */
    fe_kids dk = fe_children(fn, x);
    if (kind_of(x) == CXCursor_UnexposedExpr && dk.n >= 2 &&
        kind_of(dk.v[0]) == CXCursor_MemberRef) {
      target = p;
      for (unsigned j = 0; j + 1 < dk.n && kind_of(dk.v[j]) == CXCursor_MemberRef; j++) {
        const char *fname = fe_str(fn->scratch, clang_getCursorSpelling(dk.v[j]));
        target = extend(fn, target, IR_STEP_FIELD, fname);
        if (j == 0)
          for (unsigned q = 0; q < fl.n; q++)
            if (strcmp(fl.names[q], fname) == 0)
              pos = q + 1;
      }
      x = dk.v[dk.n - 1];
    } else if (is_array && kind_of(x) == CXCursor_UnexposedExpr && dk.n >= 2 &&
               clang_isExpression(kind_of(dk.v[dk.n - 1]))) {
      target = extend(fn, p, IR_STEP_INDEX, NULL); /* [i] = value */
      x = dk.v[dk.n - 1];
    } else if (is_record && pos < fl.n) {
      target = extend(fn, p, IR_STEP_FIELD, fl.names[pos++]);
    } else if (is_array) {
      target = extend(fn, p, IR_STEP_INDEX, NULL);
    } else if (!is_record && !is_array && i == 0) {
      target = p;
    }
    if (!target) {
      (void)fe_lower_val(fn, x);
      continue;
    }
    if (kind_of(x) == CXCursor_InitListExpr) {
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
  for (int guard = 0; guard < 64 && kind_of(si) == CXCursor_UnexposedExpr &&
                      wrapper_inner(fn, si, &inner);
       guard++)
    si = inner;
  if (kind_of(si) == CXCursor_InitListExpr) {
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
    return val_unknown();
  CXCursor call;
  if (fe_cxx_ctor_of(fn, c, &call)) {
    ir_val tv = fe_cxx_temporary(fn, call);
    return tv.kind == IR_V_PLACE ? fe_addr_of(fn, tv.place) : tv;
  }
  ir_place *p = fe_lower_place(fn, c);
  return p ? fe_addr_of(fn, p) : val_unknown();
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
  if (clang_Cursor_isNull(init) || !clang_isExpression(kind_of(init))) {
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
