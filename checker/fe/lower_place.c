/* lower_place.c - the places expressions name: variables, members, dereferences, this,
 * and the names of the functions they call.
 *
 * Part of the expression lowering (lower_expr.c has the values; the helpers all four
 * parts share are declared in fe_internal.h, "lower_expr.c and its parts"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe_internal.h"

/* ---- places ------------------------------------------------------------------------- */

int fe_is_function_like(enum CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction ||
         k == CXCursor_FunctionTemplate || k == CXCursor_LambdaExpr;
}

/* fe_var_place: the root place of variable/parameter declaration decl (cached). */
ir_place *fe_var_place(fe_fn *fn, CXCursor decl) {
  enum CXCursorKind k = fe_kind_of(decl);
  if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
    return NULL;
  unsigned h = clang_hashCursor(decl) % FE_VAR_BUCKETS;
  for (fe_var *v = fn->vars[h]; v; v = v->next)
    if (clang_equalCursors(v->decl, decl))
      return v->root;
  ir_place *p = arena_alloc(fn->a, sizeof *p);
  CXCursor parent = clang_getCursorSemanticParent(decl);
  int local = k == CXCursor_ParmDecl || fe_is_function_like(fe_kind_of(parent));
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
  p->is_pointer = (unsigned char)(fe_is_pointerish(t) || fe_is_ref(t));
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
ir_place *fe_var_object(fe_fn *fn, CXCursor decl) {
  ir_place *p = fe_var_place(fn, decl);
  CXType t = clang_getCursorType(decl);
  if (!p || !fe_is_ref(t))
    return p;
  ir_place *d = ir_place_extend(fn->a, p, IR_STEP_DEREF, NULL);
  CXType pt = clang_getPointeeType(t);
  d->type_name = fe_type_name(fn->fu, pt);
  d->is_pointer = (unsigned char)fe_is_pointerish(pt);
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


static void set_type(fe_fn *fn, ir_place *p, CXCursor c) {
  CXType t = clang_getCursorType(c);
  p->type_name = fe_type_name(fn->fu, t);
  p->is_pointer = (unsigned char)fe_is_pointerish(t);
}

ir_place *fe_extend(fe_fn *fn, ir_place *base, ir_step_kind k, const char *field) {
  return ir_place_extend(fn->a, base, k, field);
}

/* fe_deref: *v as a place: &q -> q, p -> p[deref], anything else -> ?[deref]. */
ir_place *fe_deref(fe_fn *fn, ir_val v) {
  if (v.kind == IR_V_ADDR && v.place)
    return v.place;
  if (v.kind == IR_V_PLACE && v.place)
    return fe_extend(fn, v.place, IR_STEP_DEREF, NULL);
  return fe_extend(fn, unknown_place(fn), IR_STEP_DEREF, NULL);
}


/* fe_addr_of: &p as a value; &*q is q. */
ir_val fe_addr_of(fe_fn *fn, ir_place *p) {
  if (!p)
    return fe_val_unknown();
  if (p->nsteps && p->steps[p->nsteps - 1].kind == IR_STEP_DEREF) {
    ir_place *q = arena_alloc(fn->a, sizeof *q);
    *q = *p;
    q->nsteps--;
    q->type_name = NULL;
    q->is_pointer = 1;
    if (q->nsteps == 0 && p->root != IR_ROOT_UNKNOWN) {
      /* the root variable itself: keep its declared type */
      if (p->root == IR_ROOT_PARAM && p->name && strcmp(p->name, "this") == 0 && fn->this_place)
        return fe_val_place(IR_V_PLACE, fn->this_place);
    }
    return fe_val_place(IR_V_PLACE, q);
  }
  return fe_val_place(IR_V_ADDR, p);
}

static ir_place *lower_place_inner(fe_fn *fn, CXCursor c);

/* fe_lower_place: the place an lvalue expression designates (NULL when it has
 * none we can name); calls inside it are emitted. */
ir_place *fe_lower_place(fe_fn *fn, CXCursor c) {
  CXCursor inner;
  for (int guard = 0; guard < 64 && fe_wrapper_inner(fn, c, &inner); guard++)
    c = inner;
  if (!fe_depth_enter(fn))
    return NULL;
  ir_place *p = lower_place_inner(fn, c);
  fn->depth--;
  return p;
}

static ir_place *lower_place_inner(fe_fn *fn, CXCursor c) {
  enum CXCursorKind k = fe_kind_of(c);
  switch (k) {
  case CXCursor_DeclRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    return fe_var_object(fn, ref);
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
    if (fe_is_function_like(fe_kind_of(ref)) && fe_cxx_special_call(fn, c, ref, &sv))
      return fe_is_ref(clang_getCursorResultType(ref)) &&
                     (sv.kind == IR_V_ADDR || sv.kind == IR_V_PLACE)
                 ? fe_deref(fn, sv)
                 : NULL;
    int by_ref = fe_is_function_like(fe_kind_of(ref)) && fe_is_ref(clang_getCursorResultType(ref));
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
    ir_place *d = fe_extend(fn, t, IR_STEP_DEREF, NULL);
    set_type(fn, d, c);
    return d;
  }
  case CXCursor_MemberRefExpr: {
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = fe_kind_of(ref);
    if (rk != CXCursor_FieldDecl && rk != CXCursor_VarDecl)
      return NULL;
    const char *field = fe_str(fn->scratch, clang_getCursorSpelling(c));
    fe_kids kk = fe_expr_kids(fn, c);
    ir_place *p;
    if (rk == CXCursor_VarDecl) { /* static data member */
      if (kk.n)
        (void)fe_lower_val(fn, kk.v[0]);
      return fe_var_place(fn, ref);
    }
    if (kk.n == 0) { /* implicit this->field */
      p = fe_extend(fn, fe_this_place(fn), IR_STEP_DEREF, NULL);
      p = fe_extend(fn, p, IR_STEP_FIELD, field);
    } else {
      CXCursor base = kk.v[0];
      int arrow = clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer;
      if (arrow) {
        ir_val bv = fe_lower_val(fn, base);
        p = fe_extend(fn, fe_deref(fn, bv), IR_STEP_FIELD, field);
      } else {
        ir_place *bp = fe_lower_place(fn, base);
        p = fe_extend(fn, bp ? bp : unknown_place(fn), IR_STEP_FIELD, field);
      }
    }
    if (fe_is_ref(clang_getCursorType(ref))) { /* a reference member: its referent */
      p->type_name = fe_type_name(fn->fu, clang_getCursorType(ref));
      p->is_pointer = 1;
      p = fe_extend(fn, p, IR_STEP_DEREF, NULL);
    }
    set_type(fn, p, c);
    return p;
  }
  case CXCursor_ArraySubscriptExpr: {
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 2)
      return NULL;
    CXCursor base = kk.v[0], idx = kk.v[1];
    if (!fe_is_pointerish(clang_getCursorType(base)) && fe_is_pointerish(clang_getCursorType(idx))) {
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
      p = fe_extend(fn, bv.place, IR_STEP_INDEX, NULL);
    else if (bv.kind == IR_V_ADDR && bv.place)
      p = fe_extend(fn, bv.place, IR_STEP_INDEX, NULL);
    else
      p = fe_extend(fn, unknown_place(fn), IR_STEP_INDEX, NULL);
    set_type(fn, p, c);
    return p;
  }
  case CXCursor_UnaryOperator: {
    fe_kids kk = fe_expr_kids(fn, c);
    if (kk.n != 1)
      return NULL;
    const char *op = fe_unary_op(fn, c);
    if (op && strcmp(op, "*") == 0) {
      ir_val v = fe_lower_val(fn, kk.v[0]);
      ir_place *p = fe_deref(fn, v);
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
