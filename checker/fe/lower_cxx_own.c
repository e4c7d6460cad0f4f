/* lower_cxx_own.c - C++ ownership the library spells: new and delete (allocations and
 * destructor calls on the object deleted), std::unique_ptr (a pointer whose deleter
 * runs at its destruction, reset, release) and std::move. The object lifetimes these
 * build on are lower_cxx.c's. */
#include <stdio.h>
#include <string.h>

#include "fe_internal.h"

/* ---- new and delete --------------------------------------------------------------------- */

static int tok_is(fe_fn *fn, int i, const char *s) {
  return i >= 0 && (unsigned)i < fn->ntoks && strcmp(fn->toks[i].sp, s) == 0;
}

/* Index of the token that closes the bracket opened at token i (or -1). */
static int tok_close(fe_fn *fn, int i, unsigned end) {
  int depth = 0;
  for (int j = i; j >= 0 && (unsigned)j < fn->ntoks && fn->toks[j].off < end; j++) {
    const char *s = fn->toks[j].sp;
    if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{"))
      depth++;
    else if ((!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}")) && --depth == 0)
      return j;
  }
  return -1;
}

/* The keyword token (new/delete) of expression c, after an optional `::`; -1 when
 * its tokens cannot be seen (a macro). */
static int keyword_tok(fe_fn *fn, CXCursor c, const char *kw, unsigned *end) {
  fe_pos s, e;
  fe_extent_pos(c, &s, &e);
  if (s.file != fn->file || e.file != s.file)
    return -1;
  *end = e.off;
  int i = fe_tok_at(fn, s.off);
  if (tok_is(fn, i, "::"))
    i++;
  return tok_is(fn, i, kw) ? i : -1;
}

/* fe_cxx_new: see fe_internal.h. */
ir_val fe_cxx_new(fe_fn *fn, CXCursor c, ir_place *dst, ir_loc dst_loc) {
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  fe_kids kk = fe_children(fn, c);
  unsigned end = 0;
  int kw = keyword_tok(fn, c, "new", &end);
  unsigned pl_end = 0, br_open = 0, br_close = 0;
  int placement = 0, array = 0;
  if (kw >= 0) {
    int i = kw + 1;
    if (tok_is(fn, i, "(")) {
      int cl = tok_close(fn, i, end);
      if (cl > 0) {
        placement = 1;
        pl_end = fn->toks[cl].off;
        i = cl + 1;
      }
    }
    /* the type, up to ( { [ or the end */
    int depth = 0;
    for (; i >= 0 && (unsigned)i < fn->ntoks && fn->toks[i].off < end; i++) {
      const char *s = fn->toks[i].sp;
      if (!strcmp(s, "<"))
        depth++;
      else if (!strcmp(s, ">") && depth > 0)
        depth--;
      else if (depth == 0 && (!strcmp(s, "(") || !strcmp(s, "{")))
        break;
      else if (depth == 0 && !strcmp(s, "[")) {
        int cl = tok_close(fn, i, end);
        array = 1;
        br_open = fn->toks[i].off;
        br_close = cl > 0 ? fn->toks[cl].off : end;
        break;
      }
    }
  }
  ir_val res = fe_val_unknown();
  int have_res = 0;
  CXCursor init = clang_getNullCursor();
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = kk.v[i];
    if (!clang_isExpression(fe_kind_of(x)))
      continue;
    unsigned o = fe_cxx_off(x);
    if (placement && o < pl_end) {
      ir_val v = fe_lower_val(fn, x);
      if (!have_res) {
        res = v; /* placement new: the storage given */
        have_res = 1;
      }
    } else if (array && o > br_open && o < br_close) {
      (void)fe_lower_val(fn, x); /* the size */
    } else {
      init = x;
    }
  }
  if (!placement) {
    unsigned id = fe_emit_synth_call(fn, array ? "new[]" : "new", 0, NULL, 0, loc);
    res = fe_val_unknown();
    res.kind = IR_V_CALL;
    res.call = id;
  }
  if (dst) {
    fe_cxx_assign(fn, dst, res, dst_loc);
    res = fe_val_place(IR_V_PLACE, dst);
  }
  if (!clang_Cursor_isNull(init)) {
    CXCursor call;
    if (fe_cxx_ctor_of(fn, init, &call))
      fe_cxx_construct(fn, call, res, NULL);
    else if (res.kind == IR_V_PLACE || res.kind == IR_V_ADDR)
      fe_lower_init(fn, fe_deref(fn, res), clang_getCursorType(init), init, loc);
    else
      (void)fe_lower_val(fn, init);
  }
  return res;
}

/* fe_cxx_delete: see fe_internal.h. */
void fe_cxx_delete(fe_fn *fn, CXCursor c) {
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  unsigned end = 0;
  int kw = keyword_tok(fn, c, "delete", &end);
  int array = kw >= 0 && tok_is(fn, kw + 1, "[");
  fe_kids kk = fe_children(fn, c);
  CXCursor op = clang_getNullCursor();
  for (unsigned i = 0; i < kk.n && clang_Cursor_isNull(op); i++)
    if (clang_isExpression(fe_kind_of(kk.v[i])))
      op = kk.v[i];
  if (clang_Cursor_isNull(op))
    return;
  ir_val v = fe_lower_val(fn, op);
  CXType pt = clang_getCanonicalType(clang_getCursorType(op));
  if (pt.kind == CXType_Pointer) {
    CXType t = clang_getPointeeType(pt);
    if (fe_cxx_needs_dtor(fn, t)) {
      /* the static type's destructor (a virtual one may be another class's) */
      ir_place *obj = array && v.kind == IR_V_PLACE
                          ? ir_place_extend(fn->a, v.place, IR_STEP_INDEX, NULL) /* p[] */
                          : fe_deref(fn, v);
      fe_cxx_destroy_depth(fn, obj, t, loc, 0);
    }
  }
  (void)fe_emit_synth_call(fn, array ? "delete[]" : "delete", 0, &v, 1, loc);
}

/* ---- std::unique_ptr, std::move ------------------------------------------------------------ */

/* unique_ptr<T, D> p(args) at target: p.get() = the pointer (or 0; or taken from
 * another unique_ptr, which is left empty). */
void fe_cxx_unique_construct(fe_fn *fn, CXCursor call, ir_place *target, ir_loc loc) {
  int na = clang_Cursor_getNumArguments(call);
  ir_place *ptr = fe_cxx_named_member(fn, target, FE_CXX_UP_PTR, 1);
  ir_val v = fe_val_const(0, NULL);
  for (int i = 0; i < na; i++) {
    CXCursor a = clang_Cursor_getArgument(call, (unsigned)i);
    CXType at = clang_getCanonicalType(clang_getCursorType(a));
    if (i == 0 && fe_cxx_is_std_class(fe_cxx_record_def(at), "unique_ptr")) {
      ir_place *src = fe_lower_place(fn, a);
      if (src) {
        ir_place *sp = fe_cxx_named_member(fn, src, FE_CXX_UP_PTR, 1);
        v = fe_val_place(IR_V_PLACE, sp);
        ir_place *t = fe_temp_place(fn, NULL);
        t->is_pointer = 1;
        fe_cxx_assign(fn, t, v, loc);
        fe_cxx_assign(fn, sp, fe_val_const(0, NULL), loc);
        v = fe_val_place(IR_V_PLACE, t);
      } else {
        v = fe_val_unknown();
      }
    } else if (i == 0) {
      v = fe_lower_val(fn, a);
    } else {
      (void)fe_lower_val(fn, a); /* the deleter */
    }
  }
  fe_cxx_assign(fn, ptr, v, loc);
}

/* The object a member call c of a unique_ptr works on (operator syntax: its first
 * operand, *first_arg = 1). */
static ir_place *member_object(fe_fn *fn, CXCursor c, CXCursor ref, int *first_arg) {
  *first_arg = 0;
  fe_kids kk = fe_children(fn, c);
  for (unsigned i = 0; i < kk.n; i++) {
    CXCursor x = fe_strip(kk.v[i]);
    if (fe_kind_of(x) == CXCursor_MemberRefExpr &&
        clang_equalCursors(clang_getCursorReferenced(x), ref)) {
      fe_kids mk = fe_children(fn, x);
      for (unsigned j = 0; j < mk.n; j++)
        if (clang_isExpression(fe_kind_of(mk.v[j]))) {
          CXCursor base = mk.v[j];
          if (clang_getCanonicalType(clang_getCursorType(base)).kind == CXType_Pointer)
            return fe_deref(fn, fe_lower_val(fn, base));
          return fe_lower_place(fn, base);
        }
      return fe_deref(fn, fe_val_place(IR_V_PLACE, fe_this_place(fn)));
    }
  }
  if (clang_Cursor_getNumArguments(c) < 1)
    return NULL;
  *first_arg = 1;
  return fe_lower_place(fn, clang_Cursor_getArgument(c, 0));
}

/* p.reset(v) / p = nullptr / p = std::move(q): the old pointer is deleted when not
 * null, p.get() becomes v. */
static void unique_reset(fe_fn *fn, ir_place *obj, CXType t, ir_val v, ir_loc loc) {
  ir_place *ptr = fe_cxx_named_member(fn, obj, FE_CXX_UP_PTR, 1);
  ir_place *old = fe_temp_place(fn, NULL);
  old->is_pointer = 1;
  fe_cxx_assign(fn, old, fe_val_place(IR_V_PLACE, ptr), loc);
  fe_cxx_assign(fn, ptr, v, loc);
  ir_val ov = fe_val_place(IR_V_PLACE, old);
  unsigned yes = fe_new_block(fn), join = fe_new_block(fn);
  fe_term_branch(fn, fe_cxx_nonzero(fn, ov, loc), yes, join, loc);
  fn->cur = yes;
  fe_cxx_unique_delete(fn, obj, t, ov, loc, 0);
  fe_term_goto(fn, join);
  fn->cur = join;
}

/* The value of the pointer taken out of unique_ptr expression a (std::move(q)
 * or a temporary), leaving it empty; unknown for anything else. */
static ir_val unique_take(fe_fn *fn, CXCursor a, ir_loc loc) {
  ir_place *src = fe_lower_place(fn, a); /* a temporary is materialised */
  if (!src)
    return fe_val_unknown();
  ir_place *sp = fe_cxx_named_member(fn, src, FE_CXX_UP_PTR, 1);
  ir_place *t = fe_temp_place(fn, NULL);
  t->is_pointer = 1;
  fe_cxx_assign(fn, t, fe_val_place(IR_V_PLACE, sp), loc);
  fe_cxx_assign(fn, sp, fe_val_const(0, NULL), loc);
  return fe_val_place(IR_V_PLACE, t);
}

static int unique_member(fe_fn *fn, CXCursor c, CXCursor ref, ir_val *out) {
  CXCursor cls = clang_getCursorSemanticParent(ref);
  CXType t = clang_getCursorType(cls);
  CXString s = clang_getCursorSpelling(ref);
  char name[32];
  snprintf(name, sizeof name, "%s", clang_getCString(s) ? clang_getCString(s) : "");
  clang_disposeString(s);
  ir_loc loc = fe_cursor_loc(fn->fu, c);
  int first = 0;
  ir_place *obj = member_object(fn, c, ref, &first);
  if (!obj) {
    *out = fe_val_unknown();
    return 0;
  }
  int na = clang_Cursor_getNumArguments(c) - first;
  ir_place *ptr = fe_cxx_named_member(fn, obj, FE_CXX_UP_PTR, 1);
  if (!strcmp(name, "get") || !strcmp(name, "operator->") || !strcmp(name, "operator bool") ||
      !strcmp(name, "operator*")) {
    *out = fe_val_place(IR_V_PLACE, ptr); /* operator*: T& given as its address */
    return 1;
  }
  if (!strcmp(name, "get_deleter")) {
    *out = fe_addr_of(fn, fe_cxx_named_member(fn, obj, FE_CXX_UP_DEL, 0));
    return 1;
  }
  if (!strcmp(name, "release")) {
    ir_place *tmp = fe_temp_place(fn, NULL);
    tmp->is_pointer = 1;
    fe_cxx_assign(fn, tmp, fe_val_place(IR_V_PLACE, ptr), loc);
    fe_cxx_assign(fn, ptr, fe_val_const(0, NULL), loc);
    *out = fe_val_place(IR_V_PLACE, tmp);
    return 1;
  }
  if (!strcmp(name, "reset") || !strcmp(name, "operator=")) {
    ir_val v = fe_val_const(0, NULL);
    if (na >= 1) {
      CXCursor a = clang_Cursor_getArgument(c, (unsigned)first);
      CXType at = clang_getCanonicalType(clang_getCursorType(a));
      if (fe_cxx_is_std_class(fe_cxx_record_def(at), "unique_ptr"))
        v = unique_take(fn, a, loc);
      else if (fe_kind_of(a) == CXCursor_UnexposedExpr && fe_children(fn, a).n == 0)
        v = fe_val_const(0, NULL); /* reset(): the default argument nullptr */
      else
        v = fe_lower_val(fn, a);
    }
    unique_reset(fn, obj, t, v, loc);
    *out = fe_addr_of(fn, obj);
    return 1;
  }
  if (!strcmp(name, "swap") && na == 1) {
    ir_place *other = fe_lower_place(fn, clang_Cursor_getArgument(c, (unsigned)first));
    if (other) {
      ir_place *op = fe_cxx_named_member(fn, other, FE_CXX_UP_PTR, 1);
      ir_place *tmp = fe_temp_place(fn, NULL);
      tmp->is_pointer = 1;
      fe_cxx_assign(fn, tmp, fe_val_place(IR_V_PLACE, ptr), loc);
      fe_cxx_assign(fn, ptr, fe_val_place(IR_V_PLACE, op), loc);
      fe_cxx_assign(fn, op, fe_val_place(IR_V_PLACE, tmp), loc);
    }
    *out = fe_val_unknown();
    return 1;
  }
  /* anything else: the object is used, nothing changes */
  for (int i = first; i < clang_Cursor_getNumArguments(c); i++)
    (void)fe_lower_val(fn, clang_Cursor_getArgument(c, (unsigned)i));
  *out = fe_val_unknown();
  return 1;
}

/* fe_cxx_special_call: see fe_internal.h. */
int fe_cxx_special_call(fe_fn *fn, CXCursor c, CXCursor ref, ir_val *out) {
  if (!fn->fu->is_cxx)
    return 0;
  enum CXCursorKind rk = fe_kind_of(ref);
  CXCursor parent = clang_getCursorSemanticParent(ref);
  if (rk == CXCursor_FunctionDecl && fe_kind_of(parent) == CXCursor_Namespace &&
      clang_Cursor_getNumArguments(c) == 1 &&
      (fe_cxx_cursor_named(ref, "move") || fe_cxx_cursor_named(ref, "forward") ||
       fe_cxx_cursor_named(ref, "addressof"))) {
    CXCursor p = parent;
    int in_std = 0;
    for (int guard = 0; guard < 4 && fe_kind_of(p) == CXCursor_Namespace && !in_std; guard++) {
      in_std = fe_cxx_cursor_named(p, "std");
      p = clang_getCursorSemanticParent(p);
    }
    if (!in_std)
      return 0;
    *out = fe_lower_addr(fn, clang_Cursor_getArgument(c, 0)); /* a reference or &x */
    return 1;
  }
  if ((rk == CXCursor_CXXMethod || rk == CXCursor_ConversionFunction) &&
      fe_cxx_is_std_class(parent, "unique_ptr"))
    return unique_member(fn, c, ref, out);
  return 0;
}
